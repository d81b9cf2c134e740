package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/joho/godotenv"
)

// loadDotEnv reads path (a .env file) and sets every variable it defines that the real
// environment leaves unset. A missing file is not an error. A file that does not parse
// is reported with the number of the line where parsing first fails for good.
func loadDotEnv(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	vars, err := godotenv.UnmarshalBytes(data)
	if err != nil {
		return fmt.Errorf("%s line %d: %v", path, badDotEnvLine(string(data)), err)
	}
	for k, v := range vars {
		if _, set := os.LookupEnv(k); !set {
			if err := os.Setenv(k, v); err != nil {
				return fmt.Errorf("%s: set %s: %w", path, k, err)
			}
		}
	}
	return nil
}

// badDotEnvLine returns the 1-based number of the line from which every longer prefix
// of text fails to parse: the line that breaks the file, even after a multi-line
// quoted value that parses once closed.
func badDotEnvLine(text string) int {
	lines := strings.Split(text, "\n")
	n := len(lines)
	for n > 0 {
		if _, err := godotenv.Unmarshal(strings.Join(lines[:n-1], "\n")); err == nil {
			break
		}
		n--
	}
	return max(n, 1)
}

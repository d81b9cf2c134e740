// Command careerbot is a career advisor bot for Discord and Slack communities that
// answers questions about the Health Information Technician career from a curated,
// cited corpus. Run "careerbot help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// A .env file fills in what the real environment leaves unset.
	if err := loadDotEnv(".env"); err != nil {
		fmt.Fprintf(os.Stderr, "careerbot: %v (fix that line or remove the file)\n", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one careerbot command line and returns the process exit status:
// 0 on success, 2 for bad usage, 1 for any other failure (with a one-line message on
// stderr naming the cause and the fix).
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if getenv == nil {
		getenv = os.Getenv
	}
	a := &app{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	defer a.close()
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "careerbot: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// usageError marks a command-line mistake (exit status 2).
type usageError struct{ error }

// Unwrap returns the underlying error, so errors.Is and errors.As see through it.
func (e usageError) Unwrap() error { return e.error }

// usagef returns a usageError.
func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

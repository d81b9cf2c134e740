package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runCLI runs one careerbot command line with env as the whole environment and
// returns its exit status and output.
func runCLI(tb testing.TB, env map[string]string, args ...string) (code int, stdout, stderr string) {
	tb.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code = run(context.Background(), args, getenv, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

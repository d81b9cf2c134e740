package main

import (
	"bytes"
	"context"
	"encoding/json"
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

// reportAfter runs "careerbot report --json args…" with env, as a new process
// would, and decodes its output.
func reportAfter(t *testing.T, env map[string]string, args ...string) reportJSON {
	t.Helper()
	code, stdout, stderr := runCLI(t, env, append([]string{"report", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("report --json: exit %d: %s", code, stderr)
	}
	var rep reportJSON
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("report --json: %v\n%s", err, stdout)
	}
	return rep
}

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestUsageErrors checks the command line as a newcomer meets it: mistakes exit 2
// with a message that says what to type instead.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		want     []string // substrings of stderr
		notWant  []string
	}{
		{name: "UnknownCommand", args: []string{"nosuch"}, wantCode: 2, want: []string{`unknown command "nosuch"`, "careerbot help"}},
		{name: "UnknownCommandSuggestion", args: []string{"asks"}, wantCode: 2, want: []string{"did you mean 'careerbot ask'"}},
		{name: "UnknownSubcommand", args: []string{"corpus", "nope"}, wantCode: 2, want: []string{`unknown command "nope" for "careerbot corpus"`}},
		{name: "AskWithoutQuestion", args: []string{"ask"}, wantCode: 2, want: []string{`try: careerbot ask "What does an RHIT do?"`}, notWant: []string{"arg(s)"}},
		{name: "SearchWithoutQuery", args: []string{"search"}, wantCode: 2, want: []string{"try: careerbot search"}},
		{name: "SummaryWithoutTopic", args: []string{"summary"}, wantCode: 2, want: []string{"try: careerbot summary certification"}},
		{name: "BadCourseTopic", args: []string{"courses", "--topic", "nonsense"}, wantCode: 2, want: []string{`"nonsense" is not a course topic`, "certification"}},
		{name: "BadCourseLevel", args: []string{"courses", "--level", "expert"}, wantCode: 2, want: []string{"not a course level"}},
		{name: "BadHTTPAddr", env: map[string]string{"HTTP_ADDR": "bad"}, args: []string{"serve"}, wantCode: 1, want: []string{"HTTP_ADDR"}, notWant: []string{"loopback"}},
		{name: "MissingCorpusDir", env: map[string]string{"CORPUS_DIR": "/no/such/corpus"}, args: []string{"ask", "hi"}, wantCode: 1, want: []string{"CORPUS_DIR: /no/such/corpus does not exist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"DATA_DIR": t.TempDir(), "LOG_LEVEL": "error"}
			for k, v := range tt.env {
				env[k] = v
			}
			code, _, stderr := runCLI(t, env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q: %s", w, stderr)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(stderr, w) {
					t.Errorf("stderr mentions %q: %s", w, stderr)
				}
			}
			if lines := strings.Count(strings.TrimSpace(stderr), "\n"); tt.wantCode == 2 && lines > 0 {
				t.Errorf("usage error takes %d lines, want one: %s", lines+1, stderr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := runCLI(t, map[string]string{"HTTP_ADDR": "broken"}, "version") // needs no valid config
	if code != 0 || !strings.HasPrefix(stdout, "careerbot ") || !strings.Contains(stdout, "commit ") || !strings.Contains(stdout, "go1.") {
		t.Fatalf("version: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, nil, "version", "--json")
	var b buildInfo
	if code != 0 || json.Unmarshal([]byte(stdout), &b) != nil || b.Version == "" || !strings.HasPrefix(b.GoVersion, "go1.") {
		t.Fatalf("version --json: exit %d %s", code, stdout)
	}
}

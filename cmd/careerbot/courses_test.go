package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCourses_JSON(t *testing.T) {
	code, stdout, stderr := runCLI(t, cliEnv(t), "courses", "--json", "--topic", "coding", "--level", "beginner")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Courses []courseJSON `json:"courses"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(out.Courses) == 0 || len(out.Courses) > 5 {
		t.Fatalf("%d courses, want 1..5:\n%s", len(out.Courses), stdout)
	}
	for _, c := range out.Courses {
		if c.Level != "beginner" || c.ID == "" || c.Title == "" || c.Provider == "" || !strings.HasPrefix(c.URL, "http") {
			t.Errorf("course %+v, want a complete beginner course", c)
		}
	}
}

func TestCourses_Plain(t *testing.T) {
	code, stdout, stderr := runCLI(t, cliEnv(t), "courses", "--topic", "certification")
	if code != 0 || !strings.Contains(stdout, "  - ") || !strings.Contains(stdout, "https://") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant a list of courses with links", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, cliEnv(t), "courses", "--level", "expert"); code != 2 || !strings.Contains(stderr, "graduate") {
		t.Errorf("bad level: exit %d, stderr %q; want 2 listing the levels", code, stderr)
	}
}

func TestSummary(t *testing.T) {
	code, stdout, stderr := runCLI(t, cliEnv(t), "summary", "certification")
	if code != 0 || !strings.Contains(stdout, "[1]") || !strings.Contains(stdout, "\nSources:\n") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant a cited summary", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, cliEnv(t), "summary", "astrology"); code != 2 || !strings.Contains(stderr, "pay-outlook") {
		t.Errorf("unknown topic: exit %d, stderr %q; want 2 listing the topics", code, stderr)
	}
}

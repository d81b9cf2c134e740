package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

func TestCorpusLint_BuiltIn(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "corpus", "lint")
	if code != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// copyCorpus copies the built-in corpus to a directory tests may break.
func copyCorpus(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.CopyFS(dir, corpus.Embedded()); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func TestCorpusLint_BrokenDocument(t *testing.T) {
	dir := copyCorpus(t)
	path := filepath.Join(dir, "docs", "overview.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "topic: overview", "topic: gossip", 1)
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, map[string]string{"CORPUS_DIR": dir}, "corpus", "lint")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", code, errOut)
	}
	want := filepath.Join(dir, "docs", "overview.md") + ":4: topic \"gossip\""
	if !strings.Contains(out, want) {
		t.Errorf("stdout %q does not name %q", out, want)
	}
	if !strings.Contains(errOut, "problem") {
		t.Errorf("stderr %q does not summarise the problems", errOut)
	}
}

func TestCorpusStats(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "corpus", "stats")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, topic := range corpus.Topics {
		if !strings.Contains(out, topic) {
			t.Errorf("stats do not list topic %s:\n%s", topic, out)
		}
	}
	if !strings.Contains(out, "topics without documents: none") {
		t.Errorf("stats report uncovered topics:\n%s", out)
	}
}

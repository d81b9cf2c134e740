package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

func TestCorpusLint_BuiltIn(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "corpus", "lint")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !strings.HasPrefix(lines[len(lines)-1], "ok: ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	for _, l := range lines[:len(lines)-1] {
		if !strings.Contains(l, ": warning: ") {
			t.Errorf("line %q before the summary is not a warning", l)
		}
	}
}

// writeDoc replaces one document of a corpus directory.
func writeDoc(tb testing.TB, dir, name, text string) {
	tb.Helper()
	if err := os.WriteFile(filepath.Join(dir, "docs", name), []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}

const lintV2Doc = `---
id: overview
title: Overview
topic: overview
as_of: 2026-01
sources:
  bls:
    url: https://www.bls.gov/ooh/
    title: BLS handbook
    as_of: 2025-09
    kind: primary
summary:
  - The median pay was $50,250 in May 2024.[^bls]
  - Most work in hospitals.[^bls]
  - Pay varies.
---
## Pay

The median pay was $50,250 in May 2024.[^bls] About 20% work remotely.
`

func TestCorpusLint_V2(t *testing.T) {
	dir := copyCorpus(t)
	writeDoc(t, dir, "overview.md", lintV2Doc)
	code, out, _ := runCLI(t, map[string]string{"CORPUS_DIR": dir}, "corpus", "lint")
	if code != 1 {
		t.Fatalf("exit %d, want 1 for an unsourced figure in a v2 document", code)
	}
	want := filepath.Join(dir, "docs", "overview.md") + ":19: sentence states a figure but cites no source"
	if !strings.Contains(out, want) {
		t.Errorf("stdout %q does not name %q", out, want)
	}

	writeDoc(t, dir, "overview.md", strings.Replace(lintV2Doc, "remotely.", "remotely.[^bls]", 1))
	code, out, errOut := runCLI(t, map[string]string{"CORPUS_DIR": dir}, "corpus", "lint")
	if code != 0 || strings.Contains(out, "overview.md") {
		t.Errorf("exit %d, stdout %q, stderr %q; want a clean v2 document to pass", code, out, errOut)
	}
}

func TestCorpusStats_JSON(t *testing.T) {
	dir := copyCorpus(t)
	writeDoc(t, dir, "overview.md", strings.Replace(lintV2Doc, "remotely.", "remotely.[^bls]", 1))
	code, out, errOut := runCLI(t, map[string]string{"CORPUS_DIR": dir}, "corpus", "stats", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("stats --json is not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"docs", "sections", "words", "sources", "figure_sentences", "figure_sentences_unsourced", "courses", "topics"} {
		if _, ok := got[k]; !ok {
			t.Errorf("stats --json lacks %q", k)
		}
	}
	c, err := corpus.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	cs := corpus.Citations(c)
	if got["docs"] != float64(len(c.Docs)) || got["figure_sentences"] != float64(cs.FigureSentences) ||
		got["figure_sentences_unsourced"] != float64(cs.FigureSentencesUnsourced) || got["sources"] != float64(cs.Sources) {
		t.Errorf("stats = %v, want docs %d and %+v", got, len(c.Docs), cs)
	}
	if cs.FigureSentences <= cs.FigureSentencesUnsourced {
		t.Errorf("the v2 document's sourced figures are not counted: %+v", cs)
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

// clinical.yaml is linted with file:line like the rest of the corpus, and the
// vocabulary the router declines medical advice with is the corpus's.
func TestCorpus_Clinical(t *testing.T) {
	dir := copyCorpus(t)
	path := filepath.Join(dir, corpus.ClinicalFile)
	own := "first_person: [i]\nasks: [should i worry]\ncareer: [coder]\nsymptoms: [wobbles]\n"
	if err := os.WriteFile(path, []byte(own+"labs: [ferritin, Ferritin]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, map[string]string{"CORPUS_DIR": dir}, "corpus", "lint")
	if want := path + `:5: labs lists "Ferritin" twice`; code != 1 || !strings.Contains(out, want) {
		t.Fatalf("exit %d, stdout %q; want 1 and %q", code, out, want)
	}

	if err := os.WriteFile(path, []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	const q = "i get the wobbles, should i worry?"
	askDeclines := func(env map[string]string) bool {
		t.Helper()
		env["DATA_DIR"] = t.TempDir()
		code, out, errOut := runCLI(t, env, "ask", "--json", q)
		if code != 0 {
			t.Fatalf("ask: exit %d, stderr %q", code, errOut)
		}
		var rep struct{ Answer string }
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("ask --json: %v in %q", err, out)
		}
		return strings.Contains(rep.Answer, "medical advice")
	}
	if !askDeclines(map[string]string{"CORPUS_DIR": dir}) {
		t.Errorf("with a corpus that names the symptom, %q was not declined as medical advice", q)
	}
	if askDeclines(map[string]string{}) {
		t.Errorf("the built-in corpus, which does not name the symptom, declined %q as medical advice", q)
	}

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(", %d clinical vocabulary entries", corpus.DefaultClinical().Len())
	if code, out, errOut := runCLI(t, map[string]string{"CORPUS_DIR": dir}, "corpus", "lint"); code != 0 || !strings.Contains(out, want) {
		t.Errorf("a corpus without clinical.yaml: exit %d, stdout %q, stderr %q; want it to report the built-in %q", code, out, errOut, want)
	}
}

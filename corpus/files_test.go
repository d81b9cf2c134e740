package corpus_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/careerbot/careerbot/corpus"
)

func readFiles(t *testing.T, fsys fstest.MapFS) *corpus.Files {
	t.Helper()
	f, err := corpus.Read(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFiles_Fingerprint(t *testing.T) {
	base := readFiles(t, corpusFS(nil)).Fingerprint()
	if again := readFiles(t, corpusFS(nil)).Fingerprint(); again != base {
		t.Fatalf("same files: fingerprints %s and %s", base, again)
	}
	doc0 := string(corpusFS(nil)["docs/doc-0.md"].Data)
	renamed := corpusFS(map[string]string{"docs/doc-0.md": "", "docs/doc-00.md": doc0})
	for name, fsys := range map[string]fstest.MapFS{
		"EditedDocument": corpusFS(map[string]string{"docs/doc-0.md": doc0 + "\nOne more sentence.\n"}),
		"AddedDocument":  corpusFS(map[string]string{"docs/extra.md": doc0}),
		"RemovedDoc":     corpusFS(map[string]string{"docs/doc-1.md": ""}),
		"RenamedDoc":     renamed,
		"EditedCourses":  corpusFS(map[string]string{"courses.yaml": goodCourses + "\n"}),
		"AddedLexicon":   corpusFS(map[string]string{"lexicon.yaml": "filler: [um]\n"}),
		"MissingSynonym": corpusFS(map[string]string{"synonyms.yaml": ""}),
		"NotUTF8":        corpusFS(map[string]string{"docs/doc-0.md": "\xff\xfe"}),
	} {
		if got := readFiles(t, fsys).Fingerprint(); got == base {
			t.Errorf("%s: fingerprint unchanged", name)
		}
	}
	// A file outside the layout does not change the corpus.
	if got := readFiles(t, corpusFS(map[string]string{"notes.txt": "scratch"})).Fingerprint(); got != base {
		t.Errorf("file outside the layout changed the fingerprint")
	}
}

func TestFiles_ParseOnce(t *testing.T) {
	f := readFiles(t, corpusFS(nil))
	if f.Parsed() {
		t.Fatal("Parsed before Parse")
	}
	syn, err := f.Synonyms()
	if err != nil || syn.Acronyms["RHIT"] == "" {
		t.Fatalf("Synonyms before Parse = %+v, %v", syn, err)
	}
	if f.Parsed() {
		t.Fatal("Synonyms parsed the whole corpus")
	}
	var wg sync.WaitGroup
	got := make([]*corpus.Corpus, 4)
	for i := range got {
		wg.Go(func() {
			c, err := f.Parse()
			if err != nil {
				t.Error(err)
			}
			got[i] = c
		})
	}
	wg.Wait()
	for _, c := range got[1:] {
		if c != got[0] {
			t.Fatal("Parse returned different corpora")
		}
	}
	if !f.Parsed() || len(got[0].Docs) != len(corpus.Topics) {
		t.Fatalf("parsed %v, %d docs", f.Parsed(), len(got[0].Docs))
	}
	if syn, err := f.Synonyms(); err != nil || syn.Acronyms["RHIT"] == "" {
		t.Fatalf("Synonyms after Parse = %+v, %v", syn, err)
	}
}

func TestFiles_Problems(t *testing.T) {
	f := readFiles(t, corpusFS(map[string]string{"synonyms.yaml": "", "docs/doc-0.md": "\xff\xfe"}))
	if _, err := f.Synonyms(); err == nil || !strings.Contains(err.Error(), "synonyms.yaml") {
		t.Errorf("Synonyms with no synonyms.yaml: %v", err)
	}
	_, err := f.Parse()
	var cerr *corpus.Error
	if !errors.As(err, &cerr) {
		t.Fatalf("Parse = %v, want *corpus.Error", err)
	}
	for _, want := range []string{"synonyms.yaml:0: cannot read", "docs/doc-0.md:1: not UTF-8 text"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Parse error lacks %q:\n%v", want, err)
		}
	}
	bad := readFiles(t, corpusFS(map[string]string{"synonyms.yaml": "acronyms: [not, a, map]\n"}))
	if _, err := bad.Synonyms(); !errors.As(err, &cerr) {
		t.Errorf("Synonyms of malformed synonyms.yaml = %v, want *corpus.Error", err)
	}
}

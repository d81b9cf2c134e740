package retrieval

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/careerbot/careerbot/corpus"
)

func TestOpen_PersistRoundTrip(t *testing.T) {
	dir := t.TempDir()
	c := testCorpus()
	emb := &countingEmbedder{Embedder: NewLocalEmbedder(c.Synonyms)}
	first := openTest(t, c, emb, dir)
	st := first.Stats()
	n := len(first.Chunks())
	if st.Embedded != n || st.Loaded != 0 || !st.Saved || st.Dimension != LocalDimension {
		t.Fatalf("first open: %+v, want %d embedded and saved", st, n)
	}
	if _, err := os.Stat(st.File); err != nil {
		t.Fatalf("index file: %v", err)
	}
	emb.texts.Store(0)
	second := openTest(t, c, emb, dir)
	st2 := second.Stats()
	if st2.Embedded != 0 || st2.Loaded != n || st2.Saved || st2.Dimension != LocalDimension {
		t.Errorf("second open: %+v, want everything loaded", st2)
	}
	if got := emb.texts.Load(); got != 0 {
		t.Errorf("second open embedded %d texts, want 0", got)
	}
	q := "remote coding salary"
	a, b := search(t, first, q, SearchOptions{}), search(t, second, q, SearchOptions{})
	if ids(a.Hits) != ids(b.Hits) || a.Confidence != b.Confidence {
		t.Errorf("results differ after reload:\n%v\n%v", ids(a.Hits), ids(b.Hits))
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".index-*")); len(tmp) != 0 {
		t.Errorf("temporary files left behind: %v", tmp)
	}
}

func TestOpen_ChangedChunkReembeddedAlone(t *testing.T) {
	dir := t.TempDir()
	c := testCorpus()
	emb := &countingEmbedder{Embedder: NewLocalEmbedder(c.Synonyms)}
	n := len(openTest(t, c, emb, dir).Chunks())

	c.Docs[0].Sections[1].Text += " Openings are expected every year."
	emb.texts.Store(0)
	st := openTest(t, c, emb, dir).Stats()
	if st.Embedded != 1 || st.Loaded != n-1 || !st.Saved || emb.texts.Load() != 1 {
		t.Errorf("after one edit: %+v, %d texts embedded; want 1 embedded, %d loaded", st, emb.texts.Load(), n-1)
	}

	c.Docs = c.Docs[1:] // a removed document leaves no stale chunks
	e := openTest(t, c, emb, dir)
	if st := e.Stats(); st.Embedded != 0 || st.Chunks != n-2 {
		t.Errorf("after removal: %+v, want %d chunks and nothing embedded", st, n-2)
	}
	for _, h := range search(t, e, "median wage outlook", SearchOptions{K: 20}).Hits {
		if h.DocID == "pay" {
			t.Errorf("removed chunk %s still found", h.ID)
		}
	}
}

func TestOpen_DamagedIndexFile(t *testing.T) {
	c := testCorpus()
	emb := NewLocalEmbedder(c.Synonyms)
	good := openTest(t, c, emb, t.TempDir()).Stats().File
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for name, damaged := range map[string][]byte{
		"Garbage":   []byte("this is not an index file"),
		"Truncated": data[:len(data)/2],
		"Empty":     {},
		"FlippedBits": func() []byte {
			d := append([]byte(nil), data...)
			for i := len(d) / 3; i < len(d)/3+64 && i < len(d); i++ {
				d[i] ^= 0xA5
			}
			return d
		}(),
		"FlippedVectorBits": func() []byte {
			d := append([]byte(nil), data...)
			for i := headerSize + 200; i < headerSize+264; i++ {
				d[i] ^= 0xA5
			}
			return d
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, filepath.Base(good))
			if err := os.WriteFile(path, damaged, 0o644); err != nil {
				t.Fatal(err)
			}
			e := openTest(t, c, emb, dir)
			st := e.Stats()
			if st.DerivedLoaded || st.Loaded+st.Embedded != st.Chunks || !st.Saved {
				t.Errorf("stats %+v: want the index rebuilt and the file saved", st)
			}
			if name != "FlippedBits" && st.Embedded == 0 { // damage in the vector section, or no usable file
				t.Errorf("stats %+v: want damaged vectors re-embedded", st)
			}
			if len(search(t, e, "salary", SearchOptions{}).Hits) == 0 {
				t.Error("no results after rebuild")
			}
			again := openTest(t, c, emb, dir).Stats()
			if again.Embedded != 0 || !again.DerivedLoaded {
				t.Errorf("after rebuild: %+v, want a clean load", again)
			}
		})
	}
}

func TestOpen_ModelChange(t *testing.T) {
	dir := t.TempDir()
	c := testCorpus()
	local := NewLocalEmbedder(c.Synonyms)
	openTest(t, c, &fixedEmbedder{model: "m1", dim: 16, local: local}, dir)

	t.Run("OtherModel", func(t *testing.T) {
		e := openTest(t, c, &fixedEmbedder{model: "m2", dim: 24, local: local}, dir)
		if st := e.Stats(); st.Loaded != 0 || st.Dimension != 24 {
			t.Errorf("stats %+v: want a fresh 24-dimension index", st)
		}
		search(t, e, "salary", SearchOptions{})
	})
	t.Run("SameNameNewDimension", func(t *testing.T) {
		c := testCorpus()
		c.Docs[0].Sections[0].Text += " More text."
		e := openTest(t, c, &fixedEmbedder{model: "m1", dim: 32, local: local}, dir)
		if st := e.Stats(); st.Loaded != 0 || st.Embedded != st.Chunks || st.Dimension != 32 {
			t.Errorf("stats %+v: want everything re-embedded at 32 dimensions", st)
		}
		search(t, e, "salary", SearchOptions{})
	})
}

func TestOpen_UnwritableDataDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := testCorpus()
	e := openTest(t, c, NewLocalEmbedder(c.Synonyms), filepath.Join(file, "data"))
	if st := e.Stats(); st.Saved {
		t.Errorf("stats %+v: the file cannot have been saved", st)
	}
	if len(search(t, e, "salary", SearchOptions{}).Hits) == 0 {
		t.Error("no results from the in-memory index")
	}
}

// embeddedCopy returns the built-in corpus's files as a map, to edit in tests.
func embeddedCopy(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(corpus.Embedded(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(corpus.Embedded(), path)
		out[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpen_FilesWarmStartDoesNotParse(t *testing.T) {
	dir := t.TempDir()
	fsys := embeddedCopy(t)
	open := func() (*Engine, *corpus.Files) {
		t.Helper()
		files, err := corpus.Read(fsys)
		if err != nil {
			t.Fatal(err)
		}
		syn, err := files.Synonyms()
		if err != nil {
			t.Fatal(err)
		}
		e, err := Open(context.Background(), Config{Files: files, Embedder: NewLocalEmbedder(syn), DataDir: dir})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return e, files
	}

	cold, files := open()
	if cold.Stats().DerivedLoaded || !files.Parsed() {
		t.Fatalf("first open: %+v, parsed %v; want a build from the parsed corpus", cold.Stats(), files.Parsed())
	}
	warm, files := open()
	if !warm.Stats().DerivedLoaded || warm.Stats().Embedded != 0 || files.Parsed() {
		t.Fatalf("second open: %+v, parsed %v; want a load that never parses the corpus", warm.Stats(), files.Parsed())
	}
	q := "How much do medical records specialists earn?"
	if a, b := search(t, cold, q, SearchOptions{}), search(t, warm, q, SearchOptions{}); len(a.Hits) == 0 || a.Hits[0].ID != b.Hits[0].ID {
		t.Fatalf("warm search differs from cold: %+v vs %+v", a.Hits, b.Hits)
	}

	// Any edit to a corpus file makes the next start parse and rebuild.
	name := "docs/pay-outlook.md"
	if fsys[name] == nil {
		t.Fatalf("%s is not in the built-in corpus", name)
	}
	fsys[name] = &fstest.MapFile{Data: append(append([]byte(nil), fsys[name].Data...), []byte("\nThe market changes every year.\n")...)}
	edited, files := open()
	if edited.Stats().DerivedLoaded || !files.Parsed() || edited.Stats().Embedded == 0 {
		t.Fatalf("after an edit: %+v, parsed %v; want a rebuild that embeds the changed chunk", edited.Stats(), files.Parsed())
	}
}

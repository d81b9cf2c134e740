package corpus

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// The files of the corpus layout besides docs/*.md; the first two are required.
const (
	coursesFile  = "courses.yaml"
	synonymsFile = "synonyms.yaml"
	lexiconFile  = "lexicon.yaml"
)

// Files is a corpus as read from its file system but not yet parsed: the contents of
// every file of the layout and a fingerprint of them. Reading is cheap next to
// parsing, so a process can check data it derived from the corpus earlier against
// [Files.Fingerprint] and parse only when it must. Files is safe for concurrent use.
type Files struct {
	docNames []string  // docs/*.md, sorted
	probs    []Problem // files that could not be read
	sum      string

	mu   sync.Mutex        // guards data's release
	data map[string][]byte // every readable file, by path; nil once parsed

	parseOnce sync.Once
	parsed    *Corpus
	parseErr  error
}

// Read reads every file of the corpus layout from fsys, in parallel. Files that
// cannot be read (missing, too large, not UTF-8) are problems that [Files.Parse]
// reports with the others; the error is only for an fsys that cannot be listed.
func Read(fsys fs.FS) (*Files, error) {
	names, err := fs.Glob(fsys, "docs/*.md")
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	sort.Strings(names)
	f := &Files{docNames: names, data: make(map[string][]byte, len(names)+4)}
	if len(names) == 0 {
		f.probs = append(f.probs, Problem{"docs", 0, "no documents (docs/*.md)"})
	}
	all := append([]string{coursesFile, synonymsFile}, names...)
	for _, optional := range []string{lexiconFile, PathwaysFile, ClinicalFile} {
		if _, err := fs.Stat(fsys, optional); !errors.Is(err, fs.ErrNotExist) {
			all = append(all, optional)
		}
	}
	datas, probs := readAll(fsys, all)
	for i, name := range all {
		if probs[i] != nil {
			f.probs = append(f.probs, *probs[i])
			continue
		}
		f.data[name] = datas[i]
	}
	f.sum = fingerprint(all, datas, f.probs)
	return f, nil
}

// readAll reads the named files on every core and returns their contents and read
// problems in names' order.
func readAll(fsys fs.FS, names []string) ([][]byte, []*Problem) {
	datas, probs := make([][]byte, len(names)), make([]*Problem, len(names))
	forEachParallel(len(names), func(i int) { datas[i], probs[i] = readFile(fsys, names[i]) })
	return datas, probs
}

// forEachParallel calls fn(i) for every i in [0, n) on every core and returns when
// all calls have; fn must write only what belongs to i.
func forEachParallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// fingerprint hashes the names and contents of the files, and the problems of those
// that could not be read, into a hex string.
func fingerprint(names []string, datas [][]byte, probs []Problem) string {
	h := sha256.New()
	var n [8]byte
	for i, name := range names {
		binary.LittleEndian.PutUint64(n[:], uint64(len(datas[i])))
		h.Write([]byte(name))
		h.Write(n[:])
		h.Write(datas[i])
	}
	for _, p := range probs {
		fmt.Fprintf(h, "\x00%s", p)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Fingerprint identifies the corpus's contents: it changes whenever a file of the
// layout is added, removed, renamed or edited, and only then.
func (f *Files) Fingerprint() string { return f.sum }

// Synonyms parses synonyms.yaml alone: what an embedder needs, without the cost of
// parsing the documents; once [Files.Parse] has run, it returns the parsed corpus's.
// A corpus whose synonyms do not parse fails [Files.Parse] too.
func (f *Files) Synonyms() (Synonyms, error) {
	f.mu.Lock()
	data, ok := f.data[synonymsFile]
	released := f.data == nil
	f.mu.Unlock()
	if released {
		c, err := f.Parse()
		if err != nil {
			return Synonyms{}, err
		}
		return c.Synonyms, nil
	}
	if !ok {
		return Synonyms{}, &Error{Problems: f.problemsOf(synonymsFile)}
	}
	syn, probs := ParseSynonyms(synonymsFile, data)
	if len(probs) > 0 {
		return Synonyms{}, &Error{Problems: probs}
	}
	return syn, nil
}

// problemsOf returns the read problems of the named file.
func (f *Files) problemsOf(name string) []Problem {
	return slices.DeleteFunc(slices.Clone(f.probs), func(p Problem) bool { return p.File != name })
}

// Parsed reports whether [Files.Parse] has run.
func (f *Files) Parsed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.data == nil
}

// Parse parses and validates the corpus (see [Load]) on its first call and returns
// the same result on every later one; the file contents are released afterwards.
func (f *Files) Parse() (*Corpus, error) {
	f.parseOnce.Do(func() {
		f.parsed, f.parseErr = f.parse()
		f.mu.Lock()
		f.data = nil
		f.mu.Unlock()
	})
	return f.parsed, f.parseErr
}

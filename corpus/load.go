package corpus

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

//go:embed docs/*.md courses.yaml synonyms.yaml pathways.yaml lexicon.yaml clinical.yaml
var embedded embed.FS

// Embedded returns the built-in corpus.
func Embedded() fs.FS { return embedded }

// MaxFileSize bounds every corpus file; larger files are reported, not read.
const MaxFileSize = 1 << 20

// Problem is one validation finding, located by file and 1-based line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// Error is returned by [Load] when the corpus is invalid. It lists every problem found,
// sorted by file and line.
type Error struct{ Problems []Problem }

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return fmt.Sprintf("corpus has %d problem(s):\n%s", len(e.Problems), strings.Join(lines, "\n"))
}

// Load reads and validates a corpus from fsys (see the package doc for the layout):
// [Read] followed by [Files.Parse]. It reports every problem at once as an [*Error];
// other errors mean fsys could not be read. Load never panics on malformed input.
func Load(fsys fs.FS) (*Corpus, error) {
	f, err := Read(fsys)
	if err != nil {
		return nil, err
	}
	return f.Parse()
}

// parse parses and validates the files read (see [Load]).
func (f *Files) parse() (*Corpus, error) {
	var c Corpus
	probs := slices.Clone(f.probs)
	var parsed []Document // every readable document, valid or not, for set-wide checks
	for _, r := range f.parseDocuments() {
		if !r.read {
			continue // reported by Read
		}
		probs = append(probs, r.probs...)
		parsed = append(parsed, r.doc)
		if len(r.probs) == 0 {
			c.Docs = append(c.Docs, r.doc)
			c.Warnings = append(c.Warnings, r.doc.Warnings...)
		}
	}
	probs = append(probs, checkDocSet(parsed)...)

	if data, ok := f.data[coursesFile]; ok {
		courses, cp := ParseCourses(coursesFile, data)
		c.Courses, probs = courses, append(probs, cp...)
	}
	if data, ok := f.data[synonymsFile]; ok {
		syn, sp := ParseSynonyms(synonymsFile, data)
		c.Synonyms, probs = syn, append(probs, sp...)
	}
	if data, ok := f.data[lexiconFile]; ok { // optional
		lx, lp := ParseLexicon(lexiconFile, data)
		c.Lexicon, probs = lx, append(probs, lp...)
	}
	if data, ok := f.data[PathwaysFile]; ok { // optional
		pw, pp := ParsePathways(PathwaysFile, data, c.Courses)
		c.Pathways, probs = pw, append(probs, pp...)
	}
	c.Clinical = DefaultClinical()
	if data, ok := f.data[ClinicalFile]; ok { // optional
		cl, cp := ParseClinical(ClinicalFile, data)
		c.Clinical, probs = cl, append(probs, cp...)
	}

	if len(probs) > 0 {
		sortProblems(probs)
		return nil, &Error{Problems: probs}
	}
	sortProblems(c.Warnings)
	return &c, nil
}

// sortProblems orders problems by file, then line.
func sortProblems(probs []Problem) {
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].File != probs[j].File {
			return probs[i].File < probs[j].File
		}
		return probs[i].Line < probs[j].Line
	})
}

// parsedDoc is the outcome of parsing one document file.
type parsedDoc struct {
	doc   Document
	probs []Problem
	read  bool // false: the file could not be read, and there is no document
}

// parseDocuments parses the documents on every core (documents are independent until
// the set-wide checks) and returns the outcomes in name order, so the result does not
// depend on the scheduling.
func (f *Files) parseDocuments() []parsedDoc {
	names := f.docNames
	out := make([]parsedDoc, len(names))
	forEachParallel(len(names), func(i int) {
		if data, ok := f.data[names[i]]; ok {
			out[i].read = true
			out[i].doc, out[i].probs = ParseDocument(names[i], data)
		}
	})
	return out
}

func readFile(fsys fs.FS, name string) ([]byte, *Problem) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, &Problem{name, 0, fmt.Sprintf("cannot read: %v", err)}
	}
	if st.Size() > MaxFileSize {
		return nil, &Problem{name, 0, fmt.Sprintf("file is %d bytes; the limit is %d", st.Size(), MaxFileSize)}
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, &Problem{name, 0, fmt.Sprintf("cannot read: %v", err)}
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, &Problem{name, 1, "not UTF-8 text"}
	}
	return data, nil
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	asOfPattern = regexp.MustCompile(`^(19|20)\d\d-(0[1-9]|1[0-2])$`)
)

func checkDocSet(docs []Document) []Problem {
	var probs []Problem
	seen := map[string]string{}
	topics := map[string]bool{}
	for _, d := range docs {
		if d.ID == "" {
			continue
		}
		if prev, ok := seen[d.ID]; ok {
			probs = append(probs, Problem{d.Path, 2, fmt.Sprintf("id %q is also used by %s", d.ID, prev)})
		}
		seen[d.ID] = d.Path
		topics[d.Topic] = true
	}
	if len(docs) > 0 {
		for _, t := range Topics {
			if !topics[t] {
				probs = append(probs, Problem{"docs", 0, fmt.Sprintf("no document covers topic %q", t)})
			}
		}
	}
	return probs
}

// checkURL reports what is wrong with a source or course link, or "".
func checkURL(u string) string {
	if !strings.HasPrefix(u, "https://") || len(u) <= len("https://") || strings.ContainsAny(u, " \t\n<>\"") {
		return fmt.Sprintf("%q is not an https URL", u)
	}
	return ""
}

// decodeMapping parses data, a YAML file whose top level is a mapping of the allowed
// keys, and decodes that mapping into v. It returns the mapping and the problems
// found so far (unknown keys); the mapping is nil when v could not be decoded, with
// notMapping as the problem when the top level is not a mapping. v may then be partly
// filled.
func decodeMapping(name string, data []byte, v any, notMapping string, allowed ...string) (*yaml.Node, []Problem) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, []Problem{yamlProblem(name, 0, err)}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, []Problem{{name, 1, notMapping}}
	}
	m := root.Content[0]
	probs := unknownKeys(name, m, 0, allowed...)
	if err := m.Decode(v); err != nil {
		return nil, append(probs, yamlProblem(name, 0, err))
	}
	return m, probs
}

// unknownKeys reports mapping keys of n that are not in allowed.
func unknownKeys(file string, n *yaml.Node, lineOffset int, allowed ...string) []Problem {
	var probs []Problem
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(allowed, k.Value) {
			probs = append(probs, Problem{file, k.Line + lineOffset, fmt.Sprintf("unknown field %q", k.Value)})
		}
	}
	return probs
}

// keyLine returns the line of key in mapping n, or fallback.
func keyLine(n *yaml.Node, key string, fallback int) int {
	if n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i].Line
			}
		}
	}
	return fallback
}

// yamlProblem turns a yaml error into a Problem, keeping its line when it has one.
func yamlProblem(file string, lineOffset int, err error) Problem {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 1
	if m := regexp.MustCompile(`line (\d+)`).FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &line)
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return Problem{file, line + lineOffset, "invalid YAML: " + msg}
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

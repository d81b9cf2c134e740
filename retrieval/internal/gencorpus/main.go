// Command gencorpus writes a synthetic corpus of a given number of sections for the
// retrieval benchmarks: the real corpus (the built-in one, or -from DIR) copied as it
// is, plus generated documents until the corpus has -sections sections. Generated
// documents reuse a real document's front matter (with a new id and title, so every
// field the corpus format requires is present and valid) and fill their sections with
// sentences whose words are drawn from the real corpus's own words, in proportion to
// how often the corpus uses them. The output depends only on the source corpus,
// -sections and -seed, so anyone can re-create the same benchmark corpus:
//
//	go run ./retrieval/internal/gencorpus -sections 10000 -out /tmp/corpus-10k
//	CORPUS_DIR=/tmp/corpus-10k careerbot ingest
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/careerbot/careerbot/corpus"
)

// Shape of the generated documents; the real corpus's sections run 80 to 350 words.
const (
	sectionsPerDoc = 20
	minSentences   = 5
	maxSentences   = 12
	minWords       = 8
	maxWords       = 18
)

func main() {
	from := flag.String("from", "", "source corpus directory (default: the built-in corpus)")
	out := flag.String("out", "", "output directory (created; must be empty or missing)")
	sections := flag.Int("sections", 10_000, "total number of sections, the real ones included")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*from, *out, *sections, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(from, out string, sections int, seed uint64) error {
	if out == "" {
		return errors.New("-out is required")
	}
	src := corpus.Embedded()
	if from != "" {
		src = os.DirFS(from)
	}
	c, err := corpus.Load(src)
	if err != nil {
		return fmt.Errorf("load source corpus: %w", err)
	}
	if err := ensureEmpty(out); err != nil {
		return err
	}
	if err := copyTree(src, out); err != nil {
		return err
	}
	real := 0
	for _, d := range c.Docs {
		real += len(d.Sections)
	}
	g, err := newGenerator(src, c, seed)
	if err != nil {
		return err
	}
	n := 0
	for left := sections - real; left > 0; left -= sectionsPerDoc {
		if err := g.writeDoc(out, n, min(left, sectionsPerDoc)); err != nil {
			return err
		}
		n++
	}
	fmt.Printf("%s: %d real and %d generated sections in %d generated documents\n", out, real, max(sections-real, 0), n)
	return nil
}

func ensureEmpty(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return fmt.Errorf("read output directory: %w", err)
	}
	if len(ents) > 0 {
		return fmt.Errorf("output directory %s is not empty", dir)
	}
	return nil
}

// copyTree copies every file of src (documents, catalog, synonyms, anything else
// the corpus format holds) into dir.
func copyTree(src fs.FS, dir string) error {
	return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return fmt.Errorf("copy %s: %w", p, err)
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// generator draws words from the real corpus's word distribution and writes
// documents shaped like the real ones.
type generator struct {
	r         *rand.Rand
	words     []string // every word occurrence of the real corpus's sections, in corpus order
	templates []template
}

// template is a real document's front matter, parsed as generic YAML so that every
// field the format has (now or later) is carried over.
type template struct {
	topic string
	root  *yaml.Node
	keys  []string // the keys of a sources map (claim-level sources), in order
}

func newGenerator(src fs.FS, c *corpus.Corpus, seed uint64) (*generator, error) {
	g := &generator{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			g.words = append(g.words, plainWords(s.Heading+" "+s.Text)...)
		}
		fm, err := frontMatter(src, d.Path)
		if err != nil {
			return nil, err
		}
		g.templates = append(g.templates, template{topic: d.Topic, root: fm, keys: sourceKeys(fm)})
	}
	if len(g.words) == 0 || len(g.templates) == 0 {
		return nil, errors.New("the source corpus has no words to draw from")
	}
	sort.SliceStable(g.templates, func(i, j int) bool { return g.templates[i].topic < g.templates[j].topic })
	return g, nil
}

// plainWords returns the lower-case all-letter words of text: no digits, so that no
// generated sentence states a figure that would need a source.
func plainWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) > 1 {
			out = append(out, w)
		}
	}
	return out
}

func frontMatter(src fs.FS, path string) (*yaml.Node, error) {
	data, err := fs.ReadFile(src, path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	parts := strings.SplitN(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n---", 2)
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(strings.TrimPrefix(parts[0], "---\n")), &root); err != nil || len(root.Content) == 0 {
		return nil, fmt.Errorf("parse front matter of %s: %v", path, err)
	}
	return root.Content[0], nil
}

// sourceKeys returns the keys of the front matter's sources when it is a map (the
// corpus format with claim-level sources, where every source must be cited).
func sourceKeys(fm *yaml.Node) []string {
	for i := 0; i+1 < len(fm.Content); i += 2 {
		if fm.Content[i].Value == "sources" && fm.Content[i+1].Kind == yaml.MappingNode {
			var keys []string
			m := fm.Content[i+1]
			for j := 0; j+1 < len(m.Content); j += 2 {
				keys = append(keys, m.Content[j].Value)
			}
			return keys
		}
	}
	return nil
}

// writeDoc writes generated document n with the given number of sections. With
// claim-level sources, the sentences cite the template's sources in turn (the last
// one cites any left), so that every source is cited as the format requires.
func (g *generator) writeDoc(dir string, n, sections int) error {
	t := g.templates[n%len(g.templates)]
	fm := setField(t.root, "id", fmt.Sprintf("synthetic-%s-%d", t.topic, n))
	fm = setField(fm, "title", capitalise(g.phrase(4, 8)))
	head, err := yaml.Marshal(fm)
	if err != nil {
		return fmt.Errorf("encode front matter: %w", err)
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.Write(head)
	b.WriteString("---\n")
	cited := 0
	for s := range sections {
		fmt.Fprintf(&b, "\n## %s?\n\n", capitalise(g.phrase(4, 9)))
		for i, k := 0, g.between(minSentences, maxSentences); i < k; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(capitalise(g.phrase(minWords, maxWords)))
			b.WriteByte('.')
			if len(t.keys) > 0 {
				fmt.Fprintf(&b, "[^%s]", t.keys[cited%len(t.keys)])
				cited++
			}
			if s == sections-1 && i == k-1 {
				for ; cited < len(t.keys); cited++ {
					fmt.Fprintf(&b, "[^%s]", t.keys[cited])
				}
			}
		}
		b.WriteByte('\n')
	}
	name := filepath.Join(dir, "docs", fmt.Sprintf("synthetic-%06d.md", n))
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// phrase returns lo..hi words drawn from the corpus's word distribution.
func (g *generator) phrase(lo, hi int) string {
	n := g.between(lo, hi)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.words[g.r.IntN(len(g.words))]
	}
	return strings.Join(ws, " ")
}

func (g *generator) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// setField returns a copy of mapping m with key set to a string value.
func setField(m *yaml.Node, key, value string) *yaml.Node {
	out := *m
	out.Content = append([]*yaml.Node(nil), m.Content...)
	for i := 0; i+1 < len(out.Content); i += 2 {
		if out.Content[i].Value == key {
			out.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
			return &out
		}
	}
	out.Content = append(out.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key},
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value})
	return &out
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

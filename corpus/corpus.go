// Package corpus holds careerbot's knowledge base: the Health Information Technician
// documents, the course catalog and the synonym table, and the code that loads and
// validates them.
//
// The built-in corpus is compiled into the binary (see [Embedded]); [Load] reads the
// same layout from any [fs.FS], such as os.DirFS(CORPUS_DIR):
//
//	docs/*.md      one Markdown document per subject, YAML front matter, ## sections
//	courses.yaml   the course catalog
//	synonyms.yaml  acronyms and everyday synonyms used by retrieval
//	pathways.yaml  career routes for plans (optional)
//	lexicon.yaml   how members write and what a question can ask (optional)
//	clinical.yaml  how members ask for medical advice, to decline it (optional)
package corpus

import "slices"

// Topics is the fixed topic vocabulary, in the order the bot presents it.
var Topics = []string{
	"overview", "education", "certification", "duties", "skills",
	"work-settings", "pay-outlook", "challenges", "advancement", "courses",
}

// ValidTopic reports whether t is one of [Topics].
func ValidTopic(t string) bool { return slices.Contains(Topics, t) }

// Course levels, formats and costs allowed in courses.yaml.
var (
	Levels  = []string{"beginner", "intermediate", "advanced", "graduate"}
	Formats = []string{"self-paced", "course", "certificate", "degree", "exam-prep"}
	Costs   = []string{"free", "paid", "tuition", "unknown"}
)

// Corpus is a loaded, validated knowledge base. It is read-only after [Load] and safe
// for concurrent use.
type Corpus struct {
	Docs     []Document
	Courses  []Course
	Synonyms Synonyms
	Lexicon  Lexicon // lexicon.yaml; empty when the corpus has none
	// Warnings are findings that do not stop the corpus from loading (format v1
	// documents), sorted by file and line; `careerbot corpus lint` prints them.
	Warnings []Problem
	// Pathways are the career routes of pathways.yaml; nil when the corpus has none.
	Pathways *Pathways
	// Clinical is how members ask for medical advice about their own health
	// (clinical.yaml); [DefaultClinical] when the corpus has none.
	Clinical Clinical
}

// Document is one Markdown file of docs/.
type Document struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	Topic string `yaml:"topic"`
	// Sources are the pages the document's claims come from, in file order: the
	// front matter's sources map (format v2), or one derived [Source] per URL of a
	// plain list (format v1, see [Document.Legacy]).
	Sources []Source `yaml:"-"`
	AsOf    string   `yaml:"as_of"`
	// Summary holds the key points without source markers; SummaryClaims holds the
	// same points with the keys they cite.
	Summary       []string `yaml:"summary"`
	SummaryClaims []Claim  `yaml:"-"`
	Path          string   `yaml:"-"` // path inside the corpus FS, e.g. "docs/education.md"
	Sections      []Section
	// Warnings are findings that do not stop the document from loading, such as
	// format v1 sources (see [Corpus.Warnings]).
	Warnings []Problem `yaml:"-"`

	legacy bool
}

// URL returns the document's first source page.
func (d Document) URL() string {
	if len(d.Sources) == 0 {
		return ""
	}
	return d.Sources[0].URL
}

// Section is the text under one ## heading. Text before the first heading is a
// section titled after the document.
type Section struct {
	Heading string
	Slug    string  // unique within the document
	Text    string  // Markdown body without the heading line, the Sources line and source markers
	Claims  []Claim // every sentence of the body, in order, with the keys it cites
	// Sources are the URLs of a format v1 "Sources:" line, a subset of the document's.
	Sources []string
	Line    int // 1-based line of the heading in the file

	body     []string // raw body lines
	bodyLine int      // file line of body[0]
	end      int      // 1-based line of the last non-blank line of the body
}

// URL returns the section's first v1 source, or the document's first source when the
// section names none. Claims name their own pages in format v2.
func (s Section) URL(d Document) string {
	if len(s.Sources) > 0 {
		return s.Sources[0]
	}
	return d.URL()
}

// Course is one entry of courses.yaml.
type Course struct {
	ID          string   `yaml:"id"`
	Title       string   `yaml:"title"`
	Provider    string   `yaml:"provider"`
	Platform    string   `yaml:"platform"`
	URL         string   `yaml:"url"`
	Level       string   `yaml:"level"`
	Format      string   `yaml:"format"`
	Length      string   `yaml:"length"`
	Cost        string   `yaml:"cost"`
	Topics      []string `yaml:"topics"`
	PreparesFor []string `yaml:"prepares_for"`
	Note        string   `yaml:"note"`
}

// Synonyms is the table of synonyms.yaml.
type Synonyms struct {
	// Acronyms maps an acronym (as written, e.g. "RHIT") to its expansion.
	Acronyms map[string]string `yaml:"acronyms"`
	// Groups are sets of words or phrases members use interchangeably.
	Groups [][]string `yaml:"synonyms"`
}

// Len is the number of entries: acronyms plus groups.
func (s Synonyms) Len() int { return len(s.Acronyms) + len(s.Groups) }

// Doc returns the document with the given id.
func (c *Corpus) Doc(id string) (Document, bool) {
	for _, d := range c.Docs {
		if d.ID == id {
			return d, true
		}
	}
	return Document{}, false
}

// DocsByTopic returns the documents of one topic in corpus order.
func (c *Corpus) DocsByTopic(topic string) []Document {
	var out []Document
	for _, d := range c.Docs {
		if d.Topic == topic {
			out = append(out, d)
		}
	}
	return out
}

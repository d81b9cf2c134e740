package retrieval

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

// testCorpus is a small corpus with one document per subject.
func testCorpus() *corpus.Corpus {
	doc := func(id, topic string, secs ...corpus.Section) corpus.Document {
		return corpus.Document{ID: id, Title: "About " + id, Topic: topic, AsOf: "2025-06",
			Sources: []corpus.Source{{Key: id, URL: "https://example.org/" + id}}, Sections: secs}
	}
	sec := func(heading, slug, text string) corpus.Section {
		return corpus.Section{Heading: heading, Slug: slug, Text: text}
	}
	return &corpus.Corpus{
		Docs: []corpus.Document{
			doc("pay", "pay-outlook",
				sec("How much do technicians earn?", "earn", "Medical records specialists earned a median wage of $50,250 in May 2024."),
				sec("Is the outlook good?", "outlook", "Employment is projected to grow 7% from 2024 to 2034, about as fast as average.")),
			doc("certs", "certification",
				sec("What is the RHIT?", "rhit", "The Registered Health Information Technician credential requires an accredited associate degree and an exam."),
				sec("What does CPC-A mean?", "cpc-a", "The apprentice designation is removed after two years of coding experience.")),
			doc("where", "work-settings",
				sec("Where do they work?", "where", "Most work in hospitals, physician offices and nursing facilities."),
				sec("Can I work from home?", "remote", "Many coding jobs are remote after a year of on-site experience.")),
			doc("study", "education",
				sec("What classes are required?", "classes", "Programs teach medical terminology, anatomy, coding, privacy law and statistics.")),
		},
		Courses: []corpus.Course{{ID: "sql-basics", Title: "SQL basics", Provider: "A college", Platform: "Online",
			URL: "https://example.org/sql", Level: "beginner", Format: "course", Length: "4 weeks", Cost: "paid",
			Topics: []string{"sql", "data-analytics"}}},
		Synonyms: testSynonyms,
	}
}

// countingEmbedder counts the texts it embeds.
type countingEmbedder struct {
	Embedder
	texts atomic.Int64
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.texts.Add(int64(len(texts)))
	return c.Embedder.Embed(ctx, texts)
}

// fixedEmbedder has a settable name, model and dimension; vectors come from the
// local embedder, folded to dim.
type fixedEmbedder struct {
	model string
	dim   int
	local *LocalEmbedder
}

func (f *fixedEmbedder) Name() string  { return "fixed" }
func (f *fixedEmbedder) Model() string { return f.model }
func (f *fixedEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	vs, err := f.local.Embed(ctx, texts)
	if err != nil {
		return nil, err
	}
	out := make([][]float32, len(vs))
	for i, v := range vs {
		out[i] = make([]float32, f.dim)
		for j, x := range v {
			out[i][j%f.dim] += x
		}
		out[i][0] += 0.01 // never the zero vector
		out[i] = normalize(out[i])
	}
	return out, nil
}

func openTest(tb testing.TB, c *corpus.Corpus, emb Embedder, dir string) *Engine {
	tb.Helper()
	e, err := Open(context.Background(), Config{Corpus: c, Embedder: emb, DataDir: dir})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return e
}

func search(tb testing.TB, e *Engine, q string, opts SearchOptions) Results {
	tb.Helper()
	r, err := e.Search(context.Background(), q, opts)
	if err != nil {
		tb.Fatalf("Search(%q): %v", q, err)
	}
	return r
}

// checkGate asserts that every inScope query passes the confidence gate and no
// offTopic one does.
func checkGate(t *testing.T, e *Engine, inScope, offTopic []string) {
	t.Helper()
	for _, q := range inScope {
		if r := search(t, e, q, SearchOptions{}); !r.Confident {
			t.Errorf("in scope %q: confidence %.2f below the gate", q, r.Confidence)
		}
	}
	for _, q := range offTopic {
		if r := search(t, e, q, SearchOptions{}); r.Confident {
			t.Errorf("off topic %q: confidence %.2f passes the gate", q, r.Confidence)
		}
	}
}

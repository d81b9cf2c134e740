package answer

import (
	"context"
	"slices"
	"sync"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// fakeSearcher ranks hand-written passages by how many query terms they share and
// records the queries it was asked.
type fakeSearcher struct {
	chunks    []retrieval.Chunk
	confident bool
	err       error

	mu      sync.Mutex
	queries []string
}

func (f *fakeSearcher) Search(_ context.Context, query string, opts retrieval.SearchOptions) (retrieval.Results, error) {
	f.mu.Lock()
	f.queries = append(f.queries, query)
	f.mu.Unlock()
	if f.err != nil {
		return retrieval.Results{}, f.err
	}
	qt := termSet(query)
	type scored struct {
		c retrieval.Chunk
		s int
	}
	var list []scored
	for _, c := range f.chunks {
		s := 0
		for t := range termSet(c.Section + " " + c.Text) {
			if qt[t] {
				s++
			}
		}
		if s > 0 {
			list = append(list, scored{c, s})
		}
	}
	slices.SortStableFunc(list, func(a, b scored) int { return b.s - a.s })
	k := opts.K
	if k <= 0 {
		k = 5
	}
	res := retrieval.Results{Query: query, Confident: f.confident && len(list) > 0}
	for i, sc := range list {
		if i == k {
			break
		}
		res.Hits = append(res.Hits, retrieval.Hit{Chunk: sc.c, Rank: i + 1, Score: float64(sc.s)})
	}
	if len(list) > 0 {
		res.Confidence = 0.8
	}
	return res, nil
}

func (f *fakeSearcher) lastQuery() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.queries) == 0 {
		return ""
	}
	return f.queries[len(f.queries)-1]
}

// testChunks is a small corpus in the real format: Markdown remnants, list items and
// a near-duplicate sentence included on purpose.
var testChunks = []retrieval.Chunk{
	{ID: "pay#earn", DocID: "pay", Title: "Pay and outlook", Section: "How much do medical records specialists earn?", Topic: "pay-outlook", URL: "https://example.org/pay", AsOf: "2025-06",
		Text: "Medical records specialists earned a **median** annual wage of $50,250 in May 2024 (BLS). The median means half earned more and half earned less.\n\nCertified coders averaged more than non-certified coders in AAPC surveys."},
	{ID: "pay#outlook", DocID: "pay", Title: "Pay and outlook", Section: "What is the job outlook?", Topic: "pay-outlook", URL: "https://example.org/pay", AsOf: "2025-06",
		Text: "BLS projects employment of medical records specialists to grow 7% from 2024 to 2034, about as fast as average. The median annual wage of medical records specialists was $50,250 in May 2024 (BLS)."},
	{ID: "cert#rhit", DocID: "cert", Title: "AHIMA certifications", Section: "How do I qualify for the RHIT exam?", Topic: "certification", URL: "https://example.org/cert", AsOf: "2025-05",
		Text: "## RHIT eligibility\nThe RHIT exam requires graduation from a CAHIIM-accredited associate degree program in health information management. Work experience alone does not qualify a candidate for the RHIT exam.\n\n- Students may test in their final term of study.\n- Short item\n\nThe RHIT exam has 130 questions and lasts 3.5 hours."},
	{ID: "cert#renew", DocID: "cert", Title: "AHIMA certifications", Section: "How often do AHIMA credentials renew?", Topic: "certification", URL: "https://example.org/cert", AsOf: "2025-05",
		Text: "AHIMA credentials renew every two years through continuing education units. An RHIT needs 20 CEUs in each two-year cycle."},
	{ID: "courses-guide#terminology", DocID: "courses-guide", Title: "Choosing courses", Section: "Which online courses teach medical terminology?", Topic: "courses", URL: "https://example.org/courses", AsOf: "2025-06",
		Text: "Several online courses teach medical terminology, from free tutorials to college-credit classes. Medical terminology comes first because coding courses list it as a prerequisite."},
	{ID: "course:sql-basics", DocID: "courses", Title: "SQL basics", Section: "SQL basics", Topic: "courses", URL: "https://example.org/sql", AsOf: "2025-06",
		Text: "SQL basics (Example U, free, beginner): querying databases with SQL for data analytics.", CourseID: "sql-basics"},
}

// testCorpus is a corpus with documents and a course catalog for the advisor tests.
func testCorpus() *corpus.Corpus {
	return &corpus.Corpus{
		Docs: []corpus.Document{
			{ID: "cert-ahima", Title: "AHIMA certifications", Topic: "certification", Sources: []corpus.Source{{Key: "k", URL: "https://example.org/ahima"}}, AsOf: "2025-05",
				Summary: []string{"The RHIT requires a CAHIIM-accredited associate degree.", "The CCA needs only a high-school diploma.", "AHIMA credentials renew every two years."}},
			{ID: "cert-aapc", Title: "AAPC certifications", Topic: "certification", Sources: []corpus.Source{{Key: "k", URL: "https://example.org/aapc"}}, AsOf: "2025-04",
				Summary: []string{"The CPC is AAPC's core coding credential.", "New CPCs carry an apprentice (CPC-A) mark until they show experience.", "AAPC credentials need 36 CEUs every two years."}},
		},
		Courses: []corpus.Course{
			{ID: "term-paid", Title: "Clinical Terminology", Provider: "Pitt", Platform: "Coursera", URL: "https://example.org/c1", Level: "beginner", Format: "course", Cost: "paid", Topics: []string{"medical-terminology"}},
			{ID: "term-free", Title: "Medical Terminology Tutorial", Provider: "DMU", Platform: "dmu.edu", URL: "https://example.org/c2", Level: "beginner", Format: "self-paced", Cost: "free", Topics: []string{"medical-terminology"}},
			{ID: "icd-210", Title: "HIM 210 ICD-10-CM/PCS Coding", Provider: "Charter Oak", Platform: "Online", URL: "https://example.org/c3", Level: "intermediate", Format: "course", Cost: "tuition", Topics: []string{"coding"}},
			{ID: "cpc-prep", Title: "CPC preparation course", Provider: "AAPC", Platform: "AAPC online", URL: "https://example.org/c4", Level: "beginner", Format: "exam-prep", Cost: "paid", Topics: []string{"coding", "exam-prep"}, PreparesFor: []string{"cpc"}},
			{ID: "sql-basics", Title: "SQL basics", Provider: "Example U", Platform: "Online", URL: "https://example.org/sql", Level: "beginner", Format: "course", Cost: "free", Topics: []string{"sql", "data-analytics"}},
			{ID: "hi-masters", Title: "MS in Health Informatics", Provider: "State U", Platform: "Online", URL: "https://example.org/ms", Level: "graduate", Format: "degree", Cost: "tuition", Topics: []string{"informatics", "data-analytics"}},
			{ID: "hipaa-free", Title: "HIPAA basics", Provider: "Example U", Platform: "Online", URL: "https://example.org/hipaa", Level: "beginner", Format: "self-paced", Cost: "free", Topics: []string{"privacy-law"}},
		},
		Synonyms: corpus.Synonyms{
			Acronyms: map[string]string{"RHIT": "Registered Health Information Technician"},
			Groups:   [][]string{{"salary", "pay", "wage", "earn"}},
		},
		Lexicon: testLexicon(),
	}
}

// testLexicon is the built-in corpus's lexicon: how members write and what a question
// can ask are not what these tests vary.
var testLexicon = sync.OnceValue(func() corpus.Lexicon {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		panic(err)
	}
	return c.Lexicon
})

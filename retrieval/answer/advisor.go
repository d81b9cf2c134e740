package answer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// Modes of a Result.
const (
	ModeExtractive = "extractive"
	ModeLLM        = "llm"
)

// searchK is how many passages a question retrieves.
const searchK = 5

// Hooks are told about events worth counting. Nil hooks are skipped. They must be
// cheap and safe for concurrent use.
type Hooks struct {
	OnRetrieval func(took time.Duration)                // once per corpus search
	OnLLM       func(took time.Duration, fellBack bool) // once per LLM answer or rewrite
}

// Config configures an [Advisor].
type Config struct {
	Searcher retrieval.Searcher // required
	Corpus   *corpus.Corpus     // required: course catalog, summaries, synonyms
	LLM      *LLM               // nil answers offline, extractively
	Logger   *slog.Logger       // nil discards
	Hooks    Hooks
}

// Turn is one earlier exchange of a conversation, oldest first.
type Turn struct {
	Question string
	Answer   string
	Topic    string
}

// Source is one numbered source page of a Result; Text cites it as [N]. DocID,
// ChunkID, Section, Topic and Score describe the passage that first cited it.
type Source struct {
	N       int
	DocID   string
	ChunkID string
	Title   string // document title; with the section heading when two sources share a document
	Section string // section heading of the cited chunk
	Topic   string
	URL     string // the page that holds the cited claims
	AsOf    string // YYYY-MM: when that page was read
	Kind    string // corpus.KindPrimary, KindSecondary or KindDated; "" when unknown
	Score   float64
}

// Result is an answer or a summary.
type Result struct {
	Text       string   // Markdown with citation markers [n] referring to Sources[n-1]
	Sources    []Source // only the sources cited, numbered 1..n
	Courses    []corpus.Course
	Abstained  bool    // the evidence was too weak; Text says so and names the topics covered
	Mode       string  // ModeExtractive or ModeLLM
	Topic      string  // the top hit's corpus topic
	Confidence float64 // retrieval confidence, 0..1
}

// Advisor answers career questions from the corpus: it searches, gates on
// confidence, and answers with the LLM when one is configured or extractively, always
// with citations. It is safe for concurrent use.
type Advisor struct {
	search        retrieval.Searcher
	corpus        *corpus.Corpus
	llm           *LLM
	log           *slog.Logger
	hooks         Hooks
	syn           *retrieval.Synonyms
	norm          *retrieval.Normalizer
	analyzer      *analyzer
	gaps          *gapFinder
	credentials   map[string]bool // credential ids of prepares_for, as terms
	catalogTopics map[string]bool
	// generic holds the terms that name no subject: the lexicon's field words and
	// the words of its attributes' ask cues (see [Advisor.subjectless]).
	generic map[string]bool
	// open holds the attribute indexes of the lexicon's open parts and keyPoints,
	// for each document, how many of them its key points state (see
	// [Advisor.keyPointsDoc]).
	open, keyPoints []int
}

// New builds an Advisor. It fails when the searcher or corpus is missing.
func New(cfg Config) (*Advisor, error) {
	if cfg.Searcher == nil {
		return nil, errors.New("new advisor: searcher is nil")
	}
	if cfg.Corpus == nil {
		return nil, errors.New("new advisor: corpus is nil")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &Advisor{
		search: cfg.Searcher, corpus: cfg.Corpus, llm: cfg.LLM, log: log, hooks: cfg.Hooks,
		syn:           synonymsOf(cfg),
		norm:          retrieval.NewNormalizer(cfg.Corpus.Lexicon),
		credentials:   map[string]bool{},
		catalogTopics: map[string]bool{},
	}
	a.analyzer = &analyzer{syn: a.syn, stats: newTermStats(cfg.Corpus, a.syn), ents: entitiesOf(cfg),
		attrs: newAttributes(cfg.Corpus.Lexicon.Attributes), admissions: lowerAll(cfg.Corpus.Lexicon.Admissions),
		learning: lowerAll(cfg.Corpus.Lexicon.Learning), listings: lowerAll(cfg.Corpus.Lexicon.Listings),
		open: lowerAll(cfg.Corpus.Lexicon.Open)}
	a.gaps = newGapFinder(cfg.Corpus, a.analyzer)
	a.generic = genericTerms(cfg.Corpus.Lexicon)
	a.open = openAttrs(cfg.Corpus.Lexicon.OpenParts, a.analyzer.attrs)
	a.keyPoints = keyPointCounts(cfg.Corpus.Docs, a.analyzer.attrs, a.open)
	for _, c := range cfg.Corpus.Courses {
		for _, p := range c.PreparesFor {
			for _, t := range termsOf(p) {
				a.credentials[t] = true
			}
		}
		for _, t := range c.Topics {
			a.catalogTopics[t] = true
		}
	}
	return a, nil
}

// synonymsOf returns the searcher's synonym table when it has one (the retrieval
// engine does), so questions are read with one table, and builds it otherwise.
func synonymsOf(cfg Config) *retrieval.Synonyms {
	if s, ok := cfg.Searcher.(interface{ Synonyms() *retrieval.Synonyms }); ok {
		return s.Synonyms()
	}
	return retrieval.NewSynonyms(cfg.Corpus.Synonyms)
}

// entitiesOf returns the searcher's entity finder when it has one, and builds it
// otherwise.
func entitiesOf(cfg Config) *retrieval.Entities {
	if s, ok := cfg.Searcher.(interface{ Entities() *retrieval.Entities }); ok {
		return s.Entities()
	}
	return retrieval.NewEntities(cfg.Corpus)
}

// Ask answers question. history holds earlier turns of the same thread; when the
// question is a follow-up ("how long is that exam?") the previous question's terms
// join the search. onPartial, when set, receives the text so far while an LLM
// streams. The LLM failing is not an error: the answer falls back to the extractive
// one. An error means the question is empty or the search failed (ctx ending
// before it answered included).
func (a *Advisor) Ask(ctx context.Context, question string, history []Turn, onPartial func(string)) (Result, error) {
	question = strings.TrimSpace(question)
	if question == "" {
		return Result{}, errors.New("ask: empty question")
	}
	question, previous, res, err := a.read(ctx, question, history)
	if err != nil {
		return Result{}, err
	}
	res.Hits = promoteHeading(question, res.Hits, searchK)
	out := Result{Mode: ModeExtractive, Confidence: res.Confidence}
	if len(res.Hits) > 0 {
		out.Topic = res.Hits[0].Topic
	}
	if !res.Confident || len(res.Hits) == 0 {
		out.Text, out.Abstained = AbstainText(), true
		return out, nil
	}
	if isCourseQuestion(question, res.Hits) {
		out.Courses = a.suggestCourses(question, res.Hits)
	}
	sq := a.gaps.searchable(question, a.analyzer)
	q := newQuery(sq, previous, a.syn)
	if sq != question {
		q.stress(a.gaps.standIns(question), a.syn) // the closest facts: the national figure
	}
	q.subject = subjectEntities(a.analyzer.ents, question, previous)
	hits := res.Hits
	if open := a.openParts(question); len(open) > 0 {
		q = newQuery(a.withoutOpenCues(question), previous, a.syn)
		q.open, q.openTopics = open, a.corpus.Lexicon.OpenTopics
		hits = a.withTopicHits(ctx, question, previous, a.subjectHits(ctx, question, previous, hits))
	}
	mention := courseSentence("", out.Courses)
	budget := maxAnswerWords - len(strings.Fields(mention))
	text, sources := extract(q, hits, a.analyzer, budget)
	if a.llm != nil {
		if lt, ls, ok := a.askLLM(ctx, question, previous, hits, onPartial); ok {
			text, sources, out.Mode = lt, ls, ModeLLM
		}
	}
	if text == "" {
		out.Text, out.Abstained = AbstainText(), true
		out.Courses = nil
		return out, nil
	}
	gaps := a.gaps.find(question, text, a.analyzer.ents.FindText(question), hits, a.analyzer)
	if g := len(strings.Fields(strings.Join(gaps, " "))); g > 0 && out.Mode == ModeExtractive && g+wordCount(text) > budget {
		// Make room for what the answer lacks: the closest facts follow within budget.
		if t, s := extract(q, hits, a.analyzer, budget-g); t != "" {
			text, sources = t, s
			gaps = a.gaps.find(question, text, a.analyzer.ents.FindText(question), hits, a.analyzer)
		}
	}
	if len(gaps) > 0 {
		text = strings.Join(gaps, " ") + " " + text
	}
	if m := courseSentence(text, out.Courses); m != "" {
		text += "\n\n" + m
	}
	out.Text, out.Sources = text, sources
	return out, nil
}

// wordCount counts the words of an answer text, citation markers left out.
func wordCount(text string) int {
	n := 0
	for _, f := range strings.Fields(text) {
		if !isCitationToken(f) {
			n++
		}
	}
	return n
}

// read normalises question, resolves it against the thread and searches the corpus.
// It returns the normalised question, the thread context it reads against ("" when
// it stands alone) and the search results. A question that does not look like a
// follow-up but finds no confident evidence on its own, asked in a thread, is read
// against the thread too ("are there exceptions?" after a question about a rule).
func (a *Advisor) read(ctx context.Context, question string, history []Turn) (string, string, retrieval.Results, error) {
	previous := resolveFollowUp(question, history)
	if previous == "" && len(history) > 0 && a.subjectless(a.norm.Normalize(question)) {
		previous = threadContext(history) // "what cert and how many hours do you need"
	}
	if other := otherEntity(question, history, a.analyzer.ents); other != "" {
		question += " (" + other + ")" // "and the other one?" names the one not answered last
	}
	question = a.norm.Normalize(question)
	if cues := carriedCues(a.analyzer.attrs, question, previous); len(cues) > 0 {
		question += " (" + strings.Join(cues, ", ") + ")" // the thread's attribute, for the new subject
	}
	res, err := a.searchFor(ctx, a.gaps.searchable(question, a.analyzer), previous)
	if err != nil || res.Confident || previous != "" || len(history) == 0 {
		return question, previous, res, err
	}
	thread := threadContext(history)
	if alt, err := a.searchFor(ctx, question, thread); err == nil && alt.Confident {
		return question, thread, alt, nil
	}
	return question, previous, res, nil
}

// searchFor searches the corpus for question read against previous.
func (a *Advisor) searchFor(ctx context.Context, question, previous string) (retrieval.Results, error) {
	start := time.Now()
	res, err := a.search.Search(ctx, searchText(question, previous), retrieval.SearchOptions{K: searchPool})
	if a.hooks.OnRetrieval != nil {
		a.hooks.OnRetrieval(time.Since(start))
	}
	if err != nil {
		return res, fmt.Errorf("search corpus: %w", err)
	}
	return res, nil
}

// askLLM asks the model, removes links to hosts other than the cited sources',
// validates its citations and reports ok=false (after logging and counting the
// fallback) on any failure.
func (a *Advisor) askLLM(ctx context.Context, question, previous string, hits []retrieval.Hit, onPartial func(string)) (string, []Source, bool) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, a.llm.cfg.Timeout)
	defer cancel()
	block, pages := promptPages(hits)
	var partial func(string)
	last := ""
	if onPartial != nil {
		partial = func(soFar string) {
			// Only text that passes the same checks as a final answer is shown.
			clean, used := checkCitations(keepCitedLinks(linkStablePrefix(soFar), pages), len(pages))
			if len(used) > 0 && !garbage(clean) && clean != last {
				last = clean
				onPartial(clean)
			}
		}
	}
	raw, err := a.llm.complete(ctx, askMessages(question, previous, block), partial)
	var text string
	var used []int
	if err == nil {
		text, used = checkCitations(limitWords(keepCitedLinks(raw, pages), maxAnswerWords), len(pages))
		switch {
		case garbage(text):
			err = errGarbage
		case len(used) == 0:
			err = errNoCite
		}
	}
	a.countLLM(time.Since(start), err, "answer")
	if err != nil {
		return "", nil, false
	}
	if onPartial != nil && text != last {
		onPartial(text) // the words held back while they could still grow into a link
	}
	sources := make([]Source, len(used))
	for i, k := range used {
		sources[i] = pages[k-1]
		sources[i].N = i + 1
	}
	return text, sources, true
}

// countLLM reports one LLM call to the hook and logs a fallback with its reason.
func (a *Advisor) countLLM(took time.Duration, err error, what string) {
	if a.hooks.OnLLM != nil {
		a.hooks.OnLLM(took, err != nil)
	}
	if err != nil {
		a.log.Warn("llm fallback", "what", what, "model", a.llm.cfg.Model, "reason", err.Error(), "latency_ms", took.Milliseconds())
	}
}

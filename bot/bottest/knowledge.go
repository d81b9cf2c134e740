package bottest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/corpus"
)

// Topics are the corpus topics FakeKnowledge reports by default.
var Topics = []string{
	"overview", "education", "certification", "duties", "skills",
	"work-settings", "pay-outlook", "challenges", "advancement", "courses",
}

// PageSources are three source pages of one answer as renderers receive them: a
// primary page, a secondary one and a dated one, for tests of how every surface
// shows a source's title, site, as-of date and mark.
var PageSources = []bot.Source{
	{N: 1, Title: "AHIMA — RHIT eligibility", URL: "https://www.ahima.org/certification/rhit", AsOf: "2026-01", Kind: "primary"},
	{N: 2, Title: "A 2026 RHIT study guide", URL: "https://study-guide.example.org/rhit", AsOf: "2025-11", Kind: "secondary"},
	{N: 3, Title: "A college's RHIT page", URL: "https://college.example.edu/him/rhit", AsOf: "2019-05", Kind: "dated"},
}

// PageSourceLines are what every surface must show for PageSources, in order: title,
// then site, page date and mark.
var PageSourceLines = [][]string{
	{"AHIMA — RHIT eligibility", "ahima.org · as of 2026-01"},
	{"A 2026 RHIT study guide", "study-guide.example.org · as of 2025-11 · secondary"},
	{"A college's RHIT page", "college.example.edu · as of 2019-05 · dated"},
}

// Levels are the course levels of CannedCourses' catalog, for
// [bot.RouterConfig.CourseLevels].
var Levels = []string{"beginner", "intermediate", "advanced", "graduate"}

// CannedSource is the source cited by FakeKnowledge's default answers.
var CannedSource = bot.Source{
	N: 1, DocID: "certification", ChunkID: "certification#rhit", Title: "Certifications for health information technicians",
	Topic: "certification", URL: "https://www.ahima.org/certification/rhit", AsOf: "2025-06", Kind: "primary", Score: 0.82,
}

// CannedCourses is the catalog FakeKnowledge's default Courses filters.
var CannedCourses = []bot.Course{
	{ID: "medterm-basics", Title: "Medical Terminology Basics", Provider: "Example College", URL: "https://example.org/medterm", Level: "beginner", Format: "self-paced", Cost: "free"},
	{ID: "icd10-coding", Title: "ICD-10-CM Coding", Provider: "Example Academy", URL: "https://example.org/icd10", Level: "intermediate", Format: "course", Cost: "paid"},
	{ID: "rhit-prep", Title: "RHIT Exam Prep", Provider: "Example Association", URL: "https://example.org/rhit", Level: "intermediate", Format: "exam-prep", Cost: "paid"},
	{ID: "health-data", Title: "Health Data Analytics", Provider: "Example University", URL: "https://example.org/data", Level: "advanced", Format: "certificate", Cost: "tuition"},
}

// FakeKnowledge is a [bot.Knowledge] whose behaviour is set by function fields; a nil
// field gives a sensible canned result. It records every query and summary topic it
// is asked, for assertions (e.g. that no PHI reached it). Safe for concurrent use.
type FakeKnowledge struct {
	AnswerFn  func(ctx context.Context, q bot.Query) (bot.Answer, error)
	CoursesFn func(ctx context.Context, f bot.CourseFilter) ([]bot.Course, error)
	SummaryFn func(ctx context.Context, topic string, onPartial func(string)) (bot.Answer, error)
	TopicsFn  func() []string

	mu        sync.Mutex
	queries   []bot.Query
	filters   []bot.CourseFilter
	summaries []string
}

var _ bot.Knowledge = (*FakeKnowledge)(nil)

// Answer implements [bot.Knowledge]. By default it answers with one cited sentence
// about the RHIT, abstains when the question mentions "pizza", and streams the answer
// in two parts when q.OnPartial is set.
func (k *FakeKnowledge) Answer(ctx context.Context, q bot.Query) (bot.Answer, error) {
	k.mu.Lock()
	q.History = slices.Clone(q.History)
	k.queries = append(k.queries, q)
	k.mu.Unlock()
	if k.AnswerFn != nil {
		return k.AnswerFn(ctx, q)
	}
	if err := ctx.Err(); err != nil {
		return bot.Answer{}, err
	}
	if strings.Contains(strings.ToLower(q.Text), "pizza") {
		return bot.Answer{
			Text:      "I don't know that one. I can help with education, certification and pay.",
			Abstained: true, Mode: "extractive", Confidence: 0.05,
		}, nil
	}
	text := "The RHIT requires an associate degree from a CAHIIM-accredited program [1]."
	if q.OnPartial != nil {
		q.OnPartial(text[:20])
		q.OnPartial(text)
	}
	return bot.Answer{
		Text: text, Sources: []bot.Source{CannedSource}, Mode: "extractive", Topic: "certification", Confidence: 0.8,
	}, nil
}

// Courses implements [bot.Knowledge]. By default it filters CannedCourses by level and
// by topic (matched against id and title words).
func (k *FakeKnowledge) Courses(ctx context.Context, f bot.CourseFilter) ([]bot.Course, error) {
	k.mu.Lock()
	k.filters = append(k.filters, f)
	k.mu.Unlock()
	if k.CoursesFn != nil {
		return k.CoursesFn(ctx, f)
	}
	var out []bot.Course
	for _, c := range CannedCourses {
		hay := strings.ToLower(c.ID + " " + c.Title)
		if (f.Level == "" || f.Level == c.Level) && (f.Topic == "" || strings.Contains(hay, strings.ToLower(f.Topic))) {
			out = append(out, c)
		}
	}
	return out, nil
}

// Summary implements [bot.Knowledge]. By default it returns two cited key points
// naming the topic.
func (k *FakeKnowledge) Summary(ctx context.Context, topic string, onPartial func(string)) (bot.Answer, error) {
	k.mu.Lock()
	k.summaries = append(k.summaries, topic)
	k.mu.Unlock()
	if k.SummaryFn != nil {
		return k.SummaryFn(ctx, topic, onPartial)
	}
	text := fmt.Sprintf("**%s**\n\n- Key point one [1].\n- Key point two (as of 2025-06) [1].", topic)
	if onPartial != nil {
		onPartial(text)
	}
	return bot.Answer{Text: text, Sources: []bot.Source{CannedSource}, Mode: "extractive", Topic: topic, Confidence: 1}, nil
}

// Topics implements [bot.Knowledge]; the default is [Topics].
func (k *FakeKnowledge) Topics() []string {
	if k.TopicsFn != nil {
		return k.TopicsFn()
	}
	return slices.Clone(Topics)
}

// Queries returns the questions Answer was asked, in order.
func (k *FakeKnowledge) Queries() []bot.Query {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.queries)
}

// Filters returns the filters Courses was asked, in order.
func (k *FakeKnowledge) Filters() []bot.CourseFilter {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.filters)
}

// Summaries returns the topics Summary was asked, in order.
func (k *FakeKnowledge) Summaries() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.summaries)
}

// Clinical is the built-in corpus's clinical vocabulary, for
// [bot.RouterConfig.Clinical].
func Clinical() bot.ClinicalVocabulary { return bot.ClinicalVocabulary(corpus.DefaultClinical()) }

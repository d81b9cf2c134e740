package main

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync/atomic"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
	"github.com/careerbot/careerbot/retrieval/answer"
)

// knowledge builds, once per process, the answering layer the bot core uses: the
// retrieval engine, the corpus and, when OPENAI_API_KEY or OPENAI_BASE_URL is set, a
// streaming chat model with the extractive answer as fallback. Retrieval and LLM
// events go to a.observer when it is set before the first call.
func (a *app) knowledge(ctx context.Context) (bot.Knowledge, error) {
	kb, err := a.know.get(func() (*knowledgeBase, error) { return a.buildKnowledge(ctx) })
	if err != nil {
		return nil, err
	}
	return kb, nil
}

func (a *app) buildKnowledge(ctx context.Context) (*knowledgeBase, error) {
	c, err := a.corpus()
	if err != nil {
		return nil, err
	}
	eng, err := a.engine(ctx)
	if err != nil {
		return nil, err
	}
	llm, err := a.chatModel()
	if err != nil {
		return nil, err
	}
	return newKnowledgeBase(eng, c, llm, a.log.With("component", "answer"), a.observer)
}

// chatModel builds, once per process, the chat model client when OPENAI_API_KEY or
// OPENAI_BASE_URL is set; nil otherwise (answers and plans stay extractive).
func (a *app) chatModel() (*answer.LLM, error) {
	return a.llm.get(func() (*answer.LLM, error) {
		if !a.cfg.LLMEnabled() {
			return nil, nil
		}
		llm, err := answer.NewLLM(answer.LLMConfig{
			APIKey:  a.cfg.OpenAIAPIKey.Reveal(),
			BaseURL: a.cfg.OpenAIBaseURL,
			Model:   a.cfg.ChatModel,
			Timeout: a.cfg.LLMTimeout,
		})
		if err != nil {
			return nil, fmt.Errorf("configure chat model: %w (check OPENAI_BASE_URL and CHAT_MODEL)", err)
		}
		a.log.Info("llm answers enabled", "model", a.cfg.ChatModel, "timeout", a.cfg.LLMTimeout)
		return llm, nil
	})
}

// planPhraser returns the chat model as the plans' phraser, or nil when no model
// is configured (or it cannot be built: knowledge reports that error).
func (a *app) planPhraser() bot.PlanPhraser {
	llm, err := a.chatModel()
	if err != nil || llm == nil {
		return nil
	}
	return llm
}

// newKnowledgeBase builds the answering layer over eng and c, with llm (nil answers
// extractively), reporting retrieval and LLM events to obs (nil: none).
func newKnowledgeBase(eng retrieval.Searcher, c *corpus.Corpus, llm *answer.LLM, log *slog.Logger, obs bot.Observer) (*knowledgeBase, error) {
	kb := &knowledgeBase{}
	kb.SetObserver(obs)
	adv, err := answer.New(answer.Config{
		Searcher: eng, Corpus: c, LLM: llm, Logger: log,
		Hooks: answer.Hooks{
			OnRetrieval: func(took time.Duration) { kb.observer().Retrieval(took) },
			OnLLM:       func(took time.Duration, fellBack bool) { kb.observer().LLM(took, fellBack) },
		},
	})
	if err != nil {
		return nil, err
	}
	kb.adv = adv
	return kb, nil
}

// knowledgeBase adapts an [answer.Advisor] to [bot.Knowledge], mapping the answer
// package's types to the bot's.
type knowledgeBase struct {
	adv *answer.Advisor
	obs atomic.Pointer[observerBox]
}

type observerBox struct{ bot.Observer }

var _ bot.Knowledge = (*knowledgeBase)(nil)

// SetObserver sends retrieval and LLM events to o from now on; nil restores the
// no-op observer. Safe for concurrent use.
func (k *knowledgeBase) SetObserver(o bot.Observer) {
	if o == nil {
		o = bot.NopObserver{}
	}
	k.obs.Store(&observerBox{o})
}

func (k *knowledgeBase) observer() bot.Observer { return k.obs.Load().Observer }

// Answer answers q from the corpus; see [answer.Advisor.Ask].
func (k *knowledgeBase) Answer(ctx context.Context, q bot.Query) (bot.Answer, error) {
	history := make([]answer.Turn, len(q.History))
	for i, t := range q.History {
		history[i] = answer.Turn{Question: t.Question, Answer: t.Answer, Topic: t.Topic}
	}
	r, err := k.adv.Ask(ctx, q.Text, history, q.OnPartial)
	if err != nil {
		return bot.Answer{}, err // the Router wraps it as "answer question"
	}
	return toBotAnswer(r), nil
}

// Courses lists catalog entries for f; see [answer.Advisor.Courses].
// A topic the catalog cannot filter by is [bot.ErrUnknownCourseTopic].
func (k *knowledgeBase) Courses(_ context.Context, f bot.CourseFilter) ([]bot.Course, error) {
	if !k.adv.KnowsCourseTopic(f.Topic) {
		return nil, fmt.Errorf("courses for %q: %w", f.Topic, bot.ErrUnknownCourseTopic)
	}
	cs := k.adv.Courses(answer.CourseFilter{Topic: f.Topic, Level: f.Level, Cost: f.Cost, Text: f.Text, Limit: f.Limit})
	return toBotCourses(cs), nil
}

// Summary returns the cited key points of topic; an unknown topic is an error whose
// text lists the valid topics.
func (k *knowledgeBase) Summary(ctx context.Context, topic string, onPartial func(string)) (bot.Answer, error) {
	r, err := k.adv.Summary(ctx, topic, onPartial)
	if err != nil {
		return bot.Answer{}, err
	}
	return toBotAnswer(r), nil
}

// Topics lists the corpus topics in presentation order.
func (k *knowledgeBase) Topics() []string { return slices.Clone(corpus.Topics) }

func toBotAnswer(r answer.Result) bot.Answer {
	out := bot.Answer{
		Text: r.Text, Courses: toBotCourses(r.Courses), Abstained: r.Abstained,
		Mode: r.Mode, Topic: r.Topic, Confidence: r.Confidence,
	}
	for _, s := range r.Sources {
		out.Sources = append(out.Sources, bot.Source{
			N: s.N, DocID: s.DocID, ChunkID: s.ChunkID, Title: s.Title, Topic: s.Topic, URL: s.URL, AsOf: s.AsOf, Kind: s.Kind, Score: s.Score,
		})
	}
	return out
}

func toBotCourses(cs []corpus.Course) []bot.Course {
	out := make([]bot.Course, 0, len(cs))
	for _, c := range cs {
		out = append(out, bot.Course{
			ID: c.ID, Title: c.Title, Provider: c.Provider, URL: c.URL, Level: c.Level,
			Format: c.Format, Cost: c.Cost, Length: c.Length,
		})
	}
	return out
}

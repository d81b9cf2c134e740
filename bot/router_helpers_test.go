package bot_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

// recordingStore is a MemoryStore that also keeps every logged record and vote.
type recordingStore struct {
	*bot.MemoryStore
	mu      sync.Mutex
	records []bot.QuestionRecord
	votes   []bot.Feedback
	logErr  error
}

func (s *recordingStore) LogQuestion(ctx context.Context, r bot.QuestionRecord) error {
	s.mu.Lock()
	s.records = append(s.records, r)
	err := s.logErr
	s.mu.Unlock()
	if err != nil {
		return err
	}
	return s.MemoryStore.LogQuestion(ctx, r)
}

func (s *recordingStore) SaveFeedback(ctx context.Context, f bot.Feedback) error {
	s.mu.Lock()
	s.votes = append(s.votes, f)
	s.mu.Unlock()
	return s.MemoryStore.SaveFeedback(ctx, f)
}

func (s *recordingStore) Records() []bot.QuestionRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bot.QuestionRecord(nil), s.records...)
}

// recordingObserver counts Handled events.
type recordingObserver struct {
	bot.NopObserver
	mu      sync.Mutex
	handled []string // "command/outcome"
}

func (o *recordingObserver) Handled(_, command, outcome string, _ bool, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.handled = append(o.handled, command+"/"+outcome)
}

// harness is a Router over fakes.
type harness struct {
	router *bot.Router
	know   *bottest.FakeKnowledge
	store  *recordingStore
	obs    *recordingObserver
	logs   *bottest.LogBuffer
	clock  *bottest.Clock
}

func newHarness(t *testing.T, edit func(*bot.RouterConfig)) *harness {
	t.Helper()
	log, buf := bottest.NewLogger()
	h := &harness{
		know:  &bottest.FakeKnowledge{},
		store: &recordingStore{MemoryStore: bot.NewMemoryStore()},
		obs:   &recordingObserver{},
		logs:  buf,
		clock: bottest.NewClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)),
	}
	cfg := bot.RouterConfig{
		Knowledge: h.know, Store: h.store, Logger: log, Observer: h.obs,
		RateLimitPerMin: 100, Now: h.clock.Now, UserSalt: "test-salt", CourseLevels: bottest.Levels,
		Clinical: bottest.Clinical(),
	}
	if edit != nil {
		edit(&cfg)
	}
	r, err := bot.NewRouter(cfg)
	if err != nil {
		t.Fatalf("NewRouter: %v", err)
	}
	h.router = r
	return h
}

// ask sends a question from user u1 in thread th1 on Discord.
func (h *harness) ask(t *testing.T, text string) bot.Reply {
	t.Helper()
	return h.do(t, bot.Request{Platform: bot.PlatformDiscord, UserID: "u1", ChannelID: "c1", ThreadID: "th1", Text: text})
}

func (h *harness) do(t *testing.T, req bot.Request) bot.Reply {
	t.Helper()
	rep, err := h.router.Handle(context.Background(), req)
	if err != nil {
		t.Fatalf("Handle(%+v): %v", req, err)
	}
	return rep
}

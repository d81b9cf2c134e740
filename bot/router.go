package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"time"
)

// Router defaults.
const (
	DefaultAnswerTimeout = 30 * time.Second
	// answerMargin is added to AnswerTimeout for the whole Knowledge call, so an LLM
	// that times out still leaves time for the extractive fallback.
	answerMargin = 5 * time.Second
	// storeTimeout bounds writing the question record.
	storeTimeout = 5 * time.Second
	// rateWindow is the window RateLimitPerMin applies to.
	rateWindow = time.Minute
	// DefaultLocalRateLimitPerMin lets the playground's user click through the example
	// questions and commands without waiting, and still stops a runaway script.
	DefaultLocalRateLimitPerMin = 60
)

// RouterConfig configures a [Router]. Knowledge and Store are required.
type RouterConfig struct {
	Knowledge Knowledge
	Store     Store
	Logger    *slog.Logger // nil discards logs
	Observer  Observer     // nil means NopObserver

	// RateLimitPerMin is how many requests (ask, courses, summary, post) one member of a
	// community platform (Discord, Slack) may make per minute; 0 or less disables the
	// limit.
	RateLimitPerMin int
	// LocalRateLimitPerMin is the same limit for the user of this machine's playground
	// ([LocalPlatform]), who is trying the bot out: 0 means
	// DefaultLocalRateLimitPerMin, a negative value disables it. The terminal is never
	// limited: its user is the operator, often running scripts.
	LocalRateLimitPerMin int
	// CourseLevels are the course catalog's levels, in order (cmd wires the corpus's).
	// A level asked for must be one of them, and a level among a course topic's words
	// ("coding beginner") is read as the level. None means levels pass unchecked.
	CourseLevels []string
	// AnswerTimeout bounds one answer (the LLM's total time); the Knowledge call gets
	// a few seconds more for its fallback. 0 means DefaultAnswerTimeout.
	AnswerTimeout time.Duration
	// MemoryTurns is how many earlier turns of a thread are passed with a follow-up
	// question: 0 means DefaultMemoryTurns, a negative value disables thread memory.
	MemoryTurns int
	// MemoryTTL forgets a thread this long after its last turn; 0 means DefaultMemoryTTL.
	MemoryTTL time.Duration
	// Now is the clock (for tests); nil means time.Now.
	Now func() time.Time
	// Pathways, when set, enables plans (CommandPlan); PlanPhraser, when also set,
	// lets an LLM reword plan steps, keeping every citation.
	Pathways    Pathways
	PlanPhraser PlanPhraser
	// Clinical is how members ask for medical advice about their own health, which
	// the bot declines with a pointer to a clinician (cmd wires the corpus's). An
	// empty vocabulary declines nothing as medical advice.
	Clinical ClinicalVocabulary
	// UserSalt salts the hashes that stand in for user ids in the store and logs (see
	// [HashUser]). Keep it secret and stable, and the same across replicas.
	UserSalt string
}

// Router is the bot's [Handler]: it runs the guards (validation, PHI redaction,
// scope, rate limit, moderator policy) and dispatches commands to the [Knowledge] and
// the [Store]. It is safe for concurrent use.
type Router struct {
	know     Knowledge
	store    Store
	log      *slog.Logger
	obs      Observer
	limit    int // per minute for community platforms; ≤ 0: none
	local    int // per minute for the playground; ≤ 0: none
	levels   []string
	timeout  time.Duration
	mem      *memory
	now      func() time.Time
	salt     string
	paths    Pathways
	phraser  PlanPhraser
	clinical *clinicalGuard
}

var _ Handler = (*Router)(nil)

// NewRouter returns a Router for cfg, or an error when a required part is missing.
func NewRouter(cfg RouterConfig) (*Router, error) {
	if cfg.Knowledge == nil || cfg.Store == nil {
		return nil, errors.New("new router: Knowledge and Store are required")
	}
	turns := cmp.Or(cfg.MemoryTurns, DefaultMemoryTurns)
	r := &Router{
		know:     cfg.Knowledge,
		store:    cfg.Store,
		log:      cfg.Logger,
		obs:      cfg.Observer,
		limit:    cfg.RateLimitPerMin,
		local:    cmp.Or(cfg.LocalRateLimitPerMin, DefaultLocalRateLimitPerMin),
		levels:   slices.Clone(cfg.CourseLevels),
		timeout:  cmp.Or(cfg.AnswerTimeout, DefaultAnswerTimeout),
		mem:      newMemory(turns, cmp.Or(cfg.MemoryTTL, DefaultMemoryTTL), maxConversations),
		now:      cfg.Now,
		salt:     cfg.UserSalt,
		paths:    cfg.Pathways,
		phraser:  cfg.PlanPhraser,
		clinical: newClinicalGuard(cfg.Clinical),
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.obs == nil {
		r.obs = NopObserver{}
	}
	if r.now == nil {
		r.now = time.Now
	}
	return r, nil
}

// call carries one request through the router.
type call struct {
	req     Request
	command string
	user    string // HashUser of the requester
	start   time.Time
}

// Handle implements [Handler]. Every request gets a reply fit to show the member; the
// error, when not nil, is for the adapter to log. Questions are logged to the store
// (redacted, with a hashed user id), and every request is reported to the Observer.
func (r *Router) Handle(ctx context.Context, req Request) (reply Reply, err error) {
	c := &call{req: req, command: cmp.Or(req.Command, CommandAsk), user: HashUser(r.salt, req.Platform, req.UserID), start: r.now()}
	if !r.firstSeen(ctx, c) {
		c.command = cleanCommand(c.command)
		r.obs.Handled(req.Platform, c.command, OutcomeDuplicate, false, r.now().Sub(c.start))
		r.log.Debug("duplicate event ignored", "platform", req.Platform, "command", c.command, "message_id", req.MessageID)
		return Reply{Outcome: OutcomeDuplicate}, nil
	}
	defer func() {
		if p := recover(); p != nil {
			reply, err = Apology(), fmt.Errorf("handle %s: panic: %v\n%s", c.command, p, debug.Stack())
		}
		r.finish(ctx, c, &reply, &err)
	}()
	Accept(&c.req)
	switch c.command {
	case CommandAsk:
		return r.ask(ctx, c)
	case CommandCourses:
		return r.courses(ctx, c)
	case CommandSummary:
		return r.summary(ctx, c)
	case CommandPost:
		return r.post(ctx, c)
	case CommandHelp:
		return r.help(), nil
	case CommandFeedback:
		return r.feedback(ctx, c)
	case CommandReport:
		return r.report(ctx, c)
	case CommandPlan:
		return r.plan(ctx, c)
	}
	c.command = cleanCommand(c.command)
	return invalid("I don't know that command. " + howToAsk), nil
}

// cleanCommand keeps untrusted command names out of logs and metrics labels.
func cleanCommand(command string) string {
	switch command {
	case CommandAsk, CommandCourses, CommandSummary, CommandPost, CommandHelp, CommandFeedback, CommandReport, CommandPlan:
		return command
	}
	return "unknown"
}

// firstSeen reports whether the request's event is new: true when it carries no
// dedup key, or when the store has not seen its key within DedupTTL. A failing
// store does not silence the bot: answering twice is better than never answering.
func (r *Router) firstSeen(ctx context.Context, c *call) bool {
	if c.req.DedupKey == "" {
		return true
	}
	key := c.req.Platform + ":" + c.req.DedupKey
	first, err := r.store.FirstSeen(ctx, key, DedupTTL)
	if err != nil {
		r.log.Error("dedup check failed; handling the event anyway", "platform", c.req.Platform, "message_id", c.req.MessageID, "err", err)
		return true
	}
	return first
}

// finish logs the question (for ask), the request, and tells the Observer.
func (r *Router) finish(ctx context.Context, c *call, reply *Reply, err *error) {
	if c.command == CommandAsk || c.command == CommandPlan {
		rec := QuestionRecord{
			AnswerID: cmp.Or(reply.AnswerID, newAnswerID()), Platform: c.req.Platform, UserID: c.user,
			Question: reply.Question, Topic: reply.Topic, Outcome: reply.Outcome, Mode: reply.Mode,
			Redacted: reply.Redacted, CreatedAt: c.start,
		}
		// The record is written even when the member's request was cancelled.
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
		lerr := r.store.LogQuestion(lctx, rec)
		cancel()
		if lerr != nil {
			*err = errors.Join(*err, fmt.Errorf("log question: %w", lerr))
		}
	}
	took := r.now().Sub(c.start)
	r.obs.Handled(c.req.Platform, c.command, reply.Outcome, reply.Redacted, took)
	attrs := []any{
		"platform", c.req.Platform, "command", c.command, "outcome", reply.Outcome, "user", c.user,
		"message_id", c.req.MessageID, "took_ms", took.Milliseconds(),
	}
	if c.command == CommandAsk || c.command == CommandPlan {
		attrs = append(attrs, "answer_id", reply.AnswerID, "topic", reply.Topic, "mode", reply.Mode, "redacted", reply.Redacted)
	}
	level := slog.LevelInfo
	if *err != nil {
		level, attrs = slog.LevelWarn, append(attrs, "err", *err)
	}
	r.log.Log(ctx, level, "request handled", attrs...)
	if c.command == CommandAsk && reply.Question != "" {
		r.log.Debug("question", "user", c.user, "question", reply.Question) // redacted text only
	}
}

// rateLimit returns the per-minute limit for platform, ≤ 0 for none: none for the
// terminal (the operator at the keyboard, running commands one by one or in
// scripts), the local limit for the playground, the community limit elsewhere.
func (r *Router) rateLimit(platform string) int {
	switch {
	case platform == PlatformTerminal:
		return 0
	case LocalPlatform(platform):
		return r.local
	}
	return r.limit
}

// allow applies the per-user rate limit of the request's platform. It returns a reply
// to send instead when the user is over the limit. A failing store does not block
// members: the failure is logged and the request allowed.
func (r *Router) allow(ctx context.Context, c *call) (Reply, bool) {
	limit := r.rateLimit(c.req.Platform)
	if limit <= 0 {
		return Reply{}, true
	}
	ok, retry, err := r.store.Allow(ctx, "rate:"+c.user, limit, rateWindow)
	if err != nil {
		r.log.Error("rate limit check failed; allowing the request", "user", c.user, "err", err)
		return Reply{}, true
	}
	if ok {
		return Reply{}, true
	}
	secs := max(1, int((retry+time.Second-1)/time.Second))
	return Reply{
		Text:      fmt.Sprintf("You're asking faster than I can answer — try again in %d s.", secs),
		Ephemeral: true,
		Outcome:   OutcomeRateLimited,
	}, false
}

// knowledgeContext bounds one call to the Knowledge.
func (r *Router) knowledgeContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, r.timeout+answerMargin)
}

// invalid is the reply to input the bot cannot use.
func invalid(text string) Reply { return Reply{Text: text, Ephemeral: true, Outcome: OutcomeInvalid} }

// refusal is the reply to a moderator command from someone else.
func refusal() Reply {
	return Reply{
		Text:      "Only moderators can use that command. Ask a moderator if you'd like a career summary posted here.",
		Ephemeral: true,
		Outcome:   OutcomeRefused,
	}
}

// Package bot is careerbot's platform-neutral core. Every adapter — the terminal, the
// browser playground, Discord and Slack — turns a platform event into a [Request], hands
// it to a [Handler] (the [Router]), and renders the [Reply] it gets back.
//
// The core never imports a platform SDK or the retrieval engine: it defines the small
// interfaces it needs ([Knowledge], [Store]) and cmd/careerbot wires real implementations
// in. Fakes for tests live in bot/bottest.
package bot

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// Platforms a Request can come from.
const (
	PlatformTerminal = "terminal"
	PlatformWeb      = "web"
	PlatformDiscord  = "discord"
	PlatformSlack    = "slack"
)

// Commands the Router understands. An empty Command means CommandAsk.
const (
	CommandAsk      = "ask"      // Text is the question
	CommandCourses  = "courses"  // Args: ArgTopic, ArgLevel (both optional)
	CommandSummary  = "summary"  // Args: ArgTopic (moderators only); a private preview
	CommandPost     = "post"     // Args: ArgTopic (moderators only); the public summary post
	CommandHelp     = "help"     // what the bot covers, how to ask, privacy note
	CommandFeedback = "feedback" // Args: ArgAnswerID, ArgVote ("up" or "down")
	CommandReport   = "report"   // Args: ArgSince (a Go duration, optional; moderators only)
)

// Argument names used in Request.Args.
const (
	ArgTopic    = "topic"
	ArgLevel    = "level"
	ArgAnswerID = "answer_id"
	ArgVote     = "vote"
	ArgSince    = "since"
)

// Request is one thing a member asked of the bot, already translated from the
// platform's event. Adapters fill what they know; the Router treats every field as
// untrusted input.
type Request struct {
	Platform  string // one of the Platform constants
	UserID    string // platform user id; never shown to other users
	UserName  string // display name, for attribution ("posted by …")
	ChannelID string
	ThreadID  string // thread or conversation the follow-ups share; "" when none
	MessageID string // platform id of the incoming message or interaction, for logs
	DM        bool   // a direct message rather than a channel
	// DedupKey identifies the platform event across redeliveries (Slack's event_id or
	// trigger_id, Discord's interaction or message id). The Router answers an event
	// once: a request whose key was seen within [DedupTTL] gets an [OutcomeDuplicate]
	// reply, which adapters do not deliver. "" means the event is not deduplicated.
	DedupKey string

	Command string            // one of the Command constants; "" means CommandAsk
	Text    string            // the question (ask), free text of other commands
	Args    map[string]string // named command arguments (Arg constants)

	Moderator bool // the adapter has verified the user may run moderator commands

	// OnAccept, when set, is called once the Router has taken the request on (it is no
	// duplicate) and before any other work, on the goroutine running Handle. Adapters
	// do there what shows that an answer is coming — a placeholder message, a thread
	// opened for the answer, a typing indicator — so a redelivered event leaves no
	// trace. It may set req.ThreadID (to the thread it opened). Every [Handler] calls
	// it, or lets [Accept] call it, before its own work.
	OnAccept func(req *Request)

	// OnPartial, when set, receives the answer text accumulated so far while an LLM
	// streams it, so adapters can edit a message progressively. It is called from the
	// goroutine running Handle, with ever longer prefixes of the final Reply.Text; the
	// adapter throttles edits itself. It must not block for long.
	OnPartial func(textSoFar string)
}

// Outcomes a Reply can have, used in logs, metrics and reports.
const (
	OutcomeAnswered    = "answered"
	OutcomeAbstained   = "abstained"    // retrieval found no good evidence
	OutcomeDeclined    = "declined"     // out of scope or medical advice
	OutcomeInvalid     = "invalid"      // empty, too long, binary
	OutcomeRateLimited = "rate_limited" // too many questions
	OutcomeRefused     = "refused"      // a moderator command from a non-moderator
	OutcomeOK          = "ok"           // help, courses, feedback, report, summary
	OutcomeError       = "error"
	OutcomeDuplicate   = "duplicate" // a redelivered event (see Request.DedupKey): deliver nothing
)

// Reply is what the bot answers. Adapters render it natively (embeds, Block Kit, HTML,
// plain text); the Markdown in Text uses only bold, italics, links, lists and
// citation markers [n] that refer to Sources[n-1].
type Reply struct {
	Text      string   // Markdown body
	Notice    string   // a short note shown above the body (e.g. the privacy redaction note)
	Sources   []Source // numbered sources cited in Text
	Courses   []Course // course suggestions
	Buttons   []Button
	Ephemeral bool // only the asker should see it (refusals, previews, reports)

	AnswerID  string // id of this answer for feedback; "" when feedback makes no sense
	Question  string // the question after the PHI guard
	Topic     string // best-matching corpus topic, when known
	Outcome   string // one of the Outcome constants
	Mode      string // "extractive" or "llm" for answers; "" otherwise
	Abstained bool
	Redacted  bool  // the PHI guard removed personal health information from the request
	Plan      *Plan // the structured plan of a CommandPlan reply; nil otherwise
}

// Source is one numbered source page of an answer: [N] in the text cites the page at
// URL, read on AsOf, which holds the cited sentences. DocID, ChunkID and Topic name
// the passage that first cited it.
type Source struct {
	N       int     `json:"n"`
	DocID   string  `json:"doc_id"`
	ChunkID string  `json:"chunk_id"`
	Title   string  `json:"title"`
	Topic   string  `json:"topic"`
	URL     string  `json:"url"`
	AsOf    string  `json:"as_of"`
	Kind    string  `json:"kind"` // "primary", "secondary", "dated", or "" when unknown
	Score   float64 `json:"score"`
}

// Domain returns the host of the source's URL without "www.", or "" when it has none.
func (s Source) Domain() string {
	u, err := url.Parse(strings.TrimSpace(s.URL))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// Caption returns what every surface shows after a source's title: the site, the
// page's as-of date and its secondary/dated mark, joined by " · ", e.g.
// "ahima.org · as of 2026-01 · secondary". Empty parts are left out.
func (s Source) Caption() string {
	var parts []string
	if d := s.Domain(); d != "" {
		parts = append(parts, d)
	}
	if s.AsOf != "" {
		parts = append(parts, "as of "+s.AsOf)
	}
	if m := s.Mark(); m != "" {
		parts = append(parts, m)
	}
	return strings.Join(parts, " · ")
}

// Mark returns the reader's warning for a page that is not a primary source:
// "secondary" or "dated", else "".
func (s Source) Mark() string {
	switch s.Kind {
	case "secondary", "dated":
		return s.Kind
	}
	return ""
}

// Course is a course suggestion.
type Course struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Provider string `json:"provider"`
	URL      string `json:"url"`
	Level    string `json:"level"`
	Format   string `json:"format,omitempty"`
	Cost     string `json:"cost,omitempty"`
	Length   string `json:"length,omitempty"`
}

// Button actions. A Button's Action and Value travel through the platform (custom_id,
// action_id/value) and come back as a Request built by [ButtonRequest].
const (
	ActionFeedbackUp   = "feedback_up"   // Value: answer id
	ActionFeedbackDown = "feedback_down" // Value: answer id
	ActionPostSummary  = "summary_post"  // Value: topic
	ActionDiscard      = "summary_discard"
)

// Button is an action offered under a reply.
type Button struct {
	Action string // one of the Action constants
	Label  string // short text, may start with an emoji
	Value  string
	Style  string // "primary", "danger" or "" (default)
}

// Handler turns one Request into a Reply. The error is for operators: the Reply
// returned with it is still fit to show the member (an apology), so adapters log the
// error and deliver the reply. A reply whose Outcome is [OutcomeDuplicate] is not
// delivered at all. Implementations call req.OnAccept (see [Accept]) before their
// own work and are safe for concurrent use.
type Handler interface {
	Handle(ctx context.Context, req Request) (Reply, error)
}

// HandlerFunc adapts a function to [Handler].
type HandlerFunc func(ctx context.Context, req Request) (Reply, error)

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, req Request) (Reply, error) { return f(ctx, req) }

// An Adapter connects the bot to one platform. Run blocks until ctx is done or the
// adapter fails, and returns nil after a clean shutdown.
type Adapter interface {
	Name() string
	Run(ctx context.Context, h Handler) error
}

// Turn is one exchange of a conversation, used for follow-up questions.
type Turn struct {
	Question string
	Answer   string
	Topic    string
}

// Query is a question for [Knowledge.Answer].
type Query struct {
	Text    string // the question, already PHI-redacted and validated
	History []Turn // earlier turns of the same thread, oldest first (bounded)
	// OnPartial, when set, receives the accumulated answer text while it streams.
	OnPartial func(textSoFar string)
}

// Answer is what [Knowledge] found for a question.
type Answer struct {
	Text       string // Markdown with citation markers [n]
	Sources    []Source
	Courses    []Course
	Abstained  bool    // the evidence was too weak; Text explains and names the topics covered
	Mode       string  // "extractive" or "llm"
	Topic      string  // best-matching corpus topic
	Confidence float64 // 0..1
}

// CourseFilter narrows a course listing; empty fields match everything.
type CourseFilter struct {
	Topic string // catalog topic or corpus topic, e.g. "coding", "certification"
	Level string // beginner, intermediate, advanced, graduate
	Cost  string // free, paid, tuition
	Text  string // free words ("online", "ICD-10") to rank by
	Limit int    // at most this many; 0 means a default of 5
}

// Knowledge answers career questions from the corpus. cmd/careerbot adapts the
// retrieval engine to it; bottest has a fake. Implementations are safe for concurrent
// use and honour ctx.
type Knowledge interface {
	// Answer answers q with cited sources, or abstains. An error means no answer could
	// be produced at all (the LLM failing is not an error: it falls back).
	Answer(ctx context.Context, q Query) (Answer, error)
	// Courses lists catalog entries matching f, best first.
	Courses(ctx context.Context, f CourseFilter) ([]Course, error)
	// Summary returns the key points of topic with citations and as-of dates.
	// onPartial may be nil.
	Summary(ctx context.Context, topic string, onPartial func(string)) (Answer, error)
	// Topics lists the corpus topics, in presentation order.
	Topics() []string
}

// QuestionRecord is one logged question. Question is always the redacted text.
type QuestionRecord struct {
	AnswerID  string
	Platform  string
	UserID    string // a salted hash of the platform user id, never the raw id
	Question  string // after the PHI guard; "" when the request was invalid
	Topic     string
	Outcome   string
	Mode      string
	Redacted  bool
	CreatedAt time.Time
}

// Feedback is one member's vote on one answer. A later vote by the same user on the
// same answer replaces the earlier one.
type Feedback struct {
	AnswerID  string
	UserID    string // hashed like QuestionRecord.UserID
	Vote      int    // +1 or -1
	CreatedAt time.Time
}

// ReportQuery selects what a [Report] covers.
type ReportQuery struct {
	Since time.Time
	// IncludeLocal adds questions asked in the terminal and the playground
	// ([LocalPlatform]), which are left out of the community report by default.
	IncludeLocal bool
}

// LocalPlatform reports whether platform is one of this machine's own surfaces
// (terminal, playground) rather than a community platform.
func LocalPlatform(platform string) bool {
	return platform == PlatformTerminal || platform == PlatformWeb
}

// Report is the moderators' usage report.
type Report struct {
	Since         time.Time
	Questions     int
	ByTopic       map[string]int
	ByOutcome     map[string]int
	Abstentions   []QuestionRecord // most recent first, bounded
	Downvoted     []QuestionRecord // answers with a 👎, most recent first, bounded
	TopUnanswered []CountedQuestion
	Upvotes       int
	Downvotes     int
}

// CountedQuestion is a question text and how often it was asked.
type CountedQuestion struct {
	Question string
	Count    int
}

// Store keeps feedback, the question log, dedup keys and rate-limit state. The
// in-memory implementation is [NewMemoryStore]; durable ones live in package store.
// Implementations are safe for concurrent use; errors are real failures (disk full,
// database locked) and are never swallowed.
type Store interface {
	// LogQuestion appends a question record.
	LogQuestion(ctx context.Context, r QuestionRecord) error
	// SaveFeedback records a vote; the last vote per (answer, user) wins.
	SaveFeedback(ctx context.Context, f Feedback) error
	// FirstSeen records key (e.g. a platform event id) and reports whether this is the
	// first time it was seen within ttl. Concurrent callers with the same key: exactly
	// one gets true.
	FirstSeen(ctx context.Context, key string, ttl time.Duration) (bool, error)
	// Allow takes one token from the bucket key that allows limit events per window.
	// When none is left it returns false and how long until one is.
	Allow(ctx context.Context, key string, limit int, window time.Duration) (ok bool, retryAfter time.Duration, err error)
	// Report summarises what was logged since q.Since: community platforms only, and
	// the terminal and playground too when q.IncludeLocal is set.
	Report(ctx context.Context, q ReportQuery) (Report, error)
	// Ping reports whether the store is reachable.
	Ping(ctx context.Context) error
	Close() error
}

// Observer is told about events worth counting (metrics). Methods must be cheap and
// safe for concurrent use. [NopObserver] ignores everything.
type Observer interface {
	// Handled is called once per Request the Router finishes.
	Handled(platform, command, outcome string, redacted bool, took time.Duration)
	// Retrieval is called once per corpus search.
	Retrieval(took time.Duration)
	// LLM is called once per LLM attempt; fellBack is true when the extractive answer
	// was used instead.
	LLM(took time.Duration, fellBack bool)
	// PlatformError is called when a platform API call fails (op names the call).
	PlatformError(platform, op string)
}

// NopObserver is an [Observer] that does nothing.
type NopObserver struct{}

// Handled implements [Observer]; it does nothing.
func (NopObserver) Handled(string, string, string, bool, time.Duration) {}

// Retrieval implements [Observer]; it does nothing.
func (NopObserver) Retrieval(time.Duration) {}

// LLM implements [Observer]; it does nothing.
func (NopObserver) LLM(time.Duration, bool) {}

// PlatformError implements [Observer]; it does nothing.
func (NopObserver) PlatformError(string, string) {}

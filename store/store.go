// Package store keeps careerbot's durable state — the question log, feedback, event
// dedup keys and rate-limit buckets — behind [bot.Store].
//
// One implementation, [DB], runs on two databases with the same schema and behaviour:
// SQLite ([OpenSQLite]), an embedded file in DATA_DIR for a single process, and
// PostgreSQL ([OpenPostgres]), for replicas that must share dedup keys, rate limits,
// feedback and reports. [Open] picks one from a [Config]. Both run their embedded
// schema migrations when opened, are safe for concurrent use, and return every failure
// (a full disk, a read-only or locked database) as an error that names the cause;
// nothing acknowledged by a nil error is lost when the process is killed.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/careerbot/careerbot/bot"
)

// FileName is the name of the SQLite database file inside Config.DataDir.
const FileName = "careerbot.db"

// DefaultBusyTimeout is how long a SQLite write waits for another process's lock
// before failing with [ErrLocked].
const DefaultBusyTimeout = 5 * time.Second

// Config selects and configures a store.
type Config struct {
	// DataDir holds the SQLite file (FileName); it is created when missing. Used when
	// DatabaseURL is empty.
	DataDir string
	// DatabaseURL, when set, selects PostgreSQL: a postgres:// URL or a key=value
	// connection string as libpq accepts it. A search_path parameter in the URL puts
	// the tables in that schema, which must exist.
	DatabaseURL string
	// BusyTimeout bounds SQLite's wait for a lock held by another process; 0 means
	// DefaultBusyTimeout.
	BusyTimeout time.Duration
	// Logger receives the schema migrations applied and warnings (a failed cleanup of
	// expired rows, a file system without WAL support); nil discards them.
	Logger *slog.Logger
}

// Open returns the store cfg describes: PostgreSQL when DatabaseURL is set, otherwise
// SQLite in DataDir. It runs pending schema migrations before returning. The caller
// closes the store.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.DatabaseURL != "" {
		return OpenPostgres(ctx, cfg)
	}
	if cfg.DataDir == "" {
		return nil, errors.New("open store: neither DATA_DIR nor DATABASE_URL is set")
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("open store: create DATA_DIR: %w", err)
	}
	if fi, err := os.Stat(cfg.DataDir); err == nil && fi.Mode().Perm()&0o077 != 0 {
		cfg.logger().Warn("DATA_DIR is open to other users; it holds the question log: chmod 700 it",
			"data_dir", cfg.DataDir, "mode", fmt.Sprintf("%04o", fi.Mode().Perm()))
	}
	return OpenSQLite(ctx, filepath.Join(cfg.DataDir, FileName), cfg)
}

// logger returns cfg.Logger, or one that discards everything.
func (cfg Config) logger() *slog.Logger {
	if cfg.Logger != nil {
		return cfg.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// withQuestionDefaults returns r with CreatedAt set to now when zero.
func withQuestionDefaults(r bot.QuestionRecord, now time.Time) bot.QuestionRecord {
	if r.CreatedAt.IsZero() {
		r.CreatedAt = now
	}
	return r
}

// normalizeQuestion is the key under which a report groups questions as "the same",
// as bot.BuildReport does: lower case, runs of white space collapsed.
func normalizeQuestion(q string) string {
	return strings.Join(strings.Fields(strings.ToLower(q)), " ")
}

// checkFeedback validates f and fills in defaults: CreatedAt is now when zero.
func checkFeedback(f *bot.Feedback, now time.Time) error {
	if f.AnswerID == "" || f.UserID == "" {
		return errors.New("feedback needs an answer id and a user")
	}
	if f.Vote != 1 && f.Vote != -1 {
		return fmt.Errorf("feedback vote %d is not +1 or -1", f.Vote)
	}
	if f.CreatedAt.IsZero() {
		f.CreatedAt = now
	}
	return nil
}

// checkKey validates a dedup or rate-limit key.
func checkKey(key string) error {
	if key == "" {
		return errors.New("empty key")
	}
	return nil
}

// newReport returns an empty report for since, with non-nil maps and lists so that
// it renders and encodes the same whether or not anything was logged.
func newReport(since time.Time) bot.Report {
	return bot.Report{
		Since:         since,
		ByTopic:       map[string]int{},
		ByOutcome:     map[string]int{},
		Abstentions:   []bot.QuestionRecord{},
		Downvoted:     []bot.QuestionRecord{},
		TopUnanswered: []bot.CountedQuestion{},
	}
}

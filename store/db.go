package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/careerbot/careerbot/bot"
)

// DB is a [bot.Store] in SQL: an SQLite file ([OpenSQLite]) or a PostgreSQL database
// ([OpenPostgres]). The statements are shared; a [dialect] holds what differs. DB is
// safe for concurrent use, and by several processes or replicas on the same database:
// FirstSeen and Allow are atomic in the database, not in this process.
type DB struct {
	w, r    *sql.DB // writes and reads; the same pool for PostgreSQL
	dialect dialect
	log     *slog.Logger
	now     func() time.Time // the clock; tests replace it
	path    string           // the SQLite file; "" for PostgreSQL
	// wal makes SQLite writes durable in groups (see [walSync]); nil for PostgreSQL,
	// whose commits are durable themselves.
	wal *walSync

	housekeepMu   sync.Mutex
	nextHousekeep time.Time

	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

var _ bot.Store = (*DB)(nil)

// dialect is what differs between the databases.
type dialect struct {
	name string // "sqlite" or "postgres": the migrations directory, and in errors
	// timeArg encodes a time as a statement argument, to the millisecond in both
	// databases so they agree on every comparison; decoding is dbTime's job.
	timeArg func(time.Time) any
	// forUpdate locks the row a rate-limit read returns until the transaction ends.
	forUpdate string
	// lockMigrations, when set, runs first in the migration transaction to keep
	// replicas starting together from migrating at once.
	lockMigrations string
	// hasVersionTable reports (as a count) whether schema_version exists.
	hasVersionTable string
	// reportTx are the options of the transaction that reads a report.
	reportTx *sql.TxOptions
}

// housekeepEvery is how often a DB deletes expired dedup keys and full rate-limit
// buckets, and housekeepBatch how many rows of each at most, so that no call pays for
// a long backlog at once.
const (
	housekeepEvery = time.Minute
	housekeepBatch = 1000
)

// open returns [bot.ErrStoreClosed] once Close has been called.
func (s *DB) open() error {
	if s.closed.Load() {
		return bot.ErrStoreClosed
	}
	return nil
}

// clock returns the current time, truncated to the millisecond that both databases
// store, so a value read back equals the one written.
func (s *DB) clock() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

// LogQuestion implements [bot.Store].
func (s *DB) LogQuestion(ctx context.Context, r bot.QuestionRecord) error {
	if err := s.open(); err != nil {
		return fmt.Errorf("log question: %w", err)
	}
	r = withQuestionDefaults(r, s.clock())
	_, err := s.w.ExecContext(ctx, `INSERT INTO questions
		(answer_id, platform, user_hash, question, question_norm, topic, outcome, mode, redacted, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		r.AnswerID, r.Platform, r.UserID, r.Question, normalizeQuestion(r.Question),
		r.Topic, r.Outcome, r.Mode, r.Redacted, s.dialect.timeArg(r.CreatedAt))
	if err != nil {
		return fmt.Errorf("log question: %w", classify(err))
	}
	if err := s.durable(); err != nil {
		return fmt.Errorf("log question: %w", err)
	}
	return nil
}

// durable returns once the writes committed so far are on disk (see [walSync]).
func (s *DB) durable() error {
	if s.wal == nil {
		return nil
	}
	return s.wal.wait()
}

// SaveFeedback implements [bot.Store]: the row of (answer, user) is replaced, so the
// last vote wins.
func (s *DB) SaveFeedback(ctx context.Context, f bot.Feedback) error {
	if err := s.open(); err != nil {
		return fmt.Errorf("save feedback: %w", err)
	}
	if err := checkFeedback(&f, s.clock()); err != nil {
		return fmt.Errorf("save feedback: %w", err)
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO feedback (answer_id, user_hash, vote, created_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
		f.AnswerID, f.UserID, f.Vote, s.dialect.timeArg(f.CreatedAt))
	if err != nil {
		return fmt.Errorf("save feedback: %w", classify(err))
	}
	if err := s.durable(); err != nil {
		return fmt.Errorf("save feedback: %w", err)
	}
	return nil
}

// FirstSeen implements [bot.Store]. One statement inserts the key, or renews it when
// its previous lease has expired; the database's uniqueness check makes exactly one of
// several concurrent callers (in any process) change a row, and only that one gets true.
func (s *DB) FirstSeen(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if err := s.open(); err != nil {
		return false, fmt.Errorf("check dedup key: %w", err)
	}
	if err := checkKey(key); err != nil {
		return false, fmt.Errorf("check dedup key: %w", err)
	}
	now := s.clock()
	res, err := s.w.ExecContext(ctx, `INSERT INTO dedup_keys (key, expires_at) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
		WHERE dedup_keys.expires_at <= $3`,
		key, s.dialect.timeArg(now.Add(max(ttl, 0))), s.dialect.timeArg(now))
	if err != nil {
		return false, fmt.Errorf("check dedup key: %w", classify(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("check dedup key: %w", classify(err))
	}
	if err := s.durable(); err != nil {
		return false, fmt.Errorf("check dedup key: %w", err)
	}
	s.housekeep(ctx, now)
	return n == 1, nil
}

// Allow implements [bot.Store] with a token bucket per key (see take). The bucket is
// read and written in one transaction that holds its row lock (PostgreSQL) or the
// database's write lock (SQLite), so concurrent callers in any process never spend the
// same token twice. In SQLite the bucket is not synced to disk: a power cut (not a
// killed process) can forget the last moments of spending, which refills a few
// buckets early; checking a limit, and refusing, never waits for the disk.
func (s *DB) Allow(ctx context.Context, key string, limit int, window time.Duration) (bool, time.Duration, error) {
	if err := s.open(); err != nil {
		return false, 0, fmt.Errorf("take rate-limit token: %w", err)
	}
	if err := checkKey(key); err != nil {
		return false, 0, fmt.Errorf("take rate-limit token: %w", err)
	}
	if limit <= 0 || window <= 0 {
		return false, max(window, 0), nil // a limit of nothing allows nothing, as in [bot.MemoryStore]
	}
	now := s.clock()
	var ok bool
	var retryAfter time.Duration
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// Creating the row first gives the next statement a row to lock even for a new
		// key; a new row holds a full bucket.
		if _, err := tx.ExecContext(ctx, `INSERT INTO rate_limits (key, tokens, updated_at, full_at)
			VALUES ($1, $2, $3, $3) ON CONFLICT (key) DO NOTHING`,
			key, float64(limit), s.dialect.timeArg(now)); err != nil {
			return err
		}
		var b bucket
		var updated dbTime
		if err := tx.QueryRowContext(ctx, `SELECT tokens, updated_at FROM rate_limits WHERE key = $1`+s.dialect.forUpdate,
			key).Scan(&b.tokens, &updated); err != nil {
			return err
		}
		b.updated = updated.Time
		var next bucket
		var fullAt time.Time
		next, ok, retryAfter, fullAt = take(b, now, limit, window)
		_, err := tx.ExecContext(ctx, `UPDATE rate_limits SET tokens = $2, updated_at = $3, full_at = $4 WHERE key = $1`,
			key, next.tokens, s.dialect.timeArg(next.updated), s.dialect.timeArg(fullAt))
		return err
	})
	if err != nil {
		return false, 0, fmt.Errorf("take rate-limit token: %w", classify(err))
	}
	s.housekeep(ctx, now)
	return ok, retryAfter, nil
}

// inTx runs fn in a write transaction and commits it, or rolls it back when fn fails.
func (s *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, ignoreDone(tx.Rollback()))
	}
	return tx.Commit()
}

// ignoreDone drops the error of rolling back a transaction that already ended.
func ignoreDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}

// housekeep deletes a batch of expired dedup keys and of rate-limit rows whose
// bucket has refilled (an absent row is a full bucket, so nothing changes for
// callers), at most once per housekeepEvery. A failure is logged, not returned: the
// caller's own write has succeeded, and the rows are retried next time.
func (s *DB) housekeep(ctx context.Context, now time.Time) {
	s.housekeepMu.Lock()
	due := !now.Before(s.nextHousekeep)
	if due {
		s.nextHousekeep = now.Add(housekeepEvery)
	}
	s.housekeepMu.Unlock()
	if !due {
		return
	}
	for _, q := range []string{
		`DELETE FROM dedup_keys WHERE key IN (SELECT key FROM dedup_keys WHERE expires_at <= $1 LIMIT $2)`,
		`DELETE FROM rate_limits WHERE key IN (SELECT key FROM rate_limits WHERE full_at <= $1 LIMIT $2)`,
	} {
		if _, err := s.w.ExecContext(ctx, q, s.dialect.timeArg(now), housekeepBatch); err != nil {
			if ctx.Err() != nil {
				return // the caller gave up; nothing failed
			}
			s.log.Warn("store housekeeping failed; will retry", "driver", s.dialect.name, "err", classify(err))
			return
		}
	}
}

// Ping implements [bot.Store]: it runs a query, so it fails when the database cannot
// be read, not only when a connection cannot be made.
func (s *DB) Ping(ctx context.Context) error {
	if err := s.open(); err != nil {
		return fmt.Errorf("ping %s store: %w", s.dialect.name, err)
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_version`).Scan(&n); err != nil {
		return fmt.Errorf("ping %s store: %w", s.dialect.name, classify(err))
	}
	return nil
}

// Close implements [bot.Store]. It waits for queries in flight; later calls return
// the first call's result.
func (s *DB) Close() error {
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		var errs []error
		if s.r != s.w {
			errs = append(errs, s.r.Close())
		}
		errs = append(errs, s.w.Close())
		if s.wal != nil {
			errs = append(errs, s.wal.close())
		}
		if err := errors.Join(errs...); err != nil {
			s.closeErr = fmt.Errorf("close %s store: %w", s.dialect.name, err)
		}
	})
	return s.closeErr
}

// dbTime scans a time stored either way: Unix milliseconds (SQLite) or a timestamp
// (PostgreSQL).
type dbTime struct{ time.Time }

// Scan implements sql.Scanner.
func (t *dbTime) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		t.Time = time.UnixMilli(v).UTC()
	case time.Time:
		t.Time = v.UTC()
	case nil:
		t.Time = time.Time{}
	default:
		return fmt.Errorf("scan time: unexpected %T", src)
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// sqliteReaders is how many connections may read the SQLite file at once. Readers never
// block the writer, or each other, in WAL mode.
const sqliteReaders = 4

// sqliteDialect stores times as INTEGER Unix milliseconds. SQLite has no row locks:
// the whole Allow transaction holds the write lock instead (BEGIN IMMEDIATE), which
// also serialises migrations.
var sqliteDialect = dialect{
	name:            "sqlite",
	timeArg:         func(t time.Time) any { return t.UnixMilli() },
	hasVersionTable: `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`,
	reportTx:        &sql.TxOptions{ReadOnly: true},
}

// OpenSQLite opens (creating it when missing, mode 0600) the SQLite database file at
// path, migrates its schema and returns the store. The directory must exist. The
// caller closes the store. Processes opening the same file at once take turns (see
// [whileOpening]), so a fleet starting on a fresh DATA_DIR migrates it once and none
// fails.
//
// The file is in WAL mode: readers (reports, pings) never block writers and writers
// never block readers. Every write goes through a single connection, so the process
// never contends with itself for the write lock; another process using the same file
// (a second careerbot, `careerbot report` during a migration) is waited for up to
// cfg.BusyTimeout, after which the call fails with [ErrLocked].
//
// Durability: commits use synchronous=NORMAL, which in WAL mode hands the committed
// pages to the OS without an fsync, enough to survive the process being killed
// (kill -9). Logged questions, votes and dedup keys must also survive a power cut or
// kernel crash, so those calls return only after an fsync of the WAL that started
// after their commit (group commit: one fsync covers every writer waiting for it, see
// [walSync]); a write acknowledged by a nil error is on disk, as with
// synchronous=FULL. Rate-limit buckets are not synced (see [DB.Allow]), so checking a
// limit, and refusing, never waits for the disk.
func OpenSQLite(ctx context.Context, path string, cfg Config) (*DB, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open sqlite database: path %q is empty or contains ? or #", path)
	}
	busy := cfg.BusyTimeout
	if busy <= 0 {
		busy = DefaultBusyTimeout
	}
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("open sqlite database %s: %w", path, classify(err))
	}
	common := url.Values{"_pragma": {fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()), "foreign_keys(1)"}}
	writer := cloneValues(common)
	writer["_pragma"] = append(writer["_pragma"], "journal_mode(WAL)", "synchronous(NORMAL)")
	writer.Set("_txlock", "immediate") // take the write lock at BEGIN, not at the first write
	reader := cloneValues(common)
	reader["_pragma"] = append(reader["_pragma"], "query_only(1)")

	w, err := sql.Open("sqlite", path+"?"+writer.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", path+"?"+reader.Encode())
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open sqlite database %s: %w", path, err), w.Close())
	}
	r.SetMaxOpenConns(sqliteReaders)
	r.SetMaxIdleConns(sqliteReaders)

	s := &DB{w: w, r: r, dialect: sqliteDialect, log: cfg.logger(), now: time.Now, wal: newWALSync(path), path: path}
	if err := whileOpening(ctx, path, busy, func() error { return s.initSQLite(ctx, path) }); err != nil {
		return nil, errors.Join(fmt.Errorf("open sqlite database %s: %w", path, err), s.Close())
	}
	return s, nil
}

// initSQLite opens the writer connection (applying its pragmas), checks that WAL mode
// took effect and migrates the schema.
func (s *DB) initSQLite(ctx context.Context, path string) error {
	var mode string
	if err := s.w.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return classify(err)
	}
	if !strings.EqualFold(mode, "wal") {
		// Some file systems (network mounts) cannot share WAL memory; SQLite then keeps
		// a rollback journal, which is as durable but lets writers block readers.
		s.log.Warn("sqlite journal is not WAL; reports may wait for writes", "path", path, "journal_mode", mode)
	}
	return s.migrate(ctx)
}

// cloneValues copies v, so appending to one value does not alter another.
func cloneValues(v url.Values) url.Values {
	c := make(url.Values, len(v))
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

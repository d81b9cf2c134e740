package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Conditions callers (and operators) may want to tell apart. Errors returned by the
// stores match them with errors.Is and still carry the database's own error.
var (
	// ErrLocked: another process or connection held the database lock for longer
	// than the busy timeout.
	ErrLocked = errors.New("database is locked")
	// ErrReadOnly: the database file, its directory or the server refuses writes.
	ErrReadOnly = errors.New("database is read-only")
	// ErrDiskFull: the disk (or the database's size limit) is full.
	ErrDiskFull = errors.New("disk is full")
)

// causeError is a database error recognised as one of the conditions above (kind; nil
// for conditions without a sentinel), with a hint for the operator.
type causeError struct {
	kind error
	hint string
	err  error
}

func (e *causeError) Error() string { return e.err.Error() + " (" + e.hint + ")" }
func (e *causeError) Unwrap() []error {
	if e.kind == nil {
		return []error{e.err}
	}
	return []error{e.kind, e.err}
}

// classify recognises the conditions above in an error from either database driver
// and adds the matching sentinel and hint; other errors come back unchanged.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var ce *causeError
	if errors.As(err, &ce) {
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // the primary result code; extended codes add bits above
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &causeError{ErrLocked, "another process holds the SQLite database lock; stop it or retry", err}
		case sqlite3.SQLITE_READONLY:
			return &causeError{ErrReadOnly, "make the database file and DATA_DIR writable by this user", err}
		case sqlite3.SQLITE_FULL:
			return &causeError{ErrDiskFull, "free space on the disk holding DATA_DIR", err}
		case sqlite3.SQLITE_CANTOPEN:
			return &causeError{nil, "check that DATA_DIR exists and is writable by this user", err}
		}
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "53100": // disk_full
			return &causeError{ErrDiskFull, "free space on the PostgreSQL server", err}
		case "25006": // read_only_sql_transaction: a standby or a read-only default
			return &causeError{ErrReadOnly, "point DATABASE_URL at a writable primary", err}
		case "55P03": // lock_not_available
			return &causeError{ErrLocked, "another session holds the lock; retry", err}
		}
	}
	return err
}

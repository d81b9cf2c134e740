package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
)

// minFreeBytes is the free space below which an SQLite store is reported unable to
// write: a question log row, its indexes and the WAL frames need a few pages each.
const minFreeBytes = 1 << 20

// probeKey prefixes the dedup key CheckWrite writes and deletes again.
const probeKey = "ready-probe:"

// CheckWrite reports whether the store can write right now, for readiness checks:
// Ping only proves it can read. It commits one transaction that inserts a row larger
// than a database page (so pages must be allocated and the journal must grow) and
// deletes it again (on PostgreSQL a small row: its disk is the server's concern); a
// read-only file or mount, a full disk or database, or a lock held too long makes it
// fail. For SQLite it also fails when the file system holding the
// database has less than 1 MiB free, which a write that reuses free pages would not
// notice.
func (s *DB) CheckWrite(ctx context.Context) error {
	if err := s.open(); err != nil {
		return fmt.Errorf("check store writes: %w", err)
	}
	if s.path != "" {
		free, err := freeBytes(filepath.Dir(s.path))
		if err != nil {
			return fmt.Errorf("check store writes: %w", err)
		}
		if free < minFreeBytes {
			return fmt.Errorf("check store writes: %d bytes free next to %s: %w", free, s.path, ErrDiskFull)
		}
	}
	key := probeKey + "postgres"
	if s.dialect.name == "sqlite" {
		key = probeKey + strings.Repeat("x", 6000) // spills into overflow pages
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO dedup_keys (key, expires_at) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at`, key, s.dialect.timeArg(s.clock())); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM dedup_keys WHERE key = $1`, key)
		return err
	})
	if err != nil {
		return fmt.Errorf("check store writes: %w", classify(err))
	}
	return nil
}

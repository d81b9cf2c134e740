package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrationFS holds the schema migrations, one directory per dialect. A migration is
// NNNN_name.sql; versions start at 1 and have no gaps. Applied migrations are never
// edited: a schema change is a new file.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// migration is one schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the migrations of dialect ("sqlite" or "postgres") in order.
func migrations(dialect string) ([]migration, error) {
	return loadMigrations(migrationFS, path.Join("migrations", dialect))
}

// loadMigrations reads dir of fsys and checks that its versions run 1, 2, 3 …
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v < 1 {
			return nil, fmt.Errorf("read migrations: %s: name must be NNNN_description.sql", name)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read migrations: %w", err)
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("read migrations: %s: expected version %d", m.name, i+1)
		}
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("read migrations: none in %s", dir)
	}
	return ms, nil
}

// pending returns the migrations after version current, or an error when the database
// was migrated by a newer careerbot than this one.
func pending(ms []migration, current int) ([]migration, error) {
	latest := ms[len(ms)-1].version
	if current > latest {
		return nil, fmt.Errorf("database schema version %d is newer than this careerbot supports (%d); upgrade careerbot", current, latest)
	}
	return ms[current:], nil
}

// migrate brings the schema up to date. A database already current costs one read
// and takes no write lock (so a read-only `careerbot report` works beside a running
// bot). Otherwise the pending migrations run in one transaction that holds the
// database's write lock (SQLite) or an advisory lock (PostgreSQL), and re-reads the
// version under it: two processes opening a new database together migrate it once.
func (s *DB) migrate(ctx context.Context) error {
	ms, err := migrations(s.dialect.name)
	if err != nil {
		return err
	}
	current, err := s.schemaVersion(ctx, s.w)
	if err != nil {
		return fmt.Errorf("read schema version: %w", classify(err))
	}
	if todo, err := pending(ms, current); err != nil || len(todo) == 0 {
		return err
	}
	var applied []string
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if s.dialect.lockMigrations != "" {
			if _, err := tx.ExecContext(ctx, s.dialect.lockMigrations); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
			version    INTEGER PRIMARY KEY,
			applied_at TEXT NOT NULL
		)`); err != nil {
			return err
		}
		current, err := s.schemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		todo, err := pending(ms, current)
		if err != nil {
			return err
		}
		for _, m := range todo {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)`,
				m.version, s.clock().Format(time.RFC3339)); err != nil {
				return err
			}
			applied = append(applied, m.name)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("migrate schema: %w", classify(err))
	}
	if len(applied) > 0 {
		s.log.Info("store schema migrated", "driver", s.dialect.name, "migrations", applied)
	}
	return nil
}

// querier is what schemaVersion needs of a pool or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// schemaVersion returns the highest applied migration, 0 for a new database.
func (s *DB) schemaVersion(ctx context.Context, q querier) (int, error) {
	var n int
	if err := q.QueryRowContext(ctx, s.dialect.hasVersionTable).Scan(&n); err != nil || n == 0 {
		return 0, err
	}
	var v int
	err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

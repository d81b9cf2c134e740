package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Connection pool bounds for PostgreSQL. Each replica holds at most postgresMaxConns
// connections, so a database with the default max_connections (100) serves several
// replicas.
const (
	postgresMaxConns     = 10
	postgresMaxIdleConns = 4
	postgresMaxIdleTime  = 5 * time.Minute
	// postgresConnectTimeout bounds each connection attempt unless the URL sets
	// connect_timeout, so an unreachable server fails startup instead of hanging.
	postgresConnectTimeout = 10 * time.Second
)

// postgresDialect stores times as TIMESTAMPTZ. Allow locks its bucket row with
// SELECT … FOR UPDATE; migrations take a transaction-scoped advisory lock keyed by the
// schema, so replicas that start together migrate once.
var postgresDialect = dialect{
	name:           "postgres",
	timeArg:        func(t time.Time) any { return t.UTC().Truncate(time.Millisecond) }, // as SQLite keeps them
	forUpdate:      ` FOR UPDATE`,
	lockMigrations: `SELECT pg_advisory_xact_lock(hashtext('careerbot.schema.' || current_schema()))`,
	hasVersionTable: `SELECT COUNT(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name = 'schema_version'`,
	reportTx: &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
}

// OpenPostgres connects to the PostgreSQL database at cfg.DatabaseURL, migrates its
// schema and returns the store. The tables live in the connection's current schema
// (set search_path in the URL to choose another one). Every replica sharing the
// database shares dedup keys, rate limits, feedback and reports. Durability is the
// server's: a write acknowledged by a nil error has been committed. The caller closes
// the store.
func OpenPostgres(ctx context.Context, cfg Config) (*DB, error) {
	pcfg, err := pgx.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		// pgx masks the password in the URL it quotes.
		return nil, fmt.Errorf("open postgres store: parse DATABASE_URL: %w", err)
	}
	if pcfg.ConnectTimeout == 0 {
		pcfg.ConnectTimeout = postgresConnectTimeout
	}
	db := stdlib.OpenDB(*pcfg)
	db.SetMaxOpenConns(postgresMaxConns)
	db.SetMaxIdleConns(postgresMaxIdleConns)
	db.SetConnMaxIdleTime(postgresMaxIdleTime)
	s := &DB{w: db, r: db, dialect: postgresDialect, log: cfg.logger(), now: time.Now}
	where := fmt.Sprintf("%s:%d/%s", pcfg.Host, pcfg.Port, pcfg.Database)
	if err := db.PingContext(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open postgres store at %s: %w (check DATABASE_URL and that the server is running)", where, classify(err)), s.Close())
	}
	if err := s.migrate(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open postgres store at %s: %w", where, err), s.Close())
	}
	return s, nil
}

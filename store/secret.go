package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// Secret returns the named secret shared by every process and replica using this
// database — for example the salt of hashed user ids, which must be the same
// everywhere for per-user rate limits and votes to be shared — creating a random
// 256-bit hex value on first use. Concurrent first calls, in any process, all get
// the one value that was stored. The value never changes afterwards.
func (s *DB) Secret(ctx context.Context, name string) (string, error) {
	if err := s.open(); err != nil {
		return "", fmt.Errorf("read secret: %w", err)
	}
	if err := checkKey(name); err != nil {
		return "", fmt.Errorf("read secret: %w", err)
	}
	var b [32]byte
	rand.Read(b[:]) // never fails (crypto/rand panics rather than return an error)
	if _, err := s.w.ExecContext(ctx, `INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
		name, hex.EncodeToString(b[:])); err != nil {
		return "", fmt.Errorf("create secret %s: %w", name, classify(err))
	}
	var v string
	// The writer pool: it has seen the insert above even where readers lag.
	if err := s.w.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = $1`, name).Scan(&v); err != nil {
		return "", fmt.Errorf("read secret %s: %w", name, classify(err))
	}
	return v, nil
}

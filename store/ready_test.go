package store

import (
	"context"
	"errors"
	"strconv"
	"testing"
)

// TestSQLite_CheckWrite: the write probe passes on a healthy store and leaves nothing
// behind, and fails, as /readyz must, on a read-only or a full database where Ping
// still succeeds.
func TestSQLite_CheckWrite(t *testing.T) {
	ctx := context.Background()
	t.Run("Healthy", func(t *testing.T) {
		s := openSQLite(t)
		for range 3 {
			if err := s.CheckWrite(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := s.w.QueryRow(`SELECT COUNT(*) FROM dedup_keys`).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d dedup keys left (%v), want none", n, err)
		}
	})
	t.Run("ReadOnly", func(t *testing.T) {
		s := openSQLite(t)
		if _, err := s.w.Exec("PRAGMA query_only = 1"); err != nil {
			t.Fatal(err)
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatalf("Ping = %v; the point is that reads still work", err)
		}
		if err := s.CheckWrite(ctx); !errors.Is(err, ErrReadOnly) {
			t.Errorf("CheckWrite on a read-only database = %v, want ErrReadOnly", err)
		}
	})
	t.Run("Full", func(t *testing.T) {
		s := openSQLite(t)
		var pages int
		if err := s.w.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
			t.Fatal(err)
		}
		if _, err := s.w.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages)); err != nil {
			t.Fatal(err)
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatalf("Ping = %v; the point is that reads still work", err)
		}
		if err := s.CheckWrite(ctx); !errors.Is(err, ErrDiskFull) {
			t.Errorf("CheckWrite on a full database = %v, want ErrDiskFull", err)
		}
	})
}

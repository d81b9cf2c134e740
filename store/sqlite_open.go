package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// lockSuffix names the file, next to the database, whose lock serialises opening it.
const lockSuffix = ".lock"

// openRetryDelay is how long a start waits between attempts at the open lock or at a
// busy database.
const openRetryDelay = 10 * time.Millisecond

// createPrivate creates the database file at path, readable and writable by this user
// only (0600), unless it exists. SQLite gives its -wal and -shm files the mode of the
// database file, so they are private too.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create the database file: %w", err)
	}
	return f.Close()
}

// whileOpening runs init — switching the database at path to WAL and migrating it —
// while holding an exclusive lock on path+".lock", so processes (and goroutines)
// starting together on a fresh DATA_DIR do it one after another instead of failing
// with SQLITE_BUSY. It waits up to wait for the lock. Where the lock file cannot be
// created (a read-only DATA_DIR, which `careerbot report` may open), init runs
// without it. A busy database (another program holding it) is retried until wait
// runs out.
func whileOpening(ctx context.Context, path string, wait time.Duration, init func() error) error {
	deadline := time.Now().Add(wait)
	unlock, err := lockFile(ctx, path+lockSuffix, deadline)
	if err != nil {
		return err
	}
	defer unlock()
	for {
		err := init()
		if err == nil || !errors.Is(err, ErrLocked) || time.Now().After(deadline) {
			return err
		}
		if err := sleepCtx(ctx, openRetryDelay); err != nil {
			return err
		}
	}
}

// sleepCtx waits d, or returns ctx's error when it ends first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

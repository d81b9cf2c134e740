//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockFile takes an exclusive flock on the file at path (created 0600 when missing),
// polling until deadline. unlock releases it. When the file cannot be created or
// opened (a read-only directory), lockFile returns a no-op unlock and no error.
func lockFile(ctx context.Context, path string, deadline time.Time) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return func() {}, nil // nothing to serialise with: another writer could not create it either
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				_ = f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("lock %s: another careerbot is still opening the database: %w", path, ErrLocked)
		}
		if err := sleepCtx(ctx, openRetryDelay); err != nil {
			f.Close()
			return nil, err
		}
	}
}

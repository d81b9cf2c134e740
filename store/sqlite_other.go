//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package store

import (
	"context"
	"time"
)

// lockFile is a no-op where flock is not available; opening relies on retrying a busy
// database instead.
func lockFile(context.Context, string, time.Time) (func(), error) { return func() {}, nil }

// freeBytes is unknown where statfs is not available: it reports no limit.
func freeBytes(string) (uint64, error) { return ^uint64(0), nil }

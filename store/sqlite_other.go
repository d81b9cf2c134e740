//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package store

import (
	"context"
	"time"
)

// lockFile is a no-op where flock is not available; opening relies on retrying a busy
// database instead.
func lockFile(context.Context, string, time.Time) (func(), error) { return func() {}, nil }

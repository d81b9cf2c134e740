//go:build linux || darwin || freebsd

package store

import (
	"fmt"
	"syscall"
)

// freeBytes returns the bytes an unprivileged user may still write on the file system
// holding dir.
func freeBytes(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("statfs %s: %w", dir, err)
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil // the field types differ by OS
}

//go:build !(linux || darwin || freebsd)

package store

// freeBytes is unknown where statfs is not available: it reports no limit, and the
// write probe alone decides.
func freeBytes(string) (uint64, error) { return ^uint64(0), nil }

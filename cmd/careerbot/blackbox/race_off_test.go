//go:build !race

package blackbox_test

// raceBuild: the tests run without the race detector.
const raceBuild = false

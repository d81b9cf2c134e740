//go:build race

package blackbox_test

// raceBuild: the tests run under the race detector, so binaries they build use it too.
const raceBuild = true

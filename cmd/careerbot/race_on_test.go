//go:build race

package main

// raceBuild: the tests run under the race detector, so binaries they build use it too.
const raceBuild = true

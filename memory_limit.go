package main

import "runtime/debug"

// defaultMemoryLimit is the provider's soft limit on the memory the Go
// runtime holds.
//
// NOTE: a read of 10,000 images keeps about 50 to 60 MB live while the
// framework copies, compares and encodes its state, and with the default
// GOGC the heap grows to twice that: the `large` scenario of
// scripts/bench-e2e.sh peaked at 124 to 150 MB RSS. With this limit it
// peaks at 104 to 108 MB (GOGC=50 instead gave 109 to 120 MB, and costs
// every plan). The price is more collection near the limit: that read
// took 2.15 to 2.22 s of the provider's CPU against 1.67 to 1.84 s
// without it. Below the limit the collector paces as usual, so ordinary
// reads are unaffected; the runtime bounds the collector's CPU share if
// live memory ever reaches the limit.
const defaultMemoryLimit = 90 << 20

// limitMemory applies defaultMemoryLimit unless GOMEMLIMIT, read with
// getenv, sets a limit of its own.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}

package discord

import "context"

// Drain stops accepting events and waits for in-flight answers to be delivered.
// When ctx ends first, the remaining answers are cancelled (members get no answer
// for them) and Drain waits for their goroutines to return, then returns ctx's
// error. [Adapter.Run] drains by itself; call Drain for HTTP interactions after the
// HTTP server has stopped accepting requests. Drain is safe to call more than once
// and concurrently with Run; afterwards the Adapter takes no new work.
func (a *Adapter) Drain(ctx context.Context) error { return a.work.Drain(ctx) }

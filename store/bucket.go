package store

import (
	"math"
	"time"
)

// bucket is the stored state of one token bucket: how many tokens it held at updated.
// A bucket that is absent is full; fullAt (when the bucket will be full again) lets
// housekeeping delete rows that no longer carry information.
type bucket struct {
	tokens  float64
	updated time.Time
}

// tokenEpsilon absorbs floating-point error so that a bucket refilled for exactly one
// token's worth of time counts as holding one token.
const tokenEpsilon = 1e-9

// take refills b for the time since it was last updated and takes one token. A bucket
// holds at most limit tokens and refills limit tokens per window, so a quiet user may
// burst limit events and then one every window/limit. (Allow stores a new key as a full
// bucket before calling take.) It returns the new state, whether a token was taken,
// how long until one will be available when none was, and when the bucket will be full.
// A clock that went backwards (another replica's) refills nothing rather than draining.
func take(b bucket, now time.Time, limit int, window time.Duration) (next bucket, ok bool, retryAfter time.Duration, fullAt time.Time) {
	capacity := float64(limit)
	perSecond := capacity / window.Seconds()
	elapsed := max(now.Sub(b.updated).Seconds(), 0)
	tokens := min(capacity, max(b.tokens, 0)+elapsed*perSecond)
	if tokens+tokenEpsilon >= 1 {
		tokens = max(tokens-1, 0)
		ok = true
	} else {
		retryAfter = ceilMillis((1 - tokens) / perSecond)
	}
	fullAt = now.Add(ceilMillis((capacity - tokens) / perSecond))
	return bucket{tokens: tokens, updated: now}, ok, retryAfter, fullAt
}

// ceilMillis converts seconds to a duration rounded up to whole milliseconds, so a
// caller that waits retryAfter finds a token.
func ceilMillis(seconds float64) time.Duration {
	if seconds <= 0 {
		return 0
	}
	return time.Duration(math.Ceil(seconds*1000)) * time.Millisecond
}

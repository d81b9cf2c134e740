package store

import (
	"testing"
	"time"
)

func TestTake(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		b         bucket
		now       time.Time
		wantOK    bool
		wantRetry time.Duration
		wantLeft  float64
		wantFull  time.Time
	}{
		{"NewKeyIsFull", bucket{5, t0}, t0, true, 0, 4, t0.Add(12 * time.Second)},
		{"LastToken", bucket{1, t0}, t0, true, 0, 0, t0.Add(time.Minute)},
		{"Empty", bucket{0, t0}, t0, false, 12 * time.Second, 0, t0.Add(time.Minute)},
		{"PartlyRefilled", bucket{0, t0}, t0.Add(3 * time.Second), false, 9 * time.Second, 0.25, t0.Add(60 * time.Second)},
		{"ExactlyOneToken", bucket{0, t0}, t0.Add(12 * time.Second), true, 0, 0, t0.Add(72 * time.Second)},
		{"CappedAtLimit", bucket{2, t0}, t0.Add(24 * time.Hour), true, 0, 4, t0.Add(24*time.Hour + 12*time.Second)},
		{"ClockWentBack", bucket{0, t0}, t0.Add(-time.Hour), false, 12 * time.Second, 0, t0.Add(-time.Hour + time.Minute)},
		{"NegativeStoredTokens", bucket{-3, t0}, t0, false, 12 * time.Second, 0, t0.Add(time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, ok, retry, full := take(tt.b, tt.now, 5, time.Minute)
			if ok != tt.wantOK || retry != tt.wantRetry || !full.Equal(tt.wantFull) || !next.updated.Equal(tt.now) {
				t.Errorf("take = ok %v retry %v full %v updated %v; want %v %v %v %v",
					ok, retry, full, next.updated, tt.wantOK, tt.wantRetry, tt.wantFull, tt.now)
			}
			if d := next.tokens - tt.wantLeft; d > 1e-9 || d < -1e-9 {
				t.Errorf("tokens left = %v, want %v", next.tokens, tt.wantLeft)
			}
		})
	}
}

func TestCeilMillis(t *testing.T) {
	for in, want := range map[float64]time.Duration{0: 0, -1: 0, 0.0001: time.Millisecond, 1.5: 1500 * time.Millisecond, 2.0004: 2001 * time.Millisecond} {
		if got := ceilMillis(in); got != want {
			t.Errorf("ceilMillis(%v) = %v, want %v", in, got, want)
		}
	}
}

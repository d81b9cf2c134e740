package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/store"
)

// unwritable is a store that reads but cannot write, as on a full disk.
type unwritable struct {
	bot.Store
	err error
}

func (u unwritable) CheckWrite(context.Context) error { return u.err }

func TestReadiness_StoreCannotWrite(t *testing.T) {
	for _, tc := range []struct {
		name      string
		err       error
		wantWrite bool
	}{
		{"Writes", nil, false},
		{"DiskFull", store.ErrDiskFull, true},
		{"ReadOnly", store.ErrReadOnly, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := unwritable{Store: bot.NewMemoryStore(), err: tc.err}
			w := httptest.NewRecorder()
			readiness(st, nil, slog.New(slog.DiscardHandler)).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/readyz", nil))
			body, _ := io.ReadAll(w.Body)
			if w.Code != http.StatusServiceUnavailable { // the index is not loaded either way
				t.Fatalf("status %d, want 503", w.Code)
			}
			if got := strings.Contains(string(body), "store: cannot write"); got != tc.wantWrite {
				t.Errorf("body %q: mentions the store write = %v, want %v", body, got, tc.wantWrite)
			}
		})
	}
}

package store

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/store/storetest"
)

// openPostgres opens a store in a new schema and closes it at cleanup.
func openPostgres(t *testing.T) *DB {
	t.Helper()
	return openPostgresAt(t, storetest.PostgresURL(t))
}

func openPostgresAt(t *testing.T, dbURL string) *DB {
	t.Helper()
	s, err := OpenPostgres(context.Background(), Config{DatabaseURL: dbURL})
	if err != nil {
		t.Fatalf("OpenPostgres: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestPostgres(t *testing.T) { testStore(t, openPostgres) }

func TestOpen_ChoosesPostgres(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	s, err := Open(context.Background(), Config{DatabaseURL: dbURL, DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.dialect.name != "postgres" {
		t.Fatalf("Open with DatabaseURL opened %s, want postgres", s.dialect.name)
	}
}

func TestPostgres_RestartKeepsEverything(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	ctx := context.Background()
	s, err := OpenPostgres(ctx, Config{DatabaseURL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	bottest.MustLog(t, s, bot.QuestionRecord{AnswerID: "a1", Platform: "slack", UserID: "u1", Question: "Do coders work remotely?", Topic: "work-settings", Outcome: bot.OutcomeAnswered})
	if err := s.SaveFeedback(ctx, bot.Feedback{AnswerID: "a1", UserID: "v1", Vote: -1}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openPostgresAt(t, dbURL)
	rep := bottest.MustReport(t, s, time.Time{})
	if rep.Questions != 1 || len(rep.Downvoted) != 1 || rep.Downvoted[0].Question != "Do coders work remotely?" {
		t.Errorf("after restart: %+v", rep)
	}
}

// TestPostgres_Replicas runs two stores on one database, as two replicas do, and
// checks that dedup and rate limits are shared between them.
func TestPostgres_Replicas(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	var replicas [2]*DB
	var wg sync.WaitGroup
	for i := range replicas {
		wg.Go(func() { // both migrate at once: the advisory lock makes that safe
			s, err := OpenPostgres(context.Background(), Config{DatabaseURL: dbURL})
			if err != nil {
				t.Error(err)
				return
			}
			t.Cleanup(func() { s.Close() })
			replicas[i] = s
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	var wins, allowed atomic.Int32
	for i := range 40 {
		wg.Go(func() {
			s := replicas[i%2]
			if ok, err := s.FirstSeen(context.Background(), "shared-event", time.Hour); err != nil {
				t.Error(err)
			} else if ok {
				wins.Add(1)
			}
			if ok, _, err := s.Allow(context.Background(), "shared-user", 5, time.Hour); err != nil {
				t.Error(err)
			} else if ok {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 || allowed.Load() != 5 {
		t.Errorf("across replicas: %d FirstSeen wins (want 1), %d allowed (want 5)", wins.Load(), allowed.Load())
	}
	a, errA := replicas[0].Secret(context.Background(), "user-salt")
	b, errB := replicas[1].Secret(context.Background(), "user-salt")
	if errA != nil || errB != nil || a != b {
		t.Errorf("replicas' secrets = %q, %q (%v, %v); want one shared value", a, b, errA, errB)
	}
}

func TestPostgres_Unreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := OpenPostgres(ctx, Config{DatabaseURL: "postgres://careerbot:s3cret@127.0.0.1:1/careerbot?sslmode=disable&connect_timeout=5"})
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Fatalf("OpenPostgres(unreachable) = %v, want an error pointing at DATABASE_URL", err)
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error leaks the password: %v", err)
	}
	_, err = OpenPostgres(ctx, Config{DatabaseURL: "postgres://%zz"})
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Fatalf("OpenPostgres(bad URL) = %v, want a parse error naming DATABASE_URL", err)
	}
}

// TestPostgres_ReadOnly makes the session read-only, as a standby server is, and
// checks that writes report ErrReadOnly.
func TestPostgres_ReadOnly(t *testing.T) {
	u, err := url.Parse(storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	openPostgresAt(t, u.String()) // migrate while writable
	q := u.Query()
	q.Set("default_transaction_read_only", "on")
	u.RawQuery = q.Encode()
	s := openPostgresAt(t, u.String())
	err = s.SaveFeedback(context.Background(), bot.Feedback{AnswerID: "a", UserID: "u", Vote: 1})
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "save feedback") {
		t.Fatalf("SaveFeedback on a read-only session = %v, want ErrReadOnly", err)
	}
	if _, err := s.Report(context.Background(), bot.ReportQuery{Since: time.Time{}, IncludeLocal: true}); err != nil {
		t.Errorf("Report on a read-only session: %v", err)
	}
}

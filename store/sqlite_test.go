package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

// openSQLite opens a store in a new temporary directory and closes it at cleanup.
func openSQLite(t *testing.T) *DB {
	t.Helper()
	return openSQLiteAt(t, filepath.Join(t.TempDir(), FileName), Config{})
}

func openSQLiteAt(t *testing.T, path string, cfg Config) *DB {
	t.Helper()
	s, err := OpenSQLite(context.Background(), path, cfg)
	if err != nil {
		t.Fatalf("OpenSQLite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSQLite(t *testing.T) { testStore(t, openSQLite) }

func TestSQLite_Pragmas(t *testing.T) {
	s := openSQLite(t)
	// synchronous NORMAL (1): durable writes wait for a group fsync instead (walsync.go).
	for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "1", "foreign_keys": "1"} {
		var got string
		if err := s.w.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	var readOnly string
	if err := s.r.QueryRow("PRAGMA query_only").Scan(&readOnly); err != nil || readOnly != "1" {
		t.Errorf("reader query_only = %q, %v; want 1", readOnly, err)
	}
}

func TestOpen_ChoosesSQLiteInDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "data")
	s, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
		t.Errorf("database file: %v", err)
	}
	if _, err := Open(context.Background(), Config{}); err == nil {
		t.Error("Open with neither DATA_DIR nor DATABASE_URL succeeded")
	}
}

func TestOpen_DataDirIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), Config{DataDir: file})
	if err == nil || !strings.Contains(err.Error(), "DATA_DIR") {
		t.Fatalf("Open(DataDir is a file) = %v, want an error naming DATA_DIR", err)
	}
}

func TestSQLite_NotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, []byte(strings.Repeat("this is not sqlite ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenSQLite(context.Background(), path, Config{}); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("OpenSQLite(garbage) = %v, want an error naming the file", err)
	}
}

func TestSQLite_RestartKeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	ctx := context.Background()
	s, err := OpenSQLite(ctx, path, Config{})
	if err != nil {
		t.Fatal(err)
	}
	bottest.MustLog(t, s, bot.QuestionRecord{AnswerID: "a1", Platform: "discord", UserID: "u1", Question: "How long is the RHIT exam?", Topic: "certification", Outcome: bot.OutcomeAnswered})
	if err := s.SaveFeedback(ctx, bot.Feedback{AnswerID: "a1", UserID: "v1", Vote: -1}); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.FirstSeen(ctx, "evt", time.Hour); !ok || err != nil {
		t.Fatal(ok, err)
	}
	salt, err := s.Secret(ctx, "user-salt")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openSQLiteAt(t, path, Config{}) // runs the migrations again: a no-op
	rep := bottest.MustReport(t, s, time.Time{})
	if rep.Questions != 1 || rep.Downvotes != 1 || len(rep.Downvoted) != 1 || rep.Downvoted[0].Question != "How long is the RHIT exam?" {
		t.Errorf("after restart: %+v", rep)
	}
	if ok, err := s.FirstSeen(ctx, "evt", time.Hour); ok || err != nil {
		t.Errorf("dedup key forgotten across restart: %v, %v", ok, err)
	}
	if again, err := s.Secret(ctx, "user-salt"); again != salt || err != nil {
		t.Errorf("secret changed across restart: %q → %q, %v", salt, again, err)
	}
	var versions int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM schema_version`).Scan(&versions); err != nil || versions != 1 {
		t.Errorf("schema_version rows = %d, %v; want 1", versions, err)
	}
}

// TestSQLite_ConcurrentOpenMigratesOnce opens fresh databases from several goroutines
// at once, many rounds over: every open succeeds, each database is migrated once, and
// the file is private. Before opens were serialised, one round in about fifty failed
// with SQLITE_BUSY while switching to WAL; -short runs fewer rounds.
func TestSQLite_ConcurrentOpenMigratesOnce(t *testing.T) {
	rounds, openers := 60, 8
	if testing.Short() {
		rounds = 10
	}
	for round := range rounds {
		path := filepath.Join(t.TempDir(), FileName)
		var wg sync.WaitGroup
		errs := make(chan error, openers)
		for range openers {
			wg.Go(func() {
				s, err := OpenSQLite(context.Background(), path, Config{})
				if err == nil {
					err = s.Close()
				}
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: concurrent open: %v", round, err)
			}
		}
		s := openSQLiteAt(t, path, Config{})
		var n int
		if err := s.w.QueryRow(`SELECT COUNT(*) FROM schema_version`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		ms, err := migrations("sqlite")
		if err != nil {
			t.Fatal(err)
		}
		if n != len(ms) {
			t.Fatalf("round %d: %d schema versions recorded, want %d (each migration once)", round, n, len(ms))
		}
		s.Close()
	}
}

func TestSQLite_NewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s := openSQLiteAt(t, path, Config{})
	if _, err := s.w.Exec(`INSERT INTO schema_version (version, applied_at) VALUES (99, 'future')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := OpenSQLite(context.Background(), path, Config{})
	if err == nil || !strings.Contains(err.Error(), "newer than this careerbot") {
		t.Fatalf("open a newer schema = %v, want a refusal", err)
	}
}

// TestSQLite_Locked holds the write lock from a second connection, as another process
// would, and checks that a write fails with ErrLocked once the busy timeout runs out —
// and succeeds once the lock is released.
func TestSQLite_Locked(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s := openSQLiteAt(t, path, Config{BusyTimeout: 50 * time.Millisecond})
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	err = s.SaveFeedback(ctx, bot.Feedback{AnswerID: "a1", UserID: "u", Vote: 1})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "save feedback") || !strings.Contains(err.Error(), "lock") {
		t.Fatalf("SaveFeedback under a foreign lock = %v, want ErrLocked with the cause", err)
	}
	t.Logf("locked: %v", err)
	if _, _, err := s.Allow(ctx, "k", 1, time.Minute); !errors.Is(err, ErrLocked) {
		t.Fatalf("Allow under a foreign lock = %v, want ErrLocked", err)
	}
	if _, err := s.Report(ctx, bot.ReportQuery{Since: time.Time{}, IncludeLocal: true}); err != nil {
		t.Errorf("Report while another connection writes: %v (WAL readers must not block)", err)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFeedback(ctx, bot.Feedback{AnswerID: "a1", UserID: "u", Vote: 1}); err != nil {
		t.Fatalf("SaveFeedback after the lock was released: %v", err)
	}
}

// TestSQLite_ReadOnly makes the writer connection refuse writes (as a read-only file
// or mount does) and checks that each write reports ErrReadOnly with its cause.
func TestSQLite_ReadOnly(t *testing.T) {
	s := openSQLite(t)
	if _, err := s.w.Exec("PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err := s.LogQuestion(ctx, bot.QuestionRecord{Platform: "web", Outcome: bot.OutcomeOK})
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "log question") || !strings.Contains(err.Error(), "writable") {
		t.Fatalf("LogQuestion on a read-only database = %v, want ErrReadOnly with a hint", err)
	}
	t.Logf("read-only: %v", err)
	if _, err := s.FirstSeen(ctx, "k", time.Minute); !errors.Is(err, ErrReadOnly) {
		t.Errorf("FirstSeen on a read-only database = %v, want ErrReadOnly", err)
	}
}

// TestSQLite_ReadOnlyFile opens a database whose file mode forbids writing. Root
// ignores file modes, so this runs only as another user.
func TestSQLite_ReadOnlyFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write read-only files; TestSQLite_ReadOnly covers the error path")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s, err := OpenSQLite(context.Background(), path, Config{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	s, err = OpenSQLite(context.Background(), path, Config{})
	if err == nil {
		defer s.Close()
		err = s.SaveFeedback(context.Background(), bot.Feedback{AnswerID: "a", UserID: "u", Vote: 1})
	}
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("write to a read-only file = %v, want ErrReadOnly", err)
	}
}

// TestSQLite_Full caps the database size, so writes fail as on a full disk.
func TestSQLite_Full(t *testing.T) {
	s := openSQLite(t)
	var pages int
	if err := s.w.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages+2)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	long := strings.Repeat("a long question about coding careers ", 100)
	var err error
	for i := 0; i < 100 && err == nil; i++ {
		err = s.LogQuestion(ctx, bot.QuestionRecord{Platform: "web", Question: long, Outcome: bot.OutcomeAbstained})
	}
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "log question") || !strings.Contains(err.Error(), "free space") {
		t.Fatalf("LogQuestion on a full database = %v, want ErrDiskFull with a hint", err)
	}
	t.Logf("full: %v", err)
}

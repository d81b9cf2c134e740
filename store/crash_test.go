package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/store/storetest"
)

// The kill -9 tests re-run this test binary as a writer process (crashWriterEnv names
// the database), which logs a question and saves a vote per step and prints "ok N"
// once both calls returned nil. The test SIGKILLs it mid-stream, reopens the database
// and checks that every acknowledged step is there.
const (
	crashWriterEnv = "CAREERBOT_STORE_CRASH_WRITER" // "sqlite:PATH" or "postgres:URL"
	crashAcks      = 150                            // acknowledged steps before the kill
)

func TestMain(m *testing.M) {
	if target := os.Getenv(crashWriterEnv); target != "" {
		os.Exit(crashWriter(target))
	}
	os.Exit(m.Run())
}

// crashWriter writes until it is killed. It returns only on failure.
func crashWriter(target string) int {
	ctx := context.Background()
	kind, where, _ := strings.Cut(target, ":")
	var s *DB
	var err error
	if kind == "sqlite" {
		s, err = OpenSQLite(ctx, where, Config{})
	} else {
		s, err = OpenPostgres(ctx, Config{DatabaseURL: where})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash writer:", err)
		return 1
	}
	for i := 0; ; i++ {
		id := crashAnswerID(i)
		if err := s.LogQuestion(ctx, bot.QuestionRecord{AnswerID: id, Platform: "slack", UserID: "asker",
			Question: "crash question " + strconv.Itoa(i), Topic: "duties", Outcome: bot.OutcomeAnswered}); err != nil {
			fmt.Fprintln(os.Stderr, "crash writer:", err)
			return 1
		}
		if err := s.SaveFeedback(ctx, bot.Feedback{AnswerID: id, UserID: "voter", Vote: -1}); err != nil {
			fmt.Fprintln(os.Stderr, "crash writer:", err)
			return 1
		}
		fmt.Printf("ok %d\n", i) // os.Stdout is unbuffered: the line leaves with this call
	}
}

func crashAnswerID(i int) string { return fmt.Sprintf("c%015d", i) }

// killWriter runs the writer on target, SIGKILLs it after crashAcks acknowledgements
// and returns how many steps it acknowledged in all (lines already in the pipe count).
func killWriter(t *testing.T, target string) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashWriterEnv+"="+target)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked, killed := 0, false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "ok "))
		if err != nil || n != acked {
			t.Errorf("writer printed %q, want ok %d", sc.Text(), acked)
			break
		}
		acked++
		if acked == crashAcks && !killed {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("writer stopped after %d acknowledgements: %v\n%s", acked, err, stderr.String())
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("writer ended with %v, want killed by SIGKILL\n%s", err, stderr.String())
	}
	return acked
}

// checkAcked reopens the database and checks every acknowledged step is present, in
// the table and in the report.
func checkAcked(t *testing.T, s *DB, acked int) {
	t.Helper()
	ctx := context.Background()
	for i := range acked {
		var q, f int
		if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM questions WHERE answer_id = $1`, crashAnswerID(i)).Scan(&q); err != nil {
			t.Fatal(err)
		}
		if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM feedback WHERE answer_id = $1 AND vote = -1`, crashAnswerID(i)).Scan(&f); err != nil {
			t.Fatal(err)
		}
		if q != 1 || f != 1 {
			t.Fatalf("acknowledged step %d lost after kill -9: %d question rows, %d votes", i, q, f)
		}
	}
	rep := bottest.MustReport(t, s, time.Time{})
	if rep.Questions < acked || rep.Downvotes < acked || len(rep.Downvoted) != bot.ReportListLimit {
		t.Fatalf("report after kill -9: %d questions, %d 👎, %d listed; want ≥ %d, ≥ %d, %d",
			rep.Questions, rep.Downvotes, len(rep.Downvoted), acked, acked, bot.ReportListLimit)
	}
}

func TestSQLite_KillDuringWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	acked := killWriter(t, "sqlite:"+path)
	s := openSQLiteAt(t, path, Config{})
	checkAcked(t, s, acked)
	if err := s.SaveFeedback(context.Background(), bot.Feedback{AnswerID: "after", UserID: "u", Vote: 1}); err != nil {
		t.Errorf("write after recovery: %v", err)
	}
}

func TestPostgres_KillDuringWrites(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	openPostgresAt(t, dbURL) // migrate first, so the writer only writes
	acked := killWriter(t, "postgres:"+dbURL)
	checkAcked(t, openPostgresAt(t, dbURL), acked)
}

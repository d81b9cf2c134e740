//go:build unix

package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

// TestOpen_PrivateFiles: a DATA_DIR the store creates is 0700 and the database, its
// WAL and shared-memory files and the open lock are 0600, even with a permissive umask.
func TestOpen_PrivateFiles(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data")
	s, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveFeedback(context.Background(), bot.Feedback{AnswerID: "a1", UserID: "u", Vote: 1}); err != nil {
		t.Fatal(err)
	}
	want := map[string]os.FileMode{"": 0o700, FileName: 0o600, FileName + "-wal": 0o600, FileName + "-shm": 0o600, FileName + lockSuffix: 0o600}
	for name, mode := range want {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != mode {
			t.Errorf("%s: mode %o, want %o", filepath.Join(dir, name), got, mode)
		}
	}
}

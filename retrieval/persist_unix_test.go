//go:build unix

package retrieval

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOpen_PrivateDataDir: the index writer creates DATA_DIR 0700 and the index file
// 0600 when it is first to run, even with a permissive umask.
func TestOpen_PrivateDataDir(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data")
	c := testCorpus()
	st := openTest(t, c, NewLocalEmbedder(c.Synonyms), dir).Stats()
	for path, want := range map[string]os.FileMode{dir: 0o700, st.File: 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
}

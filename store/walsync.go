package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// walSync makes SQLite commits durable in groups. The writer connection commits with
// synchronous=NORMAL: a commit writes its WAL frames to the OS and returns without an
// fsync, which already survives the process being killed. Rate-limit buckets are
// written that way only. A write that must survive a power cut too (a logged
// question, a vote, a dedup key) then calls wait, which returns once an fsync of the
// WAL file that started after the write's commit has finished: that is what
// synchronous=FULL does at every commit, but one fsync here covers every commit made
// before it started, so concurrent writers share it (group commit) instead of
// queueing one fsync each behind the single write connection.
type walSync struct {
	path string       // the database file; the WAL is path + "-wal"
	sync func() error // w.fsync; tests replace it

	mu       sync.Mutex
	cond     *sync.Cond
	f        *os.File // the WAL, opened on first use
	running  bool     // a sync is in progress
	waiting  int      // writers waiting for a sync to finish
	started  uint64   // syncs started
	finished uint64   // the last sync finished
	err      error    // its result
}

func newWALSync(path string) *walSync {
	w := &walSync{path: path}
	w.cond = sync.NewCond(&w.mu)
	w.sync = w.fsync
	return w
}

// wait returns once a WAL fsync that started after the call has finished, and its
// error. The caller has committed; its frames are in the WAL file.
func (w *walSync) wait() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	need := w.started + 1 // a sync in progress may have started before the commit
	for w.finished < need {
		if w.running {
			w.waiting++
			w.cond.Wait()
			w.waiting--
			continue
		}
		w.running = true
		w.started++
		n := w.started
		w.mu.Unlock()
		err := w.sync()
		w.mu.Lock()
		w.running, w.finished, w.err = false, n, err
		w.cond.Broadcast()
	}
	return w.err
}

// fsync syncs the WAL file; the first time, it also syncs the directory, so that the
// WAL file's own entry is durable. Called by one goroutine at a time.
func (w *walSync) fsync() error {
	if w.f != nil && !w.same() {
		w.f.Close() // the WAL was replaced (another process ended the last connection)
		w.f = nil
	}
	if w.f == nil {
		f, err := os.Open(w.path + "-wal")
		if err != nil {
			return fmt.Errorf("open write-ahead log: %w", err)
		}
		if err := syncDir(filepath.Dir(w.path)); err != nil {
			f.Close()
			return err
		}
		w.f = f
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("sync write-ahead log: %w", err)
	}
	return nil
}

// same reports whether the open WAL file is still the one at the WAL path.
func (w *walSync) same() bool {
	a, err := w.f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(w.path + "-wal")
	return err == nil && os.SameFile(a, b)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open database directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync database directory: %w", err)
	}
	return nil
}

// close releases the WAL file.
func (w *walSync) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}

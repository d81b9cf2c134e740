package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	chromem "github.com/philippgille/chromem-go"
)

// load reads the index file and returns its collection for the store's embedder and
// model, or nil when there is no usable file. A missing file is normal; an
// unreadable, corrupt or incompatible one is logged (Warn) and ignored, so the caller
// rebuilds it. load never panics on a damaged file.
func (s *indexStore) load(ctx context.Context, key string) (coll *chromem.Collection, md map[string]string) {
	path := s.path()
	if path == "" {
		return nil, nil
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		s.log.Debug("no index file yet", "file", path)
		return nil, nil
	}
	defer func() {
		if r := recover(); r != nil {
			s.log.Warn("index file is corrupt; rebuilding it", "file", path, "err", fmt.Sprint(r))
			coll, md = nil, nil
		}
	}()
	db := chromem.NewDB()
	name := collectionName(s.emb)
	if err := db.ImportFromFile(path, "", name, metaName(s.emb)); err != nil {
		s.log.Warn("index file is unreadable or corrupt; rebuilding it", "file", path, "err", err)
		return nil, nil
	}
	coll = db.GetCollection(name, embedFunc(s.emb))
	meta := db.GetCollection(metaName(s.emb), embedFunc(s.emb))
	if coll == nil || meta == nil {
		s.log.Warn("index file has no collection for this embedder and model; rebuilding it", "file", path)
		return nil, nil
	}
	doc, err := meta.GetByID(ctx, "manifest")
	if err != nil {
		s.log.Warn("index file has no manifest; rebuilding it", "file", path, "err", err)
		return nil, nil
	}
	md = doc.Metadata
	if md["format"] != indexFormat || md["embedder"] != s.emb.Name() || md["model"] != s.emb.Model() {
		s.log.Warn("index file was made by another embedder, model or format; rebuilding it", "file", path,
			"file_embedder", md["embedder"], "file_model", md["model"], "file_format", md["format"])
		return nil, nil
	}
	if md["key"] != key {
		s.log.Info("corpus changed since the index file was written; re-embedding changed chunks", "file", path)
	}
	return coll, md
}

// save writes db to the index file atomically: a temporary file in the same
// directory, synced, then renamed over the old file.
func (s *indexStore) save(db *chromem.DB) error {
	path := s.path()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".index-*.tmp")
	if err != nil {
		return fmt.Errorf("create temporary index file: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := db.ExportToWriter(tmp, false, "", collectionName(s.emb), metaName(s.emb)); err != nil {
		tmp.Close()
		return fmt.Errorf("write index file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync index file: %w", err)
	}
	if err := tmp.Chmod(0o644); err != nil { // replicas may read it as another user
		tmp.Close()
		return fmt.Errorf("set index file mode: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close index file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replace index file: %w", err)
	}
	return nil
}

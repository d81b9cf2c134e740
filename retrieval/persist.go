package retrieval

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	chromem "github.com/philippgille/chromem-go"
)

// The index file holds two sections behind a fixed header:
//
//	magic "CBIDX\x00\x00\x02" | vector length u64 | vector CRC-32C u32 | derived length u64 | derived CRC-32C u32
//	vector section: a chromem-go export of the chunk collection and its manifest
//	derived section: key | vector key | snapshot of the engine's derived structures
//
// The vector section is the store of record: it is keyed per chunk (text hash and
// vector checksum), so a changed corpus re-embeds only what changed. The derived
// section is keyed by the whole corpus, the embedder and the program (see
// [derivedKey]); when the key matches, a process loads it and rebuilds nothing. A
// file without the magic is an index file of the earlier layout (the vector section
// alone); its vectors are reused and the file is rewritten. Both CRCs are checked
// before anything is used, so a damaged file is rebuilt, never half-trusted.
var fileMagic = [8]byte{'C', 'B', 'I', 'D', 'X', 0, 0, 2}

const headerSize = 8 + 8 + 4 + 8 + 4

// derivedFormat versions the derived section; bump it when its meaning changes
// without its Go types changing (the program's identity covers type changes).
const derivedFormat = "1"

var crcTable = crc32.MakeTable(crc32.Castagnoli)

type fileHeader struct {
	vecLen, derivedLen uint64
	vecCRC, derivedCRC uint32
}

func (h fileHeader) bytes() []byte {
	b := append([]byte(nil), fileMagic[:]...)
	b = binary.LittleEndian.AppendUint64(b, h.vecLen)
	b = binary.LittleEndian.AppendUint32(b, h.vecCRC)
	b = binary.LittleEndian.AppendUint64(b, h.derivedLen)
	return binary.LittleEndian.AppendUint32(b, h.derivedCRC)
}

// indexFile is an open index file.
type indexFile struct {
	f      *os.File
	hdr    fileHeader
	legacy bool // the earlier layout: the whole file is the vector section
	size   int64
}

// openFile opens the index file; nil (and no error) when there is none.
func (s *indexStore) openFile() (*indexFile, error) {
	path := s.path()
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		s.log.Debug("no index file yet", "file", path)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	x := &indexFile{f: f, size: st.Size()}
	var b [headerSize]byte
	if n, _ := io.ReadFull(f, b[:]); n < headerSize || !bytes.Equal(b[:8], fileMagic[:]) {
		x.legacy = true
		x.hdr.vecLen = uint64(x.size)
		return x, nil
	}
	x.hdr = fileHeader{
		vecLen: binary.LittleEndian.Uint64(b[8:]), vecCRC: binary.LittleEndian.Uint32(b[16:]),
		derivedLen: binary.LittleEndian.Uint64(b[20:]), derivedCRC: binary.LittleEndian.Uint32(b[28:]),
	}
	if x.hdr.vecLen > uint64(x.size) || x.hdr.derivedLen > uint64(x.size) ||
		headerSize+x.hdr.vecLen+x.hdr.derivedLen != uint64(x.size) {
		f.Close()
		return nil, errors.New("section lengths do not match the file size")
	}
	return x, nil
}

func (x *indexFile) close() { x.f.Close() }

// vectorSection returns a reader of the vector section that checks its CRC as it is
// read (see [crcReader]).
func (x *indexFile) vectorSection() *crcReader {
	off := int64(headerSize)
	if x.legacy {
		off = 0
	}
	return &crcReader{r: io.NewSectionReader(x.f, off, int64(x.hdr.vecLen)), h: crc32.New(crcTable)}
}

// derived reads and checks the derived section: its key, the vector key it was
// saved with, and the section with the offset of the snapshot in it.
func (x *indexFile) derived() (key, vectorKey string, section []byte, off int, err error) {
	if x.legacy || x.hdr.derivedLen == 0 {
		return "", "", nil, 0, nil
	}
	b := make([]byte, x.hdr.derivedLen)
	if _, err := x.f.ReadAt(b, int64(headerSize+x.hdr.vecLen)); err != nil {
		return "", "", nil, 0, err
	}
	if crc32.Checksum(b, crcTable) != x.hdr.derivedCRC {
		return "", "", nil, 0, errors.New("derived section checksum mismatch")
	}
	d := &snapDecoder{buf: b}
	if key, err = d.str(); err == nil {
		vectorKey, err = d.str()
	}
	if err != nil {
		return "", "", nil, 0, err
	}
	return key, vectorKey, b, d.off, nil
}

// crcReader reads a section for chromem-go's importer (which reads a little, seeks
// back to the start, then decodes) and computes the CRC of what it reads.
type crcReader struct {
	r *io.SectionReader
	h hash.Hash32
}

func (c *crcReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	return n, err
}

func (c *crcReader) Seek(off int64, whence int) (int64, error) {
	pos, err := c.r.Seek(off, whence)
	if err == nil && pos == 0 {
		c.h.Reset()
	}
	return pos, err
}

// verify reads whatever the importer left and compares the CRC.
func (c *crcReader) verify(want uint32) error {
	if _, err := io.Copy(c.h, c.r); err != nil {
		return err
	}
	if c.h.Sum32() != want {
		return errors.New("vector section checksum mismatch")
	}
	return nil
}

// load reads the vector section and returns its database, the collection for the
// store's embedder and model, and the manifest, or nils when there is no usable
// file. A missing file is normal; an unreadable, corrupt or incompatible one is
// logged (Warn) and ignored, so the caller rebuilds it. load never panics on a
// damaged file.
func (s *indexStore) load(ctx context.Context) (db *chromem.DB, coll *chromem.Collection, md map[string]string) {
	x, err := s.openFile()
	if err != nil {
		s.log.Warn("index file is unreadable or corrupt; rebuilding it", "file", s.path(), "err", err)
		return nil, nil, nil
	}
	if x == nil {
		return nil, nil, nil
	}
	defer x.close()
	return s.loadVectors(ctx, x)
}

func (s *indexStore) loadVectors(ctx context.Context, x *indexFile) (db *chromem.DB, coll *chromem.Collection, md map[string]string) {
	path := s.path()
	defer func() {
		if r := recover(); r != nil {
			s.log.Warn("index file is corrupt; rebuilding it", "file", path, "err", fmt.Sprint(r))
			db, coll, md = nil, nil, nil
		}
	}()
	db = chromem.NewDB()
	name := collectionName(s.emb)
	sec := x.vectorSection()
	if err := db.ImportFromReader(sec, "", name, metaName(s.emb)); err != nil {
		s.log.Warn("index file is unreadable or corrupt; rebuilding it", "file", path, "err", err)
		return nil, nil, nil
	}
	if !x.legacy {
		if err := sec.verify(x.hdr.vecCRC); err != nil {
			s.log.Warn("index file is corrupt; rebuilding it", "file", path, "err", err)
			return nil, nil, nil
		}
	}
	coll = db.GetCollection(name, embedFunc(s.emb))
	meta := db.GetCollection(metaName(s.emb), embedFunc(s.emb))
	if coll == nil || meta == nil {
		s.log.Warn("index file has no collection for this embedder and model; rebuilding it", "file", path)
		return nil, nil, nil
	}
	doc, err := meta.GetByID(ctx, "manifest")
	if err != nil {
		s.log.Warn("index file has no manifest; rebuilding it", "file", path, "err", err)
		return nil, nil, nil
	}
	md = doc.Metadata
	if md["format"] != indexFormat || md["embedder"] != s.emb.Name() || md["model"] != s.emb.Model() {
		s.log.Warn("index file was made by another embedder, model or format; rebuilding it", "file", path,
			"file_embedder", md["embedder"], "file_model", md["model"], "file_format", md["format"])
		return nil, nil, nil
	}
	return db, coll, md
}

// openWarm returns the engine loaded entirely from the index file's derived section
// (chunks, lexical index, packed vectors, entity tables…) when its key matches, or
// nil (and no error) when it does not, so the caller builds the engine instead. The
// vector section is not read: the packed vectors were built from it and saved with
// the vector key they match, and the collection is read on demand.
func (s *indexStore) openWarm(ctx context.Context, key string) (*Engine, error) {
	if key == "" {
		return nil, nil
	}
	x, err := s.openFile()
	if err != nil || x == nil {
		return nil, nil // load, on the cold path, reports it
	}
	defer x.close()
	fileKey, vectorKey, section, off, err := x.derived()
	if err != nil {
		s.log.Warn("index file's derived structures are damaged; rebuilding them", "file", s.path(), "err", err)
		return nil, nil
	}
	if fileKey != key {
		if fileKey != "" {
			s.log.Info("corpus or program changed since the index file was written; rebuilding derived structures", "file", s.path())
		}
		return nil, nil
	}
	e := &Engine{}
	if err := decodeSnapshotAt(section, off, e); err != nil {
		s.log.Warn("index file's derived structures do not load; rebuilding them", "file", s.path(), "err", err)
		return nil, nil
	}
	if e.vecs == nil || e.vecs.len() != len(e.chunks) || len(e.chunks) == 0 {
		return nil, nil
	}
	// The vector section is not decoded, but it must be intact: it is the store of
	// record the next rebuild reuses.
	if err := x.vectorSection().verify(x.hdr.vecCRC); err != nil {
		s.log.Warn("index file's vectors are damaged; rebuilding them", "file", s.path(), "err", err)
		return nil, nil
	}
	e.collLoad = func() *chromem.Collection {
		_, coll, md := s.load(context.WithoutCancel(ctx))
		if coll == nil || md["key"] != vectorKey {
			return nil
		}
		return coll
	}
	e.lex.initScratch()
	e.spell.initScratch()
	n := len(e.chunks)
	e.stats = Stats{Chunks: n, Loaded: n, Dimension: e.vecs.dim, Embedder: s.emb.Name(), Model: s.emb.Model(),
		File: s.path(), DerivedLoaded: true}
	return e, nil
}

// derivedKey fingerprints everything the derived structures are built from: the
// whole corpus, the embedder and model, the derived format and the running program
// (its size and modification time), whose code decides how the structures are built
// and laid out. The corpus is identified by its files' fingerprint when cfg has them,
// else by every exported field of the parsed corpus (so fields the corpus format
// gains are covered).
func derivedKey(cfg Config, emb Embedder) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", derivedFormat, emb.Name(), emb.Model(), programID())
	if cfg.Corpus == nil {
		fmt.Fprintf(h, "files\x00%s", cfg.Files.Fingerprint())
		return hex.EncodeToString(h.Sum(nil)[:16]), nil
	}
	c := cfg.Corpus
	enc := json.NewEncoder(h) // document by document, to keep the buffer small
	for _, d := range c.Docs {
		if err := enc.Encode(d); err != nil {
			return "", fmt.Errorf("fingerprint corpus: %w", err)
		}
	}
	rest := *c
	rest.Docs = nil
	if err := enc.Encode(rest); err != nil {
		return "", fmt.Errorf("fingerprint corpus: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// programID identifies the running executable; "" when it cannot be found, which
// still keys the file by corpus and format.
func programID() string {
	p, err := os.Executable()
	if err != nil {
		return ""
	}
	st, err := os.Stat(p)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d@%d", st.Size(), st.ModTime().UnixNano())
}

// encodeDerived encodes the derived section for e.
func encodeDerived(e *Engine, key, vectorKey string) ([]byte, error) {
	enc := &snapEncoder{}
	enc.str(key)
	enc.str(vectorKey)
	return encodeSnapshot(enc.buf, e)
}

// save writes the index file atomically: a temporary file in the same directory,
// synced, then renamed over the old file. derived may be nil (no derived section).
func (s *indexStore) save(db *chromem.DB, derived []byte) error {
	path := s.path()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil { // DATA_DIR is private: it holds the store too
		return fmt.Errorf("create data directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".index-*.tmp")
	if err != nil {
		return fmt.Errorf("create temporary index file: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := writeIndex(tmp, db, derived, collectionName(s.emb), metaName(s.emb)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync index file: %w", err)
	}
	if err := tmp.Chmod(0o600); err != nil {
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

// writeIndex writes the header, the vector section and the derived section to f.
func writeIndex(f *os.File, db *chromem.DB, derived []byte, collections ...string) error {
	if _, err := f.Write(make([]byte, headerSize)); err != nil {
		return fmt.Errorf("write index file: %w", err)
	}
	w := &countingWriter{w: f, h: crc32.New(crcTable)}
	if err := db.ExportToWriter(w, false, "", collections...); err != nil {
		return fmt.Errorf("write index file: %w", err)
	}
	hdr := fileHeader{vecLen: uint64(w.n), vecCRC: w.h.Sum32(), derivedLen: uint64(len(derived)),
		derivedCRC: crc32.Checksum(derived, crcTable)}
	if _, err := f.Write(derived); err != nil {
		return fmt.Errorf("write index file: %w", err)
	}
	if _, err := f.WriteAt(hdr.bytes(), 0); err != nil {
		return fmt.Errorf("write index file: %w", err)
	}
	return nil
}

// countingWriter counts and checksums what passes through it.
type countingWriter struct {
	w io.Writer
	h hash.Hash32
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.h.Write(p[:n])
	c.n += int64(n)
	return n, err
}

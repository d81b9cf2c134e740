package retrieval

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// TestOpen_WarmLoadEqualsBuild opens the built-in corpus twice from one data
// directory: the second open must load every derived structure from the index file
// and hold exactly what the first built, field by field (every field of the engine
// not tagged `snapshot:"-"`, so a structure added later is checked too), and search
// alike.
func TestOpen_WarmLoadEqualsBuild(t *testing.T) {
	c := builtinCorpus(t)
	emb := NewLocalEmbedder(c.Synonyms)
	dir := t.TempDir()
	built := openTest(t, c, emb, dir)
	if st := built.Stats(); st.DerivedLoaded || !st.Saved {
		t.Fatalf("first open: %+v, want built and saved", st)
	}
	loaded := openTest(t, c, emb, dir)
	if st := loaded.Stats(); !st.DerivedLoaded || st.Saved || st.Embedded != 0 || st.Loaded != st.Chunks {
		t.Fatalf("second open: %+v, want everything loaded from the file", st)
	}
	compareSnapshotFields(t, "Engine", reflect.ValueOf(built).Elem(), reflect.ValueOf(loaded).Elem())
	if !reflect.DeepEqual(built.vecs, loaded.vecs) {
		t.Error("packed vectors differ after a warm load")
	}
	for _, q := range append(benchQueries, "pizza toppings", "certfication for remote coders") {
		a, b := search(t, built, q, SearchOptions{}), search(t, loaded, q, SearchOptions{})
		if ids(a.Hits) != ids(b.Hits) || a.Confidence != b.Confidence {
			t.Errorf("%q: built %v %.3f, loaded %v %.3f", q, ids(a.Hits), a.Confidence, ids(b.Hits), b.Confidence)
		}
	}
}

// compareSnapshotFields reports every persisted field that differs between a and b.
func compareSnapshotFields(t *testing.T, path string, a, b reflect.Value) {
	t.Helper()
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				t.Errorf("%s: nil in one engine only", path)
			}
			return
		}
		compareSnapshotFields(t, path, a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if !snapshotSkip(f) {
				compareSnapshotFields(t, path+"."+f.Name, a.Field(i), b.Field(i))
			}
		}
	default:
		if !reflect.DeepEqual(readable(a), readable(b)) {
			t.Errorf("%s differs after a warm load", path)
		}
	}
}

// readable returns v's value as an interface, also for an unexported field.
func readable(v reflect.Value) any {
	if v.CanInterface() {
		return v.Interface()
	}
	if v.CanAddr() {
		return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem().Interface()
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c.Interface()
}

func TestSnapshot_RoundTrip(t *testing.T) {
	type inner struct {
		n    int32
		tags []string
	}
	type sample struct {
		s       string
		f       float64
		ok      bool
		nums    []int32
		empty   []int32
		nilNums []int32
		pairs   []posting
		m       map[string][]int32
		p       *inner
		nilP    *inner
		arr     [3]uint16
		skipped func() `snapshot:"-"`
	}
	in := sample{s: "héllo", f: -1.5, ok: true, nums: []int32{1, -2, 3}, empty: []int32{},
		pairs: []posting{{1, 0.5}, {9, 2}}, m: map[string][]int32{"a": {1}, "": nil},
		p: &inner{7, []string{"x", ""}}, arr: [3]uint16{1, 2, 65535}, skipped: func() {}}
	data, err := encodeSnapshot(nil, &in)
	if err != nil {
		t.Fatal(err)
	}
	var out sample
	if err := decodeSnapshot(data, &out); err != nil {
		t.Fatal(err)
	}
	in.skipped = nil
	if !reflect.DeepEqual(readable(reflect.ValueOf(in)), readable(reflect.ValueOf(out))) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	// Every truncation and a damaged count fail cleanly.
	for n := range len(data) {
		var x sample
		if err := decodeSnapshot(data[:n], &x); err == nil {
			t.Fatalf("truncated to %d of %d bytes: no error", n, len(data))
		}
	}
}

func TestSnapshot_UnsupportedField(t *testing.T) {
	type bad struct{ f func() }
	if _, err := encodeSnapshot(nil, &bad{}); err == nil || !strings.Contains(err.Error(), "snapshot") {
		t.Errorf("encoding a func field: err %v, want one naming the snapshot tag", err)
	}
}

func FuzzDecodeSnapshot(f *testing.F) {
	type sample struct {
		s  string
		ns []int32
		m  map[string]bool
		p  *[]posting
	}
	good, _ := encodeSnapshot(nil, &sample{s: "a", ns: []int32{1}, m: map[string]bool{"k": true}, p: &[]posting{{1, 1}}})
	f.Add(good)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var x sample
		_ = decodeSnapshot(data, &x) // must not panic or allocate without bound
	})
}

// TestOpen_DamagedDerivedSection flips a byte of the derived section: the engine is
// rebuilt from the corpus (vectors still reused) and the file rewritten.
func TestOpen_DamagedDerivedSection(t *testing.T) {
	c := testCorpus()
	emb := NewLocalEmbedder(c.Synonyms)
	dir := t.TempDir()
	path := openTest(t, c, emb, dir).Stats().File
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-3] ^= 0x5a
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTest(t, c, emb, dir).Stats()
	if st.DerivedLoaded || st.Embedded != 0 || !st.Saved {
		t.Errorf("stats %+v: want derived structures rebuilt, vectors reused, file saved", st)
	}
	if st := openTest(t, c, emb, dir).Stats(); !st.DerivedLoaded {
		t.Errorf("after the rewrite: %+v, want a warm load", st)
	}
}

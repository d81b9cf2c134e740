package retrieval

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"unsafe"
)

// The snapshot codec stores the engine's derived structures (chunks, postings,
// speller, entity tables and whatever else the engine builds from the corpus) in the
// index file, so that a process whose corpus matches loads them instead of
// rebuilding them. It walks values by reflection, unexported fields included, so a
// structure added to the engine is persisted without codec changes; a field that
// holds run-time state (a pool, a logger, an interface) is tagged `snapshot:"-"`
// and left zero on load. A field of a kind the codec cannot store (func, chan,
// interface, unsafe pointer) makes encoding fail, and the engine is then rebuilt on
// every start, with a warning, until the field is tagged.
//
// The layout is that of the running binary: slices of pointer-free elements are
// stored as raw memory. The index file's key includes the executable's identity (see
// [derivedKey]), so a snapshot is only ever decoded by the binary that wrote it;
// decoding still checks every length against the data left and never panics on a
// damaged snapshot (the caller also recovers, as for the vector file).

// errSnapshot reports snapshot data that does not decode.
var errSnapshot = errors.New("snapshot data is damaged")

// snapshotSkip reports whether a struct field is run-time state, not data.
func snapshotSkip(f reflect.StructField) bool { return f.Tag.Get("snapshot") == "-" }

// encodeSnapshot appends v's encoding to buf.
func encodeSnapshot(buf []byte, v any) ([]byte, error) {
	e := &snapEncoder{buf: buf}
	if err := e.value(reflect.ValueOf(v).Elem()); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// decodeSnapshot decodes data into v (a pointer). Decoded strings and slices of
// pointer-free elements share data's memory, which the caller must not modify
// afterwards.
func decodeSnapshot(data []byte, v any) error { return decodeSnapshotAt(data, 0, v) }

// decodeSnapshotAt decodes data[off:] into v; offsets (for alignment) count from the
// start of data, as they did from the start of the encoder's buffer.
func decodeSnapshotAt(data []byte, off int, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errSnapshot, r)
		}
	}()
	d := &snapDecoder{buf: data, off: off}
	if err := d.value(reflect.ValueOf(v).Elem()); err != nil {
		return err
	}
	if d.off != len(d.buf) {
		return fmt.Errorf("%w: %d bytes left over", errSnapshot, len(d.buf)-d.off)
	}
	return nil
}

type snapEncoder struct{ buf []byte }

func (e *snapEncoder) uvarint(x uint64) { e.buf = binary.AppendUvarint(e.buf, x) }

func (e *snapEncoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// value encodes v, which may be an unexported field (it is read through its address
// or, for unaddressable values, by kind without Interface).
func (e *snapEncoder) value(v reflect.Value) error {
	switch v.Kind() {
	case reflect.Bool:
		b := byte(0)
		if v.Bool() {
			b = 1
		}
		e.buf = append(e.buf, b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = binary.AppendVarint(e.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.uvarint(v.Uint())
	case reflect.Float32:
		e.buf = binary.LittleEndian.AppendUint32(e.buf, math.Float32bits(float32(v.Float())))
	case reflect.Float64:
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(v.Float()))
	case reflect.String:
		e.str(v.String())
	case reflect.Slice:
		return e.slice(v)
	case reflect.Array:
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		return e.mapValue(v)
	case reflect.Pointer:
		if v.IsNil() {
			e.buf = append(e.buf, 0)
			return nil
		}
		e.buf = append(e.buf, 1)
		return e.value(v.Elem())
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if snapshotSkip(t.Field(i)) {
				continue
			}
			if err := e.value(v.Field(i)); err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name(), t.Field(i).Name, err)
			}
		}
	default:
		return fmt.Errorf("cannot store a %s (tag the field `snapshot:\"-\"` if it is run-time state)", v.Type())
	}
	return nil
}

// slice stores 0 for nil, else 1+len, then the elements: raw memory when they hold
// no pointers.
func (e *snapEncoder) slice(v reflect.Value) error {
	if v.IsNil() {
		e.uvarint(0)
		return nil
	}
	n := v.Len()
	e.uvarint(uint64(n) + 1)
	if et := v.Type().Elem(); pointerFree(et) && n > 0 {
		size := n * int(et.Size())
		for len(e.buf)%rawAlign != 0 {
			e.buf = append(e.buf, 0)
		}
		e.buf = append(e.buf, unsafe.Slice((*byte)(v.Index(0).Addr().UnsafePointer()), size)...)
		return nil
	}
	for i := range n {
		if err := e.value(v.Index(i)); err != nil {
			return err
		}
	}
	return nil
}

// mapValue stores 0 for nil, else 1+len, then the entries in iteration order.
func (e *snapEncoder) mapValue(v reflect.Value) error {
	if v.IsNil() {
		e.uvarint(0)
		return nil
	}
	e.uvarint(uint64(v.Len()) + 1)
	it := v.MapRange()
	for it.Next() {
		if err := e.value(it.Key()); err != nil {
			return err
		}
		if err := e.value(it.Value()); err != nil {
			return err
		}
	}
	return nil
}

// rawAlign aligns raw slice data in the snapshot, so that the decoder can use it in
// place (the snapshot buffer's start is aligned at least as much).
const rawAlign = 8

// pointerFree reports whether values of t contain no pointers, so their memory can
// be stored as it is.
func pointerFree(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	case reflect.Array:
		return pointerFree(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if !pointerFree(t.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return false
}

type snapDecoder struct {
	buf []byte
	off int
}

func (d *snapDecoder) uvarint() (uint64, error) {
	x, n := binary.Uvarint(d.buf[d.off:])
	if n <= 0 {
		return 0, errSnapshot
	}
	d.off += n
	return x, nil
}

// str reads a string that shares the decoder's buffer.
func (d *snapDecoder) str() (string, error) {
	n, err := d.uvarint()
	if err != nil || n > uint64(len(d.buf)-d.off) {
		return "", errSnapshot
	}
	b, _ := d.take(int(n))
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

func (d *snapDecoder) take(n int) ([]byte, error) {
	if n < 0 || n > len(d.buf)-d.off {
		return nil, errSnapshot
	}
	b := d.buf[d.off : d.off+n : d.off+n]
	d.off += n
	return b, nil
}

// length reads a 1+len count (0 for nil) and checks it against the bytes left, each
// element taking at least min bytes.
func (d *snapDecoder) length(minSize int) (n int, isNil bool, err error) {
	x, err := d.uvarint()
	if err != nil {
		return 0, false, err
	}
	if x == 0 {
		return 0, true, nil
	}
	if x-1 > uint64(len(d.buf)-d.off)/uint64(max(minSize, 1)) {
		return 0, false, errSnapshot
	}
	return int(x - 1), false, nil
}

// settable returns v as a settable value, also when it is an unexported field.
func settable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

func (d *snapDecoder) value(v reflect.Value) error {
	v = settable(v)
	switch v.Kind() {
	case reflect.Bool:
		b, err := d.take(1)
		if err != nil {
			return err
		}
		v.SetBool(b[0] != 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x, n := binary.Varint(d.buf[d.off:])
		if n <= 0 {
			return errSnapshot
		}
		d.off += n
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x, err := d.uvarint()
		if err != nil {
			return err
		}
		v.SetUint(x)
	case reflect.Float32:
		b, err := d.take(4)
		if err != nil {
			return err
		}
		v.SetFloat(float64(math.Float32frombits(binary.LittleEndian.Uint32(b))))
	case reflect.Float64:
		b, err := d.take(8)
		if err != nil {
			return err
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(b)))
	case reflect.String:
		s, err := d.str()
		if err != nil {
			return err
		}
		v.SetString(s)
	case reflect.Slice:
		return d.slice(v)
	case reflect.Array:
		for i := range v.Len() {
			if err := d.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		return d.mapValue(v)
	case reflect.Pointer:
		b, err := d.take(1)
		if err != nil {
			return err
		}
		if b[0] == 0 {
			v.SetZero()
			return nil
		}
		p := reflect.New(v.Type().Elem())
		if err := d.value(p.Elem()); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if snapshotSkip(t.Field(i)) {
				continue
			}
			if err := d.value(v.Field(i)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("cannot load a %s", v.Type())
	}
	return nil
}

func (d *snapDecoder) slice(v reflect.Value) error {
	et := v.Type().Elem()
	raw := pointerFree(et)
	minSize := 1
	if raw {
		minSize = int(et.Size())
	}
	n, isNil, err := d.length(minSize)
	if err != nil || isNil {
		v.SetZero()
		return err
	}
	if raw && n > 0 {
		for d.off%rawAlign != 0 && d.off < len(d.buf) {
			d.off++
		}
		b, err := d.take(n * int(et.Size()))
		if err != nil {
			return err
		}
		p := unsafe.Pointer(unsafe.SliceData(b))
		if uintptr(p)%uintptr(et.Align()) == 0 {
			// Use the data in place: the buffer outlives the engine and is never written.
			v.Set(reflect.NewAt(reflect.ArrayOf(n, et), p).Elem().Slice3(0, n, n).Convert(v.Type()))
			return nil
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		copy(unsafe.Slice((*byte)(s.Index(0).Addr().UnsafePointer()), len(b)), b)
		v.Set(s)
		return nil
	}
	s := reflect.MakeSlice(v.Type(), n, n)
	{
		for i := range n {
			if err := d.value(s.Index(i)); err != nil {
				return err
			}
		}
	}
	v.Set(s)
	return nil
}

func (d *snapDecoder) mapValue(v reflect.Value) error {
	n, isNil, err := d.length(2)
	if err != nil || isNil {
		v.SetZero()
		return err
	}
	t := v.Type()
	m := reflect.MakeMapWithSize(t, n)
	k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
	for range n {
		k.SetZero()
		x.SetZero()
		if err := d.value(k); err != nil {
			return err
		}
		if err := d.value(x); err != nil {
			return err
		}
		m.SetMapIndex(k, x)
	}
	v.Set(m)
	return nil
}

package interp

import (
	"fmt"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// This file tells the JIT where the interpreter keeps its data: the field descriptors of a
// Value in memory, of lists and iterators, and the tags that say how a trace value is boxed
// back into a Value when a guard fails. It is the part of PyPy's codewriter that makes
// descriptors from the interpreter's classes.

// The layout of a Value in memory. The ref field is a Go interface: a type word, then a data
// word. The JIT reads the data word as the object pointer and the type word to tell apart Go
// types that share a kind (the iterators).
var (
	valueSize   = unsafe.Sizeof(Value{})
	offKind     = unsafe.Offsetof(Value{}.kind)
	offBits     = unsafe.Offsetof(Value{}.n)
	offRefType  = unsafe.Offsetof(Value{}.ref)
	offRefData  = unsafe.Offsetof(Value{}.ref) + unsafe.Sizeof(uintptr(0))
	offListInts = unsafe.Offsetof(List{}.Ints)
	offListFlts = unsafe.Offsetof(List{}.Floats)
)

// eface is the memory layout of a Go `any`.
type eface struct {
	typ, data unsafe.Pointer
}

// typeWord returns the type word of an interface value (nil for nil).
func typeWord(x any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&x)).typ }

// dataWord returns the data word of an interface value holding a pointer.
func dataWord(x any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&x)).data }

// makeAny rebuilds an interface value from its two words.
func makeAny(typ, data unsafe.Pointer) any {
	var x any
	e := (*eface)(unsafe.Pointer(&x))
	e.typ, e.data = typ, data
	return x
}

// jitDescrs makes and caches the descriptors the recorder uses.
type jitDescrs struct {
	fields map[string]*trace.FieldDescr
	arrays map[string]*trace.ArrayDescr
	calls  map[string]*trace.CallDescr
	allocs map[int]*trace.AllocDescr
	// residual are the descriptors of residual calls, by signature (record_calls.go).
	residual map[string]*trace.CallDescr
}

func (d *jitDescrs) field(name string, offset uintptr, size uint8, typ trace.Type) *trace.FieldDescr {
	if fd, ok := d.fields[name]; ok {
		return fd
	}
	if d.fields == nil {
		d.fields = map[string]*trace.FieldDescr{}
	}
	fd := &trace.FieldDescr{Name: name, Offset: offset, Size: size, Type: typ, Signed: typ == trace.Int && size == 8}
	d.fields[name] = fd
	return fd
}

func (d *jitDescrs) array(name string, itemSize uintptr, typ trace.Type) *trace.ArrayDescr {
	if ad, ok := d.arrays[name]; ok {
		return ad
	}
	if d.arrays == nil {
		d.arrays = map[string]*trace.ArrayDescr{}
	}
	ad := &trace.ArrayDescr{Name: name, ItemSize: itemSize, Type: typ, Signed: typ == trace.Int}
	d.arrays[name] = ad
	return ad
}

// valueField returns the descriptor of one part of the Value at byte offset base of an object
// (a frame's registers, the globals array): part is "kind", "bits", "type" or "data".
func (d *jitDescrs) valueField(prefix string, base uintptr, part string) *trace.FieldDescr {
	name := fmt.Sprintf("%s.%s", prefix, part)
	switch part {
	case "kind":
		return d.field(name, base+offKind, 1, trace.Int)
	case "bits":
		return d.field(name, base+offBits, 8, trace.Int)
	case "fbits":
		return d.field(name, base+offBits, 8, trace.Float)
	case "type":
		return d.field(name, base+offRefType, 8, trace.Ptr)
	}
	return d.field(name, base+offRefData, 8, trace.Ptr)
}

// tagInfo says how to box a trace value: its kind and, for kinds held by reference, the Go
// type word of the object.
type tagInfo struct {
	kind Kind
	typ  unsafe.Pointer
}

// tagOf returns the snapshot tag for a value of kind k whose ref has type word typ.
func (in *Interp) tagOf(k Kind, typ unsafe.Pointer) uint32 {
	key := tagInfo{k, typ}
	if t, ok := in.tagIndex[key]; ok {
		return t
	}
	if in.tagIndex == nil {
		// Tag 0 is reserved (an unbound slot): the text format does not print zero tags.
		in.tagIndex = map[tagInfo]uint32{{}: 0}
		in.tags = []tagInfo{{}}
		if key == (tagInfo{}) {
			return 0
		}
	}
	t := uint32(len(in.tags))
	in.tags = append(in.tags, key)
	in.tagIndex[key] = t
	return t
}

// box rebuilds the Value a trace value stands for, from its tag and its bits or pointer.
func (in *Interp) box(tag uint32, bits uint64, ptr unsafe.Pointer) Value {
	ti := in.tags[tag]
	switch ti.kind {
	case KindNone, KindUnbound:
		return Value{kind: ti.kind}
	case KindBool, KindInt, KindFloat:
		return Value{kind: ti.kind, n: bits}
	}
	return Value{kind: ti.kind, ref: makeAny(ti.typ, ptr)}
}

// tagNames names the tags for trace logs.
func (in *Interp) tagNames() map[string]uint32 {
	names := map[string]uint32{}
	for i, t := range in.tags {
		name := kindNames[t.kind]
		if t.kind == KindIter {
			name = fmt.Sprintf("iter%d", i)
		}
		if _, dup := names[name]; !dup {
			names[name] = uint32(i)
		}
	}
	return names
}

var kindNames = [...]string{
	KindUnbound: "unbound", KindNone: "none", KindBool: "bool", KindInt: "int",
	KindFloat: "float", KindBigInt: "bigint", KindStr: "str", KindList: "list",
	KindTuple: "tuple", KindDict: "dict", KindRange: "range", KindIter: "iter",
	KindFunc: "func", KindBuiltin: "builtin", KindMethod: "method", KindType: "type",
	KindExc: "exc", KindModule: "module", KindSlice: "slice", KindCode: "code",
	KindDictView: "dictview",
}

package trace

import (
	"math"
	"unsafe"
)

// Descr is a descriptor: what an op needs to know about the interpreter's data layout or the
// Go function it calls, beyond its arguments. It plays the part of PyPy's AbstractDescr
// (FieldDescr, ArrayDescr, CallDescr, SizeDescr), made by the interpreter for the JIT. Every
// descriptor has a name, printed as descr=<Name>; the parser looks names up in a DescrTable.
//
// A name must be non-empty and may not contain spaces or any of , ( ) [ ] < > = | : ' #
// (Validate checks it), so that the text format can be parsed back.
type Descr interface {
	DescrName() string
}

// FieldDescr describes a field of a Go object: Size bytes at byte Offset from the object's
// address (PyPy's FieldDescr, LuaJIT's IRFL_* field ids). Int fields of 1, 2, 4 or 8 bytes are
// sign-extended when Signed, zero-extended otherwise; Float fields are 8-byte float64s; Ptr
// fields are Go pointers (8 bytes). getfield_i/f/r read a field; setfield writes an Int or a
// Float field, never a Ptr field: compiled code never stores Go pointers.
type FieldDescr struct {
	Name   string
	Offset uintptr
	Size   uint8
	Type   Type
	Signed bool
}

// DescrName returns the descriptor's name.
func (d *FieldDescr) DescrName() string { return d.Name }

// ArrayDescr describes the items of an array in Go memory: item i of the array at address
// base is at base + BaseOffset + i*ItemSize (PyPy's ArrayDescr). For a Go slice, base is the
// slice's data pointer (itself read with a FieldDescr at offset 0 of the slice header) and
// BaseOffset is 0. Items are typed and extended as a FieldDescr's.
//
// An array of structs is read one field at a time, as PyPy's interior field descriptors do:
// ItemSize is then the size of a whole struct (the stride), BaseOffset the field's offset in
// it, and Size the field's size. Size 0 means ItemSize: an array of plain values.
type ArrayDescr struct {
	Name       string
	ItemSize   uintptr
	BaseOffset uintptr
	Size       uint8
	Type       Type
	Signed     bool
}

// AccessSize returns the number of bytes a load or store of an item reads or writes.
func (d *ArrayDescr) AccessSize() uint8 {
	if d.Size != 0 {
		return d.Size
	}
	return uint8(d.ItemSize)
}

// DescrName returns the descriptor's name.
func (d *ArrayDescr) DescrName() string { return d.Name }

// CallArgs carries the arguments and the result of a residual call between a backend and the
// Go function it calls. Argument i is in Ints[i] when it is an Int or a Float (as bits) and in
// Ptrs[i] when it is a Ptr, so that pointers always stay visible to the garbage collector; the
// function sets Result (Int or Float bits) or PtrResult (Ptr) for call_i/call_f/call_r.
// A backend reuses one CallArgs for many calls: the function must not keep it.
type CallArgs struct {
	Ints      []uint64
	Ptrs      []unsafe.Pointer
	Result    uint64
	PtrResult unsafe.Pointer
}

// Int returns argument i as an int64.
func (a *CallArgs) Int(i int) int64 { return int64(a.Ints[i]) }

// Float returns argument i as a float64.
func (a *CallArgs) Float(i int) float64 { return math.Float64frombits(a.Ints[i]) }

// Ptr returns argument i as a pointer.
func (a *CallArgs) Ptr(i int) unsafe.Pointer { return a.Ptrs[i] }

// SetInt sets an Int result.
func (a *CallArgs) SetInt(v int64) { a.Result = uint64(v) }

// SetFloat sets a Float result.
func (a *CallArgs) SetFloat(v float64) { a.Result = math.Float64bits(v) }

// SetPtr sets a Ptr result.
func (a *CallArgs) SetPtr(p unsafe.Pointer) { a.PtrResult = p }

// CallFn is a Go function called from a trace. It returns false when it could not do its work
// (an error the interpreter must raise, a case it does not handle); it must then have had no
// effect at all, because the trace leaves through the call's snapshot, taken before the call,
// and the interpreter does the operation again itself, raising the error exactly.
type CallFn func(a *CallArgs) (ok bool)

// CallDescr describes a residual call: a call from the trace to a Go function that the JIT
// does not trace into (PyPy's CallDescr with its EffectInfo). ArgTypes are the types of the
// call op's arguments and Result its result type (Void for call_n). Pure says the function has
// no side effect and its result depends only on its arguments, so the optimizer may fold or
// CSE it. CanFail says Fn may return false: the call op then carries a snapshot, as a guard.
type CallDescr struct {
	Name     string
	Fn       CallFn
	ArgTypes []Type
	Result   Type
	Pure     bool
	CanFail  bool
}

// DescrName returns the descriptor's name.
func (d *CallDescr) DescrName() string { return d.Name }

// AllocDescr describes an object the trace allocates with new (PyPy's SizeDescr): New makes a
// zeroed object of Size bytes. Compiled code never allocates by itself: a backend turns new
// into a call of New, and the optimizer removes most allocations, describing the objects in
// snapshots instead (SnapVirtual).
type AllocDescr struct {
	Name string
	Size uintptr
	New  func() unsafe.Pointer
}

// DescrName returns the descriptor's name.
func (d *AllocDescr) DescrName() string { return d.Name }

// DebugDescr is the descriptor of debug_merge_point: the guest source position where the
// interpreter was when the following ops were recorded, e.g. "sum_list.py:7 FOR_ITER". It is
// printed as a quoted string rather than as descr=<...>, as PyPy prints its merge points.
type DebugDescr struct {
	Text string
}

// DescrName returns the text.
func (d *DebugDescr) DescrName() string { return d.Text }

// DescrTable maps names to descriptors, for the parser.
type DescrTable map[string]Descr

// Add puts descriptors into the table under their names and returns the table.
func (t DescrTable) Add(ds ...Descr) DescrTable {
	for _, d := range ds {
		t[d.DescrName()] = d
	}
	return t
}

// validDescrName reports whether a descriptor or tag name can be printed and parsed back.
func validDescrName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if isSpace(c) || isDelim(c) {
			return false
		}
	}
	return true
}

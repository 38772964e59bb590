// Package trace is the language-neutral core of metajit's tracing JIT: the trace IR, its text
// format, snapshots of interpreter state for guards, and validation.
//
// # The IR
//
// A trace is one linear path through a loop of the guest program, as recorded by the
// interpreter: a list of operations without branches, where every assumption the recording
// made is a guard that leaves the trace when it does not hold. The IR is an SSA form addressed
// by index, as LuaJIT's (lj_ir.h): a value is a Ref, which is the index of the operation that
// computes it in Trace.Ops, or, when negative, a constant in Trace.Consts. An operation's
// arguments are Refs to earlier operations, so a trace is its own def-use graph and needs no
// pointers. Operations are named, and printed, as PyPy's resoperations (int_add,
// guard_true, getfield_i, call_n, jump...), so the logs read like PyPy's:
//
//	# trace sum_list loop 0
//	[p0, i1, i2]
//	debug_merge_point('sum_list.py:7 FOR_ITER')
//	i3 = getfield_i(p0, descr=<List.len>)
//	i4 = int_lt(i2, i3)
//	guard_true(i4) [f1@12: 0=p0:list 1=i1:int 2=i2:int]
//	...
//	jump(p0, i5, i6)
//
// Values have one of three types: Int (a 64-bit integer), Float (a float64) and Ptr (a Go
// pointer, which the Go garbage collector must always be able to see: pointers are kept in
// unsafe.Pointer variables everywhere, never in integers).
//
// A loop trace starts with its input ops (the red variables it is entered with), may have a
// preamble, then a label whose arguments are the loop-carried values, then the loop body,
// which ends with a jump back to the label (without a label, the jump goes back to the first
// op after the inputs, rebinding them). A trace that does not loop ends with finish. What each
// op computes, to the bit, is defined in ops.go and by backend/irexec, the reference executor.
//
// # Snapshots
//
// Every guard refers to a Snapshot (snapshot.go), as in LuaJIT's lj_snap.c: the interpreter
// state at the guard, expressed in trace values, precise enough to resume the interpreter
// exactly when the guard fails. What the interpreter state means (frames, slots, how a value
// is boxed) is opaque to this package: the interpreter gives the numbers and reads them back.
//
// # Text format
//
// Traces print (Trace.Print, Trace.String) and parse (Parse, ParseWith) in one text format, as
// PyPy's logs (PYPYLOG=jit-log-opt:...) show them, so that tests write traces by hand and
// logs can be read by students. Printing then parsing gives back an equal trace (see Diff).
//
//	# trace NAME
//	[p0, i1, f2]                                  the inputs, in order
//	debug_merge_point('sum_list.py:7 FOR_ITER')   the guest position of what follows
//	i4 = getfield_i(p0, descr=<List.len>)         a result is named by its type and op index
//	i5 = int_lt(i1, i4)  # while i < n:            an optional comment: the op's Trace.Debug text
//	guard_true(i5) [f1@12: 0=p0:list 1=i1:int]    a guard and its snapshot
//	i7 = int_add(i1, 1)                           constants are written inline
//	f8 = float_mul(f2, -0.0)
//	jump(p0, i7, f8)
//
// Values are named by a type letter (i, f, p) and, when printed, the index of their op. The
// parser accepts any name made of the type letter followed by letters, digits and underscores
// (but not "inf"), and numbers the ops itself.
//
// Constants: ints in decimal; floats always with a '.', an exponent, or as inf, -inf, nan
// (Go's math.NaN() bits) or nan(0x...) for any other NaN payload, so that every float
// round-trips bit for bit; pointers as ConstPtr(null), ConstPtr(name) for a pointer named in
// Symbols.Ptrs, or ConstPtr(0x...) for an unnamed pointer (printed for reading only: the
// parser refuses addresses, since a number cannot be turned back into a live Go pointer).
//
// Descriptors print as descr=<Name>; debug_merge_point prints its text as a quoted string
// (backslash escapes for \\, \' and control characters). An op's Imm prints as imm=N (only
// inputs use it, and the inputs in the header line show it by their position).
//
// Snapshots print in brackets after the op: frames from outermost to innermost, separated by
// " | ", each as f<code>@<pc> (with a * when the frame is inlined) then its slots as
// index=value:tag; then the virtual objects, each as v<k>=new(Alloc, Field=value:tag, ...):tag.
// A tag prints as the name Symbols.Tags gives it, or as a number; a zero tag is not printed.
//
//	guard_true(i9) [f1@12: 0=p0:list 1=v0:tuple | f3@20*: 0=i5:int | v0=new(Tuple2, Tuple2.x=f4:float)]
//
// This package knows nothing about Python and must never import anything under interp/.
package trace

import (
	"fmt"
	"math"
	"unsafe"
)

// Type is the type of an IR value. Unlike PyPy's three kinds i/f/r, the pointer kind is called
// Ptr here because Ref names SSA values; it is still printed with PyPy's prefix letter p.
type Type uint8

// The value types.
const (
	Void  Type = iota // no value: the "type" of guards, stores and other ops without a result
	Int               // a 64-bit two's complement integer; printed with prefix i
	Float             // an IEEE 754 float64; printed with prefix f
	Ptr               // a Go pointer (unsafe.Pointer), a "ref" in PyPy; printed with prefix p
)

// String returns the type's name: void, int, float or ptr.
func (t Type) String() string {
	switch t {
	case Void:
		return "void"
	case Int:
		return "int"
	case Float:
		return "float"
	case Ptr:
		return "ptr"
	case Any:
		return "any"
	}
	return fmt.Sprintf("type(%d)", uint8(t))
}

// Prefix returns the letter that starts the name of a value of this type in the text format:
// 'i', 'f' or 'p' (as in PyPy's logs), and 0 for other types.
func (t Type) Prefix() byte {
	switch t {
	case Int:
		return 'i'
	case Float:
		return 'f'
	case Ptr:
		return 'p'
	}
	return 0
}

// Ref is an SSA value (LuaJIT's IRRef): Ref >= 0 is the result of Trace.Ops[ref]; a negative
// Ref is a constant, Trace.Consts[-1-ref]. In snapshots only, the reserved range below the
// constants names virtual objects (see VirtualRef). NoRef means "no value".
//
// The layout of the int32 space:
//
//	[0, MaxInt32]                     op results
//	[-MaxConsts, -1]                  constants: -1 is Consts[0], -2 is Consts[1], ...
//	[MinInt32+1, MinInt32+MaxVirtuals] virtual objects of a snapshot (VirtualRef)
//	MinInt32                          NoRef
type Ref int32

// NoRef is the Ref that names no value.
const NoRef Ref = math.MinInt32

// MaxConsts is the largest number of constants a trace may have; MaxVirtuals the largest
// number of virtual objects a snapshot may describe.
const (
	MaxConsts   = 1 << 30
	MaxVirtuals = 1 << 16
)

// ConstRef returns the Ref of Trace.Consts[k].
func ConstRef(k int) Ref { return Ref(-1 - k) }

// VirtualRef returns the Ref that, inside a snapshot, names Snapshot.Virtuals[k]: an object the
// optimizer removed from the trace and that the snapshot describes instead (PyPy's virtuals).
// Such Refs are only valid in snapshot slots and virtual fields, never as op arguments.
func VirtualRef(k int) Ref { return NoRef + 1 + Ref(k) }

// IsOp reports whether r names the result of an op.
func (r Ref) IsOp() bool { return r >= 0 }

// IsConst reports whether r names a constant.
func (r Ref) IsConst() bool { return r < 0 && r >= -MaxConsts }

// IsVirtual reports whether r names a virtual object of a snapshot.
func (r Ref) IsVirtual() bool { return r > NoRef && r <= NoRef+MaxVirtuals }

// ConstIndex returns the index in Trace.Consts of a constant Ref.
func (r Ref) ConstIndex() int { return int(-1 - r) }

// VirtualIndex returns the index in Snapshot.Virtuals of a virtual Ref.
func (r Ref) VirtualIndex() int { return int(r - NoRef - 1) }

// Const is a constant value. Ints and floats (as math.Float64bits) live in Bits; pointers in
// Ptr, so that the garbage collector sees them. A constant pointer keeps its object alive for
// as long as the trace exists, like PyPy's ConstPtr.
type Const struct {
	Type Type
	Bits uint64
	Ptr  unsafe.Pointer
}

// Int returns the constant as an int64.
func (c Const) Int() int64 { return int64(c.Bits) }

// Float returns the constant as a float64.
func (c Const) Float() float64 { return math.Float64frombits(c.Bits) }

// Op is one operation of a trace (PyPy's ResOperation, LuaJIT's IRIns). Its result, if it has
// one, is the value Ref(index of the op).
type Op struct {
	Opcode Opcode
	Type   Type  // the result type (Void when the op has no result)
	Args   []Ref // the arguments: earlier ops or constants
	Descr  Descr // the descriptor, for the ops that need one (see OpInfo.Descr)
	// Snap is the index in Trace.Snaps of the snapshot to resume from when the op leaves the
	// trace: set for guards and for calls whose descriptor CanFail, -1 for every other op.
	Snap int32
	// Imm is a small immediate operand: the position of an input op among the inputs.
	Imm int64
}

// Trace is a recorded trace: a name for logs, the ops, the constants they use, and the
// snapshots their guards refer to. Build one with NewTrace and the Emit methods, or with Parse.
type Trace struct {
	Name   string
	Ops    []Op
	Consts []Const
	Snaps  []Snapshot
	// Debug optionally maps an op index to the guest source text the op came from; the
	// printer shows it as a comment after the op (a single line of text).
	Debug map[int]string

	// constIndex finds existing constants so that each is stored once, as LuaJIT interns
	// its constants (lj_ir_kint); built lazily and refreshed when Consts grows.
	constIndex map[Const]Ref
}

// NewTrace returns an empty trace with a name used in logs.
func NewTrace(name string) *Trace { return &Trace{Name: name} }

// Emit appends an op with result type typ (Void for ops without a result) and returns its
// Ref. Ops without a result also get a Ref (their index), which is never used as a value.
func (t *Trace) Emit(opcode Opcode, typ Type, args ...Ref) Ref {
	t.Ops = append(t.Ops, Op{Opcode: opcode, Type: typ, Args: args, Snap: -1})
	return Ref(len(t.Ops) - 1)
}

// EmitDescr appends an op that has a descriptor (loads, stores, calls, new, debug_merge_point).
func (t *Trace) EmitDescr(opcode Opcode, typ Type, descr Descr, args ...Ref) Ref {
	r := t.Emit(opcode, typ, args...)
	t.Ops[r].Descr = descr
	return r
}

// EmitGuard appends a guard whose snapshot is t.Snaps[snap] (see AddSnapshot).
func (t *Trace) EmitGuard(opcode Opcode, snap int32, args ...Ref) Ref {
	r := t.Emit(opcode, Void, args...)
	t.Ops[r].Snap = snap
	return r
}

// EmitCall appends a residual call of descr.Fn: call_i, call_f, call_r or call_n according to
// descr.Result. snap is the snapshot to leave through when the call fails (descr.CanFail), taken
// before the call; pass -1 for calls that cannot fail.
func (t *Trace) EmitCall(descr *CallDescr, snap int32, args ...Ref) Ref {
	r := t.EmitDescr(CallOpcode(descr.Result), descr.Result, descr, args...)
	t.Ops[r].Snap = snap
	return r
}

// Input appends the next input op, of type typ, and returns it. Inputs must come first.
func (t *Trace) Input(typ Type) Ref {
	n := 0
	for n < len(t.Ops) && t.Ops[n].Opcode == OpInput {
		n++
	}
	r := t.Emit(OpInput, typ)
	t.Ops[r].Imm = int64(n)
	return r
}

// Inputs returns the trace's input ops: the leading ops with opcode input.
func (t *Trace) Inputs() []Ref {
	var in []Ref
	for i := range t.Ops {
		if t.Ops[i].Opcode != OpInput {
			break
		}
		in = append(in, Ref(i))
	}
	return in
}

// Label returns the index of the label op, or -1 when the trace has none.
func (t *Trace) Label() int {
	for i := range t.Ops {
		if t.Ops[i].Opcode == OpLabel {
			return i
		}
	}
	return -1
}

// AddSnapshot appends a snapshot and returns its index, for EmitGuard and EmitCall.
func (t *Trace) AddSnapshot(s Snapshot) int32 {
	t.Snaps = append(t.Snaps, s)
	return int32(len(t.Snaps) - 1)
}

// SetDebug records the guest source text an op came from, shown in logs.
func (t *Trace) SetDebug(op Ref, text string) {
	if t.Debug == nil {
		t.Debug = make(map[int]string)
	}
	t.Debug[int(op)] = text
}

// constant returns the Ref of c, adding it to Consts unless an identical constant exists.
func (t *Trace) constant(c Const) Ref {
	if t.constIndex == nil || len(t.constIndex) != len(t.Consts) {
		t.constIndex = make(map[Const]Ref, len(t.Consts))
		for k, old := range t.Consts {
			if _, dup := t.constIndex[old]; !dup {
				t.constIndex[old] = ConstRef(k)
			}
		}
		if len(t.constIndex) != len(t.Consts) {
			// Consts was built by hand with duplicates: the map cannot stay in step with
			// the slice, so search it directly (rare; only for such traces).
			for k, old := range t.Consts {
				if old == c {
					return ConstRef(k)
				}
			}
			t.Consts = append(t.Consts, c)
			return ConstRef(len(t.Consts) - 1)
		}
	}
	if r, ok := t.constIndex[c]; ok {
		return r
	}
	t.Consts = append(t.Consts, c)
	r := ConstRef(len(t.Consts) - 1)
	t.constIndex[c] = r
	return r
}

// Const returns the constant c (as ConstInt, ConstFloat or ConstPtr would), for copying a
// constant from another trace.
func (t *Trace) Const(c Const) Ref { return t.constant(c) }

// ConstInt returns the constant int v (each distinct constant is stored once).
func (t *Trace) ConstInt(v int64) Ref { return t.constant(Const{Type: Int, Bits: uint64(v)}) }

// ConstFloat returns the constant float v. Constants are told apart by their bits, so 0.0 and
// -0.0 are different constants, and each NaN payload is its own constant.
func (t *Trace) ConstFloat(v float64) Ref {
	return t.constant(Const{Type: Float, Bits: math.Float64bits(v)})
}

// ConstPtr returns the constant pointer p (nil is the null constant).
func (t *Trace) ConstPtr(p unsafe.Pointer) Ref { return t.constant(Const{Type: Ptr, Ptr: p}) }

// IsConst reports whether ref names a constant of this trace.
func (t *Trace) IsConst(ref Ref) bool { return ref.IsConst() && ref.ConstIndex() < len(t.Consts) }

// ConstValue returns the constant ref names; ref must be a constant of this trace.
func (t *Trace) ConstValue(ref Ref) Const { return t.Consts[ref.ConstIndex()] }

// TypeOf returns the type of a value: of the op or constant it names, Void for NoRef, virtual
// refs and refs out of range.
func (t *Trace) TypeOf(ref Ref) Type {
	switch {
	case ref >= 0 && int(ref) < len(t.Ops):
		return t.Ops[ref].Type
	case t.IsConst(ref):
		return t.Consts[ref.ConstIndex()].Type
	}
	return Void
}

// Clone returns a deep copy of the trace's own slices and maps (descriptors and constant
// pointers are shared), so that a pass can rewrite the copy and leave the original intact.
func (t *Trace) Clone() *Trace {
	c := &Trace{Name: t.Name}
	c.Ops = make([]Op, len(t.Ops))
	for i, op := range t.Ops {
		op.Args = append([]Ref(nil), op.Args...)
		c.Ops[i] = op
	}
	c.Consts = append([]Const(nil), t.Consts...)
	c.Snaps = make([]Snapshot, len(t.Snaps))
	for i, s := range t.Snaps {
		c.Snaps[i] = s.Clone()
	}
	if t.Debug != nil {
		c.Debug = make(map[int]string, len(t.Debug))
		for k, v := range t.Debug {
			c.Debug[k] = v
		}
	}
	return c
}

// AppendCopy appends to t copies of the ops from..to-1 of src (not inputs nor labels), with
// their snapshots and debug texts. m maps src's values to t's: it must hold every op result of
// src the copied ops use from before from (src's inputs, say), and gets the copies' results;
// src's constants become constants of t. A bridge uses it to take in the preamble of the loop
// it goes back to (see package jit).
func (t *Trace) AppendCopy(src *Trace, from, to int, m map[Ref]Ref) error {
	mapRef := func(r Ref) (Ref, error) {
		switch {
		case r.IsVirtual() || r == NoRef:
			return r, nil
		case r < 0:
			return t.Const(src.ConstValue(r)), nil
		}
		if c, ok := m[r]; ok {
			return c, nil
		}
		return NoRef, fmt.Errorf("trace: op %d of the copy uses %s, which has no counterpart", from, src.FormatRef(r))
	}
	for i := from; i < to; i++ {
		op := src.Ops[i]
		if op.Opcode == OpInput || op.Opcode == OpLabel {
			return fmt.Errorf("trace: cannot copy %s (op %d)", op.Opcode, i)
		}
		args := make([]Ref, len(op.Args))
		for k, a := range op.Args {
			c, err := mapRef(a)
			if err != nil {
				return err
			}
			args[k] = c
		}
		op.Args = args
		if op.Snap >= 0 {
			s := src.Snaps[op.Snap].Clone()
			for f := range s.Frames {
				for k := range s.Frames[f].Slots {
					c, err := mapRef(s.Frames[f].Slots[k].Ref)
					if err != nil {
						return err
					}
					s.Frames[f].Slots[k].Ref = c
				}
			}
			for v := range s.Virtuals {
				for k := range s.Virtuals[v].Fields {
					c, err := mapRef(s.Virtuals[v].Fields[k].Ref)
					if err != nil {
						return err
					}
					s.Virtuals[v].Fields[k].Ref = c
				}
			}
			op.Snap = t.AddSnapshot(s)
		}
		t.Ops = append(t.Ops, op)
		r := Ref(len(t.Ops) - 1)
		m[Ref(i)] = r
		if text, ok := src.Debug[i]; ok {
			t.SetDebug(r, text)
		}
	}
	return nil
}

// LiveIns returns the values a loop trace's body starts from: the label's arguments, then
// the values defined before the label that the body uses (as arguments or in snapshots), in
// order. Nil when the trace has no label.
func (t *Trace) LiveIns() []Ref {
	lab := t.Label()
	if lab < 0 {
		return nil
	}
	out := append([]Ref(nil), t.Ops[lab].Args...)
	seen := map[Ref]bool{}
	for _, a := range out {
		seen[a] = true
	}
	used := map[Ref]bool{}
	for i := lab + 1; i < len(t.Ops); i++ {
		for _, a := range t.Ops[i].Args {
			used[a] = true
		}
		if t.Ops[i].HasSnapshot() {
			t.Snaps[t.Ops[i].Snap].Refs(func(r Ref) { used[r] = true })
		}
	}
	for v := 0; v < lab; v++ {
		if r := Ref(v); used[r] && !seen[r] && t.Ops[v].Type != Void {
			out = append(out, r)
		}
	}
	return out
}

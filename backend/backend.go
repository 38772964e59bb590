// Package backend defines how metajit runs a trace: a Backend compiles a *trace.Trace into a
// Loop, which the driver enters with the trace's input values and which returns an Exit when a
// guard fails or the trace finishes. Backends: backend/irexec (portable, interprets the IR; the
// reference every other backend is tested against) and the native amd64/arm64 backends.
//
// This is the role of PyPy's AbstractCPU (rpython/jit/backend/model.py: compile_loop,
// execute_token, get_latest_descr, get_int_value...) and of LuaJIT's lj_asm.c with its exit
// handler lj_trace_exit. As in PyPy, the values at an exit are read one by one through the
// Exit, named by the Refs of the guard's snapshot.
//
// Go's garbage collector must see every pointer a trace holds, so refs are always kept in
// []unsafe.Pointer arrays (inputs, exit values, call arguments), never in uint64s: ints and
// floats (as math.Float64bits) travel in []uint64, pointers in a parallel []unsafe.Pointer.
//
// Like every package of the JIT core, backend knows nothing about Python and must never
// import anything under interp/.
package backend

import (
	"errors"
	"fmt"
	"math"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// Backend compiles traces. It is safe to use from several goroutines.
type Backend interface {
	// Name returns the backend's name as the -backend flag and the stats spell it
	// ("irexec", "amd64", "arm64").
	Name() string
	// Compile turns a valid trace (see trace.Validate; backends check it) into a Loop. The
	// trace must not be modified afterwards: the Loop and its Exits keep referring to it.
	Compile(t *trace.Trace) (Loop, error)
}

// Loop is a compiled trace.
type Loop interface {
	// Trace returns the trace the loop was compiled from.
	Trace() *trace.Trace
	// Run enters the trace with its inputs and returns only when the trace leaves: at a guard
	// that fails (or a call whose descriptor CanFail and whose function reports failure), or
	// at finish. A loop trace (ending in jump) runs iteration after iteration until then.
	//
	// Input k of the trace (the k-th input op) is ints[k] when it is an Int or a Float (as
	// math.Float64bits) and ptrs[k] when it is a Ptr; the other slice's entry k is ignored,
	// and either slice may be shorter when no input at or beyond its end uses it.
	//
	// Run fills exit, which the caller owns and may reuse for every run (so that entering and
	// leaving a loop does not allocate). Runs with different Exits may be nested (a residual
	// call that re-enters the interpreter, which enters the loop again) or concurrent.
	Run(ints []uint64, ptrs []unsafe.Pointer, exit *Exit)
	// CodeSize returns the size in bytes of the compiled code (for -stats' code_bytes).
	CodeSize() int
	// Exits returns how many times runs have left the trace at op (the index of a guard, of a
	// call that can fail, or of the finish): the failure counters that decide when a guard
	// is hot enough for a bridge (PyPy's trace_eagerness, LuaJIT's hotexit).
	Exits(op int) uint64
}

// Exit says where and in what state a run of a Loop left the trace.
//
// Op is the index of the op that left: the failing guard, the call whose function failed (the
// snapshot is then the state before the call), or the finish. Snap is that op's snapshot in
// Trace.Snaps, or -1 at a finish. The value of any Ref the snapshot names (or the finish's
// arguments) is read with Int, Float, Bits and Ptr; constants are read from the trace.
type Exit struct {
	Trace *trace.Trace
	Op    int
	Snap  int32

	// Vals and Ptrs hold the values of the trace's ops, by op index: Vals[i] the bits of op
	// i's result when it is an Int or a Float, Ptrs[i] when it is a Ptr. Backends fill at
	// least the values the exit's snapshot (or finish) names and the trace's inputs (as the
	// trace was entered: bridges may take them, so they must not change from one iteration
	// to the next); entries past len(Trace.Ops) belong to the backend (irexec keeps its
	// constants and scratch registers there).
	Vals []uint64
	Ptrs []unsafe.Pointer
}

// Prepare is for backends: it makes the exit ready for a run of t, with room for n values
// (n >= len(t.Ops)), reusing the exit's arrays when they are large enough, and returns them.
func (e *Exit) Prepare(t *trace.Trace, n int) ([]uint64, []unsafe.Pointer) {
	e.Trace, e.Op, e.Snap = t, -1, -1
	if cap(e.Vals) < n || cap(e.Ptrs) < n {
		e.Vals = make([]uint64, n)
		e.Ptrs = make([]unsafe.Pointer, n)
	}
	e.Vals, e.Ptrs = e.Vals[:n], e.Ptrs[:n]
	return e.Vals, e.Ptrs
}

// IsFinish reports whether the run left through finish (rather than a guard).
func (e *Exit) IsFinish() bool {
	return e.Trace != nil && e.Op >= 0 && e.Op < len(e.Trace.Ops) && e.Trace.Ops[e.Op].Opcode == trace.OpFinish
}

// Snapshot returns the snapshot to resume from, or nil at a finish.
func (e *Exit) Snapshot() *trace.Snapshot {
	if e.Snap < 0 {
		return nil
	}
	return &e.Trace.Snaps[e.Snap]
}

// Args returns the arguments of the op that left (the finish's results), for finish exits.
func (e *Exit) Args() []trace.Ref { return e.Trace.Ops[e.Op].Args }

// Bits returns the raw bits of an Int or Float value: an op result or a constant.
func (e *Exit) Bits(r trace.Ref) uint64 {
	switch {
	case r >= 0:
		return e.Vals[r]
	case e.Trace.IsConst(r):
		return e.Trace.ConstValue(r).Bits
	}
	panic(fmt.Sprintf("backend: Exit.Bits(%s): not an op or a constant (virtuals are described by the snapshot)", e.Trace.FormatRef(r)))
}

// Int returns the value of an Int op result or constant.
func (e *Exit) Int(r trace.Ref) int64 { return int64(e.Bits(r)) }

// Float returns the value of a Float op result or constant.
func (e *Exit) Float(r trace.Ref) float64 { return math.Float64frombits(e.Bits(r)) }

// Ptr returns the value of a Ptr op result or constant.
func (e *Exit) Ptr(r trace.Ref) unsafe.Pointer {
	switch {
	case r >= 0:
		return e.Ptrs[r]
	case e.Trace.IsConst(r):
		return e.Trace.ConstValue(r).Ptr
	}
	panic(fmt.Sprintf("backend: Exit.Ptr(%s): not an op or a constant (virtuals are described by the snapshot)", e.Trace.FormatRef(r)))
}

// Live calls fn with every value the exit makes available: the Refs named by the snapshot
// (through its virtuals too), or the finish's arguments. Constants are included.
func (e *Exit) Live(fn func(trace.Ref)) {
	if s := e.Snapshot(); s != nil {
		s.Refs(fn)
		return
	}
	if e.IsFinish() {
		for _, r := range e.Args() {
			fn(r)
		}
	}
}

// DiffExits compares two exits of the same trace (say, from irexec and from a native backend)
// and returns "" when they left at the same op with the same live values, or a description
// of the first difference. Ints and pointers compare exactly, floats bit for bit, except that
// all NaNs are equal: the payload of a NaN computed at run time differs between CPUs (amd64
// makes negative NaNs, arm64 positive ones), and the IR does not define it.
func DiffExits(a, b *Exit) string {
	if a.Op != b.Op || a.Snap != b.Snap {
		return fmt.Sprintf("left at op %d (snapshot %d) and at op %d (snapshot %d)", a.Op, a.Snap, b.Op, b.Snap)
	}
	diff := ""
	a.Live(func(r trace.Ref) {
		if diff != "" {
			return
		}
		switch a.Trace.TypeOf(r) {
		case trace.Ptr:
			if a.Ptr(r) != b.Ptr(r) {
				diff = fmt.Sprintf("%s: %p and %p", a.Trace.FormatRef(r), a.Ptr(r), b.Ptr(r))
			}
		case trace.Float:
			x, y := a.Float(r), b.Float(r)
			if a.Bits(r) != b.Bits(r) && !(math.IsNaN(x) && math.IsNaN(y)) {
				diff = fmt.Sprintf("%s: %v (%#x) and %v (%#x)", a.Trace.FormatRef(r), x, a.Bits(r), y, b.Bits(r))
			}
		default:
			if a.Bits(r) != b.Bits(r) {
				diff = fmt.Sprintf("%s: %d and %d", a.Trace.FormatRef(r), a.Int(r), b.Int(r))
			}
		}
	})
	return diff
}

// Attacher is implemented by compiled loops that take bridges into their own machine code:
// the failure path of a guard then jumps straight into the bridge, and the bridge's end
// jumps back to the start of the loop, without a return to Go in between (LuaJIT patches a
// side exit's branch to go to its side trace: lj_asm_patchexit; PyPy's backends patch the
// guard's jump in the same way). A backend without it still runs bridges: the driver runs
// them itself, one Run after the other (see package jit).
type Attacher interface {
	// Attach compiles bridge as the failure path of the guard at op guard of from, a trace
	// of this loop's tree (the loop's own, or that of a bridge attached before). Input k of
	// bridge is the value of sources[k] at that guard; a source that is an input op of from
	// stands for the value from was entered with. The bridge must end in a finish whose
	// arguments are the loop's inputs: it jumps back to the loop's start with them.
	//
	// Exits at the bridge's guards come out of the loop's Run with the bridge as their
	// Trace. The Loop returned stands for the bridge's code (CodeSize, Exits); it cannot be
	// Run on its own. No run of the loop may be under way on another goroutine during Attach.
	Attach(from *trace.Trace, guard int, sources []trace.Ref, bridge *trace.Trace) (Loop, error)
}

// Freer is implemented by compiled loops that can give their code memory back at once,
// rather than when the garbage collector finds them unreachable. Free must only be called
// when no run of the loop is under way and none will start.
type Freer interface {
	Free()
}

// ErrCodeMemoryFull is the error (wrapped) of a Compile or Attach that found no room left in
// the backend's code memory: the driver flushes every trace and tries once more.
var ErrCodeMemoryFull = errors.New("code memory limit reached")

// HeadAttacher is implemented by compiled loops whose bridges can go straight into the loop's
// body, past its preamble (PyPy's bridges jump to the loop's target token; LuaJIT's side
// traces link to their root trace with the registers it expects). Such a bridge ends with a
// copy of the loop's preamble (see trace.Trace.AppendCopy) and a finish whose arguments are
// the values of liveIns, the loop's trace.LiveIns, in order: the bridge puts each where the
// loop's body expects it at its head and jumps there. Otherwise it is as Attach.
type HeadAttacher interface {
	AttachHead(from *trace.Trace, guard int, sources []trace.Ref, bridge *trace.Trace, liveIns []trace.Ref) (Loop, error)
}

// Package tracetest makes random, well-typed traces for fuzz tests, in the spirit of PyPy's
// rpython/jit/backend/test/test_random.py: the optimizer is checked by running random traces
// with and without it, the native backends by running them on the CPU and on irexec, and in
// both cases the exits and the values they show must agree.
//
// The traces use only ops whose results are fully defined by the IR (see backend/irexec's
// package doc): the divisor of int_floordiv and int_mod is kept away from 0 and -1, every
// int_*_ovf is followed by its guard, and there are no loads or stores (random pointers
// cannot be dereferenced). They are valid by construction (trace.Validate accepts them).
package tracetest

import (
	"math"
	"math/rand/v2"
	"sync/atomic"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// Options shape a random trace. The zero Options make a short straight-line int trace.
type Options struct {
	Ops    int  // about how many ops to generate (default 30)
	Floats bool // use float values and ops
	Ptrs   bool // use pointer inputs, ptr_eq/ptr_ne and null guards
	Guards bool // emit guards (with snapshots), and overflow-checked ops with their guards
	Calls  bool // emit residual calls of the functions in Descrs (one of which can fail)
	Loop   bool // make a loop: a label, the body, and a jump back; at most 32 iterations
}

// Snapshot tags used by random traces: how a slot's value would be boxed.
const (
	TagInt   uint32 = 1
	TagFloat uint32 = 2
	TagPtr   uint32 = 3
)

// Tags names the snapshot tags for printing random traces.
var Tags = map[string]uint32{"int": TagInt, "float": TagFloat, "ptr": TagPtr}

// The residual calls random traces make.
var (
	// CallMix is pure: (a, b) -> (a*31 + b) ^ (a >> 7).
	CallMix = &trace.CallDescr{Name: "mix", ArgTypes: []trace.Type{trace.Int, trace.Int}, Result: trace.Int, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetInt((a.Int(0)*31 + a.Int(1)) ^ a.Int(0)>>7); return true }}
	// CallHalf can fail: (a) -> a/2, failing for negative a.
	CallHalf = &trace.CallDescr{Name: "half_nonneg", ArgTypes: []trace.Type{trace.Int}, Result: trace.Int, CanFail: true,
		Fn: func(a *trace.CallArgs) bool {
			if a.Int(0) < 0 {
				return false
			}
			a.SetInt(a.Int(0) / 2)
			return true
		}}
	// CallScale is pure: (f, i) -> f * i.
	CallScale = &trace.CallDescr{Name: "scale", ArgTypes: []trace.Type{trace.Float, trace.Int}, Result: trace.Float, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetFloat(a.Float(0) * float64(a.Int(1))); return true }}
	// CallPick is pure: (p, q, i) -> p if i is odd else q.
	CallPick = &trace.CallDescr{Name: "pick", ArgTypes: []trace.Type{trace.Ptr, trace.Ptr, trace.Int}, Result: trace.Ptr, Pure: true,
		Fn: func(a *trace.CallArgs) bool {
			if a.Int(2)&1 != 0 {
				a.SetPtr(a.Ptr(0))
			} else {
				a.SetPtr(a.Ptr(1))
			}
			return true
		}}
	// CallSink has no result: it adds its argument to Sunk.
	CallSink = &trace.CallDescr{Name: "sink", ArgTypes: []trace.Type{trace.Int}, Result: trace.Void,
		Fn: func(a *trace.CallArgs) bool { Sunk.Add(a.Int(0)); return true }}

	// Descrs names every descriptor random traces use, for printing and parsing them.
	Descrs = trace.DescrTable{}.Add(CallMix, CallHalf, CallScale, CallPick, CallSink)
)

// Sunk accumulates CallSink's arguments (so that the call has an observable effect).
var Sunk atomic.Int64

// Objects are the distinct non-nil pointers RandomInputs hands to pointer inputs.
var Objects = func() []unsafe.Pointer {
	objs := make([]unsafe.Pointer, 4)
	for i := range objs {
		objs[i] = unsafe.Pointer(new([2]int64))
	}
	return objs
}()

// interestingInts are constants and inputs at the edges of int64 arithmetic.
var interestingInts = []int64{0, 1, -1, 2, 7, 63, 64, 65, -64, 255, 1 << 32, math.MaxInt64, math.MinInt64,
	math.MaxInt64 - 1, math.MinInt64 + 1, math.MaxInt32, math.MinInt32}

// interestingFloats are constants and inputs at the edges of float64 arithmetic.
var interestingFloats = []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1.5, -2.25, 1e16, 1e-300, 1e300,
	math.MaxFloat64, math.SmallestNonzeroFloat64, math.Inf(1), math.Inf(-1), math.NaN(),
	9.223372036854775807e18, -9.223372036854775808e18}

// gen is the state of one generation.
type gen struct {
	rng    *rand.Rand
	opts   Options
	t      *trace.Trace
	ints   []trace.Ref // the int values defined so far
	floats []trace.Ref
	ptrs   []trace.Ref
	code   int32 // the fake code object of the snapshots
	pc     int32
}

// RandomTrace returns a random valid trace: inputs, then straight-line int (and, if asked,
// float and pointer) arithmetic, comparisons, guards and calls, ending in finish with some of
// the values computed; or, with opts.Loop, a loop around such a body, closed by a jump.
func RandomTrace(rng *rand.Rand, opts Options) *trace.Trace {
	if opts.Ops <= 0 {
		opts.Ops = 30
	}
	g := &gen{rng: rng, opts: opts, t: trace.NewTrace("random"), code: int32(rng.IntN(4))}

	// Inputs, of mixed types; a loop's first input is its iteration counter.
	nIn := 1 + rng.IntN(4)
	for k := 0; k < nIn; k++ {
		typ := trace.Int
		if k > 0 {
			switch r := rng.IntN(4); {
			case r == 0 && opts.Floats:
				typ = trace.Float
			case r == 1 && opts.Ptrs:
				typ = trace.Ptr
			}
		}
		g.define(g.t.Input(typ))
	}

	if !opts.Loop {
		g.body(opts.Ops)
		g.t.Emit(trace.OpFinish, trace.Void, g.results()...)
		return g.t
	}

	// The loop: the counter is clamped to [0, 31] in the preamble; the label carries it and
	// every input; the body starts by leaving when the counter is 0, and ends by decrementing
	// it and jumping back with new values for the other loop-carried values.
	counter := g.t.Emit(trace.OpIntAnd, trace.Int, 0, g.t.ConstInt(31))
	g.define(counter)
	carried := []trace.Ref{counter}
	for k := 1; k < nIn; k++ {
		carried = append(carried, trace.Ref(k))
	}
	g.t.Emit(trace.OpLabel, trace.Void, carried...)
	more := g.t.Emit(trace.OpIntGt, trace.Int, counter, g.t.ConstInt(0))
	g.define(more)
	g.guard(trace.OpGuardTrue, more)
	g.body(opts.Ops)
	next := g.t.Emit(trace.OpIntSub, trace.Int, counter, g.t.ConstInt(1))
	jump := []trace.Ref{next}
	for _, c := range carried[1:] {
		jump = append(jump, g.value(g.t.TypeOf(c), false))
	}
	g.t.Emit(trace.OpJump, trace.Void, jump...)
	return g.t
}

func (g *gen) define(r trace.Ref) trace.Ref {
	switch g.t.TypeOf(r) {
	case trace.Int:
		g.ints = append(g.ints, r)
	case trace.Float:
		g.floats = append(g.floats, r)
	case trace.Ptr:
		g.ptrs = append(g.ptrs, r)
	}
	return r
}

// value returns a value of type typ: usually one defined earlier, sometimes a constant.
func (g *gen) value(typ trace.Type, constOK bool) trace.Ref {
	pool := g.ints
	switch typ {
	case trace.Float:
		pool = g.floats
	case trace.Ptr:
		pool = g.ptrs
	}
	if len(pool) == 0 || constOK && g.rng.IntN(5) == 0 {
		return g.constant(typ)
	}
	// Prefer recent values, so that chains of computation form.
	if g.rng.IntN(2) == 0 && len(pool) > 3 {
		return pool[len(pool)-1-g.rng.IntN(3)]
	}
	return pool[g.rng.IntN(len(pool))]
}

func (g *gen) constant(typ trace.Type) trace.Ref {
	switch typ {
	case trace.Float:
		if g.rng.IntN(2) == 0 {
			return g.t.ConstFloat(interestingFloats[g.rng.IntN(len(interestingFloats))])
		}
		return g.t.ConstFloat(g.rng.NormFloat64() * 100)
	case trace.Ptr:
		return g.t.ConstPtr(nil)
	}
	if g.rng.IntN(2) == 0 {
		return g.t.ConstInt(interestingInts[g.rng.IntN(len(interestingInts))])
	}
	return g.t.ConstInt(g.rng.Int64N(2001) - 1000)
}

func (g *gen) emit(opcode trace.Opcode, args ...trace.Ref) trace.Ref {
	return g.define(g.t.Emit(opcode, opcode.Info().Result, args...))
}

var (
	intBinary   = []trace.Opcode{trace.OpIntAdd, trace.OpIntSub, trace.OpIntMul, trace.OpIntAnd, trace.OpIntOr, trace.OpIntXor, trace.OpIntLshift, trace.OpIntRshift, trace.OpIntUrshift}
	intUnary    = []trace.Opcode{trace.OpIntNeg, trace.OpIntInvert, trace.OpIntIsTrue, trace.OpIntIsZero}
	intCompare  = []trace.Opcode{trace.OpIntLt, trace.OpIntLe, trace.OpIntEq, trace.OpIntNe, trace.OpIntGt, trace.OpIntGe, trace.OpUintLt, trace.OpUintGe}
	intOvf      = []trace.Opcode{trace.OpIntAddOvf, trace.OpIntSubOvf, trace.OpIntMulOvf}
	floatBinary = []trace.Opcode{trace.OpFloatAdd, trace.OpFloatSub, trace.OpFloatMul, trace.OpFloatTrueDiv}
	floatUnary  = []trace.Opcode{trace.OpFloatNeg, trace.OpFloatAbs, trace.OpFloatSqrt}
	floatCmp    = []trace.Opcode{trace.OpFloatLt, trace.OpFloatLe, trace.OpFloatEq, trace.OpFloatNe, trace.OpFloatGt, trace.OpFloatGe}
)

func pick(rng *rand.Rand, ops []trace.Opcode) trace.Opcode { return ops[rng.IntN(len(ops))] }

// body emits about n random ops.
func (g *gen) body(n int) {
	o := g.opts
	for start := len(g.t.Ops); len(g.t.Ops)-start < n; {
		g.pc++
		switch r := g.rng.IntN(20); {
		case r < 5:
			g.emit(pick(g.rng, intBinary), g.value(trace.Int, true), g.value(trace.Int, true))
		case r < 7:
			g.emit(pick(g.rng, intUnary), g.value(trace.Int, false))
		case r < 9:
			g.emit(pick(g.rng, intCompare), g.value(trace.Int, true), g.value(trace.Int, true))
		case r == 9:
			// Division by a divisor kept in [2, 129] or [-129, -2]: defined for every dividend.
			d := g.emit(trace.OpIntAnd, g.value(trace.Int, false), g.t.ConstInt(127))
			d = g.emit(trace.OpIntAdd, d, g.t.ConstInt(2))
			if g.rng.IntN(2) == 0 {
				d = g.emit(trace.OpIntNeg, d)
			}
			op := trace.OpIntFloorDiv
			if g.rng.IntN(2) == 0 {
				op = trace.OpIntMod
			}
			g.emit(op, g.value(trace.Int, true), d)
		case r == 10 && o.Guards:
			op := pick(g.rng, intOvf)
			g.emit(op, g.value(trace.Int, true), g.value(trace.Int, true))
			if g.rng.IntN(4) == 0 {
				g.guard(trace.OpGuardOverflow)
			} else {
				g.guard(trace.OpGuardNoOverflow)
			}
		case r == 11 && o.Guards:
			c := g.emit(pick(g.rng, intCompare), g.value(trace.Int, false), g.value(trace.Int, true))
			if g.rng.IntN(2) == 0 {
				g.guard(trace.OpGuardTrue, c)
			} else {
				g.guard(trace.OpGuardFalse, c)
			}
		case r == 12 && o.Guards && g.rng.IntN(4) == 0:
			if o.Floats && g.rng.IntN(2) == 0 {
				g.guard(trace.OpGuardValue, g.value(trace.Float, false), g.constant(trace.Float))
			} else {
				g.guard(trace.OpGuardValue, g.value(trace.Int, false), g.constant(trace.Int))
			}
		case r == 13 && o.Floats:
			g.emit(pick(g.rng, floatBinary), g.value(trace.Float, true), g.value(trace.Float, true))
		case r == 14 && o.Floats:
			g.emit(pick(g.rng, floatUnary), g.value(trace.Float, false))
		case r == 15 && o.Floats:
			g.emit(pick(g.rng, floatCmp), g.value(trace.Float, true), g.value(trace.Float, true))
		case r == 16 && o.Floats:
			if g.rng.IntN(2) == 0 {
				g.emit(trace.OpCastIntToFloat, g.value(trace.Int, false))
			} else {
				g.emit(trace.OpCastFloatToInt, g.value(trace.Float, false))
			}
		case r == 17 && o.Ptrs:
			switch g.rng.IntN(3) {
			case 0:
				g.emit(trace.OpPtrEq, g.value(trace.Ptr, true), g.value(trace.Ptr, true))
			case 1:
				g.emit(trace.OpPtrNe, g.value(trace.Ptr, true), g.value(trace.Ptr, false))
			default:
				if o.Guards {
					op := trace.OpGuardNonnull
					if g.rng.IntN(3) == 0 {
						op = trace.OpGuardIsnull
					}
					g.guard(op, g.value(trace.Ptr, false))
				}
			}
		case r == 18 && o.Calls:
			g.call()
		}
	}
}

// call emits one of the residual calls that fit the values available.
func (g *gen) call() {
	t := g.t
	switch g.rng.IntN(5) {
	case 0:
		g.define(t.EmitCall(CallMix, -1, g.value(trace.Int, true), g.value(trace.Int, true)))
	case 1:
		if g.opts.Guards {
			g.define(t.EmitCall(CallHalf, g.snapshot(), g.value(trace.Int, false)))
		}
	case 2:
		if g.opts.Floats {
			g.define(t.EmitCall(CallScale, -1, g.value(trace.Float, true), g.value(trace.Int, true)))
		}
	case 3:
		if g.opts.Ptrs && len(g.ptrs) > 0 {
			g.define(t.EmitCall(CallPick, -1, g.value(trace.Ptr, true), g.value(trace.Ptr, true), g.value(trace.Int, true)))
		}
	default:
		t.EmitCall(CallSink, -1, g.value(trace.Int, true))
	}
}

// guard emits a guard with a fresh snapshot.
func (g *gen) guard(opcode trace.Opcode, args ...trace.Ref) {
	g.t.EmitGuard(opcode, g.snapshot(), args...)
}

// snapshot makes a snapshot naming some of the values defined so far: a frame, and sometimes
// an inlined frame inside it.
func (g *gen) snapshot() int32 {
	s := trace.Snapshot{Frames: []trace.SnapFrame{{Code: g.code, PC: g.pc, Slots: g.slots()}}}
	if g.rng.IntN(3) == 0 {
		s.Frames = append(s.Frames, trace.SnapFrame{Code: g.code + 1, PC: int32(g.rng.IntN(50)), Slots: g.slots(), Inlined: true})
	}
	return g.t.AddSnapshot(s)
}

func (g *gen) slots() []trace.SnapSlot {
	var slots []trace.SnapSlot
	for k := int32(0); k < int32(g.rng.IntN(6)); k++ {
		typ, tag := trace.Int, TagInt
		switch r := g.rng.IntN(4); {
		case r == 0 && len(g.floats) > 0:
			typ, tag = trace.Float, TagFloat
		case r == 1 && len(g.ptrs) > 0:
			typ, tag = trace.Ptr, TagPtr
		}
		slots = append(slots, trace.SnapSlot{Index: k, Ref: g.value(typ, true), Tag: tag})
	}
	return slots
}

// results picks the values a finish returns.
func (g *gen) results() []trace.Ref {
	var out []trace.Ref
	for k := g.rng.IntN(4); k >= 0; k-- {
		typ := trace.Int
		switch r := g.rng.IntN(3); {
		case r == 0 && len(g.floats) > 0:
			typ = trace.Float
		case r == 1 && len(g.ptrs) > 0:
			typ = trace.Ptr
		}
		out = append(out, g.value(typ, true))
	}
	return out
}

// RandomInputs returns random input values for t, edge cases often: ints[k] for Int and Float
// inputs, ptrs[k] (one of Objects, or nil) for Ptr inputs, as backend.Loop.Run takes them.
func RandomInputs(rng *rand.Rand, t *trace.Trace) ([]uint64, []unsafe.Pointer) {
	in := t.Inputs()
	ints := make([]uint64, len(in))
	ptrs := make([]unsafe.Pointer, len(in))
	for k, r := range in {
		switch t.TypeOf(r) {
		case trace.Int:
			if rng.IntN(2) == 0 {
				ints[k] = uint64(interestingInts[rng.IntN(len(interestingInts))])
			} else {
				ints[k] = uint64(rng.Int64N(200) - 100)
			}
		case trace.Float:
			if rng.IntN(2) == 0 {
				ints[k] = math.Float64bits(interestingFloats[rng.IntN(len(interestingFloats))])
			} else {
				ints[k] = math.Float64bits(rng.NormFloat64() * 1000)
			}
		case trace.Ptr:
			if n := rng.IntN(len(Objects) + 1); n < len(Objects) {
				ptrs[k] = Objects[n]
			}
		}
	}
	return ints, ptrs
}

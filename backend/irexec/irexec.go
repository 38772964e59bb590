// Package irexec is metajit's portable backend: it executes a trace by interpreting its IR,
// op by op, in Go. It is the reference semantics of the IR (every native backend is tested
// against it, op by op and on random traces), the backend used on architectures without a
// native one, and the way the tracing core was settled before any machine code existed. PyPy
// has the same thing in its LLGraph backend (rpython/jit/backend/llgraph), which runs traces
// on the llinterpreter for tests.
//
// Compile pre-decodes the trace into a compact slice of instructions whose operands are
// register numbers, so that running it is a loop over a switch with no allocation per op or
// per iteration. The register file is the Exit's value arrays (backend.Exit.Vals and Ptrs),
// indexed by op index, which is how an exit makes the values of its snapshot available
// without copying anything; constants sit after the ops in the same file.
//
// # Semantics
//
// The IR's semantics, as executed here (and required of every backend; the arithmetic is
// shared with the optimizer's constant folding through trace.Eval and its helpers):
//   - int ops wrap (two's complement); int_*_ovf also set the overflow flag that the
//     guard_no_overflow/guard_overflow right after them tests, computed with math/bits;
//   - shifts use the count modulo 64 (count & 63), as amd64 and arm64 shift instructions do:
//     int_lshift(x, 64) is x. Guests with other rules (Python raises on negative counts and
//     grows ints) must guard the count first;
//   - int_floordiv and int_mod round toward negative infinity, as Python's // and %. The
//     recorder guards that the divisor is not 0 and that the operands are not (MinInt64, -1);
//     for those operands the result is unspecified (irexec gives 0 for a zero divisor, and
//     MinInt64 and 0 for MinInt64 // -1 and MinInt64 % -1), but it never traps;
//   - floats are IEEE 754: float_eq is false when an operand is NaN, float_ne true; x/0 is
//     ±inf or NaN; float_neg flips and float_abs clears the sign bit (also of NaNs); the
//     payload of a NaN computed at run time is unspecified (it differs between CPUs);
//   - cast_float_to_int truncates toward zero and saturates: NaN gives 0, values beyond the
//     int64 range give MinInt64 or MaxInt64;
//   - guard_value compares bit for bit (so 0.0 and -0.0 differ, and a NaN equals only the
//     same NaN), pointers by address;
//   - loads and stores access memory at the descriptor's offsets with no check: the trace's
//     guards (guard_nonnull, bounds checks with uint_lt) must make them safe;
//   - a residual call calls the descriptor's Fn; when it reports failure, the trace leaves
//     through the call's snapshot, as a guard would.
package irexec

import (
	"fmt"
	"math"
	"sync/atomic"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/trace"
)

// Backend is the IR-interpreting backend. Its zero value is ready to use.
type Backend struct{}

// New returns the irexec backend.
func New() *Backend { return &Backend{} }

// Name returns "irexec".
func (*Backend) Name() string { return "irexec" }

// Compile validates the trace and pre-decodes it into a Loop.
func (*Backend) Compile(t *trace.Trace) (backend.Loop, error) {
	if err := trace.Validate(t); err != nil {
		return nil, err
	}
	return compile(t), nil
}

// insn is one pre-decoded instruction. Operands are register numbers: op i's result is
// register i, constant k is register len(Ops)+k.
type insn struct {
	opcode trace.Opcode
	size   uint8 // memory ops: bytes accessed
	signed bool  // memory ops: sign-extend loads
	isPtr  bool  // guard_value: compare pointers
	dst    int32 // result register (the op's own index)
	a, b   int32 // operand registers
	c      int32 // third operand register (setarrayitem's value)
	op     int32 // index of the op in the trace, reported at exits
	snap   int32 // snapshot of guards and failing calls
	aux    int32 // index into Loop.calls or Loop.allocs
	off    int   // memory ops: field offset, or array base offset
	scale  int   // array ops: item size
}

// callSite is a residual call, decoded.
type callSite struct {
	descr *trace.CallDescr
	args  []int32 // argument registers
	ptr   []bool  // whether argument k is a Ptr
}

// move copies one register to another on the back-edge.
type move struct {
	dst, src int32
	ptr      bool
}

// Loop is a trace compiled by irexec.
type Loop struct {
	t         *trace.Trace
	code      []insn
	loopStart int    // the instruction a jump goes back to: after the label or the inputs
	moves     []move // the jump's parallel assignment to the label's arguments, sequentialized
	calls     []callSite
	allocs    []*trace.AllocDescr
	nops      int      // len(t.Ops): where the constants start in the register file
	nregs     int      // ops + constants + scratch registers for the jump
	constVals []uint64 // the constants' bits, copied into the register file on entry
	constPtrs []unsafe.Pointer
	inputs    []trace.Type // the types of the inputs, in order
	maxArgs   int          // the most arguments any call takes
	exits     []atomic.Uint64
	spare     atomic.Pointer[callState] // a call-argument block to reuse (see Run)
}

// callState is the CallArgs block of one run. Each run needs its own, because a residual call
// may re-enter the interpreter and run the same loop again before it returns.
type callState struct {
	args trace.CallArgs
}

func compile(t *trace.Trace) *Loop {
	l := &Loop{t: t, nops: len(t.Ops), exits: make([]atomic.Uint64, len(t.Ops))}
	reg := func(r trace.Ref) int32 {
		if r >= 0 {
			return int32(r)
		}
		return int32(l.nops + r.ConstIndex())
	}
	for _, c := range t.Consts {
		l.constVals = append(l.constVals, c.Bits)
		l.constPtrs = append(l.constPtrs, c.Ptr)
	}
	l.nregs = len(t.Ops) + len(t.Consts)

	var target []trace.Ref // the label's arguments, or the inputs when there is no label
	for i := range t.Ops {
		op := &t.Ops[i]
		in := insn{opcode: op.Opcode, dst: int32(i), op: int32(i), snap: op.Snap}
		if len(op.Args) > 0 {
			in.a = reg(op.Args[0])
		}
		if len(op.Args) > 1 {
			in.b = reg(op.Args[1])
		}
		if len(op.Args) > 2 {
			in.c = reg(op.Args[2])
		}
		switch op.Opcode {
		case trace.OpInput:
			l.inputs = append(l.inputs, op.Type)
			target = append(target, trace.Ref(i))
			l.loopStart = 0
			continue // inputs are stored by Run
		case trace.OpLabel:
			target = op.Args
			l.loopStart = len(l.code)
			continue
		case trace.OpDebugMergePoint, trace.OpRecordKnownField:
			continue
		case trace.OpJump:
			l.moves = l.jumpMoves(target, op.Args, reg)
		case trace.OpGuardValue:
			in.isPtr = t.TypeOf(op.Args[0]) == trace.Ptr
		case trace.OpGetfieldI, trace.OpGetfieldF, trace.OpGetfieldR, trace.OpSetfield:
			d := op.Descr.(*trace.FieldDescr)
			in.off, in.size, in.signed = int(d.Offset), d.Size, d.Signed
		case trace.OpGetarrayitemI, trace.OpGetarrayitemF, trace.OpGetarrayitemR, trace.OpSetarrayitem:
			d := op.Descr.(*trace.ArrayDescr)
			in.off, in.scale, in.size, in.signed = int(d.BaseOffset), int(d.ItemSize), d.AccessSize(), d.Signed
		case trace.OpCallI, trace.OpCallF, trace.OpCallR, trace.OpCallN:
			cs := callSite{descr: op.Descr.(*trace.CallDescr)}
			for _, a := range op.Args {
				cs.args = append(cs.args, reg(a))
				cs.ptr = append(cs.ptr, t.TypeOf(a) == trace.Ptr)
			}
			in.aux = int32(len(l.calls))
			l.calls = append(l.calls, cs)
			l.maxArgs = max(l.maxArgs, len(op.Args))
		case trace.OpNew:
			in.aux = int32(len(l.allocs))
			l.allocs = append(l.allocs, op.Descr.(*trace.AllocDescr))
		}
		l.code = append(l.code, in)
	}
	return l
}

// jumpMoves turns the jump's parallel assignment target[k] = args[k] into a sequence of
// register moves. When no move overwrites a register that a later move still reads, the
// moves go directly; otherwise (jump(i2, i1) to label(i1, i2), a swap) every value goes
// through a scratch register first.
func (l *Loop) jumpMoves(target, args []trace.Ref, reg func(trace.Ref) int32) []move {
	var moves []move
	conflict := false
	written := map[int32]bool{}
	for k := range args {
		dst, src := reg(target[k]), reg(args[k])
		if written[src] {
			conflict = true
		}
		written[dst] = true
		if dst != src {
			moves = append(moves, move{dst: dst, src: src, ptr: l.t.TypeOf(target[k]) == trace.Ptr})
		}
	}
	if !conflict {
		return moves
	}
	moves = moves[:0]
	scratch := int32(l.nregs)
	l.nregs += len(args)
	for k := range args {
		moves = append(moves, move{dst: scratch + int32(k), src: reg(args[k]), ptr: l.t.TypeOf(target[k]) == trace.Ptr})
	}
	for k := range args {
		moves = append(moves, move{dst: reg(target[k]), src: scratch + int32(k), ptr: l.t.TypeOf(target[k]) == trace.Ptr})
	}
	return moves
}

// Trace returns the trace the loop was compiled from.
func (l *Loop) Trace() *trace.Trace { return l.t }

// CodeSize returns the size of the pre-decoded instructions.
func (l *Loop) CodeSize() int { return len(l.code) * int(unsafe.Sizeof(insn{})) }

// Exits returns how many runs left the trace at op.
func (l *Loop) Exits(op int) uint64 {
	if op < 0 || op >= len(l.exits) {
		return 0
	}
	return l.exits[op].Load()
}

func (l *Loop) newCallState() *callState {
	return &callState{args: trace.CallArgs{
		Ints: make([]uint64, l.maxArgs),
		Ptrs: make([]unsafe.Pointer, l.maxArgs),
	}}
}

func f64(b uint64) float64 { return math.Float64frombits(b) }
func b64(f float64) uint64 { return math.Float64bits(f) }

// b2u turns a comparison into the IR's 0 or 1.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// Run executes the trace until a guard fails or it finishes (see backend.Loop).
func (l *Loop) Run(ints []uint64, ptrs []unsafe.Pointer, exit *backend.Exit) {
	vals, pvals := exit.Prepare(l.t, l.nregs)
	copy(vals[l.nops:], l.constVals)
	copy(pvals[l.nops:], l.constPtrs)
	for k, typ := range l.inputs {
		if typ == trace.Ptr {
			pvals[k] = ptrs[k]
		} else {
			vals[k] = ints[k]
		}
	}
	var cs *callState
	if len(l.calls) > 0 {
		if cs = l.spare.Swap(nil); cs == nil {
			cs = l.newCallState()
		}
		defer l.spare.Store(cs)
	}

	code := l.code
	overflow := false // set by int_*_ovf, tested by the guard right after it
	for pc := 0; pc < len(code); pc++ {
		in := &code[pc]
		a, b := vals[in.a], vals[in.b]
		switch in.opcode {
		// Integer arithmetic.
		case trace.OpIntAdd:
			vals[in.dst] = a + b
		case trace.OpIntSub:
			vals[in.dst] = a - b
		case trace.OpIntMul:
			vals[in.dst] = a * b
		case trace.OpIntAnd:
			vals[in.dst] = a & b
		case trace.OpIntOr:
			vals[in.dst] = a | b
		case trace.OpIntXor:
			vals[in.dst] = a ^ b
		case trace.OpIntLshift:
			vals[in.dst] = a << (b & 63)
		case trace.OpIntRshift:
			vals[in.dst] = uint64(int64(a) >> (b & 63))
		case trace.OpIntUrshift:
			vals[in.dst] = a >> (b & 63)
		case trace.OpIntNeg:
			vals[in.dst] = -a
		case trace.OpIntInvert:
			vals[in.dst] = ^a
		case trace.OpIntFloorDiv:
			vals[in.dst] = uint64(trace.FloorDiv(int64(a), int64(b)))
		case trace.OpIntMod:
			vals[in.dst] = uint64(trace.FloorMod(int64(a), int64(b)))
		case trace.OpIntAddOvf:
			var r int64
			r, overflow = trace.AddOvf(int64(a), int64(b))
			vals[in.dst] = uint64(r)
		case trace.OpIntSubOvf:
			var r int64
			r, overflow = trace.SubOvf(int64(a), int64(b))
			vals[in.dst] = uint64(r)
		case trace.OpIntMulOvf:
			var r int64
			r, overflow = trace.MulOvf(int64(a), int64(b))
			vals[in.dst] = uint64(r)

		// Integer comparisons.
		case trace.OpIntLt:
			vals[in.dst] = b2u(int64(a) < int64(b))
		case trace.OpIntLe:
			vals[in.dst] = b2u(int64(a) <= int64(b))
		case trace.OpIntEq:
			vals[in.dst] = b2u(a == b)
		case trace.OpIntNe:
			vals[in.dst] = b2u(a != b)
		case trace.OpIntGt:
			vals[in.dst] = b2u(int64(a) > int64(b))
		case trace.OpIntGe:
			vals[in.dst] = b2u(int64(a) >= int64(b))
		case trace.OpUintLt:
			vals[in.dst] = b2u(a < b)
		case trace.OpUintGe:
			vals[in.dst] = b2u(a >= b)
		case trace.OpIntIsTrue:
			vals[in.dst] = b2u(a != 0)
		case trace.OpIntIsZero:
			vals[in.dst] = b2u(a == 0)

		// Floats.
		case trace.OpFloatAdd:
			vals[in.dst] = b64(f64(a) + f64(b))
		case trace.OpFloatSub:
			vals[in.dst] = b64(f64(a) - f64(b))
		case trace.OpFloatMul:
			vals[in.dst] = b64(f64(a) * f64(b))
		case trace.OpFloatTrueDiv:
			vals[in.dst] = b64(f64(a) / f64(b))
		case trace.OpFloatNeg:
			vals[in.dst] = a ^ (1 << 63)
		case trace.OpFloatAbs:
			vals[in.dst] = a &^ (1 << 63)
		case trace.OpFloatSqrt:
			vals[in.dst] = b64(math.Sqrt(f64(a)))
		case trace.OpFloatLt:
			vals[in.dst] = b2u(f64(a) < f64(b))
		case trace.OpFloatLe:
			vals[in.dst] = b2u(f64(a) <= f64(b))
		case trace.OpFloatEq:
			vals[in.dst] = b2u(f64(a) == f64(b))
		case trace.OpFloatNe:
			vals[in.dst] = b2u(f64(a) != f64(b))
		case trace.OpFloatGt:
			vals[in.dst] = b2u(f64(a) > f64(b))
		case trace.OpFloatGe:
			vals[in.dst] = b2u(f64(a) >= f64(b))
		case trace.OpCastIntToFloat:
			vals[in.dst] = b64(float64(int64(a)))
		case trace.OpCastFloatToInt:
			vals[in.dst] = uint64(trace.FloatToInt(f64(a)))

		// Pointers.
		case trace.OpPtrEq:
			vals[in.dst] = b2u(pvals[in.a] == pvals[in.b])
		case trace.OpPtrNe:
			vals[in.dst] = b2u(pvals[in.a] != pvals[in.b])

		// Guards: leave through the snapshot when the condition does not hold.
		case trace.OpGuardTrue:
			if a == 0 {
				l.leave(exit, in)
				return
			}
		case trace.OpGuardFalse:
			if a != 0 {
				l.leave(exit, in)
				return
			}
		case trace.OpGuardValue:
			if in.isPtr && pvals[in.a] != pvals[in.b] || !in.isPtr && a != b {
				l.leave(exit, in)
				return
			}
		case trace.OpGuardNoOverflow:
			if overflow {
				l.leave(exit, in)
				return
			}
		case trace.OpGuardOverflow:
			if !overflow {
				l.leave(exit, in)
				return
			}
		case trace.OpGuardNonnull:
			if pvals[in.a] == nil {
				l.leave(exit, in)
				return
			}
		case trace.OpGuardIsnull:
			if pvals[in.a] != nil {
				l.leave(exit, in)
				return
			}

		// Memory.
		case trace.OpGetfieldI, trace.OpGetfieldF:
			vals[in.dst] = load(unsafe.Add(pvals[in.a], in.off), in.size, in.signed)
		case trace.OpGetfieldR:
			pvals[in.dst] = *(*unsafe.Pointer)(unsafe.Add(pvals[in.a], in.off))
		case trace.OpSetfield:
			store(unsafe.Add(pvals[in.a], in.off), in.size, b)
		case trace.OpGetarrayitemI, trace.OpGetarrayitemF:
			vals[in.dst] = load(unsafe.Add(pvals[in.a], in.off+int(int64(b))*in.scale), in.size, in.signed)
		case trace.OpGetarrayitemR:
			pvals[in.dst] = *(*unsafe.Pointer)(unsafe.Add(pvals[in.a], in.off+int(int64(b))*in.scale))
		case trace.OpSetarrayitem:
			store(unsafe.Add(pvals[in.a], in.off+int(int64(b))*in.scale), in.size, vals[in.c])

		// Calls and allocation.
		case trace.OpCallI, trace.OpCallF, trace.OpCallR, trace.OpCallN:
			if !l.call(in, cs, vals, pvals) {
				l.leave(exit, in)
				return
			}
		case trace.OpNew:
			pvals[in.dst] = l.allocs[in.aux].New()

		// The end.
		case trace.OpJump:
			for _, m := range l.moves {
				if m.ptr {
					pvals[m.dst] = pvals[m.src]
				} else {
					vals[m.dst] = vals[m.src]
				}
			}
			pc = l.loopStart - 1 // the loop's pc++ makes it loopStart
		case trace.OpFinish:
			l.leave(exit, in)
			return
		default:
			panic(fmt.Sprintf("irexec: opcode %v not executable", in.opcode))
		}
	}
	panic("irexec: ran off the end of the trace") // Validate makes this impossible
}

// leave records the exit at instruction in.
func (l *Loop) leave(exit *backend.Exit, in *insn) {
	exit.Op, exit.Snap = int(in.op), in.snap
	l.exits[in.op].Add(1)
}

// call performs a residual call and reports whether it succeeded.
func (l *Loop) call(in *insn, cs *callState, vals []uint64, pvals []unsafe.Pointer) bool {
	site := &l.calls[in.aux]
	ca := &cs.args
	for k, r := range site.args {
		if site.ptr[k] {
			ca.Ptrs[k] = pvals[r]
		} else {
			ca.Ints[k] = vals[r]
		}
	}
	ca.Result, ca.PtrResult = 0, nil
	ok := site.descr.Fn(ca)
	for k := range site.args {
		ca.Ptrs[k] = nil // do not keep the arguments alive
	}
	if !ok {
		if !site.descr.CanFail {
			panic(fmt.Sprintf("irexec: call <%s> reported failure, but its descr does not say CanFail", site.descr.Name))
		}
		return false
	}
	switch in.opcode {
	case trace.OpCallR:
		pvals[in.dst] = ca.PtrResult
		ca.PtrResult = nil
	case trace.OpCallI, trace.OpCallF:
		vals[in.dst] = ca.Result
	}
	return true
}

// load reads size bytes at p, sign- or zero-extended to 64 bits.
func load(p unsafe.Pointer, size uint8, signed bool) uint64 {
	switch size {
	case 1:
		if signed {
			return uint64(int64(*(*int8)(p)))
		}
		return uint64(*(*uint8)(p))
	case 2:
		if signed {
			return uint64(int64(*(*int16)(p)))
		}
		return uint64(*(*uint16)(p))
	case 4:
		if signed {
			return uint64(int64(*(*int32)(p)))
		}
		return uint64(*(*uint32)(p))
	}
	return *(*uint64)(p)
}

// store writes the low size bytes of v at p.
func store(p unsafe.Pointer, size uint8, v uint64) {
	switch size {
	case 1:
		*(*uint8)(p) = uint8(v)
	case 2:
		*(*uint16)(p) = uint16(v)
	case 4:
		*(*uint32)(p) = uint32(v)
	default:
		*(*uint64)(p) = v
	}
}

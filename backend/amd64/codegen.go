//go:build amd64 && unix

package amd64

import (
	"github.com/metajit/metajit/backend/internal/machine"

	"fmt"
	"math"
	"unsafe"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"

	"github.com/metajit/metajit/trace"
)

// The code generator: one pass over the trace, op by op, as LuaJIT's lj_asm.c and PyPy's
// backend/x86/assembler.py (genop_*) do, with the register allocator of regalloc.go deciding
// where values are. The code is laid out as
//
//	entry:     the ops before the loop head (inputs are in their homes, put there by Go)
//	head:      the loop body (or the rest of a trace that finishes)
//	           jump: the parallel move to the head state, the back-edge counter, JGT head
//	           yield: store the head state, return yieldCode
//	reentry:   load the head state, JMP head
//	stubs:     one per guard: store the snapshot's values that are in registers, return the
//	           guard's op index
//
// Every exit is a RET to the trampoline with a code in AX: the index of the op that left (a
// guard, the finish), or of the residual call or new that Go must perform before entering
// the code again at the op's continuation, or yieldCode.

// yieldCode is the exit code of a loop that yields to Go at its back-edge (see loop.go).
const yieldCode = 0xffff_ffff

// compileError reports an op the backend cannot compile; generate recovers it.
type compileError struct{ msg string }

// gen is the state of the compilation of one trace.
type gen struct {
	t    *trace.Trace
	a    *assembler
	ra   *allocator
	vals []value
	l    *Loop

	// fusedOp is a comparison whose result was left in the flags for the guard right
	// after it (the comparison's only use), fusedCond the condition meaning "true".
	fusedOp   int
	fusedCond cond
	known     *constStore // the fused result the current guard's stub stores, if any

	loops     bool        // the trace ends with a jump
	headPos   int         // the op the loop head is before: the label, or the first op after the inputs
	bodyStart int         // the first op of the loop body
	headArgs  []trace.Ref // the label's arguments, or the inputs
	jumpPos   int
	head      *obj.Prog
	reentry   *obj.Prog // where Go enters a loop again after a yield
	yieldGlue *obj.Prog // where the back-edge goes when the budget is out (bridges too)
	headState []headEntry

	stubs []stub
	conts map[int]*obj.Prog // per residual call or new: where Go re-enters after doing it

	nv, np int32       // the area's slots used once this trace is compiled (bridge.go)
	bridge *bridgeSpec // set when the trace is a bridge
	piece  int         // the trace's number in its tree, in its exit codes
}

// headEntry is the place of one live-in value at the loop head (machine.HeadEntry).
type headEntry = machine.HeadEntry

// stub is the out-of-line exit of one guard.
type stub struct {
	op     int
	label  *obj.Prog
	stores []homeStore
	known  *constStore // a fused comparison's result, known at the exit
	branch *obj.Prog   // the first byte of the guard's branch to the stub
	tail   *obj.Prog   // the stub's exit to Go, where its exit table entry first points
}

func (g *gen) fail(format string, args ...any) {
	panic(compileError{fmt.Sprintf(format, args...)})
}

// generate emits the whole trace and assembles it.
func (g *gen) generate() (code []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			ce, ok := r.(compileError)
			if !ok {
				panic(r)
			}
			err = fmt.Errorf("amd64: %s", ce.msg)
		}
	}()
	a, err := newAssembler(8*len(g.t.Ops) + 64)
	if err != nil {
		return nil, err
	}
	g.a = a
	g.ra = machine.NewAllocator("amd64", g.t, g, g.vals, allocOrder)
	g.fusedOp = -1
	g.conts = map[int]*obj.Prog{}
	for i := range g.t.Ops {
		g.ra.Pos = i
		a.cur = regionGlue
		if g.loops && i == g.headPos {
			g.enterLoop()
		}
		a.cur = i
		a.place(a.newLabel()) // marks where op i starts, even when it emits nothing
		g.op(i)
		g.ra.EndOp(i)
	}
	for k := range g.stubs {
		s := &g.stubs[k]
		a.cur = stubRegion(s.op)
		a.place(s.label)
		for _, st := range s.stores {
			g.StoreHome(st.Class, st.Reg, st.Home)
		}
		if s.known != nil {
			g.a.ins(x86.AMOVQ, immOp(s.known.Bits), ctxMem(s.known.Home))
		}
		// Go on where the exit table says: the exit to Go just below, or a bridge.
		g.a.ins(x86.AMOVQ, immOp(int64(uintptr(unsafe.Pointer(&g.l.exitTable[s.op])))), rOp(gp(r11)))
		g.a.ins(x86.AMOVQ, memOp(gp(r11), 0), rOp(gp(r11)))
		g.a.ins(obj.AJMP, obj.Addr{}, rOp(gp(r11)))
		s.tail = g.a.newLabel()
		g.a.place(s.tail)
		g.exitWith(g.exitCode(s.op))
	}
	code, err = a.assemble()
	if err != nil {
		return nil, err
	}
	for _, s := range g.stubs {
		g.l.guardJumps[s.op] = int(s.branch.Pc)
		g.l.exitTails[s.op] = int(s.tail.Pc)
	}
	for op, p := range g.conts {
		g.l.contOff[op] = int(p.Pc)
	}
	if g.loops {
		g.l.reentryOff = int(g.reentry.Pc)
		g.l.headOff, g.l.yieldOff = int(g.head.Pc), int(g.yieldGlue.Pc)
		g.l.head = g.headState
	}
	for k, p := range a.progs {
		g.l.regions = append(g.l.regions, machine.Region{Off: int(p.Pc), Owner: a.owner[k]})
	}
	return code, nil
}

// Region owners other than op indices, for Disassemble.
const regionGlue = machine.Glue // the loop head's loads, the yield and the re-entry

func stubRegion(op int) int { return machine.StubOf(op) }

// Moves between registers, homes and constants.

func (g *gen) StoreHome(c class, r reg, off int32) {
	if c == xmm {
		g.a.ins(x86.AMOVSD, rOp(xr(r)), ctxMem(off))
	} else {
		g.a.ins(x86.AMOVQ, rOp(gp(r)), ctxMem(off))
	}
}

func (g *gen) LoadHome(c class, r reg, off int32) {
	if c == xmm {
		g.a.ins(x86.AMOVSD, ctxMem(off), rOp(xr(r)))
	} else {
		g.a.ins(x86.AMOVQ, ctxMem(off), rOp(gp(r)))
	}
}

func (g *gen) MoveReg(c class, dst, src reg) {
	switch {
	case dst == src:
	case c == xmm:
		g.a.ins(x86.AMOVAPD, rOp(xr(src)), rOp(xr(dst)))
	default:
		g.a.ins(x86.AMOVQ, rOp(gp(src)), rOp(gp(dst)))
	}
}

// loadConst puts constant bits into a register. It never changes the flags (no XOR for
// general-purpose registers), so it may sit between a comparison and its branch. Floats go
// through R11: x86 has no floating-point immediates.
func (g *gen) LoadConst(c class, r reg, bits uint64) {
	switch {
	case c == gpr:
		g.a.ins(x86.AMOVQ, immOp(int64(bits)), rOp(gp(r)))
	case bits == 0:
		g.a.ins(x86.AXORPS, rOp(xr(r)), rOp(xr(r)))
	default:
		g.a.ins(x86.AMOVQ, immOp(int64(bits)), rOp(gp(r11)))
		g.a.ins(x86.AMOVQ, rOp(gp(r11)), rOp(xr(r)))
	}
}

// moveValue copies ref (an op result or a constant) into register dst.
func (g *gen) moveValue(c class, dst reg, ref trace.Ref) {
	if ref < 0 {
		g.LoadConst(c, dst, constBits(g.t.ConstValue(ref)))
		return
	}
	v := &g.vals[ref]
	switch {
	case v.Reg != noReg:
		g.MoveReg(c, dst, v.Reg)
	case v.InMem:
		g.LoadHome(c, dst, v.Home)
	default:
		g.fail("op %d: value %d is neither in a register nor in memory", g.ra.Pos, ref)
	}
}

// exitWith returns to Go with an exit code.
// exitCode is the exit code of op i of this trace: the op index, and the trace's number in
// its tree above opBits.
func (g *gen) exitCode(i int) uint32 { return uint32(g.piece<<opBits | i) }

func (g *gen) exitWith(code uint32) {
	g.a.ins(x86.AMOVL, immOp(int64(int32(code))), rOp(gp(rAX)))
	g.a.ins(obj.ARET, obj.Addr{}, obj.Addr{})
}

// imm32 returns ref as a sign-extended 32-bit immediate, when it is an int constant that fits
// or the null pointer.
func (g *gen) imm32(ref trace.Ref) (int64, bool) {
	if ref >= 0 {
		return 0, false
	}
	k := g.t.ConstValue(ref)
	switch k.Type {
	case trace.Int:
		v := int64(k.Bits)
		return v, v == int64(int32(v))
	case trace.Ptr:
		return 0, k.Ptr == nil
	}
	return 0, false
}

// dies reports whether op ref's value has its last use at the current op.
func (g *gen) dies(ref trace.Ref) bool {
	return ref >= 0 && g.vals[ref].Last == int32(g.ra.Pos)
}

// op emits the code of op i.
func (g *gen) op(i int) {
	op := &g.t.Ops[i]
	switch op.Opcode {
	case trace.OpInput, trace.OpDebugMergePoint, trace.OpLabel, trace.OpRecordKnownField:
		// Inputs are in their homes; the label was handled by enterLoop.
	case trace.OpIntAdd, trace.OpIntSub, trace.OpIntMul, trace.OpIntAnd, trace.OpIntOr, trace.OpIntXor,
		trace.OpIntAddOvf, trace.OpIntSubOvf, trace.OpIntMulOvf:
		g.intArith(i, op)
	case trace.OpIntLshift, trace.OpIntRshift, trace.OpIntUrshift:
		g.shift(i, op)
	case trace.OpIntNeg, trace.OpIntInvert:
		as := x86.ANEGQ
		if op.Opcode == trace.OpIntInvert {
			as = x86.ANOTQ
		}
		dst := g.twoAddress(trace.Ref(i), op.Args[0], 0)
		g.a.ins(as, obj.Addr{}, rOp(gp(dst)))
	case trace.OpIntFloorDiv, trace.OpIntMod:
		g.divMod(i, op)
	case trace.OpIntLt, trace.OpIntLe, trace.OpIntEq, trace.OpIntNe, trace.OpIntGt, trace.OpIntGe,
		trace.OpUintLt, trace.OpUintGe, trace.OpIntIsTrue, trace.OpIntIsZero, trace.OpPtrEq, trace.OpPtrNe,
		trace.OpFloatLt, trace.OpFloatLe, trace.OpFloatEq, trace.OpFloatNe, trace.OpFloatGt, trace.OpFloatGe:
		g.compare(i, op)
	case trace.OpFloatAdd, trace.OpFloatSub, trace.OpFloatMul, trace.OpFloatTrueDiv:
		g.floatArith(i, op)
	case trace.OpFloatNeg, trace.OpFloatAbs:
		g.floatSign(i, op)
	case trace.OpFloatSqrt:
		src := g.ra.InReg(op.Args[0], 0)
		dst := g.ra.ResultReusing(trace.Ref(i), op.Args[0])
		g.a.ins(x86.ASQRTSD, rOp(xr(src)), rOp(xr(dst)))
	case trace.OpCastIntToFloat:
		src := g.ra.InReg(op.Args[0], 0)
		dst := g.ra.Result(trace.Ref(i), 0)
		g.a.ins(x86.AXORPS, rOp(xr(dst)), rOp(xr(dst))) // no dependency on dst's old value
		g.a.ins(x86.ACVTSQ2SD, rOp(gp(src)), rOp(xr(dst)))
	case trace.OpCastFloatToInt:
		g.floatToInt(i, op)
	case trace.OpGuardTrue, trace.OpGuardFalse, trace.OpGuardValue, trace.OpGuardNoOverflow,
		trace.OpGuardOverflow, trace.OpGuardNonnull, trace.OpGuardIsnull:
		g.guard(i, op)
	case trace.OpGetfieldI, trace.OpGetfieldF, trace.OpGetfieldR,
		trace.OpGetarrayitemI, trace.OpGetarrayitemF, trace.OpGetarrayitemR:
		g.load(i, op)
	case trace.OpSetfield, trace.OpSetarrayitem:
		g.store(op)
	case trace.OpCallI, trace.OpCallF, trace.OpCallR, trace.OpCallN, trace.OpNew:
		g.call(i, op)
	case trace.OpJump:
		g.jump(op)
	case trace.OpFinish:
		g.finish(i, op)
	default:
		g.fail("op %d: %s is not supported by the amd64 backend", i, op.Opcode)
	}
}

// Integer arithmetic.

var intArithAs = map[trace.Opcode]obj.As{
	trace.OpIntAdd: x86.AADDQ, trace.OpIntAddOvf: x86.AADDQ, trace.OpIntSub: x86.ASUBQ, trace.OpIntSubOvf: x86.ASUBQ,
	trace.OpIntMul: x86.AIMULQ, trace.OpIntMulOvf: x86.AIMULQ, trace.OpIntAnd: x86.AANDQ, trace.OpIntOr: x86.AORQ,
	trace.OpIntXor: x86.AXORQ,
}

// intArith emits dst = a OP b. The overflow-checked ops are the same instructions: x86 sets
// the overflow flag exactly when the signed result does not fit (IMUL too), and the guard
// that follows branches on it.
func (g *gen) intArith(i int, op *trace.Op) {
	as := intArithAs[op.Opcode]
	a, b := op.Args[0], op.Args[1]
	if op.Opcode.Has(trace.FlagCommutative) {
		// A constant is best second (an immediate); an operand that dies here is best
		// first (the result takes its register).
		if _, ok := g.imm32(a); ok || (g.dies(b) && !g.dies(a)) {
			a, b = b, a
		}
	}
	v := trace.Ref(i)
	if imm, ok := g.imm32(b); ok {
		if op.Opcode == trace.OpIntAnd && g.onlyTestedByNextGuard(i) {
			// x & imm, only tested against 0 by the guard after it: TEST sets the flags
			// the same way and leaves x alone (n % 2 == 0 becomes TEST n, 1; JNZ).
			g.a.ins(x86.ATESTQ, immOp(imm), rOp(gp(g.ra.InReg(a, 0))))
			g.fusedOp, g.fusedCond = i, condNE
			return
		}
		if as == x86.AIMULQ {
			src := g.ra.InReg(a, 0)
			dst := g.ra.ResultReusing(v, a)
			g.a.ins3(x86.AIMUL3Q, immOp(imm), rOp(gp(src)), rOp(gp(dst)))
			return
		}
		dst := g.twoAddress(v, a, 0)
		g.a.ins(as, immOp(imm), rOp(gp(dst)))
		return
	}
	src := g.ra.InReg(b, 0)
	dst := g.twoAddress(v, a, 0)
	g.a.ins(as, rOp(gp(src)), rOp(gp(dst)))
}

// shift emits a shift; x86 shifts of 64-bit registers use the count modulo 64, as the IR
// defines. A variable count must be in CL.
func (g *gen) shift(i int, op *trace.Op) {
	as := map[trace.Opcode]obj.As{trace.OpIntLshift: x86.ASHLQ, trace.OpIntRshift: x86.ASARQ, trace.OpIntUrshift: x86.ASHRQ}[op.Opcode]
	a, b := op.Args[0], op.Args[1]
	v := trace.Ref(i)
	if b < 0 {
		n := int64(g.t.ConstValue(b).Bits & 63)
		dst := g.twoAddress(v, a, 0)
		g.a.ins(as, immOp(n), rOp(gp(dst)))
		return
	}
	g.loadInto(b, rCX, false)
	dst := g.twoAddress(v, a, setOf(rCX))
	g.a.ins(as, rOp(gp(rCX)), rOp(gp(dst)))
}

// divMod emits int_floordiv and int_mod: IDIV, then the fix-up from truncating to flooring
// division (when the remainder is not 0 and its sign differs from the divisor's, the quotient
// goes down by one and the remainder up by the divisor), exactly trace.FloorDiv and
// trace.FloorMod. IDIV traps on a zero divisor and on MinInt64 / -1, which the IR leaves
// unspecified but must not trap: divisors 0 and -1 take a separate path giving FloorDiv's
// values (0; -a and 0).
func (g *gen) divMod(i int, op *trace.Op) {
	a, b := op.Args[0], op.Args[1]
	v := trace.Ref(i)
	floordiv := op.Opcode == trace.OpIntFloorDiv
	constB := b < 0
	if constB {
		switch int64(g.t.ConstValue(b).Bits) {
		case 0:
			dst := g.ra.Result(v, 0)
			g.a.ins(x86.AMOVQ, immOp(0), rOp(gp(dst)))
			return
		case -1:
			if floordiv {
				dst := g.twoAddress(v, a, 0)
				g.a.ins(x86.ANEGQ, obj.Addr{}, rOp(gp(dst)))
			} else {
				dst := g.ra.Result(v, 0)
				g.a.ins(x86.AMOVQ, immOp(0), rOp(gp(dst)))
			}
			return
		}
	}
	rb := g.ra.InReg(b, setOf(rAX, rDX))
	g.loadInto(a, rAX, true)
	g.ra.Take(gpr, rDX)
	A, D, B, R11 := rOp(gp(rAX)), rOp(gp(rDX)), rOp(gp(rb)), rOp(gp(r11))
	special, done := g.a.newLabel(), g.a.newLabel()
	if !constB {
		g.a.ins(x86.ALEAQ, memOp(gp(rb), 1), R11) // b+1 <= 1 unsigned: b is -1 or 0
		g.a.ins(x86.ACMPQ, R11, immOp(1))
		g.a.branch(x86.AJLS, special)
	}
	g.a.ins(x86.ACQO, obj.Addr{}, obj.Addr{})
	g.a.ins(x86.AIDIVQ, B, obj.Addr{}) // AX = quotient, DX = remainder (truncated)
	g.a.ins(x86.ATESTQ, D, D)
	g.a.branch(x86.AJEQ, done)
	g.a.ins(x86.AMOVQ, D, R11)
	g.a.ins(x86.AXORQ, B, R11) // sign of remainder ^ divisor
	g.a.branch(x86.AJGE, done)
	if floordiv {
		g.a.ins(x86.ADECQ, obj.Addr{}, A)
	} else {
		g.a.ins(x86.AADDQ, B, D)
	}
	if !constB {
		g.a.branch(obj.AJMP, done)
		g.a.place(special)
		if floordiv { // AX = a: -a for b == -1, 0 for b == 0
			g.a.ins(x86.ANEGQ, obj.Addr{}, A)
			g.a.ins(x86.ATESTQ, B, B)
			g.a.branch(x86.AJNE, done)
			g.a.ins(x86.AMOVQ, immOp(0), A)
		} else {
			g.a.ins(x86.AMOVQ, immOp(0), D)
		}
	}
	g.a.place(done)
	if floordiv {
		g.ra.Bind(v, rAX)
	} else {
		g.ra.Bind(v, rDX)
	}
}

// Comparisons.

// compare emits a comparison. When its result is used only by the guard right after it (as
// its argument, and maybe in its snapshot), the result stays in the flags and the guard
// branches on them (PyPy's guard fusion in genop_guard_int_lt and friends); a snapshot that
// names it gets it from the exit stub, which knows it: 0 when a guard_true fails, 1 when a
// guard_false does. Otherwise SETcc materializes 0 or 1.
func (g *gen) compare(i int, op *trace.Op) {
	c := g.emitCompare(op)
	next := g.nextOp(i)
	onlyNext := len(g.vals[i].Uses) > 0
	for _, u := range g.vals[i].Uses {
		onlyNext = onlyNext && u == int32(next)
	}
	if next < len(g.t.Ops) && onlyNext &&
		op.Opcode != trace.OpFloatEq && op.Opcode != trace.OpFloatNe {
		if n := &g.t.Ops[next]; (n.Opcode == trace.OpGuardTrue || n.Opcode == trace.OpGuardFalse) && n.Args[0] == trace.Ref(i) {
			g.fusedOp, g.fusedCond = i, c
			return
		}
	}
	dst := g.ra.ResultReusing(trace.Ref(i), op.Args[0]) // moves and stores keep the flags
	d8 := rOp(b8(dst))
	g.a.ins(setcc[c], obj.Addr{}, d8)
	switch op.Opcode {
	case trace.OpFloatEq: // equal and ordered
		g.a.ins(x86.ASETPC, obj.Addr{}, rOp(b8(r11)))
		g.a.ins(x86.AANDB, rOp(b8(r11)), d8)
	case trace.OpFloatNe: // not equal or unordered
		g.a.ins(x86.ASETPS, obj.Addr{}, rOp(b8(r11)))
		g.a.ins(x86.AORB, rOp(b8(r11)), d8)
	}
	g.a.ins(x86.AMOVBQZX, d8, rOp(gp(dst)))
}

// emitCompare sets the flags for a comparison and returns the condition meaning "true".
func (g *gen) emitCompare(op *trace.Op) cond {
	a := op.Args[0]
	switch op.Opcode {
	case trace.OpIntIsTrue, trace.OpIntIsZero:
		r := g.ra.InReg(a, 0)
		g.a.ins(x86.ATESTQ, rOp(gp(r)), rOp(gp(r)))
		if op.Opcode == trace.OpIntIsTrue {
			return condNE
		}
		return condE
	}
	b := op.Args[1]
	switch op.Opcode {
	case trace.OpIntLt:
		return g.intCompare(a, b, condL)
	case trace.OpIntLe:
		return g.intCompare(a, b, condLE)
	case trace.OpIntEq, trace.OpPtrEq:
		return g.intCompare(a, b, condE)
	case trace.OpIntNe, trace.OpPtrNe:
		return g.intCompare(a, b, condNE)
	case trace.OpIntGt:
		return g.intCompare(a, b, condG)
	case trace.OpIntGe:
		return g.intCompare(a, b, condGE)
	case trace.OpUintLt:
		return g.intCompare(a, b, condB)
	case trace.OpUintGe:
		return g.intCompare(a, b, condAE)
	// UCOMISD sets ZF, PF and CF all to 1 for an unordered pair (a NaN): "above" and "above
	// or equal" are false then, so a < b is computed as b above a; == also needs PF clear.
	case trace.OpFloatLt:
		g.ucomisd(b, a)
		return condA
	case trace.OpFloatLe:
		g.ucomisd(b, a)
		return condAE
	case trace.OpFloatGt:
		g.ucomisd(a, b)
		return condA
	case trace.OpFloatGe:
		g.ucomisd(a, b)
		return condAE
	case trace.OpFloatEq:
		g.ucomisd(a, b)
		return condE
	case trace.OpFloatNe:
		g.ucomisd(a, b)
		return condNE
	}
	g.fail("not a comparison: %s", op.Opcode)
	return 0
}

// intCompare emits CMP for (a, b), with an immediate when one operand is a small constant.
func (g *gen) intCompare(a, b trace.Ref, c cond) cond {
	if imm, ok := g.imm32(b); ok {
		r := g.ra.InReg(a, 0)
		g.a.ins(x86.ACMPQ, rOp(gp(r)), immOp(imm))
		return c
	}
	if imm, ok := g.imm32(a); ok {
		r := g.ra.InReg(b, 0)
		g.a.ins(x86.ACMPQ, rOp(gp(r)), immOp(imm))
		return c.swapped()
	}
	ra := g.ra.InReg(a, 0)
	rb := g.ra.InReg(b, 0)
	g.a.ins(x86.ACMPQ, rOp(gp(ra)), rOp(gp(rb)))
	return c
}

// ucomisd compares x with y (Intel's "ucomisd x, y"; Go's operand order is reversed).
func (g *gen) ucomisd(x, y trace.Ref) {
	rx := g.ra.InReg(x, 0)
	ry := g.ra.InReg(y, 0)
	g.a.ins(x86.AUCOMISD, rOp(xr(ry)), rOp(xr(rx)))
}

// Floats.

var floatArithAs = map[trace.Opcode]obj.As{
	trace.OpFloatAdd: x86.AADDSD, trace.OpFloatSub: x86.ASUBSD, trace.OpFloatMul: x86.AMULSD, trace.OpFloatTrueDiv: x86.ADIVSD,
}

func (g *gen) floatArith(i int, op *trace.Op) {
	a, b := op.Args[0], op.Args[1]
	if op.Opcode.Has(trace.FlagCommutative) && (a < 0 || g.dies(b) && !g.dies(a)) {
		a, b = b, a
	}
	src := g.ra.InReg(b, 0)
	dst := g.twoAddress(trace.Ref(i), a, 0)
	g.a.ins(floatArithAs[op.Opcode], rOp(xr(src)), rOp(xr(dst)))
}

// floatSign flips (float_neg) or clears (float_abs) the sign bit with a mask in X15, NaNs
// included, as the IR defines.
func (g *gen) floatSign(i int, op *trace.Op) {
	dst := g.twoAddress(trace.Ref(i), op.Args[0], 0)
	mask, as := uint64(1<<63), x86.AXORPD
	if op.Opcode == trace.OpFloatAbs {
		mask, as = 1<<63-1, x86.AANDPD
	}
	g.a.ins(x86.AMOVQ, immOp(int64(mask)), rOp(gp(r11)))
	g.a.ins(x86.AMOVQ, rOp(gp(r11)), rOp(xr(15)))
	g.a.ins(as, rOp(xr(15)), rOp(xr(dst)))
}

// floatToInt emits cast_float_to_int: CVTTSD2SQ truncates, and gives MinInt64 for NaN and
// for everything out of range; trace.FloatToInt wants 0 for NaN and MaxInt64 above the
// range, so MinInt64 results are looked at again.
func (g *gen) floatToInt(i int, op *trace.Op) {
	src := g.ra.InReg(op.Args[0], 0)
	dst := g.ra.Result(trace.Ref(i), 0)
	D, X := rOp(gp(dst)), rOp(xr(src))
	done, nan := g.a.newLabel(), g.a.newLabel()
	g.a.ins(x86.ACVTTSD2SQ, X, D)
	g.a.ins(x86.ACMPQ, D, immOp(1)) // overflows only for MinInt64
	g.a.branch(x86.AJOC, done)
	g.a.ins(x86.AXORPS, rOp(xr(15)), rOp(xr(15)))
	g.a.ins(x86.AUCOMISD, rOp(xr(15)), X) // src against 0.0
	g.a.branch(x86.AJPS, nan)
	g.a.branch(x86.AJLS, done) // src <= 0: MinInt64 is right
	g.a.ins(x86.AMOVQ, immOp(math.MaxInt64), D)
	g.a.branch(obj.AJMP, done)
	g.a.place(nan)
	g.a.ins(x86.AMOVQ, immOp(0), D)
	g.a.place(done)
}

// nextOp returns the index of the op after op i that may change the flags: debug_merge_points
// emit nothing and setfields only MOVs (the heap pass puts its delayed stores right before the
// next guard), so a comparison still fuses with the guard after them.
func (g *gen) nextOp(i int) int {
	i++
	for i < len(g.t.Ops) && (g.t.Ops[i].Opcode == trace.OpDebugMergePoint || g.t.Ops[i].Opcode == trace.OpSetfield) {
		i++
	}
	return i
}

// onlyTestedByNextGuard reports whether op i's only use is as the argument of the guard after
// it that tests it against 0 (guard_true, guard_false, guard_value(x, 0)), not in its snapshot.
func (g *gen) onlyTestedByNextGuard(i int) bool {
	next := g.nextOp(i)
	uses := g.vals[i].Uses
	if next >= len(g.t.Ops) || len(uses) != 1 || uses[0] != int32(next) {
		return false
	}
	n := &g.t.Ops[next]
	if len(n.Args) == 0 || n.Args[0] != trace.Ref(i) {
		return false
	}
	switch n.Opcode {
	case trace.OpGuardTrue, trace.OpGuardFalse:
	case trace.OpGuardValue:
		if !g.t.IsConst(n.Args[1]) || g.t.ConstValue(n.Args[1]).Bits != 0 || g.t.ConstValue(n.Args[1]).Type != trace.Int {
			return false
		}
	default:
		return false
	}
	inSnap := false
	if n.Snap >= 0 && int(n.Snap) < len(g.t.Snaps) {
		g.t.Snaps[n.Snap].Refs(func(r trace.Ref) { inSnap = inSnap || r == trace.Ref(i) })
	}
	return !inSnap
}

// Guards.

// guard emits the test of a guard and its branch to an exit stub.
func (g *gen) guard(i int, op *trace.Op) {
	var fail cond
	switch op.Opcode {
	case trace.OpGuardTrue, trace.OpGuardFalse:
		x := op.Args[0]
		if g.fusedOp >= 0 && g.fusedOp == int(x) {
			fail = g.fusedCond                       // the condition for "x is true"
			if g.t.Ops[x].Opcode != trace.OpIntAnd { // a comparison: 0 or 1, maybe in the snapshot
				g.known = &constStore{Home: g.vals[x].Home, ref: x}
				if op.Opcode == trace.OpGuardFalse {
					g.known.Bits = 1
				}
			}
		} else {
			r := g.ra.InReg(x, 0)
			g.a.ins(x86.ATESTQ, rOp(gp(r)), rOp(gp(r)))
			fail = condNE
		}
		if op.Opcode == trace.OpGuardTrue {
			fail = fail.not()
		}
	case trace.OpGuardNoOverflow:
		fail = condO
	case trace.OpGuardOverflow:
		fail = condNO
	case trace.OpGuardNonnull, trace.OpGuardIsnull:
		r := g.ra.InReg(op.Args[0], 0)
		g.a.ins(x86.ATESTQ, rOp(gp(r)), rOp(gp(r)))
		fail = condE
		if op.Opcode == trace.OpGuardIsnull {
			fail = condNE
		}
	case trace.OpGuardValue:
		if g.fusedOp >= 0 && g.fusedOp == int(op.Args[0]) {
			fail = g.fusedCond // a fused x & imm against 0: fails when not 0
			break
		}
		g.guardValue(op.Args[0], op.Args[1])
		fail = condNE
	}
	g.fusedOp = -1
	g.exitBranch(i, fail)
	g.known = nil
}

// constStore is a value an exit stub stores as a constant: a fused comparison's result.
type constStore struct {
	ref  trace.Ref
	Home int32
	Bits int64
}

// guardValue compares a value with a constant bit for bit (floats too: 0.0 is not -0.0).
func (g *gen) guardValue(x, k trace.Ref) {
	kv := g.t.ConstValue(k)
	if kv.Type != trace.Float {
		if imm, ok := g.imm32(k); ok {
			r := g.ra.InReg(x, 0)
			g.a.ins(x86.ACMPQ, rOp(gp(r)), immOp(imm))
			return
		}
		r := g.ra.InReg(x, 0)
		t := g.ra.InReg(k, 0)
		g.a.ins(x86.ACMPQ, rOp(gp(r)), rOp(gp(t)))
		return
	}
	r := g.ra.InReg(x, 0)
	g.a.ins(x86.AMOVQ, rOp(xr(r)), rOp(gp(r11)))
	if v := int64(kv.Bits); v == int64(int32(v)) {
		g.a.ins(x86.ACMPQ, rOp(gp(r11)), immOp(v))
		return
	}
	t := g.ra.Alloc(gpr, 0)
	g.a.ins(x86.AMOVQ, immOp(int64(kv.Bits)), rOp(gp(t)))
	g.a.ins(x86.ACMPQ, rOp(gp(r11)), rOp(gp(t)))
}

// exitBranch emits the guard's patchable branch (taken when c holds) to a new exit stub that
// stores the snapshot's values that are only in registers.
func (g *gen) exitBranch(i int, c cond) {
	refs := g.exitRefs(i)
	known := g.known // stored by the stub only if the snapshot names it
	if k := g.known; k != nil {
		kept := refs[:0:0]
		for _, r := range refs {
			if r != k.ref {
				kept = append(kept, r)
			}
		}
		if len(kept) == len(refs) {
			known = nil
		}
		refs = kept
	}
	s := stub{op: i, label: g.a.newLabel(), stores: g.ra.ExitStores(refs), known: known}
	s.branch = g.a.jccLong(c, s.label)
	g.stubs = append(g.stubs, s)
}

// exitRefs returns the op results the exit at op i shows (its snapshot's values, or the
// finish's arguments), without repeats, and records where Go finds them.
func (g *gen) exitRefs(i int) []trace.Ref {
	op := &g.t.Ops[i]
	seen := map[trace.Ref]bool{}
	var refs []trace.Ref
	add := func(r trace.Ref) {
		if r >= 0 && !seen[r] {
			seen[r] = true
			refs = append(refs, r)
		}
	}
	if op.Opcode == trace.OpFinish {
		for _, r := range op.Args {
			add(r)
		}
	} else {
		g.t.Snaps[op.Snap].Refs(add)
	}
	out := make([]slotRef, len(refs))
	for k, r := range refs {
		out[k] = g.slotOf(r)
	}
	g.l.exitVals[i] = out
	return refs
}

func (g *gen) slotOf(r trace.Ref) slotRef {
	v := &g.vals[r]
	return slotRef{op: int32(r), ptr: v.Typ == trace.Ptr, Slot: v.Slot}
}

// Memory.

// fieldOffset returns a field's offset as a 32-bit displacement.
func (g *gen) fieldOffset(d *trace.FieldDescr) int64 {
	if d.Offset > math.MaxInt32 {
		g.fail("field <%s> at offset %d: offsets must fit 31 bits", d.Name, d.Offset)
	}
	return int64(d.Offset)
}

// itemAddr returns the address of item idx of the array at base: base + BaseOffset +
// idx*ItemSize. ItemSize is the stride (up to 64 KiB: for an array of structs, one field of
// which the op reads or writes); strides of 1, 2, 4 and 8 bytes are an addressing mode, others
// are multiplied into R11.
func (g *gen) itemAddr(base reg, idx trace.Ref, d *trace.ArrayDescr) obj.Addr {
	if d.BaseOffset > math.MaxInt32 || d.ItemSize > math.MaxInt32 {
		g.fail("array <%s> at offset %d, stride %d: they must fit 31 bits", d.Name, d.BaseOffset, d.ItemSize)
	}
	bo, size := int64(d.BaseOffset), int64(d.ItemSize)
	if idx < 0 {
		c := int64(g.t.ConstValue(idx).Bits)
		if c > -(1<<23) && c < 1<<23 { // c*size cannot overflow: size <= 64 KiB
			if off := bo + c*size; off == int64(int32(off)) {
				return memOp(gp(base), off)
			}
		}
	}
	r := g.ra.InReg(idx, 0)
	switch size {
	case 1, 2, 4, 8:
		return memIdx(gp(base), gp(r), int16(size), bo)
	}
	g.a.ins3(x86.AIMUL3Q, immOp(size), rOp(gp(r)), rOp(gp(r11))) // wraps as Go's int does
	return memIdx(gp(base), gp(r11), 1, bo)
}

// loadAs returns the load instruction for an item: sign or zero extension to 64 bits.
func loadAs(typ trace.Type, size uint8, signed bool) obj.As {
	switch {
	case typ == trace.Float:
		return x86.AMOVSD
	case size == 1 && signed:
		return x86.AMOVBQSX
	case size == 1:
		return x86.AMOVBQZX
	case size == 2 && signed:
		return x86.AMOVWQSX
	case size == 2:
		return x86.AMOVWQZX
	case size == 4 && signed:
		return x86.AMOVLQSX
	case size == 4:
		return x86.AMOVL // writing a 32-bit register clears the upper half
	}
	return x86.AMOVQ
}

// storeAs returns the store instruction for an item of size bytes.
func storeAs(typ trace.Type, size uint8) obj.As {
	switch {
	case typ == trace.Float:
		return x86.AMOVSD
	case size == 1:
		return x86.AMOVB
	case size == 2:
		return x86.AMOVW
	case size == 4:
		return x86.AMOVL
	}
	return x86.AMOVQ
}

func (g *gen) load(i int, op *trace.Op) {
	p := op.Args[0]
	base := g.ra.InReg(p, 0)
	var addr obj.Addr
	var typ trace.Type
	var size uint8
	var signed bool
	switch d := op.Descr.(type) {
	case *trace.FieldDescr:
		addr, typ, size, signed = memOp(gp(base), g.fieldOffset(d)), d.Type, d.Size, d.Signed
	case *trace.ArrayDescr:
		addr, typ, size, signed = g.itemAddr(base, op.Args[1], d), d.Type, d.AccessSize(), d.Signed
	}
	dst := g.ra.ResultReusing(trace.Ref(i), p)
	to := rOp(gp(dst))
	if typ == trace.Float {
		to = rOp(xr(dst))
	}
	g.a.ins(loadAs(typ, size, signed), addr, to)
}

func (g *gen) store(op *trace.Op) {
	p, x := op.Args[0], op.Args[len(op.Args)-1]
	var typ trace.Type
	var size uint8
	switch d := op.Descr.(type) {
	case *trace.FieldDescr:
		typ, size = d.Type, d.Size
	case *trace.ArrayDescr:
		typ, size = d.Type, d.AccessSize()
	}
	// The value first: a float constant goes through R11, which the address may need.
	var src obj.Addr
	if imm, ok := storeImm(g.t, x, typ, size); ok {
		src = immOp(imm)
	} else if r := g.ra.InReg(x, 0); typ == trace.Float {
		src = rOp(xr(r))
	} else {
		src = rOp(gp(r))
	}
	base := g.ra.InReg(p, 0)
	var addr obj.Addr
	switch d := op.Descr.(type) {
	case *trace.FieldDescr:
		addr = memOp(gp(base), g.fieldOffset(d))
	case *trace.ArrayDescr:
		addr = g.itemAddr(base, op.Args[1], d)
	}
	g.a.ins(storeAs(typ, size), src, addr)
}

// storeImm returns the immediate for storing the int constant x into size bytes, if any.
func storeImm(t *trace.Trace, x trace.Ref, typ trace.Type, size uint8) (int64, bool) {
	if x >= 0 || typ != trace.Int {
		return 0, false
	}
	v := int64(t.ConstValue(x).Bits)
	switch size {
	case 1:
		return int64(int8(v)), true
	case 2:
		return int64(int16(v)), true
	case 4:
		return int64(int32(v)), true
	}
	return v, v == int64(int32(v))
}

// Calls, loops and the end.

// call exits to Go, which performs the residual call (or the allocation of new) with the
// arguments it reads from their homes, writes the result to the op's home and enters the
// code again right after the exit. Go code clobbers every register, so everything still
// needed is stored first, and afterwards every value is in memory.
func (g *gen) call(i int, op *trace.Op) {
	g.ra.SaveAll()
	g.exitWith(g.exitCode(i))
	cont := g.a.newLabel()
	g.a.place(cont)
	g.conts[i] = cont
	if op.HasSnapshot() {
		g.exitRefs(i) // a call that can fail leaves through its snapshot
	}
	cs := callSite{}
	for _, a := range op.Args {
		if a < 0 {
			cs.args = append(cs.args, argSrc{Konst: true, c: g.t.ConstValue(a)})
		} else {
			cs.args = append(cs.args, argSrc{slotRef: g.slotOf(a)})
		}
	}
	switch d := op.Descr.(type) {
	case *trace.CallDescr:
		cs.call = d
	case *trace.AllocDescr:
		cs.alloc = d
	}
	if op.Type != trace.Void {
		cs.result = g.slotOf(trace.Ref(i))
		g.vals[i].InMem = true
	}
	g.l.calls[i] = cs
}

// enterLoop fixes the head state of the loop, just before its first op (machine's
// HeadState: the live-in values keep the registers they are in, free registers are loaded
// with the live-ins used most in the body, and the rest stay in their homes).
func (g *gen) enterLoop() {
	g.headState = g.ra.HeadState(g.headArgs, g.headPos, g.bodyStart, g.jumpPos, g.moveValue)
	g.head = g.a.newLabel()
	g.a.place(g.head)
}

// jump emits the back-edge: the parallel move of the new values into the head state, the
// countdown that makes the loop yield to Go every so often (so that the garbage collector and
// the scheduler can stop the goroutine: Go cannot preempt compiled code), the yield exit and
// the re-entry point.
func (g *gen) jump(op *trace.Op) {
	moves, err := machine.JumpMoves(g.t, g.vals, g.headState, op.Args)
	if err != nil {
		g.fail("%v", err)
	}
	g.parallelMove(moves)
	g.a.ins(x86.ASUBQ, immOp(1), rOp(gp(rBudget)))
	g.a.branch(x86.AJGT, g.head)

	// Out of budget: save the head state and yield; Go enters again at reentry.
	g.a.cur = regionGlue
	g.yieldGlue = g.a.newLabel()
	g.a.place(g.yieldGlue)
	for _, h := range g.headState {
		if h.Reg != noReg && !h.InMem {
			g.StoreHome(g.vals[h.V].Class, h.Reg, g.vals[h.V].Home)
		}
	}
	g.exitWith(yieldCode)
	g.reentry = g.a.newLabel()
	g.a.place(g.reentry)
	for _, h := range g.headState {
		if h.Reg != noReg {
			g.LoadHome(g.vals[h.V].Class, h.Reg, g.vals[h.V].Home)
		}
	}
	g.a.branch(obj.AJMP, g.head)
}

// finish stores the trace's results in their homes and leaves; a bridge's finish goes back
// to its loop instead (bridge.go).
func (g *gen) finish(i int, op *trace.Op) {
	if g.bridge != nil {
		g.bridgeFinish(op)
		return
	}
	for _, v := range g.exitRefs(i) {
		if info := &g.vals[v]; info.Reg != noReg && !info.InMem {
			g.StoreHome(info.Class, info.Reg, info.Home)
			info.InMem = true
		}
	}
	g.exitWith(g.exitCode(i))
}

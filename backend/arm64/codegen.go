//go:build arm64 && linux

package arm64

import (
	"github.com/metajit/metajit/backend/internal/machine"

	"fmt"
	"math"
	"unsafe"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"

	"github.com/metajit/metajit/trace"
)

// The code generator: one pass over the trace, op by op, as LuaJIT's lj_asm.c and PyPy's
// backend/x86/assembler.py (genop_*) do, with the register allocator of regalloc.go deciding
// where values are. The code is laid out as
//
//	entry:     the ops before the loop head (inputs are in their homes, put there by Go)
//	head:      the loop body (or the rest of a trace that finishes)
//	           jump: the parallel move to the head state, the back-edge counter, B.GT head
//	           yield: store the head state, return yieldCode
//	reentry:   load the head state, B head
//	stubs:     one per guard: store the snapshot's values that are in registers, then branch
//	           (BR) to where the loop's exit table says: the stub's tail, which returns the
//	           guard's exit code, or a bridge attached to the guard (bridge.go)
//
// Every exit is a RET (through R30, which the trampoline's BL set) with a code in R0: the
// index of the op that left (a guard, the finish), or of the residual call or new that Go
// must perform before entering the code again at the op's continuation, with the trace's
// piece number in its tree above opBits (see exitCode), or yieldCode, or restartCode.

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
	// ovfCond is the condition meaning "overflowed" after the last *_ovf op: VS after ADDS
	// and SUBS, NE after int_mul_ovf's comparison of SMULH's high word with the sign of
	// MUL's low word.
	ovfCond cond

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
	branch *obj.Prog // the guard's B.cond to the stub
	tail   *obj.Prog // the stub's exit to Go, where its exit table entry first points
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
			err = fmt.Errorf("arm64: %s", ce.msg)
		}
	}()
	a, err := newAssembler(8*len(g.t.Ops) + 64)
	if err != nil {
		return nil, err
	}
	g.a = a
	g.ra = machine.NewAllocator("arm64", g.t, g, g.vals, allocOrder)
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
		// Go on where the exit table says: the exit to Go just below, or a bridge. R16 is
		// free here: the stores above use no scratch register, and nothing after needs it.
		entry := uintptr(unsafe.Pointer(&g.l.exitTable[s.op]))
		g.a.ins(arm64.AMOVD, immOp(int64(entry)), rOp(gp(rTmp)))
		g.a.ins(arm64.AMOVD, memOp(gp(rTmp), 0), rOp(gp(rTmp)))
		g.a.jumpReg(rTmp)
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
	if c == fpr {
		g.a.ins(arm64.AFMOVD, rOp(fr(r)), ctxMem(off))
	} else {
		g.a.ins(arm64.AMOVD, rOp(gp(r)), ctxMem(off))
	}
}

func (g *gen) LoadHome(c class, r reg, off int32) {
	if c == fpr {
		g.a.ins(arm64.AFMOVD, ctxMem(off), rOp(fr(r)))
	} else {
		g.a.ins(arm64.AMOVD, ctxMem(off), rOp(gp(r)))
	}
}

func (g *gen) MoveReg(c class, dst, src reg) {
	switch {
	case dst == src:
	case c == fpr:
		g.a.ins(arm64.AFMOVD, rOp(fr(src)), rOp(fr(dst)))
	default:
		g.a.ins(arm64.AMOVD, rOp(gp(src)), rOp(gp(dst)))
	}
}

// loadConst puts constant bits into a register (MOVZ/MOVN/MOVK, or a load from the literal
// pool golang-asm puts after the code). It never changes the flags, so it may sit between a
// comparison and its branch. Floats go through R16: there are no general floating-point
// immediates.
func (g *gen) LoadConst(c class, r reg, bits uint64) {
	switch {
	case c == gpr && bits == 0:
		g.a.ins(arm64.AMOVD, rOp(gp(rZR)), rOp(gp(r)))
	case c == gpr:
		g.a.ins(arm64.AMOVD, immOp(int64(bits)), rOp(gp(r)))
	case bits == 0:
		g.a.ins(arm64.AFMOVD, rOp(gp(rZR)), rOp(fr(r)))
	default:
		g.a.ins(arm64.AMOVD, immOp(int64(bits)), rOp(gp(rTmp)))
		g.a.ins(arm64.AFMOVD, rOp(gp(rTmp)), rOp(fr(r)))
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

// exitCode is the exit code of op i of this trace: the op index, and the trace's number in
// its tree above opBits.
func (g *gen) exitCode(i int) uint32 { return uint32(g.piece<<opBits | i) }

// exitWith returns to Go with an exit code in R0.
func (g *gen) exitWith(code uint32) {
	g.a.ins(arm64.AMOVD, immOp(int64(code)), rOp(gp(0)))
	g.a.ret()
}

// intImm returns ref as an immediate when it is an int constant or the null pointer (see
// immOp0 for the operand).
func (g *gen) intImm(ref trace.Ref) (int64, bool) {
	if ref >= 0 {
		return 0, false
	}
	k := g.t.ConstValue(ref)
	switch k.Type {
	case trace.Int:
		return int64(k.Bits), true
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
	v := trace.Ref(i)
	switch op.Opcode {
	case trace.OpInput, trace.OpDebugMergePoint, trace.OpLabel, trace.OpRecordKnownField:
		// Inputs are in their homes; the label was handled by enterLoop.
	case trace.OpIntAdd, trace.OpIntSub, trace.OpIntAnd, trace.OpIntOr, trace.OpIntXor, trace.OpIntMul,
		trace.OpIntLshift, trace.OpIntRshift, trace.OpIntUrshift:
		g.intArith(i, op)
	case trace.OpIntAddOvf, trace.OpIntSubOvf, trace.OpIntMulOvf:
		g.intOvf(i, op)
	case trace.OpIntNeg, trace.OpIntInvert:
		as := arm64.ANEG
		if op.Opcode == trace.OpIntInvert {
			as = arm64.AMVN
		}
		src := g.ra.InReg(op.Args[0], 0)
		dst := g.ra.ResultReusing(v, op.Args[0])
		g.a.ins(as, rOp(gp(src)), rOp(gp(dst)))
	case trace.OpIntFloorDiv, trace.OpIntMod:
		g.divMod(i, op)
	case trace.OpIntLt, trace.OpIntLe, trace.OpIntEq, trace.OpIntNe, trace.OpIntGt, trace.OpIntGe,
		trace.OpUintLt, trace.OpUintGe, trace.OpIntIsTrue, trace.OpIntIsZero, trace.OpPtrEq, trace.OpPtrNe,
		trace.OpFloatLt, trace.OpFloatLe, trace.OpFloatEq, trace.OpFloatNe, trace.OpFloatGt, trace.OpFloatGe:
		g.compare(i, op)
	case trace.OpFloatAdd, trace.OpFloatSub, trace.OpFloatMul, trace.OpFloatTrueDiv:
		g.floatArith(i, op)
	case trace.OpFloatNeg, trace.OpFloatAbs, trace.OpFloatSqrt:
		// FNEG and FABS only change the sign bit, NaNs included, as the IR defines.
		as := map[trace.Opcode]obj.As{trace.OpFloatNeg: arm64.AFNEGD, trace.OpFloatAbs: arm64.AFABSD, trace.OpFloatSqrt: arm64.AFSQRTD}[op.Opcode]
		src := g.ra.InReg(op.Args[0], 0)
		dst := g.ra.ResultReusing(v, op.Args[0])
		g.a.ins(as, rOp(fr(src)), rOp(fr(dst)))
	case trace.OpCastIntToFloat:
		src := g.ra.InReg(op.Args[0], 0)
		dst := g.ra.Result(v, 0)
		g.a.ins(arm64.ASCVTFD, rOp(gp(src)), rOp(fr(dst)))
	case trace.OpCastFloatToInt:
		// FCVTZS truncates, saturates at both ends of the int64 range and gives 0 for NaN:
		// exactly trace.FloatToInt, with no fix-up (x86's CVTTSD2SQ needs one).
		src := g.ra.InReg(op.Args[0], 0)
		dst := g.ra.Result(v, 0)
		g.a.ins(arm64.AFCVTZSD, rOp(fr(src)), rOp(gp(dst)))
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
		g.fail("op %d: %s is not supported by the arm64 backend", i, op.Opcode)
	}
}

// Integer arithmetic.

var intArithAs = map[trace.Opcode]obj.As{
	trace.OpIntAdd: arm64.AADD, trace.OpIntSub: arm64.ASUB, trace.OpIntMul: arm64.AMUL, trace.OpIntAnd: arm64.AAND,
	trace.OpIntOr: arm64.AORR, trace.OpIntXor: arm64.AEOR,
	// The variable shifts (LSLV, ASRV, LSRV) use the count modulo 64, as the IR defines.
	trace.OpIntLshift: arm64.ALSL, trace.OpIntRshift: arm64.AASR, trace.OpIntUrshift: arm64.ALSR,
}

// intArith emits dst = a OP b, with b an immediate when it is a constant the instruction
// can take (MUL has no immediate form).
func (g *gen) intArith(i int, op *trace.Op) {
	as := intArithAs[op.Opcode]
	a, b := op.Args[0], op.Args[1]
	if op.Opcode.Has(trace.FlagCommutative) && a < 0 {
		a, b = b, a
	}
	v := trace.Ref(i)
	var from obj.Addr
	switch imm, ok := g.intImm(b); {
	case ok && (as == arm64.ALSL || as == arm64.AASR || as == arm64.ALSR):
		from = immOp0(imm & 63)
	case ok && as != arm64.AMUL:
		from = immOp0(imm)
	default:
		from = rOp(gp(g.ra.InReg(b, 0)))
	}
	ra := g.ra.InReg(a, 0)
	dst := g.ra.ResultReusing(v, a)
	g.a.ins3(as, from, gp(ra), rOp(gp(dst)))
}

// intOvf emits the overflow-checked ops, leaving the overflow condition for the guard that
// follows: ADDS and SUBS set V exactly when the signed result does not fit; for the product,
// SMULH gives the high 64 bits of the 128-bit product, which must be the sign extension of
// the low word (MUL) when nothing overflowed.
func (g *gen) intOvf(i int, op *trace.Op) {
	a, b := op.Args[0], op.Args[1]
	if a < 0 {
		if op.Opcode == trace.OpIntSubOvf {
			ra := g.ra.InReg(a, 0)
			rb := g.ra.InReg(b, 0)
			dst := g.ra.ResultReusing(trace.Ref(i), b)
			g.a.ins3(arm64.ASUBS, rOp(gp(rb)), gp(ra), rOp(gp(dst)))
			g.ovfCond = condVS
			return
		}
		a, b = b, a
	}
	rb := g.ra.InReg(b, 0)
	ra := g.ra.InReg(a, 0)
	dst := g.ra.ResultReusing(trace.Ref(i), a)
	switch op.Opcode {
	case trace.OpIntAddOvf:
		g.a.ins3(arm64.AADDS, rOp(gp(rb)), gp(ra), rOp(gp(dst)))
		g.ovfCond = condVS
	case trace.OpIntSubOvf:
		g.a.ins3(arm64.ASUBS, rOp(gp(rb)), gp(ra), rOp(gp(dst)))
		g.ovfCond = condVS
	case trace.OpIntMulOvf:
		g.a.ins3(arm64.ASMULH, rOp(gp(rb)), gp(ra), rOp(gp(rTmp))) // before dst may overwrite an operand
		g.a.ins3(arm64.AMUL, rOp(gp(rb)), gp(ra), rOp(gp(dst)))
		g.a.ins3(arm64.AASR, immOp(63), gp(dst), rOp(gp(rTmp2)))
		g.a.ins3(arm64.ACMP, rOp(gp(rTmp2)), gp(rTmp), obj.Addr{})
		g.ovfCond = condNE
	}
}

// divMod emits int_floordiv and int_mod: SDIV, MSUB for the truncated remainder, then the
// fix-up from truncating to flooring division (when the remainder is not 0 and its sign
// differs from the divisor's, the quotient goes down by one and the remainder up by the
// divisor), exactly trace.FloorDiv and trace.FloorMod. SDIV never traps: it gives 0 for a
// zero divisor and MinInt64 for MinInt64 / -1, which is FloorDiv's value (-a, wrapped), and
// the remainder is then 0, FloorMod's; only the zero divisor needs a final CSEL to 0.
func (g *gen) divMod(i int, op *trace.Op) {
	a, b := op.Args[0], op.Args[1]
	v := trace.Ref(i)
	floordiv := op.Opcode == trace.OpIntFloorDiv
	constB := b < 0
	if constB && g.t.ConstValue(b).Bits == 0 {
		dst := g.ra.Result(v, 0)
		g.a.ins(arm64.AMOVD, rOp(gp(rZR)), rOp(gp(dst)))
		return
	}
	rb := g.ra.InReg(b, 0)
	ra := g.ra.InReg(a, 0)
	dst := g.ra.Result(v, 0)
	Q, R := rOp(gp(rTmp)), rOp(gp(rTmp2))
	done := g.a.newLabel()
	g.a.ins3(arm64.ASDIV, rOp(gp(rb)), gp(ra), Q)              // q = a / b, truncated
	g.a.ins4(arm64.AMSUB, rOp(gp(rb)), gp(ra), Q, R)           // r = a - q*b
	g.a.ins(arm64.ACBZ, R, branchTo(done))                     // exact
	g.a.ins3(arm64.AEOR, rOp(gp(rb)), gp(rTmp2), rOp(gp(dst))) // sign of r ^ b
	g.a.ins3(arm64.ATBZ, immOp(63), gp(dst), branchTo(done))   // same signs
	if floordiv {
		g.a.ins3(arm64.ASUB, immOp(1), gp(rTmp), Q)
	} else {
		g.a.ins3(arm64.AADD, rOp(gp(rb)), gp(rTmp2), R)
	}
	g.a.place(done)
	if floordiv {
		g.a.ins(arm64.AMOVD, Q, rOp(gp(dst)))
	} else {
		g.a.ins(arm64.AMOVD, R, rOp(gp(dst)))
	}
	if !constB {
		g.a.ins3(arm64.ACMP, immOp0(0), gp(rb), obj.Addr{})
		g.a.ins4(arm64.ACSEL, condOp(condEQ), gp(rZR), rOp(gp(dst)), rOp(gp(dst))) // b == 0: 0
	}
}

// branchTo is the operand of a branch to a label.
func branchTo(target *obj.Prog) obj.Addr {
	var a obj.Addr
	a.Type = obj.TYPE_BRANCH
	a.SetTarget(target)
	return a
}

// Comparisons.

// compare emits a comparison. When its result is used only by the guard right after it, the
// result stays in the flags and the guard branches on them (PyPy's guard fusion); otherwise
// CSET materializes 0 or 1.
func (g *gen) compare(i int, op *trace.Op) {
	c := g.emitCompare(op)
	if next := g.nextOp(i); next < len(g.t.Ops) && len(g.vals[i].Uses) == 1 && g.vals[i].Uses[0] == int32(next) {
		if n := &g.t.Ops[next]; (n.Opcode == trace.OpGuardTrue || n.Opcode == trace.OpGuardFalse) && n.Args[0] == trace.Ref(i) {
			g.fusedOp, g.fusedCond = i, c
			return
		}
	}
	dst := g.ra.ResultReusing(trace.Ref(i), op.Args[0])
	g.a.ins(arm64.ACSET, condOp(c), rOp(gp(dst)))
}

// emitCompare sets the flags for a comparison and returns the condition meaning "true".
// FCMP sets NZCV to 0011 for an unordered pair (a NaN), for which MI (<), LS (<=), GT (>),
// GE (>=) and EQ are all false and NE true: every float comparison is one condition.
func (g *gen) emitCompare(op *trace.Op) cond {
	a := op.Args[0]
	switch op.Opcode {
	case trace.OpIntIsTrue, trace.OpIntIsZero:
		r := g.ra.InReg(a, 0)
		g.a.ins3(arm64.ACMP, immOp0(0), gp(r), obj.Addr{})
		if op.Opcode == trace.OpIntIsTrue {
			return condNE
		}
		return condEQ
	}
	b := op.Args[1]
	switch op.Opcode {
	case trace.OpIntLt:
		return g.intCompare(a, b, condLT)
	case trace.OpIntLe:
		return g.intCompare(a, b, condLE)
	case trace.OpIntEq, trace.OpPtrEq:
		return g.intCompare(a, b, condEQ)
	case trace.OpIntNe, trace.OpPtrNe:
		return g.intCompare(a, b, condNE)
	case trace.OpIntGt:
		return g.intCompare(a, b, condGT)
	case trace.OpIntGe:
		return g.intCompare(a, b, condGE)
	case trace.OpUintLt:
		return g.intCompare(a, b, condLO)
	case trace.OpUintGe:
		return g.intCompare(a, b, condHS)
	case trace.OpFloatLt:
		g.fcmp(a, b)
		return condMI
	case trace.OpFloatLe:
		g.fcmp(a, b)
		return condLS
	case trace.OpFloatGt:
		g.fcmp(a, b)
		return condGT
	case trace.OpFloatGe:
		g.fcmp(a, b)
		return condGE
	case trace.OpFloatEq:
		g.fcmp(a, b)
		return condEQ
	case trace.OpFloatNe:
		g.fcmp(a, b)
		return condNE
	}
	g.fail("not a comparison: %s", op.Opcode)
	return 0
}

// intCompare sets the flags of a - b, with an immediate when one operand is a constant.
func (g *gen) intCompare(a, b trace.Ref, c cond) cond {
	if imm, ok := g.intImm(b); ok {
		r := g.ra.InReg(a, 0)
		g.a.ins3(arm64.ACMP, immOp0(imm), gp(r), obj.Addr{})
		return c
	}
	if imm, ok := g.intImm(a); ok {
		r := g.ra.InReg(b, 0)
		g.a.ins3(arm64.ACMP, immOp0(imm), gp(r), obj.Addr{})
		return c.swapped()
	}
	ra := g.ra.InReg(a, 0)
	rb := g.ra.InReg(b, 0)
	g.a.ins3(arm64.ACMP, rOp(gp(rb)), gp(ra), obj.Addr{})
	return c
}

// fcmp sets the flags comparing float x with y ("FCMPD y, x" in Go's operand order).
func (g *gen) fcmp(x, y trace.Ref) {
	rx := g.ra.InReg(x, 0)
	ry := g.ra.InReg(y, 0)
	g.a.ins3(arm64.AFCMPD, rOp(fr(ry)), fr(rx), obj.Addr{})
}

// Floats.

var floatArithAs = map[trace.Opcode]obj.As{
	trace.OpFloatAdd: arm64.AFADDD, trace.OpFloatSub: arm64.AFSUBD, trace.OpFloatMul: arm64.AFMULD, trace.OpFloatTrueDiv: arm64.AFDIVD,
}

func (g *gen) floatArith(i int, op *trace.Op) {
	a, b := op.Args[0], op.Args[1]
	if op.Opcode.Has(trace.FlagCommutative) && (a < 0 || g.dies(b) && !g.dies(a)) {
		a, b = b, a
	}
	rb := g.ra.InReg(b, 0)
	ra := g.ra.InReg(a, 0)
	dst := g.ra.ResultReusing(trace.Ref(i), a)
	g.a.ins3(floatArithAs[op.Opcode], rOp(fr(rb)), fr(ra), rOp(fr(dst)))
}

// nextOp returns the index of the op after op i that emits code: debug_merge_points, which
// emit nothing, are skipped (so a comparison still fuses with the guard after them).
func (g *gen) nextOp(i int) int {
	i++
	for i < len(g.t.Ops) && g.t.Ops[i].Opcode == trace.OpDebugMergePoint {
		i++
	}
	return i
}

// Guards.

// guard emits the test of a guard and its branch to an exit stub.
func (g *gen) guard(i int, op *trace.Op) {
	var fail cond
	switch op.Opcode {
	case trace.OpGuardTrue, trace.OpGuardFalse:
		x := op.Args[0]
		if g.fusedOp >= 0 && g.fusedOp == int(x) {
			fail = g.fusedCond // the condition for "x is true"
		} else {
			r := g.ra.InReg(x, 0)
			g.a.ins3(arm64.ACMP, immOp0(0), gp(r), obj.Addr{})
			fail = condNE
		}
		if op.Opcode == trace.OpGuardTrue {
			fail = fail.not()
		}
	case trace.OpGuardNoOverflow:
		fail = g.ovfCond
	case trace.OpGuardOverflow:
		fail = g.ovfCond.not()
	case trace.OpGuardNonnull, trace.OpGuardIsnull:
		r := g.ra.InReg(op.Args[0], 0)
		g.a.ins3(arm64.ACMP, immOp0(0), gp(r), obj.Addr{})
		fail = condEQ
		if op.Opcode == trace.OpGuardIsnull {
			fail = condNE
		}
	case trace.OpGuardValue:
		g.guardValue(op.Args[0], op.Args[1])
		fail = condNE
	}
	g.fusedOp = -1
	g.exitBranch(i, fail)
}

// guardValue compares a value with a constant bit for bit (floats too: 0.0 is not -0.0).
func (g *gen) guardValue(x, k trace.Ref) {
	kv := g.t.ConstValue(k)
	if kv.Type != trace.Float {
		if imm, ok := g.intImm(k); ok {
			r := g.ra.InReg(x, 0)
			g.a.ins3(arm64.ACMP, immOp0(imm), gp(r), obj.Addr{})
			return
		}
		r := g.ra.InReg(x, 0)
		t := g.ra.InReg(k, 0)
		g.a.ins3(arm64.ACMP, rOp(gp(t)), gp(r), obj.Addr{})
		return
	}
	r := g.ra.InReg(x, 0)
	g.a.ins(arm64.AFMOVD, rOp(fr(r)), rOp(gp(rTmp)))
	g.LoadConst(gpr, rTmp2, kv.Bits)
	g.a.ins3(arm64.ACMP, rOp(gp(rTmp2)), gp(rTmp), obj.Addr{})
}

// exitBranch emits the guard's patchable branch (taken when c holds) to a new exit stub that
// stores the snapshot's values that are only in registers.
func (g *gen) exitBranch(i int, c cond) {
	refs := g.exitRefs(i)
	s := stub{op: i, label: g.a.newLabel(), stores: g.ra.ExitStores(refs)}
	s.branch = g.a.branch(bcc[c], s.label)
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

// fieldOffset returns a field's offset, which must fit 31 bits (as on amd64; golang-asm
// builds the offsets that do not fit an instruction in R27).
func (g *gen) fieldOffset(d *trace.FieldDescr) int64 {
	if d.Offset > math.MaxInt32 {
		g.fail("field <%s> at offset %d: offsets must fit 31 bits", d.Name, d.Offset)
	}
	return int64(d.Offset)
}

// itemAddr returns the address of item idx of the array at base: base plus a constant
// offset, or R16 = base + idx*ItemSize plus BaseOffset.
func (g *gen) itemAddr(base reg, idx trace.Ref, d *trace.ArrayDescr) obj.Addr {
	if d.BaseOffset > math.MaxInt32 {
		g.fail("array <%s> at offset %d: offsets must fit 31 bits", d.Name, d.BaseOffset)
	}
	bo, size := int64(d.BaseOffset), int64(d.ItemSize)
	if idx < 0 {
		c := int64(g.t.ConstValue(idx).Bits)
		if c > -(1<<23) && c < 1<<23 && size < 1<<16 {
			if off := bo + c*size; off == int64(int32(off)) {
				return memOp(gp(base), off)
			}
		}
	}
	r := g.ra.InReg(idx, 0)
	T := rOp(gp(rTmp))
	if size > 0 && size&(size-1) == 0 {
		shift := int64(0)
		for 1<<shift < size {
			shift++
		}
		g.a.ins3(arm64.ALSL, immOp0(shift), gp(r), T)
	} else {
		g.a.ins(arm64.AMOVD, immOp(size), T)
		g.a.ins3(arm64.AMUL, T, gp(r), T)
	}
	g.a.ins3(arm64.AADD, rOp(gp(base)), gp(rTmp), T)
	return memOp(gp(rTmp), bo)
}

// loadAs returns the load instruction for an item: sign or zero extension to 64 bits.
func loadAs(typ trace.Type, size uint8, signed bool) obj.As {
	switch {
	case typ == trace.Float:
		return arm64.AFMOVD
	case size == 1 && signed:
		return arm64.AMOVB
	case size == 1:
		return arm64.AMOVBU
	case size == 2 && signed:
		return arm64.AMOVH
	case size == 2:
		return arm64.AMOVHU
	case size == 4 && signed:
		return arm64.AMOVW
	case size == 4:
		return arm64.AMOVWU
	}
	return arm64.AMOVD
}

// storeAs returns the store instruction for an item of size bytes.
func storeAs(typ trace.Type, size uint8) obj.As {
	switch {
	case typ == trace.Float:
		return arm64.AFMOVD
	case size == 1:
		return arm64.AMOVB
	case size == 2:
		return arm64.AMOVH
	case size == 4:
		return arm64.AMOVW
	}
	return arm64.AMOVD
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
		to = rOp(fr(dst))
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
	// The value first: a constant goes to R17 (a float constant as its bits, stored with an
	// integer store of the same 8 bytes); the address may need R16.
	var src obj.Addr
	as := storeAs(typ, size)
	if x < 0 {
		g.LoadConst(gpr, rTmp2, constBits(g.t.ConstValue(x)))
		src = rOp(gp(rTmp2))
		if typ == trace.Float {
			as = arm64.AMOVD
		}
	} else if r := g.ra.InReg(x, 0); typ == trace.Float {
		src = rOp(fr(r))
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
	g.a.ins(as, src, addr)
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
	g.a.ins3(arm64.ASUBS, immOp(1), gp(rBudget), rOp(gp(rBudget)))
	g.a.branch(arm64.ABGT, g.head)

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
	g.a.branch(arm64.AB, g.head)
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

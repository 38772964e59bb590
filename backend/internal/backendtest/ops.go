package backendtest

import (
	"math"
	"testing"

	"github.com/metajit/metajit/trace"
)

// Per-op tests in the style of PyPy's backend/test/runner_test.py: every op, on edge-case
// operands, in registers and as constants, compared bit for bit with irexec (the reference).

// EdgeInts and EdgeFloats are the operands the per-op tests try: around 0, the word and
// 32-bit limits, shift counts, and for floats the signed zeros, infinities, NaN and the
// limits of conversion to int.
var (
	EdgeInts = []int64{0, 1, -1, 2, -2, 3, -3, 7, -7, 63, 64, 65, -64, 1 << 32, -1 << 32,
		math.MaxInt32, math.MinInt32, math.MaxInt32 + 1, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1}
	negZero    = math.Copysign(0, -1)
	EdgeFloats = []float64{0, negZero, 1, -1, 0.5, -2.5, 3, 1e300, -1e300, math.SmallestNonzeroFloat64,
		math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 9.223372036854775807e18, -9.223372036854775808e18,
		9.2233720368547748e18, -9.2233720368547758e18 * 1.0000001, 1.9, -1.9, 4503599627370497}
)

func edgeBits(typ trace.Type) []uint64 {
	var out []uint64
	if typ == trace.Float {
		for _, f := range EdgeFloats {
			out = append(out, math.Float64bits(f))
		}
		return out
	}
	for _, v := range EdgeInts {
		out = append(out, uint64(v))
	}
	return out
}

func constOf(tr *trace.Trace, typ trace.Type, bits uint64) trace.Ref {
	if typ == trace.Float {
		return tr.ConstFloat(math.Float64frombits(bits))
	}
	return tr.ConstInt(int64(bits))
}

// pureOps are the ops trace.Eval computes, which the per-op tests cover.
func pureOps() []trace.Opcode {
	var ops []trace.Opcode
	for o := trace.Opcode(1); o < trace.Opcode(trace.NumOpcodes); o++ {
		info := o.Info()
		if info.Flags&trace.FlagPure != 0 && info.Args[0] != trace.Ptr {
			ops = append(ops, o)
		}
	}
	return ops
}

func isComparison(o trace.Opcode) bool {
	switch o {
	case trace.OpIntLt, trace.OpIntLe, trace.OpIntEq, trace.OpIntNe, trace.OpIntGt, trace.OpIntGe, trace.OpUintLt,
		trace.OpUintGe, trace.OpIntIsTrue, trace.OpIntIsZero, trace.OpFloatLt, trace.OpFloatLe, trace.OpFloatEq,
		trace.OpFloatNe, trace.OpFloatGt, trace.OpFloatGe:
		return true
	}
	return false
}

// TestPureOps runs every pure op on every pair of edge operands, with both operands inputs,
// with the same input twice, and with either operand a constant (an immediate where the
// machine has one); the result is also kept live across a second use so that both the in-place and the
// copying code paths run.
func (ar *Arch) testPureOps(t *testing.T) {
	for _, o := range pureOps() {
		info := o.Info()
		ta := info.Args[0]
		unary := len(info.Args) == 1
		t.Run(o.String(), func(t *testing.T) {
			// Operands in registers: one compiled loop for all the pairs.
			tr := trace.NewTrace(o.String())
			x := tr.Input(ta)
			var r trace.Ref
			if unary {
				r = tr.Emit(o, info.Result, x)
				tr.Emit(trace.OpFinish, trace.Void, r)
			} else {
				y := tr.Input(info.Args[1])
				r = tr.Emit(o, info.Result, x, y)
				r2 := tr.Emit(o, info.Result, y, x) // x and y still live: copies
				tr.Emit(trace.OpFinish, trace.Void, r, r2, x, y)
			}
			l := ar.Compile(t, tr)
			self := trace.NewTrace(o.String() + " self")
			sx := self.Input(ta)
			if unary {
				self.Emit(trace.OpFinish, trace.Void, self.Emit(o, info.Result, sx))
			} else {
				sr := self.Emit(o, info.Result, sx, sx)
				self.Emit(trace.OpFinish, trace.Void, sr)
			}
			ls := ar.Compile(t, self)
			for _, a := range edgeBits(ta) {
				ar.Same(t, self, ls, []uint64{a}, nil)
				if unary {
					ar.Same(t, tr, l, []uint64{a}, nil)
					continue
				}
				for _, b := range edgeBits(info.Args[1]) {
					ar.Same(t, tr, l, []uint64{a, b}, nil)
				}
			}
			if unary {
				return
			}
			// A constant operand: one compiled trace per constant.
			for _, k := range edgeBits(ta) {
				for pos := 0; pos < 2; pos++ {
					tr := trace.NewTrace(o.String() + " const")
					x := tr.Input(ta)
					args := []trace.Ref{x, constOf(tr, ta, k)}
					if pos == 1 {
						args[0], args[1] = args[1], args[0]
					}
					r := tr.Emit(o, info.Result, args...)
					tr.Emit(trace.OpFinish, trace.Void, r)
					l := ar.Compile(t, tr)
					for _, a := range edgeBits(ta) {
						ar.Same(t, tr, l, []uint64{a}, nil)
					}
				}
			}
		})
	}
}

// TestComparisonsFusedWithGuards: a comparison used only by the guard after it is not
// materialized; the guard branches on the flags. Both guard kinds, every edge pair.
func (ar *Arch) testComparisonsFusedWithGuards(t *testing.T) {
	for _, o := range pureOps() {
		if !isComparison(o) {
			continue
		}
		info := o.Info()
		for _, guard := range []trace.Opcode{trace.OpGuardTrue, trace.OpGuardFalse} {
			tr := trace.NewTrace(o.String())
			ta := info.Args[0]
			x := tr.Input(ta)
			args := []trace.Ref{x}
			if len(info.Args) == 2 {
				args = append(args, tr.Input(ta))
			}
			c := tr.Emit(o, trace.Int, args...)
			s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{{Index: 0, Ref: x}}}}})
			tr.EmitGuard(guard, s, c)
			tr.Emit(trace.OpFinish, trace.Void, args...)
			l := ar.Compile(t, tr)
			for _, a := range edgeBits(ta) {
				if len(args) == 1 {
					ar.Same(t, tr, l, []uint64{a}, nil)
					continue
				}
				for _, b := range edgeBits(ta) {
					ar.Same(t, tr, l, []uint64{a, b}, nil)
				}
			}
		}
	}
}

// TestOverflowGuards: int_*_ovf and the guard after it, against irexec (trace.AddOvf...), the second operand an input (k == 0) or each
// edge constant; the snapshot names the wrapped result too.
func (ar *Arch) testOverflowGuards(t *testing.T) {
	for _, o := range []trace.Opcode{trace.OpIntAddOvf, trace.OpIntSubOvf, trace.OpIntMulOvf} {
		for _, guard := range []trace.Opcode{trace.OpGuardNoOverflow, trace.OpGuardOverflow} {
			for _, k := range append([]int64{0}, EdgeInts...) {
				tr := trace.NewTrace(o.String())
				a, b := tr.Input(trace.Int), tr.Input(trace.Int)
				y := b
				if k != 0 {
					y = tr.ConstInt(k)
				}
				r := tr.Emit(o, trace.Int, a, y)
				s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{{Index: 0, Ref: a}, {Index: 1, Ref: b}, {Index: 2, Ref: r}}}}})
				tr.EmitGuard(guard, s)
				tr.Emit(trace.OpFinish, trace.Void, r, a)
				l := ar.Compile(t, tr)
				for _, x := range EdgeInts {
					for _, z := range EdgeInts {
						ar.Same(t, tr, l, []uint64{uint64(x), uint64(z)}, nil)
					}
				}
			}
		}
	}
}

// TestDivisionByZeroAndMinusOne: the operands the IR leaves unspecified must not trap, and give FloorDiv's and FloorMod's values, with the divisor in a register or a
// constant.
func (ar *Arch) testDivisionByZeroAndMinusOne(t *testing.T) {
	for _, o := range []trace.Opcode{trace.OpIntFloorDiv, trace.OpIntMod} {
		for _, d := range []int64{0, -1, 1, 2, -2, 7, -7, math.MinInt64, math.MaxInt64} {
			for _, constDiv := range []bool{false, true} {
				tr := trace.NewTrace(o.String())
				a, b := tr.Input(trace.Int), tr.Input(trace.Int)
				div := b
				if constDiv {
					div = tr.ConstInt(d)
				}
				r := tr.Emit(o, trace.Int, a, div)
				tr.Emit(trace.OpFinish, trace.Void, r, a, b)
				l := ar.Compile(t, tr)
				for _, x := range EdgeInts {
					ar.Same(t, tr, l, []uint64{uint64(x), uint64(d)}, nil)
				}
			}
		}
	}
}

// TestFloatToIntSaturates: CVTTSD2SQ gives MinInt64 for everything out of range; the fix-up
// gives trace.FloatToInt's values.
func (ar *Arch) testFloatToIntSaturates(t *testing.T) {
	tr := Parse(t, "[f0]\ni1 = cast_float_to_int(f0)\nfinish(i1)")
	l := ar.Compile(t, tr)
	for _, f := range append(EdgeFloats, -9.223372036854775808e18, math.Nextafter(-9.223372036854775808e18, 0), math.Nextafter(-9.223372036854775808e18, math.Inf(-1))) {
		e := ar.Same(t, tr, l, []uint64{math.Float64bits(f)}, nil)
		if got := e.Int(1); got != trace.FloatToInt(f) {
			t.Errorf("cast_float_to_int(%v) = %d", f, got)
		}
	}
}

// TestGuardValue compares bit for bit: ints with small and wide constants, floats (0.0 is not
// -0.0, a NaN equals only itself), pointers.
func (ar *Arch) testGuardValue(t *testing.T) {
	for _, k := range EdgeInts {
		tr := trace.NewTrace("guard_value")
		x := tr.Input(trace.Int)
		s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{{Index: 0, Ref: x}}}}})
		tr.EmitGuard(trace.OpGuardValue, s, x, tr.ConstInt(k))
		tr.Emit(trace.OpFinish, trace.Void, x)
		l := ar.Compile(t, tr)
		for _, v := range EdgeInts {
			ar.Same(t, tr, l, []uint64{uint64(v)}, nil)
		}
	}
	for _, k := range EdgeFloats {
		tr := trace.NewTrace("guard_value")
		x := tr.Input(trace.Float)
		s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{{Index: 0, Ref: x}}}}})
		tr.EmitGuard(trace.OpGuardValue, s, x, tr.ConstFloat(k))
		tr.Emit(trace.OpFinish, trace.Void, x)
		l := ar.Compile(t, tr)
		for _, v := range EdgeFloats {
			ar.Same(t, tr, l, []uint64{math.Float64bits(v)}, nil)
		}
		ar.Same(t, tr, l, []uint64{0x7ff8000000000001}, nil) // another NaN
	}
}

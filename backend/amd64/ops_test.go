//go:build amd64 && unix

package amd64

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// Per-op tests in the style of PyPy's backend/test/runner_test.py: every op, on edge-case
// operands, in registers and as constants, compared bit for bit with irexec (the reference).

var (
	edgeInts = []int64{0, 1, -1, 2, -2, 3, -3, 7, -7, 63, 64, 65, -64, 1 << 32, -1 << 32,
		math.MaxInt32, math.MinInt32, math.MaxInt32 + 1, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1}
	negZero    = math.Copysign(0, -1)
	edgeFloats = []float64{0, negZero, 1, -1, 0.5, -2.5, 3, 1e300, -1e300, math.SmallestNonzeroFloat64,
		math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 9.223372036854775807e18, -9.223372036854775808e18,
		9.2233720368547748e18, -9.2233720368547758e18 * 1.0000001, 1.9, -1.9, 4503599627370497}
)

func edgeBits(typ trace.Type) []uint64 {
	var out []uint64
	if typ == trace.Float {
		for _, f := range edgeFloats {
			out = append(out, math.Float64bits(f))
		}
		return out
	}
	for _, v := range edgeInts {
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

// TestPureOps runs every pure op on every pair of edge operands, with both operands inputs,
// with the same input twice, and with either operand a constant (an immediate where x86 has
// one); the result is also kept live across a second use so that both the in-place and the
// copying code paths run.
func TestPureOps(t *testing.T) {
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
			l := compile(t, tr)
			self := trace.NewTrace(o.String() + " self")
			sx := self.Input(ta)
			if unary {
				self.Emit(trace.OpFinish, trace.Void, self.Emit(o, info.Result, sx))
			} else {
				sr := self.Emit(o, info.Result, sx, sx)
				self.Emit(trace.OpFinish, trace.Void, sr)
			}
			ls := compile(t, self)
			for _, a := range edgeBits(ta) {
				same(t, self, ls, []uint64{a}, nil)
				if unary {
					same(t, tr, l, []uint64{a}, nil)
					continue
				}
				for _, b := range edgeBits(info.Args[1]) {
					same(t, tr, l, []uint64{a, b}, nil)
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
					l := compile(t, tr)
					for _, a := range edgeBits(ta) {
						same(t, tr, l, []uint64{a}, nil)
					}
				}
			}
		})
	}
}

// TestComparisonsFusedWithGuards: a comparison used only by the guard after it is not
// materialized; the guard branches on the flags. Both guard kinds, every edge pair.
func TestComparisonsFusedWithGuards(t *testing.T) {
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
			l := compile(t, tr)
			for _, a := range edgeBits(ta) {
				if len(args) == 1 {
					same(t, tr, l, []uint64{a}, nil)
					continue
				}
				for _, b := range edgeBits(ta) {
					same(t, tr, l, []uint64{a, b}, nil)
				}
			}
		}
	}
}

// TestBitTestsFusedWithGuards: int_and(x, imm) that only a guard tests against 0 becomes TEST
// and the guard's branch, with debug_merge_points in between (which emit nothing); the same
// for a comparison. Every guard kind that tests against 0, edge inputs, against irexec.
func TestBitTestsFusedWithGuards(t *testing.T) {
	debug := &trace.DebugDescr{Text: "between"}
	cell := &trace.FieldDescr{Name: "cell", Offset: 8, Size: 8, Type: trace.Int}
	for _, mask := range []int64{1, 3, -1, 0x40000000, -0x80000000} {
		for _, guard := range []trace.Opcode{trace.OpGuardTrue, trace.OpGuardFalse, trace.OpGuardValue} {
			tr := trace.NewTrace("and")
			x := tr.Input(trace.Int)
			p := tr.Input(trace.Ptr)
			and := tr.Emit(trace.OpIntAnd, trace.Int, x, tr.ConstInt(mask))
			tr.EmitDescr(trace.OpDebugMergePoint, trace.Void, debug)
			s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{{Index: 0, Ref: x}}}}})
			if guard == trace.OpGuardValue {
				tr.EmitGuard(guard, s, and, tr.ConstInt(0))
			} else {
				tr.EmitGuard(guard, s, and)
			}
			lt := tr.Emit(trace.OpIntLt, trace.Int, x, tr.ConstInt(7))
			tr.EmitDescr(trace.OpDebugMergePoint, trace.Void, debug)
			tr.EmitDescr(trace.OpSetfield, trace.Void, cell, p, x) // a MOV: keeps the flags
			tr.EmitDescr(trace.OpSetfield, trace.Void, cell, p, tr.ConstInt(-5))
			s2 := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{PC: 1, Slots: []trace.SnapSlot{{Index: 0, Ref: x}, {Index: 1, Ref: lt}}}}})
			tr.EmitGuard(trace.OpGuardTrue, s2, lt)
			tr.Emit(trace.OpFinish, trace.Void, x)
			l := compile(t, tr)
			dis := l.Disassemble()
			if !strings.Contains(dis, "test ") || setccText.MatchString(dis) || strings.Contains(dis, " and ") {
				t.Errorf("mask %#x, %s: not fused into TEST and CMP with branches:\n%s", mask, guard, dis)
			}
			for _, a := range append(edgeInts, 2, 4, 5, 6, 0x40000000, -0x80000000) {
				var mem [2]int64
				same(t, tr, l, []uint64{uint64(a), 0}, []unsafe.Pointer{nil, unsafe.Pointer(&mem)})
			}
		}
	}
}

// setccText matches a SETcc instruction in a disassembly.
var setccText = regexp.MustCompile(`\bset[a-z]+ [a-z]`)

func isComparison(o trace.Opcode) bool {
	switch o {
	case trace.OpIntLt, trace.OpIntLe, trace.OpIntEq, trace.OpIntNe, trace.OpIntGt, trace.OpIntGe, trace.OpUintLt,
		trace.OpUintGe, trace.OpIntIsTrue, trace.OpIntIsZero, trace.OpFloatLt, trace.OpFloatLe, trace.OpFloatEq,
		trace.OpFloatNe, trace.OpFloatGt, trace.OpFloatGe:
		return true
	}
	return false
}

// TestOverflowGuards: int_*_ovf and the guard after it (a JO/JNO on the flags of the
// arithmetic), against irexec (trace.AddOvf...), the second operand an input (k == 0) or each
// edge constant; the snapshot names the wrapped result too.
func TestOverflowGuards(t *testing.T) {
	for _, o := range []trace.Opcode{trace.OpIntAddOvf, trace.OpIntSubOvf, trace.OpIntMulOvf} {
		for _, guard := range []trace.Opcode{trace.OpGuardNoOverflow, trace.OpGuardOverflow} {
			for _, k := range append([]int64{0}, edgeInts...) {
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
				l := compile(t, tr)
				for _, x := range edgeInts {
					for _, z := range edgeInts {
						same(t, tr, l, []uint64{uint64(x), uint64(z)}, nil)
					}
				}
			}
		}
	}
}

// TestDivisionByZeroAndMinusOne: the operands the IR leaves unspecified must not trap (IDIV
// would), and give FloorDiv's and FloorMod's values, with the divisor in a register or a
// constant.
func TestDivisionByZeroAndMinusOne(t *testing.T) {
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
				l := compile(t, tr)
				for _, x := range edgeInts {
					same(t, tr, l, []uint64{uint64(x), uint64(d)}, nil)
				}
			}
		}
	}
}

// TestShiftCountInCX: shifts whose count must go to CL while CX holds other live values, the
// shifted value is the count, or the count is an input that lives on.
func TestShiftCountInCX(t *testing.T) {
	tr := parse(t, `
[i0, i1, i2, i3, i4, i5]
i6 = int_lshift(i0, i1)
i7 = int_rshift(i2, i0)
i8 = int_urshift(i1, i1)
i9 = int_lshift(i6, i7)
i10 = int_add(i3, i4)
i11 = int_rshift(i10, i5)
i12 = int_urshift(i5, i3)
finish(i6, i7, i8, i9, i10, i11, i12, i0, i1, i2, i3, i4, i5)
`)
	l := compile(t, tr)
	for _, a := range edgeInts {
		for _, b := range []int64{0, 1, 63, 64, 65, -1, math.MinInt64} {
			same(t, tr, l, []uint64{uint64(a), uint64(b), uint64(a ^ b), uint64(b), uint64(a), uint64(b + 3)}, nil)
		}
	}
}

// TestFloatToIntSaturates: CVTTSD2SQ gives MinInt64 for everything out of range; the fix-up
// gives trace.FloatToInt's values.
func TestFloatToIntSaturates(t *testing.T) {
	tr := parse(t, "[f0]\ni1 = cast_float_to_int(f0)\nfinish(i1)")
	l := compile(t, tr)
	for _, f := range append(edgeFloats, -9.223372036854775808e18, math.Nextafter(-9.223372036854775808e18, 0), math.Nextafter(-9.223372036854775808e18, math.Inf(-1))) {
		e := same(t, tr, l, []uint64{math.Float64bits(f)}, nil)
		if got := e.Int(1); got != trace.FloatToInt(f) {
			t.Errorf("cast_float_to_int(%v) = %d", f, got)
		}
	}
}

// TestGuardValue compares bit for bit: ints with small and wide constants, floats (0.0 is not
// -0.0, a NaN equals only itself), pointers.
func TestGuardValue(t *testing.T) {
	for _, k := range edgeInts {
		tr := trace.NewTrace("guard_value")
		x := tr.Input(trace.Int)
		s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{{Index: 0, Ref: x}}}}})
		tr.EmitGuard(trace.OpGuardValue, s, x, tr.ConstInt(k))
		tr.Emit(trace.OpFinish, trace.Void, x)
		l := compile(t, tr)
		for _, v := range edgeInts {
			same(t, tr, l, []uint64{uint64(v)}, nil)
		}
	}
	for _, k := range edgeFloats {
		tr := trace.NewTrace("guard_value")
		x := tr.Input(trace.Float)
		s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{{Index: 0, Ref: x}}}}})
		tr.EmitGuard(trace.OpGuardValue, s, x, tr.ConstFloat(k))
		tr.Emit(trace.OpFinish, trace.Void, x)
		l := compile(t, tr)
		for _, v := range edgeFloats {
			same(t, tr, l, []uint64{math.Float64bits(v)}, nil)
		}
		same(t, tr, l, []uint64{0x7ff8000000000001}, nil) // another NaN
	}
}

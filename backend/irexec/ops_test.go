package irexec

import (
	"math"
	"math/big"
	"testing"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/trace"
)

var (
	negZero = math.Copysign(0, -1)
	inf     = math.Inf(1)
	nan     = math.NaN()
)

// edgeInts are the operands every int op is tried on.
var edgeInts = []int64{0, 1, -1, 2, -2, 3, -3, 7, -7, 63, 64, 65, -64, 1 << 32, -1 << 32,
	math.MaxInt32, math.MinInt32, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1}

// runOp runs the one-op trace "[x, y] r = op(x, y) finish(r)" (or unary) and returns r's bits.
func runOp(t *testing.T, opcode trace.Opcode, args ...uint64) uint64 {
	t.Helper()
	info := opcode.Info()
	tr := trace.NewTrace(opcode.String())
	var refs []trace.Ref
	for k := range args {
		refs = append(refs, tr.Input(info.Args[k]))
	}
	r := tr.Emit(opcode, info.Result, refs...)
	tr.Emit(trace.OpFinish, trace.Void, r)
	loop, err := New().Compile(tr)
	if err != nil {
		t.Fatal(err)
	}
	var exit backend.Exit
	loop.Run(args, nil, &exit)
	if !exit.IsFinish() {
		t.Fatalf("%s did not finish", opcode)
	}
	return exit.Bits(r)
}

func u(v int64) uint64    { return uint64(v) }
func fb(f float64) uint64 { return math.Float64bits(f) }

// bigOf computes an int op exactly with math/big, to check wrapping and overflow against.
func bigOf(opcode trace.Opcode, a, b int64) *big.Int {
	x, y := big.NewInt(a), big.NewInt(b)
	switch opcode {
	case trace.OpIntAdd, trace.OpIntAddOvf:
		return x.Add(x, y)
	case trace.OpIntSub, trace.OpIntSubOvf:
		return x.Sub(x, y)
	case trace.OpIntMul, trace.OpIntMulOvf:
		return x.Mul(x, y)
	}
	panic(opcode)
}

func wrap(v *big.Int) int64 {
	m := new(big.Int).Lsh(big.NewInt(1), 64)
	r := new(big.Int).Mod(v, m)
	return int64(r.Uint64())
}

func TestWrappingArithmetic(t *testing.T) {
	for _, op := range []trace.Opcode{trace.OpIntAdd, trace.OpIntSub, trace.OpIntMul} {
		for _, a := range edgeInts {
			for _, b := range edgeInts {
				want := wrap(bigOf(op, a, b))
				if got := int64(runOp(t, op, u(a), u(b))); got != want {
					t.Errorf("%s(%d, %d) = %d, want %d", op, a, b, got, want)
				}
			}
		}
	}
}

// The overflow-checked ops: the result wraps, and the right guard fails exactly when the
// true result does not fit in int64.
func TestOverflowChecked(t *testing.T) {
	for _, op := range []trace.Opcode{trace.OpIntAddOvf, trace.OpIntSubOvf, trace.OpIntMulOvf} {
		for _, guard := range []trace.Opcode{trace.OpGuardNoOverflow, trace.OpGuardOverflow} {
			tr := trace.NewTrace("ovf")
			a, b := tr.Input(trace.Int), tr.Input(trace.Int)
			r := tr.Emit(op, trace.Int, a, b)
			s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{{Index: 0, Ref: a}, {Index: 1, Ref: b}}}}})
			g := tr.EmitGuard(guard, s)
			tr.Emit(trace.OpFinish, trace.Void, r)
			loop, err := New().Compile(tr)
			if err != nil {
				t.Fatal(err)
			}
			var exit backend.Exit
			for _, x := range edgeInts {
				for _, y := range edgeInts {
					exact := bigOf(op, x, y)
					overflows := !exact.IsInt64()
					loop.Run([]uint64{u(x), u(y)}, nil, &exit)
					failed := exit.Op == int(g)
					if failed != (overflows == (guard == trace.OpGuardNoOverflow)) {
						t.Errorf("%s(%d, %d) then %s: exit at op %d, overflow %v", op, x, y, guard, exit.Op, overflows)
					}
					if failed && (exit.Int(a) != x || exit.Int(b) != y) {
						t.Errorf("%s(%d, %d): snapshot values %d %d", op, x, y, exit.Int(a), exit.Int(b))
					}
					if !failed && exit.Int(r) != wrap(exact) {
						t.Errorf("%s(%d, %d) = %d, want %d", op, x, y, exit.Int(r), wrap(exact))
					}
				}
			}
		}
	}
}

func TestMulOvfAgainstBig(t *testing.T) {
	for _, a := range edgeInts {
		for _, b := range edgeInts {
			exact := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
			r, ovf := trace.MulOvf(a, b)
			if ovf != !exact.IsInt64() || r != wrap(exact) {
				t.Errorf("MulOvf(%d, %d) = %d, %v", a, b, r, ovf)
			}
		}
	}
}

// int_floordiv and int_mod are Python's // and %: floor division, remainder with the
// divisor's sign, and a == (a//b)*b + a%b.
func TestFloorDivMod(t *testing.T) {
	for _, a := range edgeInts {
		for _, b := range edgeInts {
			if b == 0 || a == math.MinInt64 && b == -1 {
				continue
			}
			x, y := big.NewInt(a), big.NewInt(b)
			q, m := new(big.Int), new(big.Int)
			q.DivMod(x, y, m) // Euclidean: 0 <= m < |y|
			if m.Sign() != 0 && y.Sign() < 0 {
				q.Sub(q, big.NewInt(1)) // floor, and m takes y's sign
				m.Add(m, y)
			}
			if got := int64(runOp(t, trace.OpIntFloorDiv, u(a), u(b))); got != q.Int64() {
				t.Errorf("%d // %d = %d, want %d", a, b, got, q.Int64())
			}
			if got := int64(runOp(t, trace.OpIntMod, u(a), u(b))); got != m.Int64() {
				t.Errorf("%d %% %d = %d, want %d", a, b, got, m.Int64())
			}
		}
	}
	// A few by hand, as Python prints them.
	for _, c := range [][4]int64{{7, 2, 3, 1}, {-7, 2, -4, 1}, {7, -2, -4, -1}, {-7, -2, 3, -1}, {6, -3, -2, 0}} {
		if q, m := int64(runOp(t, trace.OpIntFloorDiv, u(c[0]), u(c[1]))), int64(runOp(t, trace.OpIntMod, u(c[0]), u(c[1]))); q != c[2] || m != c[3] {
			t.Errorf("divmod(%d, %d) = (%d, %d), want (%d, %d)", c[0], c[1], q, m, c[2], c[3])
		}
	}
	// The unspecified operands do not trap, and give the documented values.
	if runOp(t, trace.OpIntFloorDiv, 5, 0) != 0 || runOp(t, trace.OpIntMod, 5, 0) != 0 {
		t.Error("division by zero")
	}
	if int64(runOp(t, trace.OpIntFloorDiv, u(math.MinInt64), u(-1))) != math.MinInt64 || runOp(t, trace.OpIntMod, u(math.MinInt64), u(-1)) != 0 {
		t.Error("MinInt64 // -1")
	}
}

func TestBitsAndShifts(t *testing.T) {
	cases := []struct {
		op      trace.Opcode
		a, b    int64
		want    int64
		comment string
	}{
		{trace.OpIntAnd, -1, 0x0f0f, 0x0f0f, ""},
		{trace.OpIntOr, 0x0f00, 0x00f0, 0x0ff0, ""},
		{trace.OpIntXor, -1, 0x00ff, ^0x00ff, ""},
		{trace.OpIntLshift, 1, 0, 1, "by 0"},
		{trace.OpIntLshift, 1, 63, math.MinInt64, "by 63"},
		{trace.OpIntLshift, 1, 64, 1, "by 64 is by 0"},
		{trace.OpIntLshift, 1, 65, 2, "by 65 is by 1"},
		{trace.OpIntLshift, 1, -1, math.MinInt64, "by -1 is by 63"},
		{trace.OpIntRshift, math.MinInt64, 63, -1, "arithmetic"},
		{trace.OpIntRshift, -8, 1, -4, ""},
		{trace.OpIntRshift, -8, 64, -8, "by 64 is by 0"},
		{trace.OpIntRshift, 8, 0, 8, ""},
		{trace.OpIntUrshift, math.MinInt64, 63, 1, "logical"},
		{trace.OpIntUrshift, -1, 1, math.MaxInt64, ""},
		{trace.OpIntUrshift, -1, 64, -1, "by 64 is by 0"},
	}
	for _, c := range cases {
		if got := int64(runOp(t, c.op, u(c.a), u(c.b))); got != c.want {
			t.Errorf("%s(%d, %d) = %d, want %d %s", c.op, c.a, c.b, got, c.want, c.comment)
		}
	}
	unary := []struct {
		op      trace.Opcode
		a, want int64
	}{
		{trace.OpIntNeg, 5, -5}, {trace.OpIntNeg, math.MinInt64, math.MinInt64}, {trace.OpIntNeg, 0, 0},
		{trace.OpIntInvert, 0, -1}, {trace.OpIntInvert, math.MaxInt64, math.MinInt64},
		{trace.OpIntIsTrue, 0, 0}, {trace.OpIntIsTrue, math.MinInt64, 1}, {trace.OpIntIsTrue, -1, 1},
		{trace.OpIntIsZero, 0, 1}, {trace.OpIntIsZero, 1, 0},
	}
	for _, c := range unary {
		if got := int64(runOp(t, c.op, u(c.a))); got != c.want {
			t.Errorf("%s(%d) = %d, want %d", c.op, c.a, got, c.want)
		}
	}
}

func TestIntComparisons(t *testing.T) {
	for _, a := range edgeInts {
		for _, b := range edgeInts {
			want := map[trace.Opcode]bool{
				trace.OpIntLt: a < b, trace.OpIntLe: a <= b, trace.OpIntEq: a == b, trace.OpIntNe: a != b,
				trace.OpIntGt: a > b, trace.OpIntGe: a >= b, trace.OpUintLt: uint64(a) < uint64(b),
				trace.OpUintGe: uint64(a) >= uint64(b),
			}
			for op, w := range want {
				if got := runOp(t, op, u(a), u(b)); got != b2u(w) {
					t.Errorf("%s(%d, %d) = %d, want %v", op, a, b, got, w)
				}
			}
		}
	}
}

func TestFloatOps(t *testing.T) {
	bin := []struct {
		op      trace.Opcode
		a, b    float64
		want    float64
		comment string
	}{
		{trace.OpFloatAdd, 1.5, 2.25, 3.75, ""},
		{trace.OpFloatAdd, negZero, negZero, negZero, "-0 + -0 is -0"},
		{trace.OpFloatAdd, 0, negZero, 0, "0 + -0 is +0"},
		{trace.OpFloatAdd, inf, -inf, nan, "inf - inf is nan"},
		{trace.OpFloatAdd, math.MaxFloat64, math.MaxFloat64, inf, "overflow to inf"},
		{trace.OpFloatSub, 0, 0, 0, ""},
		{trace.OpFloatSub, negZero, 0, negZero, ""},
		{trace.OpFloatSub, 0.3, 0.1, 0.19999999999999998, "binary floats, as Python: 0.3 - 0.1"},
		{trace.OpFloatMul, -1, 0, negZero, ""},
		{trace.OpFloatMul, inf, 0, nan, ""},
		{trace.OpFloatMul, 1e-300, 1e-300, 0, "underflow"},
		{trace.OpFloatTrueDiv, 1, 0, inf, ""},
		{trace.OpFloatTrueDiv, -1, 0, -inf, ""},
		{trace.OpFloatTrueDiv, 1, negZero, -inf, ""},
		{trace.OpFloatTrueDiv, 0, 0, nan, ""},
		{trace.OpFloatTrueDiv, 1, 3, 1.0 / 3, ""},
		{trace.OpFloatTrueDiv, math.SmallestNonzeroFloat64, 2, 0, "rounds to even"},
	}
	for _, c := range bin {
		got := math.Float64frombits(runOp(t, c.op, fb(c.a), fb(c.b)))
		if !sameFloat(got, c.want) {
			t.Errorf("%s(%v, %v) = %v, want %v %s", c.op, c.a, c.b, got, c.want, c.comment)
		}
	}
	unary := []struct {
		op      trace.Opcode
		a, want float64
	}{
		{trace.OpFloatNeg, 0, negZero}, {trace.OpFloatNeg, negZero, 0}, {trace.OpFloatNeg, inf, -inf},
		{trace.OpFloatNeg, nan, nan}, {trace.OpFloatAbs, negZero, 0}, {trace.OpFloatAbs, -inf, inf},
		{trace.OpFloatAbs, -2.5, 2.5}, {trace.OpFloatAbs, nan, nan},
		{trace.OpFloatSqrt, 4, 2}, {trace.OpFloatSqrt, 2, math.Sqrt2}, {trace.OpFloatSqrt, -1, nan},
		{trace.OpFloatSqrt, negZero, negZero}, {trace.OpFloatSqrt, inf, inf},
	}
	for _, c := range unary {
		got := math.Float64frombits(runOp(t, c.op, fb(c.a)))
		if !sameFloat(got, c.want) {
			t.Errorf("%s(%v) = %v, want %v", c.op, c.a, got, c.want)
		}
	}
	// float_neg and float_abs work on the sign bit alone, NaNs included.
	if runOp(t, trace.OpFloatNeg, 0x7ff8000000000001) != 0xfff8000000000001 || runOp(t, trace.OpFloatAbs, 0xfff8000000000001) != 0x7ff8000000000001 {
		t.Error("sign bit of NaN")
	}
}

// sameFloat compares floats by bits, with all NaNs equal.
func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

func TestFloatComparisons(t *testing.T) {
	vals := []float64{0, negZero, 1, -1, inf, -inf, nan, math.SmallestNonzeroFloat64}
	for _, a := range vals {
		for _, b := range vals {
			want := map[trace.Opcode]bool{
				trace.OpFloatLt: a < b, trace.OpFloatLe: a <= b, trace.OpFloatEq: a == b,
				trace.OpFloatNe: a != b, trace.OpFloatGt: a > b, trace.OpFloatGe: a >= b,
			}
			for op, w := range want {
				if got := runOp(t, op, fb(a), fb(b)); got != b2u(w) {
					t.Errorf("%s(%v, %v) = %d, want %v", op, a, b, got, w)
				}
			}
		}
	}
	// The cases that matter, spelled out: NaN is unordered, -0.0 == 0.0.
	if runOp(t, trace.OpFloatEq, fb(nan), fb(nan)) != 0 || runOp(t, trace.OpFloatNe, fb(nan), fb(nan)) != 1 ||
		runOp(t, trace.OpFloatEq, fb(0), fb(negZero)) != 1 || runOp(t, trace.OpFloatGe, fb(nan), fb(1)) != 0 {
		t.Error("IEEE comparison")
	}
}

func TestCasts(t *testing.T) {
	toInt := []struct {
		f    float64
		want int64
	}{
		{0, 0}, {negZero, 0}, {1.9, 1}, {-1.9, -1}, {0.5, 0}, {-0.5, 0},
		{9.223372036854775807e18, math.MaxInt64}, // 2**63 exactly: saturates
		{-9.223372036854775808e18, math.MinInt64},
		{9.2233720368547748e18, 9223372036854774784}, // the largest float below 2**63
		{1e300, math.MaxInt64}, {-1e300, math.MinInt64}, {inf, math.MaxInt64}, {-inf, math.MinInt64}, {nan, 0},
	}
	for _, c := range toInt {
		if got := int64(runOp(t, trace.OpCastFloatToInt, fb(c.f))); got != c.want {
			t.Errorf("cast_float_to_int(%v) = %d, want %d", c.f, got, c.want)
		}
	}
	toFloat := []struct {
		i    int64
		want float64
	}{
		{0, 0}, {-1, -1}, {math.MaxInt64, 9.223372036854775807e18}, {math.MinInt64, -9.223372036854775808e18},
		{1<<53 + 1, 1 << 53}, // rounds to nearest even
	}
	for _, c := range toFloat {
		if got := math.Float64frombits(runOp(t, trace.OpCastIntToFloat, u(c.i))); got != c.want {
			t.Errorf("cast_int_to_float(%d) = %v, want %v", c.i, got, c.want)
		}
	}
}

// trace.Eval, which the optimizer folds constants with, computes exactly what irexec runs.
func TestEvalAgreesWithExecution(t *testing.T) {
	floats := []float64{0, negZero, 1, -1.5, 1e300, math.SmallestNonzeroFloat64, inf, -inf, nan, 9.3e18}
	operands := func(typ trace.Type) []uint64 {
		var out []uint64
		if typ == trace.Float {
			for _, f := range floats {
				out = append(out, fb(f))
			}
			return out
		}
		for _, v := range edgeInts {
			out = append(out, u(v))
		}
		return out
	}
	for o := trace.Opcode(1); o < trace.Opcode(trace.NumOpcodes); o++ {
		info := o.Info()
		if info.Flags&trace.FlagPure == 0 {
			continue
		}
		if info.Args[0] == trace.Ptr {
			if _, ok := trace.Eval(o, 0, 0); ok {
				t.Errorf("Eval computes %s", o)
			}
			continue
		}
		as := operands(info.Args[0])
		bs := []uint64{0}
		if len(info.Args) == 2 {
			bs = operands(info.Args[1])
		}
		for _, a := range as {
			for _, b := range bs {
				args := []uint64{a, b}[:len(info.Args)]
				got := runOp(t, o, args...)
				want, ok := trace.Eval(o, a, b)
				if !ok {
					t.Fatalf("Eval does not compute %s", o)
				}
				if got != want && !(info.Result == trace.Float && math.IsNaN(math.Float64frombits(got)) && math.IsNaN(math.Float64frombits(want))) {
					t.Errorf("%s(%#x, %#x): irexec %#x, Eval %#x", o, a, b, got, want)
				}
			}
		}
	}
	for _, o := range []trace.Opcode{trace.OpIntAddOvf, trace.OpIntSubOvf, trace.OpIntMulOvf} {
		for _, a := range edgeInts {
			for _, b := range edgeInts {
				r, ovf, ok := trace.EvalOvf(o, a, b)
				exact := bigOf(o, a, b)
				if !ok || ovf != !exact.IsInt64() || r != wrap(exact) {
					t.Errorf("EvalOvf(%s, %d, %d) = %d, %v, %v", o, a, b, r, ovf, ok)
				}
			}
		}
	}
	if _, _, ok := trace.EvalOvf(trace.OpIntAdd, 1, 2); ok {
		t.Error("EvalOvf computes int_add")
	}
	if _, ok := trace.Eval(trace.OpGetfieldI, 1, 2); ok {
		t.Error("Eval computes getfield_i")
	}
}

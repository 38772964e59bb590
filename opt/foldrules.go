package opt

import (
	"math"
	"math/bits"

	"github.com/metajit/metajit/trace"
)

// The rule table of the fold pass, in the manner of LuaJIT's lj_opt_fold.c, where each rule
// is a line LJFOLD(ADD any KINT) naming the opcode and the shape of the operands it matches,
// followed by the code that rewrites it.
//
// Each rule here is one row: its name, which is the rule as it reads (x, y: any values;
// c, c1, c2: constants; b: a value that is always 0 or 1, such as a comparison), the opcode it
// applies to, and a function that checks the shape of the arguments and gives the result:
// an existing value or constant (val), another op to fold again (rw), or, for guards,
// removed. Rules see arguments after constants have moved right (int_add(1, x) is
// int_add(x, 1); int_lt(1, x) is int_gt(x, 1)) and after constant folding, so a rule never
// has to handle all-constant arguments.
//
// Every rule is exact: it gives the very bits the op would compute, for every input,
// wrapping arithmetic included. Float rules in particular hold only where IEEE 754 makes
// them exact: x*1.0 and x-0.0 are x, but x+0.0 is not (-0.0 + 0.0 is 0.0) and neither is
// x*0.0 (inf*0.0 is nan, -1*0.0 is -0.0), and float_eq(x, x) is not 1 (nan). (The payload of
// a nan computed at run time is unspecified by the IR, so x*1.0 is x even for a signaling
// nan, which the multiplication would quiet.)
//
// A test checks that every row here is exercised by at least one before/after case.

// foldRule is one row of the table.
type foldRule struct {
	name string       // the rule as it reads
	op   trace.Opcode // the opcode it matches
	fn   func(f *folder, a []trace.Ref) (result, bool)
}

// Results of rules.
func val(r trace.Ref) (result, bool) { return result{kind: resValue, ref: r}, true }
func rw(opc trace.Opcode, args ...trace.Ref) (result, bool) {
	return result{kind: resOp, op: opc, args: args}, true
}
func removed() (result, bool) { return result{kind: resRemove}, true }
func no() (result, bool)      { return result{}, false }

// Common shapes.

// yIs: op(x, v) => x-side result.
func yIs(v int64, then func(f *folder, a []trace.Ref) (result, bool)) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) {
		if f.isK(a[1], v) {
			return then(f, a)
		}
		return no()
	}
}

// xIs: op(v, y) => ...
func xIs(v int64, then func(f *folder, a []trace.Ref) (result, bool)) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) {
		if f.isK(a[0], v) {
			return then(f, a)
		}
		return no()
	}
}

// same: op(x, x) => ...
func same(then func(f *folder, a []trace.Ref) (result, bool)) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) {
		if a[0] == a[1] {
			return then(f, a)
		}
		return no()
	}
}

// fyIs: op(x, c) => ... for the float constant c, bit for bit.
func fyIs(v float64, then func(f *folder, a []trace.Ref) (result, bool)) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) {
		if f.isFK(a[1], v) {
			return then(f, a)
		}
		return no()
	}
}

func retX(f *folder, a []trace.Ref) (result, bool) { return val(a[0]) }
func retK(v int64) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) { return val(f.kint(v)) }
}
func retOpX(opc trace.Opcode) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) { return rw(opc, a[0]) }
}

// inner: op(inner(x, c1), c2) => build(x, c1, c2), for reassociating constants.
func inner(in trace.Opcode, build func(f *folder, x trace.Ref, c1, c2 int64) (result, bool)) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) {
		c2, ok := f.k(a[1])
		d := f.def(a[0], in)
		if !ok || d == nil {
			return no()
		}
		if c1, ok := f.k(d.Args[1]); ok {
			return build(f, d.Args[0], c1, c2)
		}
		return no()
	}
}

// unaryOf: op(inner(x)) => build(x).
func unaryOf(in trace.Opcode, build func(f *folder, x trace.Ref) (result, bool)) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) {
		if d := f.def(a[0], in); d != nil {
			return build(f, d.Args[0])
		}
		return no()
	}
}

// boolX: op(b, ...) where b is always 0 or 1.
func boolX(then func(f *folder, a []trace.Ref) (result, bool)) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) {
		if f.isBool(a[0]) {
			return then(f, a)
		}
		return no()
	}
}

// log2 returns k when v is 2**k with 1 <= k <= 63 (as an unsigned number: 1<<63 is
// math.MinInt64).
func log2(v int64) (int, bool) {
	u := uint64(v)
	if u < 2 || u&(u-1) != 0 {
		return 0, false
	}
	return bits.TrailingZeros64(u), true
}

// exactReciprocal returns 1/c when c is a power of two whose reciprocal is a normal float,
// so that x/c and x*(1/c) round the same exact value (x * 2**-k) and are equal bit for bit.
func exactReciprocal(c float64) (float64, bool) {
	if c == 0 || math.IsInf(c, 0) || math.IsNaN(c) {
		return 0, false
	}
	frac, _ := math.Frexp(c)
	if math.Abs(frac) != 0.5 {
		return 0, false
	}
	r := 1 / c
	const smallestNormal = 0x1p-1022
	if math.IsInf(r, 0) || math.Abs(r) < smallestNormal || math.Abs(c) < smallestNormal {
		return 0, false
	}
	return r, true
}

// negatedCmp is the int comparison (or test) that gives the opposite result: int_is_zero of
// a comparison is the negated comparison. Float comparisons are not here: not (a < b) is not
// a >= b when either is nan.
var negatedCmp = map[trace.Opcode]trace.Opcode{
	trace.OpIntLt: trace.OpIntGe, trace.OpIntGe: trace.OpIntLt,
	trace.OpIntLe: trace.OpIntGt, trace.OpIntGt: trace.OpIntLe,
	trace.OpIntEq: trace.OpIntNe, trace.OpIntNe: trace.OpIntEq,
	trace.OpUintLt: trace.OpUintGe, trace.OpUintGe: trace.OpUintLt,
	trace.OpPtrEq: trace.OpPtrNe, trace.OpPtrNe: trace.OpPtrEq,
	trace.OpIntIsTrue: trace.OpIntIsZero, trace.OpIntIsZero: trace.OpIntIsTrue,
}

// guardOfTest: guard(test(x)) => newGuard(x).
func guardOfTest(test, newGuard trace.Opcode) func(*folder, []trace.Ref) (result, bool) {
	return unaryOf(test, func(f *folder, x trace.Ref) (result, bool) { return rw(newGuard, x) })
}

// guardOfEq: guard(eq(x, c)) => guard_value(x, c) (an int or pointer compared with a constant).
func guardOfEq(eq trace.Opcode) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) {
		if d := f.def(a[0], eq); d != nil && f.isConst(d.Args[1]) && !f.isConst(d.Args[0]) {
			return rw(trace.OpGuardValue, d.Args[0], d.Args[1])
		}
		return no()
	}
}

// guardOfNullCmp: guard(cmp(p, null)) => newGuard(p).
func guardOfNullCmp(cmp, newGuard trace.Opcode) func(*folder, []trace.Ref) (result, bool) {
	return func(f *folder, a []trace.Ref) (result, bool) {
		if d := f.def(a[0], cmp); d != nil && f.isConst(d.Args[1]) && f.w.out.ConstValue(d.Args[1]).Ptr == nil {
			return rw(newGuard, d.Args[0])
		}
		return no()
	}
}

// foldRules is the table.
var foldRules = []foldRule{
	// Integer addition and subtraction (wrapping, so every reassociation is exact).
	{"int_add(x, 0) => x", trace.OpIntAdd, yIs(0, retX)},
	{"int_add(int_add(x, c1), c2) => int_add(x, c1+c2)", trace.OpIntAdd, inner(trace.OpIntAdd, func(f *folder, x trace.Ref, c1, c2 int64) (result, bool) {
		return rw(trace.OpIntAdd, x, f.kint(c1+c2))
	})},
	{"int_add(int_sub(x, c1), c2) => int_add(x, c2-c1)", trace.OpIntAdd, inner(trace.OpIntSub, func(f *folder, x trace.Ref, c1, c2 int64) (result, bool) {
		return rw(trace.OpIntAdd, x, f.kint(c2-c1))
	})},
	{"int_add(x, int_neg(y)) => int_sub(x, y)", trace.OpIntAdd, func(f *folder, a []trace.Ref) (result, bool) {
		if d := f.def(a[1], trace.OpIntNeg); d != nil {
			return rw(trace.OpIntSub, a[0], d.Args[0])
		}
		if d := f.def(a[0], trace.OpIntNeg); d != nil {
			return rw(trace.OpIntSub, a[1], d.Args[0])
		}
		return no()
	}},
	{"int_add(int_sub(x, y), y) => x", trace.OpIntAdd, func(f *folder, a []trace.Ref) (result, bool) {
		for k := 0; k < 2; k++ {
			if d := f.def(a[k], trace.OpIntSub); d != nil && d.Args[1] == a[1-k] {
				return val(d.Args[0])
			}
		}
		return no()
	}},
	{"int_sub(x, 0) => x", trace.OpIntSub, yIs(0, retX)},
	{"int_sub(x, x) => 0", trace.OpIntSub, same(retK(0))},
	{"int_sub(0, x) => int_neg(x)", trace.OpIntSub, xIs(0, func(f *folder, a []trace.Ref) (result, bool) {
		return rw(trace.OpIntNeg, a[1])
	})},
	{"int_sub(int_add(x, c1), c2) => int_add(x, c1-c2)", trace.OpIntSub, inner(trace.OpIntAdd, func(f *folder, x trace.Ref, c1, c2 int64) (result, bool) {
		return rw(trace.OpIntAdd, x, f.kint(c1-c2))
	})},
	{"int_sub(int_sub(x, c1), c2) => int_sub(x, c1+c2)", trace.OpIntSub, inner(trace.OpIntSub, func(f *folder, x trace.Ref, c1, c2 int64) (result, bool) {
		return rw(trace.OpIntSub, x, f.kint(c1+c2))
	})},
	{"int_sub(int_add(x, y), y) => x", trace.OpIntSub, func(f *folder, a []trace.Ref) (result, bool) {
		if d := f.def(a[0], trace.OpIntAdd); d != nil {
			if d.Args[1] == a[1] {
				return val(d.Args[0])
			}
			if d.Args[0] == a[1] {
				return val(d.Args[1])
			}
		}
		return no()
	}},
	{"int_sub(x, int_neg(y)) => int_add(x, y)", trace.OpIntSub, func(f *folder, a []trace.Ref) (result, bool) {
		if d := f.def(a[1], trace.OpIntNeg); d != nil {
			return rw(trace.OpIntAdd, a[0], d.Args[0])
		}
		return no()
	}},
	{"int_neg(int_neg(x)) => x", trace.OpIntNeg, unaryOf(trace.OpIntNeg, func(f *folder, x trace.Ref) (result, bool) { return val(x) })},
	{"int_neg(int_sub(x, y)) => int_sub(y, x)", trace.OpIntNeg, func(f *folder, a []trace.Ref) (result, bool) {
		if d := f.def(a[0], trace.OpIntSub); d != nil {
			return rw(trace.OpIntSub, d.Args[1], d.Args[0])
		}
		return no()
	}},

	// Multiplication, division, modulo.
	{"int_mul(x, 0) => 0", trace.OpIntMul, yIs(0, retK(0))},
	{"int_mul(x, 1) => x", trace.OpIntMul, yIs(1, retX)},
	{"int_mul(x, -1) => int_neg(x)", trace.OpIntMul, yIs(-1, retOpX(trace.OpIntNeg))},
	{"int_mul(x, 2**k) => int_lshift(x, k)", trace.OpIntMul, func(f *folder, a []trace.Ref) (result, bool) {
		if c, ok := f.k(a[1]); ok {
			if k, ok := log2(c); ok {
				return rw(trace.OpIntLshift, a[0], f.kint(int64(k)))
			}
		}
		return no()
	}},
	{"int_mul(int_mul(x, c1), c2) => int_mul(x, c1*c2)", trace.OpIntMul, inner(trace.OpIntMul, func(f *folder, x trace.Ref, c1, c2 int64) (result, bool) {
		return rw(trace.OpIntMul, x, f.kint(c1*c2))
	})},
	{"int_floordiv(x, 1) => x", trace.OpIntFloorDiv, yIs(1, retX)},
	{"int_floordiv(x, -1) => int_neg(x)", trace.OpIntFloorDiv, yIs(-1, retOpX(trace.OpIntNeg))},
	{"int_floordiv(x, 2**k) => int_rshift(x, k)", trace.OpIntFloorDiv, func(f *folder, a []trace.Ref) (result, bool) {
		// Python's // rounds toward -inf, as an arithmetic shift does.
		if c, ok := f.k(a[1]); ok && c > 0 {
			if k, ok := log2(c); ok {
				return rw(trace.OpIntRshift, a[0], f.kint(int64(k)))
			}
		}
		return no()
	}},
	{"int_mod(x, 1) => 0", trace.OpIntMod, yIs(1, retK(0))},
	{"int_mod(x, -1) => 0", trace.OpIntMod, yIs(-1, retK(0))},
	{"int_mod(x, 2**k) => int_and(x, 2**k-1)", trace.OpIntMod, func(f *folder, a []trace.Ref) (result, bool) {
		// Python's % by a positive divisor is in [0, c), as the low bits of two's complement.
		if c, ok := f.k(a[1]); ok && c > 0 {
			if _, ok := log2(c); ok {
				return rw(trace.OpIntAnd, a[0], f.kint(c-1))
			}
		}
		return no()
	}},

	// Bitwise operations.
	{"int_and(x, 0) => 0", trace.OpIntAnd, yIs(0, retK(0))},
	{"int_and(x, -1) => x", trace.OpIntAnd, yIs(-1, retX)},
	{"int_and(x, x) => x", trace.OpIntAnd, same(retX)},
	{"int_and(b, 1) => b", trace.OpIntAnd, boolX(yIs(1, retX))},
	{"int_and(int_and(x, c1), c2) => int_and(x, c1&c2)", trace.OpIntAnd, inner(trace.OpIntAnd, func(f *folder, x trace.Ref, c1, c2 int64) (result, bool) {
		return rw(trace.OpIntAnd, x, f.kint(c1&c2))
	})},
	{"int_or(x, 0) => x", trace.OpIntOr, yIs(0, retX)},
	{"int_or(x, -1) => -1", trace.OpIntOr, yIs(-1, retK(-1))},
	{"int_or(x, x) => x", trace.OpIntOr, same(retX)},
	{"int_or(int_or(x, c1), c2) => int_or(x, c1|c2)", trace.OpIntOr, inner(trace.OpIntOr, func(f *folder, x trace.Ref, c1, c2 int64) (result, bool) {
		return rw(trace.OpIntOr, x, f.kint(c1|c2))
	})},
	{"int_xor(x, 0) => x", trace.OpIntXor, yIs(0, retX)},
	{"int_xor(x, x) => 0", trace.OpIntXor, same(retK(0))},
	{"int_xor(x, -1) => int_invert(x)", trace.OpIntXor, yIs(-1, retOpX(trace.OpIntInvert))},
	{"int_xor(b, 1) => int_is_zero(b)", trace.OpIntXor, boolX(yIs(1, retOpX(trace.OpIntIsZero)))},
	{"int_xor(int_xor(x, c1), c2) => int_xor(x, c1^c2)", trace.OpIntXor, inner(trace.OpIntXor, func(f *folder, x trace.Ref, c1, c2 int64) (result, bool) {
		return rw(trace.OpIntXor, x, f.kint(c1^c2))
	})},
	{"int_invert(int_invert(x)) => x", trace.OpIntInvert, unaryOf(trace.OpIntInvert, func(f *folder, x trace.Ref) (result, bool) { return val(x) })},

	// Shifts (the count is taken modulo 64).
	{"int_lshift(x, 0) => x", trace.OpIntLshift, shiftByZero},
	{"int_rshift(x, 0) => x", trace.OpIntRshift, shiftByZero},
	{"int_urshift(x, 0) => x", trace.OpIntUrshift, shiftByZero},
	{"int_lshift(0, y) => 0", trace.OpIntLshift, xIs(0, retK(0))},
	{"int_rshift(0, y) => 0", trace.OpIntRshift, xIs(0, retK(0))},
	{"int_urshift(0, y) => 0", trace.OpIntUrshift, xIs(0, retK(0))},

	// Tests and comparisons.
	{"int_is_true(b) => b", trace.OpIntIsTrue, boolX(retX)},
	{"int_is_zero(cmp(x, y)) => the negated int comparison", trace.OpIntIsZero, func(f *folder, a []trace.Ref) (result, bool) {
		d := f.anyDef(a[0])
		if d == nil {
			return no()
		}
		if neg, ok := negatedCmp[d.Opcode]; ok {
			return rw(neg, d.Args...)
		}
		return no()
	}},
	{"int_eq(x, x) => 1", trace.OpIntEq, same(retK(1))},
	{"int_ne(x, x) => 0", trace.OpIntNe, same(retK(0))},
	{"int_lt(x, x) => 0", trace.OpIntLt, same(retK(0))},
	{"int_le(x, x) => 1", trace.OpIntLe, same(retK(1))},
	{"int_gt(x, x) => 0", trace.OpIntGt, same(retK(0))},
	{"int_ge(x, x) => 1", trace.OpIntGe, same(retK(1))},
	{"uint_lt(x, x) => 0", trace.OpUintLt, same(retK(0))},
	{"uint_ge(x, x) => 1", trace.OpUintGe, same(retK(1))},
	{"uint_lt(x, 0) => 0", trace.OpUintLt, yIs(0, retK(0))},
	{"uint_ge(x, 0) => 1", trace.OpUintGe, yIs(0, retK(1))},
	{"int_eq(b, 1) => b", trace.OpIntEq, boolX(yIs(1, retX))},
	{"int_ne(b, 0) => b", trace.OpIntNe, boolX(yIs(0, retX))},
	{"int_eq(b, 0) => int_is_zero(b)", trace.OpIntEq, boolX(yIs(0, retOpX(trace.OpIntIsZero)))},
	{"int_ne(b, 1) => int_is_zero(b)", trace.OpIntNe, boolX(yIs(1, retOpX(trace.OpIntIsZero)))},
	{"ptr_eq(p, p) => 1", trace.OpPtrEq, same(retK(1))},
	{"ptr_ne(p, p) => 0", trace.OpPtrNe, same(retK(0))},
	{"float_lt(x, x) => 0", trace.OpFloatLt, same(retK(0))}, // false for nan too
	{"float_gt(x, x) => 0", trace.OpFloatGt, same(retK(0))}, // (but not float_le, float_eq...)

	// Floats, where IEEE 754 makes the rule exact.
	{"float_mul(x, 1.0) => x", trace.OpFloatMul, fyIs(1, retX)},
	{"float_mul(x, 2.0) => float_add(x, x)", trace.OpFloatMul, fyIs(2, func(f *folder, a []trace.Ref) (result, bool) {
		return rw(trace.OpFloatAdd, a[0], a[0])
	})},
	{"float_truediv(x, 1.0) => x", trace.OpFloatTrueDiv, fyIs(1, retX)},
	{"float_truediv(x, 2**k) => float_mul(x, 2**-k)", trace.OpFloatTrueDiv, func(f *folder, a []trace.Ref) (result, bool) {
		if c, ok := f.fk(a[1]); ok && c != 1 {
			if r, ok := exactReciprocal(c); ok {
				return rw(trace.OpFloatMul, a[0], f.w.out.ConstFloat(r))
			}
		}
		return no()
	}},
	{"float_add(x, -0.0) => x", trace.OpFloatAdd, fyIs(math.Copysign(0, -1), retX)},
	{"float_sub(x, 0.0) => x", trace.OpFloatSub, fyIs(0, retX)},
	{"float_sub(-0.0, x) => float_neg(x)", trace.OpFloatSub, func(f *folder, a []trace.Ref) (result, bool) {
		if f.isFK(a[0], math.Copysign(0, -1)) {
			return rw(trace.OpFloatNeg, a[1])
		}
		return no()
	}},
	{"float_neg(float_neg(x)) => x", trace.OpFloatNeg, unaryOf(trace.OpFloatNeg, func(f *folder, x trace.Ref) (result, bool) { return val(x) })},
	{"float_abs(float_abs(x)) => float_abs(x)", trace.OpFloatAbs, func(f *folder, a []trace.Ref) (result, bool) {
		if f.def(a[0], trace.OpFloatAbs) != nil {
			return val(a[0])
		}
		return no()
	}},
	{"float_abs(float_neg(x)) => float_abs(x)", trace.OpFloatAbs, unaryOf(trace.OpFloatNeg, func(f *folder, x trace.Ref) (result, bool) {
		return rw(trace.OpFloatAbs, x)
	})},

	// Overflow-checked ops, when guard_no_overflow follows: these never overflow, so the op
	// and its guard go.
	{"int_add_ovf(x, 0) => x", trace.OpIntAddOvf, yIs(0, retX)},
	{"int_sub_ovf(x, 0) => x", trace.OpIntSubOvf, yIs(0, retX)},
	{"int_sub_ovf(x, x) => 0", trace.OpIntSubOvf, same(retK(0))},
	{"int_mul_ovf(x, 0) => 0", trace.OpIntMulOvf, yIs(0, retK(0))},
	{"int_mul_ovf(x, 1) => x", trace.OpIntMulOvf, yIs(1, retX)},

	// Guards.
	{"guard_true(c) => removed when c != 0", trace.OpGuardTrue, func(f *folder, a []trace.Ref) (result, bool) {
		if c, ok := f.k(a[0]); ok && c != 0 {
			return removed()
		}
		return no()
	}},
	{"guard_false(0) => removed", trace.OpGuardFalse, func(f *folder, a []trace.Ref) (result, bool) {
		if f.isK(a[0], 0) {
			return removed()
		}
		return no()
	}},
	{"guard_value(c, c) => removed", trace.OpGuardValue, func(f *folder, a []trace.Ref) (result, bool) {
		if f.isConst(a[0]) && f.w.out.ConstValue(a[0]) == f.w.out.ConstValue(a[1]) {
			return removed()
		}
		return no()
	}},
	{"guard_nonnull(c) => removed when c is not null", trace.OpGuardNonnull, func(f *folder, a []trace.Ref) (result, bool) {
		if f.isConst(a[0]) && f.w.out.ConstValue(a[0]).Ptr != nil {
			return removed()
		}
		return no()
	}},
	{"guard_isnull(null) => removed", trace.OpGuardIsnull, func(f *folder, a []trace.Ref) (result, bool) {
		if f.isConst(a[0]) && f.w.out.ConstValue(a[0]).Ptr == nil {
			return removed()
		}
		return no()
	}},
	{"guard_true(int_is_true(x)) => guard_true(x)", trace.OpGuardTrue, guardOfTest(trace.OpIntIsTrue, trace.OpGuardTrue)},
	{"guard_false(int_is_true(x)) => guard_false(x)", trace.OpGuardFalse, guardOfTest(trace.OpIntIsTrue, trace.OpGuardFalse)},
	{"guard_true(int_is_zero(x)) => guard_false(x)", trace.OpGuardTrue, guardOfTest(trace.OpIntIsZero, trace.OpGuardFalse)},
	{"guard_false(int_is_zero(x)) => guard_true(x)", trace.OpGuardFalse, guardOfTest(trace.OpIntIsZero, trace.OpGuardTrue)},
	{"guard_true(int_eq(x, c)) => guard_value(x, c)", trace.OpGuardTrue, guardOfEq(trace.OpIntEq)},
	{"guard_false(int_ne(x, c)) => guard_value(x, c)", trace.OpGuardFalse, guardOfEq(trace.OpIntNe)},
	{"guard_true(ptr_eq(p, c)) => guard_value(p, c)", trace.OpGuardTrue, guardOfEq(trace.OpPtrEq)},
	{"guard_true(ptr_ne(p, null)) => guard_nonnull(p)", trace.OpGuardTrue, guardOfNullCmp(trace.OpPtrNe, trace.OpGuardNonnull)},
	{"guard_false(ptr_eq(p, null)) => guard_nonnull(p)", trace.OpGuardFalse, guardOfNullCmp(trace.OpPtrEq, trace.OpGuardNonnull)},
}

// shiftByZero: a shift by a count that is 0 modulo 64 is the identity.
func shiftByZero(f *folder, a []trace.Ref) (result, bool) {
	if c, ok := f.k(a[1]); ok && c&63 == 0 {
		return val(a[0])
	}
	return no()
}

// rulesFor indexes the table by opcode, keeping the table's order.
var rulesFor = func() [trace.NumOpcodes][]foldRule {
	var by [trace.NumOpcodes][]foldRule
	for _, r := range foldRules {
		by[r.op] = append(by[r.op], r)
	}
	return by
}()

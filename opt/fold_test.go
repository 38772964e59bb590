package opt

import (
	"sort"
	"testing"

	"github.com/metajit/metajit/trace"
)

// Constant folding: every pure op on constants is computed with trace.Eval.
var foldConstCases = []passCase{
	{"int arithmetic", `
[i0]
i1 = int_add(3, 4)
i2 = int_mul(i1, 6)
i3 = int_sub(i2, 50)
i4 = int_floordiv(-7, 2)
i5 = int_mod(-7, 2)
finish(i0, i3, i4, i5)
`, `
[i0]
finish(i0, -8, -4, 1)
`},
	{"wrapping", `
[i0]
i1 = int_add(9223372036854775807, 1)
i2 = int_mul(4611686018427387904, 4)
i3 = int_neg(-9223372036854775808)
finish(i1, i2, i3)
`, `
[i0]
finish(-9223372036854775808, 0, -9223372036854775808)
`},
	{"bits and shifts", `
[i0]
i1 = int_and(12, 10)
i2 = int_or(12, 10)
i3 = int_xor(12, 10)
i4 = int_lshift(1, 65)
i5 = int_rshift(-16, 2)
i6 = int_urshift(-1, 60)
i7 = int_invert(0)
finish(i1, i2, i3, i4, i5, i6, i7)
`, `
[i0]
finish(8, 14, 6, 2, -4, 15, -1)
`},
	{"comparisons", `
[i0]
i1 = int_lt(3, 4)
i2 = int_ge(3, 4)
i3 = uint_lt(-1, 4)
i4 = int_eq(5, 5)
i5 = int_is_zero(0)
i6 = int_is_true(7)
finish(i1, i2, i3, i4, i5, i6)
`, `
[i0]
finish(1, 0, 0, 1, 1, 1)
`},
	// A NaN that arithmetic computes is not folded: its payload is the machine's (sqrt(-1.0)
	// here), and a guard_value or a snapshot must see the one the unoptimized trace would.
	{"floats", `
[f0]
f1 = float_add(1.5, 2.25)
f2 = float_truediv(1.0, 0.0)
f3 = float_neg(0.0)
f4 = float_sqrt(-1.0)
i5 = float_lt(nan, 1.0)
i6 = cast_float_to_int(1e300)
f7 = cast_int_to_float(3)
i8 = float_ne(nan, nan)
finish(f1, f2, f3, f4, i5, i6, f7, i8)
`, `
[f0]
f1 = float_sqrt(-1.0)
finish(3.75, inf, -0.0, f1, 0, 9223372036854775807, 3.0, 1)
`},
	{"pointers", `
[p0]
i1 = ptr_eq(ConstPtr(null), ConstPtr(null))
i2 = ptr_ne(ConstPtr(obj), ConstPtr(null))
finish(i1, i2)
`, `
[p0]
finish(1, 1)
`},
	{"folding feeds folding", `
[i0]
i1 = int_add(2, 3)
i2 = int_lt(i1, 10)
guard_true(i2) [f0@1: 0=i1:int]
finish(i1)
`, `
[i0]
finish(5)
`},
	{"constants in snapshots", `
[i0]
i1 = int_mul(6, 7)
guard_true(i0) [f0@1: 0=i1:int 1=i0:int]
finish(i0)
`, `
[i0]
guard_true(i0) [f0@1: 0=42:int 1=i0:int]
finish(i0)
`},
	{"division by zero is what irexec computes", `
[i0]
i1 = int_floordiv(7, 0)
i2 = int_mod(-9223372036854775808, -1)
finish(i1, i2)
`, `
[i0]
finish(0, 0)
`},
}

// The algebraic rules, at least one case each (TestFoldRulesCovered checks it).
var foldRuleCases = []passCase{
	{"x + 0", `
[i0]
i1 = int_add(i0, 0)
i2 = int_add(0, i1)
finish(i2)
`, `
[i0]
finish(i0)
`},
	{"reassociate x+1+1", `
[i0]
i1 = int_add(i0, 1)
i2 = int_add(i1, 1)
i3 = int_add(1, i2)
finish(i3)
`, `
[i0]
i1 = int_add(i0, 1)
i2 = int_add(i0, 2)
i3 = int_add(i0, 3)
finish(i3)
`},
	{"reassociate x-3+5 and back to x", `
[i0]
i1 = int_sub(i0, 3)
i2 = int_add(i1, 5)
i3 = int_add(i1, 3)
finish(i2, i3)
`, `
[i0]
i1 = int_sub(i0, 3)
i2 = int_add(i0, 2)
finish(i2, i0)
`},
	{"reassociate subtractions", `
[i0]
i1 = int_add(i0, 10)
i2 = int_sub(i1, 3)
i3 = int_sub(i0, 4)
i4 = int_sub(i3, 5)
finish(i2, i4)
`, `
[i0]
i1 = int_add(i0, 10)
i2 = int_add(i0, 7)
i3 = int_sub(i0, 4)
i4 = int_sub(i0, 9)
finish(i2, i4)
`},
	{"x + -y", `
[i0, i1]
i2 = int_neg(i1)
i3 = int_add(i0, i2)
i4 = int_add(i2, i0)
finish(i3, i4)
`, `
[i0, i1]
i2 = int_neg(i1)
i3 = int_sub(i0, i1)
finish(i3, i3)
`},
	{"(x - y) + y", `
[i0, i1]
i2 = int_sub(i0, i1)
i3 = int_add(i2, i1)
i4 = int_add(i1, i2)
finish(i3, i4)
`, `
[i0, i1]
i2 = int_sub(i0, i1)
finish(i0, i0)
`},
	{"x - 0 and x - x", `
[i0, i1]
i2 = int_sub(i0, 0)
i3 = int_sub(i1, i1)
finish(i2, i3)
`, `
[i0, i1]
finish(i0, 0)
`},
	{"0 - x", `
[i0]
i1 = int_sub(0, i0)
finish(i1)
`, `
[i0]
i1 = int_neg(i0)
finish(i1)
`},
	{"(x + y) - y", `
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_sub(i2, i1)
i4 = int_sub(i2, i0)
finish(i3, i4)
`, `
[i0, i1]
i2 = int_add(i0, i1)
finish(i0, i1)
`},
	{"x - -y", `
[i0, i1]
i2 = int_neg(i1)
i3 = int_sub(i0, i2)
finish(i3)
`, `
[i0, i1]
i2 = int_neg(i1)
i3 = int_add(i0, i1)
finish(i3)
`},
	{"double negation", `
[i0]
i1 = int_neg(i0)
i2 = int_neg(i1)
i3 = int_invert(i0)
i4 = int_invert(i3)
finish(i2, i4)
`, `
[i0]
i1 = int_neg(i0)
i3 = int_invert(i0)
finish(i0, i0)
`},
	{"-(x - y)", `
[i0, i1]
i2 = int_sub(i0, i1)
i3 = int_neg(i2)
finish(i3)
`, `
[i0, i1]
i2 = int_sub(i0, i1)
i3 = int_sub(i1, i0)
finish(i3)
`},
	{"x * 0, 1, -1", `
[i0]
i1 = int_mul(i0, 0)
i2 = int_mul(1, i0)
i3 = int_mul(i0, -1)
finish(i1, i2, i3)
`, `
[i0]
i3 = int_neg(i0)
finish(0, i0, i3)
`},
	{"x * 2**k", `
[i0]
i1 = int_mul(i0, 8)
i2 = int_mul(-9223372036854775808, i0)
finish(i1, i2)
`, `
[i0]
i1 = int_lshift(i0, 3)
i2 = int_lshift(i0, 63)
finish(i1, i2)
`},
	{"reassociate products", `
[i0]
i1 = int_mul(i0, 3)
i2 = int_mul(i1, 5)
finish(i2)
`, `
[i0]
i1 = int_mul(i0, 3)
i2 = int_mul(i0, 15)
finish(i2)
`},
	{"x // 1, x // -1, x // 2**k", `
[i0]
i1 = int_floordiv(i0, 1)
i2 = int_floordiv(i0, -1)
i3 = int_floordiv(i0, 16)
finish(i1, i2, i3)
`, `
[i0]
i2 = int_neg(i0)
i3 = int_rshift(i0, 4)
finish(i0, i2, i3)
`},
	{"x % 1, x % -1, x % 2**k", `
[i0]
i1 = int_mod(i0, 1)
i2 = int_mod(i0, -1)
i3 = int_mod(i0, 8)
finish(i1, i2, i3)
`, `
[i0]
i3 = int_and(i0, 7)
finish(0, 0, i3)
`},
	{"and", `
[i0, i1]
i2 = int_and(i0, 0)
i3 = int_and(-1, i0)
i4 = int_and(i1, i1)
i5 = int_and(i0, 255)
i6 = int_and(i5, 15)
finish(i2, i3, i4, i6)
`, `
[i0, i1]
i5 = int_and(i0, 255)
i6 = int_and(i0, 15)
finish(0, i0, i1, i6)
`},
	{"and of a boolean with 1", `
[i0, i1]
i2 = int_lt(i0, i1)
i3 = int_and(i2, 1)
i4 = int_and(i0, 1)
finish(i3, i4)
`, `
[i0, i1]
i2 = int_lt(i0, i1)
i4 = int_and(i0, 1)
finish(i2, i4)
`},
	{"or", `
[i0, i1]
i2 = int_or(i0, 0)
i3 = int_or(i0, -1)
i4 = int_or(i1, i1)
i5 = int_or(i0, 1)
i6 = int_or(i5, 6)
finish(i2, i3, i4, i6)
`, `
[i0, i1]
i5 = int_or(i0, 1)
i6 = int_or(i0, 7)
finish(i0, -1, i1, i6)
`},
	{"xor", `
[i0, i1]
i2 = int_xor(i0, 0)
i3 = int_xor(i1, i1)
i4 = int_xor(i0, -1)
i5 = int_xor(i0, 5)
i6 = int_xor(i5, 3)
finish(i2, i3, i4, i6)
`, `
[i0, i1]
i4 = int_invert(i0)
i5 = int_xor(i0, 5)
i6 = int_xor(i0, 6)
finish(i0, 0, i4, i6)
`},
	{"xor of a boolean with 1 negates it", `
[i0, i1]
i2 = int_le(i0, i1)
i3 = int_xor(i2, 1)
finish(i3)
`, `
[i0, i1]
i2 = int_le(i0, i1)
i3 = int_gt(i0, i1)
finish(i3)
`},
	{"shifts by 0 mod 64", `
[i0, i1]
i2 = int_lshift(i0, 0)
i3 = int_rshift(i0, 64)
i4 = int_urshift(i0, 128)
finish(i2, i3, i4)
`, `
[i0, i1]
finish(i0, i0, i0)
`},
	{"shifts of 0", `
[i0]
i1 = int_lshift(0, i0)
i2 = int_rshift(0, i0)
i3 = int_urshift(0, i0)
finish(i1, i2, i3)
`, `
[i0]
finish(0, 0, 0)
`},
	{"int_is_true of a comparison", `
[i0, i1]
i2 = int_lt(i0, i1)
i3 = int_is_true(i2)
guard_true(i3) [f0@1]
finish(i3)
`, `
[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
finish(1)
`},
	{"int_is_zero of comparisons", `
[i0, i1, p2]
i3 = int_lt(i0, i1)
i4 = int_is_zero(i3)
i5 = uint_ge(i0, i1)
i6 = int_is_zero(i5)
i7 = ptr_eq(p2, ConstPtr(null))
i8 = int_is_zero(i7)
i9 = int_is_zero(i0)
i10 = int_is_zero(i9)
finish(i4, i6, i8, i10)
`, `
[i0, i1, p2]
i3 = int_lt(i0, i1)
i4 = int_ge(i0, i1)
i5 = uint_ge(i0, i1)
i6 = uint_lt(i0, i1)
i7 = ptr_eq(p2, ConstPtr(null))
i8 = ptr_ne(p2, ConstPtr(null))
i9 = int_is_zero(i0)
i10 = int_is_true(i0)
finish(i4, i6, i8, i10)
`},
	{"comparisons of a value with itself", `
[i0, p1, f2]
i3 = int_eq(i0, i0)
i4 = int_ne(i0, i0)
i5 = int_lt(i0, i0)
i6 = int_le(i0, i0)
i7 = int_gt(i0, i0)
i8 = int_ge(i0, i0)
i9 = uint_lt(i0, i0)
i10 = uint_ge(i0, i0)
i11 = ptr_eq(p1, p1)
i12 = ptr_ne(p1, p1)
i13 = float_lt(f2, f2)
i14 = float_gt(f2, f2)
finish(i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13, i14)
`, `
[i0, p1, f2]
finish(1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0)
`},
	{"unsigned comparisons with 0", `
[i0]
i1 = uint_lt(i0, 0)
i2 = uint_ge(i0, 0)
finish(i1, i2)
`, `
[i0]
finish(0, 1)
`},
	{"a boolean compared with 0 and 1", `
[i0, i1]
i2 = int_lt(i0, i1)
i3 = int_eq(i2, 1)
i4 = int_ne(i2, 0)
i5 = int_eq(i2, 0)
i6 = int_ne(1, i2)
finish(i3, i4, i5, i6)
`, `
[i0, i1]
i2 = int_lt(i0, i1)
i5 = int_ge(i0, i1)
finish(i2, i2, i5, i5)
`},
	{"comparison with the constant on the left is mirrored", `
[i0]
i1 = int_lt(5, i0)
i2 = int_ge(5, i0)
finish(i1, i2)
`, `
[i0]
i1 = int_gt(i0, 5)
i2 = int_le(i0, 5)
finish(i1, i2)
`},
	{"x * 1.0 and x / 1.0", `
[f0]
f1 = float_mul(f0, 1.0)
f2 = float_mul(1.0, f1)
f3 = float_truediv(f2, 1.0)
finish(f3)
`, `
[f0]
finish(f0)
`},
	{"x * 2.0 is x + x", `
[f0]
f1 = float_mul(f0, 2.0)
finish(f1)
`, `
[f0]
f1 = float_add(f0, f0)
finish(f1)
`},
	{"x / 2**k is x * 2**-k", `
[f0]
f1 = float_truediv(f0, 4.0)
f2 = float_truediv(f0, -0.5)
finish(f1, f2)
`, `
[f0]
f1 = float_mul(f0, 0.25)
f2 = float_mul(f0, -2.0)
finish(f1, f2)
`},
	{"x + -0.0 and x - 0.0", `
[f0]
f1 = float_add(f0, -0.0)
f2 = float_add(-0.0, f1)
f3 = float_sub(f2, 0.0)
finish(f3)
`, `
[f0]
finish(f0)
`},
	{"-0.0 - x is -x", `
[f0]
f1 = float_sub(-0.0, f0)
finish(f1)
`, `
[f0]
f1 = float_neg(f0)
finish(f1)
`},
	{"float negation and abs", `
[f0]
f1 = float_neg(f0)
f2 = float_neg(f1)
f3 = float_abs(f0)
f4 = float_abs(f3)
f5 = float_abs(f1)
finish(f2, f4, f5)
`, `
[f0]
f1 = float_neg(f0)
f3 = float_abs(f0)
finish(f0, f3, f3)
`},
	{"ovf ops that cannot overflow", `
[i0, i1]
i2 = int_add_ovf(i0, 0)
guard_no_overflow() [f0@1]
i3 = int_sub_ovf(i1, 0)
guard_no_overflow() [f0@2]
i4 = int_sub_ovf(i0, i0)
guard_no_overflow() [f0@3]
i5 = int_mul_ovf(0, i1)
guard_no_overflow() [f0@4]
i6 = int_mul_ovf(i1, 1)
guard_no_overflow() [f0@5]
finish(i2, i3, i4, i5, i6)
`, `
[i0, i1]
finish(i0, i1, 0, 0, i1)
`},
	{"ovf ops on constants", `
[i0]
i1 = int_add_ovf(3, 4)
guard_no_overflow() [f0@1]
i2 = int_mul_ovf(4611686018427387904, 2)
guard_overflow() [f0@2]
finish(i1, i2)
`, `
[i0]
finish(7, -9223372036854775808)
`},
	{"guards on constants", `
[i0, p1]
guard_true(1) [f0@1]
guard_true(-5) [f0@2]
guard_false(0) [f0@3]
guard_value(7, 7) [f0@4]
guard_nonnull(ConstPtr(obj)) [f0@5]
guard_isnull(ConstPtr(null)) [f0@6]
finish(i0)
`, `
[i0, p1]
finish(i0)
`},
	{"guards on tests", `
[i0, i1, i2, i3]
i4 = int_is_true(i0)
guard_true(i4) [f0@1]
i5 = int_is_true(i1)
guard_false(i5) [f0@2]
i6 = int_is_zero(i2)
guard_true(i6) [f0@3]
i7 = int_is_zero(i3)
guard_false(i7) [f0@4]
finish()
`, `
[i0, i1, i2, i3]
i4 = int_is_true(i0)
guard_true(i0) [f0@1]
i5 = int_is_true(i1)
guard_false(i1) [f0@2]
i6 = int_is_zero(i2)
guard_false(i2) [f0@3]
i7 = int_is_zero(i3)
guard_true(i3) [f0@4]
finish()
`},
	{"guards on equality become guard_value", `
[i0, i1, p2]
i3 = int_eq(i0, 5)
guard_true(i3) [f0@1]
i4 = int_ne(i1, 6)
guard_false(i4) [f0@2]
i5 = ptr_eq(p2, ConstPtr(obj))
guard_true(i5) [f0@3]
i6 = int_add(i0, i1)
finish(i6, p2)
`, `
[i0, i1, p2]
i3 = int_eq(i0, 5)
guard_value(i0, 5) [f0@1]
i4 = int_ne(i1, 6)
guard_value(i1, 6) [f0@2]
i5 = ptr_eq(p2, ConstPtr(obj))
guard_value(p2, ConstPtr(obj)) [f0@3]
finish(11, ConstPtr(obj))
`},
	{"guards on null comparisons", `
[p0, p1]
i2 = ptr_ne(p0, ConstPtr(null))
guard_true(i2) [f0@1]
i3 = ptr_eq(p1, ConstPtr(null))
guard_false(i3) [f0@2]
finish()
`, `
[p0, p1]
i2 = ptr_ne(p0, ConstPtr(null))
guard_nonnull(p0) [f0@1]
i3 = ptr_eq(p1, ConstPtr(null))
guard_nonnull(p1) [f0@2]
finish()
`},
}

// The rules must not act where they would change a result.
var foldNotCases = []passCase{
	{"x + 0.0 is not x (-0.0 + 0.0 is 0.0)", `
[f0]
f1 = float_add(f0, 0.0)
finish(f1)
`, ""},
	{"x * 0.0 is not 0.0 (inf, nan, -0.0)", `
[f0]
f1 = float_mul(f0, 0.0)
finish(f1)
`, ""},
	{"x - x is not 0.0 for floats (inf, nan)", `
[f0]
f1 = float_sub(f0, f0)
finish(f1)
`, ""},
	{"0.0 - x is not -x (0.0 - 0.0 is 0.0)", `
[f0]
f1 = float_sub(0.0, f0)
finish(f1)
`, ""},
	{"x - -0.0 is not x", `
[f0]
f1 = float_sub(f0, -0.0)
finish(f1)
`, ""},
	{"float comparisons of a value with itself that nan decides", `
[f0]
i1 = float_eq(f0, f0)
i2 = float_ne(f0, f0)
i3 = float_le(f0, f0)
finish(i1, i2, i3)
`, ""},
	{"float_ge(x, x) is not 1 either", `
[f0]
i1 = float_ge(f0, f0)
finish(i1)
`, ""},
	{"not of a float comparison is not the opposite comparison", `
[f0, f1]
i2 = float_lt(f0, f1)
i3 = int_is_zero(i2)
finish(i3)
`, ""},
	{"x / c when 1/c is not exact", `
[f0]
f1 = float_truediv(f0, 3.0)
f2 = float_truediv(f0, 0.0)
f3 = float_truediv(f0, 1e-310)
finish(f1, f2, f3)
`, ""},
	{"x * -1.0 is not -x (nan's sign)", `
[f0]
f1 = float_mul(f0, -1.0)
finish(f1)
`, ""},
	{"x // 2**k with a negative divisor, x % -8", `
[i0]
i1 = int_floordiv(i0, -8)
i2 = int_mod(i0, -8)
i3 = int_floordiv(i0, 6)
finish(i1, i2, i3)
`, ""},
	{"int_and(x, 1) of a non-boolean", `
[i0]
i1 = int_and(i0, 1)
i2 = int_is_true(i0)
finish(i1, i2)
`, ""},
	{"ovf op that may overflow", `
[i0, i1]
i2 = int_add_ovf(i0, i1)
guard_no_overflow() [f0@1]
i3 = int_mul_ovf(i0, 2)
guard_no_overflow() [f0@2]
finish(i2, i3)
`, ""},
	{"ovf op on constants that overflows keeps its guard", `
[i0]
i1 = int_add_ovf(9223372036854775807, 1)
guard_no_overflow() [f0@1]
finish(i1)
`, ""},
	{"guard_overflow after an op that cannot overflow always fails", `
[i0]
i1 = int_add_ovf(i0, 0)
guard_overflow() [f0@1]
finish(i1)
`, ""},
	{"guards that always fail stay", `
[i0]
guard_true(0) [f0@1]
guard_false(3) [f0@2]
guard_value(3, 4) [f0@3]
guard_isnull(ConstPtr(obj)) [f0@4]
guard_nonnull(ConstPtr(null)) [f0@5]
finish(i0)
`, ""},
	{"guard_true(x) does not make a non-boolean x 1", `
[i0]
guard_true(i0) [f0@1]
i1 = int_add(i0, 1)
finish(i1)
`, ""},
	{"loads are not CSE'd", `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = getarrayitem_i(p0, 0, descr=<IntArray>)
i4 = getarrayitem_i(p0, 0, descr=<IntArray>)
finish(i1, i2, i3, i4)
`, ""},
	{"calls with effects, failing calls and allocations are not CSE'd", `
[i0]
i1 = call_i(i0, descr=<impure>)
i2 = call_i(i0, descr=<impure>)
i3 = call_i(i0, descr=<maybe>) [f0@1]
i4 = call_i(i0, descr=<maybe>) [f0@2]
i5 = call_i(i0, descr=<pureCanFail>) [f0@3]
i6 = call_i(i0, descr=<pureCanFail>) [f0@4]
p7 = new(descr=<Obj>)
p8 = new(descr=<Obj>)
finish(i1, i2, i3, i4, i5, i6, p7, p8)
`, ""},
	{"different descriptors or arguments are different values", `
[p0, i1, i2]
i3 = call_i(i1, i2, descr=<pure2>)
i4 = call_i(i2, i1, descr=<pure2>)
i5 = int_sub(i1, i2)
i6 = int_sub(i2, i1)
i7 = int_lt(i1, i2)
i8 = int_lt(i2, i1)
finish(i3, i4, i5, i6, i7, i8)
`, ""},
	{"reassociation needs constants", `
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_add(i2, 1)
i4 = int_sub(i2, 1)
finish(i3, i4)
`, ""},
	{"x * 2**k needs a power of two", `
[i0]
i1 = int_mul(i0, 6)
i2 = int_mul(i0, -8)
finish(i1, i2)
`, ""},
}

// CSE of pure ops and pure calls.
var foldCSECases = []passCase{
	{"same op twice", `
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_add(i0, i1)
i4 = int_mul(i2, i3)
finish(i4)
`, `
[i0, i1]
i2 = int_add(i0, i1)
i4 = int_mul(i2, i2)
finish(i4)
`},
	{"commutative operands in either order", `
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_add(i1, i0)
i4 = int_eq(i0, i1)
i5 = int_eq(i1, i0)
finish(i3, i5)
`, `
[i0, i1]
i2 = int_add(i0, i1)
i4 = int_eq(i0, i1)
finish(i2, i4)
`},
	{"a > b is b < a", `
[i0, i1, f2, f3]
i4 = int_lt(i0, i1)
i5 = int_gt(i1, i0)
i6 = float_ge(f2, f3)
i7 = float_le(f3, f2)
finish(i5, i7)
`, `
[i0, i1, f2, f3]
i4 = int_lt(i0, i1)
i6 = float_ge(f2, f3)
finish(i4, i6)
`},
	{"chains collapse", `
[i0]
i1 = int_add(i0, 1)
i2 = int_mul(i1, 3)
i3 = int_add(i0, 1)
i4 = int_mul(i3, 3)
i5 = int_sub(i2, i4)
finish(i5)
`, `
[i0]
i1 = int_add(i0, 1)
i2 = int_mul(i1, 3)
finish(0)
`},
	{"pure calls", `
[i0, i1, f2]
i3 = call_i(i0, i1, descr=<pure2>)
i4 = call_i(i0, i1, descr=<pure2>)
f5 = call_f(f2, descr=<pureF>)
f6 = call_f(f2, descr=<pureF>)
finish(i3, i4, f5, f6)
`, `
[i0, i1, f2]
i3 = call_i(i0, i1, descr=<pure2>)
f5 = call_f(f2, descr=<pureF>)
finish(i3, i3, f5, f5)
`},
	{"floats", `
[f0, f1]
f2 = float_add(f0, f1)
f3 = float_add(f1, f0)
f4 = float_sqrt(f0)
f5 = float_sqrt(f0)
finish(f3, f5)
`, `
[f0, f1]
f2 = float_add(f0, f1)
f4 = float_sqrt(f0)
finish(f2, f4)
`},
	{"ovf ops and their guard", `
[i0, i1]
i2 = int_add_ovf(i0, i1)
guard_no_overflow() [f0@1: 0=i0:int]
i3 = int_add_ovf(i1, i0)
guard_no_overflow() [f0@2: 0=i1:int]
finish(i2, i3)
`, `
[i0, i1]
i2 = int_add_ovf(i0, i1)
guard_no_overflow() [f0@1: 0=i0:int]
finish(i2, i2)
`},
	{"an ovf op after guard_overflow is not reused", `
[i0, i1]
i2 = int_mul_ovf(i0, i1)
guard_overflow() [f0@1]
i3 = int_mul_ovf(i0, i1)
guard_no_overflow() [f0@2]
finish(i2, i3)
`, ""},
	{"snapshots follow CSE", `
[i0]
i1 = int_add(i0, 5)
i2 = int_add(i0, 5)
guard_true(i0) [f0@1: 0=i2:int 1=i1:int]
finish(i2)
`, `
[i0]
i1 = int_add(i0, 5)
guard_true(i0) [f0@1: 0=i1:int 1=i1:int]
finish(i1)
`},
}

// Constants known from guards (PyPy's make_constant).
var foldGuardCases = []passCase{
	{"guard_value makes x a constant after it", `
[i0, i1]
i2 = int_add(i0, i1)
guard_value(i0, 5) [f0@1: 0=i0:int 1=i2:int]
i3 = int_add(i0, i1)
i4 = int_mul(i0, 2)
guard_true(i1) [f0@2: 0=i0:int]
finish(i3, i4)
`, `
[i0, i1]
i2 = int_add(i0, i1)
guard_value(i0, 5) [f0@1: 0=i0:int 1=i2:int]
i3 = int_add(i1, 5)
guard_true(i1) [f0@2: 0=5:int]
finish(i3, 10)
`},
	{"guard_value twice", `
[i0, f1, p2]
guard_value(i0, 5) [f0@1]
guard_value(i0, 5) [f0@2]
guard_value(f1, -0.0) [f0@3]
guard_value(f1, -0.0) [f0@4]
guard_value(p2, ConstPtr(obj)) [f0@5]
guard_value(p2, ConstPtr(obj)) [f0@6]
guard_nonnull(p2) [f0@7]
finish(i0, f1, p2)
`, `
[i0, f1, p2]
guard_value(i0, 5) [f0@1]
guard_value(f1, -0.0) [f0@3]
guard_value(p2, ConstPtr(obj)) [f0@5]
finish(5, -0.0, ConstPtr(obj))
`},
	{"a second guard_value with another constant always fails and stays", `
[i0]
guard_value(i0, 5) [f0@1]
guard_value(i0, 6) [f0@2]
finish(i0)
`, `
[i0]
guard_value(i0, 5) [f0@1]
guard_value(5, 6) [f0@2]
finish(5)
`},
	{"guard_false makes x 0", `
[i0]
guard_false(i0) [f0@1]
guard_false(i0) [f0@2]
i1 = int_add(i0, 3)
finish(i1)
`, `
[i0]
guard_false(i0) [f0@1]
finish(3)
`},
	{"guard_true of a comparison twice", `
[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
i3 = int_lt(i0, i1)
guard_true(i3) [f0@2]
i4 = int_gt(i1, i0)
guard_true(i4) [f0@3]
finish(i2)
`, `
[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
finish(1)
`},
	{"guard_isnull makes p null", `
[p0]
guard_isnull(p0) [f0@1]
guard_isnull(p0) [f0@2]
finish(p0)
`, `
[p0]
guard_isnull(p0) [f0@1]
finish(ConstPtr(null))
`},
	{"the guard's own snapshot keeps the value it checks", `
[i0]
guard_value(i0, 1) [f0@1: 0=i0:int]
finish()
`, ""},
}

// Loops: facts do not cross the label, label arguments stay ops, and rules do not look into
// preamble ops from the body.
var foldLoopCases = []passCase{
	{"CSE and constants in the body", `
[i0, i1]
label(i0, i1)
i2 = int_add(i0, i1)
i3 = int_add(i1, i0)
guard_value(i1, 3) [f0@1: 0=i1:int]
i4 = int_add(i1, 1)
jump(i3, i1)
`, `
[i0, i1]
label(i0, i1)
i2 = int_add(i0, i1)
guard_value(i1, 3) [f0@1: 0=i1:int]
jump(i2, 3)
`},
	{"facts do not cross the label", `
[i0]
guard_value(i0, 3) [f0@1]
i1 = int_add(i0, 1)
label(i0)
i2 = int_add(i0, 1)
guard_value(i0, 3) [f0@2]
jump(i2)
`, `
[i0]
guard_value(i0, 3) [f0@1]
label(i0)
i2 = int_add(i0, 1)
guard_value(i0, 3) [f0@2]
jump(i2)
`},
	{"a label argument stays an op", `
[i0]
i1 = int_add(i0, 0)
i2 = int_mul(3, 4)
i3 = int_add(i0, 0)
label(i1, i2)
i4 = int_add(i1, i2)
jump(i4, i3)
`, `
[i0]
i1 = int_add(i0, 0)
i2 = int_mul(3, 4)
label(i1, i2)
i4 = int_add(i1, i2)
jump(i4, i0)
`},
	{"no preamble op becomes a label argument", `
[i0]
i1 = int_add(i0, 1)
i2 = int_add(i0, 1)
label(i1)
i3 = int_add(i2, 1)
jump(i3)
`, ""},
	{"rules do not look through preamble ops from the body", `
[i0]
i1 = int_add(i0, 1)
label(i0)
i2 = int_add(i1, 1)
i3 = int_add(i0, 1)
jump(i3)
`, `
[i0]
i1 = int_add(i0, 1)
label(i0)
i2 = int_add(i1, 1)
i3 = int_add(i0, 1)
jump(i3)
`},
	{"a label argument computed by a comparison is not a boolean in the body", `
[i0, i1]
i2 = int_lt(i0, i1)
label(i2, i1)
guard_true(i2) [f0@1]
i3 = int_add(i2, 5)
i4 = int_ne(i2, 1)
i5 = int_is_true(i2)
jump(i1, i3)
`, ""},
	{"a snapshot shared across the label gets no constants", `
[i0]
guard_value(i0, 3) [f0@1: 0=i0:int]
guard_true(i0) [f0@2: 0=i0:int]
label(i0)
guard_true(i0) [f0@2: 0=i0:int]
jump(i0)
`, `
[i0]
guard_value(i0, 3) [f0@1: 0=i0:int]
label(i0)
guard_true(i0) [f0@2: 0=i0:int]
jump(i0)
`},
}

// foldAndCount runs the fold pass and returns which rules fired.
func foldAndCount(t *testing.T, before string) map[string]int {
	in := parseTest(t, "before", before)
	f := newFolder(in)
	f.run()
	return f.fired
}

func TestFoldConstants(t *testing.T) { runCases(t, Fold, foldConstCases) }
func TestFoldRules(t *testing.T)     { runCases(t, Fold, foldRuleCases) }
func TestFoldNot(t *testing.T)       { runCases(t, Fold, foldNotCases) }
func TestFoldCSE(t *testing.T)       { runCases(t, Fold, foldCSECases) }
func TestFoldGuards(t *testing.T)    { runCases(t, Fold, foldGuardCases) }
func TestFoldLoops(t *testing.T)     { runCases(t, Fold, foldLoopCases) }

// Every row of the rule table is exercised by some case, and the cases that must not fold
// fire no rule.
func TestFoldRulesCovered(t *testing.T) {
	fired := map[string]int{}
	for _, group := range [][]passCase{foldConstCases, foldRuleCases, foldCSECases, foldGuardCases, foldLoopCases} {
		for _, c := range group {
			for name, n := range foldAndCount(t, c.before) {
				fired[name] += n
			}
		}
	}
	var missing []string
	for _, r := range foldRules {
		if fired[r.name] == 0 {
			missing = append(missing, r.name)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no test case exercises the rule %q", m)
	}
	for _, c := range foldNotCases {
		for name := range foldAndCount(t, c.before) {
			if name != "kfold" && name != "cmp(c, x) => mirrored cmp(x, c)" {
				t.Errorf("case %q: rule %q fired", c.name, name)
			}
		}
	}
}

// The rule names are unique (they are the documentation and the keys of the counts).
func TestFoldRuleNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range foldRules {
		if seen[r.name] {
			t.Errorf("two rules named %q", r.name)
		}
		seen[r.name] = true
		if r.op == trace.OpInvalid {
			t.Errorf("rule %q has no opcode", r.name)
		}
	}
}

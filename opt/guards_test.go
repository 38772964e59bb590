package opt

import "testing"

// Guards implied by earlier guards.
var guardsImpliedCases = []passCase{
	{"guard_true twice", `
[i0]
guard_true(i0) [f0@1]
guard_true(i0) [f0@2]
finish(i0)
`, `
[i0]
guard_true(i0) [f0@1]
finish(i0)
`},
	{"guard_false twice", `
[i0]
guard_false(i0) [f0@1]
guard_false(i0) [f0@2]
finish(i0)
`, `
[i0]
guard_false(i0) [f0@1]
finish(i0)
`},
	{"guard_value twice", `
[i0, f1, p2]
guard_value(i0, 7) [f0@1]
guard_value(i0, 7) [f0@2]
guard_value(f1, 1.5) [f0@3]
guard_value(f1, 1.5) [f0@4]
guard_value(p2, ConstPtr(obj)) [f0@5]
guard_value(p2, ConstPtr(obj)) [f0@6]
guard_nonnull(p2) [f0@7]
finish(i0)
`, `
[i0, f1, p2]
guard_value(i0, 7) [f0@1]
guard_value(f1, 1.5) [f0@3]
guard_value(p2, ConstPtr(obj)) [f0@5]
finish(i0)
`},
	{"guard_true of the same comparison twice", `
[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
guard_true(i2) [f0@2]
i3 = int_lt(i0, i1)
guard_true(i3) [f0@3]
i4 = int_ge(i0, i1)
guard_false(i4) [f0@4]
finish()
`, `
[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
finish()
`},
	{"a < 5 implies a < 10 and a <= 7", `
[i0]
i1 = int_lt(i0, 5)
guard_true(i1) [f0@1]
i2 = int_lt(i0, 10)
guard_true(i2) [f0@2]
i3 = int_le(i0, 7)
guard_true(i3) [f0@3]
i4 = int_gt(i0, 4)
guard_false(i4) [f0@4]
finish()
`, `
[i0]
i1 = int_lt(i0, 5)
guard_true(i1) [f0@1]
finish()
`},
	{"a < n implies a < n + ... via a fact, with bounds bridging n <= m", `
[i0, i1, p2]
i3 = getfield_i(p2, descr=<Obj.b>)
i4 = int_lt(i0, i3)
guard_true(i4) [f0@1]
i5 = int_lt(i0, 300)
guard_true(i5) [f0@2]
finish()
`, `
[i0, i1, p2]
i3 = getfield_i(p2, descr=<Obj.b>)
i4 = int_lt(i0, i3)
guard_true(i4) [f0@1]
finish()
`},
	{"a < b implies a != b and a <= b", `
[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
i3 = int_ne(i0, i1)
guard_true(i3) [f0@2]
i4 = int_eq(i1, i0)
guard_false(i4) [f0@3]
i5 = int_le(i0, i1)
guard_true(i5) [f0@4]
finish()
`, `
[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
finish()
`},
	{"the loop condition proves the bounds check when i >= 0", `
[i0, i1]
i2 = int_ge(i0, 0)
guard_true(i2) [f0@1]
i3 = int_lt(i0, i1)
guard_true(i3) [f0@2]
i4 = uint_lt(i0, i1)
guard_true(i4) [f0@3]
i5 = uint_ge(i0, i1)
guard_false(i5) [f0@4]
finish()
`, `
[i0, i1]
i2 = int_ge(i0, 0)
guard_true(i2) [f0@1]
i3 = int_lt(i0, i1)
guard_true(i3) [f0@2]
finish()
`},
	{"uint_lt twice, and a smaller bound", `
[i0, i1]
i2 = uint_lt(i0, 10)
guard_true(i2) [f0@1]
i3 = uint_lt(i0, 20)
guard_true(i3) [f0@2]
i4 = int_ge(i0, 0)
guard_true(i4) [f0@3]
i5 = int_lt(i0, 10)
guard_true(i5) [f0@4]
finish()
`, `
[i0, i1]
i2 = uint_lt(i0, 10)
guard_true(i2) [f0@1]
finish()
`},
	{"not equal to a constant twice", `
[i0]
i1 = int_ne(i0, 3)
guard_true(i1) [f0@1]
i2 = int_eq(i0, 3)
guard_false(i2) [f0@2]
finish()
`, `
[i0]
i1 = int_ne(i0, 3)
guard_true(i1) [f0@1]
finish()
`},
	{"nullness", `
[p0, p1]
guard_nonnull(p0) [f0@1]
guard_nonnull(p0) [f0@2]
i2 = ptr_ne(p0, ConstPtr(null))
guard_true(i2) [f0@3]
guard_isnull(p1) [f0@4]
guard_isnull(p1) [f0@5]
i3 = ptr_eq(ConstPtr(null), p1)
guard_true(i3) [f0@6]
guard_value(p1, ConstPtr(null)) [f0@7]
finish()
`, `
[p0, p1]
guard_nonnull(p0) [f0@1]
guard_isnull(p1) [f0@4]
finish()
`},
	{"nullness from comparisons", `
[p0]
i1 = ptr_eq(p0, ConstPtr(null))
guard_false(i1) [f0@1]
guard_nonnull(p0) [f0@2]
finish()
`, `
[p0]
i1 = ptr_eq(p0, ConstPtr(null))
guard_false(i1) [f0@1]
finish()
`},
	{"guards on constants", `
[i0]
guard_true(1) [f0@1]
guard_false(0) [f0@2]
guard_value(3, 3) [f0@3]
finish()
`, `
[i0]
finish()
`},
}

// Integer bounds decide comparisons and overflow checks.
var guardsBoundsCases = []passCase{
	{"a small unsigned field is in [0, 255]", `
[p0]
i1 = getfield_i(p0, descr=<Obj.b>)
i2 = int_lt(i1, 256)
guard_true(i2) [f0@1]
i3 = int_ge(i1, 0)
guard_true(i3) [f0@2]
i4 = int_add_ovf(i1, 1000)
guard_no_overflow() [f0@3]
i5 = int_eq(i1, -1)
finish(i4, i5)
`, `
[p0]
i1 = getfield_i(p0, descr=<Obj.b>)
i4 = int_add(i1, 1000)
finish(i4, 0)
`},
	{"signed and unsigned field sizes", `
[p0]
i1 = getfield_i(p0, descr=<Obj.h>)
i2 = int_le(i1, 32767)
i3 = int_ge(i1, -32768)
i4 = getfield_i(p0, descr=<Obj.u32>)
i5 = int_mul_ovf(i4, i1)
guard_no_overflow() [f0@1]
i6 = getarrayitem_i(p0, 3, descr=<ByteArray>)
i7 = int_lt(i6, 0)
finish(i2, i3, i5, i7)
`, `
[p0]
i1 = getfield_i(p0, descr=<Obj.h>)
i4 = getfield_i(p0, descr=<Obj.u32>)
i5 = int_mul(i4, i1)
i6 = getarrayitem_i(p0, 3, descr=<ByteArray>)
finish(1, 1, i5, 0)
`},
	{"masks", `
[i0]
i1 = int_and(i0, 15)
i2 = int_lt(i1, 16)
i3 = int_add_ovf(i1, i1)
guard_no_overflow() [f0@1]
i4 = int_le(i3, 30)
finish(i2, i4)
`, `
[i0]
i1 = int_and(i0, 15)
i3 = int_add(i1, i1)
finish(1, 1)
`},
	{"loop-condition bounds make the increment safe", `
[i0]
i1 = int_lt(i0, 100)
guard_true(i1) [f0@1]
i2 = int_add_ovf(i0, 1)
guard_no_overflow() [f0@2]
finish(i2)
`, `
[i0]
i1 = int_lt(i0, 100)
guard_true(i1) [f0@1]
i2 = int_add(i0, 1)
finish(i2)
`},
	{"both ends make a product safe", `
[i0]
i1 = int_ge(i0, -1000)
guard_true(i1) [f0@1]
i2 = int_le(i0, 1000)
guard_true(i2) [f0@2]
i3 = int_mul_ovf(i0, i0)
guard_no_overflow() [f0@3]
i4 = int_sub_ovf(i3, 5)
guard_no_overflow() [f0@4]
i5 = int_ge(i3, -1000000)
finish(i4, i5)
`, `
[i0]
i1 = int_ge(i0, -1000)
guard_true(i1) [f0@1]
i2 = int_le(i0, 1000)
guard_true(i2) [f0@2]
i3 = int_mul(i0, i0)
i4 = int_sub(i3, 5)
finish(i4, 1)
`},
	{"division and modulo by positive constants", `
[i0]
i1 = int_mod(i0, 10)
i2 = int_lt(i1, 10)
i3 = int_ge(i1, 0)
i4 = int_and(i0, 1023)
i5 = int_floordiv(i4, 4)
i6 = int_le(i5, 255)
finish(i2, i3, i6)
`, `
[i0]
i1 = int_mod(i0, 10)
i4 = int_and(i0, 1023)
i5 = int_floordiv(i4, 4)
finish(1, 1, 1)
`},
	{"shifts", `
[i0]
i1 = int_and(i0, 255)
i2 = int_rshift(i1, 4)
i3 = int_lt(i2, 16)
i4 = int_urshift(i0, 60)
i5 = int_le(i4, 15)
i6 = int_lshift(i1, 2)
i7 = int_lt(i6, 1024)
finish(i3, i5, i7)
`, `
[i0]
i1 = int_and(i0, 255)
i2 = int_rshift(i1, 4)
i4 = int_urshift(i0, 60)
i6 = int_lshift(i1, 2)
finish(1, 1, 1)
`},
	{"comparisons are booleans", `
[i0, i1]
i2 = int_lt(i0, i1)
i3 = int_le(i2, 1)
i4 = int_is_true(i2)
finish(i3, i4)
`, `
[i0, i1]
i2 = int_lt(i0, i1)
i4 = int_is_true(i2)
finish(1, i4)
`},
	{"guard_value gives a constant bound", `
[i0]
guard_value(i0, 12) [f0@1]
i1 = int_add(i0, 1)
i2 = int_gt(i0, 11)
guard_true(i2) [f0@2]
finish(i1)
`, `
[i0]
guard_value(i0, 12) [f0@1]
finish(13)
`},
	{"a guard_true(x) of a non-boolean makes x != 0", `
[i0]
guard_true(i0) [f0@1]
i1 = int_is_zero(i0)
guard_false(i1) [f0@2]
i2 = int_ne(i0, 0)
finish(i2)
`, `
[i0]
guard_true(i0) [f0@1]
finish(1)
`},
	{"uint_lt with a non-negative limit bounds the index", `
[i0, p1]
i2 = getfield_i(p1, descr=<Obj.b>)
i3 = uint_lt(i0, i2)
guard_true(i3) [f0@1]
i4 = int_ge(i0, 0)
i5 = int_lt(i0, 255)
i6 = int_add_ovf(i0, 1)
guard_no_overflow() [f0@2]
finish(i4, i5, i6)
`, `
[i0, p1]
i2 = getfield_i(p1, descr=<Obj.b>)
i3 = uint_lt(i0, i2)
guard_true(i3) [f0@1]
i6 = int_add(i0, 1)
finish(1, 1, i6)
`},
	{"bounds flow back through x + c: the int-to-float exactness check", `
[i0]
i1 = int_add(i0, 9007199254740992)
i2 = uint_lt(i1, 18014398509481985)
guard_true(i2) [f0@1]
f3 = cast_int_to_float(i0)
i4 = int_add(i0, 9007199254740992)
i5 = uint_lt(i4, 18014398509481985)
guard_true(i5) [f0@2]
i6 = int_mul_ovf(i0, 100)
guard_no_overflow() [f0@3]
i7 = int_sub(i0, 10)
i8 = int_lt(i7, 5)
guard_true(i8) [f0@4]
i9 = int_lt(i0, 15)
finish(f3, i6, i9)
`, `
[i0]
i1 = int_add(i0, 9007199254740992)
i2 = uint_lt(i1, 18014398509481985)
guard_true(i2) [f0@1]
f3 = cast_int_to_float(i0)
i4 = int_add(i0, 9007199254740992)
i6 = int_mul(i0, 100)
i7 = int_sub(i0, 10)
i8 = int_lt(i7, 5)
guard_true(i8) [f0@4]
finish(f3, i6, 1)
`},
	{"no bound flows back through an add that may wrap", `
[i0]
i1 = int_add(i0, 1)
i2 = int_lt(i1, 5)
guard_true(i2) [f0@1]
i3 = int_lt(i0, 4)
finish(i3)
`, ""},
	{"always overflowing with guard_overflow", `
[i0]
i1 = int_ge(i0, 1)
guard_true(i1) [f0@1]
i2 = int_add_ovf(i0, 9223372036854775807)
guard_overflow() [f0@2]
finish(i2)
`, `
[i0]
i1 = int_ge(i0, 1)
guard_true(i1) [f0@1]
i2 = int_add(i0, 9223372036854775807)
finish(i2)
`},
}

// What the guards pass must leave alone.
var guardsNotCases = []passCase{
	{"a weaker guard first does not imply a stronger one", `
[i0]
i1 = int_lt(i0, 10)
guard_true(i1) [f0@1]
i2 = int_lt(i0, 5)
guard_true(i2) [f0@2]
finish()
`, ""},
	{"different values", `
[i0, i1, i2]
i3 = int_lt(i0, i1)
guard_true(i3) [f0@1]
i4 = int_lt(i0, i2)
guard_true(i4) [f0@2]
guard_true(i1) [f0@3]
guard_true(i2) [f0@4]
finish()
`, ""},
	{"uint_lt is not implied without i >= 0", `
[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
i3 = uint_lt(i0, i1)
guard_true(i3) [f0@2]
finish()
`, ""},
	{"int_lt is not implied by uint_lt against an unknown limit", `
[i0, i1]
i2 = uint_lt(i0, i1)
guard_true(i2) [f0@1]
i3 = int_lt(i0, i1)
guard_true(i3) [f0@2]
finish()
`, ""},
	{"an overflow that is possible", `
[i0, i1, p2]
i3 = int_add_ovf(i0, 1)
guard_no_overflow() [f0@1]
i4 = getfield_i(p2, descr=<Obj.u32>)
i5 = getfield_i(p2, descr=<Obj.i>)
i6 = int_mul_ovf(i4, i5)
guard_no_overflow() [f0@2]
i7 = int_sub_ovf(0, i1)
guard_no_overflow() [f0@3]
finish(i3, i6, i7)
`, ""},
	{"a guard that always fails stays", `
[i0]
i1 = int_lt(i0, 5)
guard_true(i1) [f0@1]
i2 = int_gt(i0, 10)
guard_true(i2) [f0@2]
finish()
`, `
[i0]
i1 = int_lt(i0, 5)
guard_true(i1) [f0@1]
guard_true(0) [f0@2]
finish()
`},
	{"guard_overflow after an op that may not overflow", `
[i0]
i1 = int_add_ovf(i0, 1)
guard_overflow() [f0@1]
finish(i1)
`, ""},
	{"a 64-bit field has no bound", `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = int_ge(i1, 0)
guard_true(i2) [f0@1]
finish()
`, ""},
	{"float guard_value with another constant", `
[f0]
guard_value(f0, 0.0) [f0@1]
guard_value(f0, -0.0) [f0@2]
finish()
`, ""},
	{"nullness is not known from other pointers", `
[p0, p1]
guard_nonnull(p0) [f0@1]
guard_nonnull(p1) [f0@2]
i2 = ptr_eq(p0, p1)
finish(i2)
`, ""},
	{"u32 * u32 may overflow", `
[p0]
i1 = getfield_i(p0, descr=<Obj.u32>)
i2 = int_mul_ovf(i1, i1)
guard_no_overflow() [f0@1]
finish(i2)
`, ""},
	{"x * x is not known to be >= 0 (bounds are intervals)", `
[i0]
i1 = int_and(i0, 255)
i2 = int_sub(i1, 100)
i3 = int_mul(i2, i2)
i4 = int_ge(i3, 0)
finish(i4)
`, ""},
	{"a shift that may lose bits", `
[i0]
i1 = int_and(i0, 255)
i2 = int_lshift(i1, 60)
i3 = int_ge(i2, 0)
finish(i3)
`, ""},
}

// Loops: nothing crosses the label.
var guardsLoopCases = []passCase{
	{"facts of the preamble are forgotten at the label", `
[i0]
i1 = int_lt(i0, 10)
guard_true(i1) [f0@1]
label(i0)
i2 = int_lt(i0, 10)
guard_true(i2) [f0@2]
i3 = int_add_ovf(i0, 1)
guard_no_overflow() [f0@3]
jump(i3)
`, `
[i0]
i1 = int_lt(i0, 10)
guard_true(i1) [f0@1]
label(i0)
i2 = int_lt(i0, 10)
guard_true(i2) [f0@2]
i3 = int_add(i0, 1)
jump(i3)
`},
	{"a label argument stays an op", `
[i0]
guard_value(i0, 4) [f0@1]
i1 = int_add(i0, 1)
label(i1)
i2 = int_add(i1, 1)
jump(i2)
`, ""},
	{"body guards implied by body guards", `
[i0, i1]
label(i0, i1)
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
i3 = int_lt(i0, i1)
guard_true(i3) [f0@2]
jump(i0, i1)
`, `
[i0, i1]
label(i0, i1)
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
jump(i0, i1)
`},
}

func TestGuardsImplied(t *testing.T) { runCases(t, Guards, guardsImpliedCases) }
func TestGuardsBounds(t *testing.T)  { runCases(t, Guards, guardsBoundsCases) }
func TestGuardsNot(t *testing.T)     { runCases(t, Guards, guardsNotCases) }
func TestGuardsLoops(t *testing.T)   { runCases(t, Guards, guardsLoopCases) }

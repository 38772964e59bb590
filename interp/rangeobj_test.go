package interp

import (
	"math"
	"testing"

	"github.com/metajit/metajit/interp/compile"
)

func TestRange(t *testing.T) {
	i, s := obInt, obStr
	rng := func(args ...Value) func() (Value, *Exception) {
		return func() (Value, *Exception) { return RangeFromArgs(&Interp{}, args, nil) }
	}
	lenOf := func(r Value) func() (Value, *Exception) {
		return func() (Value, *Exception) { return Int(rangeObj(r).Len()), nil }
	}
	obRun(t, []obCase{
		{`range(5)`, rng(i(5)), "range(0, 5)"},
		{`range(1, 5)`, rng(i(1), i(5)), "range(1, 5)"},
		{`range(1, 5, 2)`, rng(i(1), i(5), i(2)), "range(1, 5, 2)"},
		{`range(True)`, rng(True), "range(0, 1)"},
		{`range()`, rng(), "TypeError: range expected at least 1 argument, got 0"},
		{`range(1, 2, 3, 4)`, rng(i(1), i(2), i(3), i(4)), "TypeError: range expected at most 3 arguments, got 4"},
		{`range('a')`, rng(s("a")), "TypeError: 'str' object cannot be interpreted as an integer"},
		{`range(1.0)`, rng(obFloat(1)), "TypeError: 'float' object cannot be interpreted as an integer"},
		{`range(1, 2, 0)`, rng(i(1), i(2), i(0)), "ValueError: range() arg 3 must not be zero"},
		{`len(range(0, 10, 3))`, lenOf(NewRange(0, 10, 3)), "4"},
		{`len(range(10, 0, -3))`, lenOf(NewRange(10, 0, -3)), "4"},
		{`len(range(5, 5))`, lenOf(NewRange(5, 5, 1)), "0"},
		{`len(range(-9223372036854775807, 9223372036854775807, 2))`, lenOf(NewRange(-math.MaxInt64, math.MaxInt64, 2)), "9223372036854775807"},
		{`range(0, 10, 3).index(9)`, func() (Value, *Exception) { return obCall(NewRange(0, 10, 3), "index", i(9)) }, "3"},
		{`range(0, 10, 3).index(5)`, func() (Value, *Exception) { return obCall(NewRange(0, 10, 3), "index", i(5)) }, "ValueError: 5 is not in range"},
		{`range(0, -10, -3).index(-9)`, func() (Value, *Exception) { return obCall(NewRange(0, -10, -3), "index", i(-9)) }, "3"},
		{`range(3).index(2.0)`, func() (Value, *Exception) { return obCall(NewRange(0, 3, 1), "index", obFloat(2)) }, "2"},
		{`range(3).index('a')`, func() (Value, *Exception) { return obCall(NewRange(0, 3, 1), "index", s("a")) }, "ValueError: sequence.index(x): x not in sequence"},
		{`range(3).index(True)`, func() (Value, *Exception) { return obCall(NewRange(0, 3, 1), "index", True) }, "1"},
		{`range(3).count(1)`, func() (Value, *Exception) { return obCall(NewRange(0, 3, 1), "count", i(1)) }, "1"},
		{`range(3).count(1.0)`, func() (Value, *Exception) { return obCall(NewRange(0, 3, 1), "count", obFloat(1)) }, "1"},
		{`range(3).count(5)`, func() (Value, *Exception) { return obCall(NewRange(0, 3, 1), "count", i(5)) }, "0"},
	})
}

func TestBigRange(t *testing.T) {
	b := obBig
	i := obInt
	in := &Interp{}
	mk := func(args ...Value) Value {
		v, err := RangeFromArgs(in, args, nil)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	r64 := mk(b("18446744073709551616"))                          // range(2**64)
	cross := mk(i(9223372036854775806), b("9223372036854775809")) // range(2**63 - 2, 2**63 + 1)
	wide := NewRange(math.MinInt64, math.MaxInt64, 1)             // range(-2**63, 2**63 - 1)
	obRun(t, []obCase{
		{`list(range(2**63 - 2, 2**63 + 1))`, func() (Value, *Exception) { return obDrain(cross) }, "[9223372036854775806, 9223372036854775807, 9223372036854775808]"},
		{`list(reversed(range(2**63 - 2, 2**63 + 1)))`, func() (Value, *Exception) {
			it, _ := NewReversed(in, cross)
			return obDrain(it)
		}, "[9223372036854775808, 9223372036854775807, 9223372036854775806]"},
		{`len(range(2**64))`, func() (Value, *Exception) { n, err := rangeObj(r64).LenErr(); return Int(n), err }, "OverflowError: Python int too large to convert to C ssize_t"},
		{`len(range(-2**63, 2**63-1))`, func() (Value, *Exception) { n, err := rangeObj(wide).LenErr(); return Int(n), err }, "OverflowError: Python int too large to convert to C ssize_t"},
		{`range(-2**63, 2**63-1)[-1]`, func() (Value, *Exception) { return GetItem(in, wide, i(-1)) }, "9223372036854775806"},
		{`range(2**64)[2**63]`, func() (Value, *Exception) { return GetItem(in, r64, b("9223372036854775808")) }, "9223372036854775808"},
		{`range(2**64)[-1]`, func() (Value, *Exception) { return GetItem(in, r64, i(-1)) }, "18446744073709551615"},
		{`range(2**64)[2**64]`, func() (Value, *Exception) { return GetItem(in, r64, b("18446744073709551616")) }, "IndexError: range object index out of range"},
		{`range(10)[2**70]`, func() (Value, *Exception) { return GetItem(in, NewRange(0, 10, 1), b("1180591620717411303424")) }, "IndexError: range object index out of range"},
		{`range(2**64)[1.5]`, func() (Value, *Exception) { return GetItem(in, r64, obFloat(1.5)) }, "TypeError: range indices must be integers or slices, not float"},
		{`range(2**64)[::2**62]`, func() (Value, *Exception) { return GetItem(in, r64, NewSlice(None, None, b("4611686018427387904"))) }, "range(0, 18446744073709551616, 4611686018427387904)"},
		{`range(2**64)[2**62:2**63:3]`, func() (Value, *Exception) {
			return GetItem(in, r64, NewSlice(b("4611686018427387904"), b("9223372036854775808"), i(3)))
		}, "range(4611686018427387904, 9223372036854775808, 3)"},
		{`range(0, 2**63-1, 2**62)[:]`, func() (Value, *Exception) {
			return GetItem(in, NewRange(0, math.MaxInt64, 1<<62), NewSlice(None, None, None))
		}, "range(0, 9223372036854775808, 4611686018427387904)"},
		{`range(5)[-2**70:2**70]`, func() (Value, *Exception) {
			return GetItem(in, NewRange(0, 5, 1), NewSlice(b("-1180591620717411303424"), b("1180591620717411303424"), None))
		}, "range(0, 5)"},
		{`2**63 in range(2**64)`, func() (Value, *Exception) {
			ok, err := Contains(in, r64, b("9223372036854775808"))
			return Bool(ok), err
		}, "True"},
		{`-1 in range(2**64)`, func() (Value, *Exception) { ok, err := Contains(in, r64, i(-1)); return Bool(ok), err }, "False"},
		{`range(2**64).index(2**63)`, func() (Value, *Exception) { return obCall(r64, "index", b("9223372036854775808")) }, "9223372036854775808"},
		{`range(1, 2**64).index(2**65)`, func() (Value, *Exception) {
			return obCall(mk(i(1), b("18446744073709551616")), "index", b("36893488147419103232"))
		}, "ValueError: 36893488147419103232 is not in range"},
		{`range(2**64).count(5)`, func() (Value, *Exception) { return obCall(r64, "count", i(5)) }, "1"},
		{`range(2**64) == range(0, 2**64)`, func() (Value, *Exception) {
			return Compare(in, compile.COMPARE_EQ, r64, mk(i(0), b("18446744073709551616")))
		}, "True"},
		{`range(2**64) == range(2**63)`, func() (Value, *Exception) { return Compare(in, compile.COMPARE_EQ, r64, mk(b("9223372036854775808"))) }, "False"},
		{`bool(range(2**64, 2**64))`, func() (Value, *Exception) {
			return Bool(Truthy(mk(b("18446744073709551616"), b("18446744073709551616")))), nil
		}, "False"},
		{`range(2**64)`, func() (Value, *Exception) { return r64, nil }, "range(0, 18446744073709551616)"},
		{`range(10**20, 10**20 + 50, 7)`, func() (Value, *Exception) {
			return mk(b("100000000000000000000"), b("100000000000000000050"), i(7)), nil
		}, "range(100000000000000000000, 100000000000000000050, 7)"},
	})
	h1, _ := hashValue(r64)
	h2, _ := hashValue(mk(i(0), b("18446744073709551616"), i(1)))
	if h1 != h2 {
		t.Error("equal big ranges hash alike")
	}
}

package interp

import (
	"math"
	"testing"
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

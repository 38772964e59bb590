package interp

import "testing"

func TestTuple(t *testing.T) {
	i, s := obInt, obStr
	tup := obTuple(i(1), s("a"), i(1), obFloat(1))
	obRun(t, []obCase{
		{`(1, 'a', 1, 1.0).count(1)`, func() (Value, *Exception) { return obCall(tup, "count", i(1)) }, "3"},
		{`(1, 'a', 1, 1.0).index('a')`, func() (Value, *Exception) { return obCall(tup, "index", s("a")) }, "1"},
		{`(1, 'a', 1, 1.0).index(1, 1)`, func() (Value, *Exception) { return obCall(tup, "index", i(1), i(1)) }, "2"},
		{`(1, 'a', 1, 1.0).index(1, -1)`, func() (Value, *Exception) { return obCall(tup, "index", i(1), i(-1)) }, "3"},
		{`(1, 2).index(3)`, func() (Value, *Exception) { return obCall(obTuple(i(1), i(2)), "index", i(3)) }, "ValueError: tuple.index(x): x not in tuple"},
		{`().index(1, 'a')`, func() (Value, *Exception) { return obCall(obTuple(), "index", i(1), s("a")) }, "TypeError: slice indices must be integers or have an __index__ method"},
		{`().count(x=1)`, func() (Value, *Exception) { return obCallKw(obTuple(), "count", obKw("x", i(1))) }, "TypeError: tuple.count() takes no keyword arguments"},
		{`tuple([1, 2])`, func() (Value, *Exception) { return TupleFromIterable(&Interp{}, NewListInts([]int64{1, 2})) }, "(1, 2)"},
		{`tuple('ab')`, func() (Value, *Exception) { return TupleFromIterable(&Interp{}, s("ab")) }, "('a', 'b')"},
		{`tuple(1)`, func() (Value, *Exception) { return TupleFromIterable(&Interp{}, i(1)) }, "TypeError: 'int' object is not iterable"},
	})
	if !Is(NewTuple(nil), obTuple()) {
		t.Error("() is ()")
	}
	whole := obTuple(i(1), i(2))
	if v, _ := GetItem(nil, whole, NewSlice(None, None, None)); !Is(v, whole) {
		t.Error("t[:] is t")
	}
}

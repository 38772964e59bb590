package interp

import "testing"

func TestGetItem(t *testing.T) {
	i, s := obInt, obStr
	get := func(obj, key Value) func() (Value, *Exception) {
		return func() (Value, *Exception) { return GetItem(&Interp{}, obj, key) }
	}
	sl := NewSlice
	ints := NewListInts([]int64{1, 2, 3})
	big70, negBig := obBig("1180591620717411303424"), obBig("-1180591620717411303424")
	obRun(t, []obCase{
		{`[1, 2, 3][-1]`, get(ints, i(-1)), "3"},
		{`[1, 2, 3][True]`, get(ints, True), "2"},
		{`[1, 2, 3][3]`, get(ints, i(3)), "IndexError: list index out of range"},
		{`[1, 2, 3][-4]`, get(ints, i(-4)), "IndexError: list index out of range"},
		{`[1, 2, 3]['a']`, get(ints, s("a")), "TypeError: list indices must be integers or slices, not str"},
		{`[1, 2, 3][1.0]`, get(ints, obFloat(1)), "TypeError: list indices must be integers or slices, not float"},
		{`[1, 2, 3][None]`, get(ints, None), "TypeError: list indices must be integers or slices, not NoneType"},
		{`[1, 2, 3][2**70]`, get(ints, big70), "IndexError: cannot fit 'int' into an index-sized integer"},
		{`[1, 2, 3][::-1]`, get(ints, sl(None, None, i(-1))), "[3, 2, 1]"},
		{`[1, 2, 3][5:1:-1]`, get(ints, sl(i(5), i(1), i(-1))), "[3]"},
		{`[1, 2, 3][-100:100]`, get(ints, sl(i(-100), i(100), None)), "[1, 2, 3]"},
		{`[1, 2, 3][::2]`, get(ints, sl(None, None, i(2))), "[1, 3]"},
		{`[1, 2, 3][2:0]`, get(ints, sl(i(2), i(0), None)), "[]"},
		{`[1, 2, 3][-2**70:2**70]`, get(ints, sl(negBig, big70, None)), "[1, 2, 3]"},
		{`[1, 2, 3][::2**70]`, get(ints, sl(None, None, big70)), "[1]"},
		{`[1, 2, 3][::-2**70]`, get(ints, sl(None, None, negBig)), "[3]"},
		{`[1, 2, 3][1:2:0]`, get(ints, sl(i(1), i(2), i(0))), "ValueError: slice step cannot be zero"},
		{`[1, 2, 3]['a':1]`, get(ints, sl(s("a"), i(1), None)), "TypeError: slice indices must be integers or None or have an __index__ method"},
		{`[1, 'a', 2.5][1:]`, get(obList(i(1), s("a"), obFloat(2.5)), sl(i(1), None, None)), "['a', 2.5]"},
		{`[0.5, 1.5, 2.5][::-2]`, get(NewListFloats([]float64{.5, 1.5, 2.5}), sl(None, None, i(-2))), "[2.5, 0.5]"},
		{`(1, 2, 3)[1]`, get(obTuple(i(1), i(2), i(3)), i(1)), "2"},
		{`(1, 2, 3)[3]`, get(obTuple(i(1), i(2), i(3)), i(3)), "IndexError: tuple index out of range"},
		{`(1, 2, 3)['a']`, get(obTuple(i(1), i(2), i(3)), s("a")), "TypeError: tuple indices must be integers or slices, not str"},
		{`(1, 2, 3)[1:]`, get(obTuple(i(1), i(2), i(3)), sl(i(1), None, None)), "(2, 3)"},
		{`(1, 2, 3)[::-1]`, get(obTuple(i(1), i(2), i(3)), sl(None, None, i(-1))), "(3, 2, 1)"},
		{`'héllo'[1]`, get(s("héllo"), i(1)), "'é'"},
		{`'héllo'[-1]`, get(s("héllo"), i(-1)), "'o'"},
		{`'héllo'[1:4]`, get(s("héllo"), sl(i(1), i(4), None)), "'éll'"},
		{`'héllo'[::2]`, get(s("héllo"), sl(None, None, i(2))), "'hlo'"},
		{`'abc'[::-1]`, get(s("abc"), sl(None, None, i(-1))), "'cba'"},
		{`'abc'[5]`, get(s("abc"), i(5)), "IndexError: string index out of range"},
		{`'abc'['a']`, get(s("abc"), s("a")), "TypeError: string indices must be integers, not 'str'"},
		{`'abc'[1.5]`, get(s("abc"), obFloat(1.5)), "TypeError: string indices must be integers, not 'float'"},
		{`range(10)[-1]`, get(NewRange(0, 10, 1), i(-1)), "9"},
		{`range(0, 10, 3)[2]`, get(NewRange(0, 10, 3), i(2)), "6"},
		{`range(0)[0]`, get(NewRange(0, 0, 1), i(0)), "IndexError: range object index out of range"},
		{`range(3)['a']`, get(NewRange(0, 3, 1), s("a")), "TypeError: range indices must be integers or slices, not str"},
		{`range(10)[2:8:2]`, get(NewRange(0, 10, 1), sl(i(2), i(8), i(2))), "range(2, 8, 2)"},
		{`range(10)[2:9:2]`, get(NewRange(0, 10, 1), sl(i(2), i(9), i(2))), "range(2, 9, 2)"},
		{`range(10)[::-1]`, get(NewRange(0, 10, 1), sl(None, None, i(-1))), "range(9, -1, -1)"},
		{`range(0, 10, 3)[-1:]`, get(NewRange(0, 10, 3), sl(i(-1), None, None)), "range(9, 12, 3)"},
		{`range(5)[5:1]`, get(NewRange(0, 5, 1), sl(i(5), i(1), None)), "range(5, 1)"},
		{`range(1, 20, 3)[-3:1:-2]`, get(NewRange(1, 20, 3), sl(i(-3), i(1), i(-2))), "range(13, 4, -6)"},
		{`{'a': 1}['a']`, get(obDict(s("a"), i(1)), s("a")), "1"},
		{`{'a': 1}['b']`, get(obDict(s("a"), i(1)), s("b")), "KeyError: 'b'"},
		{`{(1, 2): 1}[(1, 3)]`, get(obDict(obTuple(i(1), i(2)), i(1)), obTuple(i(1), i(3))), "KeyError: (1, 3)"},
		{`1[0]`, get(i(1), i(0)), "TypeError: 'int' object is not subscriptable"},
		{`None[0]`, get(None, i(0)), "TypeError: 'NoneType' object is not subscriptable"},
		{`int[0]`, get(TypeValue(IntType), i(0)), "TypeError: type 'int' is not subscriptable"},
	})
}

func TestSetItem(t *testing.T) {
	i, s := obInt, obStr
	set := func(obj, key, v Value) func() (Value, *Exception) {
		return func() (Value, *Exception) {
			if err := SetItem(&Interp{}, obj, key, v); err != nil {
				return Value{}, err
			}
			return obj, nil
		}
	}
	sl := NewSlice
	ints := func() Value { return NewListInts([]int64{1, 2, 3}) }
	obRun(t, []obCase{
		{`x = [1, 2, 3]; x[-1] = 9; x`, set(ints(), i(-1), i(9)), "[1, 2, 9]"},
		{`x = [1, 2, 3]; x[0] = 'a'; x`, set(ints(), i(0), s("a")), "['a', 2, 3]"},
		{`x = [1, 2, 3]; x[3] = 1`, set(ints(), i(3), i(1)), "IndexError: list assignment index out of range"},
		{`x = [1, 2, 3]; x['a'] = 1`, set(ints(), s("a"), i(1)), "TypeError: list indices must be integers or slices, not str"},
		{`x = [1, 2, 3]; x[2**70] = 1`, set(ints(), obBig("1180591620717411303424"), i(1)), "IndexError: cannot fit 'int' into an index-sized integer"},
		{`x = [1, 2, 3]; x[1:2] = [7, 8, 9]; x`, set(ints(), sl(i(1), i(2), None), NewListInts([]int64{7, 8, 9})), "[1, 7, 8, 9, 3]"},
		{`x = [1, 2, 3]; x[1:] = 'ab'; x`, set(ints(), sl(i(1), None, None), s("ab")), "[1, 'a', 'b']"},
		{`x = [1, 2, 3]; x[:] = []; x`, set(ints(), sl(None, None, None), obList()), "[]"},
		{`x = [1, 2, 3]; x[2:1] = [0]; x`, set(ints(), sl(i(2), i(1), None), obList(i(0))), "[1, 2, 0, 3]"},
		{`x = [1, 2, 3]; x[::2] = [7, 8]; x`, set(ints(), sl(None, None, i(2)), obList(i(7), i(8))), "[7, 2, 8]"},
		{`x = [1, 2, 3]; x[::-1] = (4, 5, 6); x`, set(ints(), sl(None, None, i(-1)), obTuple(i(4), i(5), i(6))), "[6, 5, 4]"},
		{`x = [1, 2, 3]; x[::2] = [1]`, set(ints(), sl(None, None, i(2)), obList(i(1))), "ValueError: attempt to assign sequence of size 1 to extended slice of size 2"},
		{`x = [1, 2, 3]; x[0:1] = 1`, set(ints(), sl(i(0), i(1), None), i(1)), "TypeError: can only assign an iterable"},
		{`x = [1, 2, 3]; x[::2] = 1`, set(ints(), sl(None, None, i(2)), i(1)), "TypeError: must assign iterable to extended slice"},
		{`x = [1, 2, 3]; x[1:2] = [0.5]; x`, set(ints(), sl(i(1), i(2), None), obList(obFloat(.5))), "[1, 0.5, 3]"},
		{`x = {}; x['a'] = 1; x[1.0] = 2; x`, func() (Value, *Exception) {
			d := obDict()
			_ = SetItem(nil, d, s("a"), i(1))
			return set(d, obFloat(1), i(2))()
		}, "{'a': 1, 1.0: 2}"},
		{`x = (1,); x[0] = 2`, set(obTuple(i(1)), i(0), i(2)), "TypeError: 'tuple' object does not support item assignment"},
		{`x = 'a'; x[0] = 'b'`, set(s("a"), i(0), s("b")), "TypeError: 'str' object does not support item assignment"},
		{`x = range(3); x[0] = 1`, set(NewRange(0, 3, 1), i(0), i(1)), "TypeError: 'range' object does not support item assignment"},
		{`x = None; x[0] = 1`, set(None, i(0), i(1)), "TypeError: 'NoneType' object does not support item assignment"},
	})
	// x[a:b] = x copies first.
	x := NewListInts([]int64{1, 2, 3})
	if err := SetItem(nil, x, NewSlice(i(1), i(2), None), x); err != nil || Repr(x) != "[1, 1, 2, 3, 3]" {
		t.Errorf("x[1:2] = x: %s", Repr(x))
	}
}

func TestSeqOps(t *testing.T) {
	i, s := obInt, obStr
	in := &Interp{}
	obRun(t, []obCase{
		{`[1] + [2.5]`, func() (Value, *Exception) { return ConcatSeq(in, obList(i(1)), obList(obFloat(2.5))) }, "[1, 2.5]"},
		{`(1,) + ('a',)`, func() (Value, *Exception) { return ConcatSeq(in, obTuple(i(1)), obTuple(s("a"))) }, "(1, 'a')"},
		{`'ab' + 'é'`, func() (Value, *Exception) { return ConcatSeq(in, s("ab"), s("é")) }, "'abé'"},
		{`[] + 1`, func() (Value, *Exception) { return ConcatSeq(in, obList(), i(1)) }, "TypeError: can only concatenate list (not \"int\") to list"},
		{`[] + ()`, func() (Value, *Exception) { return ConcatSeq(in, obList(), obTuple()) }, "TypeError: can only concatenate list (not \"tuple\") to list"},
		{`() + []`, func() (Value, *Exception) { return ConcatSeq(in, obTuple(), obList()) }, "TypeError: can only concatenate tuple (not \"list\") to tuple"},
		{`'' + 1`, func() (Value, *Exception) { return ConcatSeq(in, s(""), i(1)) }, "TypeError: can only concatenate str (not \"int\") to str"},
		{`'' + []`, func() (Value, *Exception) { return ConcatSeq(in, s(""), obList()) }, "TypeError: can only concatenate str (not \"list\") to str"},
		{`'ab' * 3`, func() (Value, *Exception) { return RepeatSeq(in, s("ab"), 3) }, "'ababab'"},
		{`'ab' * -1`, func() (Value, *Exception) { return RepeatSeq(in, s("ab"), -1) }, "''"},
		{`[1, 'a'] * 2`, func() (Value, *Exception) { return RepeatSeq(in, obList(i(1), s("a")), 2) }, "[1, 'a', 1, 'a']"},
		{`[0.5] * 3`, func() (Value, *Exception) { return RepeatSeq(in, obList(obFloat(.5)), 3) }, "[0.5, 0.5, 0.5]"},
		{`(1, 2) * 2`, func() (Value, *Exception) { return RepeatSeq(in, obTuple(i(1), i(2)), 2) }, "(1, 2, 1, 2)"},
		{`[] * 5`, func() (Value, *Exception) { return RepeatSeq(in, obList(), 5) }, "[]"},
		{`[1] * 2**62`, func() (Value, *Exception) { return RepeatSeq(in, obList(i(1)), 1<<62) }, "MemoryError"},
	})
}

package interp

import (
	"math"
	"testing"
)

// obDrain collects an iterable into a list value, through GetIter and IterNext.
func obDrain(v Value) (Value, *Exception) {
	in := &Interp{}
	it, err := GetIter(in, v)
	if err != nil {
		return Value{}, err
	}
	var out []Value
	for {
		x, ok, err := IterNext(in, it)
		if err != nil {
			return Value{}, err
		}
		if !ok {
			return NewList(out), nil
		}
		out = append(out, x)
	}
}

func TestIteration(t *testing.T) {
	i, s := obInt, obStr
	in := &Interp{}
	drain := func(v Value, err *Exception) func() (Value, *Exception) {
		return func() (Value, *Exception) {
			if err != nil {
				return Value{}, err
			}
			return obDrain(v)
		}
	}
	ab := obDict(s("a"), i(1), s("b"), i(2))
	obRun(t, []obCase{
		{`list(iter([1, 'a']))`, drain(obList(i(1), s("a")), nil), "[1, 'a']"},
		{`list(range(0, -7, -3))`, drain(NewRange(0, -7, -3), nil), "[0, -3, -6]"},
		{`list(range(9223372036854775800, 9223372036854775807, 3))`, drain(NewRange(math.MaxInt64-7, math.MaxInt64, 3), nil), "[9223372036854775800, 9223372036854775803, 9223372036854775806]"},
		{`list(range(-9223372036854775800, -9223372036854775808, -5))`, drain(NewRange(-math.MaxInt64+7, math.MinInt64, -5), nil), "[-9223372036854775800, -9223372036854775805]"},
		{`list((1, 2))`, drain(obTuple(i(1), i(2)), nil), "[1, 2]"},
		{`list('héllo')`, drain(s("héllo"), nil), "['h', 'é', 'l', 'l', 'o']"},
		{`list({'a': 1, 'b': 2})`, drain(ab, nil), "['a', 'b']"},
		{`list({'a': 1, 'b': 2}.values())`, drain(NewDictView(dictObj(ab), ViewValues), nil), "[1, 2]"},
		{`list({'a': 1, 'b': 2}.items())`, drain(NewDictView(dictObj(ab), ViewItems), nil), "[('a', 1), ('b', 2)]"},
		{`iter(1)`, func() (Value, *Exception) { return GetIter(in, i(1)) }, "TypeError: 'int' object is not iterable"},
		{`iter(None)`, func() (Value, *Exception) { return GetIter(in, None) }, "TypeError: 'NoneType' object is not iterable"},
		{`list(enumerate('ab', 5))`, drain(NewEnumerate(in, s("ab"), 5)), "[(5, 'a'), (6, 'b')]"},
		{`list(enumerate([]))`, drain(NewEnumerate(in, obList(), 0)), "[]"},
		{`enumerate(1)`, func() (Value, *Exception) { return NewEnumerate(in, i(1), 0) }, "TypeError: 'int' object is not iterable"},
		{`list(zip('abc', [1, 2]))`, drain(NewZip(in, []Value{s("abc"), NewListInts([]int64{1, 2})})), "[('a', 1), ('b', 2)]"},
		{`list(zip())`, drain(NewZip(in, nil)), "[]"},
		{`list(zip([1]))`, drain(NewZip(in, []Value{obList(i(1))})), "[(1,)]"},
		{`zip([], 1)`, func() (Value, *Exception) { return NewZip(in, []Value{obList(), i(1)}) }, "TypeError: 'int' object is not iterable"},
		{`list(reversed([1, 2, 3]))`, drain(NewReversed(in, NewListInts([]int64{1, 2, 3}))), "[3, 2, 1]"},
		{`list(reversed(range(1, 10, 3)))`, drain(NewReversed(in, NewRange(1, 10, 3))), "[7, 4, 1]"},
		{`list(reversed(range(0)))`, drain(NewReversed(in, NewRange(0, 0, 1))), "[]"},
		{`list(reversed(range(-9223372036854775808, -9223372036854775805)))`, drain(NewReversed(in, NewRange(math.MinInt64, math.MinInt64+3, 1))), "[-9223372036854775806, -9223372036854775807, -9223372036854775808]"},
		{`list(reversed('héllo'))`, drain(NewReversed(in, s("héllo"))), "['o', 'l', 'l', 'é', 'h']"},
		{`list(reversed((1, 2)))`, drain(NewReversed(in, obTuple(i(1), i(2)))), "[2, 1]"},
		{`list(reversed({'a': 1, 'b': 2}))`, drain(NewReversed(in, ab)), "['b', 'a']"},
		{`list(reversed({'a': 1, 'b': 2}.items()))`, drain(NewReversed(in, NewDictView(dictObj(ab), ViewItems))), "[('b', 2), ('a', 1)]"},
		{`reversed(1)`, func() (Value, *Exception) { return NewReversed(in, i(1)) }, "TypeError: 'int' object is not reversible"},
		{`reversed(iter([]))`, func() (Value, *Exception) {
			it, _ := GetIter(in, obList())
			return NewReversed(in, it)
		}, "TypeError: 'list_iterator' object is not reversible"},
		{`[type(x).__name__ for x in (iter([]), iter(range(1)), iter(()), iter('a'), iter('é'), iter({}), iter({}.values()), iter({}.items()), enumerate([]), zip(), reversed([]), reversed(()), reversed({}))]`, func() (Value, *Exception) {
			var names []Value
			mk := []func() (Value, *Exception){
				func() (Value, *Exception) { return GetIter(in, obList()) },
				func() (Value, *Exception) { return GetIter(in, NewRange(0, 1, 1)) },
				func() (Value, *Exception) { return GetIter(in, obTuple()) },
				func() (Value, *Exception) { return GetIter(in, s("a")) },
				func() (Value, *Exception) { return GetIter(in, s("é")) },
				func() (Value, *Exception) { return GetIter(in, obDict()) },
				func() (Value, *Exception) { return GetIter(in, NewDictView(NewDict(), ViewValues)) },
				func() (Value, *Exception) { return GetIter(in, NewDictView(NewDict(), ViewItems)) },
				func() (Value, *Exception) { return NewEnumerate(in, obList(), 0) },
				func() (Value, *Exception) { return NewZip(in, nil) },
				func() (Value, *Exception) { return NewReversed(in, obList()) },
				func() (Value, *Exception) { return NewReversed(in, obTuple()) },
				func() (Value, *Exception) { return NewReversed(in, obDict()) },
			}
			for _, f := range mk {
				v, err := f()
				if err != nil {
					return Value{}, err
				}
				names = append(names, s(TypeName(v)))
			}
			return obList(names...), nil
		}, "['list_iterator', 'range_iterator', 'tuple_iterator', 'str_ascii_iterator', 'str_iterator', 'dict_keyiterator', 'dict_valueiterator', 'dict_itemiterator', 'enumerate', 'zip', 'list_reverseiterator', 'reversed', 'dict_reversekeyiterator']"},
		{`x = [1, 2]; [x.append(3) or v for v in x if len(x) < 5]`, func() (Value, *Exception) {
			// A list iterator sees appends made during the loop.
			x := NewListInts([]int64{1, 2})
			it, _ := GetIter(in, x)
			var out []Value
			for {
				v, ok, _ := IterNext(in, it)
				if !ok {
					break
				}
				if listObj(x).Len() < 5 {
					listObj(x).Append(i(3))
					out = append(out, v)
				}
			}
			return obList(out...), nil
		}, "[1, 2, 3]"},
	})
}

func TestCollect(t *testing.T) {
	in := &Interp{}
	for _, v := range []Value{NewRange(0, 5, 2), obStr("aé"), obTuple(obInt(1)), obDict(obInt(1), obInt(2))} {
		items, err := Collect(in, v)
		want, _ := obDrain(v)
		if err != nil || Repr(NewList(items)) != Repr(want) {
			t.Errorf("Collect(%s) = %v, want %s", Repr(v), items, Repr(want))
		}
	}
	if _, err := Collect(in, obInt(1)); err == nil || err.Error() != "TypeError: 'int' object is not iterable" {
		t.Errorf("Collect(1): %v", err)
	}
}

func TestEnumerateBeyondInt64(t *testing.T) {
	in := &Interp{}
	obRun(t, []obCase{
		{`list(enumerate('abc', 2**63 - 2))`, func() (Value, *Exception) {
			return obDrainErr(NewEnumerate(in, obStr("abc"), math.MaxInt64-1))
		}, "[(9223372036854775806, 'a'), (9223372036854775807, 'b'), (9223372036854775808, 'c')]"},
		{`list(enumerate('ab', 10**30))`, func() (Value, *Exception) {
			return obDrainErr(NewEnumerateBig(in, obStr("ab"), obBig("1"+zeros(30)).Big()))
		}, "[(1000000000000000000000000000000, 'a'), (1000000000000000000000000000001, 'b')]"},
	})
}

func obDrainErr(v Value, err *Exception) (Value, *Exception) {
	if err != nil {
		return Value{}, err
	}
	return obDrain(v)
}

package interp

import (
	"math"
	"testing"

	"github.com/metajit/metajit/interp/compile"
)

func TestCompare(t *testing.T) {
	i, f, s := obInt, obFloat, obStr
	cmp := func(op compile.Opcode, a, b Value) func() (Value, *Exception) {
		return func() (Value, *Exception) { return Compare(&Interp{}, op, a, b) }
	}
	two53p1 := obBig("9007199254740993")
	big70 := obBig("1180591620717411303424")
	nested := func(depth int) Value {
		v := obList()
		for k := 0; k < depth; k++ {
			v = obList(v)
		}
		return v
	}
	obRun(t, []obCase{
		{`1 == 1.0`, cmp(compile.COMPARE_EQ, i(1), f(1)), "True"},
		{`True == 1`, cmp(compile.COMPARE_EQ, True, i(1)), "True"},
		{`2**53+1 == 2.0**53`, cmp(compile.COMPARE_EQ, two53p1, f(9007199254740992)), "False"},
		{`2**53+1 > 2.0**53`, cmp(compile.COMPARE_GT, two53p1, f(9007199254740992)), "True"},
		{`2**70 == 2.0**70`, cmp(compile.COMPARE_EQ, big70, f(math.Ldexp(1, 70))), "True"},
		{`2**70 < 2**70 + 0.5`, cmp(compile.COMPARE_LT, big70, f(math.Ldexp(1, 70))), "False"},
		{`-2**70 < -1e300`, cmp(compile.COMPARE_LT, obBig("-1180591620717411303424"), f(-1e300)), "False"},
		{`9007199254740993 < 9007199254740992.0`, cmp(compile.COMPARE_LT, i(9007199254740993), f(9007199254740992)), "False"},
		{`nan == nan`, cmp(compile.COMPARE_EQ, obNaN, obNaN), "False"},
		{`nan != nan`, cmp(compile.COMPARE_NE, obNaN, obNaN), "True"},
		{`nan < 1`, cmp(compile.COMPARE_LT, obNaN, i(1)), "False"},
		{`1 >= nan`, cmp(compile.COMPARE_GE, i(1), obNaN), "False"},
		{`inf > 2**70`, cmp(compile.COMPARE_GT, f(math.Inf(1)), big70), "True"},
		{`-0.0 == 0`, cmp(compile.COMPARE_EQ, f(math.Copysign(0, -1)), i(0)), "True"},
		{`'a' < 'b'`, cmp(compile.COMPARE_LT, s("a"), s("b")), "True"},
		{`'Z' < 'a'`, cmp(compile.COMPARE_LT, s("Z"), s("a")), "True"},
		{`'é' > 'z'`, cmp(compile.COMPARE_GT, s("é"), s("z")), "True"},
		{`'ab' <= 'a'`, cmp(compile.COMPARE_LE, s("ab"), s("a")), "False"},
		{`'\uffff' < '😀'`, cmp(compile.COMPARE_LT, s("\uffff"), s("😀")), "True"},
		{`1 < 'a'`, cmp(compile.COMPARE_LT, i(1), s("a")), "TypeError: '<' not supported between instances of 'int' and 'str'"},
		{`'a' >= 1`, cmp(compile.COMPARE_GE, s("a"), i(1)), "TypeError: '>=' not supported between instances of 'str' and 'int'"},
		{`1 == 'a'`, cmp(compile.COMPARE_EQ, i(1), s("a")), "False"},
		{`None < None`, cmp(compile.COMPARE_LT, None, None), "TypeError: '<' not supported between instances of 'NoneType' and 'NoneType'"},
		{`None == None`, cmp(compile.COMPARE_EQ, None, None), "True"},
		{`[] < ()`, cmp(compile.COMPARE_LT, obList(), obTuple()), "TypeError: '<' not supported between instances of 'list' and 'tuple'"},
		{`[] == ()`, cmp(compile.COMPARE_EQ, obList(), obTuple()), "False"},
		{`{} < {}`, cmp(compile.COMPARE_LT, obDict(), obDict()), "TypeError: '<' not supported between instances of 'dict' and 'dict'"},
		{`(1, 2) < (1, 2, 0)`, cmp(compile.COMPARE_LT, obTuple(i(1), i(2)), obTuple(i(1), i(2), i(0))), "True"},
		{`(1, 2) >= (1, 2)`, cmp(compile.COMPARE_GE, obTuple(i(1), i(2)), obTuple(i(1), i(2))), "True"},
		{`[1, 'a'] < [1, 'b']`, cmp(compile.COMPARE_LT, obList(i(1), s("a")), obList(i(1), s("b"))), "True"},
		{`[1, 'a'] < [2, 1]`, cmp(compile.COMPARE_LT, obList(i(1), s("a")), obList(i(2), i(1))), "True"},
		{`[1, 'a'] < [1, 2]`, cmp(compile.COMPARE_LT, obList(i(1), s("a")), obList(i(1), i(2))), "TypeError: '<' not supported between instances of 'str' and 'int'"},
		{`[1, 'a'] == [1, 2]`, cmp(compile.COMPARE_EQ, obList(i(1), s("a")), obList(i(1), i(2))), "False"},
		{`[1, 2] == [1.0, 2]`, cmp(compile.COMPARE_EQ, NewListInts([]int64{1, 2}), obList(f(1), i(2))), "True"},
		{`[1, 2] < [1, 3]`, cmp(compile.COMPARE_LT, NewListInts([]int64{1, 2}), NewListInts([]int64{1, 3})), "True"},
		{`[[1], (2,)] == [[1], (2,)]`, cmp(compile.COMPARE_EQ, obList(obList(i(1)), obTuple(i(2))), obList(obList(i(1)), obTuple(i(2)))), "True"},
		{`{1: 2} == {1.0: 2}`, cmp(compile.COMPARE_EQ, obDict(i(1), i(2)), obDict(f(1), i(2))), "True"},
		{`{1: 2, 3: 4} == {3: 4, 1: 2}`, cmp(compile.COMPARE_EQ, obDict(i(1), i(2), i(3), i(4)), obDict(i(3), i(4), i(1), i(2))), "True"},
		{`{1: 2} == {1: 3}`, cmp(compile.COMPARE_EQ, obDict(i(1), i(2)), obDict(i(1), i(3))), "False"},
		{`range(0) == range(5, 2)`, cmp(compile.COMPARE_EQ, NewRange(0, 0, 1), NewRange(5, 2, 1)), "True"},
		{`range(0, 5, 2) == range(0, 6, 2)`, cmp(compile.COMPARE_EQ, NewRange(0, 5, 2), NewRange(0, 6, 2)), "True"},
		{`range(0, 1, 2) == range(0, 1, 3)`, cmp(compile.COMPARE_EQ, NewRange(0, 1, 2), NewRange(0, 1, 3)), "True"},
		{`range(3) == [0, 1, 2]`, cmp(compile.COMPARE_EQ, NewRange(0, 3, 1), NewListInts([]int64{0, 1, 2})), "False"},
		{`range(3) < range(4)`, cmp(compile.COMPARE_LT, NewRange(0, 3, 1), NewRange(0, 4, 1)), "TypeError: '<' not supported between instances of 'range' and 'range'"},
		{`{1: 2}.items() == {1: 2}.items()`, cmp(compile.COMPARE_EQ, NewDictView(dictObj(obDict(i(1), i(2))), ViewItems), NewDictView(dictObj(obDict(i(1), i(2))), ViewItems)), "True"},
		{`{1: 2}.values() == {1: 2}.values()`, cmp(compile.COMPARE_EQ, NewDictView(dictObj(obDict(i(1), i(2))), ViewValues), NewDictView(dictObj(obDict(i(1), i(2))), ViewValues)), "False"},
		{`{1: 2}.keys() == [1]`, cmp(compile.COMPARE_EQ, NewDictView(dictObj(obDict(i(1), i(2))), ViewKeys), obList(i(1))), "False"},
		{`x = []; [x] == [x]`, func() (Value, *Exception) {
			x := obList()
			return Compare(&Interp{}, compile.COMPARE_EQ, obList(x), obList(x))
		}, "True"},
		{`a = []; [a] * 3 == [[]] * 3`, func() (Value, *Exception) {
			return Compare(&Interp{}, compile.COMPARE_EQ, obList(obList(), obList(), obList()), obList(obList(), obList(), obList()))
		}, "True"},
		{`x = []; y = []; x.append(x); y.append(y); x == y`, func() (Value, *Exception) {
			x, y := obList(), obList()
			listObj(x).Append(x)
			listObj(y).Append(y)
			return Compare(&Interp{}, compile.COMPARE_EQ, x, y)
		}, "RecursionError: maximum recursion depth exceeded in comparison"},
		{`import functools; nest = lambda d: functools.reduce(lambda a, _: [a], range(d), []); nest(1500) == nest(1500)`, cmp(compile.COMPARE_EQ, nested(1500), nested(1500)), "RecursionError: maximum recursion depth exceeded in comparison"},
		{`import functools; nest = lambda d: functools.reduce(lambda a, _: [a], range(d), []); nest(500) == nest(500)`, cmp(compile.COMPARE_EQ, nested(500), nested(500)), "True"},
	})
}

func TestTruthyIs(t *testing.T) {
	falsy := []Value{None, False, Int(0), Float(0), Float(math.Copysign(0, -1)), NewStr(""), NewList(nil),
		NewTuple(nil), DictValue(NewDict()), NewRange(3, 3, 1), NewDictView(NewDict(), ViewKeys)}
	truthy := []Value{True, Int(-1), Float(math.NaN()), obBig("1180591620717411303424"), NewStr("0"),
		obList(None), obTuple(None), obDict(None, None), NewRange(0, 1, 1), TypeValue(IntType)}
	for _, v := range falsy {
		if Truthy(v) {
			t.Errorf("bool(%s) should be False", Repr(v))
		}
	}
	for _, v := range truthy {
		if !Truthy(v) {
			t.Errorf("bool(%s) should be True", Repr(v))
		}
	}
	l := obList()
	if !Is(l, l) || Is(obList(), obList()) || !Is(Int(5), Int(5)) || Is(Int(1), True) || Is(Int(1), Float(1)) || !Is(None, None) {
		t.Error("identity")
	}
}

func TestContains(t *testing.T) {
	i, s := obInt, obStr
	in := func(item, container Value) func() (Value, *Exception) {
		return func() (Value, *Exception) {
			ok, err := Contains(&Interp{}, container, item)
			return Bool(ok), err
		}
	}
	obRun(t, []obCase{
		{`2 in [1, 2]`, in(i(2), NewListInts([]int64{1, 2})), "True"},
		{`2.0 in [1, 2]`, in(obFloat(2), NewListInts([]int64{1, 2})), "True"},
		{`'a' in ['a']`, in(s("a"), obList(s("a"))), "True"},
		{`nan in [nan]`, in(obNaN, obList(obNaN)), "True"},
		{`(1, 'a') in [(1, 'a')]`, in(obTuple(i(1), s("a")), obList(obTuple(i(1), s("a")))), "True"},
		{`3 in (1, 2)`, in(i(3), obTuple(i(1), i(2))), "False"},
		{`'bc' in 'abcd'`, in(s("bc"), s("abcd")), "True"},
		{`'' in 'abc'`, in(s(""), s("abc")), "True"},
		{`1 in 'a'`, in(i(1), s("a")), "TypeError: 'in <string>' requires string as left operand, not int"},
		{`'a' in {'a': 1}`, in(s("a"), obDict(s("a"), i(1))), "True"},
		{`1.0 in {1: 1}`, in(obFloat(1), obDict(i(1), i(1))), "True"},
		{`[] in {}`, in(obList(), obDict()), "TypeError: unhashable type: 'list'"},
		{`5 in range(0, 10, 5)`, in(i(5), NewRange(0, 10, 5)), "True"},
		{`6 in range(0, 10, 5)`, in(i(6), NewRange(0, 10, 5)), "False"},
		{`-3 in range(0, -10, -3)`, in(i(-3), NewRange(0, -10, -3)), "True"},
		{`-10 in range(0, -10, -5)`, in(i(-10), NewRange(0, -10, -5)), "False"},
		{`5.0 in range(10)`, in(obFloat(5), NewRange(0, 10, 1)), "True"},
		{`True in range(2)`, in(True, NewRange(0, 2, 1)), "True"},
		{`'a' in range(2)`, in(s("a"), NewRange(0, 2, 1)), "False"},
		{`1 in {1: 2}.values()`, in(i(1), NewDictView(dictObj(obDict(i(1), i(2))), ViewValues)), "False"},
		{`(1, 2) in {1: 2}.items()`, in(obTuple(i(1), i(2)), NewDictView(dictObj(obDict(i(1), i(2))), ViewItems)), "True"},
		{`(1, 3) in {1: 2}.items()`, in(obTuple(i(1), i(3)), NewDictView(dictObj(obDict(i(1), i(2))), ViewItems)), "False"},
		{`1 in {1: 2}.keys()`, in(i(1), NewDictView(dictObj(obDict(i(1), i(2))), ViewKeys)), "True"},
		{`1 in 1`, in(i(1), i(1)), "TypeError: argument of type 'int' is not iterable"},
		{`1 in None`, in(i(1), None), "TypeError: argument of type 'NoneType' is not iterable"},
		{`2 in iter([1, 2, 3])`, func() (Value, *Exception) {
			it, _ := GetIter(&Interp{}, NewListInts([]int64{1, 2, 3}))
			ok, err := Contains(&Interp{}, it, i(2))
			return Bool(ok), err
		}, "True"},
	})
}

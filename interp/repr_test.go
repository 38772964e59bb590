package interp

import (
	"math"
	"testing"
)

func TestRepr(t *testing.T) {
	i, f, s := obInt, obFloat, obStr
	r := func(v Value) func() (Value, *Exception) {
		return func() (Value, *Exception) {
			out, err := ReprErr(&Interp{}, v)
			return NewStr(out), err
		}
	}
	st := func(v Value) func() (Value, *Exception) {
		return func() (Value, *Exception) {
			out, err := StrErr(&Interp{}, v)
			return NewStr(out), err
		}
	}
	self := obList(i(1))
	listObj(self).Append(self)
	selfDict := obDict(s("a"), i(1))
	_ = dictObj(selfDict).Set(s("me"), selfDict)
	obRun(t, []obCase{
		{`repr([1, 2.5, 'a', None, True, (1,), (), {}, {'a': [1]}])`, r(obList(i(1), f(2.5), s("a"), None, True, obTuple(i(1)), obTuple(), obDict(), obDict(s("a"), obList(i(1))))), "\"[1, 2.5, 'a', None, True, (1,), (), {}, {'a': [1]}]\""},
		{`repr((1, 'a'))`, r(obTuple(i(1), s("a"))), "\"(1, 'a')\""},
		{`repr([1.0, 2.5, -0.0, 1e16, 1e-05, 0.1, inf, nan])`, r(NewListFloats([]float64{1, 2.5, math.Copysign(0, -1), 1e16, 1e-5, 0.1, math.Inf(1), math.NaN()})), "'[1.0, 2.5, -0.0, 1e+16, 1e-05, 0.1, inf, nan]'"},
		{`repr([-3, 0, 2**62])`, r(NewListInts([]int64{-3, 0, 1 << 62})), "'[-3, 0, 4611686018427387904]'"},
		{`repr(123456789012345678.0)`, r(f(123456789012345678.0)), "'1.2345678901234568e+17'"},
		{`repr(2**70)`, r(obBig("1180591620717411303424")), "'1180591620717411303424'"},
		{`repr(-2**70)`, r(obBig("-1180591620717411303424")), "'-1180591620717411303424'"},
		{`repr("a'b")`, r(s("a'b")), "'\"a\\'b\"'"},
		{`repr('a"b')`, r(s(`a"b`)), "'\\'a\"b\\''"},
		{`repr('a\'"b')`, r(s(`a'"b`)), "'\\'a\\\\\\'\"b\\''"},
		{`repr('\x00\x7f\x80\xa0\xad\u0378\U0001F600\u200b\U000e0001')`, r(s("\x00\x7f\u0080\u00a0\u00ad\u0378\U0001F600\u200b\U000e0001")), "\"'\\\\x00\\\\x7f\\\\x80\\\\xa0\\\\xad\\\\u0378😀\\\\u200b\\\\U000e0001'\""},
		{`repr('\t\n\r\\ é')`, r(s("\t\n\r\\ é")), "\"'\\\\t\\\\n\\\\r\\\\\\\\ é'\""},
		{`x = [1]; x.append(x); repr(x)`, r(self), "'[1, [...]]'"},
		{`x = [1]; x.append(x); repr([x, x])`, r(obList(self, self)), "'[[1, [...]], [1, [...]]]'"},
		{`d = {'a': 1}; d['me'] = d; repr(d)`, r(selfDict), "\"{'a': 1, 'me': {...}}\""},
		{`repr(range(1, 5))`, r(NewRange(1, 5, 1)), "'range(1, 5)'"},
		{`repr(range(1, 5, -1))`, r(NewRange(1, 5, -1)), "'range(1, 5, -1)'"},
		{`repr(slice(1, 2))`, r(NewSlice(i(1), i(2), None)), "'slice(1, 2, None)'"},
		{`repr(slice(None, -1, 'a'))`, r(NewSlice(None, i(-1), s("a"))), "\"slice(None, -1, 'a')\""},
		{`repr({1: 2}.keys())`, r(NewDictView(dictObj(obDict(i(1), i(2))), ViewKeys)), "'dict_keys([1])'"},
		{`repr({1: 2}.items())`, r(NewDictView(dictObj(obDict(i(1), i(2))), ViewItems)), "'dict_items([(1, 2)])'"},
		{`repr({}.values())`, r(NewDictView(NewDict(), ViewValues)), "'dict_values([])'"},
		{`repr(int)`, r(TypeValue(IntType)), "\"<class 'int'>\""},
		{`repr(ValueError)`, r(TypeValue(ValueErrorType)), "\"<class 'ValueError'>\""},
		{`repr(ValueError('bad'))`, r(ExcValue(NewException(ValueErrorType, "bad"))), "\"ValueError('bad')\""},
		{`repr(ValueError('a', 2))`, r(ExcValue(&Exception{Type: ValueErrorType, Args: []Value{s("a"), i(2)}})), "\"ValueError('a', 2)\""},
		{`repr(ValueError())`, r(ExcValue(&Exception{Type: ValueErrorType})), "'ValueError()'"},
		{`repr(KeyError('x'))`, r(ExcValue(keyError(s("x")))), "\"KeyError('x')\""},
		{`str(KeyError('x'))`, st(ExcValue(keyError(s("x")))), "\"'x'\""},
		{`str(KeyError())`, st(ExcValue(&Exception{Type: KeyErrorType})), "''"},
		{`str(KeyError('x', 'y'))`, st(ExcValue(&Exception{Type: KeyErrorType, Args: []Value{s("x"), s("y")}})), "\"('x', 'y')\""},
		{`str(ValueError('bad'))`, st(ExcValue(NewException(ValueErrorType, "bad"))), "'bad'"},
		{`str(ValueError(['a']))`, st(ExcValue(&Exception{Type: ValueErrorType, Args: []Value{obList(s("a"))}})), "\"['a']\""},
		{`str(['a', "b'"])`, st(obList(s("a"), s("b'"))), "'[\\'a\\', \"b\\'\"]'"},
		{`str('a\n')`, st(s("a\n")), "'a\\n'"},
		{`str(True)`, st(True), "'True'"},
		{`str(None)`, st(None), "'None'"},
		{`str(1e22)`, st(f(1e22)), "'1e+22'"},
		{`str(2.5e-07)`, st(f(2.5e-7)), "'2.5e-07'"},
		{`str(10**5000)`, st(obBig("1" + zeros(5000))), "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"},
		{`repr([10**5000])`, r(obList(obBig("1" + zeros(5000)))), "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"},
		{`len(str(10**4299))`, func() (Value, *Exception) {
			out, err := StrErr(&Interp{}, obBig("1"+zeros(4299)))
			return Int(int64(len(out))), err
		}, "4300"},
	})
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

func TestReprOfCallables(t *testing.T) {
	len_ := &Builtin{Name: "len"}
	if got := Repr(Value{kind: KindBuiltin, ref: len_}); got != "<built-in function len>" {
		t.Errorf("got %s", got)
	}
	l := obList()
	m := &Method{Self: l, Fn: LookupMethod(l, "append")}
	got := Repr(Value{kind: KindMethod, ref: m})
	if want := "<built-in method append of list object at 0x"; len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("got %s", got)
	}
	f := &Function{Name: "f"}
	a, b := Repr(Value{kind: KindFunc, ref: f}), Repr(Value{kind: KindFunc, ref: f})
	if a != b || len(a) < 20 || a[:16] != "<function f at 0" {
		t.Errorf("function repr %s / %s", a, b)
	}
	if got := Repr(Value{kind: KindModule, ref: &Module{Name: "sys"}}); got != "<module 'sys' (built-in)>" {
		t.Errorf("got %s", got)
	}
	it, _ := GetIter(nil, obList())
	if got := Repr(it); got[:26] != "<list_iterator object at 0" {
		t.Errorf("got %s", got)
	}
}

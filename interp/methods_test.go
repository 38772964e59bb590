package interp

// Shared helpers for the object tests (str, list, dict, ...), and the tests of methods.go.
//
// Most tests are tables of obCase: the Python expression being mirrored, a function doing the
// same through the Go API, and what CPython 3.11 prints for it: repr() of the result, or
// "ExceptionType: message" for an error. The expected strings were produced by running the
// Python expressions with python3; the tests themselves do not need it.

import (
	"math"
	"math/big"
	"testing"
)

// obCase is one Python expression, the Go code that mirrors it, and CPython's result.
type obCase struct {
	py   string
	got  func() (Value, *Exception)
	want string
}

func obStr(s string) Value      { return NewStr(s) }
func obInt(n int64) Value       { return Int(n) }
func obFloat(f float64) Value   { return Float(f) }
func obList(xs ...Value) Value  { return NewList(xs) }
func obTuple(xs ...Value) Value { return NewTuple(xs) }
func obArgs(xs ...Value) []Value {
	return xs
}

// obDict builds a dict from alternating keys and values.
func obDict(kvs ...Value) Value {
	d := NewDict()
	for i := 0; i < len(kvs); i += 2 {
		if err := d.Set(kvs[i], kvs[i+1]); err != nil {
			panic(err)
		}
	}
	return DictValue(d)
}

var obNaN = Float(math.NaN())

// obBig returns the int written in decimal in s.
func obBig(s string) Value {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return BigInt(b)
}

// obCall calls the method name of recv with positional arguments.
func obCall(recv Value, name string, args ...Value) (Value, *Exception) {
	return obCallKw(recv, name, nil, args...)
}

// obCallKw calls the method name of recv with keyword arguments too.
func obCallKw(recv Value, name string, kw *Kwargs, args ...Value) (Value, *Exception) {
	m := LookupMethod(recv, name)
	if m == nil {
		return Value{}, AttributeError(recv, name)
	}
	return m.Fn(&Interp{}, append([]Value{recv}, args...), kw)
}

// obKw makes keyword arguments from alternating names and values.
func obKw(pairs ...any) *Kwargs {
	kw := &Kwargs{}
	for i := 0; i < len(pairs); i += 2 {
		kw.Names = append(kw.Names, pairs[i].(string))
		kw.Values = append(kw.Values, pairs[i+1].(Value))
	}
	return kw
}

// obShow prints a result as the tables expect it.
func obShow(v Value, err *Exception) string {
	if err != nil {
		return err.Error()
	}
	return Repr(v)
}

// obRun runs a table.
func obRun(t *testing.T, cases []obCase) {
	t.Helper()
	for _, c := range cases {
		if got := obShow(c.got()); got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.py, got, c.want)
		}
	}
}

func TestMethodArgumentErrors(t *testing.T) {
	obRun(t, []obCase{
		{`[].append()`, func() (Value, *Exception) { return obCall(obList(), "append") }, "TypeError: list.append() takes exactly one argument (0 given)"},
		{`[].append(1, 2)`, func() (Value, *Exception) { return obCall(obList(), "append", obInt(1), obInt(2)) }, "TypeError: list.append() takes exactly one argument (2 given)"},
		{`[].append(x=1)`, func() (Value, *Exception) { return obCallKw(obList(), "append", obKw("x", obInt(1))) }, "TypeError: list.append() takes no keyword arguments"},
		{`[].pop(1, 2)`, func() (Value, *Exception) { return obCall(obList(), "pop", obInt(1), obInt(2)) }, "TypeError: pop expected at most 1 argument, got 2"},
		{`[].pop(x=1)`, func() (Value, *Exception) { return obCallKw(obList(), "pop", obKw("x", obInt(1))) }, "TypeError: list.pop() takes no keyword arguments"},
		{`[].insert(1)`, func() (Value, *Exception) { return obCall(obList(), "insert", obInt(1)) }, "TypeError: insert expected 2 arguments, got 1"},
		{`[].insert(1, 2, 3)`, func() (Value, *Exception) { return obCall(obList(), "insert", obInt(1), obInt(2), obInt(3)) }, "TypeError: insert expected 2 arguments, got 3"},
		{`[].index()`, func() (Value, *Exception) { return obCall(obList(), "index") }, "TypeError: index expected at least 1 argument, got 0"},
		{`[].reverse(1)`, func() (Value, *Exception) { return obCall(obList(), "reverse", obInt(1)) }, "TypeError: list.reverse() takes no arguments (1 given)"},
		{`[].sort(1)`, func() (Value, *Exception) { return obCall(obList(), "sort", obInt(1)) }, "TypeError: sort() takes no positional arguments"},
		{`[].sort(foo=1)`, func() (Value, *Exception) { return obCallKw(obList(), "sort", obKw("foo", obInt(1))) }, "TypeError: 'foo' is an invalid keyword argument for sort()"},
		{`[].sort(key=None, reverse=False, x=1)`, func() (Value, *Exception) {
			return obCallKw(obList(), "sort", obKw("key", None, "reverse", False, "x", obInt(1)))
		}, "TypeError: sort() takes at most 2 keyword arguments (3 given)"},
		{`[1, 2].sort(reverse='x')`, func() (Value, *Exception) {
			return obCallKw(obList(obInt(1), obInt(2)), "sort", obKw("reverse", obStr("x")))
		}, "TypeError: 'str' object cannot be interpreted as an integer"},
		{`''.join()`, func() (Value, *Exception) { return obCall(obStr(""), "join") }, "TypeError: str.join() takes exactly one argument (0 given)"},
		{`''.split('a', 1, 2)`, func() (Value, *Exception) { return obCall(obStr(""), "split", obStr("a"), obInt(1), obInt(2)) }, "TypeError: split() takes at most 2 arguments (3 given)"},
		{`''.split(x=1)`, func() (Value, *Exception) { return obCallKw(obStr(""), "split", obKw("x", obInt(1))) }, "TypeError: 'x' is an invalid keyword argument for split()"},
		{`''.split(None, sep=None)`, func() (Value, *Exception) { return obCallKw(obStr(""), "split", obKw("sep", None), None) }, "TypeError: argument for split() given by name ('sep') and position (1)"},
		{`''.strip(1, 2)`, func() (Value, *Exception) { return obCall(obStr(""), "strip", obInt(1), obInt(2)) }, "TypeError: strip expected at most 1 argument, got 2"},
		{`''.strip(x=1)`, func() (Value, *Exception) { return obCallKw(obStr(""), "strip", obKw("x", obInt(1))) }, "TypeError: str.strip() takes no keyword arguments"},
		{`''.startswith()`, func() (Value, *Exception) { return obCall(obStr(""), "startswith") }, "TypeError: startswith() takes at least 1 argument (0 given)"},
		{`''.startswith('a', 1, 2, 3)`, func() (Value, *Exception) {
			return obCall(obStr(""), "startswith", obStr("a"), obInt(1), obInt(2), obInt(3))
		}, "TypeError: startswith() takes at most 3 arguments (4 given)"},
		{`''.find()`, func() (Value, *Exception) { return obCall(obStr(""), "find") }, "TypeError: find() takes at least 1 argument (0 given)"},
		{`''.find(x='a')`, func() (Value, *Exception) { return obCallKw(obStr(""), "find", obKw("x", obStr("a"))) }, "TypeError: str.find() takes no keyword arguments"},
		{`''.replace('a')`, func() (Value, *Exception) { return obCall(obStr(""), "replace", obStr("a")) }, "TypeError: replace expected at least 2 arguments, got 1"},
		{`''.replace('a', 'b', 1, 2)`, func() (Value, *Exception) {
			return obCall(obStr(""), "replace", obStr("a"), obStr("b"), obInt(1), obInt(2))
		}, "TypeError: replace expected at most 3 arguments, got 4"},
		{`''.upper(1)`, func() (Value, *Exception) { return obCall(obStr(""), "upper", obInt(1)) }, "TypeError: str.upper() takes no arguments (1 given)"},
		{`''.isdigit(1)`, func() (Value, *Exception) { return obCall(obStr(""), "isdigit", obInt(1)) }, "TypeError: str.isdigit() takes no arguments (1 given)"},
		{`{}.get()`, func() (Value, *Exception) { return obCall(obDict(), "get") }, "TypeError: get expected at least 1 argument, got 0"},
		{`{}.get(1, 2, 3)`, func() (Value, *Exception) { return obCall(obDict(), "get", obInt(1), obInt(2), obInt(3)) }, "TypeError: get expected at most 2 arguments, got 3"},
		{`{}.get(1, default=2)`, func() (Value, *Exception) { return obCallKw(obDict(), "get", obKw("default", obInt(2)), obInt(1)) }, "TypeError: dict.get() takes no keyword arguments"},
		{`{}.pop()`, func() (Value, *Exception) { return obCall(obDict(), "pop") }, "TypeError: pop expected at least 1 argument, got 0"},
		{`{}.keys(1)`, func() (Value, *Exception) { return obCall(obDict(), "keys", obInt(1)) }, "TypeError: dict.keys() takes no arguments (1 given)"},
		{`{}.update(1, 2)`, func() (Value, *Exception) { return obCall(obDict(), "update", obInt(1), obInt(2)) }, "TypeError: update expected at most 1 argument, got 2"},
		{`().count()`, func() (Value, *Exception) { return obCall(obTuple(), "count") }, "TypeError: tuple.count() takes exactly one argument (0 given)"},
		{`range(3).index()`, func() (Value, *Exception) { return obCall(NewRange(0, 3, 1), "index") }, "TypeError: range.index() takes exactly one argument (0 given)"},
		{`[1].pop('a')`, func() (Value, *Exception) { return obCall(obList(obInt(1)), "pop", obStr("a")) }, "TypeError: 'str' object cannot be interpreted as an integer"},
		{`[1].pop(2**70)`, func() (Value, *Exception) { return obCall(obList(obInt(1)), "pop", obBig("1180591620717411303424")) }, "OverflowError: Python int too large to convert to C ssize_t"},
		{`[1].index(1, 'a')`, func() (Value, *Exception) { return obCall(obList(obInt(1)), "index", obInt(1), obStr("a")) }, "TypeError: slice indices must be integers or have an __index__ method"},
		{`''.find('a', 'b')`, func() (Value, *Exception) { return obCall(obStr(""), "find", obStr("a"), obStr("b")) }, "TypeError: slice indices must be integers or None or have an __index__ method"},
		{`''.ljust(3, 'ab')`, func() (Value, *Exception) { return obCall(obStr(""), "ljust", obInt(3), obStr("ab")) }, "TypeError: The fill character must be exactly one character long"},
		{`''.ljust(3, 1)`, func() (Value, *Exception) { return obCall(obStr(""), "ljust", obInt(3), obInt(1)) }, "TypeError: The fill character must be a unicode character, not int"},
		{`''.zfill()`, func() (Value, *Exception) { return obCall(obStr(""), "zfill") }, "TypeError: str.zfill() takes exactly one argument (0 given)"},
		{`''.splitlines(1, 2)`, func() (Value, *Exception) { return obCall(obStr(""), "splitlines", obInt(1), obInt(2)) }, "TypeError: splitlines() takes at most 1 argument (2 given)"},
	})
}

func TestAttributeError(t *testing.T) {
	cases := []struct {
		v          Value
		name       string
		msg, suggs string
	}{
		{obList(), "apend", "'list' object has no attribute 'apend'", "append"},
		{obStr(""), "uper", "'str' object has no attribute 'uper'", "upper"},
		{obDict(), "iterkeys", "'dict' object has no attribute 'iterkeys'", ""},
		{obDict(), "item", "'dict' object has no attribute 'item'", "items"},
		{obStr(""), "spilt", "'str' object has no attribute 'spilt'", "split"},
		{obList(), "__len", "'list' object has no attribute '__len'", "__le__"},
		{obInt(1), "real2", "'int' object has no attribute 'real2'", "real"},
		{obFloat(1.5), "is_int", "'float' object has no attribute 'is_int'", ""},
		{NewRange(0, 3, 1), "stat", "'range' object has no attribute 'stat'", "start"},
		{ExcValue(NewException(ValueErrorType, "x")), "arg", "'ValueError' object has no attribute 'arg'", "args"},
		{obInt(1), "foo", "'int' object has no attribute 'foo'", ""},
		{None, "foo", "'NoneType' object has no attribute 'foo'", ""},
		{TypeValue(IntType), "foo", "type object 'int' has no attribute 'foo'", ""},
		{Value{kind: KindModule, ref: &Module{Name: "sys"}}, "arg", "module 'sys' has no attribute 'arg'", "argv"},
	}
	for _, c := range cases {
		e := AttributeError(c.v, c.name)
		if e.Type != AttributeErrorType || e.Message() != c.msg {
			t.Errorf("AttributeError(%s, %q) = %v, want %s", Repr(c.v), c.name, e, c.msg)
		}
		if e.suggestion != c.suggs {
			t.Errorf("AttributeError(%s, %q) suggests %q, want %q", Repr(c.v), c.name, e.suggestion, c.suggs)
		}
	}
}

func TestLookupMethod(t *testing.T) {
	if LookupMethod(obList(), "append") == nil || LookupMethod(obList(), "nope") != nil {
		t.Error("list.append lookup")
	}
	if LookupMethod(obInt(1), "append") != nil {
		t.Error("int has no append")
	}
	m := LookupTypeMethod(StrType, "upper")
	if m == nil {
		t.Fatal("str.upper lookup")
	}
	v, err := m.Fn(&Interp{}, []Value{obStr("abc")}, nil)
	if err != nil || StrOf(v) != "ABC" {
		t.Errorf("str.upper('abc') = %v, %v", v, err)
	}
	if got := Repr(Value{kind: KindBuiltin, ref: m}); got != "<method 'upper' of 'str' objects>" {
		t.Errorf("repr(str.upper) = %s", got)
	}
}

func TestUnboundMethods(t *testing.T) {
	call := func(typ *Type, name string, args ...Value) func() (Value, *Exception) {
		return func() (Value, *Exception) {
			m := LookupTypeMethod(typ, name)
			if m == nil {
				return Value{}, NewException(AttributeErrorType, name)
			}
			return m.Fn(&Interp{}, args, nil)
		}
	}
	obRun(t, []obCase{
		{`str.upper('abc')`, call(StrType, "upper", obStr("abc")), "'ABC'"},
		{`str.upper(5)`, call(StrType, "upper", obInt(5)), "TypeError: descriptor 'upper' for 'str' objects doesn't apply to a 'int' object"},
		{`str.upper(True)`, call(StrType, "upper", True), "TypeError: descriptor 'upper' for 'str' objects doesn't apply to a 'bool' object"},
		{`str.upper()`, call(StrType, "upper"), "TypeError: unbound method str.upper() needs an argument"},
		{`list.append(1, 2)`, call(ListType, "append", obInt(1), obInt(2)), "TypeError: descriptor 'append' for 'list' objects doesn't apply to a 'int' object"},
		{`str.join(',', ['a', 'b'])`, call(StrType, "join", obStr(","), obList(obStr("a"), obStr("b"))), "'a,b'"},
		{`dict.get({1: 2}, 1)`, call(DictType, "get", obDict(obInt(1), obInt(2)), obInt(1)), "2"},
		{`tuple.count((1, 1), 1)`, call(TupleType, "count", obTuple(obInt(1), obInt(1)), obInt(1)), "2"},
		{`dict.fromkeys([1, 2])`, call(DictType, "fromkeys", obList(obInt(1), obInt(2))), "{1: None, 2: None}"},
		{`dict.fromkeys('ab', 0)`, call(DictType, "fromkeys", obStr("ab"), obInt(0)), "{'a': 0, 'b': 0}"},
		{`dict.fromkeys()`, call(DictType, "fromkeys"), "TypeError: fromkeys expected at least 1 argument, got 0"},
		{`dict.fromkeys(1)`, call(DictType, "fromkeys", obInt(1)), "TypeError: 'int' object is not iterable"},
		{`dict.fromkeys([1], 2, 3)`, call(DictType, "fromkeys", obList(obInt(1)), obInt(2), obInt(3)), "TypeError: fromkeys expected at most 2 arguments, got 3"},
		{`{}.fromkeys('ab', [])`, func() (Value, *Exception) { return obCall(obDict(), "fromkeys", obStr("ab"), obList()) }, "{'a': [], 'b': []}"},
	})
}

package interp

// The builtin functions (print, len, range, min, sum, ...) and the constructors of the builtin
// types (int("3"), list(it), ValueError("bad")), with CPython 3.11's semantics and its exact
// argument errors. CPython parses builtin arguments in a few different ways (METH_O functions,
// Argument Clinic, _PyArg_CheckPositional, PyArg_ParseTupleAndKeywords), and each way words its
// errors differently; the helpers at the end of this file reproduce each wording, and every
// builtin uses the one its CPython counterpart uses.

import (
	"maps"
	"math"
	"math/big"
	"unicode/utf8"

	"github.com/metajit/metajit/interp/compile"
	"github.com/metajit/metajit/interp/pynum"
)

// builtinTable is the builtin namespace, built once by init.
var builtinTable map[string]Value

// Builtins returns the builtin namespace: every builtin function, type and exception class by
// name. The map is a fresh copy the caller may keep or modify.
func Builtins() map[string]Value {
	return maps.Clone(builtinTable)
}

func init() {
	// The types are callable: calling one runs its New.
	IntType.New = newInt
	FloatType.New = newFloat
	StrType.New = newStr
	BoolType.New = newBool
	ListType.New = newList
	TupleType.New = newTuple
	DictType.New = newDict
	RangeType.New = RangeFromArgs
	TypeType.New = newType
	NoneType.New = newNone
	// enumerate, zip and reversed are classes too, as in CPython.
	EnumerateType.New = newEnumerate
	ZipType.New = newZip
	ReversedType.New = newReversed
	for _, t := range ExceptionTypes {
		t.New = exceptionConstructor(t)
	}
	memoryErrorType.New = exceptionConstructor(memoryErrorType)

	builtinTable = map[string]Value{}
	for _, b := range []*Builtin{
		{Name: "print", Fn: builtinPrint},
		{Name: "len", Fn: builtinLen},
		{Name: "abs", Fn: builtinAbs},
		{Name: "min", Fn: builtinMin},
		{Name: "max", Fn: builtinMax},
		{Name: "sum", Fn: builtinSum},
		{Name: "isinstance", Fn: builtinIsinstance},
		{Name: "round", Fn: builtinRound},
		{Name: "sorted", Fn: builtinSorted},
		{Name: "repr", Fn: builtinRepr},
		{Name: "divmod", Fn: builtinDivmod},
		{Name: "pow", Fn: builtinPow},
		{Name: "hash", Fn: builtinHash},
		{Name: "chr", Fn: builtinChr},
		{Name: "ord", Fn: builtinOrd},
		{Name: "any", Fn: builtinAny},
		{Name: "all", Fn: builtinAll},
		{Name: "iter", Fn: builtinIter},
		{Name: "next", Fn: builtinNext},
	} {
		builtinTable[b.Name] = Value{kind: KindBuiltin, ref: b}
	}
	for _, t := range []*Type{IntType, FloatType, StrType, BoolType, ListType, TupleType,
		DictType, RangeType, TypeType, ObjectType, EnumerateType, ZipType, ReversedType} {
		builtinTable[t.Name] = TypeValue(t)
	}
	for _, t := range ExceptionTypes {
		builtinTable[t.Name] = TypeValue(t)
	}
	builtinTable[memoryErrorType.Name] = TypeValue(memoryErrorType)
}

// print(*objects, sep=' ', end='\n', file=None, flush=False)
func builtinPrint(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	// As CPython: first every keyword's name, then the values, in a fixed order.
	var opt map[string]Value // nil (reads give absent) unless there are keywords
	for i, name := range kwNames(kw) {
		switch name {
		case "sep", "end", "file", "flush":
			if opt == nil {
				opt = map[string]Value{}
			}
			opt[name] = kw.Values[i]
		default:
			return Value{}, Errorf(TypeErrorType, "'%s' is an invalid keyword argument for print()", name)
		}
	}
	if f, ok := opt["file"]; ok && f.kind != KindNone {
		return Value{}, NewException(NotImplementedErrorType, "print(file=...) is not supported by metajit")
	}
	sep, end := " ", "\n"
	for _, o := range []struct {
		name string
		s    *string
	}{{"sep", &sep}, {"end", &end}} {
		switch v, ok := opt[o.name]; {
		case !ok || v.kind == KindNone:
		case v.kind == KindStr:
			*o.s = strObj(v).S
		default:
			return Value{}, Errorf(TypeErrorType, "%s must be None or a string, not %s", o.name, TypeName(v))
		}
	}
	w := in.Stdout
	for i, v := range args {
		if i > 0 {
			w.WriteString(sep)
		}
		s, err := StrErr(in, v) // an int of more than 4300 digits raises ValueError
		if err != nil {
			return Value{}, err
		}
		w.WriteString(s)
	}
	w.WriteString(end)
	if f, ok := opt["flush"]; ok && Truthy(f) {
		w.Flush()
	}
	return None, nil
}

// len(obj)
func builtinLen(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := exactlyOneArg("len", args, kw); err != nil {
		return Value{}, err
	}
	n, err := Len(in, args[0])
	if err != nil {
		return Value{}, err
	}
	return Int(n), nil
}

// Len returns len(v) for the sized builtin types, or CPython's TypeError
// "object of type 'int' has no len()".
func Len(in *Interp, v Value) (int64, *Exception) {
	switch v.kind {
	case KindStr:
		return int64(strObj(v).Len()), nil
	case KindList:
		return int64(listObj(v).Len()), nil
	case KindTuple:
		return int64(len(tupleObj(v).Items)), nil
	case KindDict:
		return int64(v.ref.(*Dict).Len()), nil
	case KindDictView:
		return int64(v.ref.(*DictView).Dict.Len()), nil
	case KindRange:
		return v.ref.(*Range).LenErr()
	}
	return 0, Errorf(TypeErrorType, "object of type '%s' has no len()", TypeName(v))
}

// abs(x)
func builtinAbs(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := exactlyOneArg("abs", args, kw); err != nil {
		return Value{}, err
	}
	return Abs(in, args[0])
}

// min(iterable, *, key=None, default=...) or min(a, b, *args, key=None)
func builtinMin(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	return minMax(in, args, kw, "min", compile.COMPARE_LT)
}

// max(iterable, *, key=None, default=...) or max(a, b, *args, key=None)
func builtinMax(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	return minMax(in, args, kw, "max", compile.COMPARE_GT)
}

// minMax is CPython's min_max: it keeps the first item that no later item beats by op
// (< for min, > for max), comparing the keys when key= is given.
func minMax(in *Interp, args []Value, kw *Kwargs, name string, op compile.Opcode) (Value, *Exception) {
	if len(args) == 0 {
		return Value{}, Errorf(TypeErrorType, "%s expected at least 1 argument, got 0", name)
	}
	if kw.Len() > 2 {
		return Value{}, Errorf(TypeErrorType, "%s() takes at most 2 keyword arguments (%d given)", name, kw.Len())
	}
	key, dflt := None, Value{}
	for i, kname := range kwNames(kw) {
		switch kname {
		case "key":
			key = kw.Values[i]
		case "default":
			dflt = kw.Values[i]
		default:
			return Value{}, Errorf(TypeErrorType, "'%s' is an invalid keyword argument for %s()", kname, name)
		}
	}
	if len(args) > 1 && dflt.kind != KindUnbound {
		return Value{}, Errorf(TypeErrorType,
			"Cannot specify a default for %s() with multiple positional arguments", name)
	}
	var items Value
	if len(args) == 1 {
		items = args[0]
	} else {
		items = NewTuple(append([]Value(nil), args...))
	}
	it, err := GetIter(in, items)
	if err != nil {
		return Value{}, err
	}
	var best, bestKey Value
	for {
		item, ok, err := IterNext(in, it)
		if err != nil {
			return Value{}, err
		}
		if !ok {
			break
		}
		k := item
		if key.kind != KindNone {
			if k, err = in.Call(key, []Value{item}, nil); err != nil {
				return Value{}, err
			}
		}
		if best.kind == KindUnbound {
			best, bestKey = item, k
			continue
		}
		r, err := Compare(in, op, k, bestKey)
		if err != nil {
			return Value{}, err
		}
		if Truthy(r) {
			best, bestKey = item, k
		}
	}
	if best.kind != KindUnbound {
		return best, nil
	}
	if dflt.kind != KindUnbound {
		return dflt, nil
	}
	return Value{}, Errorf(ValueErrorType, "%s() arg is an empty sequence", name)
}

var sumArgs = argSpec{fn: "sum", params: []string{"iterable", "start"}, posOnly: 1, required: 1}

// sum(iterable, /, start=0)
func builtinSum(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	a, err := sumArgs.parse(args, kw)
	if err != nil {
		return Value{}, err
	}
	start := a[1]
	switch start.kind {
	case KindUnbound:
		start = Int(0)
	case KindStr:
		return Value{}, NewException(TypeErrorType, "sum() can't sum strings [use ''.join(seq) instead]")
	}
	return Sum(in, a[0], start)
}

// Sum returns sum(iterable, start): start + item0 + item1 + ..., added left to right with Add.
// CPython 3.11 keeps the running total unboxed while it is a small int or a float and adds
// floats with plain double additions (no compensated summation: that came in 3.12), which is
// exactly what the left fold gives; the fast paths here do the same over int and float lists
// without boxing anything.
func Sum(in *Interp, iterable, start Value) (Value, *Exception) {
	if iterable.kind == KindList {
		switch l := listObj(iterable); l.Strategy {
		case ListInts:
			return sumInts(in, start, l.Ints)
		case ListFloats:
			return sumFloats(in, start, l.Floats)
		}
	}
	it, err := GetIter(in, iterable)
	if err != nil {
		return Value{}, err
	}
	acc := start
	for {
		item, ok, err := IterNext(in, it)
		if err != nil {
			return Value{}, err
		}
		if !ok {
			return acc, nil
		}
		if acc, err = Add(in, acc, item); err != nil {
			return Value{}, err
		}
	}
}

// sumInts adds an int list's items to start.
func sumInts(in *Interp, start Value, xs []int64) (Value, *Exception) {
	acc := start
	for i := 0; i < len(xs); i++ {
		switch acc.kind {
		case KindInt:
			// Unboxed until the total leaves int64.
			s := acc.Int()
			for ; i < len(xs); i++ {
				t, ok := addInt64(s, xs[i])
				if !ok {
					break
				}
				s = t
			}
			acc = Int(s)
			if i == len(xs) {
				return acc, nil
			}
		case KindFloat:
			f := acc.Float()
			for _, x := range xs[i:] {
				f += float64(x)
			}
			return Float(f), nil
		}
		var err *Exception
		if acc, err = Add(in, acc, Int(xs[i])); err != nil {
			return Value{}, err
		}
	}
	return acc, nil
}

// sumFloats adds a float list's items to start.
func sumFloats(in *Interp, start Value, xs []float64) (Value, *Exception) {
	acc := start
	for i, x := range xs {
		if acc.kind == KindFloat {
			f := acc.Float()
			for _, y := range xs[i:] {
				f += y
			}
			return Float(f), nil
		}
		var err *Exception
		if acc, err = Add(in, acc, Float(x)); err != nil {
			return Value{}, err
		}
	}
	return acc, nil
}

// isinstance(obj, class_or_tuple, /)
func builtinIsinstance(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := positionalOnly("isinstance", args, kw, 2, 2); err != nil {
		return Value{}, err
	}
	ok, err := IsInstance(args[0], args[1])
	if err != nil {
		return Value{}, err
	}
	return Bool(ok), nil
}

// IsInstance reports whether v is an instance of cls, a class or a (nested) tuple of classes,
// as isinstance(v, cls) does (a bool is an int; every exception class is an Exception...).
func IsInstance(v, cls Value) (bool, *Exception) {
	switch cls.kind {
	case KindType:
		return TypeOf(v).IsSubtype(cls.ref.(*Type)), nil
	case KindTuple:
		for _, c := range tupleObj(cls).Items {
			ok, err := IsInstance(v, c)
			if ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	}
	return false, NewException(TypeErrorType, "isinstance() arg 2 must be a type, a tuple of types, or a union")
}

var roundArgs = argSpec{fn: "round", params: []string{"number", "ndigits"}, required: 1}

// round(number, ndigits=None)
func builtinRound(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	a, err := roundArgs.parse(args, kw)
	if err != nil {
		return Value{}, err
	}
	x, nd := a[0], a[1]
	if numClassOf(x) == notNumber {
		return Value{}, Errorf(TypeErrorType, "type %s doesn't define __round__ method", TypeName(x))
	}
	if nd.kind == KindUnbound || nd.kind == KindNone {
		if x.kind == KindFloat {
			return intResult(pynum.RoundToInt(x.Float()))
		}
		return Pos(in, x) // an int rounds to itself (a bool to an int)
	}
	if !isInt(nd) {
		return Value{}, Errorf(TypeErrorType, "'%s' object cannot be interpreted as an integer", TypeName(nd))
	}
	if x.kind == KindFloat {
		// CPython clamps a huge ndigits to the ssize_t range, which rounds the same.
		n := int64(math.MaxInt64)
		if nd.kind == KindBigInt {
			if nd.Big().Sign() < 0 {
				n = math.MinInt64
			}
		} else {
			n = nd.Int()
		}
		return floatResult(pynum.Round(x.Float(), int(n)))
	}
	return roundInt(x, nd), nil
}

// roundInt is round(x, nd) for ints: unchanged for nd >= 0, else rounded half to even to a
// multiple of 10**-nd.
func roundInt(x, nd Value) Value {
	if isNonNegative(nd) {
		if x.kind == KindBool {
			return Int(x.Int())
		}
		return x
	}
	bx := bigOf(x)
	drop := new(big.Int).Neg(bigOf(nd)) // digits to drop, > 0
	// 10**drop > 2*|x| makes the result 0: true once drop > bitlen(x)/3 + 2.
	if !drop.IsInt64() || drop.Int64() > int64(bx.BitLen()/3+2) {
		return Int(0)
	}
	p := new(big.Int).Exp(big.NewInt(10), drop, nil)
	q, r := new(big.Int).DivMod(bx, p, new(big.Int)) // p > 0: Euclidean = floor here, 0 <= r < p
	switch c := new(big.Int).Lsh(r, 1).Cmp(p); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, bigOne)
	}
	return BigInt(q.Mul(q, p))
}

// isNonNegative reports whether an int value is >= 0.
func isNonNegative(v Value) bool {
	if v.kind == KindBigInt {
		return v.Big().Sign() >= 0
	}
	return v.Int() >= 0
}

// intResult turns a pynum int result (small or big) into a value or an exception.
func intResult(small int64, b *big.Int, err *pynum.Error) (Value, *Exception) {
	if err != nil {
		return Value{}, numError(err)
	}
	if b != nil {
		return BigInt(b), nil
	}
	return Int(small), nil
}

// enumerate(iterable, start=0), with the argument handling of CPython's enum_vectorcall.
func newEnumerate(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	nkw := kw.Len()
	total := len(args) + nkw
	all := append(append([]Value(nil), args...), kwValues(kw)...)
	checkName := func(i int, name string) *Exception {
		if kw.Names[i] != name {
			return Errorf(TypeErrorType, "'%s' is an invalid keyword argument for enumerate()", kw.Names[i])
		}
		return nil
	}
	var iterable, start Value
	switch {
	case total == 2 && nkw == 2 && kw.Names[0] == "start":
		if err := checkName(1, "iterable"); err != nil {
			return Value{}, err
		}
		iterable, start = all[1], all[0]
	case total == 2:
		for i, name := range []string{"iterable", "start"}[2-nkw:] {
			if err := checkName(i, name); err != nil {
				return Value{}, err
			}
		}
		iterable, start = all[0], all[1]
	case total == 1:
		if nkw == 1 {
			if err := checkName(0, "iterable"); err != nil {
				return Value{}, err
			}
		}
		iterable = all[0]
	case len(args) == 0:
		return Value{}, NewException(TypeErrorType, "enumerate() missing required argument 'iterable'")
	default:
		return Value{}, Errorf(TypeErrorType, "enumerate() takes at most 2 arguments (%d given)", total)
	}
	switch start.kind {
	case KindUnbound:
		return NewEnumerate(in, iterable, 0)
	case KindInt, KindBool:
		return NewEnumerate(in, iterable, start.Int())
	case KindBigInt:
		return NewEnumerateBig(in, iterable, start.Big())
	}
	return Value{}, Errorf(TypeErrorType, "'%s' object cannot be interpreted as an integer", TypeName(start))
}

// kwValues returns the values of keyword arguments (nil-safe).
func kwValues(kw *Kwargs) []Value {
	if kw == nil {
		return nil
	}
	return kw.Values
}

// zip(*iterables)
func newZip(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	for i, name := range kwNames(kw) {
		if name != "strict" {
			return Value{}, Errorf(TypeErrorType, "'%s' is an invalid keyword argument for zip()", name)
		}
		if Truthy(kw.Values[i]) {
			return Value{}, NewException(NotImplementedErrorType, "zip(strict=True) is not supported by metajit")
		}
	}
	return NewZip(in, append([]Value(nil), args...))
}

// sorted(iterable, /, *, key=None, reverse=False)
func builtinSorted(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if len(args) != 1 {
		return Value{}, Errorf(TypeErrorType, "sorted expected 1 argument, got %d", len(args))
	}
	// As CPython: first the new list, then list.sort's keyword checks.
	lv, err := ListFromIterable(in, args[0])
	if err != nil {
		return Value{}, err
	}
	key, reverse, err := sortKwargs(kw)
	if err != nil {
		return Value{}, err
	}
	if err := SortList(in, listObj(lv), key, reverse); err != nil {
		return Value{}, err
	}
	return lv, nil
}

// reversed(sequence, /)
func newReversed(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := positionalOnly("reversed", args, kw, 1, 1); err != nil {
		return Value{}, err
	}
	return NewReversed(in, args[0])
}

// repr(obj)
func builtinRepr(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := exactlyOneArg("repr", args, kw); err != nil {
		return Value{}, err
	}
	s, err := ReprErr(in, args[0])
	if err != nil {
		return Value{}, err
	}
	return NewStr(s), nil
}

// divmod(x, y, /)
func builtinDivmod(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := positionalOnly("divmod", args, kw, 2, 2); err != nil {
		return Value{}, err
	}
	return DivMod(in, args[0], args[1])
}

var powArgs = argSpec{fn: "pow", params: []string{"base", "exp", "mod"}, required: 2}

// pow(base, exp, mod=None)
func builtinPow(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	a, err := powArgs.parse(args, kw)
	if err != nil {
		return Value{}, err
	}
	if m := a[2]; m.kind != KindUnbound && m.kind != KindNone {
		return PowMod(in, a[0], a[1], m)
	}
	return Pow(in, a[0], a[1])
}

// hash(obj)
func builtinHash(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := exactlyOneArg("hash", args, kw); err != nil {
		return Value{}, err
	}
	h, err := hashValue(args[0])
	if err != nil {
		return Value{}, err
	}
	return Int(h), nil
}

// chr(i)
func builtinChr(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := exactlyOneArg("chr", args, kw); err != nil {
		return Value{}, err
	}
	n, err := asCInt(args[0])
	if err != nil {
		return Value{}, err
	}
	if n < 0 || n > utf8.MaxRune {
		return Value{}, NewException(ValueErrorType, "chr() arg not in range(0x110000)")
	}
	return NewStr(string(rune(n))), nil
}

// ord(c)
func builtinOrd(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := exactlyOneArg("ord", args, kw); err != nil {
		return Value{}, err
	}
	v := args[0]
	if v.kind != KindStr {
		return Value{}, Errorf(TypeErrorType, "ord() expected string of length 1, but %s found", TypeName(v))
	}
	s := strObj(v)
	if n := s.Len(); n != 1 {
		return Value{}, Errorf(TypeErrorType, "ord() expected a character, but string of length %d found", n)
	}
	r, _ := utf8.DecodeRuneInString(s.S)
	return Int(int64(r)), nil
}

// any(iterable)
func builtinAny(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	return anyAll(in, args, kw, "any", true)
}

// all(iterable)
func builtinAll(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	return anyAll(in, args, kw, "all", false)
}

// anyAll stops at the first item whose truth is stop and returns stop; else !stop.
func anyAll(in *Interp, args []Value, kw *Kwargs, name string, stop bool) (Value, *Exception) {
	if err := exactlyOneArg(name, args, kw); err != nil {
		return Value{}, err
	}
	it, err := GetIter(in, args[0])
	if err != nil {
		return Value{}, err
	}
	for {
		item, ok, err := IterNext(in, it)
		if err != nil {
			return Value{}, err
		}
		if !ok {
			return Bool(!stop), nil
		}
		if Truthy(item) == stop {
			return Bool(stop), nil
		}
	}
}

// iter(object)
func builtinIter(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := positionalOnly("iter", args, kw, 1, 2); err != nil {
		return Value{}, err
	}
	if len(args) == 2 {
		return Value{}, NewException(NotImplementedErrorType, "iter(callable, sentinel) is not supported by metajit")
	}
	return GetIter(in, args[0])
}

// next(iterator[, default])
func builtinNext(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := positionalOnly("next", args, kw, 1, 2); err != nil {
		return Value{}, err
	}
	if args[0].kind != KindIter {
		return Value{}, Errorf(TypeErrorType, "'%s' object is not an iterator", TypeName(args[0]))
	}
	item, ok, err := IterNext(in, args[0])
	switch {
	case err != nil:
		return Value{}, err
	case ok:
		return item, nil
	case len(args) == 2:
		return args[1], nil
	}
	return Value{}, &Exception{Type: StopIterationType}
}

// The type constructors, installed as Type.New.

var intArgs = argSpec{fn: "int", params: []string{"x", "base"}, posOnly: 1}

// int(x=0, /, base=10)
func newInt(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	a, err := intArgs.parse(args, kw)
	if err != nil {
		return Value{}, err
	}
	x, base := a[0], a[1]
	if x.kind == KindUnbound {
		if base.kind != KindUnbound {
			return Value{}, NewException(TypeErrorType, "int() missing string argument")
		}
		return Int(0), nil
	}
	if base.kind == KindUnbound {
		return ToInt(x)
	}
	if !isInt(base) {
		return Value{}, Errorf(TypeErrorType, "'%s' object cannot be interpreted as an integer", TypeName(base))
	}
	b := int64(math.MaxInt64) // a big base is out of range whatever its sign
	if base.kind != KindBigInt {
		b = base.Int()
	}
	if (b != 0 && b < 2) || b > 36 {
		return Value{}, NewException(ValueErrorType, "int() base must be >= 2 and <= 36, or 0")
	}
	if x.kind != KindStr {
		return Value{}, NewException(TypeErrorType, "int() can't convert non-string with explicit base")
	}
	return ParseIntBase(strObj(x).S, int(b))
}

// float(x=0.0, /)
func newFloat(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := positionalOnly("float", args, kw, 0, 1); err != nil {
		return Value{}, err
	}
	if len(args) == 0 {
		return Float(0), nil
	}
	return ToFloat(args[0])
}

var strArgs = argSpec{fn: "str", params: []string{"object", "encoding", "errors"}}

// str(object=”)
func newStr(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	a, err := strArgs.parse(args, kw)
	if err != nil {
		return Value{}, err
	}
	obj, enc, errs := a[0], a[1], a[2]
	if enc.kind != KindUnbound || errs.kind != KindUnbound {
		// str(bytes, encoding): the subset has no bytes.
		for i, v := range []Value{enc, errs} {
			if v.kind != KindUnbound && v.kind != KindStr {
				return Value{}, Errorf(TypeErrorType, "str() argument '%s' must be str, not %s",
					strArgs.params[i+1], TypeName(v))
			}
		}
		if obj.kind == KindUnbound {
			return NewStr(""), nil
		}
		return Value{}, Errorf(TypeErrorType, "decoding to str: need a bytes-like object, %s found", TypeName(obj))
	}
	switch obj.kind {
	case KindUnbound:
		return NewStr(""), nil
	case KindStr:
		return obj, nil
	}
	s, err := StrErr(in, obj)
	if err != nil {
		return Value{}, err
	}
	return NewStr(s), nil
}

// bool(x=False, /)
func newBool(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := positionalOnly("bool", args, kw, 0, 1); err != nil {
		return Value{}, err
	}
	if len(args) == 0 {
		return False, nil
	}
	return Bool(Truthy(args[0])), nil
}

// list(iterable=(), /)
func newList(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := positionalOnly("list", args, kw, 0, 1); err != nil {
		return Value{}, err
	}
	if len(args) == 0 {
		return NewList(nil), nil
	}
	return ListFromIterable(in, args[0])
}

// tuple(iterable=(), /)
func newTuple(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := positionalOnly("tuple", args, kw, 0, 1); err != nil {
		return Value{}, err
	}
	if len(args) == 0 {
		return NewTuple(nil), nil
	}
	return TupleFromIterable(in, args[0])
}

// dict(), dict(mapping, **kw), dict(iterable_of_pairs, **kw)
func newDict(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if len(args) > 1 {
		return Value{}, Errorf(TypeErrorType, "dict expected at most 1 argument, got %d", len(args))
	}
	d := NewDict()
	if len(args) == 1 {
		if err := DictUpdate(in, d, args[0]); err != nil {
			return Value{}, err
		}
	}
	for i, name := range kwNames(kw) {
		if err := d.Set(NewStr(name), kw.Values[i]); err != nil {
			return Value{}, err
		}
	}
	return DictValue(d), nil
}

// type(object) gives the object's class.
func newType(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	switch {
	case len(args) == 1 && kw.Len() == 0:
		return TypeValue(TypeOf(args[0])), nil
	case len(args) == 3:
		return Value{}, NewException(NotImplementedErrorType, "type(name, bases, dict) is not supported by metajit (no classes)")
	}
	return Value{}, NewException(TypeErrorType, "type() takes 1 or 3 arguments")
}

// NoneType() gives None.
func newNone(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if len(args) > 0 || kw.Len() > 0 {
		return Value{}, NewException(TypeErrorType, "NoneType takes no arguments")
	}
	return None, nil
}

// exceptionConstructor returns the New of exception class t: ValueError("bad", 2) makes an
// exception whose args are ("bad", 2).
func exceptionConstructor(t *Type) func(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	return func(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
		if kw.Len() > 0 {
			return Value{}, Errorf(TypeErrorType, "%s() takes no keyword arguments", t.Name)
		}
		// args may alias the caller's stack: keep a copy.
		return ExcValue(&Exception{Type: t, Args: append([]Value(nil), args...)}), nil
	}
}

// Conversions.

// ToInt is int(x) for one argument: ints unchanged (a bool becomes 0 or 1), floats truncated
// toward zero, strs parsed in base 10.
func ToInt(x Value) (Value, *Exception) {
	switch x.kind {
	case KindInt, KindBigInt:
		return x, nil
	case KindBool:
		return Int(x.Int()), nil
	case KindFloat:
		return intResult(pynum.FloatToInt(x.Float()))
	case KindStr:
		return intResult(pynum.ParseInt(strObj(x).S))
	}
	return Value{}, Errorf(TypeErrorType,
		"int() argument must be a string, a bytes-like object or a real number, not '%s'", TypeName(x))
}

// ToFloat is float(x): ints rounded to the nearest float (OverflowError beyond the float
// range), strs parsed as CPython parses them.
func ToFloat(x Value) (Value, *Exception) {
	switch x.kind {
	case KindFloat:
		return x, nil
	case KindInt, KindBool, KindBigInt:
		f, err := toFloat(x)
		if err != nil {
			return Value{}, err
		}
		return Float(f), nil
	case KindStr:
		return floatResult(pynum.ParseFloat(strObj(x).S))
	}
	return Value{}, Errorf(TypeErrorType, "float() argument must be a string or a real number, not '%s'", TypeName(x))
}

// Argument parsing, in CPython's wordings.

// exactlyOneArg checks a METH_O builtin: "len() takes exactly one argument (2 given)".
func exactlyOneArg(name string, args []Value, kw *Kwargs) *Exception {
	if kw.Len() > 0 {
		return Errorf(TypeErrorType, "%s() takes no keyword arguments", name)
	}
	if len(args) != 1 {
		return Errorf(TypeErrorType, "%s() takes exactly one argument (%d given)", name, len(args))
	}
	return nil
}

// positionalOnly checks a builtin that takes min..max positional arguments and no keywords,
// worded as _PyArg_CheckPositional: "isinstance expected 2 arguments, got 1".
func positionalOnly(name string, args []Value, kw *Kwargs, min, max int) *Exception {
	if kw.Len() > 0 {
		return Errorf(TypeErrorType, "%s() takes no keyword arguments", name)
	}
	n := len(args)
	if n >= min && n <= max {
		return nil
	}
	bound, which := min, "at least "
	if n > max {
		bound, which = max, "at most "
	}
	if min == max {
		which = ""
	}
	return Errorf(TypeErrorType, "%s expected %s%d argument%s, got %d", name, which, bound, plural(bound), n)
}

// argSpec describes the parameters of a builtin whose arguments CPython parses with Argument
// Clinic (_PyArg_UnpackKeywords) or PyArg_ParseTupleAndKeywords: parameters that may be given by
// position or by name, the first posOnly of them by position only, the first required of them
// mandatory.
type argSpec struct {
	fn       string
	params   []string
	posOnly  int
	required int
}

// parse binds args and kw to the parameters, in order; an absent parameter is the zero Value
// (KindUnbound). The checks and their order are _PyArg_UnpackKeywords's.
func (s *argSpec) parse(args []Value, kw *Kwargs) ([]Value, *Exception) {
	nargs, nkw, maxArgs := len(args), kw.Len(), len(s.params)
	out := make([]Value, maxArgs)
	if nkw == 0 && s.required <= nargs && nargs <= maxArgs {
		copy(out, args)
		return out, nil
	}
	if nargs+nkw > maxArgs {
		keyword := ""
		if nargs == 0 {
			keyword = "keyword "
		}
		return nil, Errorf(TypeErrorType, "%s() takes at most %d %sargument%s (%d given)",
			s.fn, maxArgs, keyword, plural(maxArgs), nargs+nkw)
	}
	if minPosOnly := min(s.posOnly, s.required); nargs < minPosOnly {
		which := "exactly"
		if minPosOnly < maxArgs {
			which = "at least"
		}
		return nil, Errorf(TypeErrorType, "%s() takes %s %d positional argument%s (%d given)",
			s.fn, which, minPosOnly, plural(minPosOnly), nargs)
	}
	copy(out, args)
	used := 0
	for i := max(nargs, s.posOnly); i < maxArgs; i++ {
		if v, ok := kw.Lookup(s.params[i]); ok {
			out[i] = v
			used++
		} else if i < s.required {
			return nil, Errorf(TypeErrorType, "%s() missing required argument '%s' (pos %d)", s.fn, s.params[i], i+1)
		}
	}
	if used == nkw {
		return out, nil
	}
	for i := s.posOnly; i < nargs; i++ {
		if _, ok := kw.Lookup(s.params[i]); ok {
			return nil, Errorf(TypeErrorType, "argument for %s() given by name ('%s') and position (%d)",
				s.fn, s.params[i], i+1)
		}
	}
	for _, name := range kw.Names {
		known := false
		for _, p := range s.params[s.posOnly:] {
			known = known || p == name
		}
		if !known {
			return nil, Errorf(TypeErrorType, "'%s' is an invalid keyword argument for %s()", name, s.fn)
		}
	}
	return out, nil // not reached: some keyword above was either misplaced or unknown
}

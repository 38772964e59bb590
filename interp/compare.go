package interp

// Truth, identity, equality, ordering and membership, with CPython's semantics: numbers
// compare exactly across int, bool, big int and float (2**53 + 1 != 2.0**53); strings by
// code point; lists and tuples lexicographically; mismatched types raise CPython's TypeError.

import (
	"math"
	"math/big"
	"strings"

	"github.com/metajit/metajit/interp/compile"
	"github.com/metajit/metajit/interp/pynum"
)

// containerRecursionLimit bounds the nesting depth of comparisons and reprs of containers,
// as CPython's recursion limit does ("maximum recursion depth exceeded in comparison").
const containerRecursionLimit = 1000

// Truthy is Python's truth value of v: false for None, False, zero numbers and empty
// containers, true for everything else.
func Truthy(v Value) bool {
	switch v.kind {
	case KindNone:
		return false
	case KindBool, KindInt:
		return v.n != 0
	case KindFloat:
		return v.Float() != 0
	case KindStr:
		return len(v.ref.(*Str).S) != 0
	case KindList:
		return v.ref.(*List).Len() != 0
	case KindTuple:
		return len(v.ref.(*Tuple).Items) != 0
	case KindDict:
		return v.ref.(*Dict).used != 0
	case KindRange:
		return !v.ref.(*Range).empty()
	case KindDictView:
		return v.ref.(*DictView).Len() != 0
	}
	return true // big ints are never zero; functions, classes, iterators... are true
}

// Is is Python's `a is b`. Unboxed values are identical when they have the same kind and
// bits (so equal small ints, equal floats, True, None are identical); objects when they
// are the same object.
func Is(a, b Value) bool {
	if a.kind != b.kind {
		return false
	}
	switch a.kind {
	case KindNone, KindBool, KindInt, KindFloat, KindUnbound:
		return a.n == b.n
	}
	return a.ref == b.ref
}

// Equal is Python's a == b.
func Equal(in *Interp, a, b Value) (bool, *Exception) {
	return equalDepth(in, a, b, 0)
}

// equalDepth is Equal at a nesting depth, for RecursionError on deep or cyclic containers.
func equalDepth(in *Interp, a, b Value, depth int) (bool, *Exception) {
	if a.kind == b.kind {
		switch a.kind {
		case KindInt, KindBool, KindNone, KindUnbound:
			return a.n == b.n, nil
		case KindFloat:
			return a.Float() == b.Float(), nil
		case KindStr:
			x, y := a.ref.(*Str), b.ref.(*Str)
			return x == y || x.S == y.S, nil
		case KindBigInt:
			return a.Big().Cmp(b.Big()) == 0, nil
		case KindRange:
			return rangeEqual(rangeObj(a), rangeObj(b)), nil
		case KindMethod:
			x, y := a.ref.(*Method), b.ref.(*Method)
			return x.Fn == y.Fn && Is(x.Self, y.Self), nil
		case KindList, KindTuple, KindDict, KindDictView:
			if depth > containerRecursionLimit {
				return false, NewException(RecursionErrorType, "maximum recursion depth exceeded in comparison")
			}
			switch a.kind {
			case KindList:
				return listEqual(in, listObj(a), listObj(b), depth)
			case KindTuple:
				return seqEqual(in, tupleObj(a).Items, tupleObj(b).Items, depth)
			case KindDict:
				return dictEqual(in, dictObj(a), dictObj(b), depth)
			}
			return viewEqual(in, a.ref.(*DictView), b.ref.(*DictView))
		}
		return a.ref == b.ref, nil
	}
	if isNumber(a) && isNumber(b) {
		c, ok := compareNumbers(a, b)
		return ok && c == 0, nil
	}
	return false, nil
}

// listEqual compares two lists item by item, without boxing when both are unboxed.
func listEqual(in *Interp, x, y *List, depth int) (bool, *Exception) {
	if x == y {
		return true, nil
	}
	if x.Len() != y.Len() {
		return false, nil
	}
	switch {
	case x.Strategy == ListInts && y.Strategy == ListInts:
		for i, v := range x.Ints {
			if v != y.Ints[i] {
				return false, nil
			}
		}
		return true, nil
	case x.Strategy == ListFloats && y.Strategy == ListFloats:
		for i, v := range x.Floats {
			if v != y.Floats[i] && math.Float64bits(v) != math.Float64bits(y.Floats[i]) {
				return false, nil // (a nan is equal to itself: it is the same object)
			}
		}
		return true, nil
	}
	for i := 0; i < x.Len(); i++ {
		a, b := x.Get(i), y.Get(i)
		if Is(a, b) {
			continue
		}
		eq, err := equalDepth(in, a, b, depth+1)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// seqEqual compares two slices of values item by item.
func seqEqual(in *Interp, x, y []Value, depth int) (bool, *Exception) {
	if len(x) != len(y) {
		return false, nil
	}
	for i := range x {
		if Is(x[i], y[i]) {
			continue
		}
		eq, err := equalDepth(in, x[i], y[i], depth+1)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// isNumber reports whether v is an int, bool, big int or float.
func isNumber(v Value) bool {
	switch v.kind {
	case KindInt, KindBool, KindBigInt, KindFloat:
		return true
	}
	return false
}

// compareNumbers compares two numbers exactly: -1, 0 or 1, and ok false when a nan makes
// them unordered.
func compareNumbers(a, b Value) (int, bool) {
	af, bf := a.kind == KindFloat, b.kind == KindFloat
	switch {
	case af && bf:
		x, y := a.Float(), b.Float()
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		case x == y:
			return 0, true
		}
		return 0, false
	case af:
		c, ok := compareIntFloat(b, a.Float())
		return -c, ok
	case bf:
		return compareIntFloat(a, b.Float())
	}
	if a.kind != KindBigInt && b.kind != KindBigInt {
		x, y := int64(a.n), int64(b.n)
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	}
	return toBig(a).Cmp(toBig(b)), true
}

// toBig returns an int-like value as a big.Int.
func toBig(v Value) *big.Int {
	if v.kind == KindBigInt {
		return v.Big()
	}
	return big.NewInt(int64(v.n))
}

// compareIntFloat compares an int-like value with a float exactly (no rounding of the int).
func compareIntFloat(i Value, f float64) (int, bool) {
	var c int
	var unordered bool
	if i.kind == KindBigInt {
		c, unordered = pynum.CompareIntFloat(i.Big(), f)
	} else {
		c, unordered = pynum.CompareInt64Float(int64(i.n), f)
	}
	return c, !unordered
}

// Compare evaluates a rich comparison (op is COMPARE_EQ, _NE, _LT, _LE, _GT or _GE) and
// returns the bool result.
func Compare(in *Interp, op compile.Opcode, a, b Value) (Value, *Exception) {
	if a.kind == KindInt && b.kind == KindInt {
		x, y := int64(a.n), int64(b.n)
		switch op {
		case compile.COMPARE_EQ:
			return Bool(x == y), nil
		case compile.COMPARE_NE:
			return Bool(x != y), nil
		case compile.COMPARE_LT:
			return Bool(x < y), nil
		case compile.COMPARE_LE:
			return Bool(x <= y), nil
		case compile.COMPARE_GT:
			return Bool(x > y), nil
		case compile.COMPARE_GE:
			return Bool(x >= y), nil
		}
	}
	switch op {
	case compile.COMPARE_EQ:
		eq, err := Equal(in, a, b)
		return Bool(eq), err
	case compile.COMPARE_NE:
		eq, err := Equal(in, a, b)
		return Bool(!eq), err
	}
	r, err := order(in, op, a, b, 0)
	return Bool(r), err
}

// lessThan is a < b as a Go bool (what sorting, min and max use).
func lessThan(in *Interp, a, b Value) (bool, *Exception) {
	if a.kind == KindInt && b.kind == KindInt {
		return int64(a.n) < int64(b.n), nil
	}
	if a.kind == KindStr && b.kind == KindStr {
		return a.ref.(*Str).S < b.ref.(*Str).S, nil
	}
	return order(in, compile.COMPARE_LT, a, b, 0)
}

// opSymbol returns the operator of an ordering opcode, as TypeErrors print it.
func opSymbol(op compile.Opcode) string {
	switch op {
	case compile.COMPARE_LT:
		return "<"
	case compile.COMPARE_LE:
		return "<="
	case compile.COMPARE_GT:
		return ">"
	case compile.COMPARE_GE:
		return ">="
	case compile.COMPARE_EQ:
		return "=="
	}
	return "!="
}

// holds says whether the ordering op holds given a three-way comparison result c.
func holds(op compile.Opcode, c int) bool {
	switch op {
	case compile.COMPARE_LT:
		return c < 0
	case compile.COMPARE_LE:
		return c <= 0
	case compile.COMPARE_GT:
		return c > 0
	case compile.COMPARE_GE:
		return c >= 0
	case compile.COMPARE_EQ:
		return c == 0
	}
	return c != 0
}

// order evaluates an ordering comparison (<, <=, >, >=).
func order(in *Interp, op compile.Opcode, a, b Value, depth int) (bool, *Exception) {
	switch {
	case isNumber(a) && isNumber(b):
		c, ok := compareNumbers(a, b)
		return ok && holds(op, c), nil
	case a.kind == KindStr && b.kind == KindStr:
		return holds(op, strings.Compare(a.ref.(*Str).S, b.ref.(*Str).S)), nil
	case a.kind == KindList && b.kind == KindList:
		x, y := listObj(a), listObj(b)
		if x.Strategy == ListInts && y.Strategy == ListInts {
			return holds(op, compareIntSlices(x.Ints, y.Ints)), nil
		}
		return orderSeq(in, op, x.Len(), y.Len(), x.Get, y.Get, depth)
	case a.kind == KindTuple && b.kind == KindTuple:
		x, y := tupleObj(a).Items, tupleObj(b).Items
		return orderSeq(in, op, len(x), len(y), func(i int) Value { return x[i] }, func(i int) Value { return y[i] }, depth)
	}
	return false, Errorf(TypeErrorType, "'%s' not supported between instances of '%s' and '%s'",
		opSymbol(op), TypeName(a), TypeName(b))
}

// compareIntSlices compares two int slices lexicographically.
func compareIntSlices(x, y []int64) int {
	for i := 0; i < len(x) && i < len(y); i++ {
		if x[i] != y[i] {
			if x[i] < y[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(x) < len(y):
		return -1
	case len(x) > len(y):
		return 1
	}
	return 0
}

// orderSeq is CPython's sequence comparison: the first pair of items that differ decides
// (compared with op); if one sequence is a prefix of the other, the lengths decide.
func orderSeq(in *Interp, op compile.Opcode, n, m int, x, y func(int) Value, depth int) (bool, *Exception) {
	if depth > containerRecursionLimit {
		return false, NewException(RecursionErrorType, "maximum recursion depth exceeded in comparison")
	}
	for i := 0; i < n && i < m; i++ {
		a, b := x(i), y(i)
		if Is(a, b) {
			continue
		}
		eq, err := equalDepth(in, a, b, depth+1)
		if err != nil {
			return false, err
		}
		if !eq {
			return order(in, op, a, b, depth+1)
		}
	}
	switch {
	case n < m:
		return holds(op, -1), nil
	case n > m:
		return holds(op, 1), nil
	}
	return holds(op, 0), nil
}

// Contains is Python's `item in container`.
func Contains(in *Interp, container, item Value) (bool, *Exception) {
	switch container.kind {
	case KindList:
		l := listObj(container)
		if l.Strategy == ListInts && item.kind == KindInt {
			for _, x := range l.Ints {
				if x == int64(item.n) {
					return true, nil
				}
			}
			return false, nil
		}
		i, err := l.indexOf(in, item, 0, l.Len())
		return i >= 0, err
	case KindTuple:
		for _, x := range tupleObj(container).Items {
			eq, err := equalOrSame(in, x, item)
			if err != nil || eq {
				return eq, err
			}
		}
		return false, nil
	case KindStr:
		if item.kind != KindStr {
			return false, Errorf(TypeErrorType, "'in <string>' requires string as left operand, not %s", TypeName(item))
		}
		return strings.Contains(strObj(container).S, strObj(item).S), nil
	case KindDict:
		_, ok, err := dictObj(container).Get(item)
		return ok, err
	case KindDictView:
		return container.ref.(*DictView).contains(in, item)
	case KindRange:
		r := rangeObj(container)
		if isIntLike(item) {
			return r.containsValue(item), nil
		}
		it, _ := GetIter(in, container) // CPython compares with every item
		for {
			x, ok, _ := IterNext(in, it)
			if !ok {
				return false, nil
			}
			eq, err := Equal(in, x, item)
			if err != nil || eq {
				return eq, err
			}
		}
	case KindIter:
		// As CPython, membership consumes the iterator up to the item.
		for {
			x, ok, err := IterNext(in, container)
			if err != nil || !ok {
				return false, err
			}
			eq, err := equalOrSame(in, x, item)
			if err != nil || eq {
				return eq, err
			}
		}
	}
	return false, Errorf(TypeErrorType, "argument of type '%s' is not iterable", TypeName(container))
}

package interp

// Python's tuple: an immutable sequence of values.

import "slices"

// emptyTuple is the shared empty tuple, as in CPython (() is ()).
var emptyTuple = Value{kind: KindTuple, ref: &Tuple{}}

// NewTuple returns a tuple that owns items.
func NewTuple(items []Value) Value {
	if len(items) == 0 {
		return emptyTuple
	}
	return Value{kind: KindTuple, ref: &Tuple{Items: items}}
}

// buildTuple returns a new tuple of a copy of items. A small tuple is one allocation, the
// header and its items together (the layout compiled code uses too: tuplelayout.go).
func buildTuple(items []Value) Value {
	n := len(items)
	if n == 0 {
		return emptyTuple
	}
	if n > maxTraceTuple {
		return NewTuple(append([]Value(nil), items...))
	}
	t := (*Tuple)(newTraceTuple(n))
	copy(t.Items, items)
	return Value{kind: KindTuple, ref: t}
}

// tupleObj returns the *Tuple of a KindTuple value.
func tupleObj(v Value) *Tuple { return v.ref.(*Tuple) }

// TupleFromIterable is tuple(iterable).
func TupleFromIterable(in *Interp, iterable Value) (Value, *Exception) {
	if iterable.kind == KindTuple {
		return iterable, nil
	}
	items, err := Collect(in, iterable)
	if err != nil {
		return Value{}, err
	}
	return NewTuple(items), nil
}

// slice returns items start, start+step, ... (n of them) as a tuple; the whole tuple is
// returned as is, as CPython does.
func (t *Tuple) slice(self Value, start, step, n int) Value {
	if n <= 0 {
		return emptyTuple
	}
	if step == 1 {
		if start == 0 && n == len(t.Items) {
			return self
		}
		return NewTuple(slices.Clone(t.Items[start : start+n]))
	}
	out := make([]Value, n)
	for i := range out {
		out[i] = t.Items[start+i*step]
	}
	return NewTuple(out)
}

// The tuple methods.

func tupleIndex(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := checkPositional("tuple.index", "index", args, kw, 1, 3); err != nil {
		return Value{}, err
	}
	items := tupleObj(args[0]).Items
	start, stop, err := seqIndexBounds(args, len(items))
	if err != nil {
		return Value{}, err
	}
	for i := start; i < stop; i++ {
		eq, err := equalOrSame(in, items[i], args[1])
		if err != nil {
			return Value{}, err
		}
		if eq {
			return Int(int64(i)), nil
		}
	}
	return Value{}, NewException(ValueErrorType, "tuple.index(x): x not in tuple")
}

func tupleCount(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methOneArg("tuple.count", args, kw); err != nil {
		return Value{}, err
	}
	count := int64(0)
	for _, item := range tupleObj(args[0]).Items {
		eq, err := equalOrSame(in, item, args[1])
		if err != nil {
			return Value{}, err
		}
		if eq {
			count++
		}
	}
	return Int(count), nil
}

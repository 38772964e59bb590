package interp

// Python's list, with PyPy-style storage strategies.
//
// A list of ints keeps an unboxed []int64 and a list of floats an unboxed []float64: reading,
// writing and appending them never allocates, and the JIT can later read the raw arrays. The
// first time a value of another kind is stored, the list switches for good to generic []Value
// storage (as in PyPy, storing an int into a float list switches too: 1 and 1.0 print
// differently, so a float list cannot hold an int). An empty list has no storage yet; its
// first append picks the strategy.

import (
	"math"
	"slices"
)

// memoryErrorType is CPython's MemoryError, raised when a repetition would need absurd
// amounts of memory. It is not yet one of the builtin exception names (types.go).
var memoryErrorType = &Type{Name: "MemoryError", Base: ExceptionType, Kind: KindExc}

// maxSeqLen bounds the length of a list, tuple or str built by repetition or concatenation;
// beyond it we raise MemoryError rather than let the Go runtime die.
const maxSeqLen = 1 << 30

// NewList returns a new list holding items, taking ownership of the slice, with the
// narrowest strategy that fits: all ints (not bools) → ListInts, all floats → ListFloats,
// otherwise ListObjects; no items → ListEmpty.
func NewList(items []Value) Value {
	return Value{kind: KindList, ref: newListOf(items)}
}

// NewListInts returns a new int-strategy list that owns xs.
func NewListInts(xs []int64) Value {
	l := &List{Strategy: ListInts, Ints: xs}
	if len(xs) == 0 {
		l.Strategy, l.Ints = ListEmpty, nil
	}
	return Value{kind: KindList, ref: l}
}

// NewListFloats returns a new float-strategy list that owns xs.
func NewListFloats(xs []float64) Value {
	l := &List{Strategy: ListFloats, Floats: xs}
	if len(xs) == 0 {
		l.Strategy, l.Floats = ListEmpty, nil
	}
	return Value{kind: KindList, ref: l}
}

// ListValue wraps a *List as a value.
func ListValue(l *List) Value { return Value{kind: KindList, ref: l} }

// listObj returns the *List of a KindList value.
func listObj(v Value) *List { return v.ref.(*List) }

// newListOf builds a *List that owns items, choosing its strategy.
func newListOf(items []Value) *List {
	if len(items) == 0 {
		return &List{}
	}
	switch strategyFor(items) {
	case ListInts:
		ints := make([]int64, len(items))
		for i, v := range items {
			ints[i] = int64(v.n)
		}
		return &List{Strategy: ListInts, Ints: ints}
	case ListFloats:
		floats := make([]float64, len(items))
		for i, v := range items {
			floats[i] = math.Float64frombits(v.n)
		}
		return &List{Strategy: ListFloats, Floats: floats}
	}
	return &List{Strategy: ListObjects, Objs: items}
}

// strategyFor returns the strategy that can hold all of items (which is not empty).
func strategyFor(items []Value) ListStrategy {
	k := items[0].kind
	if k != KindInt && k != KindFloat {
		return ListObjects
	}
	for _, v := range items[1:] {
		if v.kind != k {
			return ListObjects
		}
	}
	if k == KindInt {
		return ListInts
	}
	return ListFloats
}

// Len returns the number of items.
func (l *List) Len() int {
	switch l.Strategy {
	case ListInts:
		return len(l.Ints)
	case ListFloats:
		return len(l.Floats)
	case ListObjects:
		return len(l.Objs)
	}
	return 0
}

// Get returns item i, which must be in range (0 <= i < Len()).
func (l *List) Get(i int) Value {
	switch l.Strategy {
	case ListInts:
		return Value{kind: KindInt, n: uint64(l.Ints[i])}
	case ListFloats:
		return Value{kind: KindFloat, n: math.Float64bits(l.Floats[i])}
	}
	return l.Objs[i]
}

// Set stores v as item i, which must be in range, switching the list to generic storage if
// v does not fit its strategy.
func (l *List) Set(i int, v Value) {
	switch l.Strategy {
	case ListInts:
		if v.kind == KindInt {
			l.Ints[i] = int64(v.n)
			return
		}
	case ListFloats:
		if v.kind == KindFloat {
			l.Floats[i] = math.Float64frombits(v.n)
			return
		}
	}
	l.toObjects()
	l.Objs[i] = v
}

// Append adds v at the end of the list.
func (l *List) Append(v Value) {
	switch l.Strategy {
	case ListInts:
		if v.kind == KindInt {
			l.Ints = append(l.Ints, int64(v.n))
			return
		}
	case ListFloats:
		if v.kind == KindFloat {
			l.Floats = append(l.Floats, math.Float64frombits(v.n))
			return
		}
	case ListEmpty:
		switch v.kind {
		case KindInt:
			l.Strategy = ListInts
			l.Ints = append(l.Ints[:0], int64(v.n))
		case KindFloat:
			l.Strategy = ListFloats
			l.Floats = append(l.Floats[:0], math.Float64frombits(v.n))
		default:
			l.Strategy = ListObjects
			l.Objs = append(l.Objs[:0], v)
		}
		return
	}
	l.toObjects()
	l.Objs = append(l.Objs, v)
}

// Items returns the items as a new slice of boxed values.
func (l *List) Items() []Value {
	n := l.Len()
	out := make([]Value, n)
	switch l.Strategy {
	case ListInts:
		for i, x := range l.Ints {
			out[i] = Int(x)
		}
	case ListFloats:
		for i, x := range l.Floats {
			out[i] = Float(x)
		}
	case ListObjects:
		copy(out, l.Objs)
	}
	return out
}

// toObjects switches the list to generic storage (a no-op if it already is generic).
func (l *List) toObjects() {
	switch l.Strategy {
	case ListObjects:
		return
	case ListInts, ListFloats:
		objs := make([]Value, l.Len(), l.Len()+l.Len()/8+4)
		if l.Strategy == ListInts {
			for i, x := range l.Ints {
				objs[i] = Int(x)
			}
		} else {
			for i, x := range l.Floats {
				objs[i] = Float(x)
			}
		}
		l.Objs = objs
	}
	l.Strategy, l.Ints, l.Floats = ListObjects, nil, nil
}

// clear empties the list; its next append picks a strategy again.
func (l *List) clear() {
	*l = List{}
}

// copyList returns a shallow copy with the same strategy.
func (l *List) copyList() *List {
	switch l.Strategy {
	case ListInts:
		return &List{Strategy: ListInts, Ints: slices.Clone(l.Ints)}
	case ListFloats:
		return &List{Strategy: ListFloats, Floats: slices.Clone(l.Floats)}
	case ListObjects:
		return &List{Strategy: ListObjects, Objs: slices.Clone(l.Objs)}
	}
	return &List{}
}

// insert puts v before index i, 0 <= i <= Len().
func (l *List) insert(i int, v Value) {
	switch {
	case l.Strategy == ListInts && v.kind == KindInt:
		l.Ints = slices.Insert(l.Ints, i, int64(v.n))
	case l.Strategy == ListFloats && v.kind == KindFloat:
		l.Floats = slices.Insert(l.Floats, i, math.Float64frombits(v.n))
	case l.Strategy == ListEmpty:
		l.Append(v)
	default:
		l.toObjects()
		l.Objs = slices.Insert(l.Objs, i, v)
	}
}

// remove deletes item i, which must be in range.
func (l *List) remove(i int) {
	switch l.Strategy {
	case ListInts:
		l.Ints = slices.Delete(l.Ints, i, i+1)
	case ListFloats:
		l.Floats = slices.Delete(l.Floats, i, i+1)
	case ListObjects:
		l.Objs = slices.Delete(l.Objs, i, i+1)
	}
}

// reverse reverses the list in place.
func (l *List) reverse() {
	switch l.Strategy {
	case ListInts:
		slices.Reverse(l.Ints)
	case ListFloats:
		slices.Reverse(l.Floats)
	case ListObjects:
		slices.Reverse(l.Objs)
	}
}

// extendList appends all items of src (which may be l itself) to l, keeping an unboxed
// strategy when both lists share it.
func (l *List) extendList(src *List) {
	if src.Len() == 0 {
		return
	}
	switch {
	case l.Strategy == ListEmpty:
		c := src.copyList()
		*l = *c
	case l.Strategy == ListInts && src.Strategy == ListInts:
		l.Ints = append(l.Ints, src.Ints...)
	case l.Strategy == ListFloats && src.Strategy == ListFloats:
		l.Floats = append(l.Floats, src.Floats...)
	default:
		items := src.Items() // a copy, so l == src is fine
		l.toObjects()
		l.Objs = append(l.Objs, items...)
	}
}

// extendValues appends items to l.
func (l *List) extendValues(items []Value) {
	if len(items) == 0 {
		return
	}
	if l.Len() == 0 {
		*l = *newListOf(slices.Clone(items))
		return
	}
	for _, v := range items {
		l.Append(v)
	}
}

// slice returns the items start, start+step, ... (n of them) as a new list with the same
// strategy. The indices come from adjustSlice.
func (l *List) slice(start, step, n int) *List {
	if n <= 0 {
		return &List{}
	}
	switch l.Strategy {
	case ListInts:
		if step == 1 {
			return &List{Strategy: ListInts, Ints: slices.Clone(l.Ints[start : start+n])}
		}
		out := make([]int64, n)
		for i := range out {
			out[i] = l.Ints[start+i*step]
		}
		return &List{Strategy: ListInts, Ints: out}
	case ListFloats:
		if step == 1 {
			return &List{Strategy: ListFloats, Floats: slices.Clone(l.Floats[start : start+n])}
		}
		out := make([]float64, n)
		for i := range out {
			out[i] = l.Floats[start+i*step]
		}
		return &List{Strategy: ListFloats, Floats: out}
	}
	if step == 1 {
		return &List{Strategy: ListObjects, Objs: slices.Clone(l.Objs[start : start+n])}
	}
	out := make([]Value, n)
	for i := range out {
		out[i] = l.Objs[start+i*step]
	}
	return &List{Strategy: ListObjects, Objs: out}
}

// replaceRange replaces items [lo, hi) with items (a simple slice assignment xs[lo:hi] = items).
func (l *List) replaceRange(lo, hi int, items []Value) {
	if l.Len() == 0 || (lo == 0 && hi == l.Len()) {
		*l = *newListOf(slices.Clone(items))
		return
	}
	if len(items) > 0 {
		s := strategyFor(items)
		if s != l.Strategy || s == ListObjects {
			l.toObjects()
		}
	}
	switch l.Strategy {
	case ListInts:
		repl := make([]int64, len(items))
		for i, v := range items {
			repl[i] = int64(v.n)
		}
		l.Ints = slices.Replace(l.Ints, lo, hi, repl...)
	case ListFloats:
		repl := make([]float64, len(items))
		for i, v := range items {
			repl[i] = math.Float64frombits(v.n)
		}
		l.Floats = slices.Replace(l.Floats, lo, hi, repl...)
	default:
		l.Objs = slices.Replace(l.Objs, lo, hi, items...)
	}
}

// indexOf returns the first index i in [start, stop) with l[i] == x, or -1.
func (l *List) indexOf(in *Interp, x Value, start, stop int) (int, *Exception) {
	if l.Strategy == ListInts && x.kind == KindInt {
		for i := start; i < stop && i < len(l.Ints); i++ {
			if l.Ints[i] == int64(x.n) {
				return i, nil
			}
		}
		return -1, nil
	}
	for i := start; i < stop && i < l.Len(); i++ {
		eq, err := equalOrSame(in, l.Get(i), x)
		if err != nil {
			return -1, err
		}
		if eq {
			return i, nil
		}
	}
	return -1, nil
}

// equalOrSame is CPython's PyObject_RichCompareBool(a, b, Py_EQ): identity implies equality.
func equalOrSame(in *Interp, a, b Value) (bool, *Exception) {
	if Is(a, b) {
		return true, nil
	}
	return Equal(in, a, b)
}

// ExtendList appends the items of any iterable to l (xs.extend(it), xs += it).
func ExtendList(in *Interp, l *List, iterable Value) *Exception {
	switch iterable.kind {
	case KindList:
		l.extendList(listObj(iterable))
		return nil
	case KindTuple:
		l.extendValues(tupleObj(iterable).Items)
		return nil
	case KindRange:
		r := rangeObj(iterable)
		n := r.Len()
		if r.Big == nil && (l.Len() == 0 || l.Strategy == ListInts) {
			if l.Strategy == ListEmpty {
				*l = List{Strategy: ListInts}
			}
			if n > 0 {
				l.Ints = slices.Grow(l.Ints, int(n))
			}
			for i := int64(0); i < n; i++ {
				l.Ints = append(l.Ints, r.Start+i*r.Step)
			}
			if l.Len() == 0 {
				l.clear()
			}
			return nil
		}
	}
	items, err := Collect(in, iterable)
	if err != nil {
		return err
	}
	l.extendValues(items)
	return nil
}

// ListFromIterable is list(iterable): a new list keeping an unboxed strategy where it can
// (list(range(n)) is an int list).
func ListFromIterable(in *Interp, iterable Value) (Value, *Exception) {
	l := &List{}
	if iterable.kind == KindList {
		return ListValue(listObj(iterable).copyList()), nil
	}
	if err := ExtendList(in, l, iterable); err != nil {
		return Value{}, err
	}
	return ListValue(l), nil
}

// ConcatSeq is a + b for two sequences of the same type: list + list, tuple + tuple,
// str + str. Otherwise it raises CPython's TypeError ('can only concatenate list (not "int")
// to list'); the caller deals with a not being a sequence at all.
func ConcatSeq(in *Interp, a, b Value) (Value, *Exception) {
	if a.kind != b.kind || (a.kind != KindList && a.kind != KindTuple && a.kind != KindStr) {
		name := TypeName(a)
		return Value{}, Errorf(TypeErrorType, "can only concatenate %s (not \"%s\") to %s", name, TypeName(b), name)
	}
	switch a.kind {
	case KindStr:
		x, y := strObj(a), strObj(b)
		if x.S == "" {
			return b, nil
		}
		if y.S == "" {
			return a, nil
		}
		if int64(len(x.S))+int64(len(y.S)) > maxSeqLen {
			return Value{}, &Exception{Type: memoryErrorType}
		}
		return concatStr(x, y), nil
	case KindTuple:
		x, y := tupleObj(a).Items, tupleObj(b).Items
		if len(x) == 0 {
			return b, nil
		}
		if len(y) == 0 {
			return a, nil
		}
		if len(x)+len(y) > maxSeqLen {
			return Value{}, &Exception{Type: memoryErrorType}
		}
		return NewTuple(slices.Concat(x, y)), nil
	}
	x, y := listObj(a), listObj(b)
	if x.Len()+y.Len() > maxSeqLen {
		return Value{}, &Exception{Type: memoryErrorType}
	}
	out := x.copyList()
	out.extendList(y)
	return ListValue(out), nil
}

// RepeatSeq is seq * n for a list, tuple or str (n <= 0 gives an empty sequence). A repeated
// int or float list keeps its unboxed strategy, so [0] * n is an int list.
func RepeatSeq(in *Interp, seq Value, n int64) (Value, *Exception) {
	var size int64
	switch seq.kind {
	case KindList:
		size = int64(listObj(seq).Len())
	case KindTuple:
		size = int64(len(tupleObj(seq).Items))
	case KindStr:
		size = int64(len(strObj(seq).S))
	default:
		return Value{}, Errorf(TypeErrorType, "can't multiply sequence by non-int of type '%s'", TypeName(seq))
	}
	if n < 0 {
		n = 0
	}
	if size != 0 && n > maxSeqLen/size {
		return Value{}, &Exception{Type: memoryErrorType}
	}
	switch seq.kind {
	case KindStr:
		if n == 0 {
			return emptyStr, nil
		}
		if n == 1 {
			return seq, nil
		}
		return strRepeat(strObj(seq), int(n)), nil
	case KindTuple:
		items := tupleObj(seq).Items
		if n == 1 {
			return seq, nil
		}
		return NewTuple(repeatSlice(items, int(n))), nil
	}
	l := listObj(seq)
	switch l.Strategy {
	case ListInts:
		return NewListInts(repeatSlice(l.Ints, int(n))), nil
	case ListFloats:
		return NewListFloats(repeatSlice(l.Floats, int(n))), nil
	case ListObjects:
		return ListValue(&List{Strategy: ListObjects, Objs: repeatSlice(l.Objs, int(n))}), nil
	}
	return NewList(nil), nil
}

// repeatSlice returns xs repeated n times, filling by doubling copies.
func repeatSlice[T any](xs []T, n int) []T {
	total := len(xs) * n
	if total == 0 {
		return nil
	}
	out := make([]T, total)
	if len(xs) == 1 {
		x := xs[0]
		for i := range out {
			out[i] = x
		}
		return out
	}
	done := copy(out, xs)
	for done < total {
		done += copy(out[done:], out[:done])
	}
	return out
}

// The list methods. Each gets the receiver in args[0].

func listAppend(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methOneArg("list.append", args, kw); err != nil {
		return Value{}, err
	}
	listObj(args[0]).Append(args[1])
	return None, nil
}

func listPop(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := checkPositional("list.pop", "pop", args, kw, 0, 1); err != nil {
		return Value{}, err
	}
	l := listObj(args[0])
	i := int64(-1)
	if len(args) == 2 {
		var err *Exception
		if i, err = asSsize(args[1]); err != nil {
			return Value{}, err
		}
	}
	n := int64(l.Len())
	if n == 0 {
		return Value{}, NewException(IndexErrorType, "pop from empty list")
	}
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return Value{}, NewException(IndexErrorType, "pop index out of range")
	}
	v := l.Get(int(i))
	if i == n-1 {
		switch l.Strategy {
		case ListInts:
			l.Ints = l.Ints[:i]
		case ListFloats:
			l.Floats = l.Floats[:i]
		default:
			l.Objs[i] = Value{}
			l.Objs = l.Objs[:i]
		}
	} else {
		l.remove(int(i))
	}
	return v, nil
}

func listInsert(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := checkPositional("list.insert", "insert", args, kw, 2, 2); err != nil {
		return Value{}, err
	}
	i, err := asSsize(args[1])
	if err != nil {
		return Value{}, err
	}
	l := listObj(args[0])
	n := int64(l.Len())
	if i < 0 {
		i = max(i+n, 0)
	}
	l.insert(int(min(i, n)), args[2])
	return None, nil
}

func listExtend(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methOneArg("list.extend", args, kw); err != nil {
		return Value{}, err
	}
	if err := ExtendList(in, listObj(args[0]), args[1]); err != nil {
		return Value{}, err
	}
	return None, nil
}

// seqIndexBounds reads the optional start and stop of list.index/tuple.index (args[2],
// args[3]) and turns them into a window of a sequence of length n.
func seqIndexBounds(args []Value, n int) (int, int, *Exception) {
	start, stop := int64(0), int64(maxSsize)
	var err *Exception
	if len(args) > 2 {
		if start, err = sliceIndexNotNone(args[2]); err != nil {
			return 0, 0, err
		}
	}
	if len(args) > 3 {
		if stop, err = sliceIndexNotNone(args[3]); err != nil {
			return 0, 0, err
		}
	}
	if start < 0 {
		start = max(start+int64(n), 0)
	}
	if stop < 0 {
		stop = max(stop+int64(n), 0)
	}
	return int(min(start, int64(n))), int(min(stop, int64(n))), nil
}

func listIndex(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := checkPositional("list.index", "index", args, kw, 1, 3); err != nil {
		return Value{}, err
	}
	l := listObj(args[0])
	start, stop, err := seqIndexBounds(args, l.Len())
	if err != nil {
		return Value{}, err
	}
	i, err := l.indexOf(in, args[1], start, stop)
	if err != nil {
		return Value{}, err
	}
	if i < 0 {
		r, err := ReprErr(in, args[1])
		if err != nil {
			return Value{}, err
		}
		return Value{}, NewException(ValueErrorType, r+" is not in list")
	}
	return Int(int64(i)), nil
}

func listCount(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methOneArg("list.count", args, kw); err != nil {
		return Value{}, err
	}
	l, x := listObj(args[0]), args[1]
	count := int64(0)
	if l.Strategy == ListInts && x.kind == KindInt {
		for _, y := range l.Ints {
			if y == int64(x.n) {
				count++
			}
		}
		return Int(count), nil
	}
	for i := 0; i < l.Len(); i++ {
		eq, err := equalOrSame(in, l.Get(i), x)
		if err != nil {
			return Value{}, err
		}
		if eq {
			count++
		}
	}
	return Int(count), nil
}

func listRemove(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methOneArg("list.remove", args, kw); err != nil {
		return Value{}, err
	}
	l := listObj(args[0])
	i, err := l.indexOf(in, args[1], 0, l.Len())
	if err != nil {
		return Value{}, err
	}
	if i < 0 {
		return Value{}, NewException(ValueErrorType, "list.remove(x): x not in list")
	}
	l.remove(i)
	return None, nil
}

func listReverse(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methNoArgs("list.reverse", args, kw); err != nil {
		return Value{}, err
	}
	listObj(args[0]).reverse()
	return None, nil
}

func listCopy(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methNoArgs("list.copy", args, kw); err != nil {
		return Value{}, err
	}
	return ListValue(listObj(args[0]).copyList()), nil
}

func listClear(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methNoArgs("list.clear", args, kw); err != nil {
		return Value{}, err
	}
	listObj(args[0]).clear()
	return None, nil
}

func listSort(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if len(args) > 1 {
		return Value{}, NewException(TypeErrorType, "sort() takes no positional arguments")
	}
	key, reverse, err := sortKwargs(kw)
	if err != nil {
		return Value{}, err
	}
	if err := SortList(in, listObj(args[0]), key, reverse); err != nil {
		return Value{}, err
	}
	return None, nil
}

// sortKwargs parses the keyword-only key= and reverse= of list.sort (and sorted()).
func sortKwargs(kw *Kwargs) (key Value, reverse bool, err *Exception) {
	key = None
	if kw.Len() > 2 {
		return key, false, Errorf(TypeErrorType, "sort() takes at most 2 keyword arguments (%d given)", kw.Len())
	}
	for i, name := range kwNames(kw) {
		v := kw.Values[i]
		switch name {
		case "key":
			key = v
		case "reverse":
			n, err := asCInt(v)
			if err != nil {
				return key, false, err
			}
			reverse = n != 0
		default:
			return key, false, Errorf(TypeErrorType, "'%s' is an invalid keyword argument for sort()", name)
		}
	}
	return key, reverse, nil
}

// kwNames returns the names of keyword arguments (nil-safe).
func kwNames(kw *Kwargs) []string {
	if kw == nil {
		return nil
	}
	return kw.Names
}

// SortList sorts l in place like CPython's list.sort(key=key, reverse=reverse): key None means
// no key function; the sort is stable and, for comparisons that are not a total order (nan,
// mixed types), reproduces CPython's result exactly because it is CPython's algorithm.
func SortList(in *Interp, l *List, key Value, reverse bool) *Exception {
	// As CPython, the list looks empty while it is being sorted, so a key function that
	// mutates it is detected.
	saved := *l
	*l = List{}
	err := sortStorage(in, &saved, key, reverse)
	if l.Len() != 0 && err == nil {
		err = NewException(ValueErrorType, "list modified during sort")
	}
	*l = saved
	return err
}

// sortStorage sorts the storage of l (not visible to the program while this runs).
func sortStorage(in *Interp, l *List, key Value, reverse bool) *Exception {
	if key.kind != KindNone {
		items := l.Items()
		keyed := make([]keyedItem, len(items))
		for i, v := range items {
			k, err := in.Call(key, []Value{v}, nil)
			if err != nil {
				return err
			}
			keyed[i] = keyedItem{key: k, value: v}
		}
		err := sortMaybeReversed(keyed, reverse, func(a, b keyedItem) (bool, *Exception) {
			return lessThan(in, a.key, b.key)
		})
		for i, k := range keyed {
			items[i] = k.value
		}
		*l = *newListOf(items)
		return err
	}
	switch l.Strategy {
	case ListInts:
		// Equal ints are indistinguishable, so any correct sort gives CPython's result.
		slices.Sort(l.Ints)
		if reverse {
			slices.Reverse(l.Ints)
		}
		return nil
	case ListFloats:
		if !hasNaNOrZero(l.Floats) {
			// Without nan (unordered) and ±0.0 (equal but distinguishable), equal floats
			// are identical too.
			slices.Sort(l.Floats)
			if reverse {
				slices.Reverse(l.Floats)
			}
			return nil
		}
		return sortMaybeReversed(l.Floats, reverse, func(a, b float64) (bool, *Exception) {
			return a < b, nil
		})
	case ListObjects:
		return sortMaybeReversed(l.Objs, reverse, func(a, b Value) (bool, *Exception) {
			return lessThan(in, a, b)
		})
	}
	return nil
}

// keyedItem is an item with its sort key.
type keyedItem struct{ key, value Value }

func hasNaNOrZero(xs []float64) bool {
	for _, x := range xs {
		if x != x || x == 0 {
			return true
		}
	}
	return false
}

// sortMaybeReversed is CPython's handling of reverse=True: reverse, sort stably, reverse
// again (also when a comparison fails), so that equal items keep their order.
func sortMaybeReversed[T any](a []T, reverse bool, lt func(x, y T) (bool, *Exception)) *Exception {
	if reverse {
		slices.Reverse(a)
	}
	err := timsort(a, lt)
	if reverse {
		slices.Reverse(a)
	}
	return err
}

// timsort is a port of CPython 3.11's listsort (Objects/listobject.c): natural runs extended
// to minrun by binary insertion, merged by the powersort policy with galloping. Comparisons
// use only lt, in the same order as CPython, so the result (even with an inconsistent lt)
// and the point where an error stops the sort are CPython's. On error a is left a
// permutation of its items.
func timsort[T any](a []T, lt func(x, y T) (bool, *Exception)) *Exception {
	n := len(a)
	if n < 2 {
		return nil
	}
	ms := &mergeState[T]{a: a, lt: lt, minGallop: minGallop}
	minrun := mergeComputeMinrun(n)
	lo, remaining := 0, n
	for remaining > 0 {
		run, descending, err := ms.countRun(lo, lo+remaining)
		if err != nil {
			return err
		}
		if descending {
			slices.Reverse(a[lo : lo+run])
		}
		if run < minrun {
			force := min(remaining, minrun)
			if err := ms.binarySort(lo, lo+force, lo+run); err != nil {
				return err
			}
			run = force
		}
		if err := ms.foundNewRun(run); err != nil {
			return err
		}
		ms.pending = append(ms.pending, sortRun{base: lo, len: run})
		lo += run
		remaining -= run
	}
	return ms.forceCollapse()
}

const minGallop = 7 // CPython's MIN_GALLOP

// sortRun is a sorted run pending a merge: a[base:base+len], with its powersort power.
type sortRun struct {
	base, len, power int
}

// mergeState is CPython's MergeState.
type mergeState[T any] struct {
	a         []T
	lt        func(x, y T) (bool, *Exception)
	minGallop int
	pending   []sortRun
	tmp       []T
}

// mergeComputeMinrun is CPython's merge_compute_minrun.
func mergeComputeMinrun(n int) int {
	r := 0
	for n >= 64 {
		r |= n & 1
		n >>= 1
	}
	return n + r
}

// countRun returns the length of the run starting at a[lo] (within a[lo:hi]) and whether it
// is strictly descending (CPython 3.11's count_run).
func (ms *mergeState[T]) countRun(lo, hi int) (int, bool, *Exception) {
	a := ms.a
	lo++
	if lo == hi {
		return 1, false, nil
	}
	n := 2
	less, err := ms.lt(a[lo], a[lo-1])
	if err != nil {
		return 0, false, err
	}
	if less {
		for lo = lo + 1; lo < hi; lo, n = lo+1, n+1 {
			less, err := ms.lt(a[lo], a[lo-1])
			if err != nil {
				return 0, false, err
			}
			if !less {
				break
			}
		}
		return n, true, nil
	}
	for lo = lo + 1; lo < hi; lo, n = lo+1, n+1 {
		less, err := ms.lt(a[lo], a[lo-1])
		if err != nil {
			return 0, false, err
		}
		if less {
			break
		}
	}
	return n, false, nil
}

// binarySort sorts a[lo:hi] by binary insertion, given that a[lo:start] is already sorted.
func (ms *mergeState[T]) binarySort(lo, hi, start int) *Exception {
	a := ms.a
	if lo == start {
		start++
	}
	for ; start < hi; start++ {
		l, r := lo, start
		pivot := a[r]
		for l < r {
			p := l + (r-l)>>1
			less, err := ms.lt(pivot, a[p])
			if err != nil {
				return err
			}
			if less {
				r = p
			} else {
				l = p + 1
			}
		}
		copy(a[l+1:start+1], a[l:start])
		a[l] = pivot
	}
	return nil
}

// gallopLeft returns k in [0, len(a)] with a[k-1] < key <= a[k], searching from hint.
func (ms *mergeState[T]) gallopLeft(key T, a []T, hint int) (int, *Exception) {
	n := len(a)
	lastofs, ofs := 0, 1
	less, err := ms.lt(a[hint], key)
	if err != nil {
		return 0, err
	}
	if less {
		// a[hint] < key: gallop right until a[hint+lastofs] < key <= a[hint+ofs].
		maxofs := n - hint
		for ofs < maxofs {
			less, err := ms.lt(a[hint+ofs], key)
			if err != nil {
				return 0, err
			}
			if !less {
				break
			}
			lastofs = ofs
			ofs = ofs<<1 + 1
		}
		ofs = min(ofs, maxofs)
		lastofs += hint
		ofs += hint
	} else {
		// key <= a[hint]: gallop left until a[hint-ofs] < key <= a[hint-lastofs].
		maxofs := hint + 1
		for ofs < maxofs {
			less, err := ms.lt(a[hint-ofs], key)
			if err != nil {
				return 0, err
			}
			if less {
				break
			}
			lastofs = ofs
			ofs = ofs<<1 + 1
		}
		ofs = min(ofs, maxofs)
		lastofs, ofs = hint-ofs, hint-lastofs
	}
	// Now a[lastofs] < key <= a[ofs]: binary search in between.
	lastofs++
	for lastofs < ofs {
		m := lastofs + (ofs-lastofs)>>1
		less, err := ms.lt(a[m], key)
		if err != nil {
			return 0, err
		}
		if less {
			lastofs = m + 1
		} else {
			ofs = m
		}
	}
	return ofs, nil
}

// gallopRight is gallopLeft for the position after the rightmost item equal to key:
// a[k-1] <= key < a[k].
func (ms *mergeState[T]) gallopRight(key T, a []T, hint int) (int, *Exception) {
	n := len(a)
	lastofs, ofs := 0, 1
	less, err := ms.lt(key, a[hint])
	if err != nil {
		return 0, err
	}
	if less {
		// key < a[hint]: gallop left until a[hint-ofs] <= key < a[hint-lastofs].
		maxofs := hint + 1
		for ofs < maxofs {
			less, err := ms.lt(key, a[hint-ofs])
			if err != nil {
				return 0, err
			}
			if !less {
				break
			}
			lastofs = ofs
			ofs = ofs<<1 + 1
		}
		ofs = min(ofs, maxofs)
		lastofs, ofs = hint-ofs, hint-lastofs
	} else {
		// a[hint] <= key: gallop right until a[hint+lastofs] <= key < a[hint+ofs].
		maxofs := n - hint
		for ofs < maxofs {
			less, err := ms.lt(key, a[hint+ofs])
			if err != nil {
				return 0, err
			}
			if less {
				break
			}
			lastofs = ofs
			ofs = ofs<<1 + 1
		}
		ofs = min(ofs, maxofs)
		lastofs += hint
		ofs += hint
	}
	lastofs++
	for lastofs < ofs {
		m := lastofs + (ofs-lastofs)>>1
		less, err := ms.lt(key, a[m])
		if err != nil {
			return 0, err
		}
		if less {
			ofs = m
		} else {
			lastofs = m + 1
		}
	}
	return ofs, nil
}

func (ms *mergeState[T]) getmem(need int) []T {
	if cap(ms.tmp) < need {
		ms.tmp = make([]T, need)
	}
	return ms.tmp[:need]
}

// mergeLo merges the adjacent runs a[pa:pa+na] and a[pb:pb+nb] (na <= nb), copying the first
// to temporary memory. a[pb] belongs before a[pa] and a[pa+na-1] belongs at the end.
func (ms *mergeState[T]) mergeLo(pa, na, pb, nb int) (err *Exception) {
	a := ms.a
	tmp := ms.getmem(na)
	copy(tmp, a[pa:pa+na])
	dest, ia, ib := pa, 0, pb
	a[dest] = a[ib]
	dest++
	ib++
	nb--
	if nb == 0 {
		goto succeed
	}
	if na == 1 {
		goto copyB
	}
	for mg := ms.minGallop; ; {
		acount, bcount := 0, 0 // how many times in a row each run won
		for {
			less, e := ms.lt(a[ib], tmp[ia])
			if e != nil {
				err = e
				goto fail
			}
			if less {
				a[dest] = a[ib]
				dest++
				ib++
				bcount++
				acount = 0
				nb--
				if nb == 0 {
					goto succeed
				}
				if bcount >= mg {
					break
				}
			} else {
				a[dest] = tmp[ia]
				dest++
				ia++
				acount++
				bcount = 0
				na--
				if na == 1 {
					goto copyB
				}
				if acount >= mg {
					break
				}
			}
		}
		// One run is winning consistently: gallop until neither does.
		mg++
		for {
			if mg > 1 {
				mg--
			}
			ms.minGallop = mg
			k, e := ms.gallopRight(a[ib], tmp[ia:ia+na], 0)
			if e != nil {
				err = e
				goto fail
			}
			acount = k
			if k != 0 {
				copy(a[dest:], tmp[ia:ia+k])
				dest += k
				ia += k
				na -= k
				if na == 1 {
					goto copyB
				}
				if na == 0 { // only with an inconsistent comparison
					goto succeed
				}
			}
			a[dest] = a[ib]
			dest++
			ib++
			nb--
			if nb == 0 {
				goto succeed
			}
			k, e = ms.gallopLeft(tmp[ia], a[ib:ib+nb], 0)
			if e != nil {
				err = e
				goto fail
			}
			bcount = k
			if k != 0 {
				copy(a[dest:], a[ib:ib+k])
				dest += k
				ib += k
				nb -= k
				if nb == 0 {
					goto succeed
				}
			}
			a[dest] = tmp[ia]
			dest++
			ia++
			na--
			if na == 1 {
				goto copyB
			}
			if acount < minGallop && bcount < minGallop {
				break
			}
		}
		mg++ // penalize leaving galloping mode
		ms.minGallop = mg
	}
succeed:
fail:
	if na > 0 {
		copy(a[dest:], tmp[ia:ia+na])
	}
	return err
copyB:
	// The last item of run A belongs at the end of the merge.
	copy(a[dest:], a[ib:ib+nb])
	a[dest+nb] = tmp[ia]
	return nil
}

// mergeHi is mergeLo from the right, for na >= nb: run B goes to temporary memory.
func (ms *mergeState[T]) mergeHi(pa, na, pb, nb int) (err *Exception) {
	a := ms.a
	tmp := ms.getmem(nb)
	copy(tmp, a[pb:pb+nb])
	dest, ia, ib := pb+nb-1, pa+na-1, nb-1
	a[dest] = a[ia]
	dest--
	ia--
	na--
	if na == 0 {
		goto succeed
	}
	if nb == 1 {
		goto copyA
	}
	for mg := ms.minGallop; ; {
		acount, bcount := 0, 0
		for {
			less, e := ms.lt(tmp[ib], a[ia])
			if e != nil {
				err = e
				goto fail
			}
			if less {
				a[dest] = a[ia]
				dest--
				ia--
				acount++
				bcount = 0
				na--
				if na == 0 {
					goto succeed
				}
				if acount >= mg {
					break
				}
			} else {
				a[dest] = tmp[ib]
				dest--
				ib--
				bcount++
				acount = 0
				nb--
				if nb == 1 {
					goto copyA
				}
				if bcount >= mg {
					break
				}
			}
		}
		mg++
		for {
			if mg > 1 {
				mg--
			}
			ms.minGallop = mg
			k, e := ms.gallopRight(tmp[ib], a[pa:pa+na], na-1)
			if e != nil {
				err = e
				goto fail
			}
			k = na - k
			acount = k
			if k != 0 {
				dest -= k
				ia -= k
				copy(a[dest+1:dest+1+k], a[ia+1:ia+1+k])
				na -= k
				if na == 0 {
					goto succeed
				}
			}
			a[dest] = tmp[ib]
			dest--
			ib--
			nb--
			if nb == 1 {
				goto copyA
			}
			k, e = ms.gallopLeft(a[ia], tmp[:nb], nb-1)
			if e != nil {
				err = e
				goto fail
			}
			k = nb - k
			bcount = k
			if k != 0 {
				dest -= k
				ib -= k
				copy(a[dest+1:dest+1+k], tmp[ib+1:ib+1+k])
				nb -= k
				if nb == 1 {
					goto copyA
				}
				if nb == 0 { // only with an inconsistent comparison
					goto succeed
				}
			}
			a[dest] = a[ia]
			dest--
			ia--
			na--
			if na == 0 {
				goto succeed
			}
			if acount < minGallop && bcount < minGallop {
				break
			}
		}
		mg++
		ms.minGallop = mg
	}
succeed:
fail:
	if nb > 0 {
		copy(a[dest-(nb-1):dest+1], tmp[:nb])
	}
	return err
copyA:
	// The first item of run B belongs at the front of the merge.
	copy(a[dest+1-na:dest+1], a[ia+1-na:ia+1])
	dest -= na
	a[dest] = tmp[ib]
	return nil
}

// mergeAt merges the pending runs i and i+1.
func (ms *mergeState[T]) mergeAt(i int) *Exception {
	a := ms.a
	pa, na := ms.pending[i].base, ms.pending[i].len
	pb, nb := ms.pending[i+1].base, ms.pending[i+1].len
	ms.pending[i].len = na + nb
	if i == len(ms.pending)-3 {
		ms.pending[i+1] = ms.pending[i+2]
	}
	ms.pending = ms.pending[:len(ms.pending)-1]

	// Items of A before where B's first item goes are already in place.
	k, err := ms.gallopRight(a[pb], a[pa:pa+na], 0)
	if err != nil {
		return err
	}
	pa += k
	na -= k
	if na == 0 {
		return nil
	}
	// Items of B after where A's last item goes are already in place.
	nb, err = ms.gallopLeft(a[pa+na-1], a[pb:pb+nb], nb-1)
	if err != nil || nb <= 0 {
		return err
	}
	if na <= nb {
		return ms.mergeLo(pa, na, pb, nb)
	}
	return ms.mergeHi(pa, na, pb, nb)
}

// powerloop computes the powersort "power" of the run boundary between the runs
// [s1, s1+n1) and [s1+n1, s1+n1+n2) of a list of length n.
func powerloop(s1, n1, n2, n int) int {
	result := 0
	a := 2*s1 + n1
	b := a + n1 + n2
	for {
		result++
		if a >= n {
			a -= n
			b -= n
		} else if b >= n {
			break
		}
		a <<= 1
		b <<= 1
	}
	return result
}

// foundNewRun applies the powersort merge policy when a new run of length n2 follows the
// top pending run.
func (ms *mergeState[T]) foundNewRun(n2 int) *Exception {
	if len(ms.pending) == 0 {
		return nil
	}
	top := len(ms.pending) - 1
	power := powerloop(ms.pending[top].base, ms.pending[top].len, n2, len(ms.a))
	for len(ms.pending) > 1 && ms.pending[len(ms.pending)-2].power > power {
		if err := ms.mergeAt(len(ms.pending) - 2); err != nil {
			return err
		}
	}
	ms.pending[len(ms.pending)-1].power = power
	return nil
}

// forceCollapse merges all pending runs, at the end of the sort.
func (ms *mergeState[T]) forceCollapse() *Exception {
	for len(ms.pending) > 1 {
		n := len(ms.pending) - 2
		if n > 0 && ms.pending[n-1].len < ms.pending[n+1].len {
			n--
		}
		if err := ms.mergeAt(n); err != nil {
			return err
		}
	}
	return nil
}

// itemIndex returns the item that Python's index i (negative counts from the end) names in a
// list of n items, and whether it is in range: the fast paths of xs[i] and xs[i] = v.
func itemIndex(i, n int64) (int, bool) {
	if i < 0 {
		i += n
	}
	return int(i), uint64(i) < uint64(n)
}

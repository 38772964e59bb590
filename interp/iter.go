package interp

// Iteration: GetIter for every iterable, the iterator objects (list, range, tuple, str and
// dict iterators, enumerate, zip, reversed), IterNext and Collect.

import (
	"math"
	"math/big"
)

// The classes of the iterators.
var (
	ListIterType        = &Type{Name: "list_iterator", Base: ObjectType, Kind: KindIter}
	ListReverseIterType = &Type{Name: "list_reverseiterator", Base: ObjectType, Kind: KindIter}
	RangeIterType       = &Type{Name: "range_iterator", Base: ObjectType, Kind: KindIter}
	TupleIterType       = &Type{Name: "tuple_iterator", Base: ObjectType, Kind: KindIter}
	StrIterType         = &Type{Name: "str_iterator", Base: ObjectType, Kind: KindIter}
	StrASCIIIterType    = &Type{Name: "str_ascii_iterator", Base: ObjectType, Kind: KindIter}
	DictKeyIterType     = &Type{Name: "dict_keyiterator", Base: ObjectType, Kind: KindIter}
	DictValueIterType   = &Type{Name: "dict_valueiterator", Base: ObjectType, Kind: KindIter}
	DictItemIterType    = &Type{Name: "dict_itemiterator", Base: ObjectType, Kind: KindIter}
	DictRevKeyIterType  = &Type{Name: "dict_reversekeyiterator", Base: ObjectType, Kind: KindIter}
	DictRevValIterType  = &Type{Name: "dict_reversevalueiterator", Base: ObjectType, Kind: KindIter}
	DictRevItemIterType = &Type{Name: "dict_reverseitemiterator", Base: ObjectType, Kind: KindIter}
	EnumerateType       = &Type{Name: "enumerate", Base: ObjectType, Kind: KindIter}
	ZipType             = &Type{Name: "zip", Base: ObjectType, Kind: KindIter}
	ReversedType        = &Type{Name: "reversed", Base: ObjectType, Kind: KindIter}
)

// IterValue wraps an iterator as a value.
func IterValue(it Iterator) Value { return Value{kind: KindIter, ref: it} }

// GetIter is iter(v): an iterator over v, or TypeError "'int' object is not iterable".
// Iterators are their own iterators.
func GetIter(in *Interp, v Value) (Value, *Exception) {
	switch v.kind {
	case KindList:
		return IterValue(&ListIter{List: listObj(v)}), nil
	case KindRange:
		if r := rangeObj(v); r.Big != nil {
			start, _, step, n := r.parts()
			return IterValue(newBigRangeIter(start, step, n)), nil
		}
		return IterValue(newRangeIter(rangeObj(v))), nil
	case KindTuple:
		return IterValue(&tupleIter{items: tupleObj(v).Items}), nil
	case KindStr:
		return IterValue(&strIter{s: strObj(v)}), nil
	case KindDict:
		return IterValue(newDictIter(dictObj(v), ViewKeys, false)), nil
	case KindDictView:
		view := v.ref.(*DictView)
		return IterValue(newDictIter(view.Dict, view.What, false)), nil
	case KindIter:
		return v, nil
	}
	return Value{}, Errorf(TypeErrorType, "'%s' object is not iterable", TypeName(v))
}

// isIterable reports whether GetIter accepts v.
func isIterable(v Value) bool {
	switch v.kind {
	case KindList, KindRange, KindTuple, KindStr, KindDict, KindDictView, KindIter:
		return true
	}
	return false
}

// IterNext advances the iterator it (a KindIter value): the next item, or ok false when
// it is exhausted.
func IterNext(in *Interp, it Value) (Value, bool, *Exception) {
	switch x := it.ref.(type) {
	case *ListIter:
		return x.Next(in)
	case *RangeIter:
		return x.Next(in)
	case Iterator:
		return x.Next(in)
	}
	return Value{}, false, Errorf(TypeErrorType, "'%s' object is not an iterator", TypeName(it))
}

// Collect drains any iterable into a new slice.
func Collect(in *Interp, iterable Value) ([]Value, *Exception) {
	switch iterable.kind {
	case KindList:
		return listObj(iterable).Items(), nil
	case KindTuple:
		items := tupleObj(iterable).Items
		return append(make([]Value, 0, len(items)), items...), nil
	case KindRange:
		r := rangeObj(iterable)
		if r.Len() > maxSeqLen {
			return nil, &Exception{Type: memoryErrorType}
		}
		if r.Big == nil {
			out := make([]Value, r.Len())
			for i := range out {
				out[i] = Int(r.At(int64(i)))
			}
			return out, nil
		}
	case KindStr:
		s := strObj(iterable)
		out := make([]Value, s.Len())
		for i := range out {
			out[i] = s.At(i)
		}
		return out, nil
	case KindDict:
		return dictObj(iterable).Keys(), nil
	}
	it, err := GetIter(in, iterable)
	if err != nil {
		return nil, err
	}
	var out []Value
	for {
		v, ok, err := IterNext(in, it)
		if err != nil {
			return nil, err
		}
		if !ok {
			return out, nil
		}
		out = append(out, v)
	}
}

// List iterator.

// Next returns the list's next item. Like CPython it sees items appended during the loop.
func (it *ListIter) Next(in *Interp) (Value, bool, *Exception) {
	if it.Index < it.List.Len() {
		v := it.List.Get(it.Index)
		it.Index++
		return v, true, nil
	}
	return Value{}, false, nil
}

// Type returns list_iterator.
func (it *ListIter) Type() *Type { return ListIterType }

// Range iterator.

// newRangeIter returns an iterator over r.
func newRangeIter(r *Range) Iterator {
	return rangeIterFrom(r.Start, r.Step, r.Len())
}

// rangeIterFrom returns an iterator over the n ints start, start+step, ...
func rangeIterFrom(start, step, n int64) Iterator {
	if n == 0 {
		return &RangeIter{Cur: start, Stop: start, Step: step}
	}
	// Stop at the item after the last one, unless computing it overflows.
	last := start + (n-1)*step
	stop := last + step
	if (step > 0 && stop < last) || (step < 0 && stop > last) {
		return &countIter{next: start, step: step, left: n}
	}
	return &RangeIter{Cur: start, Stop: stop, Step: step}
}

// Next returns the next int of the range.
func (it *RangeIter) Next(in *Interp) (Value, bool, *Exception) {
	if (it.Step > 0 && it.Cur < it.Stop) || (it.Step < 0 && it.Cur > it.Stop) {
		v := it.Cur
		it.Cur += it.Step
		return Int(v), true, nil
	}
	return Value{}, false, nil
}

// Type returns range_iterator.
func (it *RangeIter) Type() *Type { return RangeIterType }

// countIter is a range iterator by count, for ranges whose end overflows int64.
type countIter struct {
	next, step, left int64
}

func (it *countIter) Next(in *Interp) (Value, bool, *Exception) {
	if it.left <= 0 {
		return Value{}, false, nil
	}
	v := it.next
	it.left--
	if it.left > 0 {
		it.next += it.step
	}
	return Int(v), true, nil
}

func (it *countIter) Type() *Type { return RangeIterType }

// bigRangeIter iterates a range with big bounds.
type bigRangeIter struct {
	next, step, left *big.Int
}

func newBigRangeIter(start, step, n *big.Int) *bigRangeIter {
	return &bigRangeIter{next: new(big.Int).Set(start), step: step, left: new(big.Int).Set(n)}
}

func (it *bigRangeIter) Next(in *Interp) (Value, bool, *Exception) {
	if it.left.Sign() <= 0 {
		return Value{}, false, nil
	}
	v := BigInt(new(big.Int).Set(it.next))
	it.next.Add(it.next, it.step)
	it.left.Sub(it.left, bigUnit)
	return v, true, nil
}

func (it *bigRangeIter) Type() *Type { return RangeIterType }

// Tuple iterator.

type tupleIter struct {
	items []Value
	i     int
}

func (it *tupleIter) Next(in *Interp) (Value, bool, *Exception) {
	if it.i < len(it.items) {
		v := it.items[it.i]
		it.i++
		return v, true, nil
	}
	return Value{}, false, nil
}

func (it *tupleIter) Type() *Type { return TupleIterType }

// Str iterator: one-character strings, by code point.

type strIter struct {
	s *Str
	i int
}

func (it *strIter) Next(in *Interp) (Value, bool, *Exception) {
	if it.i < it.s.Len() {
		v := it.s.At(it.i)
		it.i++
		return v, true, nil
	}
	return Value{}, false, nil
}

func (it *strIter) Type() *Type {
	if it.s.isASCII() {
		return StrASCIIIterType
	}
	return StrIterType
}

// Dict iterators, over keys, values or items, forward or reversed. Like CPython they raise
// RuntimeError when the dict changes size during the loop.

type dictIter struct {
	d       *Dict
	what    DictViewKind
	reverse bool
	pos     int // next entry position (forward) or one past it (reverse)
	used    int // the dict's size when iteration began
	left    int // items still expected
}

func newDictIter(d *Dict, what DictViewKind, reverse bool) *dictIter {
	it := &dictIter{d: d, what: what, reverse: reverse, used: d.used, left: d.used}
	if reverse {
		it.pos = len(d.entries)
	}
	return it
}

func (it *dictIter) Next(in *Interp) (Value, bool, *Exception) {
	d := it.d
	if d == nil {
		return Value{}, false, nil
	}
	if it.used != d.used {
		it.used = -1 // stays broken, as in CPython
		return Value{}, false, NewException(RuntimeErrorType, "dictionary changed size during iteration")
	}
	var e *dictEntry
	if it.reverse {
		for it.pos > 0 && e == nil {
			it.pos--
			if it.pos < len(d.entries) && d.entries[it.pos].key.kind != KindUnbound {
				e = &d.entries[it.pos]
			}
		}
	} else {
		for it.pos < len(d.entries) && e == nil {
			if d.entries[it.pos].key.kind != KindUnbound {
				e = &d.entries[it.pos]
			}
			it.pos++
		}
	}
	if e == nil {
		it.d = nil
		return Value{}, false, nil
	}
	if it.left == 0 {
		it.d = nil
		return Value{}, false, NewException(RuntimeErrorType, "dictionary keys changed during iteration")
	}
	it.left--
	switch it.what {
	case ViewKeys:
		return e.key, true, nil
	case ViewValues:
		return e.value, true, nil
	}
	return NewTuple([]Value{e.key, e.value}), true, nil
}

func (it *dictIter) Type() *Type {
	switch {
	case it.what == ViewKeys && it.reverse:
		return DictRevKeyIterType
	case it.what == ViewValues && it.reverse:
		return DictRevValIterType
	case it.reverse:
		return DictRevItemIterType
	case it.what == ViewKeys:
		return DictKeyIterType
	case it.what == ViewValues:
		return DictValueIterType
	}
	return DictItemIterType
}

// enumerate.

type enumerateIter struct {
	it  Value
	n   int64
	big *big.Int // the counter, once it has left the int64 range
}

// NewEnumerate is enumerate(iterable, start).
func NewEnumerate(in *Interp, iterable Value, start int64) (Value, *Exception) {
	it, err := GetIter(in, iterable)
	if err != nil {
		return Value{}, err
	}
	return IterValue(&enumerateIter{it: it, n: start}), nil
}

// NewEnumerateBig is enumerate(iterable, start) for a start beyond int64.
func NewEnumerateBig(in *Interp, iterable Value, start *big.Int) (Value, *Exception) {
	it, err := GetIter(in, iterable)
	if err != nil {
		return Value{}, err
	}
	return IterValue(&enumerateIter{it: it, big: new(big.Int).Set(start)}), nil
}

func (e *enumerateIter) Next(in *Interp) (Value, bool, *Exception) {
	v, ok, err := IterNext(in, e.it)
	if !ok || err != nil {
		return Value{}, false, err
	}
	var i Value
	switch {
	case e.big != nil:
		i = BigInt(new(big.Int).Set(e.big))
		e.big.Add(e.big, bigUnit)
	case e.n == math.MaxInt64:
		i = Int(e.n)
		e.big = new(big.Int).Add(big.NewInt(e.n), bigUnit)
	default:
		i = Int(e.n)
		e.n++
	}
	return NewTuple([]Value{i, v}), true, nil
}

func (e *enumerateIter) Type() *Type { return EnumerateType }

// zip.

type zipIter struct {
	its []Value
}

// NewZip is zip(*iterables): it stops at the shortest.
func NewZip(in *Interp, iterables []Value) (Value, *Exception) {
	its := make([]Value, len(iterables))
	for i, x := range iterables {
		it, err := GetIter(in, x)
		if err != nil {
			return Value{}, err
		}
		its[i] = it
	}
	return IterValue(&zipIter{its: its}), nil
}

func (z *zipIter) Next(in *Interp) (Value, bool, *Exception) {
	if len(z.its) == 0 {
		return Value{}, false, nil
	}
	items := make([]Value, len(z.its))
	for i, it := range z.its {
		v, ok, err := IterNext(in, it)
		if err != nil {
			return Value{}, false, err
		}
		if !ok {
			z.its = nil
			return Value{}, false, nil
		}
		items[i] = v
	}
	return NewTuple(items), true, nil
}

func (z *zipIter) Type() *Type { return ZipType }

// reversed.

// NewReversed is reversed(seq) for lists, ranges, tuples, strs, dicts and dict views;
// TypeError "'int' object is not reversible" otherwise.
func NewReversed(in *Interp, seq Value) (Value, *Exception) {
	switch seq.kind {
	case KindList:
		return IterValue(&listRevIter{l: listObj(seq), i: listObj(seq).Len() - 1}), nil
	case KindRange:
		r := rangeObj(seq)
		if r.Big != nil {
			start, _, step, n := r.parts()
			last := new(big.Int).Sub(n, bigUnit)
			last.Mul(last, step).Add(last, start)
			return IterValue(newBigRangeIter(last, new(big.Int).Neg(step), n)), nil
		}
		n := r.Len()
		last := r.Start + (n-1)*r.Step
		return IterValue(rangeIterFrom(last, -r.Step, n)), nil
	case KindTuple:
		items := tupleObj(seq).Items
		return IterValue(&reversedIter{n: len(items), at: func(i int) Value { return items[i] }}), nil
	case KindStr:
		s := strObj(seq)
		return IterValue(&reversedIter{n: s.Len(), at: s.At}), nil
	case KindDict:
		return IterValue(newDictIter(dictObj(seq), ViewKeys, true)), nil
	case KindDictView:
		view := seq.ref.(*DictView)
		return IterValue(newDictIter(view.Dict, view.What, true)), nil
	}
	return Value{}, Errorf(TypeErrorType, "'%s' object is not reversible", TypeName(seq))
}

// listRevIter walks a list backwards, as CPython's list_reverseiterator.
type listRevIter struct {
	l *List
	i int
}

func (it *listRevIter) Next(in *Interp) (Value, bool, *Exception) {
	if it.i >= 0 && it.i < it.l.Len() {
		v := it.l.Get(it.i)
		it.i--
		return v, true, nil
	}
	it.i = -1
	return Value{}, false, nil
}

func (it *listRevIter) Type() *Type { return ListReverseIterType }

// reversedIter walks an immutable sequence backwards.
type reversedIter struct {
	n  int // items left
	at func(int) Value
}

func (it *reversedIter) Next(in *Interp) (Value, bool, *Exception) {
	if it.n <= 0 {
		return Value{}, false, nil
	}
	it.n--
	return it.at(it.n), true, nil
}

func (it *reversedIter) Type() *Type { return ReversedType }

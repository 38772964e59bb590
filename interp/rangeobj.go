package interp

// Python's range: an immutable arithmetic progression.
//
// Almost every range has int64 bounds and a length that fits in an int64: it keeps Start,
// Stop and Step, and iterating, indexing and membership are plain int64 arithmetic (the eval
// loop iterates it inline). A range beyond that (range(2**64), range(2**63 - 2, 2**63 + 2),
// range(-2**63, 2**63 - 1) whose length overflows) keeps big ints in Big instead, and its
// operations use big arithmetic, as CPython's longrangeobject does.

import (
	"math"
	"math/big"
)

// BigRange holds the bounds of a range that do not fit the int64 fields of Range.
type BigRange struct {
	Start, Stop, Step, Len *big.Int
}

// NewRange returns range(start, stop, step). step must not be 0: callers taking a step from
// the program use RangeFromArgs, which raises CPython's ValueError for it.
func NewRange(start, stop, step int64) Value {
	if _, ok := rangeLen64(start, stop, step); !ok {
		return makeRange(big.NewInt(start), big.NewInt(stop), big.NewInt(step))
	}
	return Value{kind: KindRange, ref: &Range{Start: start, Stop: stop, Step: step}}
}

// makeRange returns range(start, stop, step) for big bounds (step != 0), using the int64
// representation when everything fits. The big.Ints are not modified.
func makeRange(start, stop, step *big.Int) Value {
	n := bigRangeLen(start, stop, step)
	if start.IsInt64() && stop.IsInt64() && step.IsInt64() && n.IsInt64() {
		return Value{kind: KindRange, ref: &Range{Start: start.Int64(), Stop: stop.Int64(), Step: step.Int64()}}
	}
	return Value{kind: KindRange, ref: &Range{Big: &BigRange{Start: start, Stop: stop, Step: step, Len: n}}}
}

// rangeLen64 returns the length of an int64 range, and false if it does not fit in an int64.
func rangeLen64(start, stop, step int64) (int64, bool) {
	var lo, hi, st uint64
	if step > 0 {
		if start >= stop {
			return 0, true
		}
		lo, hi, st = uint64(start), uint64(stop), uint64(step)
	} else {
		if start <= stop {
			return 0, true
		}
		lo, hi, st = uint64(stop), uint64(start), -uint64(step)
	}
	n := (hi-lo-1)/st + 1 // hi-lo is the exact distance, modulo 2**64
	return int64(n), n <= math.MaxInt64
}

// bigUnit is the big int 1.
var bigUnit = big.NewInt(1)

// bigRangeLen is CPython's compute_range_length.
func bigRangeLen(start, stop, step *big.Int) *big.Int {
	lo, hi, st := start, stop, step
	if step.Sign() < 0 {
		lo, hi, st = stop, start, new(big.Int).Neg(step)
	}
	if lo.Cmp(hi) >= 0 {
		return new(big.Int)
	}
	n := new(big.Int).Sub(hi, lo)
	n.Sub(n, bigUnit)
	n.Quo(n, st)
	return n.Add(n, bigUnit)
}

// rangeObj returns the *Range of a KindRange value.
func rangeObj(v Value) *Range { return v.ref.(*Range) }

// RangeFromArgs is the builtin range(stop) / range(start, stop[, step]), with CPython's errors.
func RangeFromArgs(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if kw.Len() > 0 {
		return Value{}, NewException(TypeErrorType, "range() takes no keyword arguments")
	}
	switch {
	case len(args) == 0:
		return Value{}, NewException(TypeErrorType, "range expected at least 1 argument, got 0")
	case len(args) > 3:
		return Value{}, Errorf(TypeErrorType, "range expected at most 3 arguments, got %d", len(args))
	}
	small := true
	for _, a := range args {
		switch a.kind {
		case KindInt, KindBool:
		case KindBigInt:
			small = false
		default:
			return Value{}, Errorf(TypeErrorType, "'%s' object cannot be interpreted as an integer", TypeName(a))
		}
	}
	if len(args) == 3 && args[2].kind != KindBigInt && args[2].n == 0 {
		return Value{}, NewException(ValueErrorType, "range() arg 3 must not be zero")
	}
	if small {
		switch len(args) {
		case 1:
			return NewRange(0, int64(args[0].n), 1), nil
		case 2:
			return NewRange(int64(args[0].n), int64(args[1].n), 1), nil
		}
		return NewRange(int64(args[0].n), int64(args[1].n), int64(args[2].n)), nil
	}
	switch len(args) {
	case 1:
		return makeRange(new(big.Int), toBig(args[0]), bigUnit), nil
	case 2:
		return makeRange(toBig(args[0]), toBig(args[1]), bigUnit), nil
	}
	return makeRange(toBig(args[0]), toBig(args[1]), toBig(args[2])), nil
}

// parts returns the range's start, stop, step and length as big ints (not to be modified).
func (r *Range) parts() (start, stop, step, length *big.Int) {
	if r.Big != nil {
		return r.Big.Start, r.Big.Stop, r.Big.Step, r.Big.Len
	}
	n, _ := rangeLen64(r.Start, r.Stop, r.Step)
	return big.NewInt(r.Start), big.NewInt(r.Stop), big.NewInt(r.Step), big.NewInt(n)
}

// Len returns the number of items, saturating at MaxInt64 for a range too long for len().
func (r *Range) Len() int64 {
	if r.Big != nil {
		if r.Big.Len.IsInt64() {
			return r.Big.Len.Int64()
		}
		return math.MaxInt64
	}
	n, _ := rangeLen64(r.Start, r.Stop, r.Step)
	return n
}

// LenErr is len(range): OverflowError when the length does not fit in an ssize_t.
func (r *Range) LenErr() (int64, *Exception) {
	if r.Big != nil && !r.Big.Len.IsInt64() {
		return 0, NewException(OverflowErrorType, "Python int too large to convert to C ssize_t")
	}
	return r.Len(), nil
}

// empty reports whether the range has no items.
func (r *Range) empty() bool {
	if r.Big != nil {
		return r.Big.Len.Sign() == 0
	}
	return r.Len() == 0
}

// At returns item i of an int64 range (Big == nil), 0 <= i < Len().
func (r *Range) At(i int64) int64 { return r.Start + i*r.Step }

// item returns item i (0 <= i < length) of any range.
func (r *Range) item(i *big.Int) Value {
	if r.Big == nil && i.IsInt64() {
		return Int(r.At(i.Int64()))
	}
	start, _, step, _ := r.parts()
	v := new(big.Int).Mul(i, step)
	return BigInt(v.Add(v, start))
}

// position returns the index of the int x in the range, or nil if x is not an item.
func (r *Range) position(x Value) *big.Int {
	if r.Big == nil && x.kind != KindBigInt {
		if i := r.indexOf(int64(x.n)); i >= 0 {
			return big.NewInt(i)
		}
		return nil
	}
	start, _, step, length := r.parts()
	d := new(big.Int).Sub(toBig(x), start)
	q, m := new(big.Int).QuoRem(d, step, new(big.Int))
	if m.Sign() != 0 || q.Sign() < 0 || q.Cmp(length) >= 0 {
		return nil
	}
	return q
}

// contains reports whether the int x is an item of an int64 range, without iterating.
func (r *Range) contains(x int64) bool {
	return r.indexOf(x) >= 0
}

// indexOf returns the position of the int x in an int64 range, or -1.
func (r *Range) indexOf(x int64) int64 {
	var d, s uint64 // x - start and |step|, exact in uint64 arithmetic
	if r.Step > 0 {
		if x < r.Start || x >= r.Stop {
			return -1
		}
		d, s = uint64(x)-uint64(r.Start), uint64(r.Step)
	} else {
		if x > r.Start || x <= r.Stop {
			return -1
		}
		d, s = uint64(r.Start)-uint64(x), -uint64(r.Step)
	}
	if d%s != 0 {
		return -1
	}
	return int64(d / s)
}

// containsValue is `x in range` for an int-like x (int, bool or big int).
func (r *Range) containsValue(x Value) bool {
	if r.Big == nil && x.kind != KindBigInt {
		return r.contains(int64(x.n))
	}
	return r.position(x) != nil
}

// getIndex is range[i] for an int-like i, negative indices counting from the end.
func (r *Range) getIndex(key Value) (Value, *Exception) {
	if r.Big == nil && key.kind != KindBigInt {
		i, n := int64(key.n), r.Len()
		if i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return Value{}, NewException(IndexErrorType, "range object index out of range")
		}
		return Int(r.At(i)), nil
	}
	_, _, _, length := r.parts()
	i := new(big.Int).Set(toBig(key))
	if i.Sign() < 0 {
		i.Add(i, length)
	}
	if i.Sign() < 0 || i.Cmp(length) >= 0 {
		return Value{}, NewException(IndexErrorType, "range object index out of range")
	}
	return r.item(i), nil
}

// slice is range[lo:hi:step]: another range, computed as CPython does (range(10)[2:9:2] is
// range(2, 9, 2), not range(2, 10, 2)).
func (r *Range) slice(s *Slice) (Value, *Exception) {
	start, _, step, length := r.parts()
	lo, hi, st, err := bigSliceIndices(s, length)
	if err != nil {
		return Value{}, err
	}
	at := func(i *big.Int) *big.Int {
		v := new(big.Int).Mul(i, step)
		return v.Add(v, start)
	}
	return makeRange(at(lo), at(hi), new(big.Int).Mul(step, st)), nil
}

// bigSliceIndices is CPython's _PySlice_GetLongIndices: the slice's start, stop and step for a
// sequence of the given length, in big ints.
func bigSliceIndices(s *Slice, length *big.Int) (start, stop, step *big.Int, err *Exception) {
	get := func(v Value) (*big.Int, *Exception) {
		switch v.kind {
		case KindNone:
			return nil, nil
		case KindInt, KindBool, KindBigInt:
			return toBig(v), nil
		}
		return nil, NewException(TypeErrorType, "slice indices must be integers or None or have an __index__ method")
	}
	if step, err = get(s.Step); err != nil {
		return
	}
	if step == nil {
		step = bigUnit
	}
	if step.Sign() == 0 {
		return nil, nil, nil, NewException(ValueErrorType, "slice step cannot be zero")
	}
	neg := step.Sign() < 0
	lower, upper := new(big.Int), length
	if neg {
		lower, upper = big.NewInt(-1), new(big.Int).Sub(length, bigUnit)
	}
	adjust := func(v Value, absent *big.Int) (*big.Int, *Exception) {
		x, err := get(v)
		if err != nil || x == nil {
			return absent, err
		}
		x = new(big.Int).Set(x)
		if x.Sign() < 0 {
			x.Add(x, length)
			if x.Cmp(lower) < 0 {
				x = lower
			}
		} else if x.Cmp(upper) > 0 {
			x = upper
		}
		return x, nil
	}
	if neg {
		if start, err = adjust(s.Lo, upper); err != nil {
			return
		}
		stop, err = adjust(s.Hi, lower)
	} else {
		if start, err = adjust(s.Lo, lower); err != nil {
			return
		}
		stop, err = adjust(s.Hi, upper)
	}
	return start, stop, step, err
}

// rangeEqual is range == range: equal when they are the same sequence.
func rangeEqual(a, b *Range) bool {
	if a.Big == nil && b.Big == nil {
		n := a.Len()
		if n != b.Len() {
			return false
		}
		return n == 0 || (a.Start == b.Start && (n == 1 || a.Step == b.Step))
	}
	as, _, ast, an := a.parts()
	bs, _, bst, bn := b.parts()
	if an.Cmp(bn) != 0 {
		return false
	}
	return an.Sign() == 0 || (as.Cmp(bs) == 0 && (an.Cmp(bigUnit) == 0 || ast.Cmp(bst) == 0))
}

// rangeHash is hash(range): the hash of (len, start, step), with start and step None when
// they do not matter (as in CPython, so equal ranges hash alike).
func rangeHash(r *Range) (int64, *Exception) {
	start, _, step, n := r.parts()
	items := []Value{BigInt(new(big.Int).Set(n)), None, None}
	if n.Sign() > 0 {
		items[1] = BigInt(new(big.Int).Set(start))
		if n.Cmp(bigUnit) > 0 {
			items[2] = BigInt(new(big.Int).Set(step))
		}
	}
	return hashTuple(items)
}

// rangeRepr returns repr(range): range(0, 5) or range(0, 5, 2).
func rangeRepr(r *Range) string {
	start, stop, step, _ := r.parts()
	if step.Cmp(bigUnit) == 0 {
		return "range(" + start.String() + ", " + stop.String() + ")"
	}
	return "range(" + start.String() + ", " + stop.String() + ", " + step.String() + ")"
}

// isIntLike reports whether v is an int, bool or big int.
func isIntLike(v Value) bool {
	return v.kind == KindInt || v.kind == KindBool || v.kind == KindBigInt
}

// The range methods.

func rangeCount(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methOneArg("range.count", args, kw); err != nil {
		return Value{}, err
	}
	r, x := rangeObj(args[0]), args[1]
	if isIntLike(x) {
		if r.containsValue(x) {
			return Int(1), nil
		}
		return Int(0), nil
	}
	count := int64(0)
	it, _ := GetIter(in, args[0])
	for {
		v, ok, _ := IterNext(in, it)
		if !ok {
			return Int(count), nil
		}
		eq, err := Equal(in, v, x)
		if err != nil {
			return Value{}, err
		}
		if eq {
			count++
		}
	}
}

func rangeIndex(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methOneArg("range.index", args, kw); err != nil {
		return Value{}, err
	}
	r, x := rangeObj(args[0]), args[1]
	if !isIntLike(x) {
		// CPython searches by iteration, with the generic sequence message.
		it, _ := GetIter(in, args[0])
		for i := int64(0); ; i++ {
			v, ok, _ := IterNext(in, it)
			if !ok {
				return Value{}, NewException(ValueErrorType, "sequence.index(x): x not in sequence")
			}
			eq, err := Equal(in, v, x)
			if err != nil {
				return Value{}, err
			}
			if eq {
				return Int(i), nil
			}
		}
	}
	if i := r.position(x); i != nil {
		return BigInt(i), nil
	}
	s, err := ReprErr(in, x)
	if err != nil {
		return Value{}, err
	}
	return Value{}, NewException(ValueErrorType, s+" is not in range")
}

package interp

// Python's range: an immutable arithmetic progression, here with int64 bounds.

// NewRange returns range(start, stop, step). step must not be 0: callers taking a step from
// the program use RangeFromArgs, which raises CPython's ValueError for it.
func NewRange(start, stop, step int64) Value {
	return Value{kind: KindRange, ref: &Range{Start: start, Stop: stop, Step: step}}
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
	var ns [3]int64
	for i, a := range args {
		switch a.kind {
		case KindInt, KindBool:
			ns[i] = int64(a.n)
		case KindBigInt:
			return Value{}, NewException(OverflowErrorType, "Python int too large to convert to C ssize_t")
		default:
			return Value{}, Errorf(TypeErrorType, "'%s' object cannot be interpreted as an integer", TypeName(a))
		}
	}
	switch len(args) {
	case 1:
		return NewRange(0, ns[0], 1), nil
	case 2:
		return NewRange(ns[0], ns[1], 1), nil
	}
	if ns[2] == 0 {
		return Value{}, NewException(ValueErrorType, "range() arg 3 must not be zero")
	}
	return NewRange(ns[0], ns[1], ns[2]), nil
}

// Len returns the number of items of the range (saturating at MaxInt64).
func (r *Range) Len() int64 {
	var lo, hi, step uint64
	if r.Step > 0 {
		if r.Start >= r.Stop {
			return 0
		}
		lo, hi, step = uint64(r.Start), uint64(r.Stop), uint64(r.Step)
	} else {
		if r.Start <= r.Stop {
			return 0
		}
		lo, hi, step = uint64(r.Stop), uint64(r.Start), -uint64(r.Step)
	}
	n := (hi-lo-1)/step + 1 // hi-lo is the exact distance, modulo 2**64
	if n > maxSsize {
		return maxSsize
	}
	return int64(n)
}

// At returns item i of the range, 0 <= i < Len().
func (r *Range) At(i int64) int64 { return r.Start + i*r.Step }

// contains reports whether the int x is an item of the range, without iterating.
func (r *Range) contains(x int64) bool {
	if r.Step > 0 {
		if x < r.Start || x >= r.Stop {
			return false
		}
	} else if x > r.Start || x <= r.Stop {
		return false
	}
	// (x - start) is exact in uint64 arithmetic; so is its remainder by |step|.
	d := uint64(x) - uint64(r.Start)
	s := uint64(r.Step)
	if r.Step < 0 {
		d, s = uint64(r.Start)-uint64(x), -uint64(r.Step)
	}
	return d%s == 0
}

// indexOf returns the position of the int x in the range, or -1.
func (r *Range) indexOf(x int64) int64 {
	if !r.contains(x) {
		return -1
	}
	if r.Step > 0 {
		return int64((uint64(x) - uint64(r.Start)) / uint64(r.Step))
	}
	return int64((uint64(r.Start) - uint64(x)) / -uint64(r.Step))
}

// sliceRange is range[lo:hi:step] for adjusted slice indices: another range, computed
// as CPython does (range(10)[2:9:2] is range(2, 9, 2)).
func (r *Range) sliceRange(lo, hi, step int64) Value {
	return NewRange(r.At(lo), r.At(hi), r.Step*step)
}

// rangeEqual is range == range: equal when they are the same sequence.
func rangeEqual(a, b *Range) bool {
	n := a.Len()
	if n != b.Len() {
		return false
	}
	if n == 0 {
		return true
	}
	if a.Start != b.Start {
		return false
	}
	return n == 1 || a.Step == b.Step
}

// The range methods.

func rangeCount(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methOneArg("range.count", args, kw); err != nil {
		return Value{}, err
	}
	r, x := rangeObj(args[0]), args[1]
	if x.kind == KindInt || x.kind == KindBool {
		if r.contains(int64(x.n)) {
			return Int(1), nil
		}
		return Int(0), nil
	}
	count := int64(0)
	for i := int64(0); i < r.Len(); i++ {
		eq, err := Equal(in, Int(r.At(i)), x)
		if err != nil {
			return Value{}, err
		}
		if eq {
			count++
		}
	}
	return Int(count), nil
}

func rangeIndex(in *Interp, args []Value, kw *Kwargs) (Value, *Exception) {
	if err := methOneArg("range.index", args, kw); err != nil {
		return Value{}, err
	}
	r, x := rangeObj(args[0]), args[1]
	if x.kind != KindInt && x.kind != KindBool {
		// CPython searches by iteration, with the generic sequence message.
		for i := int64(0); i < r.Len(); i++ {
			eq, err := Equal(in, Int(r.At(i)), x)
			if err != nil {
				return Value{}, err
			}
			if eq {
				return Int(i), nil
			}
		}
		return Value{}, NewException(ValueErrorType, "sequence.index(x): x not in sequence")
	}
	if i := r.indexOf(int64(x.n)); i >= 0 {
		return Int(i), nil
	}
	s, err := ReprErr(in, x)
	if err != nil {
		return Value{}, err
	}
	return Value{}, NewException(ValueErrorType, s+" is not in range")
}

package interp

// Subscription: obj[key] and obj[key] = v for lists, tuples, strs, ranges and dicts, with
// integer indices (negative ones count from the end) and slices, and CPython's errors.

import (
	"math"
	"strings"
)

// NewSlice returns the slice lo:hi:step (absent parts are None).
func NewSlice(lo, hi, step Value) Value {
	return Value{kind: KindSlice, ref: &Slice{Lo: lo, Hi: hi, Step: step}}
}

// SliceIndices computes which items of a sequence of length n the slice s selects, as
// CPython's PySlice_Unpack and PySlice_AdjustIndices do: the first index, the step and the
// number of items.
func SliceIndices(s *Slice, n int) (start, step, count int, err *Exception) {
	lo, _, st, c, err := sliceAdjust(s, int64(n))
	return int(lo), int(st), int(c), err
}

// sliceAdjust is SliceIndices also returning the adjusted stop index.
func sliceAdjust(s *Slice, length int64) (lo, hi, st, c int64, err *Exception) {
	st, ok, err := sliceIndexArg(s.Step)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if !ok {
		st = 1
	}
	if st == 0 {
		return 0, 0, 0, 0, NewException(ValueErrorType, "slice step cannot be zero")
	}
	if st < -math.MaxInt64 {
		st = -math.MaxInt64
	}
	lo, ok, err = sliceIndexArg(s.Lo)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if !ok {
		lo = 0
		if st < 0 {
			lo = math.MaxInt64
		}
	}
	hi, ok, err = sliceIndexArg(s.Hi)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if !ok {
		hi = math.MaxInt64
		if st < 0 {
			hi = math.MinInt64
		}
	}
	adjust := func(i int64) int64 {
		if i < 0 {
			i += length
			if i < 0 {
				if st < 0 {
					return -1
				}
				return 0
			}
		} else if i >= length {
			if st < 0 {
				return length - 1
			}
			return length
		}
		return i
	}
	lo, hi = adjust(lo), adjust(hi)
	if st < 0 {
		if hi < lo {
			c = (lo-hi-1)/(-st) + 1
		}
	} else if lo < hi {
		c = (hi-lo-1)/st + 1
	}
	return lo, hi, st, c, nil
}

// seqIndex turns an index value into a position in a sequence of length n (negative
// indices count from the end); ok is false when it is out of range. kindName names the
// sequence in the TypeError for a non-integer index.
func seqIndex(key Value, n int, what string) (i int, ok bool, err *Exception) {
	var x int64
	switch key.kind {
	case KindInt, KindBool:
		x = int64(key.n)
	case KindBigInt:
		return 0, false, NewException(IndexErrorType, "cannot fit 'int' into an index-sized integer")
	default:
		if what == "string" {
			return 0, false, Errorf(TypeErrorType, "string indices must be integers, not '%s'", TypeName(key))
		}
		return 0, false, Errorf(TypeErrorType, "%s indices must be integers or slices, not %s", what, TypeName(key))
	}
	if x < 0 {
		x += int64(n)
	}
	if x < 0 || x >= int64(n) {
		return 0, false, nil
	}
	return int(x), true, nil
}

// GetItem is obj[key].
func GetItem(in *Interp, obj, key Value) (Value, *Exception) {
	switch obj.kind {
	case KindList:
		l := listObj(obj)
		if key.kind == KindInt { // the hot path
			i := int64(key.n)
			n := int64(l.Len())
			if i < 0 {
				i += n
			}
			if uint64(i) < uint64(n) {
				return l.Get(int(i)), nil
			}
			return Value{}, NewException(IndexErrorType, "list index out of range")
		}
		if key.kind == KindSlice {
			start, step, count, err := SliceIndices(key.ref.(*Slice), l.Len())
			if err != nil {
				return Value{}, err
			}
			return ListValue(l.slice(start, step, count)), nil
		}
		i, ok, err := seqIndex(key, l.Len(), "list")
		if err != nil {
			return Value{}, err
		}
		if !ok {
			return Value{}, NewException(IndexErrorType, "list index out of range")
		}
		return l.Get(i), nil
	case KindTuple:
		t := tupleObj(obj)
		if key.kind == KindSlice {
			start, step, count, err := SliceIndices(key.ref.(*Slice), len(t.Items))
			if err != nil {
				return Value{}, err
			}
			return t.slice(obj, start, step, count), nil
		}
		i, ok, err := seqIndex(key, len(t.Items), "tuple")
		if err != nil {
			return Value{}, err
		}
		if !ok {
			return Value{}, NewException(IndexErrorType, "tuple index out of range")
		}
		return t.Items[i], nil
	case KindStr:
		s := strObj(obj)
		if key.kind == KindSlice {
			start, step, count, err := SliceIndices(key.ref.(*Slice), s.Len())
			if err != nil {
				return Value{}, err
			}
			return strSlice(obj, start, step, count), nil
		}
		i, ok, err := seqIndex(key, s.Len(), "string")
		if err != nil {
			return Value{}, err
		}
		if !ok {
			return Value{}, NewException(IndexErrorType, "string index out of range")
		}
		return s.At(i), nil
	case KindRange:
		r := rangeObj(obj)
		switch {
		case isIntLike(key):
			return r.getIndex(key)
		case key.kind == KindSlice:
			return r.slice(key.ref.(*Slice))
		}
		return Value{}, Errorf(TypeErrorType, "range indices must be integers or slices, not %s", TypeName(key))
	case KindDict:
		v, ok, err := dictObj(obj).Get(key)
		if err != nil {
			return Value{}, err
		}
		if !ok {
			return Value{}, keyError(key)
		}
		return v, nil
	case KindType:
		return Value{}, Errorf(TypeErrorType, "type '%s' is not subscriptable", obj.ref.(*Type).Name)
	}
	return Value{}, Errorf(TypeErrorType, "'%s' object is not subscriptable", TypeName(obj))
}

// strSlice returns the code points start, start+step, ... (count of them) of a str.
func strSlice(obj Value, start, step, count int) Value {
	s := strObj(obj)
	if count <= 0 {
		return emptyStr
	}
	if step == 1 {
		if start == 0 && count == s.Len() {
			return obj
		}
		if s.isASCII() {
			return newStrASCII(s.S[start : start+count])
		}
		return NewStr(s.Substr(start, start+count))
	}
	var b strings.Builder
	if s.isASCII() {
		b.Grow(count)
		for i := 0; i < count; i++ {
			b.WriteByte(s.S[start+i*step])
		}
		return newStrASCII(b.String())
	}
	rs := s.runeSlice()
	for i := 0; i < count; i++ {
		b.WriteRune(rs[start+i*step])
	}
	return NewStr(b.String())
}

// SetItem is obj[key] = v.
func SetItem(in *Interp, obj, key, v Value) *Exception {
	switch obj.kind {
	case KindList:
		l := listObj(obj)
		if key.kind == KindInt { // the hot path
			i := int64(key.n)
			n := int64(l.Len())
			if i < 0 {
				i += n
			}
			if uint64(i) < uint64(n) {
				l.Set(int(i), v)
				return nil
			}
			return NewException(IndexErrorType, "list assignment index out of range")
		}
		if key.kind == KindSlice {
			return setListSlice(in, l, key.ref.(*Slice), v)
		}
		i, ok, err := seqIndex(key, l.Len(), "list")
		if err != nil {
			return err
		}
		if !ok {
			return NewException(IndexErrorType, "list assignment index out of range")
		}
		l.Set(i, v)
		return nil
	case KindDict:
		return dictObj(obj).Set(key, v)
	}
	return Errorf(TypeErrorType, "'%s' object does not support item assignment", TypeName(obj))
}

// setListSlice is xs[lo:hi:step] = v.
func setListSlice(in *Interp, l *List, s *Slice, v Value) *Exception {
	start, step, count, err := SliceIndices(s, l.Len())
	if err != nil {
		return err
	}
	extended := true
	if st, ok, _ := sliceIndexArg(s.Step); !ok || st == 1 {
		extended = false
	}
	if !isIterable(v) {
		if extended {
			return NewException(TypeErrorType, "must assign iterable to extended slice")
		}
		return NewException(TypeErrorType, "can only assign an iterable")
	}
	items, err := Collect(in, v) // a copy, so xs[a:b] = xs works
	if err != nil {
		return err
	}
	if !extended {
		l.replaceRange(start, start+count, items)
		return nil
	}
	if len(items) != count {
		return Errorf(ValueErrorType, "attempt to assign sequence of size %d to extended slice of size %d", len(items), count)
	}
	for i, x := range items {
		l.Set(start+i*step, x)
	}
	return nil
}

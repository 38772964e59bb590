package interp

import (
	"math"
	"math/big"

	"github.com/metajit/metajit/interp/compile"
)

// Kind says what a Value holds. The zero Kind, KindUnbound, marks an unbound local slot: it is
// never seen by a program, and it makes a zeroed frame a frame of unbound locals.
type Kind uint8

// The kinds of value. Small ints, floats, bools and None are unboxed in the Value itself:
// operating on them never allocates, which is what lets a loop over ints run allocation-free
// and what the JIT's traces later rely on.
const (
	KindUnbound Kind = iota
	KindNone
	KindBool  // n is 0 or 1
	KindInt   // n is the int64 value
	KindFloat // n is the IEEE-754 bits (math.Float64bits)
	KindBigInt
	KindStr
	KindList
	KindTuple
	KindDict
	KindRange
	KindIter // any iterator: list, range, tuple, str, dict, enumerate, zip, reversed...
	KindFunc
	KindBuiltin
	KindMethod // a bound method: a builtin method with its receiver
	KindType   // int, float, str, ..., and exception classes
	KindExc    // an exception instance
	KindModule
	KindSlice
	KindCode     // a *compile.Code constant, the argument of MAKE_FUNCTION
	KindDictView // d.keys(), d.values(), d.items(): a *DictView
)

// Value is one Python value. Scalars live in n; heap objects live in ref, whose dynamic Go type
// is fixed by the kind (KindBigInt: *big.Int, never a value that fits in int64; KindStr: *Str;
// KindList: *List; KindTuple: *Tuple; KindDict: *Dict; KindRange: *Range; KindIter: Iterator;
// KindFunc: *Function; KindBuiltin: *Builtin; KindMethod: *Method; KindType: *Type;
// KindExc: *Exception; KindModule: *Module; KindSlice: *Slice; KindCode: *compile.Code; KindDictView: *DictView).
type Value struct {
	kind Kind
	n    uint64
	ref  any
}

// Constructors.

// None is Python's None.
var None = Value{kind: KindNone}

// True and False are Python's booleans.
var (
	True  = Value{kind: KindBool, n: 1}
	False = Value{kind: KindBool, n: 0}
)

// Int returns a small int.
func Int(i int64) Value { return Value{kind: KindInt, n: uint64(i)} }

// Float returns a float.
func Float(f float64) Value { return Value{kind: KindFloat, n: math.Float64bits(f)} }

// Bool returns True or False.
func Bool(b bool) Value {
	if b {
		return True
	}
	return False
}

// BigInt returns an int from a big.Int, unboxed when it fits in int64. The big.Int is not copied.
func BigInt(b *big.Int) Value {
	if b.IsInt64() {
		return Int(b.Int64())
	}
	return Value{kind: KindBigInt, ref: b}
}

// Accessors. Each is only meaningful for its kind.

// Kind returns the value's kind.
func (v Value) Kind() Kind { return v.kind }

// Int returns a KindInt or KindBool value's integer.
func (v Value) Int() int64 { return int64(v.n) }

// Float returns a KindFloat value's float.
func (v Value) Float() float64 { return math.Float64frombits(v.n) }

// Big returns a KindBigInt value's big.Int (which must not be modified).
func (v Value) Big() *big.Int { return v.ref.(*big.Int) }

// Bits returns the raw scalar payload (an int64, or float bits): what the JIT reads.
func (v Value) Bits() uint64 { return v.n }

// Ref returns the heap object of a boxed value.
func (v Value) Ref() any { return v.ref }

// IsNone reports whether v is None.
func (v Value) IsNone() bool { return v.kind == KindNone }

// isIntLike reports whether v is an int or a bool stored unboxed (bool is a subclass of int).
func (v Value) isIntLike() bool { return v.kind == KindInt || v.kind == KindBool }

// Objects.

// Str is an immutable Python str, kept as UTF-8. Python indexes strings by code point, so a
// string that is not pure ASCII also keeps its runes, made on first use.
type Str struct {
	S     string
	ascii int8 // 0 unknown, 1 ASCII, -1 not ASCII
	runes []rune
	buf   *strBuf // growable storage that S is a prefix of, so s + t can append in place (str.go)
}

// Tuple is an immutable sequence.
type Tuple struct {
	Items []Value
}

// ListStrategy says how a List stores its items, as PyPy's list strategies: a list whose items
// are all ints (not bools) keeps an unboxed []int64, all floats an unboxed []float64; anything
// else switches it, once and for all until it is emptied, to generic []Value storage.
type ListStrategy uint8

// The list storage strategies.
const (
	ListEmpty ListStrategy = iota
	ListInts
	ListFloats
	ListObjects
)

// List is a mutable Python list with a storage strategy. Exactly one of ints, floats and objs
// is in use, chosen by Strategy.
type List struct {
	Strategy ListStrategy
	Ints     []int64
	Floats   []float64
	Objs     []Value
}

// Range is range(start, stop, step) with int64 bounds.
type Range struct {
	Start, Stop, Step int64
	// Big is non-nil for a range whose bounds or length do not fit in an int64; the int64
	// fields are then unused (see rangeobj.go).
	Big *BigRange
}

// Slice is the value of a[lo:hi:step]; absent parts are None.
type Slice struct {
	Lo, Hi, Step Value
}

// Function is a user function: its code and its default values.
type Function struct {
	Code     *compile.Code
	Defaults []Value
	Name     string
	// JIT bookkeeping attached to the code lives in the interpreter's per-code info.
	info *codeInfo
}

// Module is an imported module (only sys).
type Module struct {
	Name  string
	Attrs map[string]Value
}

// ListIter iterates a list by index, seeing appends made during the loop (as CPython does).
// The eval loop's FOR_ITER handles it inline.
type ListIter struct {
	List  *List
	Index int
}

// RangeIter iterates a range; the eval loop's FOR_ITER handles it inline.
type RangeIter struct {
	Cur, Stop, Step int64 // Cur is the next item (the methods Next and Type make it an Iterator)
}

// DictView is d.keys(), d.values() or d.items(): a live view of the dict.
type DictView struct {
	Dict *Dict
	What DictViewKind
}

// DictViewKind says which view a DictView is.
type DictViewKind uint8

// The dict views.
const (
	ViewKeys DictViewKind = iota
	ViewValues
	ViewItems
)

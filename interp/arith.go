package interp

// Arithmetic: Python's binary and unary operators on numbers and sequences, written once for
// every caller. The eval loop inlines a few of the fast paths below and calls these functions
// for everything else; the JIT's recorder mirrors the same fast paths as guarded trace operations.
//
// Every operator has the same shape:
//
//  1. a fast path for two small ints (bool counts as int) or two floats: plain machine
//     arithmetic with an overflow check, no allocation;
//  2. the general numeric path (numeric): if either operand is a float, both become floats
//     (a huge int raises OverflowError "int too large to convert to float"); otherwise both are
//     ints and the operator runs on big.Ints, the result going back to a small int when it fits;
//  3. the sequence cases of + and * (str, list, tuple concatenation and repetition);
//  4. TypeError "unsupported operand type(s) for +: 'int' and 'str'".
//
// The exact CPython algorithms for floats (floor division, modulo, correctly rounded powers and
// int/int division) live in package pynum; this file decides which of them applies.

import (
	"math"
	"math/big"

	"github.com/metajit/metajit/interp/compile"
	"github.com/metajit/metajit/interp/pynum"
)

// maxIntBits bounds the size of an int that a shift or a power may create: 2**32 bits, half a
// gigabyte. CPython would try to allocate a bigger int and fail with MemoryError (or compute
// for hours); metajit raises MemoryError up front rather than let the Go runtime die.
const maxIntBits = 1 << 32

// maxExactInt is 2**53: every int of at most this magnitude converts to a float exactly.
const maxExactInt = 1 << 53

// BinaryOp applies the binary operator of a BINARY_* or INPLACE_* opcode to a and b.
func BinaryOp(in *Interp, op compile.Opcode, a, b Value) (Value, *Exception) {
	switch op {
	case compile.BINARY_ADD:
		return Add(in, a, b)
	case compile.BINARY_SUB:
		return Sub(in, a, b)
	case compile.BINARY_MUL:
		return Mul(in, a, b)
	case compile.BINARY_TRUEDIV:
		return TrueDiv(in, a, b)
	case compile.BINARY_FLOORDIV:
		return FloorDiv(in, a, b)
	case compile.BINARY_MOD:
		return Mod(in, a, b)
	case compile.BINARY_POW:
		return Pow(in, a, b)
	case compile.BINARY_LSHIFT:
		return LShift(in, a, b)
	case compile.BINARY_RSHIFT:
		return RShift(in, a, b)
	case compile.BINARY_AND:
		return And(in, a, b)
	case compile.BINARY_OR:
		return Or(in, a, b)
	case compile.BINARY_XOR:
		return Xor(in, a, b)
	case compile.INPLACE_ADD:
		return InplaceAdd(in, a, b)
	case compile.INPLACE_MUL:
		return InplaceMul(in, a, b)
	}
	return Value{}, Errorf(RuntimeErrorType, "BinaryOp: %s is not a binary operator", op)
}

// Add returns a + b: numbers, and concatenation of two strs, lists or tuples.
func Add(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		if s, ok := addInt64(a.Int(), b.Int()); ok {
			return Int(s), nil
		}
	} else if a.kind == KindFloat && b.kind == KindFloat {
		return Float(a.Float() + b.Float()), nil
	}
	if r, err, ok := numeric(&addOp, a, b); ok {
		return r, err
	}
	if isSequence(a) {
		// Also when b is of another type: the error is the left operand's
		// ('can only concatenate str (not "int") to str').
		return ConcatSeq(in, a, b)
	}
	return Value{}, unsupported("+", a, b)
}

// Sub returns a - b.
func Sub(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		if d, ok := subInt64(a.Int(), b.Int()); ok {
			return Int(d), nil
		}
	} else if a.kind == KindFloat && b.kind == KindFloat {
		return Float(a.Float() - b.Float()), nil
	}
	if r, err, ok := numeric(&subOp, a, b); ok {
		return r, err
	}
	return Value{}, unsupported("-", a, b)
}

// Mul returns a * b: numbers, and repetition of a str, list or tuple by an int on either side.
func Mul(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		if p, ok := mulInt64(a.Int(), b.Int()); ok {
			return Int(p), nil
		}
	} else if a.kind == KindFloat && b.kind == KindFloat {
		return Float(a.Float() * b.Float()), nil
	}
	if r, err, ok := numeric(&mulOp, a, b); ok {
		return r, err
	}
	// CPython tries the left operand's repetition first, then the right's.
	if isSequence(a) {
		return repeat(in, a, b)
	}
	if isSequence(b) {
		return repeat(in, b, a)
	}
	return Value{}, unsupported("*", a, b)
}

// TrueDiv returns a / b, always a float; int / int is correctly rounded however big the ints.
func TrueDiv(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		x, y := a.Int(), b.Int()
		if y != 0 && exactAsFloat(x) && exactAsFloat(y) {
			// Both convert exactly, so the one rounding of the division is the correct one.
			return Float(float64(x) / float64(y)), nil
		}
	} else if a.kind == KindFloat && b.kind == KindFloat {
		if y := b.Float(); y != 0 {
			return Float(a.Float() / y), nil
		}
	}
	if r, err, ok := numeric(&trueDivOp, a, b); ok {
		return r, err
	}
	return Value{}, unsupported("/", a, b)
}

// FloorDiv returns a // b, rounded toward negative infinity for ints and floats alike.
func FloorDiv(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		q, ok, err := pynum.IntFloorDiv(a.Int(), b.Int())
		if err != nil {
			return Value{}, numError(err)
		}
		if ok {
			return Int(q), nil
		}
	} else if a.kind == KindFloat && b.kind == KindFloat {
		q, err := pynum.FloorDiv(a.Float(), b.Float())
		if err != nil {
			return Value{}, numError(err)
		}
		return Float(q), nil
	}
	if r, err, ok := numeric(&floorDivOp, a, b); ok {
		return r, err
	}
	return Value{}, unsupported("//", a, b)
}

// Mod returns a % b, which takes the sign of b for ints and floats alike.
func Mod(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		r, _, err := pynum.IntMod(a.Int(), b.Int()) // never overflows
		if err != nil {
			return Value{}, numError(err)
		}
		return Int(r), nil
	} else if a.kind == KindFloat && b.kind == KindFloat {
		r, err := pynum.Mod(a.Float(), b.Float())
		if err != nil {
			return Value{}, numError(err)
		}
		return Float(r), nil
	}
	if r, err, ok := numeric(&modOp, a, b); ok {
		return r, err
	}
	if a.kind == KindStr {
		return Value{}, NewException(NotImplementedErrorType,
			"printf-style formatting (str % args) is not supported by metajit; build the string with str() and +")
	}
	return Value{}, unsupported("%", a, b)
}

// Pow returns a ** b. An int to a non-negative int power is an exact int; an int to a negative
// int power, and any power involving a float, is a float computed by pynum.Pow (correctly
// rounded, with CPython's special cases and errors).
func Pow(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		x, y := a.Int(), b.Int()
		if y < 0 {
			// A negative power is a float power (int64 -> float64 rounds as CPython does).
			return floatPow(float64(x), float64(y))
		}
		if p, ok := powInt64(x, y); ok {
			return Int(p), nil
		}
	} else if a.kind == KindFloat && b.kind == KindFloat {
		return floatPow(a.Float(), b.Float())
	}
	if r, err, ok := numeric(&powOp, a, b); ok {
		return r, err
	}
	return Value{}, unsupported("** or pow()", a, b)
}

// LShift returns a << b for ints. A negative count raises ValueError "negative shift count".
func LShift(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		x, n := a.Int(), b.Int()
		if n >= 0 && n < 63 {
			if r := x << n; r>>n == x { // nothing shifted out, the sign included
				return Int(r), nil
			}
		}
	}
	if r, err, ok := numeric(&lshiftOp, a, b); ok {
		return r, err
	}
	return Value{}, unsupported("<<", a, b)
}

// RShift returns a >> b for ints, rounding toward negative infinity (-1 >> 5 == -1).
func RShift(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		if n := b.Int(); n >= 0 {
			// Go's >> on a signed int is arithmetic, and counts of 64 and more give 0 or -1.
			return Int(a.Int() >> uint64(n)), nil
		}
	}
	if r, err, ok := numeric(&rshiftOp, a, b); ok {
		return r, err
	}
	return Value{}, unsupported(">>", a, b)
}

// And returns a & b for ints (two's complement, as if ints had infinitely many sign bits); two
// bools give a bool.
func And(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		return bitwiseResult(a, b, a.Int()&b.Int()), nil
	}
	if r, err, ok := numeric(&andOp, a, b); ok {
		return r, err
	}
	return Value{}, unsupported("&", a, b)
}

// Or returns a | b for ints; two bools give a bool.
func Or(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		return bitwiseResult(a, b, a.Int()|b.Int()), nil
	}
	if r, err, ok := numeric(&orOp, a, b); ok {
		return r, err
	}
	return Value{}, unsupported("|", a, b)
}

// Xor returns a ^ b for ints; two bools give a bool.
func Xor(in *Interp, a, b Value) (Value, *Exception) {
	if a.isIntLike() && b.isIntLike() {
		return bitwiseResult(a, b, a.Int()^b.Int()), nil
	}
	if r, err, ok := numeric(&xorOp, a, b); ok {
		return r, err
	}
	return Value{}, unsupported("^", a, b)
}

// InplaceAdd returns a += b: a list is extended in place by any iterable (and returned);
// everything else behaves like Add.
func InplaceAdd(in *Interp, a, b Value) (Value, *Exception) {
	if a.kind == KindList {
		if err := ExtendList(in, a.ref.(*List), b); err != nil {
			return Value{}, err
		}
		return a, nil
	}
	return Add(in, a, b)
}

// InplaceMul returns a *= b: a list is repeated in place (and returned); everything else
// behaves like Mul.
func InplaceMul(in *Interp, a, b Value) (Value, *Exception) {
	if a.kind != KindList {
		return Mul(in, a, b)
	}
	r, err := repeat(in, a, b)
	if err != nil {
		return Value{}, err
	}
	// repeat made a new list; move its storage into a, which keeps its identity.
	l, res := a.ref.(*List), r.ref.(*List)
	l.Strategy, l.Ints, l.Floats, l.Objs = res.Strategy, res.Ints, res.Floats, res.Objs
	return a, nil
}

// Neg returns -a.
func Neg(in *Interp, a Value) (Value, *Exception) {
	switch a.kind {
	case KindInt, KindBool:
		if x := a.Int(); x != math.MinInt64 {
			return Int(-x), nil
		}
		return BigInt(new(big.Int).Neg(big.NewInt(math.MinInt64))), nil
	case KindFloat:
		return Float(-a.Float()), nil
	case KindBigInt:
		return BigInt(new(big.Int).Neg(a.Big())), nil // -(2**63) becomes small again
	}
	return Value{}, Errorf(TypeErrorType, "bad operand type for unary -: '%s'", TypeName(a))
}

// Pos returns +a (an int for a bool).
func Pos(in *Interp, a Value) (Value, *Exception) {
	switch a.kind {
	case KindInt, KindBool:
		return Int(a.Int()), nil
	case KindFloat, KindBigInt:
		return a, nil
	}
	return Value{}, Errorf(TypeErrorType, "bad operand type for unary +: '%s'", TypeName(a))
}

// Invert returns ~a = -a-1 for ints.
func Invert(in *Interp, a Value) (Value, *Exception) {
	switch a.kind {
	case KindInt, KindBool:
		return Int(^a.Int()), nil // never overflows
	case KindBigInt:
		return BigInt(new(big.Int).Not(a.Big())), nil
	}
	return Value{}, Errorf(TypeErrorType, "bad operand type for unary ~: '%s'", TypeName(a))
}

// Abs returns abs(a) for numbers (an int for a bool).
func Abs(in *Interp, a Value) (Value, *Exception) {
	switch a.kind {
	case KindInt, KindBool:
		if x := a.Int(); x >= 0 {
			return Int(x), nil
		}
		return Neg(in, a)
	case KindFloat:
		return Float(math.Abs(a.Float())), nil
	case KindBigInt:
		return BigInt(new(big.Int).Abs(a.Big())), nil
	}
	return Value{}, Errorf(TypeErrorType, "bad operand type for abs(): '%s'", TypeName(a))
}

// DivMod returns divmod(a, b): the tuple (a // b, a % b), computed together.
func DivMod(in *Interp, a, b Value) (Value, *Exception) {
	ca, cb := numClassOf(a), numClassOf(b)
	switch {
	case ca == notNumber || cb == notNumber:
		return Value{}, unsupported("divmod()", a, b)
	case ca == smallNum && cb == smallNum:
		q, r, ok, err := pynum.IntDivMod(a.Int(), b.Int())
		if err != nil {
			return Value{}, numError(err)
		}
		if ok {
			return pair(Int(q), Int(r)), nil
		}
	case ca == floatNum || cb == floatNum:
		x, y, err := bothFloats(a, b)
		if err != nil {
			return Value{}, err
		}
		q, r, e := pynum.DivMod(x, y)
		if e != nil {
			return Value{}, numError(e)
		}
		return pair(Float(q), Float(r)), nil
	}
	q, r, err := pynum.BigDivMod(bigOf(a), bigOf(b))
	if err != nil {
		return Value{}, numError(err)
	}
	return pair(BigInt(q), BigInt(r)), nil
}

// PowMod returns pow(base, exp, mod) for ints: base**exp % mod without the huge intermediate,
// with a negative exp meaning the modular inverse (as CPython 3.8+).
func PowMod(in *Interp, base, exp, mod Value) (Value, *Exception) {
	if !isInt(base) || !isInt(exp) || !isInt(mod) {
		// CPython's float pow refuses a third argument before looking at the others, and it
		// is tried whenever any of the three is a float.
		if base.kind == KindFloat || exp.kind == KindFloat || mod.kind == KindFloat {
			return Value{}, NewException(TypeErrorType, "pow() 3rd argument not allowed unless all arguments are integers")
		}
		return Value{}, Errorf(TypeErrorType, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
			TypeName(base), TypeName(exp), TypeName(mod))
	}
	m := bigOf(mod)
	if m.Sign() == 0 {
		return Value{}, NewException(ValueErrorType, "pow() 3rd argument cannot be 0")
	}
	am := new(big.Int).Abs(m)
	if am.Cmp(bigOne) == 0 {
		return Int(0), nil
	}
	x := new(big.Int).Mod(bigOf(base), am) // Euclidean: 0 <= x < |mod|
	e := bigOf(exp)
	if e.Sign() < 0 {
		if x.ModInverse(x, am) == nil {
			return Value{}, NewException(ValueErrorType, "base is not invertible for the given modulus")
		}
		e = new(big.Int).Neg(e)
	}
	r := new(big.Int).Exp(x, e, am)
	if m.Sign() < 0 && r.Sign() != 0 {
		r.Add(r, m) // the result takes the sign of the modulus
	}
	return BigInt(r), nil
}

// Fast-path helpers on int64.

// addInt64 returns x + y and whether it fits in an int64.
func addInt64(x, y int64) (int64, bool) {
	s := x + y
	// Overflow happened iff x and y have the same sign and s has the other one.
	return s, (x^s)&(y^s) >= 0
}

// subInt64 returns x - y and whether it fits in an int64.
func subInt64(x, y int64) (int64, bool) {
	d := x - y
	// Overflow happened iff x and y have different signs and d's sign differs from x's.
	return d, (x^y)&(x^d) >= 0
}

// powInt64 returns x ** y for y >= 0 by repeated squaring, and whether it fits in an int64.
func powInt64(x, y int64) (int64, bool) {
	r := int64(1)
	for {
		if y&1 == 1 {
			var ok bool
			if r, ok = mulInt64(r, x); !ok {
				return 0, false
			}
		}
		y >>= 1
		if y == 0 {
			return r, true
		}
		// x*x overflowing while bits of y remain means the result overflows too.
		var ok bool
		if x, ok = mulInt64(x, x); !ok {
			return 0, false
		}
	}
}

// exactAsFloat reports whether float64(x) is exactly x.
func exactAsFloat(x int64) bool { return -maxExactInt <= x && x <= maxExactInt }

// bitwiseResult is the result of &, | or ^ on two unboxed ints: a bool when both were bools.
func bitwiseResult(a, b Value, r int64) Value {
	if a.kind == KindBool && b.kind == KindBool {
		return Bool(r != 0)
	}
	return Int(r)
}

// The general numeric path.

// numClass sorts the operands of an arithmetic operator.
type numClass uint8

const (
	notNumber numClass = iota
	smallNum           // int or bool, unboxed
	bigNum             // an int outside int64
	floatNum
)

func numClassOf(v Value) numClass {
	switch v.kind {
	case KindInt, KindBool:
		return smallNum
	case KindBigInt:
		return bigNum
	case KindFloat:
		return floatNum
	}
	return notNumber
}

// isInt reports whether v is an int of any size (bools included).
func isInt(v Value) bool { return v.isIntLike() || v.kind == KindBigInt }

// numOp is the general implementation of one arithmetic operator: on two ints as big.Ints
// (used when an operand is big or the fast path overflowed), and on two floats (used when
// either operand is a float; nil for the int-only operators).
type numOp struct {
	sym    string // as TypeError messages spell the operator
	ints   func(x, y *big.Int) (Value, *Exception)
	floats func(x, y float64) (Value, *Exception)
}

// numeric applies op to a and b if both are numbers: ints as big.Ints when neither is a float,
// else floats. ok is false when an operand is not a number, or for an int-only operator and a
// float; the caller then tries its sequence cases or raises TypeError.
func numeric(op *numOp, a, b Value) (r Value, err *Exception, ok bool) {
	ca, cb := numClassOf(a), numClassOf(b)
	switch {
	case ca == notNumber || cb == notNumber:
		return Value{}, nil, false
	case ca != floatNum && cb != floatNum:
		r, err = op.ints(bigOf(a), bigOf(b))
		return r, err, true
	case op.floats == nil:
		return Value{}, nil, false
	}
	x, y, err := bothFloats(a, b)
	if err != nil {
		return Value{}, err, true
	}
	r, err = op.floats(x, y)
	return r, err, true
}

// bigOf returns an int value as a big.Int, which the caller must not modify.
func bigOf(v Value) *big.Int {
	if v.kind == KindBigInt {
		return v.Big()
	}
	return big.NewInt(v.Int())
}

// toFloat converts a number to a float as CPython does: exactly rounded, and OverflowError
// "int too large to convert to float" for an int beyond the float range.
func toFloat(v Value) (float64, *Exception) {
	switch v.kind {
	case KindFloat:
		return v.Float(), nil
	case KindBigInt:
		f, err := pynum.BigToFloat(v.Big())
		if err != nil {
			return 0, numError(err)
		}
		return f, nil
	}
	return float64(v.Int()), nil // Go rounds int64 -> float64 to nearest even, like CPython
}

// bothFloats converts two numbers to floats, the left one first (as CPython does, which
// decides which error is reported).
func bothFloats(a, b Value) (x, y float64, err *Exception) {
	if x, err = toFloat(a); err != nil {
		return 0, 0, err
	}
	if y, err = toFloat(b); err != nil {
		return 0, 0, err
	}
	return x, y, nil
}

var bigOne = big.NewInt(1)

// The operators' general implementations.
var (
	addOp = numOp{sym: "+",
		ints:   func(x, y *big.Int) (Value, *Exception) { return BigInt(new(big.Int).Add(x, y)), nil },
		floats: func(x, y float64) (Value, *Exception) { return Float(x + y), nil }}
	subOp = numOp{sym: "-",
		ints:   func(x, y *big.Int) (Value, *Exception) { return BigInt(new(big.Int).Sub(x, y)), nil },
		floats: func(x, y float64) (Value, *Exception) { return Float(x - y), nil }}
	mulOp = numOp{sym: "*",
		ints:   func(x, y *big.Int) (Value, *Exception) { return BigInt(new(big.Int).Mul(x, y)), nil },
		floats: func(x, y float64) (Value, *Exception) { return Float(x * y), nil }}
	trueDivOp = numOp{sym: "/",
		ints: func(x, y *big.Int) (Value, *Exception) {
			return floatResult(pynum.IntTrueDiv(x, y))
		},
		floats: func(x, y float64) (Value, *Exception) { return floatResult(pynum.TrueDiv(x, y)) }}
	floorDivOp = numOp{sym: "//",
		ints: func(x, y *big.Int) (Value, *Exception) {
			q, err := pynum.BigFloorDiv(x, y)
			if err != nil {
				return Value{}, numError(err)
			}
			return BigInt(q), nil
		},
		floats: func(x, y float64) (Value, *Exception) { return floatResult(pynum.FloorDiv(x, y)) }}
	modOp = numOp{sym: "%",
		ints: func(x, y *big.Int) (Value, *Exception) {
			r, err := pynum.BigMod(x, y)
			if err != nil {
				return Value{}, numError(err)
			}
			return BigInt(r), nil
		},
		floats: func(x, y float64) (Value, *Exception) { return floatResult(pynum.Mod(x, y)) }}
	powOp    = numOp{sym: "** or pow()", ints: bigPow, floats: floatPow}
	lshiftOp = numOp{sym: "<<", ints: bigLShift}
	rshiftOp = numOp{sym: ">>", ints: bigRShift}
	andOp    = numOp{sym: "&", ints: func(x, y *big.Int) (Value, *Exception) { return BigInt(new(big.Int).And(x, y)), nil }}
	orOp     = numOp{sym: "|", ints: func(x, y *big.Int) (Value, *Exception) { return BigInt(new(big.Int).Or(x, y)), nil }}
	xorOp    = numOp{sym: "^", ints: func(x, y *big.Int) (Value, *Exception) { return BigInt(new(big.Int).Xor(x, y)), nil }}
)

// floatResult turns a pynum result into a float value or an exception.
func floatResult(f float64, err *pynum.Error) (Value, *Exception) {
	if err != nil {
		return Value{}, numError(err)
	}
	return Float(f), nil
}

// floatPow is float ** float (CPython's float_pow, correctly rounded).
func floatPow(x, y float64) (Value, *Exception) { return floatResult(pynum.Pow(x, y)) }

// bigPow is int ** int. A negative exponent makes it a float power, as in CPython (so
// 0 ** -1 raises "0.0 cannot be raised to a negative power").
func bigPow(x, y *big.Int) (Value, *Exception) {
	if y.Sign() < 0 {
		fx, err := pynum.BigToFloat(x)
		if err != nil {
			return Value{}, numError(err)
		}
		fy, err := pynum.BigToFloat(y)
		if err != nil {
			return Value{}, numError(err)
		}
		return floatPow(fx, fy)
	}
	// Bases 0, 1 and -1 stay small for any exponent; others grow by about log2|x| bits per
	// unit of exponent, which must stay within maxIntBits.
	switch {
	case y.Sign() == 0:
		return Int(1), nil
	case x.Sign() == 0:
		return Int(0), nil
	case x.CmpAbs(bigOne) == 0:
		if x.Sign() < 0 && y.Bit(0) == 1 {
			return Int(-1), nil
		}
		return Int(1), nil
	case !y.IsInt64() || y.Int64() > maxIntBits/int64(x.BitLen()-1):
		return Value{}, &Exception{Type: memoryErrorType}
	}
	return BigInt(new(big.Int).Exp(x, y, nil)), nil
}

// bigLShift is int << int in general, with CPython's errors: OverflowError "too many digits in
// integer" when the result could not even be described by CPython (more than maxLongDigits
// 30-bit digits), MemoryError when it would merely be too big to allocate.
func bigLShift(x, n *big.Int) (Value, *Exception) {
	switch {
	case n.Sign() < 0:
		return Value{}, NewException(ValueErrorType, "negative shift count")
	case x.Sign() == 0:
		return Int(0), nil
	case n.IsInt64() && uint64(x.BitLen())+uint64(n.Int64()) <= maxIntBits:
		return BigInt(new(big.Int).Lsh(x, uint(n.Int64()))), nil
	}
	// CPython's long_lshift: the size of the result in digits, the word shift clipped.
	tooBig := NewException(OverflowErrorType, "too many digits in integer")
	wordShift, rem := new(big.Int).QuoRem(n, big.NewInt(30), new(big.Int))
	if wordShift.Cmp(big.NewInt(math.MaxInt64/4)) >= 0 {
		return Value{}, tooBig // CPython clips the word shift to a size beyond the limit
	}
	size := wordShift.Add(wordShift, big.NewInt(int64((x.BitLen()+29)/30)))
	if rem.Sign() != 0 {
		size.Add(size, bigOne)
	}
	if size.Cmp(big.NewInt(maxLongDigits)) > 0 {
		return Value{}, tooBig
	}
	return Value{}, &Exception{Type: memoryErrorType}
}

// maxLongDigits is CPython's MAX_LONG_DIGITS on 64-bit machines, where an int is made of
// 30-bit digits: the most digits an int can be described with.
const maxLongDigits = (math.MaxInt64 - 24) / 4

// bigRShift is int >> int in general: big.Int's Rsh already rounds toward negative infinity.
func bigRShift(x, n *big.Int) (Value, *Exception) {
	switch {
	case n.Sign() < 0:
		return Value{}, NewException(ValueErrorType, "negative shift count")
	case !n.IsInt64() || n.Int64() >= int64(x.BitLen()):
		// Every bit is shifted out: what remains is the sign.
		if x.Sign() < 0 {
			return Int(-1), nil
		}
		return Int(0), nil
	}
	return BigInt(new(big.Int).Rsh(x, uint(n.Int64()))), nil
}

// Sequences.

// isSequence reports whether v is a str, list or tuple: the types with + and *.
func isSequence(v Value) bool {
	return v.kind == KindStr || v.kind == KindList || v.kind == KindTuple
}

// repeat returns seq * n for a sequence and any other operand n, with CPython's errors.
func repeat(in *Interp, seq, n Value) (Value, *Exception) {
	switch n.kind {
	case KindInt, KindBool:
		return RepeatSeq(in, seq, n.Int())
	case KindBigInt:
		return Value{}, NewException(OverflowErrorType, "cannot fit 'int' into an index-sized integer")
	}
	return Value{}, Errorf(TypeErrorType, "can't multiply sequence by non-int of type '%s'", TypeName(n))
}

// Errors.

// unsupported is the TypeError of a binary operator that does not apply to its operands.
func unsupported(sym string, a, b Value) *Exception {
	return Errorf(TypeErrorType, "unsupported operand type(s) for %s: '%s' and '%s'", sym, TypeName(a), TypeName(b))
}

// numError turns a pynum error into the Python exception it describes.
func numError(e *pynum.Error) *Exception {
	t := ValueErrorType
	switch e.Type {
	case pynum.ZeroDivisionError:
		t = ZeroDivisionErrorType
	case pynum.OverflowError:
		t = OverflowErrorType
		if e.Msg == erangeMsg {
			// CPython raises OSError-style args (errno, strerror); str() shows the tuple.
			return &Exception{Type: t, Args: []Value{Int(34), NewStr("Numerical result out of range")}}
		}
	}
	return NewException(t, e.Msg)
}

// erangeMsg is how a float overflow in ** reads: CPython's OverflowError(34, strerror(ERANGE)).
const erangeMsg = "(34, 'Numerical result out of range')"

// pair makes a 2-tuple.
func pair(a, b Value) Value { return NewTuple([]Value{a, b}) }

package trace

import (
	"math"
	"math/bits"
)

// The exact semantics of the pure arithmetic ops, in one place: the optimizer folds constants
// with Eval (as LuaJIT's lj_opt_fold.c folds with its kfold rules), and backend/irexec, the
// reference executor, computes with the same helpers, so that folding a constant and running
// the op always agree (up to the payload of a computed NaN, which the IR leaves unspecified).
// Native backends are tested against irexec.

// Eval computes a pure op of the op table (FlagPure: int, float and comparison ops, casts) on
// operand bits (ints as two's complement, floats as math.Float64bits; b is ignored by unary
// ops). ok is false for ops it does not compute: not pure, or on pointers (ptr_eq, ptr_ne).
// Every NaN that float arithmetic computes comes out as one NaN, computedNaN (see floatBits).
func Eval(opcode Opcode, a, b uint64) (result uint64, ok bool) {
	fa, fb := math.Float64frombits(a), math.Float64frombits(b)
	switch opcode {
	case OpIntAdd:
		return a + b, true
	case OpIntSub:
		return a - b, true
	case OpIntMul:
		return a * b, true
	case OpIntAnd:
		return a & b, true
	case OpIntOr:
		return a | b, true
	case OpIntXor:
		return a ^ b, true
	case OpIntLshift:
		return a << (b & 63), true
	case OpIntRshift:
		return uint64(int64(a) >> (b & 63)), true
	case OpIntUrshift:
		return a >> (b & 63), true
	case OpIntNeg:
		return -a, true
	case OpIntInvert:
		return ^a, true
	case OpIntFloorDiv:
		return uint64(FloorDiv(int64(a), int64(b))), true
	case OpIntMod:
		return uint64(FloorMod(int64(a), int64(b))), true
	case OpIntLt:
		return b2u(int64(a) < int64(b)), true
	case OpIntLe:
		return b2u(int64(a) <= int64(b)), true
	case OpIntEq:
		return b2u(a == b), true
	case OpIntNe:
		return b2u(a != b), true
	case OpIntGt:
		return b2u(int64(a) > int64(b)), true
	case OpIntGe:
		return b2u(int64(a) >= int64(b)), true
	case OpUintLt:
		return b2u(a < b), true
	case OpUintGe:
		return b2u(a >= b), true
	case OpIntIsTrue:
		return b2u(a != 0), true
	case OpIntIsZero:
		return b2u(a == 0), true
	case OpFloatAdd:
		return floatBits(fa + fb), true
	case OpFloatSub:
		return floatBits(fa - fb), true
	case OpFloatMul:
		return floatBits(fa * fb), true
	case OpFloatTrueDiv:
		return floatBits(fa / fb), true
	case OpFloatNeg:
		return a ^ (1 << 63), true
	case OpFloatAbs:
		return a &^ (1 << 63), true
	case OpFloatSqrt:
		return floatBits(math.Sqrt(fa)), true
	case OpFloatLt:
		return b2u(fa < fb), true
	case OpFloatLe:
		return b2u(fa <= fb), true
	case OpFloatEq:
		return b2u(fa == fb), true
	case OpFloatNe:
		return b2u(fa != fb), true
	case OpFloatGt:
		return b2u(fa > fb), true
	case OpFloatGe:
		return b2u(fa >= fb), true
	case OpCastIntToFloat:
		return math.Float64bits(float64(int64(a))), true
	case OpCastFloatToInt:
		return uint64(FloatToInt(fa)), true
	}
	return 0, false
}

// EvalOvf computes an overflow-checked op (int_add_ovf, int_sub_ovf, int_mul_ovf): the
// wrapped result and whether the true result overflows int64. ok is false for other ops.
func EvalOvf(opcode Opcode, a, b int64) (result int64, overflow, ok bool) {
	switch opcode {
	case OpIntAddOvf:
		r, o := AddOvf(a, b)
		return r, o, true
	case OpIntSubOvf:
		r, o := SubOvf(a, b)
		return r, o, true
	case OpIntMulOvf:
		r, o := MulOvf(a, b)
		return r, o, true
	}
	return 0, false, false
}

// computedNaN is the NaN that Eval gives for every NaN that float arithmetic computes
// (float_add, float_sub, float_mul, float_truediv, float_sqrt): sign set, quiet bit set, no
// payload, which is amd64's default NaN.
const computedNaN = 0xfff8000000000000

// floatBits returns the bits of a float result, with any NaN replaced by computedNaN. The IR
// leaves the payload of a NaN computed at run time unspecified, and CPUs disagree: an invalid
// operation (sqrt(-1.0), inf - inf, 0.0/0.0) gives 0xfff8000000000000 on amd64 but
// 0x7ff8000000000000 on arm64, and which NaN operand's payload propagates depends on the CPU
// and even on the order in which the compiler put the operands. Constant folding must not
// depend on the machine the optimizer runs on (the same trace must optimize to the same
// constants everywhere), so Eval picks one NaN itself.
func floatBits(f float64) uint64 {
	if f != f {
		return computedNaN
	}
	return math.Float64bits(f)
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// AddOvf is int_add_ovf: the wrapped sum, and whether it overflowed (both operands have a
// sign that differs from the result's).
func AddOvf(a, b int64) (int64, bool) {
	r := a + b
	return r, (a^r)&(b^r) < 0
}

// SubOvf is int_sub_ovf: the wrapped difference, and whether it overflowed (the operands'
// signs differ and the result's sign is not a's).
func SubOvf(a, b int64) (int64, bool) {
	r := a - b
	return r, (a^b)&(a^r) < 0
}

// MulOvf is int_mul_ovf: the wrapped product, and whether the true product overflows int64.
// It takes the 128-bit unsigned product (math/bits) and corrects its high word for the signs
// of the operands, as a signed widening multiply (x86's IMUL, arm64's SMULH) would give.
func MulOvf(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if a < 0 {
		hi -= uint64(b)
	}
	if b < 0 {
		hi -= uint64(a)
	}
	// No overflow exactly when the high word is the sign extension of the low word.
	return int64(lo), int64(hi) != int64(lo)>>63
}

// FloorDiv is int_floordiv: a // b rounded toward negative infinity, as Python's. The IR
// leaves b == 0 and MinInt64 // -1 unspecified (the recorder guards against them); FloorDiv
// gives 0 and MinInt64 for them, and never traps.
func FloorDiv(a, b int64) int64 {
	switch {
	case b == 0:
		return 0
	case b == -1:
		return -a // wraps for MinInt64
	}
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// FloorMod is int_mod: a % b with the sign of b, as Python's. It gives 0 for b == 0 (which
// the IR leaves unspecified) and for b == -1.
func FloorMod(a, b int64) int64 {
	if b == 0 || b == -1 {
		return 0
	}
	r := a % b
	if r != 0 && (r < 0) != (b < 0) {
		r += b
	}
	return r
}

// FloatToInt is cast_float_to_int: truncation toward zero, saturating at the ends of the int64
// range; NaN gives 0. (Go's own conversion is implementation-defined out of range, and amd64
// and arm64 disagree there, so native backends must fix up their conversion instruction.)
func FloatToInt(f float64) int64 {
	switch {
	case f != f:
		return 0
	case f >= 9223372036854775808.0: // 2**63
		return math.MaxInt64
	case f < -9223372036854775808.0:
		return math.MinInt64
	}
	return int64(f)
}

package pynum

import (
	"math"
	"math/big"
)

// TrueDiv returns x / y for floats; y == 0 (either sign) raises
// ZeroDivisionError "float division by zero". Everything else is plain IEEE
// division, so inf and nan propagate as usual.
func TrueDiv(x, y float64) (float64, *Error) {
	if y == 0 {
		return 0, zeroDiv("float division by zero")
	}
	return x / y, nil
}

// FloorDiv returns x // y for floats, following CPython's float_floor_div.
// y == 0 raises ZeroDivisionError "float floor division by zero".
func FloorDiv(x, y float64) (float64, *Error) {
	if y == 0 {
		return 0, zeroDiv("float floor division by zero")
	}
	q, _ := divMod(x, y)
	return q, nil
}

// Mod returns x % y for floats, following CPython's float_rem: the result has
// the sign of y (a zero result is +0.0 or -0.0 like y), so 7.5 % -2 == -0.5.
// y == 0 raises ZeroDivisionError "float modulo".
func Mod(x, y float64) (float64, *Error) {
	if y == 0 {
		return 0, zeroDiv("float modulo")
	}
	mod := fmod(x, y)
	if mod != 0 {
		// Make the remainder take the sign of the divisor.
		if (y < 0) != (mod < 0) {
			mod += y
		}
	} else {
		mod = math.Copysign(0, y)
	}
	return mod, nil
}

// DivMod returns divmod(x, y) for floats, following CPython's float_divmod.
// y == 0 raises ZeroDivisionError "float divmod()".
func DivMod(x, y float64) (q, r float64, err *Error) {
	if y == 0 {
		return 0, 0, zeroDiv("float divmod()")
	}
	q, r = divMod(x, y)
	return q, r, nil
}

// divMod is CPython's _float_div_mod, step by step.
func divMod(vx, wx float64) (floordiv, mod float64) {
	mod = fmod(vx, wx)
	// fmod is exact, so vx-mod is mathematically an exact multiple of wx,
	// but the floating-point subtraction and division may leave div a hair
	// away from an integer; it is snapped below.
	div := (vx - mod) / wx
	if mod != 0 {
		// Make the remainder take the sign of the divisor.
		if (wx < 0) != (mod < 0) {
			mod += wx
			div -= 1.0
		}
	} else {
		// A zero remainder takes the sign of the divisor.
		mod = math.Copysign(0, wx)
	}
	if div != 0 {
		// Snap the quotient to the nearest integral value.
		floordiv = math.Floor(div)
		if div-floordiv > 0.5 {
			floordiv += 1.0
		}
	} else {
		// A zero quotient gets the sign of the true quotient.
		floordiv = math.Copysign(0, vx/wx)
	}
	return floordiv, mod
}

// fmod is C's fmod: x - n*y for the integer n = trunc(x/y), computed exactly.
// math.Mod is exact but slow (it subtracts shifted copies of y one bit at a
// time), so first try the common case where x/y is well below 2**52: then
// q = trunc(fl(x/y)) is the true quotient or one too large in magnitude
// (rounding the division can only reach, never skip, an integer), x - q*y
// is representable either way, and one fused multiply-add gives it exactly.
func fmod(x, y float64) float64 {
	q := math.Trunc(x / y)
	if q == 0 {
		return x // |x| < |y| (y may be infinite); keeps the sign of a zero x
	}
	if math.Abs(q) < 0x1p52 { // so x and y are finite
		r := math.FMA(-q, y, x)
		if r != 0 && (r < 0) != (x < 0) {
			r += math.Copysign(y, x) // q was one too large in magnitude
		}
		return r
	}
	return math.Mod(x, y) // huge quotients, nan and inf
}

// IntFloorDiv returns a // b for ints, rounding toward negative infinity.
// ok is false when the result does not fit in an int64 (only
// math.MinInt64 // -1); the caller should then redo the operation with
// BigFloorDiv. b == 0 raises ZeroDivisionError
// "integer division or modulo by zero".
func IntFloorDiv(a, b int64) (q int64, ok bool, err *Error) {
	if b == 0 {
		return 0, false, zeroDiv("integer division or modulo by zero")
	}
	if b == -1 {
		if a == math.MinInt64 {
			return 0, false, nil
		}
		return -a, true, nil
	}
	q = a / b // Go truncates toward zero...
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q-- // ...so step down when the exact quotient was negative.
	}
	return q, true, nil
}

// IntMod returns a % b for ints; the result has the sign of b. It never
// overflows, so ok is always true when err is nil (the result is there to
// mirror IntFloorDiv). b == 0 raises ZeroDivisionError
// "integer modulo by zero".
func IntMod(a, b int64) (r int64, ok bool, err *Error) {
	if b == 0 {
		return 0, false, zeroDiv("integer modulo by zero")
	}
	if b == -1 {
		return 0, true, nil // also avoids the MinInt64 % -1 corner
	}
	r = a % b
	if r != 0 && ((r < 0) != (b < 0)) {
		r += b
	}
	return r, true, nil
}

// IntDivMod returns divmod(a, b) for ints with the same rules as IntFloorDiv
// and IntMod; ok is false only for math.MinInt64, -1. b == 0 raises
// ZeroDivisionError "integer division or modulo by zero".
func IntDivMod(a, b int64) (q, r int64, ok bool, err *Error) {
	if b == 0 {
		return 0, 0, false, zeroDiv("integer division or modulo by zero")
	}
	q, ok, _ = IntFloorDiv(a, b)
	if !ok {
		return 0, 0, false, nil
	}
	r, _, _ = IntMod(a, b)
	return q, r, true, nil
}

// BigFloorDiv returns a // b for big ints, rounding toward negative infinity.
// The result is a new big.Int. b == 0 raises ZeroDivisionError
// "integer division or modulo by zero".
func BigFloorDiv(a, b *big.Int) (*big.Int, *Error) {
	if b.Sign() == 0 {
		return nil, zeroDiv("integer division or modulo by zero")
	}
	q, _ := bigDivMod(a, b)
	return q, nil
}

// BigMod returns a % b for big ints; the result has the sign of b. The result
// is a new big.Int. b == 0 raises ZeroDivisionError "integer modulo by zero".
func BigMod(a, b *big.Int) (*big.Int, *Error) {
	if b.Sign() == 0 {
		return nil, zeroDiv("integer modulo by zero")
	}
	_, r := bigDivMod(a, b)
	return r, nil
}

// BigDivMod returns divmod(a, b) for big ints as two new big.Ints. b == 0
// raises ZeroDivisionError "integer division or modulo by zero".
func BigDivMod(a, b *big.Int) (q, r *big.Int, err *Error) {
	if b.Sign() == 0 {
		return nil, nil, zeroDiv("integer division or modulo by zero")
	}
	q, r = bigDivMod(a, b)
	return q, r, nil
}

// bigDivMod computes Python's floor division and modulo. big.Int's QuoRem
// truncates toward zero (and its DivMod is Euclidean), so adjust by one when
// the remainder's sign differs from the divisor's.
func bigDivMod(a, b *big.Int) (q, r *big.Int) {
	q, r = new(big.Int).QuoRem(a, b, new(big.Int))
	if r.Sign() != 0 && (r.Sign() < 0) != (b.Sign() < 0) {
		q.Sub(q, bigOne)
		r.Add(r, b)
	}
	return q, r
}

var bigOne = big.NewInt(1)

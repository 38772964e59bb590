package pynum

import (
	"math"
)

// Pow returns x ** y for floats with CPython 3.11's special cases, and the
// finite results correctly rounded: the exact real power rounded to the
// nearest float, ties to even (CPython gets this from the C library's pow,
// which is correctly rounded in all but astronomically rare cases; Go's
// math.Pow is not).
//
// Special cases, as CPython's float_pow: x ** 0 == 1.0 for every x (nan too);
// 1.0 ** y == 1.0 for every y (nan too); (-1.0) ** ±inf == 1.0; other nan
// operands give nan; inf exponents and bases follow C99's pow.
// 0.0 ** negative raises ZeroDivisionError
// "0.0 cannot be raised to a negative power", and a finite result too large
// for a float raises OverflowError "(34, 'Numerical result out of range')"
// (tiny results quietly become 0.0).
//
// A negative finite x with a non-integer y gives a complex number in
// CPython. The interpreter has no complex type, so Pow raises ValueError
// "math domain error" instead (what CPython's math.pow says).
func Pow(x, y float64) (float64, *Error) {
	// The special cases, in the order of CPython's float_pow.
	switch {
	case y == 0:
		return 1, nil
	case math.IsNaN(x):
		return x, nil
	case math.IsNaN(y):
		if x == 1 {
			return 1, nil
		}
		return y, nil
	case math.IsInf(y, 0):
		ax := math.Abs(x)
		switch {
		case ax == 1:
			return 1, nil
		case (y > 0) == (ax > 1):
			return math.Inf(1), nil
		}
		return 0, nil
	case math.IsInf(x, 0):
		odd := isOddInteger(y)
		if y > 0 {
			if odd {
				return x, nil
			}
			return math.Inf(1), nil
		}
		if odd {
			return math.Copysign(0, x), nil
		}
		return 0, nil
	case x == 0:
		if y < 0 {
			return 0, zeroDiv("0.0 cannot be raised to a negative power")
		}
		if isOddInteger(y) {
			return x, nil // keeps the sign of a negative zero
		}
		return 0, nil
	}
	neg := false
	if x < 0 {
		if y != math.Floor(y) {
			return 0, valueErr("math domain error")
		}
		x = -x
		neg = isOddInteger(y)
	}
	if x == 1 {
		return signed(1, neg), nil
	}

	// Now x > 0 is finite and not 1, y is finite and not 0.
	var r float64
	switch y {
	case 1:
		r = x
	case 2:
		r = x * x // one IEEE multiplication: correctly rounded
	case -1:
		r = 1 / x
	case 0.5:
		r = math.Sqrt(x)
	default:
		var ok bool
		// Check the range before converting: Go leaves int(y) for a y
		// beyond the int range implementation-specific (amd64 gives
		// MinInt64, arm64 saturates), so never convert such a y.
		if -64 <= y && y <= 64 {
			if n := int(y); float64(n) == y {
				r, ok = powInt(x, n)
			}
		}
		if !ok {
			r = powPositive(x, y)
		}
	}
	if math.IsInf(r, 0) {
		return 0, overflow("(34, 'Numerical result out of range')")
	}
	return signed(r, neg), nil
}

// isOddInteger reports whether y is an odd integer (CPython's
// DOUBLE_IS_ODD_INTEGER).
func isOddInteger(y float64) bool {
	return math.Mod(math.Abs(y), 2) == 1
}

// powPositive returns x**y correctly rounded (+Inf on overflow) for finite
// x > 0, x != 1, finite y != 0.
//
// The fast path (powGeneral) computes 2**(y * log2(x)) in double-double
// arithmetic with a relative error below powErr, about 2**-75. If the result
// is farther than that from the nearest rounding boundary (the midpoint
// between two floats) the rounding is certain; otherwise, about once in a
// million calls, powSlow redoes the work with big.Float.
func powPositive(x, y float64) float64 {
	if b := math.Float64bits(x); b&(1<<52-1) == 0 && b>>52 != 0 {
		return powOfTwo(int(b>>52)-1023, y) // x is a normal power of two
	}
	return powGeneral(x, y)
}

// powInt returns x**n for x > 0 and an integer 3 <= |n| <= 64 by binary
// exponentiation in double-double arithmetic, which is faster than going
// through log2 and exp2. ok is false when the result is too close to a
// rounding boundary (an exact midpoint, say) or subnormal; the caller then
// uses the general method.
func powInt(x float64, n int) (r float64, ok bool) {
	b := math.Float64bits(x)
	if b>>52 == 0 {
		return 0, false // subnormal x
	}
	// x = m * 2**e with m in [1, 2), so m**|n| < 2**64 neither overflows
	// nor loses low bits to underflow.
	e := int(b>>52) - 1023
	m := math.Float64frombits(b&(1<<52-1) | 1023<<52)
	k := n
	if k < 0 {
		k = -k
	}
	ph, pl := 1.0, 0.0
	bh, bl := m, 0.0
	for {
		if k&1 == 1 {
			ph, pl = ddMul(ph, pl, bh, bl)
		}
		k >>= 1
		if k == 0 {
			break
		}
		bh, bl = ddMul(bh, bl, bh, bl)
	}
	if n < 0 {
		ph, pl = ddRecip(ph, pl)
	}
	// At most 12 multiplications and a reciprocal, each with a relative
	// error below 2**-104: 2**-96 is a safe bound.
	eps := ph * 0x1p-96
	lo := ph + (pl - eps)
	if lo != ph+(pl+eps) {
		return 0, false
	}
	scale := e * n
	if _, fe := math.Frexp(lo); fe-1+scale < -1022 {
		return 0, false // a subnormal result rounds at a coarser position
	}
	return math.Ldexp(lo, scale), true // exact, or +Inf on overflow
}

// powErr bounds the relative error of the fast path's double-double result
// for |t| = |y * log2(x)|: the error of log2(x) grows with |t| when it is
// multiplied by y. The worst errors measured against big.Float (see
// TestPowFastPathError) are about 2**-83 + |t| * 2**-83.5; the bound leaves a
// safety factor of more than 20, and still sends fewer than one call in a
// million to the slow path for moderate |t|.
func powErr(t float64) float64 {
	return 0x1p-75 + math.Abs(t)*0x1p-78
}

// powOfTwo returns (2**e)**y = 2**(e*y), correctly rounded.
func powOfTwo(e int, y float64) float64 {
	if p := float64(e) * y; math.Abs(p) > 2000 {
		if p > 0 {
			return math.Inf(1)
		}
		return 0
	}
	// e*y is exact as a double-double (e has at most 11 bits).
	h, l := twoProd(float64(e), y)
	if h != math.Trunc(h) || l != math.Trunc(l) {
		// The exponent is not an integer: the result is irrational, use
		// the general method (which does not come back here).
		return powGeneral(math.Ldexp(1, e), y)
	}
	switch {
	case h > 1023:
		return math.Inf(1)
	case h < -1074:
		// 2**-1075 is exactly half of the smallest subnormal and ties to
		// even (zero); anything smaller rounds to zero too.
		return 0
	}
	return math.Ldexp(1, int(h)) // l is 0 here: h is small
}

// powGeneral is powPositive without the power-of-two shortcut.
func powGeneral(x, y float64) float64 {
	tablesOnce.Do(initTables)
	lh, ll := log2dd(x)
	// t = y * log2(x) as a double-double. Out of range t (even infinite
	// y * lh) means certain overflow or underflow.
	switch th := y * lh; {
	case th > 1100:
		return math.Inf(1) // x**y > 2**1099
	case th < -1100:
		return 0 // x**y < 2**-1099, far below half the smallest subnormal
	}
	th, tl := twoProd(y, lh)
	tl += y * ll
	th, tl = fastTwoSum(th, tl)
	rh, rl, scale := exp2dd(th, tl)

	// The relative error of rh+rl is below powErr(t). If the whole interval
	// [r - err, r + err] rounds to one float, that float is the correctly
	// rounded result. (Results in the subnormal range round at a coarser
	// position; leave them to the slow path.)
	if scale > -1020 {
		e := rh * powErr(th)
		lo := rh + (rl - e)
		hi := rh + (rl + e)
		if lo == hi {
			return scaleB(lo, scale) // exact, or +Inf on overflow
		}
	}
	return powSlow(x, y)
}

// scaleB returns f * 2**n for -1022 <= n <= 2046 with one or two
// multiplications by powers of two (exact unless the result overflows).
func scaleB(f float64, n int) float64 {
	if n > 1023 {
		f *= 0x1p1023
		n -= 1023
	}
	return f * math.Float64frombits(uint64(n+1023)<<52)
}

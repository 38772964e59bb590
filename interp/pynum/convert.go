package pynum

import (
	"math"
	"math/big"
	"math/bits"
)

// maxExact is 2**53: every integer of at most this magnitude is a float64.
const maxExact = 1 << 53

// IntTrueDiv returns a / b for Python ints, correctly rounded to the nearest
// float (ties to even) however big a and b are, like CPython's
// long_true_divide. It raises ZeroDivisionError "division by zero" and
// OverflowError "integer division result too large for a float". A zero
// result keeps the sign of the quotient (0 / -5 == -0.0).
func IntTrueDiv(a, b *big.Int) (float64, *Error) {
	if b.Sign() == 0 {
		return 0, zeroDiv("division by zero")
	}
	neg := (a.Sign() < 0) != (b.Sign() < 0)
	if a.Sign() == 0 {
		return signed(0, neg), nil
	}
	if a.IsInt64() && b.IsInt64() {
		x, y := a.Int64(), b.Int64()
		if -maxExact <= x && x <= maxExact && -maxExact <= y && y <= maxExact {
			// Both convert to floats exactly: one rounding, in the division.
			return float64(x) / float64(y), nil
		}
	}

	// |a|/|b| lies in [2**(diff-1), 2**(diff+1)).
	diff := a.BitLen() - b.BitLen()
	if diff > 1024 {
		return 0, overflow("integer division result too large for a float")
	}
	if diff < -1076 {
		// Below 2**-1075, half the smallest subnormal: rounds to zero.
		return signed(0, neg), nil
	}

	// Scale so the integer quotient q = floor(|a| * 2**s / |b|) has at least
	// 55 bits (53 kept, a rounding bit and one more), or, for results in the
	// subnormal range, at least two bits below 2**-1074. The remainder tells
	// whether anything nonzero was cut off (the "sticky" bit).
	s := 55 - diff
	if s > 1076 {
		s = 1076
	}
	num := new(big.Int).Abs(a)
	den := new(big.Int).Abs(b)
	if s >= 0 {
		num.Lsh(num, uint(s))
	} else {
		den.Lsh(den, uint(-s))
	}
	q, r := num.QuoRem(num, den, new(big.Int))
	f := roundScaled(q.Uint64(), r.Sign() != 0, -s)
	if math.IsInf(f, 0) {
		return 0, overflow("integer division result too large for a float")
	}
	return signed(f, neg), nil
}

// Int64TrueDiv is IntTrueDiv for ints that fit in an int64. When both
// operands are at most 2**53 in magnitude they convert to floats exactly, so
// one float division gives the correctly rounded quotient; other operands
// take the exact path.
func Int64TrueDiv(a, b int64) (float64, *Error) {
	if b == 0 {
		return 0, zeroDiv("division by zero")
	}
	if -maxExact <= a && a <= maxExact && -maxExact <= b && b <= maxExact {
		return float64(a) / float64(b), nil
	}
	return IntTrueDiv(big.NewInt(a), big.NewInt(b))
}

// BigToFloat returns float(b): the nearest float, ties to even. It raises
// OverflowError "int too large to convert to float" when that is infinite.
func BigToFloat(b *big.Int) (float64, *Error) {
	if b.IsInt64() {
		// Go's int64 -> float64 conversion already rounds to nearest even.
		return float64(b.Int64()), nil
	}
	n := b.BitLen()
	if n > 1024 {
		return 0, overflow("int too large to convert to float")
	}
	// Keep the top 55 bits and remember whether any lower bit is set.
	shift := n - 55
	top := new(big.Int).Abs(b)
	sticky := top.TrailingZeroBits() < uint(shift)
	top.Rsh(top, uint(shift))
	f := roundScaled(top.Uint64(), sticky, shift)
	if math.IsInf(f, 0) {
		return 0, overflow("int too large to convert to float")
	}
	return signed(f, b.Sign() < 0), nil
}

// roundScaled returns the float64 nearest to (q + t) * 2**e, ties to even,
// where 0 <= t < 1 and sticky tells whether t != 0. It returns +Inf when the
// result overflows. Callers must pass a q with at least two bits below the
// last bit the result keeps (55 bits for a normal result), so that the
// rounding bit and the sticky information are both present.
func roundScaled(q uint64, sticky bool, e int) float64 {
	// d is how many low bits of q are dropped: enough to leave 53, and
	// never so few that the last kept bit is below 2**-1074.
	d := bits.Len64(q) - 53
	if min := -1074 - e; d < min {
		d = min
	}
	if d <= 0 {
		// Cannot happen for the callers above; stay exact where possible.
		return math.Ldexp(float64(q), e)
	}
	m := q >> uint(d)
	rem := q & (1<<uint(d) - 1)
	half := uint64(1) << uint(d-1)
	if rem > half || (rem == half && (sticky || m&1 == 1)) {
		m++ // m may become 2**53: still exact
	}
	// m * 2**(d+e) is representable (or overflows to +Inf), so Ldexp is exact.
	return math.Ldexp(float64(m), d+e)
}

// signed returns -f when neg is true, else f (also for zeros).
func signed(f float64, neg bool) float64 {
	if neg {
		return -f
	}
	return f
}

// CompareIntFloat compares a Python int with a float exactly, as CPython
// does (so 2**53 + 1 > 2.0**53 and 10**19 != 1e19 is decided on the exact
// values): cmp is -1, 0 or +1 for i < f, i == f, i > f. unordered is true when
// f is nan (every comparison but != is then False).
func CompareIntFloat(i *big.Int, f float64) (cmp int, unordered bool) {
	if math.IsNaN(f) {
		return 0, true
	}
	if i.IsInt64() {
		return CompareInt64Float(i.Int64(), f)
	}
	// |i| >= 2**63 here.
	if math.Abs(f) < 0x1p63 {
		return i.Sign(), false
	}
	if math.IsInf(f, 0) {
		if f > 0 {
			return -1, false
		}
		return 1, false
	}
	// f is an integer of at least 64 bits: compare as big ints, exactly.
	return i.Cmp(floatToBig(f)), false
}

// CompareInt64Float is CompareIntFloat for an int that fits in an int64.
func CompareInt64Float(i int64, f float64) (cmp int, unordered bool) {
	if math.IsNaN(f) {
		return 0, true
	}
	if -maxExact <= i && i <= maxExact {
		// float64(i) is exact, so a float comparison is exact.
		return cmpFloat(float64(i), f), false
	}
	if f >= 0x1p63 {
		return -1, false
	}
	if f < -0x1p63 {
		return 1, false
	}
	// Compare the integer parts, then let the fraction decide a tie.
	t := math.Trunc(f)
	ti := int64(t) // exact: -2**63 <= t < 2**63
	switch {
	case i < ti:
		return -1, false
	case i > ti:
		return 1, false
	}
	return cmpFloat(t, f), false
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// FloatToInt returns int(f), truncating toward zero. When the value fits in
// an int64 it is returned in small and big is nil; otherwise big holds it.
// nan raises ValueError "cannot convert float NaN to integer" and infinities
// raise OverflowError "cannot convert float infinity to integer".
func FloatToInt(f float64) (small int64, big *big.Int, err *Error) {
	if math.IsNaN(f) {
		return 0, nil, valueErr("cannot convert float NaN to integer")
	}
	if math.IsInf(f, 0) {
		return 0, nil, overflow("cannot convert float infinity to integer")
	}
	t := math.Trunc(f)
	if -0x1p63 <= t && t < 0x1p63 {
		return int64(t), nil, nil
	}
	return 0, floatToBig(t), nil
}

// floatToBig converts a finite float holding an integer to a big.Int exactly.
func floatToBig(f float64) *big.Int {
	frac, exp := math.Frexp(f) // f = frac * 2**exp, 0.5 <= |frac| < 1
	mant := int64(math.Ldexp(frac, 53))
	b := big.NewInt(mant)
	if exp >= 53 {
		return b.Lsh(b, uint(exp-53))
	}
	return b.Rsh(b, uint(53-exp)) // only for |f| < 2**53: exact, as f is an integer
}

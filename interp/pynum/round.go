package pynum

import (
	"math"
	"math/big"
	"math/bits"
)

// Limits from CPython's float.__round__: for ndigits above roundDigitsMax
// every float rounds to itself, below roundDigitsMin every float rounds to
// a zero with its own sign.
const (
	roundDigitsMax = 323  // int((53 - (-1021)) * 0.30103)
	roundDigitsMin = -308 // -int((1024 + 1) * 0.30103)
)

// Round returns round(x, ndigits) for a float, as CPython's double_round:
// the exact binary value of x is rounded half-to-even to ndigits decimal
// places (ndigits may be negative), and that decimal is converted back to
// the nearest float. So round(2.675, 2) == 2.67 (2.675 is really
// 2.67499999...) and round(0.125, 2) == 0.12. The result keeps the sign of x
// (round(-0.4) -> -0.0). inf and nan round to themselves. A result too big
// for a float raises OverflowError "rounded value too large to represent".
func Round(x float64, ndigits int) (float64, *Error) {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return x, nil
	}
	if ndigits > roundDigitsMax {
		return x, nil
	}
	if ndigits < roundDigitsMin {
		return math.Copysign(0, x), nil
	}
	neg := x < 0
	ax := math.Abs(x)
	if ndigits >= 0 && ax == math.Trunc(ax) {
		return x, nil // an integer already has no digits to drop
	}
	// ax = mant * 2**exp exactly, mant < 2**53.
	frac, exp := math.Frexp(ax)
	mant := uint64(math.Ldexp(frac, 53))
	exp -= 53
	if exp < -1074 { // subnormal: the Ldexp above kept every bit exactly
		mant >>= uint(-1074 - exp)
		exp = -1074
	}

	if ndigits >= 0 {
		if f, ok := roundFast(mant, exp, ndigits); ok {
			return signed(f, neg), nil
		}
		// n = ax * 10**ndigits, rounded half to even to an integer, then
		// n / 10**ndigits correctly rounded. (ax is not an integer, so
		// exp < 0.)
		p := pow10(ndigits)
		num := new(big.Int).SetUint64(mant)
		num.Mul(num, p)
		n := roundDivPow2(num, uint(-exp))
		f, _ := IntTrueDiv(n, p) // p != 0 and the result is at most ax: no error
		return signed(f, neg), nil
	}

	// Negative ndigits: n = ax / 10**-ndigits rounded half to even, then
	// n * 10**-ndigits converted to the nearest float.
	p := pow10(-ndigits)
	num := new(big.Int).SetUint64(mant)
	den := new(big.Int).Set(p)
	if exp >= 0 {
		num.Lsh(num, uint(exp))
	} else {
		den.Lsh(den, uint(-exp))
	}
	n := roundDiv(num, den)
	n.Mul(n, p)
	f, err := BigToFloat(n)
	if err != nil {
		return 0, overflow("rounded value too large to represent")
	}
	return signed(f, neg), nil
}

// roundFast handles the common case round(x, n) with small n and moderate x
// in 128-bit integer arithmetic: if N = round_half_even(mant * 2**exp * 10**n)
// and 10**n are both at most 2**53, N / 10**n is one correctly rounded float
// division. ok is false when the case is not that simple.
func roundFast(mant uint64, exp, n int) (f float64, ok bool) {
	if n > 15 || exp >= 0 || exp <= -128 {
		return 0, false
	}
	p := uint64(1)
	for i := 0; i < n; i++ {
		p *= 10
	}
	hi, lo := bits.Mul64(mant, p)
	sh := uint(-exp)
	// q = (hi:lo) >> sh, and compare the dropped bits with one half.
	var q, remHi, remLo, halfHi, halfLo uint64
	switch {
	case sh < 64:
		if hi>>sh != 0 {
			return 0, false
		}
		q = lo>>sh | hi<<(64-sh)
		remLo = lo & (1<<sh - 1)
		halfLo = 1 << (sh - 1)
	case sh == 64:
		q, remLo, halfLo = hi, lo, 1<<63
	default:
		q = hi >> (sh - 64)
		remHi, remLo = hi&(1<<(sh-64)-1), lo
		halfHi = 1 << (sh - 65)
	}
	above := remHi > halfHi || (remHi == halfHi && remLo > halfLo)
	tie := remHi == halfHi && remLo == halfLo
	if above || (tie && q&1 == 1) {
		q++
	}
	if q > maxExact {
		return 0, false
	}
	return float64(q) / float64(p), true
}

// roundDivPow2 returns num / 2**sh rounded half to even (num >= 0).
func roundDivPow2(num *big.Int, sh uint) *big.Int {
	den := new(big.Int).Lsh(bigOne, sh)
	return roundDiv(num, den)
}

// roundDiv returns num / den rounded half to even (num >= 0, den > 0).
func roundDiv(num, den *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	c := r.Lsh(r, 1).Cmp(den) // compare 2*remainder with den
	if c > 0 || (c == 0 && q.Bit(0) == 1) {
		q.Add(q, bigOne)
	}
	return q
}

// pow10 returns 10**n as a new big.Int (n >= 0).
func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// RoundToInt returns round(x) with no ndigits: the nearest integer, ties to
// even, as a Python int (in small, or in big when it does not fit an int64).
// nan and infinities raise the same errors as FloatToInt.
func RoundToInt(x float64) (small int64, big *big.Int, err *Error) {
	r := math.Round(x) // ties away from zero...
	if math.Abs(x-r) == 0.5 {
		r = 2 * math.Round(x/2) // ...so redo ties to even, as CPython does
	}
	return FloatToInt(r)
}

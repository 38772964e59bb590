package pynum

import "math"

// Double-double arithmetic: a value is the unevaluated sum hi + lo of two
// float64s with |lo| <= ulp(hi)/2, which carries about 106 bits. The basic
// building blocks are "error-free transformations": they return a rounded
// result together with the exact rounding error.

// twoSum returns s = fl(a+b) and the error e with s + e == a + b exactly.
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// fastTwoSum is twoSum for |a| >= |b| (or a == 0), with fewer operations.
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

// twoProd returns p = fl(a*b) and the error e with p + e == a * b exactly
// (barring underflow), using a fused multiply-add.
func twoProd(a, b float64) (p, e float64) {
	p = a * b
	e = math.FMA(a, b, -p)
	return p, e
}

// ddAdd returns (ah+al) + (bh+bl) as a normalized double-double. It is the
// "sloppy" addition: accurate unless the two values nearly cancel, which
// never happens where pynum uses it.
func ddAdd(ah, al, bh, bl float64) (float64, float64) {
	s, e := twoSum(ah, bh)
	e += al + bl
	return fastTwoSum(s, e)
}

// ddMul returns (ah+al) * (bh+bl) as a normalized double-double.
func ddMul(ah, al, bh, bl float64) (float64, float64) {
	p, e := twoProd(ah, bh)
	e += ah*bl + al*bh
	return fastTwoSum(p, e)
}

// ddRecip returns 1 / (h+l) as a normalized double-double.
func ddRecip(h, l float64) (float64, float64) {
	q := 1 / h
	r := math.FMA(-q, h, 1) - q*l // 1 - q*(h+l), the first part exactly
	return fastTwoSum(q, q*r)
}

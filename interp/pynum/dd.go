package pynum

import "math"

// Double-double arithmetic: a value is the unevaluated sum hi + lo of two
// float64s with |lo| <= ulp(hi)/2, which carries about 106 bits. The basic
// building blocks are "error-free transformations": they return a rounded
// result together with the exact rounding error.
//
// They hold only if every operation rounds as written, and Go does not
// promise that: the spec lets a compiler fuse x*y + z into one fused
// multiply-add (FMA), which skips the rounding of the product. The arm64
// compiler does it wherever it can (x*y + z, z - x*y, x*y - z), the amd64
// one with GOAMD64=v3 (x*y + z). So these helpers round their operands and
// products explicitly with float64(...), which the spec says prevents fusion,
// and use math.FMA where a fused operation is the point. Elsewhere (the
// low-order correction terms of ddMul, the polynomials and error bounds of
// the Pow kernel) fusion is allowed on purpose: it drops a rounding, so those
// terms only get more accurate, and Pow rounds correctly either way.

// twoSum returns s = fl(a+b) and the error e with s + e == a + b exactly.
func twoSum(a, b float64) (s, e float64) {
	// Round the operands: inlined into a caller, b may be a product x*y,
	// and without the conversion the compiler could fuse each use of it
	// below with the exact x*y, and s + e would not be a + b exactly.
	a, b = float64(a), float64(b)
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// fastTwoSum is twoSum for |a| >= |b| (or a == 0), with fewer operations.
func fastTwoSum(a, b float64) (s, e float64) {
	a, b = float64(a), float64(b) // no fusion with a caller's product: see twoSum
	s = a + b
	e = b - (s - a)
	return s, e
}

// twoProd returns p = fl(a*b) and the error e with p + e == a * b exactly
// (barring underflow), using a fused multiply-add.
func twoProd(a, b float64) (p, e float64) {
	// The conversion keeps p the rounded product wherever the caller uses
	// it. Without it, the compiler may fuse p into the caller's next
	// addition or subtraction (p - 1, p + e) with the exact a*b, which
	// counts the error e twice: on arm64 that made 100 ** 1.5 come out as
	// 999.9999999999998.
	p = float64(a * b)
	// Here fusion is the point: a*b - p is exact, and one FMA computes it.
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

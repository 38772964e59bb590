package pynum

import (
	"math"
	"math/big"
	"math/bits"
	"sync"
)

// The fast path of Pow: log2 and exp2 in double-double arithmetic, with
// table-driven argument reduction. The tables are computed once, with
// big.Float, on first use.

const tableSize = 128 // entries in each table

// logEntry belongs to one of 128 subintervals of the reduced argument:
// invc is close to 1/z for every z in the subinterval, and log2(1/invc) is
// stored exactly enough as the double-double logcHi + logcLo.
type logEntry struct {
	invc, logcHi, logcLo float64
}

var (
	tablesOnce sync.Once
	logTable   [tableSize]logEntry
	exp2Table  [tableSize][2]float64 // 2**(j/128) as a double-double

	ln2Hi, ln2Lo       float64 // ln 2
	invLn2Hi, invLn2Lo float64 // 1/ln 2
	thirdHi, thirdLo   float64 // 1/3
	sixthHi, sixthLo   float64 // 1/6
)

func initTables() {
	const prec = 160
	ln2 := bigLn2(prec)
	ln2Hi, ln2Lo = bigToDD(ln2)
	one := new(big.Float).SetPrec(prec).SetInt64(1)
	invLn2Hi, invLn2Lo = bigToDD(new(big.Float).SetPrec(prec).Quo(one, ln2))
	thirdHi, thirdLo = bigToDD(new(big.Float).SetPrec(prec).Quo(one, big.NewFloat(3)))
	sixthHi, sixthLo = bigToDD(new(big.Float).SetPrec(prec).Quo(one, big.NewFloat(6)))

	for i := range logTable {
		// Subinterval i holds z in [1 + i/128, 1 + (i+1)/128) for i < 64 and
		// z in [1/2 + i/256, 1/2 + (i+1)/256) for i >= 64 (log2dd halves
		// mantissas >= 1.5). c is its centre, except that the two
		// subintervals touching 1 use c = 1, so that log2 of x close to 1
		// is computed without cancellation.
		var c float64
		switch {
		case i == 0 || i == tableSize-1:
			c = 1
		case i < 64:
			c = 1 + (float64(i)+0.5)/128
		default:
			c = 0.5 + (float64(i)+0.5)/256
		}
		invc := 1 / c
		l := bigLog(big.NewFloat(invc), prec)
		l.Quo(l, ln2)
		l.Neg(l)
		logTable[i].invc = invc
		logTable[i].logcHi, logTable[i].logcLo = bigToDD(l)
	}
	for j := range exp2Table {
		z := new(big.Float).SetPrec(prec).SetInt64(int64(j))
		z.Mul(z, ln2)
		z.SetMantExp(z, -7) // j/128 * ln 2
		exp2Table[j][0], exp2Table[j][1] = bigToDD(bigExp(z, prec))
	}
}

// bigToDD rounds v to the nearest double-double.
func bigToDD(v *big.Float) (hi, lo float64) {
	hi, _ = v.Float64()
	rest := new(big.Float).SetPrec(v.Prec()).Sub(v, big.NewFloat(hi))
	lo, _ = rest.Float64()
	return hi, lo
}

// log2dd returns log2(x) for finite x > 0 as a double-double with a relative
// error below 2**-85 (measured in pow_test.go).
func log2dd(x float64) (hi, lo float64) {
	// x = 2**e * z with z in [1, 2), and then z in [0.75, 1.5).
	b := math.Float64bits(x)
	e := int(b>>52) - 1023
	if b>>52 == 0 { // subnormal: scale into the normal range first
		b = math.Float64bits(x * 0x1p54)
		e = int(b>>52) - 1023 - 54
	}
	i := int(b>>(52-7)) & (tableSize - 1) // the top 7 mantissa bits
	z := math.Float64frombits(b&(1<<52-1) | 1023<<52)
	if i >= 64 {
		z *= 0.5
		e++
	}
	t := &logTable[i]

	// r = z*invc - 1 exactly, as rh + rl: z*invc = p + pe exactly, and
	// p - 1 is exact because p is close to 1. |r| <= 2**-7.
	p, pe := twoProd(z, t.invc)
	rh, rl := fastTwoSum(p-1, pe)

	// ln(1+r) = r - r**2/2 + r**3/3 - r**4/4 + r**5*q(r): the terms down to
	// r**4 in double-double, the rest (below 2**-35) in plain float64.
	r2h, r2l := twoProd(rh, rh)
	r2l += 2 * rh * rl
	r3h, r3l := twoProd(r2h, rh)
	r3l += r2h*rl + r2l*rh
	r3h, r3l = ddMul(r3h, r3l, thirdHi, thirdLo) // r**3/3
	r4h, r4l := twoProd(r2h, r2h)
	r4l += 2 * r2h * r2l
	q := lnPoly(rh) * (r4h * rh)

	// Add the high parts from the largest down (each term is at most 1/128
	// of the one before, so fastTwoSum applies) and collect every low part
	// and rounding error in l.
	h, e1 := fastTwoSum(rh, -0.5*r2h)
	h, e2 := fastTwoSum(h, r3h)
	h, e3 := fastTwoSum(h, -0.25*r4h)
	l := rl - 0.5*r2l + r3l - 0.25*r4l + q + e1 + e2 + e3
	h, l = fastTwoSum(h, l)

	// log2(1+r) = ln(1+r) / ln 2
	ph, pl := twoProd(h, invLn2Hi)
	pl += l*invLn2Hi + h*invLn2Lo
	h, l = fastTwoSum(ph, pl)

	// log2(x) = e + log2(c) + log2(1+r). e + log2(c) is 0 or at least
	// 0.0168 in magnitude, which is more than |log2(1+r)| <= 0.0113.
	ah, al := fastTwoSum(float64(e), t.logcHi)
	ah, e4 := fastTwoSum(ah, h)
	return fastTwoSum(ah, al+t.logcLo+l+e4)
}

// lnPoly returns 1/5 - r/6 + r**2/7 - ... + r**10/15, the tail of the
// ln(1+r) series, evaluated by Estrin's scheme (shorter dependency chains
// than Horner's rule).
func lnPoly(r float64) float64 {
	r2 := r * r
	r4 := r2 * r2
	r8 := r4 * r4
	p0 := 1.0/5 - r/6
	p1 := 1.0/7 - r/8
	p2 := 1.0/9 - r/10
	p3 := 1.0/11 - r/12
	p4 := 1.0/13 - r/14
	p5 := 1.0 / 15
	return (p0 + r2*p1) + r4*(p2+r2*p3) + r8*(p4+r2*p5)
}

// exp2dd returns 2**(th+tl) as (rh + rl) * 2**scale with rh in [1, 2)
// (roughly), for |th| <= 1100, with a relative error below 2**-95
// (measured in pow_test.go).
func exp2dd(th, tl float64) (rh, rl float64, scale int) {
	// t = k/128 + f with |f| <= 1/256; k = 128*scale + j.
	k := math.Round(th * 128)
	fh, fl := twoSum(th-k/128, tl) // th - k/128 is exact
	ki := int(k)
	j := ki & (tableSize - 1)
	scale = ki >> 7

	// 2**f = e**g with g = f*ln2, |g| < 0.0028:
	// e**g - 1 = g + g**2/2 + g**3/6 + g**4*p(g), the terms down to g**3 in
	// double-double, the rest (below 2**-38) in plain float64.
	gh, gl := ddMul(fh, fl, ln2Hi, ln2Lo)
	g2h, g2l := twoProd(gh, gh)
	g2l += 2 * gh * gl
	g3h, g3l := twoProd(g2h, gh)
	g3l += g2h*gl + g2l*gh
	g3h, g3l = ddMul(g3h, g3l, sixthHi, sixthLo) // g**3/6
	g4 := g2h * g2h
	p := (1.0/24 + gh/120) + g2h*(1.0/720+gh/5040) + g4*(1.0/40320+gh/362880)

	// As in log2dd: high parts from the largest down, the rest in el.
	eh, e1 := fastTwoSum(gh, 0.5*g2h)
	eh, e2 := fastTwoSum(eh, g3h)
	el := gl + 0.5*g2l + g3l + g4*p + e1 + e2

	// 2**(j/128) * (1 + (e**g - 1)) = T + T*(e**g - 1), where the second
	// term is less than 1/256 of the first.
	T := &exp2Table[j]
	ph, pl := twoProd(T[0], eh)
	pl += T[0]*el + T[1]*eh
	rh, e3 := fastTwoSum(T[0], ph)
	rh, rl = fastTwoSum(rh, e3+pl+T[1])
	return rh, rl, scale
}

// powSlow returns x**y correctly rounded for finite x > 0 and y, using
// big.Float at increasing precision until the rounding is certain.
func powSlow(x, y float64) float64 {
	bx := new(big.Float).SetFloat64(x)
	by := new(big.Float).SetFloat64(y)
	var v *big.Float
	for prec := uint(128); prec <= 4096; prec *= 2 {
		wp := prec + 32
		z := bigLog(bx, wp)
		z.Mul(z, by)
		v = bigExp(z, wp)
		// |v - x**y| < 2**-prec * v, with room to spare; round both ends
		// of that interval.
		errv := new(big.Float).SetMantExp(v, -int(prec))
		lo := new(big.Float).SetPrec(wp).Sub(v, errv)
		hi := new(big.Float).SetPrec(wp).Add(v, errv)
		flo, _ := lo.Float64()
		fhi, _ := hi.Float64()
		if flo == fhi {
			return flo
		}
		// The interval holds a rounding boundary. If x**y is exactly that
		// midpoint, more precision would never help: round it to even.
		if f, ok := exactMidpoint(x, y, flo, fhi); ok {
			return f
		}
	}
	f, _ := v.Float64() // not reached in practice
	return f
}

// exactMidpoint reports whether x**y is exactly the midpoint between the
// adjacent floats lo < hi, and if so returns the one with an even mantissa
// (round half to even).
//
// Write x = mx * 2**ex with mx odd and y = p / 2**k with p odd (or k = 0).
// x**y == M = mM * 2**eM (mM odd) exactly when mM**(2**k) == mx**p and
// eM * 2**k == ex * p. For mx > 1 that needs y > 0, and since mM has at most
// 54 bits and mx at most 53, k <= 5 and p <= 34; powers of two (mx == 1)
// never reach this function.
func exactMidpoint(x, y, lo, hi float64) (float64, bool) {
	if y <= 0 || y > 64 {
		return 0, false
	}
	mx, ex := oddMantissa(x)
	my, ey := oddMantissa(y)
	if mx == 1 {
		return 0, false
	}
	var p uint64
	var k int
	if ey >= 0 {
		p, k = my<<uint(ey), 0
	} else {
		p, k = my, -ey
	}
	if k > 6 || p > 64 {
		return 0, false
	}
	// The midpoint is (2a+1) * 2**(q-1) where lo = a * 2**q and hi = (a+1) * 2**q.
	a, q := oddMantissa(lo)
	if lo == 0 {
		a, q = 0, -1074
	}
	for q > -1074 && a < 1<<52 { // use the ulp of lo's binade
		a <<= 1
		q--
	}
	if math.Ldexp(float64(a+1), q) != hi {
		return 0, false // not adjacent
	}
	mM, eM := 2*a+1, q-1
	if int64(eM)<<uint(k) != int64(ex)*int64(p) {
		return 0, false
	}
	lhs := new(big.Int).Exp(new(big.Int).SetUint64(mM), big.NewInt(1<<uint(k)), nil)
	rhs := new(big.Int).Exp(new(big.Int).SetUint64(mx), new(big.Int).SetUint64(p), nil)
	if lhs.Cmp(rhs) != 0 {
		return 0, false
	}
	if a&1 == 0 {
		return lo, true
	}
	return hi, true
}

// oddMantissa writes a finite f > 0 as m * 2**e with m odd.
func oddMantissa(f float64) (m uint64, e int) {
	frac, exp := math.Frexp(f)
	m = uint64(math.Ldexp(frac, 53))
	e = exp - 53
	tz := bits.TrailingZeros64(m)
	return m >> uint(tz), e + tz
}

package pynum

import (
	"math"
	"math/big"
	"sync"
)

// This file has slow but simple arbitrary-precision ln and exp on big.Float.
// Pow uses them (rarely) when its fast double-double result is too close to a
// rounding boundary, and to build its tables. They are plain Taylor series
// after argument reduction, with generous guard bits: each result has a
// relative error well below 2**-prec.

// bigLog returns ln(x) for x > 0 with a relative error below 2**-prec.
func bigLog(x *big.Float, prec uint) *big.Float {
	wp := prec + 32 // working precision
	m := new(big.Float).SetPrec(wp)
	e := x.MantExp(m) // x = m * 2**e, 0.5 <= m < 1
	if m.Cmp(big.NewFloat(math.Sqrt2/2)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	// Now sqrt(1/2) <= m < sqrt(2), so x near 1 has e == 0 and nothing cancels.
	// ln(m) = 2 atanh(s) = 2 (s + s**3/3 + s**5/5 + ...), s = (m-1)/(m+1).
	one := big.NewFloat(1)
	num := new(big.Float).SetPrec(wp).Sub(m, one)
	den := new(big.Float).SetPrec(wp).Add(m, one)
	s := new(big.Float).SetPrec(wp).Quo(num, den)
	sum := atanhSeries(s, wp)
	sum.SetMantExp(sum, 1) // times 2
	if e != 0 {
		t := new(big.Float).SetPrec(wp).SetInt64(int64(e))
		t.Mul(t, bigLn2(wp+16))
		sum.Add(sum, t)
	}
	return sum.SetPrec(prec)
}

// atanhSeries returns s + s**3/3 + s**5/5 + ... for |s| <= 1/3 at precision wp.
func atanhSeries(s *big.Float, wp uint) *big.Float {
	sum := new(big.Float).SetPrec(wp).Set(s)
	if s.Sign() == 0 {
		return sum
	}
	s2 := new(big.Float).SetPrec(wp).Mul(s, s)
	pow := new(big.Float).SetPrec(wp).Set(s)
	term := new(big.Float).SetPrec(wp)
	limit := sum.MantExp(nil) - int(wp) - 4
	for k := int64(3); ; k += 2 {
		pow.Mul(pow, s2)
		term.Quo(pow, new(big.Float).SetInt64(k))
		if term.Sign() == 0 || term.MantExp(nil) < limit {
			return sum
		}
		sum.Add(sum, term)
	}
}

// bigExp returns e**z with a relative error below 2**-prec. z must be small
// enough for the result's exponent to fit an int (|z| < 1e9 is plenty).
func bigExp(z *big.Float, prec uint) *big.Float {
	const halvings = 16
	wp := prec + 64
	// z = k*ln2 + r with |r| <= ln2/2, so e**z = 2**k * e**r.
	zf, _ := z.Float64()
	k := math.Round(zf / math.Ln2)
	r := new(big.Float).SetPrec(wp).SetFloat64(k)
	r.Mul(r, bigLn2(wp+64))
	r.Sub(z, r)
	// e**r = (e**(r/2**16))**(2**16); the series converges fast for the small
	// argument, and each squaring costs at most a bit of accuracy.
	r.SetMantExp(r, -halvings)
	sum := new(big.Float).SetPrec(wp).SetInt64(1)
	term := new(big.Float).SetPrec(wp).SetInt64(1)
	for n := int64(1); ; n++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetInt64(n))
		if term.Sign() == 0 || term.MantExp(nil) < -int(wp)-4 {
			break
		}
		sum.Add(sum, term)
	}
	for i := 0; i < halvings; i++ {
		sum.Mul(sum, sum)
	}
	sum.SetMantExp(sum, int(k))
	return sum.SetPrec(prec)
}

var ln2Cache struct {
	sync.Mutex
	v *big.Float
}

// bigLn2 returns ln 2 to at least prec bits: 2 atanh(1/3), cached.
func bigLn2(prec uint) *big.Float {
	ln2Cache.Lock()
	defer ln2Cache.Unlock()
	if ln2Cache.v == nil || ln2Cache.v.Prec() < prec {
		wp := prec + 32
		third := new(big.Float).SetPrec(wp).Quo(big.NewFloat(1), big.NewFloat(3))
		v := atanhSeries(third, wp)
		v.SetMantExp(v, 1)
		ln2Cache.v = v.SetPrec(prec)
	}
	return new(big.Float).SetPrec(prec).Set(ln2Cache.v)
}

package pynum

import (
	"math"
	"math/big"
	"math/rand"
	"testing"
)

func TestPowSpecialCases(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	negZero := math.Copysign(0, -1)
	tests := []struct {
		x, y, want float64
		err        string
	}{
		{nan, 0, 1, ""},
		{inf, negZero, 1, ""},
		{1, nan, 1, ""},
		{nan, 1, nan, ""},
		{2, nan, nan, ""},
		{-1, inf, 1, ""},
		{-1, -inf, 1, ""},
		{0.5, inf, 0, ""},
		{0.5, -inf, inf, ""},
		{-2, inf, inf, ""},
		{-2, -inf, 0, ""},
		{-inf, 3, -inf, ""},
		{-inf, 2, inf, ""},
		{-inf, -3, negZero, ""},
		{-inf, -2, 0, ""},
		{inf, -0.5, 0, ""},
		{negZero, 3, negZero, ""},
		{negZero, 2, 0, ""},
		{negZero, 0.5, 0, ""},
		{0, 5, 0, ""},
		{0, -1.5, 0, "ZeroDivisionError: 0.0 cannot be raised to a negative power"},
		{negZero, -1, 0, "ZeroDivisionError: 0.0 cannot be raised to a negative power"},
		{-8, 1.0 / 3, 0, "ValueError: math domain error"},
		{-1.5, 3, -3.375, ""},
		{-2, 0.0, 1, ""},
		{-0.5, -3, -8, ""},
		{-1, 1e300, 1, ""},
		{-1, 1e300 + 1, 1, ""},
		{-1, 3, -1, ""},
		{10, 400, 0, "OverflowError: (34, 'Numerical result out of range')"},
		{-10, 401, 0, "OverflowError: (34, 'Numerical result out of range')"},
		{1e200, 2, 0, "OverflowError: (34, 'Numerical result out of range')"},
		{5e-324, -1, 0, "OverflowError: (34, 'Numerical result out of range')"},
		{10, -400, 0, ""},
		{-10, -401, negZero, ""},
		{0.5, 1074, 5e-324, ""},
		{0.5, 1075, 0, ""}, // exactly half the smallest subnormal: ties to even
		{2, 1023, 0x1p1023, ""},
		{2, 1024, 0, "OverflowError: (34, 'Numerical result out of range')"},
		{4, 0.5, 2, ""},
		{1e308, 1e308, 0, "OverflowError: (34, 'Numerical result out of range')"},
		{1e-308, 1e308, 0, ""},
	}
	for _, tc := range tests {
		got, err := Pow(tc.x, tc.y)
		if errString(err) != tc.err || (tc.err == "" && !sameFloat(got, tc.want)) {
			t.Errorf("Pow(%v, %v) = %v, %q; want %v, %q", tc.x, tc.y, got, errString(err), tc.want, tc.err)
		}
	}
}

// TestPowExactMidpoints checks results that lie exactly halfway between two
// floats, where no amount of precision decides the rounding and Pow must
// notice the tie: (s*s)**1.5 and s**3.0 are s**3, an odd 54-bit integer.
func TestPowExactMidpoints(t *testing.T) {
	n := 0
	for s := int64(1<<17 + 1); n < 40; s += 2 {
		cube := new(big.Int).Exp(big.NewInt(s), big.NewInt(3), nil)
		if cube.BitLen() != 54 {
			continue
		}
		n++
		want, _ := BigToFloat(cube) // ties to even
		for _, c := range [][2]float64{{float64(s * s), 1.5}, {float64(s), 3}} {
			got, err := Pow(c[0], c[1])
			if err != nil || got != want {
				t.Errorf("Pow(%v, %v) = %v, %v; want %v", c[0], c[1], got, err, want)
			}
		}
	}
	// k = 2: (s**4)**1.25 == s**5, a 54-bit odd integer for s near 2**10.7.
	n = 0
	for s := int64(1<<10 + 1); s < 1<<11; s += 2 {
		p5 := new(big.Int).Exp(big.NewInt(s), big.NewInt(5), nil)
		if p5.BitLen() != 54 {
			continue
		}
		n++
		want, _ := BigToFloat(p5)
		if got, err := Pow(float64(s*s*s*s), 1.25); err != nil || got != want {
			t.Errorf("Pow(%d**4, 1.25) = %v, %v; want %v", s, got, err, want)
		}
	}
	if n == 0 {
		t.Error("no s with a 54-bit s**5")
	}
	// Subnormal midpoints: 3**5 * 2**-1075 = 121.5 * 2**-1074 ties to 122 * 2**-1074,
	// 5**5 * 2**-1075 = 1562.5 * 2**-1074 ties to 1562 * 2**-1074.
	for _, c := range []struct{ x, want float64 }{{3 * 0x1p-215, 122 * 0x1p-1074}, {5 * 0x1p-215, 1562 * 0x1p-1074}} {
		if got, err := Pow(c.x, 5); err != nil || got != c.want {
			t.Errorf("Pow(%v, 5) = %v, %v; want %v", c.x, got, err, c.want)
		}
	}
	// 2**-1075 is the midpoint between 0 and the smallest subnormal.
	if got, _ := Pow(0.5, 1075); got != 0 {
		t.Errorf("Pow(0.5, 1075) = %v, want 0", got)
	}
	if got, _ := Pow(0x1p-537, 2); got != 0x1p-1074 {
		t.Errorf("Pow(2**-537, 2) = %v, want 2**-1074", got)
	}
}

// powCR is the reference: the correctly rounded power from big.Float alone.
func powCR(x, y float64) float64 {
	return powSlow(x, y)
}

// randomPowCase draws x > 0 and y such that x**y is mostly within range,
// concentrating on the hard regions (x near 1 with large y, large |t|).
func randomPowCase(rng *rand.Rand) (x, y float64) {
	for {
		switch rng.Intn(4) {
		case 0:
			x = 1 + (rng.Float64()*2-1)*math.Ldexp(1, -rng.Intn(50))
		case 1:
			x = math.Ldexp(rng.Float64()+0.5, rng.Intn(2000)-1000)
		case 2:
			x = 0.75 + rng.Float64()*0.75
		default:
			x = rng.Float64() * 100
		}
		if x > 0 && x != 1 {
			break
		}
	}
	switch rng.Intn(8) {
	case 0: // small integer exponents (powInt)
		return x, float64(rng.Intn(129) - 64)
	case 1: // results near the subnormal range and near overflow
		t := []float64{-1080, -1022, 1020}[rng.Intn(3)] + rng.Float64()*60
		return x, t / math.Log2(x)
	}
	t := (rng.Float64()*2 - 1) * math.Ldexp(1, rng.Intn(11))
	return x, t / math.Log2(x)
}

// TestPowFastPathError measures the fast path's relative error against
// big.Float and checks that powErr bounds it with a wide margin (powErr
// claims a safety factor of more than 20; this insists on 8).
func TestPowFastPathError(t *testing.T) {
	tablesOnce.Do(initTables)
	rng := rand.New(rand.NewSource(7))
	samples := 20000
	if testing.Short() {
		samples = 2000
	}
	worst := 0.0
	for i := 0; i < samples; i++ {
		x, y := randomPowCase(rng)
		lh, ll := log2dd(x)
		th, tl := twoProd(y, lh)
		tl += y * ll
		th, tl = fastTwoSum(th, tl)
		if math.Abs(th) > 1100 {
			continue
		}
		rh, rl, scale := exp2dd(th, tl)
		const prec = 256
		z := bigLog(new(big.Float).SetFloat64(x), prec)
		z.Mul(z, new(big.Float).SetPrec(prec).SetFloat64(y))
		exact := bigExp(z, prec)
		exact.SetMantExp(exact, -scale)
		approx := new(big.Float).SetPrec(prec).SetFloat64(rh)
		approx.Add(approx, big.NewFloat(rl))
		d := new(big.Float).SetPrec(prec).Sub(approx, exact)
		d.Quo(d, exact)
		rel, _ := d.Float64()
		ratio := math.Abs(rel) / powErr(th)
		if ratio > worst {
			worst = ratio
		}
		if ratio > 1.0/8 {
			t.Errorf("Pow(%v, %v): fast path relative error %g is more than 1/8 of powErr %g",
				x, y, math.Abs(rel), powErr(th))
		}
	}
	t.Logf("worst fast-path error: %.4f of the bound", worst)
}

// TestPowRandom compares Pow with the big.Float reference on random cases.
func TestPowRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	samples := 5000
	if testing.Short() {
		samples = 500
	}
	for i := 0; i < samples; i++ {
		x, y := randomPowCase(rng)
		got, err := Pow(x, y)
		want := powCR(x, y)
		if math.IsInf(want, 0) {
			if err == nil {
				t.Errorf("Pow(%v, %v) = %v, want overflow", x, y, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("Pow(%v, %v) = %v, %v; want %v", x, y, got, err, want)
		}
	}
}

// TestPowConcurrent builds the tables from several goroutines at once (run
// with -race).
func TestPowConcurrent(t *testing.T) {
	done := make(chan float64)
	for i := 0; i < 4; i++ {
		go func(i int) {
			r, _ := Pow(1.5+float64(i), 0.3)
			done <- r
		}(i)
	}
	for i := 0; i < 4; i++ {
		<-done
	}
}

func FuzzPow(f *testing.F) {
	for _, c := range [][2]float64{{100, 1.5}, {2, -0.5}, {-8, 3}, {0, -1}, {1.0000001, 1e9}, {0.5, 1074.5},
		{math.Inf(-1), 3}, {math.NaN(), 0}, {5e-324, 0.5}, {1e308, -1.5}} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, x, y float64) {
		got, err := Pow(x, y)
		if err != nil {
			return
		}
		want := math.Pow(x, y)
		if math.IsNaN(want) || math.IsInf(want, 0) || math.IsInf(got, 0) || want == 0 || got == 0 {
			return
		}
		// Go's math.Pow is usually within an ulp or two of the exact power,
		// but not always (100**1.5 is 2 ulps off, 1.0000001**1e9 about
		// 10**7 ulps), so when the two disagree by more than an ulp the slow
		// big.Float reference decides.
		ulp := math.Abs(math.Nextafter(want, math.Inf(1)) - want)
		if math.Abs(got-want) > ulp*1.0000001 {
			if ref := powCR(math.Abs(x), y); math.Abs(got) != ref {
				t.Errorf("Pow(%v, %v) = %v, want %v (math.Pow says %v)", x, y, got, ref, want)
			}
		}
	})
}

func BenchmarkPow(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	xs := make([]float64, 1024)
	ys := make([]float64, 1024)
	for i := range xs {
		xs[i] = rng.Float64() * 100
		ys[i] = rng.Float64()*10 - 5
	}
	Pow(2, 0.3) // build the tables outside the timing
	b.ResetTimer()
	s := 0.0
	for i := 0; i < b.N; i++ {
		r, _ := Pow(xs[i&1023], ys[i&1023])
		s += r
	}
	sink = s
}

func BenchmarkPowInteger(b *testing.B) {
	Pow(2, 0.3)
	b.ResetTimer()
	s := 0.0
	for i := 0; i < b.N; i++ {
		r, _ := Pow(1.0001+float64(i&255), 3)
		s += r
	}
	sink = s
}

func BenchmarkMathPow(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	xs := make([]float64, 1024)
	ys := make([]float64, 1024)
	for i := range xs {
		xs[i] = rng.Float64() * 100
		ys[i] = rng.Float64()*10 - 5
	}
	b.ResetTimer()
	s := 0.0
	for i := 0; i < b.N; i++ {
		s += math.Pow(xs[i&1023], ys[i&1023])
	}
	sink = s
}

var sink float64

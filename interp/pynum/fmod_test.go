package pynum

import (
	"math"
	"math/rand"
	"testing"
)

// TestFmod checks the fast fmod against math.Mod, which is exact.
func TestFmod(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	special := []float64{0, negZero, 1, -1, 3, 0.1, -0.1, 7.5, 1e308, 5e-324, -5e-324, 1e-310,
		math.Inf(1), math.Inf(-1), math.NaN(), 0x1p52, 0x1p53 + 2, 1 - 0x1p-53}
	check := func(x, y float64) {
		if y == 0 {
			return
		}
		got, want := fmod(x, y), math.Mod(x, y)
		if !sameFloat(got, want) && !(got == 0 && want == 0) {
			t.Errorf("fmod(%v, %v) = %v, want %v", x, y, got, want)
		}
	}
	for _, x := range special {
		for _, y := range special {
			check(x, y)
		}
	}
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for i := 0; i < n; i++ {
		x := (rng.Float64()*2 - 1) * math.Ldexp(1, rng.Intn(120)-60)
		y := (rng.Float64()*2 - 1) * math.Ldexp(1, rng.Intn(120)-60)
		if rng.Intn(4) == 0 { // near-integer quotients
			y = x / float64(rng.Intn(1000)+1) * (1 + (rng.Float64()-0.5)*0x1p-50)
		}
		if rng.Intn(8) == 0 { // subnormals
			x, y = x*0x1p-1040, y*0x1p-1040
		}
		check(x, y)
	}
}

func BenchmarkFloorDiv(b *testing.B) {
	s := 0.0
	for i := 0; i < b.N; i++ {
		r, _ := FloorDiv(float64(i&1023)*0.37, 1.3)
		s += r
	}
	sink = s
}

func BenchmarkMod(b *testing.B) {
	s := 0.0
	for i := 0; i < b.N; i++ {
		r, _ := Mod(float64(i&1023)*-0.37, 1.3)
		s += r
	}
	sink = s
}

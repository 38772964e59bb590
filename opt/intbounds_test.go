package opt

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/metajit/metajit/trace"
)

var edgeInts = []int64{0, 1, -1, 2, -2, 3, 7, 8, 15, 16, 63, 64, 100, 255, 256, -256, 1 << 31, -1 << 31,
	1<<32 - 1, 1 << 32, 1 << 62, -1 << 62, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1}

// randomBound returns a random bound, often with ends at the edges of int64 arithmetic.
func randomBound(rng *rand.Rand) IntBound {
	end := func() int64 {
		switch rng.IntN(4) {
		case 0:
			return edgeInts[rng.IntN(len(edgeInts))]
		case 1:
			return edgeInts[rng.IntN(len(edgeInts))] + rng.Int64N(5) - 2
		case 2:
			return int64(rng.Uint64())
		}
		return rng.Int64N(2001) - 1000
	}
	switch rng.IntN(6) {
	case 0:
		return Unbounded
	case 1:
		return Exactly(end())
	}
	a, b := end(), end()
	if a > b {
		a, b = b, a
	}
	return IntBound{a, b}
}

// sample returns a value in b: an end, or anything in between.
func sample(rng *rand.Rand, b IntBound) int64 {
	switch rng.IntN(4) {
	case 0:
		return b.Lo
	case 1:
		return b.Hi
	}
	width := uint64(b.Hi) - uint64(b.Lo)
	if width == math.MaxUint64 {
		return int64(rng.Uint64())
	}
	return int64(uint64(b.Lo) + rng.Uint64N(width+1))
}

var boundedOps = []trace.Opcode{trace.OpIntAdd, trace.OpIntSub, trace.OpIntMul, trace.OpIntAnd, trace.OpIntOr,
	trace.OpIntXor, trace.OpIntLshift, trace.OpIntRshift, trace.OpIntUrshift, trace.OpIntNeg, trace.OpIntInvert,
	trace.OpIntFloorDiv, trace.OpIntMod, trace.OpIntLt, trace.OpIntLe, trace.OpIntEq, trace.OpIntNe, trace.OpIntGt,
	trace.OpIntGe, trace.OpUintLt, trace.OpUintGe, trace.OpIntIsTrue, trace.OpIntIsZero}

// The bound of an op's result contains what the op computes, for any arguments in the bounds
// of its operands.
func TestBoundOfOpIsSound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for k := 0; k < n; k++ {
		opc := boundedOps[rng.IntN(len(boundedOps))]
		a, b := randomBound(rng), randomBound(rng)
		if rng.IntN(3) == 0 {
			b = Exactly(b.Lo) // constants are common right operands
		}
		r := boundOfOp(opc, a, b)
		if r.Lo > r.Hi {
			t.Fatalf("%s(%v, %v) gives the empty bound %v", opc, a, b, r)
		}
		for s := 0; s < 8; s++ {
			x, y := sample(rng, a), sample(rng, b)
			v, _ := trace.Eval(opc, uint64(x), uint64(y))
			if !r.Contains(int64(v)) {
				t.Fatalf("%s(%d, %d) = %d is not in %v, the bound of %s(%v, %v)", opc, x, y, int64(v), r, opc, a, b)
			}
		}
	}
}

// ovfBound's claims hold: never overflowing, always overflowing, and the result's bound.
func TestOvfBoundIsSound(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ops := []trace.Opcode{trace.OpIntAddOvf, trace.OpIntSubOvf, trace.OpIntMulOvf}
	for k := 0; k < 200000; k++ {
		opc := ops[rng.IntN(len(ops))]
		a, b := randomBound(rng), randomBound(rng)
		r, never, always := ovfBound(opc, a, b)
		if never && always {
			t.Fatalf("%s(%v, %v): never and always overflows", opc, a, b)
		}
		for s := 0; s < 8; s++ {
			x, y := sample(rng, a), sample(rng, b)
			v, overflow, _ := trace.EvalOvf(opc, x, y)
			switch {
			case never && overflow:
				t.Fatalf("%s(%d, %d) overflows, but %s(%v, %v) was said never to", opc, x, y, opc, a, b)
			case always && !overflow:
				t.Fatalf("%s(%d, %d) does not overflow, but %s(%v, %v) was said always to", opc, x, y, opc, a, b)
			case !overflow && !r.Contains(v):
				t.Fatalf("%s(%d, %d) = %d is not in %v", opc, x, y, v, r)
			}
		}
	}
}

func TestBoundOfOpCases(t *testing.T) {
	cases := []struct {
		opc  trace.Opcode
		a, b IntBound
		want IntBound
	}{
		{trace.OpIntAdd, IntBound{0, 9}, Exactly(1), IntBound{1, 10}},
		{trace.OpIntAdd, IntBound{0, math.MaxInt64}, Exactly(1), Unbounded}, // may wrap
		{trace.OpIntSub, IntBound{0, 9}, IntBound{1, 2}, IntBound{-2, 8}},
		{trace.OpIntMul, IntBound{-3, 4}, IntBound{-5, 2}, IntBound{-20, 15}},
		{trace.OpIntAnd, Unbounded, Exactly(0xff), IntBound{0, 255}},
		{trace.OpIntAnd, IntBound{0, 10}, IntBound{0, 300}, IntBound{0, 10}},
		{trace.OpIntOr, IntBound{4, 9}, IntBound{0, 3}, IntBound{4, 15}},
		{trace.OpIntXor, IntBound{0, 16}, IntBound{0, 3}, IntBound{0, 31}},
		{trace.OpIntRshift, IntBound{-100, 100}, Exactly(2), IntBound{-25, 25}},
		{trace.OpIntRshift, IntBound{-100, 100}, Unbounded, IntBound{-100, 100}},
		{trace.OpIntUrshift, Unbounded, Exactly(60), IntBound{0, 15}},
		{trace.OpIntLshift, IntBound{0, 255}, Exactly(8), IntBound{0, 255 << 8}},
		{trace.OpIntNeg, IntBound{-5, 7}, Unbounded, IntBound{-7, 5}},
		{trace.OpIntNeg, IntBound{math.MinInt64, 0}, Unbounded, Unbounded},
		{trace.OpIntInvert, IntBound{0, 7}, Unbounded, IntBound{-8, -1}},
		{trace.OpIntFloorDiv, IntBound{-7, 7}, Exactly(2), IntBound{-4, 3}},
		{trace.OpIntMod, Unbounded, Exactly(10), IntBound{0, 9}},
		{trace.OpIntMod, IntBound{0, 5}, Exactly(10), IntBound{0, 5}},
		{trace.OpIntMod, Unbounded, Exactly(-10), IntBound{-9, 0}},
		{trace.OpIntLt, Unbounded, Unbounded, IntBound{0, 1}},
		{trace.OpIntAdd, Exactly(3), Exactly(4), Exactly(7)},
		{trace.OpIntNeg, Exactly(3), Unbounded, Exactly(-3)},
	}
	for _, c := range cases {
		if got := boundOfOp(c.opc, c.a, c.b); got != c.want {
			t.Errorf("%s(%v, %v) = %v, want %v", c.opc, c.a, c.b, got, c.want)
		}
	}
}

func TestBoundOfLoad(t *testing.T) {
	cases := []struct {
		size   uint8
		signed bool
		want   IntBound
	}{
		{1, false, IntBound{0, 255}},
		{1, true, IntBound{-128, 127}},
		{2, false, IntBound{0, 65535}},
		{2, true, IntBound{-32768, 32767}},
		{4, false, IntBound{0, 1<<32 - 1}},
		{4, true, IntBound{-1 << 31, 1<<31 - 1}},
		{8, false, Unbounded},
		{8, true, Unbounded},
	}
	for _, c := range cases {
		if got := boundOfLoad(c.size, c.signed); got != c.want {
			t.Errorf("size %d signed %v: %v, want %v", c.size, c.signed, got, c.want)
		}
	}
}

func TestIntBoundMethods(t *testing.T) {
	b := IntBound{-3, 5}
	if !b.Contains(-3) || !b.Contains(5) || b.Contains(6) || b.NonNegative() {
		t.Errorf("Contains/NonNegative of %v", b)
	}
	if _, ok := b.Const(); ok {
		t.Errorf("%v is not a constant", b)
	}
	if v, ok := Exactly(4).Const(); !ok || v != 4 {
		t.Errorf("Exactly(4).Const() = %d, %v", v, ok)
	}
	if r, ok := b.Intersect(IntBound{0, 10}); !ok || r != (IntBound{0, 5}) {
		t.Errorf("intersect: %v %v", r, ok)
	}
	if _, ok := b.Intersect(IntBound{6, 10}); ok {
		t.Errorf("disjoint bounds intersect")
	}
}

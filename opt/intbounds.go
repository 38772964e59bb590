package opt

import (
	"math"

	"github.com/metajit/metajit/trace"
)

// Integer bounds, as PyPy's optimizeopt/intbounds.py and intutils.py (IntBound): the guards
// pass (guards.go) keeps, for every int value of the trace, an interval [Lo, Hi] that the
// value is known to lie in, from
//
//   - constants ([c, c]);
//   - loads of small fields and array items (a 1-byte unsigned field is in [0, 255]);
//   - the arithmetic that computed it (int_add of [0, 9] and [1, 1] is in [1, 10], unless it
//     may wrap around; int_and with a mask 0xff is in [0, 255]; int_mod by 8 in [0, 7]);
//   - the guards that passed before (after guard_true(int_lt(i, 10)), i <= 9).
//
// With them the guards pass removes comparisons and guards whose outcome is known, and turns
// int_add_ovf/int_sub_ovf/int_mul_ovf that cannot overflow into int_add/int_sub/int_mul
// without their guard_no_overflow.
//
// Every bound must be sound: the value is in the interval on every execution that reaches
// the point where the bound is used. Arithmetic that may wrap gives the full range.

// IntBound is an interval [Lo, Hi] of int64 values (both ends included) that an int value is
// known to lie in. The full range is [math.MinInt64, math.MaxInt64].
type IntBound struct {
	Lo, Hi int64
}

// Unbounded is the full range of int64: what is known of a value nothing is known about.
var Unbounded = IntBound{math.MinInt64, math.MaxInt64}

// Exactly returns the bound [v, v] of the constant v.
func Exactly(v int64) IntBound { return IntBound{v, v} }

// Const returns the value when the bound holds one value only.
func (b IntBound) Const() (int64, bool) { return b.Lo, b.Lo == b.Hi }

// Contains reports whether v is in the bound.
func (b IntBound) Contains(v int64) bool { return b.Lo <= v && v <= b.Hi }

// NonNegative reports whether every value of the bound is >= 0.
func (b IntBound) NonNegative() bool { return b.Lo >= 0 }

// Intersect returns the values in both bounds, and false when there are none (the code
// after the guard that would narrow a value so is unreachable).
func (b IntBound) Intersect(c IntBound) (IntBound, bool) {
	r := IntBound{max(b.Lo, c.Lo), min(b.Hi, c.Hi)}
	return r, r.Lo <= r.Hi
}

// boundsAdd returns the bound of a+b and whether the addition can never overflow.
func boundsAdd(a, b IntBound) (IntBound, bool) {
	lo, o1 := trace.AddOvf(a.Lo, b.Lo)
	hi, o2 := trace.AddOvf(a.Hi, b.Hi)
	if o1 || o2 {
		return Unbounded, false
	}
	return IntBound{lo, hi}, true
}

// boundsSub returns the bound of a-b and whether the subtraction can never overflow.
func boundsSub(a, b IntBound) (IntBound, bool) {
	lo, o1 := trace.SubOvf(a.Lo, b.Hi)
	hi, o2 := trace.SubOvf(a.Hi, b.Lo)
	if o1 || o2 {
		return Unbounded, false
	}
	return IntBound{lo, hi}, true
}

// boundsMul returns the bound of a*b and whether the multiplication can never overflow: the
// product of intervals is spanned by the products of their ends.
func boundsMul(a, b IntBound) (IntBound, bool) {
	r := IntBound{math.MaxInt64, math.MinInt64}
	for _, x := range [2]int64{a.Lo, a.Hi} {
		for _, y := range [2]int64{b.Lo, b.Hi} {
			p, o := trace.MulOvf(x, y)
			if o {
				return Unbounded, false
			}
			r.Lo, r.Hi = min(r.Lo, p), max(r.Hi, p)
		}
	}
	return r, true
}

// ovfCorner computes an overflow-checked op on two values: the result clamped to the int64
// range, and the direction of the overflow: 0 for none, +1 when the true result is above
// math.MaxInt64, -1 when below math.MinInt64.
func ovfCorner(opc trace.Opcode, x, y int64) (int64, int) {
	r, o, _ := trace.EvalOvf(opc, x, y)
	if !o {
		return r, 0
	}
	var up bool
	switch opc {
	case trace.OpIntAddOvf:
		up = x > 0
	case trace.OpIntSubOvf:
		up = x >= 0
	default:
		up = (x < 0) == (y < 0)
	}
	if up {
		return math.MaxInt64, 1
	}
	return math.MinInt64, -1
}

// ovfBound returns, for an int_*_ovf op on values of bounds a and b, the bound of its result
// once guard_no_overflow has passed (the true result, clamped to the int64 range), whether it
// can never overflow (then it is the plain op, with that bound) and whether it always
// overflows. The true result is monotonic in each operand (bilinear for the product), so its
// extremes are at the corners of the bounds.
func ovfBound(opc trace.Opcode, a, b IntBound) (r IntBound, never, always bool) {
	var corners [][2]int64
	switch opc {
	case trace.OpIntAddOvf:
		corners = [][2]int64{{a.Lo, b.Lo}, {a.Hi, b.Hi}}
	case trace.OpIntSubOvf:
		corners = [][2]int64{{a.Lo, b.Hi}, {a.Hi, b.Lo}}
	default:
		corners = [][2]int64{{a.Lo, b.Lo}, {a.Lo, b.Hi}, {a.Hi, b.Lo}, {a.Hi, b.Hi}}
	}
	r = IntBound{math.MaxInt64, math.MinInt64}
	never, up, down := true, true, true
	for _, c := range corners {
		v, dir := ovfCorner(opc, c[0], c[1])
		r.Lo, r.Hi = min(r.Lo, v), max(r.Hi, v)
		never = never && dir == 0
		up = up && dir > 0
		down = down && dir < 0
	}
	return r, never, up || down
}

// plainOf maps an overflow-checked op to the plain op that computes the same wrapped result.
var plainOf = map[trace.Opcode]trace.Opcode{
	trace.OpIntAddOvf: trace.OpIntAdd,
	trace.OpIntSubOvf: trace.OpIntSub,
	trace.OpIntMulOvf: trace.OpIntMul,
}

// boundOfOp returns the bound of the result of a pure int op with arguments of bounds a and b
// (b is ignored by unary ops).
func boundOfOp(opc trace.Opcode, a, b IntBound) IntBound {
	if x, ok := a.Const(); ok && opc.Info().Result == trace.Int {
		unary := len(opc.Info().Args) == 1
		if y, ok := b.Const(); ok || unary {
			if v, ok := trace.Eval(opc, uint64(x), uint64(y)); ok {
				return Exactly(int64(v))
			}
		}
	}
	if isBoolOp(opc) {
		return IntBound{0, 1}
	}
	switch opc {
	case trace.OpIntAdd:
		r, _ := boundsAdd(a, b)
		return r
	case trace.OpIntSub:
		r, _ := boundsSub(a, b)
		return r
	case trace.OpIntMul:
		r, _ := boundsMul(a, b)
		return r
	case trace.OpIntAnd:
		// The result has no bit that either operand lacks: a non-negative operand bounds it.
		switch {
		case a.NonNegative() && b.NonNegative():
			return IntBound{0, min(a.Hi, b.Hi)}
		case a.NonNegative():
			return IntBound{0, a.Hi}
		case b.NonNegative():
			return IntBound{0, b.Hi}
		}
	case trace.OpIntOr, trace.OpIntXor:
		if a.NonNegative() && b.NonNegative() {
			// No bit above the highest bit of either operand.
			hi := int64(1)<<bitLen(uint64(max(a.Hi, b.Hi))) - 1
			lo := int64(0)
			if opc == trace.OpIntOr {
				lo = max(a.Lo, b.Lo)
			}
			return IntBound{lo, hi}
		}
	case trace.OpIntRshift:
		if k, ok := b.Const(); ok {
			k &= 63
			return IntBound{a.Lo >> k, a.Hi >> k}
		}
		// An arithmetic shift by any count moves a value toward 0 or -1.
		return IntBound{min(a.Lo, 0), max(a.Hi, 0)}
	case trace.OpIntUrshift:
		if k, ok := b.Const(); ok {
			k &= 63
			if a.NonNegative() {
				return IntBound{a.Lo >> k, a.Hi >> k}
			}
			if k > 0 {
				return IntBound{0, int64(uint64(math.MaxUint64) >> uint(k))}
			}
			return a
		}
		if a.NonNegative() {
			return IntBound{0, a.Hi}
		}
	case trace.OpIntLshift:
		if k, ok := b.Const(); ok {
			k &= 63
			lo, hi := a.Lo<<k, a.Hi<<k
			if lo>>k == a.Lo && hi>>k == a.Hi {
				return IntBound{lo, hi}
			}
		}
	case trace.OpIntNeg:
		if a.Lo != math.MinInt64 {
			return IntBound{-a.Hi, -a.Lo}
		}
	case trace.OpIntInvert:
		return IntBound{^a.Hi, ^a.Lo}
	case trace.OpIntFloorDiv:
		if c, ok := b.Const(); ok && c > 0 {
			return IntBound{trace.FloorDiv(a.Lo, c), trace.FloorDiv(a.Hi, c)}
		}
	case trace.OpIntMod:
		if c, ok := b.Const(); ok {
			switch {
			case c > 0 && a.NonNegative() && a.Hi < c:
				return a
			case c > 0:
				return IntBound{0, c - 1}
			case c < -1:
				return IntBound{c + 1, 0}
			}
		}
	}
	return Unbounded
}

// bitLen is the number of bits needed for u (0 for 0).
func bitLen(u uint64) uint {
	n := uint(0)
	for u != 0 {
		n++
		u >>= 1
	}
	return n
}

// boundOfLoad returns the bound of a value loaded from a field or array item of the given
// size and signedness: a 1-byte unsigned field is in [0, 255].
func boundOfLoad(size uint8, signed bool) IntBound {
	if size == 0 || size >= 8 {
		return Unbounded
	}
	bits := uint(size) * 8
	if signed {
		return IntBound{-1 << (bits - 1), 1<<(bits-1) - 1}
	}
	return IntBound{0, 1<<bits - 1}
}

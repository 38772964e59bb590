package pynum

import (
	"math"
	"strconv"
)

// FormatFloat returns repr(f) (which is also str(f)) exactly as CPython 3.11
// prints it: the shortest digits that read back as f, in positional notation
// when the decimal exponent is between -4 and 15 ("0.0001", "2.0",
// "123456789012345.0") and in exponent notation otherwise ("1e-05", "1e+16",
// "1.5e+300", "5e-324"). Special values print as "inf", "-inf", "nan" and
// "-0.0".
func FormatFloat(f float64) string {
	var buf [32]byte
	return string(AppendFloat(buf[:0], f))
}

// AppendFloat appends FormatFloat(f) to dst and returns the extended slice;
// it lets hot code build strings without an intermediate allocation.
func AppendFloat(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "nan"...)
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	}
	if math.Signbit(f) {
		dst = append(dst, '-')
		f = -f
	}
	if f == 0 {
		return append(dst, "0.0"...)
	}

	// Go's shortest formatting and CPython's repr (David Gay's dtoa in
	// mode 0) both choose the shortest digit string that rounds back to f,
	// and the one nearest f when several are equally short. They differ only
	// in layout, which we redo below. 'e' format gives "d.ddde±XX".
	var tmp [32]byte
	e := strconv.AppendFloat(tmp[:0], f, 'e', -1, 64)
	mant, exp := splitExp(e)
	if exp < -4 || exp >= 16 {
		// Python's exponent layout matches Go's: at least two exponent
		// digits, always a sign.
		return append(dst, e...)
	}

	// Collect the significant digits without the decimal point.
	var digits [20]byte
	n := 0
	for _, c := range mant {
		if c != '.' {
			digits[n] = c
			n++
		}
	}
	if exp < 0 {
		// 0.000ddd
		dst = append(dst, '0', '.')
		for i := 0; i < -exp-1; i++ {
			dst = append(dst, '0')
		}
		return append(dst, digits[:n]...)
	}
	// The decimal point goes after digit number exp+1.
	intDigits := exp + 1
	if n <= intDigits {
		dst = append(dst, digits[:n]...)
		for i := n; i < intDigits; i++ {
			dst = append(dst, '0')
		}
		return append(dst, '.', '0')
	}
	dst = append(dst, digits[:intDigits]...)
	dst = append(dst, '.')
	return append(dst, digits[intDigits:n]...)
}

// splitExp splits Go's "d.ddde±XX" into the mantissa text and the exponent.
func splitExp(s []byte) (mant []byte, exp int) {
	i := len(s) - 1
	for s[i] != 'e' {
		i--
	}
	for _, c := range s[i+2:] {
		exp = exp*10 + int(c-'0')
	}
	if s[i+1] == '-' {
		exp = -exp
	}
	return s[:i], exp
}

package interp

// int(s, base): parsing an int literal in any base, as CPython 3.11's PyLong_FromString.
// Base 10 is pynum.ParseInt's job (it is also what int(s) uses); this file adds the other bases
// and base 0, which reads the base from a 0x/0o/0b prefix as Python source does.

import (
	"math/big"
	"strconv"
	"strings"
	"unicode"

	"github.com/metajit/metajit/interp/pynum"
)

// ParseIntBase returns int(s, base) for base 0 or 2..36: surrounding whitespace, a sign, an
// optional 0x/0o/0b prefix matching the base (the prefix decides the base when base is 0),
// digits with single underscores between them. Anything else raises ValueError
// "invalid literal for int() with base 16: 'xyz'".
func ParseIntBase(s string, base int) (Value, *Exception) {
	if base == 10 {
		return intResult(pynum.ParseInt(s))
	}
	fail := func() (Value, *Exception) {
		r := []rune(pynum.PyRepr(s))
		if len(r) > 200 {
			r = r[:200]
		}
		return Value{}, Errorf(ValueErrorType, "invalid literal for int() with base %d: %s", base, string(r))
	}
	t, ok := asciiDigitsAndSpaces(s)
	if !ok {
		return fail()
	}
	t = strings.TrimLeft(t, " \t\n\v\f\r")
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}

	// The base and its prefix.
	b := base
	zeroOnly := false // base 0 with a leading 0 and no prefix: only zeros are allowed ("00", not "017")
	prefix := func(c byte) int {
		switch c {
		case 'x', 'X':
			return 16
		case 'o', 'O':
			return 8
		case 'b', 'B':
			return 2
		}
		return 0
	}
	if b == 0 {
		switch {
		case len(t) == 0 || t[0] != '0':
			b = 10
		case len(t) > 1 && prefix(t[1]) != 0:
			b = prefix(t[1])
		default:
			b, zeroOnly = 10, true
		}
	}
	if len(t) > 1 && t[0] == '0' && prefix(t[1]) == b {
		t = t[2:]
		if t != "" && t[0] == '_' {
			t = t[1:] // one underscore may follow the prefix: 0x_ff
		}
	}

	// The digits, each underscore between two digits.
	var digits strings.Builder
	i := 0
	for ; i < len(t); i++ {
		c := t[i]
		if c == '_' {
			if i == 0 || t[i-1] == '_' || i+1 == len(t) || digitValue(t[i+1]) >= b {
				return fail()
			}
			continue
		}
		if digitValue(c) >= b {
			break
		}
		digits.WriteByte(c)
	}
	if digits.Len() == 0 || strings.TrimRight(t[i:], " \t\n\v\f\r") != "" {
		return fail()
	}
	d := digits.String()
	if zeroOnly && strings.Trim(d, "0") != "" {
		return fail()
	}
	if b&(b-1) != 0 && len(d) > pynum.IntMaxStrDigits {
		// CPython limits the digits of non-power-of-two bases (quadratic-time conversion).
		return Value{}, Errorf(ValueErrorType, "Exceeds the limit (%d digits) for integer string conversion: "+
			"value has %d digits; use sys.set_int_max_str_digits() to increase the limit", pynum.IntMaxStrDigits, len(d))
	}
	if neg {
		d = "-" + d
	}
	if n, err := strconv.ParseInt(d, b, 64); err == nil {
		return Int(n), nil
	}
	n, _ := new(big.Int).SetString(d, b) // the digits were checked above
	return BigInt(n), nil
}

// digitValue is the value of an ASCII digit or letter in bases up to 36, or 99.
func digitValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// asciiDigitsAndSpaces maps Unicode decimal digits to ASCII digits and Unicode spaces to ' ',
// as CPython does before parsing a number (so int('١٢', 16) == 18). ok is false if anything
// else outside ASCII remains.
func asciiDigitsAndSpaces(s string) (string, bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s, true
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case pyIsSpace(r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Nd, r):
			// Decimal digits come in runs of ten starting at zero: count the digits before r.
			n := 0
			for unicode.Is(unicode.Nd, r-rune(n)-1) {
				n++
			}
			b.WriteByte(byte('0' + n%10))
		default:
			return "", false
		}
	}
	return b.String(), true
}

package pynum

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// IntMaxStrDigits is CPython 3.11's default limit on the number of decimal
// digits in int <-> str conversions (sys.get_int_max_str_digits()).
const IntMaxStrDigits = 4300

// ParseFloat returns float(s) for a str argument, as CPython 3.11 parses it:
// surrounding whitespace is ignored; a sign may precede a decimal number
// ("1.5", ".5", "5.", "1e-3", "1_000.5": an underscore only between two
// digits) or "inf", "infinity", "nan" in any case. Non-ASCII decimal digits
// (such as "١٢٣") count as digits and Unicode spaces as spaces. Values too
// large become inf, as in CPython. Anything else raises ValueError
// "could not convert string to float: 'abc'" quoting repr(s).
func ParseFloat(s string) (float64, *Error) {
	fail := func() (float64, *Error) {
		return 0, valueErr("could not convert string to float: " + PyRepr(s))
	}
	t, ok := toASCII(s)
	if !ok {
		return fail()
	}
	if strings.IndexByte(t, '_') >= 0 {
		if t, ok = removeUnderscores(t); !ok {
			return fail()
		}
	}
	t = trimSpace(t)
	if !validFloat(t) {
		return fail()
	}
	body := strings.TrimLeft(t, "+-")
	neg := len(body) < len(t) && t[0] == '-'
	switch strings.ToLower(body) {
	case "inf", "infinity":
		return signed(math.Inf(1), neg), nil
	case "nan":
		return math.NaN(), nil // Go's ParseFloat rejects "-nan"
	}
	// t is now a plain decimal that strconv reads with the same correct
	// rounding as CPython's dtoa.
	f, err := strconv.ParseFloat(t, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return fail() // not expected after validFloat
	}
	return f, nil // on ErrRange f is ±inf or ±0, as in Python
}

// validFloat reports whether t (already stripped, without underscores) is
// [sign] (inf | infinity | nan | digits [. [digits]] [exp] | . digits [exp])
// where exp is (e|E) [sign] digits.
func validFloat(t string) bool {
	i := 0
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		i++
	}
	switch strings.ToLower(t[i:]) {
	case "inf", "infinity", "nan":
		return true
	}
	digits := func() int {
		n := 0
		for i < len(t) && '0' <= t[i] && t[i] <= '9' {
			i++
			n++
		}
		return n
	}
	n := digits()
	if i < len(t) && t[i] == '.' {
		i++
		n += digits()
	}
	if n == 0 {
		return false
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i++
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(t)
}

// removeUnderscores drops the underscores of t, following CPython's
// _Py_string_to_number_with_underscores: each must come right after a digit
// and right before a digit.
func removeUnderscores(t string) (string, bool) {
	var b strings.Builder
	prev := byte(0)
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == '_' {
			if !isDigit(prev) {
				return "", false
			}
		} else {
			if prev == '_' && !isDigit(c) {
				return "", false
			}
			b.WriteByte(c)
		}
		prev = c
	}
	if prev == '_' {
		return "", false
	}
	return b.String(), true
}

// ParseInt returns int(s) for a str argument in base 10, as CPython 3.11:
// surrounding whitespace, an optional sign, digits with single underscores
// between them, leading zeros allowed. The value is in small when it fits
// an int64, else in big. Bad input raises ValueError
// "invalid literal for int() with base 10: 'x'" (repr(s) cut to 200
// characters, as CPython does); more than 4300 digits raise the ValueError
// of CPython's integer string conversion length limit.
func ParseInt(s string) (int64, *big.Int, *Error) {
	fail := func() (int64, *big.Int, *Error) {
		r := []rune(PyRepr(s))
		if len(r) > 200 {
			r = r[:200]
		}
		return 0, nil, valueErr("invalid literal for int() with base 10: " + string(r))
	}
	t, ok := toASCII(s)
	if !ok {
		return fail()
	}
	i := 0
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	neg := false
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		neg = t[i] == '-'
		i++
	}
	// The digit run: digits, each underscore between two digits.
	var digits []byte
	prev := byte(0)
	for ; i < len(t) && (isDigit(t[i]) || t[i] == '_'); i++ {
		if t[i] == '_' {
			if !isDigit(prev) {
				return fail() // leading or double underscore
			}
		} else {
			digits = append(digits, t[i])
		}
		prev = t[i]
	}
	if prev == '_' || len(digits) == 0 {
		return fail()
	}
	if len(digits) > IntMaxStrDigits {
		// CPython checks the length before looking at what follows.
		return 0, nil, valueErr("Exceeds the limit (4300 digits) for integer string conversion: value has " +
			strconv.Itoa(len(digits)) + " digits; use sys.set_int_max_str_digits() to increase the limit")
	}
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	if i != len(t) {
		return fail()
	}

	if neg {
		digits = append([]byte{'-'}, digits...)
	}
	if v, err := strconv.ParseInt(string(digits), 10, 64); err == nil {
		return v, nil, nil
	}
	b, _ := new(big.Int).SetString(string(digits), 10) // digits are valid
	return 0, b, nil
}

// CheckIntStrDigits returns the ValueError CPython 3.11 raises when str(b)
// or repr(b) would need more than 4300 decimal digits (not counting the
// sign), and nil when b may be converted.
func CheckIntStrDigits(b *big.Int) *Error {
	// 10**4300 has 14285 bits: decide by size, and compare only when the
	// bit length is the same as the limit's.
	n := b.BitLen()
	lim := intStrLimit()
	switch {
	case n < lim.BitLen():
		return nil
	case n == lim.BitLen() && b.CmpAbs(lim) < 0:
		return nil
	}
	return valueErr("Exceeds the limit (4300 digits) for integer string conversion; " +
		"use sys.set_int_max_str_digits() to increase the limit")
}

// intStrLimit returns 10**IntMaxStrDigits, the smallest int with too many
// digits, computed once.
var intStrLimit = sync.OnceValue(func() *big.Int { return pow10(IntMaxStrDigits) })

// toASCII does what CPython does to a str before parsing a number
// (_PyUnicode_TransformDecimalAndSpaceToASCII): ASCII characters stay, other
// whitespace becomes ' ', other decimal digits become '0'..'9'. Any other
// non-ASCII character makes the string invalid (ok false).
func toASCII(s string) (string, bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
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
		case r < 127:
			b.WriteByte(byte(r))
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsDigit(r):
			b.WriteByte('0' + byte(digitValue(r)))
		default:
			return "", false
		}
	}
	return b.String(), true
}

// digitValue returns the value of a Unicode decimal digit (category Nd).
// Unicode encodes every decimal digit set as ten consecutive code points
// from 0 to 9, so the value is the distance from the start of the run of
// digits, modulo 10.
func digitValue(r rune) int {
	start := r
	for unicode.IsDigit(start - 1) {
		start--
	}
	return int(r-start) % 10
}

// isSpace is CPython's Py_ISSPACE: ASCII whitespace only.
func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func trimSpace(t string) string {
	for len(t) > 0 && isSpace(t[0]) {
		t = t[1:]
	}
	for len(t) > 0 && isSpace(t[len(t)-1]) {
		t = t[:len(t)-1]
	}
	return t
}

// PyRepr returns Python's repr() of a str: single quotes unless the text
// contains a single quote and no double quote; backslash escapes for the
// quote, backslash, \t, \n, \r and for non-printable characters
// (\xhh, \uhhhh, \Uhhhhhhhh). Printable non-ASCII characters stay as they are.
func PyRepr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	const hex = "0123456789abcdef"
	b := []byte{quote}
	for _, r := range s {
		switch {
		case r == rune(quote) || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\t':
			b = append(b, '\\', 't')
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r < ' ' || r == 0x7f:
			b = append(b, '\\', 'x', hex[r>>4], hex[r&15])
		case r < 0x7f || unicode.IsPrint(r):
			b = utf8.AppendRune(b, r)
		case r <= 0xff:
			b = append(b, '\\', 'x', hex[r>>4], hex[r&15])
		case r <= 0xffff:
			b = append(b, '\\', 'u', hex[r>>12], hex[r>>8&15], hex[r>>4&15], hex[r&15])
		default:
			b = append(b, '\\', 'U', '0', '0', hex[r>>20&15], hex[r>>16&15],
				hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
		}
	}
	return string(append(b, quote))
}

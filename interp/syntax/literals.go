package syntax

// Turning the text of number and string tokens into values.

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxIntDigits is CPython's default limit on the digits of a decimal int literal
// (sys.get_int_max_str_digits()).
const maxIntDigits = 4300

// numberValue is a decoded numeric literal: exactly one of the fields is set.
type numberValue struct {
	intVal   *big.Int
	floatVal float64
	isFloat  bool
	isImag   bool // a complex literal such as 2j: outside the subset
}

// parseNumber decodes the text of a NUMBER token. The lexer already checked its form, so
// the only errors left are the digit limit of decimal ints.
func parseNumber(text string) (numberValue, string) {
	last := text[len(text)-1]
	if last == 'j' || last == 'J' {
		return numberValue{isImag: true}, ""
	}
	clean := strings.ReplaceAll(text, "_", "")
	if len(clean) > 1 && clean[0] == '0' {
		base := 0
		switch clean[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			v, ok := new(big.Int).SetString(clean[2:], base)
			if !ok { // cannot happen: the lexer checked the digits
				return numberValue{}, "invalid syntax"
			}
			return numberValue{intVal: v}, ""
		}
	}
	if strings.ContainsAny(clean, ".eE") {
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil {
			// Out of range is fine: like CPython, 1e999 is inf and 1e-999 is 0.0.
			if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
				return numberValue{}, "invalid syntax"
			}
		}
		return numberValue{floatVal: f, isFloat: true}, ""
	}
	if len(clean) > maxIntDigits {
		return numberValue{}, fmt.Sprintf("Exceeds the limit (%d digits) for integer string conversion: value has %d digits; "+
			"use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals "+
			"to avoid decimal conversion limits.", maxIntDigits, len(clean))
	}
	v, ok := new(big.Int).SetString(clean, 10)
	if !ok {
		return numberValue{}, "invalid syntax"
	}
	return numberValue{intVal: v}, ""
}

// stringValue is one decoded string token.
type stringValue struct {
	value   string
	isBytes bool
	isF     bool   // an f-string: outside the subset, left undecoded
	notImpl string // an escape that metajit cannot represent, e.g. "'\N{...}' escapes"
	err     string // a decoding error, worded as CPython words it
}

// decodeString decodes the raw text of a STRING token: prefix, quotes, escapes.
func decodeString(text string) stringValue {
	i := strings.IndexAny(text, `'"`)
	prefix := strings.ToLower(text[:i])
	body := text[i:]
	q := 1
	if len(body) >= 6 && (strings.HasPrefix(body, `"""`) || strings.HasPrefix(body, `'''`)) {
		q = 3
	}
	body = body[q : len(body)-q]

	sv := stringValue{
		isBytes: strings.Contains(prefix, "b"),
		isF:     strings.Contains(prefix, "f"),
	}
	raw := strings.Contains(prefix, "r")
	if sv.isF {
		return sv
	}
	if sv.isBytes {
		for j := 0; j < len(body); j++ {
			if body[j] >= 0x80 {
				sv.err = "bytes can only contain ASCII literal characters"
				return sv
			}
		}
		return sv
	}
	if raw || !strings.Contains(body, `\`) {
		sv.value = body
		return sv
	}
	sv.value, sv.notImpl, sv.err = decodeEscapes(body)
	return sv
}

// decodeEscapes processes the backslash escapes of a non-raw str literal.
//
// CPython first rewrites every non-ASCII character of the literal as a \UXXXXXXXX escape
// and then runs the 'unicodeescape' codec over the result, so the positions in its error
// messages count each non-ASCII character as 10. We do the same to report the same
// positions.
func decodeEscapes(body string) (value, notImpl, errMsg string) {
	var buf strings.Builder
	for i := 0; i < len(body); {
		if body[i] == '\\' {
			buf.WriteByte('\\')
			i++
			if i >= len(body) || body[i] >= 0x80 {
				buf.WriteString("u005c")
				if i >= len(body) {
					break
				}
			}
		}
		if body[i] >= 0x80 {
			r, size := utf8.DecodeRuneInString(body[i:])
			fmt.Fprintf(&buf, `\U%08x`, r)
			i += size
		} else {
			buf.WriteByte(body[i])
			i++
		}
	}
	s := buf.String()

	var out strings.Builder
	fail := func(start, end int, msg string) (string, string, string) {
		// end is exclusive, as in CPython's codec error.
		if end-start == 1 {
			return "", "", fmt.Sprintf("(unicode error) 'unicodeescape' codec can't decode byte 0x%02x in position %d: %s", s[start], start, msg)
		}
		return "", "", fmt.Sprintf("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: %s", start, end-1, msg)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			out.WriteByte(c)
			i++
			continue
		}
		start := i
		i++
		if i >= len(s) {
			return fail(start, i, "\\ at end of string")
		}
		c = s[i]
		i++
		switch c {
		case '\n': // line continuation inside the string
		case '\\', '\'', '"':
			out.WriteByte(c)
		case 'a':
			out.WriteByte('\a')
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case 'n':
			out.WriteByte('\n')
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case 'v':
			out.WriteByte('\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for k := 0; k < 2 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
				v = v*8 + int(s[i]-'0')
				i++
			}
			out.WriteRune(rune(v))
		case 'x', 'u', 'U':
			count, msg := 2, `truncated \xXX escape`
			if c == 'u' {
				count, msg = 4, `truncated \uXXXX escape`
			} else if c == 'U' {
				count, msg = 8, `truncated \UXXXXXXXX escape`
			}
			v := 0
			for ; count > 0; count-- {
				if i >= len(s) {
					return fail(start, i, msg)
				}
				d := hexDigit(s[i])
				if d < 0 {
					return fail(start, i, msg)
				}
				v = v*16 + d
				i++
			}
			if v > 0x10FFFF {
				return fail(start, i, "illegal Unicode character")
			}
			if v >= 0xD800 && v <= 0xDFFF {
				notImpl = "surrogate characters in strings"
			}
			out.WriteRune(rune(v))
		case 'N':
			if i < len(s) && s[i] == '{' {
				j := strings.IndexByte(s[i:], '}')
				if j > 1 {
					notImpl = `'\N{...}' escapes`
					i += j + 1
					continue
				}
				if j == 1 {
					return fail(start, i+1, "malformed \\N character escape")
				}
			}
			return fail(start, min(i+1, len(s)), "malformed \\N character escape")
		default:
			// An unknown escape keeps its backslash (CPython only warns).
			out.WriteByte('\\')
			out.WriteByte(c)
		}
	}
	return out.String(), notImpl, ""
}

func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

package interp

// repr() and str() of every kind of value, byte for byte as CPython 3.11 prints them.

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/metajit/metajit/interp/compile"
	"github.com/metajit/metajit/interp/pynum"
)

// Repr returns repr(v). It never fails: an int too long for CPython's digit limit is printed
// in full (ReprErr raises instead).
func Repr(v Value) string {
	r := reprState{}
	r.repr(v)
	return r.b.String()
}

// StrOf returns str(v) (never failing, like Repr).
func StrOf(v Value) string {
	if v.kind == KindStr {
		return v.ref.(*Str).S
	}
	r := reprState{}
	r.str(v)
	return r.b.String()
}

// ReprErr is repr(v) with CPython's errors: ValueError for an int of more than 4300 digits,
// RecursionError for containers nested too deeply.
func ReprErr(in *Interp, v Value) (string, *Exception) {
	r := reprState{checked: true}
	r.repr(v)
	return r.b.String(), r.err
}

// StrErr is str(v) with CPython's errors (see ReprErr).
func StrErr(in *Interp, v Value) (string, *Exception) {
	if v.kind == KindStr {
		return v.ref.(*Str).S, nil
	}
	r := reprState{checked: true}
	r.str(v)
	return r.b.String(), r.err
}

// reprState accumulates one repr. active holds the containers being printed, so that a
// container inside itself prints as [...] or {...}, as CPython's Py_ReprEnter does.
type reprState struct {
	b       strings.Builder
	active  []any
	checked bool // raise CPython's errors (else print something and carry on)
	err     *Exception
}

// enter marks a container as being printed; false means it already is (a cycle), or that
// the nesting is too deep.
func (r *reprState) enter(ref any) bool {
	for _, a := range r.active {
		if a == ref {
			return false
		}
	}
	if len(r.active) > containerRecursionLimit && r.checked && r.err == nil {
		r.err = NewException(RecursionErrorType, "maximum recursion depth exceeded while getting the repr of an object")
	}
	r.active = append(r.active, ref)
	return true
}

func (r *reprState) leave() { r.active = r.active[:len(r.active)-1] }

// str writes str(v): only strings and exceptions differ from repr.
func (r *reprState) str(v Value) {
	switch v.kind {
	case KindStr:
		r.b.WriteString(v.ref.(*Str).S)
	case KindExc:
		r.excStr(v.ref.(*Exception))
	default:
		r.repr(v)
	}
}

// excStr writes str(e): "" for no arguments, str of a single argument (repr for KeyError),
// the repr of the args tuple otherwise.
func (r *reprState) excStr(e *Exception) {
	switch len(e.Args) {
	case 0:
	case 1:
		if e.Type.IsSubtype(KeyErrorType) {
			r.repr(e.Args[0])
		} else {
			r.str(e.Args[0])
		}
	default:
		r.seq("(", ")", len(e.Args), func(i int) Value { return e.Args[i] })
	}
}

// repr writes repr(v).
func (r *reprState) repr(v Value) {
	b := &r.b
	switch v.kind {
	case KindNone:
		b.WriteString("None")
	case KindBool:
		if v.n != 0 {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case KindInt:
		var buf [24]byte
		b.Write(strconv.AppendInt(buf[:0], int64(v.n), 10))
	case KindBigInt:
		r.bigInt(v.Big())
	case KindFloat:
		var buf [32]byte
		b.Write(pynum.AppendFloat(buf[:0], v.Float()))
	case KindStr:
		writeStrRepr(b, v.ref.(*Str).S)
	case KindList:
		l := v.ref.(*List)
		if l.Len() == 0 {
			b.WriteString("[]")
			return
		}
		if !r.enter(l) {
			b.WriteString("[...]")
			return
		}
		r.list(l)
		r.leave()
	case KindTuple:
		t := v.ref.(*Tuple)
		if len(t.Items) == 1 {
			b.WriteByte('(')
			r.repr(t.Items[0])
			b.WriteString(",)")
			return
		}
		r.seq("(", ")", len(t.Items), func(i int) Value { return t.Items[i] })
	case KindDict:
		d := v.ref.(*Dict)
		if d.used == 0 {
			b.WriteString("{}")
			return
		}
		if !r.enter(d) {
			b.WriteString("{...}")
			return
		}
		r.dict(d)
		r.leave()
	case KindDictView:
		view := v.ref.(*DictView)
		if !r.enter(view) {
			b.WriteString("...")
			return
		}
		b.WriteString(view.Type().Name)
		b.WriteByte('(')
		items := make([]Value, 0, view.Len())
		for pos := 0; ; {
			var k, val Value
			var ok bool
			if pos, k, val, ok = view.Dict.Next(pos); !ok {
				break
			}
			items = append(items, view.viewItem(k, val))
		}
		r.seq("[", "]", len(items), func(i int) Value { return items[i] })
		r.leave()
		b.WriteByte(')')
	case KindRange:
		b.WriteString(rangeRepr(v.ref.(*Range)))
	case KindSlice:
		s := v.ref.(*Slice)
		b.WriteString("slice(")
		r.repr(s.Lo)
		b.WriteString(", ")
		r.repr(s.Hi)
		b.WriteString(", ")
		r.repr(s.Step)
		b.WriteByte(')')
	case KindFunc:
		f := v.ref.(*Function)
		fmt.Fprintf(b, "<function %s at %#x>", f.Name, fakeAddress(f))
	case KindBuiltin:
		fn := v.ref.(*Builtin)
		if owner := methodOwner[fn]; owner != nil {
			fmt.Fprintf(b, "<method '%s' of '%s' objects>", fn.Name, owner.Name)
		} else {
			fmt.Fprintf(b, "<built-in function %s>", fn.Name)
		}
	case KindMethod:
		m := v.ref.(*Method)
		fmt.Fprintf(b, "<built-in method %s of %s object at %#x>", m.Fn.Name, TypeName(m.Self), fakeAddress(m.Self.ref))
	case KindType:
		fmt.Fprintf(b, "<class '%s'>", v.ref.(*Type).Name)
	case KindExc:
		e := v.ref.(*Exception)
		b.WriteString(e.Type.Name)
		if len(e.Args) == 1 {
			b.WriteByte('(')
			r.repr(e.Args[0])
			b.WriteByte(')')
		} else {
			r.seq("(", ")", len(e.Args), func(i int) Value { return e.Args[i] })
		}
	case KindModule:
		fmt.Fprintf(b, "<module '%s' (built-in)>", v.ref.(*Module).Name)
	case KindIter:
		fmt.Fprintf(b, "<%s object at %#x>", TypeName(v), fakeAddress(v.ref))
	case KindCode:
		c := v.ref.(*compile.Code)
		fmt.Fprintf(b, "<code object %s at %#x, file \"%s\", line %d>", c.Name, fakeAddress(c), c.Filename, c.FirstLine)
	default:
		b.WriteString("<unbound>")
	}
}

// seq writes open, the reprs of n items separated by ", ", and close.
func (r *reprState) seq(open, close string, n int, item func(int) Value) {
	r.b.WriteString(open)
	for i := 0; i < n; i++ {
		if i > 0 {
			r.b.WriteString(", ")
		}
		r.repr(item(i))
	}
	r.b.WriteString(close)
}

// list writes a non-empty list, formatting unboxed items directly.
func (r *reprState) list(l *List) {
	b := &r.b
	b.WriteByte('[')
	switch l.Strategy {
	case ListInts:
		var buf [24]byte
		for i, x := range l.Ints {
			if i > 0 {
				b.WriteString(", ")
			}
			b.Write(strconv.AppendInt(buf[:0], x, 10))
		}
	case ListFloats:
		var buf [32]byte
		for i, x := range l.Floats {
			if i > 0 {
				b.WriteString(", ")
			}
			b.Write(pynum.AppendFloat(buf[:0], x))
		}
	default:
		// The list may change while printing (it cannot in the subset, but be safe).
		for i := 0; i < l.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			r.repr(l.Get(i))
		}
	}
	b.WriteByte(']')
}

// dict writes a non-empty dict.
func (r *reprState) dict(d *Dict) {
	b := &r.b
	b.WriteByte('{')
	first := true
	for pos := 0; ; {
		var k, v Value
		var ok bool
		if pos, k, v, ok = d.Next(pos); !ok {
			break
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		r.repr(k)
		b.WriteString(": ")
		r.repr(v)
	}
	b.WriteByte('}')
}

// bigInt writes a big int in decimal, raising CPython's ValueError beyond 4300 digits.
func (r *reprState) bigInt(x *big.Int) {
	if r.checked && r.err == nil {
		if e := pynum.CheckIntStrDigits(x); e != nil {
			r.err = NewException(ValueErrorType, e.Msg)
			return // CPython prints nothing
		}
	}
	r.b.WriteString(x.String())
}

// writeStrRepr writes a str literal as CPython's repr does: single quotes unless the text
// has a single quote and no double quote; backslash escapes for the quote, backslash, \t,
// \n, \r, other control characters (\xNN) and non-printable characters (\xNN, \uNNNN,
// \UNNNNNNNN); printable non-ASCII characters as they are.
func writeStrRepr(b *strings.Builder, s string) {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	b.Grow(len(s) + 2)
	b.WriteByte(quote)
	const hexdigits = "0123456789abcdef"
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == quote || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\t':
				b.WriteString(`\t`)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c < ' ' || c == 0x7f:
				b.WriteString(`\x`)
				b.WriteByte(hexdigits[c>>4])
				b.WriteByte(hexdigits[c&15])
			default:
				b.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			fmt.Fprintf(b, `\U%08x`, r)
		}
	}
	b.WriteByte(quote)
}

// formatFloat is CPython's repr of a float ("0.1", "1e+16", "2.0", "nan").
func formatFloat(f float64) string { return pynum.FormatFloat(f) }

// Fake addresses: reprs of functions and other objects show "at 0x...". Go pointers are not
// stable across runs, so each object gets a stable made-up address on its first repr.
var (
	addrMu    sync.Mutex
	addrOf    = map[any]uint64{}
	addrCount uint64
)

// fakeAddress returns the made-up address of an object (a pointer).
func fakeAddress(ref any) uint64 {
	addrMu.Lock()
	defer addrMu.Unlock()
	a, ok := addrOf[ref]
	if !ok {
		addrCount++
		a = 0x7f3a2c000000 + addrCount*0x40
		addrOf[ref] = a
	}
	return a
}

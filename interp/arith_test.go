package interp

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/metajit/metajit/interp/compile"
)

// The expected results in testdata/arith_table.txt and testdata/builtins_table.txt were
// produced by CPython 3.11.7 (testdata/gen_arith.py, testdata/gen_builtins.py), so these tests
// compare metajit with CPython without needing Python to run.

// arInterp returns an interpreter good enough for calling builtins, printing into out.
func arInterp(out *bytes.Buffer) *Interp {
	return &Interp{Stdout: bufio.NewWriter(out)}
}

// arShow formats a result as the generators print it: the repr of a value, "!Type: message"
// for an exception, "TYPE [ITEMS]" for an iterator (drained), "#len N" for a long sequence.
func arShow(in *Interp, v Value, err *Exception) string {
	if err != nil {
		return "!" + err.Error()
	}
	if v.kind == KindIter {
		name := TypeName(v)
		items, err := Collect(in, v)
		if err != nil {
			return "!" + err.Error()
		}
		return name + " " + Repr(NewList(items))
	}
	s := Repr(v)
	if len(s) > 200 && isSequence(v) {
		n, _ := Len(in, v)
		return "#len " + strconv.FormatInt(n, 10)
	}
	return s
}

// arBinary and arUnary map the operator names of arith_table.txt to the functions under test.
var arBinary = map[string]func(in *Interp, a, b Value) (Value, *Exception){
	"+": Add, "-": Sub, "*": Mul, "/": TrueDiv, "//": FloorDiv, "%": Mod, "**": Pow,
	"<<": LShift, ">>": RShift, "&": And, "|": Or, "^": Xor, "divmod": DivMod,
}

var arUnary = map[string]func(in *Interp, a Value) (Value, *Exception){
	"neg": Neg, "pos": Pos, "invert": Invert, "abs": Abs,
}

// TestArithTable applies every operator to every pair of operands of the table (ints around
// the int64 limits, big ints, bools, floats with signed zeros, inf and nan, sequences, None)
// and compares the result or error with CPython's.
func TestArithTable(t *testing.T) {
	data, err := os.ReadFile("testdata/arith_table.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	in := arInterp(&out)
	operands := map[string]Value{}
	n := 0
	for lineNo, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "v "); ok {
			idx, src, _ := strings.Cut(rest, " ")
			v, perr := arMustEval(t, in, src)
			if perr != nil {
				t.Fatalf("line %d: operand %s raised %v", lineNo+1, src, perr)
			}
			operands[idx] = v
			continue
		}
		lhs, want, _ := strings.Cut(line, " => ")
		f := strings.Fields(lhs)
		var got string
		switch len(f) {
		case 2:
			v, err := arUnary[f[0]](in, operands[f[1]])
			got = arShow(in, v, err)
		case 3:
			a, b := operands[f[1]], operands[f[2]]
			v, err := arBinary[f[0]](in, a, b)
			got = arShow(in, v, err)
			// BinaryOp must agree with the function for every operator it dispatches.
			if opc, ok := arOpcodes[f[0]]; ok {
				v, err := BinaryOp(in, opc, a, b)
				if viaOp := arShow(in, v, err); viaOp != got {
					t.Errorf("BinaryOp(%s) %s %s = %s, but the function gives %s", opc, Repr(a), Repr(b), viaOp, got)
				}
			}
		default:
			t.Fatalf("line %d: bad line %q", lineNo+1, line)
		}
		if want == "~complex" {
			want = "!ValueError: math domain error" // metajit has no complex numbers
		}
		if got != want {
			t.Errorf("line %d: %s: got %s, want %s", lineNo+1, arDescribe(f, operands), got, want)
		}
		n++
	}
	if n < 8000 {
		t.Fatalf("only %d cases read", n)
	}
}

var arOpcodes = map[string]compile.Opcode{
	"+": compile.BINARY_ADD, "-": compile.BINARY_SUB, "*": compile.BINARY_MUL,
	"/": compile.BINARY_TRUEDIV, "//": compile.BINARY_FLOORDIV, "%": compile.BINARY_MOD,
	"**": compile.BINARY_POW, "<<": compile.BINARY_LSHIFT, ">>": compile.BINARY_RSHIFT,
	"&": compile.BINARY_AND, "|": compile.BINARY_OR, "^": compile.BINARY_XOR,
}

func arDescribe(f []string, operands map[string]Value) string {
	if len(f) == 2 {
		return f[0] + " " + Repr(operands[f[1]])
	}
	return Repr(operands[f[1]]) + " " + f[0] + " " + Repr(operands[f[2]])
}

// TestArithEdges covers what the table does not: huge shifts and powers, in-place list
// operators, sequence repetition errors, results that must stay small or become big.
func TestArithEdges(t *testing.T) {
	cases := []struct{ src, want string }{
		// Overflow of the int64 fast paths, and back.
		{"9223372036854775807 + 1", "9223372036854775808"},
		{"-9223372036854775807 - 2", "-9223372036854775809"},
		{"(9223372036854775807 + 1) - 1", "9223372036854775807"},
		{"-9223372036854775808 * -1", "9223372036854775808"},
		{"3037000500 * 3037000500", "9223372037000250000"},
		{"-3037000499 * 3037000499", "-9223372030926249001"},
		{"2 ** 63", "9223372036854775808"},
		{"(-2) ** 63", "-9223372036854775808"},
		{"(-2) ** 64", "18446744073709551616"},
		{"3 ** 39", "4052555153018976267"},
		{"3 ** 40", "12157665459056928801"},
		{"1 << 62", "4611686018427387904"},
		{"1 << 63", "9223372036854775808"},
		{"-1 << 63", "-9223372036854775808"},
		{"-1 << 64", "-18446744073709551616"},
		{"(1 << 100) >> 99", "2"},
		{"-(1 << 100) >> 200", "-1"},
		{"-5 >> 100", "-1"},
		{"5 >> 100", "0"},
		{"-(-9223372036854775808)", "9223372036854775808"},
		{"-9223372036854775808 // -1", "9223372036854775808"},
		{"-9223372036854775808 % -1", "0"},
		{"~-9223372036854775808", "9223372036854775807"},
		{"~9223372036854775808", "-9223372036854775809"},
		{"~-9223372036854775809", "9223372036854775808"},
		// Huge shifts and powers: CPython's errors rather than a dead Go runtime.
		{"1 << 4611686018427387904", "!MemoryError"},
		{"1 << 9223372036854775808", "!MemoryError"},
		{"1 << 1180591620717411303424", "!OverflowError: too many digits in integer"},
		{"3 << 69175290276410818530", "!OverflowError: too many digits in integer"},
		{"1 << 69175290276410818430", "!OverflowError: too many digits in integer"},
		{"0 << 1180591620717411303424", "0"},
		{"1 >> 1180591620717411303424", "0"},
		{"-1 >> 1180591620717411303424", "-1"},
		{"1 << -1", "!ValueError: negative shift count"},
		{"1 >> -9223372036854775809", "!ValueError: negative shift count"},
		{"2 ** 100000000000", "!MemoryError"},
		{"1 ** 1180591620717411303424", "1"},
		{"(-1) ** 1180591620717411303425", "-1"},
		{"0 ** 1180591620717411303424", "0"},
		{"0 ** -1", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"},
		{"(2 ** 1100) ** -1", "!OverflowError: int too large to convert to float"},
		{"10.0 ** 400", "!OverflowError: (34, 'Numerical result out of range')"},
		{"100 ** 1.5", "1000.0"},
		{"2 ** 0.5", "1.4142135623730951"},
		{"2 ** -1", "0.5"},
		{"(-8.0) ** (1 / 3)", "!ValueError: math domain error"},
		// Division of big ints is correctly rounded.
		{"10 ** 400 / 10 ** 399", "10.0"},
		{"(2 ** 53 + 1) / 1", "9007199254740992.0"},
		{"(2 ** 54 + 3) / 2", "9007199254740994.0"},
		{"1 / 10 ** 400", "0.0"},
		{"-1 / 10 ** 400", "-0.0"},
		{"10 ** 400 / 1", "!OverflowError: integer division result too large for a float"},
		{"0 / -5", "-0.0"},
		// Sequences.
		{"3 * [0]", "[0, 0, 0]"},
		{"[1.5] * 2", "[1.5, 1.5]"},
		{"True * 'ab'", "'ab'"},
		{"'ab' * -1", "''"},
		{"'a' * 9223372036854775808", "!OverflowError: cannot fit 'int' into an index-sized integer"},
		{"9223372036854775808 * []", "!OverflowError: cannot fit 'int' into an index-sized integer"},
		{"'a' * 2.0", "!TypeError: can't multiply sequence by non-int of type 'float'"},
		{"2.0 * 'a'", "!TypeError: can't multiply sequence by non-int of type 'float'"},
		{"[1] * [1]", "!TypeError: can't multiply sequence by non-int of type 'list'"},
		{"'a' + 1", "!TypeError: can only concatenate str (not \"int\") to str"},
		{"[1] + (1,)", "!TypeError: can only concatenate list (not \"tuple\") to list"},
		{"1 + 'a'", "!TypeError: unsupported operand type(s) for +: 'int' and 'str'"},
		{"'%d' % 5", "!NotImplementedError: printf-style formatting (str % args) is not supported by metajit; build the string with str() and +"},
		{"[1] % 2", "!TypeError: unsupported operand type(s) for %: 'list' and 'int'"},
		{"range(3) + range(3)", "!TypeError: unsupported operand type(s) for +: 'range' and 'range'"},
		{"{} | {}", "!TypeError: unsupported operand type(s) for |: 'dict' and 'dict'"},
		// Bool results.
		{"True & True", "True"},
		{"True | 0", "1"},
		{"True ^ True", "False"},
		{"True + True", "2"},
		{"-True", "-1"},
		{"+True", "1"},
		{"~False", "-1"},
	}
	var out bytes.Buffer
	in := arInterp(&out)
	for _, c := range cases {
		v, err := arMustEval(t, in, c.src)
		if got := arShow(in, v, err); got != c.want {
			t.Errorf("%s: got %s, want %s", c.src, got, c.want)
		}
	}
}

// TestBigIntsStayNormalized checks the invariant that KindBigInt never holds an int64 value.
func TestBigIntsStayNormalized(t *testing.T) {
	var out bytes.Buffer
	in := arInterp(&out)
	for _, src := range []string{
		"(9223372036854775807 + 1) - 1", "-(-9223372036854775808)  - 1 + 1 - 1",
		"9223372036854775808 // 2", "18446744073709551616 >> 1", "(1 << 64) % 7",
		"~-9223372036854775809", "-9223372036854775809 + 1", "9223372036854775808 & 7",
		"(2 ** 64) // (2 ** 32)", "divmod(18446744073709551616, 4294967296)[0]",
		"abs(-9223372036854775808) - 1", "round(9223372036854775808, -1) // 10",
		"pow(9223372036854775808, 1, 18446744073709551616)",
	} {
		v, err := arMustEval(t, in, src)
		if err != nil {
			t.Errorf("%s raised %v", src, err)
			continue
		}
		if v.kind == KindBigInt && v.Big().IsInt64() {
			t.Errorf("%s = %s is a KindBigInt that fits in int64", src, Repr(v))
		}
	}
}

// TestInplace checks that += and *= change a list in place and act like + and * otherwise.
func TestInplace(t *testing.T) {
	var out bytes.Buffer
	in := arInterp(&out)
	l := NewList([]Value{Int(1), Int(2)})
	r, err := InplaceAdd(in, l, NewTuple([]Value{Int(3)}))
	if err != nil || r.ref != l.ref || Repr(l) != "[1, 2, 3]" {
		t.Fatalf("xs += (3,): %v %v %s", r, err, Repr(l))
	}
	if _, err := InplaceAdd(in, l, Int(1)); err == nil || err.Error() != "TypeError: 'int' object is not iterable" {
		t.Errorf("xs += 1: %v", err)
	}
	r, err = InplaceMul(in, l, Int(2))
	if err != nil || r.ref != l.ref || Repr(l) != "[1, 2, 3, 1, 2, 3]" || listObj(l).Strategy != ListInts {
		t.Fatalf("xs *= 2: %v %s", err, Repr(l))
	}
	if _, err := InplaceMul(in, l, Float(2)); err == nil ||
		err.Error() != "TypeError: can't multiply sequence by non-int of type 'float'" {
		t.Errorf("xs *= 2.0: %v", err)
	}
	r, err = InplaceMul(in, l, Int(0))
	if err != nil || r.ref != l.ref || Repr(l) != "[]" {
		t.Errorf("xs *= 0: %v %s", err, Repr(l))
	}
	s := NewStr("ab")
	if r, err := InplaceAdd(in, s, NewStr("c")); err != nil || Repr(r) != "'abc'" || Repr(s) != "'ab'" {
		t.Errorf("s += 'c': %v %s %s", err, Repr(r), Repr(s))
	}
	tu := NewTuple([]Value{Int(1)})
	if r, err := InplaceMul(in, tu, Int(2)); err != nil || Repr(r) != "(1, 1)" || Repr(tu) != "(1,)" {
		t.Errorf("t *= 2: %v %s", err, Repr(r))
	}
	if r, err := InplaceMul(in, Int(2), NewList([]Value{Int(7)})); err != nil || Repr(r) != "[7, 7]" {
		t.Errorf("n *= [7]: %v %s", err, Repr(r))
	}
	if r, err := InplaceAdd(in, Int(2), Int(3)); err != nil || Repr(r) != "5" {
		t.Errorf("n += 3: %v %s", err, Repr(r))
	}
}

// TestBinaryOpRejectsOtherOpcodes checks the one internal error of BinaryOp.
func TestBinaryOpRejectsOtherOpcodes(t *testing.T) {
	if _, err := BinaryOp(nil, compile.COMPARE_EQ, Int(1), Int(2)); err == nil {
		t.Error("BinaryOp(COMPARE_EQ) did not fail")
	}
}

// TestSmallIntArithmeticDoesNotAllocate checks the promise the eval loop and the JIT rely on.
func TestSmallIntArithmeticDoesNotAllocate(t *testing.T) {
	a, b := Int(123456789), Int(-987)
	fa, fb := Float(1.5), Float(-0.25)
	var sink Value
	ops := []func(*Interp, Value, Value) (Value, *Exception){Add, Sub, Mul, TrueDiv, FloorDiv, Mod, And, Or, Xor}
	allocs := testing.AllocsPerRun(100, func() {
		for _, op := range ops {
			sink, _ = op(nil, a, b)
			sink, _ = op(nil, a, True)
		}
		sink, _ = LShift(nil, b, Int(40))
		sink, _ = RShift(nil, b, Int(3))
		sink, _ = Pow(nil, b, Int(3))
		sink, _ = Pow(nil, b, Int(-3))
		for _, op := range []func(*Interp, Value, Value) (Value, *Exception){Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow} {
			sink, _ = op(nil, fa, fb)
		}
		sink, _ = Neg(nil, a)
		sink, _ = Invert(nil, a)
		sink, _ = Abs(nil, b)
	})
	_ = sink
	if allocs != 0 {
		t.Errorf("small int and float arithmetic allocated %v times per run", allocs)
	}
}

func BenchmarkAddSmallInts(b *testing.B) {
	x, y := Int(1), Int(2)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		x, _ = Add(nil, x, y)
	}
}

func BenchmarkAddFloats(b *testing.B) {
	x, y := Float(1), Float(0.5)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		x, _ = Add(nil, x, y)
	}
}

func BenchmarkBinaryOpMulSmallInts(b *testing.B) {
	x, y := Int(3), Int(1)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		x, _ = BinaryOp(nil, compile.BINARY_MUL, x, y)
	}
}

func BenchmarkAddBigInts(b *testing.B) {
	x, y := BigInt(new(big.Int).Lsh(big.NewInt(1), 100)), Int(1)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, _ = Add(nil, x, y)
	}
}

// A tiny evaluator for the Python expressions of the test tables: literals (ints of any size,
// floats, strs, lists, tuples, dicts), the names True, False, None, inf, nan and the builtins,
// calls with keyword arguments, method calls, unary minus and the binary operators + - * / //
// % ** << >> & | ^ with Python's precedence. Operators run through the functions under test,
// which TestArithTable checks on their own.

type arParser struct {
	in   *Interp
	src  string
	pos  int
	bad  error // a malformed expression: a bug in the test, not in the interpreter
	exc  *Exception
	glob map[string]Value
}

// arMustEval evaluates src, failing the test if src cannot be parsed.
func arMustEval(t *testing.T, in *Interp, src string) (Value, *Exception) {
	t.Helper()
	p := &arParser{in: in, src: src, glob: Builtins()}
	v := p.expr(0)
	p.space()
	if p.bad == nil && p.exc == nil && p.pos != len(p.src) {
		p.fail("unexpected %q", p.src[p.pos:])
	}
	if p.bad != nil {
		t.Fatalf("cannot evaluate %q: %v", src, p.bad)
	}
	return v, p.exc
}

func (p *arParser) fail(format string, args ...any) {
	if p.bad == nil {
		p.bad = fmt.Errorf("at %d: "+format, append([]any{p.pos}, args...)...)
	}
}

// stopped reports whether evaluation must stop (parse error or Python exception).
func (p *arParser) stopped() bool { return p.bad != nil || p.exc != nil }

func (p *arParser) space() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

// peek returns the next token's first characters, without consuming them.
func (p *arParser) peek(s string) bool {
	p.space()
	return strings.HasPrefix(p.src[p.pos:], s)
}

func (p *arParser) eat(s string) bool {
	if p.peek(s) {
		p.pos += len(s)
		return true
	}
	return false
}

func (p *arParser) expect(s string) {
	if !p.eat(s) {
		p.fail("expected %q", s)
	}
}

// The binary operators by precedence level (higher binds tighter), as in Python.
var arLevels = []struct {
	ops []string
	fns []func(*Interp, Value, Value) (Value, *Exception)
}{
	{[]string{"|"}, []func(*Interp, Value, Value) (Value, *Exception){Or}},
	{[]string{"^"}, []func(*Interp, Value, Value) (Value, *Exception){Xor}},
	{[]string{"&"}, []func(*Interp, Value, Value) (Value, *Exception){And}},
	{[]string{"<<", ">>"}, []func(*Interp, Value, Value) (Value, *Exception){LShift, RShift}},
	{[]string{"+", "-"}, []func(*Interp, Value, Value) (Value, *Exception){Add, Sub}},
	{[]string{"*", "//", "/", "%"}, []func(*Interp, Value, Value) (Value, *Exception){Mul, FloorDiv, TrueDiv, Mod}},
}

// expr parses the binary operators of precedence level and above.
func (p *arParser) expr(level int) Value {
	if level == len(arLevels) {
		return p.unary()
	}
	v := p.expr(level + 1)
	for !p.stopped() {
		matched := false
		for i, op := range arLevels[level].ops {
			// "*" must not take the first half of "**", nor "/" of "//".
			if p.peek(op) && !p.peek(op+op[:1]) {
				p.pos += len(op)
				w := p.expr(level + 1)
				if p.stopped() {
					return Value{}
				}
				v, p.exc = arLevels[level].fns[i](p.in, v, w)
				matched = true
				break
			}
		}
		if !matched {
			break
		}
	}
	return v
}

func (p *arParser) unary() Value {
	switch {
	case p.eat("-"):
		v := p.unary()
		if p.stopped() {
			return Value{}
		}
		v, p.exc = Neg(p.in, v)
		return v
	case p.eat("+"):
		v := p.unary()
		if p.stopped() {
			return Value{}
		}
		v, p.exc = Pos(p.in, v)
		return v
	case p.eat("~"):
		v := p.unary()
		if p.stopped() {
			return Value{}
		}
		v, p.exc = Invert(p.in, v)
		return v
	}
	return p.power()
}

func (p *arParser) power() Value {
	v := p.postfix()
	if !p.stopped() && p.eat("**") {
		w := p.unary() // right associative, and -x binds looser than ** on the left only
		if p.stopped() {
			return Value{}
		}
		v, p.exc = Pow(p.in, v, w)
	}
	return v
}

func (p *arParser) postfix() Value {
	v := p.atom()
	for !p.stopped() {
		switch {
		case p.eat("("):
			args, kw := p.args(")")
			if p.stopped() {
				return Value{}
			}
			v, p.exc = p.in.Call(v, args, kw)
		case p.eat("."):
			name := p.name()
			p.expect("(")
			args, kw := p.args(")")
			if p.stopped() {
				return Value{}
			}
			m := LookupMethod(v, name)
			if m == nil {
				p.fail("no method %s", name)
				return Value{}
			}
			v, p.exc = m.Fn(p.in, append([]Value{v}, args...), kw)
		case p.eat("["):
			key := p.expr(0)
			p.expect("]")
			if p.stopped() {
				return Value{}
			}
			v, p.exc = GetItem(p.in, v, key)
		default:
			return v
		}
	}
	return Value{}
}

// args parses call arguments up to the closing bracket.
func (p *arParser) args(closing string) ([]Value, *Kwargs) {
	var args []Value
	var kw *Kwargs
	for !p.stopped() && !p.eat(closing) {
		// A keyword argument is a name followed by a single "=".
		save := p.pos
		p.space()
		if name := p.name(); name != "" && p.peek("=") && !p.peek("==") {
			p.eat("=")
			if kw == nil {
				kw = &Kwargs{}
			}
			kw.Names = append(kw.Names, name)
			kw.Values = append(kw.Values, p.expr(0))
		} else {
			p.pos = save
			args = append(args, p.expr(0))
		}
		if !p.eat(",") {
			p.expect(closing)
			break
		}
	}
	return args, kw
}

func (p *arParser) name() string {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || p.pos > start && '0' <= c && c <= '9' {
			p.pos++
			continue
		}
		break
	}
	return p.src[start:p.pos]
}

func (p *arParser) atom() Value {
	p.space()
	if p.pos == len(p.src) {
		p.fail("unexpected end")
		return Value{}
	}
	switch c := p.src[p.pos]; {
	case '0' <= c && c <= '9' || c == '.':
		return p.number()
	case c == '\'' || c == '"':
		return p.str()
	case c == '[':
		p.pos++
		items, _ := p.args("]")
		return NewList(items)
	case c == '(':
		p.pos++
		if p.eat(")") {
			return NewTuple(nil)
		}
		v := p.expr(0)
		if p.eat(")") {
			return v // parenthesized expression
		}
		items := []Value{v}
		if p.eat(",") {
			more, _ := p.args(")")
			items = append(items, more...)
		} else {
			p.expect(")")
		}
		return NewTuple(items)
	case c == '{':
		p.pos++
		d := NewDict()
		for !p.stopped() && !p.eat("}") {
			k := p.expr(0)
			p.expect(":")
			v := p.expr(0)
			if p.stopped() {
				return Value{}
			}
			if err := d.Set(k, v); err != nil {
				p.exc = err
				return Value{}
			}
			if !p.eat(",") {
				p.expect("}")
				break
			}
		}
		return DictValue(d)
	}
	name := p.name()
	switch name {
	case "":
		p.fail("unexpected %q", p.src[p.pos:])
		return Value{}
	case "True":
		return True
	case "False":
		return False
	case "None":
		return None
	case "inf":
		return Float(math.Inf(1))
	case "nan":
		return Float(math.NaN())
	}
	v, ok := p.glob[name]
	if !ok {
		p.fail("unknown name %s", name)
	}
	return v
}

func (p *arParser) number() Value {
	start := p.pos
	isFloat := false
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case '0' <= c && c <= '9':
		case c == '.' || c == 'e' || c == 'E':
			isFloat = true
		case (c == '+' || c == '-') && (p.src[p.pos-1] == 'e' || p.src[p.pos-1] == 'E'):
		default:
			goto done
		}
		p.pos++
	}
done:
	text := p.src[start:p.pos]
	if isFloat {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			p.fail("bad float %s", text)
		}
		return Float(f)
	}
	b, ok := new(big.Int).SetString(text, 10)
	if !ok {
		p.fail("bad int %s", text)
		return Value{}
	}
	return BigInt(b)
}

// str parses a Python string literal with the escapes repr() produces.
func (p *arParser) str() Value {
	quote := p.src[p.pos]
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) && p.src[p.pos] != quote {
		c := p.src[p.pos]
		if c != '\\' {
			b.WriteByte(c)
			p.pos++
			continue
		}
		p.pos++
		if p.pos == len(p.src) {
			break
		}
		e := p.src[p.pos]
		p.pos++
		hex := 0
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'x':
			hex = 2
		case 'u':
			hex = 4
		case 'U':
			hex = 8
		default:
			b.WriteByte(e) // \\ \' \"
		}
		if hex > 0 && p.pos+hex <= len(p.src) {
			r, err := strconv.ParseUint(p.src[p.pos:p.pos+hex], 16, 32)
			if err != nil {
				p.fail("bad escape")
			}
			b.WriteString(string(rune(r)))
			p.pos += hex
		}
	}
	if p.pos == len(p.src) {
		p.fail("unterminated string")
		return Value{}
	}
	p.pos++
	s := b.String()
	if !utf8.ValidString(s) {
		p.fail("invalid UTF-8 in %q", s)
	}
	return NewStr(s)
}

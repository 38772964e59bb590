package syntax

import (
	"bufio"
	"encoding/json"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pysubsetDir is the shared corpus of subset programs, beside the repository.
const pysubsetDir = "../../../shared/pysubset"

func mustParse(t *testing.T, src string) *Module {
	t.Helper()
	mod, err := Parse("t.py", src)
	if err != nil {
		t.Fatalf("Parse(%q): %s (line %d, col %d)", src, err, err.Line, err.Col)
	}
	return mod
}

// parseExpr parses a single expression statement and returns its expression.
func parseExpr(t *testing.T, src string) Expr {
	t.Helper()
	mod := mustParse(t, src+"\n")
	if len(mod.Body) != 1 {
		t.Fatalf("%q: %d statements", src, len(mod.Body))
	}
	s, ok := mod.Body[0].(*ExprStmt)
	if !ok {
		t.Fatalf("%q: %T, want *ExprStmt", src, mod.Body[0])
	}
	return s.X
}

func TestPySubsetPrograms(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(pysubsetDir, "*.py"))
	if len(files) == 0 {
		t.Skip("no pysubset corpus beside the repository")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, perr := Parse(filepath.Base(f), string(src)); perr != nil {
			t.Errorf("%s:\n%s", f, perr.Report())
		}
	}
}

func TestPrecedence(t *testing.T) {
	tests := []struct{ src, want string }{
		{"1 + 2 * 3", "(1 + (2 * 3))"},
		{"(1 + 2) * 3", "((1 + 2) * 3)"},
		{"1 - 2 - 3", "((1 - 2) - 3)"},
		{"2 ** 3 ** 2", "(2 ** (3 ** 2))"},
		{"-2 ** 2", "(-(2 ** 2))"},
		{"2 ** -1", "(2 ** (-1))"},
		{"-x ** -y", "(-(x ** (-y)))"},
		{"~x ** 2", "(~(x ** 2))"},
		{"- - 1", "(-(-1))"},
		{"a * -b", "(a * (-b))"},
		{"a // b % c * d / e", "((((a // b) % c) * d) / e)"},
		{"a + b << c", "((a + b) << c)"},
		{"a << b & c", "((a << b) & c)"},
		{"a & b ^ c | d", "(((a & b) ^ c) | d)"},
		{"a | b ^ c & d", "(a | (b ^ (c & d)))"},
		{"a < b < c", "(a < b < c)"},
		{"a == b != c <= d", "(a == b != c <= d)"},
		{"a is not b", "(a is not b)"},
		{"a not in b", "(a not in b)"},
		{"a in b is c", "(a in b is c)"},
		{"a | b < c & d", "((a | b) < (c & d))"},
		{"not a == b", "(not (a == b))"},
		{"not a and b", "((not a) and b)"},
		{"not not a", "(not (not a))"},
		{"a or b and c", "(a or (b and c))"},
		{"a and b or c and d", "((a and b) or (c and d))"},
		{"a or b or c", "(a or b or c)"},
		{"a if b else c", "(a if b else c)"},
		{"a if b else c if d else e", "(a if b else (c if d else e))"},
		{"a or b if c and d else e", "((a or b) if (c and d) else e)"},
		{"(a if b else c) if d else e", "((a if b else c) if d else e)"},
		{"f(x)(y)", "f(x)(y)"},
		{"a.b.c(d)[e]", "a.b.c(d)[e]"},
		{"-a.b", "(-a.b)"},
		{"-a[0] ** 2", "(-(a[0] ** 2))"},
		{"x[1:2]", "x[1:2]"},
		{"x[::2]", "x[::2]"},
		{"x[:]", "x[:]"},
		{"x[a:]", "x[a:]"},
		{"x[:b:c]", "x[:b:c]"},
		{"x[-1]", "x[(-1)]"},
		{"d[1, 2]", "d[(1, 2)]"},
		{"d[1,]", "d[(1,)]"},
		{"f(a, b=1, c=x + 1)", "f(a, b=1, c=(x + 1))"},
		{"f(a,)", "f(a)"},
		{"()", "()"},
		{"(1,)", "(1,)"},
		{"(1)", "1"},
		{"((1, 2),)", "((1, 2),)"},
		{"1, 2", "(1, 2)"},
		{"1,", "(1,)"},
		{"[]", "[]"},
		{"[1, [2, 3],]", "[1, [2, 3]]"},
		{"{}", "{}"},
		{"{1: 'a', 'b': [2],}", `{1: "a", "b": [2]}`},
		{"print(1, 2, sep='', end='\\n')", `print(1, 2, sep="", end="\n")`},
		{"a if b else lst[0]", "(a if b else lst[0])"},
		{"x.y.z", "x.y.z"},
		{"True + None", "(True + None)"},
		{"1if 1 else 2", "(1 if 1 else 2)"},
		{"not x in y", "(not (x in y))"},
		{"a < b == c > d", "(a < b == c > d)"},
	}
	for _, tt := range tests {
		if got := Dump(parseExpr(t, tt.src)); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestStatements(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a, b = b, a", "(a, b) = (b, a)"},
		{"x = y = 0", "x = y = 0"},
		{"x += 1", "x += 1"},
		{"x **= 2; y //= 3", "x **= 2\ny //= 3"},
		{"a[i] = a[j] = v", "a[i] = a[j] = v"},
		{"(a, b), c = x", "((a, b), c) = x"},
		{"[a, b] = x", "[a, b] = x"},
		{"x, = y", "(x,) = y"},
		{"for i, (a, b) in enumerate(z): pass", "for (i, (a, b)) in enumerate(z):\n    pass"},
		{"for k in 1, 2,: pass", "for k in (1, 2):\n    pass"},
		{"while 1:\n for x in y:\n  break\n else:\n  continue", "while 1:\n    for x in y:\n        break\n    else:\n        continue"},
		{"while x: x -= 1", "while x:\n    x -= 1"},
		{"if a:\n  b\nelif c:\n  d\nelse:\n  e", "if a:\n    b\nelse:\n    if c:\n        d\n    else:\n        e"},
		{"def f(a, b=1, c=2): return a", "def f(a, b=1, c=2):\n    return a"},
		{"def f():\n    global x, y\n    return", "def f():\n    global x, y\n    return"},
		{"import sys", "import sys"},
		{"import sys, os.path", "import sys, os.path"},
		{"try:\n  a\nexcept ValueError as e:\n  b\nexcept (A, B):\n  c\nexcept:\n  raise\nelse:\n  d\nfinally:\n  e",
			"try:\n    a\nexcept ValueError as e:\n    b\nexcept (A, B):\n    c\nexcept:\n    raise\nelse:\n    d\nfinally:\n    e"},
		{"raise ValueError('x')", `raise ValueError("x")`},
		{"assert x, 'msg'", `assert x, "msg"`},
		{"assert x", "assert x"},
		{"return_ = 1", "return_ = 1"},
		{"if x: pass", "if x:\n    pass"},
		{"x = (1 +\n     2)", "x = (1 + 2)"},
		{"x = 1 + \\\n    2", "x = (1 + 2)"},
		{"x = [\n  1,\n\n  # comment\n  2,\n]", "x = [1, 2]"},
		{"if x:\n    pass\n# trailing comment", "if x:\n    pass"},
		{"if x:\n\tpass", "if x:\n    pass"},
		{"if x:\n        a\n\n        b", "if x:\n    a\n    b"},
		{"match = 1\nmatch(x)\ncase = 2\n_ = 3", "match = 1\nmatch(x)\ncase = 2\n_ = 3"},
		{"x = 1", "x = 1"},
		{"print('no newline at end')", `print("no newline at end")`},
	}
	for _, tt := range tests {
		if got := Dump(mustParse(t, tt.src)); got != tt.want {
			t.Errorf("%q\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestLiterals(t *testing.T) {
	ints := []struct {
		src  string
		want string
	}{
		{"0", "0"}, {"00", "0"}, {"0_0", "0"}, {"42", "42"}, {"1_000_000", "1000000"},
		{"0x1F", "31"}, {"0XfF", "255"}, {"0x_1_f", "31"}, {"0o17", "15"}, {"0O_7", "7"},
		{"0b1010", "10"}, {"0B_1_0", "2"},
		{"123456789012345678901234567890", "123456789012345678901234567890"},
		{"0x" + strings.Repeat("f", 40), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 160), big.NewInt(1)).String()},
	}
	for _, tt := range ints {
		lit, ok := parseExpr(t, tt.src).(*IntLit)
		if !ok || lit.Value.String() != tt.want {
			t.Errorf("%s: got %s, want %s", tt.src, Dump(parseExpr(t, tt.src)), tt.want)
		}
	}

	floats := []struct {
		src  string
		want float64
	}{
		{"1.", 1}, {".5", 0.5}, {"1.5", 1.5}, {"1e10", 1e10}, {"1E-3", 1e-3}, {"1_0.5e-3", 10.5e-3},
		{"0.1", 0.1}, {"00.5", 0.5}, {"0e0", 0}, {"1_000.000_1", 1000.0001}, {"1e400", math.Inf(1)},
		{"1e-400", 0}, {"09.5", 9.5}, {"0_9.5", 9.5},
	}
	for _, tt := range floats {
		lit, ok := parseExpr(t, tt.src).(*FloatLit)
		if !ok || lit.Value != tt.want {
			t.Errorf("%s: got %s, want %v", tt.src, Dump(parseExpr(t, tt.src)), tt.want)
		}
	}

	strs := []struct {
		src, want string
	}{
		{`'abc'`, "abc"},
		{`"abc"`, "abc"},
		{`''`, ""},
		{`""""""`, ""},
		{`'a' "b" '''c'''`, "abc"},
		{`"""a
b"""`, "a\nb"},
		{`'\n\t\\\'\"\a\b\f\v\r'`, "\n\t\\'\"\a\b\f\v\r"},
		{`'\x41\u00e9\U0001F600'`, "Aé😀"},
		{`'\101\0\7\777'`, "A\x00\aǿ"},
		{`'a\
b'`, "ab"},
		{`'\d\w'`, `\d\w`},
		{`r'\n\x'`, `\n\x`},
		{`R"\""`, `\"`},
		{`u'x'`, "x"},
		{`'é' "ü"`, "éü"},
		{`'\é'`, `\é`},
		{`'''it's "quoted"'''`, `it's "quoted"`},
		{`'#not a comment'`, "#not a comment"},
		{`rb'x' b'y'`, ""}, // bytes: checked below as unsupported
	}
	for _, tt := range strs[:len(strs)-1] {
		lit, ok := parseExpr(t, tt.src).(*StrLit)
		if !ok || lit.Value != tt.want {
			t.Errorf("%s: got %s, want %q", tt.src, Dump(parseExpr(t, tt.src)), tt.want)
		}
	}

	// Non-ASCII identifiers and strings are kept as UTF-8.
	mod := mustParse(t, "café = 'naïve'\n")
	a := mod.Body[0].(*Assign)
	if a.Targets[0].(*Name).Id != "café" || a.Value.(*StrLit).Value != "naïve" {
		t.Errorf("non-ASCII: %s", Dump(mod))
	}
}

func TestPositions(t *testing.T) {
	mod := mustParse(t, "x = 1\nif x:\n    y = f(a,\n          b=2) + 3\n")
	assign := mod.Body[0].(*Assign)
	check := func(name string, got Pos, line, col int) {
		t.Helper()
		if got.Line != line || got.Col != col {
			t.Errorf("%s at %d:%d, want %d:%d", name, got.Line, got.Col, line, col)
		}
	}
	check("assign", assign.Pos, 1, 0)
	check("value", assign.Value.Position(), 1, 4)
	ifs := mod.Body[1].(*If)
	check("if", ifs.Pos, 2, 0)
	inner := ifs.Body[0].(*Assign)
	check("inner assign", inner.Pos, 3, 4)
	sum := inner.Value.(*BinOp)
	check("binop", sum.Pos, 3, 8)
	call := sum.X.(*Call)
	check("call", call.Pos, 3, 8)
	check("keyword", call.Keywords[0].Pos, 4, 10)
	check("3", sum.Y.Position(), 4, 17)

	// Columns count bytes, as in CPython's ast module.
	mod = mustParse(t, "é = 'ü' + z\n")
	check("z", mod.Body[0].(*Assign).Value.(*BinOp).Y.Position(), 1, 12)

	// A parenthesized expression keeps the position of what is inside.
	mod = mustParse(t, "(a) + (b)\n")
	bin := mod.Body[0].(*ExprStmt).X.(*BinOp)
	check("paren binop", bin.Pos, 1, 0)
	check("paren b", bin.Y.Position(), 1, 7)

	// A triple-quoted string starts where its quotes are.
	mod = mustParse(t, "s = '''a\nb'''\nt = 1\n")
	check("string", mod.Body[0].(*Assign).Value.Position(), 1, 4)
	check("after string", mod.Body[1].Position(), 3, 0)
}

// TestCPythonErrors checks the errors of testdata/cpython_errors.txt, which CPython
// 3.11.7 gave for each source: kind, message, line and column.
func TestCPythonErrors(t *testing.T) {
	f, err := os.Open("testdata/cpython_errors.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		quoted, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		var src string
		if err := json.Unmarshal([]byte(quoted), &src); err != nil {
			t.Fatalf("bad source %s: %v", quoted, err)
		}
		n++
		_, perr := Parse("t.py", src)
		got := "OK"
		if perr != nil {
			got = perr.Kind + "|" + perr.Msg + "|" + strconv.Itoa(perr.Line) + "|" + strconv.Itoa(perr.Col)
		}
		if got != want {
			t.Errorf("%q\n got %s\nwant %s", src, got, want)
		}
	}
	if n < 100 {
		t.Errorf("only %d cases read", n)
	}
}

func TestErrorText(t *testing.T) {
	_, err := Parse("prog.py", "x = 1\nif x\n    y = 2\n")
	if err == nil {
		t.Fatal("no error")
	}
	want := "  File \"prog.py\", line 2\n    if x\n        ^\nSyntaxError: expected ':'\n"
	if got := err.Report(); got != want {
		t.Errorf("report\n%s\nwant\n%s", got, want)
	}
	if err.Text != "if x" || err.Filename != "prog.py" {
		t.Errorf("text %q file %q", err.Text, err.Filename)
	}
}

func TestNotImplemented(t *testing.T) {
	tests := []struct {
		src  string
		what string
		line int
	}{
		{"class A:\n    pass\n", "'class'", 1},
		{"x = 1\nf = lambda: 0\n", "'lambda'", 2},
		{"with open(p) as f:\n    pass\n", "'with'", 1},
		{"def g():\n    yield 1\n", "'yield'", 2},
		{"async def f():\n    pass\n", "'async'", 1},
		{"x = [i for i in y]\n", "list comprehensions", 1},
		{"x = (i for i in y)\n", "generator expressions", 1},
		{"sum(i for i in y)\n", "generator expressions", 1},
		{"x = {i for i in y}\n", "set comprehensions", 1},
		{"x = {k: v for k, v in y}\n", "dict comprehensions", 1},
		{"x = {1, 2}\n", "set displays", 1},
		{"x = f'{y}'\n", "f-strings", 1},
		{"x = b'y'\n", "bytes literals", 1},
		{"x = 2j\n", "complex numbers", 1},
		{"x = ...\n", "'...' (Ellipsis)", 1},
		{"from os import path\n", "'from ... import ...'", 1},
		{"import os as o\n", "'import ... as ...'", 1},
		{"@d\ndef f():\n    pass\n", "decorators", 1},
		{"def f(*args):\n    pass\n", "'*' parameters", 1},
		{"def f(**kw):\n    pass\n", "'**' parameters", 1},
		{"def f(a, *, b):\n    pass\n", "'*' parameters", 1},
		{"def f(a, /):\n    pass\n", "positional-only parameters", 1},
		{"def f(a: int):\n    pass\n", "annotations", 1},
		{"def f() -> int:\n    pass\n", "annotations", 1},
		{"x: int = 1\n", "variable annotations", 1},
		{"f(*xs)\n", "'*' arguments", 1},
		{"f(**kw)\n", "'**' arguments", 1},
		{"a, *b = c\n", "starred expressions", 1},
		{"for *a, b in c:\n    pass\n", "starred assignment targets", 1},
		{"if (n := 10) > 5:\n    pass\n", "assignment expressions (':=')", 1},
		{"del x\n", "'del'", 1},
		{"def f():\n    nonlocal x\n", "'nonlocal'", 2},
		{"match x:\n    case 1:\n        pass\n", "'match'", 1},
		{"x = a @ b\n", "the '@' operator", 1},
		{"raise E from None\n", "'raise ... from ...'", 1},
		{"try:\n    pass\nexcept* E:\n    pass\n", "'except*'", 3},
		{"x = '\\N{BULLET}'\n", `'\N{...}' escapes`, 1},
		{"x = d[1:2, 3]\n", "extended slicing", 1},
		{"x = {**a}\n", "'**' in dict displays", 1},
		{"x = 1\ny = 2\nclass A: pass\nz = lambda: 1\n", "'class'", 3},
	}
	for _, tt := range tests {
		_, err := Parse("t.py", tt.src)
		if err == nil {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		want := tt.what + " is not supported by metajit's Python subset"
		if err.Kind != "NotImplementedError" || err.Msg != want || err.Line != tt.line {
			t.Errorf("%q:\n got %s: %s (line %d)\nwant NotImplementedError: %s (line %d)", tt.src, err.Kind, err.Msg, err.Line, want, tt.line)
		}
	}

	// A real syntax error anywhere wins over an unsupported construct, as CPython would
	// refuse the file.
	_, err := Parse("t.py", "class A:\n    pass\nx = = 1\n")
	if err == nil || err.Kind != "SyntaxError" || err.Line != 3 {
		t.Errorf("syntax error after class: %v", err)
	}
}

// TestLimits feeds inputs that stress the limits; none may panic or hang, and each must
// fail the way CPython does.
func TestLimits(t *testing.T) {
	tests := []struct {
		name, src, wantKind, wantMsg string
	}{
		{"199 parens", "x = " + strings.Repeat("(", 199) + strings.Repeat(")", 199) + "\n", "", ""},
		{"201 parens", "x = " + strings.Repeat("(", 201) + strings.Repeat(")", 201) + "\n", "SyntaxError", "too many nested parentheses"},
		{"deep brackets", strings.Repeat("[", 100000), "SyntaxError", "too many nested parentheses"},
		{"99 blocks", nestedIfs(99), "", ""},
		{"100 blocks", nestedIfs(100), "IndentationError", "too many levels of indentation"},
		{"2989 minus", "x = " + strings.Repeat("-", 2989) + "1\n", "", ""},
		{"2990 minus", "x = " + strings.Repeat("-", 2990) + "1\n", "RecursionError", "maximum recursion depth exceeded during compilation"},
		{"100000 minus", "x = " + strings.Repeat("-", 100000) + "1\n", "RecursionError", "maximum recursion depth exceeded during compilation"},
		{"100000 not", "x = " + strings.Repeat("not ", 100000) + "1\n", "RecursionError", "maximum recursion depth exceeded during compilation"},
		{"deep ifexp", "x = " + strings.Repeat("1 if 1 else ", 5000) + "1\n", "RecursionError", "maximum recursion depth exceeded during compilation"},
		{"deep power", "x = " + strings.Repeat("2**", 5000) + "1\n", "RecursionError", "maximum recursion depth exceeded during compilation"},
		{"long sum", "x = 1" + strings.Repeat("+1", 100000) + "\n", "RecursionError", "maximum recursion depth exceeded during compilation"},
		{"long attr chain", "x = a" + strings.Repeat(".b", 100000) + "\n", "RecursionError", "maximum recursion depth exceeded during compilation"},
		{"long flat tuple", "x = 1" + strings.Repeat(",1", 100000) + "\n", "", ""},
		{"long and chain", "x = 1" + strings.Repeat(" and 1", 100000) + "\n", "", ""},
		{"4300 digits", "x = " + strings.Repeat("7", 4300) + "\n", "", ""},
		{"4301 digits", "x = " + strings.Repeat("7", 4301) + "\n", "SyntaxError",
			"Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."},
		{"huge hex", "x = 0x" + strings.Repeat("f", 100000) + "\n", "", ""},
		{"huge float", "x = " + strings.Repeat("9", 100000) + ".0\n", "", ""},
		{"NUL byte", "x = 1\ny = 2\x00\n", "SyntaxError", "source code cannot contain null bytes"},
		{"invalid UTF-8", "x = 1\ny = '\xff'\n", "SyntaxError",
			"Non-UTF-8 code starting with '\\xff' in file t.py on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details"},
		{"latin-1 cookie", "# -*- coding: latin-1 -*-\nx = '\xe9'\n", "", ""},
		{"BOM", "\ufeffx = 1\n", "", ""},
		{"CRLF", "if x:\r\n    y = 1\r\n", "", ""},
		{"only CR", "x = 1\ry = 2\r", "", ""},
		{"empty", "", "", ""},
		{"blank lines", "\n\n   \n\t\n", "", ""},
	}
	for _, tt := range tests {
		_, err := Parse("t.py", tt.src)
		switch {
		case tt.wantKind == "" && err != nil:
			t.Errorf("%s: unexpected %s", tt.name, err)
		case tt.wantKind != "" && err == nil:
			t.Errorf("%s: no error, want %s: %s", tt.name, tt.wantKind, tt.wantMsg)
		case err != nil && (err.Kind != tt.wantKind || err.Msg != tt.wantMsg):
			t.Errorf("%s: got %s, want %s: %s", tt.name, err, tt.wantKind, tt.wantMsg)
		}
	}
}

func nestedIfs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "pass\n")
	return b.String()
}

func TestDumpFloats(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0.1, "0.1"}, {1, "1.0"}, {100, "100.0"}, {1e15, "1000000000000000.0"}, {1e16, "1e+16"},
		{1.5e-5, "1.5e-05"}, {0.0001, "0.0001"}, {123.456, "123.456"}, {math.Inf(1), "inf"},
		{-2.5, "-2.5"}, {1e300, "1e+300"}, {5e-324, "5e-324"},
	}
	for _, tt := range tests {
		if got := Dump(&FloatLit{Value: tt.v}); got != tt.want {
			t.Errorf("%v: got %s, want %s", tt.v, got, tt.want)
		}
	}
}

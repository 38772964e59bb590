package compile

import (
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/metajit/metajit/interp/syntax"
)

func TestCompileErrors(t *testing.T) {
	at := func(line, col int) syntax.Pos { return syntax.Pos{Line: line, Col: col} }
	tests := []struct {
		name       string
		mod        *syntax.Module
		kind, msg  string
		line, col  int
		sourceLine string
	}{
		{"return outside function", module(ifStmt(1, nm("x"), block(&syntax.Return{Pos: at(2, 4), Value: num(5)}), nil)),
			"SyntaxError", "'return' outside function", 2, 4, ""},
		{"break outside loop", module(&syntax.Break{Pos: at(1, 0)}),
			"SyntaxError", "'break' outside loop", 1, 0, ""},
		{"continue outside loop", module(&syntax.Continue{Pos: at(1, 0)}),
			"SyntaxError", "'continue' not properly in loop", 1, 0, ""},
		{"break in loop else", module(while(1, nm("x"), block(pass(2)), block(brk(4)))),
			"SyntaxError", "'break' outside loop", 4, 0, ""},
		{"break in def in loop", module(while(1, nm("x"), block(def(2, "f", nil, brk(3))), nil)),
			"SyntaxError", "'break' outside loop", 3, 0, ""},
		{"continue in finally outside loop", module(def(1, "f", nil, try(2, block(pass(3)), nil, nil, block(cont(5))))),
			"SyntaxError", "'continue' not properly in loop", 5, 0, ""},
		{"global after use", module(def(1, "f", nil, exprStmt(2, call(nm("print"), nm("x"))), &syntax.Global{Pos: at(3, 4), Names: []string{"x"}})),
			"SyntaxError", "name 'x' is used prior to global declaration", 3, 4, ""},
		{"global after assignment", module(def(1, "f", nil, assign(2, nm("x"), num(1)), global(3, "x"))),
			"SyntaxError", "name 'x' is assigned to before global declaration", 3, 0, ""},
		{"global after augmented assignment", module(def(1, "f", nil, augAssign(2, nm("x"), "+", num(1)), global(3, "x"))),
			"SyntaxError", "name 'x' is assigned to before global declaration", 3, 0, ""},
		{"global of a parameter", module(def(1, "f", params("x"), global(2, "x"))),
			"SyntaxError", "name 'x' is parameter and global", 2, 0, ""},
		{"global after module assignment", module(assign(1, nm("x"), num(1)), global(2, "x")),
			"SyntaxError", "name 'x' is assigned to before global declaration", 2, 0, ""},
		{"duplicate parameter", module(&syntax.FuncDef{Pos: at(1, 0), Name: "f",
			Params: []syntax.Param{{Pos: at(1, 6), Name: "a"}, {Pos: at(1, 9), Name: "a"}}, Body: block(pass(1))}),
			"SyntaxError", "duplicate argument 'a' in function definition", 1, 9, ""},
		{"non-default after default", module(&syntax.FuncDef{Pos: at(1, 0), Name: "f",
			Params: []syntax.Param{{Pos: at(1, 6), Name: "a", Default: num(1)}, {Pos: at(1, 11), Name: "b"}}, Body: block(pass(1))}),
			"SyntaxError", "non-default argument follows default argument", 1, 11, ""},
		{"closure", module(def(1, "outer", nil,
			assign(2, nm("x"), num(1)),
			def(3, "inner", nil, ret(4, &syntax.Name{Pos: at(4, 15), Id: "x"})))),
			"NotImplementedError", "closures (free variable 'x' of an enclosing function) are not supported: a nested function may use only its own locals and globals", 4, 15, ""},
		{"closure two levels out", module(def(1, "a", params("p"),
			def(2, "b", nil, def(3, "c", nil, exprStmt(4, nm("p")))))),
			"NotImplementedError", "closures (free variable 'p' of an enclosing function) are not supported: a nested function may use only its own locals and globals", 4, 0, ""},
		{"recursive nested function", module(def(1, "outer", nil,
			def(2, "inner", params("n"), ret(3, call(nm("inner"), nm("n")))))),
			"NotImplementedError", "closures (free variable 'inner' of an enclosing function) are not supported: a nested function may use only its own locals and globals", 3, 0, ""},
		{"import os", module(imp(1, "os")),
			"NotImplementedError", "import of module 'os' is not supported (only 'import sys' is)", 1, 0, ""},
		{"import sys, os", module(imp(1, "sys", "os")),
			"NotImplementedError", "import of module 'os' is not supported (only 'import sys' is)", 1, 0, ""},
		{"keyword repeated", module(exprStmt(1, &syntax.Call{Func: nm("f"), Keywords: []syntax.Keyword{
			{Pos: at(1, 2), Name: "a", Value: num(1)}, {Pos: at(1, 7), Name: "a", Value: num(2)}}})),
			"SyntaxError", "keyword argument repeated: a", 1, 7, ""},
		{"attribute assignment", module(assign(1, attr(nm("x"), "y"), num(1))),
			"NotImplementedError", "assignment to an attribute ('.y') is not supported", 1, 0, ""},
		{"assignment to literal", module(assign(1, num(1), num(1))),
			"SyntaxError", "cannot assign to literal", 1, 0, ""},
		{"augmented assignment to tuple", module(augAssign(1, tuple(nm("a"), nm("b")), "+", num(1))),
			"SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 0, ""},
		{"bare except not last", module(try(1, block(pass(2)), []syntax.ExceptHandler{
			except(3, nil, "", pass(4)), except(5, nm("E"), "", pass(6))}, nil, nil)),
			"SyntaxError", "default 'except:' must be last", 3, 0, ""},
		{"too many method arguments", module(exprStmt(1, call(attr(nm("x"), "m"), slices.Repeat([]syntax.Expr{num(1)}, 256)...))),
			"SyntaxError", "too many arguments", 1, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Compile(tt.mod)
			if err == nil {
				t.Fatalf("compiled without error:\n%s", dis(p))
			}
			if p != nil {
				t.Errorf("program returned with an error")
			}
			if err.Kind != tt.kind || err.Msg != tt.msg || err.Line != tt.line || err.Col != tt.col {
				t.Errorf("got %s:%d:%d: %s: %s\nwant %d:%d: %s: %s", err.Filename, err.Line, err.Col, err.Kind, err.Msg, tt.line, tt.col, tt.kind, tt.msg)
			}
			if err.Filename != "t.py" {
				t.Errorf("filename %q", err.Filename)
			}
		})
	}
}

func TestErrorReportShowsSourceLine(t *testing.T) {
	mod := module(&syntax.Break{Pos: syntax.Pos{Line: 2, Col: 4}})
	mod.Source = "if x:\n    break\n"
	_, err := Compile(mod)
	if err == nil {
		t.Fatal("no error")
	}
	want := "  File \"t.py\", line 2\n    break\n    ^\nSyntaxError: 'break' outside loop\n"
	if got := err.Report(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}

func TestNestedFunctionsWithoutClosures(t *testing.T) {
	// Nested defs using only their own locals and globals are fine, and so is a nested def
	// that declares global a name that is local in the enclosing function.
	p := compileOK(t, module(
		def(1, "outer", params("a"),
			assign(2, nm("x"), num(1)),
			def(3, "inner", params("b"),
				global(4, "x"),
				assign(5, nm("y"), bin(nm("b"), "+", nm("x"))),
				ret(6, bin(nm("y"), "+", nm("g")))),
			ret(7, call(nm("inner"), nm("a"))),
		),
	))
	outer := p.Main.Consts[0].(*Code)
	inner := outer.Consts[slices.IndexFunc(outer.Consts, func(k any) bool { _, ok := k.(*Code); return ok })].(*Code)
	if !slices.Equal(outer.Locals, []string{"a", "x", "inner"}) {
		t.Errorf("outer locals %v", outer.Locals)
	}
	if !slices.Equal(inner.Locals, []string{"b", "y"}) {
		t.Errorf("inner locals %v", inner.Locals)
	}
	if !slices.Contains(p.Globals, "x") || !slices.Contains(p.Globals, "g") {
		t.Errorf("globals %v", p.Globals)
	}
}

func TestScopes(t *testing.T) {
	// Every kind of binding makes a local; `global` overrides; reads of other names are
	// globals, builtins included.
	p := compileOK(t, module(
		def(1, "f", []syntax.Param{param("p", nil), param("q", num(1))},
			global(2, "g", "h"),
			assign(3, nm("a"), nm("len")),
			augAssign(4, nm("b"), "+", num(1)),
			forStmt(5, tuple(nm("c"), nm("d")), nm("items"), block(pass(6)), nil),
			try(7, block(pass(8)), []syntax.ExceptHandler{except(9, nm("E"), "e", pass(10))}, nil, nil),
			def(11, "inner", nil, pass(12)),
			imp(13, "sys"),
			assign(14, nm("g"), num(1)),
			assign(15, nm("a"), nm("h")),
		),
	))
	f := p.Main.Consts[1].(*Code)
	if want := []string{"p", "q", "a", "b", "c", "d", "e", "inner", "sys"}; !slices.Equal(f.Locals, want) {
		t.Errorf("locals %v, want %v", f.Locals, want)
	}
	if f.NumParams != 2 || f.NumDefaults != 1 || f.FirstLine != 1 || f.Name != "f" || f.IsModule {
		t.Errorf("code header %+v", f)
	}
	for _, name := range []string{"f", "len", "items", "E", "g", "h"} {
		if !slices.Contains(p.Globals, name) {
			t.Errorf("%s not in globals %v", name, p.Globals)
		}
	}
	for _, name := range []string{"a", "b", "p", "sys", "e"} {
		if slices.Contains(p.Globals, name) {
			t.Errorf("local %s in globals %v", name, p.Globals)
		}
	}
	if m := p.Main; !m.IsModule || m.Name != "<module>" || len(m.Locals) != 0 || m.FirstLine != 1 {
		t.Errorf("module header %+v", m)
	}
}

func TestConstantsDistinct(t *testing.T) {
	p := compileOK(t, module(
		exprStmt(1, list(num(1), flt(1), boolean(true), flt(0), flt(math.Copysign(0, -1)), num(0), boolean(false),
			str("1"), none(), num(1), flt(1), flt(math.Copysign(0, -1)), str("1"),
			&syntax.IntLit{Value: new(big.Int).Lsh(big.NewInt(1), 70)}, &syntax.IntLit{Value: new(big.Int).Lsh(big.NewInt(1), 70)})),
	))
	want := []any{int64(1), 1.0, true, 0.0, math.Copysign(0, -1), int64(0), false, "1", nil, new(big.Int).Lsh(big.NewInt(1), 70)}
	got := p.Main.Consts
	if len(got) != len(want) {
		t.Fatalf("consts %v, want %v", got, want)
	}
	for i := range want {
		same := false
		switch w := want[i].(type) {
		case float64:
			g, ok := got[i].(float64)
			same = ok && math.Float64bits(g) == math.Float64bits(w)
		case *big.Int:
			g, ok := got[i].(*big.Int)
			same = ok && g.Cmp(w) == 0
		default:
			same = got[i] == want[i]
		}
		if !same {
			t.Errorf("const %d = %#v (%T), want %#v (%T)", i, got[i], got[i], want[i], want[i])
		}
	}
}

func TestLines(t *testing.T) {
	// A call spread over lines 2-4 is attributed to the line where it starts; its arguments
	// to their own lines. The for header is attributed to the for line.
	call := &syntax.Call{Pos: ln(2), Func: &syntax.Name{Pos: ln(2), Id: "f"},
		Args: []syntax.Expr{&syntax.Name{Pos: ln(3), Id: "a"}, &syntax.BinOp{Pos: ln(4), Op: "//", X: &syntax.Name{Pos: ln(4), Id: "b"}, Y: num(0)}}}
	p := compileOK(t, module(
		assign(1, nm("a"), num(1)),
		exprStmt(2, call),
		forStmt(5, nm("i"), &syntax.Name{Pos: ln(5), Id: "xs"}, block(exprStmt(6, nm("i"))), nil),
	))
	m := p.Main
	lineOf := func(op Opcode, nth int) int32 {
		for pc, in := range m.Instrs {
			if in.Op == op {
				if nth == 0 {
					return m.Lines[pc]
				}
				nth--
			}
		}
		t.Fatalf("no %v", op)
		return 0
	}
	checks := []struct {
		op   Opcode
		nth  int
		line int32
	}{
		{LOAD_GLOBAL, 0, 2}, {LOAD_GLOBAL, 1, 3}, {LOAD_GLOBAL, 2, 4}, {BINARY_FLOORDIV, 0, 4}, {CALL, 0, 2},
		{GET_ITER, 0, 5}, {FOR_ITER, 0, 5}, {STORE_GLOBAL, 1, 5}, {JUMP_BACKWARD, 0, 5},
	}
	// A multi-line assert raises on the line where its test starts, as in CPython.
	p2 := compileOK(t, module(assert(1, &syntax.Compare{Pos: ln(2), First: num(1), Ops: []string{"=="}, Rest: []syntax.Expr{num(2)}}, str("m"))))
	for pc, in := range p2.Main.Instrs {
		if (in.Op == LOAD_ASSERTION_ERROR || in.Op == RAISE_VARARGS) && p2.Main.Lines[pc] != 2 {
			t.Errorf("%v on line %d, want 2", in.Op, p2.Main.Lines[pc])
		}
	}
	for _, c := range checks {
		if got := lineOf(c.op, c.nth); got != c.line {
			t.Errorf("%v #%d on line %d, want %d\n%s", c.op, c.nth, got, c.line, dis(p))
		}
	}
}

func TestLoopHeaders(t *testing.T) {
	// Each loop has one header, targeted by its back-edge and by every continue (for the
	// for loop: continue, continue through the finally, back-edge).
	p := compileOK(t, module(
		while(1, nm("a"), block(
			ifStmt(2, nm("b"), block(cont(3)), nil),
			forStmt(4, nm("x"), nm("xs"), block(
				ifStmt(5, nm("x"), block(cont(6)), nil),
				try(7, block(ifStmt(8, nm("c"), block(cont(9)), nil)), nil, nil, block(exprStmt(11, nm("d")))),
			), nil),
		), nil),
	))
	m := p.Main
	targets := map[int32]int{}
	for _, in := range m.Instrs {
		if in.Op == JUMP_BACKWARD {
			targets[in.Arg]++
		}
	}
	if len(targets) != 2 {
		t.Fatalf("back-edge targets %v, want two headers\n%s", targets, dis(p))
	}
	if m.Instrs[0].Op != LOAD_GLOBAL || targets[0] != 2 {
		t.Errorf("while header: %v\n%s", targets, dis(p))
	}
	for h, n := range targets {
		if h != 0 && (m.Instrs[h].Op != FOR_ITER || n != 3) {
			t.Errorf("for header %d (%v) has %d back-edges, want FOR_ITER with 3\n%s", h, m.Instrs[h].Op, n, dis(p))
		}
	}
}

func TestMaxStack(t *testing.T) {
	// f(a, [b, (c, d)]) peaks at 5 values: f a b c d.
	p := compileOK(t, module(exprStmt(1, call(nm("f"), nm("a"), list(nm("b"), tuple(nm("c"), nm("d")))))))
	if p.Main.MaxStack != 5 {
		t.Errorf("MaxStack %d, want 5", p.Main.MaxStack)
	}
	// In a handler inside a for loop: iterator, prev, exc, then a call with one argument.
	p = compileOK(t, module(forStmt(1, nm("x"), nm("xs"), block(
		try(2, block(exprStmt(3, call(nm("h")))), nil, nil, block(exprStmt(5, call(nm("g"), nm("x")))))), nil)))
	if p.Main.MaxStack != 5 {
		t.Errorf("MaxStack %d, want 5\n%s", p.Main.MaxStack, dis(p))
	}
}

func TestStackEffectCoversAllOpcodes(t *testing.T) {
	for op := range NumOpcodes {
		if op.String() == "OP_?" {
			t.Errorf("opcode %d has no name", op)
		}
		for _, jump := range []bool{false, true} {
			StackEffect(op, 2, jump) // panics on an unknown opcode
		}
	}
	if StackEffect(CALL_METHOD, 7<<8|3, false) != -3 || StackEffect(BUILD_MAP, 2, false) != -3 ||
		StackEffect(FOR_ITER, 5, true) != -1 || StackEffect(FOR_ITER, 5, false) != 1 ||
		StackEffect(JUMP_IF_TRUE_OR_POP, 5, true) != 0 || StackEffect(UNPACK_SEQUENCE, 3, false) != 2 {
		t.Error("wrong stack effects")
	}
}

func TestNestingLimit(t *testing.T) {
	body := block(pass(1))
	for range 20 {
		body = block(while(1, nm("x"), body, nil))
	}
	if _, err := Compile(module(body...)); err != nil {
		t.Fatalf("20 nested loops: %v", err)
	}
	body = block(while(1, nm("x"), body, nil))
	_, err := Compile(module(body...))
	if err == nil || err.Msg != "too many statically nested blocks" {
		t.Fatalf("21 nested loops: %v", err)
	}
}

func TestVerifyCatchesBrokenCode(t *testing.T) {
	good := func() *Program {
		return compileOK(t, module(while(1, nm("a"), block(exprStmt(2, call(nm("f")))), nil)))
	}
	breakages := map[string]func(p *Program){
		"forward JUMP_BACKWARD": func(p *Program) { p.Main.Instrs[len(p.Main.Instrs)-3].Arg = int32(len(p.Main.Instrs) - 1) },
		"backward JUMP":         func(p *Program) { p.Main.Instrs[len(p.Main.Instrs)-3].Op = JUMP },
		"MaxStack":              func(p *Program) { p.Main.MaxStack++ },
		"missing line":          func(p *Program) { p.Main.Lines[0] = 0 },
		"global out of range":   func(p *Program) { p.Globals = p.Globals[:1] },
		"bad exception entry":   func(p *Program) { p.Main.ExcTable = []ExcEntry{{Start: 2, End: 1}} },
		"depth mismatch":        func(p *Program) { p.Main.Instrs[3].Op = POP_TOP },
	}
	for name, breakIt := range breakages {
		p := good()
		breakIt(p)
		if err := p.Verify(); err == nil {
			t.Errorf("%s: Verify accepted\n%s", name, dis(p))
		}
	}
}

func TestDisassembleFormats(t *testing.T) {
	p := compileOK(t, module(exprStmt(1, list(flt(1e16), flt(1e-5), flt(0.1), flt(2), flt(math.Inf(1)),
		str("it's"), str("a\"b'c\n\x01é")))))
	got := dis(p)
	for _, want := range []string{"(1e+16)", "(1e-05)", "(0.1)", "(2.0)", "(inf)", `("it's")`, `('a"b\'c\n\x01é')`} {
		if !strings.Contains(got, want) {
			t.Errorf("disassembly lacks %s:\n%s", want, got)
		}
	}
}

package compile

import (
	"math/big"
	"strings"
	"testing"

	"github.com/metajit/metajit/interp/syntax"
)

// Helpers to build syntax trees by hand, since tests must not depend on the parser.
// Expressions get no position (line 0): their instructions take the line of the enclosing
// statement, which is what a parser would give a one-line statement anyway.

func nm(id string) *syntax.Name         { return &syntax.Name{Id: id} }
func num(v int64) *syntax.IntLit        { return &syntax.IntLit{Value: big.NewInt(v)} }
func flt(v float64) *syntax.FloatLit    { return &syntax.FloatLit{Value: v} }
func str(s string) *syntax.StrLit       { return &syntax.StrLit{Value: s} }
func boolean(b bool) *syntax.BoolLit    { return &syntax.BoolLit{Value: b} }
func none() *syntax.NoneLit             { return &syntax.NoneLit{} }
func neg(x syntax.Expr) *syntax.UnaryOp { return &syntax.UnaryOp{Op: "-", X: x} }
func not(x syntax.Expr) *syntax.UnaryOp { return &syntax.UnaryOp{Op: "not", X: x} }
func attr(x syntax.Expr, n string) *syntax.Attribute {
	return &syntax.Attribute{X: x, Name: n}
}
func bin(x syntax.Expr, op string, y syntax.Expr) *syntax.BinOp {
	return &syntax.BinOp{Op: op, X: x, Y: y}
}
func and(vs ...syntax.Expr) *syntax.BoolOp { return &syntax.BoolOp{Op: "and", Values: vs} }
func or(vs ...syntax.Expr) *syntax.BoolOp  { return &syntax.BoolOp{Op: "or", Values: vs} }
func ifExp(cond, then, els syntax.Expr) *syntax.IfExp {
	return &syntax.IfExp{Cond: cond, Then: then, Else: els}
}

// cmp builds a comparison from operands and operators alternating: cmp(a, "<", b, "<", c).
func cmp(first syntax.Expr, rest ...any) *syntax.Compare {
	c := &syntax.Compare{First: first}
	for i := 0; i < len(rest); i += 2 {
		c.Ops = append(c.Ops, rest[i].(string))
		c.Rest = append(c.Rest, rest[i+1].(syntax.Expr))
	}
	return c
}

func call(f syntax.Expr, args ...syntax.Expr) *syntax.Call {
	return &syntax.Call{Func: f, Args: args}
}

// callKw builds a call with keywords given as name, value pairs after the positional args.
func callKw(f syntax.Expr, args []syntax.Expr, kws ...any) *syntax.Call {
	c := &syntax.Call{Func: f, Args: args}
	for i := 0; i < len(kws); i += 2 {
		c.Keywords = append(c.Keywords, syntax.Keyword{Name: kws[i].(string), Value: kws[i+1].(syntax.Expr)})
	}
	return c
}

func sub(x, i syntax.Expr) *syntax.Subscript { return &syntax.Subscript{X: x, Index: i} }
func slice(lo, hi, step syntax.Expr) *syntax.Slice {
	return &syntax.Slice{Lo: lo, Hi: hi, Step: step}
}
func list(es ...syntax.Expr) *syntax.ListLit   { return &syntax.ListLit{Elts: es} }
func tuple(es ...syntax.Expr) *syntax.TupleLit { return &syntax.TupleLit{Elts: es} }
func dict(kvs ...syntax.Expr) *syntax.DictLit {
	d := &syntax.DictLit{}
	for i := 0; i+1 < len(kvs); i += 2 {
		d.Keys = append(d.Keys, kvs[i])
		d.Values = append(d.Values, kvs[i+1])
	}
	return d
}

func ln(line int) syntax.Pos { return syntax.Pos{Line: line} }

func exprStmt(line int, e syntax.Expr) *syntax.ExprStmt { return &syntax.ExprStmt{Pos: ln(line), X: e} }
func assign(line int, target, value syntax.Expr) *syntax.Assign {
	return &syntax.Assign{Pos: ln(line), Targets: []syntax.Expr{target}, Value: value}
}
func augAssign(line int, target syntax.Expr, op string, value syntax.Expr) *syntax.AugAssign {
	return &syntax.AugAssign{Pos: ln(line), Target: target, Op: op, Value: value}
}
func ifStmt(line int, cond syntax.Expr, body, els []syntax.Stmt) *syntax.If {
	return &syntax.If{Pos: ln(line), Cond: cond, Body: body, Else: els}
}
func while(line int, cond syntax.Expr, body, els []syntax.Stmt) *syntax.While {
	return &syntax.While{Pos: ln(line), Cond: cond, Body: body, Else: els}
}
func forStmt(line int, target, iter syntax.Expr, body, els []syntax.Stmt) *syntax.For {
	return &syntax.For{Pos: ln(line), Target: target, Iter: iter, Body: body, Else: els}
}
func brk(line int) *syntax.Break                 { return &syntax.Break{Pos: ln(line)} }
func cont(line int) *syntax.Continue             { return &syntax.Continue{Pos: ln(line)} }
func pass(line int) *syntax.Pass                 { return &syntax.Pass{Pos: ln(line)} }
func ret(line int, v syntax.Expr) *syntax.Return { return &syntax.Return{Pos: ln(line), Value: v} }
func global(line int, names ...string) *syntax.Global {
	return &syntax.Global{Pos: ln(line), Names: names}
}
func imp(line int, names ...string) *syntax.Import {
	return &syntax.Import{Pos: ln(line), Names: names}
}
func raise(line int, e syntax.Expr) *syntax.Raise { return &syntax.Raise{Pos: ln(line), Exc: e} }
func assert(line int, test, msg syntax.Expr) *syntax.Assert {
	return &syntax.Assert{Pos: ln(line), Test: test, Msg: msg}
}

// param is a parameter; def takes them as name strings or *syntax.Param values.
func param(name string, def syntax.Expr) syntax.Param {
	return syntax.Param{Name: name, Default: def}
}

func def(line int, name string, params []syntax.Param, body ...syntax.Stmt) *syntax.FuncDef {
	return &syntax.FuncDef{Pos: ln(line), Name: name, Params: params, Body: body}
}

func params(names ...string) []syntax.Param {
	ps := make([]syntax.Param, len(names))
	for i, n := range names {
		ps[i] = syntax.Param{Name: n}
	}
	return ps
}

func try(line int, body []syntax.Stmt, handlers []syntax.ExceptHandler, els, finally []syntax.Stmt) *syntax.Try {
	return &syntax.Try{Pos: ln(line), Body: body, Handlers: handlers, Else: els, Finally: finally}
}

func except(line int, typ syntax.Expr, name string, body ...syntax.Stmt) syntax.ExceptHandler {
	return syntax.ExceptHandler{Pos: ln(line), Type: typ, Name: name, Body: body}
}

func block(ss ...syntax.Stmt) []syntax.Stmt { return ss }

func module(body ...syntax.Stmt) *syntax.Module {
	return &syntax.Module{Filename: "t.py", Body: body}
}

// compileOK compiles a module, failing the test on a compile error or a broken invariant.
func compileOK(t *testing.T, mod *syntax.Module) *Program {
	t.Helper()
	p, err := Compile(mod)
	if err != nil {
		t.Fatalf("compile error: %s", err.Report())
	}
	if verr := p.Verify(); verr != nil {
		var b strings.Builder
		p.Disassemble(&b)
		t.Fatalf("invariant broken: %v\n%s", verr, b.String())
	}
	return p
}

// dis disassembles a program.
func dis(p *Program) string {
	var b strings.Builder
	p.Disassemble(&b)
	return b.String()
}

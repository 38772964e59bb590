package compile

import (
	"fmt"
	"math/big"
	"math/rand"
	"strings"

	"github.com/metajit/metajit/interp/syntax"
)

// A generator of random programs of the subset, heavy on the control flow the compiler finds
// hard: loops with break/continue/else, return from inside loops, try/except/else/finally
// nested in each other and in loops, bare raise, exceptions crossing function calls. Programs
// always terminate (every loop is bounded) and keep all variables bound, so that the
// reference VM and CPython must print exactly the same thing.

type progGen struct {
	r       *rand.Rand
	n       int      // fresh-name counter
	funcs   []string // functions defined so far, callable
	vars    []string // readable and assignable int variables
	inFunc  bool
	loops   int // enclosing loops in the current function
	handler int // enclosing except clause bodies: bare raise allowed
	depth   int // statement nesting
	stmts   int // statements generated, to bound program size
}

func (g *progGen) fresh(prefix string) string {
	g.n++
	return fmt.Sprintf("%s%d", prefix, g.n)
}

func (g *progGen) chance(p float64) bool { return g.r.Float64() < p }

// genProgram builds a module: a few globals, a few functions, module-level code, and calls
// of every function guarded by a try statement.
func genProgram(seed int64) *syntax.Module {
	g := &progGen{r: rand.New(rand.NewSource(seed))}
	var body []syntax.Stmt
	g.vars = []string{"g1", "g2"}
	body = append(body,
		assign(0, nm("g1"), num(1)),
		assign(0, nm("g2"), num(2)),
		assign(0, nm("xs"), list(num(1), num(2), num(3))),
		assign(0, nm("ea"), num(7)),
	)
	for range 1 + g.r.Intn(3) {
		body = append(body, g.funcDef())
	}
	g.vars = []string{"g1", "g2"}
	body = append(body, g.block(2)...)
	for _, f := range g.funcs {
		c := g.callOf(f)
		body = append(body, try(0, block(exprStmt(0, call(nm("print"), str(f), c)), exprStmt(0, call(nm("print"), nm("xs")))),
			[]syntax.ExceptHandler{except(0, nm("Exception"), "err", exprStmt(0, call(nm("print"), str("caught"), nm("err"))))},
			nil, nil))
	}
	return &syntax.Module{Filename: "gen.py", Body: body}
}

func (g *progGen) callOf(f string) *syntax.Call {
	args := []syntax.Expr{g.expr(1)}
	switch g.r.Intn(3) {
	case 0:
		return call(nm(f), args...)
	case 1:
		return call(nm(f), append(args, g.expr(1))...)
	}
	return callKw(nm(f), args, "b", g.expr(1))
}

func (g *progGen) funcDef() *syntax.FuncDef {
	name := g.fresh("f")
	saved := *g
	g.inFunc, g.loops, g.handler, g.depth = true, 0, 0, 0
	g.vars = []string{"a", "b", "x", "y"}
	body := block(
		assign(0, nm("x"), num(0)),
		assign(0, nm("y"), g.expr(1)),
		assign(0, nm("ea"), num(7)),
	)
	if g.chance(0.3) {
		body = append(body, global(0, "g1"), augAssign(0, nm("g1"), "+", num(1)))
	}
	body = append(body, g.block(3)...)
	// Always return an int: None would make later arithmetic raise TypeErrors whose
	// messages the reference VM does not reproduce.
	body = append(body, ret(0, g.expr(1)))
	n, funcs := g.n, g.funcs
	*g = saved
	g.n, g.funcs = n, append(funcs, name)
	return def(0, name, []syntax.Param{param("a", nil), param("b", num(int64(g.r.Intn(3))))}, body...)
}

// block generates 1 to 3 statements; depth limits nesting.
func (g *progGen) block(depth int) []syntax.Stmt {
	n := 1 + g.r.Intn(3)
	var out []syntax.Stmt
	for range n {
		out = append(out, g.stmt(depth))
	}
	return out
}

func (g *progGen) anyVar() string { return g.vars[g.r.Intn(len(g.vars))] }

func (g *progGen) stmt(depth int) syntax.Stmt {
	g.stmts++
	compound := depth > 0 && g.stmts < 60
	for {
		switch k := g.r.Intn(20); {
		case k < 3:
			return assign(0, nm(g.anyVar()), g.expr(2))
		case k < 4:
			return augAssign(0, nm(g.anyVar()), []string{"+", "-", "+", "*"}[g.r.Intn(4)], g.smallExpr())
		case k < 5:
			return augAssign(0, sub(nm("xs"), bin(g.expr(1), "%", num(3))), "+", g.expr(1))
		case k < 6:
			a, b := g.anyVar(), g.anyVar()
			return &syntax.Assign{Targets: []syntax.Expr{tuple(nm(a), nm(b))}, Value: tuple(nm(b), g.expr(1))}
		case k < 8:
			if g.chance(0.3) {
				return exprStmt(0, callKw(nm("print"), []syntax.Expr{g.expr(2), g.expr(1)}, "end", str(";\n")))
			}
			return exprStmt(0, call(nm("print"), g.expr(2)))
		case k < 9 && compound:
			return ifStmt(0, g.expr(2), g.block(depth-1), g.optBlock(depth-1, 0.5))
		case k < 10 && compound:
			return g.forLoop(depth)
		case k < 11 && compound:
			return g.whileLoop(depth)
		case k < 13 && compound:
			return g.tryStmt(depth)
		case k < 14 && g.loops > 0:
			if g.chance(0.5) {
				return brk(0)
			}
			return cont(0)
		case k < 15 && g.inFunc:
			return ret(0, g.expr(1))
		case k < 16:
			return g.raise()
		case k < 17:
			return assert(0, g.expr(1), g.optExpr(str("assertion message")))
		case k < 18 && len(g.funcs) > 0:
			return assign(0, nm(g.anyVar()), g.callOf(g.funcs[g.r.Intn(len(g.funcs))]))
		case k < 19 && g.chance(0.5):
			return exprStmt(0, call(attr(nm("xs"), "append"), g.smallExpr()))
		case k < 19:
			return probe()
		case k < 20 && !g.inFunc:
			return assign(0, nm("xs"), list(num(1), g.smallExpr(), num(3)))
		}
	}
}

// probe prints the handler name "ea", bound until an except clause using it ends.
func probe() syntax.Stmt {
	return try(0, block(exprStmt(0, call(nm("print"), str("ea is"), nm("ea")))),
		[]syntax.ExceptHandler{except(0, nm("NameError"), "", exprStmt(0, call(nm("print"), str("ea unbound"))))},
		nil, nil)
}

func (g *progGen) optBlock(depth int, p float64) []syntax.Stmt {
	if g.chance(p) {
		return g.block(depth)
	}
	return nil
}

func (g *progGen) optExpr(e syntax.Expr) syntax.Expr {
	if g.chance(0.5) {
		return e
	}
	return nil
}

func (g *progGen) forLoop(depth int) syntax.Stmt {
	v := g.fresh("i")
	iter := call(nm("range"), num(int64(g.r.Intn(4))))
	g.loops++
	g.vars = append(g.vars, v)
	body := g.block(depth - 1)
	g.vars = g.vars[:len(g.vars)-1]
	g.loops--
	var target syntax.Expr = nm(v)
	if g.chance(0.2) {
		// Tuple target: iterate over a list of pairs.
		w := g.fresh("j")
		pairs := list(tuple(num(1), num(2)), tuple(num(3), g.smallExpr()))
		target = tuple(nm(v), nm(w))
		g.loops++
		g.vars = append(g.vars, v, w)
		body = g.block(depth - 1)
		g.vars = g.vars[:len(g.vars)-2]
		g.loops--
		return forStmt(0, target, pairs, body, g.optBlock(depth-1, 0.3))
	}
	return forStmt(0, target, iter, body, g.optBlock(depth-1, 0.3))
}

// whileLoop is bounded by a counter incremented first thing in the body, so that continue
// cannot skip it.
func (g *progGen) whileLoop(depth int) syntax.Stmt {
	w := g.fresh("w")
	g.loops++
	body := append(block(augAssign(0, nm(w), "+", num(1))), g.block(depth-1)...)
	g.loops--
	loop := while(0, cmp(nm(w), "<", num(int64(1+g.r.Intn(3)))), body, g.optBlock(depth-1, 0.3))
	// The counter is set right before the loop: an if wrapping both keeps them together.
	return ifStmt(0, boolean(true), block(assign(0, nm(w), num(0)), loop), nil)
}

var excTypes = []string{"ValueError", "KeyError", "ZeroDivisionError", "IndexError"}

func (g *progGen) excType() syntax.Expr {
	switch g.r.Intn(6) {
	case 0:
		return tuple(nm(excTypes[g.r.Intn(4)]), nm(excTypes[g.r.Intn(4)]))
	case 1:
		return nm("Exception")
	}
	return nm(excTypes[g.r.Intn(4)])
}

func (g *progGen) raise() syntax.Stmt {
	switch {
	case g.handler > 0 && g.chance(0.4):
		return raise(0, nil)
	case g.chance(0.3):
		return assign(0, nm(g.anyVar()), bin(num(1), "//", g.expr(1)))
	case g.chance(0.3):
		return raise(0, nm(excTypes[g.r.Intn(4)]))
	}
	return raise(0, call(nm(excTypes[g.r.Intn(4)]), str(g.fresh("msg"))))
}

func (g *progGen) tryStmt(depth int) syntax.Stmt {
	body := g.block(depth - 1)
	var handlers []syntax.ExceptHandler
	nh := g.r.Intn(4)
	hasFinally := nh == 0 || g.chance(0.4)
	for i := range nh {
		var typ syntax.Expr
		if i < nh-1 || g.chance(0.7) {
			typ = g.excType()
		}
		name := ""
		if typ != nil && g.chance(0.5) {
			name = g.fresh("e")
			if g.chance(0.5) {
				name = "ea" // also probed outside the handler: see stmt
			}
		}
		g.handler++
		hbody := g.block(depth - 1)
		if name != "" && g.chance(0.7) {
			hbody = append(block(exprStmt(0, call(nm("print"), str("handled"), nm(name)))), hbody...)
		}
		g.handler--
		if g.chance(0.3) {
			hbody = append(block(probe()), hbody...)
		}
		handlers = append(handlers, except(0, typ, name, hbody...))
	}
	var els, fin []syntax.Stmt
	if nh > 0 {
		els = g.optBlock(depth-1, 0.3)
	}
	if hasFinally {
		fin = g.block(depth - 1)
		if g.chance(0.3) {
			fin = append(block(probe()), fin...)
		}
	}
	return try(0, body, handlers, els, fin)
}

// sint is an integer literal as the parser builds it: negative numbers are a unary minus.
func sint(v int64) syntax.Expr {
	if v < 0 {
		return neg(num(-v))
	}
	return num(v)
}

func (g *progGen) smallExpr() syntax.Expr {
	if g.chance(0.5) {
		return sint(int64(g.r.Intn(7) - 2))
	}
	return nm(g.anyVar())
}

func (g *progGen) expr(depth int) syntax.Expr {
	if depth <= 0 {
		return g.smallExpr()
	}
	switch g.r.Intn(14) {
	case 0, 1:
		return g.smallExpr()
	case 2:
		return bin(g.expr(depth-1), []string{"+", "-"}[g.r.Intn(2)], g.expr(depth-1))
	case 3:
		return bin(g.expr(depth-1), "*", sint(int64(g.r.Intn(4)-1)))
	case 4:
		return bin(g.expr(depth-1), []string{"//", "%"}[g.r.Intn(2)], sint(int64(g.r.Intn(4)-1)))
	case 5:
		ops := []string{"<", "<=", "==", "!=", ">", ">="}
		c := cmp(g.expr(depth-1), ops[g.r.Intn(6)], g.expr(depth-1))
		for g.chance(0.4) {
			c.Ops = append(c.Ops, ops[g.r.Intn(6)])
			c.Rest = append(c.Rest, g.expr(depth-1))
		}
		return c
	case 6:
		return and(g.expr(depth-1), g.expr(depth-1))
	case 7:
		return or(g.expr(depth-1), g.expr(depth-1), g.expr(depth-1))
	case 8:
		return not(g.expr(depth - 1))
	case 9:
		return ifExp(g.expr(depth-1), g.expr(depth-1), g.expr(depth-1))
	case 10:
		return sub(nm("xs"), bin(g.expr(depth-1), "%", num(3)))
	case 11:
		return call(nm("len"), nm("xs"))
	case 12:
		return cmp(g.expr(depth-1), []string{"in", "not in"}[g.r.Intn(2)], nm("xs"))
	case 13:
		return neg(g.expr(depth - 1))
	}
	panic("unreachable")
}

// ---- Printing a tree as Python source ----

// pySource prints a module as Python source and sets the line of every statement (and of
// the expressions in it) to the line it is printed on, as the parser would.
func pySource(mod *syntax.Module) string {
	p := &pyPrinter{}
	p.stmts(mod.Body, 0)
	mod.Source = p.b.String()
	return mod.Source
}

type pyPrinter struct {
	b    strings.Builder
	line int
}

func (p *pyPrinter) emit(indent int, s string) int {
	p.line++
	p.b.WriteString(strings.Repeat("    ", indent) + s + "\n")
	return p.line
}

func (p *pyPrinter) stmts(ss []syntax.Stmt, indent int) {
	if len(ss) == 0 {
		p.emit(indent, "pass")
	}
	for _, s := range ss {
		p.stmt(s, indent)
	}
}

func setLine(n syntax.Node, line int) {
	switch n := n.(type) {
	case *syntax.ExprStmt:
		n.Line = line
	case *syntax.Assign:
		n.Line = line
	case *syntax.AugAssign:
		n.Line = line
	case *syntax.If:
		n.Line = line
	case *syntax.While:
		n.Line = line
	case *syntax.For:
		n.Line = line
	case *syntax.Break:
		n.Line = line
	case *syntax.Continue:
		n.Line = line
	case *syntax.Pass:
		n.Line = line
	case *syntax.FuncDef:
		n.Line = line
	case *syntax.Return:
		n.Line = line
	case *syntax.Global:
		n.Line = line
	case *syntax.Import:
		n.Line = line
	case *syntax.Try:
		n.Line = line
	case *syntax.Raise:
		n.Line = line
	case *syntax.Assert:
		n.Line = line
	}
}

func (p *pyPrinter) stmt(s syntax.Stmt, indent int) {
	line := p.line + 1
	setLine(s, line)
	switch s := s.(type) {
	case *syntax.ExprStmt:
		p.emit(indent, pyExpr(s.X))
	case *syntax.Assign:
		var parts []string
		for _, t := range s.Targets {
			parts = append(parts, pyExpr(t))
		}
		p.emit(indent, strings.Join(parts, " = ")+" = "+pyExpr(s.Value))
	case *syntax.AugAssign:
		p.emit(indent, pyExpr(s.Target)+" "+s.Op+"= "+pyExpr(s.Value))
	case *syntax.If:
		p.emit(indent, "if "+pyExpr(s.Cond)+":")
		p.stmts(s.Body, indent+1)
		if len(s.Else) > 0 {
			p.emit(indent, "else:")
			p.stmts(s.Else, indent+1)
		}
	case *syntax.While:
		p.emit(indent, "while "+pyExpr(s.Cond)+":")
		p.stmts(s.Body, indent+1)
		if len(s.Else) > 0 {
			p.emit(indent, "else:")
			p.stmts(s.Else, indent+1)
		}
	case *syntax.For:
		p.emit(indent, "for "+pyTarget(s.Target)+" in "+pyExpr(s.Iter)+":")
		p.stmts(s.Body, indent+1)
		if len(s.Else) > 0 {
			p.emit(indent, "else:")
			p.stmts(s.Else, indent+1)
		}
	case *syntax.Break:
		p.emit(indent, "break")
	case *syntax.Continue:
		p.emit(indent, "continue")
	case *syntax.Pass:
		p.emit(indent, "pass")
	case *syntax.FuncDef:
		var ps []string
		for _, prm := range s.Params {
			if prm.Default != nil {
				ps = append(ps, prm.Name+"="+pyExpr(prm.Default))
			} else {
				ps = append(ps, prm.Name)
			}
		}
		p.emit(indent, "def "+s.Name+"("+strings.Join(ps, ", ")+"):")
		p.stmts(s.Body, indent+1)
	case *syntax.Return:
		if s.Value == nil {
			p.emit(indent, "return")
		} else {
			p.emit(indent, "return "+pyExpr(s.Value))
		}
	case *syntax.Global:
		p.emit(indent, "global "+strings.Join(s.Names, ", "))
	case *syntax.Import:
		p.emit(indent, "import "+strings.Join(s.Names, ", "))
	case *syntax.Try:
		p.emit(indent, "try:")
		p.stmts(s.Body, indent+1)
		for i := range s.Handlers {
			h := &s.Handlers[i]
			h.Line = p.line + 1
			switch {
			case h.Type == nil:
				p.emit(indent, "except:")
			case h.Name == "":
				p.emit(indent, "except "+pyExpr(h.Type)+":")
			default:
				p.emit(indent, "except "+pyExpr(h.Type)+" as "+h.Name+":")
			}
			p.stmts(h.Body, indent+1)
		}
		if len(s.Else) > 0 {
			p.emit(indent, "else:")
			p.stmts(s.Else, indent+1)
		}
		if len(s.Finally) > 0 {
			p.emit(indent, "finally:")
			p.stmts(s.Finally, indent+1)
		}
	case *syntax.Raise:
		if s.Exc == nil {
			p.emit(indent, "raise")
		} else {
			p.emit(indent, "raise "+pyExpr(s.Exc))
		}
	case *syntax.Assert:
		if s.Msg == nil {
			p.emit(indent, "assert "+pyExpr(s.Test))
		} else {
			p.emit(indent, "assert "+pyExpr(s.Test)+", "+pyExpr(s.Msg))
		}
	default:
		panic(fmt.Sprintf("pySource: %T", s))
	}
}

func pyTarget(e syntax.Expr) string {
	if t, ok := e.(*syntax.TupleLit); ok {
		var parts []string
		for _, x := range t.Elts {
			parts = append(parts, pyExpr(x))
		}
		return strings.Join(parts, ", ")
	}
	return pyExpr(e)
}

// pyExpr prints an expression fully parenthesized, so precedence never matters.
func pyExpr(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.Name:
		return e.Id
	case *syntax.IntLit:
		return (*big.Int)(e.Value).String()
	case *syntax.FloatLit:
		return floatRepr(e.Value)
	case *syntax.StrLit:
		return strRepr(e.Value)
	case *syntax.BoolLit:
		return map[bool]string{true: "True", false: "False"}[e.Value]
	case *syntax.NoneLit:
		return "None"
	case *syntax.UnaryOp:
		if e.Op == "not" {
			return "(not " + pyExpr(e.X) + ")"
		}
		return "(" + e.Op + pyExpr(e.X) + ")"
	case *syntax.BinOp:
		return "(" + pyExpr(e.X) + " " + e.Op + " " + pyExpr(e.Y) + ")"
	case *syntax.BoolOp:
		var parts []string
		for _, v := range e.Values {
			parts = append(parts, pyExpr(v))
		}
		return "(" + strings.Join(parts, " "+e.Op+" ") + ")"
	case *syntax.Compare:
		s := "(" + pyExpr(e.First)
		for i, op := range e.Ops {
			s += " " + op + " " + pyExpr(e.Rest[i])
		}
		return s + ")"
	case *syntax.IfExp:
		return "(" + pyExpr(e.Then) + " if " + pyExpr(e.Cond) + " else " + pyExpr(e.Else) + ")"
	case *syntax.Call:
		var parts []string
		for _, a := range e.Args {
			parts = append(parts, pyExpr(a))
		}
		for _, k := range e.Keywords {
			parts = append(parts, k.Name+"="+pyExpr(k.Value))
		}
		return pyExpr(e.Func) + "(" + strings.Join(parts, ", ") + ")"
	case *syntax.Attribute:
		return pyExpr(e.X) + "." + e.Name
	case *syntax.Subscript:
		return pyExpr(e.X) + "[" + pyExpr(e.Index) + "]"
	case *syntax.Slice:
		s := ""
		if e.Lo != nil {
			s += pyExpr(e.Lo)
		}
		s += ":"
		if e.Hi != nil {
			s += pyExpr(e.Hi)
		}
		if e.Step != nil {
			s += ":" + pyExpr(e.Step)
		}
		return s
	case *syntax.ListLit:
		var parts []string
		for _, x := range e.Elts {
			parts = append(parts, pyExpr(x))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *syntax.TupleLit:
		var parts []string
		for _, x := range e.Elts {
			parts = append(parts, pyExpr(x))
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case *syntax.DictLit:
		var parts []string
		for i := range e.Keys {
			parts = append(parts, pyExpr(e.Keys[i])+": "+pyExpr(e.Values[i]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	panic(fmt.Sprintf("pyExpr: %T", e))
}

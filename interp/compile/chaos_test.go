package compile

import (
	"math/rand"
	"testing"

	"github.com/metajit/metajit/interp/syntax"
)

// chaosGen builds arbitrary trees, valid or not: break, continue, return, global and nested
// defs anywhere, any names, deep nesting. Compiling them must give a proper error or code
// that passes Verify, never a panic.
type chaosGen struct {
	r     *rand.Rand
	names []string
}

func (g *chaosGen) name() string { return g.names[g.r.Intn(len(g.names))] }

func (g *chaosGen) expr(d int) syntax.Expr {
	if d <= 0 {
		if g.r.Intn(2) == 0 {
			return num(int64(g.r.Intn(3)))
		}
		return nm(g.name())
	}
	switch g.r.Intn(8) {
	case 0:
		return cmp(g.expr(d-1), "<", g.expr(d-1), "in", g.expr(d-1))
	case 1:
		return or(g.expr(d-1), and(g.expr(d-1), g.expr(d-1)))
	case 2:
		return callKw(attr(g.expr(d-1), "m"), []syntax.Expr{g.expr(d - 1)}, "k", g.expr(d-1))
	case 3:
		return sub(g.expr(d-1), slice(g.expr(d-1), nil, g.expr(d-1)))
	case 4:
		return ifExp(not(g.expr(d-1)), g.expr(d-1), g.expr(d-1))
	case 5:
		return dict(g.expr(d-1), list(g.expr(d-1)))
	}
	return g.expr(0)
}

func (g *chaosGen) target() syntax.Expr {
	switch g.r.Intn(6) {
	case 0:
		return tuple(nm(g.name()), list(nm(g.name()), sub(nm(g.name()), num(0))))
	case 1:
		return sub(g.expr(1), g.expr(1))
	case 2:
		if g.r.Intn(10) == 0 {
			return attr(nm(g.name()), "a") // not supported
		}
	}
	return nm(g.name())
}

func (g *chaosGen) block(d int) []syntax.Stmt {
	var out []syntax.Stmt
	for range 1 + g.r.Intn(3) {
		out = append(out, g.stmt(d))
	}
	return out
}

func (g *chaosGen) stmt(d int) syntax.Stmt {
	line := 1 + g.r.Intn(50)
	if d <= 0 {
		switch g.r.Intn(10) {
		case 0:
			return brk(line)
		case 1:
			return cont(line)
		case 2:
			return ret(line, g.expr(1))
		case 3:
			if g.r.Intn(3) == 0 {
				return global(line, "g")
			}
			return exprStmt(line, g.expr(2))
		case 4:
			return raise(line, nil)
		case 5:
			t := g.target()
			if _, ok := t.(*syntax.TupleLit); ok && g.r.Intn(10) > 0 {
				t = nm(g.name())
			}
			return augAssign(line, t, "+", g.expr(1))
		case 6:
			return imp(line, "sys")
		}
		return assign(line, g.target(), g.expr(2))
	}
	switch g.r.Intn(7) {
	case 0:
		return ifStmt(line, g.expr(1), g.block(d-1), g.block(d-1))
	case 1:
		return while(line, g.expr(1), g.block(d-1), g.block(d-1))
	case 2:
		return forStmt(line, g.target(), g.expr(1), g.block(d-1), g.block(d-1))
	case 3:
		var hs []syntax.ExceptHandler
		for i := range g.r.Intn(3) {
			var typ syntax.Expr
			if i == 0 || g.r.Intn(2) == 0 {
				typ = nm("E")
			}
			hs = append(hs, except(line, typ, []string{"", g.name()}[g.r.Intn(2)], g.block(d-1)...))
		}
		var fin []syntax.Stmt
		if len(hs) == 0 || g.r.Intn(2) == 0 {
			fin = g.block(d - 1)
		}
		return try(line, g.block(d-1), hs, g.block(d-1), fin)
	case 4:
		ps := []syntax.Param{param("p", nil)}
		if g.r.Intn(4) == 0 {
			ps = append(ps, param([]string{"q", "p"}[min(g.r.Intn(200), 1)^1], g.expr(1)))
		}
		return def(line, g.name(), ps, g.block(d-1)...)
	}
	return g.stmt(0)
}

func TestChaosTreesNeverPanic(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	kinds := map[string]int{}
	for seed := range n {
		g := &chaosGen{r: rand.New(rand.NewSource(int64(seed))), names: []string{"a", "b", "c", "d", "p"}}
		body := g.block(4)
		if seed%2 == 0 {
			// Inside a function and a loop, most break/continue/return are valid.
			body = block(def(1, "f", params("p"), while(1, nm("p"), body, nil)))
		}
		mod := module(body...)
		p, err := Compile(mod)
		if err != nil {
			if err.Kind != "SyntaxError" && err.Kind != "NotImplementedError" || err.Line < 1 || err.Msg == "" {
				t.Fatalf("seed %d: bad error %+v", seed, err)
			}
			kinds[err.Msg[:min(len(err.Msg), 24)]]++
			continue
		}
		kinds["ok"]++
		if verr := p.Verify(); verr != nil {
			t.Fatalf("seed %d: %v\n%s", seed, verr, dis(p))
		}
	}
	t.Logf("outcomes: %v", kinds)
	if kinds["ok"] < n/20 {
		t.Errorf("too few trees compiled: %v", kinds)
	}
}

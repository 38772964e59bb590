package compile

import (
	"strings"

	"github.com/metajit/metajit/interp/syntax"
)

// Scope analysis, the counterpart of CPython's symtable pass: before any code is generated,
// one walk over the whole module records, for the module and every function, which names are
// read, bound and declared global, and reports the errors CPython's symtable reports
// (duplicate parameters, a `global` after a use or binding of the name).

// Symbol flags, as in CPython's symtable.
const (
	symUse    = 1 << iota // the name is read
	symBound              // the name is bound: assignment, for target, except-as, def, import
	symParam              // the name is a parameter
	symGlobal             // the name is declared `global`
)

// scope holds what the analysis learned about the module or one function.
type scope struct {
	fn       *syntax.FuncDef // nil for the module
	parent   *scope
	flags    map[string]int
	bindings []string // bound names in order of first binding, parameters first
	children map[*syntax.FuncDef]*scope

	// Function scopes only, filled in by finish: the fast locals.
	locals   []string
	localIdx map[string]int
}

func newScope(fn *syntax.FuncDef, parent *scope) *scope {
	return &scope{fn: fn, parent: parent, flags: map[string]int{}, children: map[*syntax.FuncDef]*scope{}}
}

func (s *scope) isFunction() bool { return s.fn != nil }

func (s *scope) add(name string, flag int) {
	old := s.flags[name]
	if flag&(symBound|symParam) != 0 && old&(symBound|symParam) == 0 {
		s.bindings = append(s.bindings, name)
	}
	s.flags[name] = old | flag
}

// finish computes the fast locals of a function scope: parameters first, then every other
// name bound in the body that is not declared global.
func (s *scope) finish() {
	if !s.isFunction() {
		return
	}
	s.localIdx = map[string]int{}
	for _, name := range s.bindings {
		if s.flags[name]&symGlobal != 0 {
			continue
		}
		s.localIdx[name] = len(s.locals)
		s.locals = append(s.locals, name)
	}
}

// nameKind says where a name lives.
type nameKind int

const (
	nameGlobal nameKind = iota // Program.Globals (module names and builtins)
	nameFast                   // a fast local of the current function
	nameFree                   // a local of an enclosing function: a closure, not supported
)

// resolve says where name lives when used in s; for nameFast it also gives the local index.
func (s *scope) resolve(name string) (nameKind, int) {
	if !s.isFunction() || s.flags[name]&symGlobal != 0 {
		return nameGlobal, 0
	}
	if i, ok := s.localIdx[name]; ok {
		return nameFast, i
	}
	for p := s.parent; p != nil && p.isFunction(); p = p.parent {
		if p.flags[name]&symGlobal != 0 {
			return nameGlobal, 0
		}
		if _, ok := p.localIdx[name]; ok {
			return nameFree, 0
		}
	}
	return nameGlobal, 0
}

// analyzer walks the tree building scopes.
type analyzer struct {
	c *compiler // for error reporting
}

// analyzeModule builds the module scope and, recursively, the scope of every function.
func (c *compiler) analyzeModule(mod *syntax.Module) *scope {
	a := &analyzer{c: c}
	s := newScope(nil, nil)
	a.stmts(s, mod.Body)
	s.finish()
	return s
}

func (a *analyzer) stmts(s *scope, body []syntax.Stmt) {
	for _, st := range body {
		a.stmt(s, st)
	}
}

func (a *analyzer) stmt(s *scope, st syntax.Stmt) {
	switch st := st.(type) {
	case *syntax.ExprStmt:
		a.expr(s, st.X)
	case *syntax.Assign:
		for _, t := range st.Targets {
			a.target(s, t)
		}
		a.expr(s, st.Value)
	case *syntax.AugAssign:
		a.target(s, st.Target)
		a.expr(s, st.Value)
	case *syntax.If:
		a.expr(s, st.Cond)
		a.stmts(s, st.Body)
		a.stmts(s, st.Else)
	case *syntax.While:
		a.expr(s, st.Cond)
		a.stmts(s, st.Body)
		a.stmts(s, st.Else)
	case *syntax.For:
		a.target(s, st.Target)
		a.expr(s, st.Iter)
		a.stmts(s, st.Body)
		a.stmts(s, st.Else)
	case *syntax.FuncDef:
		a.funcDef(s, st)
	case *syntax.Return:
		a.expr(s, st.Value)
	case *syntax.Global:
		for _, name := range st.Names {
			cur := s.flags[name]
			msg := ""
			switch {
			case cur&symParam != 0:
				msg = "name '" + name + "' is parameter and global"
			case cur&symUse != 0:
				msg = "name '" + name + "' is used prior to global declaration"
			case cur&symBound != 0:
				msg = "name '" + name + "' is assigned to before global declaration"
			}
			if msg != "" {
				a.c.errorAt(st.Pos, "SyntaxError", "%s", msg)
			}
			s.add(name, symGlobal)
		}
	case *syntax.Import:
		for _, name := range st.Names {
			// `import a.b` binds a.
			first, _, _ := strings.Cut(name, ".")
			s.add(first, symBound)
		}
	case *syntax.Try:
		a.stmts(s, st.Body)
		for i := range st.Handlers {
			h := &st.Handlers[i]
			a.expr(s, h.Type)
			if h.Name != "" {
				s.add(h.Name, symBound)
			}
			a.stmts(s, h.Body)
		}
		a.stmts(s, st.Else)
		a.stmts(s, st.Finally)
	case *syntax.Raise:
		a.expr(s, st.Exc)
	case *syntax.Assert:
		a.expr(s, st.Test)
		a.expr(s, st.Msg)
	case *syntax.Break, *syntax.Continue, *syntax.Pass:
	}
}

// funcDef binds the function's name in s, visits its defaults (evaluated in s) and analyzes
// its body in a new scope.
func (a *analyzer) funcDef(s *scope, fd *syntax.FuncDef) {
	s.add(fd.Name, symBound)
	for _, p := range fd.Params {
		a.expr(s, p.Default)
	}
	child := newScope(fd, s)
	s.children[fd] = child
	seenDefault := false
	for _, p := range fd.Params {
		pos := p.Pos
		if pos.Line < 1 {
			pos = fd.Pos
		}
		if child.flags[p.Name]&symParam != 0 {
			a.c.errorAt(pos, "SyntaxError", "duplicate argument '%s' in function definition", p.Name)
		}
		if p.Default != nil {
			seenDefault = true
		} else if seenDefault {
			a.c.errorAt(pos, "SyntaxError", "non-default argument follows default argument")
		}
		child.add(p.Name, symParam)
	}
	a.stmts(child, fd.Body)
	child.finish()
}

// target records the names bound by an assignment target and the names read by it (the
// object and index of a subscript, the object of an attribute).
func (a *analyzer) target(s *scope, t syntax.Expr) {
	switch t := t.(type) {
	case *syntax.Name:
		s.add(t.Id, symBound)
	case *syntax.TupleLit:
		for _, e := range t.Elts {
			a.target(s, e)
		}
	case *syntax.ListLit:
		for _, e := range t.Elts {
			a.target(s, e)
		}
	default:
		a.expr(s, t)
	}
}

func (a *analyzer) expr(s *scope, e syntax.Expr) {
	switch e := e.(type) {
	case nil:
	case *syntax.Name:
		s.add(e.Id, symUse)
	case *syntax.UnaryOp:
		a.expr(s, e.X)
	case *syntax.BinOp:
		a.expr(s, e.X)
		a.expr(s, e.Y)
	case *syntax.BoolOp:
		for _, v := range e.Values {
			a.expr(s, v)
		}
	case *syntax.Compare:
		a.expr(s, e.First)
		for _, v := range e.Rest {
			a.expr(s, v)
		}
	case *syntax.IfExp:
		a.expr(s, e.Cond)
		a.expr(s, e.Then)
		a.expr(s, e.Else)
	case *syntax.Call:
		a.expr(s, e.Func)
		for _, v := range e.Args {
			a.expr(s, v)
		}
		for _, k := range e.Keywords {
			a.expr(s, k.Value)
		}
	case *syntax.Attribute:
		a.expr(s, e.X)
	case *syntax.Subscript:
		a.expr(s, e.X)
		a.expr(s, e.Index)
	case *syntax.Slice:
		a.expr(s, e.Lo)
		a.expr(s, e.Hi)
		a.expr(s, e.Step)
	case *syntax.ListLit:
		for _, v := range e.Elts {
			a.expr(s, v)
		}
	case *syntax.TupleLit:
		for _, v := range e.Elts {
			a.expr(s, v)
		}
	case *syntax.DictLit:
		for i := range e.Keys {
			a.expr(s, e.Keys[i])
			if i < len(e.Values) {
				a.expr(s, e.Values[i])
			}
		}
	}
}

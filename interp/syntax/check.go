package syntax

// Checks that CPython makes after parsing, while building its symbol tables and compiling:
// a program that parses can still be refused ("'break' outside loop", "name 'x' is used
// prior to global declaration"). CPython reports the symbol-table errors of the whole
// file before any compiler error, so there are two passes, each in source order.

import "fmt"

// checkDepth reports expressions nested more deeply than CPython can compile.
func checkDepth(p *parser, body []Stmt) *Error {
	var bad Node
	var expr func(e Expr, depth int) bool
	expr = func(e Expr, depth int) bool {
		if e == nil {
			return true
		}
		if depth > maxExprDepth {
			bad = e
			return false
		}
		ok := true
		forEachChild(e, func(c Expr) {
			if ok {
				ok = expr(c, depth+1)
			}
		})
		return ok
	}
	walkStmts(body, func(s Stmt) bool {
		ok := true
		forEachStmtExpr(s, func(e Expr) {
			if ok {
				ok = expr(e, 1)
			}
		})
		return ok
	})
	if bad != nil {
		pos := bad.Position()
		return &Error{Kind: "RecursionError", Msg: "maximum recursion depth exceeded during compilation",
			Filename: p.filename, Line: pos.Line, Col: -1, Text: p.lx.lineText(pos.Line)}
	}
	return nil
}

// walkStmts calls visit for each statement of body and of the blocks nested in it, in
// source order, until visit returns false; it returns false when stopped.
func walkStmts(body []Stmt, visit func(Stmt) bool) bool {
	for _, s := range body {
		if !visit(s) {
			return false
		}
		for _, block := range childBlocks(s) {
			if !walkStmts(block, visit) {
				return false
			}
		}
	}
	return true
}

// childBlocks returns the statement lists nested in s, in source order.
func childBlocks(s Stmt) [][]Stmt {
	switch s := s.(type) {
	case *If:
		return [][]Stmt{s.Body, s.Else}
	case *While:
		return [][]Stmt{s.Body, s.Else}
	case *For:
		return [][]Stmt{s.Body, s.Else}
	case *FuncDef:
		return [][]Stmt{s.Body}
	case *Try:
		blocks := [][]Stmt{s.Body}
		for _, h := range s.Handlers {
			blocks = append(blocks, h.Body)
		}
		return append(blocks, s.Else, s.Finally)
	}
	return nil
}

// forEachStmtExpr calls f for each expression directly part of statement s (not of the
// statements nested in it).
func forEachStmtExpr(s Stmt, f func(Expr)) {
	switch s := s.(type) {
	case *ExprStmt:
		f(s.X)
	case *Assign:
		for _, t := range s.Targets {
			f(t)
		}
		f(s.Value)
	case *AugAssign:
		f(s.Target)
		f(s.Value)
	case *If:
		f(s.Cond)
	case *While:
		f(s.Cond)
	case *For:
		f(s.Target)
		f(s.Iter)
	case *FuncDef:
		for _, p := range s.Params {
			if p.Default != nil {
				f(p.Default)
			}
		}
	case *Return:
		if s.Value != nil {
			f(s.Value)
		}
	case *Try:
		for _, h := range s.Handlers {
			if h.Type != nil {
				f(h.Type)
			}
		}
	case *Raise:
		if s.Exc != nil {
			f(s.Exc)
		}
	case *Assert:
		f(s.Test)
		if s.Msg != nil {
			f(s.Msg)
		}
	}
}

// forEachChild calls f for each direct sub-expression of e, in source order.
func forEachChild(e Expr, f func(Expr)) {
	switch e := e.(type) {
	case *UnaryOp:
		f(e.X)
	case *BinOp:
		f(e.X)
		f(e.Y)
	case *BoolOp:
		for _, v := range e.Values {
			f(v)
		}
	case *Compare:
		f(e.First)
		for _, r := range e.Rest {
			f(r)
		}
	case *IfExp:
		f(e.Then)
		f(e.Cond)
		f(e.Else)
	case *Call:
		f(e.Func)
		for _, a := range e.Args {
			f(a)
		}
		for _, k := range e.Keywords {
			f(k.Value)
		}
	case *Attribute:
		f(e.X)
	case *Subscript:
		f(e.X)
		f(e.Index)
	case *Slice:
		for _, x := range []Expr{e.Lo, e.Hi, e.Step} {
			if x != nil {
				f(x)
			}
		}
	case *ListLit:
		for _, x := range e.Elts {
			f(x)
		}
	case *TupleLit:
		for _, x := range e.Elts {
			f(x)
		}
	case *DictLit:
		for i := range e.Keys {
			f(e.Keys[i])
			f(e.Values[i])
		}
	}
}

// checkModule runs the symbol-table checks, then the compiler checks.
func checkModule(p *parser, mod *Module) *Error {
	c := &checker{p: p}
	if err := c.symtable(mod.Body); err != nil {
		return err
	}
	return c.compile(mod.Body)
}

// checker holds the state of the checks.
type checker struct {
	p      *parser
	err    *Error
	inFunc bool // compiling a function body
}

// errorAt reports an error as CPython's symbol table and compiler do: at a statement or
// expression, with the column in bytes.
func (c *checker) errorAt(pos Pos, format string, args ...any) {
	if c.err == nil {
		c.err = &Error{Kind: "SyntaxError", Msg: fmt.Sprintf(format, args...), Filename: c.p.filename,
			Line: pos.Line, Col: pos.Col, Text: c.p.lx.lineText(pos.Line)}
	}
}

// How a name is used in a scope, as in CPython's symtable.
const (
	symParam  = 1 << iota // a parameter
	symLocal              // assigned to
	symUse                // read
	symGlobal             // declared global
)

// symtable reports the errors CPython finds while building symbol tables.
func (c *checker) symtable(body []Stmt) *Error {
	c.symBlock(body, map[string]int{}, true)
	return c.err
}

// symBlock visits a block in a scope; module tells whether the scope is the module's.
func (c *checker) symBlock(body []Stmt, scope map[string]int, module bool) {
	for _, s := range body {
		if c.err != nil {
			return
		}
		c.symStmt(s, scope, module)
	}
}

func (c *checker) symStmt(s Stmt, scope map[string]int, module bool) {
	switch s := s.(type) {
	case *FuncDef:
		scope[s.Name] |= symLocal
		for _, prm := range s.Params {
			if prm.Default != nil {
				c.symExpr(prm.Default, scope, false)
			}
		}
		inner := map[string]int{}
		for _, prm := range s.Params {
			if inner[prm.Name]&symParam != 0 {
				c.errorAt(prm.Pos, "duplicate argument '%s' in function definition", prm.Name)
				return
			}
			inner[prm.Name] |= symParam
		}
		c.symBlock(s.Body, inner, false)
	case *nonlocalStmt:
		if module {
			c.errorAt(s.Pos, "nonlocal declaration not allowed at module level")
		}
	case *Global:
		for _, name := range s.Names {
			flags := scope[name]
			switch {
			case flags&symParam != 0:
				c.errorAt(s.Pos, "name '%s' is parameter and global", name)
			case flags&symUse != 0:
				c.errorAt(s.Pos, "name '%s' is used prior to global declaration", name)
			case flags&symLocal != 0:
				c.errorAt(s.Pos, "name '%s' is assigned to before global declaration", name)
			}
			scope[name] |= symGlobal
		}
	case *Assign:
		for _, t := range s.Targets {
			c.symExpr(t, scope, true)
		}
		c.symExpr(s.Value, scope, false)
	case *AugAssign:
		c.symExpr(s.Target, scope, true)
		c.symExpr(s.Value, scope, false)
	case *For:
		c.symExpr(s.Target, scope, true)
		c.symExpr(s.Iter, scope, false)
		c.symBlock(s.Body, scope, module)
		c.symBlock(s.Else, scope, module)
	case *While:
		c.symExpr(s.Cond, scope, false)
		c.symBlock(s.Body, scope, module)
		c.symBlock(s.Else, scope, module)
	case *If:
		c.symExpr(s.Cond, scope, false)
		c.symBlock(s.Body, scope, module)
		c.symBlock(s.Else, scope, module)
	case *Try:
		c.symBlock(s.Body, scope, module)
		c.symBlock(s.Else, scope, module)
		for _, h := range s.Handlers {
			if h.Type != nil {
				c.symExpr(h.Type, scope, false)
			}
			if h.Name != "" {
				scope[h.Name] |= symLocal
			}
			c.symBlock(h.Body, scope, module)
		}
		c.symBlock(s.Finally, scope, module)
	default:
		forEachStmtExpr(s, func(e Expr) { c.symExpr(e, scope, false) })
	}
}

// symExpr records the names e reads, or assigns to when store is set.
func (c *checker) symExpr(e Expr, scope map[string]int, store bool) {
	switch e := e.(type) {
	case *Name:
		if store {
			scope[e.Id] |= symLocal
		} else {
			scope[e.Id] |= symUse
		}
	case *TupleLit:
		for _, x := range e.Elts {
			c.symExpr(x, scope, store)
		}
	case *ListLit:
		for _, x := range e.Elts {
			c.symExpr(x, scope, store)
		}
	default:
		// Attribute and subscript targets read their object; everything else reads.
		forEachChild(e, func(x Expr) { c.symExpr(x, scope, false) })
	}
}

// compile reports the errors CPython's compiler finds.
func (c *checker) compile(body []Stmt) *Error {
	c.compBlock(body, false, false)
	return c.err
}

// compBlock checks a block; inFunc and inLoop tell what encloses it.
func (c *checker) compBlock(body []Stmt, inFunc, inLoop bool) {
	for _, s := range body {
		if c.err != nil {
			return
		}
		c.compStmt(s, inFunc, inLoop)
	}
}

func (c *checker) compStmt(s Stmt, inFunc, inLoop bool) {
	switch s := s.(type) {
	case *FuncDef:
		for _, prm := range s.Params {
			if prm.Name == "__debug__" {
				c.errorAt(s.Pos, "cannot assign to __debug__")
				return
			}
		}
		for _, prm := range s.Params {
			if prm.Default != nil {
				c.compExpr(prm.Default, false)
			}
		}
		outer := c.inFunc
		c.inFunc = true
		c.compBlock(s.Body, true, false)
		c.inFunc = outer
	case *Return:
		if !inFunc {
			c.errorAt(s.Pos, "'return' outside function")
			return
		}
	case *Break:
		if !inLoop {
			c.errorAt(s.Pos, "'break' outside loop")
		}
		return
	case *Continue:
		if !inLoop {
			c.errorAt(s.Pos, "'continue' not properly in loop")
		}
		return
	case *While:
		c.compExpr(s.Cond, false)
		c.compBlock(s.Body, inFunc, true)
		c.compBlock(s.Else, inFunc, inLoop) // a loop's else is outside the loop
		return
	case *For:
		c.compExpr(s.Iter, false)
		c.compExpr(s.Target, true)
		c.compBlock(s.Body, inFunc, true)
		c.compBlock(s.Else, inFunc, inLoop)
		return
	case *If:
		c.compExpr(s.Cond, false)
		c.compBlock(s.Body, inFunc, inLoop)
		c.compBlock(s.Else, inFunc, inLoop)
		return
	case *Try:
		c.compBlock(s.Body, inFunc, inLoop)
		c.compBlock(s.Else, inFunc, inLoop)
		for i, h := range s.Handlers {
			if h.Type == nil && i < len(s.Handlers)-1 {
				c.errorAt(h.Pos, "default 'except:' must be last")
				return
			}
			if h.Type != nil {
				c.compExpr(h.Type, false)
			}
			c.compBlock(h.Body, inFunc, inLoop)
		}
		c.compBlock(s.Finally, inFunc, inLoop)
		return
	case *Assign:
		c.compExpr(s.Value, false)
		for _, t := range s.Targets {
			c.compExpr(t, true)
		}
		return
	case *AugAssign:
		c.compExpr(s.Target, true)
		c.compExpr(s.Value, false)
		return
	}
	forEachStmtExpr(s, func(e Expr) { c.compExpr(e, false) })
}

// compExpr checks an expression; store tells whether it is an assignment target.
func (c *checker) compExpr(e Expr, store bool) {
	if c.err != nil {
		return
	}
	switch e := e.(type) {
	case *unsupportedExpr:
		// Constructs outside the subset that CPython would still refuse here.
		switch {
		case e.name == "yield expression" && !c.inFunc:
			c.errorAt(e.Pos, "'yield' outside function")
		case e.name == "await expression" && !c.inFunc:
			c.errorAt(e.Pos, "'await' outside function")
		}
		return
	case *Name:
		if store && e.Id == "__debug__" {
			c.errorAt(e.Pos, "cannot assign to __debug__")
		}
		return
	case *starredExpr:
		// Allowed only as an element of a tuple or list display or a call argument,
		// which compElts handles.
		if store {
			c.errorAt(e.Pos, "starred assignment target must be in a list or tuple")
		} else {
			c.errorAt(e.Pos, "can't use starred expression here")
		}
		return
	case *TupleLit:
		c.compElts(e.Elts, store)
		return
	case *ListLit:
		c.compElts(e.Elts, store)
		return
	case *Call:
		c.compExpr(e.Func, false)
		seen := map[string]bool{}
		for _, k := range e.Keywords {
			if seen[k.Name] {
				c.errorAt(k.Pos, "keyword argument repeated: %s", k.Name)
				return
			}
			seen[k.Name] = true
		}
		c.compElts(e.Args, false)
		for _, k := range e.Keywords {
			c.compExpr(k.Value, false)
		}
		return
	}
	forEachChild(e, func(x Expr) { c.compExpr(x, false) })
}

// compElts checks the elements of a display or the arguments of a call, where `*x` is
// allowed.
func (c *checker) compElts(elts []Expr, store bool) {
	for _, x := range elts {
		if s, ok := x.(*starredExpr); ok {
			x = s.X
		}
		c.compExpr(x, store)
	}
}

package compile

import (
	"slices"

	"github.com/metajit/metajit/interp/syntax"
)

// Frame blocks and exception handling.
//
// As in CPython's compiler, a stack of frame blocks records the statements the code being
// generated is nested in. It serves two purposes:
//
//   - Exception-table coverage: an instruction is covered by the handler of the innermost
//     block that has one (assembly turns these into Code.ExcTable).
//   - Unwinding: `break`, `continue` and `return` leave blocks without an exception; for each
//     block left they emit its cleanup (pop a for-loop's iterator, inline a finally body,
//     POP_EXCEPT out of a handler) with the block already popped, so that the cleanup is
//     covered only by the handlers outside it.
//
// try/except, with d values on the stack at the try:
//
//	        <body>                       covered by H (depth d)
//	        <else body>; JUMP end
//	H:      PUSH_EXC_INFO                d, exc -> d, prev, exc; H..C covered by C (depth d+1)
//	        <type>; CHECK_EXC_MATCH; POP_JUMP_IF_FALSE next    (per typed clause)
//	        STORE name | POP_TOP         d, prev
//	        <clause body>                covered by L (named clause) or C
//	        POP_EXCEPT; [name = None; DELETE name]; JUMP end      (not covered by C)
//	L:      name = None; DELETE name; RERAISE    (named clause only: the body raised)
//	next:   ... RERAISE                  no clause matched (absent after a bare except)
//	C:      ROT_TWO; POP_EXCEPT; RERAISE d, prev, exc2: restore prev, raise exc2
//	end:
//
// try/finally (an except part, if any, is nested inside as above):
//
//	        <body>                       covered by F (depth d)
//	        <finally body>; JUMP end     the normal path
//	F:      PUSH_EXC_INFO; <finally body>; RERAISE    covered by CF (depth d+1)
//	CF:     ROT_TWO; POP_EXCEPT; RERAISE
//	end:
type fblockKind int

const (
	fbWhileLoop      fblockKind = iota // a while loop's body: break/continue target
	fbForLoop                          // a for loop's body: the iterator is on the stack
	fbTryExcept                        // the body of try/except, covered by its handler H
	fbTryFinally                       // the body of try/finally, covered by its handler F
	fbFinallyEnd                       // the exceptional path's finally body: prev and exc on the stack
	fbExceptHandler                    // matching an exception against except clauses
	fbHandlerCleanup                   // an except clause's body: prev on the stack
	fbPopValue                         // a finally body inlined by return: the return value on the stack
)

// fblock is one frame block.
type fblock struct {
	kind    fblockKind
	handler *handler // the handler covering code inside the block, or nil

	header, exit label // loops: the JUMP_BACKWARD target and where break goes

	finally []syntax.Stmt // fbTryFinally: the body to inline when leaving the block

	name    string     // fbHandlerCleanup: the `as` name to delete when leaving, or ""
	namePos syntax.Pos // and where it was bound
}

func (b *fblock) isLoop() bool { return b.kind == fbWhileLoop || b.kind == fbForLoop }

// weight counts the block as CPython counts its own blocks against CO_MAXBLOCKS (CPython
// keeps an exception-handler block below each clause body).
func (b *fblock) weight() int {
	if b.kind == fbHandlerCleanup {
		return 2
	}
	return 1
}

func (c *compiler) pushBlock(b *fblock, pos syntax.Pos) {
	n := b.weight()
	for _, o := range c.u.blocks {
		n += o.weight()
	}
	if n > maxBlocks {
		c.errorAt(pos, "SyntaxError", "too many statically nested blocks")
	}
	c.u.blocks = append(c.u.blocks, b)
}

func (c *compiler) popBlock() *fblock {
	u := c.u
	b := u.blocks[len(u.blocks)-1]
	u.blocks = u.blocks[:len(u.blocks)-1]
	return b
}

// currentHandler is the handler covering the next instruction.
func (c *compiler) currentHandler() *handler {
	blocks := c.u.blocks
	for i := len(blocks) - 1; i >= 0; i-- {
		if blocks[i].handler != nil {
			return blocks[i].handler
		}
	}
	return nil
}

type unwindKind int

const (
	unwindReturn unwindKind = iota
	unwindBreak
	unwindContinue
)

// unwind emits the cleanup of every block that a return (all blocks) or a break or continue
// (the blocks up to the innermost loop) leaves, then calls final to emit the transfer itself
// with those blocks popped. With preserveTOS the value on top of the stack (a return value)
// stays on top throughout. It reports false if a break or continue has no loop to leave.
// Afterwards the block stack and the stack depth are as before: code that follows is dead.
func (c *compiler) unwind(kind unwindKind, preserveTOS bool, final func(loop *fblock)) bool {
	u := c.u
	saved := slices.Clone(u.blocks)
	depth := u.depth
	defer func() {
		u.blocks = saved
		u.depth = depth
	}()
	for len(u.blocks) > 0 {
		b := c.popBlock()
		if kind != unwindReturn && b.isLoop() {
			if kind == unwindBreak {
				c.unwindBlock(b, false)
			}
			final(b)
			return true
		}
		c.unwindBlock(b, preserveTOS)
	}
	if kind != unwindReturn {
		return false
	}
	final(nil)
	return true
}

// unwindBlock emits the cleanup for leaving b without an exception.
func (c *compiler) unwindBlock(b *fblock, preserveTOS bool) {
	switch b.kind {
	case fbWhileLoop, fbTryExcept, fbExceptHandler:
	case fbForLoop, fbPopValue:
		if preserveTOS {
			c.emit(ROT_TWO, 0)
		}
		c.emit(POP_TOP, 0)
	case fbTryFinally:
		if preserveTOS {
			c.pushBlock(&fblock{kind: fbPopValue}, syntax.Pos{Line: c.u.line})
		}
		line := c.u.line
		c.stmts(b.finally)
		c.setLine(line)
		if preserveTOS {
			c.popBlock()
		}
	case fbFinallyEnd:
		// prev exc [value]
		if preserveTOS {
			c.emit(ROT_TWO, 0)
		}
		c.emit(POP_TOP, 0)
		if preserveTOS {
			c.emit(ROT_TWO, 0)
		}
		c.emit(POP_EXCEPT, 0)
	case fbHandlerCleanup:
		// prev [value]
		if preserveTOS {
			c.emit(ROT_TWO, 0)
		}
		c.emit(POP_EXCEPT, 0)
		if b.name != "" {
			c.clearName(b.name, b.namePos)
		}
	}
}

func (c *compiler) tryStmt(s *syntax.Try) {
	switch {
	case len(s.Finally) > 0:
		c.tryFinally(s)
	case len(s.Handlers) > 0:
		c.tryExcept(s)
	default: // not produced by the parser
		c.stmts(s.Body)
		c.stmts(s.Else)
	}
}

// tryFinally compiles try/finally (with the except part, if any, inside).
func (c *compiler) tryFinally(s *syntax.Try) {
	d := c.u.depth
	end := c.newLabel()
	f := &handler{label: c.newLabel(), depth: d}
	c.pushBlock(&fblock{kind: fbTryFinally, handler: f, finally: s.Finally}, s.Pos)
	if len(s.Handlers) > 0 {
		c.tryExcept(s)
	} else {
		c.stmts(s.Body)
		c.stmts(s.Else)
	}
	c.popBlock()

	// Normal path.
	c.stmts(s.Finally)
	c.setLine(s.Line)
	c.emitJump(JUMP, end)

	// Exceptional path: d, exc.
	c.bindHandler(f)
	cf := &handler{label: c.newLabel(), depth: d + 1}
	c.pushBlock(&fblock{kind: fbFinallyEnd, handler: cf}, s.Pos)
	c.emit(PUSH_EXC_INFO, 0)
	c.stmts(s.Finally)
	c.setLine(s.Line)
	c.emit(RERAISE, 0)
	c.popBlock()
	c.cleanupHandler(cf)
	c.bind(end)
}

// cleanupHandler emits the handler that restores the previously handled exception when an
// exception escapes from exception-handling code: d, prev, exc2 -> raise exc2.
func (c *compiler) cleanupHandler(h *handler) {
	c.bindHandler(h)
	c.emit(ROT_TWO, 0)
	c.emit(POP_EXCEPT, 0)
	c.emit(RERAISE, 0)
}

// tryExcept compiles try/except/else (the finally part, if any, is handled by tryFinally).
func (c *compiler) tryExcept(s *syntax.Try) {
	for i, h := range s.Handlers {
		if h.Type == nil && i < len(s.Handlers)-1 {
			c.errorAt(h.Pos, "SyntaxError", "default 'except:' must be last")
		}
	}
	d := c.u.depth
	end := c.newLabel()
	hH := &handler{label: c.newLabel(), depth: d}
	c.pushBlock(&fblock{kind: fbTryExcept, handler: hH}, s.Pos)
	c.stmts(s.Body)
	c.popBlock()
	c.stmts(s.Else)
	c.setLine(s.Line)
	c.emitJump(JUMP, end)

	// d, exc
	c.setLine(s.Handlers[0].Line)
	c.bindHandler(hH)
	hC := &handler{label: c.newLabel(), depth: d + 1}
	matching := &fblock{kind: fbExceptHandler, handler: hC}
	c.pushBlock(matching, s.Pos)
	c.emit(PUSH_EXC_INFO, 0)
	// d, prev, exc
	for i := range s.Handlers {
		h := &s.Handlers[i]
		c.setLine(h.Line)
		next := c.newLabel()
		if h.Type != nil {
			// CHECK_EXC_MATCH keeps exc below its result, so no DUP_TOP (as in CPython 3.11).
			c.expr(h.Type)
			c.emit(CHECK_EXC_MATCH, 0)
			c.emitJump(POP_JUMP_IF_FALSE, next)
		}
		var hL *handler
		if h.Name != "" {
			c.storeName(h.Name, h.Pos)
			hL = &handler{label: c.newLabel(), depth: d + 1}
		} else {
			c.emit(POP_TOP, 0)
		}
		// d, prev: the clause body.
		c.popBlock()
		body := &fblock{kind: fbHandlerCleanup, handler: hC, name: h.Name, namePos: h.Pos}
		if hL != nil {
			body.handler = hL
		}
		c.pushBlock(body, h.Pos)
		c.stmts(h.Body)
		c.popBlock()
		c.setLine(h.Line)
		c.unwindBlock(body, false)
		c.emitJump(JUMP, end)
		c.pushBlock(matching, h.Pos)
		if hL != nil {
			// The body raised exc2: d, prev, exc2. Delete the name, then on to C.
			c.bindHandler(hL)
			c.clearName(h.Name, h.Pos)
			c.emit(RERAISE, 0)
		}
		if h.Type == nil {
			break // a bare except matches everything: no next clause
		}
		c.bind(next)
		if i == len(s.Handlers)-1 {
			c.emit(RERAISE, 0) // no clause matched
		}
	}
	c.popBlock()
	c.setLine(s.Line)
	c.cleanupHandler(hC)
	c.bind(end)
}

// clearName unbinds the name of an `except E as name` clause when the clause ends, as
// CPython does: `name = None; del name`. Storing first keeps the delete from failing when
// the body already unbound the name (a nested clause `as` the same name).
func (c *compiler) clearName(name string, pos syntax.Pos) {
	c.loadConst(nil)
	c.storeName(name, pos)
	c.deleteName(name, pos)
}

// raiseStmt compiles `raise X` and the bare `raise`.
func (c *compiler) raiseStmt(s *syntax.Raise) {
	if s.Exc == nil {
		c.emit(RAISE_VARARGS, 0)
		return
	}
	c.expr(s.Exc)
	c.emit(RAISE_VARARGS, 1)
}

// assertStmt compiles `assert test, msg`:
//
//	<test>; POP_JUMP_IF_TRUE ok; LOAD_ASSERTION_ERROR; [<msg>; CALL 1]; RAISE_VARARGS 1; ok:
func (c *compiler) assertStmt(s *syntax.Assert) {
	ok := c.newLabel()
	c.jumpIf(s.Test, true, ok)
	// CPython attributes the raise to the test's line (where it starts, for a multi-line
	// assert), and so does the traceback.
	c.setLine(s.Test.Position().Line)
	c.emit(LOAD_ASSERTION_ERROR, 0)
	if s.Msg != nil {
		c.expr(s.Msg)
		c.emit(CALL, 1)
	}
	c.emit(RAISE_VARARGS, 1)
	c.bind(ok)
}

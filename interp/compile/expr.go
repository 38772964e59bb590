package compile

import (
	"fmt"

	"github.com/metajit/metajit/interp/syntax"
)

// Expressions. Each node's instructions carry the node's line (for a multi-line call, the
// line where the call starts), the line CPython shows in tracebacks.

var binOps = map[string]Opcode{
	"+": BINARY_ADD, "-": BINARY_SUB, "*": BINARY_MUL, "/": BINARY_TRUEDIV,
	"//": BINARY_FLOORDIV, "%": BINARY_MOD, "**": BINARY_POW, "&": BINARY_AND,
	"|": BINARY_OR, "^": BINARY_XOR, "<<": BINARY_LSHIFT, ">>": BINARY_RSHIFT,
}

var unaryOps = map[string]Opcode{"-": UNARY_NEG, "+": UNARY_POS, "not": UNARY_NOT, "~": UNARY_INVERT}

var compareOps = map[string]Opcode{
	"==": COMPARE_EQ, "!=": COMPARE_NE, "<": COMPARE_LT, "<=": COMPARE_LE, ">": COMPARE_GT,
	">=": COMPARE_GE, "is": IS_OP, "is not": IS_NOT_OP, "in": CONTAINS_OP, "not in": NOT_IN_OP,
}

// expr compiles an expression, leaving its value on the stack.
func (c *compiler) expr(e syntax.Expr) {
	defer c.setLine(c.setLine(e.Position().Line))
	switch e := e.(type) {
	case *syntax.Name:
		c.loadName(e.Id, e.Pos)
	case *syntax.IntLit:
		c.loadConst(intConst(e.Value))
	case *syntax.FloatLit:
		c.loadConst(e.Value)
	case *syntax.StrLit:
		c.loadConst(e.Value)
	case *syntax.BoolLit:
		c.loadConst(e.Value)
	case *syntax.NoneLit:
		c.loadConst(nil)
	case *syntax.UnaryOp:
		op, ok := unaryOps[e.Op]
		if !ok {
			c.errorAt(e.Pos, "NotImplementedError", "unary operator '%s' is not supported", e.Op)
		}
		c.expr(e.X)
		c.emit(op, 0)
	case *syntax.BinOp:
		op, ok := binOps[e.Op]
		if !ok {
			c.errorAt(e.Pos, "NotImplementedError", "operator '%s' is not supported", e.Op)
		}
		c.expr(e.X)
		c.expr(e.Y)
		c.emit(op, 0)
	case *syntax.BoolOp:
		c.boolOp(e)
	case *syntax.Compare:
		c.compare(e)
	case *syntax.IfExp:
		orElse, end := c.newLabel(), c.newLabel()
		c.jumpIf(e.Cond, false, orElse)
		c.expr(e.Then)
		c.emitJump(JUMP, end)
		c.bind(orElse)
		c.expr(e.Else)
		c.bind(end)
	case *syntax.Call:
		c.call(e)
	case *syntax.Attribute:
		c.expr(e.X)
		c.emit(LOAD_ATTR, c.nameIndex(e.Name))
	case *syntax.Subscript:
		c.expr(e.X)
		c.expr(e.Index)
		c.emit(BINARY_SUBSCR, 0)
	case *syntax.Slice:
		n := int32(2)
		c.exprOrNone(e.Lo)
		c.exprOrNone(e.Hi)
		if e.Step != nil {
			c.expr(e.Step)
			n = 3
		}
		c.emit(BUILD_SLICE, n)
	case *syntax.ListLit:
		for _, x := range e.Elts {
			c.expr(x)
		}
		c.emit(BUILD_LIST, int32(len(e.Elts)))
	case *syntax.TupleLit:
		for _, x := range e.Elts {
			c.expr(x)
		}
		c.emit(BUILD_TUPLE, int32(len(e.Elts)))
	case *syntax.DictLit:
		if len(e.Keys) != len(e.Values) {
			panic("compile: dict display with mismatched keys and values")
		}
		for i := range e.Keys {
			c.expr(e.Keys[i])
			c.expr(e.Values[i])
		}
		c.emit(BUILD_MAP, int32(len(e.Keys)))
	default:
		panic(fmt.Sprintf("compile: unexpected expression %T", e))
	}
}

func (c *compiler) exprOrNone(e syntax.Expr) {
	if e == nil {
		c.loadConst(nil)
	} else {
		c.expr(e)
	}
}

// boolOp compiles `a and b and c` (`or` alike) to return the deciding operand:
//
//	<a>; JUMP_IF_FALSE_OR_POP end; <b>; JUMP_IF_FALSE_OR_POP end; <c>; end:
func (c *compiler) boolOp(e *syntax.BoolOp) {
	op := JUMP_IF_FALSE_OR_POP
	if e.Op == "or" {
		op = JUMP_IF_TRUE_OR_POP
	} else if e.Op != "and" {
		c.errorAt(e.Pos, "NotImplementedError", "boolean operator '%s' is not supported", e.Op)
	}
	end := c.newLabel()
	for i, v := range e.Values {
		c.expr(v)
		if i < len(e.Values)-1 {
			c.emitJump(op, end)
		}
	}
	c.bind(end)
}

// compare compiles a comparison. A chain `a < b < c` evaluates b once:
//
//	<a>; <b>; DUP_TOP; ROT_THREE; COMPARE_LT; JUMP_IF_FALSE_OR_POP cleanup
//	<c>; COMPARE_LT; JUMP end
//	cleanup: ROT_TWO; POP_TOP
//	end:
func (c *compiler) compare(e *syntax.Compare) {
	if len(e.Ops) == 0 || len(e.Ops) != len(e.Rest) {
		panic("compile: malformed comparison")
	}
	ops := make([]Opcode, len(e.Ops))
	for i, name := range e.Ops {
		op, ok := compareOps[name]
		if !ok {
			c.errorAt(e.Pos, "NotImplementedError", "comparison operator '%s' is not supported", name)
		}
		ops[i] = op
	}
	c.expr(e.First)
	if len(ops) == 1 {
		c.expr(e.Rest[0])
		c.emit(ops[0], 0)
		return
	}
	cleanup, end := c.newLabel(), c.newLabel()
	for i, op := range ops[:len(ops)-1] {
		c.expr(e.Rest[i])
		c.emit(DUP_TOP, 0)
		c.emit(ROT_THREE, 0)
		c.emit(op, 0)
		c.emitJump(JUMP_IF_FALSE_OR_POP, cleanup)
	}
	c.expr(e.Rest[len(ops)-1])
	c.emit(ops[len(ops)-1], 0)
	c.emitJump(JUMP, end)
	c.bind(cleanup)
	c.emit(ROT_TWO, 0)
	c.emit(POP_TOP, 0)
	c.bind(end)
}

// jumpIf compiles a condition that jumps to target when its truth equals cond and falls
// through otherwise. Like CPython, `not`, `and` and `or` become jumps instead of values, so
// each operand's truth is tested once.
func (c *compiler) jumpIf(e syntax.Expr, cond bool, target label) {
	switch e := e.(type) {
	case *syntax.UnaryOp:
		if e.Op == "not" {
			c.jumpIf(e.X, !cond, target)
			return
		}
	case *syntax.BoolOp:
		if e.Op == "and" || e.Op == "or" {
			// For `and` the chain stops early on a false operand, for `or` on a true one.
			stopOn := e.Op == "or"
			last := len(e.Values) - 1
			if cond == stopOn {
				// Stopping early means jumping to target.
				for _, v := range e.Values[:last] {
					c.jumpIf(v, cond, target)
				}
			} else {
				// Stopping early means falling through, past the last test.
				skip := c.newLabel()
				for _, v := range e.Values[:last] {
					c.jumpIf(v, stopOn, skip)
				}
				c.jumpIf(e.Values[last], cond, target)
				c.bind(skip)
				return
			}
			c.jumpIf(e.Values[last], cond, target)
			return
		}
	}
	c.expr(e)
	old := c.setLine(e.Position().Line)
	if cond {
		c.emitJump(POP_JUMP_IF_TRUE, target)
	} else {
		c.emitJump(POP_JUMP_IF_FALSE, target)
	}
	c.setLine(old)
}

// call compiles a call. `obj.m(args)` becomes CALL_METHOD, other calls CALL; keyword
// arguments follow the positional ones and KW_NAMES names them right before the call.
func (c *compiler) call(e *syntax.Call) {
	seen := map[string]bool{}
	for _, k := range e.Keywords {
		if seen[k.Name] {
			c.errorAt(k.Pos, "SyntaxError", "keyword argument repeated: %s", k.Name)
		}
		seen[k.Name] = true
	}
	attr, isMethod := e.Func.(*syntax.Attribute)
	if isMethod {
		c.expr(attr.X)
	} else {
		c.expr(e.Func)
	}
	for _, a := range e.Args {
		c.expr(a)
	}
	for _, k := range e.Keywords {
		c.expr(k.Value)
	}
	n := len(e.Args) + len(e.Keywords)
	if len(e.Keywords) > 0 {
		names := make(Tuple, len(e.Keywords))
		for i, k := range e.Keywords {
			names[i] = k.Name
		}
		c.emit(KW_NAMES, c.addConst(names))
	}
	if !isMethod {
		c.emit(CALL, int32(n))
		return
	}
	if n >= 256 {
		c.errorAt(e.Pos, "SyntaxError", "too many arguments")
	}
	c.emit(CALL_METHOD, c.nameIndex(attr.Name)<<8|int32(n))
}

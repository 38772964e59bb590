package compile

import "fmt"

// StackEffect returns how an instruction changes the depth of the value stack: the number of
// values it pushes minus the number it pops. For a conditional jump, jump selects the effect
// when the jump is taken (true) or when execution falls through (false); other opcodes ignore
// it. The effect follows the comments on the opcodes exactly.
//
// MAKE_FUNCTION's effect depends on the Code it makes (it pops a defaults tuple when the
// function has defaults), which the opcode and argument alone do not tell: StackEffect assumes
// no defaults (+1). Use Code.StackEffect for the exact effect of an instruction in its Code.
func StackEffect(op Opcode, arg int32, jump bool) int {
	switch op {
	case NOP, ROT_TWO, ROT_THREE, ROT_FOUR, DELETE_FAST, DELETE_GLOBAL, LOAD_ATTR,
		JUMP, JUMP_BACKWARD, GET_ITER, KW_NAMES, CHECK_EXC_MATCH:
		return 0
	case UNARY_NEG, UNARY_POS, UNARY_NOT, UNARY_INVERT:
		return 0
	case POP_TOP, STORE_FAST, STORE_GLOBAL, RETURN_VALUE, POP_EXCEPT, RERAISE:
		return -1
	case DUP_TOP, LOAD_CONST, LOAD_FAST, LOAD_GLOBAL, IMPORT_NAME, PUSH_EXC_INFO, LOAD_ASSERTION_ERROR:
		return 1
	case DUP_TOP_TWO:
		return 2
	case BINARY_ADD, BINARY_SUB, BINARY_MUL, BINARY_TRUEDIV, BINARY_FLOORDIV, BINARY_MOD,
		BINARY_POW, BINARY_LSHIFT, BINARY_RSHIFT, BINARY_AND, BINARY_OR, BINARY_XOR,
		INPLACE_ADD, INPLACE_MUL, BINARY_SUBSCR:
		return -1
	case COMPARE_EQ, COMPARE_NE, COMPARE_LT, COMPARE_LE, COMPARE_GT, COMPARE_GE,
		IS_OP, IS_NOT_OP, CONTAINS_OP, NOT_IN_OP:
		return -1
	case POP_JUMP_IF_FALSE, POP_JUMP_IF_TRUE:
		return -1
	case JUMP_IF_FALSE_OR_POP, JUMP_IF_TRUE_OR_POP:
		if jump {
			return 0
		}
		return -1
	case FOR_ITER:
		if jump {
			return -1
		}
		return 1
	case BUILD_TUPLE, BUILD_LIST, BUILD_SLICE:
		return 1 - int(arg)
	case BUILD_MAP:
		return 1 - 2*int(arg)
	case UNPACK_SEQUENCE:
		return int(arg) - 1
	case STORE_SUBSCR:
		return -3
	case MAKE_FUNCTION:
		return 1
	case CALL:
		return -int(arg)
	case CALL_METHOD:
		return -int(arg & 0xff)
	case RAISE_VARARGS:
		return -int(arg)
	}
	panic(fmt.Sprintf("compile: StackEffect of unknown opcode %d", op))
}

// StackEffect returns the stack effect of instruction pc of c (see the package-level
// StackEffect), exact for MAKE_FUNCTION too.
func (c *Code) StackEffect(pc int, jump bool) int {
	in := c.Instrs[pc]
	if in.Op == MAKE_FUNCTION {
		if fn, ok := c.Consts[in.Arg].(*Code); ok && fn.NumDefaults > 0 {
			return 0
		}
	}
	return StackEffect(in.Op, in.Arg, jump)
}

// IsTerminal reports whether execution never falls through to the next instruction after
// op: unconditional jumps, returns and raises.
func (op Opcode) IsTerminal() bool {
	switch op {
	case JUMP, JUMP_BACKWARD, RETURN_VALUE, RERAISE, RAISE_VARARGS:
		return true
	}
	return false
}

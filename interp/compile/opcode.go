// Package compile turns a syntax tree into bytecode: one Code object per function and one for
// the module, in the style of CPython 3.11's compiler (a value stack, fast locals, an exception
// table instead of a block stack).
//
// The bytecode is the contract between the compiler and the interpreter (package interp); the
// comment on each opcode below states its exact stack effect, "before -> after", top of stack on
// the right. The JIT cares about one thing in particular: every loop's back-edge is a
// JUMP_BACKWARD, whose target is the loop header the interpreter counts and where the tracing
// JIT's merge point is.
package compile

// AugmentedArg is the argument of a binary operator compiled from an augmented assignment.
const AugmentedArg = 1

// Opcode is one bytecode operation.
type Opcode uint8

// Instr is one instruction: an opcode and its argument (0 when unused).
type Instr struct {
	Op  Opcode
	Arg int32
}

// The opcodes. Jump arguments are absolute instruction indexes.
const (
	NOP         Opcode = iota
	POP_TOP            // a ->
	DUP_TOP            // a -> a a
	DUP_TOP_TWO        // a b -> a b a b
	ROT_TWO            // a b -> b a
	ROT_THREE          // a b c -> c a b
	ROT_FOUR           // a b c d -> d a b c

	LOAD_CONST   // -> Consts[arg]
	LOAD_FAST    // -> Locals[arg]; UnboundLocalError if unbound
	STORE_FAST   // v -> ; Locals[arg] = v
	DELETE_FAST  // -> ; Locals[arg] becomes unbound (end of `except E as name`)
	LOAD_GLOBAL  // -> Program.Globals[arg] (falling back to builtins); NameError if unbound
	STORE_GLOBAL // v -> ; global arg = v
	DELETE_GLOBAL
	LOAD_ATTR   // obj -> obj.Names[arg] (module attribute such as sys.argv, or a bound method)
	IMPORT_NAME // -> module Names[arg]

	// Binary operators: a b -> a OP b. Their argument is AugmentedArg when they implement an
	// augmented assignment (`x -= y`), so that errors name the operator as "-=".
	BINARY_ADD
	BINARY_SUB
	BINARY_MUL
	BINARY_TRUEDIV
	BINARY_FLOORDIV
	BINARY_MOD
	BINARY_POW
	BINARY_LSHIFT
	BINARY_RSHIFT
	BINARY_AND
	BINARY_OR
	BINARY_XOR
	// In-place forms of + and * (`+=`, `*=`): a b -> a OP= b. They differ from the binary forms
	// only for lists, which are extended in place. Other augmented operators use BINARY_*.
	INPLACE_ADD
	INPLACE_MUL

	// Unary operators: a -> OP a.
	UNARY_NEG
	UNARY_POS
	UNARY_NOT
	UNARY_INVERT

	// Comparisons: a b -> bool.
	COMPARE_EQ
	COMPARE_NE
	COMPARE_LT
	COMPARE_LE
	COMPARE_GT
	COMPARE_GE
	IS_OP       // a b -> a is b
	IS_NOT_OP   // a b -> a is not b
	CONTAINS_OP // a b -> a in b
	NOT_IN_OP   // a b -> a not in b

	// Control flow.
	JUMP                 // -> ; goto arg (never a loop back-edge)
	JUMP_BACKWARD        // -> ; goto arg, a loop header: counted by the interpreter, merge point of the JIT
	POP_JUMP_IF_FALSE    // v -> ; goto arg if not truthy(v)
	POP_JUMP_IF_TRUE     // v -> ; goto arg if truthy(v)
	JUMP_IF_FALSE_OR_POP // v -> v and goto arg if not truthy(v); else v ->
	JUMP_IF_TRUE_OR_POP  // v -> v and goto arg if truthy(v); else v ->
	GET_ITER             // iterable -> iterator
	FOR_ITER             // it -> it next; when exhausted: it -> and goto arg

	// Building and taking apart.
	BUILD_TUPLE     // x1..xn -> (x1, ..., xn)            arg = n
	BUILD_LIST      // x1..xn -> [x1, ..., xn]            arg = n
	BUILD_MAP       // k1 v1 .. kn vn -> {k1: v1, ...}    arg = n
	BUILD_SLICE     // lo hi -> slice, or lo hi step -> slice (arg = 2 or 3; absent parts are None)
	UNPACK_SEQUENCE // seq -> xn .. x1 (x1 on top)        arg = n; ValueError on a length mismatch
	BINARY_SUBSCR   // obj key -> obj[key]
	STORE_SUBSCR    // v obj key -> ; obj[key] = v

	// Functions and calls.
	MAKE_FUNCTION // -> function, or defaults-tuple -> function when Consts[arg].(*Code).Defaults > 0; arg = const index of the *Code
	KW_NAMES      // -> ; the next CALL or CALL_METHOD takes its last len(Consts[arg]) arguments as keywords named by the tuple Consts[arg]
	CALL          // f a1..an -> f(a1, ..., an)         arg = n (keywords included)
	CALL_METHOD   // obj a1..an -> obj.name(a1, ..., an) arg = Names index << 8 | n
	RETURN_VALUE  // v -> ; return v to the caller

	// Exceptions. When an instruction raises, the innermost ExcTable entry covering its pc
	// pops the stack down to the entry's Depth, pushes the exception and jumps to its Handler.
	PUSH_EXC_INFO        // exc -> prev exc ; exc becomes the exception being handled (prev is the one before, or None)
	POP_EXCEPT           // prev -> ; the exception being handled becomes prev again
	CHECK_EXC_MATCH      // exc type -> exc bool ; type is an exception class or a tuple of them
	RERAISE              // exc -> ; raise exc again, keeping its traceback
	RAISE_VARARGS        // arg 0: -> (re-raise the exception being handled); arg 1: exc -> raise exc (a class is instantiated)
	LOAD_ASSERTION_ERROR // -> AssertionError class

	NumOpcodes
)

var opcodeNames = [...]string{
	NOP: "NOP", POP_TOP: "POP_TOP", DUP_TOP: "DUP_TOP", DUP_TOP_TWO: "DUP_TOP_TWO",
	ROT_TWO: "ROT_TWO", ROT_THREE: "ROT_THREE", ROT_FOUR: "ROT_FOUR",
	LOAD_CONST: "LOAD_CONST", LOAD_FAST: "LOAD_FAST", STORE_FAST: "STORE_FAST",
	DELETE_FAST: "DELETE_FAST", LOAD_GLOBAL: "LOAD_GLOBAL", STORE_GLOBAL: "STORE_GLOBAL",
	DELETE_GLOBAL: "DELETE_GLOBAL", LOAD_ATTR: "LOAD_ATTR", IMPORT_NAME: "IMPORT_NAME",
	BINARY_ADD: "BINARY_ADD", BINARY_SUB: "BINARY_SUB", BINARY_MUL: "BINARY_MUL",
	BINARY_TRUEDIV: "BINARY_TRUEDIV", BINARY_FLOORDIV: "BINARY_FLOORDIV", BINARY_MOD: "BINARY_MOD",
	BINARY_POW: "BINARY_POW", BINARY_LSHIFT: "BINARY_LSHIFT", BINARY_RSHIFT: "BINARY_RSHIFT",
	BINARY_AND: "BINARY_AND", BINARY_OR: "BINARY_OR", BINARY_XOR: "BINARY_XOR",
	INPLACE_ADD: "INPLACE_ADD", INPLACE_MUL: "INPLACE_MUL",
	UNARY_NEG: "UNARY_NEG", UNARY_POS: "UNARY_POS", UNARY_NOT: "UNARY_NOT", UNARY_INVERT: "UNARY_INVERT",
	COMPARE_EQ: "COMPARE_EQ", COMPARE_NE: "COMPARE_NE", COMPARE_LT: "COMPARE_LT",
	COMPARE_LE: "COMPARE_LE", COMPARE_GT: "COMPARE_GT", COMPARE_GE: "COMPARE_GE",
	IS_OP: "IS_OP", IS_NOT_OP: "IS_NOT_OP", CONTAINS_OP: "CONTAINS_OP", NOT_IN_OP: "NOT_IN_OP",
	JUMP: "JUMP", JUMP_BACKWARD: "JUMP_BACKWARD", POP_JUMP_IF_FALSE: "POP_JUMP_IF_FALSE",
	POP_JUMP_IF_TRUE: "POP_JUMP_IF_TRUE", JUMP_IF_FALSE_OR_POP: "JUMP_IF_FALSE_OR_POP",
	JUMP_IF_TRUE_OR_POP: "JUMP_IF_TRUE_OR_POP", GET_ITER: "GET_ITER", FOR_ITER: "FOR_ITER",
	BUILD_TUPLE: "BUILD_TUPLE", BUILD_LIST: "BUILD_LIST", BUILD_MAP: "BUILD_MAP",
	BUILD_SLICE: "BUILD_SLICE", UNPACK_SEQUENCE: "UNPACK_SEQUENCE", BINARY_SUBSCR: "BINARY_SUBSCR",
	STORE_SUBSCR: "STORE_SUBSCR", MAKE_FUNCTION: "MAKE_FUNCTION", KW_NAMES: "KW_NAMES",
	CALL: "CALL", CALL_METHOD: "CALL_METHOD", RETURN_VALUE: "RETURN_VALUE",
	PUSH_EXC_INFO: "PUSH_EXC_INFO", POP_EXCEPT: "POP_EXCEPT", CHECK_EXC_MATCH: "CHECK_EXC_MATCH",
	RERAISE: "RERAISE", RAISE_VARARGS: "RAISE_VARARGS", LOAD_ASSERTION_ERROR: "LOAD_ASSERTION_ERROR",
}

// String returns the opcode's name as the disassembler prints it.
func (op Opcode) String() string {
	if int(op) < len(opcodeNames) && opcodeNames[op] != "" {
		return opcodeNames[op]
	}
	return "OP_?"
}

// IsJump reports whether the opcode's argument is a jump target.
func (op Opcode) IsJump() bool {
	switch op {
	case JUMP, JUMP_BACKWARD, POP_JUMP_IF_FALSE, POP_JUMP_IF_TRUE,
		JUMP_IF_FALSE_OR_POP, JUMP_IF_TRUE_OR_POP, FOR_ITER:
		return true
	}
	return false
}

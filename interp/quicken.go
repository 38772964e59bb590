package interp

import "github.com/metajit/metajit/interp/compile"

// Quickening: when the interpreter first meets a code object it makes its own copy of the
// instructions in which common pairs are fused into superinstructions (as CPython 3.11 does
// with LOAD_FAST__LOAD_FAST and friends), so the hottest sequences cost one dispatch instead
// of two. The second instruction of a pair stays in place, so a jump to it still works, and
// pcs mean the same thing in both copies: tracebacks, the exception table, the JIT's green
// keys and snapshots all use the compiler's pcs.
//
// The recorder always sees the plain instructions: while recording, the interpreter runs an
// array of opHook instructions whose handler calls the recorder and then dispatches the plain
// instruction at the same pc.

// The interpreter's private opcodes, numbered after the compiler's.
const (
	opHook                = compile.NumOpcodes + iota // call the recorder, then run code.Instrs[pc]
	opLoadFastLoadFast                                // LOAD_FAST a; LOAD_FAST b   (arg a | b<<16)
	opLoadFastLoadConst                               // LOAD_FAST a; LOAD_CONST k  (arg a | k<<16)
	opStoreFastLoadFast                               // STORE_FAST a; LOAD_FAST b  (arg a | b<<16)
	opCompareIntJump                                  // COMPARE_xx; POP_JUMP_IF_FALSE, for two small ints
	opLoadFastSubscrConst                             // LOAD_FAST a; LOAD_CONST k; BINARY_SUBSCR, k an int (arg a | k<<16)
)

// quicken returns the instructions of code with superinstructions.
func quicken(code *compile.Code) []compile.Instr {
	q := append([]compile.Instr(nil), code.Instrs...)
	pack := func(a, b int32) (int32, bool) {
		if a < 0 || b < 0 || a >= 1<<15 || b >= 1<<15 {
			return 0, false
		}
		return a | b<<16, true
	}
	for i := 0; i+1 < len(q); i++ {
		a, b := code.Instrs[i], code.Instrs[i+1]
		var op compile.Opcode
		arg, ok := int32(0), false
		switch {
		case a.Op == compile.LOAD_FAST && b.Op == compile.LOAD_CONST && i+2 < len(q) &&
			code.Instrs[i+2].Op == compile.BINARY_SUBSCR && isIntConst(code, b.Arg):
			// xs[k] with a constant index (nbody's b[3]): one dispatch instead of three.
			op = opLoadFastSubscrConst
			arg, ok = pack(a.Arg, b.Arg)
		case a.Op == compile.LOAD_FAST && b.Op == compile.LOAD_FAST:
			op = opLoadFastLoadFast
			arg, ok = pack(a.Arg, b.Arg)
		case a.Op == compile.LOAD_FAST && b.Op == compile.LOAD_CONST:
			op = opLoadFastLoadConst
			arg, ok = pack(a.Arg, b.Arg)
		case a.Op == compile.STORE_FAST && b.Op == compile.LOAD_FAST:
			op = opStoreFastLoadFast
			arg, ok = pack(a.Arg, b.Arg)
		case a.Op >= compile.COMPARE_EQ && a.Op <= compile.COMPARE_GE && b.Op == compile.POP_JUMP_IF_FALSE:
			op, ok = opCompareIntJump, true
		}
		if ok {
			q[i] = compile.Instr{Op: op, Arg: arg}
		}
	}
	return q
}

// hookedInstrs returns n opHook instructions.
func hookedInstrs(n int) []compile.Instr {
	h := make([]compile.Instr, n)
	for i := range h {
		h[i].Op = opHook
	}
	return h
}

// isIntConst reports whether constant k of code is an int (not a bool).
func isIntConst(code *compile.Code, k int32) bool {
	if k < 0 || int(k) >= len(code.Consts) {
		return false
	}
	return constValue(code.Consts[k]).kind == KindInt
}

package interp

import "github.com/metajit/metajit/interp/compile"

// liveLocals computes, for every instruction of code, which fast locals are live before it:
// read on some path from there before being written. The recorder uses it at the end of a loop
// iteration: a local assigned in the trace is written back to the frame only if the next
// iteration (or the code after the loop) may read it; a dead one needs no store, and a value
// that is never stored anywhere (a tuple built and taken apart in the loop) never escapes.
//
// A classic backward dataflow analysis, iterated to a fixed point, with one bit per local.
func liveLocals(code *compile.Code) [][]uint64 {
	n := len(code.Instrs)
	words := (len(code.Locals) + 63) / 64
	live := make([][]uint64, n)
	for i := range live {
		live[i] = make([]uint64, words)
	}
	succ := func(pc int) []int {
		ins := code.Instrs[pc]
		var out []int
		switch ins.Op {
		case compile.JUMP, compile.JUMP_BACKWARD:
			out = append(out, int(ins.Arg))
		case compile.RETURN_VALUE, compile.RERAISE, compile.RAISE_VARARGS:
		default:
			if pc+1 < n {
				out = append(out, pc+1)
			}
			if ins.Op.IsJump() {
				out = append(out, int(ins.Arg))
			}
		}
		if h, ok := findHandler(code.ExcTable, pc); ok {
			out = append(out, int(h.Handler))
		}
		return out
	}
	succs := make([][]int, n)
	for pc := range succs {
		succs[pc] = succ(pc)
	}
	tmp := make([]uint64, words)
	for changed := true; changed; {
		changed = false
		for pc := n - 1; pc >= 0; pc-- {
			clear(tmp)
			for _, s := range succs[pc] {
				for w := range tmp {
					tmp[w] |= live[s][w]
				}
			}
			ins := code.Instrs[pc]
			switch ins.Op {
			case compile.STORE_FAST, compile.DELETE_FAST:
				tmp[ins.Arg/64] &^= 1 << (ins.Arg % 64)
			case compile.LOAD_FAST:
				tmp[ins.Arg/64] |= 1 << (ins.Arg % 64)
			}
			for w := range tmp {
				if tmp[w] != live[pc][w] {
					live[pc][w] = tmp[w]
					changed = true
				}
			}
		}
	}
	return live
}

// isLive reports whether local i is live before pc.
func (ci *codeInfo) isLive(pc, i int) bool {
	if ci.live == nil {
		ci.live = liveLocals(ci.code)
	}
	return ci.live[pc][i/64]&(1<<(i%64)) != 0
}

// loopCarried returns the locals that the loop whose header is at pc carries from one
// iteration to the next: live at the header, and both read and written between the header
// and the loop's last JUMP_BACKWARD to it (inner loops included).
func (ci *codeInfo) loopCarried(header int) []int {
	code := ci.code
	end := -1
	for pc := header; pc < len(code.Instrs); pc++ {
		if ins := code.Instrs[pc]; ins.Op == compile.JUMP_BACKWARD && int(ins.Arg) == header {
			end = pc
		}
	}
	read := make([]bool, ci.nlocals)
	written := make([]bool, ci.nlocals)
	for pc := header; pc <= end; pc++ {
		switch ins := code.Instrs[pc]; ins.Op {
		case compile.LOAD_FAST:
			read[ins.Arg] = true
		case compile.STORE_FAST, compile.DELETE_FAST:
			written[ins.Arg] = true
		}
	}
	var out []int
	for i := 0; i < ci.nlocals; i++ {
		if read[i] && written[i] && ci.isLive(header, i) {
			out = append(out, i)
		}
	}
	return out
}

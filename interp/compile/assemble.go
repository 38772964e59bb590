package compile

import (
	"fmt"
	"slices"
)

// Assembly turns the current unit's pending instructions into its Code: labels become
// instruction indexes, unreachable instructions are dropped (code after a return, a break or
// a raise, the implicit `return None` after a body that always returns, handlers of try
// bodies that emit no code) and so are jumps to the next instruction, the exception table is built from the handler recorded on each
// instruction, and MaxStack is computed by flow analysis.
func (c *compiler) assemble() {
	u := c.u
	code := u.code
	n := len(u.instrs)
	target := func(l label) int {
		pc := u.labels[l].pc
		if pc < 0 || pc >= n {
			panic(fmt.Sprintf("compile: label %d bound at %d of %d instructions", l, pc, n))
		}
		return pc
	}

	// Reachability from the entry, through jumps, fall-through and exception handlers (any
	// covered instruction may raise).
	reach := make([]bool, n)
	work := []int{0}
	for len(work) > 0 {
		pc := work[len(work)-1]
		work = work[:len(work)-1]
		if pc >= n {
			panic("compile: execution falls off the end of " + code.Name)
		}
		if reach[pc] {
			continue
		}
		reach[pc] = true
		in := u.instrs[pc]
		if in.op.IsJump() {
			work = append(work, target(label(in.arg)))
		}
		if !in.op.IsTerminal() {
			work = append(work, pc+1)
		}
		if in.handler != nil {
			work = append(work, target(in.handler.label))
		}
	}

	c.implicitReturnLine(reach)

	// A JUMP to the next instruction kept is useless (a try/finally whose exceptional path
	// was dropped leaves one, for instance). Scanning backwards also removes chains of them.
	keep := slices.Clone(reach)
	nextKept := n // the first kept instruction after pc
	for pc := n - 1; pc >= 0; pc-- {
		if !keep[pc] {
			continue
		}
		if in := u.instrs[pc]; in.op == JUMP && target(label(in.arg)) == nextKept {
			keep[pc] = false
			continue
		}
		nextKept = pc
	}
	reach = keep

	newPC := make([]int, n)
	k := 0
	for pc := range n {
		newPC[pc] = k
		if reach[pc] {
			k++
		}
	}
	code.Instrs = make([]Instr, 0, k)
	code.Lines = make([]int32, 0, k)
	var cur *ExcEntry
	for pc, in := range u.instrs {
		if !reach[pc] {
			continue
		}
		arg := in.arg
		if in.op.IsJump() {
			arg = int32(newPC[target(label(arg))])
		}
		at := int32(len(code.Instrs))
		code.Instrs = append(code.Instrs, Instr{Op: in.op, Arg: arg})
		code.Lines = append(code.Lines, int32(max(in.line, 1)))

		// Runs of instructions with the same innermost handler become one entry; entries
		// never overlap, so their order is trivially innermost first.
		if h := in.handler; h != nil {
			handlerPC, depth := int32(newPC[target(h.label)]), int32(h.depth)
			if cur != nil && cur.End == at && cur.Handler == handlerPC && cur.Depth == depth {
				cur.End++
			} else {
				code.ExcTable = append(code.ExcTable, ExcEntry{Start: at, End: at + 1, Handler: handlerPC, Depth: depth})
				cur = &code.ExcTable[len(code.ExcTable)-1]
			}
		} else {
			cur = nil
		}
	}
	_, maxDepth, err := code.stackDepths()
	if err != nil {
		panic("compile: " + err.Error())
	}
	code.MaxStack = maxDepth
}

// stackDepths computes, by flow analysis over the instructions, the stack depth before each
// instruction (-1 where unreachable) and the maximum depth. It fails if the depths of two
// paths disagree, if the stack would underflow or execution fall off the end, or if a jump
// or handler is out of range.
func (c *Code) stackDepths() (depths []int, maxDepth int, err error) {
	n := len(c.Instrs)
	depths = make([]int, n)
	for i := range depths {
		depths[i] = -1
	}
	var work []int
	push := func(from, pc, d int) error {
		if pc < 0 || pc >= n {
			return fmt.Errorf("%s: instruction %d leads to %d, outside the code", c.Name, from, pc)
		}
		if d < 0 {
			return fmt.Errorf("%s: stack underflow after instruction %d", c.Name, from)
		}
		switch depths[pc] {
		case -1:
			depths[pc] = d
			maxDepth = max(maxDepth, d)
			work = append(work, pc)
		case d:
		default:
			return fmt.Errorf("%s: stack depth %d or %d at instruction %d", c.Name, depths[pc], d, pc)
		}
		return nil
	}
	if n == 0 {
		return depths, 0, fmt.Errorf("%s: no instructions", c.Name)
	}
	if err := push(-1, 0, 0); err != nil {
		return nil, 0, err
	}
	handlers := c.handlerIndex()
	for len(work) > 0 {
		pc := work[len(work)-1]
		work = work[:len(work)-1]
		in, d := c.Instrs[pc], depths[pc]
		if !in.Op.IsTerminal() {
			if err := push(pc, pc+1, d+c.StackEffect(pc, false)); err != nil {
				return nil, 0, err
			}
		} else if d+c.StackEffect(pc, false) < 0 {
			return nil, 0, fmt.Errorf("%s: stack underflow at instruction %d", c.Name, pc)
		}
		if in.Op.IsJump() {
			if err := push(pc, int(in.Arg), d+c.StackEffect(pc, true)); err != nil {
				return nil, 0, err
			}
		}
		if i := handlers[pc]; i >= 0 {
			e := &c.ExcTable[i]
			if int(e.Depth) > d {
				return nil, 0, fmt.Errorf("%s: handler depth %d above stack depth %d at instruction %d", c.Name, e.Depth, d, pc)
			}
			if err := push(pc, int(e.Handler), int(e.Depth)+1); err != nil {
				return nil, 0, err
			}
		}
	}
	return depths, maxDepth, nil
}

// handlerIndex returns, for each instruction, the index in ExcTable of the entry handling
// an exception it raises (the first entry covering it), or -1. Entries out of range are
// clipped (Verify reports them).
func (c *Code) handlerIndex() []int {
	n := len(c.Instrs)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = -1
	}
	// Fill from the last entry to the first, so that earlier (inner) entries win.
	for i := len(c.ExcTable) - 1; i >= 0; i-- {
		e := c.ExcTable[i]
		for pc := max(int(e.Start), 0); pc < min(int(e.End), n); pc++ {
			idx[pc] = i
		}
	}
	return idx
}

// implicitReturnLine gives the implicit `return None` at the end of a body the line of the
// instruction executed before it, as CPython does: the instruction falling through to it, or
// else the first jump to it.
func (c *compiler) implicitReturnLine(reach []bool) {
	u := c.u
	ret := u.implicitReturn
	if !reach[ret] {
		return
	}
	line := 0
	if ret > 0 && reach[ret-1] && !u.instrs[ret-1].op.IsTerminal() {
		line = u.instrs[ret-1].line
	} else {
		for pc, in := range u.instrs {
			if reach[pc] && in.op.IsJump() && u.labels[in.arg].pc == ret {
				line = in.line
				break
			}
		}
	}
	if line > 0 {
		u.instrs[ret].line = line
		u.instrs[ret+1].line = line
	}
}

package compile

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Verify checks the invariants the interpreter and the JIT rely on, for every Code of the
// program, and returns the first violation found:
//
//   - every argument is in range: constants, locals, names, globals, jump targets;
//     KW_NAMES names a tuple of strings and is followed by the call it applies to;
//   - only loop back-edges jump backwards, always with JUMP_BACKWARD, and loops nest: the
//     span from a loop header to its last back-edge never partly overlaps another loop's;
//   - every instruction has a line, and is reachable;
//   - exception-table ranges and handlers are in range, and an entry's Depth never exceeds
//     the stack depth of an instruction it covers;
//   - the stack depth at each instruction is the same on every path, never negative, and
//     MaxStack is exactly its maximum; execution never falls off the end.
func (p *Program) Verify() error {
	if p.Main == nil {
		return errors.New("program has no main code")
	}
	if !p.Main.IsModule {
		return errors.New("main code is not a module")
	}
	var check func(c *Code) error
	check = func(c *Code) error {
		if err := c.verify(p); err != nil {
			return err
		}
		for _, k := range c.Consts {
			if fn, ok := k.(*Code); ok {
				if fn.IsModule {
					return fmt.Errorf("%s: nested code %s is a module", c.Name, fn.Name)
				}
				if err := check(fn); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return check(p.Main)
}

func (c *Code) verify(p *Program) error {
	n := len(c.Instrs)
	fail := func(pc int, format string, args ...any) error {
		return fmt.Errorf("%s: instruction %d (%v): %s", c.Name, pc, c.Instrs[pc].Op, fmt.Sprintf(format, args...))
	}
	if len(c.Lines) != n {
		return fmt.Errorf("%s: %d lines for %d instructions", c.Name, len(c.Lines), n)
	}
	if c.NumParams > len(c.Locals) || c.NumDefaults > c.NumParams || c.NumDefaults < 0 {
		return fmt.Errorf("%s: %d params, %d defaults, %d locals", c.Name, c.NumParams, c.NumDefaults, len(c.Locals))
	}
	if c.IsModule && len(c.Locals) > 0 {
		return fmt.Errorf("%s: module with fast locals", c.Name)
	}
	headers := map[int]int{} // loop header -> last back-edge
	for pc, in := range c.Instrs {
		if c.Lines[pc] < 1 {
			return fail(pc, "no line")
		}
		arg := int(in.Arg)
		inRange := func(n int) bool { return arg >= 0 && arg < n }
		switch in.Op {
		case LOAD_CONST:
			if !inRange(len(c.Consts)) {
				return fail(pc, "constant %d out of range", arg)
			}
		case MAKE_FUNCTION:
			if !inRange(len(c.Consts)) {
				return fail(pc, "constant %d out of range", arg)
			}
			if _, ok := c.Consts[arg].(*Code); !ok {
				return fail(pc, "constant %d is not code", arg)
			}
		case KW_NAMES:
			if !inRange(len(c.Consts)) {
				return fail(pc, "constant %d out of range", arg)
			}
			names, ok := c.Consts[arg].(Tuple)
			if !ok {
				return fail(pc, "constant %d is not a tuple", arg)
			}
			for _, name := range names {
				if _, ok := name.(string); !ok {
					return fail(pc, "keyword name %v is not a string", name)
				}
			}
			if pc+1 >= n {
				return fail(pc, "not followed by a call")
			}
			next := c.Instrs[pc+1]
			argc := int(next.Arg)
			if next.Op == CALL_METHOD {
				argc &= 0xff
			} else if next.Op != CALL {
				return fail(pc, "followed by %v, not a call", next.Op)
			}
			if argc < len(names) {
				return fail(pc, "%d keywords for %d arguments", len(names), argc)
			}
		case LOAD_FAST, STORE_FAST, DELETE_FAST:
			if c.IsModule || !inRange(len(c.Locals)) {
				return fail(pc, "local %d out of range", arg)
			}
		case LOAD_GLOBAL, STORE_GLOBAL, DELETE_GLOBAL:
			if !inRange(len(p.Globals)) {
				return fail(pc, "global %d out of range", arg)
			}
		case LOAD_ATTR, IMPORT_NAME:
			if !inRange(len(c.Names)) {
				return fail(pc, "name %d out of range", arg)
			}
		case CALL_METHOD:
			if i := arg >> 8; i < 0 || i >= len(c.Names) {
				return fail(pc, "method name %d out of range", i)
			}
		case BUILD_SLICE:
			if arg != 2 && arg != 3 {
				return fail(pc, "bad argument %d", arg)
			}
		case BUILD_TUPLE, BUILD_LIST, BUILD_MAP, UNPACK_SEQUENCE, CALL:
			if arg < 0 {
				return fail(pc, "negative argument")
			}
		case RAISE_VARARGS:
			if arg != 0 && arg != 1 {
				return fail(pc, "bad argument %d", arg)
			}
		default:
			if in.Op >= NumOpcodes {
				return fail(pc, "unknown opcode")
			}
		}
		if in.Op.IsJump() {
			if !inRange(n) {
				return fail(pc, "jump target %d out of range", arg)
			}
			if in.Op == JUMP_BACKWARD {
				if arg > pc {
					return fail(pc, "JUMP_BACKWARD forward to %d", arg)
				}
				headers[arg] = max(headers[arg], pc)
			} else if arg <= pc {
				return fail(pc, "backward jump to %d that is not JUMP_BACKWARD", arg)
			}
		}
	}
	// Loops nest: the spans [header, last back-edge] are disjoint or nested. Walking them in
	// order of their headers with a stack of the enclosing spans' ends checks this.
	starts := slices.Sorted(maps.Keys(headers))
	var open []int // ends of the spans enclosing the current one, innermost last
	for _, h := range starts {
		for len(open) > 0 && open[len(open)-1] < h {
			open = open[:len(open)-1]
		}
		if e := headers[h]; len(open) > 0 && e > open[len(open)-1] {
			return fmt.Errorf("%s: loop at %d..%d overlaps the loop ending at %d", c.Name, h, e, open[len(open)-1])
		}
		open = append(open, headers[h])
	}
	for _, e := range c.ExcTable {
		if e.Start < 0 || e.Start >= e.End || int(e.End) > n || e.Handler < 0 || int(e.Handler) >= n || e.Depth < 0 {
			return fmt.Errorf("%s: bad exception-table entry %+v", c.Name, e)
		}
		if _, ok := headers[int(e.Handler)]; ok {
			return fmt.Errorf("%s: exception handler %d is a loop header", c.Name, e.Handler)
		}
	}
	depths, maxDepth, err := c.stackDepths()
	if err != nil {
		return err
	}
	for pc, d := range depths {
		if d < 0 {
			return fail(pc, "unreachable")
		}
	}
	if maxDepth != c.MaxStack {
		return fmt.Errorf("%s: MaxStack %d, flow analysis gives %d", c.Name, c.MaxStack, maxDepth)
	}
	return nil
}

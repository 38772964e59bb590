package opt

import "github.com/metajit/metajit/trace"

// What a failing guard tells its own snapshot.
//
// A guard's snapshot is read only when the guard fails, and a guard that fails says something
// about its argument: guard_true(x) fails only when x is 0, guard_false(b) of a comparison b
// only when b is 1, guard_value(x, c) only when x is not c, so that int_eq(x, c) is 0 there.
// An interpreter that pushes a comparison's result before it branches on it (Python's
// COMPARE_OP then POP_JUMP_IF_FALSE) names that result in the branch's snapshot; this pass
// writes it as the constant it must be, and the comparison, now used by the guard alone, is
// left to dce and to the backend, which fuses it with the guard into one compare-and-branch.
// A bridge that starts at the guard gets the constant too, and folds its own first guard.
//
// PyPy has no such pass because its guards read a comparison's result from the flags
// (guard_true(i7) with i7 = int_lt(...) is fused in the backend) and its interpreters do not
// keep it in resume data; LuaJIT's comparisons are guards and leave no value at all.
//
// Only a snapshot that one guard alone uses is rewritten (the others are shared with ops
// that fail for other reasons). Facts about how a value was computed are used only on the
// guard's side of the label, and never for label arguments, which the jump rebinds (see the
// conventions in rewrite.go).

func init() {
	register(Pass{Name: "exits", Run: Exits})
}

// Exits rewrites, in each guard's own snapshot, the values the guard's failing determines
// into constants (see the file's comment), and returns the new trace; t is not modified.
func Exits(t *trace.Trace) (*trace.Trace, error) {
	out := t.Clone()
	users := make([]int, len(t.Snaps))
	for _, op := range t.Ops {
		if op.Snap >= 0 && int(op.Snap) < len(users) {
			users[op.Snap]++
		}
	}
	e := exitFacts{t: out, label: t.Label(), labelArg: map[trace.Ref]bool{}}
	if e.label >= 0 {
		for _, a := range t.Ops[e.label].Args {
			e.labelArg[a] = true
		}
	}
	for i := range out.Ops {
		op := &out.Ops[i]
		if !op.Opcode.IsGuard() || op.Snap < 0 || int(op.Snap) >= len(users) || users[op.Snap] != 1 {
			continue
		}
		snap := &out.Snaps[op.Snap]
		implied := e.onFailure(i, snap)
		if len(implied) == 0 {
			continue
		}
		for fi := range snap.Frames {
			for si := range snap.Frames[fi].Slots {
				if c, ok := implied[snap.Frames[fi].Slots[si].Ref]; ok {
					snap.Frames[fi].Slots[si].Ref = c
				}
			}
		}
		for vi := range snap.Virtuals {
			for fi := range snap.Virtuals[vi].Fields {
				if c, ok := implied[snap.Virtuals[vi].Fields[fi].Ref]; ok {
					snap.Virtuals[vi].Fields[fi].Ref = c
				}
			}
		}
	}
	return out, nil
}

// exitFacts finds what the failing of a guard implies.
type exitFacts struct {
	t        *trace.Trace
	label    int
	labelArg map[trace.Ref]bool
}

// onFailure returns the values of snap that guard i's failing fixes, with their constants.
func (e *exitFacts) onFailure(i int, snap *trace.Snapshot) map[trace.Ref]trace.Ref {
	g := &e.t.Ops[i]
	implied := map[trace.Ref]trace.Ref{}
	if len(g.Args) == 0 || !g.Args[0].IsOp() {
		return implied
	}
	x := g.Args[0]
	switch g.Opcode {
	case trace.OpGuardTrue:
		implied[x] = e.t.ConstInt(0) // whatever x is, it fails only as 0
	case trace.OpGuardFalse:
		if e.isBool(x, i) {
			implied[x] = e.t.ConstInt(1)
		}
	case trace.OpGuardValue:
		c := g.Args[1]
		if !e.t.IsConst(c) {
			return implied
		}
		if k := e.t.ConstValue(c); k.Type == trace.Int && (k.Int() == 0 || k.Int() == 1) && e.isBool(x, i) {
			implied[x] = e.t.ConstInt(1 - k.Int())
		}
		// A comparison of x with c that the snapshot names is false (== ) or true (!=).
		snap.Refs(func(y trace.Ref) {
			if !e.usable(y, i) {
				return
			}
			d := &e.t.Ops[y]
			sameArgs := len(d.Args) == 2 &&
				(d.Args[0] == x && d.Args[1] == c || d.Args[0] == c && d.Args[1] == x)
			switch {
			case sameArgs && (d.Opcode == trace.OpIntEq || d.Opcode == trace.OpPtrEq):
				implied[y] = e.t.ConstInt(0)
			case sameArgs && (d.Opcode == trace.OpIntNe || d.Opcode == trace.OpPtrNe):
				implied[y] = e.t.ConstInt(1)
			}
		})
	}
	return implied
}

// usable reports whether how op y was computed may be looked at from guard i: y is an op, not
// a label argument, and on the same side of the label as the guard.
func (e *exitFacts) usable(y trace.Ref, i int) bool {
	if !y.IsOp() || int(y) >= len(e.t.Ops) || e.labelArg[y] {
		return false
	}
	return e.label < 0 || (int(y) > e.label) == (i > e.label)
}

// isBool reports whether x is always 0 or 1 as guard i sees it.
func (e *exitFacts) isBool(x trace.Ref, i int) bool {
	return e.usable(x, i) && isBoolOp(e.t.Ops[x].Opcode)
}

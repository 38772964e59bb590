package opt

import "github.com/metajit/metajit/trace"

// Dead-code elimination, as LuaJIT's lj_opt_dce.c (which marks what snapshots use and sweeps
// the rest) and the removal of unused pure operations in PyPy's optimizer (an operation whose
// result nobody uses is never emitted).
//
// An op is live when it must run for what it does (it has a side effect: a guard, a store,
// a call that is not pure, a label, jump, finish or debug_merge_point, or an int_*_ovf, which
// its overflow guard reads), or when a live op uses its value: as an argument, or through
// its snapshot, since a guard that fails must be able to give the interpreter every value
// its snapshot names (LuaJIT: "snapshot uses are roots"). Inputs are always kept: they are
// the trace's signature. Everything else (pure ops, pure calls, loads, allocations) is
// removed when unused; loads may go because they have no effect, and new because an object
// nobody sees need not exist.
//
// The marking goes backwards once, since an op only uses earlier ones; then rebuild
// (rewrite.go) renumbers what is left, keeping snapshot indexes.

func init() {
	register(Pass{Name: "dce", Run: DCE})
}

// DCE removes the ops whose results are unused and that have no effect, and returns the new
// trace; t is not modified.
func DCE(t *trace.Trace) (*trace.Trace, error) {
	return rebuild(t, liveOps(t)), nil
}

// liveOps marks the ops that must stay.
func liveOps(t *trace.Trace) []bool {
	live := make([]bool, len(t.Ops))
	use := func(r trace.Ref) {
		if r.IsOp() && int(r) < len(live) {
			live[r] = true
		}
	}
	for i := len(t.Ops) - 1; i >= 0; i-- {
		op := &t.Ops[i]
		if mustKeep(op) {
			live[i] = true
		}
		if !live[i] {
			continue
		}
		for _, a := range op.Args {
			use(a)
		}
		if op.Snap >= 0 && int(op.Snap) < len(t.Snaps) {
			t.Snaps[op.Snap].Refs(use)
		}
	}
	return live
}

// mustKeep reports whether an op stays even when its result is unused.
func mustKeep(op *trace.Op) bool {
	return op.Opcode == trace.OpInput || op.HasSideEffect() || op.HasSnapshot() || op.Opcode.IsOvf()
}

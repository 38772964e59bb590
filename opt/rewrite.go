package opt

import (
	"fmt"

	"github.com/metajit/metajit/trace"
)

// The shared machinery of the passes: a rewriter builds a pass's output trace from its input,
// op by op, keeping the map from the input's op refs to the output's values (PyPy's
// Optimizer.get_box_replacement, LuaJIT's IR rewriting as ops are re-emitted), and rebuild
// keeps a subset of the ops (dead-code elimination, or any pass that only drops ops).
//
// Conventions every pass here follows, and that the fuzz test (opt_fuzz_test.go) checks:
//
//   - Snapshot indexes are stable. An op that survives a pass keeps the index of its snapshot
//     in Trace.Snaps, so an exit can be matched with the input trace's exit by that index. A
//     pass may append snapshots (for guards it creates, such as copies in a peeled preamble);
//     such an exit is matched by its resume position (frames, code and pc) instead. Snapshots
//     that no op uses any more stay in place, emptied (no frames), so that indexes never move.
//   - Constants keep their Refs: the output starts with a copy of the input's Consts, and
//     passes add constants with the Const* methods.
//   - The input trace is never modified; the output shares only descriptors and pointers.
//   - Around a label, values are not all what they seem. A loop trace's label arguments are
//     rebound by the jump at each iteration, so in the loop body a label argument names the
//     current iteration's value, while any other op of the preamble (before the label) names
//     the one value it got in the preamble. Hence, in the preamble, a label argument must stay
//     an op of its own (never replaced by another value, nor a constant, see canReplace), no
//     other preamble op may be replaced by a label argument, and a pass must not carry facts
//     about preamble values into the body (the passes here start afresh at the label) nor look
//     through a preamble op from the body (see rewriter.defOf): neither at its arguments, which
//     may be label arguments, nor at its opcode when it is a label argument itself (label(i2)
//     with i2 = int_lt(...) does not make i2 a boolean in the body: the jump rebinds it).

// rewriter builds the output of a pass. Refs of the input trace are "old", of the output "new";
// constants are the same in both.
type rewriter struct {
	in, out *trace.Trace

	m []trace.Ref // m[i]: the new value of old op i (an op of out or a constant); NoRef before it is set

	label     int                // index of the label in in, or -1
	outLabel  trace.Ref          // index of the label in out, or -1 until it is emitted
	pinned    []bool             // old ops that are label arguments (see canReplace)
	pinnedOut map[trace.Ref]bool // the new ops of pinned old ops

	// subst, when set by a pass, maps new ops to constants it knows they equal (after a
	// guard_value, say): args and snapshots see the constant instead. The pass resets it
	// at the label.
	subst map[trace.Ref]trace.Ref

	snapDone  []bool // snapshots already remapped into out.Snaps
	snapSplit []bool // snapshots used both before and after the label (remapped without subst)
}

// newRewriter starts the output of a pass over in.
func newRewriter(in *trace.Trace) *rewriter {
	w := &rewriter{
		in:       in,
		out:      &trace.Trace{Name: in.Name, Consts: append([]trace.Const(nil), in.Consts...)},
		m:        make([]trace.Ref, len(in.Ops)),
		label:    in.Label(),
		outLabel: -1,
		pinned:   make([]bool, len(in.Ops)),
		snapDone: make([]bool, len(in.Snaps)),
	}
	w.out.Ops = make([]trace.Op, 0, len(in.Ops))
	w.out.Snaps = make([]trace.Snapshot, len(in.Snaps))
	for i := range w.m {
		w.m[i] = trace.NoRef
	}
	if w.label >= 0 {
		for _, a := range in.Ops[w.label].Args {
			if a.IsOp() && int(a) < len(w.pinned) {
				w.pinned[a] = true
			}
		}
		w.snapSplit = make([]bool, len(in.Snaps))
		before := make([]bool, len(in.Snaps))
		for i, op := range in.Ops {
			if op.Snap < 0 || int(op.Snap) >= len(in.Snaps) {
				continue
			}
			if i < w.label {
				before[op.Snap] = true
			} else if before[op.Snap] {
				w.snapSplit[op.Snap] = true
			}
		}
	}
	w.pinnedOut = map[trace.Ref]bool{}
	return w
}

// ref returns the new value of an old ref, without substitution (constants map to themselves).
func (w *rewriter) ref(old trace.Ref) trace.Ref {
	if !old.IsOp() {
		return old
	}
	r := w.m[old]
	if r == trace.NoRef {
		panic(fmt.Sprintf("opt: op %d (%s) is used but has no value in the output", old, w.in.FormatOp(int(old), nil)))
	}
	return r
}

// arg returns the new value of an old ref as an argument: the mapped value, or the constant
// subst knows it equals.
func (w *rewriter) arg(old trace.Ref) trace.Ref {
	return w.known(w.ref(old))
}

// known returns the constant subst knows a new ref equals, or the ref itself.
func (w *rewriter) known(r trace.Ref) trace.Ref {
	if c, ok := w.subst[r]; ok {
		return c
	}
	return r
}

// args returns the new values of old refs, as arguments.
func (w *rewriter) args(old []trace.Ref) []trace.Ref {
	out := make([]trace.Ref, len(old))
	for k, a := range old {
		out[k] = w.arg(a)
	}
	return out
}

// inBody reports whether old op i is in the loop body: after the label.
func (w *rewriter) inBody(i int) bool { return w.label >= 0 && i > w.label }

// canReplace reports whether old op i may be replaced by the value r instead of being emitted
// (see the conventions above): a label argument never, and in the preamble nothing may become
// a label argument.
func (w *rewriter) canReplace(i int, r trace.Ref) bool {
	if w.pinned[i] {
		return false
	}
	if w.label >= 0 && i < w.label && r.IsOp() && w.pinnedOut[r] {
		return false
	}
	return true
}

// replace records that old op i has the value r and is not emitted. The caller has checked
// canReplace.
func (w *rewriter) replace(i int, r trace.Ref) { w.m[i] = r }

// defOf returns the new op that computes r, for rules that look at how a value was computed
// (x+1+1, int_is_zero(int_lt(a, b))...); nil for constants and, when the pass is in the loop
// body (old op i is after the label), for ops of the preamble, whose arguments may name
// label arguments that have been rebound since.
func (w *rewriter) defOf(i int, r trace.Ref) *trace.Op {
	if !r.IsOp() || int(r) >= len(w.out.Ops) {
		return nil
	}
	if w.inBody(i) && r < w.outLabel {
		return nil
	}
	return &w.out.Ops[r]
}

// copyOp emits old op i with its arguments mapped (label arguments without substitution) and
// its snapshot remapped, and returns its new ref.
func (w *rewriter) copyOp(i int) trace.Ref {
	op := w.in.Ops[i]
	if op.Opcode == trace.OpLabel {
		args := make([]trace.Ref, len(op.Args))
		for k, a := range op.Args {
			args[k] = w.ref(a)
		}
		op.Args = args
	} else {
		op.Args = w.args(op.Args)
	}
	return w.emitFor(i, op)
}

// emitFor emits op as the new value of old op i: op's arguments are new refs already, its Snap
// an index of the input's snapshots (remapped here, once: a snapshot shared by several ops is
// remapped at its first use, with what is known there). It records the op's Debug text.
func (w *rewriter) emitFor(i int, op trace.Op) trace.Ref {
	r := w.emit(op)
	w.m[i] = r
	if w.pinned[i] {
		w.pinnedOut[r] = true
	}
	if op.Opcode == trace.OpLabel {
		w.outLabel = r
	}
	if text, ok := w.in.Debug[i]; ok {
		w.out.SetDebug(r, text)
	}
	return r
}

// emit appends op to the output (arguments are new refs, Snap an input snapshot index) and
// returns its ref.
func (w *rewriter) emit(op trace.Op) trace.Ref {
	if op.Snap >= 0 {
		w.snapshot(op.Snap)
	}
	w.out.Ops = append(w.out.Ops, op)
	return trace.Ref(len(w.out.Ops) - 1)
}

// snapshot remaps input snapshot s into the output, at the same index, unless done already.
func (w *rewriter) snapshot(s int32) {
	if int(s) >= len(w.in.Snaps) || w.snapDone[s] {
		return
	}
	w.snapDone[s] = true
	useSubst := w.snapSplit == nil || !w.snapSplit[s]
	c := w.in.Snaps[s].Clone()
	mapRef := func(r trace.Ref) trace.Ref {
		if r.IsVirtual() {
			return r
		}
		r = w.ref(r)
		if useSubst {
			r = w.known(r)
		}
		return r
	}
	for fi := range c.Frames {
		for si := range c.Frames[fi].Slots {
			sl := &c.Frames[fi].Slots[si]
			sl.Ref = mapRef(sl.Ref)
		}
	}
	for vi := range c.Virtuals {
		for fi := range c.Virtuals[vi].Fields {
			f := &c.Virtuals[vi].Fields[fi]
			f.Ref = mapRef(f.Ref)
		}
	}
	w.out.Snaps[s] = c
}

// finish returns the output trace. Snapshots no op uses are left empty.
func (w *rewriter) finish() *trace.Trace { return w.out }

// rebuild returns a copy of t made of the ops i for which keep[i] is true, renumbered, with
// every argument, snapshot and Debug text remapped (snapshots keep their indexes). A kept op
// must not use a dropped one. Inputs must be kept (they are the trace's signature).
func rebuild(t *trace.Trace, keep []bool) *trace.Trace {
	w := newRewriter(t)
	w.pinned = make([]bool, len(t.Ops)) // nothing is replaced: no pinning needed
	for i := range t.Ops {
		if keep[i] {
			w.copyOp(i)
		}
	}
	return w.finish()
}

// isBoolOp reports whether an opcode's result is always 0 or 1: the comparisons and tests.
func isBoolOp(o trace.Opcode) bool {
	switch o {
	case trace.OpIntLt, trace.OpIntLe, trace.OpIntEq, trace.OpIntNe, trace.OpIntGt, trace.OpIntGe,
		trace.OpUintLt, trace.OpUintGe, trace.OpIntIsTrue, trace.OpIntIsZero,
		trace.OpFloatLt, trace.OpFloatLe, trace.OpFloatEq, trace.OpFloatNe, trace.OpFloatGt, trace.OpFloatGe,
		trace.OpPtrEq, trace.OpPtrNe:
		return true
	}
	return false
}

package opt

import (
	"encoding/binary"
	"maps"
	"math"

	"github.com/metajit/metajit/trace"
)

// Loop peeling with loop-invariant code motion, as LuaJIT's lj_opt_loop.c and PyPy's
// optimizeopt/unroll.py.
//
// A recorded loop does all its work at every iteration, even the work whose result cannot
// change from one iteration to the next: reloading the list it iterates, the list's length
// and data pointer, re-checking the kinds of frame slots that are never stored. Unrolling
// the loop once makes that work visible as redundant. The trace
//
//	inputs; label(L...); body; jump(J...)
//
// becomes
//
//	inputs; preamble; label(carried...); loop body; jump(carried'...)
//
// where the preamble is a first copy of the body, run once (it is the first iteration, as
// recorded), and the loop body is a second copy, emitted knowing everything the preamble
// established. LuaJIT does exactly this ("copy-substitution"): it re-emits the body through
// its fold and CSE engine with the loop's values substituted, so that whatever the preamble
// computed on values that do not change is found again instead of recomputed. Here:
//
//   - a pure op of the loop body whose arguments are the same values as a pure op of the
//     preamble gives that op's value (CSE), and pure ops of constants are folded;
//   - a load of the loop body is answered by the heap cache (heap.go) as it stood at the end
//     of the preamble, but only for places that nothing in the loop body may write: no store
//     that may alias them and no residual call that is not pure. Such a place holds at every
//     iteration what it held after the preamble; this is what makes the loads of the list
//     pointer, its length, its data pointer and the kinds of slots that are never stored
//     loop-invariant. Loads of places the body writes stay in the loop;
//   - a guard of the loop body that the preamble (or the code before it) already passed on
//     the same values is removed: its values have not changed, so it passes again. So is a
//     guard on constants that always passes (a kind the preamble checked with guard_value
//     and that the body now reads as a constant), and an overflow-checked op with its guard
//     when the preamble did the same computation.
//
// What the preamble computed stays in its ops, which the loop body may use directly (the IR
// lets the body use any value defined before the label: see trace.Validate). Only the values
// that change from one iteration to the next go through the label and the jump: the label's
// arguments are those of the original label that the jump does not pass back unchanged,
// with the values the preamble ended with; the jump passes the loop body's new values for
// them. The frame pointer of a recorded loop (label(p0) ... jump(p0)) is not one of them.
//
// Values that live in memory can be carried too, as PyPy's unroll exports the preamble's
// heap cache to the loop: a place the loop body reads and then writes (the iterator's
// index, a running total in a frame slot) holds, at the start of each iteration, what the
// previous one stored, which the previous iteration had in a value. When the place's object
// does not change and its value is known both at the end of the preamble and at the end of
// the loop body, the label carries it: the loop body's load of it becomes the label's
// argument, and the jump passes the stored value. The stores stay, since memory must be
// current at every guard. Which places qualify shows only once the loop body has been
// emitted, so the pass emits it twice: a first round finds them (see carriable), a second
// round carries them.
//
// Two rules keep the label sound. A label argument is rebound at every jump, so within the
// loop body its ref names the current iteration's value: the pass never uses a fact about a
// ref that becomes a label argument (a CSE entry, a cached load, a passed guard naming it),
// and never picks as a label argument a value that the loop body uses as an invariant. When
// the value the preamble ends with cannot be a label argument as it is (a constant, a value
// already carried in another argument, or such an invariant), the pass emits a copy of it,
// PyPy's same_as: int_add(x, 0) for ints, float_neg(float_neg(x)) for floats (exact to the
// bit, NaNs included). Pointers have no such op: a loop that would need one is left as it is.
//
// Snapshots: the guards of the loop body keep the snapshot indexes they had (they are the
// ops that the original trace's guards became); the preamble's copies of guards get new
// snapshots, appended (see the conventions in rewrite.go).
//
// A trace that is not a loop (it ends with finish) is left as it is. A trace that has ops
// between its inputs and its label keeps them before the preamble.

func init() {
	register(Pass{Name: "unroll", Run: Unroll})
}

// Unroll peels the first iteration of a loop trace into a preamble and removes from the loop
// body what the preamble makes redundant (see the file's comment). It returns t itself when
// it does not apply; t is never modified.
func Unroll(t *trace.Trace) (*trace.Trace, error) {
	u := newUnroller(t)
	if u == nil {
		return t, nil
	}
	if !u.run() {
		return t, nil
	}
	// Second round: the places whose values can be carried around the loop in the label,
	// now that the first round has shown which they are. The head and the preamble come out
	// the same (the pass is deterministic), so the places' refs still name the same values.
	if carry, known := u.carriable(); len(carry) > 0 || len(known) > 0 {
		v := newUnroller(t)
		v.carry, v.known = carry, known
		if v.run() {
			return v.out, nil
		}
	}
	return u.out, nil
}

// unroller is the state of one run of the unroll pass.
type unroller struct {
	in, out *trace.Trace

	bodyStart int         // index in in of the first op of the body (after the label)
	jump      int         // index in in of the jump
	label     []trace.Ref // the original label's arguments (the inputs when there is no label)

	m []trace.Ref // the current copy's value of each old op (NoRef: none yet)

	// phase is the copy being emitted: phaseHead (the ops before the label), phasePreamble
	// or phaseLoop; snapPhase[s] is the phase that filled out.Snaps[s] (see emit).
	phase     uint8
	snapPhase []uint8

	// What is known at the point of emission. Refs are values of out.
	cse    map[factKey]trace.Ref // pure computations and their values
	ovf    map[factKey]trace.Ref // int_*_ovf ops whose guard passed, keyed with the guard
	guards map[factKey]bool      // guards that passed
	cache  *heapCache            // what memory holds

	// Loop-carried places (see carriable). carry lists the places the label carries;
	// the first round fills the rest: what memory held at the end of the preamble, the
	// loop body's loads that read a place before anything in the body wrote it, and what
	// the loop body has written so far.
	carry          []access
	known          map[access]trace.Ref // places that hold the same constant at every iteration
	preamblePlaces map[access]trace.Ref
	firstLoads     []access
	uses           []bool // uses[i]: old op i's value is used in the body (see used)
	loopWrites     []access
	bodyCalled     bool
}

// newUnroller returns the unroller for a loop trace, or nil when t is not one.
func newUnroller(t *trace.Trace) *unroller {
	n := len(t.Ops)
	if n == 0 || t.Ops[n-1].Opcode != trace.OpJump {
		return nil
	}
	u := &unroller{in: t, jump: n - 1}
	if lab := t.Label(); lab >= 0 {
		u.bodyStart = lab + 1
		u.label = t.Ops[lab].Args
	} else {
		u.label = t.Inputs()
		u.bodyStart = len(u.label)
	}
	if len(t.Ops[u.jump].Args) != len(u.label) {
		return nil // not valid: leave it to Validate
	}
	u.out = &trace.Trace{Name: t.Name, Consts: append([]trace.Const(nil), t.Consts...)}
	u.out.Snaps = make([]trace.Snapshot, len(t.Snaps)) // unused ones stay empty
	u.snapPhase = make([]uint8, len(t.Snaps))
	u.m = make([]trace.Ref, n)
	for i := range u.m {
		u.m[i] = trace.NoRef
	}
	u.cse = map[factKey]trace.Ref{}
	u.ovf = map[factKey]trace.Ref{}
	u.guards = map[factKey]bool{}
	u.cache = newHeapCache(u.out)
	return u
}

// run builds the output; it returns false when the loop cannot be unrolled.
func (u *unroller) run() bool {
	in := u.in

	// The ops before the label, as they are (they keep their snapshots).
	u.phase = phaseHead
	for i := 0; i < u.bodyStart; i++ {
		if in.Ops[i].Opcode == trace.OpLabel {
			continue
		}
		u.observe(i, u.copyOp(i, false))
	}

	// The preamble: the body once, with the label's arguments bound to their first values.
	u.phase = phasePreamble
	for i := u.bodyStart; i < u.jump; i++ {
		u.observe(i, u.copyOp(i, true))
	}

	// The new label carries the values that change across iterations.
	u.preamblePlaces = maps.Clone(u.cache.places)
	args, ok := u.labelArgs()
	if !ok {
		return false
	}
	u.forgetVarying(args)
	u.cache.enterLoop(args)
	for k, a := range u.carry {
		u.cache.loaded(a, args[len(args)-len(u.carry)+k])
	}
	for a, c := range u.known {
		u.cache.loaded(a, c)
	}
	lab := u.out.Emit(trace.OpLabel, trace.Void, args...)
	if u.bodyStart > 0 && in.Ops[u.bodyStart-1].Opcode == trace.OpLabel {
		u.debug(u.bodyStart-1, lab)
	}

	// The loop body: the body again, optimized against what the preamble established.
	u.phase = phaseLoop
	k := 0
	for idx, l := range u.label {
		if u.varying(idx) {
			u.m[l] = args[k]
			k++
		}
	}
	for i := u.bodyStart; i < u.jump; i++ {
		i = u.optimize(i)
	}
	var jargs []trace.Ref
	for idx, j := range in.Ops[u.jump].Args {
		if u.varying(idx) {
			jargs = append(jargs, u.ref(j))
		}
	}
	for _, a := range u.carry {
		v, ok := u.cache.lookup(a)
		if !ok {
			return false // not known at the end of the loop body after all
		}
		jargs = append(jargs, v)
	}
	for a, c := range u.known {
		if v, ok := u.cache.lookup(a); !ok || !sameValue(u.out, v, c) {
			return false // the loop body does not leave the constant there after all
		}
	}
	r := u.out.Emit(trace.OpJump, trace.Void, jargs...)
	u.debug(u.jump, r)
	return true
}

// carriable returns the places of memory whose value a second round can carry around the
// loop in the label, as PyPy's unroll exports the heap cache of the preamble to the loop
// (its "short preamble" loads): a place the loop body writes, so that its load cannot leave
// the loop, but that the body reads before writing, at a place whose object (and index) do
// not change, and whose value is known both at the end of the preamble and at the end of the
// loop body. The label then carries that value: it starts as what the preamble left there,
// the jump passes what the loop body left there, and the body's first load of the place reads
// the label's argument instead of memory. The stores stay (memory must be current at every
// guard), so what changes is that the loop never loads again what it stored itself: an
// iteration counter, a running total kept in a frame slot.
//
// A place that holds the same constant at both ends (a slot's kind that the loop checks
// with guard_value and stores again) needs no label argument: it holds that constant at
// the start of every iteration, and known returns it with its constant.
func (u *unroller) carriable() (carry []access, known map[access]trace.Ref) {
	for _, a := range u.firstLoads {
		if u.cache.rebound[a.obj] || a.index != trace.NoRef && u.cache.rebound[a.index] {
			continue
		}
		first, ok := u.preamblePlaces[a]
		if !ok {
			continue
		}
		last, ok := u.cache.lookup(a)
		if !ok {
			continue
		}
		if u.out.IsConst(first) && sameValue(u.out, first, last) {
			if known == nil {
				known = map[access]trace.Ref{}
			}
			known[a] = first
			continue
		}
		carry = append(carry, a)
	}
	return carry, known
}

// varying reports whether label argument idx may change across iterations: the jump does
// not pass it back as it is.
func (u *unroller) varying(idx int) bool {
	return u.in.Ops[u.jump].Args[idx] != u.label[idx]
}

// labelArgs returns the new label's arguments: for each varying argument of the original
// label, then for each carried place, the value the preamble ended with (a copy of it when
// it cannot be a label argument itself). ok is false when a copy is needed of a pointer.
func (u *unroller) labelArgs() (args []trace.Ref, ok bool) {
	// Values from before the loop body that the body uses as they are: they must keep
	// their value throughout the loop, so none of them may be rebound by the jump.
	invariant := map[trace.Ref]bool{}
	isVaryingLabelArg := map[trace.Ref]bool{}
	for idx, l := range u.label {
		if u.varying(idx) {
			isVaryingLabelArg[l] = true
		}
	}
	use := func(r trace.Ref) {
		if r.IsOp() && int(r) < u.bodyStart && !isVaryingLabelArg[r] {
			invariant[u.ref(r)] = true
		}
	}
	for i := u.bodyStart; i <= u.jump; i++ {
		op := &u.in.Ops[i]
		for _, a := range op.Args {
			use(a)
		}
		if op.Snap >= 0 && int(op.Snap) < len(u.in.Snaps) {
			u.in.Snaps[op.Snap].Refs(use)
		}
	}

	// The values at the end of the preamble: of the varying label arguments, then of the
	// carried places.
	var first []trace.Ref
	for idx, j := range u.in.Ops[u.jump].Args {
		if u.varying(idx) {
			first = append(first, u.ref(j))
		}
	}
	for _, a := range u.carry {
		v, ok := u.preamblePlaces[a]
		if !ok {
			return nil, false
		}
		first = append(first, v)
	}

	used := map[trace.Ref]bool{}
	for _, v := range first {
		if !v.IsOp() || used[v] || invariant[v] {
			var copied bool
			if v, copied = u.sameAs(v); !copied {
				return nil, false
			}
		}
		used[v] = true
		args = append(args, v)
	}
	return args, true
}

// sameAs emits an op whose value is v, to be a label argument of its own (PyPy's same_as).
func (u *unroller) sameAs(v trace.Ref) (trace.Ref, bool) {
	out := u.out
	var r trace.Ref
	switch out.TypeOf(v) {
	case trace.Int:
		r = out.Emit(trace.OpIntAdd, trace.Int, v, out.ConstInt(0))
	case trace.Float:
		r = out.Emit(trace.OpFloatNeg, trace.Float, v)
		r = out.Emit(trace.OpFloatNeg, trace.Float, r)
	default:
		return trace.NoRef, false
	}
	out.SetDebug(r, "same_as: a label argument of its own")
	return r, true
}

// forgetVarying drops every fact that names a label argument: inside the loop its ref names
// the current iteration's value, not the one the fact is about. Memory facts are kept only
// for places the loop body cannot write.
func (u *unroller) forgetVarying(args []trace.Ref) {
	rebound := map[trace.Ref]bool{}
	for _, a := range args {
		rebound[a] = true
	}
	names := func(k factKey, v trace.Ref) bool {
		if rebound[v] {
			return true
		}
		for _, a := range k.refs() {
			if rebound[a] {
				return true
			}
		}
		return false
	}
	for k, v := range u.cse {
		if names(k, v) {
			delete(u.cse, k)
		}
	}
	for k, v := range u.ovf {
		if names(k, v) {
			delete(u.ovf, k)
		}
	}
	for k := range u.guards {
		if names(k, trace.NoRef) {
			delete(u.guards, k)
		}
	}

	writes := u.bodyWrites()
	u.cache.keep(func(a access, v trace.Ref) bool {
		if rebound[a.obj] || rebound[v] || (a.index != trace.NoRef && rebound[a.index]) {
			return false
		}
		for _, w := range writes {
			if w.call ||
				a.field != nil && w.field != nil && fieldsMayOverlap(a.field, w.field) ||
				a.item != nil && w.item != nil && arraysMayOverlap(a.item, w.item) {
				return false
			}
		}
		return true
	})
}

// bodyWrite is something the loop body may write: a field or array descriptor it stores
// with, or anything at all (a residual call that is not pure).
type bodyWrite struct {
	field *trace.FieldDescr
	item  *trace.ArrayDescr
	call  bool
}

// bodyWrites lists what the loop body may write, whatever the objects.
func (u *unroller) bodyWrites() []bodyWrite {
	var ws []bodyWrite
	for i := u.bodyStart; i < u.jump; i++ {
		op := &u.in.Ops[i]
		switch {
		case op.Opcode == trace.OpSetfield:
			ws = append(ws, bodyWrite{field: op.Descr.(*trace.FieldDescr)})
		case op.Opcode == trace.OpSetarrayitem:
			ws = append(ws, bodyWrite{item: op.Descr.(*trace.ArrayDescr)})
		case writesMemory(op):
			ws = append(ws, bodyWrite{call: true})
		}
	}
	return ws
}

// ref returns the current copy's value of an old ref (constants are shared).
func (u *unroller) ref(r trace.Ref) trace.Ref {
	if !r.IsOp() {
		return r
	}
	return u.m[r]
}

// mapped returns op with its arguments mapped to the current copy's values.
func (u *unroller) mapped(i int) trace.Op {
	op := u.in.Ops[i]
	args := make([]trace.Ref, len(op.Args))
	for k, a := range op.Args {
		args[k] = u.ref(a)
	}
	op.Args = args
	return op
}

// copyOp emits old op i as it is, with mapped arguments, and returns its new ref. Its
// snapshot is remapped: at its own index, or appended as a new snapshot when fresh (the
// preamble's copies of guards).
func (u *unroller) copyOp(i int, fresh bool) trace.Ref {
	return u.emit(i, u.mapped(i), fresh)
}

// The phases of the output, for snapshot indexes.
const (
	phaseHead uint8 = 1 + iota
	phasePreamble
	phaseLoop
)

// emit appends op as the value of old op i. A snapshot stays at its index unless fresh is
// set or another phase filled that index already (a snapshot shared by an op before the
// label and one of the body, remapped differently by each copy): it is then appended.
func (u *unroller) emit(i int, op trace.Op, fresh bool) trace.Ref {
	if op.Snap >= 0 {
		s := u.snapshot(u.in.Snaps[op.Snap])
		if owner := u.snapPhase[op.Snap]; fresh || owner != 0 && owner != u.phase {
			op.Snap = u.out.AddSnapshot(s)
		} else {
			u.out.Snaps[op.Snap] = s
			u.snapPhase[op.Snap] = u.phase
		}
	}
	u.out.Ops = append(u.out.Ops, op)
	r := trace.Ref(len(u.out.Ops) - 1)
	u.m[i] = r
	u.debug(i, r)
	return r
}

// debug copies old op i's Debug text to new op r.
func (u *unroller) debug(i int, r trace.Ref) {
	if text, ok := u.in.Debug[i]; ok {
		u.out.SetDebug(r, text)
	}
}

// snapshot returns a copy of s naming the current copy's values.
func (u *unroller) snapshot(s trace.Snapshot) trace.Snapshot {
	c := s.Clone()
	for fi := range c.Frames {
		for si := range c.Frames[fi].Slots {
			sl := &c.Frames[fi].Slots[si]
			if !sl.Ref.IsVirtual() {
				sl.Ref = u.ref(sl.Ref)
			}
		}
	}
	for vi := range c.Virtuals {
		for fi := range c.Virtuals[vi].Fields {
			f := &c.Virtuals[vi].Fields[fi]
			if !f.Ref.IsVirtual() {
				f.Ref = u.ref(f.Ref)
			}
		}
	}
	return c
}

// observe records what an op emitted as it is (new ref r, of old op i) establishes: the
// value of a pure computation, what memory holds, a guard that passed.
func (u *unroller) observe(i int, r trace.Ref) {
	op := &u.out.Ops[r]
	switch {
	case op.Opcode == trace.OpInput || op.Opcode == trace.OpDebugMergePoint || op.Opcode == trace.OpNew:
	case op.Opcode.IsOvf():
		if i+1 < len(u.in.Ops) {
			next := u.in.Ops[i+1].Opcode
			if next == trace.OpGuardNoOverflow || next == trace.OpGuardOverflow {
				u.ovf[ovfKey(op, next)] = r
			}
		}
	case op.Opcode == trace.OpGuardNoOverflow || op.Opcode == trace.OpGuardOverflow:
		// recorded with its int_*_ovf
	case op.Opcode.IsGuard():
		u.guards[newFactKey(op.Opcode, nil, op.Args)] = true
		if op.Opcode == trace.OpGuardValue {
			u.cache.learnValue(op.Args[0], op.Args[1])
		}
	case isLoad(op.Opcode):
		u.cache.loaded(accessOf(op), r)
	case op.Opcode == trace.OpSetfield || op.Opcode == trace.OpSetarrayitem:
		u.cache.stored(accessOf(op), op.Args[len(op.Args)-1])
	case op.IsPure() || isPureCall(op):
		// A pure call that can fail and did not gives the same value on the same
		// arguments, and does not fail, every time after.
		k := newFactKey(op.Opcode, op.Descr, op.Args)
		if _, seen := u.cse[k]; !seen {
			u.cse[k] = r
		}
	case writesMemory(op):
		u.cache.clear() // a residual call that is not pure may write anything
	}
}

// optimize emits old op i of the body into the loop body, or finds that it is redundant
// there. It returns the index of the last old op it handled (an int_*_ovf takes its guard).
func (u *unroller) optimize(i int) int {
	in := u.in
	op := u.mapped(i)
	switch {
	case op.Opcode == trace.OpDebugMergePoint || op.Opcode == trace.OpNew:
		u.emit(i, op, false)

	case op.Opcode.IsOvf():
		if i+1 >= u.jump {
			u.observe(i, u.emit(i, op, false))
			return i
		}
		next := in.Ops[i+1].Opcode
		if r, ok := u.ovf[ovfKey(&op, next)]; ok {
			u.m[i] = r // the preamble did it, and its guard passed
			return i + 1
		}
		if v, ok := u.foldOvf(&op, next); ok {
			u.m[i] = v
			return i + 1
		}
		r := u.emit(i, op, false)
		u.observe(i, r)
		u.emit(i+1, u.mapped(i+1), false)
		return i + 1

	case op.Opcode.IsGuard():
		if guardAlwaysPasses(u.out, &op) || u.guards[newFactKey(op.Opcode, nil, op.Args)] {
			return i
		}
		u.observe(i, u.emit(i, op, false))

	case isLoad(op.Opcode):
		a := accessOf(&op)
		if v, ok := u.cache.lookup(a); ok {
			u.m[i] = v
			return i
		}
		if u.unwritten(a) && u.used(i) {
			u.firstLoads = append(u.firstLoads, a)
		}
		u.observe(i, u.emit(i, op, false))

	case op.Opcode == trace.OpSetfield || op.Opcode == trace.OpSetarrayitem:
		a := accessOf(&op)
		if v, ok := u.cache.lookup(a); ok && sameValue(u.out, v, op.Args[len(op.Args)-1]) {
			return i // memory holds the value already
		}
		u.loopWrites = append(u.loopWrites, a)
		u.observe(i, u.emit(i, op, false))

	case op.IsPure() || isPureCall(&op):
		if v, ok := u.fold(&op); ok {
			u.m[i] = v
			return i
		}
		if v, ok := u.cse[newFactKey(op.Opcode, op.Descr, op.Args)]; ok {
			u.m[i] = v
			return i
		}
		u.observe(i, u.emit(i, op, false))

	default: // residual calls with effects
		u.bodyCalled = true
		u.observe(i, u.emit(i, op, false))
	}
	return i
}

// used reports whether old op i's value is used in the body: by an op, a snapshot or the
// jump. (Carrying a value nobody reads would only cost a register.)
func (u *unroller) used(i int) bool {
	if u.uses == nil {
		u.uses = make([]bool, len(u.in.Ops))
		mark := func(r trace.Ref) {
			if r.IsOp() {
				u.uses[r] = true
			}
		}
		for k := u.bodyStart; k <= u.jump; k++ {
			op := &u.in.Ops[k]
			for _, a := range op.Args {
				mark(a)
			}
			if op.Snap >= 0 && int(op.Snap) < len(u.in.Snaps) {
				u.in.Snaps[op.Snap].Refs(mark)
			}
		}
	}
	return u.uses[i]
}

// isPureCall reports whether op is a call whose CallDescr says Pure (it may also CanFail).
func isPureCall(op *trace.Op) bool {
	d, ok := op.Descr.(*trace.CallDescr)
	return op.Opcode.IsCall() && ok && d.Pure
}

// unwritten reports whether nothing the loop body has emitted so far may have written a.
func (u *unroller) unwritten(a access) bool {
	if u.bodyCalled {
		return false
	}
	for _, w := range u.loopWrites {
		if u.cache.mayAlias(w, a) {
			return false
		}
	}
	return true
}

// fold computes a pure op whose arguments are all constants, with trace.Eval (the code the
// executor runs), and returns its constant.
func (u *unroller) fold(op *trace.Op) (trace.Ref, bool) {
	if op.Opcode.IsCall() || len(op.Args) == 0 || len(op.Args) > 2 {
		return 0, false
	}
	var bits [2]uint64
	for k, a := range op.Args {
		if !u.out.IsConst(a) {
			return 0, false
		}
		bits[k] = u.out.ConstValue(a).Bits
	}
	v, ok := trace.Eval(op.Opcode, bits[0], bits[1])
	if !ok || computesNaN(op.Opcode, v) {
		return 0, false
	}
	return u.constant(op.Type, v), true
}

// foldOvf computes an int_*_ovf op of constants whose guard passes (guard_no_overflow when it
// does not overflow, guard_overflow when it does), and returns its constant.
func (u *unroller) foldOvf(op *trace.Op, guard trace.Opcode) (trace.Ref, bool) {
	a, b := op.Args[0], op.Args[1]
	if !u.out.IsConst(a) || !u.out.IsConst(b) {
		return 0, false
	}
	r, overflow, ok := trace.EvalOvf(op.Opcode, u.out.ConstValue(a).Int(), u.out.ConstValue(b).Int())
	if !ok || overflow != (guard == trace.OpGuardOverflow) {
		return 0, false
	}
	return u.out.ConstInt(r), true
}

// constant returns the constant of type typ with the given bits.
func (u *unroller) constant(typ trace.Type, bits uint64) trace.Ref {
	if typ == trace.Float {
		return u.out.ConstFloat(math.Float64frombits(bits))
	}
	return u.out.ConstInt(int64(bits))
}

// factKey identifies a computation or a guard by opcode, descriptor and argument values (refs
// of the output), so that the same computation on the same values meets its earlier self.
// Operands of commutative ops are put in order.
type factKey struct {
	op    trace.Opcode
	aux   trace.Opcode // the overflow guard, for int_*_ovf facts
	descr trace.Descr
	args  string // the argument refs, 4 bytes each
}

func newFactKey(opc trace.Opcode, descr trace.Descr, args []trace.Ref) factKey {
	if len(args) == 2 && opc.Has(trace.FlagCommutative) && args[0] > args[1] {
		args = []trace.Ref{args[1], args[0]}
	}
	buf := make([]byte, 0, 4*len(args))
	for _, a := range args {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(a))
	}
	return factKey{op: opc, descr: descr, args: string(buf)}
}

// ovfKey is the fact key of an int_*_ovf op followed by the overflow guard g.
func ovfKey(op *trace.Op, g trace.Opcode) factKey {
	k := newFactKey(op.Opcode, nil, op.Args)
	k.aux = g
	return k
}

// refs returns the argument refs of a fact key.
func (k factKey) refs() []trace.Ref {
	var rs []trace.Ref
	for b := []byte(k.args); len(b) >= 4; b = b[4:] {
		rs = append(rs, trace.Ref(int32(binary.LittleEndian.Uint32(b))))
	}
	return rs
}

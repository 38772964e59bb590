package opt

import (
	"encoding/binary"
	"math"

	"github.com/metajit/metajit/trace"
)

// Constant folding, algebraic simplification and common-subexpression elimination, as
// LuaJIT's lj_opt_fold.c (constant folding with its kfold rules, algebraic simplification
// with a table of rules matched on the opcode and the shape of the operands, CSE of what is
// left) and PyPy's optimizeopt/rewrite.py and pure.py (OptRewrite, OptPure).
//
// The pass walks the trace once. For each pure op, with its arguments already rewritten:
//
//  1. constants move to the right of commutative ops, and comparisons with a constant on
//     the left are mirrored (int_lt(5, x) becomes int_gt(x, 5)), so rules have one shape;
//  2. an op whose arguments are all constants is computed with trace.Eval, the very code
//     backend/irexec runs, so that folding and executing can never disagree;
//  3. the rule table (foldrules.go) is tried: a rule may say the op's value is an existing
//     value or a constant (x+0 is x), or rewrite it into another op (x*8 is x<<3), which is
//     folded again;
//  4. what remains is looked up in the CSE table (same opcode, same arguments, same
//     descriptor; a > b is b < a; operands of commutative ops in either order): a hit
//     replaces the op by the earlier one. Pure calls (CallDescr.Pure) are CSE'd too, and
//     int_*_ovf ops followed by guard_no_overflow (the second computes the same value and
//     cannot overflow either), with their guard.
//
// Guards go through the table as well (guard_true(1) is removed, guard_true(int_is_zero(x))
// is guard_false(x)...), and leave facts behind, as PyPy's make_constant: after
// guard_value(x, c) passes, x is c, so every later use of x, in arguments and snapshots,
// reads the constant c instead; likewise x is 0 after guard_false(x), a comparison is 1 after
// guard_true of it, and p is null after guard_isnull(p). A second identical guard then
// reads a constant and the table removes it.
//
// Loads are not CSE'd here (a store may come between: that is the heap pass's work), nor
// anything with an effect. Everything is forgotten at the label (see rewrite.go).

func init() {
	register(Pass{Name: "fold", Run: Fold})
}

// Fold runs constant folding, algebraic simplification and CSE over t (see the file's
// comment) and returns the new trace; t is not modified.
func Fold(t *trace.Trace) (*trace.Trace, error) {
	f := newFolder(t)
	f.run()
	return f.w.finish(), nil
}

// folder is the state of one run of the fold pass.
type folder struct {
	w     *rewriter
	i     int // the old op being folded (rules ask the rewriter about it)
	cse   map[cseKey]trace.Ref
	fired map[string]int // rule name -> how many times it applied (for tests and curious readers)
}

// cseKey identifies a pure computation: opcode, descriptor and arguments (new refs).
type cseKey struct {
	op    trace.Opcode
	descr trace.Descr
	args  string // the arguments, 4 bytes each
}

func newFolder(t *trace.Trace) *folder {
	f := &folder{w: newRewriter(t), fired: map[string]int{}}
	f.reset()
	return f
}

// reset forgets every fact: at the start, and at the label.
func (f *folder) reset() {
	f.cse = map[cseKey]trace.Ref{}
	f.w.subst = map[trace.Ref]trace.Ref{}
}

func (f *folder) run() {
	in := f.w.in
	for i := 0; i < len(in.Ops); i++ {
		f.i = i
		op := &in.Ops[i]
		switch {
		case op.Opcode == trace.OpLabel:
			f.reset()
			f.w.copyOp(i)
		case op.Opcode.IsOvf():
			i = f.ovf(i)
		case op.Opcode.IsGuard():
			f.guard(i)
		case op.IsPure():
			f.pure(i)
		default:
			f.w.copyOp(i)
		}
	}
}

// result is what simplification makes of an op.
type result struct {
	kind resultKind
	ref  trace.Ref    // resValue: the op's value is this existing value or constant
	op   trace.Opcode // resOp: the op becomes op(args...)
	args []trace.Ref
}

type resultKind uint8

const (
	resOp     resultKind = iota // emit op(args...)
	resValue                    // the op is not emitted: its value is ref
	resRemove                   // a guard that always holds: removed
)

// pure folds a pure op (or CSEs a pure call).
func (f *folder) pure(i int) {
	w := f.w
	op := w.in.Ops[i]
	op.Args = w.args(op.Args)
	if op.Opcode.IsCall() {
		f.cseOrEmit(i, op)
		return
	}
	res := f.simplify(op.Opcode, op.Args)
	if res.kind == resValue {
		if w.canReplace(i, res.ref) {
			w.replace(i, res.ref)
			return
		}
		w.emitFor(i, op) // a label argument: it stays an op of its own
		return
	}
	op.Opcode, op.Args = res.op, res.args
	op.Type = res.op.Info().Result
	f.cseOrEmit(i, op)
}

// cseOrEmit replaces old op i by an earlier op that computes the same (op, with new
// arguments), or emits it and remembers it.
func (f *folder) cseOrEmit(i int, op trace.Op) {
	key := f.key(op.Opcode, op.Descr, op.Args)
	if r, ok := f.cse[key]; ok && f.w.canReplace(i, r) {
		f.fired["CSE"]++
		f.w.replace(i, r)
		return
	}
	r := f.w.emitFor(i, op)
	if _, ok := f.cse[key]; !ok {
		f.cse[key] = r
	}
}

// mirrored maps a comparison to the one that gives the same result with its operands
// swapped: a < b is b > a.
var mirrored = map[trace.Opcode]trace.Opcode{
	trace.OpIntLt: trace.OpIntGt, trace.OpIntGt: trace.OpIntLt,
	trace.OpIntLe: trace.OpIntGe, trace.OpIntGe: trace.OpIntLe,
	trace.OpFloatLt: trace.OpFloatGt, trace.OpFloatGt: trace.OpFloatLt,
	trace.OpFloatLe: trace.OpFloatGe, trace.OpFloatGe: trace.OpFloatLe,
}

// key returns the CSE key of a computation: commutative operands in a fixed order, and a > b
// written b < a, so that equal computations written differently meet.
func (f *folder) key(opc trace.Opcode, descr trace.Descr, args []trace.Ref) cseKey {
	if len(args) == 2 {
		a, b := args[0], args[1]
		switch {
		case opc.Has(trace.FlagCommutative) && a > b:
			a, b = b, a
		case opc == trace.OpIntGt || opc == trace.OpIntGe || opc == trace.OpFloatGt || opc == trace.OpFloatGe:
			opc, a, b = mirrored[opc], b, a
		}
		args = []trace.Ref{a, b}
	}
	buf := make([]byte, 0, 4*len(args))
	for _, a := range args {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(a))
	}
	return cseKey{op: opc, descr: descr, args: string(buf)}
}

// canonical moves constants to the right: of commutative ops, and of comparisons by
// mirroring them.
func (f *folder) canonical(opc trace.Opcode, args []trace.Ref) (trace.Opcode, []trace.Ref) {
	if len(args) != 2 || !f.isConst(args[0]) || f.isConst(args[1]) {
		return opc, args
	}
	if opc.Has(trace.FlagCommutative) {
		return opc, []trace.Ref{args[1], args[0]}
	}
	if m, ok := mirrored[opc]; ok {
		f.fired["cmp(c, x) => mirrored cmp(x, c)"]++
		return m, []trace.Ref{args[1], args[0]}
	}
	return opc, args
}

// simplify applies constant folding and the rule table to opc(args), until no rule applies.
func (f *folder) simplify(opc trace.Opcode, args []trace.Ref) result {
	for round := 0; round < 16; round++ {
		opc, args = f.canonical(opc, args)
		if r, ok := f.constFold(opc, args); ok {
			f.fired["kfold"]++
			return result{kind: resValue, ref: r}
		}
		applied := false
		for _, rl := range rulesFor[opc] {
			res, ok := rl.fn(f, args)
			if !ok {
				continue
			}
			f.fired[rl.name]++
			if res.kind != resOp {
				return res
			}
			opc, args, applied = res.op, res.args, true
			break
		}
		if !applied {
			break
		}
	}
	return result{kind: resOp, op: opc, args: args}
}

// constFold computes a pure op whose arguments are all constants.
func (f *folder) constFold(opc trace.Opcode, args []trace.Ref) (trace.Ref, bool) {
	if !opc.Has(trace.FlagPure) || len(args) == 0 {
		return 0, false
	}
	for _, a := range args {
		if !f.isConst(a) {
			return 0, false
		}
	}
	out := f.w.out
	switch opc {
	case trace.OpPtrEq, trace.OpPtrNe:
		eq := out.ConstValue(args[0]).Ptr == out.ConstValue(args[1]).Ptr
		return out.ConstInt(b2i(eq == (opc == trace.OpPtrEq))), true
	}
	a := out.ConstValue(args[0]).Bits
	var b uint64
	if len(args) > 1 {
		b = out.ConstValue(args[1]).Bits
	}
	v, ok := trace.Eval(opc, a, b)
	if !ok || computesNaN(opc, v) {
		return 0, false
	}
	return f.constOfType(opc.Info().Result, v), true
}

// computesNaN reports whether v, what Eval gave for opc, is a NaN that float arithmetic
// computed. The IR leaves such a NaN's payload to the machine (see trace.Eval), so folding it
// into a constant could change what a later guard_value or a snapshot sees: such ops are
// left to run.
func computesNaN(opc trace.Opcode, v uint64) bool {
	switch opc {
	case trace.OpFloatAdd, trace.OpFloatSub, trace.OpFloatMul, trace.OpFloatTrueDiv, trace.OpFloatSqrt:
		return math.IsNaN(math.Float64frombits(v))
	}
	return false
}

// constOfType returns the constant of type typ (Int or Float) with the given bits.
func (f *folder) constOfType(typ trace.Type, bits uint64) trace.Ref {
	if typ == trace.Float {
		return f.w.out.ConstFloat(math.Float64frombits(bits))
	}
	return f.w.out.ConstInt(int64(bits))
}

// ovf folds an int_*_ovf op at old index i with the guard that follows it, and returns the
// index of that guard (which it has dealt with too).
func (f *folder) ovf(i int) int {
	w := f.w
	op := w.in.Ops[i]
	if i+1 >= len(w.in.Ops) { // not a valid trace; leave it
		w.copyOp(i)
		return i
	}
	g := w.in.Ops[i+1]
	noOvf := g.Opcode == trace.OpGuardNoOverflow
	opc, args := f.canonical(op.Opcode, w.args(op.Args))
	if f.isConst(args[0]) && f.isConst(args[1]) {
		x, y := w.out.ConstValue(args[0]).Int(), w.out.ConstValue(args[1]).Int()
		if v, overflow, ok := trace.EvalOvf(opc, x, y); ok && overflow != noOvf {
			// The guard passes: the op is the constant and the guard goes.
			if c := w.out.ConstInt(v); w.canReplace(i, c) {
				f.fired["kfold"]++
				w.replace(i, c)
				return i + 1
			}
		}
	}
	key := f.key(opc, nil, args)
	if noOvf {
		// The rules for ovf ops give values that never overflow.
		for _, rl := range rulesFor[opc] {
			if res, ok := rl.fn(f, args); ok && res.kind == resValue && w.canReplace(i, res.ref) {
				f.fired[rl.name]++
				w.replace(i, res.ref)
				return i + 1
			}
		}
		if r, ok := f.cse[key]; ok && w.canReplace(i, r) {
			f.fired["CSE"]++
			w.replace(i, r)
			return i + 1
		}
	}
	op.Opcode, op.Args = opc, args
	r := w.emitFor(i, op)
	w.copyOp(i + 1)
	if _, ok := f.cse[key]; noOvf && !ok {
		f.cse[key] = r
	}
	return i + 1
}

// guard simplifies a guard, and learns what holds after it.
func (f *folder) guard(i int) {
	w := f.w
	op := w.in.Ops[i]
	res := f.simplify(op.Opcode, w.args(op.Args))
	if res.kind != resOp {
		return // always holds
	}
	op.Opcode, op.Args = res.op, res.args
	w.emitFor(i, op)
	f.learn(op)
}

// learn records the constants a guard that passed makes known (PyPy's make_constant).
func (f *folder) learn(g trace.Op) {
	out := f.w.out
	if len(g.Args) == 0 || !g.Args[0].IsOp() {
		return
	}
	x := g.Args[0]
	switch g.Opcode {
	case trace.OpGuardValue:
		f.w.subst[x] = g.Args[1]
	case trace.OpGuardFalse:
		f.w.subst[x] = out.ConstInt(0)
	case trace.OpGuardTrue:
		if f.isBool(x) {
			f.w.subst[x] = out.ConstInt(1)
		}
	case trace.OpGuardIsnull:
		f.w.subst[x] = out.ConstPtr(nil)
	}
}

// Helpers for the rules.

func (f *folder) isConst(r trace.Ref) bool { return f.w.out.IsConst(r) }

// k returns the value of an int constant.
func (f *folder) k(r trace.Ref) (int64, bool) {
	if !f.isConst(r) {
		return 0, false
	}
	c := f.w.out.ConstValue(r)
	return c.Int(), c.Type == trace.Int
}

// isK reports whether r is the int constant v.
func (f *folder) isK(r trace.Ref, v int64) bool {
	c, ok := f.k(r)
	return ok && c == v
}

// fk returns the value of a float constant.
func (f *folder) fk(r trace.Ref) (float64, bool) {
	if !f.isConst(r) {
		return 0, false
	}
	c := f.w.out.ConstValue(r)
	return c.Float(), c.Type == trace.Float
}

// isFK reports whether r is the float constant v, bit for bit (so 0.0 is not -0.0).
func (f *folder) isFK(r trace.Ref, v float64) bool {
	c, ok := f.fk(r)
	return ok && math.Float64bits(c) == math.Float64bits(v)
}

// def returns the op that computes r when it is an opc op the rules may look into, or nil.
func (f *folder) def(r trace.Ref, opc trace.Opcode) *trace.Op {
	op := f.w.defOf(f.i, r)
	if op == nil || op.Opcode != opc {
		return nil
	}
	return op
}

// anyDef returns the op that computes r, if the rules may look into it, or nil.
func (f *folder) anyDef(r trace.Ref) *trace.Op { return f.w.defOf(f.i, r) }

// isBool reports whether r is always 0 or 1: a comparison or test, or the constant 0 or 1.
// (From the loop body, a preamble op is not looked at: if it is a label argument, the jump
// rebinds it to values that need not be 0 or 1.)
func (f *folder) isBool(r trace.Ref) bool {
	if c, ok := f.k(r); ok {
		return c == 0 || c == 1
	}
	d := f.anyDef(r)
	return d != nil && isBoolOp(d.Opcode)
}

// kint returns the int constant v.
func (f *folder) kint(v int64) trace.Ref { return f.w.out.ConstInt(v) }

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

package opt

import (
	"math"

	"github.com/metajit/metajit/trace"
)

// Guard optimization with integer bounds, as PyPy's optimizeopt/intbounds.py (OptIntBounds)
// and the guard strengthening of optimizeopt/rewrite.py, and LuaJIT's fold-time elimination
// of redundant guards (lj_opt_fold.c's comparisons of known values, and lj_opt_loop.c's
// removal of guards implied by the loop's).
//
// The pass walks the trace once, and knows at each op:
//
//   - a bound for every int value (intbounds.go), narrowed by the guards that passed;
//   - the relations between values that guards established (a < b after
//     guard_true(int_lt(a, b)); a >= b after guard_false of it; x != 0 after guard_true(x));
//   - which pointers are null or not, and the constants float and pointer values were
//     guarded equal to.
//
// With that it removes:
//
//   - guards that are implied by what is known: guard_true(x) a second time;
//     guard_value(x, c) when x is c; guard_true(int_lt(a, 10)) after guard_true(int_lt(a, 5));
//     the bounds check guard_true(uint_lt(i, n)) after the loop condition
//     guard_true(int_lt(i, n)) when i >= 0 is known; guard_nonnull(p) twice...
//   - comparisons whose outcome is known, which become the constant 0 or 1 (and the guards
//     on them go with them);
//   - overflow checks that cannot fail: int_add_ovf, int_sub_ovf, int_mul_ovf whose operands'
//     bounds keep the result in range become int_add, int_sub, int_mul, and their
//     guard_no_overflow goes; and int ops whose bound is a single value become that constant.
//
// A guard that is not implied stays where it is, with its own snapshot: the pass never moves
// or strengthens a guard, so the trace leaves at the same guard as before on every input
// (a removed guard never fails: an earlier guard, with its own snapshot, would fail first).
// Everything is forgotten at the label (see rewrite.go).

func init() {
	register(Pass{Name: "guards", Run: Guards})
}

// Guards removes the guards, comparisons and overflow checks that integer bounds and earlier
// guards prove (see the file's comment), and returns the new trace; t is not modified.
func Guards(t *trace.Trace) (*trace.Trace, error) {
	g := &guardOpt{w: newRewriter(t)}
	g.reset()
	g.run()
	return g.w.finish(), nil
}

// relKind is the kind of a relation between two int values.
type relKind uint8

const (
	relLT  relKind = iota // a < b (signed)
	relLE                 // a <= b
	relEQ                 // a == b
	relNE                 // a != b
	relULT                // a < b, unsigned
	relULE                // a <= b, unsigned
)

// relation is a fact, or a question, about two int values (new refs or constants).
type relation struct {
	kind relKind
	a, b trace.Ref
}

// negate returns the relation that holds exactly when r does not.
func (r relation) negate() relation {
	switch r.kind {
	case relLT:
		return relation{relLE, r.b, r.a}
	case relLE:
		return relation{relLT, r.b, r.a}
	case relEQ:
		return relation{relNE, r.a, r.b}
	case relNE:
		return relation{relEQ, r.a, r.b}
	case relULT:
		return relation{relULE, r.b, r.a}
	}
	return relation{relULT, r.b, r.a}
}

// samePair reports whether r and f relate the same two values, in either order.
func (r relation) samePair(f relation) bool {
	return r.a == f.a && r.b == f.b || r.a == f.b && r.b == f.a
}

// guardOpt is the state of one run of the guards pass.
type guardOpt struct {
	w       *rewriter
	i       int
	bounds  map[trace.Ref]IntBound
	facts   []relation
	nonnull map[trace.Ref]bool
	isnull  map[trace.Ref]bool
	value   map[trace.Ref]trace.Ref // float and pointer values known from guard_value
}

// reset forgets everything: at the start, and at the label.
func (g *guardOpt) reset() {
	g.bounds = map[trace.Ref]IntBound{}
	g.facts = nil
	g.nonnull = map[trace.Ref]bool{}
	g.isnull = map[trace.Ref]bool{}
	g.value = map[trace.Ref]trace.Ref{}
}

func (g *guardOpt) run() {
	in := g.w.in
	for i := 0; i < len(in.Ops); i++ {
		g.i = i
		op := &in.Ops[i]
		switch {
		case op.Opcode == trace.OpLabel:
			g.reset()
			g.w.copyOp(i)
		case op.Opcode.IsOvf():
			i = g.ovf(i)
		case op.Opcode.IsGuard():
			g.guard(i)
		case op.Opcode.Has(trace.FlagPure) && op.Type == trace.Int:
			g.intOp(i)
		default:
			r := g.w.copyOp(i)
			g.loadBound(r)
		}
	}
}

// bound returns what is known of an int value's range.
func (g *guardOpt) bound(r trace.Ref) IntBound {
	out := g.w.out
	if out.IsConst(r) {
		if c := out.ConstValue(r); c.Type == trace.Int {
			return Exactly(c.Int())
		}
		return Unbounded
	}
	if b, ok := g.bounds[r]; ok {
		return b
	}
	return Unbounded
}

// narrow intersects the bound of an int op with b (constants and non-int values are left).
func (g *guardOpt) narrow(r trace.Ref, b IntBound) {
	if !r.IsOp() || g.w.out.TypeOf(r) != trace.Int {
		return
	}
	if nb, ok := g.bound(r).Intersect(b); ok {
		g.bounds[r] = nb
		g.narrowBack(r, nb, 2)
	}
}

// narrowBack carries a bound of r back to the operand of the int_add or int_sub with a
// constant that computed it (PyPy's propagate_bounds_backward): if r = x + c is in [lo, hi]
// and no value of that range minus c wraps around, x is in [lo-c, hi-c]. This is how
// guard_true(uint_lt(int_add(x, 2**53), 2**54+1)), the interpreter's check that an int
// converts to a float exactly, bounds x itself.
func (g *guardOpt) narrowBack(r trace.Ref, b IntBound, depth int) {
	d := g.w.defOf(g.i, r)
	if depth == 0 || d == nil || len(d.Args) != 2 {
		return
	}
	x, c := d.Args[0], d.Args[1]
	if d.Opcode == trace.OpIntAdd && g.w.out.IsConst(x) {
		x, c = c, x
	}
	var cv int64
	switch k, ok := g.bound(c).Const(); {
	case !ok || !x.IsOp():
		return
	case d.Opcode == trace.OpIntAdd:
		cv = k
	case d.Opcode == trace.OpIntSub && k != math.MinInt64:
		cv = -k
	default:
		return
	}
	// x = r - cv, exactly when no end of the bound wraps.
	lo, o1 := trace.SubOvf(b.Lo, cv)
	hi, o2 := trace.SubOvf(b.Hi, cv)
	if o1 || o2 {
		return
	}
	if nb, ok := g.bound(x).Intersect(IntBound{lo, hi}); ok {
		g.bounds[x] = nb
		g.narrowBack(x, nb, depth-1)
	}
}

// loadBound gives a loaded int its field's range.
func (g *guardOpt) loadBound(r trace.Ref) {
	op := &g.w.out.Ops[r]
	switch d := op.Descr.(type) {
	case *trace.FieldDescr:
		if op.Opcode == trace.OpGetfieldI {
			g.narrow(r, boundOfLoad(d.Size, d.Signed))
		}
	case *trace.ArrayDescr:
		if op.Opcode == trace.OpGetarrayitemI && d.ItemSize < 256 {
			g.narrow(r, boundOfLoad(uint8(d.ItemSize), d.Signed))
		}
	}
}

// relOf returns the relation an int comparison or test computes.
func (g *guardOpt) relOf(opc trace.Opcode, args []trace.Ref) (relation, bool) {
	switch opc {
	case trace.OpIntLt:
		return relation{relLT, args[0], args[1]}, true
	case trace.OpIntLe:
		return relation{relLE, args[0], args[1]}, true
	case trace.OpIntGt:
		return relation{relLT, args[1], args[0]}, true
	case trace.OpIntGe:
		return relation{relLE, args[1], args[0]}, true
	case trace.OpIntEq:
		return relation{relEQ, args[0], args[1]}, true
	case trace.OpIntNe:
		return relation{relNE, args[0], args[1]}, true
	case trace.OpUintLt:
		return relation{relULT, args[0], args[1]}, true
	case trace.OpUintGe:
		return relation{relULE, args[1], args[0]}, true
	case trace.OpIntIsTrue:
		return relation{relNE, args[0], g.w.out.ConstInt(0)}, true
	case trace.OpIntIsZero:
		return relation{relEQ, args[0], g.w.out.ConstInt(0)}, true
	}
	return relation{}, false
}

// decide returns the outcome of a relation, when what is known decides it.
func (g *guardOpt) decide(r relation) (value, known bool) {
	if g.implies(r) {
		return true, true
	}
	if g.implies(r.negate()) {
		return false, true
	}
	return false, false
}

// unsignedRange returns the bound of a value seen as unsigned, when its bound lies on one
// side of zero (within which signed and unsigned order agree).
func unsignedRange(b IntBound) (lo, hi uint64, ok bool) {
	if b.Lo >= 0 || b.Hi < 0 {
		return uint64(b.Lo), uint64(b.Hi), true
	}
	return 0, 0, false
}

// le and lt: p <= q and p < q, known from bounds (or, for le, because p is q).
func (g *guardOpt) le(p, q trace.Ref) bool { return p == q || g.bound(p).Hi <= g.bound(q).Lo }
func (g *guardOpt) lt(p, q trace.Ref) bool { return g.bound(p).Hi < g.bound(q).Lo }

// leU and ltU: the same, unsigned.
func (g *guardOpt) leU(p, q trace.Ref) bool {
	if p == q {
		return true
	}
	_, ph, ok1 := unsignedRange(g.bound(p))
	ql, _, ok2 := unsignedRange(g.bound(q))
	return ok1 && ok2 && ph <= ql
}

func (g *guardOpt) ltU(p, q trace.Ref) bool {
	_, ph, ok1 := unsignedRange(g.bound(p))
	ql, _, ok2 := unsignedRange(g.bound(q))
	return ok1 && ok2 && ph < ql
}

// implies reports whether the relation is known to hold: from the bounds of its values, or
// from a fact (directly, or with the bounds bridging the gap: a < 5 implies a < 10).
func (g *guardOpt) implies(r relation) bool {
	A, B := g.bound(r.a), g.bound(r.b)
	switch r.kind {
	case relLT:
		if A.Hi < B.Lo {
			return true
		}
	case relLE:
		if g.le(r.a, r.b) {
			return true
		}
	case relEQ:
		x, ok1 := A.Const()
		y, ok2 := B.Const()
		if r.a == r.b || ok1 && ok2 && x == y {
			return true
		}
	case relNE:
		if A.Hi < B.Lo || B.Hi < A.Lo {
			return true
		}
	case relULT:
		// A bounds check: 0 <= a < b, known signed, is a < b unsigned.
		if g.ltU(r.a, r.b) || A.NonNegative() && g.implies(relation{relLT, r.a, r.b}) {
			return true
		}
		if A.NonNegative() && B.Hi < 0 { // b is above 2**63 unsigned
			return true
		}
	case relULE:
		if g.leU(r.a, r.b) || A.NonNegative() && g.implies(relation{relLE, r.a, r.b}) {
			return true
		}
		if A.NonNegative() && B.Hi < 0 {
			return true
		}
	}
	for _, f := range g.facts {
		if g.factImplies(f, r) {
			return true
		}
	}
	return false
}

// factImplies reports whether fact f implies relation r, with bounds bridging the values.
func (g *guardOpt) factImplies(f, r relation) bool {
	switch r.kind {
	case relLT:
		switch f.kind {
		case relLT: // a <= x < y <= b
			return g.le(r.a, f.a) && g.le(f.b, r.b)
		case relLE: // a < x <= y <= b, or a <= x <= y < b
			return g.lt(r.a, f.a) && g.le(f.b, r.b) || g.le(r.a, f.a) && g.lt(f.b, r.b)
		}
	case relLE:
		switch f.kind {
		case relLT, relLE:
			return g.le(r.a, f.a) && g.le(f.b, r.b)
		case relEQ:
			return r.samePair(f)
		}
	case relEQ:
		return f.kind == relEQ && r.samePair(f)
	case relNE:
		switch f.kind {
		case relNE, relULT:
			return r.samePair(f)
		case relLT:
			return g.le(r.a, f.a) && g.le(f.b, r.b) || g.le(r.b, f.a) && g.le(f.b, r.a)
		}
	case relULT:
		switch f.kind {
		case relULT:
			return g.leU(r.a, f.a) && g.leU(f.b, r.b)
		case relULE:
			return g.ltU(r.a, f.a) && g.leU(f.b, r.b) || g.leU(r.a, f.a) && g.ltU(f.b, r.b)
		}
	case relULE:
		switch f.kind {
		case relULT, relULE:
			return g.leU(r.a, f.a) && g.leU(f.b, r.b)
		case relEQ:
			return r.samePair(f)
		}
	}
	return false
}

// learn records that relation r holds from now on, and narrows the bounds it constrains.
func (g *guardOpt) learn(r relation) {
	g.facts = append(g.facts, r)
	A, B := g.bound(r.a), g.bound(r.b)
	switch r.kind {
	case relLT:
		if B.Hi > math.MinInt64 {
			g.narrow(r.a, IntBound{math.MinInt64, B.Hi - 1})
		}
		if A.Lo < math.MaxInt64 {
			g.narrow(r.b, IntBound{A.Lo + 1, math.MaxInt64})
		}
	case relLE:
		g.narrow(r.a, IntBound{math.MinInt64, B.Hi})
		g.narrow(r.b, IntBound{A.Lo, math.MaxInt64})
	case relEQ:
		g.narrow(r.a, B)
		g.narrow(r.b, A)
	case relNE:
		if c, ok := B.Const(); ok {
			g.exclude(r.a, c)
		}
		if c, ok := A.Const(); ok {
			g.exclude(r.b, c)
		}
	case relULT: // a < b unsigned, with 0 <= b, puts a in [0, b)
		if B.NonNegative() && B.Hi > 0 {
			g.narrow(r.a, IntBound{0, B.Hi - 1})
		}
	case relULE:
		if B.NonNegative() {
			g.narrow(r.a, IntBound{0, B.Hi})
		}
	}
}

// exclude narrows the bound of r when c is one of its ends.
func (g *guardOpt) exclude(r trace.Ref, c int64) {
	b := g.bound(r)
	switch {
	case b.Lo == b.Hi:
	case b.Lo == c:
		g.narrow(r, IntBound{c + 1, b.Hi})
	case b.Hi == c:
		g.narrow(r, IntBound{b.Lo, c - 1})
	}
}

// intOp handles a pure op with an int result: a comparison whose outcome is known, or an op
// whose bound is one value, becomes a constant; otherwise the op gets its bound.
func (g *guardOpt) intOp(i int) {
	w := g.w
	op := w.in.Ops[i]
	op.Args = w.args(op.Args)
	if rel, ok := g.relOf(op.Opcode, op.Args); ok {
		if v, known := g.decide(rel); known && g.replaceByConst(i, b2i(v)) {
			return
		}
	}
	if v, known := g.decidePtr(op.Opcode, op.Args); known && g.replaceByConst(i, b2i(v)) {
		return
	}
	a, b := Unbounded, Unbounded
	if len(op.Args) > 0 && w.out.TypeOf(op.Args[0]) == trace.Int {
		a = g.bound(op.Args[0])
	}
	if len(op.Args) > 1 && w.out.TypeOf(op.Args[1]) == trace.Int {
		b = g.bound(op.Args[1])
	}
	bound := boundOfOp(op.Opcode, a, b)
	if v, ok := bound.Const(); ok && g.replaceByConst(i, v) {
		return
	}
	r := w.emitFor(i, op)
	if bound != Unbounded {
		g.bounds[r] = bound
	}
}

// replaceByConst replaces old op i by the int constant v, if it may be replaced.
func (g *guardOpt) replaceByConst(i int, v int64) bool {
	c := g.w.out.ConstInt(v)
	if !g.w.canReplace(i, c) {
		return false
	}
	g.w.replace(i, c)
	return true
}

// decidePtr decides ptr_eq/ptr_ne of a pointer with null when the pointer is known to be null
// or not.
func (g *guardOpt) decidePtr(opc trace.Opcode, args []trace.Ref) (value, known bool) {
	if opc != trace.OpPtrEq && opc != trace.OpPtrNe {
		return false, false
	}
	p, q := args[0], args[1]
	if g.isNullConst(p) {
		p, q = q, p
	}
	if !g.isNullConst(q) {
		return false, false
	}
	eq := opc == trace.OpPtrEq
	switch {
	case g.knownNonnull(p):
		return !eq, true
	case g.knownNull(p):
		return eq, true
	}
	return false, false
}

func (g *guardOpt) isNullConst(r trace.Ref) bool {
	out := g.w.out
	return out.IsConst(r) && out.ConstValue(r).Type == trace.Ptr && out.ConstValue(r).Ptr == nil
}

func (g *guardOpt) knownNonnull(p trace.Ref) bool {
	out := g.w.out
	if out.IsConst(p) {
		return out.ConstValue(p).Ptr != nil
	}
	return g.nonnull[p]
}

func (g *guardOpt) knownNull(p trace.Ref) bool {
	if g.w.out.IsConst(p) {
		return g.isNullConst(p)
	}
	return g.isnull[p]
}

// ovf handles an int_*_ovf op at old index i and the guard after it; it returns the index of
// the guard.
func (g *guardOpt) ovf(i int) int {
	w := g.w
	op := w.in.Ops[i]
	if i+1 >= len(w.in.Ops) {
		w.copyOp(i)
		return i
	}
	next := w.in.Ops[i+1].Opcode
	op.Args = w.args(op.Args)
	bound, never, always := ovfBound(op.Opcode, g.bound(op.Args[0]), g.bound(op.Args[1]))
	if never && next == trace.OpGuardNoOverflow || always && next == trace.OpGuardOverflow {
		// The guard always passes: the plain op computes the same (wrapped) result.
		if !never {
			bound = Unbounded
		}
		if v, ok := bound.Const(); ok && g.replaceByConst(i, v) {
			return i + 1
		}
		op.Opcode = plainOf[op.Opcode]
		r := w.emitFor(i, op)
		if bound != Unbounded {
			g.bounds[r] = bound
		}
		return i + 1
	}
	r := w.emitFor(i, op)
	w.copyOp(i + 1)
	if next == trace.OpGuardNoOverflow && bound != Unbounded {
		g.bounds[r] = bound // the true result, once the guard has passed
	}
	return i + 1
}

// guard removes a guard that is implied, or emits it and learns from it.
func (g *guardOpt) guard(i int) {
	w := g.w
	op := w.in.Ops[i]
	op.Args = w.args(op.Args)
	if g.implied(op) {
		return
	}
	w.emitFor(i, op)
	switch op.Opcode {
	case trace.OpGuardTrue, trace.OpGuardFalse:
		x := op.Args[0]
		truth := op.Opcode == trace.OpGuardTrue
		if rel, ok := g.condition(x); ok {
			if !truth {
				rel = rel.negate()
			}
			g.learn(rel)
		}
		g.learnPtrCmp(x, truth)
		if truth {
			g.learn(relation{relNE, x, w.out.ConstInt(0)})
		} else {
			g.learn(relation{relEQ, x, w.out.ConstInt(0)})
		}
	case trace.OpGuardValue:
		x, c := op.Args[0], op.Args[1]
		switch w.out.TypeOf(x) {
		case trace.Int:
			g.narrow(x, Exactly(w.out.ConstValue(c).Int()))
		case trace.Ptr:
			if w.out.ConstValue(c).Ptr != nil {
				g.nonnull[x] = true
			} else {
				g.isnull[x] = true
			}
			g.value[x] = c
		default:
			g.value[x] = c
		}
	case trace.OpGuardNonnull:
		g.nonnull[op.Args[0]] = true
	case trace.OpGuardIsnull:
		g.isnull[op.Args[0]] = true
	}
}

// condition returns the relation that the int comparison computing x tests, when the pass
// may look at how x was computed.
func (g *guardOpt) condition(x trace.Ref) (relation, bool) {
	d := g.w.defOf(g.i, x)
	if d == nil {
		return relation{}, false
	}
	return g.relOf(d.Opcode, d.Args)
}

// learnPtrCmp learns nullness from a guard on ptr_eq(p, null) or ptr_ne(p, null).
func (g *guardOpt) learnPtrCmp(x trace.Ref, truth bool) {
	d := g.w.defOf(g.i, x)
	if d == nil || d.Opcode != trace.OpPtrEq && d.Opcode != trace.OpPtrNe {
		return
	}
	p, q := d.Args[0], d.Args[1]
	if g.isNullConst(p) {
		p, q = q, p
	}
	if !g.isNullConst(q) || !p.IsOp() {
		return
	}
	if (d.Opcode == trace.OpPtrEq) == truth {
		g.isnull[p] = true
	} else {
		g.nonnull[p] = true
	}
}

// implied reports whether a guard (with new arguments) is known to pass.
func (g *guardOpt) implied(op trace.Op) bool {
	out := g.w.out
	switch op.Opcode {
	case trace.OpGuardTrue, trace.OpGuardFalse:
		x := op.Args[0]
		want := op.Opcode == trace.OpGuardTrue
		if v, known := g.decide(relation{relNE, x, out.ConstInt(0)}); known {
			return v == want
		}
		if rel, ok := g.condition(x); ok {
			if v, known := g.decide(rel); known {
				return v == want
			}
		}
		if d := g.w.defOf(g.i, x); d != nil {
			if v, known := g.decidePtr(d.Opcode, d.Args); known {
				return v == want
			}
		}
	case trace.OpGuardValue:
		x, c := op.Args[0], op.Args[1]
		if out.IsConst(x) {
			return out.ConstValue(x) == out.ConstValue(c)
		}
		if out.TypeOf(x) == trace.Int {
			v, ok := g.bound(x).Const()
			return ok && v == out.ConstValue(c).Int()
		}
		if k, ok := g.value[x]; ok {
			return out.ConstValue(k) == out.ConstValue(c)
		}
		if out.TypeOf(x) == trace.Ptr && out.ConstValue(c).Ptr == nil {
			return g.knownNull(x)
		}
	case trace.OpGuardNonnull:
		return g.knownNonnull(op.Args[0])
	case trace.OpGuardIsnull:
		return g.knownNull(op.Args[0])
	}
	return false
}

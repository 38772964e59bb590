package opt

import (
	"github.com/metajit/metajit/trace"
)

// The heap pass: load/store optimization in linear code, as PyPy's optimizeopt/heap.py
// (OptHeap) and LuaJIT's lj_opt_mem.c (alias analysis, load forwarding, dead-store
// elimination).
//
// A trace reads the interpreter's objects again and again: an inlined call reloads the
// fields its caller has just read, a bridge's copy of its loop's preamble reloads the frame
// slots the bridge has just stored and re-checks their kinds... The pass keeps a cache of
// what memory is known to hold, in values of the output trace, and walks the trace once:
//
//   - a load (getfield, getarrayitem) of something the cache knows is not emitted: its value
//     is the cached one. A load that misses is emitted, and what it read goes into the cache;
//   - a store puts its value into the cache, after removing every entry the store may
//     overwrite (see the memory model below). A store of the value the cache says the memory
//     already holds does nothing and is removed;
//   - after guard_value(x, c) passes, x is c, so every entry holding x now holds c: a later
//     load of the same field gives the constant c, and a second guard_value on it (a
//     slot's kind checked again) always passes and is removed;
//   - record_known_field(p, v, descr=d), a hint from the interpreter, puts v in the cache for
//     p.d like a load would, and goes;
//   - a residual call may read and write anything: the cache is emptied, unless the call's
//     CallDescr is Pure (PyPy's EffectInfo says the same: elidable calls keep the caches),
//     even when it can fail (PyPy's EF_ELIDABLE_CAN_RAISE).
//
// Stores are delayed and combined, as PyPy's lazy setfields: a store is held back (pending)
// instead of emitted, so that a later store to the same field of the same object, with
// nothing in between that could see memory, replaces it; the first store was dead. Pending
// stores are emitted (flushed) before anything that might look at the memory they write:
//
//   - a load that may read it (a load the cache answers from the pending store itself need
//     not wait: it gets the stored value);
//   - a store that may write the same memory through another object (their order matters);
//   - a residual call that is not pure (it may read memory);
//   - every guard, and every call that can fail. This is where our design differs from
//     PyPy's, which delays stores past guards by describing them in the resume data: here a
//     snapshot says which slots hold trace values and assumes that memory holds everything
//     else (see trace.Snapshot), so when a guard fails the interpreter resumes with memory as
//     it is. A store delayed past a guard would be lost on that exit. (Adding the pending
//     value to the snapshot would need to know which interpreter slot the field is, which
//     only the interpreter knows; so the pass keeps it simple and never delays a store past
//     a guard.) int_*_ovf counts as a guard, since its guard must follow it at once;
//   - the label, the jump and finish: the end of a stretch of linear code.
//
// # The memory model
//
// Which accesses may touch the same memory (may alias) decides what a store must remove from
// the cache and which pending stores a load must wait for. The rules are those of PyPy's
// heap.py, made safe for descriptors that share memory (an interpreter may read one Go field
// as an int with one descriptor and as a float with another, as metajit's interpreter does
// with a Value's bits):
//
//   - fields and array items never alias each other: the objects a trace reads with field
//     descriptors are not arrays it reads with array descriptors, and the objects it reads
//     through fields are whole objects, not pointers into the middle of one another;
//   - two field descriptors may alias when they are the same descriptor, or when both are
//     ints or floats and their bytes overlap. Pointer fields alias only themselves: compiled
//     code never stores pointers (setfield of a pointer is invalid), so only Go code, in a
//     residual call, can change a pointer field, and it would never write an int over one;
//   - two array descriptors may alias when they are the same, or when both are ints or floats
//     and their bytes may overlap in some item (different item sizes always may);
//   - two object refs may be the same object unless they are known to be distinct: constants
//     that are different pointers, or an object made by `new` in this trace and a constant
//     or an object that existed before it (or another `new`);
//   - two items of one array descriptor of the same object ref are distinct when their
//     indexes are different constants.

func init() {
	register(Pass{Name: "heap", Run: Heap})
}

// Heap removes redundant loads and dead stores (see the file's comment) and returns the new
// trace; t is not modified.
func Heap(t *trace.Trace) (*trace.Trace, error) {
	h := &heapOpt{w: newRewriter(t)}
	h.cache = newHeapCache(h.w.out)
	h.run()
	return h.w.finish(), nil
}

// heapOpt is the state of one run of the heap pass.
type heapOpt struct {
	w       *rewriter
	cache   *heapCache
	pending []pendingStore // delayed stores, pairwise non-aliasing, in program order
}

// pendingStore is a store held back: old op i, with its arguments already mapped.
type pendingStore struct {
	i  int
	op trace.Op
}

func (h *heapOpt) run() {
	in := h.w.in
	for i := 0; i < len(in.Ops); i++ {
		op := &in.Ops[i]
		switch {
		case op.Opcode == trace.OpLabel:
			h.flush()
			h.cache.clear() // facts do not cross the label (see rewrite.go)
			r := h.w.copyOp(i)
			h.cache.enterLoop(h.w.out.Ops[r].Args)
		case op.Opcode.IsFinal():
			h.flush()
			h.w.copyOp(i)
		case isLoad(op.Opcode):
			h.load(i)
		case op.Opcode == trace.OpSetfield || op.Opcode == trace.OpSetarrayitem:
			h.store(i)
		case op.Opcode == trace.OpRecordKnownField:
			h.known(i)
		case op.Opcode.IsOvf():
			h.flush() // nothing may come between the op and its overflow guard
			h.w.copyOp(i)
		case op.HasSnapshot(): // guards, and calls that can fail
			h.guard(i)
		case writesMemory(op):
			h.flush()
			h.w.copyOp(i)
			h.cache.clear()
		default: // pure ops and pure calls, new, inputs, debug_merge_point
			h.w.copyOp(i)
		}
	}
}

// load forwards a cached value to a load, or emits it and caches what it reads.
func (h *heapOpt) load(i int) {
	w := h.w
	op := w.in.Ops[i]
	op.Args = w.args(op.Args)
	a := accessOf(&op)
	if v, ok := h.cache.lookup(a); ok && w.canReplace(i, v) {
		w.replace(i, v)
		return
	}
	h.flushAliasing(a)
	r := w.emitFor(i, op)
	h.cache.loaded(a, r)
}

// known takes in a record_known_field hint, as if the field had been loaded, and drops it:
// it has said all it had to say. (A hint about memory a pending store may write is dropped
// unheard: the store comes after it.)
func (h *heapOpt) known(i int) {
	op := h.w.in.Ops[i]
	op.Args = h.w.args(op.Args)
	a := accessOf(&op)
	for _, p := range h.pending {
		if h.cache.mayAlias(accessOf(&p.op), a) {
			return
		}
	}
	h.cache.loaded(a, op.Args[1])
}

// store delays a store, combining it with a pending store to the same place, or removes it
// when memory already holds the value.
func (h *heapOpt) store(i int) {
	w := h.w
	op := w.in.Ops[i]
	op.Args = w.args(op.Args)
	a := accessOf(&op)
	v := op.Args[len(op.Args)-1]
	if old, ok := h.cache.lookup(a); ok && sameValue(w.out, old, v) {
		return // the memory already holds v
	}
	// A pending store to exactly this place is dead: nothing has looked at memory since (it
	// would have flushed the store). Pending stores that may alias this one through another
	// object must happen first, in their order.
	kept := h.pending[:0]
	var flush []pendingStore
	for _, p := range h.pending {
		pa := accessOf(&p.op)
		switch {
		case pa.same(a):
			// dropped: overwritten before anyone could read it
		case h.cache.mayAlias(pa, a):
			flush = append(flush, p)
		default:
			kept = append(kept, p)
		}
	}
	h.pending = kept
	for _, p := range flush {
		w.emitFor(p.i, p.op)
	}
	h.cache.stored(a, v)
	h.pending = append(h.pending, pendingStore{i: i, op: op})
}

// guard emits a guard (or a call that can fail) after the pending stores, unless it always
// passes, and learns from guard_value.
func (h *heapOpt) guard(i int) {
	w := h.w
	op := w.in.Ops[i]
	op.Args = w.args(op.Args)
	if op.Opcode.IsGuard() && guardAlwaysPasses(w.out, &op) {
		return
	}
	h.flush()
	w.emitFor(i, op)
	switch {
	case op.Opcode == trace.OpGuardValue:
		h.cache.learnValue(op.Args[0], op.Args[1])
	case writesMemory(&op):
		h.cache.clear()
	}
}

// flush emits every pending store, in program order.
func (h *heapOpt) flush() {
	for _, p := range h.pending {
		h.w.emitFor(p.i, p.op)
	}
	h.pending = h.pending[:0]
}

// flushAliasing emits the pending stores that may write what the load a reads.
func (h *heapOpt) flushAliasing(a access) {
	kept := h.pending[:0]
	for _, p := range h.pending {
		if h.cache.mayAlias(accessOf(&p.op), a) {
			h.w.emitFor(p.i, p.op)
		} else {
			kept = append(kept, p)
		}
	}
	h.pending = kept
}

// writesMemory reports whether an op is a residual call that may write memory: one whose
// CallDescr does not say Pure. A pure call that can fail (CanFail) writes nothing either: it
// is a guard (it needs its snapshot, so stores are not delayed past it), but not a store.
func writesMemory(op *trace.Op) bool {
	if !op.Opcode.IsCall() {
		return false
	}
	d, ok := op.Descr.(*trace.CallDescr)
	return !ok || !d.Pure
}

// isLoad reports whether an opcode reads a field or an array item.
func isLoad(o trace.Opcode) bool {
	switch o {
	case trace.OpGetfieldI, trace.OpGetfieldF, trace.OpGetfieldR,
		trace.OpGetarrayitemI, trace.OpGetarrayitemF, trace.OpGetarrayitemR:
		return true
	}
	return false
}

// access is one place in memory as a load or store names it: a field of an object
// (field != nil) or an item of an array (item != nil, with index). Its refs are values of
// the output trace.
type access struct {
	obj   trace.Ref
	index trace.Ref // items only; NoRef for fields
	field *trace.FieldDescr
	item  *trace.ArrayDescr
}

// accessOf returns the place a load or store (with mapped arguments) accesses.
func accessOf(op *trace.Op) access {
	switch op.Opcode {
	case trace.OpGetfieldI, trace.OpGetfieldF, trace.OpGetfieldR, trace.OpSetfield, trace.OpRecordKnownField:
		return access{obj: op.Args[0], index: trace.NoRef, field: op.Descr.(*trace.FieldDescr)}
	}
	return access{obj: op.Args[0], index: op.Args[1], item: op.Descr.(*trace.ArrayDescr)}
}

// same reports whether two accesses name the same place with the same descriptor (by refs:
// the same object ref and index ref).
func (a access) same(b access) bool { return a == b }

// fieldsMayOverlap reports whether two field descriptors may name the same memory of one
// object (see the memory model in the file's comment).
func fieldsMayOverlap(a, b *trace.FieldDescr) bool {
	if a == b {
		return true
	}
	if a.Type == trace.Ptr || b.Type == trace.Ptr {
		return false
	}
	return a.Offset < b.Offset+uintptr(b.Size) && b.Offset < a.Offset+uintptr(a.Size)
}

// arraysMayOverlap reports whether two array descriptors may name the same memory of one
// array (see the memory model in the file's comment).
func arraysMayOverlap(a, b *trace.ArrayDescr) bool {
	if a == b {
		return true
	}
	if a.Type == trace.Ptr || b.Type == trace.Ptr {
		return false
	}
	if a.ItemSize != b.ItemSize {
		return true
	}
	// Same stride: item k of one and item j of the other overlap only when k == j and their
	// fields overlap within the item.
	as, bs := uintptr(a.AccessSize()), uintptr(b.AccessSize())
	return a.BaseOffset < b.BaseOffset+bs && b.BaseOffset < a.BaseOffset+as
}

// heapCache is what is known of memory at one point of linear code (PyPy's CachedField and
// ArrayCachedItem): the value each known place holds, as a value of the output trace t.
// The heap pass uses it, and so does unroll, to forward loads of the loop body to what the
// preamble loaded.
type heapCache struct {
	t      *trace.Trace
	places map[access]trace.Ref
	// rebound holds the label's arguments once the code is past the label: each names the
	// value of the current iteration, which is not the object their op made when the op is
	// a new (an object made by new before the label and carried around the loop is, at the
	// second iteration, whatever the jump passed).
	rebound map[trace.Ref]bool
}

func newHeapCache(t *trace.Trace) *heapCache {
	return &heapCache{t: t, places: map[access]trace.Ref{}, rebound: map[trace.Ref]bool{}}
}

// enterLoop records that the code is past the label, whose arguments are args (refs of t).
func (c *heapCache) enterLoop(args []trace.Ref) {
	for _, a := range args {
		c.rebound[a] = true
	}
}

// lookup returns the value memory holds at a, if known.
func (c *heapCache) lookup(a access) (trace.Ref, bool) {
	v, ok := c.places[a]
	return v, ok
}

// loaded records that a load of a gave v. Loads change nothing else.
func (c *heapCache) loaded(a access, v trace.Ref) { c.places[a] = v }

// stored records a store of v at a: every place the store may overwrite is forgotten, and a
// then holds v, as a load would read it back (see readBack).
func (c *heapCache) stored(a access, v trace.Ref) {
	for b := range c.places {
		if b != a && c.mayAlias(a, b) {
			delete(c.places, b)
		}
	}
	if r, ok := c.readBack(a, v); ok {
		c.places[a] = r
	} else {
		delete(c.places, a)
	}
}

// readBack returns what a load of a gives after a store of v there. A field or item of fewer
// than 8 bytes keeps only the low bytes of v, and the load extends them again (with the sign
// or with zeros), so a load gives v back only for 8-byte places; for smaller ones, the pass
// knows the value only when v is a constant, and computes it.
func (c *heapCache) readBack(a access, v trace.Ref) (trace.Ref, bool) {
	size, signed := uint8(8), false
	if a.field != nil {
		size, signed = a.field.Size, a.field.Signed
	} else {
		size, signed = a.item.AccessSize(), a.item.Signed
	}
	if size >= 8 {
		return v, true
	}
	if !c.t.IsConst(v) {
		return trace.NoRef, false
	}
	bits := c.t.ConstValue(v).Bits
	shift := 64 - 8*uint(size)
	if signed {
		bits = uint64(int64(bits<<shift) >> shift)
	} else {
		bits = bits << shift >> shift
	}
	return c.t.ConstInt(int64(bits)), true
}

// clear forgets everything: after a residual call that is not pure, and at the label.
func (c *heapCache) clear() { clear(c.places) }

// learnValue records that x is the constant k (after guard_value(x, k) passes): every place
// known to hold x holds k.
func (c *heapCache) learnValue(x, k trace.Ref) {
	if !x.IsOp() {
		return
	}
	for a, v := range c.places {
		if v == x {
			c.places[a] = k
		}
	}
}

// keep forgets every place for which keep returns false.
func (c *heapCache) keep(keep func(a access, v trace.Ref) bool) {
	for a, v := range c.places {
		if !keep(a, v) {
			delete(c.places, a)
		}
	}
}

// mayAlias reports whether accesses a and b may touch the same memory.
func (c *heapCache) mayAlias(a, b access) bool {
	switch {
	case a.field != nil && b.field != nil:
		return fieldsMayOverlap(a.field, b.field) && !c.distinct(a.obj, b.obj)
	case a.item != nil && b.item != nil:
		if !arraysMayOverlap(a.item, b.item) || c.distinct(a.obj, b.obj) {
			return false
		}
		if a.item == b.item && a.obj == b.obj && c.distinctInts(a.index, b.index) {
			return false
		}
		return true
	}
	return false // a field and an array item
}

// distinct reports whether two object refs are known to be different objects.
func (c *heapCache) distinct(a, b trace.Ref) bool {
	if a == b {
		return false
	}
	t := c.t
	if t.IsConst(a) && t.IsConst(b) {
		return t.ConstValue(a).Ptr != t.ConstValue(b).Ptr
	}
	return c.freshBefore(a, b) || c.freshBefore(b, a)
}

// freshBefore reports whether a is an object made by new and b is a constant or a value
// defined before it, which cannot be that new object.
func (c *heapCache) freshBefore(a, b trace.Ref) bool {
	isNew := func(r trace.Ref) bool {
		return r.IsOp() && int(r) < len(c.t.Ops) && c.t.Ops[r].Opcode == trace.OpNew && !c.rebound[r]
	}
	if !isNew(a) {
		return false
	}
	// b existed before a was made (a label argument too: its value is from an earlier
	// iteration, or the preamble), or b is another new object.
	return c.t.IsConst(b) || (b.IsOp() && b < a) || isNew(b)
}

// distinctInts reports whether two int refs are known to differ: different constants.
func (c *heapCache) distinctInts(a, b trace.Ref) bool {
	return c.t.IsConst(a) && c.t.IsConst(b) && c.t.ConstValue(a).Bits != c.t.ConstValue(b).Bits
}

// sameValue reports whether two refs of t are known to be the same value: the same ref, or
// equal constants.
func sameValue(t *trace.Trace, a, b trace.Ref) bool {
	if a == b {
		return true
	}
	return t.IsConst(a) && t.IsConst(b) && t.ConstValue(a) == t.ConstValue(b)
}

// guardAlwaysPasses reports whether a guard (with arguments of t) checks constants that pass
// it: guard_value(c, c), guard_true(1), guard_nonnull(ConstPtr(obj))... Such guards appear
// when a pass learns that a value is a constant, and are removed.
func guardAlwaysPasses(t *trace.Trace, op *trace.Op) bool {
	if len(op.Args) == 0 || !t.IsConst(op.Args[0]) {
		return false
	}
	c := t.ConstValue(op.Args[0])
	switch op.Opcode {
	case trace.OpGuardTrue:
		return c.Bits != 0
	case trace.OpGuardFalse:
		return c.Bits == 0
	case trace.OpGuardNonnull:
		return c.Ptr != nil
	case trace.OpGuardIsnull:
		return c.Ptr == nil
	case trace.OpGuardValue:
		return sameValue(t, op.Args[0], op.Args[1])
	}
	return false
}

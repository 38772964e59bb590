package opt

import (
	"github.com/metajit/metajit/trace"
)

// Allocation removal (escape analysis), as PyPy's optimizeopt/virtualize.py.
//
// An object that a trace allocates with `new` and that never escapes (it is only written with
// setfield, read with getfield, and named by snapshots) does not need to exist: its fields can
// live in the trace's values instead. The pass removes such an allocation and its stores,
// replaces each load from it by the value last stored in that field, and changes every snapshot
// that names the object into a description of it (trace.SnapVirtual: which allocation, which
// value in which field), so that if a guard fails the interpreter allocates the object then
// (a "virtual" in PyPy's words), with the field values it has at that guard.
//
// An object escapes when anything else uses it: passed to a call, stored into another object,
// compared, carried around the loop by jump, returned by finish. Then it is allocated as
// recorded, with all its stores.

func init() {
	register(Pass{Name: "virtualize", Run: Virtualize})
}

// Virtualize removes the allocations of objects that do not escape.
func Virtualize(t *trace.Trace) (*trace.Trace, error) {
	virtual := nonEscaping(t)
	if len(virtual) == 0 {
		return t, nil
	}
	v := &virtualizer{in: t, virtual: virtual, fields: map[trace.Ref]*virtualObject{}}
	return v.run(), nil
}

// nonEscaping returns the `new` ops whose results do not escape.
//
// In a loop, an object allocated before the label and used after it would be state carried
// from one iteration to the next, which this pass does not track: it escapes. So does an
// object whose loaded field is a label argument (the label needs an op there, not a constant
// or a forwarded value).
func nonEscaping(t *trace.Trace) map[trace.Ref]bool {
	virtual := map[trace.Ref]bool{}
	for i, op := range t.Ops {
		if op.Opcode == trace.OpNew {
			virtual[trace.Ref(i)] = true
		}
	}
	label := t.Label()
	loadedFrom := map[trace.Ref]trace.Ref{} // getfield result -> its object
	for i, op := range t.Ops {
		if isGetfield(op.Opcode) && virtual[op.Args[0]] {
			loadedFrom[trace.Ref(i)] = op.Args[0]
		}
		if op.Opcode == trace.OpLabel {
			for _, a := range op.Args {
				if obj, ok := loadedFrom[a]; ok {
					delete(virtual, obj)
				}
			}
		}
		if label >= 0 && i > label && op.Snap >= 0 {
			// A snapshot in the loop body naming an object from before the label: the
			// object lives across iterations.
			t.Snaps[op.Snap].Refs(func(r trace.Ref) {
				if r.IsOp() && int(r) < label {
					delete(virtual, r)
				}
			})
		}
		for k, a := range op.Args {
			if !virtual[a] {
				continue
			}
			if label >= 0 && int(a) < label && i > label {
				delete(virtual, a) // carried across the loop's back-edge
				continue
			}
			switch op.Opcode {
			case trace.OpSetfield, trace.OpGetfieldI, trace.OpGetfieldF, trace.OpGetfieldR:
				if k == 0 {
					continue // the object operand of a field access
				}
			}
			delete(virtual, a) // any other use lets the object escape
		}
	}
	return virtual
}

// virtualObject is what the pass knows of a removed object: the value in each field so far.
type virtualObject struct {
	alloc  *trace.AllocDescr
	fields []trace.VirtualField // in order of first store
}

func (o *virtualObject) set(d *trace.FieldDescr, r trace.Ref) {
	for i := range o.fields {
		if o.fields[i].Descr == d {
			o.fields[i].Ref = r
			return
		}
	}
	o.fields = append(o.fields, trace.VirtualField{Descr: d, Ref: r})
}

func (o *virtualObject) get(d *trace.FieldDescr) (trace.Ref, bool) {
	for _, f := range o.fields {
		if f.Descr == d {
			return f.Ref, true
		}
	}
	return 0, false
}

type virtualizer struct {
	in      *trace.Trace
	out     *trace.Trace
	virtual map[trace.Ref]bool
	fields  map[trace.Ref]*virtualObject // by the old ref of the removed new
	remap   []trace.Ref                  // old op index -> new ref
	placed  []bool                       // out.Snaps[k] holds the rewritten snapshot k
}

// placeSnapshot stores the rewritten snapshot k at its own index, or, if another guard
// sharing it already put a different version there, at a new index.
func (v *virtualizer) placeSnapshot(k int32, s trace.Snapshot) int32 {
	if !v.placed[k] {
		v.placed[k] = true
		v.out.Snaps[k] = s
		return k
	}
	if snapshotsEqual(v.out.Snaps[k], s) {
		return k
	}
	v.out.Snaps = append(v.out.Snaps, s)
	return int32(len(v.out.Snaps) - 1)
}

func snapshotsEqual(a, b trace.Snapshot) bool {
	if len(a.Frames) != len(b.Frames) || len(a.Virtuals) != len(b.Virtuals) {
		return false
	}
	for i := range a.Frames {
		fa, fb := a.Frames[i], b.Frames[i]
		if fa.Code != fb.Code || fa.PC != fb.PC || fa.Inlined != fb.Inlined || len(fa.Slots) != len(fb.Slots) {
			return false
		}
		for j := range fa.Slots {
			if fa.Slots[j] != fb.Slots[j] {
				return false
			}
		}
	}
	for i := range a.Virtuals {
		va, vb := a.Virtuals[i], b.Virtuals[i]
		if va.Alloc != vb.Alloc || va.Tag != vb.Tag || len(va.Fields) != len(vb.Fields) {
			return false
		}
		for j := range va.Fields {
			if va.Fields[j] != vb.Fields[j] {
				return false
			}
		}
	}
	return true
}

func (v *virtualizer) run() *trace.Trace {
	in := v.in
	out := &trace.Trace{Name: in.Name, Consts: append([]trace.Const(nil), in.Consts...)}
	// Snapshots keep their indexes (rewrite.go's convention); a snapshot shared by guards
	// that see different virtual states is copied for the later ones.
	out.Snaps = make([]trace.Snapshot, len(in.Snaps))
	v.placed = make([]bool, len(in.Snaps))
	v.out = out
	v.remap = make([]trace.Ref, len(in.Ops))
	for i, op := range in.Ops {
		old := trace.Ref(i)
		switch {
		case op.Opcode == trace.OpNew && v.virtual[old]:
			v.fields[old] = &virtualObject{alloc: op.Descr.(*trace.AllocDescr)}
			v.remap[i] = trace.NoRef
			continue
		case op.Opcode == trace.OpSetfield && v.virtual[op.Args[0]]:
			d := op.Descr.(*trace.FieldDescr)
			v.fields[op.Args[0]].set(d, v.narrow(v.ref(op.Args[1]), d))
			continue
		case isGetfield(op.Opcode) && v.virtual[op.Args[0]]:
			d := op.Descr.(*trace.FieldDescr)
			r, ok := v.fields[op.Args[0]].get(d)
			if !ok {
				r = v.zero(op.Type) // never stored: still as New made it
			}
			v.remap[i] = r
			continue
		}
		nop := op
		nop.Args = make([]trace.Ref, len(op.Args))
		for k, a := range op.Args {
			nop.Args[k] = v.ref(a)
		}
		if op.Snap >= 0 {
			nop.Snap = v.placeSnapshot(op.Snap, v.snapshot(in.Snaps[op.Snap]))
		}
		out.Ops = append(out.Ops, nop)
		v.remap[i] = trace.Ref(len(out.Ops) - 1)
		if text, ok := in.Debug[i]; ok {
			out.SetDebug(v.remap[i], text)
		}
	}
	return out
}

// narrow returns the value a load of field d gives after a store of r: an int field of fewer
// than 8 bytes keeps only its low bytes, zero- or sign-extended when loaded. The removed
// store would have done that; the forwarded value must do it too.
func (v *virtualizer) narrow(r trace.Ref, d *trace.FieldDescr) trace.Ref {
	if d.Type != trace.Int || d.Size >= 8 {
		return r
	}
	bits := int64(8 * d.Size)
	if v.out.IsConst(r) {
		x := v.out.ConstValue(r).Int()
		if d.Signed {
			return v.out.ConstInt(x << (64 - bits) >> (64 - bits))
		}
		return v.out.ConstInt(x & (1<<bits - 1))
	}
	emit := func(op trace.Opcode, args ...trace.Ref) trace.Ref {
		v.out.Ops = append(v.out.Ops, trace.Op{Opcode: op, Type: trace.Int, Args: args, Snap: -1})
		return trace.Ref(len(v.out.Ops) - 1)
	}
	if d.Signed {
		shift := v.out.ConstInt(64 - bits)
		return emit(trace.OpIntRshift, emit(trace.OpIntLshift, r, shift), shift)
	}
	return emit(trace.OpIntAnd, r, v.out.ConstInt(1<<bits-1))
}

func isGetfield(op trace.Opcode) bool {
	return op == trace.OpGetfieldI || op == trace.OpGetfieldF || op == trace.OpGetfieldR
}

// ref maps a ref of the input trace to the output trace.
func (v *virtualizer) ref(r trace.Ref) trace.Ref {
	if r.IsOp() {
		return v.remap[r]
	}
	return r
}

func (v *virtualizer) zero(typ trace.Type) trace.Ref {
	switch typ {
	case trace.Float:
		return v.out.ConstFloat(0)
	case trace.Ptr:
		return v.out.ConstPtr(nil)
	}
	return v.out.ConstInt(0)
}

// snapshot rewrites a snapshot for the output trace: refs are mapped, and removed objects are
// described as virtuals with the field values they have at this point.
func (v *virtualizer) snapshot(s trace.Snapshot) trace.Snapshot {
	c := s.Clone()
	index := map[trace.Ref]int{} // removed object -> its index in c.Virtuals
	mapRef := func(r trace.Ref, tag uint32) trace.Ref {
		if !r.IsOp() || !v.virtual[r] {
			return v.ref(r)
		}
		k, ok := index[r]
		if !ok {
			obj := v.fields[r]
			k = len(c.Virtuals)
			index[r] = k
			c.Virtuals = append(c.Virtuals, trace.SnapVirtual{
				Alloc: obj.alloc, Fields: append([]trace.VirtualField(nil), obj.fields...), Tag: tag})
		}
		return trace.VirtualRef(k)
	}
	for fi := range c.Frames {
		for si := range c.Frames[fi].Slots {
			slot := &c.Frames[fi].Slots[si]
			if !slot.Ref.IsVirtual() {
				slot.Ref = mapRef(slot.Ref, slot.Tag)
			}
		}
	}
	// Fields of the virtuals the input snapshot already had are mapped too.
	for vi := 0; vi < len(s.Virtuals); vi++ {
		for fi := range c.Virtuals[vi].Fields {
			f := &c.Virtuals[vi].Fields[fi]
			if !f.Ref.IsVirtual() {
				f.Ref = v.ref(f.Ref)
			}
		}
	}
	return c
}

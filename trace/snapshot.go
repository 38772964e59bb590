package trace

// Snapshot is the state of the guest interpreter at a guard, in terms of trace values: enough
// to resume the interpreter exactly where the guard sits when it fails. It follows LuaJIT's
// snapshots (lj_snap.c: a list of modified slots per frame, resolved against the trace's
// values on exit) and PyPy's resume data (rpython/jit/metainterp/resume.py: frames of inlined
// calls, and virtual objects described field by field instead of allocated).
//
// Frames go from the outermost to the innermost; the innermost is where execution resumes.
type Snapshot struct {
	Frames   []SnapFrame
	Virtuals []SnapVirtual
}

// SnapFrame is one interpreter frame of a snapshot.
type SnapFrame struct {
	// Code is an opaque id the interpreter assigned to the guest code object.
	Code int32
	// PC is the guest pc to resume at.
	PC int32
	// Slots are the frame's slots (locals, stack entries: numbering is the interpreter's)
	// that hold trace values. For a frame that exists in the interpreter (not Inlined), only
	// the slots whose value differs from what the interpreter's frame memory holds are listed,
	// as LuaJIT's snapshots list only modified slots.
	Slots []SnapSlot
	// Inlined is set for a frame that exists only in the trace: the frame of a guest call
	// that the trace inlined. Its Slots describe it completely; the interpreter creates it on
	// exit. Printed as a * after the pc.
	Inlined bool
}

// SnapSlot says that slot Index of a frame holds the value Ref: an op result, a constant or,
// inside snapshots only, a virtual object (VirtualRef). Tag is opaque to the JIT: it tells the
// interpreter how to box the value (e.g. the interpreter's kind "int", "float", "list").
//
// Clean says the interpreter's frame memory holds that value already (the trace loaded it and
// did not change it): resuming need not write it, but a bridge that starts at the guard may
// take it as an input, in a register, rather than load it again (PyPy's resume data names
// every live value, LuaJIT's snapshots only modified slots: this is both). Printed "==".
type SnapSlot struct {
	Index int32
	Ref   Ref
	Tag   uint32
	Clean bool
}

// SnapVirtual is an object that the optimizer removed from the trace (it never escaped), and
// that the snapshot describes instead of materializing, as PyPy's virtuals: if the guard
// fails, the interpreter allocates it with Alloc and fills its fields from the trace values.
// Snapshot slots, and fields of other virtuals, name it with VirtualRef(k), k its index in
// Snapshot.Virtuals. Tag, like a slot's, is opaque and tells the interpreter how to box it.
type SnapVirtual struct {
	Alloc  *AllocDescr
	Fields []VirtualField
	Tag    uint32
}

// VirtualField is one field of a virtual object: the value Ref (which may itself be a virtual)
// at Descr. Tag is opaque to the JIT, as a slot's.
type VirtualField struct {
	Descr *FieldDescr
	Ref   Ref
	Tag   uint32
}

// Clone returns a deep copy of the snapshot.
func (s Snapshot) Clone() Snapshot {
	c := Snapshot{}
	if s.Frames != nil {
		c.Frames = make([]SnapFrame, len(s.Frames))
		for i, f := range s.Frames {
			f.Slots = append([]SnapSlot(nil), f.Slots...)
			c.Frames[i] = f
		}
	}
	if s.Virtuals != nil {
		c.Virtuals = make([]SnapVirtual, len(s.Virtuals))
		for i, v := range s.Virtuals {
			v.Fields = append([]VirtualField(nil), v.Fields...)
			c.Virtuals[i] = v
		}
	}
	return c
}

// Refs calls fn with every Ref the snapshot names that is not a virtual: the values a backend
// must keep alive at the guard and save when the guard fails (the roots of dead-code
// elimination). Refs reached through virtual fields are included.
func (s *Snapshot) Refs(fn func(Ref)) {
	for _, f := range s.Frames {
		for _, sl := range f.Slots {
			if !sl.Ref.IsVirtual() {
				fn(sl.Ref)
			}
		}
	}
	for _, v := range s.Virtuals {
		for _, fl := range v.Fields {
			if !fl.Ref.IsVirtual() {
				fn(fl.Ref)
			}
		}
	}
}

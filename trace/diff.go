package trace

import (
	"fmt"
	"maps"
)

// Diff compares two traces structurally and returns "" when they are the same, or a
// description of the first difference. It is the equality that the text format round-trips
// (Parse(Print(t)) equals t): ops compare by opcode, type, arguments, descriptor, snapshot and
// immediate, where op arguments compare by index, constants by value (so the order of
// Trace.Consts does not matter), snapshots by content (not by index, so shared and unshared
// snapshots compare equal), descriptors by identity except DebugDescrs, which compare by text.
// Optimizer tests use it to compare a pass's output with the expected trace.
func Diff(a, b *Trace) string {
	if a.Name != b.Name {
		return fmt.Sprintf("names differ: %q and %q", a.Name, b.Name)
	}
	if len(a.Ops) != len(b.Ops) {
		return fmt.Sprintf("%d ops and %d ops", len(a.Ops), len(b.Ops))
	}
	for i := range a.Ops {
		x, y := &a.Ops[i], &b.Ops[i]
		if d := diffOp(a, b, x, y); d != "" {
			return fmt.Sprintf("op %d: %s\n\t%s\n\t%s", i, d, a.FormatOp(i, nil), b.FormatOp(i, nil))
		}
	}
	if !maps.Equal(a.Debug, b.Debug) && (len(a.Debug) != 0 || len(b.Debug) != 0) {
		return fmt.Sprintf("Debug texts differ: %v and %v", a.Debug, b.Debug)
	}
	return ""
}

func diffOp(a, b *Trace, x, y *Op) string {
	switch {
	case x.Opcode != y.Opcode:
		return "opcodes differ"
	case x.Type != y.Type:
		return "types differ"
	case x.Imm != y.Imm:
		return "immediates differ"
	case len(x.Args) != len(y.Args):
		return "argument counts differ"
	case !sameDescr(x.Descr, y.Descr):
		return "descrs differ"
	case (x.Snap < 0) != (y.Snap < 0):
		return "one has a snapshot, the other not"
	}
	for k := range x.Args {
		if !sameRef(a, b, x.Args[k], y.Args[k]) {
			return fmt.Sprintf("argument %d differs", k+1)
		}
	}
	if x.Snap >= 0 {
		if int(x.Snap) >= len(a.Snaps) || int(y.Snap) >= len(b.Snaps) {
			return "snapshot index out of range"
		}
		if d := diffSnapshot(a, b, &a.Snaps[x.Snap], &b.Snaps[y.Snap]); d != "" {
			return "snapshots differ: " + d
		}
	}
	return ""
}

func sameDescr(x, y Descr) bool {
	if dx, ok := x.(*DebugDescr); ok {
		dy, ok := y.(*DebugDescr)
		return ok && dx.Text == dy.Text
	}
	return x == y
}

// sameRef compares a value of trace a with a value of trace b.
func sameRef(a, b *Trace, x, y Ref) bool {
	if a.IsConst(x) && b.IsConst(y) {
		return a.ConstValue(x) == b.ConstValue(y)
	}
	if a.IsConst(x) || b.IsConst(y) {
		return false
	}
	return x == y // ops by index, virtuals by index, anything else as is
}

func diffSnapshot(a, b *Trace, x, y *Snapshot) string {
	if len(x.Frames) != len(y.Frames) || len(x.Virtuals) != len(y.Virtuals) {
		return "different numbers of frames or virtuals"
	}
	for i := range x.Frames {
		fx, fy := &x.Frames[i], &y.Frames[i]
		if fx.Code != fy.Code || fx.PC != fy.PC || fx.Inlined != fy.Inlined || len(fx.Slots) != len(fy.Slots) {
			return fmt.Sprintf("frame %d", i)
		}
		for k := range fx.Slots {
			sx, sy := fx.Slots[k], fy.Slots[k]
			if sx.Index != sy.Index || sx.Tag != sy.Tag || !sameRef(a, b, sx.Ref, sy.Ref) {
				return fmt.Sprintf("frame %d, slot %d", i, k)
			}
		}
	}
	for i := range x.Virtuals {
		vx, vy := &x.Virtuals[i], &y.Virtuals[i]
		if vx.Alloc != vy.Alloc || vx.Tag != vy.Tag || len(vx.Fields) != len(vy.Fields) {
			return fmt.Sprintf("virtual v%d", i)
		}
		for k := range vx.Fields {
			fx, fy := vx.Fields[k], vy.Fields[k]
			if fx.Descr != fy.Descr || fx.Tag != fy.Tag || !sameRef(a, b, fx.Ref, fy.Ref) {
				return fmt.Sprintf("virtual v%d, field %d", i, k)
			}
		}
	}
	return ""
}

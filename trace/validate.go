package trace

import (
	"fmt"
	"unsafe"
)

// ValidationError says which op of a trace breaks which rule. Op is -1 for errors about the
// trace as a whole (its constants, its end).
type ValidationError struct {
	Op   int
	Text string // the op in the text format
	Msg  string
}

// Error returns the message with the op's index and text.
func (e *ValidationError) Error() string {
	if e.Op < 0 {
		return "invalid trace: " + e.Msg
	}
	return fmt.Sprintf("invalid trace: op %d (%s): %s", e.Op, e.Text, e.Msg)
}

// ptrSize is the size of a Go pointer, the only size a Ptr field or item can have.
const ptrSize = uint8(unsafe.Sizeof(uintptr(0)))

// Validate checks that a trace is well formed, so that optimizer passes and backends can rely
// on it (as PyPy's TreeLoop.check_consistency and LuaJIT's assertions in lj_ir/lj_snap do):
//
//   - inputs come first, numbered by their position (Imm), with a value type;
//   - SSA: every argument is an earlier op with a result, or a constant of the trace;
//   - every op has the argument count and types, result type and descriptor its opcode's row
//     of the op table asks for (for calls, the ones its CallDescr gives); guard_value compares
//     with a constant of the same type; setfield/setarrayitem never store a pointer;
//   - every guard, and every call whose descriptor CanFail, has a snapshot, other ops none; a
//     snapshot has at least one frame, and names only values defined before its op, constants
//     and its own virtuals;
//   - each int_*_ovf is followed at once by guard_no_overflow or guard_overflow, and these
//     guards follow an int_*_ovf;
//   - at most one label, whose arguments are distinct earlier ops; a jump's arguments match
//     the label's types (or, without a label, the inputs');
//   - the trace ends with jump or finish, and has no other jump or finish;
//   - descriptor names can be printed and parsed back; Debug names existing ops.
//
// It returns the first *ValidationError found, or nil.
func Validate(t *Trace) error {
	v := validator{t: t}
	return v.run()
}

type validator struct {
	t     *Trace
	op    int // the op being checked
	label int // index of the label, -1 if none (yet)
}

func (v *validator) fail(format string, args ...any) error {
	e := &ValidationError{Op: v.op, Msg: fmt.Sprintf(format, args...)}
	if v.op >= 0 && v.op < len(v.t.Ops) {
		e.Text = v.t.FormatOp(v.op, nil)
	}
	return e
}

func (v *validator) run() error {
	t := v.t
	v.op, v.label = -1, -1
	if len(t.Consts) > MaxConsts {
		return v.fail("%d constants: at most %d", len(t.Consts), MaxConsts)
	}
	for k, c := range t.Consts {
		switch {
		case c.Type != Int && c.Type != Float && c.Type != Ptr:
			return v.fail("constant %d has type %v", k, c.Type)
		case c.Type == Ptr && c.Bits != 0:
			return v.fail("pointer constant %d has non-zero Bits", k)
		case c.Type != Ptr && c.Ptr != nil:
			return v.fail("%v constant %d has a pointer", c.Type, k)
		}
	}
	if len(t.Ops) == 0 {
		return v.fail("empty trace: a trace ends with jump or finish")
	}
	inputs := 0
	for i := range t.Ops {
		v.op = i
		if err := v.checkOp(i, &inputs); err != nil {
			return err
		}
	}
	v.op = len(t.Ops) - 1
	if !t.Ops[v.op].Opcode.IsFinal() {
		return v.fail("the trace must end with jump or finish")
	}
	v.op = -1
	for k := range t.Debug {
		if k < 0 || k >= len(t.Ops) {
			return v.fail("Debug text for op %d, which does not exist", k)
		}
	}
	return nil
}

func (v *validator) checkOp(i int, inputs *int) error {
	t := v.t
	op := &t.Ops[i]
	if op.Opcode == OpInvalid || op.Opcode >= numOpcodes {
		return v.fail("unknown opcode %d", op.Opcode)
	}
	info := op.Opcode.Info()

	// Structure: inputs first, one label, jump/finish last.
	switch op.Opcode {
	case OpInput:
		if *inputs != i {
			return v.fail("input after other ops: inputs come first")
		}
		if op.Imm != int64(i) {
			return v.fail("input %d has position imm=%d", i, op.Imm)
		}
		if op.Type != Int && op.Type != Float && op.Type != Ptr {
			return v.fail("input of type %v", op.Type)
		}
		*inputs = i + 1
	case OpLabel:
		if v.label >= 0 {
			return v.fail("a second label (the first is op %d)", v.label)
		}
		v.label = i
	case OpJump, OpFinish:
		if i != len(t.Ops)-1 {
			return v.fail("%s before the end of the trace", op.Opcode)
		}
	}

	// Result type.
	if info.Result != Any && op.Type != info.Result {
		return v.fail("result type %v, %s gives %v", op.Type, op.Opcode, info.Result)
	}

	// Arguments: defined earlier, with the types the table gives.
	if info.Flags&FlagVariadic == 0 && len(op.Args) != len(info.Args) {
		return v.fail("%d arguments, %s takes %d", len(op.Args), op.Opcode, len(info.Args))
	}
	for k, a := range op.Args {
		if err := v.checkArg(k, a); err != nil {
			return err
		}
		if info.Flags&FlagVariadic == 0 {
			want, got := info.Args[k], t.TypeOf(a)
			if want != Any && got != want {
				return v.fail("argument %d is %v, %s wants %v", k+1, got, op.Opcode, want)
			}
		}
	}

	// The descriptor.
	if err := v.checkDescr(op, info); err != nil {
		return err
	}

	// Opcode-specific rules.
	switch op.Opcode {
	case OpGuardValue:
		if !t.IsConst(op.Args[1]) {
			return v.fail("guard_value compares with a constant: argument 2 is not one")
		}
		if t.TypeOf(op.Args[0]) != t.TypeOf(op.Args[1]) {
			return v.fail("guard_value compares a %v with a %v constant", t.TypeOf(op.Args[0]), t.TypeOf(op.Args[1]))
		}
	case OpLabel:
		seen := make(map[Ref]bool, len(op.Args))
		for k, a := range op.Args {
			if a < 0 {
				return v.fail("label argument %d is a constant: label arguments are values", k+1)
			}
			if seen[a] {
				return v.fail("label argument %d repeats %s", k+1, t.FormatRef(a))
			}
			seen[a] = true
		}
	case OpJump:
		target, what := t.Inputs(), "the inputs"
		if v.label >= 0 {
			target, what = t.Ops[v.label].Args, "the label"
		}
		if len(op.Args) != len(target) {
			return v.fail("jump has %d arguments, %s %d", len(op.Args), what, len(target))
		}
		for k, a := range op.Args {
			if got, want := t.TypeOf(a), t.TypeOf(target[k]); got != want {
				return v.fail("jump argument %d is %v, %s's is %v", k+1, got, what, want)
			}
		}
	}

	// Overflow checks come in pairs: int_*_ovf, then guard_(no_)overflow at once.
	if op.Opcode.IsOvf() {
		if i+1 >= len(t.Ops) || (t.Ops[i+1].Opcode != OpGuardNoOverflow && t.Ops[i+1].Opcode != OpGuardOverflow) {
			return v.fail("%s must be followed by guard_no_overflow or guard_overflow", op.Opcode)
		}
	}
	if op.Opcode == OpGuardNoOverflow || op.Opcode == OpGuardOverflow {
		if i == 0 || !t.Ops[i-1].Opcode.IsOvf() {
			return v.fail("%s must follow an int_*_ovf op", op.Opcode)
		}
	}

	// Snapshots.
	if op.HasSnapshot() {
		if op.Snap < 0 || int(op.Snap) >= len(t.Snaps) {
			return v.fail("needs a snapshot: Snap %d is not one of the %d snapshots", op.Snap, len(t.Snaps))
		}
		if err := v.checkSnapshot(&t.Snaps[op.Snap], i); err != nil {
			return err
		}
	} else if op.Snap != -1 {
		return v.fail("has snapshot %d but is neither a guard nor a call that can fail (Snap must be -1)", op.Snap)
	}
	return nil
}

// checkArg checks that an argument of op v.op is defined before it.
func (v *validator) checkArg(k int, a Ref) error {
	t := v.t
	switch {
	case a >= 0 && int(a) >= v.op:
		return v.fail("argument %d uses op %d, which is not defined before this op", k+1, a)
	case a >= 0 && t.Ops[a].Type == Void:
		return v.fail("argument %d uses op %d (%s), which has no result", k+1, a, t.Ops[a].Opcode)
	case a < 0 && !t.IsConst(a):
		return v.fail("argument %d is %s, not an op or a constant of the trace", k+1, t.FormatRef(a))
	}
	return nil
}

func (v *validator) checkDescr(op *Op, info *OpInfo) error {
	t := v.t
	d := op.Descr
	if info.Descr == NoDescr {
		if d != nil {
			return v.fail("%s takes no descr, has <%s>", op.Opcode, d.DescrName())
		}
		return nil
	}
	if d == nil {
		return v.fail("%s needs a descr", op.Opcode)
	}
	if _, isDebug := d.(*DebugDescr); !isDebug && !validDescrName(d.DescrName()) {
		return v.fail("descr name %q cannot be printed and parsed back (empty, spaces or one of ,()[]<>=|:'#)", d.DescrName())
	}
	switch info.Descr {
	case FieldDescrKind:
		fd, ok := d.(*FieldDescr)
		if !ok {
			return v.fail("%s needs a *FieldDescr, has %T", op.Opcode, d)
		}
		if err := v.checkItem(fd.Type, fd.Size); err != nil {
			return err
		}
		return v.checkMemoryType(op, fd.Type)
	case ArrayDescrKind:
		ad, ok := d.(*ArrayDescr)
		if !ok {
			return v.fail("%s needs an *ArrayDescr, has %T", op.Opcode, d)
		}
		if ad.ItemSize == 0 || ad.ItemSize > 1<<16 || (ad.Size == 0 && ad.ItemSize > 255) {
			return v.fail("array item size %d", ad.ItemSize)
		}
		if uintptr(ad.AccessSize())+ad.BaseOffset > ad.ItemSize && ad.Size != 0 {
			return v.fail("array field of %d bytes at offset %d outside items of %d bytes", ad.Size, ad.BaseOffset, ad.ItemSize)
		}
		if err := v.checkItem(ad.Type, ad.AccessSize()); err != nil {
			return err
		}
		return v.checkMemoryType(op, ad.Type)
	case CallDescrKind:
		cd, ok := d.(*CallDescr)
		if !ok {
			return v.fail("%s needs a *CallDescr, has %T", op.Opcode, d)
		}
		if cd.Fn == nil {
			return v.fail("call descr <%s> has no Fn", cd.Name)
		}
		if cd.Result != op.Opcode.Info().Result {
			return v.fail("call descr <%s> returns %v, %s returns %v", cd.Name, cd.Result, op.Opcode, op.Opcode.Info().Result)
		}
		if len(op.Args) != len(cd.ArgTypes) {
			return v.fail("%d arguments, call descr <%s> takes %d", len(op.Args), cd.Name, len(cd.ArgTypes))
		}
		for k, a := range op.Args {
			if got, want := t.TypeOf(a), cd.ArgTypes[k]; got != want {
				return v.fail("argument %d is %v, call descr <%s> wants %v", k+1, got, cd.Name, want)
			}
		}
	case AllocDescrKind:
		ad, ok := d.(*AllocDescr)
		if !ok {
			return v.fail("%s needs an *AllocDescr, has %T", op.Opcode, d)
		}
		if ad.New == nil {
			return v.fail("alloc descr <%s> has no New", ad.Name)
		}
	case DebugDescrKind:
		if _, ok := d.(*DebugDescr); !ok {
			return v.fail("%s needs a *DebugDescr, has %T", op.Opcode, d)
		}
	}
	return nil
}

// checkItem checks the type and size of a field or array item.
func (v *validator) checkItem(typ Type, size uint8) error {
	switch typ {
	case Int:
		if size != 1 && size != 2 && size != 4 && size != 8 {
			return v.fail("int field/item of %d bytes: 1, 2, 4 or 8", size)
		}
	case Float:
		if size != 8 {
			return v.fail("float field/item of %d bytes: floats are 8-byte float64s", size)
		}
	case Ptr:
		if size != ptrSize {
			return v.fail("pointer field/item of %d bytes: pointers are %d", size, ptrSize)
		}
	default:
		return v.fail("field/item of type %v", typ)
	}
	return nil
}

// checkMemoryType checks that a load's result or a store's value has the descriptor's type.
func (v *validator) checkMemoryType(op *Op, typ Type) error {
	switch op.Opcode {
	case OpRecordKnownField:
		if got := v.t.TypeOf(op.Args[1]); got != typ {
			return v.fail("%s says a %v field/item holds a %v", op.Opcode, typ, got)
		}
	case OpSetfield, OpSetarrayitem:
		if typ == Ptr {
			return v.fail("%s of a pointer: compiled code never stores Go pointers", op.Opcode)
		}
		if got := v.t.TypeOf(op.Args[len(op.Args)-1]); got != typ {
			return v.fail("%s stores a %v into a %v field/item", op.Opcode, got, typ)
		}
	default:
		if op.Type != typ {
			return v.fail("%s loads a %v field/item", op.Opcode, typ)
		}
	}
	return nil
}

// checkSnapshot checks the snapshot of the guard (or failing call) at op index at.
func (v *validator) checkSnapshot(s *Snapshot, at int) error {
	if len(s.Frames) == 0 {
		return v.fail("snapshot %d has no frame", v.t.Ops[at].Snap)
	}
	if len(s.Virtuals) > MaxVirtuals {
		return v.fail("snapshot has %d virtuals, at most %d", len(s.Virtuals), MaxVirtuals)
	}
	for _, f := range s.Frames {
		for _, sl := range f.Slots {
			if err := v.checkSnapRef(s, sl.Ref, at, fmt.Sprintf("slot %d of frame f%d@%d", sl.Index, f.Code, f.PC)); err != nil {
				return err
			}
		}
	}
	for k, vr := range s.Virtuals {
		if vr.Alloc == nil {
			return v.fail("virtual v%d has no AllocDescr", k)
		}
		if !validDescrName(vr.Alloc.Name) {
			return v.fail("alloc descr name %q cannot be printed and parsed back", vr.Alloc.Name)
		}
		for _, f := range vr.Fields {
			if f.Descr == nil {
				return v.fail("a field of virtual v%d has no FieldDescr", k)
			}
			if !validDescrName(f.Descr.Name) {
				return v.fail("field descr name %q cannot be printed and parsed back", f.Descr.Name)
			}
			where := fmt.Sprintf("field %s of virtual v%d", f.Descr.Name, k)
			if err := v.checkSnapRef(s, f.Ref, at, where); err != nil {
				return err
			}
			got := Ptr
			if !f.Ref.IsVirtual() {
				got = v.t.TypeOf(f.Ref)
			}
			if got != f.Descr.Type {
				return v.fail("%s is %v, its descr says %v", where, got, f.Descr.Type)
			}
		}
	}
	return nil
}

// checkSnapRef checks that a value named by a snapshot exists at op index at.
func (v *validator) checkSnapRef(s *Snapshot, r Ref, at int, where string) error {
	t := v.t
	switch {
	case r >= 0 && int(r) >= at:
		return v.fail("%s names op %d, which is not defined before this op", where, r)
	case r >= 0 && t.Ops[r].Type == Void:
		return v.fail("%s names op %d (%s), which has no result", where, r, t.Ops[r].Opcode)
	case r.IsVirtual() && r.VirtualIndex() >= len(s.Virtuals):
		return v.fail("%s names virtual v%d, which the snapshot does not describe", where, r.VirtualIndex())
	case r < 0 && !r.IsVirtual() && !t.IsConst(r):
		return v.fail("%s names %s, not a value of the trace", where, t.FormatRef(r))
	}
	return nil
}

// FormatRef returns the text of a value, as the printer writes it (i5, 42, ConstPtr(null)...).
func (t *Trace) FormatRef(r Ref) string {
	p := printer{t: t}
	return p.ref(r)
}

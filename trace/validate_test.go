package trace

import (
	"errors"
	"strings"
	"testing"
	"unsafe"
)

// Each case breaks one rule of Validate, written as text when the parser can express it.
var invalidTexts = []struct{ name, text, want string }{
	{"input after ops", "[i0]\ni1 = int_add(i0, 1)\ni2 = input(imm=1)\nfinish()", "inputs come first"},
	{"input position", "[]\ni0 = input(imm=3)\nfinish()", "has position imm=3"},
	{"second label", "[i0]\nlabel(i0)\nlabel(i0)\njump(i0)", "a second label"},
	{"jump not last", "[i0]\njump(i0)\nfinish()", "jump before the end"},
	{"finish not last", "[i0]\nfinish()\ni2 = int_add(i0, 1)\nfinish()", "finish before the end"},
	{"no final op", "[i0]\ni1 = int_add(i0, 1)", "must end with jump or finish"},
	{"arg count", "[i0]\ni1 = int_add(i0)\nfinish()", "1 arguments, int_add takes 2"},
	{"arg type", "[i0, f1]\ni2 = int_add(i0, f1)\nfinish()", "argument 2 is float, int_add wants int"},
	{"const arg type", "[f0]\nf1 = float_add(f0, 1)\nfinish()", "argument 2 is int, float_add wants float"},
	{"guard arg type", "[f0]\nguard_true(f0) [f0@0]\nfinish()", "guard_true wants int"},
	{"ptr arg type", "[i0]\nguard_nonnull(i0) [f0@0]\nfinish()", "guard_nonnull wants ptr"},
	{"descr not wanted", "[i0]\ni1 = int_add(i0, 1, descr=<List.len>)\nfinish()", "takes no descr"},
	{"descr needed", "[p0]\ni1 = getfield_i(p0)\nfinish()", "needs a descr"},
	{"wrong descr kind", "[p0]\ni1 = getfield_i(p0, descr=<IntArray>)\nfinish()", "needs a *FieldDescr"},
	{"array descr kind", "[p0]\ni1 = getarrayitem_i(p0, 0, descr=<List.len>)\nfinish()", "needs an *ArrayDescr"},
	{"call descr kind", "[p0]\ni1 = call_i(p0, descr=<List.len>)\nfinish()", "needs a *CallDescr"},
	{"alloc descr kind", "[p0]\np1 = new(descr=<List.len>)\nfinish()", "needs an *AllocDescr"},
	{"load type", "[p0]\nf1 = getfield_f(p0, descr=<List.len>)\nfinish()", "getfield_f loads a int"},
	{"array load type", "[p0]\ni1 = getarrayitem_i(p0, 0, descr=<FloatArray>)\nfinish()", "loads a float"},
	{"store pointer", "[p0, p1]\nsetfield(p0, p1, descr=<List.items>)\nfinish()", "never stores Go pointers"},
	{"store array pointer", "[p0, p1]\nsetarrayitem(p0, 0, p1, descr=<PtrArray>)\nfinish()", "never stores Go pointers"},
	{"store type", "[p0, f1]\nsetfield(p0, f1, descr=<List.len>)\nfinish()", "stores a float into a int"},
	{"array index type", "[p0, f1]\nf2 = getarrayitem_f(p0, f1, descr=<FloatArray>)\nfinish()", "argument 2 is float"},
	{"call result", "[i0]\nf1 = call_f(i0, 1, descr=<add>)\nfinish()", "returns int, call_f returns float"},
	{"call arg count", "[i0]\ni1 = call_i(i0, descr=<add>)\nfinish()", "call descr <add> takes 2"},
	{"call arg type", "[i0, f1]\ni2 = call_i(i0, f1, descr=<add>)\nfinish()", "call descr <add> wants int"},
	{"call_n result", "[p0, f1]\ni2 = call_i(p0, f1, descr=<print>)\nfinish()", "returns void"},
	{"failing call without snapshot", "[i0]\ni1 = call_i(i0, i0, descr=<checked_div>)\nfinish()", "needs a snapshot"},
	{"guard without snapshot", "[i0]\nguard_true(i0)\nfinish()", "needs a snapshot"},
	{"snapshot on a plain op", "[i0]\ni1 = int_add(i0, 1) [f0@0]\nfinish()", "neither a guard nor a call that can fail"},
	{"snapshot on a pure call", "[i0]\ni1 = call_i(i0, 1, descr=<add>) [f0@0]\nfinish()", "neither a guard"},
	{"guard_value not const", "[i0, i1]\nguard_value(i0, i1) [f0@0]\nfinish()", "compares with a constant"},
	{"guard_value type", "[i0]\nguard_value(i0, 1.0) [f0@0]\nfinish()", "compares a int with a float constant"},
	{"label const", "[i0]\nlabel(i0, 5)\njump(i0, 5)", "label argument 2 is a constant"},
	{"label repeat", "[i0]\nlabel(i0, i0)\njump(i0, i0)", "label argument 2 repeats i0"},
	{"jump count", "[i0, f1]\nlabel(i0, f1)\njump(i0)", "jump has 1 arguments, the label 2"},
	{"jump type", "[i0, f1]\nlabel(i0, f1)\njump(i0, i0)", "jump argument 2 is int, the label's is float"},
	{"jump without label", "[i0, f1]\njump(f1, i0)", "jump argument 1 is float, the inputs's is int"},
	{"ovf without guard", "[i0]\ni1 = int_add_ovf(i0, 1)\nfinish(i1)", "must be followed by guard_no_overflow"},
	{"ovf guard apart", "[i0]\ni1 = int_mul_ovf(i0, 1)\ni2 = int_add(i0, 1)\nguard_no_overflow() [f0@0]\nfinish(i1)", "must be followed"},
	{"overflow guard alone", "[i0]\ni1 = int_add(i0, 1)\nguard_overflow() [f0@0]\nfinish(i1)", "must follow an int_*_ovf"},
	{"snapshot without frame", "[i0]\nguard_true(i0) []\nfinish()", "has no frame"},
	{"snapshot names the guard's own op", "[i0]\ni1 = call_i(i0, i0, descr=<checked_div>) [f0@0: 0=i1]\nfinish()", "i1 is not defined"},
	{"virtual field type", "[i0]\nguard_true(i0) [f0@0: 0=v0 | v0=new(Tuple2, Tuple2.x=i0)]\nfinish()", "is int, its descr says float"},
	{"virtual ptr field", "[i0, f1]\nguard_true(i0) [f0@0: 0=v0 | v0=new(Pair, Pair.p=f1) | v1=new(Tuple2)]\nfinish()", "is float, its descr says ptr"},
}

func TestValidateRejects(t *testing.T) {
	for _, c := range invalidTexts {
		tr, err := ParseWith(c.text, sym)
		if err != nil {
			if strings.Contains(err.Error(), c.want) {
				continue // the parser already refuses it, with the same message
			}
			t.Errorf("%s: parse: %v", c.name, err)
			continue
		}
		err = Validate(tr)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
		var ve *ValidationError
		if err != nil && !errors.As(err, &ve) {
			t.Errorf("%s: not a *ValidationError: %T", c.name, err)
		}
	}
}

// base returns a valid trace [i0, p1] int_add guard finish, to be broken by a test.
func base() *Trace {
	tr := NewTrace("base")
	i0 := tr.Input(Int)
	tr.Input(Ptr)
	i2 := tr.Emit(OpIntAdd, Int, i0, tr.ConstInt(1))
	s := tr.AddSnapshot(Snapshot{Frames: []SnapFrame{{Code: 1, PC: 2, Slots: []SnapSlot{{Index: 0, Ref: i2}}}}})
	tr.EmitGuard(OpGuardTrue, s, i2)
	tr.Emit(OpFinish, Void, i2)
	return tr
}

// Rules that only a trace built by hand can break.
func TestValidateRejectsBuilt(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(tr *Trace)
		want   string
	}{
		{"const type", func(tr *Trace) { tr.Consts = append(tr.Consts, Const{Type: Void}) }, "constant 1 has type void"},
		{"ptr const bits", func(tr *Trace) { tr.Consts = append(tr.Consts, Const{Type: Ptr, Bits: 1}) }, "non-zero Bits"},
		{"int const ptr", func(tr *Trace) {
			tr.Consts = append(tr.Consts, Const{Type: Int, Ptr: unsafe.Pointer(someObj)})
		}, "int constant 1 has a pointer"},
		{"empty", func(tr *Trace) { tr.Ops = nil }, "empty trace"},
		{"input type", func(tr *Trace) { tr.Ops[1].Type = Void }, "input of type void"},
		{"unknown opcode", func(tr *Trace) { tr.Ops[2].Opcode = 250 }, "unknown opcode"},
		{"result type", func(tr *Trace) { tr.Ops[2].Type = Float }, "result type float, int_add gives int"},
		{"forward ref", func(tr *Trace) { tr.Ops[2].Args[0] = 3 }, "uses op 3, which is not defined before"},
		{"self ref", func(tr *Trace) { tr.Ops[2].Args[0] = 2 }, "uses op 2"},
		{"void ref", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:4:4], Op{Opcode: OpIntNeg, Type: Int, Args: []Ref{3}, Snap: -1}, Op{Opcode: OpFinish, Snap: -1})
		}, "which has no result"},
		{"const out of range", func(tr *Trace) { tr.Ops[2].Args[1] = ConstRef(5) }, "not an op or a constant"},
		{"NoRef arg", func(tr *Trace) { tr.Ops[2].Args[1] = NoRef }, "not an op or a constant"},
		{"virtual arg", func(tr *Trace) { tr.Ops[2].Args[1] = VirtualRef(0) }, "not an op or a constant"},
		{"snap out of range", func(tr *Trace) { tr.Ops[3].Snap = 4 }, "Snap 4 is not one of the 1 snapshots"},
		{"plain op with zero Snap", func(tr *Trace) { tr.Ops[2].Snap = 0 }, "Snap must be -1"},
		{"snapshot forward ref", func(tr *Trace) { tr.Snaps[0].Frames[0].Slots[0].Ref = 4 }, "names op 4, which is not defined before"},
		{"snapshot void ref", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:4:4], Op{Opcode: OpGuardTrue, Args: []Ref{2}, Snap: 1}, Op{Opcode: OpFinish, Snap: -1})
			tr.Snaps = append(tr.Snaps, Snapshot{Frames: []SnapFrame{{Slots: []SnapSlot{{Ref: 3}}}}})
		}, "which has no result"},
		{"snapshot bad const", func(tr *Trace) { tr.Snaps[0].Frames[0].Slots[0].Ref = ConstRef(9) }, "not a value of the trace"},
		{"snapshot NoRef", func(tr *Trace) { tr.Snaps[0].Frames[0].Slots[0].Ref = NoRef }, "not a value of the trace"},
		{"snapshot virtual out of range", func(tr *Trace) { tr.Snaps[0].Frames[0].Slots[0].Ref = VirtualRef(0) }, "does not describe"},
		{"virtual without alloc", func(tr *Trace) {
			tr.Snaps[0].Virtuals = []SnapVirtual{{}}
		}, "has no AllocDescr"},
		{"virtual field without descr", func(tr *Trace) {
			tr.Snaps[0].Virtuals = []SnapVirtual{{Alloc: allocTup, Fields: []VirtualField{{Ref: 0}}}}
		}, "has no FieldDescr"},
		{"virtual field bad ref", func(tr *Trace) {
			tr.Snaps[0].Virtuals = []SnapVirtual{{Alloc: allocTup, Fields: []VirtualField{{Descr: tupX, Ref: 3}}}}
		}, "names op 3"},
		{"bad descr name", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:2:2], Op{Opcode: OpGetfieldI, Type: Int, Args: []Ref{1}, Snap: -1,
				Descr: &FieldDescr{Name: "a b", Size: 8, Type: Int}}, Op{Opcode: OpFinish, Snap: -1})
		}, "cannot be printed and parsed back"},
		{"bad alloc name", func(tr *Trace) {
			tr.Snaps[0].Virtuals = []SnapVirtual{{Alloc: &AllocDescr{Name: "x=y"}}}
		}, "cannot be printed"},
		{"field size", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:2:2], Op{Opcode: OpGetfieldI, Type: Int, Args: []Ref{1}, Snap: -1,
				Descr: &FieldDescr{Name: "f", Size: 3, Type: Int}}, Op{Opcode: OpFinish, Snap: -1})
		}, "int field/item of 3 bytes"},
		{"float size", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:2:2], Op{Opcode: OpGetfieldF, Type: Float, Args: []Ref{1}, Snap: -1,
				Descr: &FieldDescr{Name: "f", Size: 4, Type: Float}}, Op{Opcode: OpFinish, Snap: -1})
		}, "floats are 8-byte"},
		{"ptr size", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:2:2], Op{Opcode: OpGetfieldR, Type: Ptr, Args: []Ref{1}, Snap: -1,
				Descr: &FieldDescr{Name: "f", Size: 4, Type: Ptr}}, Op{Opcode: OpFinish, Snap: -1})
		}, "pointers are 8"},
		{"void field", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:2:2], Op{Opcode: OpGetfieldI, Type: Int, Args: []Ref{1}, Snap: -1,
				Descr: &FieldDescr{Name: "f", Size: 8, Type: Void}}, Op{Opcode: OpFinish, Snap: -1})
		}, "field/item of type void"},
		{"array item size", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:2:2], Op{Opcode: OpGetarrayitemI, Type: Int, Args: []Ref{1, 0}, Snap: -1,
				Descr: &ArrayDescr{Name: "a", Type: Int}}, Op{Opcode: OpFinish, Snap: -1})
		}, "array item size 0"},
		{"call without Fn", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:2:2], Op{Opcode: OpCallN, Snap: -1, Descr: &CallDescr{Name: "c"}}, Op{Opcode: OpFinish, Snap: -1})
		}, "has no Fn"},
		{"alloc without New", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:2:2], Op{Opcode: OpNew, Type: Ptr, Snap: -1, Descr: &AllocDescr{Name: "a"}}, Op{Opcode: OpFinish, Snap: -1})
		}, "has no New"},
		{"debug descr kind", func(tr *Trace) {
			tr.Ops = append(tr.Ops[:2:2], Op{Opcode: OpDebugMergePoint, Snap: -1, Descr: listLen}, Op{Opcode: OpFinish, Snap: -1})
		}, "needs a *DebugDescr"},
		{"debug text for no op", func(tr *Trace) { tr.SetDebug(17, "x") }, "Debug text for op 17"},
	}
	if err := Validate(base()); err != nil {
		t.Fatalf("the base trace is invalid: %v", err)
	}
	for _, c := range cases {
		tr := base()
		c.mutate(tr)
		err := Validate(tr)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

func TestValidationErrorNamesTheOp(t *testing.T) {
	tr := base()
	tr.Ops[2].Type = Float
	err := Validate(tr)
	want := "invalid trace: op 2 (f2 = int_add(i0, 1)): result type float, int_add gives int"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

package trace

import (
	"math"
	"strings"
	"testing"
	"unsafe"
)

// Fixtures: descriptors of a made-up object layout, as an interpreter would make them.
var (
	listLen   = &FieldDescr{Name: "List.len", Offset: 8, Size: 8, Type: Int, Signed: true}
	listItems = &FieldDescr{Name: "List.items", Offset: 0, Size: 8, Type: Ptr}
	boxF      = &FieldDescr{Name: "Box.f", Offset: 16, Size: 8, Type: Float}
	boxB      = &FieldDescr{Name: "Box.b", Offset: 24, Size: 1, Type: Int, Signed: true}
	tupX      = &FieldDescr{Name: "Tuple2.x", Offset: 0, Size: 8, Type: Float}
	tupY      = &FieldDescr{Name: "Tuple2.y", Offset: 8, Size: 8, Type: Float}
	tupP      = &FieldDescr{Name: "Pair.p", Offset: 0, Size: 8, Type: Ptr}
	intArr    = &ArrayDescr{Name: "IntArray", ItemSize: 8, Type: Int, Signed: true}
	fltArr    = &ArrayDescr{Name: "FloatArray", ItemSize: 8, Type: Float}
	ptrArr    = &ArrayDescr{Name: "PtrArray", ItemSize: 8, Type: Ptr}
	byteArr   = &ArrayDescr{Name: "ByteArray", ItemSize: 1, BaseOffset: 16, Type: Int}
	noop      = func(*CallArgs) bool { return true }
	callAdd   = &CallDescr{Name: "add", Fn: noop, ArgTypes: []Type{Int, Int}, Result: Int, Pure: true}
	callDiv   = &CallDescr{Name: "checked_div", Fn: noop, ArgTypes: []Type{Int, Int}, Result: Int, CanFail: true}
	callSqrt  = &CallDescr{Name: "sqrt", Fn: noop, ArgTypes: []Type{Float}, Result: Float, Pure: true}
	callBox   = &CallDescr{Name: "box", Fn: noop, ArgTypes: []Type{Int}, Result: Ptr}
	callPrint = &CallDescr{Name: "print", Fn: noop, ArgTypes: []Type{Ptr, Float}, Result: Void}
	allocTup  = &AllocDescr{Name: "Tuple2", Size: 16, New: func() unsafe.Pointer { return unsafe.Pointer(new([2]float64)) }}
	allocPair = &AllocDescr{Name: "Pair", Size: 8, New: func() unsafe.Pointer { return unsafe.Pointer(new(unsafe.Pointer)) }}

	descrs = DescrTable{}.Add(listLen, listItems, boxF, boxB, tupX, tupY, tupP, intArr, fltArr, ptrArr,
		byteArr, callAdd, callDiv, callSqrt, callBox, callPrint, allocTup, allocPair)
	tags = map[string]uint32{"int": 1, "float": 2, "list": 3, "tuple": 4}

	someObj  = new(int64)
	otherObj = new(int64)
	sym      = &Symbols{Descrs: descrs, Tags: tags,
		Ptrs: map[string]unsafe.Pointer{"None": unsafe.Pointer(someObj), "True": unsafe.Pointer(otherObj)}}
)

// roundTrips are traces in canonical text form (values named by op index): parsing then
// printing each must give back the same text, byte for byte. Together they use every opcode.
var roundTrips = []string{
	// The sum_list loop of the package doc.
	`# trace sum_list loop 0
[p0, i1, i2]
debug_merge_point('sum_list.py:7 FOR_ITER')
i4 = getfield_i(p0, descr=<List.len>)
i5 = int_lt(i2, i4)  # for x in lst:
guard_true(i5) [f1@12: 0=p0:list 1=i1:int 2=i2:int]
p7 = getfield_r(p0, descr=<List.items>)
i8 = getarrayitem_i(p7, i2, descr=<IntArray>)
i9 = int_add_ovf(i1, i8)  # total += x
guard_no_overflow() [f1@16: 1=i1:int 3=i8:int]
i11 = int_add(i2, 1)
jump(p0, i9, i11)
`,
	// Integer arithmetic, all of it, with constants of every edge.
	`# trace ints
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_sub(i2, -9223372036854775808)
i4 = int_mul(i3, 9223372036854775807)
i5 = int_and(i4, 255)
i6 = int_or(i5, -1)
i7 = int_xor(i6, 0)
i8 = int_lshift(i7, 63)
i9 = int_rshift(i8, 64)
i10 = int_urshift(i9, 1)
i11 = int_neg(i10)
i12 = int_invert(i11)
i13 = int_floordiv(i12, 7)
i14 = int_mod(i13, -7)
i15 = int_sub_ovf(i14, i0)
guard_no_overflow() [f0@0: 0=i15:int]
i17 = int_mul_ovf(i15, i1)
guard_overflow() [f0@1]
finish(i17, i14)
`,
	// Comparisons and tests, guard_false and guard_value.
	`# trace compare
[i0, i1]
i2 = int_lt(i0, i1)
i3 = int_le(i0, i1)
i4 = int_eq(i0, i1)
i5 = int_ne(i0, i1)
i6 = int_gt(i0, i1)
i7 = int_ge(i0, i1)
i8 = uint_lt(i0, i1)
i9 = uint_ge(i0, i1)
i10 = int_is_true(i0)
i11 = int_is_zero(i1)
guard_false(i11) [f2@5: 0=i0 1=i1]
guard_value(i0, 42) [f2@7: 0=i0:5 1=i1:4000000000]
finish()
`,
	// Floats, with the constants that are easy to print wrong.
	`# trace floats
[f0, f1, i2]
f3 = float_add(f0, 1.5)
f4 = float_sub(f3, -0.0)
f5 = float_mul(f4, 0.0)
f6 = float_truediv(f5, inf)
f7 = float_neg(f6)
f8 = float_abs(f7)
f9 = float_sqrt(f8)
f10 = float_add(f9, -inf)
f11 = float_add(f10, nan)
f12 = float_add(f11, nan(0xfff8000000000000))
f13 = float_mul(f12, 1e+300)
f14 = float_mul(f13, 5e-324)
f15 = float_mul(f14, 0.1)
f16 = float_add(f15, 100.0)
f17 = float_add(f16, 1.7976931348623157e+308)
i18 = float_lt(f0, f1)
i19 = float_le(f0, f1)
i20 = float_eq(f0, f1)
i21 = float_ne(f0, f1)
i22 = float_gt(f0, f1)
i23 = float_ge(f0, f1)
f24 = cast_int_to_float(i2)
i25 = cast_float_to_int(f17)
guard_value(f24, -0.0) [f1@3: 0=f24:float]
finish(f17, i25)
`,
	// Pointers: equality, null checks, named constant pointers.
	`# trace pointers
[p0, p1]
i2 = ptr_eq(p0, p1)
i3 = ptr_ne(p0, ConstPtr(None))
guard_nonnull(p0) [f1@0: 0=p0:list]
guard_isnull(p1) [f1@0: 0=p0:list 1=p1]
guard_value(p0, ConstPtr(True)) [f1@0: 0=ConstPtr(True):list 1=ConstPtr(null)]
guard_true(i3) [f1@2]
finish(i2, ConstPtr(None))
`,
	// Memory: every load and store, fields of each size and type, and the hint.
	`# trace memory
[p0, i1, f2]
i3 = getfield_i(p0, descr=<Box.b>)
f4 = getfield_f(p0, descr=<Box.f>)
p5 = getfield_r(p0, descr=<List.items>)
setfield(p0, i3, descr=<List.len>)
setfield(p0, f2, descr=<Box.f>)
i8 = getarrayitem_i(p5, i1, descr=<ByteArray>)
f9 = getarrayitem_f(p5, i1, descr=<FloatArray>)
p10 = getarrayitem_r(p5, 0, descr=<PtrArray>)
setarrayitem(p5, i1, i8, descr=<IntArray>)
setarrayitem(p5, 3, f9, descr=<FloatArray>)
record_known_field(p0, i3, descr=<List.len>)
finish(p10, f4)
`,
	// Calls of every result type, one that can fail (with a snapshot), and new.
	`# trace calls
[i0, f1]
i2 = call_i(i0, 5, descr=<add>)
i3 = call_i(i2, i0, descr=<checked_div>) [f1@4: 0=i2:int 1=i0:int]
f4 = call_f(f1, descr=<sqrt>)
p5 = call_r(i3, descr=<box>)
call_n(p5, f4, descr=<print>)
p7 = new(descr=<Tuple2>)
setfield(p7, f4, descr=<Tuple2.x>)
finish(p7)
`,
	// A peeled loop: preamble, label with the loop-carried values, body, jump.
	`# trace peeled
[i0, i1]
i2 = int_add(i0, 1)
label(i0, i2)
i4 = int_lt(i0, i1)
guard_true(i4) [f1@0: 0=i0:int 1=i2:int]
i6 = int_add(i0, i2)
jump(i6, i2)
`,
	// Snapshots: several frames, an inlined one, virtuals (nested), constants in slots.
	`# trace snapshots
[p0, f1, f2, i3]
i4 = int_is_true(i3)
guard_true(i4) [f1@10: 0=p0:list 1=v0:tuple 2=-5:int 3=2.5:float | f7@20*: 0=i3:int 1=v1 2=ConstPtr(None) | v0=new(Tuple2, Tuple2.x=f1:float, Tuple2.y=f2):tuple | v1=new(Pair, Pair.p=v0)]
guard_false(i4) [f1@11]
finish()
`,
	// An input op in an odd place prints with its imm, and no name, no inputs.
	`# trace
[]
i0 = input(imm=5)
guard_false(i0) []
finish(i0)
`,
}

func TestRoundTrip(t *testing.T) {
	used := map[Opcode]bool{}
	for _, text := range roundTrips {
		tr, err := ParseWith(text, sym)
		if err != nil {
			t.Fatalf("parse: %v\n%s", err, text)
		}
		if got := tr.Format(sym); got != text {
			t.Errorf("print(parse(text)) differs:\n--- want\n%s--- got\n%s", text, got)
		}
		again, err := ParseWith(tr.Format(sym), sym)
		if err != nil {
			t.Fatalf("parse again: %v", err)
		}
		if d := Diff(tr, again); d != "" {
			t.Errorf("parse(print(t)) != t: %s", d)
		}
		if d := Diff(tr, tr.Clone()); d != "" {
			t.Errorf("clone differs: %s", d)
		}
		for _, op := range tr.Ops {
			used[op.Opcode] = true
		}
	}
	for o := Opcode(1); o < numOpcodes; o++ {
		if !used[o] {
			t.Errorf("no round-trip test uses %s", o)
		}
	}
}

// All the round-trip traces but the odd one are valid.
func TestRoundTripTracesValidate(t *testing.T) {
	for _, text := range roundTrips {
		tr, err := ParseWith(text, sym)
		if err != nil {
			t.Fatal(err)
		}
		err = Validate(tr)
		if tr.Name == "" {
			if err == nil {
				t.Errorf("a trace without a header input should not validate")
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tr.Name, err)
		}
	}
}

// A trace built with the builder API prints and parses back to an equal trace.
func TestBuilderRoundTrip(t *testing.T) {
	tr := NewTrace("built")
	p0 := tr.Input(Ptr)
	i1 := tr.Input(Int)
	f2 := tr.Input(Float)
	tr.EmitDescr(OpDebugMergePoint, Void, &DebugDescr{Text: "it's \\ a\ttab\nand newline \x01"})
	n := tr.EmitDescr(OpGetfieldI, Int, listLen, p0)
	tr.SetDebug(n, "n = len(lst)")
	c := tr.Emit(OpIntLt, Int, i1, n)
	s := tr.AddSnapshot(Snapshot{Frames: []SnapFrame{{Code: 3, PC: 9, Slots: []SnapSlot{{0, p0, 3, false}, {1, i1, 1, true}, {2, tr.ConstFloat(math.Inf(-1)), 2, false}}}}})
	tr.EmitGuard(OpGuardTrue, s, c)
	x := tr.Emit(OpFloatAdd, Float, f2, tr.ConstFloat(math.Copysign(0, -1)))
	y := tr.EmitCall(callDiv, tr.AddSnapshot(Snapshot{Frames: []SnapFrame{{Code: 3, PC: 10}}}), i1, tr.ConstInt(math.MinInt64))
	tr.Emit(OpFinish, Void, x, y, tr.ConstPtr(nil))
	if err := Validate(tr); err != nil {
		t.Fatal(err)
	}
	text := tr.Format(sym)
	back, err := ParseWith(text, sym)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if d := Diff(tr, back); d != "" {
		t.Fatalf("%s\n%s", d, text)
	}
	if !strings.Contains(text, `debug_merge_point('it\'s \\ a\ttab\nand newline \x01')`) {
		t.Errorf("debug text not quoted as expected:\n%s", text)
	}
	if !strings.Contains(text, "i4 = getfield_i(p0, descr=<List.len>)  # n = len(lst)") {
		t.Errorf("debug comment missing:\n%s", text)
	}
}

// Names in hand-written text are free; the parser renumbers by op index.
func TestParseRenumbers(t *testing.T) {
	tr, err := Parse(`
[i_n, f_acc]
i_one = int_add(i_n, 1)
guard_true(i_one) [f0@0: 0=i_one:int]
f_x = cast_int_to_float(i_one)
jump(i_one, f_x)
`, nil, tags)
	if err != nil {
		t.Fatal(err)
	}
	want := `# trace
[i0, f1]
i2 = int_add(i0, 1)
guard_true(i2) [f0@0: 0=i2:1]
f4 = cast_int_to_float(i2)
jump(i2, f4)
`
	if got := tr.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if err := Validate(tr); err != nil {
		t.Error(err)
	}
}

// Every float survives printing and parsing bit for bit.
func TestFloatConstants(t *testing.T) {
	cases := []uint64{
		0, 1 << 63, math.Float64bits(1), math.Float64bits(-1), math.Float64bits(0.1),
		math.Float64bits(1e16), math.Float64bits(1e-5), math.Float64bits(123456789),
		math.Float64bits(math.MaxFloat64), math.Float64bits(math.SmallestNonzeroFloat64),
		math.Float64bits(math.Inf(1)), math.Float64bits(math.Inf(-1)), math.Float64bits(math.NaN()),
		0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001, 0x7fffffffffffffff,
	}
	for _, bits := range cases {
		tr := NewTrace("f")
		x := tr.Input(Float)
		tr.Emit(OpFinish, Void, tr.Emit(OpFloatAdd, Float, x, tr.constant(Const{Type: Float, Bits: bits})))
		text := tr.String()
		back, err := Parse(text, nil, nil)
		if err != nil {
			t.Fatalf("%#x: %v\n%s", bits, err, text)
		}
		got := back.ConstValue(back.Ops[1].Args[1])
		if got.Type != Float || got.Bits != bits {
			t.Errorf("%#x printed as %s parsed as %#x", bits, FormatFloat(bits), got.Bits)
		}
		if s := FormatFloat(bits); !strings.ContainsAny(s, ".ein") {
			t.Errorf("%#x printed as %q, which reads as an int", bits, s)
		}
	}
}

func TestConstantsAreDeduplicated(t *testing.T) {
	tr := NewTrace("k")
	if tr.ConstInt(5) != tr.ConstInt(5) || tr.ConstInt(5) == tr.ConstInt(6) {
		t.Error("int constants")
	}
	if tr.ConstFloat(0) == tr.ConstFloat(math.Copysign(0, -1)) {
		t.Error("0.0 and -0.0 must be different constants")
	}
	if tr.ConstFloat(math.NaN()) != tr.ConstFloat(math.NaN()) {
		t.Error("the same NaN twice")
	}
	p := unsafe.Pointer(someObj)
	if tr.ConstPtr(p) != tr.ConstPtr(p) || tr.ConstPtr(p) == tr.ConstPtr(nil) {
		t.Error("pointer constants")
	}
	if tr.ConstInt(0) == tr.ConstFloat(0) {
		t.Error("int 0 and float 0.0 are different constants")
	}
	if len(tr.Consts) != 8 {
		t.Errorf("%d constants, want 8", len(tr.Consts))
	}
	if !tr.IsConst(tr.ConstInt(5)) || tr.TypeOf(tr.ConstFloat(2)) != Float || tr.ConstValue(tr.ConstInt(-3)).Int() != -3 {
		t.Error("IsConst / TypeOf / ConstValue")
	}
	// Constants added by hand are found too.
	tr.Consts = append(tr.Consts, Const{Type: Int, Bits: 99})
	if r := tr.ConstInt(99); r != ConstRef(len(tr.Consts)-1) {
		t.Errorf("hand-added constant not found: %d", r)
	}
}

func TestRefEncoding(t *testing.T) {
	for _, k := range []int{0, 1, MaxConsts - 1} {
		r := ConstRef(k)
		if !r.IsConst() || r.IsVirtual() || r.IsOp() || r.ConstIndex() != k {
			t.Errorf("const %d", k)
		}
	}
	for _, k := range []int{0, 5, MaxVirtuals - 1} {
		r := VirtualRef(k)
		if r.IsConst() || !r.IsVirtual() || r.IsOp() || r.VirtualIndex() != k || r == NoRef {
			t.Errorf("virtual %d", k)
		}
	}
	if NoRef.IsConst() || NoRef.IsVirtual() || NoRef.IsOp() {
		t.Error("NoRef")
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ text, want string }{
		{"[i0]\ni1 = int_frob(i0)\nfinish()", "line 2: unknown operation"},
		{"[i0]\ni1 = int_add(i0, i9)\nfinish()", "i9 is not defined"},
		{"[i0]\nf1 = int_add(i0, 1)\nfinish()", "must start with i"},
		{"[i0]\nint_add(i0, 1)\nfinish()", "has a result"},
		{"[i0]\ni1 = guard_true(i0) [f0@0]\nfinish()", "has no result"},
		{"[i0, i0]\nfinish()", "defined twice"},
		{"[x0]\nfinish()", "bad value name"},
		{"[p0]\ni1 = getfield_i(p0, descr=<Nope>)\nfinish()", "unknown descr <Nope>"},
		{"[p0]\ni1 = ptr_eq(p0, ConstPtr(0xc000010000))\nfinish()", "cannot be parsed back"},
		{"[p0]\ni1 = ptr_eq(p0, ConstPtr(Unknown))\nfinish()", "unknown pointer"},
		{"[i0]\nguard_true(i0) [f0@0: 0=i0:bogus]\nfinish()", "unknown tag"},
		{"[i0]\nguard_true(i0) [f0@0: 0=v1]\nfinish()", "v1"},
		{"[i0]\nguard_true(i0) [v1=new(Tuple2)]\nfinish()", "out of order"},
		{"[i0]\nguard_true(i0) [x@1]\nfinish()", "expected a frame"},
		{"[i0]\nguard_true(i0) [f0@0 f1@1]\nfinish()", "expected '|' or ']'"},
		{"[i0]\nguard_true(i0) [f0@0: 0=i0\nfinish()", "expected"},
		{"[i0]\ndebug_merge_point('unterminated)\nfinish()", "unterminated string"},
		{"[i0]\ni1 = int_add(i0 1)\nfinish()", "expected ',' or ')'"},
		{"[i0]\nfinish() extra", "unexpected"},
		{"[i0]\ni1 = int_add(i0, 1.5.5)\nfinish()", "bad value"},
		{"[i0]\ni1 = input(imm=x)\nfinish()", "bad imm"},
		{"[i0]\nguard_true(i0) [v0=new(Nope)]\nfinish()", "unknown alloc descr"},
		{"[i0]\nguard_true(i0) [v0=new(Tuple2, Nope=1)]\nfinish()", "unknown field descr"},
	}
	for _, c := range cases {
		_, err := ParseWith(c.text, sym)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got error %v, want one containing %q", c.text, err, c.want)
		}
	}
}

// The printer never panics, even on nonsense, and marks what it cannot print.
func TestPrintInvalidTrace(t *testing.T) {
	tr := &Trace{Ops: []Op{
		{Opcode: OpIntAdd, Type: Int, Args: []Ref{5, -3, NoRef, VirtualRef(2)}, Snap: 7},
		{Opcode: 200, Type: 9},
		{Opcode: OpGuardTrue, Args: []Ref{1}, Snap: 0},
	}, Consts: []Const{{Type: 7}}, Snaps: []Snapshot{{Virtuals: []SnapVirtual{{Fields: []VirtualField{{Ref: 0}}}}}}}
	s := tr.String()
	for _, want := range []string{"?5", "?-3", "?NoRef", "v2", "[?snapshot 7]", "opcode(200)", "new(?, ?=i0)"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
}

func TestOpTable(t *testing.T) {
	for o := Opcode(1); o < numOpcodes; o++ {
		info := o.Info()
		if info.Name == "" {
			t.Errorf("opcode %d has no name", o)
		}
		if back, ok := OpcodeByName(info.Name); !ok || back != o {
			t.Errorf("%s does not map back", info.Name)
		}
		if info.Flags&FlagVariadic == 0 && info.Args == nil && o != OpInput && o != OpDebugMergePoint {
			t.Errorf("%s: fixed arity but no Args", o)
		}
		if o.IsGuard() && info.Result != Void {
			t.Errorf("%s: a guard with a result", o)
		}
		if info.Flags&FlagPure != 0 && info.Flags&(FlagEffect|FlagGuard|FlagLoad) != 0 {
			t.Errorf("%s: pure and effectful", o)
		}
	}
	if Opcode(250).String() != "opcode(250)" || Opcode(250).Info().Name != "invalid" {
		t.Error("out-of-range opcode")
	}
	pureCall := &Op{Opcode: OpCallI, Descr: callAdd}
	failCall := &Op{Opcode: OpCallI, Descr: callDiv}
	if !pureCall.IsPure() || pureCall.HasSideEffect() || pureCall.HasSnapshot() {
		t.Error("pure call")
	}
	if failCall.IsPure() || !failCall.HasSideEffect() || !failCall.HasSnapshot() {
		t.Error("failing call")
	}
	if CallOpcode(Float) != OpCallF || CallOpcode(Void) != OpCallN || CallOpcode(Ptr) != OpCallR {
		t.Error("CallOpcode")
	}
}

package irexec

import (
	"math"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/trace"
)

// object is a Go struct the traces below read and write through descriptors, as the
// interpreter's objects will be.
type object struct {
	N      int64
	B      int8
	U      uint16
	W      int32
	F      float64
	Next   *object
	Items  []int64
	Floats []float64
	Objs   []*object
}

// Descriptors of object's layout, made with unsafe.Offsetof as an interpreter makes them. A
// slice field is a header {data pointer, len, cap}: the data pointer is a Ptr field at the
// slice's offset, the length an Int field one word further.
var (
	word        = unsafe.Sizeof(uintptr(0))
	objN        = &trace.FieldDescr{Name: "object.N", Offset: unsafe.Offsetof(object{}.N), Size: 8, Type: trace.Int, Signed: true}
	objB        = &trace.FieldDescr{Name: "object.B", Offset: unsafe.Offsetof(object{}.B), Size: 1, Type: trace.Int, Signed: true}
	objU        = &trace.FieldDescr{Name: "object.U", Offset: unsafe.Offsetof(object{}.U), Size: 2, Type: trace.Int}
	objW        = &trace.FieldDescr{Name: "object.W", Offset: unsafe.Offsetof(object{}.W), Size: 4, Type: trace.Int, Signed: true}
	objF        = &trace.FieldDescr{Name: "object.F", Offset: unsafe.Offsetof(object{}.F), Size: 8, Type: trace.Float}
	objNext     = &trace.FieldDescr{Name: "object.Next", Offset: unsafe.Offsetof(object{}.Next), Size: 8, Type: trace.Ptr}
	itemsPtr    = &trace.FieldDescr{Name: "object.Items.ptr", Offset: unsafe.Offsetof(object{}.Items), Size: 8, Type: trace.Ptr}
	itemsLen    = &trace.FieldDescr{Name: "object.Items.len", Offset: unsafe.Offsetof(object{}.Items) + word, Size: 8, Type: trace.Int, Signed: true}
	floatsPtr   = &trace.FieldDescr{Name: "object.Floats.ptr", Offset: unsafe.Offsetof(object{}.Floats), Size: 8, Type: trace.Ptr}
	objsPtr     = &trace.FieldDescr{Name: "object.Objs.ptr", Offset: unsafe.Offsetof(object{}.Objs), Size: 8, Type: trace.Ptr}
	int64Array  = &trace.ArrayDescr{Name: "Int64Array", ItemSize: 8, Type: trace.Int, Signed: true}
	floatArray  = &trace.ArrayDescr{Name: "Float64Array", ItemSize: 8, Type: trace.Float}
	ptrArray    = &trace.ArrayDescr{Name: "PtrArray", ItemSize: 8, Type: trace.Ptr}
	bytesArray  = &trace.ArrayDescr{Name: "Int8Array", ItemSize: 1, Type: trace.Int, Signed: true}
	allocObject = &trace.AllocDescr{Name: "object", Size: unsafe.Sizeof(object{}),
		New: func() unsafe.Pointer { return unsafe.Pointer(new(object)) }}

	descrs = trace.DescrTable{}.Add(objN, objB, objU, objW, objF, objNext, itemsPtr, itemsLen, floatsPtr,
		objsPtr, int64Array, floatArray, ptrArray, bytesArray, allocObject)
	tags = map[string]uint32{"int": 1, "float": 2, "obj": 3}
)

// compileText parses and compiles a trace written in the text format.
func compileText(t *testing.T, text string, extra ...trace.Descr) (*trace.Trace, backend.Loop) {
	t.Helper()
	table := trace.DescrTable{}
	for k, d := range descrs {
		table[k] = d
	}
	table.Add(extra...)
	tr, err := trace.Parse(text, table, tags)
	if err != nil {
		t.Fatal(err)
	}
	// The texts are written in canonical form (values named by op index), so that a guard's
	// op index can be read off the text: printing gives them back unchanged.
	printed := tr.Format(&trace.Symbols{Tags: tags})
	if !strings.HasPrefix(strings.TrimSpace(text), "# trace") {
		_, printed, _ = strings.Cut(printed, "\n")
	}
	if strings.TrimSpace(printed) != strings.TrimSpace(text) {
		t.Fatalf("the test's trace is not in canonical form; it prints as\n%s", printed)
	}
	loop, err := New().Compile(tr)
	if err != nil {
		t.Fatalf("%v\n%s", err, tr)
	}
	return tr, loop
}

// slotValues returns the int values of the exit's innermost frame, slot by slot.
func slotValues(e *backend.Exit) map[int32]int64 {
	s := e.Snapshot()
	vals := map[int32]int64{}
	for _, sl := range s.Frames[len(s.Frames)-1].Slots {
		if e.Trace.TypeOf(sl.Ref) == trace.Int {
			vals[sl.Index] = e.Int(sl.Ref)
		}
	}
	return vals
}

func TestCountingLoopExitsWithSnapshot(t *testing.T) {
	tr, loop := compileText(t, `
[i0, i1]
label(i0, i1)
i3 = int_lt(i0, i1)
guard_true(i3) [f1@7: 0=i0:int 1=i1:int 2=100:int]
i5 = int_add(i0, 1)
jump(i5, i1)
`)
	var exit backend.Exit
	for _, n := range []int64{0, 1, 10, 100000} {
		loop.Run([]uint64{0, uint64(n)}, nil, &exit)
		if exit.Op != 4 || exit.Snap != tr.Ops[4].Snap || exit.IsFinish() {
			t.Fatalf("n=%d: left at op %d", n, exit.Op)
		}
		f := exit.Snapshot().Frames[0]
		if f.Code != 1 || f.PC != 7 {
			t.Errorf("frame %+v", f)
		}
		want := map[int32]int64{0: n, 1: n, 2: 100}
		for k, v := range slotValues(&exit) {
			if want[k] != v {
				t.Errorf("n=%d: slot %d = %d, want %d", n, k, v, want[k])
			}
		}
	}
	if got := loop.Exits(4); got != 4 {
		t.Errorf("Exits(4) = %d, want 4", got)
	}
	if loop.Exits(5) != 0 || loop.Exits(-1) != 0 || loop.Exits(99) != 0 {
		t.Error("Exits of other ops")
	}
}

// A loop without a label jumps back to the start, rebinding the inputs.
func TestLoopWithoutLabel(t *testing.T) {
	_, loop := compileText(t, `
[i0]
i1 = int_lt(i0, 100)
guard_true(i1) [f0@0: 0=i0]
i3 = int_add(i0, 7)
jump(i3)
`)
	var exit backend.Exit
	loop.Run([]uint64{0}, nil, &exit)
	if exit.Op != 2 || exit.Int(0) != 105 {
		t.Errorf("left at op %d with i0 = %d", exit.Op, exit.Int(0))
	}
}

// The jump's assignment to the label's arguments is parallel: a, b = b, a.
func TestJumpIsAParallelAssignment(t *testing.T) {
	_, loop := compileText(t, `
[i0, i1, f2, f3, i4]
label(i0, i1, f2, f3, i4)
i6 = int_gt(i4, 0)
guard_true(i6) [f0@0: 0=i0 1=i1 2=f2 3=f3]
i8 = int_sub(i4, 1)
f9 = float_add(f2, 1.0)
jump(i1, i0, f3, f9, i8)
`)
	var exit backend.Exit
	for n := int64(0); n < 6; n++ {
		loop.Run([]uint64{10, 20, math.Float64bits(0.5), math.Float64bits(100), uint64(n)}, nil, &exit)
		a, b := exit.Int(0), exit.Int(1)
		if wa, wb := map[bool][2]int64{false: {10, 20}, true: {20, 10}}[n%2 == 1][0], map[bool][2]int64{false: {10, 20}, true: {20, 10}}[n%2 == 1][1]; a != wa || b != wb {
			t.Errorf("after %d swaps: %d %d", n, a, b)
		}
		// f2, f3 = f3, f2 + 1: (0.5, 100) (100, 1.5) (1.5, 101) (101, 2.5)...
		f2, f3 := 0.5, 100.0
		for k := int64(0); k < n; k++ {
			f2, f3 = f3, f2+1
		}
		if exit.Float(2) != f2 || exit.Float(3) != f3 {
			t.Errorf("after %d iterations: %v %v, want %v %v", n, exit.Float(2), exit.Float(3), f2, f3)
		}
	}
}

// The sum_list loop, on a real Go slice: the length and the data pointer are read from the
// slice header in a preamble, the loop body is bounds-checked with uint_lt.
func TestSumOverGoSlice(t *testing.T) {
	tr, loop := compileText(t, `
# trace sum_list
[p0, i1, i2]
i3 = getfield_i(p0, descr=<object.Items.len>)
p4 = getfield_r(p0, descr=<object.Items.ptr>)
label(i1, i2)
i6 = uint_lt(i2, i3)
guard_true(i6) [f1@3: 0=p0:obj 1=i1:int 2=i2:int]
i8 = getarrayitem_i(p4, i2, descr=<Int64Array>)
i9 = int_add_ovf(i1, i8)
guard_no_overflow() [f1@5: 0=p0:obj 1=i1:int 2=i2:int 3=i8:int]
i11 = int_add(i2, 1)
jump(i9, i11)
`)
	obj := &object{}
	for i := int64(0); i < 1000; i++ {
		obj.Items = append(obj.Items, i*i-500)
	}
	var want int64
	for _, v := range obj.Items {
		want += v
	}
	var exit backend.Exit
	loop.Run([]uint64{0, 0, 0}, []unsafe.Pointer{unsafe.Pointer(obj)}, &exit)
	if exit.Op != 7 || exit.Int(1) != want || exit.Int(2) != 1000 || exit.Ptr(0) != unsafe.Pointer(obj) {
		t.Fatalf("left at op %d: sum %d (want %d), i %d\n%s", exit.Op, exit.Int(1), want, exit.Int(2), tr)
	}
	// Overflow in the middle: the guard fails with the sum before the add and the item.
	obj.Items = []int64{1, 2, math.MaxInt64, 4}
	loop.Run([]uint64{0, 0, 0}, []unsafe.Pointer{unsafe.Pointer(obj)}, &exit)
	if exit.Op != 10 || exit.Int(1) != 3 || exit.Int(2) != 2 || exit.Int(8) != math.MaxInt64 {
		t.Errorf("overflow: left at op %d with %v", exit.Op, slotValues(&exit))
	}
	// No allocation when the Exit (and the input arrays) are reused.
	obj.Items = obj.Items[:2]
	ints, ptrs := []uint64{0, 0, 0}, []unsafe.Pointer{unsafe.Pointer(obj)}
	if n := testing.AllocsPerRun(100, func() { loop.Run(ints, ptrs, &exit) }); n != 0 {
		t.Errorf("%v allocations per run", n)
	}
}

func TestLoadsAndStores(t *testing.T) {
	next := &object{N: 77}
	obj := &object{N: -5, B: -3, U: 0xfffe, W: -70000, F: 2.5, Next: next,
		Items: []int64{10, 20, 30}, Floats: []float64{0.5, 1.5}, Objs: []*object{nil, next}}
	_, loop := compileText(t, `
[p0, i1]
i2 = getfield_i(p0, descr=<object.N>)
i3 = getfield_i(p0, descr=<object.B>)
i4 = getfield_i(p0, descr=<object.U>)
i5 = getfield_i(p0, descr=<object.W>)
f6 = getfield_f(p0, descr=<object.F>)
p7 = getfield_r(p0, descr=<object.Next>)
i8 = getfield_i(p7, descr=<object.N>)
p9 = getfield_r(p0, descr=<object.Items.ptr>)
i10 = getarrayitem_i(p9, i1, descr=<Int64Array>)
p11 = getfield_r(p0, descr=<object.Floats.ptr>)
f12 = getarrayitem_f(p11, 1, descr=<Float64Array>)
p13 = getfield_r(p0, descr=<object.Objs.ptr>)
p14 = getarrayitem_r(p13, 1, descr=<PtrArray>)
p15 = getarrayitem_r(p13, 0, descr=<PtrArray>)
i16 = getarrayitem_i(p9, 0, descr=<Int8Array>)
setfield(p0, 300, descr=<object.B>)
setfield(p0, -1, descr=<object.U>)
setfield(p0, 12345, descr=<object.N>)
setfield(p0, -0.0, descr=<object.F>)
setarrayitem(p9, 2, i3, descr=<Int64Array>)
setarrayitem(p11, 0, f6, descr=<Float64Array>)
setarrayitem(p9, 1, -1, descr=<Int8Array>)
finish(i2, i3, i4, i5, f6, i8, i10, f12, p14, p15, i16)
`)
	var exit backend.Exit
	loop.Run([]uint64{0, 1}, []unsafe.Pointer{unsafe.Pointer(obj)}, &exit)
	if !exit.IsFinish() {
		t.Fatal("did not finish")
	}
	got := []int64{exit.Int(2), exit.Int(3), exit.Int(4), exit.Int(5), exit.Int(8), exit.Int(10), exit.Int(16)}
	want := []int64{-5, -3, 0xfffe, -70000, 77, 20, 10}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("int load %d = %d, want %d", k, got[k], want[k])
		}
	}
	if exit.Float(6) != 2.5 || exit.Float(12) != 1.5 {
		t.Errorf("float loads %v %v", exit.Float(6), exit.Float(12))
	}
	if exit.Ptr(14) != unsafe.Pointer(next) || exit.Ptr(15) != nil {
		t.Errorf("pointer loads %p %p", exit.Ptr(14), exit.Ptr(15))
	}
	// Stores truncate to the field's size; -0.0 keeps its sign; bytes land in the right place.
	if obj.B != 44 || obj.U != 0xffff || obj.N != 12345 || math.Float64bits(obj.F) != 1<<63 {
		t.Errorf("stores: %+v", obj)
	}
	if obj.Items[2] != -3 || obj.Floats[0] != 2.5 || obj.Items[0] != 10|0xff<<8 {
		t.Errorf("array stores: %v %v", obj.Items, obj.Floats)
	}
	if len(exit.Args()) != 11 {
		t.Error("Args")
	}
}

// A loop over a linked list carries a pointer around the loop and leaves at the null.
func TestPointerLoop(t *testing.T) {
	var list *object
	for i := int64(1); i <= 10; i++ {
		list = &object{N: i, Next: list}
	}
	_, loop := compileText(t, `
[p0, i1]
label(p0, i1)
guard_nonnull(p0) [f0@0: 0=p0:obj 1=i1:int]
i4 = getfield_i(p0, descr=<object.N>)
i5 = int_add(i1, i4)
p6 = getfield_r(p0, descr=<object.Next>)
jump(p6, i5)
`)
	var exit backend.Exit
	loop.Run([]uint64{0, 0}, []unsafe.Pointer{unsafe.Pointer(list)}, &exit)
	if exit.Op != 3 || exit.Ptr(0) != nil || exit.Int(1) != 55 {
		t.Errorf("left at op %d: %p %d", exit.Op, exit.Ptr(0), exit.Int(1))
	}
}

func TestGuards(t *testing.T) {
	a, b := new(object), new(object)
	_, loop := compileText(t, `
[i0]
guard_true(i0) [f0@1]
guard_false(i0) [f0@2]
finish()
`)
	var exit backend.Exit
	loop.Run([]uint64{0}, nil, &exit)
	if exit.Op != 1 {
		t.Errorf("guard_true(0) did not fail: %d", exit.Op)
	}
	loop.Run([]uint64{5}, nil, &exit)
	if exit.Op != 2 {
		t.Errorf("guard_false(5) did not fail: %d", exit.Op)
	}

	_, loop = compileText(t, `
[i0, f1, p2]
guard_value(i0, -7) [f0@1]
guard_value(f1, -0.0) [f0@2]
guard_nonnull(p2) [f0@3]
i6 = ptr_eq(p2, p2)
guard_true(i6) [f0@4]
finish()
`)
	cases := []struct {
		i    int64
		f    float64
		p    unsafe.Pointer
		exit int
	}{
		{-7, negZero, unsafe.Pointer(a), 8},
		{7, negZero, unsafe.Pointer(a), 3},
		{-7, 0, unsafe.Pointer(a), 4}, // bit for bit: 0.0 is not -0.0
		{-7, negZero, nil, 5},
	}
	for _, c := range cases {
		loop.Run([]uint64{uint64(c.i), math.Float64bits(c.f)}, []unsafe.Pointer{nil, nil, c.p}, &exit)
		if exit.Op != c.exit {
			t.Errorf("%+v: left at %d, want %d", c, exit.Op, c.exit)
		}
	}

	// guard_value on pointers, guard_isnull, ptr_ne.
	_, loop = compileText(t, `
[p0, p1]
i2 = ptr_ne(p0, p1)
guard_true(i2) [f0@1]
guard_isnull(p1) [f0@2]
finish()
`)
	loop.Run(nil, []unsafe.Pointer{unsafe.Pointer(a), unsafe.Pointer(a)}, &exit)
	if exit.Op != 3 {
		t.Errorf("ptr_ne(a, a): left at %d", exit.Op)
	}
	loop.Run(nil, []unsafe.Pointer{unsafe.Pointer(a), unsafe.Pointer(b)}, &exit)
	if exit.Op != 4 {
		t.Errorf("guard_isnull(b): left at %d", exit.Op)
	}
	loop.Run(nil, []unsafe.Pointer{unsafe.Pointer(a), nil}, &exit)
	if !exit.IsFinish() {
		t.Errorf("left at %d", exit.Op)
	}

	tr := trace.NewTrace("guard_value ptr")
	p := tr.Input(trace.Ptr)
	s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{}}})
	tr.EmitGuard(trace.OpGuardValue, s, p, tr.ConstPtr(unsafe.Pointer(a)))
	tr.Emit(trace.OpFinish, trace.Void)
	l, err := New().Compile(tr)
	if err != nil {
		t.Fatal(err)
	}
	l.Run(nil, []unsafe.Pointer{unsafe.Pointer(a)}, &exit)
	if !exit.IsFinish() {
		t.Error("guard_value(a, a) failed")
	}
	l.Run(nil, []unsafe.Pointer{unsafe.Pointer(b)}, &exit)
	if exit.Op != 1 {
		t.Error("guard_value(b, a) passed")
	}
}

func TestResidualCalls(t *testing.T) {
	var log []int64
	add := &trace.CallDescr{Name: "add3", ArgTypes: []trace.Type{trace.Int, trace.Int, trace.Int}, Result: trace.Int, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetInt(a.Int(0) + a.Int(1) + a.Int(2)); return true }}
	hyp := &trace.CallDescr{Name: "hypot", ArgTypes: []trace.Type{trace.Float, trace.Float}, Result: trace.Float, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetFloat(math.Hypot(a.Float(0), a.Float(1))); return true }}
	mk := &trace.CallDescr{Name: "make_object", ArgTypes: []trace.Type{trace.Int, trace.Ptr}, Result: trace.Ptr,
		Fn: func(a *trace.CallArgs) bool {
			a.SetPtr(unsafe.Pointer(&object{N: a.Int(0), Next: (*object)(a.Ptr(1))}))
			return true
		}}
	record := &trace.CallDescr{Name: "record", ArgTypes: []trace.Type{trace.Int}, Result: trace.Void,
		Fn: func(a *trace.CallArgs) bool { log = append(log, a.Int(0)); return true }}
	div := &trace.CallDescr{Name: "checked_div", ArgTypes: []trace.Type{trace.Int, trace.Int}, Result: trace.Int, CanFail: true,
		Fn: func(a *trace.CallArgs) bool {
			if a.Int(1) == 0 {
				return false // the interpreter will raise ZeroDivisionError itself
			}
			a.SetInt(a.Int(0) / a.Int(1))
			return true
		}}
	_, loop := compileText(t, `
[i0, i1, p2]
i3 = call_i(i0, i1, 100, descr=<add3>)
f4 = call_f(3.0, 4.0, descr=<hypot>)
p5 = call_r(i3, p2, descr=<make_object>)
call_n(i3, descr=<record>)
i7 = call_i(i3, i1, descr=<checked_div>) [f2@9: 0=i3:int 1=i1:int]
call_n(i7, descr=<record>)
finish(i7, f4, p5)
`, add, hyp, mk, record, div)
	other := &object{}
	var exit backend.Exit
	loop.Run([]uint64{5, 7}, []unsafe.Pointer{nil, nil, unsafe.Pointer(other)}, &exit)
	if !exit.IsFinish() || exit.Int(7) != 112/7 || exit.Float(4) != 5 {
		t.Fatalf("left at %d: %d %v", exit.Op, exit.Int(7), exit.Float(4))
	}
	o := (*object)(exit.Ptr(5))
	if o.N != 112 || o.Next != other {
		t.Errorf("call_r made %+v", o)
	}
	if len(log) != 2 || log[0] != 112 || log[1] != 16 {
		t.Errorf("call_n log %v", log)
	}
	// The failing call leaves through its snapshot, before the call: nothing after it ran.
	log = nil
	loop.Run([]uint64{5, 0}, []unsafe.Pointer{nil, nil, unsafe.Pointer(other)}, &exit)
	if exit.Op != 7 || exit.IsFinish() || exit.Snapshot().Frames[0].PC != 9 || exit.Int(3) != 105 {
		t.Errorf("failing call: left at %d", exit.Op)
	}
	if len(log) != 1 {
		t.Errorf("ops after the failing call ran: %v", log)
	}
	if loop.Exits(7) != 1 || loop.Exits(9) != 1 {
		t.Errorf("exit counters %d %d", loop.Exits(7), loop.Exits(9))
	}
}

// A call that reports failure without CanFail in its descriptor is a bug in the interpreter.
func TestFailingCallWithoutCanFailPanics(t *testing.T) {
	bad := &trace.CallDescr{Name: "liar", ArgTypes: []trace.Type{}, Result: trace.Void,
		Fn: func(*trace.CallArgs) bool { return false }}
	_, loop := compileText(t, "[]\ncall_n(descr=<liar>)\nfinish()", bad)
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "CanFail") {
			t.Errorf("recovered %v", r)
		}
	}()
	var exit backend.Exit
	loop.Run(nil, nil, &exit)
}

// new allocates through the AllocDescr; the object is held only by the trace's registers while
// a residual call runs the garbage collector, and must survive it.
func TestNewSurvivesGC(t *testing.T) {
	gc := &trace.CallDescr{Name: "gc", ArgTypes: []trace.Type{}, Result: trace.Void,
		Fn: func(*trace.CallArgs) bool { runtime.GC(); return true }}
	garbage := &trace.CallDescr{Name: "garbage", ArgTypes: []trace.Type{}, Result: trace.Void,
		Fn: func(*trace.CallArgs) bool {
			for i := 0; i < 1000; i++ {
				_ = make([]byte, 64)
			}
			return true
		}}
	_, loop := compileText(t, `
[i0]
label(i0)
p2 = new(descr=<object>)
setfield(p2, i0, descr=<object.N>)
call_n(descr=<gc>)
call_n(descr=<garbage>)
i6 = getfield_i(p2, descr=<object.N>)
i7 = int_eq(i6, i0)
guard_true(i7) [f0@0: 0=i0 1=i6]
i9 = int_lt(i0, 20)
guard_true(i9) [f0@1: 0=i0 1=p2]
i11 = int_add(i0, 1)
jump(i11)
`, gc, garbage)
	var exit backend.Exit
	loop.Run([]uint64{0}, nil, &exit)
	if exit.Op != 10 || exit.Int(0) != 20 {
		t.Fatalf("left at %d with i0=%d", exit.Op, exit.Int(0))
	}
	if o := (*object)(exit.Ptr(2)); o.N != 20 {
		t.Errorf("the new object holds %d", o.N)
	}
}

// A residual call may re-enter the interpreter, which may enter the same loop again: each
// run has its own Exit (its register file) and call arguments.
func TestReentrantRun(t *testing.T) {
	var loop backend.Loop
	depth := 0
	recurse := &trace.CallDescr{Name: "recurse", ArgTypes: []trace.Type{trace.Int, trace.Int}, Result: trace.Int,
		Fn: func(a *trace.CallArgs) bool {
			n, k := a.Int(0), a.Int(1)
			if n <= 0 {
				a.SetInt(k)
				return true
			}
			depth++
			var inner backend.Exit
			loop.Run([]uint64{uint64(n - 1), uint64(k * 2)}, nil, &inner)
			a.SetInt(inner.Int(2) + n) // read after the inner run used its own call arguments
			return true
		}}
	_, loop = compileText(t, `
[i0, i1]
i2 = call_i(i0, i1, descr=<recurse>)
finish(i2)
`, recurse)
	var exit backend.Exit
	loop.Run([]uint64{5, 1}, nil, &exit)
	// f(n, k) = f(n-1, 2k) + n, f(0, k) = k: f(5, 1) = 32 + 5+4+3+2+1.
	if exit.Int(2) != 47 || depth != 5 {
		t.Errorf("f(5, 1) = %d, depth %d", exit.Int(2), depth)
	}
}

func TestCompileRejectsInvalidTraces(t *testing.T) {
	tr := trace.NewTrace("bad")
	tr.Emit(trace.OpIntAdd, trace.Int, 0, 0)
	if _, err := New().Compile(tr); err == nil {
		t.Error("compiled an invalid trace")
	}
	if New().Name() != "irexec" {
		t.Error("name")
	}
	var _ backend.Backend = New()
}

func TestExitAccessors(t *testing.T) {
	tr, loop := compileText(t, `
[i0, f1, p2]
guard_true(i0) [f4@2: 0=i0 1=-3:int 2=2.5:float 3=ConstPtr(null) | f5@8*: 0=f1:float 1=p2:obj]
finish(i0, 7, f1)
`)
	obj := &object{}
	var exit backend.Exit
	loop.Run([]uint64{0, math.Float64bits(-0.25)}, []unsafe.Pointer{nil, nil, unsafe.Pointer(obj)}, &exit)
	s := exit.Snapshot()
	if exit.Op != 3 || len(s.Frames) != 2 || !s.Frames[1].Inlined {
		t.Fatalf("exit %d %+v", exit.Op, s)
	}
	sl := s.Frames[0].Slots
	if exit.Int(sl[0].Ref) != 0 || exit.Int(sl[1].Ref) != -3 || exit.Float(sl[2].Ref) != 2.5 || exit.Ptr(sl[3].Ref) != nil {
		t.Error("outer frame values")
	}
	sl = s.Frames[1].Slots
	if exit.Float(sl[0].Ref) != -0.25 || exit.Ptr(sl[1].Ref) != unsafe.Pointer(obj) {
		t.Error("inlined frame values")
	}
	var live []trace.Ref
	exit.Live(func(r trace.Ref) { live = append(live, r) })
	if len(live) != 6 {
		t.Errorf("live %v", live)
	}
	loop.Run([]uint64{1, math.Float64bits(-0.25)}, []unsafe.Pointer{nil, nil, unsafe.Pointer(obj)}, &exit)
	if !exit.IsFinish() || exit.Snapshot() != nil || exit.Int(tr.Ops[4].Args[1]) != 7 {
		t.Error("finish")
	}
	live = nil
	exit.Live(func(r trace.Ref) { live = append(live, r) })
	if len(live) != 3 {
		t.Errorf("finish live %v", live)
	}
	defer func() {
		if recover() == nil {
			t.Error("reading a virtual should panic")
		}
	}()
	exit.Int(trace.VirtualRef(0))
}

func TestDiffExits(t *testing.T) {
	_, loop := compileText(t, `
[i0, f1]
f2 = float_truediv(f1, 0.0)
guard_true(i0) [f0@0: 0=f2 1=i0]
finish(f1)
`)
	var a, b backend.Exit
	loop.Run([]uint64{0, math.Float64bits(0)}, nil, &a)
	loop.Run([]uint64{0, math.Float64bits(0)}, nil, &b)
	b.Vals[2] = 0x7ff8000000000000 // another NaN: still equal
	if d := backend.DiffExits(&a, &b); d != "" {
		t.Error(d)
	}
	b.Vals[2] = math.Float64bits(1)
	if d := backend.DiffExits(&a, &b); !strings.Contains(d, "f2") {
		t.Errorf("diff %q", d)
	}
	loop.Run([]uint64{1, 0}, nil, &b)
	if d := backend.DiffExits(&a, &b); !strings.Contains(d, "left at op 3") {
		t.Errorf("diff %q", d)
	}
}

func TestCodeSize(t *testing.T) {
	_, loop := compileText(t, "[i0]\ni1 = int_add(i0, 1)\nfinish(i1)")
	if loop.CodeSize() <= 0 || loop.Trace() == nil {
		t.Error("CodeSize / Trace")
	}
}

// BenchmarkCountingLoop measures irexec's speed per loop iteration (4 ops).
func BenchmarkCountingLoop(b *testing.B) {
	tr, err := trace.Parse(`
[i0, i1, i2]
label(i0, i1, i2)
i4 = int_lt(i0, i1)
guard_true(i4) [f0@0: 0=i0 1=i2]
i6 = int_add(i2, i0)
i7 = int_add(i0, 1)
jump(i7, i1, i6)
`, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	loop, err := New().Compile(tr)
	if err != nil {
		b.Fatal(err)
	}
	var exit backend.Exit
	b.ReportAllocs()
	b.ResetTimer()
	loop.Run([]uint64{0, uint64(b.N), 0}, nil, &exit)
}

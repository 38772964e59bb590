package backendtest

import (
	"fmt"
	"math"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/trace"
)

// Loops in machine code: loads and stores, the jump's parallel assignment, register
// pressure, yields, residual calls and allocation, concurrent and reentrant runs.

// NewTestObject returns an Object with a value in every field.
func NewTestObject() *Object {
	next := &Object{N: 77}
	return &Object{N: -5, B: -3, U: 0xfffe, W: -70000, F: 2.5, Next: next,
		Items: []int64{10, 20, 30}, Floats: []float64{0.5, 1.5}, Objs: []*Object{nil, next}}
}

func (ar *Arch) testLoadsAndStores(t *testing.T) {
	tr := ParseObj(t, `
[p0, i1]
i2 = getfield_i(p0, descr=<object.N>)
i3 = getfield_i(p0, descr=<object.B>)
i4 = getfield_i(p0, descr=<object.U>)
i5 = getfield_i(p0, descr=<object.W>)
i6 = getfield_i(p0, descr=<object.Wu>)
f7 = getfield_f(p0, descr=<object.F>)
p8 = getfield_r(p0, descr=<object.Next>)
i9 = getfield_i(p8, descr=<object.N>)
p10 = getfield_r(p0, descr=<object.Items.ptr>)
i11 = getarrayitem_i(p10, i1, descr=<Int64Array>)
p12 = getfield_r(p0, descr=<object.Floats.ptr>)
f13 = getarrayitem_f(p12, 1, descr=<Float64Array>)
p14 = getfield_r(p0, descr=<object.Objs.ptr>)
p15 = getarrayitem_r(p14, 1, descr=<PtrArray>)
p16 = getarrayitem_r(p14, 0, descr=<PtrArray>)
i17 = getarrayitem_i(p10, 0, descr=<Int8Array>)
i18 = getarrayitem_i(p10, i1, descr=<Uint16Array>)
i19 = getarrayitem_i(p0, i1, descr=<HeaderWords>)
i20 = getarrayitem_i(p0, 2, descr=<HeaderWords>)
setfield(p0, 300, descr=<object.B>)
setfield(p0, -1, descr=<object.U>)
setfield(p0, 12345, descr=<object.N>)
setfield(p0, -0.0, descr=<object.F>)
setfield(p0, 4294967297, descr=<object.W>)
setarrayitem(p10, 2, i3, descr=<Int64Array>)
setarrayitem(p12, 0, f7, descr=<Float64Array>)
setarrayitem(p10, 1, -1, descr=<Int8Array>)
setarrayitem(p10, i1, 65537, descr=<Uint16Array>)
setarrayitem(p12, i1, 1.25, descr=<Float64Array>)
setarrayitem(p10, 0, 1099511627776, descr=<Int64Array>)
finish(i2, i3, i4, i5, i6, f7, i9, i11, f13, p15, p16, i17, i18, i19, i20)
`)
	l := ar.Compile(t, tr)
	ref, _ := irexec.New().Compile(tr)
	a, b := NewTestObject(), NewTestObject()
	var want, got backend.Exit
	ref.Run([]uint64{0, 1}, []unsafe.Pointer{unsafe.Pointer(a)}, &want)
	l.Run([]uint64{0, 1}, []unsafe.Pointer{unsafe.Pointer(b)}, &got)
	// The pointers loaded are the objects' own (a's for irexec, b's here): compare the rest.
	if got.Ptr(15) != unsafe.Pointer(b.Next) || got.Ptr(16) != nil {
		t.Errorf("pointer loads %p %p", got.Ptr(15), got.Ptr(16))
	}
	for _, r := range []trace.Ref{2, 3, 4, 5, 6, 7, 9, 11, 13, 17, 18, 20} {
		if want.Bits(r) != got.Bits(r) {
			t.Errorf("%s = %#x, irexec %#x", tr.FormatRef(r), got.Bits(r), want.Bits(r))
		}
	}
	if got.Int(19) != int64(len(b.Floats)) || got.Int(20) != int64(cap(b.Floats)) {
		t.Errorf("slice header words %d %d", got.Int(19), got.Int(20))
	}
	a.Next, b.Next, a.Objs, b.Objs = nil, nil, nil, nil
	if !reflect.DeepEqual(a, b) {
		t.Errorf("stores differ:\nirexec %+v\nnative %+v", a, b)
	}
	if b.B != 44 || b.U != 0xffff || b.N != 12345 || math.Float64bits(b.F) != 1<<63 || b.W != 1 || b.Items[0] != 1<<40 || b.Floats[1] != 1.25 {
		t.Errorf("stores: %+v", b)
	}
}

// An array of structs read and written one field at a time (ArrayDescr.Size below ItemSize),
// as the interpreter reads its lists of Values: strides of 24 and 32 bytes (IMUL into R11) and
// 8 (an addressing mode), constant and variable indexes.
func (ar *Arch) testArrayOfStructFields(t *testing.T) {
	type item struct {
		tag  uint8
		bits int64
		f    float64
	}
	type wide struct {
		tag  int16
		_    [3]int64
		bits int32
	}
	items := []item{{1, -5, 0.5}, {2, 7, 1.5}, {255, 1 << 40, -2.0}}
	wides := []wide{{tag: -1, bits: -7}, {tag: 300, bits: 1 << 30}, {tag: 5, bits: -1}}
	tag := &trace.ArrayDescr{Name: "item.tag", ItemSize: unsafe.Sizeof(item{}), BaseOffset: unsafe.Offsetof(item{}.tag), Size: 1, Type: trace.Int}
	bits := &trace.ArrayDescr{Name: "item.bits", ItemSize: unsafe.Sizeof(item{}), BaseOffset: unsafe.Offsetof(item{}.bits), Size: 8, Type: trace.Int, Signed: true}
	flt := &trace.ArrayDescr{Name: "item.f", ItemSize: unsafe.Sizeof(item{}), BaseOffset: unsafe.Offsetof(item{}.f), Size: 8, Type: trace.Float}
	wtag := &trace.ArrayDescr{Name: "wide.tag", ItemSize: unsafe.Sizeof(wide{}), BaseOffset: unsafe.Offsetof(wide{}.tag), Size: 2, Type: trace.Int, Signed: true}
	wbits := &trace.ArrayDescr{Name: "wide.bits", ItemSize: unsafe.Sizeof(wide{}), BaseOffset: unsafe.Offsetof(wide{}.bits), Size: 4, Type: trace.Int, Signed: true}
	words := &trace.ArrayDescr{Name: "words", ItemSize: 8, BaseOffset: 4, Size: 4, Type: trace.Int}
	tr := Parse(t, `
[p0, i1, p2]
i3 = getarrayitem_i(p0, i1, descr=<item.tag>)
i4 = getarrayitem_i(p0, i1, descr=<item.bits>)
f5 = getarrayitem_f(p0, i1, descr=<item.f>)
i6 = getarrayitem_i(p0, 2, descr=<item.bits>)
i7 = getarrayitem_i(p2, i1, descr=<wide.tag>)
i8 = getarrayitem_i(p2, i1, descr=<wide.bits>)
i9 = getarrayitem_i(p0, i1, descr=<words>)
setarrayitem(p0, i1, 9, descr=<item.tag>)
setarrayitem(p2, i1, i4, descr=<wide.bits>)
setarrayitem(p0, 1, f5, descr=<item.f>)
finish(i3, i4, f5, i6, i7, i8, i9)
`, tag, bits, flt, wtag, wbits, words)
	l := ar.Compile(t, tr)
	ref, _ := irexec.New().Compile(tr)
	for i := range items {
		itemsR, widesR := append([]item(nil), items...), append([]wide(nil), wides...)
		var want backend.Exit
		ref.Run([]uint64{0, uint64(i), 0}, []unsafe.Pointer{unsafe.Pointer(&itemsR[0]), nil, unsafe.Pointer(&widesR[0])}, &want)
		itemsN, widesN := append([]item(nil), items...), append([]wide(nil), wides...)
		var got backend.Exit
		l.Run([]uint64{0, uint64(i), 0}, []unsafe.Pointer{unsafe.Pointer(&itemsN[0]), nil, unsafe.Pointer(&widesN[0])}, &got)
		if d := backend.DiffExits(&want, &got); d != "" {
			t.Errorf("item %d: %s\n%s", i, d, l.Disassemble())
		}
		if !reflect.DeepEqual(itemsR, itemsN) || !reflect.DeepEqual(widesR, widesN) {
			t.Errorf("item %d: stores differ: %+v %+v, irexec %+v %+v", i, itemsN, widesN, itemsR, widesR)
		}
		if itemsN[i].tag != 9 || widesN[i].bits != int32(items[i].bits) {
			t.Errorf("item %d after the stores: %+v %+v", i, itemsN[i], widesN[i])
		}
	}
}

// The sum_list loop on a Go slice: the length and data pointer come from the slice header in
// a preamble (loop invariants), the body is bounds-checked with uint_lt.
func (ar *Arch) testSumOverGoSlice(t *testing.T) {
	tr := ParseObj(t, `
[p0, i1, i2]
i3 = getfield_i(p0, descr=<object.Items.len>)
p4 = getfield_r(p0, descr=<object.Items.ptr>)
label(i1, i2)
i6 = uint_lt(i2, i3)
guard_true(i6) [f1@3: 0=p0 1=i1 2=i2]
i8 = getarrayitem_i(p4, i2, descr=<Int64Array>)
i9 = int_add_ovf(i1, i8)
guard_no_overflow() [f1@5: 0=p0 1=i1 2=i2 3=i8]
i11 = int_add(i2, 1)
jump(i9, i11)
`)
	l := ar.Compile(t, tr)
	obj := &Object{}
	for i := int64(0); i < 1000; i++ {
		obj.Items = append(obj.Items, i*i-500)
	}
	e := ar.Same(t, tr, l, []uint64{0, 0, 0}, []unsafe.Pointer{unsafe.Pointer(obj)})
	if e.Op != 7 || e.Int(2) != 1000 || e.Ptr(0) != unsafe.Pointer(obj) {
		t.Errorf("left at %d", e.Op)
	}
	obj.Items = []int64{1, 2, math.MaxInt64, 4}
	if e := ar.Same(t, tr, l, []uint64{0, 0, 0}, []unsafe.Pointer{unsafe.Pointer(obj)}); e.Op != 10 || e.Int(8) != math.MaxInt64 {
		t.Errorf("overflow: left at %d", e.Op)
	}
	// No allocation per run when the Exit and the inputs are reused.
	obj.Items = obj.Items[:2]
	ints, ptrs := []uint64{0, 0, 0}, []unsafe.Pointer{unsafe.Pointer(obj)}
	var exit backend.Exit
	if n := testing.AllocsPerRun(100, func() { l.Run(ints, ptrs, &exit) }); n != 0 {
		t.Errorf("%v allocations per run", n)
	}
}

// A linked-list loop carries a pointer around the loop and leaves at the null.
func (ar *Arch) testPointerLoop(t *testing.T) {
	var list *Object
	for i := int64(1); i <= 1000; i++ {
		list = &Object{N: i, Next: list}
	}
	tr := ParseObj(t, `
[p0, i1]
label(p0, i1)
guard_nonnull(p0) [f0@0: 0=p0 1=i1]
i4 = getfield_i(p0, descr=<object.N>)
i5 = int_add(i1, i4)
p6 = getfield_r(p0, descr=<object.Next>)
jump(p6, i5)
`)
	l := ar.Compile(t, tr)
	if e := ar.Same(t, tr, l, []uint64{0, 0}, []unsafe.Pointer{unsafe.Pointer(list)}); e.Int(1) != 500500 {
		t.Errorf("sum %d", e.Int(1))
	}
}

// The jump's assignment is parallel: swaps of ints and of floats, a value passed through,
// constants, an invariant.
func (ar *Arch) testJumpIsAParallelAssignment(t *testing.T) {
	tr := Parse(t, `
[i0, i1, f2, f3, i4, i5]
i6 = int_mul(i5, 3)
label(i0, i1, f2, f3, i4, i5)
i8 = int_gt(i4, 0)
guard_true(i8) [f0@0: 0=i0 1=i1 2=f2 3=f3 4=i5 5=i6]
i10 = int_sub(i4, 1)
f11 = float_add(f2, 1.0)
i12 = int_add(i0, i6)
jump(i1, i12, f3, f11, i10, 7)
`)
	l := ar.Compile(t, tr)
	for n := uint64(0); n < 8; n++ {
		ar.Same(t, tr, l, []uint64{10, 20, math.Float64bits(0.5), math.Float64bits(100), n, 5}, nil)
	}
}

// A loop without a label jumps back to the first op, rebinding the inputs.
func (ar *Arch) testLoopWithoutLabel(t *testing.T) {
	tr := Parse(t, `
[i0, f1]
i2 = int_lt(i0, 100000)
guard_true(i2) [f0@0: 0=i0 1=f1]
i4 = int_add(i0, 7)
f5 = float_mul(f1, 1.0001)
jump(i4, f5)
`)
	l := ar.Compile(t, tr)
	ar.Same(t, tr, l, []uint64{0, math.Float64bits(1)}, nil)
}

// Register pressure: more live ints and floats than registers, carried around a loop (the
// head state keeps some in their homes), rotated by the jump (cycles through memory).
func (ar *Arch) testRegisterPressure(t *testing.T) {
	const nI, nF = 20, 20
	var in, body, snap, next []string
	for k := 0; k < nI; k++ {
		in = append(in, fmt.Sprintf("i%d", k))
		snap = append(snap, fmt.Sprintf("%d=i%d", k, k))
		// Every new value is used after all of them are computed: all are live at once.
		body = append(body, fmt.Sprintf("iN%d = int_add(i%d, i%d)", k, k, (k+1)%nI))
		next = append(next, fmt.Sprintf("iN%d", (k+1)%nI))
	}
	for k := 0; k < nF; k++ {
		in = append(in, fmt.Sprintf("f%d", nI+k))
		snap = append(snap, fmt.Sprintf("%d=f%d", nI+k, nI+k))
		body = append(body, fmt.Sprintf("fG%d = float_add(f%d, f%d)", k, nI+k, nI+(k+3)%nF))
		next = append(next, fmt.Sprintf("fG%d", (k+5)%nF))
	}
	cnt := fmt.Sprintf("i%d", nI+nF)
	in = append(in, cnt)
	next = append(next, "iDec")
	text := fmt.Sprintf("[%s]\nlabel(%s)\niC = int_gt(%s, 0)\nguard_true(iC) [f0@0: %s]\n%s\niDec = int_sub(%s, 1)\njump(%s)\n",
		strings.Join(in, ", "), strings.Join(in, ", "), cnt, strings.Join(snap, " "), strings.Join(body, "\n"), cnt, strings.Join(next, ", "))
	tr := Parse(t, text)
	l := ar.Compile(t, tr)
	ints := make([]uint64, nI+nF+1)
	for k := range ints {
		ints[k] = uint64(k * 3)
		if k >= nI && k < nI+nF {
			ints[k] = math.Float64bits(float64(k) / 7)
		}
	}
	for _, n := range []uint64{0, 1, 2, 5, 100} {
		ints[nI+nF] = n
		ar.Same(t, tr, l, ints, nil)
	}
}

// A long run crosses many yields to Go: the loop state (ints, floats, pointers, invariants)
// survives every yield and re-entry.
func (ar *Arch) testYieldsKeepTheLoopState(t *testing.T) {
	obj := &Object{N: 3}
	tr := ParseObj(t, `
[i0, f1, p2, i3]
i4 = getfield_i(p2, descr=<object.N>)
label(i0, f1, p2, i3)
i6 = int_lt(i0, i3)
guard_true(i6) [f0@0: 0=i0 1=f1 2=p2 3=i4]
i8 = int_add(i0, i4)
f9 = float_add(f1, 0.5)
jump(i8, f9, p2, i3)
`)
	l := ar.Compile(t, tr)
	e := ar.Same(t, tr, l, []uint64{0, 0, 0, 3 * 3_000_000}, []unsafe.Pointer{nil, nil, unsafe.Pointer(obj)})
	if e.Int(0) != 3*3_000_000 || e.Float(1) != 1_500_000 || e.Ptr(2) != unsafe.Pointer(obj) {
		t.Errorf("after the loop: %d %v %p", e.Int(0), e.Float(1), e.Ptr(2))
	}
	if *ar.Budget(l) >= 3_000_000 {
		t.Errorf("budget %d: the loop never yielded", *ar.Budget(l))
	}
}

func (ar *Arch) testResidualCalls(t *testing.T) {
	var log []int64
	add := &trace.CallDescr{Name: "add3", ArgTypes: []trace.Type{trace.Int, trace.Int, trace.Int}, Result: trace.Int, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetInt(a.Int(0) + a.Int(1) + a.Int(2)); return true }}
	hyp := &trace.CallDescr{Name: "hypot", ArgTypes: []trace.Type{trace.Float, trace.Float}, Result: trace.Float, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetFloat(math.Hypot(a.Float(0), a.Float(1))); return true }}
	mk := &trace.CallDescr{Name: "make_object", ArgTypes: []trace.Type{trace.Int, trace.Ptr}, Result: trace.Ptr,
		Fn: func(a *trace.CallArgs) bool {
			a.SetPtr(unsafe.Pointer(&Object{N: a.Int(0), Next: (*Object)(a.Ptr(1))}))
			return true
		}}
	record := &trace.CallDescr{Name: "record", ArgTypes: []trace.Type{trace.Int}, Result: trace.Void,
		Fn: func(a *trace.CallArgs) bool { log = append(log, a.Int(0)); return true }}
	div := &trace.CallDescr{Name: "checked_div", ArgTypes: []trace.Type{trace.Int, trace.Int}, Result: trace.Int, CanFail: true,
		Fn: func(a *trace.CallArgs) bool {
			if a.Int(1) == 0 {
				return false
			}
			a.SetInt(a.Int(0) / a.Int(1))
			return true
		}}
	tr := ParseObj(t, `
[i0, i1, p2, f3]
f4 = float_add(f3, 1.0)
i5 = int_mul(i0, 2)
i6 = call_i(i0, i1, 100, descr=<add3>)
f7 = call_f(3.0, f4, descr=<hypot>)
p8 = call_r(i6, p2, descr=<make_object>)
call_n(i6, descr=<record>)
i10 = call_i(i6, i1, descr=<checked_div>) [f2@9: 0=i6 1=i1 2=f4 3=p8]
call_n(i10, descr=<record>)
i12 = getfield_i(p8, descr=<object.N>)
i13 = int_add(i12, i5)
f14 = float_add(f7, f4)
finish(i10, f7, p8, i13, f14, i5)
`, add, hyp, mk, record, div)
	l := ar.Compile(t, tr)
	other := &Object{}
	var exit backend.Exit
	l.Run([]uint64{5, 7, 0, math.Float64bits(3)}, []unsafe.Pointer{nil, nil, unsafe.Pointer(other)}, &exit)
	if !exit.IsFinish() || exit.Int(10) != 112/7 || exit.Float(7) != 5 || exit.Int(13) != 122 || exit.Float(14) != 9 || exit.Int(5) != 10 {
		t.Fatalf("left at %d: %d %v %d %v\n%s", exit.Op, exit.Int(10), exit.Float(7), exit.Int(13), exit.Float(14), l.Disassemble())
	}
	if o := (*Object)(exit.Ptr(8)); o.N != 112 || o.Next != other {
		t.Errorf("call_r made %+v", o)
	}
	if len(log) != 2 || log[0] != 112 || log[1] != 16 {
		t.Errorf("call_n log %v", log)
	}
	// The failing call leaves through its snapshot: nothing after it ran.
	log = nil
	l.Run([]uint64{5, 0, 0, math.Float64bits(3)}, []unsafe.Pointer{nil, nil, unsafe.Pointer(other)}, &exit)
	if exit.Op != 10 || exit.Snapshot().Frames[0].PC != 9 || exit.Int(6) != 105 || exit.Float(4) != 4 || (*Object)(exit.Ptr(8)).N != 105 {
		t.Errorf("failing call: left at %d", exit.Op)
	}
	if len(log) != 1 {
		t.Errorf("ops after the failing call ran: %v", log)
	}
	if l.Exits(10) != 1 || l.Exits(15) != 1 || l.Exits(6) != 0 {
		t.Errorf("exit counters %d %d %d", l.Exits(10), l.Exits(15), l.Exits(6))
	}
}

func (ar *Arch) testFailingCallWithoutCanFailPanics(t *testing.T) {
	bad := &trace.CallDescr{Name: "liar", ArgTypes: []trace.Type{}, Result: trace.Void,
		Fn: func(*trace.CallArgs) bool { return false }}
	l := ar.Compile(t, Parse(t, "[]\ncall_n(descr=<liar>)\nfinish()", bad))
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "CanFail") {
			t.Errorf("recovered %v", r)
		}
	}()
	var exit backend.Exit
	l.Run(nil, nil, &exit)
}

// new allocates through Go; the Object is held only by the trace while residual calls run the
// garbage collector and make garbage, and must survive (its home is in the area on the
// goroutine stack, typed as a pointer).
func (ar *Arch) testNewSurvivesGC(t *testing.T) {
	gc := &trace.CallDescr{Name: "gc", ArgTypes: []trace.Type{}, Result: trace.Void,
		Fn: func(*trace.CallArgs) bool { runtime.GC(); return true }}
	garbage := &trace.CallDescr{Name: "garbage", ArgTypes: []trace.Type{}, Result: trace.Void,
		Fn: func(*trace.CallArgs) bool {
			for i := 0; i < 1000; i++ {
				_ = make([]byte, 64)
			}
			return true
		}}
	tr := ParseObj(t, `
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
	l := ar.Compile(t, tr)
	var exit backend.Exit
	l.Run([]uint64{0}, nil, &exit)
	if exit.Op != 10 || exit.Int(0) != 20 {
		t.Fatalf("left at %d with i0=%d", exit.Op, exit.Int(0))
	}
	if o := (*Object)(exit.Ptr(2)); o.N != 20 {
		t.Errorf("the new object holds %d", o.N)
	}
}

// A residual call may run the same loop again (nested runs, each with its own area).
func (ar *Arch) testReentrantRun(t *testing.T) {
	var l Native
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
			l.Run([]uint64{uint64(n - 1), uint64(k * 2)}, nil, &inner)
			a.SetInt(inner.Int(3) + n)
			return true
		}}
	l = ar.Compile(t, Parse(t, "[i0, i1]\ni2 = int_add(i0, i1)\ni3 = call_i(i0, i1, descr=<recurse>)\ni4 = int_add(i3, i2)\nfinish(i3, i4, i2)", recurse))
	var exit backend.Exit
	l.Run([]uint64{5, 1}, nil, &exit)
	if exit.Int(3) != 47 || depth != 5 || exit.Int(4) != 53 {
		t.Errorf("f(5, 1) = %d, depth %d", exit.Int(3), depth)
	}
}

// Runs of one loop in several goroutines at once.
func (ar *Arch) testConcurrentRuns(t *testing.T) {
	tr := Parse(t, `
[i0, i1, i2]
label(i0, i1, i2)
i4 = int_lt(i0, i1)
guard_true(i4) [f0@0: 0=i0 1=i2]
i6 = int_add(i2, i0)
i7 = int_add(i0, 1)
jump(i7, i1, i6)
`)
	l := ar.Compile(t, tr)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(n int64) {
			defer wg.Done()
			var exit backend.Exit
			for k := 0; k < 50; k++ {
				l.Run([]uint64{0, uint64(n), 0}, nil, &exit)
				if exit.Int(2) != n*(n-1)/2 {
					t.Errorf("sum to %d = %d", n, exit.Int(2))
					return
				}
			}
		}(int64(1000 + g*1000))
	}
	wg.Wait()
}

// Compiling from several goroutines at once: golang-asm's tables are initialized and used
// under asmMu (run with -race).
func (ar *Arch) testConcurrentCompiles(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				tr := Parse(t, "[i0, f1]\ni2 = int_mul(i0, 3)\nf3 = float_mul(f1, 2.0)\nfinish(i2, f3)")
				if _, err := ar.Backend.Compile(tr); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func (ar *Arch) testExitAccessors(t *testing.T) {
	tr, err := trace.Parse(`
[i0, f1, p2]
guard_true(i0) [f4@2: 0=i0 1=-3:int 2=2.5:float 3=ConstPtr(null) | f5@8*: 0=f1:float 1=p2:obj]
finish(i0, 7, f1)
`, nil, map[string]uint32{"int": 1, "float": 2, "obj": 3})
	if err != nil {
		t.Fatal(err)
	}
	l := ar.Compile(t, tr)
	obj := &Object{}
	e := ar.Same(t, tr, l, []uint64{0, math.Float64bits(-0.25)}, []unsafe.Pointer{nil, nil, unsafe.Pointer(obj)})
	if e.Op != 3 || e.Float(1) != -0.25 || e.Ptr(2) != unsafe.Pointer(obj) || e.Snapshot().Frames[1].PC != 8 {
		t.Errorf("exit %d", e.Op)
	}
	e = ar.Same(t, tr, l, []uint64{1, math.Float64bits(-0.25)}, []unsafe.Pointer{nil, nil, unsafe.Pointer(obj)})
	if !e.IsFinish() || e.Snapshot() != nil {
		t.Error("finish")
	}
}

func (ar *Arch) testCompileErrors(t *testing.T) {
	bad := trace.NewTrace("bad")
	bad.Emit(trace.OpIntAdd, trace.Int, 0, 0)
	if _, err := ar.Backend.Compile(bad); err == nil {
		t.Error("compiled an invalid trace")
	}
	far := &trace.FieldDescr{Name: "far", Offset: 1 << 31, Size: 8, Type: trace.Int}
	if _, err := ar.Backend.Compile(Parse(t, "[p0]\ni1 = getfield_i(p0, descr=<far>)\nfinish(i1)", far)); err == nil || !strings.Contains(err.Error(), "offset") {
		t.Errorf("field at 2 GiB: %v", err)
	}
	if ar.Backend.Name() != ar.Name {
		t.Error("name")
	}
}

package opt

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/trace"
)

// Tests of loop peeling (unroll.go), in the style of PyPy's optimizeopt/test/test_optimizeopt.py
// (whose expected loops show the preamble and the peeled loop): a loop trace before, the
// preamble and the loop body expected after. Then behaviour tests: loops over Go memory run on
// irexec before and after, with the same exits and the same memory.

func TestUnrollInvariants(t *testing.T) {
	runMemCases(t, Unroll, []memCase{
		{name: "an invariant load and its guard leave the loop", before: `
[p0]
label(p0)
i1 = getfield_i(p0, descr=<Obj.b>)
guard_value(i1, 3) [f0@1]
i3 = getfield_i(p0, descr=<Obj.i>)
i4 = int_add(i3, 1)
setfield(p0, i4, descr=<Obj.i>)
jump(p0)
`, after: `
[p0]
i1 = getfield_i(p0, descr=<Obj.b>)
guard_value(i1, 3) [f0@1]
i3 = getfield_i(p0, descr=<Obj.i>)
i4 = int_add(i3, 1)
setfield(p0, i4, descr=<Obj.i>)
label(i4)
i7 = int_add(i4, 1)
setfield(p0, i7, descr=<Obj.i>)
jump(i7)
`},
		{name: "a chain of invariant loads leaves the loop", before: `
[p0, i1]
label(p0, i1)
p2 = getfield_r(p0, descr=<Obj.p>)
i3 = getfield_i(p2, descr=<Obj.i>)
i4 = int_lt(i1, i3)
guard_true(i4) [f0@1: 0=i1:int]
i6 = getarrayitem_i(p2, i1, descr=<IntArray>)
i7 = int_add(i1, i6)
jump(p0, i7)
`, after: `
[p0, i1]
p2 = getfield_r(p0, descr=<Obj.p>)
i3 = getfield_i(p2, descr=<Obj.i>)
i4 = int_lt(i1, i3)
guard_true(i4) [f0@1: 0=i1:int]
i6 = getarrayitem_i(p2, i1, descr=<IntArray>)
i7 = int_add(i1, i6)
label(i7)
i9 = int_lt(i7, i3)
guard_true(i9) [f0@1: 0=i7:int]
i11 = getarrayitem_i(p2, i7, descr=<IntArray>)
i12 = int_add(i7, i11)
jump(i12)
`},
		{name: "pure ops of invariant values leave the loop", before: `
[p0, i1]
label(p0, i1)
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = int_mul(i2, 3)
i4 = int_add(i1, i3)
jump(p0, i4)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = int_mul(i2, 3)
i4 = int_add(i1, i3)
label(i4)
i6 = int_add(i4, i3)
jump(i6)
`},
		{name: "an overflow check of invariant values leaves the loop", before: `
[i0, i1]
label(i0, i1)
i2 = int_sub_ovf(i1, 1)
guard_no_overflow() [f0@1]
i4 = int_lt(i0, i2)
guard_true(i4) [f0@2: 0=i0:int]
i6 = int_add(i0, 1)
jump(i6, i1)
`, after: `
[i0, i1]
i2 = int_sub_ovf(i1, 1)
guard_no_overflow() [f0@1]
i4 = int_lt(i0, i2)
guard_true(i4) [f0@2: 0=i0:int]
i6 = int_add(i0, 1)
label(i6)
i8 = int_lt(i6, i2)
guard_true(i8) [f0@2: 0=i6:int]
i10 = int_add(i6, 1)
jump(i10)
`},
		{name: "a pure call that can fail, on invariant values, leaves the loop", before: `
[p0, i1]
label(p0, i1)
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = call_i(i2, descr=<pureCanFail>) [f0@1]
i4 = int_add(i1, i3)
jump(p0, i4)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = call_i(i2, descr=<pureCanFail>) [f0@1]
i4 = int_add(i1, i3)
label(i4)
i6 = int_add(i4, i3)
jump(i6)
`},
		{name: "a place that holds the same constant at every iteration needs no label argument", before: `
[p0, i1]
label(p0, i1)
i2 = getfield_i(p0, descr=<Obj.b>)
guard_value(i2, 3) [f0@1]
setfield(p0, 3, descr=<Obj.b>)
i5 = int_add(i1, i2)
jump(p0, i5)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.b>)
guard_value(i2, 3) [f0@1]
setfield(p0, 3, descr=<Obj.b>)
i5 = int_add(i1, i2)
label(i5)
i7 = int_add(i5, 3)
jump(i7)
`},
		{name: "a load the preamble learned is constant folds away", before: `
[p0, i1]
label(p0, i1)
i2 = getfield_i(p0, descr=<Obj.b>)
guard_value(i2, 2) [f0@1]
i4 = int_mul(i1, i2)
i5 = int_eq(i2, 2)
guard_true(i5) [f0@2]
jump(p0, i4)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.b>)
guard_value(i2, 2) [f0@1]
i4 = int_mul(i1, i2)
i5 = int_eq(i2, 2)
guard_true(i5) [f0@2]
label(i4)
i7 = int_mul(i4, 2)
jump(i7)
`},
		{name: "an invariant pointer item leaves the loop, an int item a byte store may write stays", before: `
[p0, i1]
label(p0, i1)
i2 = getarrayitem_i(p0, 0, descr=<IntArray>)
p3 = getarrayitem_r(p0, 1, descr=<PtrArray>)
i4 = int_add(i1, i2)
setarrayitem(p3, i1, i4, descr=<ByteArray>)
jump(p0, i4)
`, after: `
[p0, i1]
i2 = getarrayitem_i(p0, 0, descr=<IntArray>)
p3 = getarrayitem_r(p0, 1, descr=<PtrArray>)
i4 = int_add(i1, i2)
setarrayitem(p3, i1, i4, descr=<ByteArray>)
label(i4)
i6 = getarrayitem_i(p0, 0, descr=<IntArray>)
i7 = int_add(i4, i6)
setarrayitem(p3, i4, i7, descr=<ByteArray>)
jump(i7)
`},
		{name: "the loop body's snapshots name the loop's values", before: `
[p0, i1, i2]
label(p0, i1, i2)
i3 = getfield_i(p0, descr=<Obj.i>)
i4 = int_add(i1, i3)
i5 = int_lt(i4, 100)
guard_true(i5) [f0@1: 0=i1:int 1=i2:int 2=i3:int 3=p0:ptr]
jump(p0, i4, i2)
`, after: `
[p0, i1, i2]
i3 = getfield_i(p0, descr=<Obj.i>)
i4 = int_add(i1, i3)
i5 = int_lt(i4, 100)
guard_true(i5) [f0@1: 0=i1:int 1=i2:int 2=i3:int 3=p0:ptr]
label(i4)
i7 = int_add(i4, i3)
i8 = int_lt(i7, 100)
guard_true(i8) [f0@1: 0=i4:int 1=i2:int 2=i3:int 3=p0:ptr]
jump(i7)
`},
	})
}

func TestUnrollMustNotAct(t *testing.T) {
	runMemCases(t, Unroll, []memCase{
		{name: "NOT: a field written in the loop is reloaded after a call", before: `
[p0]
label(p0)
call_n(1, descr=<effect>)
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = int_add(i2, 1)
setfield(p0, i3, descr=<Obj.i>)
jump(p0)
`, after: `
[p0]
call_n(1, descr=<effect>)
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = int_add(i2, 1)
setfield(p0, i3, descr=<Obj.i>)
label()
call_n(1, descr=<effect>)
i6 = getfield_i(p0, descr=<Obj.i>)
i7 = int_add(i6, 1)
setfield(p0, i7, descr=<Obj.i>)
jump()
`},
		{name: "NOT: a store through another object may write the field", before: `
[p0, p1, i2]
label(p0, p1, i2)
i3 = getfield_i(p0, descr=<Obj.i>)
i4 = int_add(i2, i3)
setfield(p1, i4, descr=<Obj.i>)
jump(p0, p1, i4)
`, after: `
[p0, p1, i2]
i3 = getfield_i(p0, descr=<Obj.i>)
i4 = int_add(i2, i3)
setfield(p1, i4, descr=<Obj.i>)
label(i4)
i6 = getfield_i(p0, descr=<Obj.i>)
i7 = int_add(i4, i6)
setfield(p1, i7, descr=<Obj.i>)
jump(i7)
`},
		{name: "NOT: a field whose end value a later call hides", before: `
[p0]
label(p0)
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = int_add(i1, 1)
setfield(p0, i2, descr=<Obj.i>)
call_n(i2, descr=<effect>)
jump(p0)
`, after: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = int_add(i1, 1)
setfield(p0, i2, descr=<Obj.i>)
call_n(i2, descr=<effect>)
label()
i5 = getfield_i(p0, descr=<Obj.i>)
i6 = int_add(i5, 1)
setfield(p0, i6, descr=<Obj.i>)
call_n(i6, descr=<effect>)
jump()
`},
		{name: "NOT: a field of an object that changes", before: `
[p0, p1]
label(p0, p1)
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = int_add(i2, 1)
setfield(p0, i3, descr=<Obj.i>)
jump(p1, p0)
`, after: `
[p0, p1]
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = int_add(i2, 1)
setfield(p0, i3, descr=<Obj.i>)
label(p1, p0)
i6 = getfield_i(p1, descr=<Obj.i>)
i7 = int_add(i6, 1)
setfield(p1, i7, descr=<Obj.i>)
jump(p0, p1)
`},
		{name: "NOT: a store through a descr sharing the bytes", before: `
[p0, f1]
label(p0, f1)
i2 = getfield_i(p0, descr=<Obj.i>)
f3 = cast_int_to_float(i2)
f4 = float_add(f1, f3)
setfield(p0, f4, descr=<Obj.i_as_f>)
jump(p0, f4)
`, after: `
[p0, f1]
i2 = getfield_i(p0, descr=<Obj.i>)
f3 = cast_int_to_float(i2)
f4 = float_add(f1, f3)
setfield(p0, f4, descr=<Obj.i_as_f>)
label(f4)
i6 = getfield_i(p0, descr=<Obj.i>)
f7 = cast_int_to_float(i6)
f8 = float_add(f4, f7)
setfield(p0, f8, descr=<Obj.i_as_f>)
jump(f8)
`},
		{name: "NOT: a residual call in the loop may write anything", before: `
[p0]
label(p0)
i1 = getfield_i(p0, descr=<Obj.b>)
guard_value(i1, 3) [f0@1]
call_n(i1, descr=<effect>)
jump(p0)
`, after: `
[p0]
i1 = getfield_i(p0, descr=<Obj.b>)
guard_value(i1, 3) [f0@1]
call_n(i1, descr=<effect>)
label()
i4 = getfield_i(p0, descr=<Obj.b>)
guard_value(i4, 3) [f0@1]
call_n(i4, descr=<effect>)
jump()
`},
		{name: "an item the loop stores beside is carried by the label", before: `
[p0, i1]
label(p0, i1)
i2 = getarrayitem_i(p0, 0, descr=<IntArray>)
i3 = int_add(i1, i2)
setarrayitem(p0, 1, i3, descr=<IntArray>)
jump(p0, i3)
`, after: `
[p0, i1]
i2 = getarrayitem_i(p0, 0, descr=<IntArray>)
i3 = int_add(i1, i2)
setarrayitem(p0, 1, i3, descr=<IntArray>)
label(i3, i2)
i6 = int_add(i3, i2)
setarrayitem(p0, 1, i6, descr=<IntArray>)
jump(i6, i2)
`},
		{name: "NOT: a guard on a value that changes", before: `
[i0]
label(i0)
i1 = int_lt(i0, 10)
guard_true(i1) [f0@1: 0=i0:int]
i3 = int_add(i0, 1)
jump(i3)
`, after: `
[i0]
i1 = int_lt(i0, 10)
guard_true(i1) [f0@1: 0=i0:int]
i3 = int_add(i0, 1)
label(i3)
i5 = int_lt(i3, 10)
guard_true(i5) [f0@1: 0=i3:int]
i7 = int_add(i3, 1)
jump(i7)
`},
		{name: "NOT: a trace that does not loop", before: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
finish(i1)
`},
		{name: "NOT: a pointer the label cannot carry as it is", before: `
[p0, p1]
label(p0, p1)
i2 = getfield_i(p1, descr=<Obj.i>)
guard_true(i2) [f0@1]
jump(p1, p1)
`},
	})
}

func TestUnrollLabelArguments(t *testing.T) {
	runMemCases(t, Unroll, []memCase{
		{name: "without a label, the inputs are the loop's values", before: `
[i0, i1]
i2 = int_add(i0, i1)
jump(i2, i1)
`, after: `
[i0, i1]
i2 = int_add(i0, i1)
label(i2)
i4 = int_add(i2, i1)
jump(i4)
`},
		{name: "a constant passed back gets a copy of its own", before: `
[i0, i1]
label(i0, i1)
i2 = int_add(i0, i1)
jump(i2, 0)
`, after: `
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_add(0, 0)  # same_as: a label argument of its own
label(i2, i3)
i5 = int_add(i2, i3)
jump(i5, 0)
`},
		{name: "a value passed back twice gets a copy", before: `
[i0, i1]
label(i0, i1)
i2 = int_add(i0, i1)
jump(i2, i2)
`, after: `
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_add(i2, 0)  # same_as: a label argument of its own
label(i2, i3)
i5 = int_add(i2, i3)
jump(i5, i5)
`},
		{name: "a float copy keeps every bit", before: `
[f0]
label(f0)
jump(-0.0)
`, after: `
[f0]
f1 = float_neg(-0.0)
f2 = float_neg(f1)  # same_as: a label argument of its own
label(f2)
jump(-0.0)
`},
		{name: "swapped values", before: `
[i0, i1]
label(i0, i1)
i2 = int_sub(i0, i1)
guard_true(i2) [f0@1: 0=i0:int 1=i1:int]
jump(i1, i0)
`, after: `
[i0, i1]
i2 = int_sub(i0, i1)
guard_true(i2) [f0@1: 0=i0:int 1=i1:int]
label(i1, i0)
i4 = int_sub(i1, i0)
guard_true(i4) [f0@1: 0=i1:int 1=i0:int]
jump(i0, i1)
`},
		{name: "a value the loop uses as an invariant is never rebound", before: `
[i0]
i1 = int_add(i0, 1)
label(i0)
i3 = int_add(i0, i1)
guard_true(i3) [f0@1]
jump(i1)
`, after: `
[i0]
i1 = int_add(i0, 1)
i2 = int_add(i0, i1)
guard_true(i2) [f0@1]
i4 = int_add(i1, 0)  # same_as: a label argument of its own
label(i4)
i6 = int_add(i4, i1)
guard_true(i6) [f0@1]
jump(i1)
`},
		{name: "NOT: facts about a rebound value do not enter the loop", before: `
[i0, i1]
label(i0, i1)
i2 = int_add(i1, 5)
i3 = int_mul(i0, 2)
jump(i3, i2)
`, after: `
[i0, i1]
i2 = int_add(i1, 5)
i3 = int_mul(i0, 2)
label(i3, i2)
i5 = int_add(i2, 5)
i6 = int_mul(i3, 2)
jump(i6, i5)
`},
		{name: "ops before the label stay before the preamble", before: `
[p0]
p1 = getfield_r(p0, descr=<Obj.p>)
i2 = getfield_i(p1, descr=<Obj.i>)
label(p0, i2)
i4 = getfield_i(p1, descr=<Obj.i>)
i5 = int_add(i2, i4)
jump(p0, i5)
`, after: `
[p0]
p1 = getfield_r(p0, descr=<Obj.p>)
i2 = getfield_i(p1, descr=<Obj.i>)
i3 = getfield_i(p1, descr=<Obj.i>)
i4 = int_add(i2, i3)
label(i4)
i6 = int_add(i4, i3)
jump(i6)
`},
	})
}

// sumState is the Go object the behaviour tests' loops run over, shaped like an
// interpreter's frame and list: a kind the loop guards, an index and a total it keeps in
// memory, and a slice of items.
type sumState struct {
	kind  uint8
	index int64
	total int64
	items []int64
}

var (
	sumKind     = &trace.FieldDescr{Name: "S.kind", Offset: unsafe.Offsetof(sumState{}.kind), Size: 1, Type: trace.Int}
	sumIndex    = &trace.FieldDescr{Name: "S.index", Offset: unsafe.Offsetof(sumState{}.index), Size: 8, Type: trace.Int, Signed: true}
	sumTotal    = &trace.FieldDescr{Name: "S.total", Offset: unsafe.Offsetof(sumState{}.total), Size: 8, Type: trace.Int, Signed: true}
	sumItemsPtr = &trace.FieldDescr{Name: "S.items.ptr", Offset: unsafe.Offsetof(sumState{}.items), Size: 8, Type: trace.Ptr}
	sumItemsLen = &trace.FieldDescr{Name: "S.items.len", Offset: unsafe.Offsetof(sumState{}.items) + 8, Size: 8, Type: trace.Int, Signed: true}
	int64Array  = &trace.ArrayDescr{Name: "int64_array", ItemSize: 8, Type: trace.Int, Signed: true}
)

func sumSymbols() *trace.Symbols {
	return &trace.Symbols{
		Descrs: trace.DescrTable{}.Add(sumKind, sumIndex, sumTotal, sumItemsPtr, sumItemsLen, int64Array),
		Tags:   map[string]uint32{"int": 1},
	}
}

// sumLoop is a loop as the recorder makes them (compare the sum_list trace in docs/): every
// value lives in memory, every iteration reloads the kind, the list, its length and data,
// and the loop carries only the frame pointer.
const sumLoop = `
# trace sum
[p0]
label(p0)
i1 = getfield_i(p0, descr=<S.kind>)
guard_value(i1, 1) [f0@0]
i3 = getfield_i(p0, descr=<S.index>)
i4 = getfield_i(p0, descr=<S.items.len>)
i5 = int_lt(i3, i4)
guard_true(i5) [f0@1]
p7 = getfield_r(p0, descr=<S.items.ptr>)
i8 = getarrayitem_i(p7, i3, descr=<int64_array>)
i9 = int_add(i3, 1)
setfield(p0, i9, descr=<S.index>)
i11 = getfield_i(p0, descr=<S.kind>)
guard_value(i11, 1) [f0@2: 0=i8:int]
i13 = getfield_i(p0, descr=<S.total>)
i14 = int_add_ovf(i13, i8)
guard_no_overflow() [f0@3: 0=i8:int 1=i13:int]
i16 = getfield_i(p0, descr=<S.kind>)
guard_value(i16, 1) [f0@4: 0=i14:int]
setfield(p0, i14, descr=<S.total>)
jump(p0)
`

// sumLoopOptimized is what heap then unroll make of sumLoop: the preamble, then a loop
// body with no guard but the loop condition and the overflow check, which never reloads
// the kind, the list's length or data pointer (invariant: the preamble's values serve), nor
// the index and the total (the label carries the values the last iteration stored).
const sumLoopOptimized = `
# trace sum
[p0]
i1 = getfield_i(p0, descr=<S.kind>)
guard_value(i1, 1) [f0@0]
i3 = getfield_i(p0, descr=<S.index>)
i4 = getfield_i(p0, descr=<S.items.len>)
i5 = int_lt(i3, i4)
guard_true(i5) [f0@1]
p7 = getfield_r(p0, descr=<S.items.ptr>)
i8 = getarrayitem_i(p7, i3, descr=<int64_array>)
i9 = int_add(i3, 1)
i10 = getfield_i(p0, descr=<S.total>)
setfield(p0, i9, descr=<S.index>)
i12 = int_add_ovf(i10, i8)
guard_no_overflow() [f0@3: 0=i8:int 1=i10:int]
setfield(p0, i12, descr=<S.total>)
label(i9, i12)
i16 = int_lt(i9, i4)
guard_true(i16) [f0@1]
i18 = getarrayitem_i(p7, i9, descr=<int64_array>)
i19 = int_add(i9, 1)
setfield(p0, i19, descr=<S.index>)
i21 = int_add_ovf(i12, i18)
guard_no_overflow() [f0@3: 0=i18:int 1=i12:int]
setfield(p0, i21, descr=<S.total>)
jump(i19, i21)
`

// heapThenUnroll is the part of the pipeline this file is about.
func heapThenUnroll(t *trace.Trace) (*trace.Trace, error) {
	t, err := Heap(t)
	if err != nil {
		return nil, err
	}
	return Unroll(t)
}

func parseSum(t testing.TB, text string) *trace.Trace {
	t.Helper()
	tr, err := trace.ParseWith(text, sumSymbols())
	if err != nil {
		t.Fatal(err)
	}
	if err := trace.Validate(tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestUnrollSumLoopShape(t *testing.T) {
	got, err := heapThenUnroll(parseSum(t, sumLoop))
	if err != nil {
		t.Fatal(err)
	}
	want := parseSum(t, sumLoopOptimized)
	if d := trace.Diff(got, want); d != "" {
		t.Errorf("%s\n--- got\n%s--- want\n%s", d, got.Format(sumSymbols()), want.Format(sumSymbols()))
	}
	if n, g := loopOps(got), guardsInLoop(got); n != 9 || g != 2 {
		t.Errorf("the loop body has %d ops and %d guards, want 9 and 2", n, g)
	}
}

// loopOps counts the ops of a trace's loop body (after the label, jump included; without a
// label, everything after the inputs): what one iteration executes.
func loopOps(t *trace.Trace) int {
	start := t.Label() + 1
	if start == 0 {
		start = len(t.Inputs())
	}
	n := 0
	for _, op := range t.Ops[start:] {
		if op.Opcode != trace.OpDebugMergePoint {
			n++
		}
	}
	return n
}

func guardsInLoop(t *trace.Trace) int {
	n := 0
	for _, op := range t.Ops[t.Label()+1:] {
		if op.Opcode.IsGuard() {
			n++
		}
	}
	return n
}

// exitSummary runs a trace on irexec with the frame p and describes how it left: the resume
// position and the snapshot's values (snapshot indexes differ between a trace and its peeled
// version, whose preamble has fresh ones), then the frame's memory.
func exitSummary(t testing.TB, tr *trace.Trace, s *sumState) string {
	t.Helper()
	loop, err := irexec.New().Compile(tr)
	if err != nil {
		t.Fatalf("%v\n%s", err, tr.Format(sumSymbols()))
	}
	var e backend.Exit
	loop.Run(nil, []unsafe.Pointer{unsafe.Pointer(s)}, &e)
	var b strings.Builder
	if snap := e.Snapshot(); snap != nil {
		for _, f := range snap.Frames {
			fmt.Fprintf(&b, "f%d@%d:", f.Code, f.PC)
			for _, sl := range f.Slots {
				fmt.Fprintf(&b, " %d=%d", sl.Index, e.Int(sl.Ref))
			}
		}
	} else {
		b.WriteString("finish")
	}
	fmt.Fprintf(&b, " | kind=%d index=%d total=%d", s.kind, s.index, s.total)
	return b.String()
}

func TestUnrollSumLoopBehaves(t *testing.T) {
	recorded := parseSum(t, sumLoop)
	optimized, err := heapThenUnroll(recorded)
	if err != nil {
		t.Fatal(err)
	}
	full, err := (&Pipeline{Validate: true}).Optimize(recorded)
	if err != nil {
		t.Fatal(err)
	}
	items := func(n int) []int64 {
		xs := make([]int64, n)
		for i := range xs {
			xs[i] = int64(i * 7)
		}
		return xs
	}
	cases := []struct {
		name  string
		state sumState
	}{
		{"runs to the end", sumState{kind: 1, items: items(1000)}},
		{"one item", sumState{kind: 1, items: items(1)}},
		{"empty: leaves in the preamble", sumState{kind: 1, items: nil}},
		{"started half way", sumState{kind: 1, index: 500, total: 3, items: items(1000)}},
		{"wrong kind: leaves at once", sumState{kind: 2, items: items(10)}},
		{"overflow in the loop", sumState{kind: 1, items: []int64{1, 2, math.MaxInt64 - 3, 5, 6}}},
		{"overflow in the preamble", sumState{kind: 1, total: math.MaxInt64, items: []int64{1}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s0, s1, s2 := c.state, c.state, c.state
			want := exitSummary(t, recorded, &s0)
			if got := exitSummary(t, optimized, &s1); got != want {
				t.Errorf("heap+unroll: %s, recorded: %s", got, want)
			}
			if got := exitSummary(t, full, &s2); got != want {
				t.Errorf("pipeline: %s, recorded: %s", got, want)
			}
		})
	}
}

// BenchmarkSumLoop runs the sum loop on irexec over 1000 items, as recorded and after the
// optimizer, and reports the ops one iteration executes (ops/iter).
func BenchmarkSumLoop(b *testing.B) {
	recorded := parseSum(b, sumLoop)
	optimized, err := heapThenUnroll(recorded)
	if err != nil {
		b.Fatal(err)
	}
	full, err := Default().Optimize(recorded)
	if err != nil {
		b.Fatal(err)
	}
	items := make([]int64, 1000)
	for i := range items {
		items[i] = int64(i)
	}
	for _, v := range []struct {
		name string
		t    *trace.Trace
	}{{"recorded", recorded}, {"heap+unroll", optimized}, {"pipeline", full}} {
		b.Run(v.name, func(b *testing.B) {
			loop, err := irexec.New().Compile(v.t)
			if err != nil {
				b.Fatal(err)
			}
			var e backend.Exit
			s := &sumState{kind: 1, items: items}
			ptrs := []unsafe.Pointer{unsafe.Pointer(s)}
			for b.Loop() {
				s.index, s.total = 0, 0
				loop.Run(nil, ptrs, &e)
			}
			if s.total != 999*1000/2 {
				b.Fatalf("total %d", s.total)
			}
			b.ReportMetric(float64(loopOps(v.t)), "ops/iter")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/item")
		})
	}
}

// memState is the Go object of the random memory loops below: a counter that bounds the
// loop, int fields of several sizes (one also read as a float, as an interpreter reads a
// boxed number's bits), a float, and a slice of four items.
type memState struct {
	count int64
	a     int64
	b     int64
	c     int16
	d     uint8
	f     float64
	items []int64
}

var (
	memCount    = &trace.FieldDescr{Name: "M.count", Offset: unsafe.Offsetof(memState{}.count), Size: 8, Type: trace.Int, Signed: true}
	memA        = &trace.FieldDescr{Name: "M.a", Offset: unsafe.Offsetof(memState{}.a), Size: 8, Type: trace.Int, Signed: true}
	memAasF     = &trace.FieldDescr{Name: "M.a_as_f", Offset: unsafe.Offsetof(memState{}.a), Size: 8, Type: trace.Float}
	memB        = &trace.FieldDescr{Name: "M.b", Offset: unsafe.Offsetof(memState{}.b), Size: 8, Type: trace.Int, Signed: true}
	memC        = &trace.FieldDescr{Name: "M.c", Offset: unsafe.Offsetof(memState{}.c), Size: 2, Type: trace.Int, Signed: true}
	memD        = &trace.FieldDescr{Name: "M.d", Offset: unsafe.Offsetof(memState{}.d), Size: 1, Type: trace.Int}
	memF        = &trace.FieldDescr{Name: "M.f", Offset: unsafe.Offsetof(memState{}.f), Size: 8, Type: trace.Float}
	memItemsPtr = &trace.FieldDescr{Name: "M.items.ptr", Offset: unsafe.Offsetof(memState{}.items), Size: 8, Type: trace.Ptr}
	// memBump is a residual call that writes memory behind the trace's back: b += 1.
	memBump = &trace.CallDescr{Name: "bump", ArgTypes: []trace.Type{trace.Ptr}, Result: trace.Void,
		Fn: func(a *trace.CallArgs) bool { (*memState)(a.Ptr(0)).b++; return true }}

	// memHalf is pure but can fail: x/2, failing for negative x.
	memHalf = &trace.CallDescr{Name: "half", ArgTypes: []trace.Type{trace.Int}, Result: trace.Int, Pure: true, CanFail: true,
		Fn: func(a *trace.CallArgs) bool {
			if a.Int(0) < 0 {
				return false
			}
			a.SetInt(a.Int(0) / 2)
			return true
		}}

	memIntFields   = []*trace.FieldDescr{memA, memB, memC, memD}
	memFloatFields = []*trace.FieldDescr{memAasF, memF}
)

// randomMemoryLoop makes a loop like the recorder's, over a *memState: every value lives in
// memory and is loaded, guarded, computed on and stored back, so that heap and unroll have
// loads to forward, stores to combine, invariants to hoist and places to carry, among
// descriptors that share bytes, small fields and a call that writes memory. The loop leaves
// when the counter reaches 0 (it is never stored but by the loop's own decrement), or
// earlier at a random guard.
func randomMemoryLoop(rng *rand.Rand, n int) *trace.Trace {
	t := trace.NewTrace("memory-loop")
	p0 := t.Input(trace.Ptr)
	i1 := t.Input(trace.Int)
	t.Emit(trace.OpLabel, trace.Void, p0, i1)
	ints := []trace.Ref{i1}
	var floats []trace.Ref
	pc := int32(0)
	snap := func() int32 {
		pc++
		var slots []trace.SnapSlot
		for k := int32(0); k < int32(rng.IntN(4)); k++ {
			if len(floats) > 0 && rng.IntN(3) == 0 {
				slots = append(slots, trace.SnapSlot{Index: k, Ref: floats[rng.IntN(len(floats))], Tag: 2})
			} else {
				slots = append(slots, trace.SnapSlot{Index: k, Ref: ints[rng.IntN(len(ints))], Tag: 1})
			}
		}
		return t.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Code: 1, PC: pc, Slots: slots}}})
	}
	anInt := func() trace.Ref {
		if rng.IntN(5) == 0 {
			return t.ConstInt(rng.Int64N(21) - 10)
		}
		if len(ints) > 3 && rng.IntN(2) == 0 {
			return ints[len(ints)-1-rng.IntN(3)]
		}
		return ints[rng.IntN(len(ints))]
	}
	aFloat := func() trace.Ref {
		if len(floats) == 0 || rng.IntN(5) == 0 {
			return t.ConstFloat(float64(rng.IntN(9)) / 4)
		}
		return floats[rng.IntN(len(floats))]
	}
	count := t.EmitDescr(trace.OpGetfieldI, trace.Int, memCount, p0)
	more := t.Emit(trace.OpIntGt, trace.Int, count, t.ConstInt(0))
	t.EmitGuard(trace.OpGuardTrue, snap(), more)
	t.EmitDescr(trace.OpSetfield, trace.Void, memCount, p0, t.Emit(trace.OpIntSub, trace.Int, count, t.ConstInt(1)))
	for k := 0; k < n; k++ {
		switch r := rng.IntN(16); {
		case r < 4:
			d := memIntFields[rng.IntN(len(memIntFields))]
			if rng.IntN(8) == 0 {
				d = memCount
			}
			ints = append(ints, t.EmitDescr(trace.OpGetfieldI, trace.Int, d, p0))
		case r < 6:
			floats = append(floats, t.EmitDescr(trace.OpGetfieldF, trace.Float, memFloatFields[rng.IntN(2)], p0))
		case r < 8:
			t.EmitDescr(trace.OpSetfield, trace.Void, memIntFields[rng.IntN(len(memIntFields))], p0, anInt())
		case r == 8:
			t.EmitDescr(trace.OpSetfield, trace.Void, memFloatFields[rng.IntN(2)], p0, aFloat())
		case r == 9:
			opc := []trace.Opcode{trace.OpIntAdd, trace.OpIntSub, trace.OpIntXor, trace.OpIntAnd}[rng.IntN(4)]
			ints = append(ints, t.Emit(opc, trace.Int, anInt(), anInt()))
		case r == 10:
			floats = append(floats, t.Emit(trace.OpFloatAdd, trace.Float, aFloat(), aFloat()))
		case r == 11:
			c := t.Emit(trace.OpIntLt, trace.Int, anInt(), t.ConstInt(rng.Int64N(200)-20))
			t.EmitGuard(trace.OpGuardTrue, snap(), c)
		case r == 12:
			x := t.EmitDescr(trace.OpGetfieldI, trace.Int, memD, p0)
			ints = append(ints, x)
			if rng.IntN(3) == 0 {
				t.EmitGuard(trace.OpGuardValue, snap(), x, t.ConstInt(rng.Int64N(3)))
			}
		case r == 13 || r == 14:
			data := t.EmitDescr(trace.OpGetfieldR, trace.Ptr, memItemsPtr, p0)
			idx := t.ConstInt(rng.Int64N(4))
			if rng.IntN(2) == 0 {
				idx = t.Emit(trace.OpIntAnd, trace.Int, anInt(), t.ConstInt(3))
			}
			if r == 13 {
				ints = append(ints, t.EmitDescr(trace.OpGetarrayitemI, trace.Int, int64Array, data, idx))
			} else {
				t.EmitDescr(trace.OpSetarrayitem, trace.Void, int64Array, data, idx, anInt())
			}
		default:
			switch rng.IntN(3) {
			case 0:
				t.EmitCall(memBump, -1, p0)
			case 1:
				ints = append(ints, t.EmitCall(memHalf, snap(), anInt()))
			}
		}
	}
	t.Emit(trace.OpJump, trace.Void, p0, anInt())
	return t
}

// memExit runs a memory loop on irexec and describes how it left and the memory after.
func memExit(t *testing.T, tr *trace.Trace, s *memState, i1 int64) string {
	t.Helper()
	loop, err := irexec.New().Compile(tr)
	if err != nil {
		t.Fatalf("%v\n%s", err, tr)
	}
	var e backend.Exit
	loop.Run([]uint64{0, uint64(i1)}, []unsafe.Pointer{unsafe.Pointer(s)}, &e)
	var b strings.Builder
	snap := e.Snapshot()
	if snap == nil {
		t.Fatalf("a memory loop left through finish")
	}
	for _, f := range snap.Frames {
		fmt.Fprintf(&b, "f%d@%d:", f.Code, f.PC)
		for _, sl := range f.Slots {
			fmt.Fprintf(&b, " %d=%#x", sl.Index, e.Bits(sl.Ref))
		}
	}
	fmt.Fprintf(&b, " | %d %d %d %d %d %#x %v", s.count, s.a, s.b, s.c, s.d, math.Float64bits(s.f), s.items)
	return b.String()
}

// TestUnrollRandomMemoryLoops runs random memory loops as recorded and after heap, unroll
// and the whole pipeline, from random states: they must leave at the same resume position
// with the same values and leave memory the same.
func TestUnrollRandomMemoryLoops(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	variants := []struct {
		name string
		run  func(*trace.Trace) (*trace.Trace, error)
	}{
		{"heap", Heap}, {"unroll", Unroll}, {"heap+unroll", heapThenUnroll},
		{"pipeline", (&Pipeline{Validate: true}).Optimize},
	}
	for seed := 0; seed < n; seed++ {
		rng := rand.New(rand.NewPCG(uint64(seed), 11))
		tr := randomMemoryLoop(rng, 4+rng.IntN(40))
		if err := trace.Validate(tr); err != nil {
			t.Fatalf("seed %d: the generator made an invalid trace: %v\n%s", seed, err, tr)
		}
		for k := 0; k < 3; k++ {
			start := memState{
				count: rng.Int64N(12), a: rng.Int64N(9) - 4, b: rng.Int64N(9), c: int16(rng.IntN(600) - 300),
				d: uint8(rng.IntN(3)), f: float64(rng.IntN(8)) / 2,
				items: []int64{rng.Int64N(5), rng.Int64N(5), rng.Int64N(5), rng.Int64N(5)},
			}
			i1 := rng.Int64N(50) - 10
			s := start
			s.items = append([]int64(nil), start.items...)
			want := memExit(t, tr, &s, i1)
			for _, v := range variants {
				out, err := v.run(tr)
				if err != nil {
					t.Fatalf("seed %d, %s: %v", seed, v.name, err)
				}
				if err := trace.Validate(out); err != nil {
					t.Fatalf("seed %d, %s made an invalid trace: %v\n%s", seed, v.name, err, out)
				}
				s := start
				s.items = append([]int64(nil), start.items...)
				if got := memExit(t, out, &s, i1); got != want {
					t.Fatalf("seed %d, %s, state %+v, i1 %d:\n got %s\nwant %s\n--- recorded\n%s--- optimized\n%s",
						seed, v.name, start, i1, got, want, tr, out)
				}
			}
		}
	}
}

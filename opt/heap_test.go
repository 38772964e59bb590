package opt

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// Tests of the heap pass (heap.go), in PyPy's style (optimizeopt/test/test_optimizebasic.py's
// test_getfield_*, test_setfield_*, test_duplicate_getfield_*): a trace before, the trace
// expected after.

// Descriptors that share memory with the ones of opt_test.go, for the memory model's cases.
var (
	// descrIAsF reads Obj.i's bytes as a float, as an interpreter reads a boxed number's
	// bits with an int descriptor or a float one.
	descrIAsF = &trace.FieldDescr{Name: "Obj.i_as_f", Offset: unsafe.Offsetof(testObj{}.i), Size: 8, Type: trace.Float}
	// descrOverP is an int field of some other struct at the offset of Obj.p.
	descrOverP = &trace.FieldDescr{Name: "Other.x", Offset: unsafe.Offsetof(testObj{}.p), Size: 8, Type: trace.Int, Signed: true}
	// descrIntArray2 is a second int array descriptor with the same layout as IntArray.
	descrIntArray2 = &trace.ArrayDescr{Name: "IntArray2", ItemSize: 8, Type: trace.Int, Signed: true}
	// descrPtrArray is an array of pointers.
	descrPtrArray = &trace.ArrayDescr{Name: "PtrArray", ItemSize: 8, Type: trace.Ptr}
)

// memSymbols is testSymbols with the descriptors above.
func memSymbols() *trace.Symbols {
	sym := testSymbols()
	sym.Descrs.Add(descrIAsF, descrOverP, descrIntArray2, descrPtrArray)
	return sym
}

// checkMem parses before and after with memSymbols, runs pass, and checks that the result is
// valid, equals after, and that the input was left alone (as checkPass, with more descrs).
func checkMem(t *testing.T, pass func(*trace.Trace) (*trace.Trace, error), before, after string) *trace.Trace {
	t.Helper()
	sym := memSymbols()
	parse := func(what, text string) *trace.Trace {
		t.Helper()
		tr, err := trace.ParseWith(text, sym)
		if err != nil {
			t.Fatalf("%s: %v\n%s", what, err, text)
		}
		if err := trace.Validate(tr); err != nil {
			t.Fatalf("%s is not a valid trace: %v\n%s", what, err, text)
		}
		return tr
	}
	in, want := parse("before", before), parse("after", after)
	orig := in.Clone()
	got, err := pass(in)
	if err != nil {
		t.Fatalf("pass failed: %v", err)
	}
	if d := trace.Diff(in, orig); d != "" {
		t.Errorf("the pass modified its input: %s", d)
	}
	if err := trace.Validate(got); err != nil {
		t.Fatalf("the pass made an invalid trace: %v\n%s", err, got.Format(sym))
	}
	if d := trace.Diff(got, want); d != "" {
		t.Errorf("%s\n--- before\n%s\n--- got\n%s\n--- want\n%s", d, strings.TrimSpace(before), got.Format(sym), want.Format(sym))
	}
	return got
}

// memCase is a before/after case; after == "" means the pass must leave the trace as it is.
type memCase = passCase

// runMemCases runs cases as runCases does, checking each with checkMem.
func runMemCases(t *testing.T, pass func(*trace.Trace) (*trace.Trace, error), cases []memCase) {
	t.Helper()
	runCasesWith(t, pass, cases, checkMem)
}

func TestHeapLoads(t *testing.T) {
	runMemCases(t, Heap, []memCase{
		{name: "repeated load is read once", before: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = int_add(i1, i2)
finish(i3)
`, after: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = int_add(i1, i1)
finish(i2)
`},
		{name: "load after store gets the stored value", before: `
[p0, i1]
setfield(p0, i1, descr=<Obj.i>)
i3 = getfield_i(p0, descr=<Obj.i>)
finish(i3)
`, after: `
[p0, i1]
setfield(p0, i1, descr=<Obj.i>)
finish(i1)
`},
		{name: "NOT: a byte field reads back only the stored value's low byte", before: `
[p0, i1]
setfield(p0, i1, descr=<Obj.b>)
i3 = getfield_i(p0, descr=<Obj.b>)
finish(i3)
`},
		{name: "a constant stored into a small field reads back truncated and extended", before: `
[p0]
setfield(p0, 300, descr=<Obj.b>)
setfield(p0, -1, descr=<Obj.h>)
setfield(p0, -1, descr=<Obj.u32>)
i4 = getfield_i(p0, descr=<Obj.b>)
i5 = getfield_i(p0, descr=<Obj.h>)
i6 = getfield_i(p0, descr=<Obj.u32>)
finish(i4, i5, i6)
`, after: `
[p0]
setfield(p0, 300, descr=<Obj.b>)
setfield(p0, -1, descr=<Obj.h>)
setfield(p0, -1, descr=<Obj.u32>)
finish(44, -1, 4294967295)
`},
		{name: "loads of different fields and objects are kept", before: `
[p0, p1]
i2 = getfield_i(p0, descr=<Obj.i>)
f3 = getfield_f(p0, descr=<Obj.f>)
i4 = getfield_i(p1, descr=<Obj.i>)
finish(i2, f3, i4)
`},
		{name: "a store to another field keeps the cache", before: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
setfield(p0, i1, descr=<Obj.h>)
i4 = getfield_i(p0, descr=<Obj.i>)
finish(i2, i4)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
setfield(p0, i1, descr=<Obj.h>)
finish(i2, i2)
`},
		{name: "a store between two loads of the field", before: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
setfield(p0, i1, descr=<Obj.i>)
i4 = getfield_i(p0, descr=<Obj.i>)
finish(i2, i4)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
setfield(p0, i1, descr=<Obj.i>)
finish(i2, i1)
`},
		{name: "NOT: a store to a possibly aliasing object", before: `
[p0, p1, i2]
i3 = getfield_i(p0, descr=<Obj.i>)
setfield(p1, i2, descr=<Obj.i>)
i5 = getfield_i(p0, descr=<Obj.i>)
finish(i3, i5)
`},
		{name: "NOT: a store through a descr sharing the bytes", before: `
[p0, f1]
i2 = getfield_i(p0, descr=<Obj.i>)
setfield(p0, f1, descr=<Obj.i_as_f>)
i4 = getfield_i(p0, descr=<Obj.i>)
finish(i2, i4)
`},
		{name: "an int store never overwrites a pointer field", before: `
[p0, p1, i2]
p3 = getfield_r(p0, descr=<Obj.p>)
setfield(p1, i2, descr=<Other.x>)
p5 = getfield_r(p0, descr=<Obj.p>)
finish(p3, p5)
`, after: `
[p0, p1, i2]
p3 = getfield_r(p0, descr=<Obj.p>)
setfield(p1, i2, descr=<Other.x>)
finish(p3, p3)
`},
		{name: "NOT: a residual call may write anything", before: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
call_n(i1, descr=<effect>)
i4 = getfield_i(p0, descr=<Obj.i>)
finish(i2, i4)
`},
		{name: "a pure call keeps the cache", before: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = call_i(i1, i2, descr=<pure2>)
i4 = getfield_i(p0, descr=<Obj.i>)
finish(i3, i4)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = call_i(i1, i2, descr=<pure2>)
finish(i3, i2)
`},
		{name: "a pure call that can fail writes no memory", before: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = call_i(i1, descr=<pureCanFail>) [f0@1]
i4 = getfield_i(p0, descr=<Obj.i>)
finish(i3, i4)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = call_i(i1, descr=<pureCanFail>) [f0@1]
finish(i3, i2)
`},
		{name: "NOT: a store is not delayed past a pure call that can fail", before: `
[p0, i1, i2]
setfield(p0, i1, descr=<Obj.i>)
i4 = call_i(i1, descr=<pureCanFail>) [f0@1]
setfield(p0, i2, descr=<Obj.i>)
finish(i4)
`},
		{name: "NOT: a call that can fail writes memory too", before: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = call_i(i1, descr=<maybe>) [f0@1]
i4 = getfield_i(p0, descr=<Obj.i>)
finish(i3, i4)
`},
		{name: "loads survive guards", before: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = int_lt(i1, 10)
guard_true(i2) [f0@1: 0=i1:int]
i4 = getfield_i(p0, descr=<Obj.i>)
finish(i4)
`, after: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = int_lt(i1, 10)
guard_true(i2) [f0@1: 0=i1:int]
finish(i1)
`},
		{name: "objects from different news are distinct", before: `
[i0]
p1 = new(descr=<Obj>)
p2 = new(descr=<Obj>)
setfield(p1, i0, descr=<Obj.i>)
setfield(p2, 5, descr=<Obj.i>)
i5 = getfield_i(p1, descr=<Obj.i>)
finish(i5)
`, after: `
[i0]
p1 = new(descr=<Obj>)
p2 = new(descr=<Obj>)
setfield(p1, i0, descr=<Obj.i>)
setfield(p2, 5, descr=<Obj.i>)
finish(i0)
`},
		{name: "a new object is not an older one", before: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
p3 = new(descr=<Obj>)
setfield(p3, i1, descr=<Obj.i>)
i5 = getfield_i(p0, descr=<Obj.i>)
finish(i2, i5, p3)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
p3 = new(descr=<Obj>)
setfield(p3, i1, descr=<Obj.i>)
finish(i2, i2, p3)
`},
		{name: "NOT: facts do not cross the label", before: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
label(p0, i1)
i3 = getfield_i(p0, descr=<Obj.i>)
i4 = int_add(i1, i3)
jump(p0, i4)
`},
		{name: "loads before the label are read once", before: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = getfield_i(p0, descr=<Obj.i>)
i3 = int_add(i1, i2)
label(p0, i3)
jump(p0, i3)
`, after: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = int_add(i1, i1)
label(p0, i2)
jump(p0, i2)
`},
		{name: "NOT: an object carried around the loop is not a fresh one", before: `
[i0]
p1 = new(descr=<Obj>)
p2 = new(descr=<Obj>)
label(p1, p2, i0)
i4 = getfield_i(p2, descr=<Obj.i>)
setfield(p1, i0, descr=<Obj.i>)
i6 = getfield_i(p2, descr=<Obj.i>)
i7 = int_add(i4, i6)
jump(p2, p2, i7)
`},
		{name: "NOT: a label argument stays an op of its own", before: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
i2 = getfield_i(p0, descr=<Obj.i>)
label(p0, i1, i2)
jump(p0, i1, i2)
`},
	})
}

func TestHeapGuardValue(t *testing.T) {
	runMemCases(t, Heap, []memCase{
		{name: "the field holds the constant after guard_value", before: `
[p0]
i1 = getfield_i(p0, descr=<Obj.b>)
guard_value(i1, 3) [f0@1]
i3 = getfield_i(p0, descr=<Obj.b>)
guard_value(i3, 3) [f0@2]
i5 = getfield_i(p0, descr=<Obj.i>)
i6 = int_add(i5, i3)
finish(i6)
`, after: `
[p0]
i1 = getfield_i(p0, descr=<Obj.b>)
guard_value(i1, 3) [f0@1]
i3 = getfield_i(p0, descr=<Obj.i>)
i4 = int_add(i3, 3)
finish(i4)
`},
		{name: "NOT: a guard on a reloaded field after a store", before: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.b>)
guard_value(i2, 3) [f0@1]
setfield(p0, i1, descr=<Obj.b>)
i5 = getfield_i(p0, descr=<Obj.i>)
i6 = getfield_i(p0, descr=<Obj.b>)
guard_value(i6, 3) [f0@2]
finish(i5)
`, after: `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.b>)
guard_value(i2, 3) [f0@1]
i4 = getfield_i(p0, descr=<Obj.i>)
setfield(p0, i1, descr=<Obj.b>)
i6 = getfield_i(p0, descr=<Obj.b>)
guard_value(i6, 3) [f0@2]
finish(i4)
`},
		{name: "pointer guard_value", before: `
[p0]
p1 = getfield_r(p0, descr=<Obj.p>)
guard_value(p1, ConstPtr(obj)) [f0@1]
p3 = getfield_r(p0, descr=<Obj.p>)
guard_value(p3, ConstPtr(obj)) [f0@2]
finish(p3)
`, after: `
[p0]
p1 = getfield_r(p0, descr=<Obj.p>)
guard_value(p1, ConstPtr(obj)) [f0@1]
finish(ConstPtr(obj))
`},
	})
}

func TestHeapStores(t *testing.T) {
	runMemCases(t, Heap, []memCase{
		{name: "the first of two stores is dead", before: `
[p0, i1, i2]
setfield(p0, i1, descr=<Obj.i>)
setfield(p0, i2, descr=<Obj.i>)
finish()
`, after: `
[p0, i1, i2]
setfield(p0, i2, descr=<Obj.i>)
finish()
`},
		{name: "stores are combined across pure ops and other fields", before: `
[p0, i1]
setfield(p0, i1, descr=<Obj.i>)
i3 = int_add(i1, 1)
setfield(p0, i3, descr=<Obj.h>)
i5 = getfield_i(p0, descr=<Obj.i>)
i6 = int_add(i5, i3)
setfield(p0, i6, descr=<Obj.i>)
finish()
`, after: `
[p0, i1]
i2 = int_add(i1, 1)
i3 = int_add(i1, i2)
setfield(p0, i2, descr=<Obj.h>)
setfield(p0, i3, descr=<Obj.i>)
finish()
`},
		{name: "NOT: a guard between the stores", before: `
[p0, i1, i2]
setfield(p0, i1, descr=<Obj.i>)
guard_true(i2) [f0@1]
setfield(p0, i2, descr=<Obj.i>)
finish()
`},
		{name: "a store waits for a guard after it, not before", before: `
[p0, i1, i2]
setfield(p0, i1, descr=<Obj.i>)
i4 = int_add(i1, i2)
guard_true(i2) [f0@1: 0=i4:int]
finish()
`, after: `
[p0, i1, i2]
i3 = int_add(i1, i2)
setfield(p0, i1, descr=<Obj.i>)
guard_true(i2) [f0@1: 0=i3:int]
finish()
`},
		{name: "NOT: a load in between reads the first store", before: `
[p0, p1, i2, i3]
setfield(p0, i2, descr=<Obj.i>)
i5 = getfield_i(p1, descr=<Obj.i>)
setfield(p0, i3, descr=<Obj.i>)
finish(i5)
`},
		{name: "NOT: a call in between may read the first store", before: `
[p0, i1, i2]
setfield(p0, i1, descr=<Obj.i>)
call_n(i1, descr=<effect>)
setfield(p0, i2, descr=<Obj.i>)
finish()
`},
		{name: "NOT: stores through possibly aliasing objects keep their order", before: `
[p0, p1, i2, i3]
setfield(p0, i2, descr=<Obj.i>)
setfield(p1, i3, descr=<Obj.i>)
setfield(p0, i3, descr=<Obj.i>)
finish()
`},
		{name: "a store of the value the field holds is removed", before: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
setfield(p0, i1, descr=<Obj.i>)
finish(i1)
`, after: `
[p0]
i1 = getfield_i(p0, descr=<Obj.i>)
finish(i1)
`},
		{name: "pending stores are done before an overflow-checked op", before: `
[p0, i1]
setfield(p0, i1, descr=<Obj.i>)
i3 = int_add_ovf(i1, 1)
guard_no_overflow() [f0@1]
setfield(p0, i3, descr=<Obj.i>)
finish()
`},
		{name: "pending stores are done before the jump", before: `
[p0, i1]
label(p0, i1)
i2 = int_add(i1, 1)
setfield(p0, i1, descr=<Obj.i>)
setfield(p0, i2, descr=<Obj.i>)
jump(p0, i2)
`, after: `
[p0, i1]
label(p0, i1)
i2 = int_add(i1, 1)
setfield(p0, i2, descr=<Obj.i>)
jump(p0, i2)
`},
	})
}

func TestHeapArrays(t *testing.T) {
	runMemCases(t, Heap, []memCase{
		{name: "repeated item load is read once", before: `
[p0, i1]
i2 = getarrayitem_i(p0, i1, descr=<IntArray>)
i3 = getarrayitem_i(p0, i1, descr=<IntArray>)
i4 = int_add(i2, i3)
finish(i4)
`, after: `
[p0, i1]
i2 = getarrayitem_i(p0, i1, descr=<IntArray>)
i3 = int_add(i2, i2)
finish(i3)
`},
		{name: "a store to another constant index keeps the item", before: `
[p0, i1]
i2 = getarrayitem_i(p0, 0, descr=<IntArray>)
setarrayitem(p0, 1, i1, descr=<IntArray>)
i4 = getarrayitem_i(p0, 0, descr=<IntArray>)
i5 = getarrayitem_i(p0, 1, descr=<IntArray>)
finish(i2, i4, i5)
`, after: `
[p0, i1]
i2 = getarrayitem_i(p0, 0, descr=<IntArray>)
setarrayitem(p0, 1, i1, descr=<IntArray>)
finish(i2, i2, i1)
`},
		{name: "NOT: a store at an unknown index", before: `
[p0, i1, i2]
i3 = getarrayitem_i(p0, 0, descr=<IntArray>)
setarrayitem(p0, i1, i2, descr=<IntArray>)
i5 = getarrayitem_i(p0, 0, descr=<IntArray>)
finish(i3, i5)
`},
		{name: "NOT: a store through another array descr with the same layout", before: `
[p0, p1, i2]
i3 = getarrayitem_i(p0, 0, descr=<IntArray>)
setarrayitem(p1, 0, i2, descr=<IntArray2>)
i5 = getarrayitem_i(p0, 0, descr=<IntArray>)
finish(i3, i5)
`},
		{name: "an item store keeps the fields", before: `
[p0, p1, i2]
i3 = getfield_i(p0, descr=<Obj.i>)
p4 = getarrayitem_r(p1, 0, descr=<PtrArray>)
setarrayitem(p1, i2, i2, descr=<IntArray>)
i6 = getfield_i(p0, descr=<Obj.i>)
p7 = getarrayitem_r(p1, 0, descr=<PtrArray>)
finish(i3, i6, p4, p7)
`, after: `
[p0, p1, i2]
i3 = getfield_i(p0, descr=<Obj.i>)
p4 = getarrayitem_r(p1, 0, descr=<PtrArray>)
setarrayitem(p1, i2, i2, descr=<IntArray>)
finish(i3, i3, p4, p4)
`},
		{name: "the first of two item stores is dead", before: `
[p0, i1, i2]
setarrayitem(p0, i1, i1, descr=<IntArray>)
setarrayitem(p0, i1, i2, descr=<IntArray>)
finish()
`, after: `
[p0, i1, i2]
setarrayitem(p0, i1, i2, descr=<IntArray>)
finish()
`},
	})
}

// record_known_field: the hint answers later loads of its field, and goes.
func TestHeapKnownField(t *testing.T) {
	runCases(t, Heap, []passCase{
		{"a hint answers the loads and the guard on its field", `
[p0, i1]
record_known_field(p0, 3, descr=<Obj.b>)
record_known_field(p0, i1, descr=<Obj.i>)
i4 = getfield_i(p0, descr=<Obj.b>)
guard_value(i4, 3) [f0@1]
i6 = getfield_i(p0, descr=<Obj.i>)
i7 = int_add(i6, 1)
setfield(p0, i7, descr=<Obj.i>)
finish(i7)
`, `
[p0, i1]
i3 = int_add(i1, 1)
setfield(p0, i3, descr=<Obj.i>)
finish(i3)
`},
		{"a hint after a store to its field is not heard", `
[p0, i1, i2]
setfield(p0, i1, descr=<Obj.i>)
record_known_field(p0, i2, descr=<Obj.i>)
i5 = getfield_i(p0, descr=<Obj.i>)
finish(i5)
`, `
[p0, i1, i2]
setfield(p0, i1, descr=<Obj.i>)
finish(i1)
`},
		{"a call forgets what a hint said", `
[p0, i1]
record_known_field(p0, i1, descr=<Obj.i>)
call_n(i1, descr=<effect>)
i4 = getfield_i(p0, descr=<Obj.i>)
finish(i4)
`, `
[p0, i1]
call_n(i1, descr=<effect>)
i3 = getfield_i(p0, descr=<Obj.i>)
finish(i3)
`},
	})
}

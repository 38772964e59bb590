package opt

import (
	"testing"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// pair is a small Go object for virtualize's tests: two int fields.
type pair struct{ a, b int64 }

func virtualizeSymbols() *trace.Symbols {
	alloc := &trace.AllocDescr{Name: "Pair", Size: unsafe.Sizeof(pair{}),
		New: func() unsafe.Pointer { return unsafe.Pointer(&pair{}) }}
	a := &trace.FieldDescr{Name: "Pair.a", Offset: unsafe.Offsetof(pair{}.a), Size: 8, Type: trace.Int, Signed: true}
	b := &trace.FieldDescr{Name: "Pair.b", Offset: unsafe.Offsetof(pair{}.b), Size: 8, Type: trace.Int, Signed: true}
	call := &trace.CallDescr{Name: "consume", ArgTypes: []trace.Type{trace.Ptr}, Result: trace.Void,
		Fn: func(*trace.CallArgs) bool { return true }}
	return &trace.Symbols{
		Descrs: trace.DescrTable{}.Add(alloc, a, b, call),
		Tags:   map[string]uint32{"int": 1, "pair": 2},
	}
}

// checkVirtualize parses before, runs Virtualize, and compares with after (PyPy's style of
// optimizer tests: a trace before, the trace expected after).
func checkVirtualize(t *testing.T, before, after string) {
	t.Helper()
	sym := virtualizeSymbols()
	in, err := trace.ParseWith(before, sym)
	if err != nil {
		t.Fatalf("before: %v", err)
	}
	want, err := trace.ParseWith(after, sym)
	if err != nil {
		t.Fatalf("after: %v", err)
	}
	got, err := Virtualize(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := trace.Validate(got); err != nil {
		t.Fatalf("invalid result: %v\n%s", err, got.Format(sym))
	}
	if d := trace.Diff(got, want); d != "" {
		t.Errorf("%s\ngot:\n%s\nwant:\n%s", d, got.Format(sym), want.Format(sym))
	}
}

func TestVirtualizeRemovesUnusedAllocation(t *testing.T) {
	checkVirtualize(t, `
[i0]
p1 = new(descr=<Pair>)
setfield(p1, i0, descr=<Pair.a>)
setfield(p1, 7, descr=<Pair.b>)
finish(i0)
`, `
[i0]
finish(i0)
`)
}

func TestVirtualizeForwardsLoads(t *testing.T) {
	checkVirtualize(t, `
[i0]
p1 = new(descr=<Pair>)
setfield(p1, i0, descr=<Pair.a>)
i2 = getfield_i(p1, descr=<Pair.a>)
i3 = getfield_i(p1, descr=<Pair.b>)
setfield(p1, 5, descr=<Pair.a>)
i4 = getfield_i(p1, descr=<Pair.a>)
i5 = int_add(i2, i4)
i6 = int_add(i5, i3)
finish(i6)
`, `
[i0]
i1 = int_add(i0, 5)
i2 = int_add(i1, 0)
finish(i2)
`)
}

func TestVirtualizeDescribesObjectsInSnapshots(t *testing.T) {
	// The guard's snapshot names the object: it becomes a virtual with the field values it
	// has at that guard (a = i0, b never stored).
	checkVirtualize(t, `
[i0]
p1 = new(descr=<Pair>)
setfield(p1, i0, descr=<Pair.a>)
i2 = int_lt(i0, 10)
guard_true(i2) [f0@3: 0=p1:pair 1=i0:int]
setfield(p1, i2, descr=<Pair.b>)
guard_true(i2) [f0@4: 0=p1:pair]
finish(i0)
`, `
[i0]
i1 = int_lt(i0, 10)
guard_true(i1) [f0@3: 0=v0:pair 1=i0:int | v0=new(Pair, Pair.a=i0):pair]
guard_true(i1) [f0@4: 0=v0:pair | v0=new(Pair, Pair.a=i0, Pair.b=i1):pair]
finish(i0)
`)
}

func TestVirtualizeKeepsObjectPassedToCall(t *testing.T) {
	// Must NOT act: the object escapes through a residual call.
	src := `
[i0]
p1 = new(descr=<Pair>)
setfield(p1, i0, descr=<Pair.a>)
call_n(p1, descr=<consume>)
i3 = getfield_i(p1, descr=<Pair.a>)
finish(i3)
`
	checkVirtualize(t, src, src)
}

func TestVirtualizeKeepsObjectCarriedByJump(t *testing.T) {
	// Must NOT act: the object is a loop-carried value.
	src := `
[p0]
label(p0)
p1 = new(descr=<Pair>)
setfield(p1, 1, descr=<Pair.a>)
jump(p1)
`
	checkVirtualize(t, src, src)
}

func TestVirtualizeOnlyTheEscapingObject(t *testing.T) {
	checkVirtualize(t, `
[i0]
p1 = new(descr=<Pair>)
p2 = new(descr=<Pair>)
setfield(p1, i0, descr=<Pair.a>)
setfield(p2, i0, descr=<Pair.b>)
call_n(p2, descr=<consume>)
i5 = getfield_i(p1, descr=<Pair.a>)
finish(i5)
`, `
[i0]
p1 = new(descr=<Pair>)
setfield(p1, i0, descr=<Pair.b>)
call_n(p1, descr=<consume>)
finish(i0)
`)
}

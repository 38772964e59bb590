package backendtest

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/codemem"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/trace"
)

// Bridges in machine code (bridge.go), checked against the Go-level path: irexec runs the
// loop and its bridges one Run after the other, as the driver does for a backend that cannot
// attach them; the native tree must leave at the same op of the same trace with the same
// values, in a single Run.

// refBridge is a bridge of a tree: the failure path of guard op guard of from.
type refBridge struct {
	from    *trace.Trace
	guard   int
	sources []trace.Ref
	tr      *trace.Trace
}

// runTree runs a loop and its bridges on irexec through the Go-level path: at an exit from a
// guard that has a bridge, the bridge runs with the values of its sources at the exit; at
// the bridge's finish, the loop runs again with the finish's arguments. It returns the exit
// that leaves the tree, and how many times each bridge ran.
func runTree(t testing.TB, root *trace.Trace, bridges []refBridge, ints []uint64, ptrs []unsafe.Pointer) (*backend.Exit, []int) {
	t.Helper()
	loops := map[*trace.Trace]backend.Loop{}
	comp := func(tr *trace.Trace) backend.Loop {
		if l := loops[tr]; l != nil {
			return l
		}
		l, err := irexec.New().Compile(tr)
		if err != nil {
			t.Fatal(err)
		}
		loops[tr] = l
		return l
	}
	cur := root
	ints, ptrs = append([]uint64(nil), ints...), append([]unsafe.Pointer(nil), ptrs...)
	runs := make([]int, len(bridges))
	for steps := 0; ; steps++ {
		if steps > 10_000_000 {
			t.Fatal("the reference run does not end")
		}
		exit := &backend.Exit{}
		comp(cur).Run(ints, ptrs, exit)
		var next *refBridge
		for k := range bridges {
			if bridges[k].from == cur && bridges[k].guard == exit.Op {
				next = &bridges[k]
				runs[k]++
			}
		}
		var args []trace.Ref
		var from *trace.Trace
		switch {
		case next != nil:
			args, from, cur = next.sources, cur, next.tr
		case exit.IsFinish() && cur != root:
			args, from, cur = exit.Args(), cur, root
		default:
			return exit, runs
		}
		n := len(args)
		ints, ptrs = make([]uint64, n), make([]unsafe.Pointer, n)
		for k, a := range args {
			if from.TypeOf(a) == trace.Ptr {
				ptrs[k] = exit.Ptr(a)
			} else {
				ints[k] = exit.Bits(a)
			}
		}
	}
}

// attach attaches b to its guard in l's tree, failing the test on an error.
func attach(t testing.TB, l Native, b refBridge) Native {
	t.Helper()
	bl, err := l.Attach(b.from, b.guard, b.sources, b.tr)
	if err != nil {
		t.Fatalf("attach: %v\n%s", err, b.tr)
	}
	return bl.(Native)
}

// sameTree runs the native tree of l once and the reference, and fails unless they leave
// the same trace at the same op with the same values. It returns the native exit and how
// many times each bridge ran in the reference.
func (a *Arch) sameTree(t testing.TB, l Native, bridges []refBridge, ints []uint64, ptrs []unsafe.Pointer) (*backend.Exit, []int) {
	t.Helper()
	return a.compareTree(t, l, bridges, ints, ptrs, func(got, want *trace.Trace) bool { return got == want })
}

// compareTree is sameTree and sameHeadTree: sameTrace says whether the native exit's trace
// is the reference's.
func (a *Arch) compareTree(t testing.TB, l Native, bridges []refBridge, ints []uint64, ptrs []unsafe.Pointer, sameTrace func(got, want *trace.Trace) bool) (*backend.Exit, []int) {
	t.Helper()
	want, runs := runTree(t, l.Trace(), bridges, ints, ptrs)
	var got backend.Exit
	l.Run(ints, ptrs, &got)
	if !sameTrace(got.Trace, want.Trace) {
		t.Fatalf("left %q at op %d, the reference %q at op %d", got.Trace.Name, got.Op, want.Trace.Name, want.Op)
	}
	if d := backend.DiffExits(want, &got); d != "" {
		t.Fatalf("reference and tree differ in %q: %s\ninputs %v %v\n%s", got.Trace.Name, d, ints, ptrs, a.disassembleTree(l))
	}
	return &got, runs
}

// The loop counts i up to a limit and adds i to an accumulator, except when i % 3 == 0: that
// guard fails, and its bridge subtracts 2i instead, checks the accumulator and the limit, and
// goes back to the loop.
const (
	countLoop = `
# trace count
[i0, i1, i2]
label(i0, i1, i2)
i4 = int_add(i0, 1)
i5 = int_mod(i4, 3)
i6 = int_eq(i5, 0)
guard_false(i6) [f0@0: 0=i4 1=i1 2=i2]
i8 = int_add(i1, i4)
i9 = int_lt(i4, i2)
guard_true(i9) [f0@1: 0=i4 1=i8 2=i2]
jump(i4, i8, i2)
`
	// Sources: i4, i1, i2 of the loop (an input of the loop among them).
	countBridge = `
# trace count-bridge
[i0, i1, i2]
i3 = int_mul(i0, 2)
i4 = int_sub(i1, i3)
i5 = int_gt(i4, -500)
guard_true(i5) [f1@0: 0=i0 1=i4 2=i2]
i7 = int_lt(i0, i2)
guard_true(i7) [f1@1: 0=i0 1=i4 2=i2]
finish(i0, i4, i2)
`
	// The bridge of the bridge's guard 6 (the accumulator fell to -500): add 1000 and go
	// on, unless i is 1233. Sources: i0 and i2 (inputs of the bridge), i4.
	countBridge2 = `
# trace count-bridge2
[i0, i1, i2]
i3 = int_add(i1, 1000)
i4 = int_ne(i0, 1233)
guard_true(i4) [f2@0: 0=i0 1=i3 2=i2]
finish(i0, i3, i2)
`
)

func (a *Arch) countTree(t testing.TB) (Native, []refBridge) {
	root := Parse(t, countLoop)
	l := a.Compile(t, root)
	b1 := refBridge{from: root, guard: 7, sources: []trace.Ref{4, 1, 2}, tr: Parse(t, countBridge)}
	attach(t, l, b1)
	return l, []refBridge{b1}
}

// The loop runs to its end in one Run, through the bridge every third iteration; exits at
// the bridge's guards come out with the bridge as their trace.
func (a *Arch) testBridgeCompletesLoop(t *testing.T) {
	l, bridges := a.countTree(t)
	b := a.Pieces(l)[1]
	for _, c := range []struct {
		limit  uint64
		trace  string
		op     int
		bridge bool // bridges ran
	}{
		{2, "count", 10, false},          // the loop's own exit, before any bridge
		{31, "count", 10, true},          // the loop's exit, after bridges
		{30, "count-bridge", 8, true},    // the bridge's limit check
		{10000, "count-bridge", 6, true}, // the bridge's accumulator check
	} {
		e, runs := a.sameTree(t, l, bridges, []uint64{0, 0, c.limit}, nil)
		if e.Trace.Name != c.trace || e.Op != c.op || (runs[0] > 0) != c.bridge {
			t.Errorf("limit %d: left %q at %d after %d bridge runs, want %q at %d", c.limit, e.Trace.Name, e.Op, runs[0], c.trace, c.op)
		}
	}
	if n := l.Exits(7); n != 0 {
		t.Errorf("the guard with a bridge came back to Go %d times", n)
	}
	if b.Exits(6) != 1 || b.Exits(8) != 1 || l.Exits(10) != 2 {
		t.Errorf("exit counters: bridge %d %d, loop %d", b.Exits(6), b.Exits(8), l.Exits(10))
	}
	if d := b.Disassemble(); !strings.Contains(d, a.IndirectJump) || !strings.Contains(d, "finish(") {
		t.Errorf("bridge code:\n%s", d)
	}
	if d := l.Disassemble(); !strings.Contains(d, a.IndirectJump) {
		t.Errorf("no indirect branch in the loop's stubs:\n%s", d)
	}
}

// A bridge of a bridge: its sources are inputs of its parent and a value of the guard's
// snapshot.
func (a *Arch) testBridgeOfBridge(t *testing.T) {
	l, bridges := a.countTree(t)
	b2 := refBridge{from: bridges[0].tr, guard: 6, sources: []trace.Ref{0, 4, 2}, tr: Parse(t, countBridge2)}
	attach(t, l, b2)
	bridges = append(bridges, b2)
	for _, c := range []struct {
		i, acc, limit uint64
		trace         string
		op            int
	}{
		{0, 0, 5000, "count", 10},
		{0, 0, 3001, "count", 10},
		{0, 0, 3000, "count-bridge", 8},
		// i = 1233 is a multiple of 3, and the accumulator fails the first bridge's check
		// there: the second bridge's guard fails.
		{1232, 0, 5000, "count-bridge2", 5},
	} {
		e, runs := a.sameTree(t, l, bridges, []uint64{c.i, c.acc, c.limit}, nil)
		if e.Trace.Name != c.trace || e.Op != c.op {
			t.Errorf("from %d: left %q at %d, want %q at %d", c.i, e.Trace.Name, e.Op, c.trace, c.op)
		}
		if c.i == 0 && runs[1] == 0 {
			t.Errorf("limit %d: the second bridge never ran (bridge runs %v)", c.limit, runs)
		}
	}
	if l.Exits(7) != 0 || a.Pieces(l)[1].Exits(6) != 0 {
		t.Errorf("guards with bridges came back to Go")
	}
}

// A tree with floats and pointers, loads and a store in the bridge: the bridge's values take
// slots after the loop's in both of the area's arrays.
func (a *Arch) testBridgeFloatsAndPointers(t *testing.T) {
	root := ParseObj(t, `
# trace walk
[p0, i1, f2]
label(p0, i1, f2)
i4 = getfield_i(p0, descr=<object.N>)
i5 = int_add(i1, 1)
i6 = int_and(i5, 3)
i7 = int_is_zero(i6)
guard_false(i7) [f0@0: 0=p0 1=i5 2=f2]
f9 = float_add(f2, 0.5)
i10 = int_lt(i5, i4)
guard_true(i10) [f0@1: 0=p0 1=i5 2=f9]
jump(p0, i5, f9)
`)
	bridge := ParseObj(t, `
# trace walk-bridge
[p0, i1, f2]
f3 = cast_int_to_float(i1)
f4 = float_mul(f2, 1.5)
f5 = float_sub(f4, f3)
setfield(p0, f5, descr=<object.F>)
p7 = getfield_r(p0, descr=<object.Next>)
i8 = getfield_i(p7, descr=<object.N>)
i9 = int_add(i1, i8)
f10 = float_abs(f5)
i11 = float_lt(f10, 1000000.0)
guard_true(i11) [f1@0: 0=p0 1=i9 2=f5 3=p7]
finish(p0, i9, f5)
`)
	l := a.Compile(t, root)
	bridges := []refBridge{{from: root, guard: 8, sources: []trace.Ref{0, 5, 2}, tr: bridge}}
	attach(t, l, bridges[0])
	for _, c := range []struct {
		limit, skip int64
		f           float64
		trace       string
		op          int
	}{
		{100, 1, 0.25, "walk", 11},
		{60, 2, -3, "walk", 11},
		{100000, 1, 0.25, "walk-bridge", 12}, // |f| grows past 1e6
	} {
		obj := &Object{N: c.limit, Next: &Object{N: c.skip}}
		var fRef float64
		want, _ := runTree(t, root, bridges, []uint64{0, 0, math.Float64bits(c.f)}, []unsafe.Pointer{unsafe.Pointer(obj)})
		fRef, obj.F = obj.F, 0
		var got backend.Exit
		l.Run([]uint64{0, 0, math.Float64bits(c.f)}, []unsafe.Pointer{unsafe.Pointer(obj)}, &got)
		if got.Trace != want.Trace || backend.DiffExits(want, &got) != "" {
			t.Fatalf("limit %d: left %q at %d, the reference %q at %d: %s", c.limit, got.Trace.Name, got.Op, want.Trace.Name, want.Op, backend.DiffExits(want, &got))
		}
		if got.Trace.Name != c.trace || got.Op != c.op {
			t.Errorf("limit %d: left %q at %d, want %q at %d", c.limit, got.Trace.Name, got.Op, c.trace, c.op)
		}
		if obj.F != fRef || fRef == 0 {
			t.Errorf("limit %d: the bridge stored %v, the reference %v", c.limit, obj.F, fRef)
		}
	}
}

// Residual calls, news and a call that fails, in a bridge: their exits carry the bridge's
// piece number, Go performs them and enters the bridge again; the failing call leaves
// through its snapshot with the bridge as the exit's trace.
func (a *Arch) testBridgeResidualCalls(t *testing.T) {
	var log []int64
	failAt := int64(-1)
	add := &trace.CallDescr{Name: "add3", ArgTypes: []trace.Type{trace.Int, trace.Int, trace.Int}, Result: trace.Int, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetInt(a.Int(0) + a.Int(1) + a.Int(2)); return true }}
	record := &trace.CallDescr{Name: "record", ArgTypes: []trace.Type{trace.Int}, Result: trace.Void,
		Fn: func(a *trace.CallArgs) bool { log = append(log, a.Int(0)); return true }}
	mod := &trace.CallDescr{Name: "checked_mod", ArgTypes: []trace.Type{trace.Int, trace.Int}, Result: trace.Int, CanFail: true,
		Fn: func(a *trace.CallArgs) bool {
			if a.Int(1) == failAt {
				return false
			}
			a.SetInt(a.Int(0) % 5)
			return true
		}}
	root := Parse(t, countLoop)
	bridge := ParseObj(t, `
# trace call-bridge
[i0, i1, i2]
i3 = call_i(i0, i1, 7, descr=<add3>)
call_n(i3, descr=<record>)
p5 = new(descr=<object>)
setfield(p5, i3, descr=<object.N>)
i7 = call_i(i3, i0, descr=<checked_mod>) [f1@0: 0=i0 1=i3 2=i2]
i8 = getfield_i(p5, descr=<object.N>)
i9 = int_sub(i8, i7)
finish(i0, i9, i2)
`, add, record, mod)
	l := a.Compile(t, root)
	bridges := []refBridge{{from: root, guard: 7, sources: []trace.Ref{4, 1, 2}, tr: bridge}}
	attach(t, l, bridges[0])
	for _, c := range []struct {
		limit, failAt int64
		trace         string
		op            int
	}{
		{100, -1, "count", 10},
		{100, 42, "call-bridge", 7},
	} {
		failAt = c.failAt
		log = nil
		want, _ := runTree(t, root, bridges, []uint64{0, 0, uint64(c.limit)}, nil)
		wantLog := log
		log = nil
		var got backend.Exit
		l.Run([]uint64{0, 0, uint64(c.limit)}, nil, &got)
		if got.Trace != want.Trace || backend.DiffExits(want, &got) != "" {
			t.Fatalf("limit %d: left %q at %d, the reference %q at %d: %s", c.limit, got.Trace.Name, got.Op, want.Trace.Name, want.Op, backend.DiffExits(want, &got))
		}
		if got.Trace.Name != c.trace || got.Op != c.op {
			t.Errorf("fail at %d: left %q at %d, want %q at %d", c.failAt, got.Trace.Name, got.Op, c.trace, c.op)
		}
		if len(log) == 0 || !slicesEqual(log, wantLog) {
			t.Errorf("fail at %d: calls %v, the reference %v", c.failAt, log, wantLog)
		}
	}
}

func slicesEqual(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// A bridge attached by a residual call of the loop, during the loop's own Run: the next
// failure of the guard goes into it, and its exits (here its calls) name a piece Run had not
// seen when it started.
func (a *Arch) testBridgeAttachedDuringRun(t *testing.T) {
	var l Native
	var b refBridge
	attached := false
	hook := &trace.CallDescr{Name: "hook", ArgTypes: []trace.Type{trace.Int}, Result: trace.Void,
		Fn: func(a *trace.CallArgs) bool {
			if a.Int(0) == 5 && l != nil && !attached {
				attach(t, l, b)
				attached = true
			}
			return true
		}}
	root := Parse(t, `
# trace hooked
[i0, i1, i2]
label(i0, i1, i2)
i4 = int_add(i0, 1)
call_n(i4, descr=<hook>)
i6 = int_mod(i4, 3)
i7 = int_eq(i6, 0)
guard_false(i7) [f0@0: 0=i4 1=i1 2=i2]
i9 = int_add(i1, i4)
i10 = int_lt(i4, i2)
guard_true(i10) [f0@1: 0=i4 1=i9 2=i2]
jump(i4, i9, i2)
`, hook)
	add := &trace.CallDescr{Name: "add3", ArgTypes: []trace.Type{trace.Int, trace.Int, trace.Int}, Result: trace.Int, Pure: true,
		Fn: func(a *trace.CallArgs) bool { a.SetInt(a.Int(0) + a.Int(1) + a.Int(2)); return true }}
	b = refBridge{from: root, guard: 8, sources: []trace.Ref{4, 1, 2}, tr: Parse(t, `
# trace late-bridge
[i0, i1, i2]
i3 = call_i(i0, i1, -20, descr=<add3>)
i4 = int_lt(i0, i2)
guard_true(i4) [f1@0: 0=i0 1=i3 2=i2]
finish(i0, i3, i2)
`, add)}
	want, runs := runTree(t, root, []refBridge{b}, []uint64{4, 0, 50}, nil)
	l = a.Compile(t, root)
	var got backend.Exit
	l.Run([]uint64{4, 0, 50}, nil, &got)
	if !attached || runs[0] == 0 {
		t.Fatalf("attached %v, bridge runs %d", attached, runs[0])
	}
	if got.Trace != want.Trace || backend.DiffExits(want, &got) != "" {
		t.Fatalf("left %q at %d, the reference %q at %d: %s", got.Trace.Name, got.Op, want.Trace.Name, want.Op, backend.DiffExits(want, &got))
	}
	if l.Exits(8) != 0 {
		t.Errorf("the guard came back to Go after the bridge was attached")
	}
}

// With a tiny budget, the loop yields at almost every back-edge and the bridge's finish
// exits with restartCode almost every time: Go enters the loop at its start again, and the
// results do not change.
func (a *Arch) testBridgeRestarts(t *testing.T) {
	l, bridges := a.countTree(t)
	b2 := refBridge{from: bridges[0].tr, guard: 6, sources: []trace.Ref{0, 4, 2}, tr: Parse(t, countBridge2)}
	attach(t, l, b2)
	bridges = append(bridges, b2)
	for _, budget := range []int64{1, 2, 3, 7} {
		*a.Budget(l) = budget
		for _, limit := range []uint64{31, 30, 3000, 5000} {
			a.sameTree(t, l, bridges, []uint64{0, 0, limit}, nil)
		}
	}
}

// A loop whose every iteration goes through its bridge never reaches its own back-edge: it
// yields from the bridge's finish (restartCode). With one P, the goroutine that ends the
// loop only runs if it does.
func (a *Arch) testBridgeLoopYields(t *testing.T) {
	root := Parse(t, `
# trace always-fails
[p0, i1]
label(p0, i1)
i3 = int_add(i1, 1)
i4 = int_lt(i3, 0)
guard_true(i4) [f0@0: 0=p0 1=i3]
jump(p0, i3)
`)
	bridge := Parse(t, `
# trace stopper
[p0, i1]
i2 = getfield_i(p0, descr=<stop>)
guard_false(i2) [f1@0: 0=p0 1=i1]
finish(p0, i1)
`, StopField)
	l := a.Compile(t, root)
	attach(t, l, refBridge{from: root, guard: 5, sources: []trace.Ref{0, 3}, tr: bridge})
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	flag := &StopFlag{}
	go func() {
		time.Sleep(20 * time.Millisecond)
		runtime.GC() // a stop-the-world too
		flag.Stop.Store(1)
	}()
	var exit backend.Exit
	l.Run([]uint64{0, 0}, []unsafe.Pointer{unsafe.Pointer(flag)}, &exit)
	if exit.Trace != bridge || exit.Op != 3 || exit.Ptr(0) != unsafe.Pointer(flag) {
		t.Fatalf("left %q at %d", exit.Trace.Name, exit.Op)
	}
	if n := exit.Int(1); n <= *a.Budget(l) {
		t.Errorf("%d iterations, no more than one budget (%d): the loop never restarted", n, *a.Budget(l))
	}
	if l.Exits(5) != 0 {
		t.Errorf("the guard came back to Go")
	}
}

// Runs of one tree in several goroutines at once: each has its own area; the exit tables
// are shared.
func (a *Arch) testBridgeConcurrentRuns(t *testing.T) {
	l, bridges := a.countTree(t)
	want, _ := runTree(t, l.Trace(), bridges, []uint64{0, 0, 2000}, nil)
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		go func() {
			var e backend.Exit
			for k := 0; k < 20; k++ {
				l.Run([]uint64{0, 0, 2000}, nil, &e)
				if e.Trace != want.Trace || backend.DiffExits(want, &e) != "" {
					errs <- backend.DiffExits(want, &e) + " in " + e.Trace.Name
					return
				}
			}
			errs <- ""
		}()
	}
	for g := 0; g < 8; g++ {
		if s := <-errs; s != "" {
			t.Error(s)
		}
	}
}

func (a *Arch) testAttachErrors(t *testing.T) {
	root := Parse(t, countLoop)
	l := a.Compile(t, root)
	good := Parse(t, countBridge)
	other := Parse(t, countLoop)
	b, err := l.Attach(root, 7, []trace.Ref{4, 1, 2}, good)
	if err != nil {
		t.Fatal(err)
	}
	float := Parse(t, "[f0, i1, i2]\nfinish(i1, i1, i2)")
	short := Parse(t, "[i0, i1, i2]\nfinish(i0, i1)")
	wrongType := Parse(t, "[i0, i1, i2]\nf3 = cast_int_to_float(i0)\nfinish(f3, i1, i2)")
	jumps := Parse(t, "[i0, i1, i2]\nlabel(i0, i1, i2)\njump(i0, i1, i2)")
	for _, c := range []struct {
		name    string
		on      backend.Loop
		from    *trace.Trace
		guard   int
		sources []trace.Ref
		bridge  *trace.Trace
		want    string
	}{
		{"on a bridge", b, root, 10, []trace.Ref{4, 8, 2}, good, "not a tree's root"},
		{"from elsewhere", l, other, 7, []trace.Ref{4, 1, 2}, good, "not in this loop's tree"},
		{"not a guard", l, root, 8, []trace.Ref{4, 1, 2}, good, "not a guard"},
		{"the finish", l, good, 9, []trace.Ref{0, 4, 2}, good, "not a guard"},
		{"sources", l, root, 10, []trace.Ref{4, 8}, good, "2 sources for 3 inputs"},
		{"not shown", l, root, 7, []trace.Ref{5, 1, 2}, good, "not in the guard's snapshot"},
		{"a constant", l, root, 7, []trace.Ref{-1, 1, 2}, good, "not a value of the parent"},
		{"input type", l, root, 7, []trace.Ref{4, 1, 2}, float, "input 0 of the bridge"},
		{"finish arity", l, root, 7, []trace.Ref{4, 1, 2}, short, "a bridge must end in a finish"},
		{"finish type", l, root, 7, []trace.Ref{4, 1, 2}, wrongType, "finish argument 0"},
		{"a loop", l, root, 7, []trace.Ref{4, 1, 2}, jumps, "a bridge must end in a finish"},
		{"empty", l, root, 7, nil, &trace.Trace{Name: "empty"}, "an empty bridge"},
	} {
		_, err := c.on.(backend.Attacher).Attach(c.from, c.guard, c.sources, c.bridge)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "Run of a bridge") {
			t.Errorf("Run of a bridge: %v", r)
		}
	}()
	var e backend.Exit
	b.Run([]uint64{0, 0, 0}, nil, &e)
}

// Free unmaps the loop's code and its bridges'.
func (a *Arch) testFreeTree(t *testing.T) {
	mem := codemem.New(0)
	root := Parse(t, countLoop)
	bl, err := a.WithMemory(mem).Compile(root)
	if err != nil {
		t.Fatal(err)
	}
	l := bl.(Native)
	b1 := refBridge{from: root, guard: 7, sources: []trace.Ref{4, 1, 2}, tr: Parse(t, countBridge)}
	attach(t, l, b1)
	attach(t, l, refBridge{from: b1.tr, guard: 6, sources: []trace.Ref{0, 4, 2}, tr: Parse(t, countBridge2)})
	var e backend.Exit
	l.Run([]uint64{0, 0, 5000}, nil, &e)
	if mem.Used() < l.CodeSize()+2*16 {
		t.Fatalf("%d bytes used", mem.Used())
	}
	var f backend.Freer = l
	f.Free()
	if mem.Used() != 0 {
		t.Errorf("%d bytes still used after Free", mem.Used())
	}
}

// Bridges into the loop's body (AttachHead): the loop has a preamble, with invariants, before
// its label. The bridge, written as for Attach (its finish gives the loop's inputs), is
// extended as the driver extends it: a copy of the loop's preamble after its own ops, and a
// finish with the values of the loop's live-ins (trace.LiveIns). The native tree, whose
// bridge goes straight to the body's head, must leave as irexec does running the plain
// bridge and the whole loop one Run after the other.
const (
	headLoop = `
# trace head-loop
[i0, i1, i2, f3]
i4 = int_and(i1, 255)
f5 = float_add(f3, 0.25)
label(i0, i1, i2, f3)
i7 = int_add(i0, 1)
i8 = int_mod(i7, 3)
i9 = int_eq(i8, 0)
guard_false(i9) [f0@0: 0=i7 1=i1 2=i2 3=f3]
i11 = int_add(i1, i7)
i12 = int_add(i11, i4)
f13 = float_mul(f5, 0.5)
i14 = int_lt(i7, i2)
guard_true(i14) [f0@1: 0=i7 1=i12 2=i2 3=f13]
jump(i7, i12, i2, f13)
`
	// Sources: i7, i1, i2, f3 of the loop.
	headBridge = `
# trace head-bridge
[i0, i1, i2, f3]
i4 = int_mul(i0, 5)
i5 = int_sub(i1, i4)
i6 = int_gt(i5, -100000)
guard_true(i6) [f1@0: 0=i0 1=i5 2=i2 3=f3]
f8 = cast_int_to_float(i0)
f9 = float_add(f3, f8)
i10 = int_lt(i0, i2)
guard_true(i10) [f1@1: 0=i0 1=i5 2=i2 3=f9]
finish(i0, i5, i2, f9)
`
)

// toHead extends bridge b of loop root as the driver does for AttachHead: the copy of the
// preamble, then a finish with the live-ins. It returns the extended bridge and the live-ins.
func toHead(t testing.TB, root, b *trace.Trace) (*trace.Trace, []trace.Ref) {
	t.Helper()
	ext := b.Clone()
	fin := ext.Ops[len(ext.Ops)-1]
	ext.Ops = ext.Ops[:len(ext.Ops)-1]
	nIn := len(root.Inputs())
	m := map[trace.Ref]trace.Ref{}
	for k := 0; k < nIn; k++ {
		m[trace.Ref(k)] = fin.Args[k]
	}
	if err := ext.AppendCopy(root, nIn, root.Label(), m); err != nil {
		t.Fatal(err)
	}
	liveIns := root.LiveIns()
	args := make([]trace.Ref, len(liveIns))
	for k, v := range liveIns {
		args[k] = m[v]
	}
	ext.Emit(trace.OpFinish, trace.Void, args...)
	if err := trace.Validate(ext); err != nil {
		t.Fatalf("%v\n%s", err, ext)
	}
	return ext, liveIns
}

// attachHead attaches the extension of b (see toHead) to l's body.
func attachHead(t testing.TB, l Native, b refBridge) Native {
	t.Helper()
	ext, liveIns := toHead(t, l.Trace(), b.tr)
	bl, err := l.AttachHead(b.from, b.guard, b.sources, ext, liveIns)
	if err != nil {
		t.Fatalf("attach to the head: %v\n%s", err, ext)
	}
	return bl.(Native)
}

// sameHeadTree runs the native tree of l, whose bridges go to the body's head, and the
// reference, which runs the bridges as written and the loop from its start; the exits must
// be at the same op of traces of the same name, with the same values.
func (a *Arch) sameHeadTree(t testing.TB, l Native, bridges []refBridge, ints []uint64, ptrs []unsafe.Pointer) (*backend.Exit, []int) {
	t.Helper()
	// The native bridge is the extended one (toHead), the reference's the plain one: the same
	// name, not the same trace.
	return a.compareTree(t, l, bridges, ints, ptrs, func(got, want *trace.Trace) bool { return got.Name == want.Name })
}

func (a *Arch) testAttachHead(t *testing.T) {
	root := Parse(t, headLoop)
	if got := root.LiveIns(); len(got) != 6 {
		t.Fatalf("live-ins %v: the test wants the label's 4 arguments and 2 invariants", got)
	}
	l := a.Compile(t, root)
	b := refBridge{from: root, guard: 10, sources: []trace.Ref{7, 1, 2, 3}, tr: Parse(t, headBridge)}
	nb := attachHead(t, l, b)
	bridges := []refBridge{b}
	budget := *a.Budget(l)
	for _, bud := range []int64{budget, 1, 2, 3, 7} {
		*a.Budget(l) = bud
		for _, c := range []struct {
			i, acc, limit uint64
			f             float64
			trace         string
			op            int
		}{
			{0, 0, 2, 1.5, "head-loop", 15},   // the loop's own exit, before any bridge
			{0, 0, 31, 1.5, "head-loop", 15},  // the loop's exit, after bridges
			{0, 0, 30, -2, "head-bridge", 11}, // the bridge's limit check
			{5, 7, 3000, 0.125, "head-bridge", 7},
			{0, 0, 100000, 3, "head-bridge", 7}, // the bridge's accumulator check
		} {
			e, runs := a.sameHeadTree(t, l, bridges, []uint64{c.i, c.acc, c.limit, math.Float64bits(c.f)}, nil)
			if e.Trace.Name != c.trace || e.Op != c.op {
				t.Errorf("budget %d, limit %d: left %q at %d after %d bridge runs, want %q at %d", bud, c.limit, e.Trace.Name, e.Op, runs[0], c.trace, c.op)
			}
		}
	}
	*a.Budget(l) = budget
	if n := l.Exits(10); n != 0 {
		t.Errorf("the guard with a bridge came back to Go %d times", n)
	}
	if d := nb.Disassemble(); !strings.Contains(d, a.IndirectJump) {
		t.Errorf("bridge code:\n%s", d)
	}
}

// Many invariants: some of the live-ins stay in their homes at the head, where the bridge
// must store them; a float invariant and the label's arguments are in registers.
func (a *Arch) testAttachHeadInvariantsInHomes(t *testing.T) {
	const n = 30
	var sb strings.Builder
	sb.WriteString("# trace many-invariants\n[i0, i1, i2, f3]\n")
	for k := 0; k < n; k++ {
		fmt.Fprintf(&sb, "i%d = int_add(i1, %d)\n", 4+k, k+1)
	}
	fv := 4 + n
	fmt.Fprintf(&sb, "f%d = float_mul(f3, 3.0)\n", fv)
	lab := fv + 1
	fmt.Fprintf(&sb, "label(i0, i1, i2, f3)\n")
	fmt.Fprintf(&sb, "i%d = int_add(i0, 1)\n", lab+1)
	fmt.Fprintf(&sb, "i%d = int_and(i%d, 3)\n", lab+2, lab+1)
	fmt.Fprintf(&sb, "i%d = int_eq(i%d, 0)\n", lab+3, lab+2)
	guard := lab + 4
	fmt.Fprintf(&sb, "guard_false(i%d) [f0@0: 0=i%d 1=i1 2=i2 3=f3]\n", lab+3, lab+1)
	acc := 1
	pos := guard + 1
	for k := 0; k < n; k++ {
		fmt.Fprintf(&sb, "i%d = int_xor(i%d, i%d)\n", pos, acc, 4+k)
		acc = pos
		pos++
		fmt.Fprintf(&sb, "i%d = int_add(i%d, i%d)\n", pos, acc, lab+1)
		acc = pos
		pos++
	}
	fmt.Fprintf(&sb, "f%d = float_add(f3, f%d)\n", pos, fv)
	f := pos
	pos++
	fmt.Fprintf(&sb, "i%d = int_lt(i%d, i2)\n", pos, lab+1)
	fmt.Fprintf(&sb, "guard_true(i%d) [f0@1: 0=i%d 1=i%d 2=i2 3=f%d]\n", pos, lab+1, acc, f)
	fmt.Fprintf(&sb, "jump(i%d, i%d, i2, f%d)\n", lab+1, acc, f)
	root := Parse(t, sb.String())
	l := a.Compile(t, root)
	if a.HeadInMemory(l) == 0 {
		t.Fatalf("every live-in is in a register at the head")
	}
	b := refBridge{from: root, guard: guard, sources: []trace.Ref{trace.Ref(lab + 1), 1, 2, 3}, tr: Parse(t, `
# trace many-bridge
[i0, i1, i2, f3]
i4 = int_sub(i1, i0)
f5 = float_mul(f3, 0.5)
i6 = int_lt(i0, i2)
guard_true(i6) [f1@0: 0=i0 1=i4 2=i2 3=f5]
finish(i0, i4, i2, f5)
`)}
	attachHead(t, l, b)
	budget := *a.Budget(l)
	for _, bud := range []int64{budget, 1, 3} {
		*a.Budget(l) = bud
		for _, limit := range []uint64{3, 4, 5, 100, 1001} {
			a.sameHeadTree(t, l, []refBridge{b}, []uint64{0, 12345, limit, math.Float64bits(0.75)}, nil)
		}
	}
	*a.Budget(l) = budget
}

func (a *Arch) testAttachHeadErrors(t *testing.T) {
	root := Parse(t, headLoop)
	l := a.Compile(t, root)
	ext, liveIns := toHead(t, root, Parse(t, headBridge))
	sources := []trace.Ref{7, 1, 2, 3}
	fewer := append([]trace.Ref(nil), liveIns[:len(liveIns)-1]...)
	swapped := append([]trace.Ref(nil), liveIns...)
	swapped[3], swapped[4] = swapped[4], swapped[3] // f3 where the int invariant is
	other := append([]trace.Ref(nil), liveIns...)
	other[5] = 13 // a float of the body, not the float invariant
	for _, c := range []struct {
		name    string
		liveIns []trace.Ref
		want    string
	}{
		{"arity", fewer, "must finish with its 5 live-ins"},
		{"types", swapped, "does not match the loop"},
		{"not the head's", other, "which the bridge does not give"},
	} {
		if _, err := l.AttachHead(root, 10, sources, ext, c.liveIns); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// The checks of Attach hold too.
	if _, err := l.AttachHead(root, 11, sources, ext, liveIns); err == nil || !strings.Contains(err.Error(), "not a guard") {
		t.Errorf("not a guard: %v", err)
	}
	if _, err := l.AttachHead(root, 10, nil, &trace.Trace{Name: "empty"}, liveIns); err == nil || !strings.Contains(err.Error(), "an empty bridge") {
		t.Errorf("empty: %v", err)
	}
	// A trace without a loop has no head.
	fin := a.Compile(t, Parse(t, "[i0]\ni1 = int_add(i0, 1)\nfinish(i1)"))
	if _, err := fin.AttachHead(root, 10, sources, ext, liveIns); err == nil || !strings.Contains(err.Error(), "no body head") {
		t.Errorf("no head: %v", err)
	}
	var _ backend.HeadAttacher = l
}

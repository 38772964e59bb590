package opt

import (
	"testing"

	"github.com/metajit/metajit/trace"
)

// Tests of exits.go: the snapshot of a guard gets the constants its failing implies.
func TestExits(t *testing.T) {
	runCases(t, Exits, []passCase{
		{"guard_true: its argument is 0 in its snapshot", `
[i0]
i1 = int_ne(i0, 1)
guard_true(i1) [f0@16: 3==i0:int 5=i1:2]
finish(i0)
`, `
[i0]
i1 = int_ne(i0, 1)
guard_true(i1) [f0@16: 3==i0:int 5=0:2]
finish(i0)
`},
		{"guard_false of a comparison: 1", `
[i0]
i1 = int_lt(i0, 10)
guard_false(i1) [f0@16: 5=i1:2]
finish(i0)
`, `
[i0]
i1 = int_lt(i0, 10)
guard_false(i1) [f0@16: 5=1:2]
finish(i0)
`},
		{"guard_false of anything else says nothing", `
[i0]
guard_false(i0) [f0@16: 5=i0:int]
finish(i0)
`, ""},
		{"guard_value: the comparison with the same constant is false, or true for !=", `
[i0]
i1 = int_and(i0, 1)
i2 = int_eq(i1, 0)
i3 = int_ne(0, i1)
i4 = int_eq(i1, 1)
guard_value(i1, 0) [f0@22: 3==i0:int 5=i2:2 6=i3:2 7=i4:2]
finish(i0)
`, `
[i0]
i1 = int_and(i0, 1)
i2 = int_eq(i1, 0)
i3 = int_ne(0, i1)
i4 = int_eq(i1, 1)
guard_value(i1, 0) [f0@22: 3==i0:int 5=0:2 6=1:2 7=i4:2]
finish(i0)
`},
		{"guard_value of a boolean with 0 or 1", `
[i0]
i1 = int_lt(i0, 5)
guard_value(i1, 1) [f0@22: 5=i1:2]
finish(i0)
`, `
[i0]
i1 = int_lt(i0, 5)
guard_value(i1, 1) [f0@22: 5=0:2]
finish(i0)
`},
		{"virtual fields too", `
[i0]
i1 = int_ne(i0, 1)
guard_true(i1) [f0@1: 0=v0 | v0=new(Obj, Obj.i=i1:int)]
finish(i0)
`, `
[i0]
i1 = int_ne(i0, 1)
guard_true(i1) [f0@1: 0=v0 | v0=new(Obj, Obj.i=0:int)]
finish(i0)
`},
		{"a label argument is not a boolean in the body, nor is a preamble comparison", `
[i0]
i1 = int_lt(i0, 5)
i2 = int_lt(i0, 9)
label(i0, i1)
guard_false(i1) [f0@1: 5=i1:2]
guard_false(i2) [f0@2: 5=i2:2]
i3 = int_add(i0, 1)
i4 = int_lt(i3, 5)
jump(i3, i4)
`, ""},
		{"in the body, the body's own comparison is", `
[i0]
label(i0)
i1 = int_lt(i0, 5)
guard_false(i1) [f0@1: 5=i1:2]
i3 = int_add(i0, 1)
jump(i3)
`, `
[i0]
label(i0)
i1 = int_lt(i0, 5)
guard_false(i1) [f0@1: 5=1:2]
i3 = int_add(i0, 1)
jump(i3)
`},
	})
}

// A snapshot that two guards share is left as it is: the other guard fails for its own reasons.
func TestExitsSharedSnapshot(t *testing.T) {
	tr := &trace.Trace{}
	i0, i1 := tr.Input(trace.Int), tr.Input(trace.Int)
	lt := tr.Emit(trace.OpIntLt, trace.Int, i0, i1)
	s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{PC: 16, Slots: []trace.SnapSlot{{Index: 5, Ref: lt}}}}})
	tr.EmitGuard(trace.OpGuardTrue, s, lt)
	sum := tr.Emit(trace.OpIntAddOvf, trace.Int, i0, i1)
	tr.EmitGuard(trace.OpGuardNoOverflow, s)
	tr.Emit(trace.OpFinish, trace.Void, sum)
	out, err := Exits(tr)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Snaps[s].Frames[0].Slots[0].Ref; got != lt {
		t.Errorf("shared snapshot rewritten: slot 5 is %v, want %v\n%s", got, lt, out)
	}
}

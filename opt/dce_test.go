package opt

import (
	"testing"

	"github.com/metajit/metajit/trace"
)

var dceCases = []passCase{
	{"unused pure ops go", `
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_mul(i2, 2)
i4 = int_sub(i0, 1)
finish(i4)
`, `
[i0, i1]
i4 = int_sub(i0, 1)
finish(i4)
`},
	{"unused loads, pure calls and allocations go", `
[p0, i1]
i2 = getfield_i(p0, descr=<Obj.i>)
f3 = getarrayitem_f(p0, i1, descr=<FloatArray>)
i4 = call_i(i1, i1, descr=<pure2>)
p5 = new(descr=<Obj>)
finish(i1)
`, `
[p0, i1]
finish(i1)
`},
	{"a load that is used stays, and what it needs", `
[p0, i1]
p2 = getfield_r(p0, descr=<Obj.p>)
i3 = getarrayitem_i(p2, i1, descr=<IntArray>)
i4 = getfield_i(p0, descr=<Obj.i>)
guard_true(i1) [f0@1: 0=i3:int]
setfield(p0, i4, descr=<Obj.i>)
finish()
`, ""},
	{"an allocation a snapshot names stays", `
[i0]
p1 = new(descr=<Obj>)
guard_true(i0) [f0@1: 0=p1:ptr]
finish()
`, ""},
	{"a pure call whose result is used stays", `
[i0]
i1 = call_i(i0, 2, descr=<pure2>)
finish(i1)
`, ""},
	{"an unused ovf op stays with its guard", `
[i0]
i1 = int_mul_ovf(i0, i0)
guard_no_overflow() [f0@1]
finish()
`, ""},
	{"inputs stay even when unused", `
[i0, f1, p2]
finish()
`, ""},
	{"snapshot uses are roots", `
[i0]
i1 = int_add(i0, 1)
i2 = int_mul(i0, 3)
i3 = int_sub(i0, 7)
guard_true(i0) [f0@1: 0=i1:int | f1@2*: 0=i2:int]
finish()
`, `
[i0]
i1 = int_add(i0, 1)
i2 = int_mul(i0, 3)
guard_true(i0) [f0@1: 0=i1:int | f1@2*: 0=i2:int]
finish()
`},
	{"virtual fields in snapshots are roots", `
[i0]
i1 = int_add(i0, 1)
i2 = int_add(i0, 2)
guard_true(i0) [f0@1: 0=v0 | v0=new(Obj, Obj.i=i1:int)]
finish()
`, `
[i0]
i1 = int_add(i0, 1)
guard_true(i0) [f0@1: 0=v0 | v0=new(Obj, Obj.i=i1:int)]
finish()
`},
	{"effects stay", `
[p0, i1]
setfield(p0, i1, descr=<Obj.i>)
setarrayitem(p0, 0, i1, descr=<IntArray>)
call_n(i1, descr=<effect>)
i2 = call_i(i1, descr=<impure>)
i3 = call_i(i1, descr=<maybe>) [f0@1]
i4 = call_i(i1, descr=<pureCanFail>) [f0@2]
debug_merge_point('x.py:1 LOAD')
finish()
`, ""},
	{"guards stay, and what they test", `
[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2) [f0@1]
guard_value(i0, 3) [f0@2]
i3 = int_add_ovf(i0, i1)
guard_no_overflow() [f0@3]
finish()
`, ""},
	{"chains of dead ops go at once", `
[i0]
i1 = int_add(i0, 1)
i2 = int_add(i1, 1)
i3 = int_add(i2, 1)
finish(i0)
`, `
[i0]
finish(i0)
`},
	{"label and jump arguments are uses", `
[i0, i1]
i2 = int_add(i0, 1)
i3 = int_mul(i1, 2)
label(i2, i3)
i4 = int_add(i2, i3)
i5 = int_sub(i2, 1)
i6 = int_mul(i3, 5)
jump(i4, i6)
`, `
[i0, i1]
i2 = int_add(i0, 1)
i3 = int_mul(i1, 2)
label(i2, i3)
i4 = int_add(i2, i3)
i6 = int_mul(i3, 5)
jump(i4, i6)
`},
	{"debug texts follow their ops", `
[i0]
i1 = int_add(i0, 1)  # dead
i2 = int_add(i0, 2)  # x = i + 2
finish(i2)  # return x
`, `
[i0]
i2 = int_add(i0, 2)  # x = i + 2
finish(i2)  # return x
`},
}

func TestDCE(t *testing.T) { runCases(t, DCE, dceCases) }

// Snapshots keep their indexes, and those no op uses any more are emptied.
func TestDCEKeepsSnapshotIndexes(t *testing.T) {
	in := parseTest(t, "before", `
[i0]
i1 = int_add(i0, 1)
guard_true(i0) [f0@1: 0=i1:int]
i2 = int_add(i0, 2)
guard_false(i1) [f0@2: 0=i2:int]
finish()
`)
	// Drop the first guard by hand, as a pass would: its snapshot is then unused.
	keep := []bool{true, true, false, true, true, true}
	out := rebuild(in, keep)
	if err := trace.Validate(out); err != nil {
		t.Fatal(err)
	}
	if len(out.Snaps) != 2 {
		t.Fatalf("%d snapshots, want 2", len(out.Snaps))
	}
	if len(out.Snaps[0].Frames) != 0 {
		t.Errorf("unused snapshot 0 is not empty: %+v", out.Snaps[0])
	}
	if g := out.Ops[3]; g.Opcode != trace.OpGuardFalse || g.Snap != 1 {
		t.Errorf("guard_false has snapshot %d, want 1: %s", g.Snap, out.FormatOp(3, nil))
	}
	if got := out.Snaps[1].Frames[0].Slots[0].Ref; got != 2 {
		t.Errorf("snapshot 1 names %s, want i2", out.FormatRef(got))
	}
}

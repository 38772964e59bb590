//go:build arm64 && linux

package arm64

import (
	"github.com/metajit/metajit/backend/internal/backendtest"

	"math"
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/trace"
	"golang.org/x/arch/arm64/arm64asm"
)

// Each guard branches to its stub through a B.cond at GuardJump(op); PatchGuard points it
// elsewhere (and flushes the instruction cache), as attaching a bridge will.
func TestGuardJumpsArePatchable(t *testing.T) {
	tr := parse(t, `
[i0, i1]
guard_true(i0) [f0@1: 0=i0]
guard_true(i1) [f0@2: 0=i1]
finish(i0, i1)
`)
	l := compile(t, tr)
	targets := map[int]int{}
	for _, op := range []int{2, 3} {
		off, ok := l.GuardJump(op)
		if !ok {
			t.Fatalf("no jump for guard %d", op)
		}
		inst, err := arm64asm.Decode(l.Code()[off:])
		if err != nil || !strings.HasPrefix(arm64asm.GNUSyntax(inst), "b.eq") {
			t.Fatalf("guard %d: %v %v", op, inst, err)
		}
		for _, arg := range inst.Args {
			if rel, ok := arg.(arm64asm.PCRel); ok {
				targets[op] = off + int(rel)
			}
		}
	}
	if _, ok := l.GuardJump(4); ok {
		t.Error("finish has a guard jump")
	}
	var exit backend.Exit
	l.Run([]uint64{0, 1}, nil, &exit)
	if exit.Op != 2 {
		t.Fatalf("left at %d", exit.Op)
	}
	// Send guard 2 to guard 3's stub.
	if err := l.PatchGuard(2, targets[3]); err != nil {
		t.Fatal(err)
	}
	l.Run([]uint64{0, 1}, nil, &exit)
	if exit.Op != 3 {
		t.Errorf("patched guard left at %d", exit.Op)
	}
	if err := l.PatchGuard(4, 0); err == nil {
		t.Error("patched the finish")
	}
}

// The area's layout is what the generated code assumes.
func TestAreaLayout(t *testing.T) {
	check := func(n int, vals, ptrs uintptr) {
		if vals != offVals || ptrs != uintptr(offPtrs(n)) {
			t.Errorf("area%d: vals at %d, ptrs at %d", n, vals, ptrs)
		}
	}
	check(16, unsafe.Offsetof(area16{}.vals), unsafe.Offsetof(area16{}.ptrs))
	check(64, unsafe.Offsetof(area64{}.vals), unsafe.Offsetof(area64{}.ptrs))
	check(256, unsafe.Offsetof(area256{}.vals), unsafe.Offsetof(area256{}.ptrs))
	check(1024, unsafe.Offsetof(area1024{}.vals), unsafe.Offsetof(area1024{}.ptrs))
	check(4096, unsafe.Offsetof(area4096{}.vals), unsafe.Offsetof(area4096{}.ptrs))
	check(16384, unsafe.Offsetof(area16384{}.vals), unsafe.Offsetof(area16384{}.ptrs))
	if unsafe.Offsetof(header{}.budget) != offBudget || unsafe.Offsetof(header{}.swap) != offSwap {
		t.Error("header layout")
	}
}

func TestDisassemble(t *testing.T) {
	tr := parse(t, `
[i0, i1]
label(i0, i1)
i3 = int_lt(i0, i1)
guard_true(i3) [f0@0: 0=i0]
i5 = int_add(i0, 1)
jump(i5, i1)
`)
	l := compile(t, tr)
	d := l.Disassemble()
	for _, want := range []string{"i3 = int_lt(i0, i1)", "cmp ", "guard_true(i3)", "b.ge ", "# exit stub of op 4", "# loop glue", "ret", "jump(i5, i1)"} {
		if !strings.Contains(d, want) {
			t.Errorf("no %q in\n%s", want, d)
		}
	}
	if l.CodeSize() != len(l.Code()) || l.CodeSize() == 0 || l.Trace() != tr {
		t.Error("CodeSize / Code / Trace")
	}
}

// A trace with thousands of values: homes far from R26 (beyond the 32 KiB an 8-byte LDR
// offset reaches; golang-asm builds the offset in R27), in the 16384-slot area, with a
// guard whose snapshot names early values and pointers at large offsets.
func TestLargeTrace(t *testing.T) {
	tr := trace.NewTrace("large")
	x := tr.Input(trace.Int)
	f := tr.Input(trace.Float)
	p := tr.Input(trace.Ptr)
	vals := []trace.Ref{x}
	fv := f
	for k := 0; k < 6000; k++ {
		vals = append(vals, tr.Emit(trace.OpIntAdd, trace.Int, vals[len(vals)-1], tr.ConstInt(int64(k))))
		if k%3 == 0 {
			fv = tr.Emit(trace.OpFloatAdd, trace.Float, fv, tr.ConstFloat(0.5))
		}
	}
	var ptrs []trace.Ref
	for k := 0; k < 5000; k++ {
		ptrs = append(ptrs, tr.EmitDescr(trace.OpGetfieldR, trace.Ptr, backendtest.ObjNext, p))
	}
	c := tr.Emit(trace.OpIntLt, trace.Int, vals[len(vals)-1], tr.ConstInt(1<<40))
	s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{
		{Index: 0, Ref: vals[1]}, {Index: 1, Ref: vals[3000]}, {Index: 2, Ref: fv}, {Index: 3, Ref: ptrs[4999]}, {Index: 4, Ref: ptrs[0]}}}}})
	tr.EmitGuard(trace.OpGuardTrue, s, c)
	tr.Emit(trace.OpFinish, trace.Void, vals[len(vals)-1], vals[10], fv, ptrs[4998])
	l := compile(t, tr)
	obj := backendtest.NewTestObject()
	same(t, tr, l, []uint64{0, math.Float64bits(1)}, []unsafe.Pointer{nil, nil, unsafe.Pointer(obj)})
	same(t, tr, l, []uint64{1 << 41, math.Float64bits(1)}, []unsafe.Pointer{nil, nil, unsafe.Pointer(obj)})
}

//go:build amd64 && unix

package amd64

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"golang.org/x/arch/x86/x86asm"
)

// Each guard branches to its stub through a 6-byte Jcc rel32 at GuardJump(op); rewriting the
// displacement sends the guard elsewhere, as attaching a bridge will.
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
		inst, err := x86asm.Decode(l.Code()[off:], 64)
		if err != nil || inst.Len != 6 || inst.Op != x86asm.JE {
			t.Fatalf("guard %d: %v %v (len %d)", op, inst, err, inst.Len)
		}
		targets[op] = off + 6 + int(inst.Args[0].(x86asm.Rel))
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
	off, _ := l.GuardJump(2)
	var disp [4]byte
	putUint32(disp[:], uint32(int32(targets[3]-(off+6))))
	if err := l.block.Patch(off+2, disp[:]); err != nil {
		t.Fatal(err)
	}
	l.Run([]uint64{0, 1}, nil, &exit)
	if exit.Op != 3 {
		t.Errorf("patched guard left at %d", exit.Op)
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
	for _, want := range []string{"i3 = int_lt(i0, i1)", "cmp ", "guard_true(i3)", "jnl ", "# exit stub of op 4", "# loop glue", "ret", "jump(i5, i1)"} {
		if !strings.Contains(d, want) {
			t.Errorf("no %q in\n%s", want, d)
		}
	}
	if l.CodeSize() != len(l.Code()) || l.CodeSize() == 0 || l.Trace() != tr {
		t.Error("CodeSize / Code / Trace")
	}
}

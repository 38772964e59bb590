//go:build amd64 && unix

package amd64

import (
	"github.com/metajit/metajit/backend/internal/backendtest"

	"math"
	"regexp"
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// Per-op tests in the style of PyPy's backend/test/runner_test.py: every op, on edge-case
// operands, in registers and as constants, compared bit for bit with irexec (the reference).

// TestBitTestsFusedWithGuards: int_and(x, imm) that only a guard tests against 0 becomes TEST
// and the guard's branch, with debug_merge_points in between (which emit nothing); the same
// for a comparison. Every guard kind that tests against 0, edge inputs, against irexec.
func TestBitTestsFusedWithGuards(t *testing.T) {
	debug := &trace.DebugDescr{Text: "between"}
	cell := &trace.FieldDescr{Name: "cell", Offset: 8, Size: 8, Type: trace.Int}
	for _, mask := range []int64{1, 3, -1, 0x40000000, -0x80000000} {
		for _, guard := range []trace.Opcode{trace.OpGuardTrue, trace.OpGuardFalse, trace.OpGuardValue} {
			tr := trace.NewTrace("and")
			x := tr.Input(trace.Int)
			p := tr.Input(trace.Ptr)
			and := tr.Emit(trace.OpIntAnd, trace.Int, x, tr.ConstInt(mask))
			tr.EmitDescr(trace.OpDebugMergePoint, trace.Void, debug)
			s := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{Slots: []trace.SnapSlot{{Index: 0, Ref: x}}}}})
			if guard == trace.OpGuardValue {
				tr.EmitGuard(guard, s, and, tr.ConstInt(0))
			} else {
				tr.EmitGuard(guard, s, and)
			}
			lt := tr.Emit(trace.OpIntLt, trace.Int, x, tr.ConstInt(7))
			tr.EmitDescr(trace.OpDebugMergePoint, trace.Void, debug)
			tr.EmitDescr(trace.OpSetfield, trace.Void, cell, p, x) // a MOV: keeps the flags
			tr.EmitDescr(trace.OpSetfield, trace.Void, cell, p, tr.ConstInt(-5))
			s2 := tr.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{PC: 1, Slots: []trace.SnapSlot{{Index: 0, Ref: x}, {Index: 1, Ref: lt}}}}})
			tr.EmitGuard(trace.OpGuardTrue, s2, lt)
			tr.Emit(trace.OpFinish, trace.Void, x)
			l := compile(t, tr)
			dis := l.Disassemble()
			if !strings.Contains(dis, "test ") || setccText.MatchString(dis) || strings.Contains(dis, " and ") {
				t.Errorf("mask %#x, %s: not fused into TEST and CMP with branches:\n%s", mask, guard, dis)
			}
			for _, a := range append(backendtest.EdgeInts, 2, 4, 5, 6, 0x40000000, -0x80000000) {
				var mem [2]int64
				same(t, tr, l, []uint64{uint64(a), 0}, []unsafe.Pointer{nil, unsafe.Pointer(&mem)})
			}
		}
	}
}

// setccText matches a SETcc instruction in a disassembly.
var setccText = regexp.MustCompile(`\bset[a-z]+ [a-z]`)

// TestShiftCountInCX: shifts whose count must go to CL while CX holds other live values, the
// shifted value is the count, or the count is an input that lives on.
func TestShiftCountInCX(t *testing.T) {
	tr := parse(t, `
[i0, i1, i2, i3, i4, i5]
i6 = int_lshift(i0, i1)
i7 = int_rshift(i2, i0)
i8 = int_urshift(i1, i1)
i9 = int_lshift(i6, i7)
i10 = int_add(i3, i4)
i11 = int_rshift(i10, i5)
i12 = int_urshift(i5, i3)
finish(i6, i7, i8, i9, i10, i11, i12, i0, i1, i2, i3, i4, i5)
`)
	l := compile(t, tr)
	for _, a := range backendtest.EdgeInts {
		for _, b := range []int64{0, 1, 63, 64, 65, -1, math.MinInt64} {
			same(t, tr, l, []uint64{uint64(a), uint64(b), uint64(a ^ b), uint64(b), uint64(a), uint64(b + 3)}, nil)
		}
	}
}

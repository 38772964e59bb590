//go:build arm64 && linux

package arm64

import (
	"github.com/metajit/metajit/backend/internal/backendtest"

	"math"
	"testing"
)

// Per-op tests in the style of PyPy's backend/test/runner_test.py: every op, on edge-case
// operands, in registers and as constants, compared bit for bit with irexec (the reference).

// TestVariableShifts: shifts where the shifted value is the count, the count is an input
// that lives on, and counts of 63, 64, 65 and negative ones (LSLV and friends use the count
// modulo 64, as the IR defines).
func TestVariableShifts(t *testing.T) {
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

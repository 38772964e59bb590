//go:build arm64 && linux

package arm64

import (
	"github.com/metajit/metajit/backend/internal/machine"
	"github.com/metajit/metajit/trace"
)

// The register allocator is backend/internal/machine's (a forward linear scan, as PyPy's
// backend/x86 regalloc.py), shared with the other native backend; this file says which
// registers it hands out here, and has the allocation helpers only this machine needs.
//
// Loops: at the loop head (the label, or the first op after the inputs when the trace has no
// label), the live-in values (the label's arguments, and the values defined before the loop
// that the loop uses: the invariants) get a fixed place, the head state, as PyPy's label
// locations: the registers they are in, plus free registers loaded with the most used ones.
// The jump moves the new values into the head state as one parallel assignment (moves.go),
// then goes back. The same state is saved to homes when the loop yields to Go and restored
// when Go enters it again (the re-entry point).
//
// Registers: R26 holds the context; R25 holds the back-edge budget, which the trampoline
// loads from the area on every entry (Go resets the budget at each entry, so it is never
// stored back): counting it down in memory made the loop-carried dependency of every loop a
// load and a store; R16, R17 and F31 are scratch registers the code generator uses for
// addresses, constants and memory-to-memory moves; R27 is golang-asm's own scratch register
// (REGTMP); R18 (platform register), R28 (g), R29 (frame pointer), R30 (link register: the
// compiled code returns through it) and RSP are never touched. The rest are allocated: 22
// general-purpose registers (R0-R15, R19-R24) and 31 FP/SIMD registers (F0-F30).

// The allocator's types, from backend/internal/machine.
type (
	class     = machine.Class
	reg       = machine.Reg
	regSet    = machine.RegSet
	value     = machine.Value
	allocator = machine.Allocator
	homeStore = machine.HomeStore
)

const (
	gpr   = machine.GPR
	fpr   = machine.FPR
	noReg = machine.NoReg
)

func classOf(t trace.Type) class     { return machine.ClassOf(t) }
func setOf(rs ...reg) regSet         { return machine.SetOf(rs...) }
func constBits(k trace.Const) uint64 { return machine.ConstBits(k) }

// allocOrder lists the registers the allocator hands out, by class, in order of preference.
var allocOrder = [2][]reg{
	gpr: {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 19, 20, 21, 22, 23, 24},
	fpr: {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30},
}

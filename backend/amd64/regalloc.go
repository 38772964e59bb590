//go:build amd64 && unix

package amd64

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
// Registers: R15 holds the context; R14 (Go's goroutine register, free in code entered
// through an ABI0 trampoline: see enter_amd64.go) holds the back-edge budget, which the
// trampoline loads from the area: counting it down in memory made the loop-carried
// dependency of every loop a store-to-load forwarding; R11 and X15 are scratch registers the
// code generator uses for constants and memory-to-memory moves; SP and BP are never touched
// (BP is Go's frame pointer). The rest are allocated: 11 general-purpose registers and 15 XMM
// registers.

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
	xmm   = machine.FPR
	noReg = machine.NoReg
)

func classOf(t trace.Type) class     { return machine.ClassOf(t) }
func setOf(rs ...reg) regSet         { return machine.SetOf(rs...) }
func constBits(k trace.Const) uint64 { return machine.ConstBits(k) }

// allocOrder lists the registers the allocator hands out, by class, in order of preference:
// the registers some instructions need (RAX and RDX for IDIV, RCX for shift counts) last.
var allocOrder = [2][]reg{
	gpr: {rBX, rSI, rDI, r8, r9, r10, r12, r13, rAX, rCX, rDX},
	xmm: {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14},
}

// loadInto puts ref into register r, which the op then owns (a temporary): for instructions
// with fixed registers. When ref is a value already in r, it stays there and bound, unless
// clobber says the instruction overwrites r and the value is needed after the op.
func (g *gen) loadInto(ref trace.Ref, r reg, clobber bool) {
	if ref >= 0 && g.ra.Vals[ref].Reg == r {
		if !clobber || g.ra.Vals[ref].Last == int32(g.ra.Pos) {
			if clobber {
				g.ra.Unbind(gpr, r) // dies here: r becomes the op's
			}
			g.ra.Lock(gpr, r)
			return
		}
	}
	g.ra.Take(gpr, r)
	g.moveValue(gpr, r, ref)
}

// twoAddress returns the register of the result of the current op, value v, for x86's
// two-address instructions (dst = dst OP src): it holds a copy of the first operand a. When a
// is in a register and dies at this op, the result takes that register over.
func (g *gen) twoAddress(v, a trace.Ref, avoid regSet) reg {
	c := g.ra.Vals[v].Class
	if a >= 0 {
		if ai := &g.ra.Vals[a]; ai.Reg != noReg && ai.Last == int32(g.ra.Pos) && !avoid.Has(ai.Reg) {
			r := ai.Reg
			g.ra.Bind(v, r)
			g.ra.Lock(c, r)
			return r
		}
	}
	r := g.ra.Alloc(c, avoid)
	g.moveValue(c, r, a)
	g.ra.Bind(v, r)
	return r
}

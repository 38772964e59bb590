//go:build amd64 && unix

package amd64

import (
	"github.com/metajit/metajit/backend/internal/machine"

	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// The jump's parallel assignment: at the back-edge, every live-in value of the loop must be
// put in its place of the head state at once (label(i0, i1) ... jump(i1, i0) swaps two
// registers), as PyPy's remap_frame_layout and LuaJIT's snapshot-based PHI resolution do.
// backend/internal/machine sequences the moves; this file turns them into instructions.

// loc is where a value is: a register of its class, or memory at an offset from R15.
type loc struct {
	reg reg   // noReg for memory
	off int32 // the memory offset, when reg is noReg
}

func regLoc(r reg) loc     { return loc{reg: r} }
func memLoc(off int32) loc { return loc{reg: noReg, off: off} }

// pmove is one move of a parallel assignment.
type pmove struct {
	class class
	src   loc
	konst bool   // the source is the constant bits, not src
	bits  uint64 // the constant
	dst   loc
}

// parallelMove emits the moves as if they all happened at once (the sequencing is shared
// with the other native backend: machine.Sequence); a cycle is broken through the area's swap
// word.
func (g *gen) parallelMove(moves []pmove) {
	toNative := func(l loc) machine.Loc { return machine.Loc{Reg: int8(l.reg), Off: l.off} }
	fromNative := func(l machine.Loc) loc { return loc{reg: reg(l.Reg), off: l.Off} }
	nm := make([]machine.Move, len(moves))
	for k, m := range moves {
		nm[k] = machine.Move{Class: uint8(m.class), Src: toNative(m.src), Konst: m.konst, Bits: m.bits, Dst: toNative(m.dst)}
	}
	machine.Sequence(nm, toNative(memLoc(offSwap)), func(m machine.Move) {
		g.emitMove(pmove{class: class(m.Class), src: fromNative(m.Src), konst: m.Konst, bits: m.Bits, dst: fromNative(m.Dst)})
	})
}

// emitMove emits one move; memory-to-memory moves and wide constants go through R11.
func (g *gen) emitMove(m pmove) {
	switch {
	case m.konst && m.dst.reg != noReg:
		g.loadConst(m.class, m.dst.reg, m.bits)
	case m.konst:
		if v := int64(m.bits); v == int64(int32(v)) {
			g.a.ins(x86.AMOVQ, immOp(v), ctxMem(m.dst.off))
		} else {
			g.a.ins(x86.AMOVQ, immOp(v), rOp(gp(r11)))
			g.a.ins(x86.AMOVQ, rOp(gp(r11)), ctxMem(m.dst.off))
		}
	case m.src.reg != noReg && m.dst.reg != noReg:
		g.moveReg(m.class, m.dst.reg, m.src.reg)
	case m.src.reg != noReg:
		g.storeHome(m.class, m.src.reg, m.dst.off)
	case m.dst.reg != noReg:
		g.loadHome(m.class, m.dst.reg, m.src.off)
	default:
		g.a.ins(x86.AMOVQ, ctxMem(m.src.off), rOp(gp(r11)))
		g.a.ins(x86.AMOVQ, rOp(gp(r11)), ctxMem(m.dst.off))
	}
}

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

// loc and pmove are backend/internal/machine's Loc and Move.
type (
	loc   = machine.Loc
	pmove = machine.Move
)

func regLoc(r reg) loc     { return loc{Reg: r} }
func memLoc(off int32) loc { return loc{Reg: noReg, Off: off} }

// parallelMove emits the moves as if they all happened at once (machine.Sequence); a cycle
// is broken through the area's swap word.
func (g *gen) parallelMove(moves []pmove) { machine.Sequence(moves, memLoc(offSwap), g.emitMove) }

// emitMove emits one move; memory-to-memory moves and wide constants go through R11.
func (g *gen) emitMove(m pmove) {
	switch {
	case m.Konst && m.Dst.Reg != noReg:
		g.LoadConst(m.Class, m.Dst.Reg, m.Bits)
	case m.Konst:
		if v := int64(m.Bits); v == int64(int32(v)) {
			g.a.ins(x86.AMOVQ, immOp(v), ctxMem(m.Dst.Off))
		} else {
			g.a.ins(x86.AMOVQ, immOp(v), rOp(gp(r11)))
			g.a.ins(x86.AMOVQ, rOp(gp(r11)), ctxMem(m.Dst.Off))
		}
	case m.Src.Reg != noReg && m.Dst.Reg != noReg:
		g.MoveReg(m.Class, m.Dst.Reg, m.Src.Reg)
	case m.Src.Reg != noReg:
		g.StoreHome(m.Class, m.Src.Reg, m.Dst.Off)
	case m.Dst.Reg != noReg:
		g.LoadHome(m.Class, m.Dst.Reg, m.Src.Off)
	default:
		g.a.ins(x86.AMOVQ, ctxMem(m.Src.Off), rOp(gp(r11)))
		g.a.ins(x86.AMOVQ, rOp(gp(r11)), ctxMem(m.Dst.Off))
	}
}

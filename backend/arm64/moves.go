//go:build arm64 && linux

package arm64

// The jump's parallel assignment: at the back-edge, every live-in value of the loop must be
// put in its place of the head state at once (label(i0, i1) ... jump(i1, i0) swaps two
// registers), as PyPy's remap_frame_layout and LuaJIT's snapshot-based PHI resolution do.
// The moves are sequenced so that no location is overwritten before every move reading it
// has been emitted; the remaining cycles are broken by parking one value in the area's swap
// word.

// loc is where a value is: a register of its class, or memory at an offset from R26.
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

// key identifies a location across classes (memory is shared by both).
func (m *pmove) key(l loc) int64 {
	if l.reg != noReg {
		return -1 - int64(m.class)*32 - int64(l.reg)
	}
	return int64(l.off)
}

// parallelMove emits the moves as if they all happened at once.
func (g *gen) parallelMove(moves []pmove) {
	var pending []pmove
	for _, m := range moves {
		if m.konst || m.src != m.dst {
			pending = append(pending, m)
		}
	}
	read := func(k int64, except int) bool {
		for j := range pending {
			if j != except && !pending[j].konst && pending[j].key(pending[j].src) == k {
				return true
			}
		}
		return false
	}
	for len(pending) > 0 {
		progress := false
		for j := 0; j < len(pending); j++ {
			m := pending[j]
			if read(m.key(m.dst), j) {
				continue
			}
			g.emitMove(m)
			pending = append(pending[:j], pending[j+1:]...)
			j--
			progress = true
		}
		if progress {
			continue
		}
		// Only cycles are left: park the source of one move in the swap word, and make every
		// move that reads that source read the swap word instead.
		m := pending[0]
		k := m.key(m.src)
		swap := memLoc(offSwap)
		g.emitMove(pmove{class: m.class, src: m.src, dst: swap})
		for j := range pending {
			if !pending[j].konst && pending[j].key(pending[j].src) == k {
				pending[j].src = swap
			}
		}
	}
}

// emitMove emits one move; memory-to-memory moves and constants stored to memory go through
// R16.
func (g *gen) emitMove(m pmove) {
	switch {
	case m.konst && m.dst.reg != noReg:
		g.loadConst(m.class, m.dst.reg, m.bits)
	case m.konst:
		g.loadConst(gpr, rTmp, m.bits)
		g.storeHome(gpr, rTmp, m.dst.off)
	case m.src.reg != noReg && m.dst.reg != noReg:
		g.moveReg(m.class, m.dst.reg, m.src.reg)
	case m.src.reg != noReg:
		g.storeHome(m.class, m.src.reg, m.dst.off)
	case m.dst.reg != noReg:
		g.loadHome(m.class, m.dst.reg, m.src.off)
	default:
		g.loadHome(gpr, rTmp, m.src.off)
		g.storeHome(gpr, rTmp, m.dst.off)
	}
}

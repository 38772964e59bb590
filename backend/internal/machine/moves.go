// Package machine holds what metajit's two native backends, backend/amd64 and backend/arm64,
// share below the backend interface, written once: the sequencing of a loop's parallel moves
// at the back-edge and the layout of their jit-backend-dump listings. Only the instructions
// differ between the two, so each backend passes them in as functions.
package machine

// The jump's parallel assignment: at the back-edge, every live-in value of the loop must be
// put in its place of the head state at once (label(i0, i1) ... jump(i1, i0) swaps two
// registers), as PyPy's remap_frame_layout and LuaJIT's snapshot-based PHI resolution do.
// The moves are sequenced so that no location is overwritten before every move reading it
// has been emitted; the remaining cycles are broken by parking one value in a swap word.

// Loc is where a value is: a register of its move's class, or memory at offset Off from the
// register that holds the backend's area (Reg == NoReg).
type Loc struct {
	Reg Reg
	Off int32
}

// Move is one move of a parallel assignment.
type Move struct {
	Class Class
	Src   Loc
	Konst bool   // the source is the constant Bits, not Src
	Bits  uint64 // the constant
	Dst   Loc
}

// key identifies a location across classes (memory is shared by all of them).
func (m *Move) key(l Loc) int64 {
	if l.Reg != NoReg {
		return -1 - int64(m.Class)*128 - int64(l.Reg)
	}
	return int64(l.Off)
}

// Sequence emits the moves, through emit, as if they all happened at once; swap is a memory
// location no move uses, where a value is parked to break a cycle.
func Sequence(moves []Move, swap Loc, emit func(Move)) {
	var pending []Move
	for _, m := range moves {
		if m.Konst || m.Src != m.Dst {
			pending = append(pending, m)
		}
	}
	read := func(k int64, except int) bool {
		for j := range pending {
			if j != except && !pending[j].Konst && pending[j].key(pending[j].Src) == k {
				return true
			}
		}
		return false
	}
	for len(pending) > 0 {
		progress := false
		for j := 0; j < len(pending); j++ {
			m := pending[j]
			if read(m.key(m.Dst), j) {
				continue
			}
			emit(m)
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
		k := m.key(m.Src)
		emit(Move{Class: m.Class, Src: m.Src, Dst: swap})
		for j := range pending {
			if !pending[j].Konst && pending[j].key(pending[j].Src) == k {
				pending[j].Src = swap
			}
		}
	}
}

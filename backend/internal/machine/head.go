package machine

import (
	"fmt"

	"github.com/metajit/metajit/trace"
)

// The loop head: where each live-in value of a loop's body is when an iteration starts, as
// PyPy's label locations. The live-in values are the label's arguments (carried: the jump
// passes new ones) and the values defined before the loop that the body uses (the
// invariants). The head state is fixed when the code generator reaches the head: a live-in
// keeps the register it is in, free registers are loaded with the live-ins the body uses
// most, and the rest stay in their homes. The jump moves the new values into the head state
// as one parallel assignment (JumpMoves, then Sequence); the same state is saved to homes when
// the loop yields to Go and restored when Go enters it again.

// HeadEntry is the place of one live-in value V (of register class Class, with its home at
// Home) at the loop head: Reg, or NoReg when only in its home; InMem says its home holds it
// there too. Carried is set for label arguments. A loop keeps its head state for the bridges
// that go into its body (backend.HeadAttacher).
type HeadEntry struct {
	V       trace.Ref
	Class   Class
	Home    int32
	Reg     Reg
	InMem   bool
	Carried bool
}

// HeadState fixes the head state of the loop whose label is at headPos (headArgs its
// arguments, its body from bodyStart to the jump at jumpPos), where the allocation stands
// now. load puts a value in a register (the backend's move of a value from wherever it is).
func (ra *Allocator) HeadState(headArgs []trace.Ref, headPos, bodyStart, jumpPos int, load func(c Class, dst Reg, v trace.Ref)) []HeadEntry {
	isArg := map[trace.Ref]bool{}
	for _, v := range headArgs {
		isArg[v] = true
	}
	liveIn := append([]trace.Ref(nil), headArgs...)
	for v := 0; v < headPos; v++ {
		if !isArg[trace.Ref(v)] && ra.Vals[v].Typ != trace.Void && ra.Vals[v].Last >= int32(bodyStart) {
			liveIn = append(liveIn, trace.Ref(v))
		}
	}
	bodyUses := func(v trace.Ref) int {
		n := 0
		for _, u := range ra.Vals[v].Uses {
			if u >= int32(bodyStart) && u < int32(jumpPos) {
				n++
			}
		}
		return n
	}
	order := append([]trace.Ref(nil), liveIn...)
	for k := 1; k < len(order); k++ { // insertion sort, most used first (stable)
		for j := k; j > 0 && bodyUses(order[j]) > bodyUses(order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for _, v := range order {
		info := &ra.Vals[v]
		if info.Reg != NoReg || bodyUses(v) == 0 {
			continue
		}
		if r := ra.FreeReg(info.Class, 0); r != NoReg {
			load(info.Class, r, v)
			ra.Bind(v, r)
		}
	}
	var head []HeadEntry
	for _, v := range liveIn {
		info := &ra.Vals[v]
		if isArg[v] {
			// The jump updates a carried value's head place only: a register, or the home.
			info.InMem = info.Reg == NoReg
		}
		head = append(head, HeadEntry{V: v, Class: info.Class, Home: info.Home, Reg: info.Reg, InMem: info.InMem, Carried: isArg[v]})
	}
	return head
}

// JumpMoves returns the parallel assignment of a jump with arguments args (new values of the
// carried entries, in order) to the head state: carried values to their head places,
// invariants that live in a register at the head back into it. vals is where every value is
// at the jump.
func JumpMoves(t *trace.Trace, vals []Value, head []HeadEntry, args []trace.Ref) ([]Move, error) {
	src := func(v trace.Ref) (Loc, bool) {
		info := &vals[v]
		if info.Reg != NoReg {
			return Loc{Reg: info.Reg}, true
		}
		return Loc{Reg: NoReg, Off: info.Home}, info.InMem
	}
	var moves []Move
	k := 0
	for _, h := range head {
		info := &vals[h.V]
		dst := Loc{Reg: NoReg, Off: info.Home}
		if h.Reg != NoReg {
			dst = Loc{Reg: h.Reg}
		}
		m := Move{Class: info.Class, Dst: dst}
		if h.Carried {
			arg := args[k]
			k++
			if arg < 0 {
				m.Konst, m.Bits = true, ConstBits(t.ConstValue(arg))
				moves = append(moves, m)
				continue
			}
			s, ok := src(arg)
			if !ok {
				return nil, fmt.Errorf("jump argument %d is neither in a register nor in memory", arg)
			}
			if s.Reg == NoReg && dst.Reg == NoReg && s.Off == dst.Off {
				continue // passed through in its home
			}
			m.Src = s
		} else {
			if h.Reg == NoReg {
				continue // an invariant in its home stays there
			}
			s, ok := src(h.V)
			if !ok {
				return nil, fmt.Errorf("loop invariant %d is neither in a register nor in memory", h.V)
			}
			m.Src = s
		}
		moves = append(moves, m)
	}
	return moves, nil
}

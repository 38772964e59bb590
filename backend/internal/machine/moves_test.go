package machine

import (
	"math/rand/v2"
	"testing"
)

// Random parallel assignments over a few registers of two classes and a few memory words,
// with constants and cycles: running the emitted moves one after the other must give what
// doing them all at once gives.
func TestSequenceIsParallel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	swap := Loc{Reg: NoReg, Off: 999}
	for iter := 0; iter < 5000; iter++ {
		type place struct {
			class Class
			loc   Loc
		}
		var places []place
		for c := Class(0); c < 2; c++ {
			for r := Reg(0); r < 4; r++ {
				places = append(places, place{c, Loc{Reg: r}})
			}
		}
		for off := int32(0); off < 4; off++ {
			places = append(places, place{0, Loc{Reg: NoReg, Off: 8 * off}})
		}
		state := map[place]uint64{}
		for k, p := range places {
			state[p] = uint64(100 + k)
		}
		// Each destination at most once; sources anywhere of the same class (memory is
		// shared, so a memory word can be read by either class).
		var moves []Move
		for _, d := range rng.Perm(len(places))[:rng.IntN(len(places))] {
			dst := places[d]
			m := Move{Class: dst.class, Dst: dst.loc}
			if rng.IntN(5) == 0 {
				m.Konst, m.Bits = true, uint64(rng.IntN(1000))
			} else {
				var srcs []place
				for _, p := range places {
					if p.class == dst.class || p.loc.Reg == NoReg {
						srcs = append(srcs, p)
					}
				}
				m.Src = srcs[rng.IntN(len(srcs))].loc
			}
			moves = append(moves, m)
		}
		get := func(class Class, l Loc, st map[place]uint64) uint64 {
			if l.Reg == NoReg {
				class = 0
			}
			return st[place{class, l}]
		}
		key := func(class Class, l Loc) place {
			if l.Reg == NoReg {
				class = 0
			}
			return place{class, l}
		}
		want := map[place]uint64{}
		for p, v := range state {
			want[p] = v
		}
		for _, m := range moves {
			v := m.Bits
			if !m.Konst {
				v = get(m.Class, m.Src, state)
			}
			want[key(m.Class, m.Dst)] = v
		}
		got := map[place]uint64{}
		for p, v := range state {
			got[p] = v
		}
		Sequence(moves, swap, func(m Move) {
			v := m.Bits
			if !m.Konst {
				v = get(m.Class, m.Src, got)
			}
			got[key(m.Class, m.Dst)] = v
		})
		for _, p := range places {
			if got[key(p.class, p.loc)] != want[key(p.class, p.loc)] {
				t.Fatalf("moves %+v: %+v holds %d, want %d", moves, p, got[key(p.class, p.loc)], want[key(p.class, p.loc)])
			}
		}
	}
}

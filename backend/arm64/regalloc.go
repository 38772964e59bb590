//go:build arm64 && linux

package arm64

import (
	"fmt"
	"math"
	"sort"

	"github.com/metajit/metajit/trace"
)

// The register allocator: a forward linear scan over the linear trace, in the manner of
// PyPy's backend/x86 (regalloc.py: RegAlloc with its longevity table and its
// "spill the value used furthest in the future" rule), kept small enough to read in one go.
//
// Every op result has a home: a slot in the run's area (loop.go), which R26 points to. Ints
// and floats have their homes in the area's vals array, pointers in its ptrs array, so that
// Go's garbage collector sees the pointers whenever Go code runs. A value lives in a
// register, in its home, or in both; the allocator tracks which, op by op:
//
//   - value.reg is the register holding the value, or noReg;
//   - value.inMem says the home holds it (it was stored, or Go wrote it: inputs, call
//     results).
//
// A value that is needed later is always in one of the two. Generating op i goes:
//
//  1. its operands are put in registers (load), which are locked for the op; constants go
//     into temporary registers, or become immediates where AArch64 allows;
//  2. its result gets a register (alloc, or the register of an operand that dies here:
//     resultReusing), and the code is emitted;
//  3. endOp unlocks the op's registers and frees those whose value has no use after i.
//
// When no register is free, alloc takes the one whose value is used furthest in the future
// (Belady's rule), storing it to its home first unless the home already holds it (spill).
// Exits never need the values to be anywhere but their homes: a guard's stub stores the
// snapshot's values that are only in registers, a residual call stores everything that is
// needed later (Go clobbers every register), and a finish stores its results.
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

// class is a register file: general-purpose registers hold ints and pointers, FP/SIMD
// registers floats.
type class uint8

const (
	gpr class = iota
	fpr
)

func classOf(t trace.Type) class {
	if t == trace.Float {
		return fpr
	}
	return gpr
}

// reg is a register number within its class (0-31, the hardware encoding).
type reg int8

const noReg reg = -1

// regSet is a set of registers of one class.
type regSet uint32

func (s regSet) has(r reg) bool { return r != noReg && s&(1<<uint(r)) != 0 }
func setOf(rs ...reg) regSet {
	var s regSet
	for _, r := range rs {
		s |= 1 << uint(r)
	}
	return s
}

// allocOrder lists the registers the allocator hands out, by class, in order of preference.
var allocOrder = [2][]reg{
	gpr: {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 19, 20, 21, 22, 23, 24},
	fpr: {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30},
}

// noValue marks a free register.
const noValue trace.Ref = trace.NoRef

// value is what the allocator knows about one op's result.
type value struct {
	typ   trace.Type
	class class
	home  int32   // offset of its home from R26; -1 for ops without a result
	slot  int32   // index of the home in the area's vals or ptrs array
	uses  []int32 // ops that read it (arguments, snapshots, the jump), ascending
	last  int32   // its last use; its own index when it has none
	reg   reg     // the register holding it, or noReg
	inMem bool    // its home holds it
}

// allocator is the state of the allocation at the op being generated.
type allocator struct {
	g      *gen
	vals   []value
	holds  [2][32]trace.Ref // the value each register holds, or noValue
	locked [2]regSet        // registers the current op uses: not to be handed out or spilled
	pos    int              // the op being generated
}

func newAllocator(g *gen, vals []value) *allocator {
	ra := &allocator{g: g, vals: vals}
	for c := range ra.holds {
		for r := range ra.holds[c] {
			ra.holds[c][r] = noValue
		}
	}
	return ra
}

// nextUse returns the first use of v at or after the current op, or MaxInt32.
func (ra *allocator) nextUse(v trace.Ref) int32 {
	uses := ra.vals[v].uses
	k := sort.Search(len(uses), func(k int) bool { return uses[k] >= int32(ra.pos) })
	if k == len(uses) {
		return math.MaxInt32
	}
	return uses[k]
}

func (ra *allocator) lock(c class, r reg) { ra.locked[c] |= 1 << uint(r) }

// bind records that register r holds v (without locking it).
func (ra *allocator) bind(v trace.Ref, r reg) {
	c := ra.vals[v].class
	if old := ra.holds[c][r]; old != noValue {
		ra.vals[old].reg = noReg
	}
	ra.holds[c][r] = v
	ra.vals[v].reg = r
}

// unbind frees register r (whatever value it held is no longer there).
func (ra *allocator) unbind(c class, r reg) {
	if v := ra.holds[c][r]; v != noValue {
		ra.vals[v].reg = noReg
	}
	ra.holds[c][r] = noValue
}

// freeReg returns a register of class c that holds nothing and is not locked or in avoid,
// or noReg.
func (ra *allocator) freeReg(c class, avoid regSet) reg {
	for _, r := range allocOrder[c] {
		if ra.holds[c][r] == noValue && !ra.locked[c].has(r) && !avoid.has(r) {
			return r
		}
	}
	return noReg
}

// alloc returns a register of class c, not in avoid, locked for the current op and holding
// no value: a free one, or the one whose value is used furthest in the future, spilled.
func (ra *allocator) alloc(c class, avoid regSet) reg {
	if r := ra.freeReg(c, avoid); r != noReg {
		ra.lock(c, r)
		return r
	}
	victim, furthest := noReg, int32(-1)
	for _, r := range allocOrder[c] {
		if ra.locked[c].has(r) || avoid.has(r) {
			continue
		}
		if u := ra.nextUse(ra.holds[c][r]); u > furthest {
			victim, furthest = r, u
		}
	}
	if victim == noReg {
		panic(fmt.Sprintf("arm64: op %d needs more registers than there are", ra.pos))
	}
	ra.spill(c, victim)
	ra.lock(c, victim)
	return victim
}

// spill frees register r, first storing its value to its home if it is needed later and
// the home does not hold it yet.
func (ra *allocator) spill(c class, r reg) {
	v := ra.holds[c][r]
	if v == noValue {
		return
	}
	if !ra.vals[v].inMem && ra.nextUse(v) != math.MaxInt32 {
		ra.g.storeHome(c, r, ra.vals[v].home)
		ra.vals[v].inMem = true
	}
	ra.unbind(c, r)
}

// load returns a register, not in avoid, holding the value of op v, and locks it.
func (ra *allocator) load(v trace.Ref, avoid regSet) reg {
	info := &ra.vals[v]
	c := info.class
	if info.reg != noReg && !avoid.has(info.reg) {
		ra.lock(c, info.reg)
		return info.reg
	}
	r := ra.alloc(c, avoid)
	if info.reg != noReg { // in a register the op cannot use: move it
		old := info.reg
		ra.g.moveReg(c, r, old)
		ra.unbind(c, old)
	} else {
		if !info.inMem {
			panic(fmt.Sprintf("arm64: op %d: value %d is neither in a register nor in memory", ra.pos, v))
		}
		ra.g.loadHome(c, r, info.home)
	}
	ra.bind(v, r)
	return r
}

// inReg returns a register holding ref, an op result or a constant (which goes into a
// temporary register, freed after the op).
func (ra *allocator) inReg(ref trace.Ref, avoid regSet) reg {
	if ref >= 0 {
		return ra.load(ref, avoid)
	}
	k := ra.g.t.ConstValue(ref)
	c := classOf(k.Type)
	r := ra.alloc(c, avoid)
	ra.g.loadConst(c, r, constBits(k))
	return r
}

// resultReusing returns a register for the result of the current op, v: the register of
// operand a if a dies here and is in the same register file (a load may overwrite its own
// base register), a new one otherwise.
func (ra *allocator) resultReusing(v, a trace.Ref) reg {
	c := ra.vals[v].class
	if a >= 0 {
		if ai := &ra.vals[a]; ai.reg != noReg && ai.class == c && ai.last == int32(ra.pos) {
			r := ai.reg
			ra.bind(v, r)
			ra.lock(c, r)
			return r
		}
	}
	r := ra.alloc(c, 0)
	ra.bind(v, r)
	return r
}

// result returns a new register for the result of the current op.
func (ra *allocator) result(v trace.Ref, avoid regSet) reg {
	r := ra.alloc(ra.vals[v].class, avoid)
	ra.bind(v, r)
	return r
}

// endOp finishes op i: unlocks its registers and frees those holding values it used last.
func (ra *allocator) endOp(i int) {
	ra.locked = [2]regSet{}
	for c := range ra.holds {
		for r, v := range ra.holds[c] {
			if v != noValue && ra.vals[v].last <= int32(i) {
				ra.unbind(class(c), reg(r))
			}
		}
	}
}

// saveAll stores every value held in a register and needed at or after the current op to its
// home, and empties the registers: before a residual call, whose Go code clobbers them all.
func (ra *allocator) saveAll() {
	for c := range ra.holds {
		for r, v := range ra.holds[c] {
			if v != noValue {
				ra.spill(class(c), reg(r))
			}
		}
	}
}

// homeStore is a store of a register to a home, for exit stubs.
type homeStore struct {
	class class
	reg   reg
	home  int32
}

// exitStores returns the stores that put the values refs (the snapshot of a guard) into
// their homes when the guard fails: those that are only in registers now.
func (ra *allocator) exitStores(refs []trace.Ref) []homeStore {
	var out []homeStore
	for _, v := range refs {
		info := &ra.vals[v]
		switch {
		case info.reg != noReg && !info.inMem:
			out = append(out, homeStore{info.class, info.reg, info.home})
		case info.reg == noReg && !info.inMem:
			panic(fmt.Sprintf("arm64: op %d: snapshot value %d is neither in a register nor in memory", ra.pos, v))
		}
	}
	return out
}

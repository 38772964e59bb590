package machine

import (
	"fmt"
	"math"
	"sort"

	"github.com/metajit/metajit/trace"
)

// The register allocator: a forward linear scan over the linear trace, in the manner of
// PyPy's backend/x86 (regalloc.py: RegAlloc with its longevity table and its
// "spill the value used furthest in the future" rule), kept small enough to read in one go.
// Both native backends use it; what differs between them (which registers there are, and the
// instructions that move values) they pass in.
//
// Every op result has a home: a slot in the run's area, which one register of the backend
// points to. Ints and floats have their homes in the area's vals array, pointers in its ptrs
// array, so that Go's garbage collector sees the pointers whenever Go code runs. A value
// lives in a register, in its home, or in both; the allocator tracks which, op by op:
//
//   - Value.Reg is the register holding the value, or NoReg;
//   - Value.InMem says the home holds it (it was stored, or Go wrote it: inputs, call
//     results).
//
// A value that is needed later is always in one of the two. Generating op i goes:
//
//  1. its operands are put in registers (Load, InReg), which are locked for the op;
//     constants go into temporary registers, or become immediates where the machine allows;
//  2. its result gets a register (Alloc, or the register of an operand that dies here:
//     ResultReusing), and the backend emits the code;
//  3. EndOp unlocks the op's registers and frees those whose value has no use after i.
//
// When no register is free, Alloc takes the one whose value is used furthest in the future
// (Belady's rule), storing it to its home first unless the home already holds it (Spill).
// Exits never need the values to be anywhere but their homes: a guard's stub stores the
// snapshot's values that are only in registers (ExitStores), a residual call stores
// everything that is needed later (SaveAll: Go clobbers every register), and a finish stores
// its results.

// Class is a register file: general-purpose registers hold ints and pointers, floating-point
// (XMM, FP/SIMD) registers floats.
type Class uint8

// The register files.
const (
	GPR Class = iota
	FPR
)

// ClassOf returns the register file of values of type t.
func ClassOf(t trace.Type) Class {
	if t == trace.Float {
		return FPR
	}
	return GPR
}

// Reg is a register number within its class (the hardware encoding).
type Reg int8

// NoReg is the Reg of a value in no register (and of a memory Loc).
const NoReg Reg = -1

// RegSet is a set of registers of one class.
type RegSet uint32

// Has reports whether r is in the set.
func (s RegSet) Has(r Reg) bool { return r != NoReg && s&(1<<uint(r)) != 0 }

// SetOf returns the set of the registers rs.
func SetOf(rs ...Reg) RegSet {
	var s RegSet
	for _, r := range rs {
		s |= 1 << uint(r)
	}
	return s
}

// noValue marks a free register.
const noValue trace.Ref = trace.NoRef

// Value is what the allocator knows about one op's result.
type Value struct {
	Typ   trace.Type
	Class Class
	Home  int32   // offset of its home from the area register; -1 for ops without a result
	Slot  int32   // index of the home in the area's vals or ptrs array
	Uses  []int32 // ops that read it (arguments, snapshots, the jump), ascending
	Last  int32   // its last use; its own index when it has none
	Reg   Reg     // the register holding it, or NoReg
	InMem bool    // its home holds it
}

// Emitter is what the allocator needs of a backend's code generator: moves between
// registers, homes and constants.
type Emitter interface {
	StoreHome(c Class, r Reg, home int32)
	LoadHome(c Class, r Reg, home int32)
	MoveReg(c Class, dst, src Reg)
	LoadConst(c Class, r Reg, bits uint64)
}

// Allocator is the state of the allocation at the op being generated.
type Allocator struct {
	Vals []Value
	Pos  int // the op being generated

	arch   string
	t      *trace.Trace
	e      Emitter
	order  [2][]Reg         // the registers handed out, by class, in order of preference
	holds  [2][32]trace.Ref // the value each register holds, or noValue
	locked [2]RegSet        // registers the current op uses: not to be handed out or spilled
}

// NewAllocator returns the allocator of trace t's values vals, which hands out the
// registers of order (by class, in order of preference) and moves values with e. arch
// names the backend in its panics.
func NewAllocator(arch string, t *trace.Trace, e Emitter, vals []Value, order [2][]Reg) *Allocator {
	ra := &Allocator{Vals: vals, arch: arch, t: t, e: e, order: order}
	for c := range ra.holds {
		for r := range ra.holds[c] {
			ra.holds[c][r] = noValue
		}
	}
	return ra
}

// NextUse returns the first use of v at or after the current op, or MaxInt32.
func (ra *Allocator) NextUse(v trace.Ref) int32 {
	uses := ra.Vals[v].Uses
	k := sort.Search(len(uses), func(k int) bool { return uses[k] >= int32(ra.Pos) })
	if k == len(uses) {
		return math.MaxInt32
	}
	return uses[k]
}

// Lock keeps register r of class c for the current op.
func (ra *Allocator) Lock(c Class, r Reg) { ra.locked[c] |= 1 << uint(r) }

// Bind records that register r holds v (without locking it).
func (ra *Allocator) Bind(v trace.Ref, r Reg) {
	c := ra.Vals[v].Class
	if old := ra.holds[c][r]; old != noValue {
		ra.Vals[old].Reg = NoReg
	}
	ra.holds[c][r] = v
	ra.Vals[v].Reg = r
}

// Unbind frees register r (whatever value it held is no longer there).
func (ra *Allocator) Unbind(c Class, r Reg) {
	if v := ra.holds[c][r]; v != noValue {
		ra.Vals[v].Reg = NoReg
	}
	ra.holds[c][r] = noValue
}

// FreeReg returns a register of class c that holds nothing and is not locked or in avoid,
// or NoReg.
func (ra *Allocator) FreeReg(c Class, avoid RegSet) Reg {
	for _, r := range ra.order[c] {
		if ra.holds[c][r] == noValue && !ra.locked[c].Has(r) && !avoid.Has(r) {
			return r
		}
	}
	return NoReg
}

// Alloc returns a register of class c, not in avoid, locked for the current op and holding
// no value: a free one, or the one whose value is used furthest in the future, spilled.
func (ra *Allocator) Alloc(c Class, avoid RegSet) Reg {
	if r := ra.FreeReg(c, avoid); r != NoReg {
		ra.Lock(c, r)
		return r
	}
	victim, furthest := NoReg, int32(-1)
	for _, r := range ra.order[c] {
		if ra.locked[c].Has(r) || avoid.Has(r) {
			continue
		}
		if u := ra.NextUse(ra.holds[c][r]); u > furthest {
			victim, furthest = r, u
		}
	}
	if victim == NoReg {
		panic(fmt.Sprintf("%s: op %d needs more registers than there are", ra.arch, ra.Pos))
	}
	ra.Spill(c, victim)
	ra.Lock(c, victim)
	return victim
}

// Spill frees register r, first storing its value to its home if it is needed later and
// the home does not hold it yet.
func (ra *Allocator) Spill(c Class, r Reg) {
	v := ra.holds[c][r]
	if v == noValue {
		return
	}
	if !ra.Vals[v].InMem && ra.NextUse(v) != math.MaxInt32 {
		ra.e.StoreHome(c, r, ra.Vals[v].Home)
		ra.Vals[v].InMem = true
	}
	ra.Unbind(c, r)
}

// Take reserves register r of class c for the current op (an instruction that needs that
// very register: x86's IDIV and RAX and RDX, a shift's CL): a value still needed there
// moves to a free register, or is spilled.
func (ra *Allocator) Take(c Class, r Reg) {
	if v := ra.holds[c][r]; v != noValue {
		f := NoReg
		if ra.NextUse(v) != math.MaxInt32 {
			f = ra.FreeReg(c, SetOf(r))
		}
		if f != NoReg {
			ra.e.MoveReg(c, f, r)
			ra.holds[c][r] = noValue
			ra.Bind(v, f)
		} else {
			ra.Spill(c, r)
		}
	}
	ra.Lock(c, r)
}

// Load returns a register, not in avoid, holding the value of op v, and locks it.
func (ra *Allocator) Load(v trace.Ref, avoid RegSet) Reg {
	info := &ra.Vals[v]
	c := info.Class
	if info.Reg != NoReg && !avoid.Has(info.Reg) {
		ra.Lock(c, info.Reg)
		return info.Reg
	}
	r := ra.Alloc(c, avoid)
	if info.Reg != NoReg { // in a register the op cannot use: move it
		old := info.Reg
		ra.e.MoveReg(c, r, old)
		ra.Unbind(c, old)
	} else {
		if !info.InMem {
			panic(fmt.Sprintf("%s: op %d: value %d is neither in a register nor in memory", ra.arch, ra.Pos, v))
		}
		ra.e.LoadHome(c, r, info.Home)
	}
	ra.Bind(v, r)
	return r
}

// InReg returns a register holding ref, an op result or a constant (which goes into a
// temporary register, freed after the op).
func (ra *Allocator) InReg(ref trace.Ref, avoid RegSet) Reg {
	if ref >= 0 {
		return ra.Load(ref, avoid)
	}
	k := ra.t.ConstValue(ref)
	c := ClassOf(k.Type)
	r := ra.Alloc(c, avoid)
	ra.e.LoadConst(c, r, ConstBits(k))
	return r
}

// ResultReusing returns a register for the result of the current op, v: the register of
// operand a if a dies here and is in the same register file (a load may overwrite its own
// base register), a new one otherwise.
func (ra *Allocator) ResultReusing(v, a trace.Ref) Reg {
	c := ra.Vals[v].Class
	if a >= 0 {
		if ai := &ra.Vals[a]; ai.Reg != NoReg && ai.Class == c && ai.Last == int32(ra.Pos) {
			r := ai.Reg
			ra.Bind(v, r)
			ra.Lock(c, r)
			return r
		}
	}
	r := ra.Alloc(c, 0)
	ra.Bind(v, r)
	return r
}

// Result returns a new register for the result of the current op.
func (ra *Allocator) Result(v trace.Ref, avoid RegSet) Reg {
	r := ra.Alloc(ra.Vals[v].Class, avoid)
	ra.Bind(v, r)
	return r
}

// EndOp finishes op i: unlocks its registers and frees those holding values it used last.
func (ra *Allocator) EndOp(i int) {
	ra.locked = [2]RegSet{}
	for c := range ra.holds {
		for r, v := range ra.holds[c] {
			if v != noValue && ra.Vals[v].Last <= int32(i) {
				ra.Unbind(Class(c), Reg(r))
			}
		}
	}
}

// SaveAll stores every value held in a register and needed at or after the current op to its
// home, and empties the registers: before a residual call, whose Go code clobbers them all.
func (ra *Allocator) SaveAll() {
	for c := range ra.holds {
		for r, v := range ra.holds[c] {
			if v != noValue {
				ra.Spill(Class(c), Reg(r))
			}
		}
	}
}

// HomeStore is a store of a register to a home, for exit stubs.
type HomeStore struct {
	Class Class
	Reg   Reg
	Home  int32
}

// ExitStores returns the stores that put the values refs (the snapshot of a guard) into
// their homes when the guard fails: those that are only in registers now.
func (ra *Allocator) ExitStores(refs []trace.Ref) []HomeStore {
	var out []HomeStore
	for _, v := range refs {
		info := &ra.Vals[v]
		switch {
		case info.Reg != NoReg && !info.InMem:
			out = append(out, HomeStore{info.Class, info.Reg, info.Home})
		case info.Reg == NoReg && !info.InMem:
			panic(fmt.Sprintf("%s: op %d: snapshot value %d is neither in a register nor in memory", ra.arch, ra.Pos, v))
		}
	}
	return out
}

// ConstBits returns the 64 bits a constant has in a register (a pointer's address).
func ConstBits(k trace.Const) uint64 {
	if k.Type == trace.Ptr {
		return uint64(uintptr(k.Ptr))
	}
	return k.Bits
}

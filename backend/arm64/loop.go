//go:build arm64 && linux

package arm64

import (
	"github.com/metajit/metajit/backend/internal/machine"

	"fmt"
	"runtime"
	"sync/atomic"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/codemem"
	"github.com/metajit/metajit/trace"
)

// Backend compiles traces to AArch64 machine code. It is safe for use by several goroutines.
type Backend struct {
	mem *codemem.Memory
}

// New returns an arm64 backend whose code memory is capped at codemem.DefaultLimit.
func New() *Backend { return NewWithMemory(codemem.New(0)) }

// NewWithMemory returns an arm64 backend that puts its code in mem.
func NewWithMemory(mem *codemem.Memory) *Backend { return &Backend{mem: mem} }

// Name returns "arm64".
func (*Backend) Name() string { return "arm64" }

// Memory returns the code memory the backend uses.
func (b *Backend) Memory() *codemem.Memory { return b.mem }

// The run's area, which R26 points to while compiled code runs, lives on the goroutine
// stack, in Run's frame, one type per size class: why, and its layout (the budget, the swap
// word, the vals and ptrs arrays), are in backend/internal/machine's area.go. The code counts the budget down in R25, which the trampoline loads from the area.
const (
	offBudget = machine.OffBudget
	offSwap   = machine.OffSwap
	offVals   = machine.OffVals
)

type header struct {
	budget int64
	swap   uint64
}

type (
	area16 struct {
		h    header
		vals [16]uint64
		ptrs [16]unsafe.Pointer
	}
	area64 struct {
		h    header
		vals [64]uint64
		ptrs [64]unsafe.Pointer
	}
	area256 struct {
		h    header
		vals [256]uint64
		ptrs [256]unsafe.Pointer
	}
	area1024 struct {
		h    header
		vals [1024]uint64
		ptrs [1024]unsafe.Pointer
	}
	area4096 struct {
		h    header
		vals [4096]uint64
		ptrs [4096]unsafe.Pointer
	}
	area16384 struct {
		h    header
		vals [16384]uint64
		ptrs [16384]unsafe.Pointer
	}
)

// areaSizes are the size classes of the area (machine.AreaSizes): the homes of a trace's
// values must fit one. Run has one area type for each.
var areaSizes = machine.AreaSizes

func offPtrs(n int) int32 { return machine.OffPtrs(n) }

// slotRef says where a value is in the area: vals[slot], or ptrs[slot] for pointers.
type slotRef struct {
	op   int32
	ptr  bool
	Slot int32
}

// argSrc is an argument of a residual call: a constant or a value in the area.
type argSrc struct {
	slotRef
	Konst bool
	c     trace.Const
}

// callSite is what Go needs to perform a residual call or a new.
type callSite struct {
	call   *trace.CallDescr
	alloc  *trace.AllocDescr
	args   []argSrc
	result slotRef
}

// Loop is a trace compiled to machine code.
type Loop struct {
	t        *trace.Trace
	block    *codemem.Block
	mem      *codemem.Memory
	areaSize int
	budget   int64
	inputs   []slotRef // where Run puts each input, in order

	// Per op index.
	exitVals   [][]slotRef // the values an exit at the op shows
	calls      []callSite  // residual calls and news
	contOff    []int       // where Go re-enters after the call or new at the op
	guardJumps map[int]int // guards: offset of their B.cond to the stub
	exitTails  map[int]int // guards: offset of their exit to Go, after the stub's stores
	exits      []atomic.Uint64

	reentryOff int
	regions    []machine.Region
	spare      atomic.Pointer[callState]

	// The head of the loop's body, for bridges that go straight there (bridge.go): where
	// each live-in value must be, and the offsets of the head and of the yield glue.
	head              []headEntry
	headOff, yieldOff int

	// The loop's tree (bridge.go): the loop is piece 0, its bridges the pieces after it.
	tree  *tree
	piece int
	// exitTable[op] is where the stub of guard op goes once it has stored the snapshot's
	// values: its own exit to Go, or a bridge. The stub branches through it (BR), so that
	// attaching a bridge is one store here rather than a change of code.
	exitTable []uintptr
}

// callState is the CallArgs block of one run (a residual call may run the loop again).
type callState struct {
	args trace.CallArgs
}

// Compile validates the trace and compiles it to machine code. It returns an error, and
// compiles nothing, for what it cannot compile (an op it does not support, a field offset
// beyond 31 bits, a trace whose values do not fit the largest area): the driver then keeps
// interpreting that loop.
func (b *Backend) Compile(t *trace.Trace) (backend.Loop, error) {
	if err := trace.Validate(t); err != nil {
		return nil, err
	}
	g, err := analyze(t, nil)
	if err != nil {
		return nil, err
	}
	asmMu.Lock()
	code, err := g.generate()
	asmMu.Unlock()
	if err != nil {
		return nil, err
	}
	block, err := b.mem.Alloc(code, 0x00) // UDF #0 (an undefined instruction) after the code
	if err != nil {
		return nil, fmt.Errorf("arm64: %w", err)
	}
	// The code was written through the data side: make the instruction side see it. (Linux
	// does this itself when a page first becomes executable, but not when a page that was
	// executable before is written and made executable again, as Patch does; flushing
	// always costs little and does not depend on kernel internals.)
	flushICache(block.Addr(), uintptr(block.Size()))
	l := g.l
	l.block, l.mem = block, b.mem
	l.fillExitTable()
	l.tree = &tree{root: l, nv: g.nv, np: g.np}
	l.tree.pieces.Store(&[]*Loop{l})
	// The code is freed when the Loop is unreachable: no run can be using it then, since
	// Run keeps its Loop alive.
	runtime.AddCleanup(l, func(b *codemem.Block) { b.Free() }, block)
	return l, nil
}

// fillExitTable points every guard's exit at the guard's own exit to Go. The table is data
// that the code reads (LDR), not code: no instruction cache maintenance is needed.
func (l *Loop) fillExitTable() {
	for op, off := range l.exitTails {
		atomic.StoreUintptr(&l.exitTable[op], l.block.Addr()+uintptr(off))
	}
}

// analyze lays the trace out (machine.Analyze: homes, uses, the loop's structure, the area's
// size class) and starts its code generator. A bridge (br not nil) shares its tree's area.
func analyze(t *trace.Trace, br *bridgeSpec) (*gen, error) {
	var ba *machine.BridgeArea
	if br != nil {
		ba = &machine.BridgeArea{NV: br.tree.nv, NP: br.tree.np, AreaSize: br.tree.root.areaSize}
		for _, in := range br.inputs {
			ba.InputSlots = append(ba.InputSlots, in.Slot)
		}
	}
	lay, err := machine.Analyze("arm64", t, ba, 1<<opBits)
	if err != nil {
		return nil, err
	}
	n := len(t.Ops)
	l := &Loop{t: t, areaSize: lay.AreaSize, exitVals: make([][]slotRef, n), calls: make([]callSite, n),
		contOff: make([]int, n), guardJumps: map[int]int{}, exits: make([]atomic.Uint64, n),
		exitTable: make([]uintptr, n), exitTails: map[int]int{}}
	g := &gen{t: t, vals: lay.Vals, l: l, nv: lay.NV, np: lay.NP, bridge: br}
	if br != nil {
		g.piece = br.piece
	}
	for k := range t.Inputs() {
		l.inputs = append(l.inputs, slotRef{op: int32(k), ptr: g.vals[k].Typ == trace.Ptr, Slot: g.vals[k].Slot})
	}
	if lay.Loop {
		g.loops, g.headPos, g.bodyStart, g.jumpPos, g.headArgs = true, lay.HeadPos, lay.BodyStart, lay.JumpPos, lay.HeadArgs
		l.budget = lay.Budget
	}
	return g, nil
}

// Trace returns the trace the loop was compiled from.
func (l *Loop) Trace() *trace.Trace { return l.t }

// CodeSize returns the size of the machine code in bytes.
func (l *Loop) CodeSize() int { return l.block.Size() }

// Code returns the machine code (read-only memory).
func (l *Loop) Code() []byte { return l.block.Code() }

// Addr returns the address of the code.
func (l *Loop) Addr() uintptr { return l.block.Addr() }

// GuardJump returns the offset in the code of guard op's branch to its exit stub, a 4-byte
// B.cond with a 19-bit word displacement (±1 MiB): rewriting the instruction (PatchGuard)
// sends the failing guard elsewhere. (Bridges need no patching: they are attached through
// the exit table, see bridge.go.) ok is false when op is not a guard.
func (l *Loop) GuardJump(op int) (off int, ok bool) {
	off, ok = l.guardJumps[op]
	return off, ok
}

// PatchGuard points guard op's branch at offset target of the code, keeping its condition,
// and flushes the instruction cache. No goroutine may be running the loop meanwhile.
func (l *Loop) PatchGuard(op, target int) error {
	off, ok := l.guardJumps[op]
	if !ok {
		return fmt.Errorf("arm64: op %d is not a guard", op)
	}
	d := (target - off) / 4
	if (target-off)%4 != 0 || d < -(1<<18) || d >= 1<<18 {
		return fmt.Errorf("arm64: guard branch from %d to %d out of range", off, target)
	}
	w := getUint32(l.block.Code()[off:])
	w = w&^(0x7ffff<<5) | uint32(d&0x7ffff)<<5
	var b [4]byte
	putUint32(b[:], w)
	if err := l.block.Patch(off, b[:]); err != nil {
		return err
	}
	flushICache(l.block.Addr()+uintptr(off), 4)
	return nil
}

func putUint32(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
}

func getUint32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// Exits returns how many runs left the trace at op.
func (l *Loop) Exits(op int) uint64 {
	if op < 0 || op >= len(l.exits) {
		return 0
	}
	return l.exits[op].Load()
}

// Run runs the compiled trace until it leaves (see backend.Loop). It allocates nothing when
// the Exit is reused.
func (l *Loop) Run(ints []uint64, ptrs []unsafe.Pointer, exit *backend.Exit) {
	if l.piece != 0 {
		panic("arm64: Run of a bridge: bridges run within their loop's Run")
	}
	switch l.areaSize {
	case 16:
		var a area16
		l.run(unsafe.Pointer(&a), a.vals[:], a.ptrs[:], ints, ptrs, exit)
	case 64:
		var a area64
		l.run(unsafe.Pointer(&a), a.vals[:], a.ptrs[:], ints, ptrs, exit)
	case 256:
		var a area256
		l.run(unsafe.Pointer(&a), a.vals[:], a.ptrs[:], ints, ptrs, exit)
	case 1024:
		var a area1024
		l.run(unsafe.Pointer(&a), a.vals[:], a.ptrs[:], ints, ptrs, exit)
	case 4096:
		var a area4096
		l.run(unsafe.Pointer(&a), a.vals[:], a.ptrs[:], ints, ptrs, exit)
	default:
		var a area16384
		l.run(unsafe.Pointer(&a), a.vals[:], a.ptrs[:], ints, ptrs, exit)
	}
	runtime.KeepAlive(l) // the code stays mapped until the run is over
}

// run is Run with the area: it enters the code and serves its exits until one leaves the
// trace. ctx, vals and pv are the same memory; vals and pv are the area's arrays.
func (l *Loop) run(ctx unsafe.Pointer, vals []uint64, pv []unsafe.Pointer, ints []uint64, ptrs []unsafe.Pointer, exit *backend.Exit) {
	for _, in := range l.inputs {
		if in.ptr {
			pv[in.Slot] = ptrs[in.op]
		} else {
			vals[in.Slot] = ints[in.op]
		}
	}
	h := (*header)(ctx)
	var cs *callState
	defer func() {
		if cs != nil {
			l.spare.Store(cs)
		}
	}()
	addr := l.block.Addr()
	var pieces []*Loop
	if l.tree != nil {
		pieces = *l.tree.pieces.Load()
	}
	for {
		h.budget = l.budget
		code := enter(addr, ctx)
		switch code {
		case yieldCode:
			preemptionPoint()
			addr = l.block.Addr() + uintptr(l.reentryOff)
			continue
		case restartCode: // a bridge went back to the loop when it was time to yield
			preemptionPoint()
			addr = l.block.Addr()
			continue
		}
		p, op := l, int(code&(1<<opBits-1))
		if n := int(code >> opBits); n > 0 {
			if n >= len(pieces) && l.tree != nil {
				pieces = *l.tree.pieces.Load() // a bridge attached during a residual call
			}
			if n >= len(pieces) {
				panic(fmt.Sprintf("arm64: compiled code of %q returned exit code %#x", l.t.Name, code))
			}
			p = pieces[n]
		}
		if op >= len(p.t.Ops) {
			panic(fmt.Sprintf("arm64: compiled code of %q returned exit code %#x", p.t.Name, code))
		}
		site := &p.calls[op]
		switch {
		case site.alloc != nil:
			pv[site.result.Slot] = site.alloc.New()
		case site.call != nil:
			if cs == nil {
				if cs = l.spare.Swap(nil); cs == nil {
					cs = &callState{}
				}
			}
			if !l.call(site, cs, vals, pv) {
				p.leave(op, vals, pv, exit)
				return
			}
		default: // a guard failed, or the trace finished
			p.leave(op, vals, pv, exit)
			return
		}
		addr = p.block.Addr() + uintptr(p.contOff[op])
	}
}

// preemptionPoint is where a yielding loop lets Go stop the goroutine. Go preempts a
// goroutine (for a stop-the-world of the garbage collector, or because it has run for
// 10 ms) by making its next function prologue's stack check fail; a call to a function that
// has a stack check is enough for that to happen right here. It is marked noinline, and calls
// another function, so that the compiler keeps the check (leaf functions with small frames
// get none).
//
//go:noinline
func preemptionPoint() { preemptionLeaf() }

//go:noinline
func preemptionLeaf() {}

// call performs a residual call and reports whether it succeeded.
func (l *Loop) call(site *callSite, cs *callState, vals []uint64, pv []unsafe.Pointer) bool {
	ca := &cs.args
	if n := len(site.args); cap(ca.Ints) < n {
		ca.Ints, ca.Ptrs = make([]uint64, n), make([]unsafe.Pointer, n)
	}
	ca.Ints, ca.Ptrs = ca.Ints[:len(site.args)], ca.Ptrs[:len(site.args)]
	for k, a := range site.args {
		switch {
		case a.Konst && a.c.Type == trace.Ptr:
			ca.Ptrs[k] = a.c.Ptr
		case a.Konst:
			ca.Ints[k] = a.c.Bits
		case a.ptr:
			ca.Ptrs[k] = pv[a.Slot]
		default:
			ca.Ints[k] = vals[a.Slot]
		}
	}
	ca.Result, ca.PtrResult = 0, nil
	ok := site.call.Fn(ca)
	clear(ca.Ptrs) // do not keep the arguments alive
	if !ok {
		if !site.call.CanFail {
			panic(fmt.Sprintf("arm64: call <%s> reported failure, but its descr does not say CanFail", site.call.Name))
		}
		return false
	}
	switch site.call.Result {
	case trace.Ptr:
		pv[site.result.Slot] = ca.PtrResult
		ca.PtrResult = nil
	case trace.Int, trace.Float:
		vals[site.result.Slot] = ca.Result
	}
	return true
}

// leave fills the exit for a run that left at op: the values its snapshot (or finish) shows.
func (l *Loop) leave(op int, vals []uint64, pv []unsafe.Pointer, exit *backend.Exit) {
	ev, ep := exit.Prepare(l.t, len(l.t.Ops))
	for _, s := range l.inputs { // the inputs too: a bridge's sources may name them
		if s.ptr {
			ep[s.op] = pv[s.Slot]
		} else {
			ev[s.op] = vals[s.Slot]
		}
	}
	for _, s := range l.exitVals[op] {
		if s.ptr {
			ep[s.op] = pv[s.Slot]
		} else {
			ev[s.op] = vals[s.Slot]
		}
	}
	exit.Op, exit.Snap = op, l.t.Ops[op].Snap
	l.exits[op].Add(1)
}

//go:build arm64 && linux

package arm64

import (
	"github.com/metajit/metajit/backend/internal/machine"

	"fmt"
	"runtime"
	"sync/atomic"

	"github.com/twitchyliquid64/golang-asm/obj/arm64"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/codemem"
	"github.com/metajit/metajit/trace"
)

// Bridges in machine code (backend.Attacher), as in backend/amd64.
//
// A loop and the bridges attached to it form a tree whose pieces share one run: one area
// (R26), one Run loop in Go, one budget. A bridge is compiled against the guard it leaves
// from:
//
//   - its inputs are the values of the guard's snapshot, which the guard's stub has just
//     stored in their homes: the bridge's inputs are given those same homes, so entering the
//     bridge costs no moves at all (PyPy's bridges likewise start from the guard's failargs
//     locations);
//   - its own values get the area's slots after those of the pieces before it (the loop's
//     area is made twice as large as the loop needs, to leave room for them);
//   - its finish stores its arguments in the homes of the loop's inputs, counts down the
//     budget as the loop's back-edge does, and branches to the start of the loop; or, for a
//     bridge attached with AttachHead (which ends with a copy of the loop's preamble), moves
//     its arguments where the loop's body expects its live-ins at the head (the loop's head
//     state, recorded when the loop was compiled) and branches to the head, past the
//     preamble, or to the loop's yield glue when the budget is out.
//
// The guard's stub ends in an indirect branch (LDR R16 from the loop's exit table, BR R16):
// attaching the bridge is one store in that table (a data word, not code: no code is ever
// rewritten, so executable memory never becomes writable, and there is no instruction cache
// to flush but the new bridge's own, once, as for every compiled trace). Exit codes carry
// the piece's number above opBits, so that Go knows which trace's op an exit, a residual call
// or a new belongs to.
//
// The branches between pieces are indirect (BR through R16) because the pieces' blocks are
// mapped independently: a direct B reaches ±128 MiB, which two mappings need not be within.

// opBits is the number of low bits of an exit code that hold the op index.
const opBits = 20

// restartCode is the exit code of a bridge that went back to its loop when the loop's budget
// ran out: Go lets the scheduler in, then enters the loop at its start.
const restartCode = 0xffff_fffe

// tree is what a loop and its bridges share.
type tree struct {
	root   *Loop
	pieces atomic.Pointer[[]*Loop] // by piece number; the root is piece 0
	nv, np int32                   // the area's slots used by the pieces so far
}

// bridgeSpec is what the code generator needs to know to compile a bridge.
type bridgeSpec struct {
	tree   *tree
	piece  int
	inputs []slotRef // where each input of the bridge is: the homes of its sources
	// toHead, for AttachHead: the finish argument that goes to each head slot of the loop.
	toHead []int
}

// AttachHead compiles bridge as Attach does, but its finish goes into the loop's body: its
// arguments are the values of liveIns (the loop's trace.LiveIns), which it moves to where
// the body's head expects them (backend.HeadAttacher).
func (l *Loop) AttachHead(from *trace.Trace, guard int, sources []trace.Ref, bridge *trace.Trace, liveIns []trace.Ref) (backend.Loop, error) {
	if l.head == nil {
		return nil, fmt.Errorf("arm64: the loop has no body head")
	}
	head := make([]trace.Ref, len(l.head))
	for j, h := range l.head {
		head[j] = h.V
	}
	toHead, err := machine.HeadArgs("arm64", l.t, bridge, liveIns, head)
	if err != nil {
		return nil, err
	}
	return l.attach(from, guard, sources, bridge, toHead)
}

// Attach compiles bridge as the failure path of guard op guard of from (see backend.Attacher).
func (l *Loop) Attach(from *trace.Trace, guard int, sources []trace.Ref, bridge *trace.Trace) (backend.Loop, error) {
	if err := machine.CheckStartFinish("arm64", l.t, bridge); err != nil {
		return nil, err
	}
	return l.attach(from, guard, sources, bridge, nil)
}

// attach is Attach and AttachHead: toHead is nil for a bridge that goes to the loop's start.
func (l *Loop) attach(from *trace.Trace, guard int, sources []trace.Ref, bridge *trace.Trace, toHead []int) (backend.Loop, error) {
	if l.tree == nil || l.piece != 0 {
		return nil, fmt.Errorf("arm64: Attach to a loop that is not a tree's root")
	}
	if err := trace.Validate(bridge); err != nil {
		return nil, err
	}
	t := l.tree
	pieces := *t.pieces.Load()
	var parent *Loop
	for _, p := range pieces {
		if p.t == from {
			parent = p
		}
	}
	if parent == nil {
		return nil, fmt.Errorf("arm64: the trace %q is not in this loop's tree", from.Name)
	}
	if _, ok := parent.exitTails[guard]; !ok {
		return nil, fmt.Errorf("arm64: op %d of %q is not a guard with an exit stub", guard, from.Name)
	}
	if len(pieces) >= 1<<(32-opBits)-2 {
		return nil, fmt.Errorf("arm64: too many bridges in one tree")
	}
	// Where the bridge's inputs are: the homes the guard's stub fills (the values its exit
	// shows), or, for inputs of the parent, the homes Run or the parent's own parent filled.
	shown := map[trace.Ref]bool{}
	for _, s := range parent.exitVals[guard] {
		shown[trace.Ref(s.op)] = true
	}
	if err := machine.CheckSources("arm64", from, bridge, sources, func(r trace.Ref) bool { return shown[r] }); err != nil {
		return nil, err
	}
	br := &bridgeSpec{tree: t, piece: len(pieces), toHead: toHead}
	for _, s := range sources {
		br.inputs = append(br.inputs, parent.slotOf(s))
	}
	g, err := analyze(bridge, br)
	if err != nil {
		return nil, err
	}
	asmMu.Lock()
	code, err := g.generate()
	asmMu.Unlock()
	if err != nil {
		return nil, err
	}
	block, err := l.mem.Alloc(code, 0x00) // UDF #0 after the code
	if err != nil {
		return nil, fmt.Errorf("arm64: %w", err)
	}
	flushICache(block.Addr(), uintptr(block.Size())) // as Compile does
	b := g.l
	b.block, b.mem, b.tree, b.piece, b.budget = block, l.mem, t, br.piece, l.budget
	b.fillExitTable()
	runtime.AddCleanup(l, func(b *codemem.Block) { b.Free() }, block) // freed with its loop
	t.nv, t.np = g.nv, g.np
	next := append(append([]*Loop(nil), pieces...), b)
	t.pieces.Store(&next)
	// The bridge's code and tables are complete before this store (a store-release): a
	// stub that loads the entry afterwards finds the bridge ready.
	atomic.StoreUintptr(&parent.exitTable[guard], block.Addr())
	return b, nil
}

// slotOf returns where value r of this piece is in the area.
func (l *Loop) slotOf(r trace.Ref) slotRef {
	op := &l.t.Ops[r]
	if int(r) < len(l.inputs) {
		return l.inputs[r]
	}
	for _, s := range l.exitVals {
		for _, v := range s {
			if v.op == int32(r) {
				return v
			}
		}
	}
	panic(fmt.Sprintf("arm64: no slot known for %s (%v)", l.t.FormatRef(r), op.Type))
}

// bridgeFinish ends a bridge: the finish's arguments go to the homes of the loop's inputs
// (as one parallel move: an argument may be in another input's home), the budget is
// counted down, and the code branches to the loop's start, or exits with restartCode when
// the loop must yield. A bridge attached with AttachHead moves its arguments where the
// loop's body expects them at its head instead, and branches to the head, or to the loop's
// yield glue when the loop must yield (which saves the head state and yields as the loop's
// own back-edge does).
func (g *gen) bridgeFinish(op *trace.Op) {
	root := g.bridge.tree.root
	var moves []pmove
	move := func(c class, a trace.Ref, dst loc) {
		m := pmove{Class: c, Dst: dst}
		switch {
		case a < 0:
			m.Konst, m.Bits = true, constBits(g.t.ConstValue(a))
		case g.vals[a].Reg != noReg:
			m.Src = regLoc(g.vals[a].Reg)
		case g.vals[a].InMem:
			m.Src = memLoc(g.vals[a].Home)
		default:
			g.fail("finish argument %d is neither in a register nor in memory", a)
		}
		moves = append(moves, m)
	}
	if g.bridge.toHead != nil {
		// Into the body: each live-in where the head has it (a register, its home, or both).
		for j, h := range root.head {
			a := op.Args[g.bridge.toHead[j]]
			if h.Reg != noReg {
				move(h.Class, a, regLoc(h.Reg))
			}
			if h.Reg == noReg || h.InMem {
				move(h.Class, a, memLoc(h.Home))
			}
		}
		g.parallelMove(moves)
		g.a.ins3(arm64.ASUBS, immOp(1), gp(rBudget), rOp(gp(rBudget)))
		goOn := g.a.newLabel()
		g.a.branch(arm64.ABGT, goOn)
		g.a.ins(arm64.AMOVD, immOp(int64(root.block.Addr())+int64(root.yieldOff)), rOp(gp(rTmp)))
		g.a.jumpReg(rTmp)
		g.a.place(goOn)
		g.a.ins(arm64.AMOVD, immOp(int64(root.block.Addr())+int64(root.headOff)), rOp(gp(rTmp)))
		g.a.jumpReg(rTmp)
		return
	}
	for k, a := range op.Args {
		move(classOf(root.t.Ops[k].Type), a, memLoc(homeOf(root.inputs[k], root.areaSize)))
	}
	g.parallelMove(moves)
	g.a.ins3(arm64.ASUBS, immOp(1), gp(rBudget), rOp(gp(rBudget)))
	yield := g.a.newLabel()
	g.a.branch(arm64.ABLE, yield)
	g.a.ins(arm64.AMOVD, immOp(int64(root.block.Addr())), rOp(gp(rTmp)))
	g.a.jumpReg(rTmp)
	g.a.place(yield)
	g.exitWith(restartCode)
}

// homeOf returns the offset from R26 of the home of a slot, in an area of the given size.
func homeOf(s slotRef, size int) int32 {
	if s.ptr {
		return offPtrs(size) + 8*s.Slot
	}
	return offVals + 8*s.Slot
}

// Free unmaps the code of the loop and of its bridges at once (backend.Freer). No run of the
// loop may be under way, and none may start.
func (l *Loop) Free() {
	if l.tree == nil {
		l.block.Free()
		return
	}
	for _, p := range *l.tree.pieces.Load() {
		p.block.Free()
	}
}

package interp

import (
	"fmt"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/jit"
	"github.com/metajit/metajit/trace"
)

// Bridges: recording from a guard that keeps failing (see package jit's bridge.go).
//
// When the driver says a guard is hot (WantBridge), the interpreter resumes from its exit as
// usual and then records what it does from there, with the recorder it uses for loops. Only
// the starting state differs: the root frame's slots that the snapshot lists are the
// bridge's inputs, so the bridge receives them in registers rather than from memory: those
// that lived only in the trace at the guard still dirty, the clean ones (memory holds them
// too) not, and announced to the optimizer with record_known_field hints; the slots the
// snapshot does not list are in memory, as at the start of a loop. The bridge ends when the
// interpreter reaches the header of a compiled loop in the root frame: it writes back what
// that loop reads from memory, and its finish passes the frame's registers, the loop's one
// input, on to it.
//
// Guards inside inlined calls, and guards whose snapshot describes virtual objects, get no
// bridge: they keep exiting to the interpreter.

// bridgeStart is what a bridge recording needs to know of the guard it starts from.
type bridgeStart struct {
	from    *trace.Trace
	guard   int
	sources []trace.Ref // input k of the bridge is the value of sources[k] in from
	started int         // the trace's length before the first instruction was recorded
}

// bridgeable reports whether a bridge can start at the exit: a guard of the root frame
// whose values are all real (no virtual object).
func bridgeable(exit *backend.Exit) bool {
	snap := exit.Snapshot()
	if snap == nil || len(snap.Frames) != 1 || len(snap.Virtuals) > 0 {
		return false
	}
	for _, s := range snap.Frames[0].Slots {
		if s.Ref.IsVirtual() {
			return false
		}
	}
	return true
}

// startBridge begins recording a bridge from the exit, in frame f that resume has just
// rebuilt from it. memory is what f's registers held before resume: what compiled code had
// left in memory at the guard.
func (in *Interp) startBridge(f *Frame, exit *backend.Exit, memory []Value) *recorder {
	code := f.info.code
	r := &recorder{in: in, header: -1, gshadow: map[int]shadow{}, entry: memory}
	r.t = trace.NewTrace(fmt.Sprintf("bridge from op %d of %s, at %s:%d", exit.Op, exit.Trace.Name, code.Filename, code.Lines[f.pc]))
	r.regs = r.t.Input(trace.Ptr)
	if len(in.globals) > 0 {
		r.globals = r.t.ConstPtr(unsafe.Pointer(&in.globals[0]))
	}
	// Input 0 is the frame's registers: input 0 of the trace the guard is in.
	b := &bridgeStart{from: exit.Trace, guard: exit.Op, sources: []trace.Ref{0}}
	root := &recFrame{f: f, info: f.info, slots: make([]shadow, len(f.regs)), sp: f.sp}
	for i := range root.slots {
		root.slots[i].ref = trace.NoRef
	}
	root.memKnown = make([]bool, len(root.slots))
	inputs := map[trace.Ref]trace.Ref{}
	for _, s := range exit.Snapshot().Frames[0].Slots {
		ref, ok := inputs[s.Ref]
		switch {
		case ok:
		case exit.Trace.IsConst(s.Ref):
			ref = r.t.Const(exit.Trace.ConstValue(s.Ref))
		default:
			ref = r.t.Input(exit.Trace.TypeOf(s.Ref))
			inputs[s.Ref] = ref
			b.sources = append(b.sources, s.Ref)
		}
		v := f.regs[s.Index]
		sh := shadow{ref: ref, kind: v.kind, dirty: !s.Clean}
		if v.ref != nil {
			sh.typ = typeWord(v.ref)
		}
		root.slots[s.Index] = sh
		root.memKnown[s.Index] = s.Clean
	}
	// What memory holds of the clean slots, for the optimizer (after the inputs, which come
	// first).
	for i, sh := range root.slots {
		if sh.ref != trace.NoRef && root.memKnown[i] {
			r.knownValue(r.regs, fmt.Sprintf("slot%d", i), uintptr(i)*valueSize, sh)
		}
	}
	b.started = len(r.t.Ops)
	r.frames = []*recFrame{root}
	r.bridge = b
	return r
}

// bridgeEnd reports whether the bridge being recorded has reached the header of a compiled
// loop at pc of the root frame, and returns that loop. The first instruction never ends
// it: a bridge from a guard at a loop header runs at least that instruction.
func (r *recorder) bridgeEnd(rf *recFrame, pc int) *jit.Loop {
	if r.bridge == nil || len(r.frames) != 1 || len(r.t.Ops) == r.bridge.started || rf.info.loops == nil {
		return nil
	}
	if ls := rf.info.loops[pc]; ls != nil && ls.loop != nil && !ls.loop.Invalid() {
		return ls.loop
	}
	return nil
}

// closeBridge ends the bridge at the header (pc) of loop: the loop's trace reads the frame
// from memory, so the bridge writes back what lives only in the trace and the loop may read
// (its stack and its live locals), and finishes with the loop's input.
func (r *recorder) closeBridge(rf *recFrame, pc int, loop *jit.Loop) bool {
	for i := 0; i < rf.sp; i++ {
		s := rf.slots[i]
		if !s.dirty || (i < rf.info.nlocals && !rf.info.isLive(pc, i)) {
			continue
		}
		r.storeValue(r.regs, fmt.Sprintf("slot%d", i), uintptr(i)*valueSize, r.entry[i], rf.memKnown[i], s)
		if r.abort != "" {
			return false
		}
	}
	r.t.Emit(trace.OpFinish, trace.Void, r.regs)
	r.target = loop
	r.done = true
	return false
}

// finishBridge installs the bridge the recorder closed, or reports why it was aborted.
func (in *Interp) finishBridge(r *recorder) {
	d := in.jit.driver
	b := r.bridge
	if !r.done {
		if r.abort == "" {
			r.abort = "recording interrupted"
		}
		d.AbortBridge(b.from, b.guard, r.abort)
		return
	}
	in.nameTags()
	if br, err := d.InstallBridge(b.from, b.guard, b.sources, r.t, r.target); err == nil {
		in.jit.dependOn(br.Root(), r.calleeGlobals)
	} // (errors are logged and counted by the driver)
}

package jit

import (
	"fmt"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/trace"
)

// Bridges: what happens when a guard keeps failing.
//
// A loop's trace follows one path through the loop body; each guard leaves it for the
// interpreter. When a guard fails often (BridgeThreshold times: PyPy's trace_eagerness,
// LuaJIT's hotexit), the interpreter traces what it does from that guard on, as a bridge (a
// side trace), until it reaches the header of a compiled loop. The bridge starts in the
// state the guard's snapshot describes, its inputs being the snapshot's values (so they need
// not be written to memory first), and ends in a finish whose arguments are that loop's
// inputs. From then on a failure of the guard runs the bridge and then the loop again:
//
//   - in machine code, when the backend can attach bridges (backend.Attacher) and the bridge
//     goes back to its own tree's loop: the guard's exit path jumps into the bridge, and the
//     bridge's end into the loop's start;
//   - otherwise by the driver itself: Enter runs the bridge after the guard's exit, then the
//     loop the bridge leads to, without going back to the interpreter.
//
// Either way the interpreter sees an exit only where no bridge goes on. Bridges get bridges of
// their own in the same way, so a loop and its bridges form a tree (LuaJIT's trace tree).

// guardKey names a guard: an op of a compiled trace.
type guardKey struct {
	t  *trace.Trace
	op int
}

// guardState is what the driver knows of a guard.
type guardState struct {
	failures int     // exits to Go at this guard
	aborts   int     // failed attempts at tracing a bridge
	bridge   *Bridge // the bridge attached, once there is one
}

// Bridge is a compiled side trace: what runs when guard Guard of trace From fails.
type Bridge struct {
	From     *trace.Trace
	Guard    int
	Sources  []trace.Ref  // input k of the bridge is the value of Sources[k] in From at the guard
	Trace    *trace.Trace // as compiled
	Recorded *trace.Trace
	Target   *Loop // the loop the bridge's finish enters, with the finish's arguments
	root     *Loop // the tree From belongs to
	compiled backend.Loop
	native   bool // attached into the root's machine code: the driver never runs it itself
}

// entry is the state of one Enter: the inputs of the trace it runs now and of the one it runs
// next, and their exits. Enters nest (a residual call may run the interpreter, which enters a
// loop again), so each has its own, reused from a stack: entering allocates nothing.
type entry struct {
	ints  [2][]uint64
	ptrs  [2][]unsafe.Pointer
	exits [2]backend.Exit
}

// Enter runs a compiled loop with the interpreter's red values (ints and floats as bits in
// ints, pointers in ptrs, in the order of the trace's inputs) until it exits to the
// interpreter, and returns the exit: a guard of the loop or of one of its bridges whose
// failure no bridge handles. The exit stays valid until the next Enter at the same depth.
//
// Between the loop's exits and that one, Enter runs the bridges that the backend did not
// attach into machine code, and the loops those bridges lead to.
func (l *Loop) Enter(ints []uint64, ptrs []unsafe.Pointer) *backend.Exit {
	if l.invalid {
		panic(fmt.Sprintf("jit: Enter of an invalidated loop (code %d pc %d)", l.Key.Code, l.Key.PC))
	}
	d := l.driver
	d.Stats.LoopEntries++
	d.linkExit = nil
	depth := len(d.entries)
	if depth == cap(d.entries) {
		d.entries = append(d.entries, &entry{})
	}
	d.entries = d.entries[:depth+1]
	e := d.entries[depth]
	defer func() {
		clear(e.ptrs[0])
		clear(e.ptrs[1])
		d.entries = d.entries[:depth]
	}()
	cur := 0
	e.ints[0] = append(e.ints[0][:0], ints...)
	e.ptrs[0] = append(e.ptrs[0][:0], ptrs...)
	loop, compiled := l, l.compiled
	var bridge *Bridge // the bridge running, when the driver runs one
	for {
		exit := &e.exits[cur]
		loop.running++
		compiled.Run(e.ints[cur], e.ptrs[cur], exit)
		loop.running--
		next := 1 - cur
		if exit.IsFinish() {
			b := bridge
			if b == nil {
				return exit // a trace that really finishes (not an interpreter's loop)
			}
			if b.Target.invalid {
				d.linkExit, d.linkKey = exit, b.Target.Key // invalidated while the bridge ran: see LinkTarget
				return exit
			}
			// A bridge the driver ran reached its target loop: enter it.
			e.ints[next], e.ptrs[next] = e.ints[next][:0], e.ptrs[next][:0]
			for _, a := range exit.Args() {
				e.ints[next], e.ptrs[next] = appendValue(e.ints[next], e.ptrs[next], exit, a)
			}
			loop, compiled, bridge = b.Target, b.Target.compiled, nil
			d.Stats.LoopEntries++
			cur = next
			continue
		}
		gs := d.guard(exit.Trace, exit.Op)
		gs.failures++
		b := gs.bridge
		if b == nil || b.native || b.root.invalid {
			d.Stats.GuardFailures++
			return exit
		}
		d.Stats.BridgeRuns++
		// Run the bridge: its inputs are values of the exit (which shows the inputs of the
		// trace that left too).
		e.ints[next], e.ptrs[next] = e.ints[next][:0], e.ptrs[next][:0]
		for _, s := range b.Sources {
			e.ints[next], e.ptrs[next] = appendValue(e.ints[next], e.ptrs[next], exit, s)
		}
		compiled, bridge = b.compiled, b
		cur = next
	}
}

// appendValue appends the value of r at exit to ints and ptrs (its own type's slice gets it,
// the other a zero), as inputs of the next trace.
func appendValue(ints []uint64, ptrs []unsafe.Pointer, exit *backend.Exit, r trace.Ref) ([]uint64, []unsafe.Pointer) {
	if exit.Trace.TypeOf(r) == trace.Ptr {
		return append(ints, 0), append(ptrs, exit.Ptr(r))
	}
	return append(ints, exit.Bits(r)), append(ptrs, nil)
}

func (d *Driver) guard(t *trace.Trace, op int) *guardState {
	k := guardKey{t, op}
	gs := d.guards[k]
	if gs == nil {
		gs = &guardState{}
		d.guards[k] = gs
	}
	return gs
}

// WantBridge reports whether the interpreter should trace a bridge from the guard an exit
// (returned by Enter) left at: bridges are on, the guard has failed BridgeThreshold times,
// and it has no bridge yet nor too many failed attempts at one. The interpreter, after
// resuming from the exit, records the bridge and calls InstallBridge or AbortBridge.
func (d *Driver) WantBridge(exit *backend.Exit) bool {
	if d.opts.BridgeThreshold < 0 || exit.Snapshot() == nil {
		return false
	}
	gs := d.guards[guardKey{exit.Trace, exit.Op}]
	return gs != nil && gs.bridge == nil && gs.aborts < d.opts.MaxAborts &&
		gs.failures >= d.opts.BridgeThreshold && d.rootOf[exit.Trace] != nil
}

// AbortBridge records that tracing a bridge from guard op of from failed, and why. After
// MaxAborts failures the guard is never traced again.
func (d *Driver) AbortBridge(from *trace.Trace, op int, reason string) {
	gs := d.guard(from, op)
	gs.aborts++
	gs.failures = 0 // count up to the threshold again before the next attempt
	d.Stats.BridgeAborts++
	d.countAbortReason(reason)
	d.Logf("jit-abort", "abort tracing bridge from guard %d of %q: %s", op, from.Name, reason)
}

// InstallBridge validates, optimizes and compiles bridge t, recorded from guard op of trace
// from (a trace Enter returned an exit of). Input k of t is the value of sources[k] at the
// guard (an input op of from standing for from's own input); t ends in a finish whose
// arguments are target's inputs. The bridge goes into the machine code of from's tree when
// the backend can do that and target is that tree's loop; otherwise Enter runs it.
func (d *Driver) InstallBridge(from *trace.Trace, op int, sources []trace.Ref, t *trace.Trace, target *Loop) (*Bridge, error) {
	root := d.rootOf[from]
	if root == nil || root.invalid || target == nil || target.invalid {
		err := fmt.Errorf("the loop was flushed or invalidated while the bridge was traced")
		d.AbortBridge(from, op, err.Error())
		return nil, err
	}
	b := &Bridge{From: from, Guard: op, Sources: sources, Recorded: t, Target: target, root: root}
	if target == root && root.running == 0 {
		if bb, err := d.installToHead(b, t); err == nil {
			return bb, nil
		} else if root.invalid {
			return nil, fmt.Errorf("the loop was flushed to make room for its bridge")
		} else if d.Logging("jit-abort") {
			d.Logf("jit-abort", "bridge from guard %d of %q not linked to the loop's body (%v): it goes to the loop's start", op, from.Name, err)
		}
	}
	attacher, _ := root.compiled.(backend.Attacher)
	attach := func(final *trace.Trace) (backend.Loop, error) {
		if attacher != nil && target == root && root.running == 0 {
			if l, err := attacher.Attach(from, op, sources, final); err == nil {
				b.native = true
				return l, nil
			} else if d.Logging("jit-abort") {
				d.Logf("jit-abort", "bridge from guard %d of %q not attached (%v): the driver runs it", op, from.Name, err)
			}
		}
		return d.backend.Compile(final)
	}
	final, compiled, err := d.compile(t, attach)
	if err != nil {
		d.AbortBridge(from, op, err.Error())
		return nil, err
	}
	if root.invalid || target.invalid { // flushed to make room for the bridge itself
		return nil, fmt.Errorf("the loop was flushed to make room for its bridge")
	}
	return d.addBridge(b, final, compiled), nil
}

// installToHead compiles bridge t so that it goes on into its loop's body rather than to the
// loop's start: after t's own ops come a copy of the loop's preamble (which the loop would
// run next, from the same memory, with t's finish arguments as its inputs) and a finish with
// the copies of the values the body starts from. The optimizer then sees through the stores
// the bridge makes and the loads the preamble makes of them, and the backend moves the values
// into the registers the body expects (backend.HeadAttacher).
func (d *Driver) installToHead(b *Bridge, t *trace.Trace) (*Bridge, error) {
	root := b.root
	ha, ok := root.compiled.(backend.HeadAttacher)
	lab := root.Trace.Label()
	if !ok || lab < 0 {
		return nil, fmt.Errorf("the backend cannot attach bridges to a loop's body")
	}
	ext := t.Clone()
	fin := ext.Ops[len(ext.Ops)-1]
	if fin.Opcode != trace.OpFinish {
		return nil, fmt.Errorf("the bridge does not end in a finish")
	}
	ext.Ops = ext.Ops[:len(ext.Ops)-1]
	nIn := len(root.Trace.Inputs())
	m := map[trace.Ref]trace.Ref{}
	for k := 0; k < nIn; k++ {
		m[trace.Ref(k)] = fin.Args[k]
	}
	if err := ext.AppendCopy(root.Trace, nIn, lab, m); err != nil {
		return nil, err
	}
	liveIns := root.Trace.LiveIns()
	args := make([]trace.Ref, len(liveIns))
	for k, v := range liveIns {
		args[k] = m[v]
	}
	ext.Emit(trace.OpFinish, trace.Void, args...)
	final, compiled, err := d.compile(ext, func(final *trace.Trace) (backend.Loop, error) {
		return ha.AttachHead(b.From, b.Guard, b.Sources, final, liveIns)
	})
	if err != nil {
		return nil, err
	}
	b.native = true
	return d.addBridge(b, final, compiled), nil
}

// addBridge records a compiled bridge in the driver's tables.
func (d *Driver) addBridge(b *Bridge, final *trace.Trace, compiled backend.Loop) *Bridge {
	from, op, root, target := b.From, b.Guard, b.root, b.Target
	b.Trace, b.compiled = final, compiled
	d.guard(from, op).bridge = b
	d.rootOf[final] = root
	d.bridgeOf[final] = b
	d.Stats.BridgesCompiled++
	if target != root {
		d.Stats.BridgeLinks++
	}
	return b
}

// Root returns the loop whose tree the bridge belongs to.
func (b *Bridge) Root() *Loop { return b.root }

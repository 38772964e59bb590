package bf

import (
	"fmt"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/jit"
	"github.com/metajit/metajit/trace"
)

// The interpreter's side of the JIT: what RPython generates from the tutorial's
//
//	jitdriver = JitDriver(greens=['pc', 'program', 'bracket_map'], reds=['tape'])
//
// written out by hand against the jit package's driver.
//
// Greens are what is constant in a trace of a loop: the program (one per driver, so the
// green key's Code is always 0; the brackets are matched in Program, so bracket_map is part
// of it) and the pc of the loop header, the instruction after the loop's [ (jit.GreenKey).
// Reds are what a trace reads and changes: the tape and the position on it. A compiled loop
// is entered with three inputs, in this order:
//
//	p0  the tape's first cell (a Ptr: the trace loads and stores cells with getarrayitem_i
//	    and setarrayitem at p0 + position, descr=<Tape.cell>)
//	i1  the position (an Int)
//	i2  the tape's length (an Int, for the bounds checks)
//
// and the trace's jump passes the same three on to the next iteration: the position is
// loop-carried in the trace, the other two never change in a trace (the tape only grows in
// the interpreter). The cells themselves stay in memory: a trace writes every change through
// to the tape, so that the only interpreter state that lives in a trace alone is the position,
// and a snapshot is one frame (Code 0, PC the instruction to resume at) with one slot: slot 0,
// tagged pos, the position. Keeping the position in a register rather than in memory saves a
// load and a store per move, and the snapshot says where it is whenever a guard fails: PyPy
// keeps its reds the same way, in boxes, with resume data.

// Snapshot layout: slot slotPos of frame 0 holds the position; tagPos marks it (a tag is
// opaque to the JIT: it names the slot in logs, as "0=i5:pos").
const (
	slotPos = 0
	tagPos  = 1
)

// jitState is the JIT of one run.
type jitState struct {
	m         *machine
	driver    *jit.Driver
	threshold uint32
	hot       []uint32    // by header pc: back-edges since the last tracing attempt
	loops     []*jit.Loop // by header pc: the compiled loop, if any
	given     []bool      // by header pc: the driver gave up tracing this loop
	rec       *recorder   // the recording in progress, or nil

	cell    *trace.ArrayDescr // a byte of the tape
	putchar *trace.CallDescr  // '.': residual call of machine.putByte
	getchar *trace.CallDescr  // ',': residual call of machine.getByte

	ints [3]uint64 // the inputs of Loop.Enter, kept to avoid allocating per entry
	ptrs [3]unsafe.Pointer
}

func newJIT(m *machine, opts Options) *jitState {
	n := len(m.prog.Instrs) + 1
	js := &jitState{m: m, hot: make([]uint32, n), loops: make([]*jit.Loop, n), given: make([]bool, n)}
	js.driver = jit.New(jit.Options{
		Threshold: opts.Threshold, MaxAborts: opts.MaxAborts,
		Backend: opts.Backend, Optimize: opts.Optimize,
		Log: opts.Log, LogCategories: opts.LogCategories,
		Symbols: &trace.Symbols{Tags: map[string]uint32{"pos": tagPos}},
	})
	js.threshold = uint32(min(js.driver.Threshold(), 1<<31))
	js.cell = &trace.ArrayDescr{Name: "Tape.cell", ItemSize: 1, Type: trace.Int}
	js.putchar = &trace.CallDescr{
		Name: "putchar", ArgTypes: []trace.Type{trace.Int}, Result: trace.Void, CanFail: true,
		Fn: func(a *trace.CallArgs) bool { return m.putByte(byte(a.Int(0))) == nil },
	}
	js.getchar = &trace.CallDescr{
		Name: "getchar", ArgTypes: []trace.Type{trace.Int}, Result: trace.Int, CanFail: true,
		Fn: func(a *trace.CallArgs) bool {
			b, err := m.getByte(byte(a.Int(0)))
			a.SetInt(int64(b))
			return err == nil
		},
	}
	return js
}

// key returns the green key of the loop whose header is pc.
func key(header int) jit.GreenKey { return jit.GreenKey{Code: 0, PC: int32(header)} }

// loopEntry is called when a [ enters its loop (the cell is not zero) and the interpreter is
// at the loop header: if the loop is compiled, it runs. Only back-edges count towards the
// threshold, but once a loop is compiled it is entered from its first iteration on, as
// LuaJIT enters a trace at its loop's header. It returns the pc to go on from.
func (js *jitState) loopEntry(header int) int {
	if loop := js.loops[header]; loop != nil && js.rec == nil {
		return js.enter(loop)
	}
	return header
}

// backEdge is called when a ] jumps back to its loop's header (PyPy's can_enter_jit): it runs
// the compiled loop if there is one, or counts, and starts recording when the loop is hot.
// While a recording is in progress it does nothing: the recorder follows the interpreter
// through the inner loops (see record.go). It returns the pc to go on from.
func (js *jitState) backEdge(header int) int {
	if js.rec != nil {
		return header
	}
	if loop := js.loops[header]; loop != nil {
		return js.enter(loop)
	}
	if js.given[header] {
		return header
	}
	js.hot[header]++
	if js.hot[header] >= js.threshold {
		js.hot[header] = 0
		if !js.driver.Hot(key(header)) {
			js.given[header] = true
			return header
		}
		js.rec = js.newRecorder(header)
	}
	return header
}

// enter runs a compiled loop from the header, with the current tape and position, and
// resumes the interpreter where the trace exits.
func (js *jitState) enter(loop *jit.Loop) int {
	m := js.m
	js.ptrs[0] = unsafe.Pointer(unsafe.SliceData(m.tape)) // m.tape keeps the cells alive
	js.ints[1] = uint64(m.pos)
	js.ints[2] = uint64(len(m.tape))
	exit := loop.Enter(js.ints[:], js.ptrs[:])
	js.ptrs[0] = nil
	return js.resume(exit)
}

// resume rebuilds the interpreter state from the snapshot of the guard that failed: the
// position from its slot, and the pc to go on from. The tape needs nothing: the trace wrote
// every cell it changed. The interpreter then executes the instruction at that pc, the one
// whose guard failed, itself: a bounds check fails before a move, which the interpreter
// does again, growing the tape or reporting the error; a failed bracket test goes the other
// way; a residual call that failed is retried and reports its error.
func (js *jitState) resume(exit *backend.Exit) int {
	snap := exit.Snapshot()
	if snap == nil {
		panic("bf: a loop trace finished instead of leaving through a guard")
	}
	f := snap.Frames[0]
	for _, s := range f.Slots {
		if s.Index == slotPos && s.Tag == tagPos {
			js.m.pos = int(exit.Int(s.Ref))
		}
	}
	return int(f.PC)
}

// finishRecording installs the trace the recorder closed, or tells the driver why recording
// was aborted.
func (js *jitState) finishRecording(r *recorder) {
	js.rec = nil
	k := key(r.header)
	if !r.done {
		js.driver.Abort(k, r.abort)
		js.given[r.header] = js.driver.Blacklisted(k)
		return
	}
	loop, err := js.driver.Install(k, r.t)
	if err != nil {
		// The driver counted it as an abort; a trace the recorder builds should always be
		// valid, so this is a bug, but the interpreter carries on without the loop.
		js.given[r.header] = js.driver.Blacklisted(k)
		return
	}
	js.loops[r.header] = loop
}

// finish ends the run: a recording still going on (impossible: a recording ends at its
// loop's ]) is aborted, and jit-summary is logged.
func (js *jitState) finish() {
	if js.rec != nil {
		js.rec.fail("the program ended while recording")
		js.finishRecording(js.rec)
	}
	js.driver.Logf("jit-summary", "%s", js.driver.Summary())
}

// traceName names the trace of the loop at header in logs.
func (js *jitState) traceName(header int) string {
	p := js.m.prog
	line, col := p.Position(p.Instrs[header-1].Pos)
	return fmt.Sprintf("bf loop at %d:%d", line, col)
}

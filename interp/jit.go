package interp

import (
	"io"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/jit"
	"github.com/metajit/metajit/opt"
	"github.com/metajit/metajit/trace"
)

// JITOptions switch the tracing JIT on and configure it.
type JITOptions struct {
	Enabled   bool
	Threshold int // loop back-edges before tracing (jit.DefaultThreshold when 0)
	// BridgeThreshold is how many failures of a guard make it hot enough for a bridge
	// (jit.DefaultBridgeThreshold when 0; no bridges when negative).
	BridgeThreshold int
	// CodeLimit caps the bytes of compiled code alive at once: reaching it flushes every
	// trace (no cap when 0).
	CodeLimit int
	Backend   backend.Backend // irexec when nil
	// DisablePasses names optimizer passes to switch off, comma-separated ("all" compiles
	// traces as recorded). By default every pass of opt's pipeline runs.
	DisablePasses string
	Log           io.Writer // where the log categories go (stderr for the command)
	LogCategories string    // comma-separated, named like PYPYLOG's: jit-log-noopt, jit-abort, ...
}

// jitState is the interpreter's side of the JIT.
type jitState struct {
	driver    *jit.Driver
	threshold uint64
	descrs    jitDescrs
	codes     []*codeInfo // by code id
	ptrs      [1]unsafe.Pointer
	// globalDeps[g] are the loops whose traces took the function (or class, or builtin)
	// global g held as a constant: rebinding g invalidates them (see shadowed).
	globalDeps [][]*jit.Loop
}

// jitLoopState is what a codeInfo keeps per loop header.
type jitLoopState struct {
	hot   uint64    // back-edges since the last tracing attempt
	loop  *jit.Loop // the compiled loop, once there is one
	given bool      // blacklisted: never trace again
}

// enableJIT sets up the driver.
func (in *Interp) enableJIT(o JITOptions) error {
	var optimize func(*trace.Trace) (*trace.Trace, error)
	if o.DisablePasses != "all" {
		pipeline, err := opt.ParseDisabled(o.DisablePasses)
		if err != nil {
			return err
		}
		optimize = pipeline.Optimize
	}
	js := &jitState{}
	in.jitSyms = &trace.Symbols{Tags: map[string]uint32{}}
	js.driver = jit.New(jit.Options{
		Threshold: o.Threshold, BridgeThreshold: o.BridgeThreshold, CodeLimit: o.CodeLimit,
		Backend: o.Backend, Optimize: optimize,
		Log: o.Log, LogCategories: o.LogCategories, Symbols: in.jitSyms,
	})
	js.threshold = uint64(js.driver.Threshold())
	in.jit = js
	return nil
}

// JITStats returns the JIT's statistics (zero when the JIT is off).
func (in *Interp) JITStats() jit.Stats {
	if in.jit == nil {
		return jit.Stats{}
	}
	return in.jit.driver.Stats
}

// JITBackend returns the name of the backend in use, or "" with the JIT off.
func (in *Interp) JITBackend() string {
	if in.jit == nil {
		return ""
	}
	return in.jit.driver.BackendName()
}

// codeID returns the id of a code object in snapshots and green keys.
func (in *Interp) codeID(info *codeInfo) int32 {
	if info.id < 0 {
		info.id = int32(len(in.jit.codes))
		in.jit.codes = append(in.jit.codes, info)
	}
	return info.id
}

func (in *Interp) loopState(info *codeInfo, pc int) *jitLoopState {
	if info.loops == nil {
		info.loops = make([]*jitLoopState, len(info.code.Instrs))
	}
	ls := info.loops[pc]
	if ls == nil {
		ls = &jitLoopState{}
		info.loops[pc] = ls
	}
	return ls
}

// backEdge is called by JUMP_BACKWARD (with f.pc and f.sp up to date, pc at the loop header)
// when the JIT is on and no recording is going on. It enters the loop's compiled trace if
// there is one, or starts recording when the loop gets hot. It returns an exception raised by
// the interpreter frames rebuilt after the trace exits.
func (in *Interp) backEdge(f *Frame) *Exception {
	ls := in.loopState(f.info, f.pc)
	if ls.loop != nil {
		if !ls.loop.Invalid() {
			return in.enterLoop(f, ls.loop)
		}
		ls.loop, ls.hot = nil, 0 // invalidated or flushed: count up to tracing it again
	}
	if ls.given {
		return nil
	}
	ls.hot++
	if ls.hot >= in.jit.threshold {
		key := jit.GreenKey{Code: in.codeID(f.info), PC: int32(f.pc)}
		if !in.jit.driver.Hot(key) {
			ls.given = true
			return nil
		}
		in.rec = in.startRecording(f, f.pc)
	}
	return nil
}

// finishRecording installs the recorded loop or reports the abort. It is idempotent.
func (in *Interp) finishRecording(r *recorder) {
	if in.rec != r {
		return
	}
	in.rec = nil
	if r.bridge != nil {
		in.finishBridge(r)
		return
	}
	root := r.frames[0].info
	key := jit.GreenKey{Code: in.codeID(root), PC: int32(r.header)}
	ls := in.loopState(root, r.header)
	ls.hot = 0
	d := in.jit.driver
	if !r.done {
		if r.abort == "" {
			r.abort = "recording interrupted"
		}
		d.Abort(key, r.abort)
		ls.given = d.Blacklisted(key)
		return
	}
	in.nameTags()
	loop, err := d.Install(key, r.t)
	if err != nil {
		ls.given = d.Blacklisted(key)
		return
	}
	ls.loop = loop
	in.jit.dependOn(loop, r.calleeGlobals)
}

// nameTags gives the tags their names in trace logs.
func (in *Interp) nameTags() {
	if in.jit.driver.Logging("jit-log-noopt") || in.jit.driver.Logging("jit-log-opt") {
		syms := in.jitSymbols()
		for name, tag := range in.tagNames() {
			syms.Tags[name] = tag
		}
	}
}

func (in *Interp) jitSymbols() *trace.Symbols { return in.jitSyms }

// enterLoop runs the compiled loop from frame f (at the loop header) and resumes the
// interpreter where the trace exits.
func (in *Interp) enterLoop(f *Frame, loop *jit.Loop) *Exception {
	in.jit.ptrs[0] = unsafe.Pointer(&f.regs[0])
	exit := loop.Enter(nil, in.jit.ptrs[:])
	in.jit.ptrs[0] = nil
	d := in.jit.driver
	if key, ok := d.LinkTarget(exit); ok {
		// A bridge reached a loop that was thrown away meanwhile: go on at its header.
		f.pc = int(key.PC)
		f.sp = f.info.nlocals + f.info.depths()[f.pc]
		return nil
	}
	if !d.WantBridge(exit) || !bridgeable(exit) {
		return in.resume(f, exit)
	}
	// The guard is hot: resume, then record a bridge from there. Compiled code's view of
	// memory at the guard is needed for the bridge's stores.
	memory := append([]Value(nil), f.regs...)
	if err := in.resume(f, exit); err != nil {
		return err
	}
	in.rec = in.startBridge(f, exit, memory)
	return nil
}

// resume rebuilds the interpreter state described by the exit's snapshot: the root frame f gets
// the slots the trace changed and its pc; the frames of inlined calls are created, run to
// completion (innermost first), and their results pushed where their callers expect them.
func (in *Interp) resume(f *Frame, exit *backend.Exit) *Exception {
	snap := exit.Snapshot()
	if snap == nil {
		panic("interp: a loop trace finished")
	}
	frames := make([]*Frame, len(snap.Frames))
	for k, sf := range snap.Frames {
		fr := f
		info := in.jit.codes[sf.Code]
		if k > 0 {
			fr = in.newFrame(info)
		}
		for _, s := range sf.Slots {
			if !s.Clean { // memory holds the clean ones
				fr.regs[s.Index] = in.boxExit(exit, snap, s.Ref, s.Tag)
			}
		}
		fr.pc = int(sf.PC)
		depth := info.depths()[sf.PC]
		if k < len(snap.Frames)-1 {
			depth-- // the callee's result is pushed when it returns
		}
		fr.sp = info.nlocals + depth
		frames[k] = fr
	}
	// Run the rebuilt callees innermost first. A callee's exception is raised in its caller at
	// the call instruction, where the caller's handlers and traceback line apply.
	var pending *Exception
	for k := len(frames) - 1; k >= 1; k-- {
		frames[k].pending = pending
		in.depth++
		r, err := in.eval(frames[k])
		in.depth--
		in.freeFrame(frames[k])
		pending = err
		if err == nil {
			caller := frames[k-1]
			caller.regs[caller.sp] = r
			caller.sp++
		}
	}
	return pending
}

// boxExit reads the value of ref at an exit and boxes it as tag says. A virtual object (one
// the optimizer did not allocate) is allocated now, from its description in the snapshot.
func (in *Interp) boxExit(exit *backend.Exit, snap *trace.Snapshot, ref trace.Ref, tag uint32) Value {
	if ref.IsVirtual() {
		return in.box(tag, 0, materialize(exit, snap, ref.VirtualIndex()))
	}
	switch exit.Trace.TypeOf(ref) {
	case trace.Ptr:
		return in.box(tag, 0, exit.Ptr(ref))
	case trace.Int, trace.Float:
		return in.box(tag, exit.Bits(ref), nil)
	}
	return in.box(tag, 0, nil)
}

// depths returns the stack depth before each instruction of the code.
func (ci *codeInfo) depths() []int {
	if ci.stackDepths == nil {
		ci.stackDepths = ci.code.StackDepths()
	}
	return ci.stackDepths
}

// materialize allocates virtual object k of a snapshot and fills its fields, the job of PyPy's
// resume.py when a guard fails inside code that had removed an allocation. The fields of the
// virtuals the recorder makes (trace tuples) are ints and floats only.
func materialize(exit *backend.Exit, snap *trace.Snapshot, k int) unsafe.Pointer {
	v := snap.Virtuals[k]
	p := v.Alloc.New()
	for _, f := range v.Fields {
		if f.Ref.IsVirtual() || f.Descr.Type == trace.Ptr {
			panic("interp: a virtual holding a pointer")
		}
		bits := exit.Bits(f.Ref)
		at := unsafe.Add(p, f.Descr.Offset)
		switch f.Descr.Size {
		case 1:
			*(*uint8)(at) = uint8(bits)
		case 2:
			*(*uint16)(at) = uint16(bits)
		case 4:
			*(*uint32)(at) = uint32(bits)
		default:
			*(*uint64)(at) = bits
		}
	}
	return p
}

// dependOn records that loop's traces took the callables in globals gs as constants.
func (js *jitState) dependOn(loop *jit.Loop, gs []int) {
	for _, g := range gs {
		for len(js.globalDeps) <= g {
			js.globalDeps = append(js.globalDeps, nil)
		}
		js.globalDeps[g] = append(js.globalDeps[g], loop)
	}
}

// shadowed is called after global g is rebound or deleted, by the interpreter or by compiled
// code (through store_value). The loops whose traces took the callable g held as a constant
// are invalidated, as PyPy invalidates loops that depend on a quasi-immutable field when it
// is written: their guards on g would fail from now on, so they are thrown away and the loops
// traced again with the new callable. (The guards stay: a loop running while g is rebound,
// by a call it makes, leaves through them.)
func (in *Interp) shadowed(g int) {
	js := in.jit
	if js == nil || g >= len(js.globalDeps) || len(js.globalDeps[g]) == 0 {
		return
	}
	for _, l := range js.globalDeps[g] {
		js.driver.Invalidate(l, "global "+in.prog.Globals[g]+" rebound")
	}
	js.globalDeps[g] = nil
}

package interp

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/metajit/metajit/interp/compile"
	"github.com/metajit/metajit/jit"
	"github.com/metajit/metajit/trace"
)

// The recorder: how the Python interpreter turns one iteration of a hot loop into a trace.
//
// As in LuaJIT (lj_record.c), recording hooks the interpreter's dispatch: before each
// bytecode executes, the recorder looks at the concrete values of its operands and emits the
// IR that does the same work for values of those types, with a guard for every assumption it
// made (a value's kind, a list's storage strategy, a branch's direction, an index in bounds,
// no overflow, the identity of a called function). Then the interpreter executes the bytecode
// as usual, so recording never changes what the program does. Calls of Python functions are
// inlined: the recorder follows the interpreter into the callee.
//
// PyPy gets the same effect differently: its codewriter translates the interpreter itself into
// "jitcodes" that a meta-interpreter runs while recording, so the semantics are written once
// and traced. Go cannot trace its own code, so here each opcode's IR is written beside the
// interpreter's fast path for it; every fast path of eval.go has its twin below, and the tests
// run every program with and without the JIT to catch any drift between the two.
//
// Where values live. The locals and the value stack of the frame whose loop is recorded (the
// root frame) stay in the frame's memory, which the trace reads and writes with getfield and
// setfield (LuaJIT's SLOAD and its stores). The recorder remembers what it has loaded or stored
// in the current iteration, so each slot is read at most once per iteration. Values pushed on
// the stack during the iteration, and all slots of inlined frames, live only in the trace: the
// snapshots describe them (only those: memory already holds the rest, as LuaJIT's snapshots
// hold only modified slots). Compiled code never stores a Go pointer: a store that would
// (a list into a local, say) is a residual call to Go.

// shadow is the recorder's picture of one slot: the trace value it holds and its kind.
type shadow struct {
	ref   trace.Ref      // the payload: an int, a float, or the object pointer; NoRef: not known
	kind  Kind           // the value's kind, guarded
	typ   unsafe.Pointer // for reference kinds, the Go type word of the object
	dirty bool           // root frame only: the slot's memory does not hold this value
	// items are the item values of a tuple built in this trace (tuplelayout.go): reading an
	// item needs no IR, and the tuple's allocation stays removable.
	items []shadow
}

// recFrame is a frame the recorder follows: the root frame or an inlined call.
type recFrame struct {
	f     *Frame
	info  *codeInfo
	slots []shadow // locals then stack, as the frame's regs
	sp    int      // the frame's stack pointer, as the recorder tracks it
	// memKnown (root frame only) says which slots' memory the trace knows the kind of: it
	// loaded them (and guarded their kind), or a bridge started with them clean. Writing such
	// a slot back needs no check of what it overwrites.
	memKnown []bool
	resumePC int // for a caller: the pc after its CALL, where it resumes when the callee returns
}

// recorder records one trace.
type recorder struct {
	in      *Interp
	t       *trace.Trace
	header  int // pc of the loop header in the root frame
	frames  []*recFrame
	regs    trace.Ref // input: the root frame's registers
	globals trace.Ref // constant: the globals array
	gshadow map[int]shadow
	entry   []Value      // the root frame's locals when recording started: what memory holds
	pending *pendingCall // a residual call waiting for its result (record_calls.go)
	abort   string       // set when recording must stop without a trace
	done    bool         // the loop closed
	// bridge is set when the recording is a bridge (bridge.go); target is the loop it ends
	// in, and headers the loop headers it went back to (at most once each).
	bridge *bridgeStart
	// calleeGlobals are the globals whose callable the trace took as a constant.
	calleeGlobals []int
	target        *jit.Loop
	headers       map[int]bool
}

// startRecording begins recording the loop whose header is pc in frame f.
func (in *Interp) startRecording(f *Frame, pc int) *recorder {
	r := &recorder{in: in, header: pc, gshadow: map[int]shadow{}}
	code := f.info.code
	r.t = trace.NewTrace(fmt.Sprintf("loop %s:%d in %s", code.Filename, code.Lines[pc], code.Name))
	r.regs = r.t.Input(trace.Ptr)
	if len(in.globals) > 0 {
		r.globals = r.t.ConstPtr(unsafe.Pointer(&in.globals[0]))
	}
	r.t.Emit(trace.OpLabel, trace.Void, r.regs)
	root := &recFrame{f: f, info: f.info, slots: make([]shadow, len(f.regs)), sp: f.sp}
	r.entry = append([]Value(nil), f.regs[:f.info.nlocals]...)
	for i := range root.slots {
		root.slots[i].ref = trace.NoRef
	}
	root.memKnown = make([]bool, len(root.slots))
	r.frames = []*recFrame{root}
	// The scalar locals the loop carries are read at the start of every iteration, so that
	// every snapshot of the trace names them (as clean slots until the iteration assigns them):
	// a bridge from any guard gets them in registers, and after unrolling the label carries
	// them (PyPy makes the whole frame a virtualizable for the same reason).
	for _, i := range f.info.loopCarried(pc) {
		if k := f.regs[i].kind; k == KindInt || k == KindFloat || k == KindBool {
			if _, ok := r.slot(root, i); !ok {
				return r
			}
		}
	}
	return r
}

func (r *recorder) top() *recFrame { return r.frames[len(r.frames)-1] }

func (r *recorder) fail(format string, args ...any) bool {
	if r.abort == "" {
		r.abort = fmt.Sprintf(format, args...)
	}
	return false
}

// ---- values ----

// constShadow returns the shadow of a constant Value.
func (r *recorder) constShadow(v Value) shadow {
	switch v.kind {
	case KindNone, KindUnbound:
		return shadow{ref: r.t.ConstInt(0), kind: v.kind}
	case KindBool, KindInt:
		return shadow{ref: r.t.ConstInt(int64(v.n)), kind: v.kind}
	case KindFloat:
		return shadow{ref: r.t.ConstFloat(v.Float()), kind: KindFloat}
	}
	return shadow{ref: r.t.ConstPtr(dataWord(v.ref)), kind: v.kind, typ: typeWord(v.ref)}
}

// loadValue emits the loads of a Value at base+offset (prefix names the descriptors), guarding
// its kind (and Go type, for iterators) to be that of the concrete value v.
func (r *recorder) loadValue(base trace.Ref, prefix string, offset uintptr, v Value) (shadow, bool) {
	d := &r.in.jit.descrs
	k := r.t.EmitDescr(trace.OpGetfieldI, trace.Int, d.valueField(prefix, offset, "kind"), base)
	r.guardValue(k, r.t.ConstInt(int64(v.kind)))
	s := shadow{kind: v.kind}
	switch v.kind {
	case KindNone:
		s.ref = r.t.ConstInt(0)
	case KindBool, KindInt:
		s.ref = r.t.EmitDescr(trace.OpGetfieldI, trace.Int, d.valueField(prefix, offset, "bits"), base)
	case KindFloat:
		s.ref = r.t.EmitDescr(trace.OpGetfieldF, trace.Float, d.valueField(prefix, offset, "fbits"), base)
	case KindUnbound:
		return s, r.fail("unbound value read")
	default:
		s.typ = typeWord(v.ref)
		if v.kind == KindIter {
			tw := r.t.EmitDescr(trace.OpGetfieldR, trace.Ptr, d.valueField(prefix, offset, "type"), base)
			r.guardValue(tw, r.t.ConstPtr(s.typ))
		}
		s.ref = r.t.EmitDescr(trace.OpGetfieldR, trace.Ptr, d.valueField(prefix, offset, "data"), base)
	}
	return s, true
}

// knownValue tells the optimizer that the Value at base+offset is s, which memory is known to
// hold without the trace having loaded it (a bridge's clean slots): record_known_field hints
// for the fields loadValue would read, so that loads of them, and guards on its kind, go.
func (r *recorder) knownValue(base trace.Ref, prefix string, offset uintptr, s shadow) {
	d := &r.in.jit.descrs
	hint := func(part string, v trace.Ref) {
		r.t.EmitDescr(trace.OpRecordKnownField, trace.Void, d.valueField(prefix, offset, part), base, v)
	}
	if s.kind == KindUnbound {
		return
	}
	hint("kind", r.t.ConstInt(int64(s.kind)))
	switch s.kind {
	case KindNone:
	case KindBool, KindInt:
		hint("bits", s.ref)
	case KindFloat:
		hint("fbits", s.ref)
	default:
		if s.kind == KindIter {
			hint("type", r.t.ConstPtr(s.typ))
		}
		hint("data", s.ref)
	}
}

// storeValue emits the store of s into the Value at base+offset whose current concrete value
// is old. Scalars over scalars are plain stores; anything that would write a Go pointer (or
// overwrite one) is a residual call, since compiled code never stores pointers.
func (r *recorder) storeValue(base trace.Ref, prefix string, offset uintptr, old Value, oldKnown bool, s shadow) {
	d := &r.in.jit.descrs
	if !oldKnown {
		k := r.t.EmitDescr(trace.OpGetfieldI, trace.Int, d.valueField(prefix, offset, "kind"), base)
		r.guardValue(k, r.t.ConstInt(int64(old.kind)))
	}
	scalar := func(k Kind) bool { return k == KindInt || k == KindBool || k == KindFloat || k == KindNone }
	if scalar(old.kind) && scalar(s.kind) {
		if old.kind != s.kind {
			r.t.EmitDescr(trace.OpSetfield, trace.Void, d.valueField(prefix, offset, "kind"), base, r.t.ConstInt(int64(s.kind)))
		}
		part := "bits"
		if s.kind == KindFloat {
			part = "fbits"
		}
		if s.kind != KindNone {
			r.t.EmitDescr(trace.OpSetfield, trace.Void, d.valueField(prefix, offset, part), base, s.ref)
		}
		return
	}
	r.emitStoreCall(base, offset, s)
}

// ---- guards and snapshots ----

// snapshot records the interpreter state before the current instruction.
func (r *recorder) snapshot() int32 {
	var snap trace.Snapshot
	for i, rf := range r.frames {
		sf := trace.SnapFrame{Code: r.in.codeID(rf.info), PC: int32(rf.resumePC), Inlined: i > 0}
		if i == len(r.frames)-1 {
			sf.PC = int32(rf.f.pc)
		}
		for idx := 0; idx < rf.sp; idx++ {
			s := rf.slots[idx]
			if s.ref == trace.NoRef {
				continue
			}
			// Root-frame slots the trace only loaded are clean: memory holds them, and
			// they are listed for the bridges that may start here (trace.SnapSlot).
			sf.Slots = append(sf.Slots, trace.SnapSlot{Index: int32(idx), Ref: s.ref, Tag: r.in.tagOf(s.kind, s.typ),
				Clean: i == 0 && !s.dirty})
		}
		snap.Frames = append(snap.Frames, sf)
	}
	return r.t.AddSnapshot(snap)
}

func (r *recorder) guard(op trace.Opcode, args ...trace.Ref) {
	r.t.EmitGuard(op, r.snapshot(), args...)
}

// guardValue guards x == c, unless x is that constant already.
func (r *recorder) guardValue(x, c trace.Ref) {
	if x == c {
		return
	}
	r.guard(trace.OpGuardValue, x, c)
}

// guardTrue guards that the int x is (truth) nonzero, or zero.
func (r *recorder) guardTruth(x trace.Ref, truth bool) {
	if r.t.IsConst(x) {
		return
	}
	if truth {
		r.guard(trace.OpGuardTrue, x)
	} else {
		r.guard(trace.OpGuardFalse, x)
	}
}

// ---- the stack of the current frame ----

// slot returns the shadow of slot i of frame rf, loading it from memory in the root frame.
func (r *recorder) slot(rf *recFrame, i int) (shadow, bool) {
	s := rf.slots[i]
	if s.ref != trace.NoRef {
		return s, true
	}
	if rf != r.frames[0] {
		return s, r.fail("read of an unknown slot of an inlined frame")
	}
	s, ok := r.loadValue(r.regs, fmt.Sprintf("slot%d", i), uintptr(i)*valueSize, rf.f.regs[i])
	if !ok {
		return s, false
	}
	rf.slots[i] = s
	rf.memKnown[i] = true
	return s, true
}

// peek returns the shadow of the stack entry n below the top (0 is the top).
func (r *recorder) peek(n int) (shadow, bool) {
	rf := r.top()
	return r.slot(rf, rf.sp-1-n)
}

func (r *recorder) pop(n int) {
	rf := r.top()
	for i := 0; i < n; i++ {
		rf.sp--
		rf.slots[rf.sp] = shadow{ref: trace.NoRef}
	}
}

func (r *recorder) push(s shadow) {
	rf := r.top()
	s.dirty = true
	rf.slots[rf.sp] = s
	rf.sp++
}

// ---- one instruction ----

// step records the instruction at f.pc of frame f, before the interpreter executes it. It
// returns false when recording is over: the loop closed (r.done) or it was aborted (r.abort).
func (r *recorder) step(f *Frame) bool {
	if r.done || r.abort != "" {
		return false
	}
	rf := r.top()
	if rf.f == nil {
		rf.f = f
	}
	if rf.f != f {
		return r.fail("recording left the traced frames (a callback from a builtin)")
	}
	if r.pending != nil && !r.finishCall(f) {
		return false
	}
	if len(r.t.Ops) > r.in.jit.driver.TraceLimit() {
		return r.fail("trace too long")
	}
	code := rf.info.code
	pc := f.pc
	if loop := r.bridgeEnd(rf, pc); loop != nil {
		return r.closeBridge(rf, pc, loop)
	}
	ins := code.Instrs[pc]
	mp := r.t.EmitDescr(trace.OpDebugMergePoint, trace.Void,
		&trace.DebugDescr{Text: fmt.Sprintf("%s:%d#%d_%s", code.Name, code.Lines[pc], pc, ins.Op)})
	r.t.SetDebug(mp, r.in.sourceLine(int(code.Lines[pc])))
	if rf.sp != f.sp {
		return r.fail("recorder lost track of the stack at %s pc %d", code.Name, pc)
	}
	return r.record(rf, f, pc, ins)
}

// record emits the IR for one instruction. Its cases follow eval.go's.
func (r *recorder) record(rf *recFrame, f *Frame, pc int, ins compile.Instr) bool {
	t := r.t
	regs := f.regs
	sp := f.sp
	switch ins.Op {
	case compile.NOP:
	case compile.POP_TOP:
		r.pop(1)
	case compile.DUP_TOP:
		s, ok := r.peek(0)
		if !ok {
			return false
		}
		r.push(s)
	case compile.DUP_TOP_TWO:
		a, ok1 := r.peek(1)
		b, ok2 := r.peek(0)
		if !ok1 || !ok2 {
			return false
		}
		r.push(a)
		r.push(b)
	case compile.ROT_TWO, compile.ROT_THREE, compile.ROT_FOUR:
		n := map[compile.Opcode]int{compile.ROT_TWO: 2, compile.ROT_THREE: 3, compile.ROT_FOUR: 4}[ins.Op]
		items := make([]shadow, n)
		for i := 0; i < n; i++ {
			s, ok := r.peek(n - 1 - i)
			if !ok {
				return false
			}
			items[i] = s
		}
		r.pop(n)
		r.push(items[n-1])
		for _, s := range items[:n-1] {
			r.push(s)
		}

	case compile.LOAD_CONST:
		v := rf.info.consts[ins.Arg]
		if v.kind == KindCode {
			return r.fail("MAKE_FUNCTION in a loop")
		}
		r.push(r.constShadow(v))
	case compile.LOAD_FAST:
		s, ok := r.slot(rf, int(ins.Arg))
		if !ok {
			return false
		}
		r.push(s)
	case compile.STORE_FAST:
		s, ok := r.peek(0)
		if !ok {
			return false
		}
		// The store is sunk: the local lives in the trace (dirty) and reaches the frame's
		// memory only through snapshots at exits, or at the end of the iteration if the next
		// one may read it (closeLoop).
		r.pop(1)
		s.dirty = true
		rf.slots[int(ins.Arg)] = s
	case compile.LOAD_GLOBAL:
		g := int(ins.Arg)
		s, ok := r.gshadow[g]
		if !ok {
			v := r.in.globals[g]
			s, ok = r.loadValue(r.globals, "global_"+r.in.prog.Globals[g], uintptr(g)*valueSize, v)
			if !ok {
				return false
			}
			if v.kind == KindFunc || v.kind == KindBuiltin || v.kind == KindType {
				// Calls need the callee as a constant: guard the function's identity.
				c := r.constShadow(v)
				r.guardValue(s.ref, c.ref)
				s = c
				r.calleeGlobals = append(r.calleeGlobals, g)
			}
			r.gshadow[g] = s
		}
		r.push(s)
	case compile.STORE_GLOBAL:
		s, ok := r.peek(0)
		if !ok {
			return false
		}
		g := int(ins.Arg)
		old, known := r.gshadow[g]
		_ = old
		r.storeValue(r.globals, "global_"+r.in.prog.Globals[g], uintptr(g)*valueSize, r.in.globals[g], known, s)
		s.dirty = false
		r.gshadow[g] = s
		r.pop(1)

	case compile.BINARY_ADD, compile.INPLACE_ADD, compile.BINARY_SUB, compile.BINARY_MUL,
		compile.INPLACE_MUL, compile.BINARY_MOD, compile.BINARY_FLOORDIV, compile.BINARY_TRUEDIV,
		compile.BINARY_AND, compile.BINARY_OR, compile.BINARY_XOR, compile.BINARY_LSHIFT,
		compile.BINARY_RSHIFT, compile.BINARY_POW:
		return r.binary(ins.Op, regs[sp-2], regs[sp-1])
	case compile.UNARY_NEG:
		a, ok := r.peek(0)
		if !ok {
			return false
		}
		v := regs[sp-1]
		switch {
		case v.kind == KindInt && int64(v.n) != math.MinInt64:
			t.Emit(trace.OpIntSubOvf, trace.Int, t.ConstInt(0), a.ref)
			res := trace.Ref(len(t.Ops) - 1)
			r.guard(trace.OpGuardNoOverflow)
			r.pop(1)
			r.push(shadow{ref: res, kind: KindInt})
		case v.kind == KindFloat:
			res := t.Emit(trace.OpFloatNeg, trace.Float, a.ref)
			r.pop(1)
			r.push(shadow{ref: res, kind: KindFloat})
		default:
			return r.fail("unary - on %s", TypeName(v))
		}
	case compile.UNARY_NOT:
		a, ok := r.peek(0)
		if !ok {
			return false
		}
		truth, ok := r.truth(a, regs[sp-1])
		if !ok {
			return false
		}
		res := t.Emit(trace.OpIntIsZero, trace.Int, truth)
		r.pop(1)
		r.push(shadow{ref: res, kind: KindBool})

	case compile.COMPARE_EQ, compile.COMPARE_NE, compile.COMPARE_LT,
		compile.COMPARE_LE, compile.COMPARE_GT, compile.COMPARE_GE:
		return r.compare(ins.Op, regs[sp-2], regs[sp-1])
	case compile.IS_OP, compile.IS_NOT_OP:
		a, b := regs[sp-2], regs[sp-1]
		if a.kind != KindNone && b.kind != KindNone {
			args, ok := r.stackArgs(2)
			if !ok {
				return false
			}
			isOp := ins.Op == compile.IS_OP
			return r.callPure(rf, pc, ins.Op.String(), func(in *Interp, v []Value) (Value, *Exception) {
				return Bool(Is(v[0], v[1]) == isOp), nil
			}, args, 2)
		}
		if _, ok := r.peek(0); !ok {
			return false
		}
		if _, ok := r.peek(1); !ok {
			return false
		}
		// The kinds are guarded, so the answer is known.
		same := a.kind == b.kind
		r.pop(2)
		r.push(r.constShadow(Bool(same == (ins.Op == compile.IS_OP))))

	case compile.JUMP:
	case compile.JUMP_BACKWARD:
		if len(r.frames) == 1 && int(ins.Arg) == r.header {
			return r.closeLoop(rf)
		}
		if len(r.frames) == 1 && r.bridge != nil && !r.headers[int(ins.Arg)] {
			// A bridge goes back to a loop header: it ends there if the loop is compiled
			// (bridgeEnd, at the next step), and otherwise goes round that loop once.
			if r.headers == nil {
				r.headers = map[int]bool{}
			}
			r.headers[int(ins.Arg)] = true
			break
		}
		return r.fail("inner loop at %s pc %d", rf.info.code.Name, ins.Arg)
	case compile.POP_JUMP_IF_FALSE, compile.POP_JUMP_IF_TRUE:
		a, ok := r.peek(0)
		if !ok {
			return false
		}
		truthRef, ok := r.truth(a, regs[sp-1])
		if !ok {
			return false
		}
		r.guardTruth(truthRef, Truthy(regs[sp-1]))
		r.pop(1)
	case compile.JUMP_IF_FALSE_OR_POP, compile.JUMP_IF_TRUE_OR_POP:
		a, ok := r.peek(0)
		if !ok {
			return false
		}
		truthRef, ok := r.truth(a, regs[sp-1])
		if !ok {
			return false
		}
		truth := Truthy(regs[sp-1])
		r.guardTruth(truthRef, truth)
		if truth != (ins.Op == compile.JUMP_IF_TRUE_OR_POP) {
			r.pop(1)
		}

	case compile.CONTAINS_OP, compile.NOT_IN_OP:
		args, ok := r.stackArgs(2)
		if !ok {
			return false
		}
		in := ins.Op == compile.CONTAINS_OP
		return r.callPure(rf, pc, ins.Op.String(), func(it *Interp, v []Value) (Value, *Exception) {
			found, err := Contains(it, v[1], v[0])
			return Bool(found == in), err
		}, args, 2)
	case compile.BUILD_LIST:
		n := int(ins.Arg)
		args, ok := r.stackArgs(n)
		if !ok {
			return false
		}
		return r.callPure(rf, pc, fmt.Sprintf("build_list%d", n), func(in *Interp, v []Value) (Value, *Exception) {
			return NewList(append([]Value(nil), v...)), nil
		}, args, n)
	case compile.BUILD_SLICE:
		n := int(ins.Arg)
		args, ok := r.stackArgs(n)
		if !ok {
			return false
		}
		return r.callPure(rf, pc, fmt.Sprintf("build_slice%d", n), func(in *Interp, v []Value) (Value, *Exception) {
			if len(v) == 3 {
				return NewSlice(v[0], v[1], v[2]), nil
			}
			return NewSlice(v[0], v[1], None), nil
		}, args, n)
	case compile.FOR_ITER:
		return r.forIter(regs[sp-1])
	case compile.GET_ITER:
		// A new iterator (of a nested loop's range or list, say): a residual call. Its
		// result is a fresh object, so the call is not pure (never CSE'd), only residual.
		// Of an iterator (the range_iter call of `for x in range(...)`), it is that iterator.
		args, ok := r.stackArgs(1)
		if !ok {
			return false
		}
		if args[0].kind == KindIter {
			return true
		}
		return r.callPure(rf, pc, "get_iter", func(in *Interp, v []Value) (Value, *Exception) {
			return GetIter(in, v[0])
		}, args, 1)
	case compile.BUILD_TUPLE:
		return r.buildTuple(int(ins.Arg), regs[sp-int(ins.Arg):sp])
	case compile.UNPACK_SEQUENCE:
		return r.unpack(int(ins.Arg), regs[sp-1])
	case compile.BINARY_SUBSCR:
		return r.subscr(regs[sp-2], regs[sp-1])
	case compile.STORE_SUBSCR:
		return r.storeSubscr(regs[sp-3], regs[sp-2], regs[sp-1])
	case compile.CALL:
		return r.call(rf, f, pc, int(ins.Arg))
	case compile.CALL_METHOD:
		return r.callMethod(rf, f, pc, ins)
	case compile.RETURN_VALUE:
		if len(r.frames) == 1 {
			return r.fail("return from the traced loop's frame")
		}
		res, ok := r.peek(0)
		if !ok {
			return false
		}
		r.frames = r.frames[:len(r.frames)-1]
		res.dirty = true
		r.push(res)
	default:
		return r.fail("unsupported bytecode %s", ins.Op)
	}
	return true
}

// truth returns an int trace value that is nonzero exactly when the value s stands for is true.
func (r *recorder) truth(s shadow, v Value) (trace.Ref, bool) {
	switch v.kind {
	case KindBool, KindInt:
		return s.ref, true
	case KindNone:
		return r.t.ConstInt(0), true
	case KindFloat:
		return r.t.Emit(trace.OpFloatNe, trace.Int, s.ref, r.t.ConstFloat(0)), true
	case KindUnbound, KindIter:
		return 0, r.fail("truth of %s", TypeName(v))
	}
	// Containers and strings: a residual call of Truthy, which cannot fail.
	return r.callNow("truth", func(in *Interp, v []Value) (Value, *Exception) {
		return Bool(Truthy(v[0])), nil
	}, []shadow{s}, KindBool), true
}

// closeLoop ends the trace at the back-edge to the loop header: the state must be the one the
// label expects (the stack as deep as at entry, held in memory).
func (r *recorder) closeLoop(rf *recFrame) bool {
	for i := rf.info.nlocals; i < rf.sp; i++ {
		if rf.slots[i].dirty {
			return r.fail("loop-carried value on the stack")
		}
	}
	// Write back the locals assigned in this iteration that the next one (or the code after
	// the loop) may read; dead ones are simply dropped.
	for i := 0; i < rf.info.nlocals; i++ {
		s := rf.slots[i]
		if !s.dirty || !rf.info.isLive(r.header, i) {
			continue
		}
		r.storeValue(r.regs, fmt.Sprintf("slot%d", i), uintptr(i)*valueSize, r.entry[i], rf.memKnown[i], s)
		if r.abort != "" {
			return false
		}
	}
	r.t.Emit(trace.OpJump, trace.Void, r.regs)
	r.done = true
	return false
}

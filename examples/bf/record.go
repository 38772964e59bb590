package bf

import (
	"fmt"

	"github.com/metajit/metajit/trace"
)

// The recorder: how the interpreter turns one iteration of a hot loop into a trace.
//
// As in LuaJIT (lj_record.c), and as the Python interpreter of this repository does,
// recording hooks the interpreter's dispatch: before each instruction executes, the recorder
// looks at the concrete state (the current cell's value) and emits the IR that does the same
// work, with a guard for every assumption it made; then the interpreter executes the
// instruction as usual, so recording never changes what the program does. PyPy instead traces
// the interpreter itself (its jitcodes) and so gets the IR of each instruction for free;
// here each instruction's IR is written beside the interpreter's case for it, and the tests
// run every program with and without the JIT to catch any drift between the two.
//
// One iteration: recording starts at the loop header and ends when the loop's ] jumps back
// to it (the trace then ends with a jump to its start); if that ] ends the loop instead, the
// iteration was the last one and there is nothing to loop over: the recording is aborted.
//
// Inner loops are not traced separately within the outer trace: the recorder follows the
// interpreter through them, so each [ and ] the iteration meets becomes a guard on the
// current cell (guard_true when the interpreter went into, or back into, the loop,
// guard_false when it skipped or left it). The trace is then specialized to the number of
// iterations the inner loop made while recording; when a later iteration makes a different
// number, the guard fails and the interpreter goes on from that bracket (entering the inner
// loop's own trace, once it has one). A trace longer than traceLimit ops is aborted: the
// inner loop ran too long to be unrolled, and gets its own trace instead.
//
// Positions. bf moves by constants, so every position in one iteration is the position at the
// header plus a constant offset that the recorder knows: off. The trace computes each
// position it needs once, as int_add(i1, off). The tape is contiguous, so once two offsets
// are known to be on the tape, every offset between them is; the recorder remembers the
// range [lo, hi] it has checked and guards a move (uint_lt(position, i2), one comparison
// for both ends) only when it leaves that range. The position at the header is on the tape
// (the interpreter keeps it so), which makes offset 0 checked from the start.
//
// Cells. The recorder remembers, per offset, the trace value that holds the cell (loaded
// once, or last stored), so that each cell is read at most once per iteration. After + and -
// that value is the sum without the wrap to a byte (a store writes the low byte anyway); the
// recorder emits the int_and(x, 255) only when the byte's value matters: a bracket test (the
// residual calls of '.' and ',' take the low byte of their argument themselves). Arithmetic on cells whose value is a constant (a cell a guard_false proved zero) folds.

// traceLimit is the most ops a trace may have; longer recordings are aborted.
const traceLimit = 1000

// cellValue is the recorder's picture of one cell: the trace value whose low byte it is.
type cellValue struct {
	ref    trace.Ref
	masked bool // ref is the byte itself (0..255), not only its low byte
}

// recorder records one trace.
type recorder struct {
	js     *jitState
	t      *trace.Trace
	header int // pc of the loop header: the instruction after the loop's [

	tape, pos, length trace.Ref // the trace's inputs: p0, i1, i2

	entry  int // the position at the header, when recording started
	off    int // the position now, relative to entry
	lo, hi int // the offsets known to be on the tape

	posAt map[int]trace.Ref // the trace value of entry+offset, once computed
	cells map[int]cellValue // the value of the cell at entry+offset, once known

	abort string // set when recording must stop without a trace
	done  bool   // the loop closed: the trace is complete
}

func (js *jitState) newRecorder(header int) *recorder {
	t := trace.NewTrace(js.traceName(header))
	r := &recorder{js: js, t: t, header: header, entry: js.m.pos,
		posAt: map[int]trace.Ref{}, cells: map[int]cellValue{}}
	r.tape = t.Input(trace.Ptr)
	r.pos = t.Input(trace.Int)
	r.length = t.Input(trace.Int)
	r.posAt[0] = r.pos
	return r
}

// record records instruction pc, which the interpreter is about to execute, and installs or
// aborts the trace when the recording is over.
func (js *jitState) record(pc int) {
	r := js.rec
	if !r.step(pc) {
		js.finishRecording(r)
	}
}

// fail aborts the recording with a reason (the first one given is kept) and returns false.
func (r *recorder) fail(format string, args ...any) bool {
	if r.abort == "" {
		r.abort = fmt.Sprintf(format, args...)
	}
	return false
}

// step emits the IR of instruction pc. It returns false when the recording is over: the loop
// closed (r.done) or the recording was aborted (r.abort).
func (r *recorder) step(pc int) bool {
	t, m := r.t, r.js.m
	if len(t.Ops) > traceLimit {
		return r.fail("trace too long: an inner loop ran too long to unroll")
	}
	if m.pos != r.entry+r.off {
		return r.fail("recorder lost track of the position at pc %d", pc) // a bug, but harmless
	}
	in := m.prog.Instrs[pc]
	mp := t.EmitDescr(trace.OpDebugMergePoint, trace.Void, &trace.DebugDescr{Text: fmt.Sprintf("#%d %s", pc, in)})
	t.SetDebug(mp, m.prog.Context(pc))

	switch in.Kind {
	case Add: // tape[pos] += N
		r.store(r.add(r.cell(), in.N))

	case Move: // pos += N, which must stay on the tape
		p := m.pos + in.N
		if p < 0 {
			return r.fail("data pointer moved left of the first cell")
		}
		if p >= len(m.tape) {
			return r.fail("the tape grows") // the trace could not enter with the same tape
		}
		to := r.off + in.N
		if to < r.lo || to > r.hi {
			ok := t.Emit(trace.OpUintLt, trace.Int, r.position(to), r.length)
			t.EmitGuard(trace.OpGuardTrue, r.snapshot(pc), ok)
			r.lo, r.hi = min(r.lo, to), max(r.hi, to)
		}
		r.off = to

	case Out: // putByte(tape[pos]), a residual call (which takes the low byte itself)
		t.EmitCall(r.js.putchar, r.snapshot(pc), r.cell().ref)

	case In: // tape[pos] = getByte(tape[pos]), a residual call
		v := t.EmitCall(r.js.getchar, r.snapshot(pc), r.cell().ref)
		r.store(cellValue{ref: v, masked: true})

	case Open, Close: // a branch on the cell: a guard
		nonzero := m.tape[m.pos] != 0
		closes := in.Kind == Close && in.Match+1 == r.header
		if closes && !nonzero {
			return r.fail("the loop ended while recording its iteration")
		}
		c := r.byteValue()
		if t.IsConst(c) {
			if (t.ConstValue(c).Int() != 0) != nonzero {
				return r.fail("recorder's constant cell disagrees with the tape at pc %d", pc) // a bug
			}
		} else if nonzero {
			t.EmitGuard(trace.OpGuardTrue, r.snapshot(pc), c)
		} else {
			t.EmitGuard(trace.OpGuardFalse, r.snapshot(pc), c)
			r.cells[r.off] = cellValue{ref: t.ConstInt(0), masked: true} // the guard proved it
		}
		if closes {
			t.Emit(trace.OpJump, trace.Void, r.tape, r.position(r.off), r.length)
			r.done = true
			return false
		}
	}
	return true
}

// position returns the trace value of the position entry+off.
func (r *recorder) position(off int) trace.Ref {
	if p, ok := r.posAt[off]; ok {
		return p
	}
	var p trace.Ref
	if off < 0 {
		p = r.t.Emit(trace.OpIntSub, trace.Int, r.pos, r.t.ConstInt(int64(-off)))
	} else {
		p = r.t.Emit(trace.OpIntAdd, trace.Int, r.pos, r.t.ConstInt(int64(off)))
	}
	r.posAt[off] = p
	return p
}

// cell returns the value of the current cell, loading it when the trace does not know it.
// The load is safe: the current offset is in the checked range.
func (r *recorder) cell() cellValue {
	if c, ok := r.cells[r.off]; ok {
		return c
	}
	v := r.t.EmitDescr(trace.OpGetarrayitemI, trace.Int, r.js.cell, r.tape, r.position(r.off))
	c := cellValue{ref: v, masked: true} // a 1-byte load zero-extends: 0..255
	r.cells[r.off] = c
	return c
}

// byteValue returns the current cell's value as a byte (0..255), masking it if needed.
func (r *recorder) byteValue() trace.Ref {
	c := r.cell()
	if !c.masked {
		c = cellValue{ref: r.t.Emit(trace.OpIntAnd, trace.Int, c.ref, r.t.ConstInt(255)), masked: true}
		r.cells[r.off] = c
	}
	return c.ref
}

// add returns c+n, folded when c is a constant.
func (r *recorder) add(c cellValue, n int) cellValue {
	t := r.t
	switch {
	case t.IsConst(c.ref):
		return cellValue{ref: t.ConstInt((t.ConstValue(c.ref).Int() + int64(n)) & 255), masked: true}
	case n < 0:
		return cellValue{ref: t.Emit(trace.OpIntSub, trace.Int, c.ref, t.ConstInt(int64(-n)))}
	default:
		return cellValue{ref: t.Emit(trace.OpIntAdd, trace.Int, c.ref, t.ConstInt(int64(n)))}
	}
}

// store writes c to the current cell (its low byte: the item is one byte wide).
func (r *recorder) store(c cellValue) {
	r.t.EmitDescr(trace.OpSetarrayitem, trace.Void, r.js.cell, r.tape, r.position(r.off), c.ref)
	r.cells[r.off] = c
}

// snapshot records the interpreter state before instruction pc: the pc and the position.
func (r *recorder) snapshot(pc int) int32 {
	return r.t.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{
		Code:  0,
		PC:    int32(pc),
		Slots: []trace.SnapSlot{{Index: slotPos, Ref: r.position(r.off), Tag: tagPos}},
	}}})
}

// Package bf is a Brainfuck interpreter with a tracing JIT, the second language of metajit:
// the JIT comes from the same language-neutral packages as the Python interpreter's (jit for
// the driver, trace for the IR and snapshots, backend for running traces), which know
// nothing about Brainfuck. It follows PyPy's classic RPython tutorial, whose bf interpreter
// gets a JIT from one JitDriver(greens=['pc', 'program', 'bracket_map'], reds=['tape']).
//
// The pieces:
//   - program.go parses a program into instructions, matching the brackets and folding runs
//     of + - and of < > into one instruction with a count.
//   - bf.go is the interpreter: a byte tape that grows to the right, a data pointer, and
//     the loop over the instructions, with its merge points at loop headers.
//   - jit.go is the interpreter's side of the JIT: hot counters, entering compiled loops,
//     and rebuilding the interpreter state from a snapshot when a trace exits.
//   - record.go is the recorder: it sees each instruction of one iteration of a hot loop
//     before the interpreter executes it, and emits the IR that does the same, with guards.
//
// Semantics: cells are bytes that wrap (255+1 is 0); the tape starts with Options.TapeSize
// zero cells and grows when the pointer moves past its right end (up to
// Options.MaxTapeSize); moving left of the first cell is an error; ',' at the end of the
// input leaves the cell unchanged.
package bf

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/jit"
	"github.com/metajit/metajit/trace"
)

// DefaultTapeSize is the tape's initial number of cells, the classic 30000.
const DefaultTapeSize = 30000

// DefaultMaxTapeSize is the number of cells past which the tape does not grow.
const DefaultMaxTapeSize = 1 << 26

// Options configure a run.
type Options struct {
	JIT       bool // trace hot loops and run them compiled
	Threshold int  // loop back-edges before a loop is traced (jit.DefaultThreshold when 0)
	MaxAborts int  // tracing attempts before a loop is given up (jit.DefaultMaxAborts when 0)
	// Backend runs the traces (irexec, the portable executor, when nil).
	Backend backend.Backend
	// Optimize, when set, rewrites each trace before it is compiled.
	Optimize func(*trace.Trace) (*trace.Trace, error)
	// Log receives the JIT's log categories listed, comma-separated, in LogCategories:
	// jit-log-noopt (the recorded traces), jit-log-opt, jit-abort, jit-summary.
	Log           io.Writer
	LogCategories string

	TapeSize    int // initial cells (DefaultTapeSize when 0)
	MaxTapeSize int // the most cells the tape grows to (DefaultMaxTapeSize when 0)
}

// RuntimeError is an error of the running program: a move left of the first cell, a tape
// larger than MaxTapeSize, or an input or output error.
type RuntimeError struct {
	Line, Col int // position of the instruction in the source
	Msg       string
	Err       error // the underlying I/O error, if any
}

// Error returns "line:col: message".
func (e *RuntimeError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Unwrap returns the underlying I/O error, if any.
func (e *RuntimeError) Unwrap() error { return e.Err }

// Run runs the program, reading ',' input from input and writing '.' output to output, and
// returns the JIT's statistics (zero with the JIT off) and the program's error, if any. The
// output is the same with the JIT on or off, at any threshold: compiled code is only an
// optimization.
func Run(p *Program, input io.Reader, output io.Writer, opts Options) (jit.Stats, error) {
	if opts.TapeSize <= 0 {
		opts.TapeSize = DefaultTapeSize
	}
	if opts.MaxTapeSize <= 0 {
		opts.MaxTapeSize = DefaultMaxTapeSize
	}
	m := &machine{
		prog:    p,
		tape:    make([]byte, min(opts.TapeSize, opts.MaxTapeSize)),
		maxTape: opts.MaxTapeSize,
		in:      bufio.NewReader(input),
		out:     bufio.NewWriter(output),
	}
	if opts.JIT {
		m.jit = newJIT(m, opts)
	}
	err := m.run()
	if ferr := m.out.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("output error: %w", ferr)
	}
	if m.jit == nil {
		return jit.Stats{}, err
	}
	m.jit.finish()
	return m.jit.driver.Stats, err
}

// machine is the interpreter's state: the reds of the JitDriver (the tape and the position
// on it) and the I/O.
type machine struct {
	prog    *Program
	tape    []byte
	pos     int // the data pointer: an index into tape, always in range
	maxTape int
	in      *bufio.Reader
	out     *bufio.Writer
	inErr   error     // the first input error (not EOF): sticky, so that retrying fails again
	jit     *jitState // nil with the JIT off
}

// run is the interpreter loop, from the first instruction to the end of the program. The
// tape and the position live in locals for speed and are written back to m before anything
// else (the JIT, a slow path) looks at them.
//
// The loop has two merge points, both at a loop header (the instruction after a [): the [
// entering the loop when its cell is not zero, and the ] jumping back (the back-edge, where
// the hot counters count, as at PyPy's can_enter_jit). At either, the JIT may run the loop's
// compiled trace, which returns the pc and position to go on from.
func (m *machine) run() error {
	code := m.prog.Instrs
	tape, pos := m.tape, m.pos
	js := m.jit
	for pc := 0; pc < len(code); {
		if js != nil && js.rec != nil {
			// Recording: the recorder sees the instruction before it executes.
			m.pos = pos
			js.record(pc)
		}
		in := &code[pc]
		switch in.Kind {
		case Add:
			tape[pos] += byte(in.N)
		case Move:
			if p := pos + in.N; uint(p) < uint(len(tape)) {
				pos = p
				break
			}
			m.pos = pos
			if err := m.moveSlow(pc, in.N); err != nil {
				return err
			}
			tape, pos = m.tape, m.pos
		case Out:
			if err := m.putByte(tape[pos]); err != nil {
				return m.errorAt(pc, "output error: "+err.Error(), err)
			}
		case In:
			b, err := m.getByte(tape[pos])
			if err != nil {
				return m.errorAt(pc, "input error: "+err.Error(), err)
			}
			tape[pos] = b
		case Open:
			if tape[pos] == 0 {
				pc = in.Match + 1
				continue
			}
			pc++
			if js != nil {
				m.pos = pos
				pc = js.loopEntry(pc)
				tape, pos = m.tape, m.pos
			}
			continue
		case Close:
			if tape[pos] != 0 {
				pc = in.Match + 1
				if js != nil {
					m.pos = pos
					pc = js.backEdge(pc)
					tape, pos = m.tape, m.pos
				}
				continue
			}
		}
		pc++
	}
	m.pos = pos
	return nil
}

// moveSlow moves the data pointer by n when the new position is outside the tape: left of
// the first cell it is an error; to the right the tape grows (at least doubling, so that a
// program walking right pays amortized constant time per cell).
func (m *machine) moveSlow(pc, n int) error {
	p := m.pos + n
	if p < 0 {
		return m.errorAt(pc, "data pointer moved left of the first cell", nil)
	}
	if p >= m.maxTape {
		return m.errorAt(pc, fmt.Sprintf("data pointer moved past the tape's last cell (%d cells at most)", m.maxTape), nil)
	}
	size := min(max(2*len(m.tape), p+1), m.maxTape)
	tape := make([]byte, size)
	copy(tape, m.tape)
	m.tape, m.pos = tape, p
	return nil
}

// putByte writes b to the output. It is '.' for both the interpreter and the trace (through
// a residual call), so that the two cannot disagree. A failed write has no effect, and
// bufio.Writer's error is sticky: the interpreter, retrying the '.' after a trace's failed
// call, gets the same error.
func (m *machine) putByte(b byte) error { return m.out.WriteByte(b) }

// getByte reads a byte from the input; at the end of the input it returns old, the cell's
// value, unchanged. It is ',' for both the interpreter and the trace. Input errors are
// sticky, for the same reason as output errors.
func (m *machine) getByte(old byte) (byte, error) {
	if m.inErr != nil {
		return 0, m.inErr
	}
	b, err := m.in.ReadByte()
	switch {
	case errors.Is(err, io.EOF):
		return old, nil
	case err != nil:
		m.inErr = err
		return 0, err
	}
	return b, nil
}

// errorAt returns a RuntimeError at instruction pc.
func (m *machine) errorAt(pc int, msg string, err error) *RuntimeError {
	line, col := m.prog.Position(m.prog.Instrs[pc].Pos)
	return &RuntimeError{Line: line, Col: col, Msg: msg, Err: err}
}

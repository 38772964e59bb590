package interp

import (
	"bufio"
	"io"

	"github.com/metajit/metajit/interp/compile"
	"github.com/metajit/metajit/trace"
)

// Iterator is the Go side of a Python iterator (the value of KindIter). The eval loop has fast
// paths for the common concrete iterators and calls Next for the rest.
type Iterator interface {
	// Next returns the next item, or ok == false once the iterator is exhausted.
	Next(in *Interp) (item Value, ok bool, err *Exception)
	// Type returns the iterator's class (list_iterator, range_iterator, enumerate, zip, ...).
	Type() *Type
}

// Options configure one run of a program.
type Options struct {
	Stdout io.Writer // the program's standard output (buffered by the interpreter)
	Stderr io.Writer // where an uncaught exception's traceback goes
	Args   []string  // sys.argv[1:]
	JIT    JITOptions
}

// Interp is one interpreter instance running one program. It is not safe for concurrent use.
type Interp struct {
	prog    *compile.Program
	globals []Value
	Stdout  *bufio.Writer
	stderr  io.Writer
	argv    []string

	depth int // Python call depth, for RecursionError

	infos       map[*compile.Code]*codeInfo
	builtinOf   []Value // builtinOf[g] is the builtin named like global g, if any
	globalOrder []int   // global slots bound by the program, in order of first binding
	handling    *Exception
	sys         *Module
	lines       []string // the source, split into lines for tracebacks

	jit      *jitState // nil when the JIT is off
	rec      *recorder // the trace being recorded, if any
	tags     []tagInfo
	tagIndex map[tagInfo]uint32
	jitSyms  *trace.Symbols
}

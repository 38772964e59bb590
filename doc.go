// Package metajit is an educational meta-tracing JIT compiler in Go, in the spirit of PyPy's
// RPython and LuaJIT.
//
// A small bytecode interpreter (package interp) runs a subset of Python. It counts loop
// back-edges; when a loop gets hot, the interpreter records one iteration as a linear trace with
// guards (package trace), the trace is optimized (package opt) and compiled to machine code
// (package backend), and when a guard fails execution falls back to the interpreter at exactly
// the right place. The JIT packages know nothing about Python: any interpreter annotated with the
// driver API gets a JIT, as examples/bf shows.
//
// To run a program from Go, use interp.Run; the command metajit (cmd/metajit) is the same as a
// command line tool. docs/ follows one program from source to machine code.
package metajit

// Package opt is metajit's trace optimizer: a chain of passes, each a function from a trace to
// a trace, in one file each, as PyPy's rpython/jit/metainterp/optimizeopt/ (whose passes are
// intbounds, rewrite, virtualize, heap, unroll...) and LuaJIT's lj_opt_*.c.
//
// The passes and their order (Default):
//
//	fold        constant folding, algebraic simplification and CSE of pure ops (fold.go,
//	            driven by a rule table as LuaJIT's lj_opt_fold.c)
//	guards      guards implied by earlier ones are removed; integer bounds turn overflow
//	            checks and bounds checks that cannot fail into plain ops (guards.go, intbounds.go)
//	heap        repeated loads of a field without an intervening store are read once;
//	            stores are delayed and combined where safe (heap.go)
//	virtualize  allocation removal: objects that do not escape are never allocated, and
//	            snapshots describe them instead (virtualize.go)
//	unroll      loop peeling: the first iteration becomes a preamble, and loop-invariant
//	            work leaves the loop body (unroll.go, LuaJIT's lj_opt_loop.c)
//	dce         dead-code elimination, with snapshot uses as roots (dce.go)
//
// A pass never changes what a trace computes: the same inputs give the same guard exits with
// the same snapshot values (the fuzz test checks this on random traces) and the same effects.
//
// This package knows nothing about Python and never imports interp.
package opt

import (
	"fmt"
	"io"
	"strings"

	"github.com/metajit/metajit/trace"
)

// Pass is one optimization pass.
type Pass struct {
	Name string
	Run  func(*trace.Trace) (*trace.Trace, error)
}

// passes is every pass there is, in pipeline order. Passes register themselves here from their
// own files (see register), so the pipeline lists exactly the passes that exist.
var passes []Pass

// order is the pipeline order of the passes, by name.
var order = []string{"fold", "guards", "heap", "virtualize", "unroll", "dce"}

// register adds a pass; called from init functions of the pass files.
func register(p Pass) {
	passes = append(passes, p)
}

// Passes returns the available passes in pipeline order.
func Passes() []Pass {
	var out []Pass
	for _, name := range order {
		for _, p := range passes {
			if p.Name == name {
				out = append(out, p)
			}
		}
	}
	return out
}

// Pipeline runs a chain of passes.
type Pipeline struct {
	// Disabled names passes to skip.
	Disabled map[string]bool
	// Log, when set, receives the trace after each pass, with the pass's name.
	Log io.Writer
	// Validate checks the trace after each pass (the tests turn it on).
	Validate bool
}

// Default is the pipeline with every pass on.
func Default() *Pipeline { return &Pipeline{} }

// ParseDisabled returns a pipeline with the comma-separated passes switched off.
func ParseDisabled(names string) (*Pipeline, error) {
	p := &Pipeline{Disabled: map[string]bool{}}
	for _, n := range strings.Split(names, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		found := false
		for _, pass := range Passes() {
			found = found || pass.Name == n
		}
		if !found {
			return nil, fmt.Errorf("opt: no pass named %q", n)
		}
		p.Disabled[n] = true
	}
	return p, nil
}

// Optimize runs the enabled passes over t in order and returns the result.
func (p *Pipeline) Optimize(t *trace.Trace) (*trace.Trace, error) {
	for _, pass := range Passes() {
		if p.Disabled[pass.Name] {
			continue
		}
		out, err := pass.Run(t)
		if err != nil {
			return nil, fmt.Errorf("opt: pass %s: %w", pass.Name, err)
		}
		if p.Validate {
			if err := trace.Validate(out); err != nil {
				return nil, fmt.Errorf("opt: pass %s made an invalid trace: %w\n%s", pass.Name, err, out)
			}
		}
		if p.Log != nil {
			fmt.Fprintf(p.Log, "# after %s\n%s\n", pass.Name, out)
		}
		t = out
	}
	return t, nil
}

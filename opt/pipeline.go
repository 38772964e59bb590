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
//	exits       a guard's snapshot names the constants its failing implies (the false
//	            comparison the interpreter pushed before branching), exits.go
//	dce         dead-code elimination, with snapshot uses as roots (dce.go)
//
// A pass never changes what a trace computes: the same inputs give the same guard exits with
// the same snapshot values (the fuzz test checks this on random traces) and the same effects.
//
// # Before and after
//
// The loop of examples/sum_list/sum_list.py, "for x in xs: total += x", as the interpreter
// records it (metajit -log=jit-log-noopt -threshold=2; debug_merge_points left out): every
// iteration reloads the iterator, the list, its length and data, and checks their kinds again.
//
//	[p0]
//	label(p0)
//	i3 = getfield_i(p0, descr=<slot3.kind>)
//	guard_value(i3, 11) [f1@4]
//	p5 = getfield_r(p0, descr=<slot3.type>)
//	guard_value(p5, ConstPtr(0x7094e0)) [f1@4]
//	p7 = getfield_r(p0, descr=<slot3.data>)
//	p8 = getfield_r(p7, descr=<ListIter.List>)
//	i9 = getfield_i(p7, descr=<ListIter.Index>)
//	i10 = getfield_i(p8, descr=<List.Strategy>)
//	guard_value(i10, 1) [f1@4]
//	i12 = getfield_i(p8, descr=<List.Ints.len>)
//	p13 = getfield_r(p8, descr=<List.Ints.ptr>)
//	i14 = int_lt(i9, i12)
//	guard_true(i14) [f1@4]
//	i16 = getarrayitem_i(p13, i9, descr=<int64_array>)
//	i17 = int_add(i9, 1)
//	setfield(p7, i17, descr=<ListIter.Index>)
//	i21 = getfield_i(p0, descr=<slot1.kind>)
//	guard_value(i21, 3) [f1@6: 2=i16:int]
//	i23 = getfield_i(p0, descr=<slot1.bits>)
//	i26 = int_add_ovf(i23, i16)
//	guard_no_overflow() [f1@8: 2=i16:int 4=i23:int 5=i16:int]
//	i30 = getfield_i(p0, descr=<slot1.kind>)
//	guard_value(i30, 3) [f1@10: 1=i26:int 2=i16:int]
//	setfield(p0, i26, descr=<slot1.bits>)
//	jump(p0)
//
// After the pipeline (-log=jit-log-opt), heap has removed the second check of total's kind,
// and unroll has peeled one iteration into a preamble (not shown: one iteration as above, less
// that check) that does the invariant loads and guards once. The loop body that repeats carries
// the index and the total in its label and does one load, two stores and two guards per element:
//
//	label(i16, i25)
//	i32 = int_lt(i16, i11)
//	guard_true(i32) [f1@4]
//	i34 = getarrayitem_i(p12, i16, descr=<int64_array>)
//	i35 = int_add(i16, 1)
//	setfield(p6, i35, descr=<ListIter.Index>)
//	i41 = int_add_ovf(i25, i34)
//	guard_no_overflow() [f1@8: 2=i34:int 4=i25:int 5=i34:int]
//	setfield(p0, i41, descr=<slot1.bits>)
//	jump(i35, i41)
//
// fold, guards, virtualize and dce find nothing to do in this loop. docs/how-it-works.md
// follows it pass by pass (with -disable-passes), shows the other passes at work on
// examples/distance, and goes on to the machine code.
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
var order = []string{"fold", "guards", "heap", "virtualize", "unroll", "exits", "dce"}

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

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
// iteration loads the running total (a local the loop carries) and the iterator, the list,
// its length and data, and checks their kinds again.
//
//	[p0]
//	label(p0)
//	i2 = getfield_i(p0, descr=<slot1.kind>)
//	guard_value(i2, 3) [f1@4]
//	i4 = getfield_i(p0, descr=<slot1.bits>)
//	i6 = getfield_i(p0, descr=<slot3.kind>)
//	guard_value(i6, 11) [f1@4: 1==i4:int]
//	p8 = getfield_r(p0, descr=<slot3.type>)
//	guard_value(p8, ConstPtr(0x728960)) [f1@4: 1==i4:int]
//	p10 = getfield_r(p0, descr=<slot3.data>)
//	p11 = getfield_r(p10, descr=<ListIter.List>)
//	i12 = getfield_i(p10, descr=<ListIter.Index>)
//	i13 = getfield_i(p11, descr=<List.Strategy>)
//	guard_value(i13, 1) [f1@4: 1==i4:int 3==p10:iter4]
//	i15 = getfield_i(p11, descr=<List.Ints.len>)
//	p16 = getfield_r(p11, descr=<List.Ints.ptr>)
//	i17 = int_lt(i12, i15)
//	guard_true(i17) [f1@4: 1==i4:int 3==p10:iter4]
//	i19 = getarrayitem_i(p16, i12, descr=<int64_array>)
//	i20 = int_add(i12, 1)
//	setfield(p10, i20, descr=<ListIter.Index>)
//	i26 = int_add_ovf(i4, i19)
//	guard_no_overflow() [f1@8: 1==i4:int 2=i19:int 3==p10:iter4 4=i4:int 5=i19:int]
//	setfield(p0, i26, descr=<slot1.bits>)
//	jump(p0)
//
// After the pipeline (-log=jit-log-opt), unroll has peeled one iteration into a preamble (not
// shown: the iteration above) that does the invariant loads and guards once. The loop body
// that repeats carries the total and the index in its label and does one load, two stores and
// two guards per element:
//
//	label(i25, i19)
//	i32 = int_lt(i19, i14)
//	guard_true(i32) [f1@4: 1==i25:int 3==p9:iter4]
//	i34 = getarrayitem_i(p15, i19, descr=<int64_array>)
//	i35 = int_add(i19, 1)
//	setfield(p9, i35, descr=<ListIter.Index>)
//	i41 = int_add_ovf(i25, i34)
//	guard_no_overflow() [f1@8: 1==i25:int 2=i34:int 3==p9:iter4 4=i25:int 5=i34:int]
//	setfield(p0, i41, descr=<slot1.bits>)
//	jump(i41, i35)
//
// fold, guards, heap, virtualize, exits and dce find nothing to remove in this loop (heap's
// work shows in bridges, exits' in branchy loops). docs/how-it-works.md follows it pass by pass (with -disable-passes), shows the other passes at work on
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

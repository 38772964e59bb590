package tracetest

import (
	"math/rand/v2"
	"testing"

	"github.com/metajit/metajit/trace"
)

// allOptions returns every combination of the boolean options.
func allOptions() []Options {
	var out []Options
	for m := 0; m < 1<<6; m++ {
		out = append(out, Options{Floats: m&1 != 0, Ptrs: m&2 != 0, Guards: m&4 != 0, Calls: m&8 != 0, Loop: m&16 != 0,
			Ops: 10 + 40*(m>>5)})
	}
	return out
}

// Random traces are valid, and survive printing and parsing.
func TestRandomTracesAreValid(t *testing.T) {
	sym := &trace.Symbols{Descrs: Descrs, Tags: Tags}
	seen := map[trace.Opcode]bool{}
	for seed := uint64(0); seed < 16; seed++ {
		for _, o := range allOptions() {
			rng := rand.New(rand.NewPCG(seed, 1))
			tr := RandomTrace(rng, o)
			if err := trace.Validate(tr); err != nil {
				t.Fatalf("seed %d %+v: %v\n%s", seed, o, err, tr.Format(sym))
			}
			back, err := trace.ParseWith(tr.Format(sym), sym)
			if err != nil {
				t.Fatalf("seed %d %+v: %v\n%s", seed, o, err, tr.Format(sym))
			}
			if d := trace.Diff(tr, back); d != "" {
				t.Fatalf("seed %d %+v: %s", seed, o, d)
			}
			for _, op := range tr.Ops {
				seen[op.Opcode] = true
			}
			ints, ptrs := RandomInputs(rng, tr)
			if len(ints) != len(tr.Inputs()) || len(ptrs) != len(tr.Inputs()) {
				t.Fatal("RandomInputs: wrong number of inputs")
			}
		}
	}
	// The generator reaches every op it is meant to.
	for o := trace.Opcode(1); o < trace.Opcode(trace.NumOpcodes); o++ {
		switch {
		case o.Info().Flags&(trace.FlagLoad) != 0, o == trace.OpSetfield, o == trace.OpSetarrayitem,
			o == trace.OpNew, o == trace.OpDebugMergePoint, o == trace.OpRecordKnownField:
			continue // memory and allocation: random pointers cannot be dereferenced
		}
		if !seen[o] {
			t.Errorf("random traces never use %s", o)
		}
	}
}

// The same seed gives the same trace.
func TestRandomTraceIsDeterministic(t *testing.T) {
	o := Options{Floats: true, Ptrs: true, Guards: true, Calls: true, Loop: true}
	a := RandomTrace(rand.New(rand.NewPCG(7, 7)), o)
	b := RandomTrace(rand.New(rand.NewPCG(7, 7)), o)
	if d := trace.Diff(a, b); d != "" {
		t.Fatal(d)
	}
}

package backendtest

import (
	"math/rand/v2"
	"testing"

	"github.com/metajit/metajit/trace/tracetest"
)

// Random traces, as PyPy's backend/test/test_random.py: traces from trace/tracetest (ints,
// floats, pointers, guards, overflow checks, residual calls, loops) run on irexec and on the
// CPU must leave at the same op with the same values. Each backend's FuzzNative fuzzes
// RunRandom; the suite runs it over fixed seeds (RandomTraces).

// RunRandom compiles and compares one random trace, run three times with different inputs.
func (a *Arch) RunRandom(t *testing.T, seed uint64, flags, size uint8) {
	rng := rand.New(rand.NewPCG(seed, uint64(flags)))
	o := tracetest.Options{
		Floats: flags&1 != 0, Ptrs: flags&2 != 0, Guards: flags&4 != 0, Calls: flags&8 != 0, Loop: flags&16 != 0,
		Ops: 1 + int(size)%200,
	}
	tr := tracetest.RandomTrace(rng, o)
	l := a.Compile(t, tr)
	for k := 0; k < 3; k++ {
		ints, ptrs := tracetest.RandomInputs(rng, tr)
		a.Same(t, tr, l, ints, ptrs)
	}
}

// testRandomTraces is the fuzz target's body over a fixed range of seeds, every flag
// combination and sizes up to 200 ops (long traces run out of registers and spill).
func (a *Arch) testRandomTraces(t *testing.T) {
	n := uint64(2000)
	if testing.Short() {
		n = 300
	}
	for seed := uint64(0); seed < n; seed++ {
		a.RunRandom(t, seed, uint8(seed%32), uint8(seed*13/32))
	}
}

package irexec

import (
	"math/rand/v2"
	"testing"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/trace"
	"github.com/metajit/metajit/trace/tracetest"
)

// runRandom compiles and runs one random trace twice, checking that it compiles, does not
// panic, leaves at a legitimate op, and leaves the same way both times.
func runRandom(t *testing.T, seed uint64, flags, size uint8) {
	rng := rand.New(rand.NewPCG(seed, uint64(flags)))
	o := tracetest.Options{
		Floats: flags&1 != 0, Ptrs: flags&2 != 0, Guards: flags&4 != 0, Calls: flags&8 != 0, Loop: flags&16 != 0,
		Ops: 1 + int(size)%120,
	}
	tr := tracetest.RandomTrace(rng, o)
	loop, err := New().Compile(tr)
	if err != nil {
		t.Fatalf("seed %d flags %d: %v\n%s", seed, flags, err, tr)
	}
	ints, ptrs := tracetest.RandomInputs(rng, tr)
	var first, second backend.Exit
	loop.Run(ints, ptrs, &first)
	loop.Run(ints, ptrs, &second)
	if d := backend.DiffExits(&first, &second); d != "" {
		t.Fatalf("two runs differ: %s\n%s", d, tr)
	}
	op := &tr.Ops[first.Op]
	switch {
	case op.Opcode == trace.OpFinish:
		if first.Snap != -1 || !first.IsFinish() {
			t.Fatalf("finish with snapshot %d", first.Snap)
		}
	case op.HasSnapshot():
		if first.Snap != op.Snap || first.Snapshot() == nil {
			t.Fatalf("exit at op %d with snapshot %d, the op's is %d", first.Op, first.Snap, op.Snap)
		}
	default:
		t.Fatalf("exit at op %d, which cannot leave the trace: %s", first.Op, tr.FormatOp(first.Op, nil))
	}
	// Every live value can be read with the accessor of its type.
	first.Live(func(r trace.Ref) {
		switch tr.TypeOf(r) {
		case trace.Int:
			first.Int(r)
		case trace.Float:
			first.Float(r)
		case trace.Ptr:
			first.Ptr(r)
		default:
			t.Fatalf("live value %s has no type", tr.FormatRef(r))
		}
	})
}

// FuzzIRExec runs random well-typed traces (trace/tracetest): none may fail to compile, panic,
// hang or behave differently on the same inputs. Run it with
// go test -run '^$' -fuzz FuzzIRExec ./backend/irexec/
func FuzzIRExec(f *testing.F) {
	for seed := uint64(0); seed < 32; seed++ {
		f.Add(seed, uint8(seed), uint8(seed*7))
	}
	f.Fuzz(func(t *testing.T, seed uint64, flags, size uint8) {
		runRandom(t, seed, flags, size)
	})
}

// TestRandomTraces is the fuzz test's body over a fixed range of seeds, for every go test run.
func TestRandomTraces(t *testing.T) {
	n := uint64(3000)
	if testing.Short() {
		n = 300
	}
	for seed := uint64(0); seed < n; seed++ {
		runRandom(t, seed, uint8(seed%32), uint8(seed/32))
	}
}

//go:build amd64 && unix

package amd64

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/trace"
)

// Random traces with loads and stores (trace/tracetest makes none, since random pointers
// cannot be dereferenced): fields of every width and signedness of one Go object, arrays of
// ints, floats and small ints indexed in range (the index masked with int_and), and an array
// of structs, mixed with arithmetic and guards, straight or in a loop. irexec and amd64 each
// run on their own copy of the object; the exits and the objects afterwards must be equal.

type memObj struct {
	I8   int8
	U8   uint8
	I16  int16
	U16  uint16
	I32  int32
	U32  uint32
	I64  int64
	F    float64
	Ints [8]int64
	Flts [8]float64
	Smls [8]int16
	Recs *[4]memRec
}

type memRec struct {
	Tag uint8
	Val int64
	F   float64
}

var (
	memFields = func() []*trace.FieldDescr {
		var out []*trace.FieldDescr
		rt := reflect.TypeOf(memObj{})
		for k := 0; k < 8; k++ {
			f := rt.Field(k)
			typ := trace.Int
			if f.Type.Kind() == reflect.Float64 {
				typ = trace.Float
			}
			signed := f.Type.Kind() >= reflect.Int && f.Type.Kind() <= reflect.Int64
			out = append(out, &trace.FieldDescr{Name: "mem." + f.Name, Offset: f.Offset, Size: uint8(f.Type.Size()), Type: typ, Signed: signed})
		}
		return out
	}()
	memArrays = []*trace.ArrayDescr{
		{Name: "mem.Ints", ItemSize: 8, BaseOffset: unsafe.Offsetof(memObj{}.Ints), Type: trace.Int, Signed: true},
		{Name: "mem.Flts", ItemSize: 8, BaseOffset: unsafe.Offsetof(memObj{}.Flts), Type: trace.Float},
		{Name: "mem.Smls", ItemSize: 2, BaseOffset: unsafe.Offsetof(memObj{}.Smls), Type: trace.Int, Signed: true},
		{Name: "rec.Tag", ItemSize: unsafe.Sizeof(memRec{}), BaseOffset: unsafe.Offsetof(memRec{}.Tag), Size: 1, Type: trace.Int},
		{Name: "rec.Val", ItemSize: unsafe.Sizeof(memRec{}), BaseOffset: unsafe.Offsetof(memRec{}.Val), Size: 8, Type: trace.Int, Signed: true},
		{Name: "rec.F", ItemSize: unsafe.Sizeof(memRec{}), BaseOffset: unsafe.Offsetof(memRec{}.F), Size: 8, Type: trace.Float},
	}
	memLens = []int64{8, 8, 8, 4, 4, 4}
	// memRecs is the pointer to the records, from which the rec.* arrays are read.
	memRecs = &trace.FieldDescr{Name: "mem.Recs", Offset: unsafe.Offsetof(memObj{}.Recs), Size: 8, Type: trace.Ptr}
)

// memTrace makes a random trace over a memObj (input p0), ints and floats.
func memTrace(rng *rand.Rand, nOps int, loop bool) *trace.Trace {
	t := trace.NewTrace("memrandom")
	p := t.Input(trace.Ptr)
	ints := []trace.Ref{t.Input(trace.Int), t.Input(trace.Int)}
	floats := []trace.Ref{t.Input(trace.Float)}
	counter := t.Input(trace.Int)
	recs := t.EmitDescr(trace.OpGetfieldR, trace.Ptr, memRecs, p) // a loop invariant in loops
	snap := func() int32 {
		var slots []trace.SnapSlot
		for k, r := range []trace.Ref{ints[len(ints)-1], floats[len(floats)-1], ints[rng.IntN(len(ints))]} {
			slots = append(slots, trace.SnapSlot{Index: int32(k), Ref: r})
		}
		return t.AddSnapshot(trace.Snapshot{Frames: []trace.SnapFrame{{PC: int32(len(t.Ops)), Slots: slots}}})
	}
	pickI := func() trace.Ref {
		if rng.IntN(6) == 0 {
			return t.ConstInt([]int64{0, 1, -1, 300, math.MaxInt64, math.MinInt64, 1 << 33}[rng.IntN(7)])
		}
		return ints[len(ints)-1-rng.IntN(min(len(ints), 4))]
	}
	pickF := func() trace.Ref {
		if rng.IntN(6) == 0 {
			return t.ConstFloat([]float64{0, -0.0, 1.5, math.Inf(1), math.NaN()}[rng.IntN(5)])
		}
		return floats[len(floats)-1-rng.IntN(min(len(floats), 3))]
	}
	var carried []trace.Ref
	if loop {
		c := t.Emit(trace.OpIntAnd, trace.Int, counter, t.ConstInt(15))
		carried = []trace.Ref{c, ints[0], ints[1], floats[0]}
		t.Emit(trace.OpLabel, trace.Void, carried...)
		more := t.Emit(trace.OpIntGt, trace.Int, c, t.ConstInt(0))
		t.EmitGuard(trace.OpGuardTrue, snap(), more)
	}
	for start := len(t.Ops); len(t.Ops)-start < nOps; {
		switch rng.IntN(9) {
		case 0, 1: // load a field
			d := memFields[rng.IntN(len(memFields))]
			r := t.EmitDescr(map[trace.Type]trace.Opcode{trace.Int: trace.OpGetfieldI, trace.Float: trace.OpGetfieldF}[d.Type], d.Type, d, p)
			if d.Type == trace.Int {
				ints = append(ints, r)
			} else {
				floats = append(floats, r)
			}
		case 2: // store a field
			d := memFields[rng.IntN(len(memFields))]
			v := pickI()
			if d.Type == trace.Float {
				v = pickF()
			}
			t.EmitDescr(trace.OpSetfield, trace.Void, d, p, v)
		case 3, 4: // load an item, the index in range
			k := rng.IntN(len(memArrays))
			d := memArrays[k]
			var idx trace.Ref
			if rng.IntN(3) == 0 {
				idx = t.ConstInt(rng.Int64N(memLens[k]))
			} else {
				idx = t.Emit(trace.OpIntAnd, trace.Int, pickI(), t.ConstInt(memLens[k]-1))
			}
			op := trace.OpGetarrayitemI
			if d.Type == trace.Float {
				op = trace.OpGetarrayitemF
			}
			base := p
			if k >= 3 {
				base = recs
			}
			r := t.EmitDescr(op, d.Type, d, base, idx)
			if d.Type == trace.Int {
				ints = append(ints, r)
			} else {
				floats = append(floats, r)
			}
		case 5: // store an item
			k := rng.IntN(len(memArrays))
			d := memArrays[k]
			idx := t.Emit(trace.OpIntAnd, trace.Int, pickI(), t.ConstInt(memLens[k]-1))
			v := pickI()
			if d.Type == trace.Float {
				v = pickF()
			}
			base := p
			if k >= 3 {
				base = recs
			}
			t.EmitDescr(trace.OpSetarrayitem, trace.Void, d, base, idx, v)
		case 6: // int arithmetic
			ops := []trace.Opcode{trace.OpIntAdd, trace.OpIntSub, trace.OpIntMul, trace.OpIntXor, trace.OpIntLshift, trace.OpIntRshift}
			ints = append(ints, t.Emit(ops[rng.IntN(len(ops))], trace.Int, pickI(), pickI()))
		case 7: // float arithmetic
			ops := []trace.Opcode{trace.OpFloatAdd, trace.OpFloatMul, trace.OpFloatSub}
			floats = append(floats, t.Emit(ops[rng.IntN(len(ops))], trace.Float, pickF(), pickF()))
		case 8: // a guard that sometimes fails
			c := t.Emit(trace.OpIntLt, trace.Int, pickI(), pickI())
			g := trace.OpGuardTrue
			if rng.IntN(2) == 0 {
				g = trace.OpGuardFalse
			}
			t.EmitGuard(g, snap(), c)
		}
	}
	if loop {
		next := t.Emit(trace.OpIntSub, trace.Int, carried[0], t.ConstInt(1))
		t.Emit(trace.OpJump, trace.Void, next, ints[len(ints)-1], ints[len(ints)-2], floats[len(floats)-1])
	} else {
		t.Emit(trace.OpFinish, trace.Void, ints[len(ints)-1], floats[len(floats)-1], ints[rng.IntN(len(ints))])
	}
	return t
}

func newMemObj(rng *rand.Rand) *memObj {
	o := &memObj{I8: -3, U8: 200, I16: -300, U16: 60000, I32: -70000, U32: 4e9, I64: rng.Int64(), F: rng.NormFloat64()}
	for k := range o.Ints {
		o.Ints[k], o.Flts[k], o.Smls[k] = rng.Int64N(2000)-1000, rng.NormFloat64(), int16(rng.IntN(65536)-32768)
	}
	o.Recs = new([4]memRec)
	for k := range o.Recs {
		o.Recs[k] = memRec{Tag: uint8(rng.IntN(256)), Val: rng.Int64(), F: rng.Float64()}
	}
	return o
}

func runMemRandom(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 99))
	tr := memTrace(rng, 5+rng.IntN(120), seed%2 == 1)
	if err := trace.Validate(tr); err != nil {
		t.Fatalf("seed %d: %v\n%s", seed, err, tr)
	}
	l := compile(t, tr)
	ref, _ := irexec.New().Compile(tr)
	for k := 0; k < 2; k++ {
		objSeed := rng.Uint64()
		a, b := newMemObj(rand.New(rand.NewPCG(objSeed, 1))), newMemObj(rand.New(rand.NewPCG(objSeed, 1)))
		ints := []uint64{0, uint64(rng.Int64N(100) - 50), rng.Uint64(), math.Float64bits(rng.NormFloat64()), uint64(rng.IntN(20))}
		var want, got backend.Exit
		ref.Run(ints, []unsafe.Pointer{unsafe.Pointer(a)}, &want)
		l.Run(ints, []unsafe.Pointer{unsafe.Pointer(b)}, &got)
		if d := backend.DiffExits(&want, &got); d != "" {
			t.Fatalf("seed %d: %s\n%s\n%s", seed, d, tr, Disassemble(l))
		}
		if !sameMem(a, b) {
			t.Fatalf("seed %d: memory differs:\nirexec %+v %+v\namd64  %+v %+v\n%s\n%s", seed, a, *a.Recs, b, *b.Recs, tr, Disassemble(l))
		}
	}
}

// sameMem compares two objects and their records (as printed: every NaN prints the same, and
// the payload of a computed NaN is not defined).
func sameMem(a, b *memObj) bool {
	ca, cb := *a, *b
	ca.Recs, cb.Recs = nil, nil
	return fmt.Sprintf("%v %v", ca, *a.Recs) == fmt.Sprintf("%v %v", cb, *b.Recs)
}

// TestRandomMemoryTraces compares amd64 and irexec on random traces with loads and stores.
func TestRandomMemoryTraces(t *testing.T) {
	n := uint64(1500)
	if testing.Short() {
		n = 200
	}
	for seed := uint64(0); seed < n; seed++ {
		runMemRandom(t, seed)
	}
}

// FuzzNativeMemory is TestRandomMemoryTraces as a fuzz target.
func FuzzNativeMemory(f *testing.F) {
	for seed := uint64(0); seed < 16; seed++ {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) { runMemRandom(t, seed) })
}

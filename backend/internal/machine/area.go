package machine

import (
	"fmt"

	"github.com/metajit/metajit/trace"
)

// The run's area: the memory that one register of the native backend points to while
// compiled code runs (R15 on amd64, R26 on arm64). The backend keeps it on the goroutine
// stack, in its Run's frame (one size class per trace size), so that:
//   - it costs no allocation, and each run (nested runs included) has its own;
//   - the compiled code's stores of pointers into it are stores to the goroutine's own
//     stack, which Go's garbage collector scans only while the goroutine is stopped, that is
//     never while compiled code runs (Go cannot preempt it): no write barrier is needed, as
//     for the stack writes of Go code itself. Pointers go to the ptrs array, typed
//     unsafe.Pointer, so the collector sees them at every exit.
//
// Layout (offsets from the area register):
//
//	0         budget: back-edges left before the loop yields to Go
//	8         swap: the parallel move's spare word
//	16        vals[N]: homes of int and float values (floats as their bits)
//	16+8N     ptrs[N]: homes of pointer values
const (
	OffBudget = 0
	OffSwap   = 8
	OffVals   = 16
)

// AreaSizes are the size classes N of the area: the homes of a trace's values must fit one.
var AreaSizes = []int{16, 64, 256, 1024, 4096, 16384}

// OffPtrs returns the offset of the ptrs array in an area of size class n.
func OffPtrs(n int) int32 { return int32(OffVals + 8*n) }

// YieldWork is about how many ops a loop runs between two yields to Go: the back-edge
// budget is YieldWork divided by the length of the loop body. At well under a nanosecond an
// op, a loop yields every fraction of a millisecond; Go asks for no more than every 10 ms.
const YieldWork = 1 << 16

// Layout is what Analyze finds out about a trace before its code is generated.
type Layout struct {
	Vals     []Value // every op's value: class, home, uses
	NV, NP   int32   // the area's int/float and pointer slots used (by the tree so far)
	AreaSize int     // the area's size class
	// For a loop (a trace that ends with jump): where its head is (the label, or the first
	// op after the inputs), where its body starts and its jump is, the head's arguments,
	// and the back-edge budget.
	Loop                        bool
	HeadPos, BodyStart, JumpPos int
	HeadArgs                    []trace.Ref
	Budget                      int64
}

// BridgeArea is the area of the tree a bridge joins: the slots its pieces use so far, the
// slots where the bridge's inputs are (the homes the guard's stub stored them in), and the
// area's size class.
type BridgeArea struct {
	NV, NP     int32
	InputSlots []int32
	AreaSize   int
}

// Analyze computes what the allocator needs to know about each value of t (homes, uses, last
// uses), the loop structure and the area's size class. A bridge (br not nil) shares its
// tree's area: its inputs are in the homes where the guard's stub stored them, and its own
// values get the slots after those of the pieces before it. maxOps bounds the trace's
// length (the ops an exit code can name); arch names the backend in errors.
func Analyze(arch string, t *trace.Trace, br *BridgeArea, maxOps int) (*Layout, error) {
	n := len(t.Ops)
	if n >= maxOps {
		return nil, fmt.Errorf("%s: trace of %d ops: at most %d", arch, n, maxOps-1)
	}
	vals := make([]Value, n)
	var nv, np int32
	if br != nil {
		nv, np = br.NV, br.NP
	}
	nIn := len(t.Inputs())
	for i := range t.Ops {
		op := &t.Ops[i]
		v := &vals[i]
		v.Typ, v.Class, v.Reg, v.Home, v.Last = op.Type, ClassOf(op.Type), NoReg, -1, int32(i)
		switch {
		case br != nil && i < nIn:
			v.Slot = br.InputSlots[i]
		case op.Type == trace.Ptr:
			v.Slot = np
			np++
		case op.Type == trace.Int || op.Type == trace.Float:
			v.Slot = nv
			nv++
		}
	}
	size := 0
	if br != nil {
		size = br.AreaSize
		if int(max(nv, np)) > size {
			return nil, fmt.Errorf("%s: the bridge needs %d slots, its loop's area has %d", arch, max(nv, np), size)
		}
	} else {
		// Room for bridges: the area is at least twice as large as the loop needs.
		for _, s := range AreaSizes {
			if int(max(nv, np)) <= s && (2*int(max(nv, np)) <= s || s == AreaSizes[len(AreaSizes)-1]) {
				size = s
				break
			}
		}
	}
	if size == 0 {
		return nil, fmt.Errorf("%s: trace with %d int/float and %d pointer values: at most %d of each", arch, nv, np, AreaSizes[len(AreaSizes)-1])
	}
	for i := range vals {
		switch v := &vals[i]; v.Typ {
		case trace.Ptr:
			v.Home = OffPtrs(size) + 8*v.Slot
		case trace.Int, trace.Float:
			v.Home = OffVals + 8*v.Slot
		}
	}
	use := func(r trace.Ref, at int) {
		if r >= 0 {
			vals[r].Uses = append(vals[r].Uses, int32(at))
			vals[r].Last = int32(at)
		}
	}
	for i := range t.Ops {
		op := &t.Ops[i]
		if op.Opcode != trace.OpLabel {
			for _, a := range op.Args {
				use(a, i)
			}
		}
		if op.HasSnapshot() {
			t.Snaps[op.Snap].Refs(func(r trace.Ref) { use(r, i) })
		}
	}
	for k := 0; k < nIn; k++ {
		vals[k].InMem = true // Run stores the inputs in their homes
	}
	lay := &Layout{Vals: vals, NV: nv, NP: np, AreaSize: size}
	if t.Ops[n-1].Opcode == trace.OpJump {
		lay.Loop, lay.JumpPos = true, n-1
		if lab := t.Label(); lab >= 0 {
			lay.HeadPos, lay.BodyStart, lay.HeadArgs = lab, lab+1, t.Ops[lab].Args
		} else {
			lay.HeadPos, lay.BodyStart = nIn, nIn
			for k := 0; k < nIn; k++ {
				lay.HeadArgs = append(lay.HeadArgs, trace.Ref(k))
			}
		}
		// Values from before the loop that the loop uses (other than the label's
		// arguments) are needed again in every iteration: live until the jump.
		isArg := map[trace.Ref]bool{}
		for _, a := range lay.HeadArgs {
			isArg[a] = true
		}
		for v := 0; v < lay.HeadPos; v++ {
			if !isArg[trace.Ref(v)] && vals[v].Last >= int32(lay.BodyStart) && vals[v].Last < int32(lay.JumpPos) {
				use(trace.Ref(v), lay.JumpPos)
			}
		}
		lay.Budget = max(1, YieldWork/int64(lay.JumpPos-lay.BodyStart+1))
	}
	return lay, nil
}

package interp

import (
	"fmt"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// Tuples built in a trace. The JIT allocates a small tuple as one object holding the Tuple
// header and its items, so that each item is a field at a fixed offset: `new(Tuple2)` followed
// by setfields of the items' kinds and payloads. That is what lets the optimizer's virtualize
// pass remove the allocation when the tuple never escapes (PyPy's virtuals): the snapshots then
// describe the tuple field by field, and materialize (below) builds it only if a guard fails.
// Only tuples of scalars (ints, floats, bools, None) are built this way: their fields hold no
// Go pointers, which compiled code never stores.

const maxTraceTuple = 4

type tuple1 struct {
	t     Tuple
	items [1]Value
}
type tuple2 struct {
	t     Tuple
	items [2]Value
}
type tuple3 struct {
	t     Tuple
	items [3]Value
}
type tuple4 struct {
	t     Tuple
	items [4]Value
}

// tupleItemsOffset is where the items of a tupleN start (the same for every N).
var tupleItemsOffset = unsafe.Offsetof(tuple2{}.items)

// newTraceTuple allocates a tuple of n zero items whose Items live in the same object.
func newTraceTuple(n int) unsafe.Pointer {
	switch n {
	case 1:
		x := &tuple1{}
		x.t.Items = x.items[:]
		return unsafe.Pointer(x)
	case 2:
		x := &tuple2{}
		x.t.Items = x.items[:]
		return unsafe.Pointer(x)
	case 3:
		x := &tuple3{}
		x.t.Items = x.items[:]
		return unsafe.Pointer(x)
	case 4:
		x := &tuple4{}
		x.t.Items = x.items[:]
		return unsafe.Pointer(x)
	}
	panic("interp: no trace tuple layout of that size")
}

// tupleAlloc returns the allocation descriptor of trace tuples of n items.
func (in *Interp) tupleAlloc(n int) *trace.AllocDescr {
	d := &in.jit.descrs
	if d.allocs == nil {
		d.allocs = map[int]*trace.AllocDescr{}
	}
	if a, ok := d.allocs[n]; ok {
		return a
	}
	a := &trace.AllocDescr{
		Name: fmt.Sprintf("Tuple%d", n),
		Size: unsafe.Sizeof(Tuple{}) + uintptr(n)*valueSize,
		New:  func() unsafe.Pointer { return newTraceTuple(n) },
	}
	d.allocs[n] = a
	return a
}

// tupleItemField returns the descriptor of one part ("kind", "bits", "fbits") of item i of a
// trace tuple of n items.
func (in *Interp) tupleItemField(n, i int, part string) *trace.FieldDescr {
	return in.jit.descrs.valueField(fmt.Sprintf("Tuple%d.item%d", n, i), tupleItemsOffset+uintptr(i)*valueSize, part)
}

// tupleTypeWord is the Go type word of a *Tuple in a Value's ref.
var tupleTypeWord = typeWord(&Tuple{})

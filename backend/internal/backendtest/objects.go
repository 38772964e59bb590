package backendtest

import (
	"sync/atomic"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// object is a Go struct the traces read and write through descriptors, as an interpreter's
// objects are (the same as irexec's tests use).
type object struct {
	N      int64
	B      int8
	U      uint16
	W      int32
	F      float64
	Next   *object
	Items  []int64
	Floats []float64
	Objs   []*object
}

var (
	word       = unsafe.Sizeof(uintptr(0))
	objN       = &trace.FieldDescr{Name: "object.N", Offset: unsafe.Offsetof(object{}.N), Size: 8, Type: trace.Int, Signed: true}
	objB       = &trace.FieldDescr{Name: "object.B", Offset: unsafe.Offsetof(object{}.B), Size: 1, Type: trace.Int, Signed: true}
	objU       = &trace.FieldDescr{Name: "object.U", Offset: unsafe.Offsetof(object{}.U), Size: 2, Type: trace.Int}
	objW       = &trace.FieldDescr{Name: "object.W", Offset: unsafe.Offsetof(object{}.W), Size: 4, Type: trace.Int, Signed: true}
	objWu      = &trace.FieldDescr{Name: "object.Wu", Offset: unsafe.Offsetof(object{}.W), Size: 4, Type: trace.Int}
	objF       = &trace.FieldDescr{Name: "object.F", Offset: unsafe.Offsetof(object{}.F), Size: 8, Type: trace.Float}
	objNext    = &trace.FieldDescr{Name: "object.Next", Offset: unsafe.Offsetof(object{}.Next), Size: 8, Type: trace.Ptr}
	itemsPtr   = &trace.FieldDescr{Name: "object.Items.ptr", Offset: unsafe.Offsetof(object{}.Items), Size: 8, Type: trace.Ptr}
	itemsLen   = &trace.FieldDescr{Name: "object.Items.len", Offset: unsafe.Offsetof(object{}.Items) + word, Size: 8, Type: trace.Int, Signed: true}
	floatsPtr  = &trace.FieldDescr{Name: "object.Floats.ptr", Offset: unsafe.Offsetof(object{}.Floats), Size: 8, Type: trace.Ptr}
	objsPtr    = &trace.FieldDescr{Name: "object.Objs.ptr", Offset: unsafe.Offsetof(object{}.Objs), Size: 8, Type: trace.Ptr}
	int64Array = &trace.ArrayDescr{Name: "Int64Array", ItemSize: 8, Type: trace.Int, Signed: true}
	floatArray = &trace.ArrayDescr{Name: "Float64Array", ItemSize: 8, Type: trace.Float}
	ptrArray   = &trace.ArrayDescr{Name: "PtrArray", ItemSize: 8, Type: trace.Ptr}
	bytesArray = &trace.ArrayDescr{Name: "Int8Array", ItemSize: 1, Type: trace.Int, Signed: true}
	u16Array   = &trace.ArrayDescr{Name: "Uint16Array", ItemSize: 2, Type: trace.Int}
	// Items of the Floats array seen from the object, through BaseOffset (item i of p0 is
	// at p0 + BaseOffset + 8i): reads the slice header words as ints.
	hdrWords    = &trace.ArrayDescr{Name: "HeaderWords", ItemSize: 8, BaseOffset: unsafe.Offsetof(object{}.Floats), Type: trace.Int, Signed: true}
	allocObject = &trace.AllocDescr{Name: "object", Size: unsafe.Sizeof(object{}),
		New: func() unsafe.Pointer { return unsafe.Pointer(new(object)) }}

	objDescrs = []trace.Descr{objN, objB, objU, objW, objWu, objF, objNext, itemsPtr, itemsLen, floatsPtr,
		objsPtr, int64Array, floatArray, ptrArray, bytesArray, u16Array, hdrWords, allocObject}
)

// stopFlag is a Go object a compiled loop polls: the test sets it to end the loop.
type stopFlag struct {
	stop atomic.Int64
	node *object
}

var stopField = &trace.FieldDescr{Name: "stop", Offset: unsafe.Offsetof(stopFlag{}.stop), Size: 8, Type: trace.Int, Signed: true}

package backendtest

import (
	"sync/atomic"
	"unsafe"

	"github.com/metajit/metajit/trace"
)

// Object is a Go struct the traces read and write through descriptors, as an interpreter's
// objects are (the same as irexec's tests use).
type Object struct {
	N      int64
	B      int8
	U      uint16
	W      int32
	F      float64
	Next   *Object
	Items  []int64
	Floats []float64
	Objs   []*Object
}

var (
	word       = unsafe.Sizeof(uintptr(0))
	ObjN       = &trace.FieldDescr{Name: "object.N", Offset: unsafe.Offsetof(Object{}.N), Size: 8, Type: trace.Int, Signed: true}
	objB       = &trace.FieldDescr{Name: "object.B", Offset: unsafe.Offsetof(Object{}.B), Size: 1, Type: trace.Int, Signed: true}
	objU       = &trace.FieldDescr{Name: "object.U", Offset: unsafe.Offsetof(Object{}.U), Size: 2, Type: trace.Int}
	objW       = &trace.FieldDescr{Name: "object.W", Offset: unsafe.Offsetof(Object{}.W), Size: 4, Type: trace.Int, Signed: true}
	objWu      = &trace.FieldDescr{Name: "object.Wu", Offset: unsafe.Offsetof(Object{}.W), Size: 4, Type: trace.Int}
	objF       = &trace.FieldDescr{Name: "object.F", Offset: unsafe.Offsetof(Object{}.F), Size: 8, Type: trace.Float}
	ObjNext    = &trace.FieldDescr{Name: "object.Next", Offset: unsafe.Offsetof(Object{}.Next), Size: 8, Type: trace.Ptr}
	itemsPtr   = &trace.FieldDescr{Name: "object.Items.ptr", Offset: unsafe.Offsetof(Object{}.Items), Size: 8, Type: trace.Ptr}
	itemsLen   = &trace.FieldDescr{Name: "object.Items.len", Offset: unsafe.Offsetof(Object{}.Items) + word, Size: 8, Type: trace.Int, Signed: true}
	floatsPtr  = &trace.FieldDescr{Name: "object.Floats.ptr", Offset: unsafe.Offsetof(Object{}.Floats), Size: 8, Type: trace.Ptr}
	objsPtr    = &trace.FieldDescr{Name: "object.Objs.ptr", Offset: unsafe.Offsetof(Object{}.Objs), Size: 8, Type: trace.Ptr}
	int64Array = &trace.ArrayDescr{Name: "Int64Array", ItemSize: 8, Type: trace.Int, Signed: true}
	floatArray = &trace.ArrayDescr{Name: "Float64Array", ItemSize: 8, Type: trace.Float}
	ptrArray   = &trace.ArrayDescr{Name: "PtrArray", ItemSize: 8, Type: trace.Ptr}
	bytesArray = &trace.ArrayDescr{Name: "Int8Array", ItemSize: 1, Type: trace.Int, Signed: true}
	u16Array   = &trace.ArrayDescr{Name: "Uint16Array", ItemSize: 2, Type: trace.Int}
	// Items of the Floats array seen from the Object, through BaseOffset (item i of p0 is
	// at p0 + BaseOffset + 8i): reads the slice header words as ints.
	hdrWords    = &trace.ArrayDescr{Name: "HeaderWords", ItemSize: 8, BaseOffset: unsafe.Offsetof(Object{}.Floats), Type: trace.Int, Signed: true}
	allocObject = &trace.AllocDescr{Name: "object", Size: unsafe.Sizeof(Object{}),
		New: func() unsafe.Pointer { return unsafe.Pointer(new(Object)) }}

	objDescrs = []trace.Descr{ObjN, objB, objU, objW, objWu, objF, ObjNext, itemsPtr, itemsLen, floatsPtr,
		objsPtr, int64Array, floatArray, ptrArray, bytesArray, u16Array, hdrWords, allocObject}
)

// StopFlag is a Go object a compiled loop polls: the test sets it to end the loop.
type StopFlag struct {
	Stop atomic.Int64
	Node *Object
}

// StopField is the descriptor of StopFlag.Stop.
var StopField = &trace.FieldDescr{Name: "stop", Offset: unsafe.Offsetof(StopFlag{}.Stop), Size: 8, Type: trace.Int, Signed: true}

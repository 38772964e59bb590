package irexec

import (
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/trace"
)

// An array of structs read one field at a time (ArrayDescr.Size smaller than ItemSize), the
// way the Python interpreter's lists of objects are read: 1-byte tags and 8-byte payloads in
// 24-byte items.
func TestArrayOfStructFields(t *testing.T) {
	type item struct {
		tag  uint8
		bits int64
		f    float64
	}
	items := []item{{1, -5, 0.5}, {2, 7, 1.5}, {255, 1 << 40, -2.0}}
	tag := &trace.ArrayDescr{Name: "item.tag", ItemSize: unsafe.Sizeof(item{}), BaseOffset: unsafe.Offsetof(item{}.tag), Size: 1, Type: trace.Int}
	bits := &trace.ArrayDescr{Name: "item.bits", ItemSize: unsafe.Sizeof(item{}), BaseOffset: unsafe.Offsetof(item{}.bits), Size: 8, Type: trace.Int, Signed: true}
	flt := &trace.ArrayDescr{Name: "item.f", ItemSize: unsafe.Sizeof(item{}), BaseOffset: unsafe.Offsetof(item{}.f), Size: 8, Type: trace.Float}
	tr, err := trace.Parse(`
[p0, i1]
i2 = getarrayitem_i(p0, i1, descr=<item.tag>)
i3 = getarrayitem_i(p0, i1, descr=<item.bits>)
f4 = getarrayitem_f(p0, i1, descr=<item.f>)
setarrayitem(p0, i1, 9, descr=<item.tag>)
finish(i2, i3, f4)
`, trace.DescrTable{}.Add(tag, bits, flt), nil)
	if err != nil {
		t.Fatal(err)
	}
	loop, err := New().Compile(tr)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range items {
		var exit backend.Exit
		loop.Run([]uint64{0, uint64(i)}, []unsafe.Pointer{unsafe.Pointer(&items[0])}, &exit)
		args := exit.Args()
		if got := exit.Int(args[0]); got != int64(want.tag) {
			t.Errorf("item %d: tag %d, want %d", i, got, want.tag)
		}
		if got := exit.Int(args[1]); got != want.bits {
			t.Errorf("item %d: bits %d, want %d", i, got, want.bits)
		}
		if got := exit.Float(args[2]); got != want.f {
			t.Errorf("item %d: f %v, want %v", i, got, want.f)
		}
		if items[i].tag != 9 || items[i].bits != want.bits {
			t.Errorf("item %d after the store: %+v", i, items[i])
		}
	}
}

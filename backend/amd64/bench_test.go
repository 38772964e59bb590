//go:build amd64 && unix

package amd64

import (
	"github.com/metajit/metajit/backend/internal/backendtest"

	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/trace"
)

// The counting loop of irexec's BenchmarkCountingLoop (4 ops an iteration: compare, guard,
// two adds), one iteration per b.N: ns/op is the time of one iteration.
const countingLoop = `
[i0, i1, i2]
label(i0, i1, i2)
i4 = int_lt(i0, i1)
guard_true(i4) [f0@0: 0=i0 1=i2]
i6 = int_add(i2, i0)
i7 = int_add(i0, 1)
jump(i7, i1, i6)
`

func benchLoop(b *testing.B, be backend.Backend, text string, ptrs []unsafe.Pointer, descrs ...trace.Descr) {
	tr := parse(b, text, descrs...)
	loop, err := be.Compile(tr)
	if err != nil {
		b.Fatal(err)
	}
	var exit backend.Exit
	b.ReportAllocs()
	b.ResetTimer()
	loop.Run([]uint64{0, uint64(b.N), 0}, ptrs, &exit)
}

// BenchmarkCountingLoop compares one iteration of the counting loop on irexec and amd64:
//
//	go test -run '^$' -bench CountingLoop ./backend/amd64
func BenchmarkCountingLoop(b *testing.B) {
	b.Run("irexec", func(b *testing.B) { benchLoop(b, irexec.New(), countingLoop, nil) })
	b.Run("amd64", func(b *testing.B) { benchLoop(b, New(), countingLoop, nil) })
}

// BenchmarkSumList is the sum_list loop (bounds check, load, overflow-checked add) over a Go
// slice, one item per b.N.
func BenchmarkSumList(b *testing.B) {
	text := `
[i0, i1, p2]
i3 = getfield_i(p2, descr=<object.Items.len>)
p4 = getfield_r(p2, descr=<object.Items.ptr>)
label(i0, i1)
i6 = uint_lt(i1, i3)
guard_true(i6) [f1@3: 0=i0 1=i1]
i8 = getarrayitem_i(p4, i1, descr=<Int64Array>)
i9 = int_add_ovf(i0, i8)
guard_no_overflow() [f1@5: 0=i0 1=i1 2=i8]
i11 = int_add(i1, 1)
jump(i9, i11)
`
	for _, be := range []backend.Backend{irexec.New(), New()} {
		b.Run(be.Name(), func(b *testing.B) {
			obj := &backendtest.Object{Items: make([]int64, b.N)}
			for i := range obj.Items {
				obj.Items[i] = int64(i & 1023)
			}
			tr := backendtest.ParseObj(b, text)
			loop, err := be.Compile(tr)
			if err != nil {
				b.Fatal(err)
			}
			var exit backend.Exit
			b.ReportAllocs()
			b.ResetTimer()
			loop.Run([]uint64{0, 0, 0}, []unsafe.Pointer{nil, nil, unsafe.Pointer(obj)}, &exit)
		})
	}
}

// BenchmarkCompile measures compiling the counting loop (golang-asm, mmap, mprotect).
func BenchmarkCompile(b *testing.B) {
	tr := parse(b, countingLoop)
	for i := 0; i < b.N; i++ {
		if _, err := testBackend.Compile(tr); err != nil {
			b.Fatal(err)
		}
	}
}

//go:build arm64 && linux

package arm64

import (
	"encoding/binary"
	"runtime"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend/codemem"
)

// The trampoline passes the context in R26 and returns what the code leaves in R0. The test
// code also clobbers every register compiled code may use (R0-R17, R19-R26, F0-F31), to
// check that Go is undisturbed afterwards.
func TestEnterTrampoline(t *testing.T) {
	words := []uint32{
		0xf9400340, // ldr x0, [x26]
		0xf9400741, // ldr x1, [x26, #8]
		0x8b010000, // add x0, x0, x1
		0xf9000b40, // str x0, [x26, #16]
	}
	for r := uint32(1); r <= 26; r++ {
		if r != 18 {
			words = append(words, 0xaa1f03e0|r) // mov xR, xzr
		}
	}
	for r := uint32(0); r < 32; r++ {
		words = append(words, 0x9e6703e0|r) // fmov dR, xzr
	}
	words = append(words, 0xd65f03c0) // ret
	code := make([]byte, 4*len(words))
	for k, w := range words {
		binary.LittleEndian.PutUint32(code[4*k:], w)
	}
	mem := codemem.New(0)
	b, err := mem.Alloc(code, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Free()
	flushICache(b.Addr(), uintptr(b.Size()))
	ctx := [3]uint64{40, 2, 0}
	for i := 0; i < 1000; i++ {
		if got := enter(b.Addr(), unsafe.Pointer(&ctx)); got != 42 || ctx[2] != 42 {
			t.Fatalf("enter returned %d, ctx %v", got, ctx)
		}
		runtime.Gosched() // uses g
		x := 1.5
		for k := 0; k < 10; k++ {
			x = x*1.5 + float64(k)
		}
		if x < 1 {
			t.Fatal("float registers")
		}
	}
	runtime.GC()
}

// flushICache takes any range, aligned or not, empty or not.
func TestFlushICache(t *testing.T) {
	buf := make([]byte, 1<<16)
	for _, r := range [][2]uintptr{{0, 0}, {1, 3}, {63, 130}, {0, 1 << 16}, {100, 1<<16 - 100}} {
		flushICache(uintptr(unsafe.Pointer(&buf[0]))+r[0], r[1])
	}
}

//go:build unix

package amd64

import (
	"runtime"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend/codemem"
)

// The trampoline passes the context in R15 and returns what the code leaves in AX. The test
// code also clobbers every register compiled code may use, R14 and X15 included, to check
// that Go is undisturbed afterwards.
func TestEnterTrampoline(t *testing.T) {
	code := []byte{
		0x49, 0x8b, 0x07, // mov rax, [r15]
		0x49, 0x03, 0x47, 0x08, // add rax, [r15+8]
		0x49, 0x89, 0x47, 0x10, // mov [r15+16], rax
		0x48, 0x31, 0xdb, // xor rbx, rbx
		0x48, 0x31, 0xc9, // xor rcx, rcx
		0x48, 0x31, 0xd2, // xor rdx, rdx
		0x48, 0x31, 0xf6, // xor rsi, rsi
		0x48, 0x31, 0xff, // xor rdi, rdi
		0x4d, 0x31, 0xc0, // xor r8, r8
		0x4d, 0x31, 0xe4, // xor r12, r12
		0x4d, 0x31, 0xf6, // xor r14, r14 (g in Go's register ABI)
		0x4d, 0x31, 0xdb, // xor r11, r11
		0x66, 0x48, 0x0f, 0x6e, 0xf8, // movq xmm15, rax (X15 is zero in Go's register ABI)
		0xc3, // ret
	}
	mem := codemem.New(0)
	b, err := mem.Alloc(code, 0xcc)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Free()
	ctx := [3]uint64{40, 2, 0}
	for i := 0; i < 1000; i++ {
		if got := enter(b.Addr(), unsafe.Pointer(&ctx)); got != 42 || ctx[2] != 42 {
			t.Fatalf("enter returned %d, ctx %v", got, ctx)
		}
		runtime.Gosched() // uses g
		var z [4]float64  // zeroing uses X15
		if z != [4]float64{} {
			t.Fatal("X15 not zero")
		}
	}
	runtime.GC()
}

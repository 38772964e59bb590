//go:build arm64 && linux

package arm64

import (
	"testing"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/codemem"
	"github.com/metajit/metajit/backend/internal/backendtest"
)

// testArch opens this backend's internals to the shared tests of backend/internal/backendtest.
var testArch = &backendtest.Arch{
	Backend:    testBackend,
	WithMemory: func(mem *codemem.Memory) backend.Backend { return NewWithMemory(mem) },
	Pieces: func(l backendtest.Native) []backendtest.Native {
		var out []backendtest.Native
		for _, p := range *l.(*Loop).tree.pieces.Load() {
			out = append(out, p)
		}
		return out
	},
	Budget: func(l backendtest.Native) *int64 { return &l.(*Loop).budget },
	HeadInMemory: func(l backendtest.Native) int {
		n := 0
		for _, h := range l.(*Loop).head {
			if h.reg == noReg {
				n++
			}
		}
		return n
	},
	IndirectJump: "br x16",
}

// TestBridges runs the shared tests of bridges in machine code (bridge.go): attached with
// Attach and AttachHead, against irexec running the same loop and bridges one Run after the
// other.
func TestBridges(t *testing.T) { testArch.Run(t) }

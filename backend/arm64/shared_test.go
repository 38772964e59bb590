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
	Name:       "arm64",
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
			if h.Reg == noReg {
				n++
			}
		}
		return n
	},
	IndirectJump: "br x16",
}

// TestShared runs the tests every native backend shares (backend/internal/backendtest):
// loops in machine code, and bridges attached with Attach and AttachHead, each against irexec.
func TestShared(t *testing.T) { testArch.Run(t) }

//go:build amd64 && unix

package amd64

import (
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/internal/backendtest"
	"github.com/metajit/metajit/trace"
)

// testBackend is shared by the tests, as a driver shares its backend.
var testBackend = New()

// compile compiles tr with this backend, failing the test on an error.
func compile(t testing.TB, tr *trace.Trace) *Loop {
	t.Helper()
	return testArch.Compile(t, tr).(*Loop)
}

// parse parses a trace in the text format with the given descriptors.
var parse = backendtest.Parse

// same runs tr on irexec and on this backend (backendtest's Same).
func same(t testing.TB, tr *trace.Trace, native backend.Loop, ints []uint64, ptrs []unsafe.Pointer) *backend.Exit {
	t.Helper()
	return testArch.Same(t, tr, native, ints, ptrs)
}

//go:build arm64 && linux

package arm64

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/trace"
)

// testBackend is shared by the tests, as a driver shares its backend.
var testBackend = New()

// compile compiles tr with the arm64 backend, failing the test on an error.
func compile(t testing.TB, tr *trace.Trace) *Loop {
	t.Helper()
	l, err := testBackend.Compile(tr)
	if err != nil {
		t.Fatalf("%v\n%s", err, tr)
	}
	return l.(*Loop)
}

// parse parses a trace in the text format with the given descriptors.
func parse(t testing.TB, text string, descrs ...trace.Descr) *trace.Trace {
	t.Helper()
	tr, err := trace.Parse(text, trace.DescrTable{}.Add(descrs...), nil)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// same runs tr on irexec and on arm64 with the same inputs and fails unless they leave at the
// same op with the same values (backend.DiffExits). It returns the native exit.
func same(t testing.TB, tr *trace.Trace, native backend.Loop, ints []uint64, ptrs []unsafe.Pointer) *backend.Exit {
	t.Helper()
	ref, err := irexec.New().Compile(tr)
	if err != nil {
		t.Fatal(err)
	}
	var want, got backend.Exit
	ref.Run(ints, ptrs, &want)
	native.Run(ints, ptrs, &got)
	if d := backend.DiffExits(&want, &got); d != "" {
		var sb strings.Builder
		if l, ok := native.(*Loop); ok {
			sb.WriteString(Disassemble(l))
		}
		t.Fatalf("irexec and arm64 differ: %s\ninputs %v %v\n%s\n%s", d, ints, ptrs, tr, sb.String())
	}
	return &got
}

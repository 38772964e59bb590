package compile

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/metajit/metajit/interp/syntax"
)

// fuzzHangLimit is how long one input may take before FuzzCompile calls it a hang.
const fuzzHangLimit = 10 * time.Second

// FuzzCompile parses arbitrary source and, when it parses, compiles it: compiling must not
// panic or hang, must fail only with a SyntaxError or NotImplementedError at a real line,
// and must otherwise produce code that passes Verify. The seed corpus is
// testdata/fuzz/FuzzCompile plus the shared program corpus when present.
//
// The corpus programs are several kilobytes, so minimizing a new input can take the default
// minute; for steady throughput run with a short -fuzzminimizetime:
//
//	go test ./interp/compile -run '^$' -fuzz FuzzCompile -fuzztime 60s -fuzzminimizetime 2s
func FuzzCompile(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(pysubsetDir, "*.py"))
	for _, path := range files {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(string(src))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		// A panic on another goroutine kills the worker, so the fuzzer saves the input.
		hang := time.AfterFunc(fuzzHangLimit, func() { panic("FuzzCompile: input takes over " + fuzzHangLimit.String()) })
		defer hang.Stop()

		mod, perr := syntax.Parse("fuzz.py", src)
		if perr != nil {
			return
		}
		p, err := Compile(mod)
		if err != nil {
			if err.Kind != "SyntaxError" && err.Kind != "NotImplementedError" {
				t.Fatalf("error kind %q: %s", err.Kind, err.Report())
			}
			if err.Line < 1 || err.Msg == "" || err.Filename != "fuzz.py" {
				t.Fatalf("malformed error %+v", err)
			}
			return
		}
		if verr := p.Verify(); verr != nil {
			t.Fatalf("%v\n%s", verr, dis(p))
		}
	})
}

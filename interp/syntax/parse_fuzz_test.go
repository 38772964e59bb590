package syntax

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse checks that Parse never panics, always terminates, and reports every failure
// as an *Error with a line number. The seed corpus is in testdata/fuzz/FuzzParse (subset
// programs and tricky snippets); the pysubset programs are added when present. Run it with
//
//	go test -fuzz=FuzzParse -fuzztime=60s ./interp/syntax/
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(pysubsetDir, "*.py"))
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(string(src))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		var mod *Module
		var err *Error
		done := make(chan struct{})
		go func() {
			defer close(done)
			mod, err = Parse("fuzz.py", src)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("Parse did not terminate on %q", src)
		}
		if err != nil {
			if mod != nil {
				t.Fatalf("both a module and an error for %q", src)
			}
			if err.Line < 1 || err.Msg == "" || err.Filename != "fuzz.py" {
				t.Fatalf("bad error %+v for %q", err, src)
			}
			switch err.Kind {
			case "SyntaxError", "IndentationError", "TabError", "NotImplementedError", "RecursionError":
			default:
				t.Fatalf("unexpected kind %q for %q", err.Kind, src)
			}
			_ = err.Report()
			return
		}
		if mod == nil {
			t.Fatalf("neither a module nor an error for %q", src)
		}
		_ = Dump(mod)
	})
}

package compile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/metajit/metajit/interp/syntax"
)

// FuzzCompile parses arbitrary source and, when it parses, compiles it: compiling must not
// panic or hang, must fail only with a SyntaxError or NotImplementedError at a real line,
// and must otherwise produce code that passes Verify. The seed corpus is
// testdata/fuzz/FuzzCompile plus the shared program corpus when present.
func FuzzCompile(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(pysubsetDir, "*.py"))
	for _, path := range files {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(string(src))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
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

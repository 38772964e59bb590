package compile

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/metajit/metajit/interp/syntax"
)

// pysubsetDir holds the shared corpus of subset programs, relative to this package.
const pysubsetDir = "../../../shared/pysubset"

func corpus(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(pysubsetDir, "*.py"))
	if len(files) == 0 {
		t.Skip("no corpus at " + pysubsetDir)
	}
	return files
}

func compileFile(t *testing.T, path string) *Program {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mod, serr := syntax.Parse(path, string(src))
	if serr != nil {
		t.Fatalf("parse: %s", serr.Report())
	}
	return compileOK(t, mod)
}

// TestCorpusCompiles compiles every program of the corpus and checks the invariants of
// every Code (Verify).
func TestCorpusCompiles(t *testing.T) {
	for _, path := range corpus(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			p := compileFile(t, path)
			var b strings.Builder
			p.Disassemble(&b)
			if b.Len() == 0 {
				t.Error("empty disassembly")
			}
		})
	}
}

var tracebackFrame = regexp.MustCompile(`(?m)^  File "[^"]*", line (\d+), in (\S+)$`)

// TestCorpusTracebackLines runs the corpus programs that end with an error in python3 and
// checks that every line of CPython's traceback is the line of some instruction of the
// named Code: the interpreter's tracebacks can only be right if the line table can say so.
func TestCorpusTracebackLines(t *testing.T) {
	files := corpus(t)
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	for _, path := range files {
		rc, _ := os.ReadFile(strings.TrimSuffix(path, ".py") + ".rc")
		if strings.TrimSpace(string(rc)) == "0" {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			p := compileFile(t, path)
			cmd := exec.Command(py, path)
			out, _ := cmd.CombinedOutput()
			frames := tracebackFrame.FindAllStringSubmatch(string(out), -1)
			if len(frames) == 0 {
				t.Skip("no traceback from python3")
			}
			codes := map[string][]*Code{}
			var walk func(c *Code)
			walk = func(c *Code) {
				codes[c.Name] = append(codes[c.Name], c)
				for _, k := range c.Consts {
					if fn, ok := k.(*Code); ok {
						walk(fn)
					}
				}
			}
			walk(p.Main)
			for _, f := range frames {
				line, _ := strconv.Atoi(f[1])
				found := false
				for _, c := range codes[f[2]] {
					for _, l := range c.Lines {
						found = found || int(l) == line
					}
				}
				if !found {
					t.Errorf("traceback line %d in %s: no instruction of %s on that line", line, f[2], f[2])
				}
			}
		})
	}
}

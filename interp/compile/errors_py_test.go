package compile

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/metajit/metajit/interp/syntax"
)

// TestErrorsMatchCPython parses and compiles programs with compile-time errors and compares
// the line and the final "Kind: message" line of the report with python3's.
func TestErrorsMatchCPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	srcs := []string{
		"x = 1\nif x:\n    return 5\n",
		"while 1:\n    pass\nbreak\n",
		"for i in range(3):\n    pass\nelse:\n    continue\n",
		"def f():\n    x = 1\n    global x\n",
		"def f():\n    print(x)\n    global x\n",
		"def f(x):\n    global x\n",
		"def f():\n    for x in range(3):\n        pass\n    global x\n",
		"def f():\n    try:\n        pass\n    except E as x:\n        pass\n    global x\n",
		"x = 1\nglobal x\n",
		"def f(a, b, a):\n    pass\n",
		"def f():\n    def g(q, q=1):\n        pass\n",
		"f(a=1,\n  a=2)\n",
		"def f():\n    try:\n        pass\n    finally:\n        def g():\n            continue\n",
		"def outer():\n    def inner():\n        return 1\n    return 2\nreturn 3\n",
	}
	// python3 compiles each source and prints "line N" and "Kind: message" for its error.
	const driver = `
import sys
for src in sys.stdin.read().split("\n#====\n"):
    try:
        compile(src, "e.py", "exec")
        print("no error")
    except SyntaxError as e:
        print("line %d" % e.lineno)
        print("%s: %s" % (type(e).__name__, e.msg))
    print("#====")
`
	cmd := exec.Command(py, "-c", driver)
	cmd.Stdin = strings.NewReader(strings.Join(srcs, progSep))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	wants := strings.Split(strings.TrimSuffix(string(out), "#====\n"), "#====\n")
	if len(wants) != len(srcs) {
		t.Fatalf("python3 gave %d results for %d sources", len(wants), len(srcs))
	}
	for i, src := range srcs {
		// The parser reports some of these itself; the front end as a whole must agree.
		mod, cerr := syntax.Parse("e.py", src)
		if cerr == nil {
			_, cerr = Compile(mod)
		}
		if cerr == nil {
			t.Errorf("case %d: compiled; python3 says %s", i, wants[i])
			continue
		}
		if got := fmt.Sprintf("line %d\n%s\n", cerr.Line, cerr.Error()); got != wants[i] {
			t.Errorf("case %d:\n%s\n--- got\n%s--- python3\n%s", i, src, got, wants[i])
		}
	}
}

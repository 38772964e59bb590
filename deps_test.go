package metajit_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestJITCoreKnowsNothingAboutPython checks the import rule of DESIGN.md: the JIT packages
// (trace, opt, backend and the driver) never depend on the Python interpreter, so any
// interpreter can use them.
func TestJITCoreKnowsNothingAboutPython(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("the go command is needed to list dependencies")
	}
	core := []string{"./trace/...", "./opt/...", "./backend/...", "./jit/..."}
	out, err := exec.Command(goTool, append([]string{"list", "-deps"}, core...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 5 {
		t.Fatalf("suspiciously few dependencies: %v", deps)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "github.com/metajit/metajit/interp") {
			t.Errorf("a JIT core package depends on %s", d)
		}
	}
}

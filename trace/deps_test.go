package trace

import (
	"os/exec"
	"strings"
	"testing"
)

// The JIT core must know nothing about the guest language: trace, opt and backend never depend
// on anything under interp/ (DESIGN.md: interp -> trace <- opt <- backend). A pattern that
// matches no package yet (opt, before it exists) only makes go list warn on stderr.
func TestNoInterpDependency(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	cmd := exec.Command("go", "list", "-deps",
		"github.com/metajit/metajit/trace/...",
		"github.com/metajit/metajit/opt/...",
		"github.com/metajit/metajit/backend/...")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 {
		t.Fatal("go list printed no packages")
	}
	for _, dep := range deps {
		if dep == "github.com/metajit/metajit/interp" || strings.HasPrefix(dep, "github.com/metajit/metajit/interp/") {
			t.Errorf("the JIT core depends on %s", dep)
		}
	}
}

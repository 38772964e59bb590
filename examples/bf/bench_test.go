package bf

import (
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkHeavy runs testdata/heavy.b (7.5 million iterations of its innermost loop) with
// the JIT off and on (default threshold, irexec backend), and, for scale, with the JIT off
// and no folding. The README reports the ratio.
func BenchmarkHeavy(b *testing.B) {
	src, err := os.ReadFile("testdata/heavy.b")
	if err != nil {
		b.Fatal(err)
	}
	folded, err := Parse(string(src))
	if err != nil {
		b.Fatal(err)
	}
	unfolded, err := ParseUnfolded(string(src))
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []struct {
		name string
		prog *Program
		opts Options
	}{
		{"jit=off", folded, Options{}},
		{"jit=on", folded, Options{JIT: true}},
		// For scale: the tutorial's first interpreter, one instruction per command.
		{"jit=off,unfolded", unfolded, Options{}},
	} {
		b.Run(mode.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Run(mode.prog, strings.NewReader(""), io.Discard, mode.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

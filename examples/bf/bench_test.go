package bf

import (
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkHeavy runs testdata/heavy.b (7.5 million iterations of its innermost loop) with
// the JIT off and on (default threshold, irexec backend). The README reports the ratio.
func BenchmarkHeavy(b *testing.B) {
	src, err := os.ReadFile("testdata/heavy.b")
	if err != nil {
		b.Fatal(err)
	}
	p, err := Parse(string(src))
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []struct {
		name string
		opts Options
	}{
		{"jit=off", Options{}},
		{"jit=on", Options{JIT: true}},
	} {
		b.Run(mode.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Run(p, strings.NewReader(""), io.Discard, mode.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

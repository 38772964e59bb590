//go:build arm64 && linux

package arm64

import "testing"

// FuzzNative compares random traces on arm64 and irexec (backendtest's RunRandom, which the
// shared suite also runs over fixed seeds as RandomTraces). Run it with
// go test -run '^$' -fuzz FuzzNative ./backend/arm64/
func FuzzNative(f *testing.F) {
	for seed := uint64(0); seed < 64; seed++ {
		f.Add(seed, uint8(seed), uint8(seed*7))
	}
	f.Fuzz(func(t *testing.T, seed uint64, flags, size uint8) {
		testArch.RunRandom(t, seed, flags, size)
	})
}

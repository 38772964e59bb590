//go:build amd64 && unix

package amd64

import "testing"

// FuzzNative compares random traces on amd64 and irexec (backendtest's RunRandom, which the
// shared suite also runs over fixed seeds as RandomTraces). Run it with
// go test -run '^$' -fuzz FuzzNative ./backend/amd64/
func FuzzNative(f *testing.F) {
	for seed := uint64(0); seed < 64; seed++ {
		f.Add(seed, uint8(seed), uint8(seed*7))
	}
	f.Fuzz(func(t *testing.T, seed uint64, flags, size uint8) {
		testArch.RunRandom(t, seed, flags, size)
	})
}

//go:build unix

package codemem

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// permissions returns the permission string ("r-xp", "rw-p"...) of the mapping holding addr,
// read from /proc/self/maps.
func permissions(t *testing.T, addr uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		t.Skip("no /proc/self/maps:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var lo, hi uintptr
		var perms string
		if _, err := fmt.Sscanf(sc.Text(), "%x-%x %s", &lo, &hi, &perms); err != nil {
			continue
		}
		if lo <= addr && addr < hi {
			return perms
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}

func TestBlocksAreNeverWritableAndExecutable(t *testing.T) {
	m := New(1 << 20)
	code := []byte{0x90, 0x90, 0xc3}
	b, err := m.Alloc(code, 0xcc)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Free()
	if got := permissions(t, b.Addr()); got != "r-xp" {
		t.Errorf("finalized block is %s, want r-xp", got)
	}
	if string(b.Code()) != string(code) || b.Size() != 3 {
		t.Errorf("code %x", b.Code())
	}
	if err := b.Patch(1, []byte{0xc3}); err != nil {
		t.Fatal(err)
	}
	if got := permissions(t, b.Addr()); got != "r-xp" {
		t.Errorf("patched block is %s, want r-xp", got)
	}
	if b.Code()[1] != 0xc3 {
		t.Error("patch not written")
	}
	if err := b.Patch(2, []byte{1, 2}); err == nil {
		t.Error("patch past the end accepted")
	}
	// Every mapping of the process: none is writable and executable at once.
	data, err := os.ReadFile("/proc/self/maps")
	if err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) > 1 && strings.HasPrefix(f[1], "rwx") {
				t.Errorf("writable and executable mapping: %s", line)
			}
		}
	}
}

func TestLimitAndFree(t *testing.T) {
	page := os.Getpagesize()
	m := New(2 * page)
	a, err := m.Alloc(make([]byte, page+1), 0) // two pages
	if err != nil {
		t.Fatal(err)
	}
	if m.Used() != 2*page {
		t.Errorf("used %d", m.Used())
	}
	if _, err := m.Alloc([]byte{1}, 0); !errors.Is(err, ErrFull) {
		t.Errorf("over the limit: %v", err)
	}
	if err := a.Free(); err != nil {
		t.Fatal(err)
	}
	if err := a.Free(); err != nil || m.Used() != 0 {
		t.Errorf("second free: %v, used %d", err, m.Used())
	}
	b, err := m.Alloc([]byte{1}, 0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := m.Alloc([]byte{2}, 0)
	if err != nil {
		t.Fatal(err)
	}
	m.Flush()
	if m.Used() != 0 || !b.freed || !c.freed {
		t.Errorf("flush left %d bytes", m.Used())
	}
	if err := b.Patch(0, []byte{0}); err == nil {
		t.Error("patched a freed block")
	}
	if _, err := m.Alloc(nil, 0); err == nil {
		t.Error("empty code accepted")
	}
}

// TestExecute writes a tiny function and calls it. The code is called as a Go func value:
// for a leaf function that only sets RAX (the first integer result of Go's register ABI on
// amd64) and returns, that is enough. The native backend enters its code through an assembly
// trampoline instead (backend/amd64).
func TestExecute(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the code is amd64 machine code")
	}
	m := New(0)
	// mov eax, 42; ret
	b, err := m.Alloc([]byte{0xb8, 42, 0, 0, 0, 0xc3}, 0xcc)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Free()
	addr := b.Addr()
	fv := &addr // a Go func value is a pointer to a word holding the code address
	f := *(*func() int)(unsafe.Pointer(&fv))
	if got := f(); got != 42 {
		t.Errorf("code returned %d", got)
	}
	if err := b.Patch(1, []byte{7}); err != nil {
		t.Fatal(err)
	}
	if got := f(); got != 7 {
		t.Errorf("patched code returned %d", got)
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	hello := filepath.Join("..", "..", "testdata", "hello.b")
	rev := filepath.Join("..", "..", "testdata", "reverse.b")
	tests := []struct {
		args             []string
		stdin            string
		status           int
		stdout, inStderr string
	}{
		{[]string{hello}, "", 0, "Hello World!\n", ""},
		{[]string{"-jit=off", hello}, "", 0, "Hello World!\n", ""},
		{[]string{"-threshold=1", "-stats", hello}, "", 0, "Hello World!\n", "loops compiled: 3\n"},
		{[]string{"-threshold=1", "-log=jit-log-noopt", hello}, "", 0, "Hello World!\n", "# trace bf loop at 1:9\n[p0, i1, i2]\n"},
		{[]string{"-threshold=1", "-tape=1", rev}, "abc", 0, "cba", ""},
		{[]string{write("bad.b", "+[")}, "", 1, "", "bad.b:1:2: unmatched [\n"},
		{[]string{write("left.b", "++.<")}, "", 1, "\x02", "left.b:1:4: data pointer moved left of the first cell\n"},
		{[]string{"-jit=maybe", hello}, "", 2, "", "-jit must be on or off"},
		{[]string{"-threshold=0", hello}, "", 2, "", "must be at least 1"},
		{[]string{}, "", 2, "", "usage: bf"},
		{[]string{filepath.Join(dir, "missing.b")}, "", 2, "", "no such file"},
	}
	for _, tt := range tests {
		var stdout, stderr strings.Builder
		status := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
		if status != tt.status || stdout.String() != tt.stdout || !strings.Contains(stderr.String(), tt.inStderr) {
			t.Errorf("bf %v: got status %d, stdout %q, stderr %q; want %d, %q, stderr containing %q",
				tt.args, status, stdout.String(), stderr.String(), tt.status, tt.stdout, tt.inStderr)
		}
	}
}

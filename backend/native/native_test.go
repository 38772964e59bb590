package native

import (
	"runtime"
	"testing"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/trace"
)

func TestNewRunsATrace(t *testing.T) {
	b := New()
	want := "irexec"
	if runtime.GOARCH == "amd64" && runtime.GOOS != "windows" && runtime.GOOS != "plan9" {
		want = "amd64"
	}
	if runtime.GOARCH == "arm64" && runtime.GOOS == "linux" {
		want = "arm64"
	}
	if b.Name() != want {
		t.Errorf("native backend on %s/%s is %s, want %s", runtime.GOOS, runtime.GOARCH, b.Name(), want)
	}
	tr, err := trace.Parse("[i0]\ni1 = int_mul(i0, 6)\nfinish(i1)", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := b.Compile(tr)
	if err != nil {
		t.Fatal(err)
	}
	var exit backend.Exit
	l.Run([]uint64{7}, nil, &exit)
	if !exit.IsFinish() || exit.Int(1) != 42 {
		t.Errorf("6*7 = %d", exit.Int(1))
	}
}

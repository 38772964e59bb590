package trace

import (
	"reflect"
	"strings"
	"testing"
)

// A loop with a preamble: i2 and f3 are loaded before the label; the body uses the label's
// arguments and the invariant f3, and a guard's snapshot names i2.
const preambleLoop = `
[i0, f1]
i2 = int_add(i0, 1)
f3 = float_mul(f1, 2.0)
guard_true(i2) [f0@4: 0=i2:1]
label(i2)
i6 = int_add(i2, 1)
f7 = float_add(f3, 1.5)
guard_true(i6) [f0@4: 0=i6:1 1=f7:2 2=i2:1]
jump(i6)
`

func TestLiveIns(t *testing.T) {
	tr, err := Parse(preambleLoop, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tr.LiveIns(), []Ref{2, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("LiveIns = %v, want %v (the label's argument, then the invariant)", got, want)
	}
	noLabel, err := Parse("[i0]\ni1 = int_add(i0, 1)\nfinish(i1)\n", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := noLabel.LiveIns(); got != nil {
		t.Errorf("LiveIns of a trace without a label = %v, want nil", got)
	}
}

// TestAppendCopy copies the preamble after a bridge's own op, with the loop's inputs mapped to
// the bridge's values: the copy computes the same values from them, with its snapshot
// remapped, and the result is a valid trace.
func TestAppendCopy(t *testing.T) {
	loop, err := Parse(preambleLoop, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := NewTrace("bridge")
	x := b.Input(Int)
	y := b.Input(Float)
	z := b.Emit(OpIntMul, Int, x, b.ConstInt(3))
	m := map[Ref]Ref{0: z, 1: y}
	if err := b.AppendCopy(loop, 2, loop.Label(), m); err != nil {
		t.Fatal(err)
	}
	b.Emit(OpFinish, Void, m[2], m[3])
	if err := Validate(b); err != nil {
		t.Fatalf("the copy is not a valid trace: %v\n%s", err, b.Format(nil))
	}
	text := b.Format(nil)
	for _, want := range []string{"i3 = int_add(i2, 1)", "f4 = float_mul(f1, 2.0)", "guard_true(i3) [f0@4: 0=i3:1]", "finish(i3, f4)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the copy lacks %q:\n%s", want, text)
		}
	}
	// What cannot be copied: inputs, and ops whose arguments have no counterpart.
	if err := b.AppendCopy(loop, 0, 1, map[Ref]Ref{}); err == nil {
		t.Error("copying an input op succeeded")
	}
	if err := NewTrace("t").AppendCopy(loop, 2, 3, map[Ref]Ref{}); err == nil {
		t.Error("copying an op whose argument has no counterpart succeeded")
	}
}

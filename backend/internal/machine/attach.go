package machine

import (
	"fmt"

	"github.com/metajit/metajit/trace"
)

// The checks of a bridge before it is attached in machine code (backend.Attacher and
// backend.HeadAttacher): a bridge that does not fit its loop would run with values in the
// wrong places, so it is refused with an error instead.

// finishArgs returns the arguments of the bridge's final finish, which must have n of them;
// want says which, for the error.
func finishArgs(arch string, bridge *trace.Trace, n int, want string) ([]trace.Ref, error) {
	if len(bridge.Ops) == 0 {
		return nil, fmt.Errorf("%s: an empty bridge", arch)
	}
	fin := &bridge.Ops[len(bridge.Ops)-1]
	if fin.Opcode != trace.OpFinish || len(fin.Args) != n {
		return nil, fmt.Errorf("%s: %s", arch, want)
	}
	return fin.Args, nil
}

// CheckStartFinish checks that bridge ends in a finish with the values of loop's inputs, for
// a bridge that goes to the loop's start (Attach).
func CheckStartFinish(arch string, loop, bridge *trace.Trace) error {
	n := len(loop.Inputs())
	args, err := finishArgs(arch, bridge, n, fmt.Sprintf("a bridge must end in a finish with the loop's %d inputs", n))
	if err != nil {
		return err
	}
	for k, a := range args {
		if bridge.TypeOf(a) != loop.Ops[k].Type {
			return fmt.Errorf("%s: finish argument %d is %v, the loop's input %v", arch, k, bridge.TypeOf(a), loop.Ops[k].Type)
		}
	}
	return nil
}

// HeadArgs checks that bridge ends in a finish with the values of liveIns (the loop's
// trace.LiveIns), for a bridge that goes into the loop's body (AttachHead), and returns, for
// each value the loop's head holds (head, in the head state's order), the finish argument
// that goes there.
func HeadArgs(arch string, loop, bridge *trace.Trace, liveIns, head []trace.Ref) ([]int, error) {
	args, err := finishArgs(arch, bridge, len(liveIns), fmt.Sprintf("a bridge to the loop's body must finish with its %d live-ins", len(liveIns)))
	if err != nil {
		return nil, err
	}
	arg := map[trace.Ref]int{}
	for k, v := range liveIns {
		if int(v) < 0 || int(v) >= len(loop.Ops) || bridge.TypeOf(args[k]) != loop.Ops[v].Type {
			return nil, fmt.Errorf("%s: live-in %d does not match the loop", arch, k)
		}
		arg[v] = k
	}
	toHead := make([]int, len(head))
	for j, v := range head {
		k, ok := arg[v]
		if !ok {
			return nil, fmt.Errorf("%s: the loop's head holds %s, which the bridge does not give", arch, loop.FormatRef(v))
		}
		toHead[j] = k
	}
	return toHead, nil
}

// CheckSources checks the sources of a bridge from a guard of trace from: one per input of
// the bridge, each an input of from or a value the guard's exit shows (shown), of the
// input's type.
func CheckSources(arch string, from, bridge *trace.Trace, sources []trace.Ref, shown func(trace.Ref) bool) error {
	in := bridge.Inputs()
	if len(sources) != len(in) {
		return fmt.Errorf("%s: %d sources for %d inputs", arch, len(sources), len(in))
	}
	for k, s := range sources {
		if s < 0 || int(s) >= len(from.Ops) {
			return fmt.Errorf("%s: source %d of the bridge is not a value of the parent", arch, k)
		}
		if from.Ops[s].Opcode != trace.OpInput && !shown(s) {
			return fmt.Errorf("%s: source %s is not in the guard's snapshot", arch, from.FormatRef(s))
		}
		if from.Ops[s].Type != bridge.Ops[k].Type {
			return fmt.Errorf("%s: input %d of the bridge is %v, its source %v", arch, k, bridge.Ops[k].Type, from.Ops[s].Type)
		}
	}
	return nil
}

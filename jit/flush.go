package jit

import (
	"errors"
	"fmt"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/trace"
)

// Invalidation and flushing: throwing compiled code away while the program runs.
//
// A loop is invalidated when something its trace took for granted stops holding in a way the
// trace cannot check cheaply itself (PyPy's quasi-immutable fields and its
// invalidate_loop; LuaJIT flushes traces when a prototype they depend on changes), and every
// loop is flushed when the code memory is full (LuaJIT's lj_trace_flushall; PyPy frees loops
// that are not used any more). An invalidated loop is never entered again: the interpreter,
// which checks Invalid before entering, counts it up to the threshold and traces it anew.
//
// The code itself is unmapped at once when no compiled code is running (no Enter under way);
// otherwise it stays mapped until the garbage collector finds it unreachable, so that no
// code is ever unmapped under a run that will return into it.

// withRoom runs compile (which makes code for t) within the code memory limits: when the
// code alive would pass CodeLimit, or the backend's own code memory is full, every trace is
// flushed to make room.
func (d *Driver) withRoom(t *trace.Trace, compile func(*trace.Trace) (backend.Loop, error)) (backend.Loop, error) {
	l, err := compile(t)
	if errors.Is(err, backend.ErrCodeMemoryFull) {
		d.Flush("the backend's code memory is full")
		l, err = compile(t)
	}
	if err != nil {
		return nil, err
	}
	if limit := d.opts.CodeLimit; limit > 0 && d.Stats.LiveCodeBytes > 0 && d.Stats.LiveCodeBytes+l.CodeSize() > limit {
		d.Flush(fmt.Sprintf("code limit of %d bytes reached", limit))
	}
	return l, nil
}

// Flush invalidates every compiled loop (with its bridges): the program goes on in the
// interpreter, which traces its hot loops again.
func (d *Driver) Flush(reason string) {
	n := len(d.loops)
	for _, l := range d.loops {
		d.drop(l)
	}
	d.Stats.Flushes++
	d.Logf("jit-invalidate", "flush of %d loops: %s", n, reason)
}

// Invalidate throws away a compiled loop and its bridges: it is never entered again, and
// bridges of other loops that lead to it exit to the interpreter instead.
func (d *Driver) Invalidate(l *Loop, reason string) {
	if l.invalid {
		return
	}
	d.drop(l)
	d.Stats.Invalidations++
	d.Logf("jit-invalidate", "invalidated loop at code %d pc %d: %s", l.Key.Code, l.Key.PC, reason)
}

// drop removes loop l and its tree from the driver's tables and frees their code when
// nothing runs.
func (d *Driver) drop(l *Loop) {
	l.invalid = true
	if d.loops[l.Key] == l {
		delete(d.loops, l.Key)
	}
	var pieces []backend.Loop
	for t, root := range d.rootOf {
		if root != l {
			continue
		}
		delete(d.rootOf, t)
		if b := d.bridgeOf[t]; b != nil {
			delete(d.bridgeOf, t)
			if !b.native {
				pieces = append(pieces, b.compiled)
			}
			d.Stats.LiveCodeBytes -= b.compiled.CodeSize()
		}
	}
	for k, gs := range d.guards {
		if d.rootOf[k.t] == nil {
			delete(d.guards, k) // a guard of the dropped tree
		} else if gs.bridge != nil && gs.bridge.Target == l {
			gs.bridge = nil // a bridge of another tree leading here: its guard exits again
		}
	}
	d.Stats.LiveCodeBytes -= l.compiled.CodeSize()
	pieces = append(pieces, l.compiled)
	if len(d.entries) == 0 {
		for _, p := range pieces {
			if f, ok := p.(backend.Freer); ok {
				f.Free()
			}
		}
	}
}

// LinkTarget returns the loop an exit leads to when it is the finish of a bridge whose
// target loop was invalidated while the bridge ran (Enter returns such an exit rather than
// enter the loop): the interpreter goes on at that loop's header, in the state the bridge
// left (its finish wrote back all that the loop reads). Call it right after Enter.
func (d *Driver) LinkTarget(exit *backend.Exit) (GreenKey, bool) {
	if exit == nil || exit != d.linkExit {
		return GreenKey{}, false
	}
	return d.linkKey, true
}

// Package jit is the driver of metajit's tracing JIT: the part an interpreter talks to. It
// keeps the hot-loop table (which loops are compiled, which were given up on), turns a recorded
// trace into running code (validate, optimize, compile with a backend), enters compiled loops,
// and keeps the statistics and the logs.
//
// It plays the part of PyPy's warmspot/warmstate and JitDriver (the jit_merge_point and
// can_enter_jit hints, the counters and thresholds, the blacklisting of loops whose tracing
// keeps failing) and of LuaJIT's lj_trace.c (trace states, abort handling, the trace table).
//
// An interpreter uses it like this (examples/bf is a complete small example):
//
//   - Its loop headers are merge points, identified by a green key: the position in the guest
//     program (a code object id and a pc), which is a constant in any trace of that loop.
//     Everything else the interpreter holds is red: variables that the trace reads and writes.
//   - It counts back-edges per green key and, when a loop is hot (Hot), records one iteration
//     with the trace package's builder, reporting every primitive action and guarding every
//     assumption; then it calls Install, or Abort with a reason.
//   - Next time it reaches the merge point it calls Enter with its red values, and when the
//     trace exits it rebuilds its state from the exit's snapshot and goes on interpreting.
//
// Compilation is synchronous, so a program's behaviour never depends on timing: the driver is
// deterministic by construction.
//
// This package knows nothing about Python and never imports interp.
package jit

import (
	"fmt"
	"io"
	"strings"

	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
	"github.com/metajit/metajit/trace"
)

// DefaultThreshold is the number of back-edges after which a loop is traced: PyPy's default
// loop threshold (LuaJIT's hotloop is 56).
const DefaultThreshold = 1039

// DefaultMaxAborts is how many times the driver tries to trace a loop before giving up on it.
const DefaultMaxAborts = 3

// DefaultTraceLimit is the longest trace, in ops, a recording may make before it is aborted
// ("trace too long"); PyPy's trace_limit is 6000.
const DefaultTraceLimit = 4000

// DefaultInlineDepth is how deeply recordings may inline guest calls.
const DefaultInlineDepth = 10

// DefaultBridgeThreshold is how many times a guard fails before a bridge is traced from it:
// PyPy's trace_eagerness (LuaJIT's hotexit is 10).
const DefaultBridgeThreshold = 200

// GreenKey identifies a merge point: a loop header of the guest program.
type GreenKey struct {
	Code int32 // the interpreter's id for the code object
	PC   int32 // the loop header
}

// Options configure a Driver.
type Options struct {
	Threshold int // back-edges before tracing; DefaultThreshold when 0
	MaxAborts int // tracing attempts before a loop is blacklisted; DefaultMaxAborts when 0
	// TraceLimit and InlineDepth bound recordings (DefaultTraceLimit, DefaultInlineDepth
	// when 0); the interpreter's recorder asks the driver for them.
	TraceLimit  int
	InlineDepth int
	// BridgeThreshold is how many failures of a guard make it hot enough for a bridge
	// (DefaultBridgeThreshold when 0; no bridges at all when negative).
	BridgeThreshold int
	// CodeLimit caps the bytes of compiled code (CodeSize of every loop and bridge) alive at
	// once; when a compilation would pass it, every trace is flushed first (see Flush).
	// No cap when 0.
	CodeLimit int
	Backend   backend.Backend // irexec when nil
	// Optimize, when set, rewrites each trace before compilation (the opt package's pipeline).
	Optimize func(*trace.Trace) (*trace.Trace, error)
	// Log receives the log categories enabled in LogCategories, named like PYPYLOG's:
	// jit-log-noopt (recorded traces), jit-log-opt (optimized traces), jit-abort,
	// jit-summary, jit-backend-dump.
	Log           io.Writer
	LogCategories string
	// Symbols names tags and descriptors in logged traces.
	Symbols *trace.Symbols
}

// Stats counts what the JIT did, for -stats.
type Stats struct {
	LoopsCompiled   int `json:"loops_compiled"`
	BridgesCompiled int `json:"bridges_compiled"`
	// BridgeLinks counts the bridges that lead to another loop than their own.
	BridgeLinks int `json:"bridge_links"`
	// GuardFailures counts the exits that fell back to the interpreter; BridgeRuns the
	// exits the driver went on from by running a bridge (those the backend attached into
	// machine code never come back to Go at all).
	GuardFailures int `json:"guard_failures"`
	BridgeRuns    int `json:"bridge_runs"`
	Aborts        int `json:"aborts"`
	Blacklisted   int `json:"blacklisted"`
	LoopEntries   int `json:"loop_entries"`
	// CodeBytes is the code compiled in the whole run; LiveCodeBytes the part not flushed.
	CodeBytes     int `json:"code_bytes"`
	LiveCodeBytes int `json:"live_code_bytes"`
	BridgeAborts  int `json:"bridge_aborts"`
	Flushes       int `json:"flushes"`
	Invalidations int `json:"invalidations"`
	// AbortReasons counts aborts by reason (the text up to the first colon).
	AbortReasons map[string]int `json:"abort_reasons,omitempty"`
}

// Loop is a compiled loop, installed under its green key. With its bridges it forms a trace
// tree (LuaJIT's root trace and side traces): the bridges attached to its guards, and to the
// guards of those bridges, run within its Enter.
type Loop struct {
	Key      GreenKey
	Trace    *trace.Trace // the trace as compiled (after optimization)
	Recorded *trace.Trace // the trace as recorded
	compiled backend.Loop
	driver   *Driver
	invalid  bool
	running  int // Enters of this loop under way (a residual call may enter it again)
}

// Driver is the JIT of one interpreter instance. It is not safe for concurrent use.
type Driver struct {
	opts    Options
	backend backend.Backend
	cats    map[string]bool
	loops   map[GreenKey]*Loop
	aborts  map[GreenKey]int
	// guards holds the failure counters and bridges of guards, by trace and op; rootOf
	// gives the loop whose tree a compiled trace (a loop's or a bridge's) belongs to, and
	// bridgeOf the bridge a compiled trace is.
	guards   map[guardKey]*guardState
	rootOf   map[*trace.Trace]*Loop
	bridgeOf map[*trace.Trace]*Bridge
	entries  []*entry // the Enters under way, innermost last (bridge.go)
	// linkExit is the exit the last Enter returned when its bridge's target loop had been
	// invalidated meanwhile, and linkKey that loop's key (see LinkTarget).
	linkExit *backend.Exit
	linkKey  GreenKey
	Stats    Stats
}

// New returns a driver.
func New(opts Options) *Driver {
	if opts.Threshold <= 0 {
		opts.Threshold = DefaultThreshold
	}
	if opts.MaxAborts <= 0 {
		opts.MaxAborts = DefaultMaxAborts
	}
	if opts.TraceLimit <= 0 {
		opts.TraceLimit = DefaultTraceLimit
	}
	if opts.InlineDepth <= 0 {
		opts.InlineDepth = DefaultInlineDepth
	}
	if opts.BridgeThreshold == 0 {
		opts.BridgeThreshold = DefaultBridgeThreshold
	}
	d := &Driver{opts: opts, backend: opts.Backend, cats: map[string]bool{},
		loops: map[GreenKey]*Loop{}, aborts: map[GreenKey]int{},
		guards: map[guardKey]*guardState{}, rootOf: map[*trace.Trace]*Loop{}, bridgeOf: map[*trace.Trace]*Bridge{}}
	if d.backend == nil {
		d.backend = irexec.New()
	}
	for _, c := range strings.Split(opts.LogCategories, ",") {
		if c = strings.TrimSpace(c); c != "" {
			d.cats[c] = true
		}
	}
	return d
}

// Threshold returns the number of back-edges after which a loop is traced.
func (d *Driver) Threshold() int { return d.opts.Threshold }

// TraceLimit returns the longest trace, in ops, a recording may make.
func (d *Driver) TraceLimit() int { return d.opts.TraceLimit }

// InlineDepth returns how deeply a recording may inline guest calls.
func (d *Driver) InlineDepth() int { return d.opts.InlineDepth }

// BackendName returns the name of the backend compiling the traces.
func (d *Driver) BackendName() string { return d.backend.Name() }

// Logging reports whether log category cat is enabled.
func (d *Driver) Logging(cat string) bool { return d.cats[cat] && d.opts.Log != nil }

// Logf writes to the log under category cat, PYPYLOG-style: {cat ... cat}.
func (d *Driver) Logf(cat, format string, args ...any) {
	if !d.Logging(cat) {
		return
	}
	fmt.Fprintf(d.opts.Log, "[jit] {%s\n%s\n[jit] %s}\n", cat, strings.TrimRight(fmt.Sprintf(format, args...), "\n"), cat)
}

// Hot reports whether the loop at key should be traced now: it has no compiled loop and is
// not blacklisted. The interpreter calls it when its counter reaches the threshold.
func (d *Driver) Hot(key GreenKey) bool {
	return d.loops[key] == nil && d.aborts[key] < d.opts.MaxAborts
}

// Blacklisted reports whether the driver gave up tracing the loop at key.
func (d *Driver) Blacklisted(key GreenKey) bool { return d.aborts[key] >= d.opts.MaxAborts }

// Abort records that tracing the loop at key failed, and why. After MaxAborts failures the loop
// is blacklisted: it is never traced again.
func (d *Driver) Abort(key GreenKey, reason string) {
	d.aborts[key]++
	d.Stats.Aborts++
	d.countAbortReason(reason)
	blacklisted := ""
	if d.aborts[key] >= d.opts.MaxAborts {
		d.Stats.Blacklisted++
		blacklisted = " (blacklisted)"
	}
	d.Logf("jit-abort", "abort tracing loop at code %d pc %d: %s%s", key.Code, key.PC, reason, blacklisted)
}

// countAbortReason counts an abort (of a loop or a bridge) under its reason: the text up to
// the first colon.
func (d *Driver) countAbortReason(reason string) {
	if d.Stats.AbortReasons == nil {
		d.Stats.AbortReasons = map[string]int{}
	}
	short := reason
	if i := strings.IndexAny(short, ":"); i > 0 {
		short = short[:i]
	}
	d.Stats.AbortReasons[short]++
}

// Install validates, optimizes and compiles a recorded trace, and installs it under key.
func (d *Driver) Install(key GreenKey, t *trace.Trace) (*Loop, error) {
	final, compiled, err := d.compile(t, nil)
	if err != nil {
		d.Abort(key, err.Error())
		return nil, err
	}
	l := &Loop{Key: key, Trace: final, Recorded: t, compiled: compiled, driver: d}
	d.loops[key] = l
	d.rootOf[final] = l
	d.Stats.LoopsCompiled++
	return l, nil
}

// compile validates, optimizes and compiles a recorded trace (a loop's, or a bridge's when
// attach is set: then attach compiles it, into a tree of machine code or on its own), with
// the logs of each step. Its errors name the step that failed ("optimizer: ...").
func (d *Driver) compile(t *trace.Trace, attach func(*trace.Trace) (backend.Loop, error)) (*trace.Trace, backend.Loop, error) {
	if d.Logging("jit-log-noopt") {
		d.Logf("jit-log-noopt", "%s", t.Format(d.opts.Symbols))
	}
	if err := trace.Validate(t); err != nil {
		return nil, nil, fmt.Errorf("invalid trace: %w", err)
	}
	final := t
	if d.opts.Optimize != nil {
		opt, err := d.opts.Optimize(t.Clone())
		if err != nil {
			return nil, nil, fmt.Errorf("optimizer: %w", err)
		}
		final = opt
		if d.Logging("jit-log-opt") {
			d.Logf("jit-log-opt", "%s", final.Format(d.opts.Symbols))
		}
	}
	if attach == nil {
		attach = d.backend.Compile
	}
	compiled, err := d.withRoom(final, attach)
	if err != nil {
		return nil, nil, fmt.Errorf("backend: %w", err)
	}
	if d.Logging("jit-backend-dump") {
		if dis, ok := compiled.(interface{ Disassemble() string }); ok {
			d.Logf("jit-backend-dump", "%s", dis.Disassemble())
		} else {
			d.Logf("jit-backend-dump", "backend %s makes no machine code; the trace runs as:\n%s",
				d.backend.Name(), final.Format(d.opts.Symbols))
		}
	}
	d.Stats.CodeBytes += compiled.CodeSize()
	d.Stats.LiveCodeBytes += compiled.CodeSize()
	return final, compiled, nil
}

// Loop returns the compiled loop at key, or nil.
func (d *Driver) Loop(key GreenKey) *Loop { return d.loops[key] }

// Invalid reports whether the loop was invalidated or flushed: it must not be entered again
// (the driver will trace its key anew when it gets hot).
func (l *Loop) Invalid() bool { return l.invalid }

// Summary returns the statistics as the jit-summary log shows them.
func (d *Driver) Summary() string {
	s := d.Stats
	return fmt.Sprintf("backend: %s\nloops compiled: %d\nbridges compiled: %d (aborted: %d)\nloop entries: %d\nguard failures: %d\naborts: %d (blacklisted loops: %d) %v\ninvalidations: %d\nflushes: %d\ncode bytes: %d (live: %d)",
		d.backend.Name(), s.LoopsCompiled, s.BridgesCompiled, s.BridgeAborts, s.LoopEntries, s.GuardFailures, s.Aborts, s.Blacklisted, s.AbortReasons, s.Invalidations, s.Flushes, s.CodeBytes, s.LiveCodeBytes)
}

package interp

import (
	"math/big"

	"github.com/metajit/metajit/interp/compile"
)

// codeInfo is what the interpreter keeps beside each Code object: its constants as Values,
// the back-edge counters of its loops (the hot counters the JIT reads), inline caches, and a
// free list of frames so that calls do not allocate.
type codeInfo struct {
	code    *compile.Code
	quick   []compile.Instr // the instructions with superinstructions (quicken.go)
	hooked  []compile.Instr // all opHook: what runs while recording
	consts  []Value
	kwnames [][]string // KW_NAMES constants, decoded once (indexed like consts)
	nlocals int
	size    int // locals + maximum stack depth

	// backEdges[pc] counts the JUMP_BACKWARDs taken to the loop header at pc. Together with
	// the code object, pc is the green key of a loop: where the JIT's merge point sits.
	backEdges []uint64

	methodCache []methodCacheEntry // per CALL_METHOD pc: the method last found for a receiver kind
	freeFrames  []*Frame

	// The JIT's bookkeeping: the code's id in snapshots, the state of each loop header, and
	// the stack depth at each pc (to rebuild a frame from a snapshot).
	id          int32
	loops       []*jitLoopState
	stackDepths []int
	live        [][]uint64 // live locals before each pc (liveness.go), made when first needed
}

type methodCacheEntry struct {
	kind Kind
	fn   *Builtin
}

// Frame is the state of one running Code: its fast locals followed by its value stack, and
// the index of the next instruction.
type Frame struct {
	info *codeInfo
	regs []Value // regs[:nlocals] are the locals, regs[nlocals:] the value stack
	sp   int     // next free stack slot in regs
	pc   int
	// pending is an exception to raise as soon as the frame runs: the error of a callee
	// whose frame a JIT exit rebuilt and ran first.
	pending *Exception
}

// info returns (creating on first use) the interpreter's companion of a code object.
func (in *Interp) info(code *compile.Code) *codeInfo {
	if ci, ok := in.infos[code]; ok {
		return ci
	}
	ci := &codeInfo{
		code:        code,
		quick:       quicken(code),
		hooked:      hookedInstrs(len(code.Instrs)),
		consts:      make([]Value, len(code.Consts)),
		kwnames:     make([][]string, len(code.Consts)),
		nlocals:     len(code.Locals),
		size:        len(code.Locals) + code.MaxStack + 1,
		backEdges:   make([]uint64, len(code.Instrs)),
		methodCache: make([]methodCacheEntry, len(code.Instrs)),
		id:          -1,
	}
	for i, c := range code.Consts {
		ci.consts[i] = constValue(c)
		if t, ok := c.(compile.Tuple); ok {
			names := make([]string, len(t))
			for j, n := range t {
				names[j], _ = n.(string)
			}
			ci.kwnames[i] = names
		}
	}
	in.infos[code] = ci
	return ci
}

// constValue converts a compiler constant to a Value.
func constValue(c any) Value {
	switch c := c.(type) {
	case nil:
		return None
	case bool:
		return Bool(c)
	case int64:
		return Int(c)
	case *big.Int:
		return BigInt(c)
	case float64:
		return Float(c)
	case string:
		return NewStr(c)
	case *compile.Code:
		return Value{kind: KindCode, ref: c}
	case compile.Tuple:
		items := make([]Value, len(c))
		for i, x := range c {
			items[i] = constValue(x)
		}
		return NewTuple(items)
	}
	panic("interp: unknown constant type")
}

// newFrame takes a frame for info from its free list, or makes one. Its locals are unbound.
func (in *Interp) newFrame(info *codeInfo) *Frame {
	if n := len(info.freeFrames); n > 0 {
		f := info.freeFrames[n-1]
		info.freeFrames = info.freeFrames[:n-1]
		return f
	}
	return &Frame{info: info, regs: make([]Value, info.size), sp: info.nlocals}
}

// freeFrame clears a finished frame (so it keeps nothing alive and its locals read as unbound
// next time) and returns it to the free list.
func (in *Interp) freeFrame(f *Frame) {
	clear(f.regs)
	f.sp = f.info.nlocals
	f.pc = 0
	f.info.freeFrames = append(f.info.freeFrames, f)
}

// BackEdges returns how many times the loop whose header is at pc in code has jumped back:
// the hot counter of that loop.
func (in *Interp) BackEdges(code *compile.Code, pc int) uint64 {
	ci, ok := in.infos[code]
	if !ok || pc < 0 || pc >= len(ci.backEdges) {
		return 0
	}
	return ci.backEdges[pc]
}

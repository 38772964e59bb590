//go:build amd64 && unix

package amd64

import (
	"fmt"
	"strings"
	"sync"

	golangasm "github.com/twitchyliquid64/golang-asm"
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// This file wraps golang-asm, the Go toolchain's own assembler (cmd/internal/obj) published
// as a library: the code generator builds obj.Progs as the Go compiler does, in Go's
// assembler syntax (operands in source, destination order: MOVQ AX, BX copies AX into BX;
// CMPQ is the exception and compares its first operand with its second, as Intel's cmp).
//
// Facts about golang-asm this file copes with (each checked by a test):
//   - its x86 instruction tables are global and initialized lazily, by NewBuilder, without
//     synchronization: builders are made and run under asmMu;
//   - it prints invalid-instruction diagnostics instead of returning them: the builder's
//     DiagFunc is replaced by one that records them, and assembly fails with them;
//   - a branch needs To.Type = obj.TYPE_BRANCH before To.SetTarget;
//   - branches are relaxed (short when the target is near): a guard's branch, which must be
//     patchable with any 32-bit displacement later (to point it at a bridge), is therefore
//     emitted as raw bytes, 0F 8x and a 32-bit displacement filled in after assembly;
//   - PCALIGN does not work on amd64, so nothing is aligned;
//   - there is no floating-point immediate: float constants go through R11 (MOVQ $bits, R11;
//     MOVQ R11, Xn).

// asmMu serializes every use of golang-asm (see above).
var asmMu sync.Mutex

// Register numbers (the hardware encoding, 0-15) of the registers the code generator names.
const (
	rAX, rCX, rDX, rBX, rSP, rBP, rSI, rDI = 0, 1, 2, 3, 4, 5, 6, 7
	r8, r9, r10, r11, r12, r13, r14, r15   = 8, 9, 10, 11, 12, 13, 14, 15

	// rBudget counts the back-edges left before the loop yields to Go (see regalloc.go).
	rBudget = r14
)

// gp returns golang-asm's name of general-purpose register n, xr of XMM register n, and b8
// of the low byte of general-purpose register n (AL, CL, ..., SIB, DIB, R8B...).
func gp(n reg) int16 { return x86.REG_AX + int16(n) }
func xr(n reg) int16 { return x86.REG_X0 + int16(n) }
func b8(n reg) int16 { return x86.REG_AL + int16(n) }

// Operand constructors.
func rOp(r int16) obj.Addr   { return obj.Addr{Type: obj.TYPE_REG, Reg: r} }
func immOp(v int64) obj.Addr { return obj.Addr{Type: obj.TYPE_CONST, Offset: v} }
func memOp(base int16, off int64) obj.Addr {
	return obj.Addr{Type: obj.TYPE_MEM, Reg: base, Offset: off}
}
func memIdx(base, index int16, scale int16, off int64) obj.Addr {
	return obj.Addr{Type: obj.TYPE_MEM, Reg: base, Index: index, Scale: scale, Offset: off}
}

// ctxMem is the memory operand off(R15): a word of the run's area (see loop.go).
func ctxMem(off int32) obj.Addr { return memOp(gp(r15), int64(off)) }

// cond is an x86 condition code, numbered as in the encoding of Jcc (0F 80+cc) and SETcc
// (0F 90+cc); cond^1 is the opposite condition.
type cond uint8

const (
	condO  cond = 0x0 // overflow
	condNO cond = 0x1
	condB  cond = 0x2 // below (unsigned <), carry
	condAE cond = 0x3 // above or equal (unsigned >=)
	condE  cond = 0x4
	condNE cond = 0x5
	condBE cond = 0x6 // below or equal (unsigned <=)
	condA  cond = 0x7 // above (unsigned >)
	condP  cond = 0xa // parity: an unordered float comparison
	condNP cond = 0xb
	condL  cond = 0xc // signed <
	condGE cond = 0xd
	condLE cond = 0xe
	condG  cond = 0xf
)

func (c cond) not() cond { return c ^ 1 }

// swapped returns the condition that holds for (b, a) when c holds for (a, b).
func (c cond) swapped() cond {
	switch c {
	case condL:
		return condG
	case condG:
		return condL
	case condLE:
		return condGE
	case condGE:
		return condLE
	case condB:
		return condA
	case condA:
		return condB
	case condBE:
		return condAE
	case condAE:
		return condBE
	}
	return c
}

// golang-asm's mnemonics for SETcc and Jcc, by condition.
var (
	setcc = [16]obj.As{x86.ASETOS, x86.ASETOC, x86.ASETCS, x86.ASETCC, x86.ASETEQ, x86.ASETNE, x86.ASETLS,
		x86.ASETHI, x86.ASETMI, x86.ASETPL, x86.ASETPS, x86.ASETPC, x86.ASETLT, x86.ASETGE, x86.ASETLE, x86.ASETGT}
	jcc = [16]obj.As{x86.AJOS, x86.AJOC, x86.AJCS, x86.AJCC, x86.AJEQ, x86.AJNE, x86.AJLS,
		x86.AJHI, x86.AJMI, x86.AJPL, x86.AJPS, x86.AJPC, x86.AJLT, x86.AJGE, x86.AJLE, x86.AJGT}
)

// assembler collects the instructions of one trace.
type assembler struct {
	b     *golangasm.Builder
	diags []string
	// owner[k] is the IR op (or a negative region code, see disasm.go) that the k-th
	// instruction was emitted for; progs[k] is the instruction.
	progs []*obj.Prog
	owner []int
	cur   int
	long  []longJump
}

// longJump is a conditional branch with a 32-bit displacement, emitted as raw bytes: the
// prog holding the displacement and the label it must reach.
type longJump struct {
	disp   *obj.Prog // the LONG holding the displacement
	target *obj.Prog
}

func newAssembler(sizeHint int) (*assembler, error) {
	b, err := golangasm.NewBuilder("amd64", sizeHint)
	if err != nil {
		return nil, err
	}
	a := &assembler{b: b, cur: -1}
	// The builder's context is reachable only through its progs.
	ctxt := b.NewProg().Ctxt
	ctxt.DiagFunc = func(format string, args ...any) {
		a.diags = append(a.diags, fmt.Sprintf(format, args...))
	}
	ctxt.DiagFlush = func() {}
	return a, nil
}

// add appends an instruction.
func (a *assembler) add(p *obj.Prog) *obj.Prog {
	a.b.AddInstruction(p)
	a.progs = append(a.progs, p)
	a.owner = append(a.owner, a.cur)
	return p
}

// ins appends "as from, to" (either operand may be empty).
func (a *assembler) ins(as obj.As, from, to obj.Addr) *obj.Prog {
	p := a.b.NewProg()
	p.As, p.From, p.To = as, from, to
	return a.add(p)
}

// ins3 appends a three-operand instruction, IMUL3Q $imm, src, dst.
func (a *assembler) ins3(as obj.As, from, from3, to obj.Addr) *obj.Prog {
	p := a.b.NewProg()
	p.As, p.From, p.To = as, from, to
	p.SetFrom3(from3)
	return a.add(p)
}

// newLabel returns a position marker (a NOP, which assembles to nothing) to be placed later
// with place; branches may target it before it is placed.
func (a *assembler) newLabel() *obj.Prog {
	p := a.b.NewProg()
	p.As = obj.ANOP
	return p
}

// place puts a label at the current position.
func (a *assembler) place(l *obj.Prog) { a.add(l) }

// branch appends a jump (obj.AJMP or a Jcc) to a label, which the assembler may make short.
func (a *assembler) branch(as obj.As, target *obj.Prog) {
	p := a.b.NewProg()
	p.As = as
	p.To.Type = obj.TYPE_BRANCH // before SetTarget, or golang-asm loses the target
	p.To.SetTarget(target)
	a.add(p)
}

// jccLong appends "Jcc rel32" to target, always in its 6-byte form, and returns the
// instruction's first prog.
func (a *assembler) jccLong(c cond, target *obj.Prog) *obj.Prog {
	first := a.ins(x86.ABYTE, immOp(0x0f), obj.Addr{})
	a.ins(x86.ABYTE, immOp(int64(0x80|c)), obj.Addr{})
	disp := a.ins(x86.ALONG, immOp(0), obj.Addr{})
	a.long = append(a.long, longJump{disp: disp, target: target})
	return first
}

// assemble produces the machine code, or the assembler's diagnostics as an error.
func (a *assembler) assemble() (code []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("amd64: assembler panic: %v", r)
		}
	}()
	code = a.b.Assemble()
	if len(a.diags) > 0 {
		return nil, fmt.Errorf("amd64: assembler: %s", strings.Join(a.diags, "; "))
	}
	for _, j := range a.long {
		end := j.disp.Pc + 4
		d := j.target.Pc - end
		if d != int64(int32(d)) {
			return nil, fmt.Errorf("amd64: branch displacement %d does not fit 32 bits", d)
		}
		putUint32(code[j.disp.Pc:], uint32(int32(d)))
	}
	return code, nil
}

func putUint32(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
}

//go:build arm64 && linux

package arm64

import (
	"fmt"
	"strings"
	"sync"

	golangasm "github.com/twitchyliquid64/golang-asm"
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// This file wraps golang-asm, the Go toolchain's own assembler (cmd/internal/obj) published
// as a library: the code generator builds obj.Progs as the Go compiler does, in Go's
// assembler syntax. For arm64 that means: the destination last, and a three-operand
// "ADD Rm, Rn, Rd" is Rd = Rn + Rm (p.From = Rm, p.Reg = Rn, p.To = Rd), so "SUB R1, R2, R3"
// is R3 = R2 - R1 and "CMP R1, R2" sets the flags of R2 - R1 (the golden encoding tests pin
// these orders down with an independent decoder, golang.org/x/arch/arm64/arm64asm).
//
// Facts about golang-asm this file copes with (each checked by a test):
//   - the Builder hands its first instruction to the assembler as the function's TEXT, which
//     is not assembled: newAssembler emits a NOP first, so nothing real is lost;
//   - its instruction tables are global and initialized lazily, by NewBuilder, without
//     synchronization: builders are made and run under asmMu;
//   - it prints invalid-instruction diagnostics instead of returning them: the builder's
//     DiagFunc is replaced by one that records them, and assembly fails with them;
//   - a branch needs To.Type = obj.TYPE_BRANCH before To.SetTarget;
//   - it builds constants and offsets that do not fit an instruction in REGTMP (R27), which
//     the allocator therefore never hands out.

// asmMu serializes every use of golang-asm (see above).
var asmMu sync.Mutex

// gp returns golang-asm's name of general-purpose register n (R0-R30; 31 is ZR), fr that of
// floating-point register n (F0-F31).
func gp(n reg) int16 { return arm64.REG_R0 + int16(n) }
func fr(n reg) int16 { return arm64.REG_F0 + int16(n) }

// Registers with a fixed role (see regalloc.go).
const (
	rCtx  reg = 26 // the run's area
	rTmp  reg = 16 // scratch: addresses, constants
	rTmp2 reg = 17 // scratch: values
	rZR   reg = 31 // the zero register (as a source operand)
	fTmp  reg = 31 // floating-point scratch

	// rBudget counts the back-edges left before the loop yields to Go (see regalloc.go).
	rBudget reg = 25
)

// Operand constructors.
func rOp(r int16) obj.Addr   { return obj.Addr{Type: obj.TYPE_REG, Reg: r} }
func immOp(v int64) obj.Addr { return obj.Addr{Type: obj.TYPE_CONST, Offset: v} }
func memOp(base int16, off int64) obj.Addr {
	return obj.Addr{Type: obj.TYPE_MEM, Reg: base, Offset: off}
}

// immOp0 is an immediate operand for arithmetic and comparisons: golang-asm encodes what
// fits the instruction and builds the rest in R27, but it assembles the constant 0 as
// register R0 ("CMP $0, R7" becomes cmp x7, x0), so 0 is passed as ZR instead.
func immOp0(v int64) obj.Addr {
	if v == 0 {
		return rOp(gp(rZR))
	}
	return immOp(v)
}

// ctxMem is the memory operand off(R26): a word of the run's area (see loop.go).
func ctxMem(off int32) obj.Addr { return memOp(gp(rCtx), int64(off)) }

// cond is an AArch64 condition code, numbered as in the encoding; cond^1 is the opposite.
type cond uint8

const (
	condEQ cond = 0x0
	condNE cond = 0x1
	condHS cond = 0x2 // unsigned >=, carry set
	condLO cond = 0x3 // unsigned <
	condMI cond = 0x4 // negative: also float < (false when unordered)
	condPL cond = 0x5
	condVS cond = 0x6 // overflow
	condVC cond = 0x7
	condHI cond = 0x8 // unsigned >
	condLS cond = 0x9 // unsigned <=: also float <= (false when unordered)
	condGE cond = 0xa
	condLT cond = 0xb
	condGT cond = 0xc
	condLE cond = 0xd
)

func (c cond) not() cond { return c ^ 1 }

// swapped returns the condition that holds for (b, a) when c holds for (a, b).
func (c cond) swapped() cond {
	switch c {
	case condLT:
		return condGT
	case condGT:
		return condLT
	case condLE:
		return condGE
	case condGE:
		return condLE
	case condLO:
		return condHI
	case condHI:
		return condLO
	case condLS:
		return condHS
	case condHS:
		return condLS
	}
	return c
}

// condOp is the operand naming a condition (CSET, CSEL).
func condOp(c cond) obj.Addr { return obj.Addr{Type: obj.TYPE_REG, Reg: arm64.COND_EQ + int16(c)} }

// bcc is golang-asm's B.cond mnemonic by condition.
var bcc = [14]obj.As{arm64.ABEQ, arm64.ABNE, arm64.ABHS, arm64.ABLO, arm64.ABMI, arm64.ABPL, arm64.ABVS,
	arm64.ABVC, arm64.ABHI, arm64.ABLS, arm64.ABGE, arm64.ABLT, arm64.ABGT, arm64.ABLE}

// assembler collects the instructions of one trace.
type assembler struct {
	b     *golangasm.Builder
	diags []string
	// owner[k] is the IR op (or a negative region code, see disasm.go) that the k-th
	// instruction was emitted for; progs[k] is the instruction.
	progs []*obj.Prog
	owner []int
	cur   int
}

func newAssembler(sizeHint int) (*assembler, error) {
	b, err := golangasm.NewBuilder("arm64", sizeHint)
	if err != nil {
		return nil, err
	}
	a := &assembler{b: b, cur: -1}
	ctxt := b.NewProg().Ctxt
	ctxt.DiagFunc = func(format string, args ...any) {
		a.diags = append(a.diags, fmt.Sprintf(format, args...))
	}
	ctxt.DiagFlush = func() {}
	// The first instruction stands for the function's TEXT and is never assembled.
	p := b.NewProg()
	p.As = obj.ANOP
	b.AddInstruction(p)
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

// ins3 appends "as from, rn, to": to = rn OP from.
func (a *assembler) ins3(as obj.As, from obj.Addr, rn int16, to obj.Addr) *obj.Prog {
	p := a.b.NewProg()
	p.As, p.From, p.Reg, p.To = as, from, rn, to
	return a.add(p)
}

// ins4 appends a four-operand instruction: "MSUB rm, ra, rn, rd" (rd = ra - rn*rm), "CSEL
// cond, rn, rm, rd" (rd = cond ? rn : rm).
func (a *assembler) ins4(as obj.As, from obj.Addr, rn int16, from3, to obj.Addr) *obj.Prog {
	p := a.b.NewProg()
	p.As, p.From, p.Reg, p.To = as, from, rn, to
	p.SetFrom3(from3)
	return a.add(p)
}

// ret appends RET, which returns through R30 (golang-asm wants the register named).
func (a *assembler) ret() *obj.Prog {
	return a.ins(obj.ARET, obj.Addr{}, rOp(arm64.REGLINK))
}

// jumpReg appends BR r, an indirect branch to the address in register r.
func (a *assembler) jumpReg(r reg) *obj.Prog {
	return a.ins(arm64.AB, obj.Addr{}, memOp(gp(r), 0))
}

// word appends a raw instruction word.
func (a *assembler) word(w uint32) *obj.Prog {
	return a.ins(arm64.AWORD, immOp(int64(w)), obj.Addr{})
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

// branch appends a branch (arm64.AB or a B.cond) to a label and returns it.
func (a *assembler) branch(as obj.As, target *obj.Prog) *obj.Prog {
	p := a.b.NewProg()
	p.As = as
	p.To.Type = obj.TYPE_BRANCH // before SetTarget, or golang-asm loses the target
	p.To.SetTarget(target)
	return a.add(p)
}

// assemble produces the machine code, or the assembler's diagnostics as an error.
func (a *assembler) assemble() (code []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("arm64: assembler panic: %v", r)
		}
	}()
	code = a.b.Assemble()
	if len(a.diags) > 0 {
		return nil, fmt.Errorf("arm64: assembler: %s", strings.Join(a.diags, "; "))
	}
	if len(code)%4 != 0 {
		return nil, fmt.Errorf("arm64: assembler produced %d bytes, not whole instructions", len(code))
	}
	return code, nil
}

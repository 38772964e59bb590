//go:build arm64 && linux

package arm64

import (
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
	"golang.org/x/arch/arm64/arm64asm"
)

// Golden encoding tests: instructions as the code generator writes them for golang-asm, the
// bytes golang-asm makes of them, and what arm64asm (an independent decoder) reads back in
// GNU syntax (destination first). They pin down the operand orders that are easy to get
// wrong in Go's assembler syntax: SUB Rm, Rn, Rd is Rd = Rn - Rm, CMP Rm, Rn compares Rn
// with Rm, MSUB's and CSEL's four operands.
func TestGoldenEncodings(t *testing.T) {
	R := func(n reg) obj.Addr { return rOp(gp(n)) }
	F := func(n reg) obj.Addr { return rOp(fr(n)) }
	cases := []struct {
		emit  func(a *assembler)
		bytes string
		gnu   string
	}{
		{func(a *assembler) { a.ins3(arm64.AADD, R(1), gp(2), R(3)) }, "", "add x3, x2, x1"},
		{func(a *assembler) { a.ins3(arm64.ASUB, R(1), gp(2), R(3)) }, "", "sub x3, x2, x1"},
		{func(a *assembler) { a.ins3(arm64.ASUB, immOp(1), gp(rTmp), R(rTmp)) }, "", "sub x16, x16, #0x1"},
		{func(a *assembler) { a.ins3(arm64.ASUBS, R(1), gp(2), R(3)) }, "", "subs x3, x2, x1"},
		{func(a *assembler) { a.ins3(arm64.ASUBS, immOp(1), gp(rBudget), R(rBudget)) }, "", "subs x25, x25, #0x1"},
		{func(a *assembler) { a.ins3(arm64.AADDS, R(4), gp(5), R(6)) }, "", "adds x6, x5, x4"},
		{func(a *assembler) { a.ins3(arm64.ACMP, R(1), gp(2), obj.Addr{}) }, "", "cmp x2, x1"},
		{func(a *assembler) { a.ins3(arm64.ACMP, immOp0(0), gp(7), obj.Addr{}) }, "", "cmp x7, xzr"},
		{func(a *assembler) { a.ins3(arm64.AFCMPD, F(1), fr(2), obj.Addr{}) }, "", "fcmp d2, d1"},
		{func(a *assembler) { a.ins3(arm64.AFSUBD, F(1), fr(2), F(3)) }, "", "fsub d3, d2, d1"},
		{func(a *assembler) { a.ins3(arm64.AFDIVD, F(1), fr(2), F(3)) }, "", "fdiv d3, d2, d1"},
		{func(a *assembler) { a.ins3(arm64.ASDIV, R(1), gp(2), R(rTmp)) }, "", "sdiv x16, x2, x1"},
		{func(a *assembler) { a.ins4(arm64.AMSUB, R(1), gp(2), R(rTmp), R(rTmp2)) }, "", "msub x17, x16, x1, x2"},
		{func(a *assembler) { a.ins3(arm64.ASMULH, R(1), gp(2), R(rTmp)) }, "", "smulh x16, x2, x1"},
		{func(a *assembler) { a.ins3(arm64.ALSL, R(1), gp(2), R(3)) }, "", "lsl x3, x2, x1"},
		{func(a *assembler) { a.ins3(arm64.AASR, immOp(63), gp(3), R(rTmp2)) }, "", "asr x17, x3, #63"},
		{func(a *assembler) { a.ins(arm64.ACSET, condOp(condLT), R(5)) }, "", "cset x5, lt"},
		{func(a *assembler) { a.ins4(arm64.ACSEL, condOp(condEQ), gp(rZR), R(4), R(4)) }, "", "csel x4, xzr, x4, eq"},
		{func(a *assembler) { a.ins(arm64.AFCVTZSD, F(1), R(2)) }, "", "fcvtzs x2, d1"},
		{func(a *assembler) { a.ins(arm64.ASCVTFD, R(2), F(1)) }, "", "scvtf d1, x2"},
		{func(a *assembler) { a.ins(arm64.AFMOVD, F(1), R(rTmp)) }, "", "fmov x16, d1"},
		{func(a *assembler) { a.ins(arm64.AFMOVD, R(rTmp), F(1)) }, "", "fmov d1, x16"},
		{func(a *assembler) { a.ins(arm64.AMOVD, ctxMem(16), R(3)) }, "", "ldr x3, [x26,#16]"},
		{func(a *assembler) { a.ins(arm64.AFMOVD, F(2), ctxMem(8)) }, "", "str d2, [x26,#8]"},
		{func(a *assembler) { a.ins(arm64.AMOVW, memOp(gp(1), 4), R(2)) }, "", "ldrsw x2, [x1,#4]"},
		{func(a *assembler) { a.ins(arm64.AMOVHU, memOp(gp(1), 2), R(2)) }, "", "ldrh w2, [x1,#2]"},
		{func(a *assembler) { a.ins(arm64.AMOVB, memOp(gp(1), 3), R(2)) }, "", "ldrsb x2, [x1,#3]"},
		{func(a *assembler) { a.ins(arm64.AMOVB, R(2), memOp(gp(1), 3)) }, "", "strb w2, [x1,#3]"},
		{func(a *assembler) { a.ins(arm64.AMOVD, immOp(-1<<40), R(3)) }, "", "mov x3, #0xffffff0000000000"},
		{func(a *assembler) { a.ins(arm64.AMOVD, rOp(gp(rZR)), R(3)) }, "", "mov x3, #0x0"},
		{func(a *assembler) { a.ret() }, "", "ret"},
		{func(a *assembler) { a.jumpReg(rTmp) }, "", "br x16"},
		{func(a *assembler) { a.ins(arm64.AMOVD, memOp(gp(rTmp), 0), R(rTmp)) }, "", "ldr x16, [x16]"},
		{func(a *assembler) { l := a.newLabel(); a.branch(bcc[condNE], l); a.place(l) }, "", "b.ne .+0x4"},
	}
	asmMu.Lock()
	defer asmMu.Unlock()
	for _, c := range cases {
		a, err := newAssembler(16)
		if err != nil {
			t.Fatal(err)
		}
		c.emit(a)
		code, err := a.assemble()
		if err != nil {
			t.Errorf("%s: %v", c.gnu, err)
			continue
		}
		for len(code) >= 4 && binary.LittleEndian.Uint32(code[len(code)-4:]) == 0 {
			code = code[:len(code)-4] // golang-asm pads the function with zeros
		}
		var text []string
		for off := 0; off+4 <= len(code); off += 4 {
			inst, err := arm64asm.Decode(code[off:])
			if err != nil {
				t.Errorf("%s: %08x does not decode: %v", c.gnu, binary.LittleEndian.Uint32(code[off:]), err)
				break
			}
			text = append(text, arm64asm.GNUSyntax(inst))
		}
		got := strings.Join(text, "; ")
		if got != c.gnu {
			t.Errorf("%x decodes as %q, want %q", code, got, c.gnu)
		}
		if c.bytes != "" && hex.EncodeToString(code) != c.bytes {
			t.Errorf("%s: bytes %x, want %s", c.gnu, code, c.bytes)
		}
	}
}

// golang-asm prints its diagnostics; the hooked DiagFunc turns them into an error.
func TestInvalidInstructionFailsLoudly(t *testing.T) {
	asmMu.Lock()
	defer asmMu.Unlock()
	a, err := newAssembler(16)
	if err != nil {
		t.Fatal(err)
	}
	a.ins(arm64.AMOVD, memOp(gp(1), 0), memOp(gp(2), 0)) // memory to memory: no such instruction
	if _, err := a.assemble(); err == nil {
		t.Errorf("assembled a memory-to-memory MOVD")
	}
}

// The Builder drops the first instruction it is given: newAssembler gives it a NOP.
func TestFirstInstructionKept(t *testing.T) {
	asmMu.Lock()
	defer asmMu.Unlock()
	a, err := newAssembler(16)
	if err != nil {
		t.Fatal(err)
	}
	a.ins(arm64.AMOVD, immOp(7), R0())
	a.ret()
	code, err := a.assemble()
	if err != nil || len(code) < 8 {
		t.Fatalf("%x %v", code, err)
	}
	if inst, err := arm64asm.Decode(code); err != nil || !strings.HasPrefix(arm64asm.GNUSyntax(inst), "mov x0, #0x7") && arm64asm.GNUSyntax(inst) != "orr x0, xzr, #0x7" {
		t.Errorf("first instruction %v %v", inst, err)
	}
}

func R0() obj.Addr { return rOp(gp(0)) }

//go:build amd64 && unix

package amd64

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
	"golang.org/x/arch/x86/x86asm"
)

// Golden encoding tests: instructions as the code generator writes them for golang-asm, the
// bytes golang-asm makes of them, and what x86asm (an independent decoder) reads back in
// Intel syntax. They pin down the operand orders that are easy to get wrong (Go's assembler
// puts the destination last, except for CMP; UCOMISD's operands are reversed from Intel's).
func TestGoldenEncodings(t *testing.T) {
	cases := []struct {
		emit  func(a *assembler)
		bytes string
		intel string
	}{
		{func(a *assembler) { a.ins(x86.AADDQ, rOp(gp(rBX)), rOp(gp(rSI))) }, "4801de", "add rsi, rbx"},
		{func(a *assembler) { a.ins(x86.ASUBQ, immOp(1), rOp(gp(rBudget))) }, "4983ee01", "sub r14, 0x1"},
		{func(a *assembler) { a.ins(x86.ACMPQ, rOp(gp(rBX)), rOp(gp(rDI))) }, "4839fb", "cmp rbx, rdi"},
		{func(a *assembler) { a.ins(x86.ACMPQ, rOp(gp(r9)), immOp(-5)) }, "4983f9fb", "cmp r9, -0x5"},
		{func(a *assembler) { a.ins(x86.AUCOMISD, rOp(xr(1)), rOp(xr(2))) }, "660f2ed1", "ucomisd xmm2, xmm1"},
		{func(a *assembler) { a.ins(setcc[condL], obj.Addr{}, rOp(b8(rSI))) }, "400f9cc6", "setl sil"},
		{func(a *assembler) { a.ins(setcc[condA], obj.Addr{}, rOp(b8(r9))) }, "410f97c1", "setnbe r9b"},
		{func(a *assembler) { a.ins(x86.AMOVBQZX, rOp(b8(rSI)), rOp(gp(rSI))) }, "480fb6f6", "movzx rsi, sil"},
		{func(a *assembler) { a.ins3(x86.AIMUL3Q, immOp(24), rOp(gp(rCX)), rOp(gp(r11))) }, "4c6bd918", "imul r11, rcx, 0x18"},
		{func(a *assembler) { a.ins(x86.AIMULQ, rOp(gp(rSI)), rOp(gp(r8))) }, "4c0fafc6", "imul r8, rsi"},
		{func(a *assembler) { a.ins(x86.AIDIVQ, rOp(gp(rBX)), obj.Addr{}) }, "48f7fb", "idiv rbx"},
		{func(a *assembler) { a.ins(x86.ACQO, obj.Addr{}, obj.Addr{}) }, "4899", "cqo"},
		{func(a *assembler) { a.ins(x86.ASHLQ, rOp(gp(rCX)), rOp(gp(rDX))) }, "48d3e2", "shl rdx, cl"},
		{func(a *assembler) { a.ins(x86.ASARQ, immOp(63), rOp(gp(r12))) }, "49c1fc3f", "sar r12, 0x3f"},
		{func(a *assembler) { a.ins(x86.AMOVQ, rOp(gp(rAX)), rOp(xr(3))) }, "66480f6ed8", "movq xmm3, rax"},
		{func(a *assembler) { a.ins(x86.AMOVQ, rOp(xr(3)), rOp(gp(r11))) }, "66490f7edb", "movq r11, xmm3"},
		{func(a *assembler) { a.ins(x86.AMOVQ, immOp(-1<<40), rOp(gp(rAX))) }, "48b80000000000ffffff", "mov rax, 0xffffff0000000000"},
		{func(a *assembler) { a.ins(x86.ACVTTSD2SQ, rOp(xr(1)), rOp(gp(rAX))) }, "f2480f2cc1", "cvttsd2si rax, xmm1"},
		{func(a *assembler) { a.ins(x86.ACVTSQ2SD, rOp(gp(rAX)), rOp(xr(1))) }, "f2480f2ac8", "cvtsi2sd xmm1, rax"},
		{func(a *assembler) { a.ins(x86.AMOVSD, ctxMem(16), rOp(xr(4))) }, "f2410f106710", "movsd xmm4, qword ptr [r15+0x10]"},
		{func(a *assembler) { a.ins(x86.AMOVSD, rOp(xr(2)), ctxMem(8)) }, "f2410f115708", "movsd qword ptr [r15+0x8], xmm2"},
		{func(a *assembler) { a.ins(x86.AMOVQ, memIdx(gp(rAX), gp(rCX), 8, 8), rOp(gp(rDX))) }, "488b54c808", "mov rdx, qword ptr [rax+8*rcx+0x8]"},
		{func(a *assembler) { a.ins(x86.AMOVBQSX, memOp(gp(rAX), 3), rOp(gp(rBX))) }, "480fbe5803", "movsx rbx, byte ptr [rax+0x3]"},
		{func(a *assembler) { a.ins(x86.AMOVWQZX, memOp(gp(rAX), 4), rOp(gp(rBX))) }, "480fb75804", "movzx rbx, word ptr [rax+0x4]"},
		{func(a *assembler) { a.ins(x86.AMOVLQSX, memOp(gp(rAX), 4), rOp(gp(rBX))) }, "48635804", "movsxd rbx, dword ptr [rax+0x4]"},
		{func(a *assembler) { a.ins(x86.AMOVB, rOp(gp(rSI)), memOp(gp(rAX), 4)) }, "40887004", "mov byte ptr [rax+0x4], sil"},
		{func(a *assembler) { a.ins(x86.AMOVW, immOp(-1), memOp(gp(rAX), 3)) }, "66c74003ffff", "mov word ptr [rax+0x3], -0x1"},
		{func(a *assembler) { a.ins(x86.AXORPD, rOp(xr(15)), rOp(xr(2))) }, "66410f57d7", "xorpd xmm2, xmm15"},
		{func(a *assembler) { a.ins(x86.AMOVAPD, rOp(xr(1)), rOp(xr(2))) }, "660f28d1", "movapd xmm2, xmm1"},
		{func(a *assembler) { a.ins(x86.ALEAQ, memOp(gp(rBX), 1), rOp(gp(r11))) }, "4c8d5b01", "lea r11, ptr [rbx+0x1]"},
		// A guard's branch: always Jcc rel32, whatever the distance.
		{func(a *assembler) { l := a.newLabel(); a.jccLong(condNE, l); a.place(l) }, "0f8500000000", "jnz .+0x0"},
		{func(a *assembler) {
			l := a.newLabel()
			a.jccLong(condO, l)
			a.ins(obj.ARET, obj.Addr{}, obj.Addr{})
			a.place(l)
		}, "0f8001000000c3", "jo .+0x1; ret"},
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
			t.Errorf("%s: %v", c.intel, err)
			continue
		}
		if got := hex.EncodeToString(code); got != c.bytes {
			t.Errorf("%s: bytes %s, want %s", c.intel, got, c.bytes)
		}
		var text []string
		for off := 0; off < len(code); {
			inst, err := x86asm.Decode(code[off:], 64)
			if err != nil {
				t.Errorf("%s: %x does not decode: %v", c.intel, code[off:], err)
				break
			}
			text = append(text, x86asm.IntelSyntax(inst, 0, nil))
			off += inst.Len
		}
		if got := strings.Join(text, "; "); got != c.intel {
			t.Errorf("%x decodes as %q, want %q", code, got, c.intel)
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
	a.ins(x86.AMOVQ, memOp(gp(rAX), 0), memOp(gp(rBX), 0)) // memory to memory: no such instruction
	if _, err := a.assemble(); err == nil || !strings.Contains(err.Error(), "invalid instruction") {
		t.Errorf("assembled a memory-to-memory MOVQ: %v", err)
	}
}

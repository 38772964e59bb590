//go:build amd64 && unix

package amd64

import (
	"fmt"
	"strings"

	"golang.org/x/arch/x86/x86asm"

	"github.com/metajit/metajit/backend/internal/machine"
)

// Disassemble returns the machine code of a compiled loop, decoded with x86asm, under the IR
// op each instruction was generated for (the -log=jit-backend-dump output: see
// machine.Listing).
func Disassemble(l *Loop) string {
	return machine.Listing(l.t, "amd64", l.block.Code(), l.block.Addr(), l.regions, decodeX86)
}

// decodeX86 lists the instructions of code[off:end] in Intel syntax, with their bytes.
func decodeX86(sb *strings.Builder, code []byte, off, end int) {
	for off < end {
		inst, err := x86asm.Decode(code[off:end], 64)
		if err != nil {
			fmt.Fprintf(sb, "    %04x  %02x  (undecodable: %v)\n", off, code[off], err)
			off++
			continue
		}
		fmt.Fprintf(sb, "    %04x  %-22x %s\n", off, code[off:off+inst.Len], x86asm.IntelSyntax(inst, uint64(off), nil))
		off += inst.Len
	}
}

// Disassemble returns the loop's machine code, decoded, under its IR ops (see the package
// function Disassemble).
func (l *Loop) Disassemble() string { return Disassemble(l) }

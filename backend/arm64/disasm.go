//go:build arm64 && linux

package arm64

import (
	"encoding/binary"
	"fmt"
	"strings"

	"golang.org/x/arch/arm64/arm64asm"

	"github.com/metajit/metajit/backend/internal/machine"
)

// Disassemble returns the machine code of a compiled loop, decoded with arm64asm, under the IR
// op each instruction was generated for (the -log=jit-backend-dump output: see
// machine.Listing). golang-asm's literal pool, if any, comes at the end, as data.
func Disassemble(l *Loop) string {
	return machine.Listing(l.t, "arm64", l.block.Code(), l.block.Addr(), l.regions, decodeARM64)
}

// decodeARM64 lists the instructions of code[off:end] in GNU syntax, with their words.
func decodeARM64(sb *strings.Builder, code []byte, off, end int) {
	for ; off+4 <= end; off += 4 {
		w := binary.LittleEndian.Uint32(code[off:])
		inst, err := arm64asm.Decode(code[off : off+4])
		if err != nil {
			fmt.Fprintf(sb, "    %04x  %08x  (data)\n", off, w)
			continue
		}
		fmt.Fprintf(sb, "    %04x  %08x  %s\n", off, w, arm64asm.GNUSyntax(inst))
	}
}

// Disassemble returns the loop's machine code, decoded, under its IR ops (see the package
// function Disassemble).
func (l *Loop) Disassemble() string { return Disassemble(l) }

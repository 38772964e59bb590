//go:build arm64 && linux

package arm64

import (
	"encoding/binary"
	"fmt"
	"strings"

	"golang.org/x/arch/arm64/arm64asm"

	"github.com/metajit/metajit/trace"
)

// Disassemble returns the machine code of a compiled loop, decoded, under the IR op each
// instruction was generated for (the -log=jit-backend-dump output, like PyPy's
// jit-backend-dump). Exit stubs are listed after the code under the guard they belong to; the
// loop's head loads, yield and re-entry under "loop glue"; golang-asm's literal pool, if any,
// at the end.
func Disassemble(l *Loop) string {
	var sb strings.Builder
	code := l.block.Code()
	fmt.Fprintf(&sb, "# trace %s: %d bytes of arm64 code at %#x\n", l.t.Name, len(code), l.block.Addr())
	for k := 0; k < len(l.regions); {
		r := l.regions[k]
		j := k + 1
		for j < len(l.regions) && l.regions[j].owner == r.owner {
			j++
		}
		end := len(code)
		if j < len(l.regions) {
			end = l.regions[j].off
		}
		k = j
		switch {
		case r.owner >= 0 && l.t.Ops[r.owner].Opcode == trace.OpInput:
			continue
		case r.owner >= 0:
			fmt.Fprintf(&sb, "  %s\n", l.t.FormatOp(r.owner, nil))
		case end == r.off:
			continue
		case r.owner == regionGlue:
			sb.WriteString("  # loop glue\n")
		default:
			fmt.Fprintf(&sb, "  # exit stub of op %d\n", -2-r.owner)
		}
		for off := r.off; off+4 <= end; off += 4 {
			w := binary.LittleEndian.Uint32(code[off:])
			inst, err := arm64asm.Decode(code[off : off+4])
			if err != nil {
				fmt.Fprintf(&sb, "    %04x  %08x  (data)\n", off, w)
				continue
			}
			fmt.Fprintf(&sb, "    %04x  %08x  %s\n", off, w, arm64asm.GNUSyntax(inst))
		}
	}
	return sb.String()
}

// Disassemble returns the loop's machine code, decoded, under its IR ops (see the package
// function Disassemble).
func (l *Loop) Disassemble() string { return Disassemble(l) }

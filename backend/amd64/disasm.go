//go:build amd64 && unix

package amd64

import (
	"fmt"
	"strings"

	"golang.org/x/arch/x86/x86asm"

	"github.com/metajit/metajit/trace"
)

// Disassemble returns the machine code of a compiled loop, decoded, under the IR op each
// instruction was generated for (the -log=jit-backend-dump output, like PyPy's
// jit-backend-dump, which a student can read next to jit-log-opt). Exit stubs are listed after
// the code under the guard they belong to; the loop's head loads, yield and re-entry under
// "loop glue".
func Disassemble(l *Loop) string {
	var sb strings.Builder
	code := l.block.Code()
	fmt.Fprintf(&sb, "# trace %s: %d bytes of amd64 code at %#x\n", l.t.Name, len(code), l.block.Addr())
	// Consecutive regions of one owner are decoded together (a guard's branch is three
	// progs: two BYTEs and a LONG).
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
		for off := r.off; off < end; {
			inst, err := x86asm.Decode(code[off:end], 64)
			if err != nil {
				fmt.Fprintf(&sb, "    %04x  %02x  (undecodable: %v)\n", off, code[off], err)
				off++
				continue
			}
			fmt.Fprintf(&sb, "    %04x  %-22x %s\n", off, code[off:off+inst.Len], x86asm.IntelSyntax(inst, uint64(off), nil))
			off += inst.Len
		}
	}
	return sb.String()
}

// Disassemble returns the loop's machine code, decoded, under its IR ops (see the package
// function Disassemble).
func (l *Loop) Disassemble() string { return Disassemble(l) }

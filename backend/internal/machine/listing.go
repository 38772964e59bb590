package machine

import (
	"fmt"
	"strings"

	"github.com/metajit/metajit/trace"
)

// Region is a stretch of a compiled loop's code, from Off to the next region, and what it was
// generated for: op Owner of the trace (Owner >= 0), the loop's glue (Glue: the head's loads,
// the yield and the re-entry), or the exit stub of a guard (StubOf(op)).
type Region struct {
	Off   int
	Owner int
}

// Glue is the owner of the loop glue's regions.
const Glue = -1

// StubOf returns the owner of the regions of the exit stub of guard op.
func StubOf(op int) int { return -2 - op }

// Decoder writes the instructions of code[off:end] to sb, one line each.
type Decoder func(sb *strings.Builder, code []byte, off, end int)

// Listing returns the machine code of a compiled loop, decoded, under the IR op each
// instruction was generated for (the -log=jit-backend-dump output, like PyPy's
// jit-backend-dump, which a student can read next to jit-log-opt). Exit stubs are listed after
// the code under the guard they belong to; the loop's head loads, yield and re-entry under
// "loop glue". Consecutive regions of one owner are decoded together (one op may be several
// of the assembler's progs).
func Listing(t *trace.Trace, arch string, code []byte, addr uintptr, regions []Region, decode Decoder) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# trace %s: %d bytes of %s code at %#x\n", t.Name, len(code), arch, addr)
	for k := 0; k < len(regions); {
		r := regions[k]
		j := k + 1
		for j < len(regions) && regions[j].Owner == r.Owner {
			j++
		}
		end := len(code)
		if j < len(regions) {
			end = regions[j].Off
		}
		k = j
		switch {
		case r.Owner >= 0 && t.Ops[r.Owner].Opcode == trace.OpInput:
			continue
		case r.Owner >= 0:
			fmt.Fprintf(&sb, "  %s\n", t.FormatOp(r.Owner, nil))
		case end == r.Off:
			continue
		case r.Owner == Glue:
			sb.WriteString("  # loop glue\n")
		default:
			fmt.Fprintf(&sb, "  # exit stub of op %d\n", -2-r.Owner)
		}
		decode(&sb, code, r.Off, end)
	}
	return sb.String()
}

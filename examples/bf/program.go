package bf

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is what an instruction does.
type Kind uint8

// The instruction kinds: one per Brainfuck command, with + and - sharing Add and < and >
// sharing Move, so that a run of them folds into one instruction with a count.
const (
	Add   Kind = iota + 1 // + and -: add N to the current cell (mod 256)
	Move                  // > and <: move the data pointer N cells (left when N < 0)
	Out                   // .: write the current cell to the output
	In                    // ,: read a byte from the input into the current cell (unchanged at EOF)
	Open                  // [: if the current cell is 0, jump past the matching ]
	Close                 // ]: if the current cell is not 0, jump back to just after the matching [
)

// Instr is one instruction of a parsed program.
type Instr struct {
	Kind Kind
	// N is the count of Add (in -128..127, as the byte arithmetic only needs it mod 256) and of
	// Move; it is 1 for the other kinds.
	N int
	// Match is, for Open and Close, the index of the matching bracket's instruction.
	Match int
	// Pos is the byte offset in the source of the instruction's first command character.
	Pos int
}

// String returns the instruction as Brainfuck text with a count: "+3", "-1", ">2", "<5", ".",
// ",", "[", "]".
func (in Instr) String() string {
	switch in.Kind {
	case Add:
		if in.N < 0 {
			return "-" + strconv.Itoa(-in.N)
		}
		return "+" + strconv.Itoa(in.N)
	case Move:
		if in.N < 0 {
			return "<" + strconv.Itoa(-in.N)
		}
		return ">" + strconv.Itoa(in.N)
	case Out:
		return "."
	case In:
		return ","
	case Open:
		return "["
	case Close:
		return "]"
	}
	return fmt.Sprintf("Kind(%d)", in.Kind)
}

// Program is a parsed Brainfuck program: its instructions, with the brackets matched, and
// its source, for positions in errors and trace logs.
type Program struct {
	Instrs []Instr
	Source string
	// Folded says whether runs of + - and of < > were folded into single instructions.
	Folded bool
}

// SyntaxError is an unmatched bracket.
type SyntaxError struct {
	Line, Col int // 1-based position of the bracket in the source
	Msg       string
}

// Error returns "line:col: message".
func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Parse parses a Brainfuck program: every character other than the eight commands + - < > . ,
// [ ] is a comment. Runs of + and - become one Add and runs of < and > one Move with the net
// count, as the RPython tutorial's optimized interpreter does; comments inside a run do not
// break it, and a run whose net effect is zero ("+-", "<>") disappears. Folding changes
// nothing the program can observe, and makes both the interpreter and the traces shorter.
// The brackets are matched once, here, so that jumps cost nothing at run time.
func Parse(src string) (*Program, error) { return parse(src, true) }

// ParseUnfolded parses a program into one instruction per command character (every Add and
// Move has a count of 1 or -1), as the tutorial's first, naive interpreter runs it. Tests use
// it to check that folding does not change what a program does.
func ParseUnfolded(src string) (*Program, error) { return parse(src, false) }

func parse(src string, fold bool) (*Program, error) {
	p := &Program{Source: src, Folded: fold}
	var open []int // indexes of the [ not yet matched
	for i := 0; i < len(src); i++ {
		c := src[i]
		var kind Kind
		n := 1
		switch c {
		case '+':
			kind = Add
		case '-':
			kind, n = Add, -1
		case '>':
			kind = Move
		case '<':
			kind, n = Move, -1
		case '.':
			kind = Out
		case ',':
			kind = In
		case '[':
			kind = Open
		case ']':
			kind = Close
		default:
			continue // a comment
		}
		if fold && (kind == Add || kind == Move) {
			start := i
			n, i = foldRun(src, i, kind)
			if kind == Add {
				n = int(int8(n)) // only n mod 256 matters; keep it in -128..127
			}
			if n == 0 {
				continue // "+-" or "<>": nothing to do
			}
			p.Instrs = append(p.Instrs, Instr{Kind: kind, N: n, Pos: start})
			continue
		}
		in := Instr{Kind: kind, N: n, Pos: i}
		switch kind {
		case Open:
			open = append(open, len(p.Instrs))
		case Close:
			if len(open) == 0 {
				line, col := p.Position(i)
				return nil, &SyntaxError{Line: line, Col: col, Msg: "unmatched ]"}
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			in.Match = o
			p.Instrs[o].Match = len(p.Instrs)
		}
		p.Instrs = append(p.Instrs, in)
	}
	if len(open) > 0 {
		line, col := p.Position(p.Instrs[open[len(open)-1]].Pos)
		return nil, &SyntaxError{Line: line, Col: col, Msg: "unmatched ["}
	}
	return p, nil
}

// foldRun sums the run of Add (+ -) or Move (> <) commands starting at src[i], skipping
// comments, and returns the net count and the index of the run's last command.
func foldRun(src string, i int, kind Kind) (n, last int) {
	up, down := byte('+'), byte('-')
	if kind == Move {
		up, down = '>', '<'
	}
	for ; i < len(src); i++ {
		switch src[i] {
		case up:
			n++
			last = i
		case down:
			n--
			last = i
		case '+', '-', '<', '>', '.', ',', '[', ']':
			return n, last // another command ends the run
		}
	}
	return n, last
}

// Position returns the 1-based line and column of byte offset off in the source.
func (p *Program) Position(off int) (line, col int) {
	before := p.Source[:off]
	line = strings.Count(before, "\n") + 1
	col = off - strings.LastIndexByte(before, '\n')
	return line, col
}

// Context returns the commands around instruction pc, with the instruction's own commands
// between underscores, as the RPython tutorial's get_printable_location shows a position:
// "+[->_+_<]". It is at most a line long, for trace logs.
func (p *Program) Context(pc int) string {
	const around = 12 // commands shown on each side
	in := p.Instrs[pc]
	end := len(p.Source) // the end of the instruction's text
	if pc+1 < len(p.Instrs) {
		end = p.Instrs[pc+1].Pos
	}
	var before, cur, after []byte
	for i := in.Pos - 1; i >= 0 && len(before) < around; i-- {
		if isCommand(p.Source[i]) {
			before = append(before, p.Source[i])
		}
	}
	for i := in.Pos; i < end; i++ {
		if isCommand(p.Source[i]) {
			cur = append(cur, p.Source[i])
		}
	}
	for i := end; i < len(p.Source) && len(after) < around; i++ {
		if isCommand(p.Source[i]) {
			after = append(after, p.Source[i])
		}
	}
	if len(cur) > 8 {
		cur = []byte(in.String()) // a long folded run: "+100"
	}
	for i, j := 0, len(before)-1; i < j; i, j = i+1, j-1 {
		before[i], before[j] = before[j], before[i]
	}
	return string(before) + "_" + string(cur) + "_" + string(after)
}

func isCommand(c byte) bool {
	switch c {
	case '+', '-', '<', '>', '.', ',', '[', ']':
		return true
	}
	return false
}

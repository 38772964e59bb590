package syntax

// The lexer turns source text into tokens. It is a close port of CPython 3.11's tokenizer
// (Parser/tokenizer.c), because the error messages, and even the line and column that an
// error is reported at, fall out of the order in which that tokenizer reads characters.
//
// Three things make Python's lexing more than splitting on spaces:
//
//   - Indentation. At the start of each logical line the lexer measures the indentation and
//     compares it with a stack of the indentations of the enclosing blocks: deeper pushes and
//     emits INDENT, shallower pops and emits one DEDENT per popped level. Blank lines and
//     comment-only lines do not count. A tab advances the column to the next multiple of 8,
//     as in CPython; a second measurement with tabs counting 1 detects indentation whose
//     meaning would depend on the tab size ("inconsistent use of tabs and spaces").
//   - Brackets. Inside (), [] or {} a newline is just whitespace (implicit line joining), so
//     the lexer keeps a stack of open brackets. The stack also gives the "'(' was never
//     closed" and "closing parenthesis ']' does not match ..." errors.
//   - NEWLINE tokens end logical lines, so the parser knows where a statement ends. A
//     backslash at the end of a line joins it with the next one (explicit line joining).
//
// The whole file is tokenized before parsing starts. Tokenizing stops at the first error,
// which becomes the last token (tokError); the parser reports it when it gets there, or
// decides which error wins if the parser fails first (see parser.go, finalError).

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that CPython's tokenizer enforces.
const (
	maxIndent     = 100 // MAXINDENT: nested indentation levels
	maxParenLevel = 200 // MAXLEVEL: nested brackets ("too many nested parentheses")
	tabSize       = 8
)

// tokKind is the kind of a token.
type tokKind uint8

const (
	tokEOF     tokKind = iota // end of input (CPython's ENDMARKER)
	tokNewline                // end of a logical line
	tokIndent                 // the indentation grew: a block starts
	tokDedent                 // the indentation shrank: a block ends
	tokName                   // identifier or keyword; the parser tells them apart
	tokNumber                 // any numeric literal, still as source text
	tokString                 // one string literal with its prefix and quotes, still as source text
	tokOp                     // operator or delimiter, or a stray character such as '$'
	tokError                  // the lexer's first error, always the last token
)

// token is one token and where it is.
type token struct {
	kind    tokKind
	text    string
	line    int // 1-based line of the first character
	col     int // 0-based byte column of the first character
	endLine int
	endCol  int // byte column just after the last character
	// level is the bracket nesting depth after this token, as CPython records it.
	level int
	// errCol is the column that CPython reports when parsing fails at this token. It differs
	// from col for tokens without a text (INDENT, DEDENT, end of input).
	errCol int
}

// openBracket is an entry of the lexer's bracket stack.
type openBracket struct {
	ch   byte
	line int
	col  int // byte column
}

const eof = -1

// lexer holds the tokenizer state. The names follow tokenizer.c where that helps to compare.
type lexer struct {
	filename string
	src      string   // the whole source; always ends with '\n' unless empty
	lines    []string // source lines without their '\n', for error messages

	pos       int // next byte to read (tok->cur)
	lineno    int // line of the last byte read (tok->lineno)
	lineStart int // offset of the first byte of line lineno (tok->line_start)
	nextLine  int // offset of the first byte of line lineno+1
	start     int // offset of the first byte of the token being read (tok->start)

	atBOL      bool  // at the beginning of a line: measure the indentation first
	indents    []int // indentation stack, tabs to multiples of 8
	altIndents []int // the same with tabs counting 1
	pending    int   // INDENTs (> 0) or DEDENTs (< 0) still to emit
	brackets   []openBracket

	toks []token

	// err is the first error; tokenizing stops there. strongErr tells whether CPython's
	// tokenizer raises it as an exception (strings, numbers, stray characters, brackets), in
	// which case it beats a syntax error the parser found earlier in the file.
	err       *Error
	strongErr bool
	// errBracket is the innermost open bracket when the error happened, or nil.
	errBracket *openBracket
}

func newLexer(filename, src string) *lexer {
	l := &lexer{
		filename:   filename,
		src:        src,
		atBOL:      true,
		indents:    []int{0},
		altIndents: []int{0},
	}
	l.lines = strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	return l
}

// lineText returns the text of a 1-based line, or "" when there is no such line.
func (l *lexer) lineText(n int) string {
	if n >= 1 && n <= len(l.lines) {
		return l.lines[n-1]
	}
	return ""
}

// tokenize fills l.toks up to the end-of-input token or the first error.
func (l *lexer) tokenize() {
	for {
		t, ok := l.next()
		if !ok {
			errLine := l.err.Line
			l.toks = append(l.toks, token{kind: tokError, line: errLine, endLine: errLine, level: len(l.brackets), errCol: l.err.Col})
			return
		}
		t.level = len(l.brackets)
		l.toks = append(l.toks, t)
		if t.kind == tokEOF {
			return
		}
	}
}

// ---- Reading characters ----

// nextc returns the next byte, or eof. Like tokenizer.c it advances the line number as
// soon as the first byte of a new line is read, and backup does not undo that.
func (l *lexer) nextc() int {
	if l.pos >= len(l.src) {
		return eof
	}
	if l.pos >= l.nextLine {
		l.lineno++
		l.lineStart = l.pos
		if i := strings.IndexByte(l.src[l.pos:], '\n'); i >= 0 {
			l.nextLine = l.pos + i + 1
		} else {
			l.nextLine = len(l.src)
		}
	}
	c := l.src[l.pos]
	l.pos++
	return int(c)
}

// backup un-reads c (which must be the byte just read).
func (l *lexer) backup(c int) {
	if c != eof {
		l.pos--
	}
}

// line returns the current line number, at least 1.
func (l *lexer) line() int {
	if l.lineno == 0 {
		return 1
	}
	return l.lineno
}

// charsBefore counts the characters of the current line before byte offset off.
func (l *lexer) charsBefore(off int) int {
	if off <= l.lineStart {
		return 0
	}
	if off > len(l.src) {
		off = len(l.src)
	}
	return utf8.RuneCountInString(l.src[l.lineStart:off])
}

// ---- Errors ----

// fail records the first error; next() then returns false.
func (l *lexer) fail(e *Error, strong bool) {
	e.Filename = l.filename
	l.err = e
	l.strongErr = strong
	if n := len(l.brackets); n > 0 {
		b := l.brackets[n-1]
		l.errBracket = &b
	}
}

// syntaxError reports an error as tokenizer.c's syntaxerror() does: on the current line,
// with the caret on the character just before the read position.
func (l *lexer) syntaxError(format string, args ...any) {
	line := l.line()
	l.fail(&Error{Kind: "SyntaxError", Msg: fmt.Sprintf(format, args...), Line: line,
		Col: l.charsBefore(l.pos) - 1, Text: l.lineText(line)}, true)
}

// endOfLineError reports an error that CPython places at the end of the current line
// (errors raised after the tokenizer skipped to the end of the line).
func (l *lexer) endOfLineError(kind, msg string) {
	line := l.line()
	text := l.lineText(line)
	l.fail(&Error{Kind: kind, Msg: msg, Line: line, Col: len(text), Text: text}, false)
}

// indentError reports an indentation problem, which CPython places at column 0.
func (l *lexer) indentError(kind, msg string) {
	line := l.line()
	l.fail(&Error{Kind: kind, Msg: msg, Line: line, Col: 0, Text: l.lineText(line)}, false)
}

// unclosedBracketError is "'(' was never closed", reported at the innermost open bracket.
func (l *lexer) unclosedBracketError() {
	b := l.brackets[len(l.brackets)-1]
	l.fail(&Error{Kind: "SyntaxError", Msg: fmt.Sprintf("'%c' was never closed", b.ch),
		Line: b.line, Col: b.col, Text: l.lineText(b.line)}, false)
}

// ---- Tokens ----

// makeToken builds a token that started at l.start and ends at l.pos, on the current line.
func (l *lexer) makeToken(kind tokKind) token {
	col := l.start - l.lineStart
	return token{kind: kind, text: l.src[l.start:l.pos], line: l.line(), col: col,
		endLine: l.line(), endCol: l.pos - l.lineStart, errCol: col}
}

// positionlessToken builds INDENT, DEDENT and end-of-input tokens. CPython gives them no
// column, and reports an error at them one character before the read position.
func (l *lexer) positionlessToken(kind tokKind) token {
	col := l.pos - l.lineStart
	errCol := col - 1
	if l.pos >= len(l.src) {
		errCol = -1 // at the end of the file CPython reports no column
	}
	return token{kind: kind, line: l.line(), col: col, endLine: l.line(), endCol: col, errCol: errCol}
}

// next returns the next token, or false after recording an error.
func (l *lexer) next() (token, bool) {
nextline:
	blankline := false

	// At the start of a line, measure the indentation and emit INDENT or DEDENT tokens.
	if l.atBOL {
		l.atBOL = false
		col, altcol := 0, 0
		contLineCol := 0 // indentation before a backslash that joins lines
		var c int
		for {
			c = l.nextc()
			if c == ' ' {
				col++
				altcol++
			} else if c == '\t' {
				col = (col/tabSize + 1) * tabSize
				altcol++
			} else if c == '\f' { // form feed resets the column, as in CPython
				col, altcol = 0, 0
			} else if c == '\\' {
				// The indentation before the first backslash counts, whatever the
				// joined line brings.
				if contLineCol == 0 {
					contLineCol = col
				}
				if !l.continuationLine() {
					return token{}, false
				}
			} else {
				break
			}
		}
		l.backup(c)
		if c == '#' || c == '\n' {
			// A line with only a comment or nothing does not count for indentation and
			// produces no NEWLINE token.
			blankline = true
		}
		if !blankline && len(l.brackets) == 0 {
			if contLineCol != 0 {
				col, altcol = contLineCol, contLineCol
			}
			top := len(l.indents) - 1
			switch {
			case col == l.indents[top]:
				if altcol != l.altIndents[top] {
					l.indentError("TabError", "inconsistent use of tabs and spaces in indentation")
					return token{}, false
				}
			case col > l.indents[top]:
				if len(l.indents) >= maxIndent {
					l.indentError("IndentationError", "too many levels of indentation")
					return token{}, false
				}
				if altcol <= l.altIndents[top] {
					l.indentError("TabError", "inconsistent use of tabs and spaces in indentation")
					return token{}, false
				}
				l.pending++
				l.indents = append(l.indents, col)
				l.altIndents = append(l.altIndents, altcol)
			default: // dedent: pop levels until the indentation matches one of them
				for len(l.indents) > 1 && col < l.indents[len(l.indents)-1] {
					l.pending--
					l.indents = l.indents[:len(l.indents)-1]
					l.altIndents = l.altIndents[:len(l.altIndents)-1]
				}
				top = len(l.indents) - 1
				if col != l.indents[top] {
					l.endOfLineError("IndentationError", "unindent does not match any outer indentation level")
					return token{}, false
				}
				if altcol != l.altIndents[top] {
					l.indentError("TabError", "inconsistent use of tabs and spaces in indentation")
					return token{}, false
				}
			}
		}
	}

	l.start = l.pos
	if l.pending != 0 {
		if l.pending < 0 {
			l.pending++
			return l.positionlessToken(tokDedent), true
		}
		l.pending--
		return l.positionlessToken(tokIndent), true
	}

again:
	// Skip spaces.
	c := l.nextc()
	for c == ' ' || c == '\t' || c == '\f' {
		c = l.nextc()
	}
	l.start = l.pos - 1
	if c == eof {
		l.start = l.pos
	}

	// Skip a comment; the NEWLINE token that follows starts where the comment starts.
	if c == '#' {
		for c != eof && c != '\n' {
			c = l.nextc()
		}
	}

	if c == eof {
		if len(l.brackets) > 0 {
			l.unclosedBracketError()
			return token{}, false
		}
		return l.positionlessToken(tokEOF), true
	}

	// Identifiers, keywords and string prefixes.
	if isPotentialIdentifierStart(c) {
		sawB, sawR, sawU, sawF := false, false, false, false
		for {
			if !(sawB || sawU || sawF) && (c == 'b' || c == 'B') {
				sawB = true
			} else if !(sawB || sawU || sawR || sawF) && (c == 'u' || c == 'U') {
				sawU = true
			} else if !(sawR || sawU) && (c == 'r' || c == 'R') {
				sawR = true
			} else if !(sawF || sawB || sawU) && (c == 'f' || c == 'F') {
				sawF = true
			} else {
				break
			}
			c = l.nextc()
			if c == '"' || c == '\'' {
				return l.stringToken(c)
			}
		}
		nonASCII := false
		for isPotentialIdentifierChar(c) {
			if c >= 128 {
				nonASCII = true
			}
			c = l.nextc()
		}
		l.backup(c)
		if nonASCII && !l.verifyIdentifier() {
			return token{}, false
		}
		return l.makeToken(tokName), true
	}

	// Newline.
	if c == '\n' {
		l.atBOL = true
		if blankline || len(l.brackets) > 0 {
			goto nextline
		}
		t := l.makeToken(tokNewline)
		t.text = ""
		return t, true
	}

	// A period, or a number starting with a period.
	if c == '.' {
		c = l.nextc()
		if isDigit(c) {
			return l.fraction(c)
		} else if c == '.' {
			c = l.nextc()
			if c == '.' {
				return l.makeToken(tokOp), true
			}
			l.backup(c)
			l.backup('.')
		} else {
			l.backup(c)
		}
		return l.makeToken(tokOp), true
	}

	if isDigit(c) {
		return l.number(c)
	}

	if c == '"' || c == '\'' {
		return l.stringToken(c)
	}

	// Line continuation.
	if c == '\\' {
		if !l.continuationLine() {
			return token{}, false
		}
		goto again
	}

	// Two- and three-character operators.
	{
		c2 := l.nextc()
		if isTwoCharOp(c, c2) {
			c3 := l.nextc()
			if !isThreeCharOp(c, c2, c3) {
				l.backup(c3)
			}
			return l.makeToken(tokOp), true
		}
		l.backup(c2)
	}

	// Keep track of bracket nesting.
	switch c {
	case '(', '[', '{':
		if len(l.brackets) >= maxParenLevel {
			l.syntaxError("too many nested parentheses")
			return token{}, false
		}
		l.brackets = append(l.brackets, openBracket{ch: byte(c), line: l.line(), col: l.start - l.lineStart})
	case ')', ']', '}':
		if len(l.brackets) == 0 {
			l.syntaxError("unmatched '%c'", c)
			return token{}, false
		}
		open := l.brackets[len(l.brackets)-1]
		l.brackets = l.brackets[:len(l.brackets)-1]
		if !(open.ch == '(' && c == ')' || open.ch == '[' && c == ']' || open.ch == '{' && c == '}') {
			if open.line != l.line() {
				l.syntaxError("closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, open.ch, open.line)
			} else {
				l.syntaxError("closing parenthesis '%c' does not match opening parenthesis '%c'", c, open.ch)
			}
			return token{}, false
		}
	}

	if c < 0x20 || c == 0x7f {
		l.syntaxError("invalid non-printable character U+%04X", c)
		return token{}, false
	}

	// Any other character is a one-character token; one that is not an operator ('$', '?',
	// '!', '`') makes the parser fail with "invalid syntax".
	return l.makeToken(tokOp), true
}

// continuationLine reads what follows a backslash, which must be the end of the line.
func (l *lexer) continuationLine() bool {
	if c := l.nextc(); c != '\n' {
		line := l.line()
		l.fail(&Error{Kind: "SyntaxError", Msg: "unexpected character after line continuation character",
			Line: line, Col: l.pos - l.lineStart - 1, Text: l.lineText(line)}, false)
		return false
	}
	c := l.nextc()
	if c == eof {
		if len(l.brackets) > 0 {
			l.unclosedBracketError()
		} else {
			line := l.line()
			l.fail(&Error{Kind: "SyntaxError", Msg: "unexpected EOF while parsing", Line: line, Col: -1,
				Text: l.lineText(line)}, false)
		}
		return false
	}
	l.backup(c)
	return true
}

// ---- Identifiers ----

func isPotentialIdentifierStart(c int) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 128
}

func isPotentialIdentifierChar(c int) bool {
	return isPotentialIdentifierStart(c) || isDigit(c)
}

func isDigit(c int) bool { return c >= '0' && c <= '9' }

// verifyIdentifier checks a non-ASCII identifier against Unicode's identifier rules, and
// reports the first bad character as CPython does.
func (l *lexer) verifyIdentifier() bool {
	s := l.src[l.start:l.pos]
	for i, r := range s {
		ok := isIDContinue(r)
		if i == 0 {
			ok = isIDStart(r)
		}
		if ok {
			continue
		}
		l.pos = l.start + i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			l.pos = l.start + i + 1
		}
		if unicode.IsPrint(r) {
			l.syntaxError("invalid character '%c' (U+%04X)", r, r)
		} else {
			l.syntaxError("invalid non-printable character U+%04X", r)
		}
		return false
	}
	return true
}

// isIDStart approximates Unicode's XID_Start, which Python uses for the first character
// of an identifier.
func isIDStart(r rune) bool {
	if r == '_' || r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
		return true
	}
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Lm, unicode.Lo, unicode.Nl,
		unicode.Other_ID_Start) && !unicode.In(r, unicode.Pattern_Syntax, unicode.Pattern_White_Space)
}

// isIDContinue approximates Unicode's XID_Continue.
func isIDContinue(r rune) bool {
	if isIDStart(r) || r >= '0' && r <= '9' {
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue) &&
		!unicode.In(r, unicode.Pattern_Syntax, unicode.Pattern_White_Space)
}

// ---- Operators ----

func isTwoCharOp(c1, c2 int) bool {
	switch string([]byte{byte(c1), byte(c2)}) {
	case "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=", "<>",
		"==", ">=", ">>", "@=", "^=", "|=":
		return c1 >= 0 && c2 >= 0
	}
	return false
}

func isThreeCharOp(c1, c2, c3 int) bool {
	if c3 < 0 {
		return false
	}
	switch string([]byte{byte(c1), byte(c2), byte(c3)}) {
	case "**=", "//=", ">>=", "<<=", "...":
		return true
	}
	return false
}

// ---- Numbers ----

// decimalTail reads digits with single underscores between them (after the first digit),
// returning the first byte after them, or eof with an error recorded.
func (l *lexer) decimalTail() (int, bool) {
	for {
		c := l.nextc()
		for isDigit(c) {
			c = l.nextc()
		}
		if c != '_' {
			return c, true
		}
		c = l.nextc()
		if !isDigit(c) {
			l.backup(c)
			l.syntaxError("invalid decimal literal")
			return 0, false
		}
	}
}

// verifyEndOfNumber rejects a number immediately followed by a letter ("1abc"), except for
// the keywords CPython still accepts there with a warning ("1if x else y").
func (l *lexer) verifyEndOfNumber(c int, kind string) bool {
	r := false
	switch c {
	case 'a':
		r = l.lookahead("nd")
	case 'e':
		r = l.lookahead("lse")
	case 'f':
		r = l.lookahead("or")
	case 'i':
		c2 := l.nextc()
		r = c2 == 'f' || c2 == 'n' || c2 == 's'
		l.backup(c2)
	case 'o':
		r = l.lookahead("r")
	case 'n':
		r = l.lookahead("ot")
	}
	if r {
		return true // CPython only warns here
	}
	if c < 128 && isPotentialIdentifierChar(c) {
		l.backup(c)
		l.syntaxError("invalid %s literal", kind)
		return false
	}
	return true
}

// lookahead tells whether the next bytes are s and end a word, without consuming them.
func (l *lexer) lookahead(s string) bool {
	rest := l.src[l.pos:]
	return strings.HasPrefix(rest, s) && (len(rest) == len(s) || !isPotentialIdentifierChar(int(rest[len(s)])))
}

// number reads a numeric literal whose first digit c has been read.
func (l *lexer) number(c int) (token, bool) {
	if c == '0' {
		c = l.nextc()
		switch {
		case c == 'x' || c == 'X':
			return l.radixNumber(16, "hexadecimal")
		case c == 'o' || c == 'O':
			return l.radixNumber(8, "octal")
		case c == 'b' || c == 'B':
			return l.radixNumber(2, "binary")
		}
		// A decimal starting with 0: only zeros, unless it turns out to be a float.
		nonzero := false
		for {
			if c == '_' {
				c = l.nextc()
				if !isDigit(c) {
					l.backup(c)
					l.syntaxError("invalid decimal literal")
					return token{}, false
				}
			}
			if c != '0' {
				break
			}
			c = l.nextc()
		}
		if isDigit(c) {
			nonzero = true
			var ok bool
			if c, ok = l.decimalTail(); !ok {
				return token{}, false
			}
		}
		switch {
		case c == '.':
			return l.fraction(l.nextc())
		case c == 'e' || c == 'E':
			return l.exponent(c)
		case c == 'j' || c == 'J':
			return l.imaginary()
		case nonzero:
			// An old-style octal literal such as 012.
			// CPython reports it at the first digit, as a byte column.
			l.backup(c)
			l.fail(&Error{Kind: "SyntaxError", Msg: "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
				Line: l.line(), Col: l.start - l.lineStart, Text: l.lineText(l.line())}, true)
			return token{}, false
		}
		if !l.verifyEndOfNumber(c, "decimal") {
			return token{}, false
		}
		l.backup(c)
		return l.makeToken(tokNumber), true
	}
	// Decimal.
	c, ok := l.decimalTail()
	if !ok {
		return token{}, false
	}
	if c == '.' {
		return l.fraction(l.nextc())
	}
	if c == 'e' || c == 'E' {
		return l.exponent(c)
	}
	if c == 'j' || c == 'J' {
		return l.imaginary()
	}
	if !l.verifyEndOfNumber(c, "decimal") {
		return token{}, false
	}
	l.backup(c)
	return l.makeToken(tokNumber), true
}

// radixNumber reads the digits of a 0x, 0o or 0b literal.
func (l *lexer) radixNumber(base int, kind string) (token, bool) {
	isDig := func(c int) bool {
		switch base {
		case 16:
			return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
		case 8:
			return c >= '0' && c <= '7'
		}
		return c == '0' || c == '1'
	}
	c := l.nextc()
	for {
		if c == '_' {
			c = l.nextc()
		}
		if !isDig(c) {
			if base != 16 && isDigit(c) {
				l.syntaxError("invalid digit '%c' in %s literal", c, kind)
			} else {
				l.backup(c)
				l.syntaxError("invalid %s literal", kind)
			}
			return token{}, false
		}
		for isDig(c) {
			c = l.nextc()
		}
		if c != '_' {
			break
		}
	}
	if base != 16 && isDigit(c) {
		l.syntaxError("invalid digit '%c' in %s literal", c, kind)
		return token{}, false
	}
	if !l.verifyEndOfNumber(c, kind) {
		return token{}, false
	}
	l.backup(c)
	return l.makeToken(tokNumber), true
}

// fraction reads the digits after a decimal point; c is the first byte after the point.
func (l *lexer) fraction(c int) (token, bool) {
	if isDigit(c) {
		var ok bool
		if c, ok = l.decimalTail(); !ok {
			return token{}, false
		}
	}
	if c == 'e' || c == 'E' {
		return l.exponent(c)
	}
	if c == 'j' || c == 'J' {
		return l.imaginary()
	}
	if !l.verifyEndOfNumber(c, "decimal") {
		return token{}, false
	}
	l.backup(c)
	return l.makeToken(tokNumber), true
}

// exponent reads an exponent; e is the 'e' or 'E' just read.
func (l *lexer) exponent(e int) (token, bool) {
	c := l.nextc()
	if c == '+' || c == '-' {
		c = l.nextc()
		if !isDigit(c) {
			l.backup(c)
			l.syntaxError("invalid decimal literal")
			return token{}, false
		}
	} else if !isDigit(c) {
		// Not an exponent after all: "1else" or an error such as "1e".
		l.backup(c)
		if !l.verifyEndOfNumber(e, "decimal") {
			return token{}, false
		}
		l.backup(e)
		return l.makeToken(tokNumber), true
	}
	c, ok := l.decimalTail()
	if !ok {
		return token{}, false
	}
	if c == 'j' || c == 'J' {
		return l.imaginary()
	}
	if !l.verifyEndOfNumber(c, "decimal") {
		return token{}, false
	}
	l.backup(c)
	return l.makeToken(tokNumber), true
}

// imaginary finishes a literal with a 'j' suffix.
func (l *lexer) imaginary() (token, bool) {
	c := l.nextc()
	if !l.verifyEndOfNumber(c, "imaginary") {
		return token{}, false
	}
	l.backup(c)
	return l.makeToken(tokNumber), true
}

// ---- Strings ----

// stringToken reads a string literal whose opening quote has just been read (any prefix
// letters were read before it). The token keeps the raw text; the parser decodes it.
func (l *lexer) stringToken(quote int) (token, bool) {
	firstLine := l.line()
	firstLineStart := l.lineStart
	quoteSize := 1
	endQuoteSize := 0

	c := l.nextc()
	if c == quote {
		c = l.nextc()
		if c == quote {
			quoteSize = 3
		} else {
			endQuoteSize = 1 // the empty string
		}
	}
	if c != quote {
		l.backup(c)
	}

	for endQuoteSize != quoteSize {
		c = l.nextc()
		if c == eof || quoteSize == 1 && c == '\n' {
			// Report from the start of the string, naming the line where the end was noticed.
			detected := l.line()
			text := l.lineText(firstLine)
			col := utf8.RuneCountInString(l.src[firstLineStart:l.start])
			what := "string literal"
			if quoteSize == 3 {
				what = "triple-quoted string literal"
			}
			l.fail(&Error{Kind: "SyntaxError", Msg: fmt.Sprintf("unterminated %s (detected at line %d)", what, detected),
				Line: firstLine, Col: col, Text: text}, true)
			return token{}, false
		}
		if c == quote {
			endQuoteSize++
		} else {
			endQuoteSize = 0
			if c == '\\' {
				l.nextc() // skip the escaped character
			}
		}
	}
	return token{kind: tokString, text: l.src[l.start:l.pos], line: firstLine, col: l.start - firstLineStart,
		endLine: l.line(), endCol: l.pos - l.lineStart,
		errCol: l.start - firstLineStart}, true
}

package syntax

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// codingCookie is PEP 263's encoding declaration, looked for on the first two lines.
var codingCookie = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// prepareSource turns the bytes of a file into the text the lexer reads, as CPython does
// before tokenizing: it drops a UTF-8 byte order mark, honours a coding declaration for
// UTF-8 and Latin-1, rejects invalid UTF-8 and NUL bytes, turns "\r\n" and "\r" into "\n",
// and makes sure the last line ends with "\n".
func prepareSource(filename, source string) (string, *Error) {
	source = strings.TrimPrefix(source, "\ufeff")

	if enc := declaredEncoding(source); enc != "" {
		switch normalizeEncoding(enc) {
		case "utf-8", "ascii":
		case "latin-1":
			runes := make([]rune, len(source))
			for i := 0; i < len(source); i++ {
				runes[i] = rune(source[i])
			}
			source = string(runes)
		default:
			line := 1
			if i := strings.IndexByte(source, '\n'); i >= 0 && !codingCookie.MatchString(source[:i]) {
				line = 2
			}
			return "", &Error{Kind: "NotImplementedError", Filename: filename, Line: line, Col: -1,
				Msg: fmt.Sprintf("source encoding '%s' is not supported by metajit's Python subset", enc)}
		}
	}

	// Invalid UTF-8 and NUL bytes: CPython reads line by line and reports the first bad line.
	for lineNo, rest := 1, source; rest != ""; lineNo++ {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = ""
		}
		if !utf8.ValidString(line) {
			bad := line
			for len(bad) > 0 {
				r, size := utf8.DecodeRuneInString(bad)
				if r == utf8.RuneError && size <= 1 {
					break
				}
				bad = bad[size:]
			}
			return "", &Error{Kind: "SyntaxError", Filename: filename, Line: lineNo, Col: -1,
				Msg: fmt.Sprintf("Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding declared; "+
					"see https://peps.python.org/pep-0263/ for details", bad[0], filename, lineNo)}
		}
		if i := strings.IndexByte(line, 0); i >= 0 {
			return "", &Error{Kind: "SyntaxError", Filename: filename, Line: lineNo, Col: -1,
				Msg: "source code cannot contain null bytes", Text: strings.TrimRight(line[:i], "\r\n")}
		}
	}

	source = strings.ReplaceAll(source, "\r\n", "\n")
	source = strings.ReplaceAll(source, "\r", "\n")
	if source != "" && !strings.HasSuffix(source, "\n") {
		source += "\n"
	}
	return source, nil
}

// declaredEncoding returns the encoding named by a coding declaration on line 1, or on
// line 2 when line 1 is blank or a comment, or "".
func declaredEncoding(source string) string {
	lines := strings.SplitN(source, "\n", 3)
	for i, line := range lines {
		if i == 2 {
			break
		}
		if m := codingCookie.FindStringSubmatch(line); m != nil {
			return m[1]
		}
		if t := strings.TrimLeft(line, " \t\f\r"); t != "" && t[0] != '#' {
			break
		}
	}
	return ""
}

// normalizeEncoding maps the spellings of the encodings we accept to one name.
func normalizeEncoding(enc string) string {
	e := strings.ReplaceAll(strings.ToLower(enc), "_", "-")
	switch {
	case e == "utf-8" || e == "utf8" || strings.HasPrefix(e, "utf-8-"):
		return "utf-8"
	case e == "ascii" || e == "us-ascii":
		return "ascii"
	case e == "latin-1" || e == "latin1" || e == "iso-8859-1" || e == "iso8859-1" || e == "iso-latin-1" ||
		strings.HasPrefix(e, "latin-1-") || strings.HasPrefix(e, "iso-8859-1-") || strings.HasPrefix(e, "iso-latin-1-"):
		return "latin-1"
	}
	return e
}

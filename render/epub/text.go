package epub

import (
	"strings"
	"unicode/utf8"
)

// clean returns s with everything XML 1.0 cannot carry, or only
// discourages, taken out: C0 and C1 control characters (tab, newline and
// carriage return become spaces), U+FFFE/U+FFFF and the other
// noncharacters, and invalid UTF-8 (which is how an unpaired surrogate
// arrives in a Go string) replaced by U+FFFD. Runs of white space
// collapse to one space and the ends are trimmed. All text passes through
// clean before it reaches any XHTML, OPF or NCX file.
func clean(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			r = '\uFFFD'
		case r == '\t' || r == '\n' || r == '\r' || r == ' ':
			space = true
			continue
		case r < 0x20 || (r >= 0x7F && r <= 0x9F):
			continue
		case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII with single inner spaces
// and no space at either end, which clean would return unchanged.
func isPlain(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prev := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7F || (c == ' ' && prev == ' ') {
			return false
		}
		prev = c
	}
	return true
}

// esc writes s, already cleaned, to b with the five XML-significant
// characters escaped, so that "<", "&" and "]]>" cannot end or open
// markup, in text and in double-quoted attribute values alike. It writes
// numeric character references, which epubcheck prefers to named ones
// (HTM-006).
func esc(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '<':
			rep = "&#60;"
		case '>':
			rep = "&#62;"
		case '&':
			rep = "&#38;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// text cleans and escapes s.
func text(s string) string {
	var b strings.Builder
	esc(&b, clean(s))
	return b.String()
}

// summary returns s cut to at most max bytes at a word boundary, with an
// ellipsis when it was cut.
func summary(s string, max int) string {
	s = clean(s)
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		// One very long word: cut at a rune boundary instead.
		cut = max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:.-") + "…"
}

package parse

import (
	"strings"
	"unicode/utf8"
)

// line is one unit of the source after decoding: a source line, or a
// piece of one cut at a no-break-space paragraph separator.
type line struct {
	num    int    // 1-based source line
	idx    int    // index in parser.lines
	text   string // trimmed, with tabs and odd spaces turned into single spaces
	orig   string // text as first read, before chrome was cut out of it
	indent int    // leading columns (tab stops every 8)
	blank  bool   // empty, or only (no-break) spaces: a separator
	page   bool   // a form feed came right before this line

	nbsp  bool // follows a no-break-space separator inside its source line
	scene bool // a horizontal rule kept as a thematic break (rule.go)
	cols  bool // holds a tab or a wide gap between words: a row of columns
	// zone is where the body finder (body.go) put the line: zoneNone
	// until it runs, then before, inside or after the essay's body.
	zone int
	// gap marks a line after text that is missing (a preview's cut):
	// it never continues the previous line's paragraph.
	gap bool
	// paywall marks a line removed as a paywall prompt or preview footer.
	paywall bool

	removed bool   // taken out (boilerplate, metadata, debris, title)
	cut     bool   // removed as chrome or debris, which may cut a sentence
	cutWhat string // what a cut line was, for explanations: "chrome", "page number", ...
	rec     int    // index in Document.Removed of the entry for a line removed whole
	join    bool   // continues the sentence of the previous kept line
	// mended names the removed lines that cut the sentence a join line
	// continues ("removed chrome on line 5"), for Block.Why.
	mended string
}

// width is the line's printed width: indentation plus text.
func (l *line) width() int { return l.indent + utf8.RuneCountInString(l.text) }

// isSpace reports the characters that count as spacing inside a line:
// space, tab, no-break space and the other Unicode spaces.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u1680', '\u202f', '\u205f', '\u3000', '\v':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// splitLines cuts text (LF line ends) into lines. Form feeds start a new
// page; runs of spaces holding a no-break space between two pieces of
// text (" \u00a0 ") are paragraph separators, as on essay-bank pages, and
// become blank lines between the pieces.
func splitLines(text string) []*line {
	var out []*line
	num := 0
	for raw := range strings.SplitSeq(text, "\n") {
		num++
		page := false
		for i, piece := range strings.Split(raw, "\f") {
			if i > 0 {
				page = true
			}
			segs := splitNBSP(piece)
			for k, seg := range segs {
				if k > 0 {
					out = append(out, &line{num: num, blank: true})
				}
				l := newLine(num, seg)
				l.page = page && k == 0
				l.nbsp = k > 0
				page = page && l.blank
				if l.blank && !l.page && len(out) >= 2 && out[len(out)-1].blank && out[len(out)-2].blank {
					// A third blank line in a row says nothing the second
					// did not: dropping it keeps memory in proportion to
					// the text, not to the number of empty lines (issue 15).
					continue
				}
				out = append(out, l)
			}
		}
	}
	// A final newline does not make a line of its own.
	if n := len(out); n > 0 && out[n-1].blank && strings.HasSuffix(text, "\n") {
		out = out[:n-1]
	}
	for i, l := range out {
		l.idx, l.orig = i, l.text
	}
	return out
}

// newLine measures a raw line's indentation and normalises its spacing.
func newLine(num int, raw string) *line {
	col := 0
	i := 0
	for i < len(raw) {
		r, n := utf8.DecodeRuneInString(raw[i:])
		if !isSpace(r) {
			break
		}
		if r == '\t' {
			col = (col/8 + 1) * 8
		} else {
			col++
		}
		i += n
	}
	text := collapseSpaces(raw[i:])
	inner := strings.TrimRightFunc(raw[i:], isSpace)
	cols := strings.Contains(inner, "\t") || strings.Contains(inner, "   ")
	return &line{num: num, text: text, indent: col, blank: text == "", cols: cols}
}

// collapseSpaces turns every run of spacing into one space and trims. A
// run that is one no-break space (U+00A0) or narrow no-break space
// (U+202F) alone is typography ("mot\u202f;", "« mot »", "10\u00a0km")
// and is kept as it is.
func collapseSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space, run := false, 0
	var kept rune
	for _, r := range s {
		if isSpace(r) {
			space = true
			run++
			kept = r
			continue
		}
		if space && b.Len() > 0 {
			if run == 1 && (kept == '\u00a0' || kept == '\u202f') {
				b.WriteRune(kept)
			} else {
				b.WriteByte(' ')
			}
		}
		space, run = false, 0
		b.WriteRune(r)
	}
	return b.String()
}

// splitNBSP cuts a line at no-break-space separators: a run of spacing
// between text that holds a no-break space and is at least three
// characters long or holds two no-break spaces (" \u00a0 ", "\u00a0\u00a0").
// A lone no-break space glued to a word (" \u00a0Word") is ordinary spacing.
func splitNBSP(s string) []string {
	if !strings.Contains(s, "\u00a0") {
		return []string{s}
	}
	var out []string
	start := 0 // start of the current piece
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			i += n
			continue
		}
		j, chars, nbsp := i, 0, 0
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if !isSpace(r2) {
				break
			}
			chars++
			if r2 == '\u00a0' {
				nbsp++
			}
			j += n2
		}
		inner := strings.TrimSpace(s[start:i]) != "" && j < len(s)
		if inner && nbsp > 0 && (chars >= 3 || nbsp >= 2) {
			out = append(out, s[start:i])
			start = j
		}
		i = j
	}
	return append(out, s[start:])
}

package parse

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

// Verse is recognised where lines are set off from the prose and read as
// lines, not as wrapped sentences:
//
//   - set off: ">"-prefixed lines; two or more lines indented past the
//     body; or, in text whose paragraphs are long unwrapped lines, a
//     region of short lines between blank lines;
//   - read as lines: at most maxVerseLine characters each, most starting
//     with a capital (lines opening with dots or digits do not count),
//     none a list item, and, in hard-wrapped text, shorter than the wrap
//     width, with breaks where the next word would still have fitted
//     (wrapping never leaves such a gap).
//
// A hard-wrapped paragraph fails these tests: its lines fill the width,
// and a wrapped sentence goes on in lower case.

// maxVerseLine is the longest verse line, in characters.
const maxVerseLine = 72

// maxVerseAverage is the longest average verse line, in characters.
const maxVerseAverage = 55

// attributionRE matches an attribution line: a dash and a source
// ("— Wordsworth", "-- Lamb, Essays of Elia", "―Keats").
var attributionRE = regexp.MustCompile(`^(?:—|―|--|–|-)\s*(\S.*)$`)

// verseRun returns the lines of the set-off run that starts at line i of
// a region (its texts with any ">" removed) and how the run is set off,
// or nil.
func (p *parser) verseRun(r *region, i int) ([]*line, []string, string) {
	l := r.lines[i]
	var run []*line
	var how string
	base := min(r.docBase, p.proseIndent())
	setOff := func(q *line) bool { return q.indent >= base+2 }
	switch {
	case strings.HasPrefix(l.text, ">"):
		if i > 0 && strings.HasPrefix(r.lines[i-1].text, ">") {
			return nil, nil, ""
		}
		for j := i; j < len(r.lines) && strings.HasPrefix(r.lines[j].text, ">"); j++ {
			run = append(run, r.lines[j])
		}
		how = "'>'-quoted"
	case setOff(l):
		if i > 0 && setOff(r.lines[i-1]) {
			return nil, nil, ""
		}
		for j := i; j < len(r.lines) && setOff(r.lines[j]); j++ {
			run = append(run, r.lines[j])
		}
		how = fmt.Sprintf("indented %d columns past the body", l.indent-base)
	case i == 0 && len(r.lines) >= 2 && r.width*2 <= p.proseWidth() && p.proseAround(r):
		run = r.lines
		how = fmt.Sprintf("set off by blank lines, under half as wide as the prose around them (~%d columns)", p.proseWidth())
	default:
		return nil, nil, ""
	}
	if len(run) < 2 {
		return nil, nil, ""
	}
	texts := make([]string, len(run))
	for k, q := range run {
		texts[k] = strings.TrimSpace(strings.TrimLeft(q.text, ">"))
	}
	return run, texts, how
}

// proseIndent is the least indentation of the text's kept lines of ten
// words or more: the body's left edge, which quotations and verse are
// indented from (however much of the text they make up).
func (p *parser) proseIndent() int {
	p.measureProse()
	if p.minIndent < 0 {
		return 1 << 30
	}
	return p.minIndent - 1
}

// proseWidth is the median width of the text's kept lines of ten words
// or more: a typical paragraph line (0 when there is none).
func (p *parser) proseWidth() int {
	p.measureProse()
	return max(p.medWidth, 0)
}

// measureProse measures the prose lines once, for proseIndent and
// proseWidth.
func (p *parser) measureProse() {
	if p.medWidth != 0 {
		return
	}
	var ws []int
	p.minIndent, p.firstProse, p.lastProse = -1, -1, -1
	for _, l := range p.lines {
		if l.blank || l.removed || !atLeastWords(l.text, 10) {
			continue
		}
		if p.firstProse < 0 {
			p.firstProse = l.idx
		}
		p.lastProse = l.idx
		ws = append(ws, l.width())
		if p.minIndent < 0 || l.indent+1 < p.minIndent {
			p.minIndent = l.indent + 1
		}
	}
	p.medWidth = -1
	if len(ws) > 0 {
		slices.Sort(ws)
		p.medWidth = ws[len(ws)/2]
	}
}

// atLeastWords reports whether s (single-spaced) has n words or more,
// without allocating.
func atLeastWords(s string, n int) bool {
	return len(s) > 0 && strings.Count(s, " ")+1 >= n
}

// proseAround reports whether a prose line (ten words or more) is kept
// before region r, and after it either another or nothing: r stands
// inside the body or closes it.
func (p *parser) proseAround(r *region) bool {
	if p.inRefs {
		return false
	}
	p.measureProse()
	last := r.lines[len(r.lines)-1].idx
	return p.firstProse >= 0 && p.firstProse < r.lines[0].idx && (p.lastProse > last || last >= p.lastKept)
}

// verseFieldRE matches a "Key: value" line of a cover sheet or header.
var verseFieldRE = regexp.MustCompile(`^[^:]{1,30}:\s`)

// openVerse reads a poem: a set-off run of lines that read as verse (see
// above), with an attribution line right under it.
func openVerse(p *parser, r *region, i int) (essay.Block, int, bool) {
	run, texts, how := p.verseRun(r, i)
	if run == nil {
		return essay.Block{}, 0, false
	}
	// An attribution closing the run is not a verse line.
	attr := ""
	if m := attributionRE.FindStringSubmatch(texts[len(texts)-1]); m != nil && shortSource(m[1]) {
		attr, texts, run = m[1], texts[:len(texts)-1], run[:len(run)-1]
		if len(run) < 2 {
			return essay.Block{}, 0, false // one line and its source: a quotation
		}
	}
	for _, rule := range []func(*parser, *region, int) (essay.Block, int, bool){openDateline, openSalutation, openSignature} {
		if _, _, ok := rule(p, r, i); ok {
			return essay.Block{}, 0, false // letter parts are short lines too
		}
	}
	// The prose's typical line is the wrap width of hard-wrapped text
	// (the regions' own widths would count the poem's); unwrapped prose
	// sets none.
	width := p.proseWidth()
	if width > maxWrapWidth {
		width = 0
	}
	why, ok := readsAsVerse(run, texts, width)
	if !ok {
		return essay.Block{}, 0, false
	}
	n := len(run)
	if attr != "" {
		n++
	} else if j := i + n; j < len(r.lines) {
		if m := attributionRE.FindStringSubmatch(r.lines[j].text); m != nil && shortSource(m[1]) {
			attr = m[1]
			n++
		}
	}
	minIndent := run[0].indent
	for _, q := range run {
		minIndent = min(minIndent, q.indent)
	}
	stanza := make([]essay.VerseLine, len(run))
	for k, q := range run {
		stanza[k] = essay.VerseLine{Text: texts[k], Indent: indentLevel(q.indent - minIndent)}
	}
	b := essay.Block{Kind: essay.Verse, Stanzas: [][]essay.VerseLine{stanza}, Attribution: attr, Text: verseText([][]essay.VerseLine{stanza})}
	b.Why = fmt.Sprintf("%d lines %s; %s", len(run), how, why)
	if attr != "" {
		b.Why += "; a dash line under it gives the attribution"
	}
	return b, n, true
}

// indentLevel turns extra columns of indentation into levels: 0 for
// none, then one level per four columns (at least one).
func indentLevel(cols int) int {
	if cols <= 0 {
		return 0
	}
	return max(1, (cols+1)/4)
}

// shortSource reports whether s can be an attribution: a name or a name
// and a work, not a sentence.
func shortSource(s string) bool {
	return utf8.RuneCountInString(s) <= 80 && wordCount(s) <= 12 && startsUpper(s) && !strings.HasSuffix(s, "?")
}

// readsAsVerse decides whether set-off lines read as verse and says why.
// width is the text's wrap width (0 when it is not hard-wrapped).
func readsAsVerse(run []*line, texts []string, width int) (string, bool) {
	caps, counted, words := 0, 0, 0
	longest := 0
	for _, t := range texts {
		n := utf8.RuneCountInString(t)
		longest = max(longest, n)
		if n > maxVerseLine || listMarker(t) != "" || letterCount(t) == 0 {
			return "", false
		}
		words += wordCount(t)
		first := firstLetter(t)
		if first == 0 || startsWithDots(t) {
			continue
		}
		counted++
		if unicode.IsUpper(first) {
			caps++
		}
	}
	if counted == 0 || caps*4 < counted*3 {
		return "", false
	}
	if avg := words / len(texts); avg < 3 || avg > 14 {
		return "", false
	}
	fields, capsLines := 0, 0
	for _, t := range texts {
		if verseFieldRE.MatchString(t) {
			fields++
		}
		if capsLine(t) {
			capsLines++
		}
	}
	if fields*2 >= len(texts) || capsLines == len(texts) {
		return "", false // a cover sheet's fields, or headings in capitals
	}
	// Sentences set one a line are prose: long lines that each end one.
	chars, ends := 0, 0
	for _, t := range texts {
		chars += utf8.RuneCountInString(t)
		if endsSentence(t) {
			ends++
		}
	}
	if chars/len(texts) > maxVerseAverage || ends == len(texts) {
		return "", false
	}
	why := fmt.Sprintf("%d of %d lines start with a capital", caps, counted)
	if width == 0 {
		return why + "; the text is not hard-wrapped", true
	}
	// In hard-wrapped text, verse lines stay short of the wrap width and
	// break where the next word would have fitted.
	if longest*20 > width*17 {
		return "", false
	}
	fitted := 0
	for k := 0; k+1 < len(run); k++ {
		if run[k].width()+1+utf8.RuneCountInString(firstWord(texts[k+1])) <= width {
			fitted++
		}
	}
	if fitted*3 < (len(run)-1)*2 {
		return "", false
	}
	return why + fmt.Sprintf("; lines up to %d characters, short of the prose lines (~%d columns), broken where the next word would fit", longest, width), true
}

// firstLetter returns the first letter of s, or 0 when a digit comes
// first or there is none.
func firstLetter(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r
		}
		if unicode.IsDigit(r) {
			return 0
		}
	}
	return 0
}

// startsWithDots reports a line that opens with an ellipsis: a quotation
// that starts inside a line, which may go on in lower case.
func startsWithDots(s string) bool {
	return strings.HasPrefix(s, "..") || strings.HasPrefix(s, "…")
}

// joinStanzas merges a Verse block into the one before it when only blank
// lines separate them in the source (a stanza break), and takes a
// paragraph (or one-item dash list) right under a Verse or Quote that is
// only a dash and a source as its Attribution.
func (p *parser) joinStanzas() {
	blocks := p.doc.Blocks
	out := blocks[:0]
	for _, b := range blocks {
		n := len(out)
		if n > 0 && b.Kind == essay.Verse && out[n-1].Kind == essay.Verse && out[n-1].Attribution == "" && p.onlyBlanksBetween(out[n-1], b) {
			last := &out[n-1]
			last.Stanzas = append(last.Stanzas, b.Stanzas...)
			last.Attribution = b.Attribution
			last.Text = verseText(last.Stanzas)
			last.Why += fmt.Sprintf("; stanza %d from line %d", len(last.Stanzas), b.Line)
			continue
		}
		if n > 0 && (out[n-1].Kind == essay.Verse || out[n-1].Kind == essay.Quote) && out[n-1].Attribution == "" {
			if src, ok := attributionOf(b); ok {
				out[n-1].Attribution = src
				out[n-1].Why += fmt.Sprintf("; the dash line %d under it gives the attribution", b.Line)
				continue
			}
		}
		out = append(out, b)
	}
	p.doc.Blocks = out
}

// attributionOf returns the source named by a block that is only a dash
// and a short source ("— Name", "-- Name, Work"), or false.
func attributionOf(b essay.Block) (string, bool) {
	text := b.Text
	switch {
	case b.Kind == essay.List && len(b.List.Items) == 1 && b.List.Kind == essay.Bullets && b.List.Items[0].Sub == nil &&
		strings.ContainsAny(b.List.Items[0].Marker, "-–—"):
		text = "— " + b.List.Items[0].Text
	case b.Kind != essay.Paragraph:
		return "", false
	}
	m := attributionRE.FindStringSubmatch(text)
	if m == nil || !shortSource(m[1]) || strings.Contains(text, "\n") {
		return "", false
	}
	return m[1], true
}

// onlyBlanksBetween reports whether only blank lines stand between the
// last line of block a and the first of block b (both verse).
func (p *parser) onlyBlanksBetween(a, b essay.Block) bool {
	lines := 0
	for _, st := range a.Stanzas {
		lines += len(st)
	}
	seen, blanks := 0, 0
	from, _ := slices.BinarySearchFunc(p.lines, a.Line, func(l *line, num int) int { return l.num - num })
	for _, l := range p.lines[from:] {
		if l.num >= b.Line {
			break
		}
		switch {
		case l.blank:
			blanks++
		case l.removed:
		default:
			seen++
		}
	}
	return blanks > 0 && seen <= lines
}

package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

// The head of an essay under its title may hold a subtitle (a short line
// that qualifies the title) and an epigraph (a short quotation with its
// source) before the body starts. Both are read from lines after the title
// was inferred and before blocks are built; their lines leave the body.

// maxSubtitle is the longest subtitle, in characters.
const maxSubtitle = 100

// titleIndex returns the index of the removed line that gave the title,
// or -1.
func (p *parser) titleIndex() int {
	t := p.doc.Title
	if t == "" || p.doc.TitleSource == "metadata" || p.doc.TitleSource == "flag" {
		return -1
	}
	first := p.nextKept(0)
	for i, l := range p.lines {
		if first >= 0 && i >= first {
			break
		}
		if l.removed && strings.Contains(l.text, t) {
			return i
		}
	}
	return -1
}

// readHeadExtras finds the subtitle and the epigraph under the title.
func (p *parser) readHeadExtras() {
	t := p.titleIndex()
	if t < 0 {
		return
	}
	p.readSubtitle(t)
	p.readEpigraph()
	p.medWidth = 0 // measure the prose again without the head's lines
}

// readSubtitle takes the first kept line after the title line t as the
// subtitle when only blank lines stand between, it stands
// alone (a blank or removed line follows), the body follows it, and it
// reads as a qualifier: short, not closed by a full stop, colon or comma,
// not a name, byline, field, date, section name, list item or numbered
// heading, and not set off as a quotation.
func (p *parser) readSubtitle(t int) {
	i := p.nextKept(t + 1)
	if i < 0 || p.nextKept(i+1) < 0 {
		return
	}
	for _, q := range p.lines[t+1 : i] {
		if !q.blank {
			return // a byline or other head line comes first: the subtitle sits right under the title
		}
	}
	l := p.lines[i]
	if next := i + 1; next < len(p.lines) && !p.lines[next].blank && (!p.lines[next].removed || p.lines[next].cut) {
		return // the line runs into more text (a paragraph), or on past removed chrome
	}
	s := l.text
	switch {
	case utf8.RuneCountInString(s) > maxSubtitle || wordCount(s) > 12 || letterCount(s) < 3:
		return
	case strings.ContainsRune(".:;,", lastRune(s)) && !strings.HasSuffix(s, "..."):
		return
	case startsLower(s) || p.nameLike(s) || p.isByline(s) || verseFieldRE.MatchString(s):
		return
	case listMarker(s) != "" || numberedHeadingRE.MatchString(s) || romanRE.MatchString(s) || mdHeadingRE.MatchString(s) && !strings.HasPrefix(s, "#"):
		return
	case strings.HasPrefix(s, ">") || attributionRE.MatchString(s) || ruleRE.MatchString(s):
		return
	}
	if m := mdHeadingRE.FindStringSubmatch(s); m != nil {
		for _, q := range p.lines[i+1:] {
			if n := mdHeadingRE.FindStringSubmatch(q.text); n != nil && n[1] == m[1] {
				return // its level heads sections further on
			}
		}
		s = m[2]
	}
	if _, _, known := knownSection(s); known {
		return
	}
	if n := p.nextKept(i + 1); n >= 0 && startsLower(p.lines[n].text) {
		return
	}
	if dateOnly(s) {
		return
	}
	l.removed = true
	p.doc.Subtitle = s
	p.doc.SubtitleWhy = fmt.Sprintf("subtitle: line %d, right under the title, is a short line that is not a sentence, name or section heading, and the body follows", l.num)
}

// dateOnly reports whether s is only a date, as a dateline is.
func dateOnly(s string) bool {
	return len(s) <= 60 && strings.ContainsAny(s, "0123456789") && datelineRE.MatchString(s)
}

// maxEpigraphWords is the longest epigraph, in words.
const maxEpigraphWords = 80

// readEpigraph takes a short quotation at the top of the body, with a
// dash line (or a line set further right) under it naming its source, as
// the document's epigraph, when the body follows it.
func (p *parser) readEpigraph() {
	i := p.nextKept(0)
	if i < 0 {
		return
	}
	q, src, attr, ok := p.epigraphAt(i)
	if !ok {
		return
	}
	texts := make([]string, len(q))
	for k, l := range q {
		texts[k] = strings.TrimSpace(strings.TrimLeft(l.text, ">"))
	}
	how := fmt.Sprintf("%s at the top of the body", plural(len(q), "line", "lines"))
	b := essay.Block{Kind: essay.Quote, Line: q[0].num, Attribution: attr}
	if why, ok := readsAsVerse(q, texts, 0); ok && len(q) >= 2 {
		stanza := make([]essay.VerseLine, len(q))
		minIndent := q[0].indent
		for _, l := range q {
			minIndent = min(minIndent, l.indent)
		}
		for k, l := range q {
			stanza[k] = essay.VerseLine{Text: texts[k], Indent: indentLevel(l.indent - minIndent)}
		}
		b.Kind, b.Stanzas, b.Text = essay.Verse, [][]essay.VerseLine{stanza}, verseText([][]essay.VerseLine{stanza})
		how += "; " + why
	} else {
		b.Text = p.joinAll(texts)
	}
	b.Why = fmt.Sprintf("epigraph: %s %s, with its source on line %d (%s)", b.Kind, how, src.num, sourceHow(src, q[0]))
	for _, l := range q {
		l.removed = true
	}
	src.removed = true
	p.doc.Epigraph = &b
}

// epigraphAt reads an epigraph from kept line i: the quotation (the
// lines up to a blank line, at most 12 and maxEpigraphWords words, set
// off by indentation, a quote mark or ">", unless its source line opens
// with a dash) and its source (its last line, or a lone line after it:
// see sourceLine), followed by more text that is not a list.
func (p *parser) epigraphAt(i int) (q []*line, src *line, attr string, ok bool) {
	j := i
	for ; j < len(p.lines) && !p.lines[j].blank; j++ {
		if !p.lines[j].removed {
			q = append(q, p.lines[j])
		}
	}
	if len(q) == 0 || len(q) > 12 {
		return nil, nil, "", false
	}
	if last := q[len(q)-1]; len(q) > 1 {
		if a, ok := sourceLine(last, q[0]); ok {
			src, attr, q = last, a, q[:len(q)-1]
		}
	}
	if src == nil {
		n := p.nextKept(j)
		if n < 0 || n+1 < len(p.lines) && !p.lines[n+1].blank && !p.lines[n+1].removed {
			return nil, nil, "", false
		}
		a, ok := sourceLine(p.lines[n], q[0])
		if !ok {
			return nil, nil, "", false
		}
		src, attr = p.lines[n], a
	}
	if n := p.nextKept(src.idx + 1); n < 0 || listMarker(p.lines[n].text) != "" {
		return nil, nil, "", false // no body after it, or a list goes on
	}
	setOff := q[0].indent >= p.proseIndent()+2 || strings.HasPrefix(q[0].text, ">") || strings.ContainsAny(firstRuneOf(q[0].text), "\"“„«‘'*_")
	srcText := strings.TrimSpace(strings.TrimLeft(src.text, ">"))
	if !setOff && !strings.HasPrefix(srcText, "—") && !strings.HasPrefix(srcText, "―") && !strings.HasPrefix(srcText, "--") {
		return nil, nil, "", false // a hyphen line under plain text is more likely a bullet
	}
	words := 0
	for _, l := range q {
		words += wordCount(l.text)
	}
	first := strings.TrimSpace(strings.TrimLeft(q[0].text, ">"))
	if words > maxEpigraphWords || listMarker(first) != "" || len(q) == 1 && headingLevel(first, true) > 0 {
		return nil, nil, "", false
	}
	return q, src, attr, true
}

// epigraphLines returns the indexes of the lines of an epigraph that
// starts at kept line i, for the head reader to keep in the body.
func (p *parser) epigraphLines(i int) []int {
	q, src, _, ok := p.epigraphAt(i)
	if !ok {
		return nil
	}
	var out []int
	for _, l := range q {
		out = append(out, l.idx)
	}
	return append(out, src.idx)
}

// sourceLine reports whether line l names the source of a quotation that
// starts with line first: a dash and a short source, or a short line
// indented well past the quotation; it returns the source without its
// dash.
func sourceLine(l, first *line) (string, bool) {
	if m := attributionRE.FindStringSubmatch(strings.TrimSpace(strings.TrimLeft(l.text, ">"))); m != nil && shortSource(m[1]) {
		return m[1], true
	}
	if l.indent >= first.indent+8 && wordCount(l.text) <= 10 && startsUpper(l.text) {
		return strings.TrimSuffix(l.text, "."), true
	}
	return "", false
}

// firstRuneOf returns the first character of s, or "".
func firstRuneOf(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

// sourceHow says how a source line was recognised, for Why.
func sourceHow(l, first *line) string {
	if attributionRE.MatchString(strings.TrimSpace(strings.TrimLeft(l.text, ">"))) {
		return "a dash line"
	}
	return fmt.Sprintf("a short line set %d columns further right", l.indent-first.indent)
}

package parse

import "regexp"

// This file reads the marks previews leave: a truncation marker glued to
// the last word before the text that is hidden ("…show more content…",
// "... read more"). The text after it is a later fragment: it never
// continues the sentence the marker cut, and the document is a preview.

// truncationRE matches a truncation marker at the end of a line: an
// ellipsis, a show/read/see/view more link, and an optional ellipsis.
var truncationRE = regexp.MustCompile(`(?i)\s*(?:\.{3}|…)\s*(?:show|read|see|view|load)\s+(?:more|all)(?:\s+(?:content|text))?\s*(?:\.{3}|…)?\s*$`)

// cutTruncationMarkers removes truncation markers glued to the end of
// lines, marks the next line as following a gap, and flags the preview.
func (p *parser) cutTruncationMarkers() {
	for _, l := range p.lines {
		if l.blank || l.removed {
			continue
		}
		loc := truncationRE.FindStringIndex(l.text)
		if loc == nil || loc[0] == 0 {
			continue
		}
		marker := l.text[loc[0]:]
		p.record(l, max(0, len(l.orig)-len(marker)), marker, "preview: a truncation marker glued to the text; what it hid is missing, so the next text is not joined to it")
		l.text = l.text[:loc[0]]
		p.paywall = true
		if k := p.nextKept(l.idx + 1); k >= 0 {
			p.lines[k].gap = true
		}
	}
}

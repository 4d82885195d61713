package parse

import (
	"fmt"
	"regexp"

	"github.com/essayexport/essayexport/essay"
)

// refMarkerRE matches the label of a numbered reference: "[12]", "12.", "(3)".
var refMarkerRE = regexp.MustCompile(`^(\[\d{1,6}\]|\d{1,6}[.)]|\(\d{1,6}\)|[-*•])\s+(\S.*)$`)

// openReference reads one entry (a one-item List block of kind
// References; groupLists joins the entries) of a references list (after a
// References/Bibliography/Works Cited heading, until the next heading):
// a line and the lines that continue it, indented under it (a hanging
// indent) or wrapped on from a line that does not end a sentence.
func openReference(p *parser, r *region, i int) (essay.Block, int, bool) {
	if !p.inRefs {
		return essay.Block{}, 0, false
	}
	l := r.lines[i]
	text, marker := l.text, ""
	if m := refMarkerRE.FindStringSubmatch(text); m != nil {
		marker, text = m[1], m[2]
	}
	parts := []string{text}
	j := i + 1
	for ; j < len(r.lines); j++ {
		b := r.lines[j]
		if refMarkerRE.MatchString(b.text) {
			break
		}
		prev := r.lines[j-1]
		cont := b.join || b.indent > l.indent ||
			r.wrapped && !endsSentence(prev.text) && !p.breaks(r, prev, b)
		if !cont {
			break
		}
		parts = append(parts, b.text)
	}
	why := fmt.Sprintf("entry under the %q heading", p.refsHeading)
	if marker != "" {
		why = fmt.Sprintf("entry %q under the %q heading", marker, p.refsHeading)
	}
	if j-i > 1 {
		why += fmt.Sprintf("; %d lines joined", j-i)
	}
	return itemBlock(essay.References, marker, p.joinAll(parts), why), j - i, true
}

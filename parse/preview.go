package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file reads the marks previews leave: a truncation marker glued to
// the last word before the text that is hidden ("…show more content…",
// "... read more"). The text after it is a later fragment: it never
// continues the sentence the marker cut, and the document is a preview.

// truncationRE matches a truncation marker at the end of a line: an
// ellipsis, a show/read/see/view more link, and an optional ellipsis.
var truncationRE = regexp.MustCompile(`(?i)\s*(?:\.{3}|…)\s*(?:show|read|see|view|load)\s+(?:more|all)(?:\s+(?:content|text))?\s*(?:\.{3}|…)?\s*$`)

// truncationTail is the most bytes at a line's end a truncation marker
// and its spacing take.
const truncationTail = 80

// cutTruncationMarkers removes truncation markers glued to the end of
// lines, marks the next line as following a gap, and flags the preview.
func (p *parser) cutTruncationMarkers() {
	for _, l := range p.lines {
		if l.blank || l.removed {
			continue
		}
		// The marker ends the line: look only at its tail, so that a
		// long line costs no more than a short one.
		from := max(0, len(l.text)-truncationTail)
		for from > 0 && !utf8.RuneStart(l.text[from]) {
			from--
		}
		if !strings.Contains(l.text[from:], "…") && !strings.Contains(l.text[from:], "...") {
			continue
		}
		loc := truncationRE.FindStringIndex(l.text[from:])
		if loc == nil || from+loc[0] == 0 {
			continue
		}
		loc[0] += from
		marker := l.text[loc[0]:]
		p.record(l, max(0, len(l.orig)-len(marker)), marker, "preview: a truncation marker glued to the text; what it hid is missing, so the next text is not joined to it")
		l.text = l.text[:loc[0]]
		p.paywall, p.truncated = true, true
		if k := p.nextKept(l.idx + 1); k >= 0 {
			p.lines[k].gap = true
		}
	}
}

// maxInsert is the most lines an advertisement inserted into a sentence
// may have.
const maxInsert = 3

// cutInserts removes advertisements that cut a sentence: one to three
// lines after a line that leaves its sentence open, before a line that
// goes on in lower case, where the lines between start a new sentence
// and are either interface text (interface words, prices, numbers) or
// interrupt text laid out one paragraph per line (longer than any
// hard-wrapped line), where a line break cannot fall inside a sentence.
// mendCuts then mends the sentence.
func (p *parser) cutInserts() {
	for i := p.nextKept(0); i >= 0; i = p.nextKept(i + 1) {
		a := p.lines[i]
		if endsSentence(a.text) || utf8.RuneCountInString(a.text) < minPageLine {
			continue
		}
		var ins []*line
		c := -1
		for j := p.nextKept(i + 1); j >= 0 && len(ins) <= maxInsert; j = p.nextKept(j + 1) {
			if startsLower(p.lines[j].text) {
				c = j
				break
			}
			ins = append(ins, p.lines[j])
		}
		if c < 0 || len(ins) == 0 || len(ins) > maxInsert {
			continue
		}
		perLine := utf8.RuneCountInString(a.text) > maxWrapWidth
		chrome := true
		for _, l := range ins {
			st := measure(l.text, p.fw)
			n := utf8.RuneCountInString(l.text)
			switch {
			case n > maxChrome || !startsUpper(l.text):
				chrome = false
			case perLine:
				chrome = chrome && (st.iface > 0 || strings.ContainsAny(l.text, "$€£") || n < minPageLine)
			default:
				// Between hard-wrapped lines only short interface
				// lines are inserts.
				chrome = chrome && n < minPageLine && st.iface > 0
			}
		}
		if !chrome {
			continue
		}
		for _, l := range ins {
			p.remove(l, "advertisement: a line inserted into a sentence that runs on after it")
			l.cut, l.cutWhat = true, "advertisement"
		}
		i = c - 1
	}
}

// paywallReach is how many lines after the body a paywall prompt may
// stand to mark the text as a truncated preview.
const paywallReach = 6

// placePaywall decides Document.Preview's evidence once the body is
// known: a paywall prompt marks a preview only where it stands right
// after the body (a prompt to sign up or read on where the text stops),
// not in a site's menu above it or in a newsletter box inside it. A
// truncation marker or a prompt cut from inside a line always does.
func (p *parser) placePaywall(lastBody int) {
	if p.truncated || p.inlinePaywall {
		return
	}
	found, seen := false, 0
	for _, l := range p.lines[lastBody+1:] {
		if l.text == "" {
			continue
		}
		if seen++; seen > paywallReach {
			break
		}
		found = found || l.paywall
	}
	p.paywall = found
}

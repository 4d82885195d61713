package parse

import (
	"fmt"
	"regexp"
)

// Debris patterns: what PDF extraction and plain-text conversion leave
// between the words of an essay.
var (
	// pageNumberRE matches a line that is only a page number:
	// "12", "- 12 -", "[12]", "Page 12", "12 | Page".
	// The word "page" is any language's (langdata.go): "Seite 3".
	pageNumberRE = regexp.MustCompile(`(?i)^((?:` + pageWords + `)\.?\s+)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(\s*\|\s*(?:` + pageWords + `))?$`)
	// ruleRE matches a horizontal rule made of one repeated symbol:
	// "=====", "-----", "* * *", "_____".
	ruleRE = regexp.MustCompile(`^(?:=[\s=]*={2,}|-[\s-]*-{2,}|_[\s_]*_{2,}|\*(\s*\*){2,}|~[\s~]*~{2,}|#(\s*#){2,})$`)
)

// maxHeader is the longest line (in characters) that counts as a running
// header or footer.
const maxHeader = 80

// removeDebris takes out lone page numbers, horizontal rules and running
// headers: short lines repeated at least three times in a text that shows
// page breaks (form feeds or page-number lines).
func (p *parser) removeDebris() {
	pages := 0
	for _, l := range p.lines {
		if l.page {
			pages++
		}
		if l.blank || l.removed {
			continue
		}
		switch {
		case pageNumberRE.MatchString(l.text):
			p.remove(l, "page number: a line holding only a page number")
			l.cut, l.cutWhat = true, "page number"
			pages++
		case ruleRE.MatchString(l.text) && p.sceneBreak(l):
			l.scene = true // a thematic break: a Rule block (rule.go)
		case ruleRE.MatchString(l.text):
			p.remove(l, fmt.Sprintf("rule: a horizontal rule of repeated %q", l.text[:1]))
			l.cut, l.cutWhat = true, "rule"
		}
	}
	if pages < 2 {
		return
	}
	count := map[string]int{}
	for _, l := range p.lines {
		if !l.blank && !l.removed && len(l.text) <= maxHeader {
			count[l.text]++
		}
	}
	first := p.nextKept(0)
	for i, l := range p.lines {
		// A running header on the first page is usually the title.
		if !l.blank && !l.removed && count[l.text] >= 3 && i != first {
			p.remove(l, fmt.Sprintf("running header: short line repeated %d times in a text with %d page breaks or page numbers", count[l.text], pages))
			l.cut, l.cutWhat = true, "running header"
		}
	}
}

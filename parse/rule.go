package parse

import (
	"fmt"

	"github.com/essayexport/essayexport/essay"
)

// sceneBreak reports whether line l, a horizontal rule (ruleRE), is a
// thematic break between paragraphs rather than debris: made of "*", "-",
// "_" or "~" (not "=" or "#", which frame headers and banners), with kept
// text before and after it, not right after a page break, and not under
// a line that runs on (that would make it a Markdown heading underline).
func (p *parser) sceneBreak(l *line) bool {
	switch l.text[0] {
	case '*', '-', '_', '~':
	default:
		return false
	}
	if l.page {
		return false
	}
	before := -1
	for k := l.idx - 1; k >= 0; k-- {
		if q := p.lines[k]; !q.blank && !q.removed {
			before = k
			break
		}
	}
	if before < 0 || p.nextKept(l.idx+1) < 0 {
		return false
	}
	if prev := p.lines[before]; before == l.idx-1 && !endsSentence(prev.text) {
		return false // "Title" over "-----"
	}
	return true
}

// openRule reads a thematic break: a line that sceneBreak kept.
func openRule(p *parser, r *region, i int) (essay.Block, int, bool) {
	l := r.lines[i]
	if !l.scene {
		return essay.Block{}, 0, false
	}
	return essay.Block{Kind: essay.Rule, Why: fmt.Sprintf("a line of repeated %q between paragraphs", l.text[:1])}, 1, true
}

// trimRules takes out thematic breaks that separate nothing: at the start
// or end of the body, or right after another break or a heading.
func (p *parser) trimRules() {
	blocks := p.doc.Blocks
	out := blocks[:0]
	for i, b := range blocks {
		if b.Kind == essay.Rule {
			n := len(out)
			why := ""
			switch {
			case n == 0:
				why = "at the start of the body"
			case i == len(blocks)-1:
				why = "at the end of the body"
			case out[n-1].Kind == essay.Rule:
				why = "right after another"
			case out[n-1].Kind == essay.Heading:
				why = "right under a heading"
			}
			if why != "" {
				l := p.lineAt(b.Line)
				p.record(l, 0, l.text, "rule: a horizontal rule "+why)
				continue
			}
		}
		out = append(out, b)
	}
	p.doc.Blocks = out
}

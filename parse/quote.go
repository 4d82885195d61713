package parse

import (
	"fmt"
	"strings"

	"github.com/essayexport/essayexport/essay"
)

// openQuote reads a block quotation: consecutive ">"-prefixed lines; a
// whole region indented well past the body (see regions); or, in text
// whose paragraphs start with an indented line, two or more consecutive
// lines indented deeper than those first lines.
func openQuote(p *parser, r *region, i int) (essay.Block, int, bool) {
	l := r.lines[i]
	if strings.HasPrefix(l.text, ">") {
		var parts []string
		j := i
		for ; j < len(r.lines) && strings.HasPrefix(r.lines[j].text, ">"); j++ {
			parts = append(parts, strings.TrimSpace(strings.TrimLeft(r.lines[j].text, "> ")))
		}
		why := "'>' prefix"
		if j-i > 1 {
			why += fmt.Sprintf(" on %d lines", j-i)
		}
		attr := ""
		if n := len(parts); n > 1 {
			if m := attributionRE.FindStringSubmatch(parts[n-1]); m != nil && shortSource(m[1]) {
				attr, parts = m[1], parts[:n-1]
				why += "; its last line, a dash and a source, gives the attribution"
			}
		}
		return essay.Block{Kind: essay.Quote, Text: p.joinAll(parts), Attribution: attr, Why: why}, j - i, true
	}
	if r.quote {
		if i != 0 {
			return essay.Block{}, 0, false
		}
		if len(r.lines) == 1 && headingLevel(l.text, true) > 0 {
			return essay.Block{}, 0, false // a centred heading, not a quotation
		}
		parts := make([]string, len(r.lines))
		for k, q := range r.lines {
			parts[k] = q.text
		}
		deepest := r.lines[0].indent
		for _, q := range r.lines {
			deepest = min(deepest, q.indent)
		}
		why := fmt.Sprintf("indented %d spaces deeper than the body", deepest-r.docBase)
		if len(r.lines) > 1 {
			why = fmt.Sprintf("region of %d lines all indented at least %d spaces deeper than the body", len(r.lines), deepest-r.docBase)
		}
		return essay.Block{Kind: essay.Quote, Text: p.joinAll(parts), Why: why}, len(r.lines), true
	}
	deep := func(q *line) bool { return q.indent >= r.base+4 && q.indent > r.parIndent }
	if r.parIndent > r.base && deep(l) && (i == 0 || !deep(r.lines[i-1])) {
		j := i
		for j < len(r.lines) && deep(r.lines[j]) {
			j++
		}
		if j-i >= 2 {
			parts := make([]string, 0, j-i)
			for _, q := range r.lines[i:j] {
				parts = append(parts, q.text)
			}
			why := fmt.Sprintf("%d lines indented %d spaces deeper than the body and past the paragraphs' indented first lines", j-i, l.indent-r.base)
			return essay.Block{Kind: essay.Quote, Text: p.joinAll(parts), Why: why}, j - i, true
		}
	}
	return essay.Block{}, 0, false
}

package parse

import (
	"fmt"
	"strings"

	"github.com/essayexport/essayexport/essay"
)

// markdownWhy starts the Why of a Markdown heading (see openHeading).
const markdownWhy = `heading: markdown "`

// relevelMarkdown makes Markdown heading levels relative to the document:
// when no "#" heading became the title, the shallowest Markdown level
// used for sections becomes level 1. A lone shallowest heading that comes
// before all the others (a "# Title" the title rule did not take) stays
// level 1 and does not count. Levels stop at 4.
func (p *parser) relevelMarkdown() {
	var md []*essay.Block
	for i := range p.doc.Blocks {
		b := &p.doc.Blocks[i]
		if b.Kind != essay.Heading {
			continue
		}
		b.Level = min(b.Level, 4) // "2.1.1.1.1" too
		if strings.HasPrefix(b.Why, markdownWhy) {
			md = append(md, b)
		}
	}
	if len(md) == 0 {
		return
	}
	hashes := func(b *essay.Block) int {
		rest := strings.TrimPrefix(b.Why, markdownWhy)
		return strings.IndexByte(rest, '"')
	}
	body := md
	if len(md) > 1 {
		first := hashes(md[0])
		lone := true
		for _, b := range md[1:] {
			lone = lone && hashes(b) > first
		}
		if lone {
			body = md[1:]
		}
	}
	top := 6
	for _, b := range body {
		top = min(top, hashes(b))
	}
	for _, b := range md {
		h := hashes(b)
		level := max(1, h-max(p.mdShift, top-1))
		if p.mdShift == 0 && top > 1 && h >= top {
			b.Why += fmt.Sprintf("; level %d counted from the shallowest section level %q", level, strings.Repeat("#", top))
		}
		b.Level = min(level, 4)
	}
}

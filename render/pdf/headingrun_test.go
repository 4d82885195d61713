package pdf

import (
	"fmt"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/render"
)

// TestHeadingRunNotAPagePerHeading is issue 15's fault 4 on the PDF side:
// a heading is kept with what follows, and a run of 200 headings was kept
// together whole, so each heading started a page (185 pages). Now the
// run flows: a page holds many of them.
func TestHeadingRunNotAPagePerHeading(t *testing.T) {
	doc := &essay.Document{Title: "Vocabulary", Lang: "en"}
	for i := range 200 {
		doc.Blocks = append(doc.Blocks, essay.Block{Kind: essay.Heading, Level: 1, Text: fmt.Sprintf("Word%d", i)})
	}
	doc.Blocks = append(doc.Blocks, essay.Block{Kind: essay.Paragraph, Text: sampleParagraphs[0]})
	r := newRenderer(render.Single(doc, "", ""), render.Defaults(), Settings{})
	pages := r.layout()
	if len(pages) > 20 {
		t.Errorf("%d pages for 200 one-word headings and a paragraph, want at most 20 (before: one a page)", len(pages))
	}
	for n, p := range pages[:len(pages)-1] {
		if len(p.lines) < 5 {
			t.Errorf("page %d holds %d lines", n+1, len(p.lines))
		}
	}
}

package parse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
)

// TestCapitalisedLinesNotHeadings is issue 15's fault 4: a vocabulary
// list (one capitalised word a line between blank lines, under a title)
// was read as 199 level-1 headings. A heading needs body text under it:
// three or more such lines in a row are text. A real heading over body
// text, and two in a row, still are headings.
func TestCapitalisedLinesNotHeadings(t *testing.T) {
	var b strings.Builder
	b.WriteString("Vocabulary List\n\n")
	for i, w := range strings.Fields("Apple Bridge Candle Dolphin Engine Forest Garden Harbor Island Jacket") {
		for j := range 20 {
			fmt.Fprintf(&b, "%s%d\n\n", w, i*20+j)
		}
	}
	doc, err := Parse([]byte(b.String()), Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	for _, bl := range doc.Blocks {
		if bl.Kind == essay.Heading {
			t.Fatalf("a vocabulary word was read as a heading: %q [%s]", bl.Text, bl.Why)
		}
	}
	if len(doc.Blocks) < 190 {
		t.Errorf("%d blocks, want the 200 words kept", len(doc.Blocks))
	}

	body := "The committee met on a wet Tuesday and decided, after long debate, to plant more trees along the canal.\n\n"
	doc, err = Parse([]byte("An Essay\n\n"+body+"Early Years\n\n"+body+"Part Two\n\nThe Later Years\n\n"+body), Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, bl := range doc.Blocks {
		if bl.Kind == essay.Heading {
			heads = append(heads, bl.Text)
		}
	}
	if strings.Join(heads, "|") != "Early Years|Part Two|The Later Years" {
		t.Errorf("headings %q, want Early Years, Part Two, The Later Years", heads)
	}
}

package pdf

import (
	"os"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/render"
)

func TestScratch(t *testing.T) {
	f, _ := os.Create("/tmp/pdfhelper/s.pdf")
	d := sampleDoc()
	d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Paragraph, Text: "Symbols: ⇒ ∀ ✓ café naïve Ελληνικά кириллица ½ € ™ … and 😀."})
	st, err := Render(f, render.Single(d, "", "1 March 2026"), render.Defaults())
	f.Close()
	t.Log(st, err)
	f, _ = os.Create("/tmp/pdfhelper/p.pdf")
	st, err = Render(f, packBook(3), render.Defaults())
	f.Close()
	t.Log(st, err)
}

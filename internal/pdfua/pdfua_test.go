package pdfua_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/pdfua"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/pdf"
)

// essayDoc is a small essay with a heading, a quotation and a note.
func essayDoc() *essay.Document {
	return &essay.Document{
		Title: "On Checking", Author: "A. Tester", Lang: "en-GB",
		Blocks: []essay.Block{
			{Kind: essay.Paragraph, Text: "A first paragraph that says what the essay is about.", Spans: []essay.Span{
				{Text: "A first paragraph that says what the essay is about."}, {Text: "1", Note: "n1"}}},
			{Kind: essay.Heading, Level: 1, Text: "A section"},
			{Kind: essay.Quote, Text: "A quotation set off from the text."},
			{Kind: essay.Paragraph, Text: "A last paragraph."},
		},
		Notes: []essay.Note{{ID: "n1", Label: "1", Text: "The note's text."}},
	}
}

// rendered renders essayDoc, lets edit change the bytes, writes the
// result and returns the checker's problems.
func rendered(t *testing.T, edit func([]byte) []byte) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := pdf.Render(&buf, render.Single(essayDoc(), "", ""), render.Defaults()); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if edit != nil {
		b = edit(bytes.Clone(b))
	}
	return check(t, b)
}

func check(t *testing.T, b []byte) []string {
	t.Helper()
	testutil.Need(t, "qpdf")
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := pdfua.Check(path)
	if err != nil {
		t.Fatal(err)
	}
	return problems
}

// replace swaps old for new, of the same length, so that the
// cross-reference offsets stay right.
func replace(t *testing.T, old, new string) func([]byte) []byte {
	return func(b []byte) []byte {
		if len(old) != len(new) {
			t.Fatalf("%q and %q differ in length", old, new)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("the PDF has no %q", old)
		}
		return bytes.ReplaceAll(b, []byte(old), []byte(new))
	}
}

func want(t *testing.T, problems []string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		found := false
		for _, q := range problems {
			found = found || strings.Contains(q, p)
		}
		if !found {
			t.Errorf("no problem mentions %q; got:\n%s", p, strings.Join(problems, "\n"))
		}
	}
}

func TestRendererPasses(t *testing.T) {
	if problems := rendered(t, nil); len(problems) > 0 {
		t.Errorf("problems in the renderer's output:\n%s", strings.Join(problems, "\n"))
	}
}

func TestUntaggedFails(t *testing.T) {
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(false)
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Text(72, 72, "Untagged text")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	want(t, check(t, buf.Bytes()),
		"no /Lang", "MarkInfo", "DisplayDocTitle", "no XMP", "not tagged",
		"page 1: 1 text operators outside tagged content", "has no ToUnicode map")
}

func TestMissingLangFails(t *testing.T) {
	want(t, rendered(t, replace(t, "/Lang (en-GB)", "/Lanx (en-GB)")), "the catalog has no /Lang")
}

func TestSkippedHeadingFails(t *testing.T) {
	want(t, rendered(t, replace(t, "/S /H2 ", "/S /H4 ")), "heading level skipped: H4 follows H1")
}

func TestFigureWithoutAltFails(t *testing.T) {
	want(t, rendered(t, replace(t, "/S /BlockQuote ", "/S /Figure     ")), "a Figure element has no /Alt")
}

func TestUnknownTypeFails(t *testing.T) {
	want(t, rendered(t, replace(t, "/S /BlockQuote ", "/S /Pullquote  ")), "/Pullquote is neither standard nor role-mapped")
}

func TestUntaggedAnnotationFails(t *testing.T) {
	want(t, rendered(t, replace(t, "/StructParent ", "/StructParenX ")), "annotation is not tagged")
}

func TestParentTreeMismatchFails(t *testing.T) {
	// the page's content names its MCIDs under /StructParents 0; point it
	// at a key the ParentTree gives to an annotation
	want(t, rendered(t, replace(t, "/StructParents 0", "/StructParents 1")), "the ParentTree does not give MCID")
}

func TestNoteWithoutIDFails(t *testing.T) {
	want(t, rendered(t, func(b []byte) []byte {
		i := bytes.Index(b, []byte("/S /Note "))
		j := bytes.Index(b[i:], []byte(" /ID <"))
		if i < 0 || j < 0 {
			t.Fatal("no Note with an ID")
		}
		copy(b[i+j:], " /XX <")
		return b
	}), "a Note element has no /ID")
}

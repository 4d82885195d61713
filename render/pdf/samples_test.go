package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
)

// parseFile reads and parses the essay at path, named as the command
// line would name it.
func parseFile(t testing.TB, path string) *essay.Document {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Parse(src, parse.Options{Name: parse.ReadableName(path)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestSamples parses the project's sample essays (samples/, one per
// layout the parser knows) and checks each PDF end to end.
func TestSamples(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(), "samples", "*.txt"))
	if len(paths) == 0 {
		t.Fatal("no samples found")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := parseFile(t, path)
			out, st := renderFile(t, render.Single(doc, "", ""), render.Defaults())
			testutil.QpdfCheck(t, out)
			testutil.PdfFonts(t, out)
			checkWordsInOrder(t, sourceWords(doc), testutil.PdfToText(t, out))
			if got := pdfinfo(t, out)["Title"]; got != doc.DisplayTitle() {
				t.Errorf("metadata title %q, want %q", got, doc.DisplayTitle())
			}
			if len(st.Warnings) != 0 {
				t.Errorf("warnings: %q", st.Warnings)
			}
		})
	}
}

// TestSharedSeed renders the shared seed essay, where it exists, and
// checks the size target.
func TestSharedSeed(t *testing.T) {
	dir, ok := testutil.Shared()
	if !ok {
		t.Skip("no ../shared corpus here")
	}
	src, err := os.ReadFile(filepath.Join(dir, "seeds", "essay-bank-preview.txt"))
	if err != nil {
		t.Skip("no seed essay in ../shared")
	}
	doc, err := parse.Parse(src, parse.Options{Name: "essay-bank-preview"})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := renderFile(t, render.Single(doc, "PREVIEW", ""), render.Defaults())
	testutil.QpdfCheck(t, out)
	st, _ := os.Stat(out)
	t.Logf("seed PDF: %d bytes", st.Size())
	if st.Size() > 60_000 {
		t.Errorf("seed PDF is %d bytes, want under 60 KB", st.Size())
	}
	text := testutil.PdfToText(t, out)
	checkWordsInOrder(t, sourceWords(doc), text)
	if flat := strings.Join(strings.Fields(text), " "); doc.Title != "" && !strings.Contains(flat, doc.Title) {
		t.Errorf("the title %q is not on the page", doc.Title)
	}
}

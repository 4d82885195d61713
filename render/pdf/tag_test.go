package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
)

// structElem is one element of `pdfinfo -struct-text`'s tree.
type structElem struct {
	typ   string
	depth int
	text  string // its own text and its descendants', in order
}

// structTree reads `pdfinfo -struct-text` into the elements in preorder.
func structTree(t *testing.T, path string) []structElem {
	t.Helper()
	testutil.Need(t, "pdfinfo")
	out, err := testutil.Run("pdfinfo", "-struct-text", path)
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v\n%s", err, out)
	}
	var es []structElem
	var open []int // indexes of the elements enclosing the current line
	for _, l := range strings.Split(out, "\n") {
		body := strings.TrimLeft(l, " ")
		if body == "" {
			continue
		}
		depth := (len(l) - len(body)) / 2
		for len(open) > 0 && es[open[len(open)-1]].depth >= depth {
			open = open[:len(open)-1]
		}
		switch {
		case strings.HasPrefix(body, `"`):
			for _, i := range open {
				es[i].text += strings.Trim(body, `"`) + " "
			}
		case strings.HasPrefix(body, "Object "):
		default:
			es = append(es, structElem{typ: strings.Fields(body)[0], depth: depth})
			open = append(open, len(es)-1)
		}
	}
	return es
}

// letters keeps the letters and digits of s: the comparison ignores
// spacing, punctuation and the hyphens of words broken across lines.
func letters(s string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return c
		}
		return -1
	}, s)
}

// allSpans is a block's text with its note markers.
func allSpans(bl essay.Block) string {
	var s strings.Builder
	for _, sp := range bl.Runs() {
		s.WriteString(sp.Text)
	}
	return s.String()
}

// want is an element expected in the structure tree.
type want struct{ typ, text string }

// checkStructure fails unless the elements of wants appear in es in
// order, each with its type and exactly its text.
func checkStructure(t *testing.T, es []structElem, wants []want) {
	t.Helper()
	j := 0
	for _, w := range wants {
		for j < len(es) && !(es[j].typ == w.typ && letters(es[j].text) == letters(w.text)) {
			j++
		}
		if j == len(es) {
			var tree strings.Builder
			for _, e := range es {
				tree.WriteString(strings.Repeat("  ", e.depth) + e.typ + " " + e.text + "\n")
			}
			t.Fatalf("no %s %q in order in the structure tree:\n%s", w.typ, w.text, tree.String())
		}
		j++
	}
}

func renderTo(t *testing.T, b *render.Book, o render.Options) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Render(&buf, b, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	testutil.QpdfCheck(t, path) // and the PDF/UA checker
	if info := pdfinfo(t, path); info["Tagged"] != "yes" || info["PDF version"] != "1.7" {
		t.Fatalf("pdfinfo: Tagged %q, PDF version %q", info["Tagged"], info["PDF version"])
	}
	return path
}

// TestStructureConstructs: every construct of the model under its tag,
// in reading order; page furniture and the rule are artifacts.
func TestStructureConstructs(t *testing.T) {
	doc := constructsDoc()
	path := renderTo(t, render.Single(doc, "DRAFT", "1 March 2026"), render.Defaults())
	es := structTree(t, path)
	b := doc.Blocks
	if es[0].typ != "Document" {
		t.Fatalf("the structure tree's root is %s", es[0].typ)
	}
	checkStructure(t, es, []want{
		{"H1", doc.Title}, {"P", doc.Subtitle}, {"P", doc.Author}, {"P", "1 March 2026"},
		{"BlockQuote", doc.Epigraph.Text + " — Emily Dickinson"},
		{"P", allSpans(b[0])}, {"Reference", "1"}, {"Link", "1"},
		{"H2", "What slowness is"},
		{"P", allSpans(b[2])},
		{"H3", "Three habits of fast readers"},
		{"L", "1. They look for the subject before the sound. 2. They paraphrase too early."},
		{"LI", "1. They look for the subject before the sound."}, {"Lbl", "1."}, {"LBody", "They look for the subject before the sound."},
		{"P", b[5].Text},
		{"Lbl", "1."}, {"LBody", "Read aloud once."},
		{"H4", "An example from Wordsworth"},
		{"BlockQuote", b[9].Text + " — " + b[9].Attribution},
		{"P", "I wandered lonely as a cloud That floats on high o’er vales and hills, When all at once I saw a crowd, A host, of golden daffodils;"},
		{"P", "Beside the lake, beneath the trees, Fluttering and dancing in the breeze. — " + b[9].Attribution},
		{"P", allSpans(b[10])},
		{"H5", "A note on rhythm"},
		{"Lbl", "c."}, {"LBody", "the first stress falls late;"}, {"Lbl", "e."},
		{"LI", "• Sound before sense. ◦ Vowels first. ◦ Then consonants."},
		{"LBody", "Sound before sense. ◦ Vowels first. ◦ Then consonants."},
		{"L", "◦ Vowels first. ◦ Then consonants."}, {"LBody", "Vowels first."},
		{"BlockQuote", b[16].Text + " — " + b[16].Attribution},
		{"P", b[18].Text},
		{"H2", "References"},
		{"LBody", "[1] Wordsworth, W. (1807). Poems, in Two Volumes. London: Longman."},
		{"H2", "Notes"},
		{"Note", "1. " + doc.Notes[0].Text}, {"Link", "1."},
		{"Note", "3. " + doc.Notes[2].Text},
	})
	// lists say how they number: pdfinfo -struct prints the attributes
	out, err := testutil.Run("pdfinfo", "-struct", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Decimal", "LowerAlpha", "Disc", "Circle", "None"} {
		if !strings.Contains(out, "/ListNumbering /"+n) {
			t.Errorf("no list with /ListNumbering /%s", n)
		}
	}
	all := es[0].text
	for _, furniture := range []string{"1 / ", "DRAFT", "* * *", doc.Title + " " + doc.Title} {
		if strings.Contains(all, furniture) {
			t.Errorf("the structure tree holds page furniture %q", furniture)
		}
	}
}

// TestStructureSeed: the seed essay, parsed, has every paragraph's text
// under a P, in order, after its title as H1.
func TestStructureSeed(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testutil.RepoRoot(), "samples", "essay-bank-preview.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parse.Parse(src, parse.Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	path := renderTo(t, render.Single(doc, "", ""), render.Defaults())
	wants := []want{{"H1", doc.Title}}
	for _, bl := range doc.Blocks {
		switch bl.Kind {
		case essay.Paragraph:
			wants = append(wants, want{"P", bl.Text})
		case essay.Heading:
			wants = append(wants, want{"H" + string(rune('1'+bl.Level)), bl.Text})
		}
	}
	if len(wants) < 5 {
		t.Fatalf("the seed parsed into %d paragraphs and headings", len(wants)-1)
	}
	checkStructure(t, structTree(t, path), wants)
}

// TestStructurePack: a pack's cover title is H1, its contents a TOC with
// a TOCI > Link per essay (holding the entry and its link annotation),
// and each essay a Part under its title as H2.
func TestStructurePack(t *testing.T) {
	b := packBook(3)
	path := renderTo(t, b, render.Defaults())
	es := structTree(t, path)
	wants := []want{{"H1", b.Title}, {"P", b.Subtitle}, {"P", b.Author}, {"P", b.Date}, {"H2", "Contents"}}
	for range b.Parts {
		wants = append(wants, want{"TOCI", ""}) // (text checked below)
	}
	for _, p := range b.Parts {
		wants = append(wants, want{"H2", p.Doc.Title}, want{"P", p.Doc.Author}, want{"P", p.Doc.Blocks[0].Text})
	}
	// TOCI texts: the title, the author and the page number (the dot
	// leaders are artifacts)
	entry := regexp.MustCompile(`^Essay number \d on roads Student \d\s+\d+ $`)
	for i, e := range es {
		if e.typ == "TOCI" {
			if !entry.MatchString(e.text) {
				t.Errorf("contents entry %q", e.text)
			}
			es[i].text = ""
		}
	}
	checkStructure(t, es, wants)
	parts := 0
	for _, e := range es {
		if e.typ == "Part" && e.depth == 1 {
			parts++
		}
	}
	if parts != len(b.Parts) {
		t.Errorf("%d Parts for %d essays", parts, len(b.Parts))
	}
}

// TestPDFA: --pdfa adds the PDF/A-2u identification and the sRGB output
// intent, keeps the PDF/UA identification, and the information
// dictionary and XMP agree.
func TestPDFA(t *testing.T) {
	o := render.Defaults()
	o.PDFA = true
	o.Subject, o.Keywords = "Roads & paths", "roads, memory"
	path := renderTo(t, render.Single(sampleDoc(), "PREVIEW", ""), o)
	testutil.Need(t, "qpdf")
	js, err := testutil.Run("qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"/S": "/GTS_PDFA1"`, `"/OutputConditionIdentifier": "u:sRGB IEC61966-2.1"`, `"/N": 3`, `"/ID": [`} {
		if !strings.Contains(js, s) {
			t.Errorf("qpdf --json lacks %s", s)
		}
	}
	raw, _ := os.ReadFile(path)
	x := string(raw)
	for _, s := range []string{"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>",
		"<pdfuaid:part>1</pdfuaid:part>", "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
		"<xmp:CreateDate>2000-01-01T00:00:00Z</xmp:CreateDate>", "/CreationDate (D:20000101000000Z)",
		"<pdf:Keywords>roads, memory</pdf:Keywords>", "Roads &amp; paths"} {
		if !strings.Contains(x, s) {
			t.Errorf("the PDF lacks %s", s)
		}
	}
	info := pdfinfo(t, path)
	if info["Title"] != "The Roads Nobody Uses" || info["Author"] != "Ada Whitlock" || info["Subject"] != "Roads & paths" {
		t.Errorf("pdfinfo: %v", info)
	}
	var a, b bytes.Buffer
	for _, w := range []*bytes.Buffer{&a, &b} {
		if _, err := Render(w, render.Single(sampleDoc(), "PREVIEW", ""), o); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two PDF/A renders differ")
	}
	// without --pdfa: no PDF/A claim, no output intent
	plain := renderTo(t, render.Single(sampleDoc(), "", ""), render.Defaults())
	raw, _ = os.ReadFile(plain)
	if bytes.Contains(raw, []byte("pdfaid")) || bytes.Contains(raw, []byte("GTS_PDFA1")) {
		t.Error("a PDF without --pdfa claims PDF/A")
	}
}

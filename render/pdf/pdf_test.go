package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
)

// renderFile renders b with o into a temporary file and returns its path.
func renderFile(t testing.TB, b *render.Book, o render.Options) (string, render.Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := Render(&buf, b, o)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output is not a PDF: %q", buf.Bytes()[:min(20, buf.Len())])
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, st
}

// sourceWords lists the words of a document's title block, blocks and
// notes, with list markers and note markers as they are drawn, as a
// reader would expect to get them back.
func sourceWords(d *essay.Document) []string {
	var ws []string
	ws = append(ws, strings.Fields(d.Title)...)
	ws = append(ws, strings.Fields(d.Subtitle)...)
	ws = append(ws, strings.Fields(d.Author)...)
	if d.Epigraph != nil {
		ws = append(ws, blockWords(d.Epigraph)...)
	}
	for i := range d.Blocks {
		ws = append(ws, blockWords(&d.Blocks[i])...)
	}
	if len(d.Notes) > 0 {
		ws = append(ws, notesTitle(d.Lang))
	}
	for i := range d.Notes {
		n := &d.Notes[i]
		ws = append(ws, markerText(n.Label)+".")
		ws = append(ws, spanWords(n.Runs())...)
	}
	return ws
}

// spanWords lists the words of inline content as drawn: note markers
// joined to the word before them.
func spanWords(spans []essay.Span) []string {
	var b strings.Builder
	for _, s := range spans {
		if s.Note != "" {
			b.WriteString(markerText(s.Text))
			continue
		}
		b.WriteString(s.Text)
	}
	return strings.Fields(b.String())
}

// blockWords lists the words of one block as drawn.
func blockWords(b *essay.Block) []string {
	var ws []string
	switch b.Kind {
	case essay.List:
		if b.List != nil {
			ws = append(ws, listWords(b.List, 0)...)
		}
	case essay.Verse:
		for _, st := range b.Stanzas {
			for i := range st {
				ws = append(ws, spanWords(st[i].Runs())...)
			}
		}
	case essay.Rule:
		ws = append(ws, "*", "*", "*")
	default:
		ws = append(ws, spanWords(b.Runs())...)
	}
	if b.Attribution != "" {
		ws = append(ws, "—")
		ws = append(ws, strings.Fields(b.Attribution)...)
	}
	return ws
}

func listWords(l *essay.ListInfo, depth int) []string {
	var ws []string
	for i := range l.Items {
		it := &l.Items[i]
		switch {
		case l.Kind != essay.References:
			ws = append(ws, listMarker(l, i, depth))
		case it.Marker != "":
			ws = append(ws, it.Marker)
		}
		ws = append(ws, spanWords(it.Runs())...)
		if it.Sub != nil {
			ws = append(ws, listWords(it.Sub, depth+1)...)
		}
	}
	return ws
}

// checkWordsInOrder fails unless want is a subsequence of the words of got.
func checkWordsInOrder(t *testing.T, want []string, got string) {
	t.Helper()
	gw := strings.Fields(got)
	j := 0
	for i, w := range want {
		for j < len(gw) && gw[j] != w {
			j++
		}
		if j == len(gw) {
			ctx := want[max(0, i-3):min(len(want), i+3)]
			t.Fatalf("word %d %q (in %q) not found in order in the extracted text:\n%s", i, w, ctx, got)
		}
		j++
	}
}

func pdfinfo(t *testing.T, path string) map[string]string {
	t.Helper()
	testutil.Need(t, "pdfinfo")
	out, err := testutil.Run("pdfinfo", path)
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	m := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		k, v, ok := strings.Cut(l, ":")
		if ok {
			m[k] = strings.TrimSpace(v)
		}
	}
	return m
}

// outline returns the PDF's outline as "title" lines, indented two
// spaces a level, read with qpdf --json.
func outline(t *testing.T, path string) string {
	t.Helper()
	testutil.Need(t, "qpdf")
	out, err := testutil.Run("qpdf", "--json", "--json-key=outlines", path)
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	type entry struct {
		Title string
		Kids  []entry
	}
	var js struct{ Outlines []entry }
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatalf("qpdf json: %v", err)
	}
	var b strings.Builder
	var walk func(es []entry, depth int)
	walk = func(es []entry, depth int) {
		for _, e := range es {
			b.WriteString(strings.Repeat("  ", depth) + e.Title + "\n")
			walk(e.Kids, depth+1)
		}
	}
	walk(js.Outlines, 0)
	return b.String()
}

func TestSingleEssay(t *testing.T) {
	doc := sampleDoc()
	o := render.Defaults()
	o.Version = "1.2.3"
	o.Keywords = "roads, commons"
	o.Subject = "Planning"
	path, st := renderFile(t, render.Single(doc, "", "1 March 2026"), o)
	testutil.QpdfCheck(t, path)
	fonts := testutil.PdfFonts(t, path)
	if !strings.Contains(fonts, "+LiberationSerif-Regular ") || !strings.Contains(fonts, "+LiberationSerif-Bold ") {
		t.Errorf("pdffonts does not list subsetted Liberation Serif regular and bold:\n%s", fonts)
	}
	if strings.Contains(fonts, "NotoSans") {
		t.Errorf("a fallback face is embedded although no text needs it:\n%s", fonts)
	}
	text := testutil.PdfToText(t, path)
	checkWordsInOrder(t, sourceWords(doc), text)
	if strings.Contains(text, "  ") {
		t.Errorf("extracted text has a double space:\n%s", text)
	}
	for _, w := range []string{"“to", "honest,”", "council’s", "commons", "—", "33–58."} {
		if !strings.Contains(text, w) {
			t.Errorf("extracted text lacks %q", w)
		}
	}
	if !strings.Contains(text, "1 March 2026") {
		t.Errorf("the date is missing from the title block")
	}
	if st.Pages != 2 || len(st.Warnings) != 0 {
		t.Errorf("Stats = %+v, want 2 pages and no warnings", st)
	}
	info := pdfinfo(t, path)
	want := map[string]string{
		"Title":     "The Roads Nobody Uses",
		"Author":    "Ada Whitlock",
		"Creator":   "essayexport 1.2.3",
		"Keywords":  "roads, commons",
		"Subject":   "Planning",
		"Pages":     "2",
		"Page size": "595.28 x 841.89 pts (A4)",
	}
	for k, v := range want {
		if info[k] != v {
			t.Errorf("pdfinfo %s = %q, want %q", k, info[k], v)
		}
	}
	if !strings.HasPrefix(info["CreationDate"], "Sat Jan  1 00:00:00 2000") {
		t.Errorf("CreationDate = %q, want the fixed date", info["CreationDate"])
	}
	// page 2 has the running header and "2 / 2"; page 1 has no header
	p1 := testutil.PdfToText(t, path, "-f", "1", "-l", "1")
	p2 := testutil.PdfToText(t, path, "-f", "2", "-l", "2")
	if !strings.Contains(p1, "1 / 2") || !strings.Contains(p2, "2 / 2") {
		t.Errorf("page numbers missing:\n%s\n---\n%s", p1, p2)
	}
	wantOutline := "The Roads Nobody Uses\n  Counting what can be counted\n    Memory and neglect\n  References\n"
	if got := outline(t, path); got != wantOutline {
		t.Errorf("outline:\n%s\nwant:\n%s", got, wantOutline)
	}
	raw, _ := os.ReadFile(path)
	for _, want := range []string{"/Lang (en-GB)", "/Type /Metadata /Subtype /XML", "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">The Roads Nobody Uses</rdf:li>", "<xmp:CreatorTool>essayexport 1.2.3</xmp:CreatorTool>"} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if strings.Count(p1, "The Roads Nobody Uses") != 1 || !strings.HasPrefix(strings.TrimSpace(p2), "The Roads Nobody Uses") {
		t.Errorf("running header wrong: page 1 should show the title once (as its heading), page 2 start with it:\n%s\n---\n%s", p1, p2)
	}
}

// TestBrokenWordsExtractWhole sets text narrow and large so that many
// words break at line ends, and checks each comes back as one word.
func TestBrokenWordsExtractWhole(t *testing.T) {
	doc := longDoc("Hyphenation", 8)
	doc.Blocks = append(doc.Blocks, essay.Block{Kind: essay.Paragraph, Text: "A well-known counter-argument concerning self-evidently extraordinary, incomprehensible, uncharacteristically bureaucratic intergovernmental responsibilities recurs."})
	o := render.Defaults()
	o.FontSize = 16
	o.MarginMM = 50
	r := newRenderer(render.Single(doc, "", ""), o, Settings{})
	pages := r.layout()
	var broken []string
	for _, p := range pages {
		for _, l := range p.lines {
			for _, rn := range l.runs {
				if rn.actual == actualWhole {
					broken = append(broken, rn.whole)
				}
			}
		}
	}
	if len(broken) < 10 {
		t.Fatalf("only %d words broke at line ends (%q); the test needs more", len(broken), broken)
	}
	path, _ := renderFile(t, render.Single(doc, "", ""), o)
	testutil.QpdfCheck(t, path)
	text := testutil.PdfToText(t, path)
	got := map[string]bool{}
	for _, w := range strings.Fields(text) {
		got[w] = true
	}
	for _, w := range broken {
		if !got[w] {
			t.Errorf("broken word %q does not come back whole", w)
		}
	}
	checkWordsInOrder(t, sourceWords(doc), text)
	t.Logf("%d broken words, e.g. %q", len(broken), broken[:min(8, len(broken))])
}

func TestDeterministic(t *testing.T) {
	b := render.Single(sampleDoc(), "DRAFT", "")
	o := render.Defaults()
	o.Modified = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	outs := make([][]byte, 4)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if _, err := Render(&buf, b, o); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Fatalf("render %d differs from render 0 (%d vs %d bytes)", i, len(outs[i]), len(outs[0]))
		}
	}
	if !bytes.Contains(outs[0], []byte("D:20240506070809")) {
		t.Errorf("Options.Modified is not the document date")
	}
}

func TestSeedSize(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Render(&buf, render.Single(sampleDoc(), "", "1 March 2026"), render.Defaults()); err != nil {
		t.Fatal(err)
	}
	t.Logf("seed-like essay (%d words): %d bytes", len(sourceWords(sampleDoc())), buf.Len())
	if buf.Len() > 60_000 {
		t.Errorf("PDF is %d bytes, want under 60 KB", buf.Len())
	}
}

func TestPaperSizes(t *testing.T) {
	for paper, want := range map[string]string{"a4": "595.28 x 841.89 pts (A4)", "letter": "612 x 792 pts (letter)"} {
		o := render.Defaults()
		o.Paper = paper
		path, _ := renderFile(t, render.Single(sampleDoc(), "", ""), o)
		if got := pdfinfo(t, path)["Page size"]; got != want {
			t.Errorf("%s: page size %q, want %q", paper, got, want)
		}
	}
}

func TestWatermarkOnEveryPage(t *testing.T) {
	doc := longDoc("Marked essay", 30)
	path, st := renderFile(t, render.Single(doc, "Preview copy", ""), render.Defaults())
	testutil.QpdfCheck(t, path)
	if st.Pages < 3 {
		t.Fatalf("want several pages, got %d", st.Pages)
	}
	for n := 1; n <= st.Pages; n++ {
		p := testutil.PdfToText(t, path, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n))
		// once large across the page and once as the footer note
		if c := strings.Count(p, "PREVIEW COPY"); c < 2 {
			t.Errorf("page %d shows the watermark %d times, want 2:\n%s", n, c, p)
		}
	}
	text := testutil.PdfToText(t, path)
	checkWordsInOrder(t, sourceWords(doc), text)
	raw, _ := os.ReadFile(path)
	if !bytes.Contains(raw, []byte("/ca 0.18")) {
		t.Errorf("the watermark is not translucent (no /ca 0.18 graphics state)")
	}
}

func TestIndentOption(t *testing.T) {
	o := render.Defaults()
	o.Indent = true
	r := newRenderer(render.Single(sampleDoc(), "", ""), o, Settings{})
	ps := r.blocks(sampleDoc(), nil)
	// blocks: p, p, heading, p, p, ...; a line may start up to a third
	// of its first character into the margin (protrusion)
	flush := func(x, left float64) bool { return x <= left && x > left-r.size*0.2 }
	if x := ps[0].lines[0].runs[0].x; !flush(x, r.left) {
		t.Errorf("first paragraph indented (x=%.1f, left %.1f)", x, r.left)
	}
	if x := ps[1].lines[0].runs[0].x; x <= r.left+r.size {
		t.Errorf("second paragraph not indented (x=%.1f)", x)
	}
	if x := ps[3].lines[0].runs[0].x; !flush(x, r.left) {
		t.Errorf("paragraph after a heading indented")
	}
	if ps[1].before != 0 {
		t.Errorf("indented paragraphs have a gap of %.1f", ps[1].before)
	}
	r2 := newRenderer(render.Single(sampleDoc(), "", ""), render.Defaults(), Settings{})
	if ps := r2.blocks(sampleDoc(), nil); ps[1].before <= 0 || !flush(ps[1].lines[0].runs[0].x, r2.left) {
		t.Errorf("without Indent paragraphs need a gap and no indent")
	}
}

// TestWidowsOrphansHeadings checks page breaks: at least two lines of a
// split paragraph on each page, and no heading at a page foot.
func TestWidowsOrphansHeadings(t *testing.T) {
	for _, spacing := range []float64{1, 1.2, 1.5, 2} {
		o := render.Defaults()
		o.LineSpacing = spacing
		doc := longDoc("Pagination", 60)
		// a paragraph longer than a page, and a list
		doc.Blocks = append(doc.Blocks[:20], append([]essay.Block{
			{Kind: essay.Paragraph, Text: strings.Repeat(sampleParagraphs[3]+" ", 25)},
			list(essay.ListInfo{Kind: essay.Bullets, Items: items(sampleParagraphs[1], sampleParagraphs[2])}),
		}, doc.Blocks[20:]...)...)
		r := newRenderer(render.Single(doc, "", ""), o, Settings{})
		pages := r.layout()
		for n, p := range pages {
			if len(p.lines) == 0 {
				t.Fatalf("spacing %v: page %d is empty", spacing, n+1)
			}
			first, last := p.lines[0], p.lines[len(p.lines)-1]
			if last.para >= 0 && r.paras[last.para].keepWithNext && n < len(pages)-1 {
				t.Errorf("spacing %v: page %d ends with a heading", spacing, n+1)
			}
			if n > 0 {
				prev := pages[n-1].lines[len(pages[n-1].lines)-1]
				if prev.para == first.para {
					a, b := countPara(pages[n-1], first.para), countPara(p, first.para)
					if a < 2 || b < 2 {
						t.Errorf("spacing %v: paragraph split %d/%d lines across pages %d-%d", spacing, a, b, n, n+1)
					}
				}
			}
			for _, l := range p.lines {
				if l.y > r.bottom+0.01 {
					t.Errorf("spacing %v: page %d: a line at y=%.1f is below the bottom margin %.1f", spacing, n+1, l.y, r.bottom)
				}
			}
		}
	}
}

func countPara(p *page, para int) int {
	n := 0
	for _, l := range p.lines {
		if l.para == para {
			n++
		}
	}
	return n
}

func TestMissingAndFallbackGlyphs(t *testing.T) {
	doc := &essay.Document{Title: "Symbols", Lang: "en", Blocks: []essay.Block{
		{Kind: essay.Paragraph, Text: "The arrow ⇒ implies, the sign ∀ quantifies, the tick ✓ approves, and the face 😀 and the character 학 have no glyph in any bundled font."},
	}}
	path, st := renderFile(t, render.Single(doc, "", ""), render.Defaults())
	testutil.QpdfCheck(t, path)
	fonts := testutil.PdfFonts(t, path)
	if !strings.Contains(fonts, "+NotoSansMath-Regular ") || !strings.Contains(fonts, "+NotoSansSymbols2-Regular ") {
		t.Errorf("pdffonts does not list the Noto Sans Math fallback:\n%s", fonts)
	}
	text := strings.Join(strings.Fields(testutil.PdfToText(t, path)), " ")
	for _, w := range []string{"⇒", "∀", "✓", "face ? and", "character ? have"} {
		if !strings.Contains(text, w) {
			t.Errorf("extracted text lacks %q:\n%s", w, text)
		}
	}
	want := []string{`no bundled font has U+1F600 "😀"; it is shown as "?"`, `no bundled font has U+D559 "학"; it is shown as "?"`}
	if fmt.Sprint(st.Warnings) != fmt.Sprint(want) {
		t.Errorf("warnings = %q, want %q", st.Warnings, want)
	}
}

func TestNoPatternsWarning(t *testing.T) {
	doc := longDoc("Aiste", 2)
	doc.Lang = "ga" // Irish: no patterns bundled
	b := render.Single(doc, "", "")
	var buf bytes.Buffer
	st, err := Render(&buf, b, render.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Warnings) != 1 || st.Warnings[0] != "no hyphenation patterns for ga: text is not hyphenated" {
		t.Errorf("warnings = %q", st.Warnings)
	}
}

// TestNoFileNameHeading: an essay without a title shows no title heading
// (the file name is only for metadata and the running header).
func TestNoFileNameHeading(t *testing.T) {
	doc := longDoc("", 3)
	doc.Name = "my draft file"
	path, _ := renderFile(t, render.Single(doc, "", ""), render.Defaults())
	p1 := testutil.PdfToText(t, path, "-f", "1", "-l", "1")
	if strings.Contains(p1, "my draft file") {
		t.Errorf("the file name appears on page 1:\n%s", p1)
	}
	if got := pdfinfo(t, path)["Title"]; got != "my draft file" {
		t.Errorf("metadata title %q, want the display title", got)
	}
	if !strings.HasPrefix(strings.TrimSpace(p1), "Test Author") {
		t.Errorf("page 1 should start with the author:\n%s", p1)
	}
}

func packBook(n int) *render.Book {
	b := &render.Book{Pack: true, Title: "Coursework Pack", Subtitle: "Spring term", Author: "Dr. E. Marsh", Date: "May 2026", Lang: "en"}
	for i := range n {
		doc := longDoc(fmt.Sprintf("Essay number %d on roads", i+1), 6+i%9)
		doc.Author = fmt.Sprintf("Student %d", i+1)
		wm := ""
		if i%2 == 1 {
			wm = "DRAFT"
		}
		b.Parts = append(b.Parts, render.Part{Doc: doc, Watermark: wm})
	}
	return b
}

func TestPack(t *testing.T) {
	b := packBook(5)
	b.Parts[2].Doc.Title = ""
	b.Parts[2].Doc.Name = "untitled upload"
	path, st := renderFile(t, b, render.Defaults())
	testutil.QpdfCheck(t, path)
	testutil.PdfFonts(t, path)
	cover := testutil.PdfToText(t, path, "-f", "1", "-l", "1")
	for _, w := range []string{"Coursework Pack", "Spring term", "Dr. E. Marsh", "May 2026"} {
		if !strings.Contains(cover, w) {
			t.Errorf("cover lacks %q:\n%s", w, cover)
		}
	}
	headed := map[string]bool{}
	toc := testutil.PdfToText(t, path, "-f", "2", "-l", "2")
	if !strings.Contains(toc, "Contents") {
		t.Fatalf("page 2 is not the contents:\n%s", toc)
	}
	for i, part := range b.Parts {
		title := part.Doc.DisplayTitle()
		m := regexp.MustCompile(regexp.QuoteMeta(title) + ` ` + regexp.QuoteMeta(part.Doc.Author) + `( \.){3,} (\d+)\n`).FindStringSubmatch(toc)
		if m == nil {
			t.Errorf("contents lacks essay %d %q with a page number:\n%s", i+1, title, toc)
			continue
		}
		num := m[len(m)-1]
		n, _ := strconv.Atoi(num)
		pg := testutil.PdfToText(t, path, "-f", num, "-l", num)
		if first := strings.SplitN(strings.TrimSpace(pg), "\n", 2)[0]; first != title {
			t.Errorf("page %d (essay %d) starts with %q, want its title %q", n, i+1, first, title)
		}
		if part.Watermark != "" && !strings.Contains(pg, "DRAFT") {
			t.Errorf("essay %d lacks its watermark", i+1)
		}
		if part.Watermark == "" && strings.Contains(pg, "DRAFT") {
			t.Errorf("essay %d has a watermark it should not have", i+1)
		}
		// the last page shows the total
		if !strings.Contains(pg, fmt.Sprintf("%d / %d", n, st.Pages)) {
			t.Errorf("page %d lacks its page number:\n%s", n, pg)
		}
	}
	checkWordsInOrder(t, sourceWords(b.Parts[0].Doc), testutil.PdfToText(t, path))
	// the outline: cover, contents, one entry per essay, headings under each
	var want strings.Builder
	want.WriteString("Coursework Pack\nContents\n")
	for _, p := range b.Parts {
		want.WriteString(p.Doc.DisplayTitle() + "\n")
		for _, h := range p.Doc.Headings() {
			want.WriteString("  " + h.Text + "\n")
		}
	}
	if got := outline(t, path); got != want.String() {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want.String())
	}
	// a later page of an essay carries that essay's title as its header
	for n := 1; n <= st.Pages; n++ {
		pg := strings.TrimSpace(testutil.PdfToText(t, path, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n)))
		for _, part := range b.Parts {
			title := part.Doc.DisplayTitle()
			if strings.HasPrefix(pg, title+"\n\n") && !strings.HasPrefix(pg, title+"\n"+part.Doc.Author) {
				headed[title] = true
			}
		}
	}
	for _, part := range b.Parts[2:] { // essays 3-5 run to a second page
		if !headed[part.Doc.DisplayTitle()] {
			t.Errorf("no page carries %q as its running header", part.Doc.DisplayTitle())
		}
	}
}

func TestRunningHeaderTruncated(t *testing.T) {
	r := newRenderer(render.Single(sampleDoc(), "", ""), render.Defaults(), Settings{})
	long := strings.Repeat("A remarkably long and winding title about roads ", 4)
	h := r.runningHeader(long)
	if !strings.HasSuffix(h, "…") || len([]rune(h)) >= len([]rune(long)) {
		t.Errorf("header %q is not shortened with an ellipsis", h)
	}
	// cut at a word: what stands before the ellipsis is a whole word of
	// the title, and the ellipsis follows it without a space
	kept := strings.Fields(strings.TrimSuffix(h, "…"))
	if lw := kept[len(kept)-1]; !strings.Contains(" "+long, " "+strings.Join(kept, " ")+" ") {
		t.Errorf("header %q is cut inside the word %q", h, lw)
	}
	if strings.HasSuffix(h, " …") {
		t.Errorf("header %q has a space before the ellipsis", h)
	}
	if w := allFaces[faceItalic].wordWidth(h, r.size*0.8); w > r.textW*0.7 {
		t.Errorf("header is %.1f pt wide, more than %.1f", w, r.textW*0.7)
	}
	if h := r.runningHeader("Short title"); h != "Short title" {
		t.Errorf("short title changed to %q", h)
	}
}

// TestHostileText renders text that tends to break renderers: an
// unbreakable URL wider than the line, tabs and control characters, soft
// hyphens and zero-width spaces, PDF string delimiters, an empty block,
// a heading at the very end, and a title of emoji.
func TestHostileText(t *testing.T) {
	url := "https://example.org/" + strings.Repeat("very-long-path-segment/", 12) + "index.html"
	doc := &essay.Document{Title: "😀😀 (Title) \\ with\ttabs", Lang: "en", Blocks: []essay.Block{
		{Kind: essay.Paragraph, Text: "See " + url + " for details."},
		{Kind: essay.Paragraph, Text: "Parentheses (like these) and back\\slashes \\ and a\tTab\x07bell, soft\u00adhyphen and zero\u200bwidth."},
		{Kind: essay.Paragraph, Text: "   "},
		list(essay.ListInfo{Kind: essay.Numbered, Style: "i", Start: 3999, Items: items("", "roman numerals run out at 3999", "")}),
		{Kind: essay.Quote, Text: strings.Repeat("Quoted words go on and on. ", 40)},
		list(essay.ListInfo{Kind: essay.References, Items: []essay.Item{{Marker: "[1]", Text: "Author, A. (2020). " + url}}}),
		{Kind: essay.Heading, Level: 3, Text: "A heading at the very end"},
	}}
	path, st := renderFile(t, render.Single(doc, "", ""), render.Defaults())
	testutil.QpdfCheck(t, path)
	testutil.PdfFonts(t, path)
	text := strings.Join(strings.Fields(testutil.PdfToText(t, path)), " ")
	for _, w := range []string{"Parentheses (like these) and back\\slashes \\ and a Tab bell, softhyphen and zerowidth.", "A heading at the very end", "? (Title) \\ with tabs", "mmmcmxcix. 4000. roman numerals run out at 3999 4001."} {
		if !strings.Contains(text, w) {
			t.Errorf("extracted text lacks %q:\n%s", w, text)
		}
	}
	// the URL is split by characters across lines; each piece extracts
	if flat := strings.ReplaceAll(text, " ", ""); !strings.Contains(flat, url) {
		t.Errorf("the long URL is not all there:\n%s", text)
	}
	if len(st.Warnings) != 1 || !strings.Contains(st.Warnings[0], "U+1F600") {
		t.Errorf("warnings = %q", st.Warnings)
	}
	info := pdfinfo(t, path)
	if info["Title"] != "😀😀 (Title) \\ with\ttabs" && info["Title"] != "😀😀 (Title) \\ with tabs" {
		t.Errorf("metadata title = %q", info["Title"])
	}
}

// TestManyCharacters uses a few hundred distinct characters of the text
// face, which still embeds as one CID-keyed font with a ToUnicode map.
func TestManyCharacters(t *testing.T) {
	var words []string
	for _, rng := range [][2]rune{{0xC0, 0x17F}, {0x391, 0x3A9}, {0x3B1, 0x3C9}, {0x410, 0x44F}} {
		var w []rune
		for r := rng[0]; r <= rng[1]; r++ {
			if !allFaces[faceRegular].has(r) || r == 0xD7 || r == 0xF7 {
				continue
			}
			w = append(w, r)
			if len(w) == 6 {
				words = append(words, string(w))
				w = nil
			}
		}
		if len(w) > 0 {
			words = append(words, string(w))
		}
	}
	doc := &essay.Document{Title: "Alphabets", Lang: "en", Blocks: []essay.Block{{Kind: essay.Paragraph, Text: strings.Join(words, " ")}}}
	path, _ := renderFile(t, render.Single(doc, "", ""), render.Defaults())
	testutil.QpdfCheck(t, path)
	fonts := testutil.PdfFonts(t, path)
	if c := strings.Count(fonts, "+LiberationSerif-Regular "); c != 1 {
		t.Errorf("want the regular face once, pdffonts lists it %d times:\n%s", c, fonts)
	}
	checkWordsInOrder(t, sourceWords(doc), testutil.PdfToText(t, path))
}

// TestWatermarkAngle checks the rotation: along the diagonal by default,
// Options.Watermark.Angle when set.
func TestWatermarkAngle(t *testing.T) {
	testutil.Need(t, "qpdf")
	for _, c := range []struct {
		angle float64
		cm    string // the start of the rotation matrix
	}{
		{0, "0.57"}, // cos of A4's diagonal, about 54.7°
		{90, "0.00000 1.00000 -1.00000 0.00000"},
	} {
		o := render.Defaults()
		o.Watermark.Angle = c.angle
		path, _ := renderFile(t, render.Single(sampleDoc(), "DRAFT", ""), o)
		plain := path + ".qdf"
		if out, err := testutil.Run("qpdf", "--qdf", "--object-streams=disable", path, plain); err != nil {
			t.Fatalf("qpdf --qdf: %v\n%s", err, out)
		}
		raw, _ := os.ReadFile(plain)
		if n := regexp.MustCompile(regexp.QuoteMeta(c.cm)+`[0-9.\- ]* cm`).FindAll(raw, -1); len(n) != 2 {
			t.Errorf("angle %v: %d rotations starting %q, want one per page (2)", c.angle, len(n), c.cm)
		}
	}
}

// TestPackLongContents: a contents list longer than a page continues on
// the next, and its page numbers still point at each essay's first page.
func TestPackLongContents(t *testing.T) {
	b := &render.Book{Pack: true, Title: "Many short essays", Lang: "en"}
	for i := range 70 {
		b.Parts = append(b.Parts, render.Part{Doc: &essay.Document{
			Title: fmt.Sprintf("Short essay %02d", i+1), Author: "A. Writer", Lang: "en",
			Blocks: []essay.Block{{Kind: essay.Paragraph, Text: sampleParagraphs[i%len(sampleParagraphs)]}},
		}})
	}
	path, st := renderFile(t, b, render.Defaults())
	testutil.QpdfCheck(t, path)
	if st.Pages != 1+2+70 {
		t.Fatalf("%d pages, want a cover, 2 contents pages and 70 essay pages", st.Pages)
	}
	toc := testutil.PdfToText(t, path, "-f", "2", "-l", "3")
	for i := range 70 {
		want := fmt.Sprintf("Short essay %02d A. Writer", i+1)
		m := regexp.MustCompile(want + `( \.){3,} (\d+)\n`).FindStringSubmatch(toc)
		if m == nil || m[2] != strconv.Itoa(4+i) {
			t.Errorf("contents entry %q: got %q, want page %d", want, m, 4+i)
		}
	}
	if p := testutil.PdfToText(t, path, "-f", "73", "-l", "73"); !strings.HasPrefix(p, "Short essay 70\nA. Writer") {
		t.Errorf("page 73 does not start with the last essay:\n%s", p)
	}
}

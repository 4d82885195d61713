package pdf

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
)

// longWords is a paragraph of long words, so that most of its lines end
// in a hyphenated piece.
const longWords = "Internationalization notwithstanding, characteristically unrepresentative administrations misinterpreted constitutional responsibilities, counterrevolutionary institutionalization and incomprehensibility overwhelmingly. "

// sweepDoc is a document whose sections start at every line position
// near a page's foot: section k is preceded by k one-line paragraphs.
func sweepDoc(sections int, body string) *essay.Document {
	d := &essay.Document{Title: "Page make-up", Author: "Test Author", Lang: "en"}
	for k := range sections {
		for i := range k % 47 {
			d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Paragraph, Text: fmt.Sprintf("Filler %d.%d.", k, i)})
		}
		d.Blocks = append(d.Blocks,
			essay.Block{Kind: essay.Heading, Level: 1 + k%2, Text: fmt.Sprintf("Heading %d", k)},
			essay.Block{Kind: essay.Paragraph, Text: body})
	}
	return d
}

// TestPageMakeUpLayout places a heading, and a paragraph whose lines end
// in hyphens, at every position near a page's foot, at several line
// spacings: no page ends in a heading or in a broken word, and a
// paragraph split across pages leaves two lines on each.
func TestPageMakeUpLayout(t *testing.T) {
	for _, spacing := range []float64{1, 1.5, 2} {
		for _, body := range []string{sampleParagraphs[0], strings.Repeat(longWords, 6)} {
			o := render.Defaults()
			o.LineSpacing = spacing
			r := newRenderer(render.Single(sweepDoc(48, body), "", ""), o, Settings{})
			pages := r.layout()
			hyphens := 0
			for _, p := range pages {
				for _, l := range p.lines {
					if broken(l) {
						hyphens++
					}
				}
			}
			if body != sampleParagraphs[0] && hyphens < 20 {
				t.Fatalf("spacing %v: only %d broken words: the test does not test", spacing, hyphens)
			}
			for n, p := range pages[:len(pages)-1] {
				last := p.lines[len(p.lines)-1]
				if last.para >= 0 && r.paras[last.para].keepWithNext {
					t.Errorf("spacing %v: page %d ends with a heading", spacing, n+1)
				}
				if broken(last) {
					t.Errorf("spacing %v: page %d ends in a broken word", spacing, n+1)
				}
				first := pages[n+1].lines[0]
				if first.para == last.para {
					if a, b := countPara(p, last.para), countPara(pages[n+1], last.para); a < 2 || b < 2 {
						t.Errorf("spacing %v: paragraph split %d/%d across pages %d-%d", spacing, a, b, n+1, n+2)
					}
				}
			}
		}
	}
}

// TestPageMakeUpOutput checks the same on the drawn PDF, read back with
// mutool: the lowest line of text above the footer on every page but the
// last is neither a heading nor ends in a hyphen.
func TestPageMakeUpOutput(t *testing.T) {
	o := render.Defaults()
	doc := sweepDoc(48, strings.Repeat(longWords, 3))
	doc.Title = strings.Repeat("On the administration of uncommonly lengthy titles ", 3)
	r := newRenderer(render.Single(doc, "", ""), o, Settings{})
	path, _ := renderFile(t, render.Single(doc, "", ""), o)
	testutil.QpdfCheck(t, path)
	byPage := map[int][]testutil.PDFWord{}
	pagesN := 0
	var head []string // the running head of page 2
	for _, w := range testutil.PDFWords(t, path) {
		if w.Page == 2 && w.Y < r.top {
			head = append(head, w.Text)
		}
		if w.Y > r.bottom+1 || w.Y < r.top { // running head and footer
			continue
		}
		byPage[w.Page] = append(byPage[w.Page], w)
		pagesN = max(pagesN, w.Page)
	}
	h := strings.Join(head, " ")
	if !strings.HasSuffix(h, "…") || !strings.Contains(doc.Title, strings.TrimSuffix(h, "…")+" ") {
		t.Errorf("running head %q is not the title cut at a word with an ellipsis", h)
	}
	if pagesN < 20 {
		t.Fatalf("%d pages, want a sweep of at least 20", pagesN)
	}
	for pg := 1; pg < pagesN; pg++ {
		ws := byPage[pg]
		sort.SliceStable(ws, func(i, j int) bool { return ws[i].Y < ws[j].Y })
		lastY := ws[len(ws)-1].Y
		var line []string
		for _, w := range ws {
			if w.Y > lastY-1 {
				line = append(line, w.Text)
			}
		}
		text := strings.Join(line, " ")
		if strings.HasPrefix(text, "Heading ") {
			t.Errorf("page %d ends with the heading %q", pg, text)
		}
		if strings.HasSuffix(text, "-") {
			t.Errorf("page %d ends in a hyphen: %q", pg, text)
		}
	}
}

// TestPackContentsLayout: a long title wraps under a hanging indent (not
// cut), the page numbers stand flush right, and the leader dots of every
// entry stand on one grid, their last dots one above the other.
func TestPackContentsLayout(t *testing.T) {
	b := packBook(12)
	long := "A very long essay title that goes on and on about the administration of the colonies and the taxation of tea in the eighteenth century"
	b.Parts[1].Doc.Title = long
	path, _ := renderFile(t, b, render.Defaults())
	testutil.QpdfCheck(t, path)
	r := newRenderer(b, render.Defaults(), Settings{})
	lines := map[float64][]testutil.PDFWord{}
	var ys []float64
	for _, w := range testutil.PDFWords(t, path) {
		if w.Page != 2 || w.Y > r.bottom+1 || w.Text == "Contents" {
			continue
		}
		if lines[w.Y] == nil {
			ys = append(ys, w.Y)
		}
		lines[w.Y] = append(lines[w.Y], w)
	}
	sort.Float64s(ys)
	if len(ys) != 13 {
		t.Fatalf("%d contents lines, want 12 entries and one wrapped line", len(ys))
	}
	var text []string
	var lastDot, numRight []float64
	step := r.size * tocStep
	var grid float64
	for i, y := range ys {
		ws := lines[y]
		var words []string
		dots := []float64{}
		for _, w := range ws {
			words = append(words, w.Text)
			for _, c := range w.Chars {
				if c.C == "." && strings.Trim(w.Text, ".") == "" {
					dots = append(dots, c.X)
				}
			}
		}
		text = append(text, strings.Join(words, " "))
		if i == 1 { // the long title's first line: no leaders
			if len(dots) != 0 {
				t.Errorf("the long title's first line %q has leaders", text[i])
			}
			continue
		}
		if i == 2 && ws[0].X < r.left+r.size { // its second line: hung
			{
				t.Errorf("the long title's second line %q at x=%.1f is not hung (left %.1f)", text[i], ws[0].X, r.left)
			}
			continue
		}
		if len(dots) < 3 {
			t.Fatalf("line %q has no leaders", text[i])
		}
		if grid == 0 {
			grid = dots[0]
		}
		for _, x := range dots {
			if k := (x - grid) / step; math.Abs(k-math.Round(k)) > 0.02 {
				t.Errorf("line %q: a leader dot at x=%.2f is off the grid (%.2f + k×%.2f)", text[i], x, grid, step)
				break
			}
		}
		lastDot = append(lastDot, dots[len(dots)-1])
		num := ws[len(ws)-1]
		numRight = append(numRight, num.Chars[len(num.Chars)-1].X+allFaces[faceRegular].wordWidth(num.Chars[len(num.Chars)-1].C, r.size))
	}
	if !strings.Contains(strings.Join(text, " "), long) || strings.Contains(strings.Join(text, " "), "…") {
		t.Errorf("the long title is cut:\n%s", strings.Join(text, "\n"))
	}
	for i := range lastDot {
		if math.Abs(lastDot[i]-lastDot[0]) > 0.05 || math.Abs(numRight[i]-(r.left+r.textW)) > 0.1 {
			t.Errorf("entry %d: last dot at %.2f (first entry %.2f), number ends at %.2f (right margin %.2f)", i+1, lastDot[i], lastDot[0], numRight[i], r.left+r.textW)
		}
	}
}

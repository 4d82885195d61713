// Package pdf renders a render.Book as a PDF with fpdf: text shaped and
// kerned (render/shape) and drawn as glyph ids from Liberation Serif
// embedded as per-document CID-keyed subsets with ToUnicode maps (with
// Noto fallbacks for symbols),
// justified and hyphenated body text (line breaks from render/typeset's
// Knuth–Plass breaker), headings kept with their text, widow and orphan
// control, running headers, "3 / 12" page numbers, an outline, metadata
// with XMP, an optional watermark, and for coursework packs a cover and a
// contents page.
//
// Layout happens before drawing: the Book is set into pages of positioned
// lines (layout.go, pack.go), so page numbers are known when the contents
// page and the footers are drawn, and fpdf is used only to draw text at
// computed positions (never MultiCell) and write the file. The footer
// writes the page count directly rather than through AliasNbPages,
// because it is known before the first page is drawn. How text is drawn
// (kerned TJ arrays, text.go) and how fonts are embedded around fpdf (an
// incremental update, embed.go and update.go) is explained there.
//
// Blocks: blocks.go sets each block kind with one function of its own
// (setParagraph, setHeading, setList, setQuote, setVerse, setRule,
// setDateline, ...), from what the model carries and never from the
// blocks around it: a list is numbered from its ListInfo's Start and
// Style. Inline content (inline.go) is set with typeset.BreakSpans: each
// span's style is a face and size (emphasis toggles italic, strong adds
// bold, a note reference is a raised superscript), measured piece by
// piece, so hyphenation and justification work across styles.
//
// Notes are endnotes: they are set at the end of their essay (in a pack,
// at the end of that essay's part) under a "Notes" heading, each marker
// linking to its note and each note's label back to its first marker.
// Chicago prefers footnotes, but footnotes would make pagination
// iterative: a page's text height would depend on the notes its lines
// call, a note could push its own marker to the next page, and a long
// note would have to be split across page feet while keeping the widow,
// orphan and keep-with-next rules. The paginator places each block once,
// in order, which keeps layout linear and deterministic; the model does
// not keep the source's choice either (essay.Document.Notes), and the
// links make an endnote one click away in any viewer.
//
// Text extraction: the words of a line are drawn in one text object with
// real space glyphs between them, the pen then moved to the justified
// gap by a TJ adjustment, so they extract as single spaces. A word
// broken across lines (at a hyphenation
// point, an explicit hyphen or a dash) is wrapped in marked content: the
// piece at the line end, with its hyphen, in a
// /Span <</ActualText (whole word)>> BDC … EMC, and the piece that starts
// the next line in a span with an empty ActualText. Poppler's pdftotext
// (and Acrobat's copy) then give back the whole word once. A plain hyphen
// at a line end would also be joined by pdftotext, but it would join
// "well-known" into "wellknown" too; a soft hyphen is not joined at all.
// fpdf has no marked-content API; the operators are written into the
// text object (closing its TJ array first). The watermark, whose rotated
// letters extract in fragments, is wrapped the same way.
//
// Output is deterministic: fixed dates from Options.Modified, a sorted
// catalog, no document ID, subset tags derived from the text, and zlib
// compression, which is deterministic.
package pdf

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/shape"
	"github.com/essayexport/essayexport/render/typeset"
)

// Settings are renderer choices that are not part of render.Options:
// they exist for measurement (cmd/wordspacing), not for users.
type Settings struct {
	// Greedy sets paragraphs with typeset.Greedy (first-fit, as word
	// processors and fpdf's MultiCell do) instead of typeset.Break.
	Greedy bool
	// NoHyphenation turns hyphenation off (MultiCell does not hyphenate).
	NoHyphenation bool
	// NoMicrotype turns character protrusion and font expansion off.
	NoMicrotype bool
}

// Render writes b as a PDF to w. It must not retain w.
func Render(w io.Writer, b *render.Book, o render.Options) (render.Stats, error) {
	return RenderWith(w, b, o, Settings{})
}

// RenderWith is Render with Settings; it exists to compare line breakers.
func RenderWith(w io.Writer, b *render.Book, o render.Options, s Settings) (render.Stats, error) {
	if b == nil || len(b.Parts) == 0 {
		return render.Stats{}, fmt.Errorf("failed to render PDF: the book has no essays")
	}
	for i, p := range b.Parts {
		if p.Doc == nil {
			return render.Stats{}, fmt.Errorf("failed to render PDF: part %d has no document", i+1)
		}
	}
	r := newRenderer(b, o, s)
	pages := r.layout()
	if r.o.Cancelled() {
		return render.Stats{}, render.ErrCancelled
	}
	if err := r.draw(w, pages); err != nil {
		return render.Stats{}, fmt.Errorf("failed to render PDF: %w", err)
	}
	return render.Stats{Pages: len(pages), Warnings: r.warnings}, nil
}

// renderer holds one render's geometry, styles and warnings.
type renderer struct {
	b *render.Book
	o render.Options
	s Settings

	pageW, pageH     float64
	left, top, textW float64
	bottom           float64 // lowest line-box bottom
	size, leading    float64
	warnings         []string
	warned           map[string]bool
	paras            []*para // every block placed, in order (tests read it)
	essays           int     // essays set so far: names their note anchors
	tags             *tagger // the structure tree, built by layout (tagging.go)
}

// Paper sizes in points.
var papers = map[string][2]float64{
	"a4":     {595.28, 841.89},
	"a5":     {419.53, 595.28},
	"b5":     {498.9, 708.66},
	"letter": {612, 792},
	"legal":  {612, 1008},
}

func newRenderer(b *render.Book, o render.Options, s Settings) *renderer {
	d := render.Defaults()
	if o.FontSize <= 0 {
		o.FontSize = d.FontSize
	}
	if o.LineSpacing <= 0 {
		o.LineSpacing = d.LineSpacing
	}
	if o.MarginMM <= 0 {
		o.MarginMM = d.MarginMM
	}
	if o.Watermark.Opacity <= 0 || o.Watermark.Opacity > 1 {
		o.Watermark.Opacity = d.Watermark.Opacity
	}
	paper, ok := papers[strings.ToLower(o.Paper)]
	if !ok {
		paper = papers["a4"]
	}
	if o.PaperSize[0] > 0 && o.PaperSize[1] > 0 {
		paper = o.PaperSize
	}
	r := &renderer{b: b, o: o, s: s, warned: map[string]bool{}, tags: newTagger(b)}
	r.pageW, r.pageH = paper[0], paper[1]
	margin := o.MarginMM * 72 / 25.4
	margin = math.Min(margin, r.pageW/4)
	r.left, r.top = margin, margin
	r.textW = r.pageW - 2*margin
	r.bottom = r.pageH - margin
	r.size = o.FontSize
	// Liberation Serif's natural leading (ascent + descent + line gap) is
	// 1.15 em; LineSpacing multiplies it.
	r.leading = r.size * 1.15 * o.LineSpacing
	return r
}

func (r *renderer) warn(msg string) {
	if !r.warned[msg] {
		r.warned[msg] = true
		r.warnings = append(r.warnings, msg)
	}
}

// hyphenator returns the hyphenator for lang, warning once when there is none.
func (r *renderer) hyphenator(lang string) *typeset.Hyphenator {
	if lang == "" {
		lang = r.b.Lang
	}
	if lang == "" {
		lang = "en"
	}
	h, ok := typeset.ForLang(lang)
	if !ok {
		r.warn(fmt.Sprintf("no hyphenation patterns for %s: text is not hyphenated", lang))
		return nil
	}
	return h
}

// style says how a block is set.
type style struct {
	face        *metrics
	size        float64
	leading     float64
	left, right float64 // indents from the text block's edges
	first       float64 // extra indent of the first line (negative: hanging)
	justify     bool
	hyphenate   bool
	center      bool
	alignRight  bool
	rgb         [3]int
}

// setText sets plain text in style st into a para.
func (r *renderer) setText(text string, st style, hyph *typeset.Hyphenator) *para {
	text = cleanText(text, st.face, func(c rune) { r.warn(missingWarning(c)) })
	p := &para{leading: st.leading}
	p.baseline = (st.leading-1.107*st.size)/2 + 0.891*st.size
	if strings.TrimSpace(text) == "" {
		return p
	}
	measure := func(s string) float64 { return st.face.wordWidth(s, st.size) }
	params := typeset.Params{
		Width:   r.textW - st.left - st.right,
		Indent:  st.first,
		Measure: measure,
		Justify: st.justify,
	}
	if st.hyphenate && !r.s.NoHyphenation {
		params.Hyphenator = hyph
	}
	rtl := shape.RTL(text) // the paragraph's direction, from its text
	if !rtl {              // mirror places right-to-left lines as drawn at natural width
		r.microtype(&params)
	}
	var lines []typeset.Line
	if r.s.Greedy {
		lines = typeset.Greedy(text, params)
	} else {
		lines = typeset.Break(text, params)
	}
	x0 := r.left + st.left
	pending := false // the previous line ended inside a word
	for _, ln := range lines {
		l := line{size: st.size, rgb: st.rgb, expand: ln.Expand}
		x := x0 + ln.Indent - ln.Left
		if st.center || st.alignRight {
			x += alignOffset(st, params.Width-ln.Indent, lineWidth(ln, measure, nil))
		}
		for i, wd := range ln.Words {
			t := wd.Text
			if wd.Hyphen {
				t += "-"
			}
			rn := run{x: x, text: t, face: st.face}
			if wd.Whole != "" {
				switch {
				case pending && i == 0:
					rn.actual = actualEmpty
				case i == len(ln.Words)-1 && !ln.Last:
					rn.actual, rn.whole = actualWhole, wd.Whole
				}
			}
			l.runs = append(l.runs, rn)
			x += measure(t)*(1+ln.Expand) + ln.Space
		}
		if rtl {
			mirror(l.runs, x0, x0+params.Width, st.size)
		}
		last := ln.Words[len(ln.Words)-1]
		pending = last.Whole != "" && !ln.Last
		p.lines = append(p.lines, l)
	}
	return p
}

// microtype turns on character protrusion and ±2% font expansion for a
// justified paragraph set with Knuth–Plass (typeset.Params.Protrusion,
// Expansion): the greedy breaker, kept for comparison, sets as a word
// processor does, and Settings.NoMicrotype turns both off.
//
// The glyphs' stretch makes so many more lines acceptable without
// hyphenation that the first pass's limit is lowered from TeX's 100 to 50
// (spaces at most about 1.3 times natural before the breaker tries
// hyphenating). Measured with cmd/wordspacing on the long essays of the
// shared corpora (1,511 lines): p99/median 1.26 with no line looser than
// 1.4 times the median and 12 lines ending in a hyphen, against 1.36,
// 0.3% and 56 without microtypography (with TeX's 100: 1.31, 0.1% and 3).
func (r *renderer) microtype(p *typeset.Params) {
	if !p.Justify || r.s.Greedy || r.s.NoMicrotype {
		return
	}
	p.Protrusion = true
	p.Expansion = 0.02
	p.PreTolerance = 50
}

// mirror places a right-to-left line's runs from the right edge: each is
// mirrored across the measure from left to right (a word's own glyphs are
// already in visual order, shaped right to left). Mirroring a justified,
// centred or left-aligned line gives it justified, centred or
// right-aligned. It is the reordering of the Unicode bidirectional
// algorithm (L2) for a right-to-left paragraph whose words are each one
// direction, which is what the PDF sets: a run of several left-to-right
// words inside it would come out in reverse order.
func mirror(runs []run, left, right, size float64) {
	for k := range runs {
		rn := &runs[k]
		sz := size
		if rn.size != 0 {
			sz = rn.size
		}
		rn.x = left + right - rn.x - rn.face.wordWidth(rn.text, sz)
	}
}

// The styles, derived from the body size.
func (r *renderer) body() style {
	return style{face: allFaces[faceRegular], size: r.size, leading: r.leading, justify: true, hyphenate: true}
}

// headingStyle is the style of a heading of level 1–4, four visibly
// different steps: bold at 1.3 and 1.12 times the body size, bold italic
// and italic at the body size.
func (r *renderer) headingStyle(level int) style {
	face, size := allFaces[faceBold], r.size*1.3
	switch {
	case level == 2:
		size = r.size * 1.12
	case level == 3:
		face, size = allFaces[faceBoldItalic], r.size
	case level >= 4:
		face, size = allFaces[faceItalic], r.size
	}
	return style{face: face, size: size, leading: size * 1.2 * math.Max(1, math.Min(r.o.LineSpacing, 1.3))}
}

// layout sets the whole book into pages.
func (r *renderer) layout() []*page {
	pg := &paginator{r: r, top: r.top, bottom: r.bottom, footer: true, part: -1}
	if !r.b.Pack {
		part := r.b.Parts[0]
		pg.header = r.runningHeader(r.b.Title)
		if pg.header == "" {
			pg.header = r.runningHeader(part.Doc.DisplayTitle())
		}
		pg.firstPage = true
		pg.watermark = part.Watermark
		pg.part = 0
		var ps []*para
		ps = append(ps, r.titleBlock(part.Doc, part.Doc.Title, r.b.Author, r.b.Date, 0)...)
		ps = append(ps, r.blocks(part.Doc, ps)...)
		pg.place(ps)
		r.resolveLinks(pg.pages)
		return pg.pages
	}
	pages := r.layoutPack(pg)
	r.resolveLinks(pages)
	return pages
}

// runningHeader shortens a title for the running header.
func (r *renderer) runningHeader(title string) string {
	title = strings.Join(strings.Fields(title), " ")
	title = cleanText(title, allFaces[faceItalic], func(rune) {})
	return truncate(title, allFaces[faceItalic], r.size*0.8, r.textW*0.7)
}

// titleBlock sets an essay's title, subtitle, author, date and epigraph.
// The outline entry (level) uses the display title.
func (r *renderer) titleBlock(doc *essay.Document, title, author, date string, level int) []*para {
	hyph := r.hyphenator(doc.Lang)
	var ps []*para
	var first *para
	add := func(text string, st style, before float64) {
		if strings.TrimSpace(text) == "" {
			return
		}
		p := r.setText(text, st, hyph)
		p.before = before
		if first == nil && text == title {
			p.elem = r.tags.title()
		} else {
			p.elem = r.tags.block("P")
		}
		p.unbreakable, p.keepWithNext = true, true
		ps = append(ps, p)
		if first == nil {
			first = p
		}
	}
	ts := style{face: allFaces[faceBold], size: r.size * 1.75, center: true}
	ts.leading = ts.size * 1.2
	add(title, ts, 0)
	// the subtitle: smaller than the title, not bold
	if title != "" {
		ss := style{face: allFaces[faceRegular], size: r.size * 1.3, center: true}
		ss.leading = ss.size * 1.25
		add(doc.Subtitle, ss, r.leading*0.2)
	}
	as := style{face: allFaces[faceItalic], size: r.size * 1.1, center: true}
	as.leading = as.size * 1.3
	add(author, as, r.leading*0.4)
	add(date, style{face: allFaces[faceRegular], size: r.size, center: true, leading: r.leading}, 0)
	if len(ps) > 0 {
		ps[len(ps)-1].after = r.leading * 1.5
	}
	if first == nil {
		// no title block: an empty para carries the outline entry, and
		// blocks moves it to the first block it sets
		first = &para{leading: r.leading}
		ps = append(ps, first)
	}
	first.bookmarks = append(first.bookmarks, bookmark{text: cleanOutline(doc.DisplayTitle()), level: level})
	if ep := r.setEpigraph(doc.Epigraph, hyph); len(ep) > 0 {
		r.tags.quote(ep, doc.Epigraph.Kind == essay.Verse)
		ep[len(ep)-1].after = r.leading * 1.2
		ps = append(ps, ep...)
	}
	return ps
}

// cleanOutline flattens white space for an outline entry.
func cleanOutline(s string) string { return strings.Join(strings.Fields(s), " ") }

package pdf

import (
	"fmt"
	"strconv"
	"strings"
)

// tocEntry is one entry of the contents page: its title (and author)
// set in lines under a hanging indent, y relative to the entry's top;
// the last line gets the leaders and the page number.
type tocEntry struct {
	title string
	lines []line
	end   float64 // where the text of the last line ends
	page  int     // 1-based
}

// layoutPack lays out a coursework pack: a cover page, the contents
// (whose length is known in advance: one line per essay), then each essay
// from a new page with its own title block, running header and watermark.
func (r *renderer) layoutPack(pg *paginator) []*page {
	b := r.b
	// the cover
	pg.part, pg.footer, pg.header = -1, false, ""
	pg.firstPage = true
	pg.newPage()
	r.drawCover(pg.cur)
	// the contents pages, filled in once page numbers are known
	pg.footer = true
	entries := make([]tocEntry, len(b.Parts))
	for i, part := range b.Parts {
		entries[i] = r.tocEntry(part.Doc.DisplayTitle(), part.Doc.Author)
	}
	nToc := len(r.tocPages(entries))
	tocStart := len(pg.pages)
	toc := r.tags.contents() // in reading order, before the essays
	for range nToc {
		pg.firstPage = true
		pg.newPage()
	}
	for i, part := range b.Parts {
		if r.o.Cancelled() {
			break // Render returns render.ErrCancelled
		}
		doc := part.Doc
		pg.part = i
		pg.header = r.runningHeader(doc.DisplayTitle())
		pg.watermark = part.Watermark
		pg.firstPage = true
		r.tags.part(doc.Lang)
		ps := r.titleBlock(doc, doc.DisplayTitle(), doc.Author, "", 0)
		ps = append(ps, r.blocks(doc, ps)...)
		ps[0].pageBreak = true
		start := len(pg.pages) + 1
		pg.place(ps)
		entries[i].page = start
	}
	if len(b.Parts) > 0 && entries[len(entries)-1].page == 0 { // cancelled
		entries = entries[:0]
	}
	r.fillToc(pg.pages[tocStart:tocStart+nToc], entries, toc)
	return pg.pages
}

// drawCover sets the pack's cover page: title, subtitle, author, date.
func (r *renderer) drawCover(p *page) {
	b := r.b
	y := r.pageH * 0.3
	add := func(text string, st style, gap float64) {
		if text == "" {
			return
		}
		pa := r.setText(text, st, nil)
		elem := r.tags.cover(text == b.Title)
		for _, l := range pa.lines {
			l.y, l.para, l.elem = y+pa.baseline, -1, elem
			p.lines = append(p.lines, l)
			y += pa.leading
		}
		y += gap
	}
	title := style{face: allFaces[faceBold], size: r.size * 2.2, center: true}
	title.leading = title.size * 1.2
	if b.Title != "" {
		p.bookmarks = append(p.bookmarks, bookmark{text: cleanOutline(b.Title), level: 0, y: y})
	}
	add(b.Title, title, r.leading)
	sub := style{face: allFaces[faceItalic], size: r.size * 1.35, center: true}
	sub.leading = sub.size * 1.25
	add(b.Subtitle, sub, r.leading*2)
	au := style{face: allFaces[faceRegular], size: r.size * 1.2, center: true}
	au.leading = au.size * 1.3
	add(b.Author, au, r.leading*0.5)
	add(b.Date, style{face: allFaces[faceRegular], size: r.size, center: true, leading: r.leading}, 0)
}

// tocHang is the hanging indent of a contents entry's later lines, and
// tocStep the distance between leader dots, in ems.
const tocHang, tocStep = 1.5, 0.55

// tocEntry sets a contents entry: the title, wrapped ragged right under a
// hanging indent clear of the page numbers' column, then the author in
// italics after it on its last line, or on a line of its own.
func (r *renderer) tocEntry(title, author string) tocEntry {
	reg, ita := allFaces[faceRegular], allFaces[faceItalic]
	hang := r.size * tocHang
	// room for the page numbers (four digits) and a few leader dots
	right := reg.wordWidth("0000", r.size) + r.size*2
	st := style{face: reg, size: r.size, leading: r.leading, left: hang, right: right, first: -hang}
	pa := r.setText(cleanOutline(title), st, nil)
	e := tocEntry{title: title, lines: pa.lines}
	if len(e.lines) == 0 {
		e.lines = []line{{size: r.size}}
	}
	for i := range e.lines {
		e.lines[i].y = float64(i)*r.leading + pa.baseline
		e.lines[i].para = -1
	}
	e.end = lineEnd(e.lines[len(e.lines)-1], r.size)
	if author = cleanText(cleanOutline(author), ita, func(rune) {}); author != "" {
		limit := r.left + r.textW - right
		aw := ita.wordWidth(author, r.size)
		last := &e.lines[len(e.lines)-1]
		if e.end+r.size*0.6+aw <= limit && len(last.runs) > 0 {
			last.runs = append(last.runs, run{x: e.end + r.size*0.6, text: author, face: ita})
			e.end += r.size*0.6 + aw
		} else {
			author = truncate(author, ita, r.size, limit-r.left-hang)
			l := line{y: float64(len(e.lines))*r.leading + pa.baseline, size: r.size, para: -1}
			l.runs = []run{{x: r.left + hang, text: author, face: ita}}
			e.lines = append(e.lines, l)
			e.end = r.left + hang + ita.wordWidth(author, r.size)
		}
	}
	return e
}

// lineEnd is the right end of l's last run.
func lineEnd(l line, size float64) float64 {
	end := 0.0
	for _, rn := range l.runs {
		sz := size
		if rn.size != 0 {
			sz = rn.size
		}
		end = max(end, rn.x+rn.face.wordWidth(rn.text, sz))
	}
	return end
}

// tocPages splits the entries into contents pages: an entry is not split,
// and the first page holds the "Contents" heading too.
func (r *renderer) tocPages(entries []tocEntry) [][]tocEntry {
	h := r.headingStyle(1)
	y := r.top + h.leading + r.leading
	pages := [][]tocEntry{nil}
	for _, e := range entries {
		hgt := float64(len(e.lines)) * r.leading
		if y+hgt > r.bottom+0.01 && len(pages[len(pages)-1]) > 0 {
			pages = append(pages, nil)
			y = r.top
		}
		pages[len(pages)-1] = append(pages[len(pages)-1], e)
		y += hgt
	}
	return pages
}

// fillToc sets the contents pages. The page numbers are set flush right;
// the leader dots stand on one grid that ends short of the widest
// number, so that they line up from entry to entry, dot under dot.
func (r *renderer) fillToc(pages []*page, entries []tocEntry, toc toc) {
	h := r.headingStyle(1)
	p := pages[0]
	hp := r.setText("Contents", h, nil)
	for _, l := range hp.lines {
		l.y, l.para, l.elem = r.top+hp.baseline, -1, toc.heading
		p.lines = append(p.lines, l)
	}
	p.bookmarks = append(p.bookmarks, bookmark{text: "Contents", level: 0, y: r.top})
	reg := allFaces[faceRegular]
	numWmax := 0.0
	for _, e := range entries {
		numWmax = max(numWmax, reg.wordWidth(strconv.Itoa(e.page), r.size))
	}
	right := r.left + r.textW
	step, dotW := r.size*tocStep, reg.wordWidth(".", r.size)
	leadersEnd := right - numWmax - r.size*0.25
	y := r.top + h.leading + r.leading
	for pi, es := range r.tocPages(entries) {
		p = pages[pi]
		if pi > 0 {
			y = r.top
		}
		for _, e := range es {
			elem := toc.entry()
			for i, l := range e.lines {
				l.y, l.elem = l.y+y, elem
				if i == len(e.lines)-1 {
					num := strconv.Itoa(e.page)
					numX := right - reg.wordWidth(num, r.size)
					// Dot leaders: one string of dots spaced by character
					// spacing, a word space at least from the text on the
					// left, so that pdftotext keeps the entry on one line:
					// "Title Author . . . . 12".
					if n := int((leadersEnd-dotW-e.end-r.size*0.3)/step) + 1; n >= 3 {
						from := leadersEnd - dotW - float64(n-1)*step
						l.runs = append(l.runs, run{x: from, text: strings.Repeat(".", n), face: reg, leader: step})
					}
					l.runs = append(l.runs, run{x: numX, text: num, face: reg})
				}
				p.lines = append(p.lines, l)
			}
			hgt := float64(len(e.lines)) * r.leading
			p.links = append(p.links, link{x: r.left, y: y, w: r.textW, h: hgt, page: e.page, elem: elem,
				text: fmt.Sprintf("%s, page %d", cleanOutline(e.title), e.page)})
			y += hgt
		}
	}
}

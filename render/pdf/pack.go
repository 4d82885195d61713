package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// tocEntry is one line of the contents page.
type tocEntry struct {
	title, author string
	page          int // 1-based
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
	perFirst, perPage := r.tocCapacity()
	nToc := 1
	if n := len(b.Parts); n > perFirst {
		nToc += int(math.Ceil(float64(n-perFirst) / float64(perPage)))
	}
	tocStart := len(pg.pages)
	toc := r.tags.contents() // in reading order, before the essays
	for range nToc {
		pg.firstPage = true
		pg.newPage()
	}
	entries := make([]tocEntry, 0, len(b.Parts))
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
		entries = append(entries, tocEntry{title: doc.DisplayTitle(), author: doc.Author, page: start})
	}
	r.fillToc(pg.pages[tocStart:tocStart+nToc], entries, toc)
	return pg.pages
}

// tocCapacity returns how many entries fit on the first contents page
// (under its heading) and on each later one.
func (r *renderer) tocCapacity() (first, later int) {
	h := r.headingStyle(1)
	later = int((r.bottom - r.top) / r.leading)
	first = int((r.bottom - r.top - h.leading - r.leading) / r.leading)
	return max(first, 1), max(later, 1)
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

// fillToc sets the contents pages.
func (r *renderer) fillToc(pages []*page, entries []tocEntry, toc toc) {
	h := r.headingStyle(1)
	y := r.top
	pi := 0
	p := pages[0]
	hp := r.setText("Contents", h, nil)
	for _, l := range hp.lines {
		l.y, l.para, l.elem = y+hp.baseline, -1, toc.heading
		p.lines = append(p.lines, l)
	}
	p.bookmarks = append(p.bookmarks, bookmark{text: "Contents", level: 0, y: y})
	y += h.leading + r.leading
	reg, ita := allFaces[faceRegular], allFaces[faceItalic]
	base := (r.leading-1.107*r.size)/2 + 0.891*r.size
	for _, e := range entries {
		if y+r.leading > r.bottom+0.01 {
			pi++
			p = pages[pi]
			y = r.top
		}
		num := strconv.Itoa(e.page)
		numW := reg.wordWidth(num, r.size)
		room := r.textW - numW - r.size*2
		title := cleanText(cleanOutline(e.title), reg, func(rune) {})
		title = truncate(title, reg, r.size, room)
		tw := reg.wordWidth(title, r.size)
		l := line{y: y + base, size: r.size, para: -1, elem: toc.entry()}
		l.runs = append(l.runs, run{x: r.left, text: title, face: reg})
		x := r.left + tw
		if e.author != "" {
			author := cleanText(cleanOutline(e.author), ita, func(rune) {})
			author = truncate(author, ita, r.size, room-tw-r.size)
			if aw := ita.wordWidth(author, r.size); author != "…" && tw+r.size+aw <= room {
				l.runs = append(l.runs, run{x: x + r.size*0.6, text: author, face: ita})
				x += r.size*0.6 + aw
			}
		}
		// Dot leaders: one string of dots spread by character spacing to
		// fill the gap, a word space from the text on the left and as far
		// from the number as from each other, so that pdftotext keeps the
		// entry on one line: "Title Author . . . . 12".
		numX := r.left + r.textW - numW
		step := r.size * 0.55
		from, to := x+r.size*0.3, numX
		if n := int((to - from) / step); n >= 3 {
			l.runs = append(l.runs, run{x: from, text: strings.Repeat(".", n), face: reg, leader: (to - from) / float64(n)})
		}
		l.runs = append(l.runs, run{x: numX, text: num, face: reg})
		p.lines = append(p.lines, l)
		p.links = append(p.links, link{x: r.left, y: y, w: r.textW, h: r.leading, page: e.page, elem: l.elem,
			text: fmt.Sprintf("%s, page %d", cleanOutline(e.title), e.page)})
		y += r.leading
	}
}

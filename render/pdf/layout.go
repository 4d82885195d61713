package pdf

import (
	"math"
	"strings"
	"unicode"

	"github.com/essayexport/essayexport/render/pdf/tag"
)

// The layout stage turns a Book into pages of positioned text before
// anything is drawn, so that page numbers (for the contents page and the
// "3 / 12" footer) are known when drawing starts. All lengths are in
// points; y grows down the page, as in fpdf.

// actualMode says how a run of text extracts, for words broken across lines.
type actualMode uint8

const (
	actualNone  actualMode = iota
	actualWhole            // the first piece of a broken word: extracts as the whole word
	actualEmpty            // a later piece: extracts as nothing
)

// run is text set in one face at one position on a line.
type run struct {
	x      float64
	text   string
	face   *metrics
	elem   *tag.Elem // the structure element of an inline part (a list label); nil: the line's
	actual actualMode
	whole  string  // for actualWhole
	leader float64 // dot leaders: the distance from one dot to the next
	size   float64 // when not 0, the run's own size (a superscript), else the line's
	rise   float64 // baseline shift up (a superscript)
	link   string  // an anchor this run links to ("" for none)
	anchor string  // an anchor this run defines ("" for none)
}

// line is one line of text on a page.
type line struct {
	y      float64 // baseline
	size   float64
	runs   []run
	rgb    [3]int
	para   int       // index into renderer.paras; -1 for page furniture
	expand float64   // font expansion: glyphs drawn 1+expand wide (Tz), spaces not
	elem   *tag.Elem // the structure element the line belongs to
}

// bookmark is one outline entry.
type bookmark struct {
	text  string
	level int
	y     float64
}

// link makes a rectangle on a page jump to a place on another page.
type link struct {
	x, y, w, h float64
	page       int       // 1-based target page
	ty         float64   // target y on that page (0: its top)
	elem       *tag.Elem // the Link structure element
	text       string    // what the link goes to, for assistive technology
}

// page is one laid-out page.
type page struct {
	lines     []line
	bookmarks []bookmark
	links     []link
	header    string // running header; "" for none
	footer    bool   // show the page number
	watermark string
	part      int // index of the Part, or -1 for the cover and contents
}

// para is a laid-out block: lines positioned horizontally, waiting to be
// placed on pages.
type para struct {
	lines        []line // y is set when the line is placed on a page
	leading      float64
	baseline     float64 // from the top of a line box to its baseline
	before       float64 // space above, dropped at the top of a page
	after        float64
	keepWithNext bool // a heading: never the last thing on a page
	unbreakable  bool // title blocks and short paragraphs
	bookmarks    []bookmark
	pageBreak    bool // start a new page before this block
	id           int  // index into renderer.paras
	elem         *tag.Elem
}

func (p *para) height() float64 { return float64(len(p.lines)) * p.leading }

// paginator places paras on pages.
type paginator struct {
	r      *renderer
	pages  []*page
	cur    *page
	y      float64 // top of the next line box
	top    float64
	bottom float64
	fresh  bool // nothing placed on the current page yet

	// what new pages get
	header    string
	firstPage bool // the next page is the first of its part: no header
	watermark string
	part      int
	footer    bool
}

func (pg *paginator) newPage() {
	p := &page{footer: pg.footer, watermark: pg.watermark, part: pg.part}
	if !pg.firstPage {
		p.header = pg.header
	}
	pg.firstPage = false
	pg.pages = append(pg.pages, p)
	pg.cur = p
	pg.y = pg.top
	pg.fresh = true
}

// place puts paras on pages, keeping headings with what follows and
// leaving at least two lines of a paragraph at a page foot or head.
func (pg *paginator) place(ps []*para) {
	for i, p := range ps {
		p.id = len(pg.r.paras)
		pg.r.paras = append(pg.r.paras, p)
		if p.pageBreak || pg.cur == nil {
			pg.newPage()
		}
		if len(p.lines) == 0 {
			continue
		}
		before := p.before
		if pg.fresh {
			before = 0
		}
		need := before + p.height()
		if p.keepWithNext {
			// the heading's own space below counts: put adds it, and a
			// heading whose next lines do not fit is left alone at the foot
			need += p.after
			// keep with the first lines the next block could leave here
			// (at most three blocks ahead: a run of headings is not kept
			// together whole, or each would start a page)
			for j := i + 1; j < len(ps) && j <= i+3; j++ {
				n := ps[j]
				if n.pageBreak {
					break
				}
				need += n.before + float64(minLines(n))*n.leading
				if !n.keepWithNext {
					break
				}
				need += n.after
			}
		}
		if p.unbreakable || p.keepWithNext || len(p.lines) <= 3 {
			if need > pg.bottom-pg.y && !pg.fresh {
				pg.newPage()
				before = 0
			}
			pg.put(p, p.lines, before)
			continue
		}
		// an ordinary paragraph: split with widow and orphan control
		lines := p.lines
		for len(lines) > 0 {
			room := pg.bottom - pg.y - before
			fit := int((room + 0.01) / p.leading)
			if fit >= len(lines) {
				pg.put(p, lines, before)
				break
			}
			if len(lines)-fit < 2 {
				fit = len(lines) - 2
			}
			// no word broken across the page break (TeX's \brokenpenalty,
			// taken as infinite): the page's last line moves over with the
			// rest of its word
			for fit > 0 && broken(lines[fit-1]) {
				fit--
			}
			if fit < 2 {
				if pg.fresh { // a page too short for two lines: place what fits
					fit = max(1, int((pg.bottom-pg.y)/p.leading))
				} else {
					pg.newPage()
					before = 0
					continue
				}
			}
			pg.put(p, lines[:fit], before)
			lines = lines[fit:]
			pg.newPage()
			before = 0
		}
	}
}

// minLines is how many lines of p must go on a page if any do: two, or
// more while the last of them ends in a broken word.
func minLines(p *para) int {
	if p.unbreakable || p.keepWithNext || len(p.lines) <= 3 {
		return len(p.lines)
	}
	k := 2
	for k < len(p.lines) && broken(p.lines[k-1]) {
		k++
	}
	if len(p.lines)-k < 2 {
		return len(p.lines)
	}
	return k
}

// broken reports whether l ends in the first piece of a word broken
// across lines (at a hyphenation point, a hyphen or a dash).
// Only the last word of a line is marked actualWhole (its later style
// pieces actualEmpty, and right-to-left lines are mirrored), so any run
// marked so will do.
func broken(l line) bool {
	for _, rn := range l.runs {
		if rn.actual == actualWhole {
			return true
		}
	}
	return false
}

// put places lines of p at the current position.
func (pg *paginator) put(p *para, lines []line, before float64) {
	pg.y += before
	if len(lines) > 0 && &lines[0] == &p.lines[0] {
		for _, b := range p.bookmarks {
			b.y = pg.y
			pg.cur.bookmarks = append(pg.cur.bookmarks, b)
		}
	}
	for j, l := range lines {
		l.y = pg.y + float64(j)*p.leading + p.baseline
		l.para, l.elem = p.id, p.elem
		pg.cur.lines = append(pg.cur.lines, l)
	}
	pg.y += float64(len(lines)) * p.leading
	pg.y += p.after
	pg.fresh = false
}

// truncate shortens s at a word boundary with "…" so that it fits width w
// in face m at size.
func truncate(s string, m *metrics, size, w float64) string {
	if m.wordWidth(s, size) <= w {
		return s
	}
	rs := []rune(s)
	ell := m.wordWidth("…", size)
	lo, hi := 0, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.wordWidth(string(rs[:mid]), size)+ell <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	// cut at a word boundary: back to the last space before a word cut
	// in the middle (a text of one word, or without spaces, is cut where
	// it must be)
	if lo < len(rs) && !unicode.IsSpace(rs[lo]) {
		for k := lo; k > 0; k-- {
			if unicode.IsSpace(rs[k-1]) {
				lo = k - 1
				break
			}
		}
	}
	return strings.TrimRight(string(rs[:lo]), " ,;:–—-") + "…"
}

// resolveLinks turns the runs that link to an anchor (a note reference
// and its note) into link rectangles, once every line is on its page.
func (r *renderer) resolveLinks(pages []*page) {
	type place struct {
		page int
		y    float64
	}
	var anchors map[string]place
	for pi, p := range pages {
		for _, l := range p.lines {
			for _, rn := range l.runs {
				if rn.anchor != "" {
					if anchors == nil {
						anchors = map[string]place{}
					}
					anchors[rn.anchor] = place{pi + 1, math.Max(0, l.y-l.size*1.2)}
				}
			}
		}
	}
	if anchors == nil {
		return
	}
	for _, p := range pages {
		for _, l := range p.lines {
			for _, rn := range l.runs {
				t, ok := anchors[rn.link]
				if rn.link == "" || !ok {
					continue
				}
				size := l.size
				if rn.size != 0 {
					size = rn.size
				}
				w := rn.face.wordWidth(rn.text, size)
				text := "Back to the text"
				if strings.Contains(rn.link, "note:") {
					text = "Note " + rn.text
				}
				p.links = append(p.links, link{x: rn.x - 1, y: l.y - rn.rise - size, w: w + 2, h: size * 1.25, page: t.page, ty: t.y,
					elem: rn.elem, text: text})
			}
		}
	}
}

package pdf

import (
	"strconv"
	"strings"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/pdf/tag"
)

// tagger builds the book's structure tree while layout sets it, in
// reading order: which element each para (and each list label) belongs
// to. The drawer marks the content of each line with its element
// (drawer.mark), and draw appends the tree to fpdf's output (tag.Write).
//
// The shape: Document; a single essay's title is H1 and its headings one
// level below theirs (H2–H5); a pack's cover title is H1, "Contents" H2
// over a TOC of TOCI > Link, and each essay a Part with its title as H2.
// Heading levels never skip: a heading is at most one level below the
// previous one. Paragraphs, author and date lines are P; lists L > LI >
// Lbl + LBody; block quotations BlockQuote.
type tagger struct {
	tree *tag.Tree
	lang string // the book's language
	sect *tag.Elem
	// base is the level of the current essay's title (1 for a single
	// essay, 2 in a pack); last the level of the previous heading.
	base, last int
}

func newTagger(b *render.Book) *tagger {
	t := &tagger{tree: tag.New(), lang: b.Lang, base: 1}
	t.sect = t.tree.Root()
	if b.Pack {
		t.base = 2
	}
	return t
}

// heading adds a heading element at level want, or higher when want would
// skip a level.
func (t *tagger) heading(want int) *tag.Elem {
	lvl := min(max(want, 1), t.last+1, 6)
	t.last = lvl
	return t.sect.Add("H" + strconv.Itoa(lvl))
}

// title adds the current essay's title.
func (t *tagger) title() *tag.Elem { return t.heading(t.base) }

// block adds an element of type typ to the current section.
func (t *tagger) block(typ string) *tag.Elem {
	return t.sect.Add(typ)
}

// part starts a pack's essay: a Part, with its language when it is not
// the pack's.
func (t *tagger) part(lang string) {
	t.sect = t.tree.Root().Add("Part")
	if lang != "" && lang != t.lang {
		t.sect.Lang = lang
	}
	t.last = t.base - 1
}

// cover adds a line of a pack's cover: the pack's title as H1, the others P.
func (t *tagger) cover(isTitle bool) *tag.Elem {
	if isTitle {
		return t.heading(1)
	}
	return t.block("P")
}

// toc is a contents page's structure.
type toc struct {
	heading *tag.Elem
	list    *tag.Elem
}

// contents adds a pack's contents heading and list.
func (t *tagger) contents() toc {
	h := t.heading(2)
	return toc{heading: h, list: t.block("TOC")}
}

// entry adds one contents entry: TOCI > Link, whose element the entry's
// line and its link annotation share.
func (c toc) entry() *tag.Elem { return c.list.Add("TOCI").Add("Link") }

// inline gives p the element e, and its note references and note labels
// elements of their own inside e: a reference to a note is a Reference
// holding a Link (the marker and its link annotation); a note's label
// that links back is a Link.
func (t *tagger) inline(p *para, e *tag.Elem) *tag.Elem {
	p.elem = e
	for i := range p.lines {
		runs := p.lines[i].runs
		for j := range runs {
			rn := &runs[j]
			switch {
			case rn.link != "" && strings.Contains(rn.link, "note:"):
				rn.elem = e.Add("Reference").Add("Link")
			case rn.link != "":
				rn.elem = e.Add("Link")
			}
		}
	}
	return e
}

// list adds an L for l at a nesting depth: to the current section, or
// inside parent (an item's LBody, for a nested list). Its ListNumbering
// attribute says how the labels number the items, as drawn (listMarker).
func (t *tagger) list(parent *tag.Elem, l *essay.ListInfo, depth int) *tag.Elem {
	var e *tag.Elem
	if parent == nil {
		e = t.block("L")
	} else {
		e = parent.Add("L")
	}
	numbering := "None" // references keep their own labels
	switch l.Kind {
	case essay.Numbered:
		numbering = map[string]string{"a": "LowerAlpha", "A": "UpperAlpha", "i": "LowerRoman", "I": "UpperRoman"}[l.Style]
		if numbering == "" {
			numbering = "Decimal"
		}
	case essay.Bullets:
		numbering = [...]string{"Disc", "Circle", "Square"}[depth%3]
	}
	e.Attr = "<</O /List /ListNumbering /" + numbering + ">>"
	return e
}

// item adds an LI to the list l for the para p: its first run is the
// label (Lbl) when label is true, the rest its LBody, which it returns.
func (t *tagger) item(l *tag.Elem, p *para, label bool) *tag.Elem {
	li := l.Add("LI")
	if label && len(p.lines) > 0 && len(p.lines[0].runs) > 0 {
		p.lines[0].runs[0].elem = li.Add("Lbl")
	}
	return t.inline(p, li.Add("LBody"))
}

// quote tags a block quotation's or a poem's paras: a BlockQuote, with a
// P per stanza for a poem.
func (t *tagger) quote(ps []*para, verse bool) {
	bq := t.block("BlockQuote")
	for _, p := range ps {
		if verse {
			t.inline(p, bq.Add("P"))
		} else {
			t.inline(p, bq)
		}
	}
}

// note adds a Note element for a note's para, with a document-wide ID.
func (t *tagger) note(p *para, id string) {
	n := t.block("Note")
	n.ID = id
	t.inline(p, n)
}

// artifact makes p a layout artifact (a thematic break).
func (t *tagger) artifact(p *para) { p.elem = tag.LayoutArtifact() }

package pdf

import (
	"strconv"

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
	list *tag.Elem // the open L, while list items follow each other
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
	t.list = nil
	return t.sect.Add("H" + strconv.Itoa(lvl))
}

// title adds the current essay's title.
func (t *tagger) title() *tag.Elem { return t.heading(t.base) }

// block adds an element of type typ to the current section.
func (t *tagger) block(typ string) *tag.Elem {
	t.list = nil
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
	t.list = nil
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

// tagBlock gives the para p, set from bl, its element.
func (t *tagger) tagBlock(p *para, bl *essay.Block) {
	switch bl.Kind {
	case essay.Heading:
		p.elem = t.heading(t.base + max(bl.Level, 1))
	case essay.ListItem, essay.Reference:
		if t.list == nil {
			t.list = t.sect.Add("L")
		}
		li := t.list.Add("LI")
		if bl.Kind == essay.ListItem && len(p.lines) > 0 && len(p.lines[0].runs) > 0 {
			p.lines[0].runs[0].elem = li.Add("Lbl") // the marker, drawn first
		}
		p.elem = li.Add("LBody")
	case essay.Quote:
		p.elem = t.block("BlockQuote")
	default:
		p.elem = t.block("P")
	}
}

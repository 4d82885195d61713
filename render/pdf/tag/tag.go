// Package tag makes a PDF tagged: it records the logical structure a
// renderer draws (structure elements in reading order, the marked content
// of every page that belongs to each, the link annotations) and appends
// it to the finished PDF as an incremental update, with the catalog
// entries PDF/UA-1 asks for.
//
// The renderer builds the tree in reading order (Root, Elem.Add), and as
// it draws writes the operator strings Mark, End and Artifact return into
// each page's content. Write then appends to the PDF the structure
// elements, the structure tree root with its ParentTree (and IDTree), the
// link annotations, each page dictionary again with /StructParents, /Tabs
// and /Annots, a new document information dictionary, the XMP metadata
// stream and a new catalog that points at all of it (ISO 32000-1 §7.5.6,
// §14.7, §14.8).
//
// Why an incremental update: fpdf writes the catalog and the page
// dictionaries itself and has no hook for /StructTreeRoot, /MarkInfo,
// /StructParents or /StructParent on annotations. An update replaces
// exactly those objects and leaves fpdf's output untouched before it;
// every reader resolves an object to its last definition.
package tag

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// Elem is one structure element.
type Elem struct {
	Type string // standard structure type: Document, P, H1, L, LI, ...
	// Lang, Alt, ActualText and ID are written when set. ID is required
	// on Note elements by PDF/UA.
	Lang, Alt, ActualText, ID string
	// Attr is an attribute object written as /A, such as
	// "<</O /List /ListNumbering /Decimal>>"; "" for none.
	Attr string

	parent   *Elem
	kids     []kid
	tree     *Tree
	obj      int  // object number, at write
	page     int  // first page with content, -1 for none
	first    int  // when its first content was drawn (Tree.seq), 0 for not yet
	artifact bool // see LayoutArtifact
}

// kid is one entry of an element's /K: a child element, marked content
// on a page, or an annotation.
type kid struct {
	elem  *Elem
	page  int // 0-based
	mcid  int
	annot *Annot
	seq   int // when the content was drawn; 0 for an element
}

// Annot is a link annotation: a rectangle on one page that goes to a
// place on another.
type Annot struct {
	Rect     [4]float64 // llx, lly, urx, ury in PDF user space
	DestPage int        // 0-based page index
	DestTop  float64    // y of the destination, PDF user space
	Contents string     // what the link does, for assistive technology
	page     int
	parent   *Elem
	obj      int
	key      int // StructParent
}

// Tree is the structure of one document.
type Tree struct {
	root   *Elem
	pages  [][]*Elem // per page, the element of each MCID
	annots []*Annot
	seq    int // counts marked content and annotations as they are drawn
}

// New returns an empty tree whose root element is a Document.
func New() *Tree {
	t := &Tree{}
	t.root = &Elem{Type: "Document", tree: t, page: -1}
	return t
}

// Root returns the Document element.
func (t *Tree) Root() *Elem { return t.root }

// Add appends a child element of type typ to e and returns it.
func (e *Elem) Add(typ string) *Elem {
	c := &Elem{Type: typ, parent: e, tree: e.tree, page: -1}
	e.kids = append(e.kids, kid{elem: c})
	return c
}

// Parent returns e's parent, or nil for the root.
func (e *Elem) Parent() *Elem { return e.parent }

// Mark opens a piece of marked content on page (0-based) that belongs to
// e, and returns the operator that opens it: "/P <</MCID 3>> BDC". The
// caller writes it into the page's content and closes it with End.
func (t *Tree) Mark(e *Elem, page int) string { return t.MarkWith(e, page, "") }

// MarkWith is Mark with further entries for the property list, such as
// "/ActualText <FEFF...>". (Poppler loses the rest of a marked-content
// sequence after a nested span, so a replacement text goes on the
// sequence itself.)
func (t *Tree) MarkWith(e *Elem, page int, props string) string {
	if e.artifact {
		return Artifact("")
	}
	for len(t.pages) <= page {
		t.pages = append(t.pages, nil)
	}
	mcid := len(t.pages[page])
	t.pages[page] = append(t.pages[page], e)
	e.kids = append(e.kids, kid{page: page, mcid: mcid, seq: t.drawn(e)})
	if e.page < 0 {
		e.page = page
	}
	var b strings.Builder
	b.Grow(32)
	b.WriteByte('/')
	if props != "" {
		// poppler honours a replacement text only in a Span sequence
		b.WriteString("Span")
	} else {
		b.WriteString(e.Type)
	}
	b.WriteString(" <</MCID ")
	b.WriteString(strconv.Itoa(mcid))
	if props != "" {
		b.WriteByte(' ')
		b.WriteString(props)
	}
	b.WriteString(">> BDC")
	return b.String()
}

// drawn counts one more piece of content drawn for e, and notes it as
// the first of e and its ancestors that have none yet. Write orders an
// element's kids by it, so content and child elements interleave in the
// order they were drawn, which is reading order.
func (t *Tree) drawn(e *Elem) int {
	t.seq++
	for a := e; a != nil && a.first == 0; a = a.parent {
		a.first = t.seq
	}
	return t.seq
}

// LayoutArtifact returns an element whose marked content is a layout
// artifact (a thematic break drawn as asterisks, a rule): Mark opens
// /Artifact for it, and it never enters the tree.
func LayoutArtifact() *Elem { return &Elem{artifact: true, page: -1} }

// End closes the marked content Mark or Artifact opened.
const End = "EMC"

// Artifact returns the operator that opens content which is not part of
// the document's logical content: page furniture. kind is "Header",
// "Footer", "Watermark" (pagination artifacts) or "" for layout artifacts
// such as rules, leaders and backgrounds. Close it with End.
func Artifact(kind string) string {
	if kind == "" {
		return "/Artifact <</Type /Layout>> BDC"
	}
	return "/Artifact <</Type /Pagination /Subtype /" + kind + ">> BDC"
}

// Link records a link annotation on page (0-based), tagged as a kid of e
// (a Link element). The annotation is written by Write.
func (t *Tree) Link(e *Elem, page int, a Annot) {
	a.page, a.parent = page, e
	p := &a
	t.annots = append(t.annots, p)
	e.kids = append(e.kids, kid{annot: p, page: page, seq: t.drawn(e)})
	if e.page < 0 {
		e.page = page
	}
}

// HasContent reports whether e or an element below it has marked
// content or an annotation.
func (e *Elem) HasContent() bool {
	for _, k := range e.kids {
		if k.elem == nil || k.elem.HasContent() {
			return true
		}
	}
	return false
}

// TextString encodes s as a PDF text string: UTF-16BE with a byte order
// mark, in hex.
func TextString(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(6 + 4*len(s))
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(hex[u>>12])
		b.WriteByte(hex[u>>8&15])
		b.WriteByte(hex[u>>4&15])
		b.WriteByte(hex[u&15])
	}
	b.WriteByte('>')
	return b.String()
}

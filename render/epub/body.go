package epub

import (
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/essayexport/essayexport/essay"
	textlang "github.com/essayexport/essayexport/internal/lang"
	"github.com/essayexport/essayexport/render"
)

// page is one XHTML content document of the spine.
type page struct {
	file     string // file name inside EPUB/xhtml/
	title    string // the <title>, cleaned, not escaped
	body     string // XHTML that goes between <body> and </body>
	landmark string // epub:type for the landmarks nav ("" for none)
}

// tocEntry is one line of the table of contents (nav and NCX).
type tocEntry struct {
	label    string // cleaned, not escaped
	href     string // relative to the nav document
	children []tocEntry
}

// front is what a title block shows: a book's title page, or the head of
// one essay of a pack.
type front struct {
	title, subtitle, author, date string
	epigraph                      *essay.Block
}

// titlePage returns the title page's body, or "" when it would show
// nothing. The title is shown as the h1 only when non-empty: a single
// essay passes doc.Title, never DisplayTitle, so a file name never appears
// as a heading. The classes the page uses are added to cls.
func titlePage(f front, notices []string, cls *classes) string {
	w := bodyWriter{}
	if len(notices) > 0 {
		watermarkLayer(&w.b, notices[0])
		w.cls |= clsWatermark | clsNotice
	}
	w.b.WriteString(`<section class="titlepage" epub:type="titlepage">` + "\n")
	n := w.b.Len()
	w.line("h1", "", 0, f.title)
	w.line("div", "subtitle", clsSubtitle, f.subtitle)
	w.line("div", "byline", clsByline, f.author)
	w.line("div", "date", clsDate, f.date)
	w.writeEpigraph(f.epigraph)
	for _, s := range notices {
		notice(&w.b, s)
	}
	if w.b.Len() == n {
		return ""
	}
	*cls |= w.cls | clsTitlePage
	w.b.WriteString("</section>")
	return w.b.String()
}

// watermarkLayer writes the translucent diagonal watermark: an empty div
// whose ::before pseudo-element shows its data-text (see css.go). Being
// empty and aria-hidden, it adds no words to the text that readers,
// search and screen readers see; the notices carry the text itself.
func watermarkLayer(b *strings.Builder, wm string) {
	b.WriteString(`<div class="watermark" aria-hidden="true" data-text="`)
	esc(b, clean(wm))
	b.WriteString(`"></div>` + "\n")
}

// notice writes a watermark notice line. It is a div, not a p, so that it
// is not counted as a paragraph of the essay.
func notice(b *strings.Builder, wm string) {
	b.WriteString(`<div class="notice" role="note">`)
	esc(b, clean(wm))
	b.WriteString("</div>\n")
}

// blockFunc writes one block of its kind.
type blockFunc func(w *bodyWriter, b *essay.Block)

// blockFuncs maps every block kind to the one function that writes it,
// as goldmark's HTML renderer registers one function per node kind. A
// kind that is not here (the schema-1 ListItem and Reference among them,
// which the parser no longer emits) is written as a paragraph.
var blockFuncs = map[essay.Kind]blockFunc{
	essay.Paragraph:  (*bodyWriter).writeParagraph,
	essay.Heading:    (*bodyWriter).writeHeading,
	essay.List:       (*bodyWriter).writeList,
	essay.Quote:      (*bodyWriter).writeQuote,
	essay.Verse:      (*bodyWriter).writeVerse,
	essay.Dateline:   (*bodyWriter).writeDateline,
	essay.Salutation: (*bodyWriter).writeSalutation,
	essay.Signature:  (*bodyWriter).writeSignature,
	essay.Rule:       (*bodyWriter).writeRule,
}

// bodyWriter writes the XHTML of one content document.
type bodyWriter struct {
	b     strings.Builder
	cls   classes // the class groups written so far
	file  string  // the document's file name, for the TOC's links
	lang  string  // the book's language, for the notes heading
	heads []tocHead
	// levels holds the open headings' levels, model and drawn, outermost
	// first (see writeHeading).
	levels [][2]int
	notes  noteIndex
}

// tocHead is a heading written to the document, for the TOC.
type tocHead struct {
	level int // 1–4
	label string
	id    string
}

// partBody returns the XHTML body of one essay and its headings for the
// table of contents, which link to file#id. heading is the h1 ("" for
// none: a single essay's title, subtitle and epigraph are on the title
// page); wm is the part's watermark ("" for none). The classes the body
// uses are added to cls.
func partBody(d *essay.Document, heading, wm, file, lang string, cls *classes) (string, []tocEntry) {
	notesLang := lang // the notes heading is in the essay's own language
	if d.Lang != "" {
		notesLang = d.Lang
	}
	w := bodyWriter{file: file, lang: notesLang, notes: newNoteIndex(d.Notes)}
	w.b.Grow(256 + len(d.Blocks)*200)
	if wm != "" {
		watermarkLayer(&w.b, wm)
		w.cls |= clsWatermark | clsNotice
	}
	w.b.WriteString(`<section epub:type="bodymatter"` + partLang(d.Lang, lang) + ">\n")
	if h := clean(heading); h != "" {
		w.line("h1", "", 0, h)
		w.line("div", "subtitle", clsSubtitle, d.Subtitle)
		w.writeEpigraph(d.Epigraph)
	}
	blocks := d.Blocks
	for i := 0; i < len(blocks); {
		bl := &blocks[i]
		i++
		f, ok := blockFuncs[bl.Kind]
		if !ok {
			f = (*bodyWriter).writeParagraph
		}
		f(&w, bl)
	}
	w.writeNotes(d.Notes)
	if wm != "" {
		notice(&w.b, wm)
	}
	w.b.WriteString("</section>")
	*cls |= w.cls
	i := 0
	return w.b.String(), nestTOC(w.heads, &i, 1)
}

// nestTOC nests the headings from hs[*i] on by level: each heading's
// children are the deeper headings that follow it.
func nestTOC(hs []tocHead, i *int, level int) []tocEntry {
	var out []tocEntry
	for *i < len(hs) && hs[*i].level >= level {
		h := hs[*i]
		*i++
		e := tocEntry{label: h.label, href: "xhtml/" + h.id}
		e.children = nestTOC(hs, i, h.level+1)
		out = append(out, e)
	}
	return out
}

// line writes one cleaned line of plain text as <tag class="class">,
// nothing when s is empty.
func (w *bodyWriter) line(tag, class string, c classes, s string) {
	if s = clean(s); s == "" {
		return
	}
	w.cls |= c
	w.b.WriteString("<" + tag)
	if class != "" {
		w.b.WriteString(` class="` + class + `"`)
	}
	w.b.WriteString(">")
	esc(&w.b, s)
	w.b.WriteString("</" + tag + ">\n")
}

// para writes spans as one <p>, with a class when class is not "";
// nothing when they hold no text.
func (w *bodyWriter) para(class string, spans []essay.Span) {
	runs := inline(spans)
	if len(runs) == 0 {
		return
	}
	if class == "" {
		w.b.WriteString("<p>")
	} else {
		w.b.WriteString(`<p class="` + class + `">`)
	}
	w.writeRuns(runs)
	w.b.WriteString("</p>\n")
}

// writeParagraph writes a Paragraph (and any kind this package does not
// know) as a <p>.
func (w *bodyWriter) writeParagraph(b *essay.Block) { w.para("", b.Runs()) }

// writeHeading writes a Heading of Level 1–4 as <h2>–<h5> (the <h1> is
// the title) with an id the table of contents links to.
func (w *bodyWriter) writeHeading(b *essay.Block) {
	runs := inline(b.Runs())
	if len(runs) == 0 {
		return
	}
	// A heading is drawn one level under the nearest heading before it
	// that the model puts higher: the model's level where no level is
	// skipped, and no gap where one is (a level 3 straight under a level
	// 1, or a first heading of level 2), which would leave a screen
	// reader's outline with a hole (Ace: heading-order). Siblings stay
	// siblings.
	model := min(max(b.Level, 1), 4)
	for len(w.levels) > 0 && w.levels[len(w.levels)-1][0] >= model {
		w.levels = w.levels[:len(w.levels)-1]
	}
	level := 1
	if n := len(w.levels); n > 0 {
		level = w.levels[n-1][1] + 1
	}
	w.levels = append(w.levels, [2]int{model, level})
	id := "sec" + strconv.Itoa(len(w.heads)+1)
	tag := "h" + strconv.Itoa(level+1)
	w.b.WriteString("<" + tag + ` id="` + id + `">`)
	w.writeRuns(runs)
	w.b.WriteString("</" + tag + ">\n")
	label := clean(b.Text)
	if label == "" {
		label = plainText(runs)
	}
	w.heads = append(w.heads, tocHead{level: level, label: label, id: w.file + "#" + id})
}

// writeList writes a List block from its ListInfo alone.
func (w *bodyWriter) writeList(b *essay.Block) {
	if b.List != nil {
		w.list(b.List)
	}
}

// list writes l as an <ol> (numbered from Start in Style), a <ul>, or,
// for references, a <ul class="references"> whose entries keep their
// markers ("[3]") as text, in a span.marker. A Sub list nests inside its item.
func (w *bodyWriter) list(l *essay.ListInfo) {
	var open, close string
	switch l.Kind {
	case essay.Numbered:
		open, close = "<ol"+olType(l.Style)+startAttr(l.Start)+">\n", "</ol>\n"
	case essay.References:
		w.cls |= clsRefs
		open, close = `<ul class="references">`+"\n", "</ul>\n"
	default:
		open, close = "<ul>\n", "</ul>\n"
	}
	if !hasItems(l) {
		return // an empty list is invalid XHTML, and says nothing
	}
	w.b.WriteString(open)
	for i := range l.Items {
		it := &l.Items[i]
		runs := inline(it.Runs())
		marker := ""
		if l.Kind == essay.References {
			marker = clean(it.Marker)
		}
		sub := it.Sub != nil && hasItems(it.Sub)
		if len(runs) == 0 && marker == "" && !sub {
			continue
		}
		w.b.WriteString("<li>")
		if marker != "" {
			w.cls |= clsMarker
			w.b.WriteString(`<span class="marker">`)
			esc(&w.b, marker)
			w.b.WriteString("</span>")
			if len(runs) > 0 {
				w.b.WriteByte(' ')
			}
		}
		w.writeRuns(runs)
		if sub {
			w.b.WriteString("\n")
			w.list(it.Sub)
		}
		w.b.WriteString("</li>\n")
	}
	w.b.WriteString(close)
}

// hasItems reports whether l has an item with text, at any depth.
func hasItems(l *essay.ListInfo) bool {
	for i := range l.Items {
		it := &l.Items[i]
		if len(inline(it.Runs())) > 0 || (l.Kind == essay.References && clean(it.Marker) != "") ||
			(it.Sub != nil && hasItems(it.Sub)) {
			return true
		}
	}
	return false
}

// olType returns the type attribute for a numbering Style: none for
// decimal, which is the default.
func olType(style string) string {
	switch style {
	case "a", "A", "i", "I":
		return ` type="` + style + `"`
	}
	return ""
}

func startAttr(n int) string {
	if n <= 1 {
		return ""
	}
	return ` start="` + strconv.Itoa(n) + `"`
}

// writeQuote writes a Quote as a <blockquote>; with an Attribution, the
// two stand in a <figure> with the attribution as its caption, since the
// HTML standard puts a quotation's source outside the blockquote.
func (w *bodyWriter) writeQuote(b *essay.Block) {
	runs := inline(b.Runs())
	if len(runs) == 0 {
		return
	}
	w.quoted(b.Attribution, func() {
		w.b.WriteString("<blockquote>\n<p>")
		w.writeRuns(runs)
		w.b.WriteString("</p>\n</blockquote>\n")
	})
}

// quoted writes body, inside a figure with the attribution as its
// caption when there is one.
func (w *bodyWriter) quoted(attribution string, body func()) {
	a := clean(attribution)
	if a == "" {
		body()
		return
	}
	w.cls |= clsFigure
	w.b.WriteString(`<figure class="quote">` + "\n")
	body()
	w.b.WriteString("<figcaption>")
	w.attribution(a)
	w.b.WriteString("</figcaption>\n</figure>\n")
}

// attribution writes a cleaned attribution as a paragraph. The dash
// that leads it is the style sheet's (p.attribution::before): the text
// is the attribution as the source gave it, which may have had no dash.
func (w *bodyWriter) attribution(a string) {
	w.cls |= clsAttribution
	w.b.WriteString(`<p class="attribution">`)
	esc(&w.b, a)
	w.b.WriteString("</p>")
}

// writeVerse writes a Verse block as a <blockquote class="verse"> with a
// paragraph per stanza and every line kept: each line is a span ended by
// <br/>, so the line breaks hold even where the style sheet is ignored;
// where it is honoured, each line is a block with a hanging indent for a
// turned line, and an indented line keeps its indent (classes i1–i3).
func (w *bodyWriter) writeVerse(b *essay.Block) {
	if !hasVerse(b) {
		return
	}
	w.quoted(b.Attribution, func() { w.verse(b) })
}

func hasVerse(b *essay.Block) bool {
	for _, st := range b.Stanzas {
		for i := range st {
			if len(inline(st[i].Runs())) > 0 {
				return true
			}
		}
	}
	return false
}

// verse writes the blockquote of a Verse block.
func (w *bodyWriter) verse(b *essay.Block) {
	w.cls |= clsVerse
	w.b.WriteString(`<blockquote class="verse">` + "\n")
	for _, st := range b.Stanzas {
		first := true
		for i := range st {
			runs := inline(st[i].Runs())
			if len(runs) == 0 {
				continue
			}
			if first {
				w.b.WriteString(`<p class="stanza">`)
				first = false
			} else {
				w.b.WriteString("<br/>\n")
			}
			w.b.WriteString(`<span class="line`)
			if in := min(st[i].Indent, 3); in > 0 {
				w.cls |= clsIndent1 << (in - 1)
				w.b.WriteString(" i" + strconv.Itoa(in))
			}
			w.b.WriteString(`">`)
			w.writeRuns(runs)
			w.b.WriteString("</span>")
		}
		if !first {
			w.b.WriteString("</p>\n")
		}
	}
	w.b.WriteString("</blockquote>\n")
}

// writeEpigraph writes the document's epigraph (a Quote or Verse block)
// with its attribution, under the title.
func (w *bodyWriter) writeEpigraph(b *essay.Block) {
	if b == nil {
		return
	}
	var body func()
	if b.Kind == essay.Verse {
		if !hasVerse(b) {
			return
		}
		body = func() { w.verse(b) }
	} else {
		runs := inline(b.Runs())
		if len(runs) == 0 {
			return
		}
		body = func() {
			w.b.WriteString("<blockquote>\n<p>")
			w.writeRuns(runs)
			w.b.WriteString("</p>\n</blockquote>\n")
		}
	}
	w.cls |= clsEpigraph
	w.b.WriteString(`<div class="epigraph" epub:type="epigraph" role="doc-epigraph">` + "\n")
	body()
	if a := clean(b.Attribution); a != "" {
		w.attribution(a)
		w.b.WriteString("\n")
	}
	w.b.WriteString("</div>\n")
}

// writeDateline writes a letter's place and date line.
func (w *bodyWriter) writeDateline(b *essay.Block) { w.letterPart(b, "dateline", clsDateline) }

// writeSalutation writes a letter's "Dear ...," line.
func (w *bodyWriter) writeSalutation(b *essay.Block) {
	w.letterPart(b, "salutation", clsSalutation)
}

// writeSignature writes a letter's sign-off.
func (w *bodyWriter) writeSignature(b *essay.Block) { w.letterPart(b, "signature", clsSignature) }

func (w *bodyWriter) letterPart(b *essay.Block, class string, c classes) {
	if len(inline(b.Runs())) == 0 {
		return
	}
	w.cls |= c
	w.para(class, b.Runs())
}

// writeRule writes a thematic break as <hr/>.
func (w *bodyWriter) writeRule(*essay.Block) { w.b.WriteString("<hr/>\n") }

// distinctWatermarks returns the parts' non-empty watermarks, cleaned,
// each once, in order.
func distinctWatermarks(parts []render.Part) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		if w := clean(p.Watermark); w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// partLang returns the language attributes of an essay whose language
// differs from the book's (an essay of a pack), or "".
func partLang(docLang, bookLang string) string {
	t, err := language.Parse(clean(docLang))
	if err != nil || t.String() == bookLang {
		return ""
	}
	l := t.String()
	return ` lang="` + l + `" xml:lang="` + l + `" dir="` + textlang.Dir(l) + `"`
}

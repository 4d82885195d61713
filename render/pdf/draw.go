package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/pdf/tag"
)

// drawer draws laid-out pages with fpdf. It runs twice over the pages:
// first collecting (f is nil) to learn which characters each face must
// embed, then drawing.
type drawer struct {
	r    *renderer
	f    *fpdf.Fpdf // nil while collecting
	enc  *encoding
	slot *slot // the font fpdf has selected
	size float64
	rgb  [3]int
	tw   float64   // the word spacing set in the page's content
	pg   int       // 0-based index of the page being drawn
	open *tag.Elem // the element whose marked content is open, or nil
}

// draw writes pages as a PDF to w.
func (r *renderer) draw(w io.Writer, pages []*page) error {
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: r.pageW, Ht: r.pageH},
	})
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)
	doc := r.metadata(f)

	d := &drawer{r: r, enc: newEncoding()}
	total := len(pages)
	for n, p := range pages {
		d.page(p, n+1, total)
	}
	if err := d.enc.register(f); err != nil {
		return err
	}
	d.f = f
	for n, p := range pages {
		if r.o.Cancelled() {
			return render.ErrCancelled
		}
		f.AddPage()
		d.slot, d.size, d.rgb, d.tw, d.pg = nil, 0, [3]int{-1, -1, -1}, 0, n
		d.page(p, n+1, total)
		if err := f.Error(); err != nil {
			return err
		}
	}
	// fpdf writes the document; the structure tree, the catalog that
	// points at it and the metadata follow as an incremental update
	// (render/pdf/tag explains why)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return err
	}
	return r.tags.tree.Write(w, buf.Bytes(), doc)
}

// page draws one page: its lines, outline entries, links, then the
// running header, footer and watermark.
func (d *drawer) page(p *page, n, total int) {
	for _, l := range p.lines {
		d.line(l)
	}
	if d.f != nil {
		for _, b := range p.bookmarks {
			d.f.Bookmark(utf16BOM(b.text), b.level, b.y)
		}
		for _, lk := range p.links {
			if lk.elem == nil { // an untagged link (the checker reports it)
				id := d.f.AddLink()
				d.f.SetLink(id, lk.ty, lk.page)
				d.f.Link(lk.x, lk.y, lk.w, lk.h, id)
				continue
			}
			r := d.r
			d.r.tags.tree.Link(lk.elem, d.pg, tag.Annot{
				Rect:     [4]float64{lk.x, r.pageH - lk.y - lk.h, lk.x + lk.w, r.pageH - lk.y},
				DestPage: lk.page - 1, DestTop: r.pageH - lk.ty, Contents: lk.text,
			})
		}
	}
	d.furniture(p, n, total)
}

// mark makes the content drawn next belong to structure element e: it
// closes the open marked content and opens e's, unless e's is open. nil
// closes it.
func (d *drawer) mark(e *tag.Elem) {
	if d.f == nil || e == d.open {
		return
	}
	if d.open != nil {
		d.f.RawWriteStr(tag.End)
	}
	if e != nil {
		d.f.RawWriteStr(d.r.tags.tree.Mark(e, d.pg))
	}
	d.open = e
}

// artifact draws what draw draws as an artifact of the given kind (see
// tag.Artifact), outside any element's marked content.
func (d *drawer) artifact(kind string, draw func()) {
	d.mark(nil)
	d.raw(tag.Artifact(kind))
	draw()
	d.raw(tag.End)
}

func (d *drawer) raw(s string) {
	if d.f != nil {
		d.f.RawWriteStr(s)
	}
}

func (d *drawer) setColor(rgb [3]int) {
	if d.f != nil && d.rgb != rgb {
		d.f.SetTextColor(rgb[0], rgb[1], rgb[2])
		d.rgb = rgb
	}
}

// line draws one line's runs. Consecutive plain words in one face with
// equal gaps (every justified line) are drawn as one string whose spaces
// are widened with the PDF's word spacing (Tw, which applies to the
// one-byte space of these simple fonts): the words land exactly where the
// layout put them, the content is several times smaller than a text
// object per word, and the spaces are real characters for extraction.
func (d *drawer) line(l line) {
	d.setColor(l.rgb)
	runs := l.runs
	for len(runs) > 0 {
		rn := runs[0]
		elem := l.elem
		if rn.elem != nil {
			elem = rn.elem
		}
		if rn.actual != actualNone || rn.leader > 0 || rn.size != 0 || rn.rise != 0 {
			if rn.actual == actualNone && rn.leader == 0 && len(runs) > 1 {
				size := l.size
				if rn.size != 0 {
					size = rn.size
				}
				rn.text += spaceBefore(runs[1], rn.x+rn.face.wordWidth(rn.text, size), rn.face.wordWidth(" ", size))
			}
			d.special(rn, l, elem)
			runs = runs[1:]
			continue
		}
		d.mark(elem)
		// gather the plain words that follow at the same gap
		space := rn.face.wordWidth(" ", l.size)
		n, gap := 1, 0.0
		end := rn.x + rn.face.wordWidth(rn.text, l.size)
		for ; n < len(runs); n++ {
			nx := runs[n]
			if nx.actual != actualNone || nx.leader > 0 || nx.size != 0 || nx.rise != 0 || nx.face != rn.face || nx.elem != rn.elem {
				break
			}
			g := nx.x - end
			if n == 1 {
				gap = g
			} else if math.Abs(g-gap) > 0.01 {
				break
			}
			end = nx.x + nx.face.wordWidth(nx.text, l.size)
		}
		text, tw := rn.text, 0.0
		if n > 1 {
			tw = gap - space
			var b strings.Builder
			for i, w := range runs[:n] {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(w.text)
			}
			text = b.String()
		}
		if n < len(runs) {
			text += spaceBefore(runs[n], end, space)
		}
		d.textTw(rn.face, l.size, rn.x, l.y, text, tw)
		runs = runs[n:]
	}
	d.mark(nil)
}

// spaceBefore returns " " when the run next starts a word gap after end:
// runs in different faces or sizes are drawn separately, and the space
// that ends one is drawn with it (invisible, as the next run is placed
// where it was laid out), so that the words extract apart in the tagged
// text (pdfinfo -struct-text, screen readers), not only by their gap.
func spaceBefore(next run, end, space float64) string {
	if next.actual == actualNone && next.leader == 0 && next.x-end > space*0.5 {
		return " "
	}
	return ""
}

// special draws a run that is not a plain word: a piece of a word broken
// across lines, inside its marked-content span, a superscript, or dot
// leaders.
func (d *drawer) special(rn run, l line, elem *tag.Elem) {
	if rn.size != 0 {
		l.size = rn.size
	}
	l.y -= rn.rise
	// the piece of a broken word is a marked-content sequence of its own,
	// in the line's element, with the replacement text
	var props string
	switch rn.actual {
	case actualWhole:
		props = "/ActualText " + pdfTextString(rn.whole)
	case actualEmpty:
		props = "/ActualText ()"
	}
	if props != "" {
		d.mark(nil)
		if elem == nil || d.f == nil {
			d.raw("/Span <<" + props + ">> BDC")
		} else {
			d.raw(d.r.tags.tree.MarkWith(elem, d.pg, props))
		}
	} else if rn.leader == 0 {
		d.mark(elem)
	}
	if rn.leader > 0 {
		cs := rn.leader - rn.face.wordWidth(".", l.size)
		d.artifact("", func() {
			d.raw(strconv.FormatFloat(cs, 'f', 3, 64) + " Tc")
			d.text(rn.face, l.size, rn.x, l.y, rn.text)
			d.raw("0 Tc")
		})
	} else {
		d.text(rn.face, l.size, rn.x, l.y, rn.text)
	}
	if rn.actual != actualNone {
		d.raw("EMC")
	}
}

// text draws s at (x, y) in face m with ordinary word spacing.
func (d *drawer) text(m *metrics, size, x, y float64, s string) {
	d.textTw(m, size, x, y, s, 0)
}

// textTw draws s at (x, y) in face m with tw added to each space;
// characters m lacks are drawn in the fallback face that has them.
func (d *drawer) textTw(m *metrics, size, x, y float64, s string, tw float64) {
	if d.f == nil {
		d.enc.collect(m, s)
		return
	}
	if !strings.Contains(s, " ") {
		tw = d.tw // no space: leave the word spacing as it is
	}
	if math.Abs(tw-d.tw) > 0.0005 {
		d.raw(strconv.FormatFloat(tw, 'f', 3, 64) + " Tw")
		d.tw = tw
	}
	d.enc.encode(m, size, tw, s, func(sl *slot, code string, w float64) {
		if d.slot != sl || d.size != size {
			d.f.SetFont(sl.family, "", size)
			d.slot, d.size = sl, size
		}
		d.f.Text(x, y, code)
		x += w
	})
}

// words draws s word by word, so that its spaces extract as spaces.
func (d *drawer) words(m *metrics, size, x, y float64, s string) {
	d.wordsGap(m, size, x, y, s, m.wordWidth(" ", size))
}

// wordsGap draws s word by word with gap between words.
func (d *drawer) wordsGap(m *metrics, size, x, y float64, s string, space float64) {
	for w := range strings.FieldsSeq(s) {
		d.text(m, size, x, y, w)
		x += m.wordWidth(w, size) + space
	}
}

// furniture draws the running header, the footer and the watermark, last,
// so that the watermark lies over the text.
func (d *drawer) furniture(p *page, n, total int) {
	r, f := d.r, d.f
	small := r.size * 0.8
	grey := [3]int{90, 90, 90}
	if p.header != "" {
		it := allFaces[faceItalic]
		w := it.wordWidth(p.header, small)
		d.setColor(grey)
		d.artifact("Header", func() { d.words(it, small, (r.pageW-w)/2, r.top*0.55, p.header) })
	}
	if p.footer {
		// pdftotext joins "3 / 12" drawn with ordinary spaces into "3/12"
		num := fmt.Sprintf("%d / %d", n, total)
		reg := allFaces[faceRegular]
		gap := small * 0.4
		w := reg.wordWidth(strings.ReplaceAll(num, " ", ""), small) + 2*gap
		d.setColor(grey)
		d.artifact("Footer", func() { d.wordsGap(reg, small, (r.pageW-w)/2, r.pageH-r.top*0.45, num, gap) })
	}
	if p.watermark == "" {
		return
	}
	wm := r.o.Watermark
	c := wm.Color
	// a small note in the footer, for prints where the translucent mark fades
	note := strings.ToUpper(cleanOutline(p.watermark))
	note = cleanText(note, allFaces[faceBold], func(rune) {})
	d.setColor(c)
	d.artifact("Watermark", func() {
		d.words(allFaces[faceBold], small*0.9, r.left, r.pageH-r.top*0.45, truncate(note, allFaces[faceBold], small*0.9, r.textW*0.3))
	})

	angle := wm.Angle
	if angle == 0 {
		angle = math.Atan2(r.pageH, r.pageW) * 180 / math.Pi
	}
	bold := allFaces[faceBold]
	units := bold.wordWidth(note, 1000) // width at 1000 pt
	diag := math.Hypot(r.pageW, r.pageH)
	size := math.Min(0.7*diag*1000/units, r.pageW*0.3)
	cx, cy := r.pageW/2, r.pageH/2
	if f != nil {
		f.SetAlpha(wm.Opacity, "Normal")
		f.TransformBegin()
		f.TransformRotate(angle, cx, cy)
	}
	// rotated glyphs extract in fragments; the span makes the mark extract
	// as its text, once
	d.artifact("Watermark", func() {
		d.raw("/Span <</ActualText " + pdfTextString(note) + ">> BDC")
		d.words(bold, size, cx-bold.wordWidth(note, size)/2, cy+size*0.33, note)
		d.raw("EMC")
	})
	if f != nil {
		f.TransformEnd()
		f.SetAlpha(1, "Normal")
	}
}

// utf16BOM converts s to UTF-16BE with a byte order mark, the form fpdf
// writes as a PDF text string (Bookmark converts only when a UTF-8 font
// is selected, and these fonts are not).
func utf16BOM(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

// pdfTextString encodes s as a PDF text string: UTF-16BE with a byte order
// mark, in hex.
func pdfTextString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// metadata returns the document information dictionary, the XMP
// metadata and the catalog entries that tag.Write puts into the update,
// and gives fpdf the dates of the information dictionary it writes itself
// (which the update's replaces). With Options.PDFA the XMP identifies the
// file as PDF/A-2u and the catalog gets an sRGB output intent.
func (r *renderer) metadata(f *fpdf.Fpdf) tag.Doc {
	b, o := r.b, r.o
	title := b.Title
	if title == "" {
		title = b.Parts[0].Doc.DisplayTitle()
	}
	lang := b.Lang
	if lang == "" && !b.Pack {
		lang = b.Parts[0].Doc.Lang
	}
	// keep only what a BCP 47 tag holds
	lang = strings.Map(func(c rune) rune {
		if c == '-' || c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			return c
		}
		return -1
	}, lang)
	if lang == "" {
		lang = "en" // PDF/UA asks for a language; the parser's default
	}
	author := b.Author
	creator := strings.TrimSpace("essayexport " + o.Version)
	producer := creator + " (fpdf)"
	t := o.Modified
	if t.IsZero() {
		t = render.FixedDate
	}
	t = t.UTC()
	f.SetCreationDate(t)
	f.SetModificationDate(t)

	var info strings.Builder
	entry := func(k, v string) {
		if v != "" {
			info.WriteString("/" + k + " " + tag.TextString(v) + " ")
		}
	}
	entry("Title", title)
	entry("Author", author)
	entry("Subject", o.Subject)
	entry("Keywords", o.Keywords)
	entry("Creator", creator)
	entry("Producer", producer)
	date := "(D:" + t.Format("20060102150405") + "Z)"
	info.WriteString("/CreationDate " + date + " /ModDate " + date)

	doc := tag.Doc{Lang: lang, Info: info.String()}
	if o.PDFA {
		// not fpdf's AddOutputIntent: with an output intent, fpdf's
		// trailer names the profile's stream as /Info
		doc.ICC, doc.OutputCondition = sRGB, "sRGB IEC61966-2.1"
	}
	doc.XMP = xmp(xmpFields{title: title, author: author, subject: o.Subject, keywords: o.Keywords,
		creator: creator, producer: producer, lang: lang, date: t, pdfa: o.PDFA})
	return doc
}

// sRGB is the ICC profile of PDF/A's output intent: sRGB2014.icc from
// fpdf's module (copied to icc/ with its licence: fpdf reads it from a
// path in its examples and does not embed it).
//
//go:embed icc/sRGB2014.icc
var sRGB []byte

// xmpFields is what the XMP packet says; it mirrors the information
// dictionary, as PDF/A requires.
type xmpFields struct {
	title, author, subject, keywords, creator, producer, lang string
	date                                                      time.Time
	pdfa                                                      bool
}

// xmp builds the XMP packet: Dublin Core, XMP and PDF properties, the
// PDF/UA identification, and with pdfa the PDF/A-2u identification and
// the extension schema that declares pdfuaid (PDF/A allows only declared
// properties).
func xmp(x xmpFields) []byte {
	esc := func(s string) string {
		var b strings.Builder
		for _, c := range s {
			switch c {
			case '&':
				b.WriteString("&amp;")
			case '<':
				b.WriteString("&lt;")
			case '>':
				b.WriteString("&gt;")
			case '"':
				b.WriteString("&quot;")
			default:
				if c >= 0x20 || c == '\t' {
					b.WriteRune(c)
				}
			}
		}
		return b.String()
	}
	date := x.date.Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"`)
	if x.pdfa {
		b.WriteString(` xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"`)
	}
	b.WriteString(">\n")
	b.WriteString(`<dc:format>application/pdf</dc:format>` + "\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(x.title) + `</rdf:li></rdf:Alt></dc:title>` + "\n")
	if x.author != "" {
		b.WriteString(`<dc:creator><rdf:Seq><rdf:li>` + esc(x.author) + `</rdf:li></rdf:Seq></dc:creator>` + "\n")
	}
	if x.subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(x.subject) + `</rdf:li></rdf:Alt></dc:description>` + "\n")
	}
	b.WriteString(`<dc:language><rdf:Bag><rdf:li>` + esc(x.lang) + `</rdf:li></rdf:Bag></dc:language>` + "\n")
	if x.keywords != "" {
		b.WriteString(`<pdf:Keywords>` + esc(x.keywords) + `</pdf:Keywords>` + "\n")
	}
	b.WriteString(`<pdf:Producer>` + esc(x.producer) + `</pdf:Producer>` + "\n")
	b.WriteString(`<xmp:CreatorTool>` + esc(x.creator) + `</xmp:CreatorTool>` + "\n")
	b.WriteString(`<xmp:CreateDate>` + date + `</xmp:CreateDate><xmp:ModifyDate>` + date + `</xmp:ModifyDate><xmp:MetadataDate>` + date + `</xmp:MetadataDate>` + "\n")
	b.WriteString(`<pdfuaid:part>1</pdfuaid:part>` + "\n")
	if x.pdfa {
		b.WriteString(`<pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>` + "\n")
		b.WriteString(`<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">` +
			`<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>` +
			`<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>` +
			`<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">` +
			`<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>` +
			`<pdfaProperty:category>internal</pdfaProperty:category>` +
			`<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>` +
			`</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>` + "\n")
	}
	b.WriteString(`</rdf:Description></rdf:RDF></x:xmpmeta>` + "\n" + `<?xpacket end="w"?>`)
	return []byte(b.String())
}

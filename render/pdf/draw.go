package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/pdf/tag"
)

// drawer draws laid-out pages with fpdf. It runs twice over the pages:
// first collecting (f is nil) to learn which glyphs each face must
// embed, then drawing.
type drawer struct {
	r     *renderer
	f     *fpdf.Fpdf // nil while collecting
	fonts *docFonts
	ts    textState // what the page content has set
	tobj  textObj   // the text object being written (its buffer is reused)
	pg    int       // 0-based index of the page being drawn
	open  *tag.Elem // the element whose marked content is open in the line, or nil
}

// draw writes pages as a PDF to w: fpdf writes the document, then the
// fonts follow as an incremental update (embed.go).
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

	d := &drawer{r: r, fonts: newDocFonts()}
	total := len(pages)
	for n, p := range pages {
		d.page(p, n+1, total)
	}
	if err := d.fonts.register(); err != nil {
		return err
	}
	d.f = f
	for n, p := range pages {
		if r.o.Cancelled() {
			return render.ErrCancelled
		}
		f.AddPage()
		d.ts.reset()
		d.pg = n
		d.page(p, n+1, total)
		if err := f.Error(); err != nil {
			return err
		}
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := f.Output(buf); err != nil {
		return err
	}
	u, err := newIncrement(buf.Bytes())
	if err != nil {
		return err
	}
	if err := d.fonts.write(u); err != nil {
		return err
	}
	// the structure tree, the catalog that points at it and the metadata
	// follow in a second update (render/pdf/tag explains why)
	out := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(out)
	out.Reset()
	if err := u.writeTo(out); err != nil {
		return err
	}
	return r.tags.tree.Write(w, out.Bytes(), doc)
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

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

// mark makes what the text object t draws next belong to structure
// element e (nil: to none), closing the open marked content first. Marks
// open and close inside the line's text object, so they nest with BT/ET.
func (d *drawer) mark(t *textObj, e *tag.Elem) {
	if d.f == nil || e == d.open {
		return
	}
	if d.open != nil {
		t.op(tag.End)
	}
	if e != nil {
		t.op(d.r.tags.tree.Mark(e, d.pg))
	}
	d.open = e
}

// replaced draws a run whose text is given by a replacement (a piece of a
// word broken across lines, a run in a reordering script) as a marked
// sequence of its own in e, with that /ActualText: poppler drops the rest
// of a sequence after a nested span.
func (d *drawer) replaced(t *textObj, e *tag.Elem, actual string) {
	props := "/ActualText " + actual
	d.mark(t, nil)
	if e == nil || d.f == nil {
		t.op("/Span <<" + props + ">> BDC")
		return
	}
	t.op(d.r.tags.tree.MarkWith(e, d.pg, props))
}

// artifact draws what draw draws as an artifact of the given kind (see
// tag.Artifact): page furniture, outside any text object.
func (d *drawer) artifact(kind string, draw func()) {
	d.raw(tag.Artifact(kind))
	draw()
	d.raw(tag.End)
}

func (d *drawer) raw(s string) {
	if d.f != nil {
		d.f.RawWriteStr(s)
	}
}

// line draws one line's runs as one text object. Between two runs with
// a gap, the space glyph of the first run's face is drawn and the pen
// moved to the next run, so the words land exactly where the layout put
// them and the spaces are real characters for extraction; runs that
// touch (a change of face inside a word) get no space. A run with its
// own size and rise (a note marker) is raised with the text rise (Ts).
func (d *drawer) line(l line) {
	if len(l.runs) == 0 {
		return
	}
	t := d.begin(l.runs[0].x, l.y, 1+l.expand, l.rgb)
	prevEnd := 0.0
	var prev *metrics
	for _, rn := range l.runs {
		elem := l.elem
		if rn.elem != nil {
			elem = rn.elem
		}
		if prev != nil && rn.x > prevEnd+0.05*l.size {
			if d.open == nil { // after a replaced run or leaders: the line's
				d.mark(t, l.elem)
			}
			t.space(prev, l.size)
		}
		t.moveTo(rn.x)
		complexRun := rn.actual == actualNone && reorders(rn.text)
		switch {
		case rn.actual == actualWhole:
			d.replaced(t, elem, pdfTextString(rn.whole))
		case rn.actual == actualEmpty:
			d.replaced(t, elem, "()")
		case complexRun:
			d.replaced(t, elem, pdfTextString(rn.text))
		case rn.leader > 0:
			d.mark(t, nil)
			t.op(tag.Artifact(""))
		default:
			d.mark(t, elem)
		}
		size := l.size
		if rn.size != 0 {
			size = rn.size
		}
		if rn.rise != 0 {
			t.op(string(appendNum(nil, rn.rise)) + " Ts")
		}
		if rn.leader > 0 {
			// dot leaders: each dot at its place, the dots rn.leader apart
			x := rn.x
			for _, c := range rn.text {
				t.moveTo(x)
				t.show(rn.face, size, string(c))
				x += rn.leader
			}
		} else {
			t.show(rn.face, size, rn.text)
		}
		if rn.rise != 0 {
			t.op("0 Ts")
		}
		if rn.actual != actualNone || complexRun || rn.leader > 0 {
			t.op("EMC")
			d.open = nil
		}
		prevEnd, prev = t.pen, rn.face
	}
	d.mark(t, nil)
	t.end()
}

// reorders reports text in a script whose shaping reorders or merges
// characters (Indic and South-East Asian scripts; combining marks): one
// glyph there does not stand for the same text wherever it appears, so a
// glyph-to-text ToUnicode map cannot give the words back, and the run
// carries its text in an /ActualText span instead.
func reorders(s string) bool {
	for _, r := range s {
		if r >= 0x0300 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) ||
			unicode.In(r, unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
				unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala, unicode.Thai,
				unicode.Lao, unicode.Tibetan, unicode.Myanmar, unicode.Khmer)) {
			return true
		}
	}
	return false
}

// text draws s at (x, y) in face m at natural spacing, as shaped.
func (d *drawer) text(m *metrics, size, x, y float64, s string, rgb [3]int) {
	t := d.begin(x, y, 1, rgb)
	t.show(m, size, s)
	t.end()
}

// wordsGap draws s word by word with gap between words, each space a
// real space glyph.
func (d *drawer) wordsGap(m *metrics, size, x, y float64, s string, gap float64, rgb [3]int) {
	t := d.begin(x, y, 1, rgb)
	for i, w := range strings.Fields(s) {
		if i > 0 {
			t.space(m, size)
		}
		t.moveTo(x)
		t.show(m, size, w)
		x += m.wordWidth(w, size) + gap
	}
	t.end()
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
		d.artifact("Header", func() { d.text(it, small, (r.pageW-w)/2, r.top*0.55, p.header, grey) })
	}
	if p.footer {
		// pdftotext joins "3 / 12" drawn with ordinary spaces into "3/12"
		num := fmt.Sprintf("%d / %d", n, total)
		reg := allFaces[faceRegular]
		gap := small * 0.4
		w := reg.wordWidth(strings.ReplaceAll(num, " ", ""), small) + 2*gap
		d.artifact("Footer", func() { d.wordsGap(reg, small, (r.pageW-w)/2, r.pageH-r.top*0.45, num, gap, grey) })
	}
	if p.watermark == "" {
		return
	}
	wm := r.o.Watermark
	c := wm.Color
	// a small note in the footer, for prints where the translucent mark fades
	note := strings.ToUpper(cleanOutline(p.watermark))
	note = cleanText(note, allFaces[faceBold], func(rune) {})
	d.artifact("Watermark", func() {
		d.text(allFaces[faceBold], small*0.9, r.left, r.pageH-r.top*0.45, truncate(note, allFaces[faceBold], small*0.9, r.textW*0.3), c)
	})

	angle := wm.Angle
	if angle == 0 && !wm.AngleSet {
		angle = math.Atan2(r.pageH, r.pageW) * 180 / math.Pi
	}
	bold := allFaces[faceBold]
	units := bold.wordWidth(note, 1000) // width at 1000 pt
	// the length of the line through the centre at this angle, inside
	// the page: the diagonal for the default angle, the width when level
	rad := angle * math.Pi / 180
	avail := math.Hypot(r.pageW, r.pageH)
	if c := math.Abs(math.Cos(rad)); c > 1e-9 {
		avail = math.Min(avail, r.pageW/c)
	}
	if s := math.Abs(math.Sin(rad)); s > 1e-9 {
		avail = math.Min(avail, r.pageH/s)
	}
	size := math.Min(0.7*avail*1000/units, r.pageW*0.3)
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
		d.text(bold, size, cx-bold.wordWidth(note, size)/2, cy+size*0.33, note, c)
		d.raw("EMC")
	})
	if f != nil {
		f.TransformEnd()
		f.SetAlpha(1, "Normal")
	}
	d.ts.unknown() // Q restored what the page had set before the mark
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
	lang := b.MainLang()
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

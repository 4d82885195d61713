package pdf

import (
	"bytes"
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
	r.metadata(f)

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
	return u.writeTo(w)
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
			id := d.f.AddLink()
			d.f.SetLink(id, lk.ty, lk.page)
			d.f.Link(lk.x, lk.y, lk.w, lk.h, id)
		}
	}
	d.furniture(p, n, total)
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
		if prev != nil && rn.x > prevEnd+0.05*l.size {
			t.space(prev, l.size)
		}
		t.moveTo(rn.x)
		complexRun := rn.actual == actualNone && reorders(rn.text)
		switch {
		case rn.actual == actualWhole:
			t.op("/Span <</ActualText " + pdfTextString(rn.whole) + ">> BDC")
		case rn.actual == actualEmpty:
			t.op("/Span <</ActualText ()>> BDC")
		case complexRun:
			t.op("/Span <</ActualText " + pdfTextString(rn.text) + ">> BDC")
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
		if rn.actual != actualNone || complexRun {
			t.op("EMC")
		}
		prevEnd, prev = t.pen, rn.face
	}
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
		d.text(it, small, (r.pageW-w)/2, r.top*0.55, p.header, grey)
	}
	if p.footer {
		// pdftotext joins "3 / 12" drawn with ordinary spaces into "3/12"
		num := fmt.Sprintf("%d / %d", n, total)
		reg := allFaces[faceRegular]
		gap := small * 0.4
		w := reg.wordWidth(strings.ReplaceAll(num, " ", ""), small) + 2*gap
		d.wordsGap(reg, small, (r.pageW-w)/2, r.pageH-r.top*0.45, num, gap, grey)
	}
	if p.watermark == "" {
		return
	}
	wm := r.o.Watermark
	c := wm.Color
	// a small note in the footer, for prints where the translucent mark fades
	note := strings.ToUpper(cleanOutline(p.watermark))
	note = cleanText(note, allFaces[faceBold], func(rune) {})
	d.text(allFaces[faceBold], small*0.9, r.left, r.pageH-r.top*0.45, truncate(note, allFaces[faceBold], small*0.9, r.textW*0.3), c)

	angle := wm.Angle
	if angle == 0 && !wm.AngleSet {
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
	d.raw("/Span <</ActualText " + pdfTextString(note) + ">> BDC")
	d.text(bold, size, cx-bold.wordWidth(note, size)/2, cy+size*0.33, note, c)
	d.raw("EMC")
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

// metadata sets the document information dictionary and XMP metadata.
func (r *renderer) metadata(f *fpdf.Fpdf) {
	b, o := r.b, r.o
	title := b.Title
	if title == "" {
		title = b.Parts[0].Doc.DisplayTitle()
	}
	lang := b.MainLang()
	author := b.Author
	creator := strings.TrimSpace("essayexport " + o.Version)
	// fpdf's own UTF-16 conversion mangles characters outside the Basic
	// Multilingual Plane, so the strings are passed converted.
	f.SetTitle(utf16BOM(title), false)
	if author != "" {
		f.SetAuthor(utf16BOM(author), false)
	}
	if o.Subject != "" {
		f.SetSubject(utf16BOM(o.Subject), false)
	}
	if o.Keywords != "" {
		f.SetKeywords(utf16BOM(o.Keywords), false)
	}
	f.SetCreator(utf16BOM(creator), false)
	f.SetProducer(utf16BOM(creator+" (fpdf)"), false)
	// fpdf writes the language unescaped: keep only what a BCP 47 tag holds
	lang = strings.Map(func(c rune) rune {
		if c == '-' || c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			return c
		}
		return -1
	}, lang)
	if lang != "" {
		f.SetLang(lang)
	}
	t := o.Modified
	if t.IsZero() {
		t = render.FixedDate
	}
	t = t.UTC()
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetXmpMetadata(xmp(title, author, o.Subject, o.Keywords, creator, lang, t))
}

// xmp builds a small XMP packet mirroring the information dictionary.
func xmp(title, author, subject, keywords, creator, lang string, t time.Time) []byte {
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
	date := t.Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
	b.WriteString(`<dc:format>application/pdf</dc:format>` + "\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(title) + `</rdf:li></rdf:Alt></dc:title>` + "\n")
	if author != "" {
		b.WriteString(`<dc:creator><rdf:Seq><rdf:li>` + esc(author) + `</rdf:li></rdf:Seq></dc:creator>` + "\n")
	}
	if subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(subject) + `</rdf:li></rdf:Alt></dc:description>` + "\n")
	}
	if lang != "" {
		b.WriteString(`<dc:language><rdf:Bag><rdf:li>` + esc(lang) + `</rdf:li></rdf:Bag></dc:language>` + "\n")
	}
	if keywords != "" {
		b.WriteString(`<pdf:Keywords>` + esc(keywords) + `</pdf:Keywords>` + "\n")
	}
	b.WriteString(`<pdf:Producer>` + esc(creator) + ` (fpdf)</pdf:Producer>` + "\n")
	b.WriteString(`<xmp:CreatorTool>` + esc(creator) + `</xmp:CreatorTool>` + "\n")
	b.WriteString(`<xmp:CreateDate>` + date + `</xmp:CreateDate><xmp:ModifyDate>` + date + `</xmp:ModifyDate><xmp:MetadataDate>` + date + `</xmp:MetadataDate>` + "\n")
	b.WriteString(`</rdf:Description></rdf:RDF></x:xmpmeta>` + "\n" + `<?xpacket end="w"?>`)
	return []byte(b.String())
}

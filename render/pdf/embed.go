package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Font embedding: CID-keyed Type0 fonts, and why they are added around fpdf.
//
// Text is drawn as shaped glyphs (render/shape), so a PDF font must be
// addressed by glyph id, not by character: a kerned pair or a ligature
// has no character code of its own in a simple font. Each face a
// document uses is therefore embedded as a Type0 font with the
// Identity-H encoding (two-byte codes), whose descendant is a
// CIDFontType2 font with an Identity CIDToGIDMap (code = glyph id of the
// subset), a /W array of exact advance widths, a FontFile2 subset and a
// ToUnicode CMap that maps each glyph to the text it was shaped from (a
// ligature to all of its characters), so text extraction and search keep
// working without glyph names.
//
// fpdf cannot write such fonts: its UTF-8 path encodes by code point,
// with a ToUnicode that assumes it, and has no hook to add objects to a
// page's resources. So fpdf still writes the document — pages, content
// streams (the text operators go in through RawWriteStr, drawer.text*),
// outline, links, annotations, metadata, transparency — and the fonts
// come after it as a PDF incremental update (update.go): their objects
// plus a new version of fpdf's resource dictionary (object 2) that names
// them /T0, /T1, … by face. Nothing is parsed back but fpdf's trailer,
// cross-reference table and that one dictionary.
//
// Per document the cost is small: the glyphs drawn are recorded while
// the pages are collected (the drawer's first pass), then each face's
// subset is cut from the once-per-process parsed font file (subset.go),
// renumbered densely so the codes, /W and CMap stay short, and
// compressed. The subset tag is derived from the glyphs kept, so output
// stays byte-identical from run to run.

// faceFile is what a face contributes to every document, computed once.
type faceFile struct {
	once sync.Once
	sfnt *sfntFile
	err  error
	desc string // font descriptor entries after /FontName
	name string // PostScript-style name, without subset tag
}

func (m *metrics) file() *faceFile {
	ff := &m.ff
	ff.once.Do(func() {
		ff.name = strings.TrimSuffix(m.face.File, ".ttf")
		ff.sfnt, ff.err = parseSfnt(m.face.Data)
		ff.desc = describe(m)
	})
	return ff
}

// describe writes a face's font descriptor values, in thousandths of an em.
func describe(m *metrics) string {
	f := m.face.Font()
	var buf sfnt.Buffer
	upem := fixed.Int26_6(f.UnitsPerEm()) << 6
	scale := func(v fixed.Int26_6) int { return int(math.Round(float64(v) / 64 * 1000 / float64(f.UnitsPerEm()))) }
	var ascent, descent, capHeight, x0, y0, x1, y1 int
	if mt, err := f.Metrics(&buf, upem, font.HintingNone); err == nil {
		ascent, descent, capHeight = scale(mt.Ascent), -scale(mt.Descent), scale(mt.CapHeight)
	}
	if b, err := f.Bounds(&buf, upem, font.HintingNone); err == nil {
		x0, x1 = scale(b.Min.X), scale(b.Max.X)
		y0, y1 = -scale(b.Max.Y), -scale(b.Min.Y)
	}
	flags := 4 // symbolic: codes are glyph ids, not a standard encoding
	stemV, angle := 80, 0
	if strings.Contains(m.face.Style, "B") {
		stemV = 140
	}
	if strings.Contains(m.face.Style, "I") {
		flags |= 64
		angle = -15
	}
	if m.id < firstFallback {
		flags |= 2 // serif
	}
	return fmt.Sprintf("/Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV %d",
		flags, x0, y0, x1, y1, angle, ascent, descent, capHeight, stemV)
}

// fontUse is what one document draws in one face.
type fontUse struct {
	face  *metrics
	newID []uint16          // by original glyph id: the subset's glyph id + 1; 0 not drawn
	order []uint16          // original glyph ids drawn, first seen first
	texts map[uint16]string // original glyph id -> the text it shows (ToUnicode)
	keep  []uint16          // after register: the subset's glyphs, original ids
}

// docFonts records the glyphs a document draws, per face, and embeds them.
type docFonts struct {
	uses []*fontUse // by metrics.id
}

func newDocFonts() *docFonts { return &docFonts{uses: make([]*fontUse, len(allFaces))} }

// record notes that glyph g of face m is drawn, showing text.
func (e *docFonts) record(m *metrics, g uint16, text string) {
	u := e.uses[m.id]
	if u == nil {
		u = &fontUse{face: m, newID: make([]uint16, m.shaper().NumGlyphs()), texts: map[uint16]string{}}
		e.uses[m.id] = u
	}
	if int(g) >= len(u.newID) {
		g = 0
	}
	if u.newID[g] == 0 {
		u.newID[g] = 1
		u.order = append(u.order, g)
	}
	if text != "" {
		if _, ok := u.texts[g]; !ok {
			u.texts[g] = text
		}
	}
}

// register fixes each face's subset; code gives the glyphs' new ids.
func (e *docFonts) register() error {
	for _, u := range e.uses {
		if u == nil {
			continue
		}
		ff := u.face.file()
		if ff.err != nil {
			return fmt.Errorf("failed to read %s: %w", u.face.face.File, ff.err)
		}
		u.keep = ff.sfnt.closure(u.order)
		clear(u.newID)
		for i, g := range u.keep {
			u.newID[g] = uint16(i) + 1
		}
	}
	return nil
}

// code returns the subset's glyph id for glyph g of face m (after
// register; 0, .notdef, for a glyph that was not recorded).
func (e *docFonts) code(m *metrics, g uint16) uint16 {
	u := e.uses[m.id]
	if u == nil || int(g) >= len(u.newID) || u.newID[g] == 0 {
		return 0
	}
	return u.newID[g] - 1
}

// resourceName is the name a face's font has in the page resources.
func resourceName(m *metrics) string { return "/T" + strconv.Itoa(m.id) }

var zpool = sync.Pool{New: func() any { w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed); return w }}

// deflate compresses b as a stream body and returns the object body for
// it, with extra dictionary entries.
func deflateStream(b []byte, extra string) []byte {
	var zb bytes.Buffer
	zb.Grow(len(b)/2 + 64)
	zw := zpool.Get().(*zlib.Writer)
	zw.Reset(&zb)
	zw.Write(b)
	zw.Close()
	zpool.Put(zw)
	var out bytes.Buffer
	out.Grow(zb.Len() + 100)
	fmt.Fprintf(&out, "<</Length %d /Filter /FlateDecode%s>>\nstream\n", zb.Len(), extra)
	out.Write(zb.Bytes())
	out.WriteString("\nendstream")
	return out.Bytes()
}

// write adds the fonts to u and names them in fpdf's resource dictionary.
func (e *docFonts) write(u *increment) error {
	var names strings.Builder
	for _, use := range e.uses {
		if use == nil {
			continue
		}
		n, err := use.write(u)
		if err != nil {
			return err
		}
		fmt.Fprintf(&names, "%s %d 0 R ", resourceName(use.face), n)
	}
	res, err := u.object(2)
	if err != nil {
		return err
	}
	i := bytes.Index(res, []byte("/Font <<"))
	if i < 0 {
		return fmt.Errorf("failed to find the fonts in the resource dictionary")
	}
	i += len("/Font <<")
	body := make([]byte, 0, len(res)+names.Len()+1)
	body = append(body, res[:i]...)
	body = append(body, names.String()...)
	body = append(body, res[i:]...)
	u.set(2, body)
	return nil
}

// write adds the Type0 font of one face and returns its object number.
func (use *fontUse) write(u *increment) (int, error) {
	ff := use.face.file()
	sh := use.face.shaper()
	program := ff.sfnt.subset(use.keep)
	h := fnv.New64a()
	h.Write([]byte(ff.name))
	for _, g := range use.keep {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	base := string(tag) + "+" + ff.name

	file := u.add(deflateStream(program, " /Length1 "+strconv.Itoa(len(program))))
	desc := u.add([]byte(fmt.Sprintf("<</Type /FontDescriptor /FontName /%s %s /FontFile2 %d 0 R>>", base, ff.desc, file)))

	var w strings.Builder
	w.WriteString("[0 [")
	upem := float64(sh.Upem)
	for i, g := range use.keep {
		if i > 0 {
			w.WriteByte(' ')
		}
		w.WriteString(strconv.FormatFloat(float64(sh.Advance(g))*1000/upem, 'f', -1, 64))
	}
	w.WriteString("]]")
	cid := u.add([]byte(fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 0 /W %s>>", base, desc, w.String())))
	cmap := u.add(deflateStream(use.toUnicode(), ""))
	return u.add([]byte(fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>", base, cid, cmap))), nil
}

// toUnicode writes the CMap that maps each glyph of the subset to the
// text it shows.
func (use *fontUse) toUnicode() []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	type entry struct {
		code uint16
		text string
	}
	var entries []entry
	for i, g := range use.keep {
		if t, ok := use.texts[g]; ok && t != "" {
			entries = append(entries, entry{uint16(i), t})
		}
	}
	for len(entries) > 0 {
		n := min(len(entries), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, e := range entries[:n] {
			fmt.Fprintf(&b, "<%04X> <", e.code)
			for _, c := range utf16.Encode([]rune(e.text)) {
				fmt.Fprintf(&b, "%04X", c)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		entries = entries[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}

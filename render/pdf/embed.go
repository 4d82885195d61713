package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Font embedding, and why it does not use AddUTF8FontFromBytes.
//
// fpdf's UTF-8 path costs about 3 ms of CPU per face per document: it
// parses the whole TrueType file, hashes a JSON dump of a 65,536-entry
// width table to name the font, and at output subsets the whole file
// again and compresses a 128 KB CIDToGIDMap. With two or three faces that
// alone was most of the 15 ms a document took, and none of it can be
// shared between documents through fpdf's API.
//
// So each face is embedded as a simple TrueType font with a per-document
// encoding, through fpdf's documented AddFontFromBytes (JSON definition +
// zlib-compressed font file), which fpdf writes out as given:
//
//   - The document's characters in a face get one-byte codes 33–255
//     (32 is the space); a face with more than 223 distinct characters
//     gets further "slots", each its own font.
//   - The encoding's /Differences name every code "uniXXXX", the Adobe
//     Glyph List form, so viewers find the glyph through the font's
//     Unicode cmap and text extraction maps it back to Unicode.
//   - The font program is a subset with just those characters, cut with
//     fpdf's own exported subsetter (fpdf.UTF8CutFont) from a per-process
//     "working" cut of the face's common characters (Latin, punctuation),
//     which is far quicker to cut again than the whole file; a character
//     outside it makes that slot cut from the whole file.
//   - The widths are the same per-process hmtx table the layout measures
//     with, and the font's name carries a subset tag derived from its
//     characters, so the output stays deterministic.
//   - The space is a one-byte code, so the PDF word spacing (Tw) applies
//     to it and a justified line is one string (see drawer.line).
//
// The cost: these fonts have no ToUnicode CMap (pdffonts shows "uni no");
// extraction goes through the glyph names, which poppler, pdf.js and
// Acrobat all read. A document now costs about a third of the CPU time.

// maxCodes is how many characters one slot encodes (codes 33–255).
const maxCodes = 223

// faceFile is what a face contributes to every document, computed once.
type faceFile struct {
	once    sync.Once
	working []byte // the face cut to its common characters
	common  func(r rune) bool
	desc    descJSON
	name    string // PostScript-style name, without subset tag
}

// workingRange says which characters go into a face's working cut.
func workingRange(r rune) bool {
	return (r >= 0x20 && r < 0x180) || (r >= 0x2000 && r < 0x2070) || r == 0x20AC || r == 0x2122 || r == 0x2026
}

func (m *metrics) file() *faceFile {
	ff := &m.ff
	ff.once.Do(func() {
		ff.name = strings.TrimSuffix(m.face.File, ".ttf")
		ff.desc = describe(m)
		if m.id >= firstFallback {
			return // fallbacks are rare: always cut from the whole file
		}
		var b strings.Builder
		for r := rune(0x20); r < 0x2200; r++ {
			if workingRange(r) && m.has(r) {
				b.WriteRune(r)
			}
		}
		ff.working = fpdf.UTF8CutFont(m.face.Data, b.String())
		ff.common = func(r rune) bool { return workingRange(r) && m.has(r) }
	})
	return ff
}

// descJSON and fontJSON mirror the JSON font definition fpdf reads in
// AddFontFromBytes (the format of its makefont tool).
type descJSON struct {
	Ascent, Descent, CapHeight, Flags int
	FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle, StemV, MissingWidth  int
}

type fontJSON struct {
	Tp           string
	Name         string
	Desc         descJSON
	Up, Ut       int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

// describe reads a face's font descriptor values, in thousandths of an em.
func describe(m *metrics) descJSON {
	f := m.face.Font()
	var buf sfnt.Buffer
	upem := fixed.Int26_6(f.UnitsPerEm()) << 6
	scale := func(v fixed.Int26_6) int { return int(math.Round(float64(v) / 64 * 1000 / float64(f.UnitsPerEm()))) }
	var d descJSON
	if mt, err := f.Metrics(&buf, upem, font.HintingNone); err == nil {
		d.Ascent, d.Descent, d.CapHeight = scale(mt.Ascent), -scale(mt.Descent), scale(mt.CapHeight)
	}
	if b, err := f.Bounds(&buf, upem, font.HintingNone); err == nil {
		d.FontBBox.Xmin, d.FontBBox.Xmax = scale(b.Min.X), scale(b.Max.X)
		d.FontBBox.Ymin, d.FontBBox.Ymax = -scale(b.Max.Y), -scale(b.Min.Y)
	}
	d.Flags = 32 // nonsymbolic: codes map to glyphs through glyph names
	d.StemV = 80
	if strings.Contains(m.face.Style, "B") {
		d.StemV = 140
	}
	if strings.Contains(m.face.Style, "I") {
		d.Flags |= 64
		d.ItalicAngle = -15
	}
	if m.id < firstFallback {
		d.Flags |= 2 // serif
	}
	d.MissingWidth = 0
	return d
}

// slot is one embedded font: up to maxCodes characters of one face.
type slot struct {
	face   *metrics
	n      int
	runes  []rune // code 33+i draws runes[i]
	family string // the family name fpdf knows it by
}

// encoding maps a document's characters to slots and codes.
type encoding struct {
	sets  []map[rune]bool // per face (metrics.id): characters seen while collecting
	slots []*slot
	codes []map[rune]uint16 // per face: slot index << 8 | code
}

// drawnWith returns the face that draws r when text is set in m: m
// itself, else the first fallback that has r; a character no face has is
// drawn as '?' in m.
func drawnWith(m *metrics, r rune) (*metrics, rune) {
	if m.has(r) || r == ' ' {
		return m, r
	}
	if fb := fallbackFor(r); fb != nil {
		return fb, r
	}
	return m, '?'
}

func newEncoding() *encoding {
	return &encoding{sets: make([]map[rune]bool, len(allFaces)), codes: make([]map[rune]uint16, len(allFaces))}
}

// collect records the characters of s, set in face m, and the fallback
// faces that will draw those m lacks.
func (e *encoding) collect(m *metrics, s string) {
	for _, r := range s {
		face, r := drawnWith(m, r)
		e.add(face, r)
	}
}

func (e *encoding) add(m *metrics, r rune) {
	if e.sets[m.id] == nil {
		e.sets[m.id] = map[rune]bool{}
	}
	e.sets[m.id][r] = true
}

// register embeds the collected characters' faces in f.
func (e *encoding) register(f *fpdf.Fpdf) error {
	for _, m := range allFaces {
		set := e.sets[m.id]
		if len(set) == 0 {
			continue
		}
		runes := make([]rune, 0, len(set))
		for r := range set {
			if r != ' ' {
				runes = append(runes, r)
			}
		}
		slices.Sort(runes)
		e.codes[m.id] = map[rune]uint16{}
		for n := 0; n*maxCodes < len(runes) || n == 0; n++ {
			part := runes[n*maxCodes : min(len(runes), (n+1)*maxCodes)]
			s := &slot{face: m, n: n, runes: part, family: fmt.Sprintf("f%ds%d", m.id, n)}
			idx := len(e.slots)
			e.slots = append(e.slots, s)
			e.codes[m.id][' '] = uint16(idx)<<8 | 32
			for i, r := range part {
				e.codes[m.id][r] = uint16(idx)<<8 | uint16(33+i)
			}
			def, z, err := s.define()
			if err != nil {
				return err
			}
			f.AddFontFromBytes(s.family, "", def, z)
		}
	}
	return f.Error()
}

var zpool = sync.Pool{New: func() any { w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed); return w }}

// define builds the slot's JSON definition and compressed font file.
func (s *slot) define() (def, z []byte, err error) {
	ff := s.face.file()
	var cut strings.Builder
	cut.WriteByte(' ')
	src := ff.working
	for _, r := range s.runes {
		cut.WriteRune(r)
		if src != nil && !ff.common(r) {
			src = nil
		}
	}
	if src == nil {
		src = s.face.face.Data
	}
	program := fpdf.UTF8CutFont(src, cut.String())
	if len(program) == 0 {
		return nil, nil, fmt.Errorf("failed to subset %s", s.face.face.File)
	}
	var zb bytes.Buffer
	zw := zpool.Get().(*zlib.Writer)
	zw.Reset(&zb)
	zw.Write(program)
	zw.Close()
	zpool.Put(zw)

	cw := make([]int, 256)
	cw[32] = int(s.face.width(' '))
	var diff strings.Builder
	diff.WriteString("32 /space")
	for i, r := range s.runes {
		cw[33+i] = int(s.face.width(r))
		fmt.Fprintf(&diff, " /uni%04X", r)
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s %q", ff.name, string(s.runes))
	sum := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	def, err = json.Marshal(fontJSON{
		Tp:           "TrueType",
		Name:         string(tag) + "+" + ff.name,
		Desc:         ff.desc,
		Up:           -100,
		Ut:           50,
		Cw:           cw,
		Enc:          "custom",
		Diff:         diff.String(),
		File:         fmt.Sprintf("%s-%d.z", ff.name, s.n),
		OriginalSize: len(program),
	})
	return def, zb.Bytes(), err
}

// encode splits s, set in face m, into pieces drawn with one slot each,
// calling draw with the slot, the encoded bytes and the piece's width,
// with tw added for each space (the PDF word spacing, Tw).
func (e *encoding) encode(m *metrics, size, tw float64, s string, draw func(sl *slot, code string, width float64)) {
	var buf []byte
	cur := -1
	width := 0.0
	flush := func() {
		if len(buf) > 0 {
			draw(e.slots[cur], string(buf), width)
		}
		buf, width = buf[:0], 0
	}
	for _, r := range s {
		face, r := drawnWith(m, r)
		sc, ok := e.codes[face.id][r]
		if !ok {
			continue // not collected: cannot happen for text that went through collect
		}
		if int(sc>>8) != cur {
			flush()
			cur = int(sc >> 8)
		}
		buf = append(buf, byte(sc))
		width += float64(face.width(r)) * size / 1000
		if r == ' ' {
			width += tw
		}
	}
	flush()
}

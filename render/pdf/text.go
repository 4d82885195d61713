package pdf

import (
	"math"
	"strconv"
)

// Text drawing: shaped glyphs as kerned TJ arrays.
//
// Every piece of text is drawn through a textObj, one PDF text object
// (BT … ET) per line. Its glyphs are written as two-byte glyph ids of the
// face's Type0 font (embed.go) in TJ arrays, and every place where the
// pen must go somewhere other than the glyph's own advance is a number
// in the array: a kerning pair (the shaped advance minus the /W width), a
// justified word space (the layout's gap minus the space glyph), a
// protruding or expanded line. The drawer tracks the pen in user space
// and each adjustment is computed from where the pen is, not
// accumulated, so the words land where the layout put them. PDF's word
// spacing (Tw) is of no use here: it applies only to the one-byte code
// 32, never to a two-byte code.
//
// Between the words of a line the space glyph itself is drawn (then
// moved to the gap), so extraction sees a real space. Marked content
// (the /ActualText spans of words broken across lines, and the tags a
// tagged PDF wraps around a line) may open and close inside the text
// object: the array is closed first, so the marks nest with BT/ET.

// textState is what the page content has set and the drawer need not
// repeat: font and size (Tf), fill colour, horizontal scaling (Tz). Text
// state persists across text objects, within one page's q/Q level.
type textState struct {
	face  *metrics
	size  float64
	rgb   [3]int
	scale float64
}

// reset forgets the state, at a new page or after a Q.
func (s *textState) reset() {
	*s = textState{rgb: [3]int{0, 0, 0}, scale: 1}
}

// unknown makes the next text object set everything again.
func (s *textState) unknown() {
	*s = textState{rgb: [3]int{-1, -1, -1}, scale: -1}
}

// textObj is one text object being written.
type textObj struct {
	d       *drawer
	b       []byte
	open    bool    // a TJ array is open
	hex     bool    // ... and a hex string in it
	pen     float64 // x of the pen, user space
	target  float64 // where the next glyph should start; NaN: where the pen is
	face    *metrics
	size    float64
	scale   float64 // horizontal scaling of this object (Tz/100)
	collect bool    // first pass: only record glyphs
}

// begin starts a text object with its pen at (x, y) (y down from the
// page top), horizontally scaled by scale (1 = 100%), in colour rgb.
func (d *drawer) begin(x, y, scale float64, rgb [3]int) *textObj {
	t := &d.tobj
	*t = textObj{d: d, b: t.b[:0], pen: x, target: math.NaN(), scale: scale, collect: d.f == nil}
	if t.collect {
		return t
	}
	if rgb != d.ts.rgb {
		t.b = append(t.b, rgbOp(rgb)...)
		d.ts.rgb = rgb
	}
	t.b = append(t.b, "BT "...)
	if scale != d.ts.scale {
		t.b = strconv.AppendFloat(t.b, scale*100, 'f', -1, 64)
		t.b = append(t.b, " Tz "...)
		d.ts.scale = scale
	}
	t.b = appendNum(t.b, x)
	t.b = append(t.b, ' ')
	t.b = appendNum(t.b, d.r.pageH-y)
	t.b = append(t.b, " Td "...)
	return t
}

func rgbOp(rgb [3]int) string {
	f := func(v int) string { return strconv.FormatFloat(float64(v)/255, 'f', 3, 64) }
	return f(rgb[0]) + " " + f(rgb[1]) + " " + f(rgb[2]) + " rg "
}

// appendNum appends v with at most 3 decimals, no trailing zeros.
func appendNum(b []byte, v float64) []byte {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// moveTo makes the next glyph start at x.
func (t *textObj) moveTo(x float64) { t.target = x }

// closeArray ends the open TJ array.
func (t *textObj) closeArray() {
	if t.hex {
		t.b = append(t.b, '>')
		t.hex = false
	}
	if t.open {
		t.b = append(t.b, "] TJ "...)
		t.open = false
	}
}

// op writes a content operator (marked content) between glyphs.
func (t *textObj) op(s string) {
	if t.collect {
		return
	}
	t.closeArray()
	t.b = append(t.b, s...)
	t.b = append(t.b, ' ')
}

// adjust writes a TJ number (thousandths of an em; positive moves left)
// and moves the pen accordingly.
func (t *textObj) adjust(units float64) {
	units = math.Round(units*1000) / 1000
	if units == 0 {
		return
	}
	if t.hex {
		t.b = append(t.b, '>')
		t.hex = false
	}
	t.b = append(t.b, ' ')
	t.b = strconv.AppendFloat(t.b, units, 'f', -1, 64)
	t.b = append(t.b, ' ')
	t.pen -= units * t.size * t.scale / 1000
}

// setFont selects face m at size for what follows.
func (t *textObj) setFont(m *metrics, size float64) {
	t.face, t.size = m, size
	if t.collect {
		return
	}
	if t.d.ts.face != m || t.d.ts.size != size {
		t.closeArray()
		t.b = append(t.b, resourceName(m)...)
		t.b = append(t.b, ' ')
		t.b = appendNum(t.b, size)
		t.b = append(t.b, " Tf "...)
		t.d.ts.face, t.d.ts.size = m, size
	}
}

// show draws s in face m at size: its pieces in the faces that draw
// them (metrics.segments), each shaped, kerned as shaped.
func (t *textObj) show(m *metrics, size float64, s string) {
	m.segments(s, func(face *metrics, text string) {
		t.glyphs(face, size, text)
	})
}

// space draws the space glyph of m, as a word space before a moveTo.
func (t *textObj) space(m *metrics, size float64) { t.show(m, size, " ") }

// glyphs draws text, all of it in face m.
func (t *textObj) glyphs(m *metrics, size float64, text string) {
	sh := m.shaped(text)
	if t.collect {
		for _, g := range sh.Glyphs {
			t.d.fonts.record(m, g.ID, text[g.Start:g.End])
		}
		if !math.IsNaN(t.target) {
			t.pen, t.target = t.target, math.NaN()
		}
		t.pen += float64(sh.Advance) * size * t.scale / float64(m.shaper().Upem)
		return
	}
	t.setFont(m, size)
	if !t.open {
		t.b = append(t.b, '[')
		t.open = true
	}
	sf := m.shaper()
	unit := size * t.scale / float64(sf.Upem) // user space per font unit
	toThousandths := 1000 / float64(sf.Upem)
	if !math.IsNaN(t.target) {
		t.adjust((t.pen - t.target) * 1000 / (size * t.scale))
		t.target = math.NaN()
	}
	for _, g := range sh.Glyphs {
		if g.XOffset != 0 {
			t.adjust(-float64(g.XOffset) * toThousandths)
		}
		if !t.hex {
			t.b = append(t.b, '<')
			t.hex = true
		}
		c := t.d.fonts.code(m, g.ID)
		t.b = append(t.b, hexDigits[c>>12], hexDigits[c>>8&15], hexDigits[c>>4&15], hexDigits[c&15])
		nominal := sf.Advance(g.ID)
		t.pen += float64(nominal) * unit
		if d := nominal - g.Advance + g.XOffset; d != 0 {
			t.adjust(float64(d) * toThousandths)
		}
	}
}

const hexDigits = "0123456789ABCDEF"

// end finishes the text object and writes it to the page.
func (t *textObj) end() {
	if t.collect {
		return
	}
	t.closeArray()
	t.b = append(t.b, "ET"...)
	t.d.raw(string(t.b))
}

// width is how far text set in m at size moves the pen in this object.
func (t *textObj) width(m *metrics, size float64, s string) float64 {
	return m.wordWidth(s, size) * t.scale
}

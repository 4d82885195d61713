package pdf

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/essayexport/essayexport/fonts"
)

// metrics holds the advance widths of one face in thousandths of an em,
// rounded exactly as fpdf rounds them for the PDF's /W array, so that the
// positions computed here match what a viewer draws. They are read from the
// font's hmtx table once per process and shared by all goroutines.
type metrics struct {
	face *fonts.Face
	id   int // index into allFaces; also the order faces are registered in

	once   sync.Once
	common []uint16 // widths of runes below commonLimit; 0 = no glyph
	other  sync.Map // rune -> uint16 for the rest of the BMP
	upem   float64  // units per em
	buf    sfnt.Buffer
	bufMu  sync.Mutex

	ff faceFile // what embedding needs, built on first use (embed.go)
}

// commonLimit bounds the rune table built eagerly for each face: Latin,
// Greek, Cyrillic and general punctuation are looked up in a slice, the
// rest through a concurrent map.
const commonLimit = 0x2200

// allFaces lists every face the renderer can use: the four text faces
// first, then the fallbacks in the order they are tried.
var allFaces = func() []*metrics {
	var ms []*metrics
	for _, f := range append(append([]*fonts.Face{}, fonts.Serif...), fonts.Fallbacks...) {
		ms = append(ms, &metrics{face: f, id: len(ms)})
	}
	return ms
}()

// Indexes of the text faces in allFaces.
const (
	faceRegular = iota
	faceItalic
	faceBold
	faceBoldItalic
	firstFallback
)

func (m *metrics) load() {
	m.once.Do(func() {
		f := m.face.Font()
		m.upem = float64(f.UnitsPerEm())
		m.common = make([]uint16, commonLimit)
		for r := rune(0x20); r < commonLimit; r++ {
			m.common[r] = m.lookup(r)
		}
	})
}

// lookup reads r's advance from the font; 0 means the face has no glyph.
func (m *metrics) lookup(r rune) uint16 {
	m.bufMu.Lock()
	defer m.bufMu.Unlock()
	f := m.face.Font()
	gi, err := f.GlyphIndex(&m.buf, r)
	if err != nil || gi == 0 {
		return 0
	}
	adv, err := f.GlyphAdvance(&m.buf, gi, fixed.Int26_6(f.UnitsPerEm())<<6, font.HintingNone)
	if err != nil {
		return 0
	}
	w := uint16(math.Round(float64(adv) / 64 * 1000 / m.upem))
	if w == 0 {
		w = 1 // a zero-width glyph still exists (fpdf writes it as width 0)
	}
	return w
}

// width returns r's advance in thousandths of an em, or 0 when the face
// lacks r. Runes outside the Basic Multilingual Plane count as missing:
// fpdf encodes text as two-byte CIDs equal to the code point.
func (m *metrics) width(r rune) uint16 {
	m.load()
	if r < commonLimit {
		if r < 0x20 {
			return 0
		}
		return m.common[r]
	}
	if r > 0xFFFF {
		return 0
	}
	if v, ok := m.other.Load(r); ok {
		return v.(uint16)
	}
	w := m.lookup(r)
	m.other.Store(r, w)
	return w
}

// has reports whether the face has a glyph for r.
func (m *metrics) has(r rune) bool { return m.width(r) != 0 }

// wordWidth measures s set in face m at size pt, with runes the face lacks
// measured in the fallback face that will draw them.
func (m *metrics) wordWidth(s string, size float64) float64 {
	var units int
	for _, r := range s {
		if w := m.width(r); w != 0 {
			units += int(w)
			continue
		}
		fb := fallbackFor(r)
		if fb == nil {
			fb = m
			r = '?'
		}
		units += int(fb.width(r))
	}
	return float64(units) * size / 1000
}

// fallbackFor returns the first fallback face that has r, or nil.
func fallbackFor(r rune) *metrics {
	for _, fb := range allFaces[firstFallback:] {
		if fb.has(r) {
			return fb
		}
	}
	return nil
}

// cleanText prepares a block's text for setting: control characters and
// tabs become spaces; soft hyphens, zero-width characters and variation
// selectors are dropped (the typesetter hyphenates by itself); characters
// no bundled font has become "?" and are reported once each to warn.
func cleanText(s string, textFace *metrics, warn func(r rune)) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7F || dropped(r) || (!textFace.has(r) && !unicode.IsSpace(r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7F || r == 0x85:
			b.WriteByte(' ')
		case dropped(r):
		case unicode.IsSpace(r) || textFace.has(r) || fallbackFor(r) != nil:
			b.WriteRune(r)
		default:
			warn(r)
			b.WriteByte('?')
		}
	}
	return b.String()
}

// dropped lists invisible characters that are removed before setting.
func dropped(r rune) bool {
	switch {
	case r == 0xAD, r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF:
		return true
	case r >= 0xFE00 && r <= 0xFE0F: // variation selectors
		return true
	}
	return false
}

// missingWarning is the Stats warning for a character no bundled font has.
func missingWarning(r rune) string {
	for _, f := range fonts.Fallbacks {
		if r > 0xFFFF && f.Has(r) {
			return fmt.Sprintf("U+%04X %q is outside the Basic Multilingual Plane, which fpdf cannot encode; it is shown as \"?\"", r, string(r))
		}
	}
	return fmt.Sprintf("no bundled font has U+%04X %q; it is shown as \"?\"", r, string(r))
}

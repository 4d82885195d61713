package pdf

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/fonts"
	"github.com/essayexport/essayexport/render/shape"
)

// metrics is one face as the renderer uses it: its shaping face (parsed
// once per process, with the per-process cache of shaped words, see
// render/shape) and what embedding needs (embed.go). Widths are the
// shaped advances, kerning included, so that the line breaker measures
// exactly what the drawer draws.
type metrics struct {
	face *fonts.Face
	id   int // index into allFaces; also the order faces are embedded in

	once sync.Once
	sh   *shape.Face

	ff faceFile // what embedding needs, built on first use (embed.go)
}

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

// shaper returns the face's shaping face, parsing the font on first use.
func (m *metrics) shaper() *shape.Face {
	m.once.Do(func() {
		sh, err := shape.NewFace(m.face.Data)
		if err != nil {
			panic("pdf: embedded " + m.face.File + " does not parse: " + err.Error())
		}
		m.sh = sh
	})
	return m.sh
}

// has reports whether the face has a glyph for r.
func (m *metrics) has(r rune) bool { return m.shaper().Has(r) }

// drawnWith returns the face that draws r when text is set in m: m
// itself, else the first fallback that has r; a character no face has is
// drawn as '?' in m.
func drawnWith(m *metrics, r rune) (*metrics, rune) {
	if r == ' ' || m.has(r) {
		return m, r
	}
	if fb := fallbackFor(r); fb != nil {
		return fb, r
	}
	return m, '?'
}

// segments calls fn for each maximal piece of s drawn in one face, in
// order: text set in m, with the characters m lacks in the fallback face
// that has them and those no face has as "?". These pieces are what is
// shaped: measuring and drawing both go through here.
func (m *metrics) segments(s string, fn func(face *metrics, text string)) {
	simple := true
	for _, r := range s {
		if r != ' ' && !m.has(r) {
			simple = false
			break
		}
	}
	if simple {
		if s != "" {
			fn(m, s)
		}
		return
	}
	var cur *metrics
	var b strings.Builder
	start := 0 // start of the current piece in s, while it needs no rewriting
	rewritten := false
	for i, r := range s {
		face, dr := drawnWith(m, r)
		if (r == 0x200C || r == 0x200D) && cur != nil && cur.has(r) {
			face, dr = cur, r // a joiner stays in the run whose joining it controls
		}
		if face != cur {
			if cur != nil {
				if rewritten {
					fn(cur, b.String())
				} else {
					fn(cur, s[start:i])
				}
			}
			cur, start, rewritten = face, i, false
			b.Reset()
		}
		if dr != r && !rewritten {
			rewritten = true
			b.WriteString(s[start:i])
		}
		if rewritten {
			b.WriteRune(dr)
		}
	}
	if cur != nil {
		if rewritten {
			fn(cur, b.String())
		} else {
			fn(cur, s[start:])
		}
	}
}

// shaped shapes text, all of which m draws.
func (m *metrics) shaped(text string) *shape.Shaped { return m.shaper().ShapeText(text) }

// wordWidth measures s set in face m at size pt: the shaped advances of
// its pieces (kerning included), with the runes m lacks measured in the
// fallback face that draws them.
func (m *metrics) wordWidth(s string, size float64) float64 {
	if s == "" {
		return 0
	}
	w := 0.0
	m.segments(s, func(face *metrics, text string) {
		sh := face.shaper()
		w += float64(sh.ShapeText(text).Advance) * size / float64(sh.Upem)
	})
	return w
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
	clean := utf8.ValidString(s)
	for _, r := range s {
		if !clean || r < 0x20 || r == 0x7F || dropped(r) || (!textFace.has(r) && !unicode.IsSpace(r)) {
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
	case r == 0xAD, r == 0x200B, r == 0x2060, r == 0xFEFF:
		// (ZWNJ and ZWJ are kept: they control joining in Persian,
		// Devanagari and other scripts.)
		return true
	case r >= 0xFE00 && r <= 0xFE0F: // variation selectors
		return true
	}
	return false
}

// missingWarning is the Stats warning for a character no bundled font has.
func missingWarning(r rune) string {
	return fmt.Sprintf("no bundled font has U+%04X %q; it is shown as \"?\"", r, string(r))
}

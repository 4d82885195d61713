// Package shape turns runs of text into positioned glyphs. It shapes each
// run — text in one face, one script, one direction, one language — with
// go-text/typesetting's pure-Go port of HarfBuzz, so kerning (GPOS),
// ligatures where a face has them, and the complex scripts all come from
// one place. It knows nothing of PDF, pages or line breaking.
//
// Everything costly is done once per process and shared: a Face is parsed
// once, HarfBuzz's shaping plans live in a pool of shapers, and every run
// shaped is cached on its Face (up to CacheLimit runs a face), so a word
// seen in any earlier document costs one map lookup. All of it is safe for
// concurrent use.
//
// Lengths are in font units (Face.Upem to the em); a caller at size s
// points multiplies by s/Upem.
package shape

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// CacheLimit is how many shaped runs a Face keeps. Past it, runs are
// shaped each time they are asked for, so a pathological input (millions
// of distinct words) cannot grow memory without bound.
const CacheLimit = 1 << 18

// Face is one parsed font and the runs shaped in it.
type Face struct {
	font *font.Font
	id   int // index into the shapers' face tables
	// Upem is the number of font units to the em.
	Upem int

	common []uint16 // glyph id + 1 of runes below commonLimit; 0: none
	other  sync.Map // rune -> uint16, glyph id + 1, for the rest
	adv    []int32  // nominal advances by glyph id

	mu     sync.RWMutex
	plain  map[string]*Shaped // runs with only Text set (most of them)
	cache  sync.Map           // runKey -> *Shaped, the others
	cached atomic.Int64
}

// commonLimit bounds the rune table each face builds eagerly.
const commonLimit = 0x2200

var (
	facesMu  sync.Mutex
	allFaces []*Face
)

// NewFace parses a TrueType or OpenType font. Parse each font once per
// process and keep the Face: it carries the shaping cache.
func NewFace(data []byte) (*Face, error) {
	ft, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("failed to parse font: %w", err)
	}
	f := &Face{font: ft.Font, Upem: int(ft.Upem()), plain: map[string]*Shaped{}}
	f.common = make([]uint16, commonLimit)
	for r := rune(0); r < commonLimit; r++ {
		if g, ok := ft.NominalGlyph(r); ok && g != 0 {
			f.common[r] = uint16(g) + 1
		}
	}
	n := numGlyphs(data)
	f.adv = make([]int32, n)
	for g := range f.adv {
		f.adv[g] = int32(ft.HorizontalAdvance(font.GID(g)))
	}
	facesMu.Lock()
	f.id = len(allFaces)
	allFaces = append(allFaces, f)
	facesMu.Unlock()
	return f, nil
}

// numGlyphs reads the glyph count from the font's maxp table.
func numGlyphs(data []byte) int {
	if len(data) < 12 {
		return 0
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			break
		}
		if string(data[rec:rec+4]) == "maxp" {
			off := int(binary.BigEndian.Uint32(data[rec+8:]))
			if off+6 <= len(data) {
				return int(binary.BigEndian.Uint16(data[off+4:]))
			}
		}
	}
	return 0
}

// Glyph returns the glyph id the face's cmap gives r, and whether it has
// one (glyph 0, .notdef, counts as none).
func (f *Face) Glyph(r rune) (uint16, bool) {
	if r >= 0 && r < commonLimit {
		g := f.common[r]
		return g - 1, g != 0
	}
	if v, ok := f.other.Load(r); ok {
		g := v.(uint16)
		return g - 1, g != 0
	}
	var g uint16
	if gid, ok := f.font.NominalGlyph(r); ok && gid != 0 && gid < 0xFFFF {
		g = uint16(gid) + 1
	}
	f.other.Store(r, g)
	return g - 1, g != 0
}

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool {
	_, ok := f.Glyph(r)
	return ok
}

// Advance is the nominal advance of glyph g (its hmtx entry), in font
// units: what a PDF /W array gives a viewer.
func (f *Face) Advance(g uint16) int32 {
	if int(g) < len(f.adv) {
		return f.adv[g]
	}
	return 0
}

// NumGlyphs is the number of glyphs in the font.
func (f *Face) NumGlyphs() int { return len(f.adv) }

// Run is text to shape in one face: one script, one direction.
type Run struct {
	Text string
	// Script is the run's ISO 15924 script; zero means found from the
	// text (its first letter of a script other than Common or Inherited;
	// Latin when there is none).
	Script language.Script
	// Direction is the run's direction; zero is left to right.
	Direction di.Direction
	// Lang is the run's language (BCP 47), which selects language-specific
	// forms; "" is none.
	Lang string
}

// Glyph is one glyph of a shaped run.
type Glyph struct {
	ID uint16
	// Advance is the shaped advance in font units: the nominal advance
	// with kerning and other positioning applied.
	Advance int32
	// XOffset and YOffset move the glyph from its pen position (marks).
	XOffset, YOffset int32
	// Start and End are the byte range of Run.Text the glyph's cluster
	// shows; a cluster of several glyphs gives its text to the first
	// (in visual order) and an empty range to the others.
	Start, End int
}

// Shaped is a shaped run, in visual order (left to right on the page).
type Shaped struct {
	Glyphs []Glyph
	// Advance is the sum of the glyphs' advances, in font units.
	Advance int32
}

type runKey struct {
	text   string
	script language.Script
	dir    di.Direction
	lang   string
}

// shaper is one HarfBuzz shaper with its own font.Face per Face: a
// font.Face and a shaper are not safe for concurrent use, so each
// goroutine takes one from the pool. The shaper keeps HarfBuzz's fonts
// and shaping plans from call to call.
type shaper struct {
	hb    shaping.HarfbuzzShaper
	faces []*font.Face
	runes []rune
}

var shapers = sync.Pool{New: func() any { return &shaper{} }}

// Shape shapes r in f. The result is shared: do not modify it.
func (f *Face) Shape(r Run) *Shaped {
	if r.Text == "" {
		return &Shaped{}
	}
	if r.Script == 0 && r.Direction == 0 && r.Lang == "" {
		f.mu.RLock()
		s, ok := f.plain[r.Text]
		f.mu.RUnlock()
		if ok {
			return s
		}
		s = f.shape(r)
		if f.cached.Load() < CacheLimit {
			f.mu.Lock()
			if _, ok := f.plain[r.Text]; !ok {
				f.plain[r.Text] = s
				f.cached.Add(1)
			}
			f.mu.Unlock()
		}
		return s
	}
	k := runKey{r.Text, r.Script, r.Direction, r.Lang}
	if v, ok := f.cache.Load(k); ok {
		return v.(*Shaped)
	}
	s := f.shape(r)
	if f.cached.Load() < CacheLimit {
		if _, loaded := f.cache.LoadOrStore(k, s); !loaded {
			f.cached.Add(1)
		}
	}
	return s
}

// ShapeText shapes text found in the Latin script or whatever script its
// letters are in, left to right, with no language: a word of running
// text in a left-to-right script.
//
// Text whose first letter is Hebrew, Arabic, Syriac or Thaana is shaped
// right to left (its glyphs come back in visual order): the renderer
// places such words right to left (see the PDF's setSpans).
func (f *Face) ShapeText(text string) *Shaped {
	if RTL(text) {
		return f.Shape(Run{Text: text, Direction: di.DirectionRTL})
	}
	return f.Shape(Run{Text: text})
}

// RTL reports whether the first letter of s is in a right-to-left script.
// It is the paragraph-direction rule of the Unicode bidirectional
// algorithm (P2, first strong character) for the letters this program
// draws; digits and punctuation are neutral.
func RTL(s string) bool {
	for _, r := range s {
		if r < 0x0590 {
			if unicode.IsLetter(r) {
				return false
			}
			continue
		}
		if unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return unicode.IsLetter(r)
		}
		if unicode.IsLetter(r) {
			return false
		}
	}
	return false
}

func (f *Face) shape(r Run) *Shaped {
	sh := shapers.Get().(*shaper)
	defer shapers.Put(sh)
	for len(sh.faces) <= f.id {
		sh.faces = append(sh.faces, nil)
	}
	if sh.faces[f.id] == nil {
		sh.faces[f.id] = font.NewFace(f.font)
	}
	rs := sh.runes[:0]
	offsets := make([]int, 0, len(r.Text)+1) // byte offset of each rune
	for i, c := range r.Text {
		rs = append(rs, c)
		offsets = append(offsets, i)
	}
	offsets = append(offsets, len(r.Text))
	sh.runes = rs
	script := r.Script
	if script == 0 {
		script = language.Latin
		for _, c := range rs {
			if s := language.LookupScript(c); s.Strong() {
				script = s
				break
			}
		}
	}
	var lang language.Language
	if r.Lang != "" {
		lang = language.NewLanguage(r.Lang)
	}
	out := sh.hb.Shape(shaping.Input{
		Text:      rs,
		RunStart:  0,
		RunEnd:    len(rs),
		Direction: r.Direction,
		Face:      sh.faces[f.id],
		Size:      fixed.I(f.Upem),
		Script:    script,
		Language:  lang,
	})
	s := &Shaped{Glyphs: make([]Glyph, len(out.Glyphs))}
	seen := -1 // the cluster whose text was given out last
	for i, g := range out.Glyphs {
		gl := Glyph{
			ID:      uint16(g.GlyphID),
			Advance: int32(g.XAdvance.Round()),
			XOffset: int32(g.XOffset.Round()),
			YOffset: int32(g.YOffset.Round()),
		}
		if g.GlyphID > 0xFFFF {
			gl.ID = 0
		}
		if c := g.ClusterIndex; c != seen && c >= 0 && c < len(rs) {
			seen = c
			gl.Start = offsets[c]
			gl.End = offsets[min(c+max(g.RuneCount, 1), len(rs))]
		}
		s.Glyphs[i] = gl
		s.Advance += gl.Advance
	}
	return s
}

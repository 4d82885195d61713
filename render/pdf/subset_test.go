package pdf

import (
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestSubsetComposite cuts a subset holding an accented letter that
// Liberation Serif builds from components: the components come along,
// renumbered, and the subset parses and draws with x/image's sfnt.
func TestSubsetComposite(t *testing.T) {
	m := allFaces[faceRegular]
	ff := m.file()
	if ff.err != nil {
		t.Fatal(ff.err)
	}
	var composite uint16
	var buf sfnt.Buffer
	src := m.face.Font()
	for _, r := range "éàüñçÅŵ" {
		g, _ := src.GlyphIndex(&buf, r)
		n := 0
		components(ff.sfnt.glyph(uint16(g)), func(int) { n++ })
		if n > 0 {
			composite = uint16(g)
			break
		}
	}
	if composite == 0 {
		t.Fatal("no composite glyph found among the accented letters")
	}
	keep := ff.sfnt.closure([]uint16{composite})
	if len(keep) < 3 { // .notdef, the composite, at least one component
		t.Fatalf("closure of a composite glyph: %v", keep)
	}
	sub, err := sfnt.Parse(ff.sfnt.subset(keep))
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	if sub.NumGlyphs() != len(keep) {
		t.Errorf("subset has %d glyphs, want %d", sub.NumGlyphs(), len(keep))
	}
	ppem := fixed.Int26_6(src.UnitsPerEm()) << 6
	for i, g := range keep {
		want, err1 := src.GlyphAdvance(&buf, sfnt.GlyphIndex(g), ppem, font.HintingNone)
		got, err2 := sub.GlyphAdvance(&buf, sfnt.GlyphIndex(i), ppem, font.HintingNone)
		if err1 != nil || err2 != nil || got != want {
			t.Errorf("glyph %d (was %d): advance %v, want %v (%v %v)", i, g, got, want, err1, err2)
		}
		a, err1 := src.LoadGlyph(&buf, sfnt.GlyphIndex(g), ppem, nil)
		na := len(a)
		b, err2 := sub.LoadGlyph(&buf, sfnt.GlyphIndex(i), ppem, nil)
		if err1 != nil || err2 != nil || len(b) != na {
			t.Errorf("glyph %d (was %d): %d segments, want %d (%v %v)", i, g, len(b), na, err1, err2)
		}
	}
}

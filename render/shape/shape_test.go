package shape

import (
	"sync"
	"testing"

	"github.com/essayexport/essayexport/fonts"
)

func regular(t *testing.T) *Face {
	t.Helper()
	f, err := NewFace(fonts.SerifRegular.Data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestKerning: a kerned pair is shaped narrower than its nominal
// advances, an unkerned one is not.
func TestKerning(t *testing.T) {
	f := regular(t)
	nominal := func(s *Shaped) (n int32) {
		for _, g := range s.Glyphs {
			n += f.Advance(g.ID)
		}
		return n
	}
	for _, p := range []string{"To", "Wa", "Yo", "AV", "Te"} {
		s := f.ShapeText(p)
		if len(s.Glyphs) != 2 || s.Advance >= nominal(s) {
			t.Errorf("%q: %d glyphs, advance %d, nominal %d: not kerned", p, len(s.Glyphs), s.Advance, nominal(s))
		}
	}
	if s := f.ShapeText("mn"); s.Advance != nominal(s) {
		t.Errorf("mn: advance %d, nominal %d", s.Advance, nominal(s))
	}
}

// TestClusters: every byte of the text is shown by exactly one glyph's
// range, in order, so a ToUnicode map built from them gives the text back.
func TestClusters(t *testing.T) {
	f := regular(t)
	for _, text := range []string{"office", "naïve café", "“Yes,” — A\u00a0V", "e\u0301"} {
		s := f.ShapeText(text)
		got := ""
		for _, g := range s.Glyphs {
			got += text[g.Start:g.End]
		}
		if got != text {
			t.Errorf("%q: clusters give back %q", text, got)
		}
	}
}

// TestConcurrentShaping shapes the same words from many goroutines
// (run with -race): the results agree and come from the cache.
func TestConcurrentShaping(t *testing.T) {
	f := regular(t)
	words := []string{"Typography", "AVAST", "office", "Wave", "Tyrannosaurus", "1924–1929"}
	want := map[string]int32{}
	for _, w := range words {
		want[w] = f.ShapeText(w).Advance
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				for _, w := range words {
					if a := f.ShapeText(w).Advance; a != want[w] {
						t.Errorf("%q: advance %d, want %d", w, a, want[w])
					}
				}
			}
		})
	}
	wg.Wait()
	if f.ShapeText("office") != f.ShapeText("office") {
		t.Error("a shaped run is not cached")
	}
}

// TestScriptAndDirection shapes a right-to-left run given as such: the
// glyphs come in visual order, the clusters still cover the text.
func TestScriptAndDirection(t *testing.T) {
	f := regular(t)
	s := f.Shape(Run{Text: "abc", Direction: 1 /* di.DirectionRTL */})
	if len(s.Glyphs) != 3 || s.Glyphs[0].Start != 2 || s.Glyphs[2].Start != 0 {
		t.Errorf("RTL run: glyph clusters %+v, want c b a", s.Glyphs)
	}
}

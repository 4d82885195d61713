package typeset

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/essayexport/essayexport/fonts"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// runeMeasure is the simple deterministic measure: 5 units a character,
// 2.5 for a space.
func runeMeasure(s string) float64 {
	if s == " " {
		return 2.5
	}
	return 5 * float64(utf8.RuneCountInString(s))
}

// fontMeasure returns a realistic measure: glyph advances of Liberation
// Serif at size points, cached like a renderer would cache them.
func fontMeasure(size float64) func(string) float64 {
	f := fonts.SerifRegular.Font()
	var buf sfnt.Buffer
	upem := fixed.Int26_6(f.UnitsPerEm())
	var mu sync.Mutex
	cache := map[string]float64{}
	runes := map[rune]float64{}
	return func(s string) float64 {
		mu.Lock()
		defer mu.Unlock()
		if w, ok := cache[s]; ok {
			return w
		}
		var w float64
		for _, r := range s {
			rw, ok := runes[r]
			if !ok {
				gi, err := f.GlyphIndex(&buf, r)
				if err == nil {
					adv, err := f.GlyphAdvance(&buf, gi, upem<<6, font.HintingNone)
					if err == nil {
						rw = float64(adv) / 64 / float64(upem) * size
					}
				}
				runes[r] = rw
			}
			w += rw
		}
		if len(cache) < 1<<16 {
			cache[s] = w
		}
		return w
	}
}

// prose returns the paragraphs of testdata/prose.txt, written for these
// tests.
func prose(t testing.TB) []string {
	b, err := os.ReadFile("testdata/prose.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range strings.Split(string(b), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) < 8 {
		t.Fatalf("testdata/prose.txt has %d paragraphs, want at least 8", len(out))
	}
	return out
}

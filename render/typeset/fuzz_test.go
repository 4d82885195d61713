package typeset

import (
	"math"
	"strings"
	"testing"
)

// FuzzBreak checks the invariants of check (every word out in order, no
// overfull line, justified lines full, last word whole) on any text and
// width, for both breakers, with and without hyphenation.
func FuzzBreak(f *testing.F) {
	for _, p := range prose(f) {
		f.Add(p, 200.0, 15.0, true)
	}
	f.Add("*Emph*asis and *strong* words, *un*usual *pieces*.", 40.0, 5.0, true)
	for _, s := range []string{"", " ", "a", "well-known—and 1924–1929", "“Don’t,” she said.", "e\u0301e\u0301e\u0301", "x\xffy\xfe z", "- -- — –"} {
		f.Add(s, 30.0, 0.0, false)
	}
	us := mustLang(f, "en-US")
	f.Fuzz(func(t *testing.T, text string, width, indent float64, justify bool) {
		if math.IsNaN(width) || width < 1 || width > 2000 || math.IsNaN(indent) || math.Abs(indent) > width/2 {
			t.Skip()
		}
		for _, h := range []*Hyphenator{nil, us} {
			p := Params{Width: width, Indent: indent, Measure: runeMeasure, Hyphenator: h, Justify: justify}
			check(t, "Break", text, p, Break(text, p))
			check(t, "Greedy", text, p, Greedy(text, p))
			// styled: "*" switches the style; styles measure alike here, so
			// the lines must be Break's invariants over the text without stars
			plain := strings.ReplaceAll(text, "*", "")
			styled := BreakSpans(toSpans(text), p)
			check(t, "BreakSpans", plain, p, styled)
			checkPieces(t, styled)
			p.Window = 7 // exercise the windows on short texts too
			check(t, "Break/windows", text, p, Break(text, p))
			check(t, "BreakSpans/windows", plain, p, BreakSpans(toSpans(text), p))
			// microtypography: protrusion and ±2% expansion keep every
			// invariant, the widths counted as drawn
			p.Window, p.Protrusion, p.Expansion, p.PreTolerance = 0, true, 0.02, 50
			check(t, "Break/microtype", text, p, Break(text, p))
			check(t, "BreakSpans/microtype", plain, p, BreakSpans(toSpans(text), p))
		}
	})
}

// checkPieces fails unless each styled word's pieces spell its text.
func checkPieces(t *testing.T, lines []Line) {
	t.Helper()
	for li, ln := range lines {
		for _, wd := range ln.Words {
			if wd.Pieces == nil {
				continue
			}
			var b strings.Builder
			for _, pc := range wd.Pieces {
				if pc.Text == "" {
					t.Fatalf("line %d: empty piece in %q", li, wd.Text)
				}
				b.WriteString(pc.Text)
			}
			if b.String() != wd.Text {
				t.Fatalf("line %d: pieces %q do not spell %q", li, b.String(), wd.Text)
			}
		}
	}
}

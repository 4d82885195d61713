package typeset

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// styleMeasure measures style 0 as runeMeasure and style 1 twice as wide,
// so a styled word's width shows whether its pieces were measured apart.
func styleMeasure(s string, style int) float64 {
	w := runeMeasure(s)
	if style == 1 {
		return 2 * w
	}
	return w
}

// toSpans makes spans of text, putting the words marked *so* in style 1
// (a marked word may carry punctuation after the closing star).
func toSpans(text string) []Span {
	var out []Span
	for i, f := range strings.Split(text, "*") {
		if f != "" {
			out = append(out, Span{Text: f, Style: i % 2})
		}
	}
	return out
}

// TestBreakSpansPlainIsBreak: spans all in style 0 set exactly as the
// same text does, Pieces nil.
func TestBreakSpansPlainIsBreak(t *testing.T) {
	us := mustLang(t, "en-US")
	for pi, para := range prose(t) {
		p := Params{Width: 230, Indent: 15, Measure: fontMeasure(11), Hyphenator: us, Justify: true}
		// split the text into several style-0 spans at odd places
		n := len(para) / 3
		for n < len(para) && !utf8.RuneStart(para[n]) {
			n++
		}
		spans := []Span{{Text: para[:n]}, {Text: ""}, {Text: para[n:]}}
		if got, want := BreakSpans(spans, p), Break(para, p); !reflect.DeepEqual(got, want) {
			t.Fatalf("paragraph %d: BreakSpans differs from Break\n%s\n---\n%s", pi, show(got), show(want))
		}
		if got, want := GreedySpans(spans, p), Greedy(para, p); !reflect.DeepEqual(got, want) {
			t.Fatalf("paragraph %d: GreedySpans differs from Greedy", pi)
		}
	}
}

// TestBreakSpansStyles: words in style 1 are measured in style 1, a word
// crossing styles keeps both pieces, hyphenation and justification work
// across styles, and the pieces of every word spell it.
func TestBreakSpansStyles(t *testing.T) {
	us := mustLang(t, "en-US")
	text := "The *extraordinarily* careful *re*reading of *unquestionably* bureaucratic *documents*, the author says, is *not* optional but *necessary*: everything *depends* on it, *again* and *again* and *again*."
	plain := strings.ReplaceAll(text, "*", "")
	for _, width := range []float64{90, 140, 200, 300} {
		for _, justify := range []bool{true, false} {
			for _, set := range []struct {
				name string
				fn   func([]Span, Params) []Line
			}{{"BreakSpans", BreakSpans}, {"GreedySpans", GreedySpans}} {
				name := fmt.Sprintf("%s/w%v/j%v", set.name, width, justify)
				p := Params{Width: width, Measure: runeMeasure, MeasureStyle: styleMeasure, Hyphenator: us, Justify: justify}
				lines := set.fn(toSpans(text), p)
				got, _ := rejoin(t, lines)
				if strings.Join(got, " ") != plain {
					t.Fatalf("%s: words %q", name, got)
				}
				for li, ln := range lines {
					w := ln.Indent
					for i, wd := range ln.Words {
						var b strings.Builder
						for _, pc := range wd.Pieces {
							b.WriteString(pc.Text)
							w += styleMeasure(pc.Text, pc.Style)
						}
						if wd.Pieces == nil {
							b.WriteString(wd.Text)
							w += runeMeasure(wd.Text)
						}
						if b.String() != wd.Text {
							t.Fatalf("%s: line %d: pieces %q do not spell %q", name, li, b.String(), wd.Text)
						}
						if wd.Hyphen {
							w += runeMeasure("-")
						}
						if i > 0 {
							w += ln.Space
						}
					}
					single := len(ln.Words) == 1
					if w > width+0.01 && !single {
						t.Errorf("%s: line %d overfull: %.2f > %v\n%s", name, li, w, width, show(lines))
					}
					if justify && !ln.Last && len(ln.Words) > 1 && w < width-0.01 {
						t.Errorf("%s: justified line %d is %.2f, want %v\n%s", name, li, w, width, show(lines))
					}
				}
			}
		}
	}
	// the styled words' pieces
	lines := BreakSpans(toSpans(text), Params{Width: 10000, Measure: runeMeasure, MeasureStyle: styleMeasure})
	var desc []string
	for _, wd := range lines[0].Words {
		if wd.Pieces != nil {
			var ps []string
			for _, pc := range wd.Pieces {
				ps = append(ps, fmt.Sprintf("%s/%d", pc.Text, pc.Style))
			}
			desc = append(desc, strings.Join(ps, "+"))
		}
	}
	want := "extraordinarily/1 re/1+reading/0 unquestionably/1 documents/1+,/0 not/1 necessary/1+:/0 depends/1 again/1 again/1 again/1+./0"
	if got := strings.Join(desc, " "); got != want {
		t.Errorf("styled words:\n got %s\nwant %s", got, want)
	}
	// a hyphenated styled word: both fragments keep the style
	hyphenated := 0
	for width := 150.0; width <= 260; width += 5 {
		lines := BreakSpans(toSpans("one two three four *unquestionably* five six seven eight nine ten"), Params{Width: width, Measure: runeMeasure, MeasureStyle: styleMeasure, Hyphenator: us, Justify: true})
		for li, ln := range lines[:len(lines)-1] {
			last := ln.Words[len(ln.Words)-1]
			if !last.Hyphen {
				continue
			}
			next := lines[li+1].Words[0]
			if len(last.Pieces) != 1 || last.Pieces[0].Style != 1 || len(next.Pieces) != 1 || next.Pieces[0].Style != 1 || last.Whole != "unquestionably" {
				t.Errorf("width %v: hyphenated %+v / %+v", width, last, next)
			}
			hyphenated++
		}
	}
	if hyphenated == 0 {
		t.Errorf("the styled word was never hyphenated")
	}
}

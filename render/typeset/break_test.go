package typeset

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/internal/testutil"
)

// show renders lines as text, one line a row, for failure messages.
func show(lines []Line) string {
	var b strings.Builder
	for _, ln := range lines {
		fmt.Fprintf(&b, "%7.3f %6.2f |", ln.Ratio, ln.Space)
		for i, w := range ln.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w.Text)
			if w.Hyphen {
				b.WriteByte('-')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// rejoin joins fragments back into whole words and reports, for each
// whole word, whether any of its fragments ended at an inserted hyphen.
func rejoin(t *testing.T, lines []Line) (words []string, hyphenated []bool) {
	t.Helper()
	var cur strings.Builder
	curWhole, curHyph := "", false
	for li, ln := range lines {
		for _, w := range ln.Words {
			if w.Text == "" {
				t.Fatalf("line %d has an empty word", li)
			}
			if curWhole != "" {
				if w.Whole != curWhole {
					t.Fatalf("line %d: fragment %q of %q is followed by %q (whole %q)", li, cur.String(), curWhole, w.Text, w.Whole)
				}
			} else if w.Whole == "" {
				if w.Hyphen {
					t.Fatalf("line %d: whole word %q has a hyphen", li, w.Text)
				}
				words, hyphenated = append(words, w.Text), append(hyphenated, false)
				continue
			} else {
				curWhole = w.Whole
			}
			cur.WriteString(w.Text)
			curHyph = curHyph || w.Hyphen
			if cur.Len() > len(curWhole) || !strings.HasPrefix(curWhole, cur.String()) {
				t.Fatalf("line %d: fragments %q do not spell %q", li, cur.String(), curWhole)
			}
			if cur.Len() == len(curWhole) {
				words, hyphenated = append(words, curWhole), append(hyphenated, curHyph)
				cur.Reset()
				curWhole, curHyph = "", false
			}
		}
	}
	if curWhole != "" {
		t.Fatalf("paragraph ends inside %q", curWhole)
	}
	return words, hyphenated
}

// lineWidth is what a renderer draws: indent, words, hyphen, spaces.
func lineWidth(ln Line, measure func(string) float64) float64 {
	w := ln.Indent - ln.Left - ln.Right
	for i, wd := range ln.Words {
		w += measure(wd.Text) * (1 + ln.Expand)
		if wd.Hyphen {
			w += measure("-") * (1 + ln.Expand)
		}
		if i > 0 {
			w += ln.Space
		}
	}
	return w
}

// check asserts the properties every set paragraph must have, and
// returns the number of places where two lines in a row end with an
// inserted hyphen.
func check(t *testing.T, name, text string, p Params, lines []Line) (doubleHyphens int) {
	t.Helper()
	want := fields(text)
	if len(want) == 0 {
		if len(lines) != 0 {
			t.Fatalf("%s: empty text gave %d lines", name, len(lines))
		}
		return 0
	}
	if len(lines) == 0 {
		t.Fatalf("%s: no lines", name)
	}
	got, hyph := rejoin(t, lines)
	if len(got) != len(want) {
		t.Fatalf("%s: %d words out, %d in\n%s", name, len(got), len(want), show(lines))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: word %d is %q, want %q", name, i, got[i], want[i])
		}
	}
	if hyph[len(hyph)-1] {
		t.Errorf("%s: last word %q hyphenated\n%s", name, want[len(want)-1], show(lines))
	}
	natural := p.Measure(" ")
	for i, ln := range lines {
		if ln.Last != (i == len(lines)-1) {
			t.Errorf("%s: line %d Last=%v of %d lines", name, i, ln.Last, len(lines))
		}
		if wantIndent := map[bool]float64{true: p.Indent, false: 0}[i == 0]; ln.Indent != wantIndent {
			t.Errorf("%s: line %d indent %v, want %v", name, i, ln.Indent, wantIndent)
		}
		if len(ln.Words) == 0 {
			t.Errorf("%s: line %d is empty", name, i)
			continue
		}
		if ln.Space < 0 || math.IsNaN(ln.Space) || math.IsNaN(ln.Ratio) {
			t.Errorf("%s: line %d space %v ratio %v", name, i, ln.Space, ln.Ratio)
		}
		w := lineWidth(ln, p.Measure)
		single := len(ln.Words) == 1 && ln.Indent+p.Measure(ln.Words[0].Text) > p.Width
		if w > p.Width+0.01 && !single {
			t.Errorf("%s: line %d is overfull: %.3f > %.3f\n%s", name, i, w, p.Width, show(lines))
		}
		if single && len([]rune(strings.TrimRightFunc(ln.Words[0].Text, func(r rune) bool { return unicode.Is(unicode.Mn, r) }))) > 1 {
			t.Errorf("%s: line %d holds an overfull piece %q that could be cut", name, i, ln.Words[0].Text)
		}
		if p.Justify && !ln.Last && len(ln.Words) > 1 && math.Abs(w-p.Width) > 0.01 {
			t.Errorf("%s: justified line %d is %.3f wide, want %.3f", name, i, w, p.Width)
		}
		if (!p.Justify || ln.Last) && ln.Space > natural+1e-9 {
			t.Errorf("%s: ragged or last line %d has space %v > natural %v", name, i, ln.Space, natural)
		}
		if i > 0 && endsHyphen(lines[i-1]) && endsHyphen(ln) {
			doubleHyphens++
		}
	}
	return doubleHyphens
}

func endsHyphen(ln Line) bool { return len(ln.Words) > 0 && ln.Words[len(ln.Words)-1].Hyphen }

type setter struct {
	name string
	fn   func(string, Params) []Line
}

var setters = []setter{{"Break", Break}, {"Greedy", Greedy}}

func TestBreakProperties(t *testing.T) {
	us := mustLang(t, "en-US")
	gb := mustLang(t, "en-GB")
	measures := []struct {
		name string
		fn   func(string) float64
		w    []float64
	}{
		{"rune", runeMeasure, []float64{120, 200, 300, 450}},
		{"serif11", fontMeasure(11), []float64{150, 230, 330, 430}},
	}
	doubles := 0
	for _, m := range measures {
		for _, width := range m.w {
			for _, h := range []*Hyphenator{nil, us, gb} {
				for _, justify := range []bool{true, false} {
					for pi, para := range prose(t) {
						p := Params{Width: width, Indent: 3 * m.fn(" "), Measure: m.fn, Hyphenator: h, Justify: justify}
						for _, s := range setters {
							name := fmt.Sprintf("%s/%s/w%v/h%v/j%v/p%d", s.name, m.name, width, h != nil, justify, pi)
							d := check(t, name, para, p, s.fn(para, p))
							if s.name == "Break" && width >= 200 {
								if d > 0 {
									t.Logf("%s: %d double hyphens\n%s", name, d, show(s.fn(para, p)))
								}
								doubles += d
							}
						}
					}
				}
			}
		}
	}
	if doubles > 0 {
		t.Errorf("Break set two hyphenated lines in a row %d times on ordinary prose", doubles)
	}
}

// spacing is the mean |ratio| and largest ratio over the justified lines
// (not the last) of a set of paragraphs.
func spacing(lines [][]Line) (mean, worst float64) {
	n := 0
	for _, ls := range lines {
		for _, ln := range ls {
			if ln.Last {
				continue
			}
			mean += math.Abs(ln.Ratio)
			worst = math.Max(worst, ln.Ratio)
			n++
		}
	}
	return mean / float64(n), worst
}

// TestBreakBeatsGreedy is the point of the package: on the same prose,
// total-fit breaking spaces words more evenly than first-fit.
func TestBreakBeatsGreedy(t *testing.T) {
	us := mustLang(t, "en-US")
	for _, width := range []float64{200, 260, 330} {
		for _, h := range []*Hyphenator{nil, us} {
			p := Params{Width: width, Indent: 11, Measure: fontMeasure(11), Hyphenator: h, Justify: true}
			var kp, gr [][]Line
			for _, para := range prose(t) {
				kp = append(kp, Break(para, p))
				gr = append(gr, Greedy(para, p))
			}
			km, kw := spacing(kp)
			gm, gw := spacing(gr)
			t.Logf("width %v hyphens %v: Knuth-Plass mean |r| %.3f max %.3f; greedy mean %.3f max %.3f", width, h != nil, km, kw, gm, gw)
			if km >= gm {
				t.Errorf("width %v hyphens %v: Knuth-Plass mean |ratio| %.3f is not below greedy's %.3f", width, h != nil, km, gm)
			}
			if kw > gw {
				t.Errorf("width %v hyphens %v: Knuth-Plass worst ratio %.3f is above greedy's %.3f", width, h != nil, kw, gw)
			}
		}
	}
}

func TestBreakDetails(t *testing.T) {
	us := mustLang(t, "en-US")
	p := Params{Width: 100, Measure: runeMeasure, Hyphenator: us, Justify: true}

	t.Run("explicit hyphen", func(t *testing.T) {
		text := "aaaa bbbb cccc well-known"
		pp := Params{Width: 95, Measure: runeMeasure, Justify: true}
		lines := Break(text, pp)
		check(t, "explicit", text, pp, lines)
		if len(lines) != 2 || len(lines[0].Words) != 4 || len(lines[1].Words) != 1 || lines[0].Words[3].Text != "well-" || lines[0].Words[3].Whole != "well-known" || lines[0].Words[3].Hyphen ||
			lines[1].Words[0].Text != "known" || lines[1].Words[0].Whole != "well-known" {
			t.Errorf("well-known not broken after its hyphen:\n%s", show(lines))
		}
	})
	t.Run("dashes", func(t *testing.T) {
		for _, text := range []string{"from 1924-1929 onwards", "one—two—three—four—five", "a — b –c d-", "-x --y"} {
			for _, w := range []float64{10, 30, 60} {
				pp := Params{Width: w, Measure: runeMeasure, Justify: true}
				check(t, text, text, pp, Break(text, pp))
			}
		}
		lines := Break("xx one—two", Params{Width: 40, Measure: runeMeasure, Justify: true})
		if len(lines) != 2 || len(lines[0].Words) != 2 || lines[0].Words[1].Text != "one—" || lines[1].Words[0].Text != "two" {
			t.Errorf("em dash is not a break:\n%s", show(lines))
		}
	})
	t.Run("empty", func(t *testing.T) {
		for _, text := range []string{"", " ", "     \t\n  ", "\u3000"} {
			if lines := Break(text, p); len(lines) != 0 {
				t.Errorf("Break(%q) gave %d lines", text, len(lines))
			}
			if lines := Greedy(text, p); len(lines) != 0 {
				t.Errorf("Greedy(%q) gave %d lines", text, len(lines))
			}
		}
	})
	t.Run("no-break space", func(t *testing.T) {
		lines := Break("aaaa bbbb 10\u00a0km cccc", Params{Width: 50, Measure: runeMeasure})
		for _, ln := range lines {
			for _, w := range ln.Words {
				if w.Text == "10" || w.Text == "km" {
					t.Errorf("broke at a no-break space:\n%s", show(lines))
				}
			}
		}
	})
	t.Run("one word", func(t *testing.T) {
		lines := Break("hyphenation", p)
		if len(lines) != 1 || !lines[0].Last || lines[0].Words[0].Text != "hyphenation" || lines[0].Words[0].Hyphen {
			t.Errorf("one word:\n%s", show(lines))
		}
	})
	t.Run("last word", func(t *testing.T) {
		// The last word would fit only hyphenated: it must go down whole.
		text := "aaaa bbbb cccc dddd hyphenation"
		for _, w := range []float64{90, 95, 100, 110} {
			pp := p
			pp.Width = w
			check(t, "last", text, pp, Break(text, pp))
		}
	})
	t.Run("long word", func(t *testing.T) {
		long := strings.Repeat("abcdefghij", 1000)
		text := "a few words " + long + " and the end"
		for _, pp := range []Params{p, {Width: 100, Indent: 30, Measure: fontMeasure(11), Justify: true}} {
			for _, s := range setters {
				lines := s.fn(text, pp)
				check(t, s.name, text, pp, lines)
				if len(lines) < 400 {
					t.Errorf("%s: 10,000-letter word in %d lines", s.name, len(lines))
				}
			}
		}
	})
	t.Run("combining marks", func(t *testing.T) {
		long := strings.Repeat("e\u0301", 300)
		lines := Break(long, Params{Width: 50, Measure: runeMeasure})
		check(t, "marks", long, Params{Width: 50, Measure: runeMeasure}, lines)
		for _, ln := range lines {
			if strings.HasPrefix(ln.Words[0].Text, "\u0301") {
				t.Fatalf("a line starts with a combining mark")
			}
		}
	})
	t.Run("degenerate widths", func(t *testing.T) {
		text := "Some words, and hyphenation."
		for _, w := range []float64{0, -5, 1, 4.9, math.NaN(), math.Inf(1)} {
			for _, s := range setters {
				pp := Params{Width: w, Indent: 20, Measure: runeMeasure, Hyphenator: us, Justify: true}
				lines := s.fn(text, pp)
				got, _ := rejoin(t, lines)
				if strings.Join(got, " ") != text {
					t.Errorf("%s width %v: words %q", s.name, w, got)
				}
			}
		}
		if Break(text, Params{Width: 100}) != nil {
			t.Error("nil Measure set lines")
		}
	})
	t.Run("bad measure", func(t *testing.T) {
		text := "Some words, and hyphenation, and more words to fill lines."
		bad := func(s string) float64 {
			switch len(s) % 4 {
			case 0:
				return math.NaN()
			case 1:
				return -3
			case 2:
				return math.Inf(1)
			}
			return 5 * float64(len(s))
		}
		for _, s := range setters {
			lines := s.fn(text, Params{Width: 60, Measure: bad, Hyphenator: us, Justify: true})
			got, _ := rejoin(t, lines)
			if strings.Join(got, " ") != text {
				t.Errorf("%s: words %q", s.name, got)
			}
			for _, ln := range lines {
				if math.IsNaN(ln.Space) || math.IsNaN(ln.Ratio) || ln.Space < 0 {
					t.Errorf("%s: line space %v ratio %v", s.name, ln.Space, ln.Ratio)
				}
			}
		}
	})
	t.Run("zero-width measure", func(t *testing.T) {
		pp := Params{Width: 100, Measure: func(string) float64 { return 0 }, Justify: true}
		check(t, "zero", "a b c", pp, Break("a b c", pp))
	})
}

// TestBreakWindows sets a long paragraph in small windows and checks it is
// set as well as the whole: the same properties, nearly the same spacing.
func TestBreakWindows(t *testing.T) {
	us := mustLang(t, "en-US")
	text := strings.Repeat(strings.Join(prose(t), " ")+" ", 6)
	m := fontMeasure(11)
	whole := Params{Width: 300, Indent: 11, Measure: m, Hyphenator: us, Justify: true, Window: 1 << 20}
	win := whole
	win.Window = 300
	a, b := Break(text, whole), Break(text, win)
	check(t, "whole", text, whole, a)
	check(t, "windows", text, win, b)
	am, _ := spacing([][]Line{a})
	bm, _ := spacing([][]Line{b})
	t.Logf("%d words: whole mean |r| %.3f in %d lines, windows %.3f in %d lines", len(fields(text)), am, len(a), bm, len(b))
	if bm > am*1.1+0.01 {
		t.Errorf("windows space worse than the whole: %.3f vs %.3f", bm, am)
	}
}

// TestBreakSharedCorpus sets every paragraph of the shared corpus, when
// it is there.
func TestBreakSharedCorpus(t *testing.T) {
	dir, ok := testutil.Shared()
	if !ok {
		t.Skip("no shared corpus")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "corpus", "*.txt"))
	if len(files) == 0 {
		t.Skip("no corpus texts")
	}
	us := mustLang(t, "en-US")
	m := fontMeasure(11)
	var kp, gr [][]Line
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, para := range strings.Split(strings.ToValidUTF8(string(b), "\uFFFD"), "\n\n") {
			for _, width := range []float64{250, 330} {
				p := Params{Width: width, Indent: 11, Measure: m, Hyphenator: us, Justify: true}
				name := fmt.Sprintf("%s#%d/w%v", filepath.Base(f), i, width)
				k := Break(para, p)
				check(t, name, para, p, k)
				g := Greedy(para, p)
				check(t, name+"/greedy", para, p, g)
				kp, gr = append(kp, k), append(gr, g)
			}
		}
	}
	km, kw := spacing(kp)
	gm, gw := spacing(gr)
	t.Logf("corpus: Knuth-Plass mean |r| %.3f max %.3f; greedy mean %.3f max %.3f", km, kw, gm, gw)
	if km >= gm {
		t.Errorf("corpus: Knuth-Plass mean |ratio| %.3f not below greedy's %.3f", km, gm)
	}
}

// TestKinsoku: Chinese and Japanese text, cut between characters, never
// starts a line with closing punctuation or small kana, and never ends
// one with an opening bracket.
func TestKinsoku(t *testing.T) {
	text := strings.Repeat("村の学校は「道」の先にあり、子どもたちは毎朝いっしょに歩いていった。", 6)
	p := Params{Width: 97, Measure: func(s string) float64 { return float64(utf8.RuneCountInString(s)) * 10 }}
	lines := Break(text, p)
	if len(lines) < 5 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, ln := range lines {
		var b strings.Builder
		for _, w := range ln.Words {
			b.WriteString(w.Text)
		}
		s := b.String()
		first, _ := utf8.DecodeRuneInString(s)
		last, _ := utf8.DecodeLastRuneInString(s)
		if i > 0 && noLineStart(first) || i < len(lines)-1 && noLineEnd(last) {
			t.Errorf("line %d %q breaks the kinsoku rules", i+1, s)
		}
	}
}

package typeset

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The three kinds of item in a Knuth-Plass paragraph.
const (
	box uint8 = iota
	glue
	penalty
)

// infPenalty is a penalty that forbids (+) or forces (-) a break.
const infPenalty = 10000

// item is a box (a whole word or a fragment of one), glue (an inter-word
// space) or a penalty (a place inside a word where it may break).
type item struct {
	kind    uint8
	flagged bool // penalty: a break here leaves a hyphen at the line end (inserted or explicit)
	hyphen  bool // penalty: a break here draws an inserted "-"
	fil     bool // glue: the infinitely stretchable glue ending the paragraph
	word    int32
	start   int32 // box: byte range of the word it shows
	end     int32
	width   float64
	stretch float64
	protL   float64 // box: how far its first character hangs into the left margin when it starts a line
	protR   float64 // box: ... its last character into the right margin when it ends one; hyphen penalty: the hyphen's
	shrink  float64
	penalty float64
}

// paragraph is a paragraph turned into items, with running totals so that
// the width, stretch and shrink of any line are two subtractions away.
type paragraph struct {
	wordList
	items []item
	sums  []sums // sums[i] totals items[:i]
	// working memory of knuthPlass, kept to be reused
	nodes  []node
	active []int32
}

// sums are running totals of width, stretch, shrink and fil glues.
type sums struct {
	w, y, z float64
	fil     int32
}

// fields splits text at white space, as strings.Fields does, but keeps
// no-break spaces (U+00A0, U+2007, U+202F) inside words.
func fields(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		sp := unicode.IsSpace(r) && r != '\u00a0' && r != '\u2007' && r != '\u202f'
		if sp {
			if start >= 0 {
				out = append(out, text[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// isDash reports whether r is a hyphen or dash after which a word may
// break.
func isDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2013', '\u2014':
		return true
	}
	return false
}

// explicitBreaks returns the byte offsets just after the hyphens and dashes
// of w at which it may break: something before the dash, a letter or digit
// after it.
func explicitBreaks(w string) []int {
	var out []int
	for i, r := range w {
		if !isDash(r) || i == 0 {
			continue
		}
		j := i + utf8.RuneLen(r)
		if j >= len(w) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(w[j:])
		if unicode.IsLetter(next) || unicode.IsDigit(next) {
			out = append(out, j)
		}
	}
	return out
}

// build turns words into items in para, reusing its memory. hyph, when not nil, adds hyphenation
// points (never in the last word). Words wider than limit are cut into
// pieces that fit, joined by penalties that draw no hyphen.
func build(para *paragraph, ws wordList, p *Params, c *config, hyph *Hyphenator, limit, firstLimit float64) {
	para.wordList = ws
	words, wordWidth := ws.words, ws.wordWidth
	items := para.items[:0]
	if n := 2*len(words) + len(words)/2 + 2; cap(items) < n {
		items = make([]item, 0, n)
	}
	for wi, w := range words {
		if wi > 0 {
			items = append(items, item{kind: glue, word: int32(wi), width: c.space, stretch: c.space * c.stretch, shrink: c.space * c.shrink})
		}
		lim := limit
		if wi == 0 {
			lim = firstLimit
		}
		ww := wordWidth[wi]
		if ww > lim {
			items = appendPieces(items, int32(wi), w, lim, func(a, b int) float64 { return ws.measure(p, wi, a, b) })
			continue
		}
		type cut struct {
			at     int
			hyphen bool
		}
		var cuts []cut
		if ex := explicitBreaks(w); len(ex) > 0 {
			for _, at := range ex {
				cuts = append(cuts, cut{at, false})
			}
		} else if hyph != nil && wi < len(words)-1 {
			for _, at := range hyph.Points(w) {
				cuts = append(cuts, cut{at, true})
			}
		}
		if len(cuts) == 0 {
			items = append(items, item{kind: box, word: int32(wi), start: 0, end: int32(len(w)), width: ww})
			continue
		}
		prev, used := 0, 0.0
		for _, ct := range cuts {
			fw := ws.measure(p, wi, prev, ct.at)
			items = append(items, item{kind: box, word: int32(wi), start: int32(prev), end: int32(ct.at), width: fw})
			used += fw
			pen := item{kind: penalty, word: int32(wi), flagged: true, hyphen: ct.hyphen, penalty: c.exHyphenPenalty}
			if ct.hyphen {
				pen.width = c.hyphenWidth
				pen.penalty = c.hyphenPenalty
			}
			items = append(items, pen)
			prev = ct.at
		}
		// The last piece takes the rest, so an unbroken word keeps its width.
		items = append(items, item{kind: box, word: int32(wi), start: int32(prev), end: int32(len(w)), width: math.Max(0, ww-used)})
	}
	if len(words) > 0 {
		items = append(items,
			item{kind: glue, fil: true, word: int32(len(words))},
			item{kind: penalty, penalty: -infPenalty, word: int32(len(words))})
	}
	if c.expansion > 0 || c.protrude {
		for i := range items {
			it := &items[i]
			switch {
			case it.kind == box:
				it.stretch, it.shrink = c.expansion*it.width, c.expansion*it.width
				if c.protrude && it.end > it.start {
					t := words[it.word][it.start:it.end]
					first, _ := utf8.DecodeRuneInString(t)
					last, _ := utf8.DecodeLastRuneInString(t)
					it.protL, it.protR = c.protrusion(first)[0], c.protrusion(last)[1]
				}
			case it.kind == penalty && it.hyphen:
				it.protR = c.hyphenProt
			}
		}
	}
	para.items = items
	if cap(para.sums) < len(items)+1 {
		para.sums = make([]sums, 0, cap(items)+1)
	}
	para.sums = append(para.sums[:0], sums{})
	for _, it := range items {
		t := para.sums[len(para.sums)-1]
		switch {
		case it.kind == box:
			t.w, t.y, t.z = t.w+it.width, t.y+it.stretch, t.z+it.shrink
		case it.fil:
			t.fil++
		case it.kind == glue:
			t.w, t.y, t.z = t.w+it.width, t.y+it.stretch, t.z+it.shrink
		}
		para.sums = append(para.sums, t)
	}
}

// appendPieces cuts w, wider than limit, into boxes that each fit limit
// (at least one character, with its combining marks, each), joined by
// penalties that draw nothing.
func appendPieces(items []item, wi int32, w string, limit float64, measure func(a, b int) float64) []item {
	emit := func(start, end int) {
		if len(items) > 0 && items[len(items)-1].kind == box && items[len(items)-1].word == wi {
			items = append(items, item{kind: penalty, word: wi})
		}
		items = append(items, item{kind: box, word: wi, start: int32(start), end: int32(end), width: measure(start, end)})
	}
	start, acc := 0, 0.0
	for i := 0; i < len(w); {
		// one character and the marks that combine with it
		_, n := utf8.DecodeRuneInString(w[i:])
		j := i + n
		for j < len(w) {
			r, n := utf8.DecodeRuneInString(w[j:])
			if !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Me, r) && r != '\u200d' {
				break
			}
			j += n
		}
		cw := measure(i, j)
		r, _ := utf8.DecodeRuneInString(w[i:])
		p, _ := utf8.DecodeLastRuneInString(w[:i])
		if acc+cw > limit && i > start && !noLineStart(r) && !noLineEnd(p) {
			emit(start, i)
			start, acc = i, 0
		}
		acc += cw
		i = j
	}
	emit(start, len(w))
	return items
}

// noLineStart and noLineEnd are the line-breaking rules (kinsoku) of
// Chinese and Japanese text, which is cut between characters: closing
// punctuation, small kana and the prolonged sound mark never start a
// line, opening brackets never end one (UAX #14 classes CL, CP, NS, EX,
// IS and OP, for the full-width characters of these scripts only, so Latin
// text cut the same way is unchanged). A piece may then overhang the
// measure by a punctuation mark, as in CJK typesetting.
func noLineStart(r rune) bool {
	return r >= 0x3000 && strings.ContainsRune("、。，．・：；！？）］｝〉》」』】〕〗〙〛ゝゞーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻゠〜～", r)
}

func noLineEnd(r rune) bool {
	return r >= 0x3000 && strings.ContainsRune("（［｛〈《「『【〔〖〘〚", r)
}

package typeset

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordList is a paragraph's words with their natural widths and, for
// text set from Spans, each word's style runs.
type wordList struct {
	words     []string
	wordWidth []float64
	// segs is nil when every word is in style 0; else it has an entry
	// per word, nil for a word wholly in style 0.
	segs [][]seg
}

// seg is the run of a word in one style that ends at byte end.
type seg struct {
	end   int32
	style int
}

// slice returns the words [a, b).
func (ws *wordList) slice(a, b int) wordList {
	out := wordList{words: ws.words[a:b], wordWidth: ws.wordWidth[a:b]}
	if ws.segs != nil {
		out.segs = ws.segs[a:b]
	}
	return out
}

// measure is the width of bytes [a, b) of word wi, each style run
// measured in its own style.
func (ws *wordList) measure(p *Params, wi, a, b int) float64 {
	w := ws.words[wi]
	if ws.segs == nil || ws.segs[wi] == nil {
		return p.Measure(w[a:b])
	}
	total, start := 0.0, 0
	for _, s := range ws.segs[wi] {
		if lo, hi := max(start, a), min(int(s.end), b); lo < hi {
			total += p.MeasureStyle(w[lo:hi], s.style)
		}
		start = int(s.end)
	}
	return total
}

// pieces splits bytes [a, b) of word wi by style; nil for a word wholly
// in style 0.
func (ws *wordList) pieces(wi, a, b int) []Piece {
	if ws.segs == nil || ws.segs[wi] == nil {
		return nil
	}
	w := ws.words[wi]
	var out []Piece
	start := 0
	for _, s := range ws.segs[wi] {
		if lo, hi := max(start, a), min(int(s.end), b); lo < hi {
			out = append(out, Piece{Text: w[lo:hi], Style: s.style})
		}
		start = int(s.end)
	}
	return out
}

// spanWords splits spans into words at white space (as fields does: no-break
// spaces stay inside words), recording each word's style runs.
func spanWords(spans []Span) wordList {
	var ws wordList
	var cur strings.Builder
	var segs []seg
	styled := false
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		ws.words = append(ws.words, cur.String())
		cur.Reset()
		var ss []seg
		if len(segs) > 1 || segs[0].style != 0 {
			ss = append([]seg(nil), segs...)
			styled = true
		}
		ws.segs = append(ws.segs, ss)
		segs = segs[:0]
	}
	for _, sp := range spans {
		for i := 0; i < len(sp.Text); {
			r, n := utf8.DecodeRuneInString(sp.Text[i:])
			if unicode.IsSpace(r) && r != '\u00a0' && r != '\u2007' && r != '\u202f' {
				flush()
				i += n
				continue
			}
			if len(segs) == 0 || segs[len(segs)-1].style != sp.Style {
				segs = append(segs, seg{style: sp.Style})
			}
			cur.WriteString(sp.Text[i : i+n])
			segs[len(segs)-1].end = int32(cur.Len())
			i += n
		}
	}
	flush()
	if !styled {
		ws.segs = nil
	}
	return ws
}

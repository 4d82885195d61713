package pdf

import (
	"strings"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/render/shape"
	"github.com/essayexport/essayexport/render/typeset"
)

// Inline content: a block's Spans are set with typeset.BreakSpans, each
// span in a style of this paragraph's style table. The typesetter knows a
// style only as an index and measures it through Params.MeasureStyle; here
// a style is a face and a size.
//
// A style's face is the block's base face with the span's emphasis
// toggling italic (emphasis inside italic text is set roman, as in print)
// and strong adding bold; a note reference is a superscript in the base
// face at markerScale of the size, raised by markerRise, and links to its
// note.

// Superscript note markers: size and baseline shift, as fractions of the
// text size.
const (
	markerScale = 0.62
	markerRise  = 0.36
)

// inlineStyle is one entry of a paragraph's style table.
type inlineStyle struct {
	face   *metrics
	size   float64
	rise   float64
	link   string // the anchor a note reference links to
	anchor string // the anchor a note reference defines (its first occurrence)
}

// styledFace returns base with emphasis toggling italic and strong adding
// bold (the text faces' indexes are 0 regular, 1 italic, 2 bold, 3 bold
// italic). A fallback base face is returned as it is.
func styledFace(base *metrics, emph, strong bool) *metrics {
	if base.id >= firstFallback {
		return base
	}
	id := base.id
	if emph {
		id ^= faceItalic
	}
	if strong {
		id |= faceBold
	}
	return allFaces[id]
}

// noteLinker names the anchors of note references and notes, so that each
// marker links to its note and each note back to its first marker.
type noteLinker interface {
	// refAnchor returns the anchor to define at a reference to note id
	// ("" when an earlier reference already defines it) and the anchor of
	// the note to link to.
	refAnchor(id string) (anchor, link string)
}

// plainSpans reports whether spans are one plain text: no emphasis, no
// note references.
func plainSpans(spans []essay.Span) bool {
	for _, s := range spans {
		if s.Emph || s.Strong || s.Note != "" {
			return false
		}
	}
	return true
}

// setSpans sets inline content in style st into a para. notes names the
// anchors of note references; nil sets them as plain superscripts.
func (r *renderer) setSpans(spans []essay.Span, st style, hyph *typeset.Hyphenator, notes noteLinker) *para {
	if plainSpans(spans) {
		if len(spans) == 1 {
			return r.setText(spans[0].Text, st, hyph)
		}
		var b strings.Builder
		for _, s := range spans {
			b.WriteString(s.Text)
		}
		return r.setText(b.String(), st, hyph)
	}
	table := []inlineStyle{{face: st.face, size: st.size}}
	index := map[[2]bool]int{{false, false}: 0}
	in := make([]typeset.Span, 0, len(spans))
	for _, s := range spans {
		if s.Note != "" {
			is := inlineStyle{face: st.face, size: st.size * markerScale, rise: st.size * markerRise}
			if notes != nil {
				is.anchor, is.link = notes.refAnchor(s.Note)
			}
			text := markerText(s.Text)
			if text == "" {
				text = "*"
			}
			in = append(in, typeset.Span{Text: cleanText(text, is.face, func(c rune) { r.warn(missingWarning(c)) }), Style: len(table)})
			table = append(table, is)
			continue
		}
		key := [2]bool{s.Emph, s.Strong}
		i, ok := index[key]
		if !ok {
			i = len(table)
			index[key] = i
			table = append(table, inlineStyle{face: styledFace(st.face, s.Emph, s.Strong), size: st.size})
		}
		in = append(in, typeset.Span{Text: cleanText(s.Text, table[i].face, func(c rune) { r.warn(missingWarning(c)) }), Style: i})
	}
	return r.setStyled(in, table, st, hyph)
}

// markerText is a note marker as it is drawn: the label without the
// brackets, carets or superscript forms the source wrote it with ("[6]",
// "^6", "(6)" and "⁶" are drawn "6", raised).
func markerText(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "^")
	if len(s) >= 2 && (s[0] == '[' && s[len(s)-1] == ']' || s[0] == '(' && s[len(s)-1] == ')') {
		s = s[1 : len(s)-1]
	}
	return strings.Map(func(c rune) rune {
		for d, sup := range []rune("⁰¹²³⁴⁵⁶⁷⁸⁹") {
			if c == sup {
				return '0' + rune(d)
			}
		}
		return c
	}, s)
}

// setStyled sets styled spans (in the styles of table) into a para. It is
// setText for inline content: the same breaking, alignment and handling
// of broken words, with each word piece drawn in its own face and size.
func (r *renderer) setStyled(in []typeset.Span, table []inlineStyle, st style, hyph *typeset.Hyphenator) *para {
	p := &para{leading: st.leading}
	p.baseline = (st.leading-1.107*st.size)/2 + 0.891*st.size
	measure := func(s string) float64 { return st.face.wordWidth(s, st.size) }
	measureStyle := func(s string, i int) float64 { return table[i].face.wordWidth(s, table[i].size) }
	params := typeset.Params{
		Width:        r.textW - st.left - st.right,
		Indent:       st.first,
		Measure:      measure,
		MeasureStyle: measureStyle,
		Justify:      st.justify,
	}
	if st.hyphenate && !r.s.NoHyphenation {
		params.Hyphenator = hyph
	}
	var all strings.Builder
	for _, sp := range in {
		all.WriteString(sp.Text)
	}
	rtl := shape.RTL(all.String()) // the paragraph's direction, from its text
	if !rtl {                      // mirror places right-to-left lines as drawn at natural width
		r.microtype(&params)
	}
	var lines []typeset.Line
	if r.s.Greedy {
		lines = typeset.GreedySpans(in, params)
	} else {
		lines = typeset.BreakSpans(in, params)
	}
	x0 := r.left + st.left
	pending := false // the previous line ended inside a word
	for _, ln := range lines {
		l := line{size: st.size, rgb: st.rgb, expand: ln.Expand}
		x := x0 + ln.Indent - ln.Left + alignOffset(st, params.Width-ln.Indent, lineWidth(ln, measure, measureStyle))
		for i, wd := range ln.Words {
			pieces := wd.Pieces
			if pieces == nil {
				pieces = []typeset.Piece{{Text: wd.Text}}
			}
			for j, pc := range pieces {
				is := &table[pc.Style]
				t := pc.Text
				if wd.Hyphen && j == len(pieces)-1 {
					t += "-"
				}
				rn := run{x: x, text: t, face: is.face, rise: is.rise, link: is.link, anchor: is.anchor}
				if is.size != st.size {
					rn.size = is.size
				}
				if wd.Whole != "" {
					switch {
					case pending && i == 0, j > 0:
						rn.actual = actualEmpty
					case i == len(ln.Words)-1 && !ln.Last:
						rn.actual, rn.whole = actualWhole, wd.Whole
					}
				}
				l.runs = append(l.runs, rn)
				x += is.face.wordWidth(t, is.size) * (1 + ln.Expand)
			}
			x += ln.Space
		}
		if rtl {
			mirror(l.runs, x0, x0+params.Width, st.size)
		}
		last := ln.Words[len(ln.Words)-1]
		pending = last.Whole != "" && !ln.Last
		p.lines = append(p.lines, l)
	}
	return p
}

// lineWidth is the drawn width of a set line: its words, hyphen and spaces.
func lineWidth(ln typeset.Line, measure func(string) float64, measureStyle func(string, int) float64) float64 {
	w := 0.0
	for i, wd := range ln.Words {
		if wd.Pieces == nil {
			w += measure(wd.Text)
		}
		for _, pc := range wd.Pieces {
			w += measureStyle(pc.Text, pc.Style)
		}
		if wd.Hyphen {
			w += measure("-")
		}
		if i > 0 {
			w += ln.Space
		}
	}
	return w
}

// alignOffset is how far a line of width w starts from the left of a
// measure of width room: centred, right-aligned or flush left.
func alignOffset(st style, room, w float64) float64 {
	switch {
	case st.center:
		return (room - w) / 2
	case st.alignRight:
		return room - w
	}
	return 0
}

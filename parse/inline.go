package parse

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/essayexport/essayexport/essay"
)

// This file reads inline content: Markdown-style emphasis (*x*, _x_,
// **x**, __x__, ***x***) and note references (see notes.go) into Spans.
// It is hand-written rather than taken from a Markdown library (goldmark)
// because plain-text essays are not Markdown: the rules here are
// stricter (never inside a word, never around spaces, never in
// arithmetic), and the rest of Markdown must not apply.

// inlineAll reads the inline content of every text unit of the document
// (see eachText) and recomputes the plain text of lists and verse.
func (p *parser) inlineAll() {
	p.eachText(func(text *string, spans *[]essay.Span) {
		*text, *spans = p.inline(*text)
	})
	p.explainInline()
	p.doc.Title = plainText(p.inline(p.doc.Title))
	p.doc.Subtitle = plainText(p.inline(p.doc.Subtitle))
	p.doc.Author = plainText(p.inline(p.doc.Author))
	p.refreshTexts()
}

// explainInline adds to each block's (and list item's) Why what its
// inline content holds: "; inline: 2 emphasised, 1 strong, 1 note
// reference".
func (p *parser) explainInline() {
	p.eachBlock(func(b *essay.Block) {
		switch b.Kind {
		case essay.List:
			eachItem(b.List, func(it *essay.Item) { it.Why += inlineWhy(it.Spans) })
		case essay.Verse:
			var all []essay.Span
			for _, st := range b.Stanzas {
				for _, l := range st {
					all = append(all, l.Spans...)
				}
			}
			b.Why += inlineWhy(all)
		default:
			b.Why += inlineWhy(b.Spans)
		}
	})
}

// inlineWhy counts the styled runs and note references of spans, for Why.
func inlineWhy(spans []essay.Span) string {
	em, strong, notes := 0, 0, 0
	for _, s := range spans {
		switch {
		case s.Note != "":
			notes++
		case s.Emph && s.Strong:
			em++
			strong++
		case s.Emph:
			em++
		case s.Strong:
			strong++
		}
	}
	var parts []string
	if em > 0 {
		parts = append(parts, fmt.Sprintf("%d emphasised (*, _)", em))
	}
	if strong > 0 {
		parts = append(parts, fmt.Sprintf("%d strong (**, __)", strong))
	}
	if notes > 0 {
		parts = append(parts, plural(notes, "note reference", "note references")+" confirmed by the notes section")
	}
	if len(parts) == 0 {
		return ""
	}
	return "; inline: " + strings.Join(parts, ", ")
}

// plainText returns the text half of inline's result.
func plainText(text string, _ []essay.Span) string { return text }

// eachText calls f on the text and spans of every unit of inline content:
// each block's (the epigraph's too) but a List's or Verse's, each list
// item's, each verse line's, each attribution (no spans), and each
// note's.
func (p *parser) eachText(f func(text *string, spans *[]essay.Span)) {
	p.eachBlock(func(b *essay.Block) {
		switch b.Kind {
		case essay.List:
			eachItem(b.List, func(it *essay.Item) { f(&it.Text, &it.Spans) })
		case essay.Verse:
			for _, st := range b.Stanzas {
				for k := range st {
					f(&st[k].Text, &st[k].Spans)
				}
			}
		case essay.Rule:
		default:
			f(&b.Text, &b.Spans)
		}
		if b.Attribution != "" {
			var none []essay.Span
			f(&b.Attribution, &none)
		}
	})
	for i := range p.doc.Notes {
		f(&p.doc.Notes[i].Text, &p.doc.Notes[i].Spans)
	}
}

// refreshTexts sets the Text of List and Verse blocks from their items'
// and lines' text, one a line.
func (p *parser) refreshTexts() {
	p.eachBlock(func(b *essay.Block) {
		switch b.Kind {
		case essay.List:
			b.Text = listText(b.List, nil)
		case essay.Verse:
			b.Text = verseText(b.Stanzas)
		}
	})
}

// eachBlock calls f on the epigraph (if any), then on every block in order.
func (p *parser) eachBlock(f func(b *essay.Block)) {
	if p.doc.Epigraph != nil {
		f(p.doc.Epigraph)
	}
	for i := range p.doc.Blocks {
		f(&p.doc.Blocks[i])
	}
}

// eachItem calls f on every item of l in order, each item before its
// nested list's items.
func eachItem(l *essay.ListInfo, f func(it *essay.Item)) {
	for k := range l.Items {
		it := &l.Items[k]
		f(it)
		if it.Sub != nil {
			eachItem(it.Sub, f)
		}
	}
}

// verseText is the plain text of a poem: its lines, one a line.
func verseText(stanzas [][]essay.VerseLine) string {
	var lines []string
	for _, st := range stanzas {
		for _, l := range st {
			lines = append(lines, l.Text)
		}
	}
	return strings.Join(lines, "\n")
}

// runeStyle is what inline decided about one rune of a text.
type runeStyle struct {
	emph, strong uint8 // nesting depth of emphasis and strong ranges
	drop         bool  // markup: a matched delimiter, a note marker's brackets
	note         string
}

// delim is an emphasis delimiter run waiting for its closer.
type delim struct {
	at, n int
	c     rune
}

// inline reads one text's inline content. It returns the plain text (no
// markup characters, no note markers) and the spans, or nil spans when
// the text is one plain run.
func (p *parser) inline(text string) (string, []essay.Span) {
	if !strings.ContainsAny(text, "*_") && !p.mayHoldNote(text) {
		return text, nil
	}
	rs := []rune(text)
	st := make([]runeStyle, len(rs))
	p.markNotes(rs, st)
	markEmphasis(rs, st)
	var spans []essay.Span
	var plain strings.Builder
	styled := false
	for k := 0; k < len(rs); k++ {
		s := st[k]
		if s.drop {
			continue
		}
		if s.note != "" {
			j := k
			for j < len(rs) && st[j].note == s.note && !st[j].drop {
				j++
			}
			spans = append(spans, essay.Span{Text: string(rs[k:j]), Note: s.note})
			for j < len(rs) && st[j].note == s.note { // a closing bracket
				j++
			}
			k = j - 1
			styled = true
			continue
		}
		span := essay.Span{Text: string(rs[k]), Emph: s.emph > 0, Strong: s.strong > 0}
		styled = styled || span.Emph || span.Strong
		plain.WriteRune(rs[k])
		if n := len(spans); n > 0 && spans[n-1].Note == "" && spans[n-1].Emph == span.Emph && spans[n-1].Strong == span.Strong {
			spans[n-1].Text += span.Text
		} else {
			spans = append(spans, span)
		}
	}
	out := plain.String()
	if !styled {
		return out, nil
	}
	return out, spans
}

// markEmphasis finds matched emphasis delimiters: a run of one to three
// '*' or '_' that opens (not after a letter or digit, not before a space)
// matched with the nearest later run of the same character and length
// that closes (not after a space, not before a letter or digit), with a
// letter or digit between them. So snake_case, file_name_here, 2*3*4,
// a * b, a lone "*" bullet and a footnote asterisk stay as they are.
func markEmphasis(rs []rune, st []runeStyle) {
	var open []delim
	at := func(k int) rune {
		if k < 0 || k >= len(rs) || st[k].note != "" {
			return ' '
		}
		return rs[k]
	}
	for k := 0; k < len(rs); k++ {
		c := rs[k]
		if c != '*' && c != '_' || st[k].note != "" {
			continue
		}
		j := k
		for j < len(rs) && rs[j] == c {
			j++
		}
		n := j - k
		prev, next := at(k-1), at(j)
		k = j - 1
		if n > 3 {
			continue
		}
		canOpen := !unicode.IsSpace(next) && !isWordRune(prev)
		canClose := !unicode.IsSpace(prev) && !isWordRune(next) && prev != c
		matched := false
		if canClose {
			for o := len(open) - 1; o >= 0; o-- {
				d := open[o]
				if d.c != c || d.n != n {
					continue
				}
				if !hasWordRune(rs[d.at+d.n : j-n]) {
					break
				}
				for q := d.at; q < d.at+d.n; q++ {
					st[q].drop = true
				}
				for q := j - n; q < j; q++ {
					st[q].drop = true
				}
				for q := d.at + d.n; q < j-n; q++ {
					if n != 2 {
						st[q].emph++
					}
					if n >= 2 {
						st[q].strong++
					}
				}
				open = open[:o]
				matched = true
				break
			}
		}
		if !matched && canOpen {
			open = append(open, delim{at: j - n, n: n, c: c})
		}
	}
}

// hasWordRune reports whether rs holds a letter or digit.
func hasWordRune(rs []rune) bool {
	for _, r := range rs {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

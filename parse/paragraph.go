package parse

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

// openParagraph is the fallback rule: it reads line i and the lines that
// continue it, by the region's layout, until a break or another rule.
func openParagraph(p *parser, r *region, i int) (essay.Block, int) {
	parts := []string{r.lines[i].text}
	j := i + 1
	for ; j < len(r.lines); j++ {
		b := r.lines[j]
		if !b.join && (p.breaks(r, r.lines[j-1], b) || p.interrupts(r, j)) {
			break
		}
		parts = append(parts, b.text)
	}
	return essay.Block{Kind: essay.Paragraph, Text: p.joinAll(parts), Why: p.paragraphWhy(r, i, j-i)}, j - i
}

// paragraphWhy explains a paragraph of n lines starting at line i of a
// region: the region's layout and what started the paragraph.
func (p *parser) paragraphWhy(r *region, i, n int) string {
	l := r.lines[i]
	lines := r.ownLines()
	var why []string
	switch {
	case lines == 1:
	case r.wrapped && n == 1:
		why = append(why, fmt.Sprintf("one line of hard-wrapped text (ragged right edge ~%d columns)", r.width))
	case r.wrapped:
		why = append(why, fmt.Sprintf("hard-wrapped lines reflowed (%d lines, ragged right edge ~%d columns)", n, r.width))
	default:
		why = append(why, fmt.Sprintf("one paragraph per line (region of %d lines; %s)", lines, r.perLine))
		ranOn := 0
		for _, q := range r.lines[i+1 : i+n] {
			if !q.join {
				ranOn++
			}
		}
		if ranOn > 0 {
			why = append(why, fmt.Sprintf("%s joined where a sentence ran on in lower case", plural(ranOn+1, "line", "lines")))
		}
	}
	switch {
	case l.nbsp:
		why = append(why, "split at a run of no-break spaces")
	case i == 0 && lines == 1 && p.blankBeside(r):
		why = append(why, "blank-line separated")
	case i == 0 && lines == 1:
		why = append(why, "the whole text is one line")
	case i == 0:
	case l.indent > r.base && l.indent > r.lines[i-1].indent:
		why = append(why, fmt.Sprintf("indented first line (%d columns) starts a paragraph, no blank line before it", l.indent))
	case !p.breaks(r, r.lines[i-1], l):
		if k := len(p.doc.Blocks); k > 0 {
			why = append(why, fmt.Sprintf("after a %s", strings.ReplaceAll(string(p.doc.Blocks[k-1].Kind), "_", " ")))
		}
	case !r.wrapped:
	case endsSentence(r.lines[i-1].text):
		why = append(why, "the line before ends a sentence short of the right edge")
	default:
		why = append(why, "the line before stops under half the width")
	}
	if len(why) == 0 {
		return "text that no other rule claims"
	}
	return strings.Join(why, "; ")
}

// breaks decides whether line b starts a new paragraph after line a of
// the same region:
//   - a first line indented past the region's body starts a paragraph;
//   - in one-paragraph-per-line text every line does, unless a leaves a
//     sentence open and b goes on in lower case;
//   - in hard-wrapped text a line ends its paragraph when the next word
//     would have fitted on it and it ends a sentence, or is under half
//     the width with the next line not going on in lower case; a word
//     hyphenated across the lines never ends one.
func (p *parser) breaks(r *region, a, b *line) bool {
	if b.gap {
		return true // text is missing between them
	}
	if b.indent > r.base && b.indent > a.indent {
		return true
	}
	if !r.wrapped {
		return endsSentence(a.text) || !startsLower(b.text)
	}
	if r.blockPars {
		return endsSentence(a.text) && a.width()*10 < r.width*7
	}
	if hyphenated(a.text) && startsLower(b.text) {
		return false
	}
	fits := a.width()+1+utf8.RuneCountInString(firstWord(b.text)) <= r.width
	return fits && (endsSentence(a.text) || a.width()*2 < r.width && !startsLower(b.text))
}

// joinText joins two pieces of one block; see joinAll.
func (p *parser) joinText(a, b string) string { return p.joinAll([]string{a, b}) }

// joinAll joins the lines of one block with spaces, in linear time. A
// word hyphenated across two lines ("exam-" + "ple") is mended when the
// joined word occurs elsewhere in the text; other line-end hyphens are
// kept without a space ("self-" + "esteem" = "self-esteem"), but for a
// suspended hyphen before a conjunction of the language, which keeps its
// space ("Religions-" + "und Kultur" = "Religions- und Kultur").
func (p *parser) joinAll(parts []string) string {
	parts = slices.DeleteFunc(slices.Clone(parts), func(s string) bool { return s == "" })
	var b strings.Builder
	for i, s := range parts {
		if i+1 < len(parts) && hyphenated(s) && startsLower(parts[i+1]) && !p.lang.isAnd(strings.TrimRight(firstWord(parts[i+1]), ",;")) {
			stem := s[strings.LastIndexByte(s, ' ')+1 : len(s)-1]
			if p.knownWord(wordKey(stem) + wordKey(firstWord(parts[i+1]))) {
				s = s[:len(s)-1]
			}
			b.WriteString(s)
			continue
		}
		b.WriteString(s)
		if i+1 < len(parts) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// hyphenated reports whether s ends with a letter and a hyphen.
func hyphenated(s string) bool {
	if !strings.HasSuffix(s, "-") || strings.HasSuffix(s, "--") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
	return unicode.IsLetter(r)
}

// wordKey lower-cases a word and keeps its letters only.
func wordKey(w string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, w)
}

// knownWord reports whether w occurs as a word of the text.
func (p *parser) knownWord(w string) bool {
	if p.vocab == nil {
		p.vocab = map[string]bool{}
		for _, l := range p.lines {
			for _, f := range strings.Fields(l.text) {
				if strings.ContainsRune(f, '-') {
					continue
				}
				p.vocab[wordKey(f)] = true
			}
		}
	}
	return p.vocab[w]
}

// blankBeside reports whether a blank line stands before or after region
// r (only removed lines may stand between: kept ones would be in r).
func (p *parser) blankBeside(r *region) bool {
	for i := r.lines[0].idx - 1; i >= 0; i-- {
		if p.lines[i].blank {
			return true
		}
	}
	for i := r.lines[len(r.lines)-1].idx + 1; i < len(p.lines); i++ {
		if p.lines[i].blank {
			return true
		}
	}
	return false
}

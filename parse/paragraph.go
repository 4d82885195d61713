package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

// openParagraph is the fallback rule: it reads line i and the lines that
// continue it, by the region's layout, until a break or another rule.
func openParagraph(p *parser, r *region, i int) (essay.Block, int) {
	text := r.lines[i].text
	j := i + 1
	for ; j < len(r.lines); j++ {
		b := r.lines[j]
		if !b.join && (p.breaks(r, r.lines[j-1], b) || p.interrupts(r, j)) {
			break
		}
		text = p.joinText(text, b.text)
	}
	return essay.Block{Kind: essay.Paragraph, Text: text}, j - i
}

// breaks decides whether line b starts a new paragraph after line a of
// the same region:
//   - a first line indented past the region's body starts a paragraph;
//   - in one-paragraph-per-line text every line does, unless a leaves a
//     sentence open and b goes on in lower case;
//   - in hard-wrapped text a line ends its paragraph when the next word
//     would have fitted on it and it ends a sentence or is under half
//     the width.
func (p *parser) breaks(r *region, a, b *line) bool {
	if b.indent > r.base && b.indent > a.indent {
		return true
	}
	if !r.wrapped {
		return endsSentence(a.text) || !startsLower(b.text)
	}
	fits := a.width()+1+utf8.RuneCountInString(firstWord(b.text)) <= r.width
	return fits && (endsSentence(a.text) || a.width()*2 < r.width)
}

// joinText joins two lines of one paragraph with a space, or mends a word
// hyphenated across them ("exam-" + "ple") when the joined word occurs
// elsewhere in the text. Other line-end hyphens are kept ("self-" +
// "esteem" = "self-esteem").
func (p *parser) joinText(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	if strings.HasSuffix(a, "-") && !strings.HasSuffix(a, "--") && startsLower(b) {
		stem := a[strings.LastIndexByte(a, ' ')+1 : len(a)-1]
		if r, _ := utf8.DecodeLastRuneInString(stem); unicode.IsLetter(r) {
			next := firstWord(b)
			if p.knownWord(wordKey(stem) + wordKey(next)) {
				return a[:len(a)-1] + b
			}
			return a + b
		}
	}
	return a + " " + b
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

package parse

import (
	"github.com/essayexport/essayexport/essay"
	"strings"
	"unicode"
)

// smarten applies typographic punctuation to the title, subtitle, author
// and every unit of text (before inline markup is read, so that quotes
// at the edge of an emphasis see their neighbours).
func (p *parser) smarten() {
	p.doc.Title = Smarten(p.doc.Title)
	p.doc.Subtitle = Smarten(p.doc.Subtitle)
	p.doc.Author = Smarten(p.doc.Author)
	p.eachText(func(text *string, _ *[]essay.Span) { *text = Smarten(*text) })
}

// Smarten turns typewriter punctuation into typographic punctuation,
// conservatively and without changing any word:
//   - straight double quotes become “ and ”, single quotes ‘ and ’ (an
//     apostrophe inside or after a word is ’);
//   - "---" becomes an em dash; "--" an en dash between digits
//     ("1990--95") and an em dash elsewhere;
//   - " - " between words becomes a spaced en dash " – ";
//   - exactly three dots "..." become an ellipsis "…".
//
// It is hand-written because no maintained Go library does this for plain
// text (the Markdown renderers' typographers work on their own ASTs).
func Smarten(s string) string {
	if !strings.ContainsAny(s, `"'-.`) {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return ' '
		}
		return rs[i]
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case '"':
			if opens(at(i-1), at(i+1)) {
				b.WriteRune('“')
			} else {
				b.WriteRune('”')
			}
		case '\'':
			prev, next := at(i-1), at(i+1)
			switch {
			case isWordRune(prev):
				b.WriteRune('’') // don't, students', 1990's
			case unicode.IsDigit(next):
				b.WriteRune('’') // '90s
			case opens(prev, next):
				b.WriteRune('‘')
			default:
				b.WriteRune('’')
			}
		case '-':
			switch {
			case at(i+1) == '-' && at(i+2) == '-' && at(i+3) != '-':
				b.WriteRune('—')
				i += 2
			case at(i+1) == '-' && at(i+2) != '-' && at(i-1) != '-':
				if unicode.IsDigit(at(i-1)) && unicode.IsDigit(at(i+2)) {
					b.WriteRune('–')
				} else {
					b.WriteRune('—')
				}
				i++
			case at(i-1) == ' ' && at(i+1) == ' ' && i >= 2 && i+2 < len(rs) &&
				(isWordRune(at(i-2)) || strings.ContainsRune(`.,;:!?)"'”’`, at(i-2))) && isWordRune(at(i+2)):
				b.WriteRune('–')
			default:
				b.WriteRune('-')
			}
		case '.':
			if at(i+1) == '.' && at(i+2) == '.' && at(i+3) != '.' && at(i-1) != '.' {
				b.WriteRune('…')
				i += 2
			} else {
				b.WriteRune('.')
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// opens reports whether a quote between prev and next opens a quotation.
func opens(prev, next rune) bool {
	if unicode.IsSpace(prev) || strings.ContainsRune("([{—–/‘“-", prev) {
		return !unicode.IsSpace(next)
	}
	return false
}

// isWordRune reports letters and digits.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

package parse

import (
	"strings"
	"unicode"

	"github.com/essayexport/essayexport/essay"
)

// smarten applies typographic punctuation, by the rules of the document's
// language, to the title, subtitle, author and every unit of text (before
// inline markup is read, so that quotes at the edge of an emphasis see
// their neighbours).
func (p *parser) smarten() {
	d := p.lang
	p.doc.Title = d.smarten(p.doc.Title)
	p.doc.Subtitle = d.smarten(p.doc.Subtitle)
	p.doc.Author = d.smarten(p.doc.Author)
	p.eachText(func(text *string, _ *[]essay.Span) { *text = d.smarten(*text) })
}

// No-break spaces. NBSP keeps a space the source typed from breaking;
// NNBSP is the narrow no-break space of French typography.
const (
	nbsp  = '\u00a0'
	nnbsp = '\u202f'
)

// Smarten turns typewriter punctuation into typographic punctuation by
// English rules; see langData.smarten.
func Smarten(s string) string { return langTable["en"].smarten(s) }

// smarten turns typewriter punctuation into typographic punctuation,
// conservatively and without changing any word, by the rules of language
// d (langdata.go):
//   - straight double quotes become the language's quotation marks
//     (“ ” in English and Dutch, « » in French, Spanish, Italian and
//     Portuguese, „ “ in German, ...), single quotes its secondary marks;
//     an apostrophe inside or after a word is ’;
//   - "---" becomes an em dash; "--" an en dash between digits
//     ("1990--95") and the language's dash elsewhere (— in English, a
//     spaced – in German);
//   - " - " between words becomes the same dash as " -- " (spaced as
//     typed), so a document has one dash convention: the language's
//     (a spaced em dash in English, a spaced en dash in German);
//   - exactly three dots "..." become an ellipsis "…";
//   - in French, a narrow no-break space goes before ; : ! ? » and after «
//     (replacing a space typed there);
//   - in every language, a space the source typed before ; : ! ? or a
//     closing guillemet, or after an opening one, becomes no-break, so the
//     mark never starts or ends a line alone.
//
// Typography the source already has (« », „ “, no-break spaces, dashes) is
// kept as it is. It is hand-written because no maintained Go library does
// this for plain text (the Markdown renderers' typographers work on their
// own ASTs, in English).
func (d *langData) smarten(s string) string {
	if !strings.ContainsAny(s, `"'-.;:!?«»`) {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs)+8)
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return ' '
		}
		return rs[i]
	}
	// last returns the last rune written, or ' '.
	last := func() rune {
		if len(out) == 0 {
			return ' '
		}
		return out[len(out)-1]
	}
	// spaceBefore makes the space before a closing mark no-break (French:
	// narrow, inserted if missing).
	spaceBefore := func() {
		switch l := last(); {
		case l == ' ':
			if len(out) > 1 {
				if d.SpaceBefore {
					out[len(out)-1] = nnbsp
				} else {
					out[len(out)-1] = nbsp
				}
			}
		case d.SpaceBefore && l != nnbsp && (isWordRune(l) || strings.ContainsRune(`)]»”’…`, l)):
			out = append(out, nnbsp)
		}
	}
	// spaceAfter does the same after an opening mark: it eats the spaces
	// typed after it (i is the mark's index) and writes the no-break one.
	spaceAfter := func(i int) int {
		j := i + 1
		for j < len(rs) && (rs[j] == ' ' || rs[j] == nbsp || rs[j] == nnbsp) {
			j++
		}
		if j == len(rs) {
			return i
		}
		switch {
		case d.SpaceBefore:
			out = append(out, nnbsp)
		case j > i+1:
			out = append(out, nbsp)
		}
		return j - 1
	}
	singleOpen := false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case '"':
			if opens(at(i-1), at(i+1)) {
				out = append(out, []rune(d.Quotes[0])...)
				if d.Quotes[0] == "«" {
					i = spaceAfter(i)
				}
			} else {
				if d.Quotes[1] == "»" {
					spaceBefore()
				}
				out = append(out, []rune(d.Quotes[1])...)
			}
		case '\'':
			prev, next := at(i-1), at(i+1)
			switch {
			case singleOpen && isWordRune(prev) && !isWordRune(next):
				out = append(out, []rune(d.Quotes[3])...) // closes a quotation this text opened
				singleOpen = false
			case isWordRune(prev):
				out = append(out, '’') // don't, students', 1990's
			case unicode.IsDigit(next):
				out = append(out, '’') // '90s
			case opens(prev, next):
				out = append(out, []rune(d.Quotes[2])...)
				singleOpen = true
			default:
				out = append(out, '’')
			}
		case '-':
			switch {
			case at(i+1) == '-' && at(i+2) == '-' && at(i+3) != '-':
				out = append(out, '—')
				i += 2
			case at(i+1) == '-' && at(i+2) != '-' && at(i-1) != '-':
				if unicode.IsDigit(at(i-1)) && unicode.IsDigit(at(i+2)) {
					out = append(out, '–')
				} else {
					out = append(out, []rune(d.dash())...)
				}
				i++
			case at(i-1) == ' ' && at(i+1) == ' ' && i >= 2 && i+2 < len(rs) &&
				(isWordRune(at(i-2)) || strings.ContainsRune(`.,;:!?)"'”’»“`, at(i-2))) && isWordRune(at(i+2)):
				// the same dash as " -- ": one convention per document
				out = append(out, []rune(d.dash())...)
			default:
				out = append(out, '-')
			}
		case '.':
			if at(i+1) == '.' && at(i+2) == '.' && at(i+3) != '.' && at(i-1) != '.' {
				out = append(out, '…')
				i += 2
			} else {
				out = append(out, '.')
			}
		case ';', '!', '?':
			// Not inside a word or URL ("Yahoo!Mail", "page?id=3").
			if !isWordRune(at(i+1)) && !strings.ContainsRune(";:!?", last()) {
				spaceBefore()
			}
			out = append(out, r)
		case ':':
			// Not in times, ratios, URLs or scripture references ("10:30",
			// "http://", "John 3:16").
			if !unicode.IsDigit(at(i-1)) && !isWordRune(at(i+1)) && at(i+1) != '/' && !strings.ContainsRune(";:!?", last()) {
				spaceBefore()
			}
			out = append(out, r)
		case '«':
			if d.Quotes[0] == "«" {
				out = append(out, r)
				i = spaceAfter(i)
			} else {
				out = append(out, r)
			}
		case '»':
			if d.Quotes[1] == "»" {
				spaceBefore()
			}
			out = append(out, r)
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

// dash returns what "--" between words becomes in language d.
func (d *langData) dash() string {
	if d.Dash != "" {
		return d.Dash
	}
	return "—"
}

// opens reports whether a quote between prev and next opens a quotation.
func opens(prev, next rune) bool {
	if unicode.IsSpace(prev) || strings.ContainsRune("([{—–/‘“„«‚-", prev) {
		return !unicode.IsSpace(next)
	}
	return false
}

// isWordRune reports letters and digits.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

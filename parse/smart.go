package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
//   - a hyphen between two numbers that make a range ("1924-1929",
//     "pp. 12-15") becomes an en dash; dates, phone numbers and ISBNs
//     keep their hyphens (numberRange);
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
	// The output is built as UTF-8 bytes, not runes: most of a text is
	// copied unchanged, and encoding a []rune back to a string costs more
	// than the rest of the pass.
	out := make([]byte, 0, len(s)+16)
	put := func(r rune) {
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
		} else {
			out = utf8.AppendRune(out, r)
		}
	}
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
		r, _ := utf8.DecodeLastRune(out)
		return r
	}
	// spaceBefore makes the space before the closing mark at rs[i]
	// no-break (French: narrow, inserted if missing). A missing space is
	// inserted only where the mark ends a word (a space, the end or
	// punctuation follows): a mark between two other characters is not
	// punctuation of running text, and a space there would cut a word.
	spaceBefore := func(i int) {
		switch l := last(); {
		case l == ' ':
			if len(out) > 1 { // the one-byte space and a rune before it
				out = out[:len(out)-1] // the ' '
				if d.SpaceBefore {
					put(nnbsp)
				} else {
					put(nbsp)
				}
			}
		case d.SpaceBefore && l != nnbsp && (isWordRune(l) || strings.ContainsRune(`)]»”’…`, l)) &&
			(unicode.IsSpace(at(i+1)) || strings.ContainsRune(`.,;:!?)]}…»”’'"`, at(i+1))):
			put(nnbsp)
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
			put(nnbsp)
		case j > i+1:
			put(nbsp)
		}
		return j - 1
	}
	singleOpen := false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case '"':
			if opens(at(i-1), at(i+1)) {
				out = append(out, d.Quotes[0]...)
				if d.Quotes[0] == "«" {
					i = spaceAfter(i)
				}
			} else {
				if d.Quotes[1] == "»" {
					spaceBefore(i)
				}
				out = append(out, d.Quotes[1]...)
			}
		case '\'':
			prev, next := at(i-1), at(i+1)
			switch {
			case singleOpen && isWordRune(prev) && !isWordRune(next):
				out = append(out, d.Quotes[3]...) // closes a quotation this text opened
				singleOpen = false
			case isWordRune(prev):
				put('’') // don't, students', 1990's
			case unicode.IsDigit(next):
				put('’') // '90s
			case opens(prev, next):
				out = append(out, d.Quotes[2]...)
				singleOpen = true
			default:
				put('’')
			}
		case '-':
			switch {
			case at(i+1) == '-' && at(i+2) == '-' && at(i+3) != '-':
				put('—')
				i += 2
			case at(i+1) == '-' && at(i+2) != '-' && at(i-1) != '-':
				if unicode.IsDigit(at(i-1)) && unicode.IsDigit(at(i+2)) {
					put('–')
				} else {
					out = append(out, d.dash()...)
				}
				i++
			case numberRange(rs, i):
				put('–') // 1924-1929, pp. 12-15
			case at(i-1) == ' ' && at(i+1) == ' ' && i >= 2 && i+2 < len(rs) &&
				(isWordRune(at(i-2)) || strings.ContainsRune(`.,;:!?)"'”’»“`, at(i-2))) && isWordRune(at(i+2)):
				// the same dash as " -- ": one convention per document
				out = append(out, d.dash()...)
			default:
				put('-')
			}
		case '.':
			if at(i+1) == '.' && at(i+2) == '.' && at(i+3) != '.' && at(i-1) != '.' {
				put('…')
				i += 2
			} else {
				put('.')
			}
		case ';', '!', '?':
			// Not inside a word or URL ("Yahoo!Mail", "page?id=3").
			if !isWordRune(at(i+1)) && !strings.ContainsRune(";:!?", last()) {
				spaceBefore(i)
			}
			put(r)
		case ':':
			// Not in times, ratios, URLs or scripture references ("10:30",
			// "http://", "John 3:16").
			if !unicode.IsDigit(at(i-1)) && !isWordRune(at(i+1)) && at(i+1) != '/' && !strings.ContainsRune(";:!?", last()) {
				spaceBefore(i)
			}
			put(r)
		case '«':
			if d.Quotes[0] == "«" {
				put(r)
				i = spaceAfter(i)
			} else {
				put(r)
			}
		case '»':
			if d.Quotes[1] == "»" {
				spaceBefore(i)
			}
			put(r)
		default:
			put(r)
		}
	}
	return string(out)
}

// numberRange reports whether the hyphen at rs[i] joins two numbers as a
// range, to be set with an en dash: "1924-1929", "pp. 12-15", "1990-95",
// "9-10". Not when either side is part of a longer chain of hyphens or
// slashes or joined to a letter (dates 2024-05-01, phone numbers, ISBNs,
// "COVID-19"), when the first number has more than four digits (ZIP+4),
// nor when the second is not after the first ("3-2", a score), and a
// second number longer than the first only after one of one or two digits
// ("99-100", not the phone number "555-1234").
func numberRange(rs []rune, i int) bool {
	a := i
	for a > 0 && unicode.IsDigit(rs[a-1]) {
		a--
	}
	b := i + 1
	for b < len(rs) && unicode.IsDigit(rs[b]) {
		b++
	}
	n1, n2 := string(rs[a:i]), string(rs[i+1:b])
	if n1 == "" || n2 == "" || len(n1) > 4 {
		return false
	}
	joined := func(r rune) bool { return isWordRune(r) || strings.ContainsRune("-–/.,:", r) }
	if a > 0 && joined(rs[a-1]) {
		return false
	}
	if b < len(rs) && (isWordRune(rs[b]) || strings.ContainsRune("-–/", rs[b]) ||
		(strings.ContainsRune(".,:", rs[b]) && b+1 < len(rs) && unicode.IsDigit(rs[b+1]))) {
		return false
	}
	switch {
	case len(n2) > len(n1):
		return len(n1) <= 2 && len(n2) == len(n1)+1 && n2[0] == '1'
	case len(n2) < len(n1): // 1990-95: after the first's last digits
		return n2 > n1[len(n1)-len(n2):]
	default:
		return n2 > n1
	}
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

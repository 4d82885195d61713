package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// endsSentence reports whether s ends like a finished sentence: with
// . ! ? or : possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune(`"'”’»)]`, r) || unicode.IsSpace(r)
	})
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:…", r)
}

// startsLower reports whether s begins (after opening punctuation) with a
// lower-case letter.
func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

// startsUpper reports whether s begins (after opening punctuation) with
// an upper-case letter or a digit.
func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r) || !unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// key folds s to its lower-cased letters and digits, so that two forms
// of a text that differ only in punctuation, quotes and spacing compare
// equal.
func key(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// wordCount counts space-separated words.
func wordCount(s string) int {
	// Counted in place, as strings.Fields splits, without building the
	// slice of fields: it runs on most lines several times.
	n, in := 0, false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || '\t' <= c && c <= '\r'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		switch {
		case space:
			in = false
		case !in:
			in = true
			n++
		}
	}
	return n
}

// firstWord returns the first space-separated word of s.
func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// lastRune returns the last character of s, or 0.
func lastRune(s string) rune {
	r, n := utf8.DecodeLastRuneInString(s)
	if n == 0 {
		return 0
	}
	return r
}

// punctScore rates how carefully a text is punctuated: typographic quotes
// and dashes count double, other punctuation once.
func punctScore(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case strings.ContainsRune("‘’“”–—…", r):
			n += 2
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			n++
		}
	}
	return n
}

// hasLower reports whether s holds a lower-case letter.
func hasLower(s string) bool {
	return strings.IndexFunc(s, unicode.IsLower) >= 0
}

// letterCount counts letters.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file measures how much a piece of text reads like prose, the
// evidence the body finder (body.go) weighs: words per unit, the share of
// function words of the essay's language, sentence punctuation, digits and
// symbols, and the share of interface words (the vocabulary of menus,
// buttons and forms). Measures are statistics of the text, never strings
// matched for one site.

// The function words of each language and the interface words are in
// langdata.go (langData.Function, langData.Interface).

// words returns the lower-cased words of s: runs of letters, digits,
// apostrophes inside words and hyphens, with the apostrophe's elided
// article split off ("l’homme" gives "l" and "homme").
func words(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := strings.ToLower(s[start:end])
			out = append(out, w)
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&':
			if start < 0 {
				start = i
			}
		case (r == '-') && start >= 0:
		case r == '\'' || r == '’':
			flush(i)
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

// stats are the prose measures of a unit of text.
type stats struct {
	words    int // words with a letter
	function int // of them, function words of the essay's language
	iface    int // of them, interface words
	digits   int // tokens with digits, or symbol tokens (|, ·, ›, »)
	caps     int // words starting with a capital
	ends     bool
	runes    int
	cols     bool // columns: tabs or wide gaps inside the unit
}

// measure computes the prose measures of text with the function words fw.
func measure(text string, fw map[string]bool) stats {
	// A long unit is measured on a sample of its start and the counts
	// scaled: its class is clear long before its end, and this keeps the
	// cost of a 5 MB line as low as a paragraph's.
	if len(text) > measureSample {
		cut := measureSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		s := measure(text[:cut], fw)
		f := float64(len(text)) / float64(cut)
		scale := func(n int) int { return int(float64(n) * f) }
		s.words, s.function, s.iface, s.digits, s.caps = scale(s.words), scale(s.function), scale(s.iface), scale(s.digits), scale(s.caps)
		s.runes = scale(s.runes)
		s.ends = endsSentence(text) || strings.HasSuffix(strings.TrimRight(text, `"'”’»)`), ";")
		return s
	}
	var s stats
	s.runes = utf8.RuneCountInString(text)
	// One pass over the text: fields (runs of non-space) and, inside each,
	// words (runs of letters, digits, '&' and inner hyphens, split at
	// apostrophes: "l’homme" is "l" and "homme"). ASCII is handled byte by
	// byte; only the lower-cased word looked up in the sets is built.
	var buf [64]byte
	fieldStart, wordStart := -1, -1
	fLetters, fDigit, fQuote := false, false, false
	wLetter := false
	endWord := func(end int) {
		if wordStart < 0 {
			return
		}
		w := text[wordStart:end]
		wordStart = -1
		if !wLetter {
			return
		}
		wLetter = false
		s.words++
		lw := appendLower(buf[:0], w)
		if len(lw) > maxSetWord {
			return // longer than any function or interface word
		}
		if fw[string(lw)] {
			s.function++
		}
		if interfaceWords[string(lw)] {
			s.iface++
		}
	}
	endField := func(end int) {
		if fieldStart < 0 {
			return
		}
		endWord(end)
		f := text[fieldStart:end]
		fieldStart = -1
		if fDigit || !fLetters && !fQuote {
			s.digits++
		}
		if fLetters {
			// An ASCII letter first needs no trimming of opening marks.
			if c := f[0]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				if c <= 'Z' {
					s.caps++
				}
			} else if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(f, `"'“‘«(¿¡[`)); unicode.IsUpper(r) {
				s.caps++
			}
		}
		fLetters, fDigit, fQuote = false, false, false
	}
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if r < utf8.RuneSelf && (r == ' ' || '\t' <= r && r <= '\r') || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			endField(i)
			i += n
			continue
		}
		if fieldStart < 0 {
			fieldStart = i
		}
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') || r >= utf8.RuneSelf && unicode.IsLetter(r):
			fLetters, wLetter = true, true
			if wordStart < 0 {
				wordStart = i
			}
		case '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r):
			fDigit = true
			if wordStart < 0 {
				wordStart = i
			}
		case r == '&':
			if wordStart < 0 {
				wordStart = i
			}
		case r == '-' && wordStart >= 0:
			fQuote = true
		default:
			if strings.ContainsRune(`"'“”‘’«»—–-…`, r) {
				fQuote = true
			}
			endWord(i)
		}
		i += n
	}
	endField(len(text))
	s.ends = endsSentence(text) || strings.HasSuffix(strings.TrimRight(text, `"'”’»)`), ";")
	return s
}

// maxSetWord is the byte length of the longest function word of any
// language and of the longest interface word: measure looks no longer
// lower-cased word up in the sets.
var maxSetWord = func() int {
	n := 0
	for _, set := range functionSets {
		for w := range set {
			n = max(n, len(w))
		}
	}
	for w := range interfaceWords {
		n = max(n, len(w))
	}
	return n
}()

// measureSample is the most bytes of a unit that measure reads.
const measureSample = 4096

// appendLower appends the lower-case form of s to b.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				b = utf8.AppendRune(b, unicode.ToLower(r))
			}
			return b
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// add sums two units' measures.
func (s stats) add(o stats) stats {
	s.words += o.words
	s.function += o.function
	s.iface += o.iface
	s.digits += o.digits
	s.caps += o.caps
	s.runes += o.runes
	s.ends = o.ends
	s.cols = s.cols || o.cols
	return s
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// prose classes of a unit.
const (
	classBad   = iota // chrome: interface words, columns, numbers, no function words
	classShort        // too short to tell: a heading, a title, a name, a date
	classNear         // a short sentence
	classGood         // running prose
)

// classify rates a unit's measures as prose.
func (s stats) classify() (int, string) {
	if s.words == 0 {
		return classBad, "no words"
	}
	fw := float64(s.function) / float64(s.words)
	ifc := float64(s.iface) / float64(s.words)
	tokens := s.words + s.digits
	dg := float64(s.digits) / float64(max(tokens, 1))
	switch {
	case s.cols && s.words < 40:
		return classBad, "columns of short items"
	case ifc >= 0.34 && s.words <= 12:
		return classBad, "mostly interface words"
	case dg >= 0.4 && s.words < 12:
		return classBad, "mostly numbers and symbols"
	case s.words >= 12 && fw >= 0.18 && ifc < 0.15 && dg < 0.25:
		return classGood, "running prose"
	case s.words >= 5 && s.ends && fw >= 0.2 && ifc < 0.2 && dg < 0.25 && (s.words > 12 || s.caps*10 < s.words*7):
		return classNear, "a short sentence"
	case s.words >= 12 && fw < 0.08:
		return classBad, "many words and almost no function words (a list of links or names)"
	}
	return classShort, "short"
}

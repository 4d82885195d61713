package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cp1252High maps the Windows-1252 characters of bytes 0x80-0x9F back to
// their bytes, for undoing mojibake. The other bytes 0x80-0xFF read as
// U+0080-U+00FF (Latin-1, which is also how the C1-control variant of
// mojibake reads).
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91,
	'’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98,
	'™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// mojibakeByte returns the byte a character stands for when UTF-8 was
// misread as Windows-1252 or Latin-1.
func mojibakeByte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252High[r]
	return b, ok
}

// repairMojibake undoes UTF-8 that was decoded as Windows-1252 or Latin-1
// ("â€™" or "â\u0080\u0099" for "’", "Ã©" for "é"). A run is repaired only
// when its characters spell one complete, valid multi-byte UTF-8 sequence
// for a character outside ASCII, which ordinary prose practically never
// does. It returns the text, how many runs it repaired and one example.
func repairMojibake(s string) (string, int, string) {
	if !strings.ContainsAny(s, "ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóô") {
		return s, 0, ""
	}
	var b strings.Builder
	count, example := 0, ""
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		lead, ok := mojibakeByte(r)
		if !ok || lead < 0xC2 || lead > 0xF4 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		need := 1
		switch {
		case lead >= 0xF0:
			need = 3
		case lead >= 0xE0:
			need = 2
		}
		buf := []byte{lead}
		j := i + n
		for k := 0; k < need && j < len(s); k++ {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			c, ok := mojibakeByte(r2)
			if !ok || c < 0x80 || c > 0xBF {
				break
			}
			buf = append(buf, c)
			j += n2
		}
		if need == 1 && lead > 0xC3 && !latin1Only(s[i+n:j]) {
			// "É”" is more likely an accented capital before a quote
			// than mojibake for "ɔ": only Â/Ã leads may pair with a
			// Windows-1252 punctuation character.
			buf = nil
		}
		if len(buf) == need+1 {
			if fixed, size := utf8.DecodeRune(buf); fixed != utf8.RuneError && size == len(buf) {
				b.WriteRune(fixed)
				count++
				if example == "" {
					example = s[i:j]
				}
				i = j
				continue
			}
		}
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String(), count, example
}

// isInvisible reports characters that are stripped from the text: the
// zero-width space where it is junk (see keepZWSP), the word joiner, bidi
// embedding/override/isolate controls and the BOM. ZERO WIDTH JOINER and
// NON-JOINER are never stripped: emoji sequences (👩‍🎓), Indic conjuncts
// and Persian or Arabic word forms need them, and where they are junk
// they are invisible anyway (the PDF renderer draws nothing for them).
func isInvisible(r rune) bool {
	switch {
	case r == 0x200B, r == 0x2060, r == 0xFEFF:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// isControl reports control characters that are stripped: C0 controls
// except tab, newline, carriage return and form feed; DEL; C1 controls.
func isControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		return false
	case r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F:
		return true
	}
	return false
}

// lineEnds turns every line-end convention into LF: CRLF, CR, NEL
// (U+0085) and LINE SEPARATOR; a PARAGRAPH SEPARATOR becomes a blank line.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n\n")

// clean repairs mojibake, normalises line ends to LF, and strips control
// and invisible characters, warning about each kind it changed.
func clean(s string, warn func(string, ...any)) string {
	// Text that went through the misreading twice needs two passes.
	total, example := 0, ""
	for pass := 0; pass < 3; pass++ {
		fixed, n, ex := repairMojibake(s)
		if n == 0 {
			break
		}
		total += n
		if example == "" {
			example = ex
		}
		s = fixed
	}
	if total > 0 {
		warn("repaired %s (UTF-8 read as Windows-1252, e.g. %q)", plural(total, "mojibake sequence", "mojibake sequences"), example)
	}
	s = lineEnds.Replace(s)
	var controls, invisible, surrogates int
	if strings.IndexFunc(s, func(r rune) bool { return isControl(r) || isInvisible(r) || r == utf8.RuneError }) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(0)
	for i, r := range s {
		switch {
		case r >= 0xD800 && r <= 0xDFFF:
			surrogates++
			r = '\ufffd'
		case isControl(r):
			controls++
			continue
		case r == 0x200B:
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if !keepZWSP(prev, next) {
				invisible++
				continue
			}
		case isInvisible(r):
			invisible++
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	out := b.String()
	if controls > 0 {
		warn("removed %s", plural(controls, "control character", "control characters"))
	}
	if invisible > 0 {
		warn("removed %s", plural(invisible, "zero-width or bidi control character", "zero-width or bidi control characters"))
	}
	if surrogates > 0 {
		warn("replaced %s with U+FFFD", plural(surrogates, "unpaired surrogate", "unpaired surrogates"))
	}
	return out
}

// keepZWSP reports whether a ZERO WIDTH SPACE between before and after
// separates two characters of scripts written without spaces (Thai, Lao,
// Khmer, Myanmar, Tibetan, Han, kana), where it marks a word break that
// line breaking needs. Between Latin letters, or at a line's edge, it is
// scraped junk and is removed.
func keepZWSP(before, after rune) bool {
	return spacelessScript(before) && spacelessScript(after)
}

// spacelessScript reports a letter of a script written without spaces
// between words.
func spacelessScript(r rune) bool {
	return unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan,
		unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// latin1Only reports whether every character of s is in U+0080-U+00FF.
func latin1Only(s string) bool {
	for _, r := range s {
		if r < 0x80 || r > 0xFF {
			return false
		}
	}
	return true
}

package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

var (
	// knownHeadingRE matches the usual names of essay sections, optionally
	// numbered: "Introduction", "2. Conclusion", "References:".
	knownHeadingRE = regexp.MustCompile(`(?i)^((\d+(\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.)\s+)?(introduction|conclusions?|summary|abstract|background|discussion|methods?|methodology|results|analysis|references|bibliography|works cited|works consulted|reference list|sources|appendix( [A-Z0-9]+)?|acknowledge?ments|overview|literature review|main body|body|evaluation|recommendations?|findings|limitations|preface|foreword|epilogue|prologue|afterword|thesis|counter-?arguments?|rebuttal|endnotes|footnotes|notes|further reading|reflection|context|purpose|scope|aims?|objectives?|executive summary|concluding remarks|final thoughts)\s*:?$`)
	// refHeadingRE matches the heading of a references list.
	refHeadingRE = regexp.MustCompile(`(?i)^((\d+(\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.)\s+)?(references|bibliography|works cited|works consulted|reference list|sources|literature cited|citations)\s*:?$`)
	// numberedHeadingRE matches "1. Introduction", "2.3 Method", "IV. The Court".
	numberedHeadingRE = regexp.MustCompile(`^(\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+(\S.*)$`)
	// romanRE matches a bare Roman numeral section mark: "II", "IV.".
	romanRE = regexp.MustCompile(`^[IVXLC]+\.?$`)
)

// maxHeading is the longest heading, in characters.
const maxHeading = 100

// openHeading reads a heading: a short line standing on its own (first in
// its region, or after a finished sentence), followed by more text, that is
// a known section name, numbered, a Roman numeral, in capitals, or (alone
// in its region or in one-paragraph-per-line text) in title case.
func openHeading(p *parser, r *region, i int) (essay.Block, int, bool) {
	l := r.lines[i]
	if l.join || i > 0 && !endsSentence(r.lines[i-1].text) {
		return essay.Block{}, 0, false
	}
	if i+1 < len(r.lines) && startsLower(r.lines[i+1].text) {
		return essay.Block{}, 0, false
	}
	if r.wrapped && len(r.lines) > 1 && l.width()*10 > r.width*6 {
		return essay.Block{}, 0, false
	}
	if p.lastLine(l) {
		return essay.Block{}, 0, false
	}
	alone := len(r.lines) == 1 || !r.wrapped
	if m := mdHeadingRE.FindStringSubmatch(l.text); m != nil && m[2] != "" {
		// Under a "# Title", "##" headings are the top-level sections.
		return essay.Block{Kind: essay.Heading, Text: m[2], Level: max(1, len(m[1])-p.mdShift)}, 1, true
	}
	level := headingLevel(l.text, alone)
	if level == 0 {
		return essay.Block{}, 0, false
	}
	if numberedHeadingRE.MatchString(l.text) && !knownHeadingRE.MatchString(l.text) && p.besideListItem(l) {
		return essay.Block{}, 0, false // an item of a numbered list
	}
	return essay.Block{Kind: essay.Heading, Text: l.text, Level: level}, 1, true
}

// headingLevel returns the level of text read as a heading, or 0 when it
// does not read like one.
func headingLevel(t string, alone bool) int {
	if utf8.RuneCountInString(t) > maxHeading || wordCount(t) > 12 || letterCount(t) == 0 {
		return 0
	}
	if romanRE.MatchString(t) {
		return 1
	}
	if m := knownHeadingRE.FindStringSubmatch(t); m != nil {
		return numberLevel(m[2])
	}
	if strings.ContainsRune(".,;", lastRune(t)) || startsLower(t) {
		return 0
	}
	if m := numberedHeadingRE.FindStringSubmatch(t); m != nil {
		if wordCount(m[2]) <= 10 && !startsLower(m[2]) && !strings.HasSuffix(m[2], ".") {
			return numberLevel(m[1])
		}
		return 0
	}
	if letterCount(t) >= 3 && !hasLower(t) && wordCount(t) <= 10 {
		return 1
	}
	if alone && titleCase(t) {
		return 1
	}
	return 0
}

// numberLevel turns a section number into a level: "2." and "IV." are 1,
// "2.3" is 2.
func numberLevel(n string) int {
	n = strings.TrimSuffix(n, ".")
	return 1 + strings.Count(n, ".")
}

// titleCase reports whether at most ten words are written in title case:
// the first word and at least three quarters of the words of four or more
// letters start with a capital.
func titleCase(t string) bool {
	words := strings.Fields(t)
	if len(words) > 10 || !startsUpper(words[0]) || strings.ContainsRune("!", lastRune(t)) {
		return false
	}
	long, caps := 0, 0
	for _, w := range words {
		if letterCount(w) < 4 {
			continue
		}
		long++
		r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return long > 0 && caps*4 >= long*3
}

// lastLine reports whether no kept text follows line l.
func (p *parser) lastLine(l *line) bool { return l.idx >= p.lastKept }

// besideListItem reports whether the kept line before or after l carries
// a list marker.
func (p *parser) besideListItem(l *line) bool {
	idx := l.idx
	for i := idx - 1; i >= 0; i-- {
		if q := p.lines[i]; !q.blank && !q.removed {
			if listMarker(q.text) != "" {
				return true
			}
			break
		}
	}
	if n := p.nextKept(idx + 1); n >= 0 && listMarker(p.lines[n].text) != "" {
		return true
	}
	return false
}

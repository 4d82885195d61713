package parse

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

var (
	// sectionNumberRE matches a section number before a heading: "2.",
	// "2.3", "IV.", "B.".
	sectionNumberRE = regexp.MustCompile(`^(\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.)\s+`)
	// numberedHeadingRE matches "1. Introduction", "2.3 Method", "IV. The Court".
	numberedHeadingRE = regexp.MustCompile(`^(\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+(\S.*)$`)
	// romanRE matches a bare Roman numeral section mark: "II", "IV.".
	romanRE = regexp.MustCompile(`^[IVXLC]+\.?$`)
)

// setOf makes a set of strings.
func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// knownSection reports whether t is a section name (in any language: see
// langdata.go), and returns its number ("" if none) and whether it
// heads a references list. "Appendix A" counts too.
func knownSection(t string) (num string, refs, ok bool) {
	if len(t) > 60 || t == "" {
		return "", false, false
	}
	rest := t
	if c := t[0]; c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' {
		if m := sectionNumberRE.FindStringSubmatch(t); m != nil {
			num, rest = m[1], t[len(m[0]):]
		}
	}
	name := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), ":")))
	switch {
	case allRefSections[name]:
		return num, true, true
	case allSections[name]:
		return num, false, true
	case strings.HasPrefix(name, "appendix ") && wordCount(name) == 2:
		return num, false, true
	}
	return "", false, false
}

// maxHeading is the longest heading, in characters.
const maxHeading = 100

// openHeading reads a heading: a short line standing on its own (first in
// its region, or after a finished sentence), followed by more text, that is
// a known section name, numbered, a Roman numeral, in capitals, or (alone
// in its region or in one-paragraph-per-line text) in title case.
func openHeading(p *parser, r *region, i int) (essay.Block, int, bool) {
	l := r.lines[i]
	if l.join || i > 0 && !endsSentence(r.lines[i-1].text) && !headingOver(r.lines[i-1].text, l.text) {
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
		level := max(1, len(m[1])-p.mdShift)
		why := fmt.Sprintf("markdown %q heading", m[1])
		if p.mdShift > 0 {
			why += fmt.Sprintf(" under a %q title, so level %d", strings.Repeat("#", p.mdShift), level)
		}
		return essay.Block{Kind: essay.Heading, Text: m[2], Level: level, Why: why}, 1, true
	}
	level, why := headingRule(l.text, alone)
	// Only between blank lines, flush left (short lines of one-per-line
	// text are as often verse), and not before any body text (a short
	// line under the title is an author or subtitle more often).
	if level == 0 && len(r.lines) == 1 && l.indent == 0 && !p.lang.TitleCase && len(p.doc.Blocks) > 0 && sentenceCaseHeading(l.text) {
		level, why = 1, fmt.Sprintf("short line of %s with no closing punctuation standing alone between blank lines (headings in %s are in sentence case)", plural(wordCount(l.text), "word", "words"), p.doc.Lang)
	}
	if level == 0 {
		return essay.Block{}, 0, false
	}
	// A heading needs body text under it: three or more short lines in a
	// row that each read as a heading only by their capitals (a vocabulary
	// list, a list of names) are lines of text, not a run of headings.
	if weakHeading(l.text) && p.weakHeadingRun(l) >= 3 {
		return essay.Block{}, 0, false
	}
	// A numbered line beside list items is an item, unless its number
	// has levels ("2.3"), which list markers never have.
	if _, _, known := knownSection(l.text); !known && level == 1 && numberedHeadingRE.MatchString(l.text) && p.besideListItem(l) {
		return essay.Block{}, 0, false // an item of a numbered list
	}
	if why == titleCaseWhy {
		if len(r.lines) == 1 {
			why = fmt.Sprintf("title-case line of %s standing alone between blank lines", plural(wordCount(l.text), "word", "words"))
		} else {
			why = fmt.Sprintf("title-case line of %s in one-paragraph-per-line text", plural(wordCount(l.text), "word", "words"))
		}
	}
	return essay.Block{Kind: essay.Heading, Text: l.text, Level: level, Why: why}, 1, true
}

// titleCaseWhy is the reason headingRule gives for a title-case line,
// which openHeading makes specific.
const titleCaseWhy = "title-case line"

// headingLevel returns the level of text read as a heading, or 0 when it
// does not read like one.
func headingLevel(t string, alone bool) int {
	level, _ := headingRule(t, alone)
	return level
}

// headingRule returns the level of text read as a heading (0 when it does
// not read like one) and the evidence, for Block.Why.
func headingRule(t string, alone bool) (int, string) {
	if utf8.RuneCountInString(t) > maxHeading || wordCount(t) > 12 || letterCount(t) == 0 {
		return 0, ""
	}
	if romanRE.MatchString(t) {
		return 1, fmt.Sprintf("roman numeral %q alone on a line", t)
	}
	if num, refs, ok := knownSection(t); ok {
		name := strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(t, num)), ":")
		what := "known section name"
		if refs {
			what = "references section name"
		}
		if num != "" {
			return numberLevel(num), fmt.Sprintf("numbered (%q) %s %q on its own line", num, what, name)
		}
		return 1, fmt.Sprintf("%s %q on its own line", what, name)
	}
	if capsLine(t) && lastRune(t) == '.' && !strings.Contains(strings.TrimSuffix(t, "."), ". ") {
		// Older books close their capitals headings with a stop
		// ("EINLEITUNG.", "THE COURT.").
		return 1, fmt.Sprintf("all-caps line of %s closed by a stop", plural(wordCount(t), "word", "words"))
	}
	if strings.ContainsRune(".,;", lastRune(t)) || startsLower(t) {
		return 0, ""
	}
	if m := numberedHeadingRE.FindStringSubmatch(t); m != nil {
		if wordCount(m[2]) <= 10 && !startsLower(m[2]) && !strings.HasSuffix(m[2], ".") {
			level := numberLevel(m[1])
			what := "section"
			if level > 1 {
				what = fmt.Sprintf("level-%d subsection", level)
			}
			return level, fmt.Sprintf("numbered %s line (%q) with no closing stop, text follows", what, m[1])
		}
		return 0, ""
	}
	if capsLine(t) {
		return 1, fmt.Sprintf("all-caps line of %s", plural(wordCount(t), "word", "words"))
	}
	if alone && titleCase(t) {
		return 1, titleCaseWhy
	}
	return 0, ""
}

// weakHeading reports whether t reads as a heading by its capitals alone
// (title case, all capitals, or a short sentence-case line), not by a
// number, a Roman numeral, Markdown or a known section name.
func weakHeading(t string) bool {
	if _, _, known := knownSection(t); known || romanRE.MatchString(t) || numberedHeadingRE.MatchString(t) || mdHeadingRE.MatchString(t) {
		return false
	}
	return utf8.RuneCountInString(t) <= maxHeading && (titleCase(t) || capsLine(t) || sentenceCaseHeading(t)) &&
		!strings.ContainsRune(".,;:!?", lastRune(t))
}

// weakHeadingRun counts the kept text lines around l, l included, that
// follow each other (blank lines between them aside) and are each a
// weakHeading; it stops counting at 3.
func (p *parser) weakHeadingRun(l *line) int {
	n := 1
	for _, step := range []int{-1, 1} {
		for i := l.idx + step; i >= 0 && i < len(p.lines) && n < 3; i += step {
			q := p.lines[i]
			if q.blank || q.removed {
				continue
			}
			if !weakHeading(q.text) {
				break
			}
			n++
		}
	}
	return n
}

// sentenceCaseHeading reports whether t reads as a heading in a language
// that does not capitalise headings (langData.TitleCase false): at most
// eight words, starting with a capital, with no closing punctuation.
func sentenceCaseHeading(t string) bool {
	if wordCount(t) > 8 || letterCount(t) < 3 || !startsUpper(t) {
		return false
	}
	return !strings.ContainsRune(".,;:!?…»”\"')", lastRune(t))
}

// capsLine reports a line of at most ten words in capitals, with at
// least three letters.
func capsLine(t string) bool { return letterCount(t) >= 3 && !hasLower(t) && wordCount(t) <= 10 }

// headingOver reports whether prev, a line that does not end a sentence,
// is itself a short heading-like line (all capitals, or a Roman numeral)
// standing over line t, a Roman numeral or numbered section line: a part
// name over a section number ("DISCORSO" / "I.").
func headingOver(prev, t string) bool {
	return (capsLine(prev) || romanRE.MatchString(prev)) && (romanRE.MatchString(t) || numberedHeadingRE.MatchString(t))
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

package parse

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads what stands before the body (the head zone that
// findBody marks): header blocks and cover sheets ("Label: value" fields,
// an MLA or Chicago heading block of name, teacher, course and date,
// declarations and blank form fields) are metadata, never body; the
// student named there is the author; a blank form field is never an
// author.

var (
	// fieldRE matches a form field: a label of up to four words, a colon,
	// and its value (possibly empty or a line of underscores).
	fieldRE = regexp.MustCompile(`^(\p{Lu}[\p{L}\p{M}.’'&/-]*(?:\s+[\p{L}\p{M}.’'&/-]+){0,3})\s*[:：]\s*(.*)$`)
	// blankFieldRE matches an unfilled form value: underscores, dots, dashes.
	blankFieldRE = regexp.MustCompile(`^[\s_.…-]*$`)
	// honorificRE matches a name with a teacher's title before it.
	honorificRE = regexp.MustCompile(`^(?i:professor|prof\.?|dr\.?|mr\.?|mrs\.?|ms\.?|miss|sir|dame|rev\.?|teacher|tutor|instructor|lecturer)\s`)
	// bylineWords and nameParticles are in langdata.go.
)

// fieldAuthorLabels are field labels whose value is the writer's name.
var fieldAuthorLabels = setOf("author", "authors", "by", "written by", "name", "student", "student name", "candidate",
	"candidate name", "pupil", "pupil name", "writer", "auteur", "autor", "autore", "autrice", "nom", "nome")

// fieldTitleLabels rank the labels that give the title.
var fieldTitleLabels = map[string]int{"title": 3, "essay title": 3, "titre": 3, "titel": 3, "titolo": 3, "título": 3,
	"topic": 2, "essay topic": 2, "prompt": 1, "essay prompt": 1, "question": 1, "essay question": 1}

// field splits a form field line into its lower-cased label and value.
func field(t string) (label, value string, ok bool) {
	// fieldRE reads only letters, marks, .’'&/- and spaces before the
	// colon: a line whose first other rune is not a colon is ruled out
	// without the regular expression, reading no further than that rune
	// (a long paragraph stops at its first comma or digit).
	if i := strings.IndexFunc(t, notLabelRune); i < 0 || !strings.HasPrefix(t[i:], ":") && !strings.HasPrefix(t[i:], "：") {
		return "", "", false
	}
	m := fieldRE.FindStringSubmatch(t)
	if m == nil || utf8.RuneCountInString(m[1]) > 40 {
		return "", "", false
	}
	return strings.ToLower(strings.Join(strings.Fields(m[1]), " ")), strings.TrimSpace(m[2]), true
}

// notLabelRune reports a rune fieldRE does not allow in a label or the
// spaces after it.
func notLabelRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) && !unicode.IsSpace(r) && !strings.ContainsRune(".’'&/-", r)
}

// nameLike reports whether t reads as a person's name: two to five words,
// each capitalised, an initial, or a name particle, with no digits, no
// sentence punctuation and no function words other than particles.
func (p *parser) nameLike(t string) bool {
	t = strings.TrimSpace(t)
	if honorificRE.MatchString(t) {
		return false
	}
	fs := strings.Fields(t)
	if len(fs) < 2 || len(fs) > 5 || utf8.RuneCountInString(t) > 50 {
		return false
	}
	caps := 0
	for _, f := range fs {
		f = strings.TrimRight(f, ",")
		r, _ := utf8.DecodeRuneInString(f)
		low := strings.ToLower(f)
		switch {
		case strings.ContainsAny(f, "0123456789_@/:;!?()[]|·"):
			return false
		case nameParticles[low] || strings.HasPrefix(low, "d’") || strings.HasPrefix(low, "d'"):
		case interfaceWords[low]:
			return false // "Good Essays", "Follow": interface, not a name
		case unicode.IsUpper(r):
			caps++
			if p.fw[low] && len(low) > 2 && !allCaps(f) {
				return false
			}
		default:
			return false
		}
	}
	if caps < 2 && !(caps >= 1 && len(fs) == 2) {
		return false
	}
	// Names are not common words: a line whose capitalised words mostly
	// occur in lower case elsewhere in the text ("Online Distributed
	// Proofreading Team") is not a name.
	common := 0
	for _, f := range fs {
		if p.lowerWords()[strings.ToLower(strings.Trim(f, ".,"))] {
			common++
		}
	}
	return common*2 < len(fs)
}

// lowerWords returns the set of words that occur in lower case in the
// text, computed once.
func (p *parser) lowerWords() map[string]bool {
	if p.lower == nil {
		p.lower = map[string]bool{}
		for _, l := range p.lines {
			for _, f := range strings.Fields(l.text) {
				if startsLower(f) && strings.ToLower(f) == f {
					p.lower[strings.ToLower(strings.Trim(f, ".,;:!?\"'“”‘’()"))] = true
				}
			}
		}
	}
	return p.lower
}

// properName turns a name in capitals into title case ("THEODOR LIPPS"
// gives "Theodor Lipps"); other names are kept as written.
func properName(t string) string {
	t = collapseSpaces(t)
	if !allCaps(t) {
		return t
	}
	var b strings.Builder
	start := true
	for _, r := range t {
		switch {
		case unicode.IsLetter(r) && start:
			b.WriteRune(r)
			start = false
		case unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
			start = r == ' ' || r == '-' || r == '.' || r == '’' || r == '\''
		}
	}
	return b.String()
}

// byName returns the name of a byline "By Jane Smith" ("von ..." and so
// on in the languages of bylineWords), or "".
func (p *parser) byName(t string) string {
	fs := strings.Fields(t)
	if len(fs) < 2 || !bylineWords[strings.ToLower(fs[0])] {
		return ""
	}
	name := strings.Join(fs[1:], " ")
	if p.nameLike(name) {
		return name
	}
	return ""
}

// minCoverFields is the least number of "Label: value" lines that make a
// cover sheet.
const minCoverFields = 3

// readCoverSheet removes a cover sheet at the top of the text: a cluster
// of form fields ("Candidate name: ...", "Module: ...", a declaration,
// "Signed: ____") starting in the first three lines, with at most two
// other lines between fields. Its author and title fields are kept in
// p.fm; a blank field is never an author.
func (p *parser) readCoverSheet() {
	var cover []*line
	fields, others, k := 0, 0, 0
	for i := p.nextKept(0); i >= 0; i = p.nextKept(i + 1) {
		l := p.lines[i]
		k++
		if _, _, ok := field(l.text); ok && !mdHeadingRE.MatchString(l.text) {
			fields++
			others = 0
			cover = append(cover, l)
			continue
		}
		if fields == 0 && k > 3 || others >= 2 || utf8.RuneCountInString(l.text) > maxChrome {
			break
		}
		others++
		cover = append(cover, l)
	}
	// Drop the trailing lines that are not fields.
	for len(cover) > 0 {
		if _, _, ok := field(cover[len(cover)-1].text); ok {
			break
		}
		cover = cover[:len(cover)-1]
	}
	if fields < minCoverFields {
		return
	}
	for _, l := range cover {
		label, value, ok := field(l.text)
		why := "cover sheet: a line of the cover sheet"
		switch {
		case !ok:
		case fieldTitleLabels[label] > 0 && value != "" && fieldTitleLabels[label] >= p.fm.rank:
			p.fm.title, p.fm.titleLine, p.fm.titleScore, p.fm.rank = value, l, 10, fieldTitleLabels[label]
			why = fmt.Sprintf("metadata: %q line in the header gives the title", fieldLabel(l.text))
		case fieldAuthorLabels[label] && blankFieldRE.MatchString(value):
			why = fmt.Sprintf("metadata: a blank %q form field", fieldLabel(l.text))
		case fieldAuthorLabels[label] && p.fm.author == "" && (p.nameLike(value) || singleName(value)):
			p.fm.author, p.fm.authorLine, p.fm.authorScore = properName(value), l, 10
			why = fmt.Sprintf("metadata: %q line in the header gives the author", fieldLabel(l.text))
		case blankFieldRE.MatchString(value) || strings.Contains(value, "___"):
			why = fmt.Sprintf("cover sheet: a form field to fill in (%q)", fieldLabel(l.text))
		default:
			why = fmt.Sprintf("metadata: %q line in the header", fieldLabel(l.text))
		}
		p.remove(l, why)
	}
}

package parse

import (
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
	m := fieldRE.FindStringSubmatch(t)
	if m == nil || utf8.RuneCountInString(m[1]) > 40 {
		return "", "", false
	}
	return strings.ToLower(strings.Join(strings.Fields(m[1]), " ")), strings.TrimSpace(m[2]), true
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
		case unicode.IsUpper(r):
			caps++
			if p.fw[low] && len(low) > 2 && !allCaps(f) {
				return false
			}
		default:
			return false
		}
	}
	return caps >= 2 || caps >= 1 && len(fs) == 2
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

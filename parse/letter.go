package parse

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

// month is the pattern of an English month name or abbreviation.
const month = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	// datelineRE matches a line that is only a date, optionally after a
	// place: "3 May 2024", "May 3rd, 2024", "London, 3 May 2024",
	// "Monday, 4 June 2018", "2024-05-03", "03/05/2024".
	datelineRE = regexp.MustCompile(`(?i)^(?:[\p{L} .'’-]{1,40},\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?` + month + `,?\s+\d{4}|` + month + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|` + month + `\s+\d{4})\.?$`)
	// salutationRE matches a salutation on its own line: "Dear Ms Smith,"
	// or a short one without the comma ("Dear Sam").
	salutationRE = regexp.MustCompile(`(?i)^(?:dear|hi|hello|hey|greetings|to whom it may concern|good (?:morning|afternoon|evening)|ladies and gentlemen)\b(?:[^.!?]{0,60}[,:!]|(?:\s+[^\s.!?,;:]+){0,3})$`)
	// signoffRE matches a sign-off: "Yours sincerely,", "Best regards".
	signoffRE = regexp.MustCompile(`(?i)^(?:yours(?: very)? (?:sincerely|faithfully|truly|respectfully)|sincerely(?: yours)?|(?:best|kind|warm|warmest|kindest|with best|many) (?:regards|wishes|thanks)|regards|respectfully(?: yours)?|cordially|cheers|love|with (?:love|thanks|gratitude|best wishes)|thanks(?: again)?|thank you(?: again)?|all the best|faithfully|yours)[,.!]?$`)
)

// maxSalutation is the most words a salutation line has.
const maxSalutation = 10

// openDateline reads a line that is only a date.
func openDateline(p *parser, r *region, i int) (essay.Block, int, bool) {
	l := r.lines[i]
	if len(l.text) > 60 || !strings.ContainsAny(l.text, "0123456789") || !datelineRE.MatchString(l.text) {
		return essay.Block{}, 0, false
	}
	return essay.Block{Kind: essay.Dateline, Text: l.text, Why: "a date alone on a line"}, 1, true
}

// openSalutation reads "Dear ...," standing on its own line. A salutation
// inside a longer line stays part of its paragraph.
func openSalutation(p *parser, r *region, i int) (essay.Block, int, bool) {
	l := r.lines[i]
	if len(l.text) > 100 || !salutationRE.MatchString(l.text) || wordCount(l.text) > maxSalutation {
		return essay.Block{}, 0, false
	}
	if i+1 < len(r.lines) && startsLower(r.lines[i+1].text) {
		return essay.Block{}, 0, false // a wrapped sentence that starts "Dear ..."
	}
	form := firstWord(l.text) + " …"
	if r := lastRune(l.text); strings.ContainsRune(",:!", r) {
		form += string(r)
	}
	why := fmt.Sprintf("%q on its own line", form)
	return essay.Block{Kind: essay.Salutation, Text: l.text, Why: why}, 1, true
}

// openSignature reads a sign-off line, and after one, each short name or
// title line under it ("Jane Smith", "Class 10B").
func openSignature(p *parser, r *region, i int) (essay.Block, int, bool) {
	if p.signatureLine(r, i, 4) {
		why := "name line under the sign-off"
		if t := r.lines[i].text; len(t) < 40 && signoffRE.MatchString(t) {
			why = "sign-off line"
		}
		return essay.Block{Kind: essay.Signature, Text: r.lines[i].text, Why: why}, 1, true
	}
	return essay.Block{}, 0, false
}

// signatureLine reports whether line i of r is a sign-off, or a name line
// under one (looking back at most depth lines).
func (p *parser) signatureLine(r *region, i, depth int) bool {
	t := r.lines[i].text
	if len(t) < 40 && signoffRE.MatchString(t) {
		return true
	}
	name := wordCount(t) <= 6 && utf8.RuneCountInString(t) <= 60 && !startsLower(t) && !endsSentence(t)
	switch {
	case !name || depth == 0:
		return false
	case i == 0:
		return p.signing // the sign-off ended the previous region
	}
	return p.signatureLine(r, i-1, depth-1)
}

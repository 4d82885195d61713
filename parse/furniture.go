package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file removes page furniture found by repetition with variation:
// running heads and footers that repeat with a changing number ("Smith 2",
// "Smith 3"; "Page 3 of 7"; "3 | History of Art"), and joins the text
// across the page breaks they leave, so that a paragraph (and a word
// hyphenated at the foot of a page) runs on.

var (
	// numberedHeadRE splits a short line into text and a page number at
	// its end or start: "Reyes 2", "2 Reyes", "Reyes | 2", "Page 3 of 7".
	numberedHeadRE = regexp.MustCompile(`^(?:(.*?\S)\s*[|·•–—-]?\s*(\d{1,4})|(\d{1,4})\s*[|·•–—-]?\s*(\S.*?))$`)
	pageOfRE       = regexp.MustCompile(`(?i)^(?:page\s+)?\d{1,4}\s+(?:of|/)\s+\d{1,4}$`)
)

// maxFurniture is the longest line (in characters) read as a running head.
const maxFurniture = 60

// removeFurniture takes out running heads and footers whose text repeats
// with a page number that changes, and "Page N of M" lines; then it joins
// the text across every page break where a sentence runs on.
func (p *parser) removeFurniture() {
	type seen struct {
		lines []*line
		nums  []int
	}
	heads := map[string]*seen{}
	var order []string
	for _, l := range p.lines {
		if l.blank || l.removed || utf8.RuneCountInString(l.text) > maxFurniture {
			continue
		}
		// Only a line that starts or ends with a digit can be numbered
		// furniture; test that before the regular expressions.
		if !startsOrEndsDigit(l.text) {
			continue
		}
		if pageOfRE.MatchString(l.text) {
			p.remove(l, "page furniture: a \"page N of M\" line")
			l.cut, l.cutWhat = true, "page number"
			continue
		}
		m := numberedHeadRE.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		text, num := m[1], m[2]
		if text == "" {
			text, num = m[4], m[3]
		}
		k := key(text)
		if k == "" || wordCount(text) > 6 {
			continue
		}
		n, _ := strconv.Atoi(num)
		s := heads[k]
		if s == nil {
			s = &seen{}
			heads[k] = s
			order = append(order, k)
		}
		s.lines = append(s.lines, l)
		s.nums = append(s.nums, n)
	}
	for _, k := range order {
		s := heads[k]
		if len(s.lines) < 2 || !distinctNumbers(s.nums) || !p.furnitureEvidence(s.lines) {
			continue
		}
		for _, l := range s.lines {
			p.remove(l, fmt.Sprintf("page furniture: a running head repeated %d times with a changing page number", len(s.lines)))
			l.cut, l.cutWhat = true, "running head"
		}
	}
	p.removeRepeatedHeads()
	p.joinPages()
}

// removeRepeatedHeads removes a short line (often the title in capitals)
// that repeats two or more times, each time beside a removed page number
// or a page break: a running head without a number. The first line of
// the text, the title itself, stays.
func (p *parser) removeRepeatedHeads() {
	first := p.nextKept(0)
	at := map[string][]*line{}
	var order []string
	for i, l := range p.lines {
		if l.blank || l.removed || i == first || utf8.RuneCountInString(l.text) > maxFurniture || letterCount(l.text) < 2 {
			continue
		}
		k := key(l.text)
		if at[k] == nil {
			order = append(order, k)
		}
		at[k] = append(at[k], l)
	}
	for _, k := range order {
		ls := at[k]
		if len(ls) < 2 {
			continue
		}
		near := true
		for _, l := range ls {
			near = near && p.besidePageBreak(l)
		}
		if !near {
			continue
		}
		for _, l := range ls {
			p.remove(l, fmt.Sprintf("page furniture: a running head repeated %d times, each beside a page number or page break", len(ls)))
			l.cut, l.cutWhat = true, "running head"
		}
	}
}

// besidePageBreak reports whether a page number was removed, or a page
// break stands, within three lines of l.
func (p *parser) besidePageBreak(l *line) bool {
	if l.page {
		return true
	}
	for i := max(0, l.idx-3); i < len(p.lines) && i <= l.idx+3; i++ {
		if q := p.lines[i]; q != l && (q.page || q.removed && q.cut && (q.cutWhat == "page number" || q.cutWhat == "running head")) {
			return true
		}
	}
	return false
}

// distinctNumbers reports whether the page numbers all differ and mostly
// rise, as a running head's do.
func distinctNumbers(nums []int) bool {
	seen := map[int]bool{}
	rises := 0
	for i, n := range nums {
		if seen[n] {
			return false
		}
		seen[n] = true
		if i > 0 && n > nums[i-1] {
			rises++
		}
	}
	return rises*2 >= len(nums)-1
}

// joinPages makes the blank lines around removed page furniture
// transparent where the sentence runs on across it: the kept text before
// does not end a sentence, or the text after goes on in lower case.
func (p *parser) joinPages() {
	prev := -1 // last kept line
	for i := 0; i < len(p.lines); i++ {
		l := p.lines[i]
		if l.blank || l.removed {
			continue
		}
		if prev >= 0 && i > prev+1 {
			furniture, blanks := false, false
			for _, q := range p.lines[prev+1 : i] {
				if q.removed && q.cut && q.cutWhat != "chrome" && q.cutWhat != "wrapper" {
					furniture = true
				}
				blanks = blanks || q.blank
			}
			a := p.lines[prev].text
			if furniture && blanks && (!endsSentence(a) || startsLower(l.text)) && !strings.HasSuffix(a, ":") {
				for _, q := range p.lines[prev+1 : i] {
					if q.blank {
						q.blank, q.removed = false, true
					}
				}
			}
		}
		prev = i
	}
}

// furnitureEvidence reports whether numbered lines stand where page
// furniture does, not where headings ("Chapter 2") do: one of them is set
// far to the right, or cuts a sentence.
func (p *parser) furnitureEvidence(ls []*line) bool {
	for _, l := range ls {
		// Set far right, or its number pushed to the right edge by a
		// wide gap ("SOCIAL MEDIA AND SLEEP            2").
		if l.indent >= 30 || l.cols {
			return true
		}
		a, b := p.prevKept(l.idx-1), p.nextKept(l.idx+1)
		if a >= 0 && b >= 0 && !endsSentence(p.lines[a].text) && startsLower(p.lines[b].text) {
			return true
		}
	}
	return false
}

// startsOrEndsDigit reports whether s begins or ends with an ASCII digit.
func startsOrEndsDigit(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[len(s)-1] >= '0' && s[len(s)-1] <= '9')
}

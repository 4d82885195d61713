package parse

import (
	"regexp"
	"strings"
)

// This file reads the wrappers that exports put around an essay: YAML
// front matter of Markdown and notes-app exports (title, author and date
// fields), "*** START ... ***" / "*** END ... ***" markers of e-text
// files with a header and a licence outside them, and a chat assistant's
// preamble ("Sure! Here's an essay on ...:") and closing offer.

var (
	// wrapperRE matches an e-text's start or end marker line:
	// "*** START OF THE ... ***", "*** END OF THIS ... ***".
	// The marker may be wrapped over a few lines.
	wrapperRE = regexp.MustCompile(`^\*{3}\s*(START|END)\b`)
	// fmFieldRE matches a YAML field: "title: Walking Tours".
	fmFieldRE = regexp.MustCompile(`^([A-Za-z][\w-]*)\s*:\s*(.*)$`)
	// offerRE matches the words of a chat assistant's closing offer.
	offerRE = regexp.MustCompile(`(?i)\b(let me know|feel free|i can (also )?(help|make|add|expand|adjust|revise|write)|would you like|if you('d| would) like|hope (this|that) helps|happy to help)\b`)
	// preambleRE matches a chat assistant's opening: an interjection or
	// "Here is/Here's".
	preambleRE = regexp.MustCompile(`(?i)^(sure|certainly|of course|absolutely|okay|ok|great|here('s| is| are))\b`)
)

// readWrappers removes front matter, e-text wrappers and chat preamble
// and closing lines, keeping the fields they give in p.fm.
func (p *parser) readWrappers() {
	if p.opt.KeepBoilerplate {
		return
	}
	p.readFrontMatter()
	p.readMarkers()
	p.readChat()
	p.cutTruncationMarkers()
	p.cutInserts()
}

// readFrontMatter reads YAML front matter: "---" as the first line, fields,
// and a closing "---" or "..." within 40 lines.
func (p *parser) readFrontMatter() {
	first := p.nextKept(0)
	if first < 0 || p.lines[first].text != "---" {
		return
	}
	end := -1
	for i := first + 1; i < len(p.lines) && i <= first+40; i++ {
		if t := p.lines[i].text; t == "---" || t == "..." {
			end = i
			break
		}
		if !p.lines[i].blank && !fmFieldRE.MatchString(p.lines[i].text) && !strings.HasPrefix(p.lines[i].text, "- ") {
			return
		}
	}
	if end < 0 {
		return
	}
	for i := first; i <= end; i++ {
		l := p.lines[i]
		if l.blank || l.removed {
			continue
		}
		why := "front matter: a field of the YAML header"
		if m := fmFieldRE.FindStringSubmatch(l.text); m != nil && i != first && i != end {
			v := strings.Trim(strings.TrimSpace(m[2]), `"'`)
			switch strings.ToLower(m[1]) {
			case "title":
				p.fm.title, p.fm.titleLine, p.fm.titleScore = v, l, 12
				why += " gives the title"
			case "author", "authors", "by", "creator":
				p.fm.author, p.fm.authorLine, p.fm.authorScore = v, l, 11
				why += " gives the author"
			case "date":
				why += " (the date)"
			}
		} else {
			why = "front matter: the YAML header's fence"
		}
		p.remove(l, why)
	}
}

// readMarkers removes what stands outside "*** START ... ***" and "***
// END ... ***" markers, reading "Title:" and "Author:" fields there.
func (p *parser) readMarkers() {
	start, startEnd, end := -1, -1, -1
	for i, l := range p.lines {
		if l.blank || l.removed {
			continue
		}
		if m := wrapperRE.FindStringSubmatch(l.text); m != nil {
			if m[1] == "START" && start < 0 {
				start, startEnd = i, i
				for k := i; k < len(p.lines) && k <= i+3; k++ {
					if strings.HasSuffix(p.lines[k].text, "***") {
						startEnd = k
						break
					}
				}
			} else if m[1] == "END" && start >= 0 {
				end = i
				break
			}
		}
	}
	if start < 0 {
		return
	}
	for i, l := range p.lines {
		if l.blank || l.removed || i > startEnd && (end < 0 || i < end) {
			continue
		}
		why := "wrapper: the e-text's header, outside its START marker"
		if i > start {
			why = "wrapper: the e-text's licence, after its END marker"
		}
		if i >= start && i <= startEnd || i == end {
			why = "wrapper: the e-text's start or end marker"
		}
		if label, value, ok := field(l.text); ok && i < start && value != "" {
			switch {
			case fieldTitleLabels[label] == 3 && p.fm.title == "":
				p.fm.title, p.fm.titleLine, p.fm.titleScore = value, l, 3
				why += "; its title field is a candidate"
			case fieldAuthorLabels[label] && p.fm.author == "" && p.nameLike(value):
				p.fm.author, p.fm.authorLine, p.fm.authorScore = properName(value), l, 9
				why += "; its author field gives the author"
			}
		}
		p.remove(l, why)
		l.cut, l.cutWhat = true, "wrapper"
	}
}

// readChat removes a chat assistant's preamble (a first line that opens
// with an interjection or "Here is", ends with a colon and stands above a
// Markdown heading or the text) and closing offer (a last line that offers
// more, after the text or a rule).
func (p *parser) readChat() {
	first := p.nextKept(0)
	if first < 0 {
		return
	}
	l := p.lines[first]
	next := p.nextKept(first + 1)
	if strings.HasSuffix(l.text, ":") && len(l.text) <= 400 && wordCount(l.text) <= 40 && next >= 0 && preambleRE.MatchString(l.text) {
		p.remove(l, "chat: an assistant's preamble before the essay")
		p.chat = true
	}
	last := -1
	for i := len(p.lines) - 1; i >= 0; i-- {
		if !p.lines[i].blank && !p.lines[i].removed {
			last = i
			break
		}
	}
	if last <= first {
		return
	}
	t := p.lines[last].text
	if len(t) <= 450 && wordCount(t) <= 45 && mayOffer(t) && offerRE.MatchString(t) && (p.chat || strings.Contains(strings.ToLower(t), "you")) {
		p.remove(p.lines[last], "chat: an assistant's closing offer after the essay")
		// A rule right above the offer closed the essay.
		if k := p.prevKept(last - 1); k >= 0 && ruleRE.MatchString(p.lines[k].text) {
			p.remove(p.lines[k], "chat: the rule above an assistant's closing offer")
		}
	}
}

// offerWords are substrings, lower-cased, of which every match of offerRE
// holds one.
var offerWords = []string{"let me know", "feel free", "i can ", "like", "hope th", "happy to help"}

// mayOffer reports whether t may match offerRE: a cheap test that spares
// the regular expression's search on lines that hold none of its words.
// (strings.ToLower folds every letter of these words as (?i) does.)
func mayOffer(t string) bool {
	lt := strings.ToLower(t)
	for _, w := range offerWords {
		if strings.Contains(lt, w) {
			return true
		}
	}
	return false
}

// prevKept returns the index of the last kept, non-blank line at or
// before i, or -1.
func (p *parser) prevKept(i int) int {
	for ; i >= 0; i-- {
		if l := p.lines[i]; !l.blank && !l.removed {
			return i
		}
	}
	return -1
}

package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file finds the essay's body by the statistics of its text, the way
// jusText and boilerpipe find an article in a web page: every unit (a
// line, or the lines of one hard-wrapped paragraph) is rated as prose
// (prose.go), and the body is the run of units with the largest sum of
// prose evidence (a maximum-subarray search, linear in the text). Short
// non-prose units before and after the run are chrome unless they are part
// of the essay's structure: a heading over the prose, a references or
// notes section after it, a salutation or a signature. The patterns of
// boilerplate.go stay as one kind of evidence: what they remove is gone
// before this runs.

// Zones of a line, set by findBody.
const (
	zoneNone = iota // findBody did not run or found no body
	zoneHead        // before the body: title, author, metadata or chrome
	zoneBody        // the body
	zoneTail        // after the body: chrome unless structural
)

// unit is a run of kept lines rated together: one line, or the lines of a
// hard-wrapped paragraph.
type unit struct {
	// removed marks a line the patterns removed as chrome: it weighs as
	// chrome and has no lines.
	removed bool
	// structural marks a short list item or set-off line: neither prose
	// nor chrome.
	structural bool
	lines      []*line
	st         stats
	class      int
	why        string
}

// chromeRun is the length of a run of non-prose units that weighs as a
// block of chrome.
const chromeRun = 4

// minBodyWords is the least prose (in words of good units) a text needs
// for the body finder to cut anything away.
const minBodyWords = 40

// units cuts the kept lines into units. A line continues the unit of the
// line before it (no blank line between, removed lines skipped) when that
// line is long and neither is a row of columns, and the sentence goes on
// or both are long.
func (p *parser) units() []*unit {
	var out []*unit
	var cur *unit
	var prev *line
	for _, l := range p.lines {
		switch {
		case l.removed && l.cut && l.cutWhat == "chrome":
			// Chrome the patterns removed is evidence too: a unit of
			// its own, with no words.
			cur, prev = nil, nil
			out = append(out, &unit{removed: true})
			continue
		case l.removed:
			continue
		case l.blank:
			cur, prev = nil, nil
			continue
		}
		n := utf8.RuneCountInString(l.text)
		if cur != nil && prev != nil && !l.gap && utf8.RuneCountInString(prev.text) >= 40 && !prev.cols && !l.cols &&
			(startsLower(l.text) || !endsSentence(prev.text) || n >= 40) {
			cur.lines = append(cur.lines, l)
			cur.st = cur.st.add(measure(l.text, p.fw))
		} else {
			cur = &unit{lines: []*line{l}, st: measure(l.text, p.fw)}
			cur.st.cols = l.cols
			out = append(out, cur)
		}
		prev = l
	}
	for _, u := range out {
		u.class, u.why = u.st.classify()
		if u.removed {
			u.class, u.why = classBad, "chrome removed by a pattern"
		}
	}
	return out
}

// weight is a unit's evidence for being body text.
func (u *unit) weight() float64 {
	switch u.class {
	case classGood:
		return float64(u.st.words)
	case classNear:
		return float64(u.st.words) / 2
	case classShort:
		return -3
	}
	if u.removed {
		return -5
	}
	return -8 - float64(u.st.words)/2
}

// findBody marks every kept line's zone and removes the chrome around and
// inside the body. It does nothing to a text with too little prose to
// tell.
func (p *parser) findBody() {
	if p.opt.KeepBoilerplate {
		return
	}
	us := p.units()
	good := 0
	for _, u := range us {
		if u.class == classGood {
			good += u.st.words
		}
	}
	if good < minBodyWords {
		return
	}
	// The run with the largest sum of weights (Kadane); on ties the
	// longer run.
	// A long run of non-prose units is a block of chrome (a listing, a
	// footer), a stronger break than a heading or an advertisement line.
	// List items and lines set off by indentation (a quoted poem) are the
	// essay's structure, not evidence either way, unless they read as
	// interface.
	indents := map[int]int{}
	for _, u := range us {
		if u.class == classGood {
			indents[u.lines[0].indent]++
		}
	}
	base := mostCommon(indents)
	for _, u := range us {
		if !u.removed && u.class == classShort && u.st.iface*3 < u.st.words &&
			(listMarker(u.lines[0].text) != "" || u.lines[0].indent >= base+4) {
			u.structural = true
		}
	}
	ws := make([]float64, len(us))
	run := 0
	for i, u := range us {
		ws[i] = u.weight()
		if u.structural {
			ws[i] = 0
		}
		if u.class >= classNear || u.structural {
			run = 0
			continue
		}
		if run++; run == chromeRun {
			ws[i] -= 10
		}
	}
	best, bestA, bestB := -1e18, 0, -1
	sum, a := 0.0, 0
	for i := range us {
		if sum <= 0 {
			sum, a = 0, i
		}
		sum += ws[i]
		if sum > best || sum == best && i > bestB {
			best, bestA, bestB = sum, a, i
		}
	}
	if bestB < 0 {
		return
	}
	start, end := bestA, bestB
	// A small island of prose at either end, cut off from the rest by two
	// or more short units (a caption, a blurb), is not the body.
	start, end = trimIslands(us, start, end)
	// Structure before the body: headings, a salutation and its dateline.
	// Lines in capitals lead the body only where the body has headings
	// in capitals too.
	for _, u := range us[start : end+1] {
		if len(u.lines) == 1 && u.class == classShort && allCaps(u.lines[0].text) {
			p.capsHeadings++
		}
	}
	for start > 0 && (p.leadsBody(us[start-1]) || len(us[start-1].lines) == 1 && datelineRE.MatchString(us[start-1].lines[0].text) &&
		salutationRE.MatchString(us[start].lines[0].text)) {
		start--
	}
	// A citation of the page itself (a line with a web address) and the
	// short lines above it ("Cite this essay", "APA") end many copied
	// pages: not the essay's last paragraph.
	for end > start && us[end].class >= classNear && hasURL(us[end]) {
		k := end - 1
		for k > start && us[k].class < classNear {
			k--
		}
		if k <= start {
			break
		}
		end = k
	}
	// An assignment's directions opening the body are metadata.
	if start < end && len(us[start].lines) == 1 {
		if label, _, ok := field(us[start].lines[0].text); ok && assignmentLabels[label] {
			p.remove(us[start].lines[0], fmt.Sprintf("metadata: the assignment's %q line above the essay", fieldLabel(us[start].lines[0].text)))
			start++
		}
	}
	// Structure after the body: a references or notes section, a sign-off
	// and its name lines.
	end = p.trailEnd(us, end)
	for i, u := range us {
		zone := zoneBody
		switch {
		case i < start:
			zone = zoneHead
		case i > end:
			zone = zoneTail
		}
		for _, l := range u.lines {
			l.zone = zone
		}
	}
	p.placePaywall(us[end].lines[len(us[end].lines)-1].idx)
	p.removeChromeBoxes()
	for i, u := range us {
		switch {
		case i > end:
			p.removeUnit(u, "chrome: after the essay's body, "+u.why)
		case i >= start && u.class == classBad && strings.HasPrefix(u.why, "mostly interface"):
			p.removeUnit(u, "chrome: inside the body, "+u.why)
		}
	}
}

// removeUnit removes every line of a unit as cut chrome.
func (p *parser) removeUnit(u *unit, why string) {
	for _, l := range u.lines {
		if !l.removed {
			p.remove(l, why)
			l.cut, l.cutWhat = true, "chrome"
		}
	}
}

// leadsBody reports whether a unit just before the body belongs to it: a
// section heading (numbered, a known section name, a Markdown heading, a
// Roman numeral or a line in capitals), a salutation or a dateline.
func (p *parser) leadsBody(u *unit) bool {
	if len(u.lines) != 1 || u.st.iface > 0 {
		return false
	}
	t := u.lines[0].text
	if _, _, ok := knownSection(t); ok {
		return true
	}
	if u.class == classBad && !numberedHeadingRE.MatchString(t) {
		return false
	}
	if m := mdHeadingRE.FindStringSubmatch(t); m != nil {
		return len(m[1]) >= 2
	}
	return salutationRE.MatchString(t) || numberedHeadingRE.MatchString(t) || romanRE.MatchString(t) ||
		allCaps(t) && wordCount(t) <= 8 && !p.nameLike(t) && p.capsHeadings > 0
}

// trailEnd extends the body's last unit over the structure that follows
// it: a references or notes heading and its entries, a sign-off and up
// to three name lines.
func (p *parser) trailEnd(us []*unit, end int) int {
	closing := 0
	for i := end + 1; i < len(us) && i <= end+3; i++ {
		u := us[i]
		if u.removed {
			continue
		}
		t := u.lines[0].text
		if _, _, ok := knownSection(t); ok && len(u.lines) == 1 {
			// The section runs on while its entries do not read as
			// interface.
			j := i + 1
			for j < len(us) && us[j].class != classBad && us[j].st.iface*4 <= us[j].st.words {
				j++
			}
			if j == i+1 {
				return end
			}
			end = j - 1
			i = end
			continue
		}
		if signoffRE.MatchString(t) {
			j := i + 1
			for j < len(us) && j <= i+3 && len(us[j].lines) == 1 && us[j].class == classShort && us[j].st.iface == 0 {
				j++
			}
			return j - 1
		}
		// A list that ends the essay ("- Walk or cycle") and lines set
		// off by indentation (a poem quoted at the end) run on from the
		// body while they hold no interface words.
		if i == end+1 && (u.structural || u.st.iface == 0 && u.class != classBad && p.setOff(u, us, end)) {
			end = i
			continue
		}
		// A closing sentence or two ("Thank you for listening.").
		if i == end+1 && closing < 2 && u.class != classBad && u.st.iface == 0 && u.st.ends && u.st.words >= 2 {
			end, closing = i, closing+1
			continue
		}
		break
	}
	return end
}

// allCaps reports whether t has letters and no lower-case letter.
func allCaps(t string) bool {
	return letterCount(t) >= 2 && !hasLower(t)
}

// findLayout runs the statistical readers in order: page furniture,
// tables of contents, the body and the head zone before it.
func (p *parser) findLayout() {
	p.fw = p.lang.functionSet()
	if !p.opt.KeepBoilerplate {
		p.readCoverSheet()
		p.removeFurniture()
		p.removeTOC()
	}
	p.findBody()
	p.readHead()
}

// islandWords is the most words an island of prose at the edge of the
// body run may have to be cut off.
const islandWords = 40

// trimIslands drops small runs of prose at the start of the body run
// [start, end] that two or more non-prose units separate from the rest
// (a caption or a blurb above the essay's own title). At the end a short
// last paragraph after a box of chrome is still the essay's, so the end
// is left to the search.
func trimIslands(us []*unit, start, end int) (int, int) {
	for {
		words, k := 0, start
		for k <= end && us[k].class >= classNear {
			words += us[k].st.words
			k++
		}
		gap := 0
		for k <= end && us[k].class < classNear {
			if !us[k].removed {
				gap++
			}
			k++
		}
		if k > end || gap < 2 || words >= islandWords || words == 0 {
			break
		}
		start = k
	}
	return start, end
}

// removeChromeBoxes removes what is left of a box of chrome inside the
// body (a newsletter sign-up, a share bar): a block of three or more lines
// between blank lines of which at least half were removed as chrome or
// read as interface; its other short lines go too.
func (p *parser) removeChromeBoxes() {
	for i := 0; i < len(p.lines); {
		if p.lines[i].blank {
			i++
			continue
		}
		j := i
		for j < len(p.lines) && !p.lines[j].blank {
			j++
		}
		if j-i < 3 {
			i = j
			continue
		}
		j, chrome, n := i, 0, 0
		for j < len(p.lines) && !p.lines[j].blank {
			l := p.lines[j]
			if !(l.removed && l.cutWhat != "chrome") {
				n++
			}
			if l.removed && l.cutWhat == "chrome" || !l.removed && len(l.text) <= maxChrome && measure(l.text, p.fw).iface*3 >= max(1, wordCount(l.text)) {
				chrome++
			}
			j++
		}
		if n >= 3 && chrome*2 >= n {
			for _, l := range p.lines[i:j] {
				if l.removed || l.zone != zoneBody {
					continue
				}
				st := measure(l.text, p.fw)
				if c, _ := st.classify(); c < classGood {
					p.remove(l, fmt.Sprintf("chrome: in a box of chrome inside the body (%d of its %d lines are chrome)", chrome, n))
					l.cut, l.cutWhat = true, "chrome"
				}
			}
		}
		i = j
	}
}

// setOff reports whether a unit is indented past the body's last unit by
// four columns or more: a quotation or poem set off from the prose.
func (p *parser) setOff(u *unit, us []*unit, end int) bool {
	base := us[end].lines[0].indent
	for _, l := range u.lines {
		if l.indent < base+4 {
			return false
		}
	}
	return true
}

// assignmentLabels are the labels of an assignment's instructions, which
// stand above the essay on worksheets and exam papers.
var assignmentLabels = setOf("directions", "instructions", "prompt", "task", "question", "assignment", "essay prompt", "essay question", "writing prompt")

// hasURL reports whether a unit holds a web address.
func hasURL(u *unit) bool {
	for _, l := range u.lines {
		if strings.Contains(l.text, "://") || strings.Contains(l.text, "www.") {
			return true
		}
	}
	return false
}

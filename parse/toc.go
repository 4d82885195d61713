package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file removes a table of contents: a run of short lines whose
// entries, without their leader dots and page numbers, repeat headings
// that stand later in the text. The line naming the list ("Contents",
// "Inhalt.") goes with it.

// tocKey is a contents entry or heading reduced to its letters and digits,
// without leader dots and a page number: "2.1 Chemistry ...... 3" and
// "2.1 Chemistry" give the same key, as do "Preface ..... xi" and
// "Preface". (Trimmed by hand, not with a regular expression: it runs on
// every short line.)
func tocKey(t string) string {
	t2 := strings.TrimRight(t, " .·…_0123456789")
	// A Roman page number after a leader of dots.
	if i := strings.LastIndexAny(t2, " .…·_"); i >= 0 && i < len(t2)-1 && strings.Trim(t2[i+1:], "ivxlc") == "" &&
		strings.HasSuffix(strings.TrimRight(t2[:i+1], " "), "..") {
		t2 = strings.TrimRight(t2[:i+1], " .·…_")
	}
	if t2 == "" {
		t2 = t
	}
	return key(t2)
}

// minTOC is the fewest entries that make a table of contents.
const minTOC = 3

// removeTOC finds, near the start of the text, runs of at least minTOC consecutive short lines (no
// blank line between) of which two thirds repeat a later short line, and
// removes them with the label line above them.
func (p *parser) removeTOC() {
	// Where each short line's key last occurs.
	last := map[string]int{}
	keys := make([]string, len(p.lines))
	for i, l := range p.lines {
		if !l.blank && !l.removed && len(l.text) <= 4*maxHeading && utf8.RuneCountInString(l.text) <= maxHeading {
			keys[i] = tocKey(l.text)
			last[keys[i]] = i
		}
	}
	// A table of contents stands near the start.
	reach := max(200, len(p.lines)/4)
	for i := 0; i < len(p.lines) && i < reach; {
		j, hits := i, 0
		for j < len(p.lines) && keys[j] != "" {
			k := keys[j]
			if at, ok := last[k]; ok && at > j && k != "" {
				hits++
			}
			j++
		}
		if j-i >= minTOC && hits*3 >= (j-i)*2 {
			p.removeTOCRun(i, j, last)
		}
		if j == i {
			j++
		}
		i = j
	}
}

// removeTOCRun removes the contents entries lines[i:j] and a label line
// standing alone just above them; last maps keys to their last line.
func (p *parser) removeTOCRun(i, j int, last map[string]int) {
	for _, l := range p.lines[i:j] {
		why := "table of contents: an entry"
		if at, ok := last[tocKey(l.text)]; ok && at >= j {
			why = fmt.Sprintf("table of contents: the entry repeats the heading on line %d", p.lines[at].num)
		}
		p.remove(l, why)
		l.cut, l.cutWhat = true, "contents"
	}
	if k := p.prevKept(i - 1); k >= 0 && wordCount(p.lines[k].text) <= 4 && (k == 0 || p.lines[k-1].blank) && p.lines[k+1].blank == (k+1 < i) {
		p.remove(p.lines[k], "table of contents: the heading of the contents list")
		p.lines[k].cut, p.lines[k].cutWhat = true, "contents"
	}
}

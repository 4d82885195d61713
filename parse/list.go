package parse

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/essayexport/essayexport/essay"
)

var (
	// bulletRE matches a bulleted item: "- text", "* text", "• text".
	bulletRE = regexp.MustCompile(`^([-*•·▪‣◦–—+])\s+(\S.*)$`)
	// orderedRE matches a numbered item: "1. text", "2) text", "(3) text",
	// "a) text", "(b) text", "iv. text".
	orderedRE = regexp.MustCompile(`^(\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|\([a-zA-Z]\)|[A-Z]\)|[ivxlc]{1,6}[.)]|[IVXLC]{1,6}[.)])\s+(\S.*)$`)
)

// listMarker returns the list marker that starts text, or "".
func listMarker(text string) string {
	if m := bulletRE.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	if m := orderedRE.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// openList reads one list item: a line starting with a marker, and the
// lines that continue it (indented under it, or wrapped on).
func openList(p *parser, r *region, i int) (essay.Block, int, bool) {
	l := r.lines[i]
	var marker, text string
	ordered := false
	if m := bulletRE.FindStringSubmatch(l.text); m != nil {
		marker, text = m[1], m[2]
	} else if m := orderedRE.FindStringSubmatch(l.text); m != nil {
		marker, text, ordered = m[1], m[2], true
	} else {
		return essay.Block{}, 0, false
	}
	if i > 0 && r.wrapped {
		// In wrapped text, a "marker" at the start of a line under a full
		// line ("– a leader ...", "136. Vide ...") is part of the
		// sentence, unless the sentence ended and more items follow.
		prev := r.lines[i-1]
		more := i+1 < len(r.lines) && listMarker(r.lines[i+1].text) != ""
		if listMarker(prev.text) == "" && !p.breaks(r, prev, l) && (!endsSentence(prev.text) || !more) {
			return essay.Block{}, 0, false
		}
	}
	parts := []string{text}
	j := i + 1
	for ; j < len(r.lines); j++ {
		b := r.lines[j]
		if listMarker(b.text) != "" {
			break
		}
		cont := b.join || b.indent > l.indent ||
			r.wrapped && !endsSentence(r.lines[j-1].text) && b.indent == l.indent && !p.breaks(r, r.lines[j-1], b)
		if !cont {
			break
		}
		parts = append(parts, b.text)
	}
	b := essay.Block{Kind: essay.ListItem, Text: p.joinAll(parts), Marker: marker, Ordered: ordered}
	b.Why = itemWhy(b)
	if j-i > 1 {
		b.Why += fmt.Sprintf("; %d lines joined", j-i)
	}
	return b, j - i, true
}

// itemWhy names a list item's marker, for Block.Why.
func itemWhy(b essay.Block) string {
	if b.Ordered {
		return fmt.Sprintf("numbered %q", b.Marker)
	}
	return fmt.Sprintf("bullet %q", b.Marker)
}

// explainLists adds to each list item's Why the length of the run of
// items it stands in.
func (p *parser) explainLists() {
	blocks := p.doc.Blocks
	for i := 0; i < len(blocks); {
		if blocks[i].Kind != essay.ListItem {
			i++
			continue
		}
		j := i + 1
		for j < len(blocks) && blocks[j].Kind == essay.ListItem && blocks[j].Ordered == blocks[i].Ordered {
			j++
		}
		run := ", a lone item"
		if j-i > 1 {
			run = fmt.Sprintf(" in a run of %d items", j-i)
		}
		for k := i; k < j; k++ {
			head := listRule + ": " + itemWhy(blocks[k])
			if rest, ok := strings.CutPrefix(blocks[k].Why, head); ok {
				blocks[k].Why = head + run + rest
			}
		}
		i = j
	}
}

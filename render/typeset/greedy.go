package typeset

import "math"

// Greedy sets the same text with a first-fit greedy breaker (what word
// processors/fpdf MultiCell do), same Line output, for comparison in the
// word-spacing measurement. Each line takes as many words at their natural
// spacing as fit; with a Hyphenator, the word that does not fit is broken
// at its last hyphenation point that does.
func Greedy(text string, p Params) []Line {
	ws, c := prepare(text, nil, &p)
	return greedy(ws, &p, c)
}

// GreedySpans is Greedy for styled text (see BreakSpans).
func GreedySpans(spans []Span, p Params) []Line {
	ws, c := prepare("", spans, &p)
	return greedy(ws, &p, c)
}

func greedy(ws wordList, p *Params, c *config) []Line {
	if c == nil {
		return nil
	}
	first := c.width - math.Max(c.indent, 0)
	if first <= 0 {
		first = c.width
	}
	para := &c.scratch
	build(para, ws, p, c, p.Hyphenator, c.width, first)
	items := para.items
	var breaks []int32
	start := int32(-1) // the break the current line starts after
	last := int32(-1)  // the last break that fits on the current line
	for b := int32(0); b < int32(len(items)); b++ {
		it := &items[b]
		legal := (it.kind == glue && !it.fil) || (it.kind == penalty && it.penalty < infPenalty)
		if !legal {
			continue
		}
		target := c.width
		if start < 0 {
			target = first
		}
		w, _, _, _ := para.lineShape(start, b)
		if w > target && last > start {
			breaks = append(breaks, last)
			start = last
			b = last // look again from the new line's start
			continue
		}
		if it.kind == penalty && it.penalty <= -infPenalty {
			breaks = append(breaks, b)
			break
		}
		if w > target {
			// a single piece wider than the line: it goes on a line of its own
			breaks = append(breaks, b)
			start, last = b, b
			continue
		}
		last = b
	}
	lines, _ := setLines(para, breaks, c, c.indent, p)
	return lines
}

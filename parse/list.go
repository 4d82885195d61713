package parse

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/essayexport/essayexport/essay"
)

var (
	// bulletRE matches a bulleted item: "- text", "* text", "• text".
	bulletRE = regexp.MustCompile(`^([-*•·▪‣◦–—+])\s+(\S.*)$`)
	// orderedRE matches a numbered item: "1. text", "2) text", "(3) text",
	// "a) text", "(b) text", "iv. text". Numbers run to six digits, so
	// that a list of thousands of items stays a list.
	orderedRE = regexp.MustCompile(`^(\d{1,6}[.)]|\(\d{1,6}\)|[a-z][.)]|\([a-zA-Z]\)|[A-Z]\)|[ivxlc]{1,6}[.)]|[IVXLC]{1,6}[.)])\s+(\S.*)$`)
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
// lines that continue it (indented under it, or wrapped on). It returns a
// List block of one item; groupLists joins the items of a run into one
// list, nested by indentation.
func openList(p *parser, r *region, i int) (essay.Block, int, bool) {
	l := r.lines[i]
	var marker, text string
	kind := essay.Bullets
	if m := bulletRE.FindStringSubmatch(l.text); m != nil {
		marker, text = m[1], m[2]
	} else if m := orderedRE.FindStringSubmatch(l.text); m != nil {
		marker, text, kind = m[1], m[2], essay.Numbered
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
	why := fmt.Sprintf("bullet %q", marker)
	if kind == essay.Numbered {
		why = fmt.Sprintf("numbered %q", marker)
	}
	if j-i > 1 {
		why += fmt.Sprintf("; %d lines joined", j-i)
	}
	return itemBlock(kind, marker, p.joinAll(parts), why), j - i, true
}

// itemBlock is the one-item List block that openList and openReference
// return, for groupLists to join.
func itemBlock(kind essay.ListKind, marker, text, why string) essay.Block {
	return essay.Block{Kind: essay.List, Text: text, Why: why,
		List: &essay.ListInfo{Kind: kind, Items: []essay.Item{{Marker: marker, Text: text, Why: itemRule(kind) + ": " + why}}}}
}

// itemRule is the rule name at the head of an item's Why.
func itemRule(k essay.ListKind) string {
	if k == essay.References {
		return "reference"
	}
	return "list_item"
}

// listStyle returns the numbering style of an ordered marker ("1", "a",
// "A", "i", "I") and the number it stands for. prev is the style of the
// list the item would join ("" for none): after "h", "i" is a letter.
func listStyle(marker, prev string) (string, int) {
	core := strings.Trim(marker, "().")
	if n, err := strconv.Atoi(core); err == nil {
		return "1", n
	}
	lower := strings.ToLower(core)
	if v := romanValue(lower); v > 0 && (len(core) > 1 || lower == "i" && prev != "a" && prev != "A") && (prev == "" || prev == "i" || prev == "I") {
		if core == lower {
			return "i", v
		}
		return "I", v
	}
	if len(core) == 1 {
		c := core[0]
		if c >= 'a' && c <= 'z' {
			return "a", int(c-'a') + 1
		}
		if c >= 'A' && c <= 'Z' {
			return "A", int(c-'A') + 1
		}
	}
	return "1", 1
}

// romanValue returns the value of a lower-case Roman numeral, or 0.
func romanValue(s string) int {
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100}
	total := 0
	for k := 0; k < len(s); k++ {
		v := vals[s[k]]
		if v == 0 {
			return 0
		}
		if k+1 < len(s) && vals[s[k+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	return total
}

// listLevel is one open list while groupLists nests items.
type listLevel struct {
	indent int
	list   *essay.ListInfo
	last   int // the number of the last item, for ordered lists
}

// groupLists joins each run of consecutive one-item List blocks (as
// openList and openReference emit them) into List blocks: an item
// indented deeper than the one before is nested under it (Item.Sub); an
// item of another kind or numbering style, or one that numbers back to
// or below the last at the top level, starts a new list. indents holds
// the source indentation of each item block by its index.
func (p *parser) groupLists(indents map[int]int) {
	blocks := p.doc.Blocks
	out := blocks[:0:0]
	for i := 0; i < len(blocks); {
		if blocks[i].Kind != essay.List {
			out = append(out, blocks[i])
			i++
			continue
		}
		var stack []listLevel
		var cur *essay.Block
		nested, n := 0, 0
		flush := func() {
			if cur != nil {
				cur.Text = listText(cur.List, nil)
				cur.Why = listWhy(cur.List, n, nested)
				out = append(out, *cur)
			}
			cur, stack, nested, n = nil, nil, 0, 0
		}
		for ; i < len(blocks) && blocks[i].Kind == essay.List; i++ {
			b := blocks[i]
			it := b.List.Items[0]
			it.Line = b.Line
			kind, ind := b.List.Kind, indents[i]
			if kind == essay.References {
				ind = 0 // entries are siblings; hanging indents are continuation lines
			}
			for len(stack) > 1 && stack[len(stack)-1].indent > ind {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 {
				top := &stack[len(stack)-1]
				if ind > top.indent && kind != essay.References && top.list.Kind != essay.References {
					// Nested under the last item of the open list.
					sub := &essay.ListInfo{Kind: kind}
					parent := &top.list.Items[len(top.list.Items)-1]
					parent.Sub = sub
					stack = append(stack, listLevel{indent: ind, list: sub})
					nested++
				} else if !p.joinsList(top, kind, it.Marker) && len(stack) == 1 {
					flush()
				} else if len(stack) > 1 && top.list.Kind != kind {
					stack = stack[:len(stack)-1] // back out to the parent level
					top = &stack[len(stack)-1]
					if !p.joinsList(top, kind, it.Marker) {
						flush()
					}
				}
			}
			if len(stack) == 0 {
				cur = &essay.Block{Kind: essay.List, Line: b.Line, List: &essay.ListInfo{Kind: kind}}
				stack = []listLevel{{indent: ind, list: cur.List}}
			}
			top := &stack[len(stack)-1]
			if top.list.Kind == essay.Numbered && kind == essay.Numbered {
				style, num := listStyle(it.Marker, top.list.Style)
				if len(top.list.Items) == 0 {
					top.list.Style, top.list.Start = style, num
				}
				top.last = num
			}
			top.list.Items = append(top.list.Items, it)
			n++
		}
		flush()
	}
	p.doc.Blocks = out
}

// joinsList reports whether an item of kind k with marker m continues the
// open list top: the same kind, and for a numbered list the same style
// and a number past the last one.
func (p *parser) joinsList(top *listLevel, k essay.ListKind, m string) bool {
	if top.list.Kind != k {
		return false
	}
	if k != essay.Numbered {
		return true
	}
	style, num := listStyle(m, top.list.Style)
	return style == top.list.Style && num > top.last
}

// listText is the plain text of a list: its items' text, depth first,
// one a line.
func listText(l *essay.ListInfo, lines []string) string {
	eachItem(l, func(it *essay.Item) { lines = append(lines, it.Text) })
	return strings.Join(lines, "\n")
}

// listWhy explains a List block: its kind, how many items, its markers,
// and the nesting.
func listWhy(l *essay.ListInfo, n, nested int) string {
	var why string
	n, inner := len(l.Items), n-len(l.Items)
	switch l.Kind {
	case essay.References:
		why = fmt.Sprintf("%s under a references heading", plural(n, "entry", "entries"))
	case essay.Numbered:
		why = fmt.Sprintf("run of %s numbered from %q (style %s, start %d)", plural(n, "item", "items"), l.Items[0].Marker, l.Style, l.Start)
	default:
		var marks []string
		for _, it := range l.Items {
			if q := strconv.Quote(it.Marker); !slices.Contains(marks, q) {
				marks = append(marks, q)
			}
		}
		why = fmt.Sprintf("run of %s marked %s", plural(n, "item", "items"), strings.Join(marks, ", "))
	}
	if nested > 0 {
		why += fmt.Sprintf("; %s of %s nested by deeper indentation", plural(nested, "sub-list", "sub-lists"), plural(inner, "item", "items"))
	}
	return "list: " + why
}

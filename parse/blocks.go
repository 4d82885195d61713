package parse

import (
	"fmt"
	"slices"

	"github.com/essayexport/essayexport/essay"
)

// region is a run of kept, non-blank lines between blank lines, removed
// lines set aside. Layout is decided per region, so one file may mix
// layouts.
type region struct {
	lines []*line
	// base is the most common indentation; parIndent the indentation of
	// paragraphs' first lines when they are indented deeper than base.
	base, parIndent int
	// wrapped is true for hard-wrapped prose; width is the wrap width.
	wrapped bool
	width   int
	// quote is true when every line is indented well past the body;
	// docBase is the body's indentation in the whole text.
	quote   bool
	docBase int
	// docWidth is the wrap width of the text's hard-wrapped regions, 0
	// when none is hard-wrapped.
	docWidth int
	// perLine says, for a region of several lines that is not hard-wrapped,
	// why its lines are read one paragraph each.
	perLine string
	// own counts the lines that do not merely continue a sentence cut by
	// removed chrome (0 until ownLines counts them).
	own int
	// blockPars is set on the wrapped regions of a text whose paragraphs
	// are blocks separated by blank lines (see blockParagraphs).
	blockPars bool
}

// ownLines returns the number of lines that count towards the region's
// layout: those that do not merely continue a sentence cut by removed
// chrome. It counts them once, so that explaining each paragraph stays
// linear.
func (r *region) ownLines() int {
	if r.own == 0 {
		for _, q := range r.lines {
			if !q.join {
				r.own++
			}
		}
		r.own = max(r.own, 1)
	}
	return r.own
}

// blockRule reads one block that starts at line i of a region. It returns
// the block and how many lines it used, or ok false. Rules must not change
// the parser: they are also asked whether a line interrupts a paragraph.
// A rule puts its evidence in Block.Why ("bullet \"-\""); openBlock puts
// the rule's name before it ("list_item: bullet \"-\"").
type blockRule struct {
	name string
	open func(p *parser, r *region, i int) (b essay.Block, n int, ok bool)
}

// rules is the prioritised list of block rules: the first that opens at a
// line wins, and the paragraph (paragraph.go) is the fallback.
//
//  1. rule       - a scene break ("* * *", "---") standing between paragraphs (rule.go)
//  2. verse      - set-off short lines that read as lines, not wrapped prose (verse.go)
//  3. quote      - ">"-prefixed lines, or lines indented deeper than the body
//  4. dateline   - a line that is only a date ("3 May 2024", "Paris, May 3, 2024")
//  5. salutation - "Dear ...," on its own line
//  6. signature  - a sign-off ("Yours sincerely,") and the name lines under it
//  7. heading    - a standalone section name, numbered or ALL-CAPS line
//  8. reference  - each entry after a References/Bibliography/Works Cited heading
//  9. list_item  - bulleted ("-", "*", "•") and numbered ("1.", "a)") items
//  10. paragraph - everything else: lines joined per the region's layout
//
// Reference entries and list items come out as one-item List blocks;
// groupLists (list.go) joins each run into one List, nested by
// indentation; joinStanzas (verse.go) joins a poem's stanzas and takes a
// dash line under a poem or quotation as its attribution.
var rules []blockRule

func init() {
	rules = []blockRule{
		{"rule", openRule},
		{"verse", openVerse},
		{"quote", openQuote},
		{"dateline", openDateline},
		{"salutation", openSalutation},
		{"signature", openSignature},
		{"heading", openHeading},
		{"reference", openReference},
		{listRule, openList},
	}
}

// listRule is the name of the list rule, as Block.Why starts.
const listRule = "list_item"

// buildBlocks groups the kept lines into regions and reads blocks from
// them with the rules.
func (p *parser) buildBlocks() {
	p.lastKept = -1
	for i, l := range p.lines {
		if !l.blank && !l.removed {
			p.lastKept = i
		}
	}
	regions := p.regions()
	indents := map[int]int{} // list items' indentation, by block index
	for _, r := range regions {
		for i := 0; i < len(r.lines); {
			b, n := p.openBlock(r, i)
			b.Line = r.lines[i].num
			if r.lines[i].join && p.mergeIntoLast(b, r.lines[i]) {
				i += n
				continue
			}
			if b.Kind == essay.List {
				indents[len(p.doc.Blocks)] = r.lines[i].indent
			}
			p.emit(b)
			i += n
		}
	}
	p.groupLists(indents)
	p.joinStanzas()
	p.trimRules()
	p.relevelMarkdown()
}

// openBlock runs the rules at line i; the paragraph is the fallback. It
// sets Block.Why to the rule's name, its evidence and any sentence mended
// inside the block.
func (p *parser) openBlock(r *region, i int) (essay.Block, int) {
	name := "paragraph"
	b, n, ok := essay.Block{}, 0, false
	for _, rule := range rules {
		if b, n, ok = rule.open(p, r, i); ok {
			name = rule.name
			break
		}
	}
	if !ok {
		b, n = openParagraph(p, r, i)
	}
	if b.Why == "" {
		b.Why = name
	} else {
		b.Why = name + ": " + b.Why
	}
	for _, l := range r.lines[i+1 : i+n] {
		b.Why += l.mendNote()
		if b.List != nil {
			b.List.Items[0].Why += l.mendNote()
		}
	}
	return b, n
}

// mendNote describes the sentence mended at a join line, or "".
func (l *line) mendNote() string {
	if !l.join || l.mended == "" {
		return ""
	}
	return fmt.Sprintf("; sentence cut by %s mended", l.mended)
}

// interrupts reports whether a rule other than the paragraph opens at
// line i.
func (p *parser) interrupts(r *region, i int) bool {
	for _, rule := range rules {
		if _, _, ok := rule.open(p, r, i); ok {
			return true
		}
	}
	return false
}

// mergeIntoLast appends a block that continues a sentence cut by removed
// chrome, at line l, to the previous block.
func (p *parser) mergeIntoLast(b essay.Block, l *line) bool {
	n := len(p.doc.Blocks)
	if n == 0 || b.Kind != essay.Paragraph {
		return false
	}
	last := &p.doc.Blocks[n-1]
	switch last.Kind {
	case essay.Paragraph, essay.Quote:
		last.Text = p.joinText(last.Text, b.Text)
		last.Why += l.mendNote()
		return true
	case essay.List: // one item until groupLists runs
		it := &last.List.Items[len(last.List.Items)-1]
		it.Text = p.joinText(it.Text, b.Text)
		it.Why += l.mendNote()
		last.Text = it.Text
		return true
	}
	return false
}

// emit appends a block and updates the state that rules read.
func (p *parser) emit(b essay.Block) {
	if b.Text == "" && b.Kind != essay.Rule {
		return
	}
	switch b.Kind {
	case essay.Heading:
		_, p.inRefs, _ = knownSection(b.Text)
		if p.inRefs {
			p.refsHeading = b.Text
		}
	}
	p.signing = b.Kind == essay.Signature
	p.doc.Blocks = append(p.doc.Blocks, b)
}

// regions cuts the kept lines into regions at blank lines and measures
// each one.
func (p *parser) regions() []*region {
	var out []*region
	var cur *region
	for _, l := range p.lines {
		switch {
		case l.removed:
		case l.blank:
			cur = nil
		default:
			if cur == nil {
				cur = &region{}
				out = append(out, cur)
			}
			cur.lines = append(cur.lines, l)
		}
	}
	docWidth := 0
	indents := map[int]int{}
	for _, r := range out {
		r.measure()
		if r.wrapped && len(r.lines) >= 3 {
			docWidth = max(docWidth, r.width)
		}
		for _, l := range r.lines {
			indents[l.indent]++
		}
	}
	docBase := mostCommon(indents)
	var deep []*region
	for _, r := range out {
		r.docBase, r.docWidth = docBase, docWidth
		if docWidth > 0 && len(r.lines) < 3 && r.width <= docWidth {
			r.width = docWidth
			r.wrapped = r.wrapped || len(r.lines) == 2 && r.lines[0].width()*4 >= docWidth*3
		}
		all := true
		for _, l := range r.lines {
			all = all && l.indent >= docBase+4
		}
		if all {
			deep = append(deep, r)
		}
	}
	blockParagraphs(out)
	// Deep indentation marks quotations only where most of the text is
	// not indented so; otherwise it is the text's own layout.
	if len(deep)*3 <= len(out) {
		for _, r := range deep {
			r.quote = true
		}
	}
	return out
}

// measure sets a region's indentation, wrap width and layout.
func (r *region) measure() {
	indents := map[int]int{}
	widths := make([]int, len(r.lines))
	for k, l := range r.lines {
		indents[l.indent]++
		widths[k] = l.width()
	}
	r.base = mostCommon(indents)
	// The wrap width is the 90th percentile of the line widths, so that
	// a few overlong lines (a URL, a long word) do not inflate it.
	slices.Sort(widths)
	r.width = widths[(len(widths)*9+9)/10-1]
	first := map[int]int{}
	for i, l := range r.lines {
		if l.indent > r.base && i+1 < len(r.lines) && r.lines[i+1].indent <= r.base {
			first[l.indent]++
		}
	}
	r.parIndent = r.base
	if len(first) > 0 {
		r.parIndent = mostCommon(first)
	}
	n := len(r.lines)
	if n < 2 {
		return
	}
	if r.width > maxWrapWidth {
		r.perLine = fmt.Sprintf("lines of up to ~%d columns, too long to be hard-wrapped", r.width)
		return
	}
	// Wrapped lines mostly fill the width and seldom end a sentence;
	// lines that all end one are one paragraph (or message) each.
	full, ends := 0, 0
	for _, l := range r.lines[:n-1] {
		if l.width()*4 >= r.width*3 {
			full++
		}
		if endsSentence(l.text) {
			ends++
		}
	}
	r.wrapped = full*10 >= (n-1)*6 && ends < n-1
	switch {
	case ends == n-1 && n == 2:
		r.perLine = "the first line ends a sentence"
	case ends == n-1:
		r.perLine = "every line but the last ends a sentence"
	case !r.wrapped:
		r.perLine = "lines too uneven in length to be hard-wrapped"
	}
}

// maxWrapWidth is the widest line (in characters) of hard-wrapped text.
const maxWrapWidth = 160

// mostCommon returns the most frequent key (the smallest on ties).
func mostCommon(m map[int]int) int {
	best, bestN := 0, -1
	for k, n := range m {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}

// blockParagraphs marks the wrapped regions of a text set in block
// paragraphs: three or more hard-wrapped regions of three or more lines,
// blank lines between them and no first-line indentation. There a blank
// line is what ends a paragraph; inside a region, only a clearly short
// line ending a sentence does (justified type fills lines unevenly, so
// whether the next word would have fitted says little).
func blockParagraphs(rs []*region) {
	n := 0
	for _, r := range rs {
		if r.wrapped && len(r.lines) >= 3 {
			if r.parIndent > r.base {
				return
			}
			n++
		}
	}
	if n < 3 {
		return
	}
	for _, r := range rs {
		r.blockPars = r.wrapped
	}
}

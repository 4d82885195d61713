package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/render/pdf/tag"
	"github.com/essayexport/essayexport/render/typeset"
)

// bodySetter sets one essay's body into paras: blocks dispatches each
// block kind to one function of its own, as goldmark's renderers do, and
// each function sets its block from what the model carries (a List from
// its ListInfo, never from the blocks around it).
type bodySetter struct {
	r    *renderer
	doc  *essay.Document
	hyph *typeset.Hyphenator
	ps   []*para

	carry        []bookmark // the essay's outline entry, waiting for a first block
	afterHeading bool       // the next paragraph is not indented
	prev         essay.Kind
	lastLevel    int       // outline level of the last heading
	gap          float64   // space between paragraphs
	listParent   *tag.Elem // the LBody a nested list is tagged in

	// notes: anchors are named prefix+"ref:"+id (the first reference to a
	// note) and prefix+"note:"+id (the note), prefix naming the essay
	prefix  string
	noteIDs map[string]bool
	refs    map[string]bool
}

// blocks sets the essay's body and its notes. prev holds the title
// block's paras: an empty one carries the essay's outline entry to the
// first real block.
func (r *renderer) blocks(doc *essay.Document, prev []*para) []*para {
	s := &bodySetter{r: r, doc: doc, hyph: r.hyphenator(doc.Lang), afterHeading: true}
	s.gap = r.leading * 0.6
	if r.o.Indent {
		s.gap = 0
	}
	for _, p := range prev {
		if len(p.lines) == 0 {
			s.carry = append(s.carry, p.bookmarks...)
		}
	}
	if len(doc.Notes) > 0 {
		s.prefix = fmt.Sprintf("e%d:", r.essays)
		s.noteIDs, s.refs = map[string]bool{}, map[string]bool{}
		for _, n := range doc.Notes {
			s.noteIDs[n.ID] = true
		}
	}
	r.essays++
	for i := range doc.Blocks {
		if r.o.Cancelled() {
			break // Render returns render.ErrCancelled
		}
		bl := &doc.Blocks[i]
		switch bl.Kind {
		case essay.Heading:
			s.setHeading(bl)
		case essay.List:
			s.setList(bl)
		case essay.Quote:
			s.setQuote(bl)
		case essay.Verse:
			s.setVerse(bl)
		case essay.Rule:
			s.setRule(bl)
		case essay.Dateline:
			s.setDateline(bl)
		case essay.Salutation:
			s.setSalutation(bl)
		case essay.Signature:
			s.setSignature(bl)
		default: // paragraphs, and kinds this renderer does not know
			s.setParagraph(bl)
		}
		s.prev = bl.Kind
	}
	s.setNotes()
	return s.ps
}

// add appends p, unless it is empty, giving it the waiting outline entry.
func (s *bodySetter) add(p *para) {
	if len(p.lines) == 0 {
		return
	}
	if len(s.carry) > 0 {
		p.bookmarks = append(s.carry, p.bookmarks...)
		s.carry = nil
	}
	s.ps = append(s.ps, p)
}

// refAnchor implements noteLinker.
func (s *bodySetter) refAnchor(id string) (anchor, link string) {
	if !s.noteIDs[id] {
		return "", "" // a marker without a note: drawn, not linked
	}
	if !s.refs[id] {
		s.refs[id] = true
		anchor = s.prefix + "ref:" + id
	}
	return anchor, s.prefix + "note:" + id
}

// blockSpace is the space around a block set off from the text (a list,
// a quotation, a poem): at least 0.4–0.5 of a line even when paragraphs
// have no gap.
func (s *bodySetter) blockSpace(f float64) float64 { return math.Max(s.gap, s.r.leading*f) }

func (s *bodySetter) setParagraph(bl *essay.Block) {
	r := s.r
	st := r.body()
	if r.o.Indent && !s.afterHeading {
		st.first = r.size * 1.5
	}
	p := r.setSpans(bl.Runs(), st, s.hyph, s)
	r.tags.inline(p, r.tags.block("P"))
	p.before = s.gap
	s.afterHeading = false
	s.add(p)
}

func (s *bodySetter) setHeading(bl *essay.Block) {
	r := s.r
	level := min(max(bl.Level, 1), 4)
	p := r.setSpans(bl.Runs(), r.headingStyle(level), nil, s)
	r.tags.inline(p, r.tags.heading(r.tags.base+level))
	p.before = r.leading * [...]float64{1.1, 0.8, 0.7, 0.6}[level-1]
	p.after = r.leading * 0.35
	if level == 4 {
		p.after = r.leading * 0.2
	}
	p.keepWithNext = true
	// outline: under the essay's entry, never deeper than one below the
	// previous heading
	lvl := min(level, s.lastLevel+1)
	s.lastLevel = lvl
	p.bookmarks = append(p.bookmarks, bookmark{text: cleanOutline(bl.Text), level: lvl})
	s.afterHeading = true
	s.add(p)
}

func (s *bodySetter) setList(bl *essay.Block) {
	if bl.List == nil || len(bl.List.Items) == 0 {
		s.setParagraph(bl)
		return
	}
	n := len(s.ps)
	s.setListInfo(bl.List, 0, 0)
	items := s.ps[n:]
	if len(items) == 0 {
		return
	}
	items[0].before = s.blockSpace(0.4)
	items[len(items)-1].after = s.blockSpace(0.4) - s.gap
	// no lone item at a page foot or head: the first item stays with the
	// second and the last with the one before, when they are short
	if k := len(items); k >= 2 {
		for _, p := range []*para{items[0], items[k-2]} {
			if len(p.lines) <= 3 {
				p.keepWithNext = true
			}
		}
	}
	s.afterHeading = true
}

// setListInfo sets a list's items, each a para, with its nested lists
// indented one step; left is where the enclosing item's text starts and
// depth how deeply the list is nested.
func (s *bodySetter) setListInfo(l *essay.ListInfo, left float64, depth int) {
	if l.Kind == essay.References {
		s.setReferences(l, left, depth)
		return
	}
	r := s.r
	st := r.body()
	markers := make([]string, len(l.Items))
	hang := r.size * 1.6
	for i := range l.Items {
		markers[i] = listMarker(l, i, depth)
		hang = math.Max(hang, st.face.wordWidth(markers[i], st.size)+r.size*0.5)
	}
	st.left = left + hang + r.size*0.4
	list := r.tags.list(s.listParent, l, depth)
	for i := range l.Items {
		it := &l.Items[i]
		p := r.setSpans(it.Runs(), st, s.hyph, s)
		if len(p.lines) == 0 { // an empty item still shows its marker
			p.lines = []line{{size: st.size}}
		}
		mw := st.face.wordWidth(markers[i], st.size)
		l0 := &p.lines[0]
		l0.runs = append([]run{{x: r.left + st.left - r.size*0.5 - mw, text: markers[i], face: st.face}}, l0.runs...)
		body := r.tags.item(list, p, true)
		p.before = r.leading * 0.2
		s.add(p)
		s.setSub(it.Sub, body, st.left, depth+1)
	}
}

// setReferences sets a references list: unjustified entries with a
// hanging indent, each keeping the label its source gave it ("[3]").
func (s *bodySetter) setReferences(l *essay.ListInfo, left float64, depth int) {
	r := s.r
	st := r.body()
	st.justify = false
	st.left = left + r.size*2
	st.first = -r.size * 2
	list := r.tags.list(s.listParent, l, depth)
	for i := range l.Items {
		it := &l.Items[i]
		runs := it.Runs()
		if it.Marker != "" {
			runs = append([]essay.Span{{Text: it.Marker + " "}}, runs...)
		}
		p := r.setSpans(runs, st, s.hyph, s)
		body := r.tags.item(list, p, false)
		p.before = r.leading * 0.3
		s.add(p)
		s.setSub(it.Sub, body, st.left, depth+1)
	}
}

// setSub sets an item's nested list, if it has items, tagged under the
// item's body and indented from left.
func (s *bodySetter) setSub(sub *essay.ListInfo, body *tag.Elem, left float64, depth int) {
	if sub == nil || len(sub.Items) == 0 {
		return
	}
	outer := s.listParent
	s.listParent = body
	s.setListInfo(sub, left, depth)
	s.listParent = outer
}

// listMarker is the label of item i of a bulleted or numbered list at a
// nesting depth: a bullet that changes with depth, or the item's number
// (from Start) in the list's Style.
func listMarker(l *essay.ListInfo, i, depth int) string {
	if l.Kind != essay.Numbered {
		return [...]string{"•", "◦", "▪"}[depth%3]
	}
	start := l.Start
	if start == 0 {
		start = 1
	}
	return formatNumber(start+i, l.Style) + "."
}

// formatNumber writes n in a list style: "1" decimal, "a"/"A" letters
// (z, aa, ab, ...), "i"/"I" roman numerals. Numbers a style cannot show
// (below 1, or roman above 3999) are decimal.
func formatNumber(n int, style string) string {
	switch {
	case n < 1:
	case style == "a" || style == "A":
		var b []byte
		for m := n; m > 0; m = (m - 1) / 26 {
			b = append([]byte{byte('a' + (m-1)%26)}, b...)
		}
		if style == "A" {
			return strings.ToUpper(string(b))
		}
		return string(b)
	case (style == "i" || style == "I") && n < 4000:
		vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
		syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
		var b strings.Builder
		for k, v := range vals {
			for ; n >= v; n -= v {
				b.WriteString(syms[k])
			}
		}
		if style == "I" {
			return strings.ToUpper(b.String())
		}
		return b.String()
	}
	return strconv.Itoa(n)
}

// setQuote sets a block quotation: roman, indented from both sides, its
// attribution right-aligned under it after an em dash.
func (s *bodySetter) setQuote(bl *essay.Block) {
	r := s.r
	st := r.body()
	st.left, st.right = r.size*2, r.size*2
	p := r.setSpans(bl.Runs(), st, s.hyph, s)
	p.before = s.blockSpace(0.5)
	if s.prev == essay.Quote {
		p.before = r.leading * 0.3
	}
	r.attribution(p, bl.Attribution, st, s.hyph)
	r.tags.quote([]*para{p}, false)
	p.after = s.blockSpace(0.5) - s.gap
	s.afterHeading = true
	s.add(p)
}

// setVerse sets a poem line by line, each stanza a para.
func (s *bodySetter) setVerse(bl *essay.Block) {
	r := s.r
	st := r.body()
	st.left, st.right = r.size*2, r.size*2
	ps := r.verse(bl, st, s)
	r.tags.quote(ps, true)
	for i, p := range ps {
		p.before = r.leading // a stanza break: a blank line's space
		if i == 0 {
			p.before = s.blockSpace(0.5)
		}
		s.add(p)
	}
	if len(ps) > 0 {
		ps[len(ps)-1].after = s.blockSpace(0.5) - s.gap
	}
	s.afterHeading = true
}

// verse sets a Verse block's stanzas in style st, whose left and right
// indents are the quotation's: one para per stanza, each source line a
// line (its Indent kept, 1.5 em a level), unjustified and unhyphenated; a
// line too long for the measure turns with a hanging indent of 2 em. The
// attribution ends the last stanza.
func (r *renderer) verse(bl *essay.Block, st style, notes noteLinker) []*para {
	st.justify, st.hyphenate, st.center, st.alignRight = false, false, false, false
	hang := st.size * 2
	var ps []*para
	for _, stanza := range bl.Stanzas {
		p := &para{leading: st.leading}
		p.baseline = (st.leading-1.107*st.size)/2 + 0.891*st.size
		for i := range stanza {
			vl := &stanza[i]
			ls := st
			ls.left += float64(min(max(vl.Indent, 0), 6))*st.size*1.5 + hang
			ls.first = -hang
			q := r.setSpans(vl.Runs(), ls, nil, notes)
			p.lines = append(p.lines, q.lines...)
		}
		if len(p.lines) > 0 {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 && strings.TrimSpace(bl.Text) != "" {
		// a verse block without stanzas: its text, a line a line
		p := &para{leading: st.leading}
		p.baseline = (st.leading-1.107*st.size)/2 + 0.891*st.size
		for ln := range strings.SplitSeq(bl.Text, "\n") {
			ls := st
			ls.left += hang
			ls.first = -hang
			p.lines = append(p.lines, r.setText(ln, ls, nil).lines...)
		}
		if len(p.lines) > 0 {
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		r.attribution(ps[len(ps)-1], bl.Attribution, st, nil)
	}
	return ps
}

// attribution appends to p the source of a quotation or poem: "— Name"
// in the roman face at p's size and leading, right-aligned under the
// longest line (so that it stays near a short poem), or under the measure
// when it is wider than that line.
func (r *renderer) attribution(p *para, text string, st style, hyph *typeset.Hyphenator) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	st.face = allFaces[faceRegular]
	st.justify, st.center, st.alignRight = false, false, true
	st.first = 0
	text = "— " + text
	widest := 0.0
	for _, l := range p.lines {
		if n := len(l.runs); n > 0 {
			last := l.runs[n-1]
			size := l.size
			if last.size != 0 {
				size = last.size
			}
			widest = math.Max(widest, last.x+last.face.wordWidth(last.text, size))
		}
	}
	if right := r.left + r.textW - st.right; widest > 0 && widest < right && widest-st.face.wordWidth(text, st.size) >= r.left+st.left {
		st.right = r.left + r.textW - widest
	}
	a := r.setText(text, st, hyph)
	p.lines = append(p.lines, a.lines...)
}

// setRule sets a thematic break: three spaced asterisks, centred, with
// space around them; the paragraph after it is not indented.
func (s *bodySetter) setRule(*essay.Block) {
	r := s.r
	face := allFaces[faceRegular]
	step := r.size * 1.2
	aw := face.wordWidth("*", r.size)
	x := r.left + (r.textW-2*step-aw)/2
	l := line{size: r.size}
	for i := range 3 {
		l.runs = append(l.runs, run{x: x + float64(i)*step, text: "*", face: face})
	}
	p := &para{leading: r.leading, lines: []line{l}}
	r.tags.artifact(p)
	p.baseline = (r.leading-1.107*r.size)/2 + 0.891*r.size
	p.before = s.blockSpace(0.6)
	p.after = s.blockSpace(0.6) - s.gap
	s.afterHeading = true
	s.add(p)
}

// setShortLine sets a dateline, salutation or signature line: its own
// short, unjustified paragraph.
func (s *bodySetter) setShortLine(bl *essay.Block) *para {
	st := s.r.body()
	st.justify, st.hyphenate = false, false
	p := s.r.setSpans(bl.Runs(), st, s.hyph, s)
	s.r.tags.inline(p, s.r.tags.block("P"))
	p.before = s.blockSpace(0.4)
	s.afterHeading = true
	return p
}

func (s *bodySetter) setDateline(bl *essay.Block) { s.add(s.setShortLine(bl)) }

func (s *bodySetter) setSalutation(bl *essay.Block) { s.add(s.setShortLine(bl)) }

// setSignature sets a sign-off; its lines ("Yours sincerely," and a
// name) follow each other without space.
func (s *bodySetter) setSignature(bl *essay.Block) {
	p := s.setShortLine(bl)
	if s.prev == essay.Signature {
		p.before = 0
	}
	s.add(p)
}

// setNotes sets the essay's notes at its end, under a "Notes" heading:
// each note smaller than the text, its label hanging in the margin and
// linking back to the note's first reference.
func (s *bodySetter) setNotes() {
	notes := s.doc.Notes
	if len(notes) == 0 {
		return
	}
	r := s.r
	title := notesTitle(s.doc.Lang)
	h := r.setText(title, r.headingStyle(1), nil)
	h.elem = r.tags.heading(r.tags.base + 1)
	h.before, h.after, h.keepWithNext = r.leading*1.1, r.leading*0.35, true
	h.bookmarks = append(h.bookmarks, bookmark{text: title, level: 1})
	s.add(h)
	st := r.body()
	st.size, st.leading = r.size*0.9, r.leading*0.9
	labels := make([]string, len(notes))
	hang := st.size * 1.8
	for i, n := range notes {
		labels[i] = markerText(n.Label)
		if labels[i] == "" {
			labels[i] = strconv.Itoa(i + 1)
		}
		labels[i] += "."
		hang = math.Max(hang, st.face.wordWidth(labels[i], st.size)+st.size*0.6)
	}
	st.left = hang
	for i := range notes {
		n := &notes[i]
		p := r.setSpans(n.Runs(), st, s.hyph, s)
		if len(p.lines) == 0 {
			p.lines = []line{{size: st.size}}
		}
		lw := st.face.wordWidth(labels[i], st.size)
		label := run{x: r.left + hang - st.size*0.5 - lw, text: labels[i], face: st.face, anchor: s.prefix + "note:" + n.ID}
		if s.refs[n.ID] {
			label.link = s.prefix + "ref:" + n.ID
		}
		l0 := &p.lines[0]
		l0.runs = append([]run{label}, l0.runs...)
		r.tags.note(p, label.anchor)
		p.before = r.leading * 0.3
		s.add(p)
	}
}

// notesTitles are the notes heading in the languages with hyphenation
// patterns and their neighbours, the same words the EPUB uses; "Notes"
// for the others.
var notesTitles = map[string]string{"de": "Anmerkungen", "es": "Notas", "fr": "Notes", "it": "Note", "pt": "Notas", "nl": "Noten"}

// notesTitle is the notes heading for a BCP 47 language tag.
func notesTitle(lang string) string {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if t, ok := notesTitles[primary]; ok {
		return t
	}
	return "Notes"
}

// setEpigraph sets an epigraph under the title: a short quotation or poem
// in italic, slightly smaller, in a column indented a third of the
// measure, its attribution right-aligned after an em dash.
func (r *renderer) setEpigraph(bl *essay.Block, hyph *typeset.Hyphenator) []*para {
	if bl == nil {
		return nil
	}
	st := r.body()
	st.face = allFaces[faceItalic]
	st.size, st.leading = r.size*0.95, r.leading*0.95
	st.left = r.textW / 3
	st.justify = false
	var ps []*para
	if bl.Kind == essay.Verse {
		ps = r.verse(bl, st, nil)
		for i, p := range ps {
			if i > 0 {
				p.before = st.leading
			}
		}
	} else {
		p := r.setSpans(bl.Runs(), st, hyph, nil)
		r.attribution(p, bl.Attribution, st, hyph)
		if len(p.lines) > 0 {
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 && len(ps[len(ps)-1].lines) <= 8 {
		ps[len(ps)-1].keepWithNext = true
	}
	return ps
}

package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/essayexport/essayexport/essay"
)

// Notes. A notes section is either the blocks under a "Notes",
// "Endnotes" or "Footnotes" heading, up to the next heading, or a run of
// numbered entries ("1. ...", "[1] ...", "¹ ...") closing the text. Its
// entries become Document.Notes only when the text before it carries
// markers with their labels: "[1]", "[^1]", "^1", superscripts "¹²", or
// "(1)" glued to a word. Those markers, and no others, become note
// references (Span.Note) in the inline pass.

// notesHeadings are the headings of a notes section.
var notesHeadings = setOf("notes", "endnotes", "footnotes", "end notes", "foot notes")

// noteEntryRE matches the label that starts a note entry: "[1]", "[^1]:",
// "^1", "(1)", "1.", "1)", "¹".
var noteEntryRE = regexp.MustCompile(`^(?:\[\^?(\d{1,3})\]:?|\^(\d{1,3})|\((\d{1,3})\)|(\d{1,3})[.)]|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))\s*(\S.*)$`)

// superDigits maps superscript digits to ASCII ones.
var superDigits = strings.NewReplacer("⁰", "0", "¹", "1", "²", "2", "³", "3", "⁴", "4", "⁵", "5", "⁶", "6", "⁷", "7", "⁸", "8", "⁹", "9")

// isSuper reports a superscript digit.
func isSuper(r rune) bool {
	return r == '¹' || r == '²' || r == '³' || r >= '⁰' && r <= '⁹' && r != 'ⁱ' && r != '⁲' && r != '⁳'
}

// noteEntry is one entry of a candidate notes section.
type noteEntry struct {
	// label is the entry's number ("1"), written the label as the source
	// wrote it ("[1]", "1.", "¹").
	label, written, text, why string
	line                      int
}

// findNotes finds the notes section, checks the text's markers against
// it and, when they match, moves its entries to Document.Notes.
func (p *parser) findNotes() {
	blocks := p.doc.Blocks
	from, to, heading := -1, len(blocks), ""
	for i, b := range blocks {
		if b.Kind == essay.Heading && notesHeadings[strings.ToLower(strings.TrimSuffix(strings.TrimSpace(b.Text), ":"))] {
			from, heading = i+1, b.Text
			break
		}
	}
	if from >= 0 {
		for j := from; j < len(blocks); j++ {
			if blocks[j].Kind == essay.Heading {
				to = j
				break
			}
		}
	} else {
		// A run of numbered entries closing the text.
		from = len(blocks)
		for from > 0 && entryBlock(blocks[from-1]) {
			from--
		}
	}
	if from >= to {
		return
	}
	entries, ok := noteEntries(blocks[from:to])
	if !ok {
		return
	}
	labels := map[string]bool{}
	for _, e := range entries {
		labels[e.label] = true
	}
	body := from
	if heading != "" {
		body = from - 1
	}
	found := p.markersIn(blocks[:body], labels)
	if len(found) == 0 || heading == "" && len(found)*2 < len(entries) {
		return
	}
	p.noteIDs = map[string]string{}
	where := fmt.Sprintf("under the %q heading", heading)
	if heading == "" {
		where = "of the run of numbered entries closing the text"
	}
	for _, e := range entries {
		if p.noteIDs[e.label] != "" {
			continue
		}
		id := "n" + strconv.Itoa(len(p.doc.Notes)+1)
		p.noteIDs[e.label] = id
		why := fmt.Sprintf("notes: entry %q %s", e.label, where)
		if m := found[e.label]; m != "" {
			why += fmt.Sprintf("; marked %q in the text", m)
		} else {
			why += "; no marker in the text"
		}
		p.doc.Notes = append(p.doc.Notes, essay.Note{ID: id, Label: e.written, Text: e.text, Why: why + e.why, Line: e.line})
	}
	if heading != "" {
		h := blocks[body]
		l := p.lineAt(h.Line)
		p.record(l, 0, h.Text, fmt.Sprintf("notes: the heading of the notes section; its %s became the document's notes", plural(len(entries), "entry", "entries")))
	}
	p.doc.Blocks = append(blocks[:body:body], blocks[to:]...)
}

// lineAt returns the first line with source number num.
func (p *parser) lineAt(num int) *line {
	for _, l := range p.lines {
		if l.num == num {
			return l
		}
	}
	return p.lines[len(p.lines)-1]
}

// entryBlock reports whether a block may be a note entry of a closing
// run: a paragraph that starts with a label, or a decimal numbered list.
func entryBlock(b essay.Block) bool {
	switch b.Kind {
	case essay.Paragraph:
		return noteEntryRE.MatchString(b.Text)
	case essay.List:
		return b.List.Kind == essay.Numbered && b.List.Style == "1"
	}
	return false
}

// noteEntries reads the entries of a candidate notes section: numbered
// list items and paragraphs that start with a label; a paragraph without
// one continues the entry before it. It fails when the section starts
// without a label or holds other blocks.
func noteEntries(blocks []essay.Block) ([]noteEntry, bool) {
	var out []noteEntry
	for _, b := range blocks {
		switch {
		case b.Kind == essay.List && b.List.Kind == essay.Numbered && b.List.Style == "1":
			for _, it := range b.List.Items {
				text := it.Text
				if it.Sub != nil {
					text += " " + strings.ReplaceAll(listText(it.Sub, nil), "\n", " ")
				}
				out = append(out, noteEntry{label: strings.Trim(it.Marker, "().[]"), written: it.Marker, text: text, line: it.Line})
			}
		case b.Kind == essay.Paragraph:
			m := noteEntryRE.FindStringSubmatch(b.Text)
			if m == nil {
				if len(out) == 0 {
					return nil, false
				}
				out[len(out)-1].text += " " + b.Text
				out[len(out)-1].why = fmt.Sprintf("; the paragraph at line %d continues it", b.Line)
				continue
			}
			label := superDigits.Replace(m[1] + m[2] + m[3] + m[4] + m[5])
			written := strings.TrimSpace(strings.TrimSuffix(b.Text[:len(b.Text)-len(m[6])], ":"))
			out = append(out, noteEntry{label: label, written: written, text: m[6], line: b.Line})
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}

// markersIn returns, for each label that a note marker in the blocks
// carries, the first marker as written.
func (p *parser) markersIn(blocks []essay.Block, labels map[string]bool) map[string]string {
	found := map[string]string{}
	look := func(text string) {
		if !mayHoldMarker(text) {
			return
		}
		rs := []rune(text)
		for _, m := range noteMarkers(rs, labels) {
			if found[m.label] == "" {
				found[m.label] = string(rs[m.start:m.end])
			}
		}
	}
	for i := range blocks {
		b := &blocks[i]
		switch b.Kind {
		case essay.List, essay.Verse:
			for _, t := range strings.Split(b.Text, "\n") {
				look(t)
			}
		default:
			look(b.Text)
		}
	}
	return found
}

// mayHoldMarker reports whether text has a character that starts a note
// marker.
func mayHoldMarker(text string) bool {
	if strings.ContainsAny(text, "[^(") {
		return true
	}
	for _, r := range text {
		if isSuper(r) {
			return true
		}
	}
	return false
}

// noteMarker is one note marker found in a text: the runes [start, end)
// with the label's runes [from, to).
type noteMarker struct {
	start, end, from, to int
	label                string
}

// noteMarkers finds the note markers in rs whose label is in labels:
// "[1]" and "[^1]", "^1" and "(1)" after a word or punctuation, and runs
// of superscript digits; never one with letters straight after it.
func noteMarkers(rs []rune, labels map[string]bool) []noteMarker {
	var out []noteMarker
	digitsAt := func(k int) int {
		j := k
		for j < len(rs) && j-k < 3 && rs[j] >= '0' && rs[j] <= '9' {
			j++
		}
		return j
	}
	glued := func(k int) bool { return k > 0 && rs[k-1] != ' ' }
	for k := 0; k < len(rs); k++ {
		var m noteMarker
		switch r := rs[k]; {
		case r == '[':
			from := k + 1
			if from < len(rs) && rs[from] == '^' {
				from++
			}
			to := digitsAt(from)
			if to == from || to >= len(rs) || rs[to] != ']' {
				continue
			}
			m = noteMarker{start: k, end: to + 1, from: from, to: to}
		case r == '^' && glued(k):
			to := digitsAt(k + 1)
			if to == k+1 || to < len(rs) && rs[to] >= '0' && rs[to] <= '9' {
				continue
			}
			m = noteMarker{start: k, end: to, from: k + 1, to: to}
		case r == '(' && glued(k):
			to := digitsAt(k + 1)
			if to == k+1 || to >= len(rs) || rs[to] != ')' {
				continue
			}
			m = noteMarker{start: k, end: to + 1, from: k + 1, to: to}
		case isSuper(r) && glued(k):
			to := k
			for to < len(rs) && to-k < 3 && isSuper(rs[to]) {
				to++
			}
			m = noteMarker{start: k, end: to, from: k, to: to}
		default:
			continue
		}
		// A marker ends a word: one glued to the letters after it
		// ("[1]ote") is not a note reference.
		// Nor does one that opens the text: it labels what follows.
		if m.start == 0 || m.end < len(rs) && isWordRune(rs[m.end]) {
			continue
		}
		m.label = superDigits.Replace(string(rs[m.from:m.to]))
		if labels[m.label] {
			out = append(out, m)
			k = m.end - 1
		}
	}
	return out
}

// mayHoldNote reports whether text may hold a confirmed note marker.
func (p *parser) mayHoldNote(text string) bool {
	return len(p.noteIDs) > 0 && mayHoldMarker(text)
}

// markNotes marks the confirmed note markers of rs in st: the label's
// runes carry the note's ID, the brackets, caret and a space before the
// marker are dropped.
func (p *parser) markNotes(rs []rune, st []runeStyle) {
	if len(p.noteIDs) == 0 {
		return
	}
	labels := make(map[string]bool, len(p.noteIDs))
	for l := range p.noteIDs {
		labels[l] = true
	}
	for _, m := range noteMarkers(rs, labels) {
		id := p.noteIDs[m.label]
		for k := m.start; k < m.end; k++ {
			st[k].note = id
			st[k].drop = k < m.from || k >= m.to
		}
		if m.start > 0 && rs[m.start-1] == ' ' {
			st[m.start-1].drop = true
		}
	}
}

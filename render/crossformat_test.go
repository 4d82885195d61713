package render_test

// The cross-format structure test: the same hand-built documents are
// rendered in every format, each output is read back into a structure
// (list labels, heading levels, verse lines, notes and their links) with
// the tools a reader's software would use, and each is compared with the
// structure the model says it should have, so that the formats can never
// disagree with the model or with each other.
//
// Each format plugs in one extractor in formats: the PDF's is below
// (pdfStructure, from pdftotext -layout, mutool stext and the outline and
// links read with qpdf --json); the EPUB's (epubStructure, from the
// XHTML) belongs to the EPUB renderer's side.

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/pdf"
)

// structure is what a reader sees of a document's structure, as text so
// that a difference reads plainly.
type structure struct {
	// Headings: "level text" for each heading, in order; the renderers'
	// own "Notes" heading (level 1) ends them when there are notes.
	Headings []string
	// Lists: one entry per top-level list, its item labels in order
	// separated by spaces, a nested list in parentheses after its item:
	// "1. 2.(a. b.) 3.". Bullets are "•" at every depth; a references
	// entry shows its marker, or "_" for none.
	Lists []string
	// Verse: one entry per poem, its lines joined by " / ", a stanza
	// break as " // ".
	Verse []string
	// Notes: "label text" for each note, in order, then " <->" when its
	// first marker links to it and it links back, " ->" when only the
	// marker links.
	Notes []string
}

// format renders a document and reads its structure back.
type format struct {
	name    string
	extract func(t *testing.T, doc *essay.Document) structure
}

// formats are the formats compared. The EPUB renderer's side appends its
// extractor here.
var formats = []format{{"pdf", pdfStructure}}

// bullets are the labels the renderers may draw for a bulleted item.
const bullets = "•◦▪"

// modelStructure is the structure the model says a document has.
func modelStructure(doc *essay.Document) structure {
	var s structure
	for _, b := range doc.Blocks {
		switch b.Kind {
		case essay.Heading:
			s.Headings = append(s.Headings, fmt.Sprintf("%d %s", b.Level, b.Text))
		case essay.List:
			s.Lists = append(s.Lists, modelLabels(b.List))
		case essay.Verse:
			var stanzas []string
			for _, st := range b.Stanzas {
				var lines []string
				for _, l := range st {
					lines = append(lines, l.Text)
				}
				stanzas = append(stanzas, strings.Join(lines, " / "))
			}
			s.Verse = append(s.Verse, strings.Join(stanzas, " // "))
		}
	}
	if len(doc.Notes) > 0 {
		s.Headings = append(s.Headings, "1 Notes")
	}
	linked := map[string]bool{}
	walkSpans(doc, func(sp essay.Span) {
		if sp.Note != "" {
			linked[sp.Note] = true
		}
	})
	for _, n := range doc.Notes {
		e := n.Label + " " + n.Text
		if linked[n.ID] {
			e += " <->"
		}
		s.Notes = append(s.Notes, e)
	}
	return s
}

// modelLabels writes a list's labels as the model numbers them.
func modelLabels(l *essay.ListInfo) string {
	var out []string
	for i, it := range l.Items {
		var lab string
		switch l.Kind {
		case essay.Bullets:
			lab = "•"
		case essay.References:
			lab = it.Marker
			if lab == "" {
				lab = "_"
			}
		default:
			start := l.Start
			if start == 0 {
				start = 1
			}
			lab = number(start+i, l.Style) + "."
		}
		if it.Sub != nil && len(it.Sub.Items) > 0 {
			lab += "(" + modelLabels(it.Sub) + ")"
		}
		out = append(out, lab)
	}
	return strings.Join(out, " ")
}

// number writes n in a list style, as HTML's list-style-type and the PDF
// renderer do: "1", "a"/"A" (z, aa, ab), "i"/"I". It repeats the
// renderer's rule; render/pdf's TestFormatNumber checks that rule against
// known values, so both do not rest on the same unchecked code.
func number(n int, style string) string {
	switch style {
	case "a", "A":
		var b []byte
		for m := n; m > 0; m = (m - 1) / 26 {
			b = append([]byte{byte('a' + (m-1)%26)}, b...)
		}
		if style == "A" {
			return strings.ToUpper(string(b))
		}
		return string(b)
	case "i", "I":
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

// walkSpans calls f with every span of the document's blocks, in order.
func walkSpans(doc *essay.Document, f func(essay.Span)) {
	var list func(l *essay.ListInfo)
	list = func(l *essay.ListInfo) {
		for i := range l.Items {
			for _, sp := range l.Items[i].Runs() {
				f(sp)
			}
			if l.Items[i].Sub != nil {
				list(l.Items[i].Sub)
			}
		}
	}
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		switch {
		case b.List != nil:
			list(b.List)
		case b.Kind == essay.Verse:
			for _, st := range b.Stanzas {
				for j := range st {
					for _, sp := range st[j].Runs() {
						f(sp)
					}
				}
			}
		default:
			for _, sp := range b.Runs() {
				f(sp)
			}
		}
	}
}

// renderToFile renders doc on its own with the default options through
// fn (pdf.Render or epub.Render), writes it to doc.<ext> in a temporary
// directory and returns that path and the bytes written.
func renderToFile(t *testing.T, ext string, fn func(io.Writer, *render.Book, render.Options) (render.Stats, error), doc *essay.Document) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := fn(&buf, render.Single(doc, "", ""), render.Defaults()); err != nil {
		t.Fatalf("%s render: %v", ext, err)
	}
	path := filepath.Join(t.TempDir(), "doc."+ext)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// pdfStructure renders doc as a PDF and reads its structure back:
// headings from the outline (an essay's headings sit one level under its
// title), lists from the labels that start lines in pdftotext -layout
// (a deeper label column is a nested list), each poem's lines from the
// lines that follow its first line, and the notes from the lines under
// the "Notes" heading, with the superscript markers (mutool stext) and
// the link annotations between them (qpdf --json).
func pdfStructure(t *testing.T, doc *essay.Document) structure {
	t.Helper()
	testutil.Need(t, "pdftotext", "mutool", "qpdf")
	path, _ := renderToFile(t, "pdf", pdf.Render, doc)
	testutil.QpdfCheck(t, path)
	var s structure
	for _, e := range testutil.PDFOutline(t, path) {
		if e.Depth > 0 {
			s.Headings = append(s.Headings, fmt.Sprintf("%d %s", e.Depth, e.Title))
		}
	}

	// the lines of the text, without the page furniture: the running
	// header (the title, centred) and the "3 / 12" footer
	var lines []string
	var cols []int
	furniture := regexp.MustCompile(`^\d+ / \d+$`)
	for _, l := range strings.Split(testutil.PdfToText(t, path, "-layout"), "\n") {
		l = strings.TrimLeft(l, "\f")
		if tl := strings.TrimSpace(l); furniture.MatchString(tl) || tl == doc.DisplayTitle() && strings.HasPrefix(l, "          ") {
			continue
		}
		lines = append(lines, strings.TrimSpace(l))
		cols = append(cols, len([]rune(l))-len([]rune(strings.TrimLeft(l, " "))))
	}
	notesAt := len(lines)
	for i, l := range lines {
		if l == "Notes" && len(doc.Notes) > 0 {
			notesAt = i
		}
	}
	s.Lists = pdfLists(lines[:notesAt], cols[:notesAt])

	for _, b := range doc.Blocks {
		if b.Kind != essay.Verse || len(b.Stanzas) == 0 || len(b.Stanzas[0]) == 0 {
			continue
		}
		first := b.Stanzas[0][0].Text
		i := 0
		for i < len(lines) && lines[i] != first {
			i++
		}
		want := -1 // the lines and blank lines the poem should take
		for _, st := range b.Stanzas {
			want += len(st) + 1
		}
		var out strings.Builder
		for j := i; j < min(i+want, len(lines)); j++ {
			switch {
			case lines[j] == "":
				out.WriteString(" //")
			case j > i:
				if lines[j-1] != "" {
					out.WriteString(" /")
				}
				out.WriteString(" " + lines[j])
			default:
				out.WriteString(lines[j])
			}
		}
		s.Verse = append(s.Verse, strings.TrimSpace(out.String()))
	}

	if notesAt < len(lines) {
		s.Notes = pdfNotes(t, path, lines[notesAt+1:], len(doc.Notes))
	}
	return s
}

// listLabel matches a line that starts with a list label: a number,
// letters or roman numerals with a full stop, a bullet, or "[n]".
var listLabel = regexp.MustCompile(`^(\d+\.|[a-zA-Z]{1,6}\.|[` + bullets + `]|\[\d+\])\s`)

// pdfLists groups the lines that start with a label into lists. A list
// ends at a line of text at the left margin that has no label, or at a
// blank line followed by one; a label further right than the list's own
// starts a nested list.
func pdfLists(lines []string, cols []int) []string {
	type item struct {
		label string
		col   int
	}
	var lists [][]item
	var cur []item
	end := func() {
		if len(cur) > 0 {
			lists = append(lists, cur)
			cur = nil
		}
	}
	for i, l := range lines {
		m := listLabel.FindStringSubmatch(l + " ")
		switch {
		case m != nil:
			lab := m[1]
			if strings.Contains(bullets, lab) {
				lab = "•"
			}
			cur = append(cur, item{lab, cols[i]})
		case l == "":
		case len(cur) > 0 && cols[i] > cur[0].col:
			// an item's text turned onto the next line
		default:
			end()
		}
	}
	end()
	var out []string
	for _, its := range lists {
		// nest by column: a deeper label opens "(", a shallower one closes
		var b strings.Builder
		stack := []int{its[0].col}
		for k, it := range its {
			switch {
			case it.col > stack[len(stack)-1]+1: // pdftotext -layout columns jitter by one
				b.WriteString("(")
				stack = append(stack, it.col)
			default:
				for len(stack) > 1 && it.col < stack[len(stack)-1]-1 {
					b.WriteString(")")
					stack = stack[:len(stack)-1]
				}
				if k > 0 {
					b.WriteString(" ")
				}
			}
			b.WriteString(it.label)
		}
		b.WriteString(strings.Repeat(")", len(stack)-1))
		out = append(out, b.String())
	}
	return out
}

// pdfNotes reads n notes from the lines after the "Notes" heading ("1.
// text", turned lines joined) and the links between their labels and
// the superscript markers in the text.
func pdfNotes(t *testing.T, path string, lines []string, n int) []string {
	t.Helper()
	label := regexp.MustCompile(`^(\S+)\.\s+(.*)$`)
	var notes [][2]string
	for _, l := range lines {
		if m := label.FindStringSubmatch(l); m != nil && len(notes) < n {
			notes = append(notes, [2]string{m[1], m[2]})
		} else if l != "" && len(notes) > 0 && len(notes) <= n {
			notes[len(notes)-1][1] += " " + l
		}
	}
	words := testutil.PDFWords(t, path)
	links := testutil.PDFLinks(t, path)
	const pageH = 841.89
	body := 0.0 // the body size: the most common size
	count := map[float64]int{}
	for _, w := range words {
		count[w.Size]++
		if count[w.Size] > count[body] {
			body = w.Size
		}
	}
	// superscript markers: characters well under the body size at the end
	// of a word set in it
	type mark struct {
		text  string
		page  int
		x, y  float64
		label string // the note its link leads to
	}
	var marks []mark
	var labels []testutil.PDFWord // the notes' labels, in order
	for _, w := range words {
		last := w.Chars[len(w.Chars)-1]
		// font expansion (Tz, up to ±2%) changes the size mutool reports
		if math.Abs(w.Size-body) <= 0.025*body && last.Size < body*0.75 {
			var d string
			for k := len(w.Chars) - 1; k >= 0 && w.Chars[k].Size == last.Size; k-- {
				d = w.Chars[k].C + d
			}
			marks = append(marks, mark{text: d, page: w.Page, x: last.X, y: last.Y})
		}
		if len(labels) < len(notes) && strings.HasSuffix(w.Text, ".") && w.Size < body && w.Text == notes[len(labels)][0]+"." {
			labels = append(labels, w)
		}
	}
	var out []string
	for k, nt := range notes {
		e := nt[0] + " " + nt[1]
		if k < len(labels) {
			lab := labels[k]
			to, back := false, false
			for _, m := range marks {
				if m.text != nt[0] {
					continue
				}
				for _, l := range links {
					if l.Page == m.page && l.Contains(m.x+0.5, m.y-1, pageH) && l.DestPage == lab.Page && l.DestY >= pageH-lab.Y && l.DestY <= pageH-lab.Y+3*body {
						to = true
					}
					if l.Page == lab.Page && l.Contains(lab.X+0.5, lab.Y-1, pageH) && l.DestPage == m.page && l.DestY >= pageH-m.y && l.DestY <= pageH-m.y+3*body {
						back = true
					}
				}
			}
			switch {
			case to && back:
				e += " <->"
			case to:
				e += " ->"
			}
		}
		out = append(out, e)
	}
	return out
}

// crossDocs are the documents compared.
func crossDocs() map[string]*essay.Document {
	p := func(spans ...essay.Span) essay.Block {
		b := essay.Block{Kind: essay.Paragraph, Spans: spans}
		for _, s := range spans {
			if s.Note == "" {
				b.Text += s.Text
			}
		}
		return b
	}
	t := func(s string) essay.Span { return essay.Span{Text: s} }
	list := func(kind essay.ListKind, style string, start int, items ...essay.Item) essay.Block {
		l := &essay.ListInfo{Kind: kind, Style: style, Start: start, Items: items}
		var texts []string
		for _, it := range items {
			texts = append(texts, it.Text)
		}
		return essay.Block{Kind: essay.List, Text: strings.Join(texts, "\n"), List: l}
	}
	it := func(s string) essay.Item { return essay.Item{Text: s} }
	h := func(level int, s string) essay.Block { return essay.Block{Kind: essay.Heading, Level: level, Text: s} }
	vl := func(s string, indent int) essay.VerseLine { return essay.VerseLine{Text: s, Indent: indent} }
	return map[string]*essay.Document{
		// two numbered lists separated by a paragraph each start at 1;
		// a list the source started at 3 starts at 3
		"lists": {Title: "Lists", Lang: "en", Blocks: []essay.Block{
			p(t("Two steps come first.")),
			list(essay.Numbered, "1", 1, it("Gather the sources."), it("Read them twice.")),
			p(t("Then a paragraph interrupts, and a second list begins.")),
			list(essay.Numbered, "1", 1, it("Write a plan."), it("Draft the argument.")),
			p(t("A list that continues its numbering from an earlier one:")),
			list(essay.Numbered, "1", 3, it("Revise the draft."), it("Check the references.")),
			p(t("Lettered and roman lists:")),
			list(essay.Numbered, "a", 1, it("the first option;"), it("the second option.")),
			p(t("And the upper-case forms:")),
			list(essay.Numbered, "I", 4, it("Fourth part."), it("Fifth part.")),
			p(t("Bullets, one nested:")),
			list(essay.Bullets, "", 0, essay.Item{Text: "Sound before sense.", Sub: &essay.ListInfo{Kind: essay.Bullets, Items: []essay.Item{it("Vowels first."), it("Then consonants.")}}}, it("Sense before judgement.")),
			p(t("A numbered list with a lettered one inside:")),
			list(essay.Numbered, "1", 1, essay.Item{Text: "Leave at the bridge.", Sub: &essay.ListInfo{Kind: essay.Numbered, Style: "a", Start: 1, Items: []essay.Item{it("Cross on foot."), it("Turn left.")}}}, it("Return by the market.")),
			h(1, "References"),
			list(essay.References, "", 0, essay.Item{Marker: "[1]", Text: "Abbot, A. (2001). A Book. Press."}, essay.Item{Marker: "[2]", Text: "Bell, B. (2002). Another Book. Press."}),
		}},
		// four heading levels, a poem in two stanzas, notes
		"headings-verse-notes": {Title: "Levels", Lang: "en", Blocks: []essay.Block{
			h(1, "Part one"),
			p(t("Opening words with a note."), essay.Span{Text: "1", Note: "n1"}, t(" More words follow.")),
			h(2, "A section"),
			h(3, "A subsection"),
			h(4, "A paragraph heading"),
			p(t("The poem, quoted whole:")),
			{Kind: essay.Verse, Text: "I wandered lonely as a cloud\nThat floats on high o’er vales and hills,\nBeside the lake, beneath the trees,\nFluttering and dancing in the breeze.",
				Attribution: "William Wordsworth",
				Stanzas: [][]essay.VerseLine{
					{vl("I wandered lonely as a cloud", 0), vl("That floats on high o’er vales and hills,", 1)},
					{vl("Beside the lake, beneath the trees,", 0), vl("Fluttering and dancing in the breeze.", 1)}}},
			h(2, "Another section"),
			p(t("A second note."), essay.Span{Text: "2", Note: "n2"}),
			h(1, "Part two"),
			p(t("The end.")),
		}, Notes: []essay.Note{
			{ID: "n1", Label: "1", Text: "The first note."},
			{ID: "n2", Label: "2", Text: "The second note, which is long enough to run onto a second line of the notes at the end of the essay so that turned lines are joined."},
		}},
	}
}

// TestCrossFormatStructure renders each document in every format and
// compares each output's structure with the model's, and the formats'
// structures with each other.
func TestCrossFormatStructure(t *testing.T) {
	docs := crossDocs()
	names := []string{"lists", "headings-verse-notes"}
	for _, name := range names {
		doc := docs[name]
		want := modelStructure(doc)
		got := make([]*structure, len(formats))
		for i, f := range formats {
			t.Run(name+"/"+f.name, func(t *testing.T) {
				s := f.extract(t, doc)
				got[i] = &s
				compareStructure(t, "the model", want, s)
			})
		}
		for i := 1; i < len(formats); i++ {
			if got[0] != nil && got[i] != nil {
				t.Run(name+"/"+formats[0].name+"-vs-"+formats[i].name, func(t *testing.T) {
					compareStructure(t, formats[0].name, *got[0], *got[i])
				})
			}
		}
	}
}

// compareStructure fails for each part of got that differs from want
// (what other names).
func compareStructure(t *testing.T, other string, want, got structure) {
	t.Helper()
	compareTo(t, other, "headings", want.Headings, got.Headings)
	compareTo(t, other, "lists", want.Lists, got.Lists)
	compareTo(t, other, "verse", want.Verse, got.Verse)
	compareTo(t, other, "notes", want.Notes, got.Notes)
}

func compareTo(t *testing.T, other, what string, want, got []string) {
	t.Helper()
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Errorf("%s differ from %s:\n got: %q\nwant: %q", what, other, got, want)
	}
}

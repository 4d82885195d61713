// Package essay is the document model: what the parser infers from a
// plain-text essay and what every renderer draws. It imports nothing from
// the rest of essayexport, and nothing in it touches files or the clock.
package essay

import (
	"fmt"
	"strings"
)

// Schema is the version of the `inspect --json` form of Document. Version 2
// added Spans, List blocks (replacing list_item and reference blocks),
// Verse blocks, Attribution, Notes, Subtitle and Epigraph; every field of
// version 1 that remains keeps its meaning.
const Schema = 2

// Kind names what a Block is. The names are part of the `inspect --json`
// contract: never rename one.
type Kind string

// The block kinds. Renderers treat any kind they do not know as a paragraph.
// Each renderer has one function per kind.
const (
	Paragraph  Kind = "paragraph"  // body text
	Heading    Kind = "heading"    // a section heading; Level 1–4 says how deep
	List       Kind = "list"       // a bulleted, numbered or references list; see Block.List
	Quote      Kind = "quote"      // a block quotation (prose); Attribution may name its source
	Verse      Kind = "verse"      // a poem or song: lines and stanzas kept; see Block.Stanzas
	Dateline   Kind = "dateline"   // a place/date line, kept as its own short paragraph
	Salutation Kind = "salutation" // "Dear ...," kept as its own short paragraph
	Signature  Kind = "signature"  // a sign-off ("Yours sincerely," / a name)
	Rule       Kind = "rule"       // a thematic break ("***", "---" between paragraphs); no text
)

// Span is one styled run of a block's inline content. A block's Spans, in
// order, are its whole content; the renderers draw Spans, never Text.
type Span struct {
	Text string `json:"text"`
	// Emph and Strong may both be set (bold italic).
	Emph   bool `json:"emphasis,omitempty"`
	Strong bool `json:"strong,omitempty"`
	// Note, when set, makes the span a note reference: Text is the marker
	// as the source wrote it ("1", "*", "iv") and Note the ID of the
	// Document.Notes entry it points to. A note reference carries no
	// emphasis.
	Note string `json:"note,omitempty"`
}

// ListKind says what kind of list a List block is.
type ListKind string

// The list kinds.
const (
	Bullets    ListKind = "bullet"     // unordered items
	Numbered   ListKind = "ordered"    // numbered items: 1. 2. 3., a) b), i. ii.
	References ListKind = "references" // entries of a references/bibliography list
)

// ListInfo is a list: one structure for bulleted, numbered and reference
// lists, decided by the parser and used as it is by every renderer.
type ListInfo struct {
	Kind ListKind `json:"kind"`
	// Style is the numbering style of a Numbered list: "1" (decimal), "a",
	// "A", "i" or "I"; "" for the others.
	Style string `json:"style,omitempty"`
	// Start is the number of the first item of a Numbered list (1 unless
	// the source starts elsewhere); 0 for the others.
	Start int    `json:"start,omitempty"`
	Items []Item `json:"items"`
}

// Item is one list entry.
type Item struct {
	// Marker is the label as the source wrote it ("1.", "a)", "-", "[3]"),
	// kept for inspect; renderers number a Numbered list from Start and
	// Style, and show a References entry's Marker when it has one.
	Marker string `json:"marker,omitempty"`
	Text   string `json:"text"`
	Spans  []Span `json:"spans,omitempty"`
	// Sub is a list nested under this item, or nil.
	Sub  *ListInfo `json:"sub,omitempty"`
	Why  string    `json:"why"`
	Line int       `json:"line"`
}

// VerseLine is one line of a poem.
type VerseLine struct {
	Text  string `json:"text"`
	Spans []Span `json:"spans,omitempty"`
	// Indent is the line's indent in the source, in levels (0 flush; 1 for
	// an indented line), so renderers can keep a poem's shape.
	Indent int `json:"indent,omitempty"`
}

// Block is one unit of the essay's body, in reading order.
type Block struct {
	Kind Kind `json:"kind"`
	// Text is the block's plain text, without markup characters and
	// without note markers: for scripts, search and inspect. For a List
	// or Verse it is the items' or lines' text joined by newlines.
	Text string `json:"text"`
	// Spans is the styled content of a Paragraph, Heading, Quote,
	// Dateline, Salutation or Signature. Nil means one plain run of Text
	// (use Runs).
	Spans []Span `json:"spans,omitempty"`
	// Level is the heading depth, 1 (a top-level section) to 4. Zero for
	// other kinds.
	Level int `json:"level,omitempty"`
	// List is set on a List block.
	List *ListInfo `json:"list,omitempty"`
	// Stanzas holds a Verse block's lines, stanza by stanza.
	Stanzas [][]VerseLine `json:"stanzas,omitempty"`
	// Attribution names the source of a Quote or Verse ("Wordsworth,
	// The Prelude"), without its leading dash; "" for none.
	Attribution string `json:"attribution,omitempty"`

	// Why says which rule classified the block and on what evidence, for
	// `inspect`: the rule name, a colon, the evidence (`list: 4 items
	// marked "-"`). Scripts may match on the part before the colon.
	Why string `json:"why"`
	// Line is the 1-based source line where the block starts.
	Line int `json:"line"`
}

// Runs returns the block's inline content: Spans, or Text as one plain
// span when Spans is nil.
func (b *Block) Runs() []Span { return runs(b.Text, b.Spans) }

// Runs returns the item's inline content (see Block.Runs).
func (it *Item) Runs() []Span { return runs(it.Text, it.Spans) }

// Runs returns the line's inline content (see Block.Runs).
func (l *VerseLine) Runs() []Span { return runs(l.Text, l.Spans) }

func runs(text string, spans []Span) []Span {
	if spans != nil {
		return spans
	}
	if text == "" {
		return nil
	}
	return []Span{{Text: text}}
}

// Note is a footnote or endnote body, linked from the Span whose Note
// field holds its ID.
type Note struct {
	// ID is unique within the document ("n1", "n2", ...).
	ID string `json:"id"`
	// Label is the note's label as the source wrote it before the note's
	// text ("1.", "[1]", "¹", "*").
	Label string `json:"label"`
	Text  string `json:"text"`
	Spans []Span `json:"spans,omitempty"`
	Why   string `json:"why"`
	Line  int    `json:"line"`
}

// Runs returns the note's inline content (see Block.Runs).
func (n *Note) Runs() []Span { return runs(n.Text, n.Spans) }

// Removed is a piece of the source that the parser took out: boilerplate,
// a metadata line, PDF-extraction debris or the repeated title.
type Removed struct {
	Line int    `json:"line"`
	Text string `json:"text"`
	Why  string `json:"why"`
}

// TitleCandidate is a line weighed as the title: its source line (0 for
// none), text, score, the evidence that made the score, and whether it won.
type TitleCandidate struct {
	Line   int     `json:"line"`
	Text   string  `json:"text"`
	Score  float64 `json:"score"`
	Why    string  `json:"why"`
	Chosen bool    `json:"chosen,omitempty"`
}

// Document is an essay as the parser understood it.
type Document struct {
	// Name is a readable form of the source's file name ("my essay" for
	// my_essay.txt); DisplayTitle falls back to it. Empty for stdin.
	Name string `json:"-"`
	// Encoding is the source encoding that was detected or forced
	// ("utf-8", "utf-8-bom", "utf-16le", "windows-1252", ...).
	Encoding string `json:"encoding"`
	// Title is the essay's own title, or empty when the text has none.
	Title string `json:"title"`
	// TitleSource says where Title came from: "metadata" (a Title: line),
	// "first-line", "repeat" (the better form repeated in the body),
	// "flag" (--title), or "none".
	TitleSource string `json:"title_source"`
	// TitleCandidates are the lines the parser weighed as the title, with
	// their scores and reasons, for inspect; the chosen one is marked.
	TitleCandidates []TitleCandidate `json:"title_candidates,omitempty"`
	// Subtitle is the line under the title that qualifies it, or "".
	Subtitle string `json:"subtitle,omitempty"`
	// SubtitleWhy explains the subtitle, as Block.Why does a block.
	SubtitleWhy string `json:"subtitle_why,omitempty"`
	Author      string `json:"author"`
	// Lang is a BCP 47 language tag such as "en" or "en-GB".
	Lang string `json:"lang"`
	// LangSource says where Lang came from: "flag" (--lang), "detected"
	// (from the text), or "default" ("en": the text was too short or too
	// unclear to tell; a warning says which).
	LangSource string `json:"lang_source"`
	// LangConfidence is the detector's confidence in Lang, 0 to 1 (1 for
	// "flag", 0 for "default").
	LangConfidence float64 `json:"lang_confidence"`
	// Preview is true when the text is a truncated essay-bank preview.
	Preview bool `json:"preview"`
	// Epigraph is a short Quote or Verse block (with its Attribution) set
	// under the title, before the body; nil for none.
	Epigraph *Block  `json:"epigraph,omitempty"`
	Blocks   []Block `json:"blocks"`
	// Notes are the footnote or endnote bodies, in order of their labels.
	// Renderers place them (PDF: at the end of the essay, EPUB: as
	// endnotes), so the source's choice of footnotes or endnotes is not kept.
	Notes    []Note    `json:"notes,omitempty"`
	Removed  []Removed `json:"removed"`
	Warnings []string  `json:"warnings"`
}

// DisplayTitle is the title to use in metadata, tables of contents and
// running headers: the essay's title, else the file name, else "Untitled
// essay". Renderers must show only Title, never DisplayTitle, as a heading
// on the page, so that a file name is never presented as the essay's title.
func (d *Document) DisplayTitle() string {
	switch {
	case d.Title != "":
		return d.Title
	case d.Name != "":
		return d.Name
	}
	return "Untitled essay"
}

// Headings returns the heading blocks in order.
func (d *Document) Headings() []Block {
	var hs []Block
	for _, b := range d.Blocks {
		if b.Kind == Heading {
			hs = append(hs, b)
		}
	}
	return hs
}

// FirstParagraph returns the text of the first paragraph, or "".
func (d *Document) FirstParagraph() string {
	for _, b := range d.Blocks {
		if b.Kind == Paragraph {
			return b.Text
		}
	}
	return ""
}

// Warnf appends a warning.
func (d *Document) Warnf(format string, args ...any) {
	d.Warnings = append(d.Warnings, fmt.Sprintf(format, args...))
}

// Dump writes the document as stable, line-oriented text for golden tests:
// the metadata, the epigraph, then one line per block ("kind: text", with
// emphasis shown as *x*, strong as **x** and note references as [^id]),
// lists item by item and verse line by line (indented beneath their
// block), then the notes, the removed lines and the warnings.
func (d *Document) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "encoding: %s\n", d.Encoding)
	fmt.Fprintf(&b, "title: %q (%s)\n", d.Title, d.TitleSource)
	if d.Subtitle != "" {
		fmt.Fprintf(&b, "subtitle: %q\n", d.Subtitle)
	}
	fmt.Fprintf(&b, "author: %q\n", d.Author)
	fmt.Fprintf(&b, "lang: %s\n", d.Lang)
	fmt.Fprintf(&b, "preview: %v\n", d.Preview)
	if d.Epigraph != nil {
		b.WriteString("epigraph ")
		dumpBlock(&b, d.Epigraph)
	}
	for i := range d.Blocks {
		dumpBlock(&b, &d.Blocks[i])
	}
	for _, n := range d.Notes {
		fmt.Fprintf(&b, "note %s %q: %s\n", n.ID, n.Label, DumpSpans(n.Runs()))
	}
	for _, r := range d.Removed {
		fmt.Fprintf(&b, "removed %d (%s): %s\n", r.Line, r.Why, r.Text)
	}
	for _, w := range d.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	return b.String()
}

// dumpBlock writes one block for Dump.
func dumpBlock(b *strings.Builder, bl *Block) {
	label := string(bl.Kind)
	if bl.Kind == Heading {
		label = fmt.Sprintf("%s%d", label, bl.Level)
	}
	switch bl.Kind {
	case List:
		l := bl.List
		fmt.Fprintf(b, "%s %s", label, l.Kind)
		if l.Kind == Numbered {
			fmt.Fprintf(b, " style=%s start=%d", l.Style, l.Start)
		}
		b.WriteString(":\n")
		dumpItems(b, l, "  ")
	case Verse:
		b.WriteString(label + ":\n")
		for k, st := range bl.Stanzas {
			if k > 0 {
				b.WriteString("  |\n")
			}
			for _, ln := range st {
				fmt.Fprintf(b, "  | %s%s\n", strings.Repeat("  ", ln.Indent), DumpSpans(ln.Runs()))
			}
		}
	case Rule:
		b.WriteString(label + "\n")
	default:
		fmt.Fprintf(b, "%s: %s\n", label, DumpSpans(bl.Runs()))
	}
	if bl.Attribution != "" {
		fmt.Fprintf(b, "  — %s\n", bl.Attribution)
	}
}

// dumpItems writes a list's items, one a line, nested ones deeper.
func dumpItems(b *strings.Builder, l *ListInfo, indent string) {
	for i := range l.Items {
		it := &l.Items[i]
		m := it.Marker
		if m == "" {
			m = "·"
		}
		fmt.Fprintf(b, "%s%s %s\n", indent, m, DumpSpans(it.Runs()))
		if it.Sub != nil {
			dumpItems(b, it.Sub, indent+"    ")
		}
	}
}

// DumpSpans writes inline content in a Markdown-like form for Dump and
// inspect: *emphasis*, **strong**, ***both***, and [^id] for a note
// reference.
func DumpSpans(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		switch {
		case s.Note != "":
			fmt.Fprintf(&b, "[^%s]", s.Note)
		case s.Emph && s.Strong:
			b.WriteString("***" + s.Text + "***")
		case s.Strong:
			b.WriteString("**" + s.Text + "**")
		case s.Emph:
			b.WriteString("*" + s.Text + "*")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

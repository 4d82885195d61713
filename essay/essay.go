// Package essay is the document model: what the parser infers from a
// plain-text essay and what every renderer draws. It imports nothing from
// the rest of essayexport, and nothing in it touches files or the clock.
package essay

import (
	"fmt"
	"strings"
)

// Kind names what a Block is. The names are part of the `inspect --json`
// contract: never rename one.
type Kind string

// The block kinds. Renderers treat any kind they do not know as a paragraph.
const (
	Paragraph  Kind = "paragraph"  // body text
	Heading    Kind = "heading"    // a section heading; Level says how deep
	ListItem   Kind = "list_item"  // one item of a bulleted or numbered list
	Quote      Kind = "quote"      // a block quotation
	Reference  Kind = "reference"  // one entry of a references/bibliography list
	Dateline   Kind = "dateline"   // a place/date line, kept as its own short paragraph
	Salutation Kind = "salutation" // "Dear ...," kept as its own short paragraph
	Signature  Kind = "signature"  // a sign-off ("Yours sincerely," / a name)
)

// Block is one unit of the essay's body, in reading order.
type Block struct {
	Kind Kind   `json:"kind"`
	Text string `json:"text"`
	// Level is the heading depth: 1 for a top-level section heading,
	// 2 for a subsection. Zero for other kinds.
	Level int `json:"level,omitempty"`
	// Ordered is true for a numbered list item; Marker holds its label
	// ("1.", "a)", "•"). The marker is not part of Text.
	Ordered bool   `json:"ordered,omitempty"`
	Marker  string `json:"marker,omitempty"`
	// Why says which rule classified the block and on what evidence, for
	// `inspect`: the rule name, a colon, the evidence (`list_item: bullet
	// "-" in a run of 4 items`). Scripts may match on the part before the colon.
	Why string `json:"why"`
	// Line is the 1-based source line where the block starts.
	Line int `json:"line"`
}

// Removed is a piece of the source that the parser took out: boilerplate,
// a metadata line, PDF-extraction debris or the repeated title.
type Removed struct {
	Line int    `json:"line"`
	Text string `json:"text"`
	Why  string `json:"why"`
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
	Author      string `json:"author"`
	// Lang is a BCP 47 language tag such as "en" or "en-GB".
	Lang string `json:"lang"`
	// Preview is true when the text is a truncated essay-bank preview.
	Preview  bool      `json:"preview"`
	Blocks   []Block   `json:"blocks"`
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
// the metadata, then one line per block ("kind: text"), then the removed
// lines and the warnings.
func (d *Document) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "encoding: %s\n", d.Encoding)
	fmt.Fprintf(&b, "title: %q (%s)\n", d.Title, d.TitleSource)
	fmt.Fprintf(&b, "author: %q\n", d.Author)
	fmt.Fprintf(&b, "lang: %s\n", d.Lang)
	fmt.Fprintf(&b, "preview: %v\n", d.Preview)
	for _, bl := range d.Blocks {
		label := string(bl.Kind)
		switch {
		case bl.Kind == Heading:
			label = fmt.Sprintf("%s%d", label, bl.Level)
		case bl.Marker != "":
			label = fmt.Sprintf("%s %s", label, bl.Marker)
		}
		fmt.Fprintf(&b, "%s: %s\n", label, bl.Text)
	}
	for _, r := range d.Removed {
		fmt.Fprintf(&b, "removed %d (%s): %s\n", r.Line, r.Why, r.Text)
	}
	for _, w := range d.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	return b.String()
}

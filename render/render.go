// Package render holds what the PDF and EPUB renderers share: the Book they
// draw (one essay, or a coursework pack of many), the Options that shape
// them, and the preview watermark. Renderers live in render/pdf and
// render/epub; line breaking and hyphenation live in render/typeset.
//
// Every renderer is pure: it takes a *Book and Options and writes to an
// io.Writer. It never reads a path, the environment or the clock; the
// caller passes the date and the identifier in Options. Render must not
// retain w after it returns.
package render

import (
	"errors"
	"time"

	"github.com/essayexport/essayexport/essay"
)

// Part is one essay of a Book, with its own watermark text ("" for none).
type Part struct {
	Doc       *essay.Document
	Watermark string
}

// Book is what a renderer draws. A single essay is a Book with one Part
// and Pack false: then the book's title, author and language are the
// essay's. A coursework pack (Pack true) has a cover, a table of contents,
// and each Part starts a new page or section.
type Book struct {
	Pack     bool
	Title    string // pack title; for a single essay, Parts[0].Doc.DisplayTitle()
	Subtitle string
	Author   string // pack author or editor
	Date     string // shown on the title block or cover, as given
	Lang     string // BCP 47; for a single essay, Parts[0].Doc.Lang
	Parts    []Part
}

// MainLang is the book's language: Lang, else the language most of its
// essays are in (the earlier on a tie), else "". Each Part keeps its own
// Doc.Lang, which renderers declare where it differs.
func (b *Book) MainLang() string {
	if b.Lang != "" {
		return b.Lang
	}
	count := map[string]int{}
	best := ""
	for _, p := range b.Parts {
		if p.Doc == nil || p.Doc.Lang == "" {
			continue
		}
		count[p.Doc.Lang]++
		if count[p.Doc.Lang] > count[best] {
			best = p.Doc.Lang
		}
	}
	return best
}

// Single returns the Book for one essay.
func Single(doc *essay.Document, watermark, date string) *Book {
	return &Book{
		Title:  doc.DisplayTitle(),
		Author: doc.Author,
		Date:   date,
		Lang:   doc.Lang,
		Parts:  []Part{{Doc: doc, Watermark: watermark}},
	}
}

// WatermarkStyle is how a watermark looks. The text is per Part.
type WatermarkStyle struct {
	Opacity float64 // 0..1; default 0.18
	Color   [3]int  // RGB 0..255; default a mid grey-red
	Angle   float64 // degrees counter-clockwise; 0 means "along the page diagonal" unless AngleSet
	// AngleSet says Angle is meant as given, 0 (horizontal) included.
	AngleSet bool
}

// Cover says what cover an EPUB gets.
type Cover struct {
	None  bool   // no cover at all
	Image []byte // the user's image (PNG or JPEG); nil means generate one
}

// Options shape the output. The zero value is not ready: start from
// Defaults().
type Options struct {
	Version string // printed as Creator "essayexport VERSION"
	// Modified is the creation/modification date written into metadata.
	// The caller sets it from SOURCE_DATE_EPOCH or a fixed date, never
	// from the clock, so the same input gives byte-identical output.
	Modified time.Time

	// PDF page layout.
	Paper       string     // "a4", "a5", "b5", "letter" or "legal"
	PaperSize   [2]float64 // width and height in points; when set, it overrides Paper
	MarginMM    float64    // all four margins, millimetres
	FontSize    float64    // body size in points
	LineSpacing float64    // multiple of the font size's natural leading (1, 1.5, 2)
	Indent      bool       // first-line indents with no paragraph gap
	Keywords    string
	Subject     string
	// PDFA makes the PDF PDF/A-2u as well as PDF/UA-1: its XMP says so
	// and it carries an sRGB output intent.
	PDFA bool

	Watermark WatermarkStyle

	// EPUB.
	Identifier string // dc:identifier; "" derives one from a content hash
	EmbedFonts bool
	Cover      Cover

	// Cancel, when closed, asks a render in progress to stop: renderers
	// check it between blocks and pages and return ErrCancelled. Pass a
	// context's Done(); nil never cancels.
	Cancel <-chan struct{}
}

// ErrCancelled is returned by a render that was stopped through
// Options.Cancel.
var ErrCancelled = errors.New("render cancelled")

// Cancelled reports whether the render was asked to stop.
func (o *Options) Cancelled() bool {
	select {
	case <-o.Cancel:
		return true
	default:
		return false
	}
}

// FixedDate is the date written into metadata when SOURCE_DATE_EPOCH is
// not set: a fixed point, so that output does not depend on the clock.
var FixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Defaults returns the default Options.
func Defaults() Options {
	return Options{
		Version:     "dev",
		Modified:    FixedDate,
		Paper:       "a4",
		MarginMM:    25,
		FontSize:    11.5,
		LineSpacing: 1.2,
		Watermark:   WatermarkStyle{Opacity: 0.18, Color: [3]int{190, 30, 30}},
	}
}

// Stats tells the caller about a finished render.
type Stats struct {
	Pages    int      // PDF pages; for an EPUB, the number of spine documents
	Warnings []string // for example a character no bundled font has
}

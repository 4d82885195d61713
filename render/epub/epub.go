// Package epub renders a render.Book as an EPUB 3 file (with an EPUB 2
// NCX table of contents) that passes epubcheck with no errors or warnings,
// and with no usage message (epubcheck -u) but HTM-010 for the NCX's
// namespace, which the NCX cannot do without.
//
// The book is assembled with github.com/go-shiori/go-epub: the package
// document (metadata, manifest with its ids, spine, cover meta), the
// container file, the content documents around each page's body, the
// cover page and its style sheet, the style sheet and the fonts.
//
// go-epub is not run for every book, though. It keeps its in-memory file
// system in one unsynchronised, package-level map (epub.Use(epub.MemoryFS)),
// so its WriteTo must run under a process-wide mutex, and WriteTo cost
// about 1 ms per essay (zip and deflate of every entry, the cover and the
// fonts included): at most about 1,000 books a second however many cores
// there are, against a target of 1,000 essays, parsing included, in under
// a second on 2 cores. So go-epub assembles each layout once per process:
// a book of the same shape (style sheet, fonts, cover type, whether there
// is an author and a description, the pages' file names) with a marker in
// every place that holds the book's own text, a "slot" (layout.go). Render
// keeps go-epub's compressed cover style sheet, fonts and container file
// as they are, and for each book writes the package and content documents
// with the slots filled in, the nav and NCX, the cover image, and a style
// sheet with only the class rules the book uses (css.go; each such sheet
// is deflated once per process). A run of single essays needs two or
// three layouts; a pack needs its own.
//
// Render fixes go-epub's documents, once per layout, where go-epub cannot
// produce what this package promises:
//
//   - byte-identical output: go-epub stamps dcterms:modified with the
//     clock, lists the manifest and the zip entries in map order, and
//     gives entries no fixed time. Render sets dcterms:modified from
//     Options.Modified, sorts the manifest, and writes the entries in a
//     fixed order with Options.Modified as their time, mimetype first and
//     stored;
//   - accessibility metadata (schema:accessMode and friends), which
//     go-epub has no setter for;
//   - `<?xml version="1.0" encoding="utf-8"?>` and lang/xml:lang on every
//     XHTML file (go-epub writes "UTF-8" and no language attributes);
//   - a table of contents that links to the essays' headings: go-epub's
//     nav and NCX only list whole section files.
//
// The cover image is stored, not deflated: PNG and JPEG are compressed
// already. The text entries are deflated at BestSpeed with pooled writers.
//
// Measured on the 2-core development machine (BenchmarkRender, a
// 900-word essay with a generated cover): 2.1 ms per essay before, under
// 0.6 ms now, of which the cover is about 0.3 ms; BenchmarkRenderParallel
// now scales with the cores. No other package of essayexport may use
// go-epub.
package epub

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	goepub "github.com/go-shiori/go-epub"
	"golang.org/x/text/language"

	textlang "github.com/essayexport/essayexport/internal/lang"

	"github.com/essayexport/essayexport/fonts"
	"github.com/essayexport/essayexport/render"
)

func init() {
	if err := goepub.Use(goepub.MemoryFS); err != nil {
		panic("epub: go-epub refuses its memory file system: " + err.Error())
	}
}

// writeMu serialises go-epub's WriteTo, which shares one in-memory file
// system between all books (see the package comment).
var writeMu sync.Mutex

const xmlDecl = `<?xml version="1.0" encoding="utf-8"?>` + "\n"

// Render writes b as an EPUB 3 to w. It must not retain w.
func Render(w io.Writer, b *render.Book, o render.Options) (render.Stats, error) {
	var st render.Stats
	if b == nil || len(b.Parts) == 0 {
		return st, errors.New("failed to render EPUB: the book has no essays")
	}
	for i, p := range b.Parts {
		if p.Doc == nil {
			return st, fmt.Errorf("failed to render EPUB: part %d has no document", i+1)
		}
	}
	lang := langTag(b.MainLang(), &st)
	first := b.Parts[0].Doc
	title := clean(b.Title)
	if title == "" {
		title = clean(first.DisplayTitle())
	}
	author := clean(b.Author)
	marks := distinctWatermarks(b.Parts)

	// The content documents and the table of contents.
	var pages []page
	var toc []tocEntry
	var landmarks [][3]string
	var tp string
	var cls classes // the classes the pages use, for the style sheet
	if b.Pack {
		tp = titlePage(front{title: b.Title, subtitle: b.Subtitle, author: b.Author, date: b.Date}, marks, &cls)
	} else {
		// Only the essay's own title is shown as a heading.
		tp = titlePage(front{title: first.Title, subtitle: first.Subtitle, author: b.Author, date: b.Date,
			epigraph: first.Epigraph}, marks, &cls)
	}
	if tp != "" {
		pages = append(pages, page{file: "titlepage.xhtml", title: title, body: tp, landmark: "titlepage"})
		toc = append(toc, tocEntry{label: "Title page", href: "xhtml/titlepage.xhtml"})
	}
	for i, p := range b.Parts {
		if o.Cancelled() {
			return st, render.ErrCancelled
		}
		file := "text.xhtml"
		heading := ""
		if b.Pack {
			file = fmt.Sprintf("essay%03d.xhtml", i+1)
			heading = p.Doc.DisplayTitle()
		}
		body, heads := partBody(p.Doc, heading, p.Watermark, file, lang, &cls)
		label := clean(p.Doc.DisplayTitle())
		pages = append(pages, page{file: file, title: label, body: body})
		toc = append(toc, tocEntry{label: label, href: "xhtml/" + file, children: heads})
	}
	bodyStart := len(pages) - len(b.Parts)
	structural := b.Pack || strings.Contains(tp, "<h1>")
	for _, e := range toc {
		structural = structural || len(e.children) > 0
	}
	pages[bodyStart].landmark = "bodymatter"

	// The cover.
	var coverImg []byte
	coverExt, coverType := ".png", "image/png"
	switch {
	case o.Cover.None:
	case o.Cover.Image != nil:
		var err error
		if coverExt, coverType, err = coverKind(o.Cover.Image); err != nil {
			return st, fmt.Errorf("failed to use the cover image: %w", err)
		}
		coverImg = o.Cover.Image
	default:
		wm := watermarkStyle(o.Watermark).Color
		var missing bool
		coverImg, missing = makeCover(shownTitle(b), author, strings.Join(marks, " / "),
			color.RGBA{uint8(wm[0]), uint8(wm[1]), uint8(wm[2]), 0xFF})
		if missing {
			st.Warnings = append(st.Warnings, "the generated cover leaves out characters that Liberation Serif lacks")
		}
	}

	desc := clean(b.Subtitle)
	if desc == "" || !b.Pack {
		desc = summary(first.FirstParagraph(), 300)
	}
	id := clean(o.Identifier)
	if id == "" {
		id = contentID(lang, title, author, desc, pages, coverImg, o.EmbedFonts)
	}

	// The generated cover's text alternative is the text it shows. A
	// cover that shows no text, and a user's cover, which this package
	// cannot describe, are decorative (alt=""): the title page, next in
	// reading order, gives the title and author as text.
	coverAlt := ""
	if coverImg != nil {
		if o.Cover.Image == nil {
			var shown []string
			if t := shownTitle(b); t != "" {
				shown = append(shown, t)
			}
			if author != "" {
				shown = append(shown, "by "+author)
			}
			shown = append(shown, marks...)
			if len(shown) > 0 {
				coverAlt = "Cover: " + strings.Join(shown, ", ")
			}
		}
		landmarks = append(landmarks, [3]string{"cover", "xhtml/cover.xhtml", "Cover"})
		// Listing the cover keeps every spine item in the TOC (epubcheck
		// OPF-058/059).
		toc = append([]tocEntry{{label: "Cover", href: "xhtml/cover.xhtml"}}, toc...)
	}
	files := make([]string, len(pages))
	vals := make([]string, slotPages+2*len(pages))
	for i, p := range pages {
		files[i] = p.file
		vals[slotPages+2*i] = text(p.title)
		vals[slotPages+2*i+1] = p.body
		if p.landmark != "" {
			name := map[string]string{"titlepage": "Title page", "bodymatter": "Start of the text"}[p.landmark]
			landmarks = append(landmarks, [3]string{p.landmark, "xhtml/" + p.file, name})
		}
	}
	vals[slotTitle] = title
	vals[slotID] = id
	vals[slotLang] = lang
	vals[slotAuthor] = author
	vals[slotDesc] = desc
	for i := slotTitle; i <= slotDesc; i++ {
		vals[slotOPF+i] = xmlText(vals[i])
		vals[i] = text(vals[i])
	}
	vals[slotModified] = o.Modified.UTC().Format("2006-01-02T15:04:05Z")
	vals[slotMeta] = a11yMeta(a11yFacts{cover: coverImg != nil, coverAlt: coverAlt != "",
		headings: structural, notes: cls&clsNotes != 0}, o.Version)
	vals[slotCoverAlt] = text(coverAlt)

	k := layoutKey{css: cssKey{o.EmbedFonts, o.Watermark}, author: author != "", desc: desc != "", dir: textlang.Dir(lang),
		files: strings.Join(files, "\x00")}
	if coverImg != nil {
		k.cover = "cover" + coverExt
	}
	l, err := layoutFor(k, files, o, coverType)
	if err != nil {
		return st, err
	}
	css, err := sheetFor(o, cls)
	if err != nil {
		return st, fmt.Errorf("failed to write the style sheet: %w", err)
	}
	err = l.write(w, vals, css, navDoc(lang, title, toc, landmarks), ncxDoc(id, title, author, toc), coverImg, o.Modified)
	if err != nil {
		return st, fmt.Errorf("failed to write EPUB: %w", err)
	}
	st.Pages = len(pages)
	if coverImg != nil {
		st.Pages++
	}
	return st, nil
}

// shownTitle is the title the title page and the cover show: the pack's
// title, or the essay's own title (never its file name).
func shownTitle(b *render.Book) string {
	if b.Pack {
		return clean(b.Title)
	}
	return clean(b.Parts[0].Doc.Title)
}

// langTag returns b's language as a well-formed BCP 47 tag, "en" when it
// is missing or malformed.
func langTag(s string, st *render.Stats) string {
	s = clean(s)
	if s == "" {
		return "en"
	}
	t, err := language.Parse(s)
	if err != nil {
		st.Warnings = append(st.Warnings, fmt.Sprintf("language %q is not a BCP 47 tag; using en", s))
		return "en"
	}
	return t.String()
}

// contentID derives the dc:identifier from a SHA-256 of everything the
// book shows (not of Options.Modified), as a urn:uuid with the version 8
// (custom) and RFC 9562 variant bits set: the same content always gets
// the same identifier.
func contentID(lang, title, author, desc string, pages []page, cover []byte, embed bool) string {
	h := sha256.New()
	for _, s := range []string{"essayexport epub 1", lang, title, author, desc, strconv.FormatBool(embed)} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	for _, p := range pages {
		io.WriteString(h, p.file+"\x00"+p.title+"\x00"+p.body+"\x00")
	}
	h.Write(cover)
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0F | 0x80
	u[8] = u[8]&0x3F | 0x80
	x := hex.EncodeToString(u[:])
	return "urn:uuid:" + x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
}

// dataURL returns data as a base64 data URL, the only kind of media
// source this package gives go-epub: never a path or a URL.
func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}

var fontURLs sync.Map // *fonts.Face -> string

// fontURL returns the data URL of an embedded font, made once per process.
// go-epub's data URL parser knows no "font/" types; it finds the media
// type from the bytes anyway.
func fontURL(f *fonts.Face) string {
	if v, ok := fontURLs.Load(f); ok {
		return v.(string)
	}
	v, _ := fontURLs.LoadOrStore(f, dataURL("application/octet-stream", f.Data))
	return v.(string)
}

// shortErr keeps go-epub's media errors, which quote the whole data URL,
// to their cause.
func shortErr(err error) error {
	var fe *goepub.FileRetrievalError
	if errors.As(err, &fe) {
		return fe.Err
	}
	return err
}

// a11yFacts are what the accessibility metadata states about a book.
type a11yFacts struct {
	cover    bool // there is a cover image
	coverAlt bool // ... with a text alternative (else it is decorative)
	headings bool // headings mark the title or sections
	notes    bool // notes linked from their references and back
}

// a11yMeta returns the EPUB Accessibility 1.1 metadata for the OPF. Each
// statement is true of the book it describes. It claims no conformance
// (no dcterms:conformsTo, no a11y:certifiedBy): essayexport checks its
// output with Ace by DAISY, which tests part of WCAG automatically, and
// nobody has assessed the rest of WCAG for a given book.
func a11yMeta(f a11yFacts, version string) string {
	var b strings.Builder
	m := func(prop, val string) {
		b.WriteString(`    <meta property="` + prop + `">`)
		esc(&b, val)
		b.WriteString("</meta>\n")
	}
	m("schema:accessMode", "textual")
	if f.cover {
		m("schema:accessMode", "visual")
	}
	m("schema:accessModeSufficient", "textual")
	m("schema:accessibilityFeature", "ARIA") // doc-toc, doc-noteref, doc-endnotes, doc-epigraph
	if f.headings {
		m("schema:accessibilityFeature", "structuralNavigation")
	}
	for _, feat := range []string{"tableOfContents", "readingOrder", "displayTransformability"} {
		m("schema:accessibilityFeature", feat)
	}
	if f.coverAlt {
		m("schema:accessibilityFeature", "alternativeText")
	}
	m("schema:accessibilityHazard", "none")
	var s strings.Builder
	switch {
	case f.coverAlt:
		s.WriteString("This publication is text only, apart from the cover image, which has a text alternative.")
	case f.cover:
		s.WriteString("This publication is text only, apart from the cover image, which is decorative: the title page gives the title and author as text.")
	default:
		s.WriteString("This publication is text only.")
	}
	s.WriteString(" It has a table of contents")
	if f.headings {
		s.WriteString(", headings that mark its title and sections")
	}
	if f.notes {
		s.WriteString(", notes linked from their references and back")
	}
	s.WriteString(", a logical reading order, and no fixed layout, so text can be resized and restyled.")
	s.WriteString(" It makes no claim of conformance to WCAG: essayexport checks the files it makes with Ace by DAISY, which tests part of WCAG automatically.")
	m("schema:accessibilitySummary", s.String())
	if version = clean(version); version != "" {
		b.WriteString(`    <meta name="generator" content="`)
		esc(&b, "essayexport "+version)
		b.WriteString("\"/>\n")
	}
	return b.String()
}

// fixer fixes go-epub's package and content documents (see the package
// comment), once per layout: its fields hold slot markers.
type fixer struct {
	lang     string
	dir      string // "ltr" or "rtl"
	coverAlt string
}

// appleOptions tells Apple Books to use the embedded fonts.
const appleOptions = xmlDecl + `<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
`

// entryOrder puts the OCF files first, in a fixed order, then the rest by
// name.
func entryOrder(name string) int {
	switch name {
	case "mimetype":
		return 0
	case "META-INF/container.xml":
		return 1
	case "EPUB/package.opf":
		return 3
	case "EPUB/nav.xhtml":
		return 4
	case "EPUB/toc.ncx":
		return 5
	}
	return 9
}

// xhtml gives a go-epub content document the utf-8 declaration, the
// language attributes, and the cover image a real text alternative.
func (f *fixer) xhtml(s string) string {
	s = strings.TrimPrefix(s, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	attrs := ` lang="` + f.lang + `" xml:lang="` + f.lang + `" dir="` + f.dir + `"`
	s = strings.Replace(s, `<html xmlns="http://www.w3.org/1999/xhtml"`, `<html xmlns="http://www.w3.org/1999/xhtml"`+attrs, 1)
	if f.coverAlt != "" && strings.Contains(s, `alt="Cover Image"`) {
		// The slot's value may be empty: a decorative cover.
		s = strings.Replace(s, `alt="Cover Image"`, `alt="`+f.coverAlt+`"`, 1)
		// go-epub declares the epub namespace on the cover page too; use
		// it (epubcheck HTM-044).
		s = strings.Replace(s, `<body dir="auto">`, `<body dir="auto" epub:type="cover">`, 1)
	}
	if strings.Contains(s, "&") {
		s = entityRefs.Replace(s)
	}
	return xmlDecl + s
}

// xmlText returns s, already cleaned, escaped as go-epub's encoding/xml
// escapes the text of the package document.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// entityRefs turns the named references encoding/xml writes (in go-epub's
// <title>) into numeric ones, as esc writes them. This is safe on any
// well-formed XML, where "&" only ever opens a reference.
var entityRefs = strings.NewReplacer("&amp;", "&#38;", "&lt;", "&#60;", "&gt;", "&#62;", "&quot;", "&#34;", "&apos;", "&#39;")

// opf fixes go-epub's package document: slots for the modification date
// and the accessibility metadata, and a sorted manifest.
func (f *fixer) opf(s string) (string, error) {
	i := strings.Index(s, `<meta property="dcterms:modified">`)
	j := strings.Index(s, "</metadata>")
	if i < 0 || j < i {
		return "", errors.New("go-epub wrote an unexpected package document")
	}
	k := strings.Index(s[i:], "</meta>")
	mod := `<meta property="dcterms:modified">` + slot(slotModified) + "</meta>"
	s = s[:i] + mod + strings.TrimRight(s[i+k+len("</meta>"):j], " \n") + "\n" + slot(slotMeta) + "  " + s[j:]

	// Sort the manifest's items, which go-epub lists in map order.
	m0 := strings.Index(s, "<manifest>")
	m1 := strings.Index(s, "</manifest>")
	if m0 < 0 || m1 < m0 {
		return "", errors.New("go-epub wrote a package document without a manifest")
	}
	lines := strings.Split(strings.TrimSpace(s[m0+len("<manifest>"):m1]), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	sort.Strings(lines)
	s = s[:m0] + "<manifest>\n    " + strings.Join(lines, "\n    ") + "\n  " + s[m1:]
	s = strings.Replace(s, `<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0" encoding="utf-8"?>`, 1)
	// The package's language, which go-epub does not write: Ace requires
	// it (epub-lang), and it is the default language of the metadata.
	const pkg = `<package xmlns="http://www.idpf.org/2007/opf"`
	if !strings.Contains(s, pkg) {
		return "", errors.New("go-epub wrote an unexpected package element")
	}
	s = strings.Replace(s, pkg, pkg+` xml:lang="`+f.lang+`" dir="`+f.dir+`"`, 1)
	return s, nil
}

package epub

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/essayexport/essayexport/render"
)

// The style sheet. It keeps to what reading systems commonly honour:
// no @import, no external resources, no positioning other than relative,
// and no negative margins; the only negative value is the text-indent of
// the references' hanging indent. Headings are kept with the text that
// follows them.
//
// Each book's sheet holds only the class rules its pages use (epubcheck
// -u reports every unused class selector, CSS-024): cssHead and cssTail
// always, and the rules of each class group in the book's classes, in
// the order of classRules. With every group the sheet is the whole one.
const cssHead = `@charset "utf-8";
html { font-size: 100%%; }
body {
  font-family: %s;
  line-height: 1.45;
  margin: 0 4%%;
  orphans: 2;
  widows: 2;
}
p, li {
  text-align: justify;
  -webkit-hyphens: auto;
  -epub-hyphens: auto;
  hyphens: auto;
  overflow-wrap: break-word;
  word-wrap: break-word;
}
p { margin: 0; text-indent: 0; }
p + p { text-indent: 1.5em; }
h1, h2, h3, h4, h5 {
  font-weight: bold;
  line-height: 1.2;
  text-align: left;
  -webkit-hyphens: manual;
  -epub-hyphens: manual;
  hyphens: manual;
  page-break-after: avoid;
  break-after: avoid;
  page-break-inside: avoid;
  break-inside: avoid;
  overflow-wrap: break-word;
  word-wrap: break-word;
}
h1 { font-size: 1.7em; margin: 1.5em 0 1em 0; text-align: center; }
h2 { font-size: 1.35em; margin: 1.6em 0 0.6em 0; }
h3 { font-size: 1.15em; margin: 1.4em 0 0.5em 0; }
h4 { font-size: 1em; margin: 1.2em 0 0.4em 0; font-style: italic; }
h5 { font-size: 1em; margin: 1em 0 0.3em 0; font-weight: normal; font-style: italic; }
sup { font-size: 0.75em; line-height: 0; vertical-align: super; }
hr { border: 0; border-top: 1px solid; width: 25%%; margin: 1.5em auto; }
blockquote { margin: 0.8em 2em; }
blockquote p { font-size: 0.95em; }
ul, ol { margin: 0.6em 0 0.6em 2em; padding: 0; }
li { margin: 0.2em 0; }
`

const cssTail = `nav ol { list-style-type: none; margin-left: 1em; }
nav li { text-align: left; }
`

// classes is a set of class groups, the classes a book's pages use.
type classes uint32

// The class groups, in their order in the style sheet.
const (
	clsRefs        classes = 1 << iota // ul.references
	clsMarker                          // span.marker
	clsFigure                          // figure.quote
	clsAttribution                     // p.attribution
	clsEpigraph                        // div.epigraph
	clsVerse                           // blockquote.verse, p.stanza, span.line
	clsIndent1                         // span.i1
	clsIndent2                         // span.i2
	clsIndent3                         // span.i3
	clsNotes                           // section.notes
	clsDateline                        // p.dateline
	clsSalutation                      // p.salutation
	clsSignature                       // p.signature
	clsTitlePage                       // section.titlepage
	clsSubtitle                        // div.subtitle
	clsByline                          // div.byline
	clsDate                            // div.date
	clsNotice                          // div.notice
	clsWatermark                       // div.watermark
	clsAll         = 1<<iota - 1
)

// classRules holds each group's rules. The notice's %[1]s is the
// watermark colour; the watermark's %[1]s its colour, %[2]s its opacity
// and %[3]s its angle.
//
// The watermark layer is a zero-height div: its ::before, moved down
// with relative positioning, overlaps the text without taking space.
// position: absolute would do the same, but epubcheck -u advises against
// it (CSS-017).
var classRules = [...]string{
	`ul.references { list-style-type: none; margin: 0.6em 0; }
ul.references li {
  text-align: left;
  text-indent: -2em;
  padding-left: 2em;
  margin: 0.3em 0;
}
`,
	"span.marker { white-space: nowrap; }\n",
	"figure.quote { margin: 0.8em 0; }\nfigure.quote blockquote { margin-bottom: 0.2em; }\n",
	"p.attribution { text-align: right; text-indent: 0; font-size: 0.95em; margin: 0 2em 0.8em 2em; }\np.attribution::before { content: \"\\2014\\00A0\"; }\n",
	`div.epigraph { margin: 2em 8% 2em 25%; text-align: left; font-size: 0.95em; }
div.epigraph blockquote { margin: 0; font-style: italic; }
`,
	`blockquote.verse { margin: 0.8em 2em; }
p.stanza {
  text-align: left;
  text-indent: 0;
  margin: 0 0 0.8em 0;
  -webkit-hyphens: manual;
  -epub-hyphens: manual;
  hyphens: manual;
}
span.line { display: block; padding-left: 2em; text-indent: -2em; }
span.line + br { display: none; }
`,
	"span.i1 { padding-left: 3.5em; }\n",
	"span.i2 { padding-left: 5em; }\n",
	"span.i3 { padding-left: 6.5em; }\n",
	`section.notes { margin-top: 2.5em; font-size: 0.9em; }
section.notes ol { list-style-type: none; margin-left: 0; }
section.notes li { text-indent: 0; }
`,
	"p.dateline { text-align: right; text-indent: 0; margin-bottom: 1em; }\n",
	"p.salutation { text-indent: 0; margin: 1em 0 0.5em 0; }\n",
	"p.signature { text-indent: 0; text-align: left; margin-top: 0.8em; }\n",
	`section.titlepage { text-align: center; margin-top: 25%; }
section.titlepage h1 { font-size: 2em; margin: 0 0 0.8em 0; }
`,
	"div.subtitle { font-size: 1.2em; font-style: italic; margin-bottom: 1.5em; }\n",
	"div.byline { font-size: 1.15em; margin: 1em 0 0.4em 0; }\n",
	"div.date { font-size: 0.95em; }\n",
	`div.notice {
  margin: 2em 0 0 0;
  padding-top: 0.5em;
  border-top: 1px solid %[1]s;
  color: %[1]s;
  font-size: 0.85em;
  text-align: center;
  text-indent: 0;
}
`,
	`div.watermark { height: 0; overflow: visible; }
div.watermark::before {
  content: attr(data-text);
  display: block;
  position: relative;
  top: 12em;
  text-align: center;
  font-size: 2.4em;
  font-weight: bold;
  color: %[1]s;
  opacity: %[2]s;
  -webkit-transform: rotate(%[3]sdeg);
  transform: rotate(%[3]sdeg);
  pointer-events: none;
  z-index: 1;
}
`,
}

// The @font-face rules for the bundled Liberation Serif, in fonts/.
const fontFaceCSS = `@font-face { font-family: "Liberation Serif"; font-style: normal; font-weight: normal; src: url("../fonts/LiberationSerif-Regular.ttf"); }
@font-face { font-family: "Liberation Serif"; font-style: italic; font-weight: normal; src: url("../fonts/LiberationSerif-Italic.ttf"); }
@font-face { font-family: "Liberation Serif"; font-style: normal; font-weight: bold; src: url("../fonts/LiberationSerif-Bold.ttf"); }
@font-face { font-family: "Liberation Serif"; font-style: italic; font-weight: bold; src: url("../fonts/LiberationSerif-BoldItalic.ttf"); }
`

// The serif stacks: the bundled face leads only when it is embedded.
const (
	serifStack         = `"Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Times New Roman", serif`
	embeddedSerifStack = `"Liberation Serif", "Times New Roman", Times, serif`
)

type cssKey struct {
	embed bool
	wm    render.WatermarkStyle
}

// styleText returns the style sheet for o with the rules of the class
// groups in cls.
func styleText(o render.Options, cls classes) string {
	stack := serifStack
	if o.EmbedFonts {
		stack = embeddedSerifStack
	}
	var b strings.Builder
	b.Grow(4096)
	fmt.Fprintf(&b, cssHead, stack)
	wm := watermarkStyle(o.Watermark)
	col := fmt.Sprintf("rgb(%d, %d, %d)", wm.Color[0], wm.Color[1], wm.Color[2])
	for i, r := range classRules {
		switch c := classes(1) << i; {
		case cls&c == 0:
		case c == clsNotice:
			fmt.Fprintf(&b, r, col)
		case c == clsWatermark:
			fmt.Fprintf(&b, r, col, fmt.Sprintf("%.2f", wm.Opacity), fmt.Sprintf("%.1f", -wm.Angle))
		default:
			b.WriteString(r)
		}
	}
	b.WriteString(cssTail)
	css := b.String()
	if o.EmbedFonts {
		css = strings.Replace(css, "\n", "\n"+fontFaceCSS, 1)
	}
	return css
}

// cssCache holds the style sheets go-epub is given, as data URLs: in
// practice one or two per process, since they depend only on EmbedFonts
// and the watermark style. Each book's own sheet replaces it (sheetFor).
var cssCache sync.Map // cssKey -> string

// styleSheet returns the whole style sheet for o as a data URL.
func styleSheet(o render.Options) string {
	k := cssKey{o.EmbedFonts, o.Watermark}
	if v, ok := cssCache.Load(k); ok {
		return v.(string)
	}
	v, _ := cssCache.LoadOrStore(k, dataURL("text/css", []byte(styleText(o, clsAll))))
	return v.(string)
}

// sheetKey names one book's style sheet.
type sheetKey struct {
	css cssKey
	cls classes
}

// sheet is a style sheet deflated as a zip entry.
type sheet struct {
	hdr  zip.FileHeader // method, CRC-32 and sizes
	data []byte
}

var (
	sheets     sync.Map // sheetKey -> *sheet
	sheetCount atomic.Int32
)

// maxSheets bounds the sheet cache. There are at most 2^19 class sets
// per cssKey, but a run of essays uses a handful.
const maxSheets = 256

// sheetFor returns the deflated style sheet for o and cls, made once per
// process for the first maxSheets of them: a book then copies its
// sheet's bytes into the zip as go-epub's files are copied.
func sheetFor(o render.Options, cls classes) (*sheet, error) {
	k := sheetKey{cssKey{o.EmbedFonts, o.Watermark}, cls}
	if v, ok := sheets.Load(k); ok {
		return v.(*sheet), nil
	}
	css := styleText(o, cls)
	var b bytes.Buffer
	fw, _ := fastDeflate(&b)
	io.WriteString(fw, css)
	if err := fw.Close(); err != nil {
		return nil, err
	}
	s := &sheet{hdr: zip.FileHeader{Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(css)),
		CompressedSize64: uint64(b.Len()), UncompressedSize64: uint64(len(css))}, data: b.Bytes()}
	if sheetCount.Load() < maxSheets {
		if v, loaded := sheets.LoadOrStore(k, s); loaded {
			return v.(*sheet), nil
		}
		sheetCount.Add(1)
	}
	return s, nil
}

// coverSheet is the cover page's style sheet, in place of go-epub's,
// whose margin-top/-right/-bottom/-left: 0px on body epubcheck -u
// reports as global margin settings (CSS-022). It sets no margin: the
// reading system's own page margins stay, and the image is scaled to fit
// inside them. 95vh leaves room for those margins, as Readium CSS's own
// limit on media height does, so that the cover never spills onto a
// second page.
const coverSheet = `@charset "utf-8";
body { background-color: #FFFFFF; text-align: center; }
img {
  display: block;
  margin: 0 auto;
  max-width: 100%;
  max-height: 95vh;
  object-fit: contain;
}
`

var coverSheetURL = dataURL("text/css", []byte(coverSheet))

// watermarkStyle fills in the defaults of render.Defaults for a zero
// style: angle 0 means along the diagonal of a 2:3 page.
func watermarkStyle(s render.WatermarkStyle) render.WatermarkStyle {
	if s.Opacity <= 0 || s.Opacity > 1 {
		s.Opacity = 0.18
	}
	if s.Color == [3]int{} {
		s.Color = [3]int{190, 30, 30}
	}
	for i, c := range s.Color {
		s.Color[i] = min(max(c, 0), 255)
	}
	if s.Angle == 0 && !s.AngleSet {
		s.Angle = math.Atan2(3, 2) * 180 / math.Pi
	}
	return s
}

package epub

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/essayexport/essayexport/render"
)

// The style sheet. It keeps to what reading systems commonly honour:
// no @import, no external resources, no position:fixed, and no negative
// margins; the only negative value is the text-indent of the references'
// hanging indent. Headings are kept with the text that follows them.
const baseCSS = `@charset "utf-8";
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
h1, h2, h3 {
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
h2 { font-size: 1.3em; margin: 1.6em 0 0.6em 0; }
h3 { font-size: 1.1em; margin: 1.3em 0 0.5em 0; font-style: italic; }
blockquote { margin: 0.8em 2em; }
blockquote p { font-size: 0.95em; }
ul, ol { margin: 0.6em 0 0.6em 2em; padding: 0; }
li { margin: 0.2em 0; }
section.references { margin-top: 0.6em; }
p.ref {
  text-align: left;
  text-indent: -2em;
  padding-left: 2em;
  margin: 0.3em 0;
}
p.dateline { text-align: right; text-indent: 0; margin-bottom: 1em; }
p.salutation { text-indent: 0; margin: 1em 0 0.5em 0; }
p.signature { text-indent: 0; text-align: left; margin-top: 0.8em; }
section.titlepage { text-align: center; margin-top: 25%%; }
section.titlepage h1 { font-size: 2em; margin: 0 0 0.8em 0; }
div.subtitle { font-size: 1.2em; font-style: italic; margin-bottom: 1.5em; }
div.byline { font-size: 1.15em; margin: 1em 0 0.4em 0; }
div.date { font-size: 0.95em; }
div.notice {
  margin: 2em 0 0 0;
  padding-top: 0.5em;
  border-top: 1px solid %s;
  color: %s;
  font-size: 0.85em;
  text-align: center;
  text-indent: 0;
}
div.watermark { height: 0; overflow: visible; position: relative; }
div.watermark::before {
  content: attr(data-text);
  display: block;
  position: absolute;
  top: 12em;
  left: 0;
  right: 0;
  text-align: center;
  font-size: 2.4em;
  font-weight: bold;
  color: %s;
  opacity: %s;
  -webkit-transform: rotate(%sdeg);
  transform: rotate(%sdeg);
  pointer-events: none;
  z-index: 1;
}
nav ol { list-style-type: none; margin-left: 1em; }
nav li { text-align: left; }
`

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

// cssCache holds the style sheets made so far, as data URLs: in practice
// one or two per process, since they depend only on EmbedFonts and the
// watermark style.
var cssCache sync.Map // cssKey -> string

// styleSheet returns the style sheet for o as a data URL.
func styleSheet(o render.Options) string {
	k := cssKey{o.EmbedFonts, o.Watermark}
	if v, ok := cssCache.Load(k); ok {
		return v.(string)
	}
	stack := serifStack
	var b strings.Builder
	if o.EmbedFonts {
		stack = embeddedSerifStack
	}
	wm := watermarkStyle(o.Watermark)
	col := fmt.Sprintf("rgb(%d, %d, %d)", wm.Color[0], wm.Color[1], wm.Color[2])
	angle := fmt.Sprintf("%.1f", -wm.Angle)
	opacity := fmt.Sprintf("%.2f", wm.Opacity)
	fmt.Fprintf(&b, baseCSS, stack, col, col, col, opacity, angle, angle)
	css := b.String()
	if o.EmbedFonts {
		css = strings.Replace(css, "\n", "\n"+fontFaceCSS, 1)
	}
	v, _ := cssCache.LoadOrStore(k, dataURL("text/css", []byte(css)))
	return v.(string)
}

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
	if s.Angle == 0 {
		s.Angle = math.Atan2(3, 2) * 180 / math.Pi
	}
	return s
}

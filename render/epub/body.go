package epub

import (
	"strconv"
	"strings"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/render"
)

// page is one XHTML content document of the spine.
type page struct {
	file     string // file name inside EPUB/xhtml/
	title    string // the <title>, cleaned, not escaped
	body     string // XHTML that goes between <body> and </body>
	landmark string // epub:type for the landmarks nav ("" for none)
}

// tocEntry is one line of the table of contents (nav and NCX).
type tocEntry struct {
	label    string // cleaned, not escaped
	href     string // relative to the nav document
	children []tocEntry
}

// titlePage returns the title page's body, or "" when it would show
// nothing. title is shown as the h1 only when non-empty: a single essay
// passes doc.Title, never DisplayTitle, so a file name never appears as a
// heading. The classes the page uses are added to cls.
func titlePage(title, subtitle, author, date string, notices []string, cls *classes) string {
	var b strings.Builder
	used := clsTitlePage
	if len(notices) > 0 {
		watermarkLayer(&b, notices[0])
		used |= clsWatermark | clsNotice
	}
	b.WriteString(`<section class="titlepage" epub:type="titlepage">` + "\n")
	n := b.Len()
	line := func(tag, class string, c classes, s string) {
		if s = clean(s); s == "" {
			return
		}
		used |= c
		b.WriteString("<" + tag)
		if class != "" {
			b.WriteString(` class="` + class + `"`)
		}
		b.WriteString(">")
		esc(&b, s)
		b.WriteString("</" + tag + ">\n")
	}
	line("h1", "", 0, title)
	line("div", "subtitle", clsSubtitle, subtitle)
	line("div", "byline", clsByline, author)
	line("div", "date", clsDate, date)
	for _, s := range notices {
		notice(&b, s)
	}
	if b.Len() == n {
		return ""
	}
	*cls |= used
	b.WriteString("</section>")
	return b.String()
}

// watermarkLayer writes the translucent diagonal watermark: an empty div
// whose ::before pseudo-element shows its data-text (see css.go). Being
// empty, it adds no words to the text that readers, search and screen
// readers see; the notices carry the text itself.
func watermarkLayer(b *strings.Builder, wm string) {
	b.WriteString(`<div class="watermark" aria-hidden="true" data-text="`)
	esc(b, clean(wm))
	b.WriteString(`"></div>` + "\n")
}

// notice writes a watermark notice line. It is a div, not a p, so that it
// is not counted as a paragraph of the essay.
func notice(b *strings.Builder, wm string) {
	b.WriteString(`<div class="notice" role="note">`)
	esc(b, clean(wm))
	b.WriteString("</div>\n")
}

// partBody returns the XHTML body of one essay and its headings for the
// table of contents, which link to file#id. heading is the h1 ("" for
// none); wm is the part's watermark ("" for none). The classes the body
// uses are added to cls.
func partBody(d *essay.Document, heading, wm, file string, cls *classes) (string, []tocEntry) {
	var b strings.Builder
	b.Grow(64 + len(d.Blocks)*200)
	if wm != "" {
		watermarkLayer(&b, wm)
		*cls |= clsWatermark | clsNotice
	}
	b.WriteString(`<section epub:type="bodymatter">` + "\n")
	if h := clean(heading); h != "" {
		b.WriteString(`<h1>`)
		esc(&b, h)
		b.WriteString("</h1>\n")
	}
	var toc []tocEntry
	nh := 0
	blocks := d.Blocks
	for i := 0; i < len(blocks); {
		bl := blocks[i]
		switch bl.Kind {
		case essay.Heading:
			i++
			t := clean(bl.Text)
			if t == "" {
				continue
			}
			nh++
			id := "sec" + strconv.Itoa(nh)
			tag := "h2"
			if bl.Level >= 2 {
				tag = "h3"
			}
			b.WriteString("<" + tag + ` id="` + id + `">`)
			esc(&b, t)
			b.WriteString("</" + tag + ">\n")
			e := tocEntry{label: t, href: "xhtml/" + file + "#" + id}
			if tag == "h3" && len(toc) > 0 {
				toc[len(toc)-1].children = append(toc[len(toc)-1].children, e)
			} else {
				toc = append(toc, e)
			}
		case essay.ListItem:
			j := i
			for j < len(blocks) && blocks[j].Kind == essay.ListItem && blocks[j].Ordered == bl.Ordered {
				j++
			}
			if bl.Ordered {
				b.WriteString("<ol" + olAttrs(bl.Marker) + ">\n")
			} else {
				b.WriteString("<ul>\n")
			}
			for _, it := range blocks[i:j] {
				text := it.Text
				if it.Kind == essay.Reference && it.Marker != "" {
					text = it.Marker + " " + text // a numbered entry keeps its label: "[3] Sato, K. ..."
				}
				if t := clean(text); t != "" {
					b.WriteString("<li>")
					esc(&b, t)
					b.WriteString("</li>\n")
				}
			}
			if bl.Ordered {
				b.WriteString("</ol>\n")
			} else {
				b.WriteString("</ul>\n")
			}
			i = j
		case essay.Quote, essay.Reference:
			j := i
			for j < len(blocks) && blocks[j].Kind == bl.Kind {
				j++
			}
			open, close, pTag := "<blockquote>\n", "</blockquote>\n", "<p>"
			if bl.Kind == essay.Reference {
				open, close, pTag = `<section class="references">`+"\n", "</section>\n", `<p class="ref">`
				*cls |= clsRefs
			}
			b.WriteString(open)
			for _, it := range blocks[i:j] {
				text := it.Text
				if it.Kind == essay.Reference && it.Marker != "" {
					text = it.Marker + " " + text // a numbered entry keeps its label: "[3] Sato, K. ..."
				}
				if t := clean(text); t != "" {
					b.WriteString(pTag)
					esc(&b, t)
					b.WriteString("</p>\n")
				}
			}
			b.WriteString(close)
			i = j
		default:
			i++
			t := clean(bl.Text)
			if t == "" {
				continue
			}
			switch bl.Kind {
			case essay.Dateline, essay.Salutation, essay.Signature:
				*cls |= letterClasses[bl.Kind]
				b.WriteString(`<p class="` + string(bl.Kind) + `">`)
			default:
				b.WriteString("<p>")
			}
			esc(&b, t)
			b.WriteString("</p>\n")
		}
	}
	if wm != "" {
		notice(&b, wm)
	}
	b.WriteString("</section>")
	return b.String(), toc
}

// letterClasses are the class groups of a letter's parts, which take
// their class from their kind.
var letterClasses = map[essay.Kind]classes{essay.Dateline: clsDateline, essay.Salutation: clsSalutation, essay.Signature: clsSignature}

// olAttrs returns the type and start attributes of a numbered list from
// the marker of its first item ("1.", "b)", "iv.", "(A)"), so the reader
// numbers the list as the source did. The marker itself is not written:
// it is not part of the item's text.
func olAttrs(marker string) string {
	m := strings.Trim(marker, " ().]:-")
	if m == "" {
		return ""
	}
	if n, err := strconv.Atoi(m); err == nil {
		if n > 1 && n < 1_000_000 {
			return ` start="` + strconv.Itoa(n) + `"`
		}
		return ""
	}
	if strings.Trim(m, "ivxlcdm") == "" {
		if v := roman(m); v > 0 {
			return ` type="i"` + startAttr(v)
		}
	}
	if strings.Trim(m, "IVXLCDM") == "" {
		if v := roman(strings.ToLower(m)); v > 0 {
			return ` type="I"` + startAttr(v)
		}
	}
	if len(m) == 1 {
		switch c := m[0]; {
		case c >= 'a' && c <= 'z':
			return ` type="a"` + startAttr(int(c-'a')+1)
		case c >= 'A' && c <= 'Z':
			return ` type="A"` + startAttr(int(c-'A')+1)
		}
	}
	return ""
}

func startAttr(n int) string {
	if n <= 1 {
		return ""
	}
	return ` start="` + strconv.Itoa(n) + `"`
}

// roman returns the value of a lower-case Roman numeral up to 39, or 0.
func roman(s string) int {
	for v := 1; v < 40; v++ {
		if romanOf(v) == s {
			return v
		}
	}
	return 0
}

func romanOf(v int) string {
	var b strings.Builder
	for ; v >= 10; v -= 10 {
		b.WriteByte('x')
	}
	ones := []string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"}
	b.WriteString(ones[v])
	return b.String()
}

// distinctWatermarks returns the parts' non-empty watermarks, cleaned,
// each once, in order.
func distinctWatermarks(parts []render.Part) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		if w := clean(p.Watermark); w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

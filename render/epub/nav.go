package epub

import (
	textlang "github.com/essayexport/essayexport/internal/lang"
	"strconv"
	"strings"
)

// navDoc returns the EPUB 3 navigation document (nav.xhtml). go-epub's own
// nav can only link whole section files and titles itself with an h1; this
// one nests each essay's headings (file#id links, never to the body) and
// titles itself with an h2, so that the first h1 in the book is the
// essay's title. It adds a landmarks nav.
func navDoc(lang, title string, toc []tocEntry, landmarks [][3]string) string {
	var b strings.Builder
	b.WriteString(xmlDecl + "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"" + lang + `" xml:lang="` + lang + `" dir="` + textlang.Dir(lang) + "\">\n<head>\n<title>")
	esc(&b, title)
	b.WriteString("</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"css/style.css\"/>\n</head>\n<body>\n")
	b.WriteString("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h2>Contents</h2>\n")
	navList(&b, toc)
	b.WriteString("</nav>\n")
	if len(landmarks) > 0 {
		b.WriteString("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n")
		for _, l := range landmarks {
			b.WriteString(`<li><a epub:type="` + l[0] + `" href="` + l[1] + `">`)
			esc(&b, l[2])
			b.WriteString("</a></li>\n")
		}
		b.WriteString("</ol>\n</nav>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

func navList(b *strings.Builder, es []tocEntry) {
	b.WriteString("<ol>\n")
	for _, e := range es {
		b.WriteString(`<li><a href="` + e.href + `">`)
		esc(b, e.label)
		b.WriteString("</a>")
		if len(e.children) > 0 {
			b.WriteString("\n")
			navList(b, e.children)
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n")
}

// ncxDoc returns the EPUB 2 table of contents (toc.ncx) with the same
// entries as the nav document, for older reading systems.
func ncxDoc(id, title, author string, toc []tocEntry) string {
	var b strings.Builder
	depth := max(tocDepth(toc), 1)
	b.WriteString(xmlDecl + `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">` + "\n<head>\n")
	b.WriteString(`<meta name="dtb:uid" content="`)
	esc(&b, id)
	b.WriteString("\"/>\n<meta name=\"dtb:depth\" content=\"" + strconv.Itoa(depth) + "\"/>\n")
	b.WriteString("<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n")
	b.WriteString("<docTitle><text>")
	esc(&b, title)
	b.WriteString("</text></docTitle>\n")
	if author != "" {
		b.WriteString("<docAuthor><text>")
		esc(&b, author)
		b.WriteString("</text></docAuthor>\n")
	}
	b.WriteString("<navMap>\n")
	n := 0
	ncxPoints(&b, toc, &n)
	b.WriteString("</navMap>\n</ncx>\n")
	return b.String()
}

func ncxPoints(b *strings.Builder, es []tocEntry, n *int) {
	for _, e := range es {
		*n++
		k := strconv.Itoa(*n)
		b.WriteString(`<navPoint id="np` + k + `" playOrder="` + k + "\">\n<navLabel><text>")
		esc(b, e.label)
		b.WriteString("</text></navLabel>\n<content src=\"" + e.href + "\"/>\n")
		ncxPoints(b, e.children, n)
		b.WriteString("</navPoint>\n")
	}
}

func tocDepth(es []tocEntry) int {
	d := 0
	for _, e := range es {
		d = max(d, 1+tocDepth(e.children))
	}
	return d
}

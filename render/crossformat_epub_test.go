package render_test

// The EPUB side of the cross-format structure test (crossformat_test.go):
// epubStructure renders a document as an EPUB, checks it with epubcheck,
// and reads the structure back from the XHTML of its text document, as a
// reading system sees it: heading levels from h2–h5, list labels from
// <ol type start> (as HTML numbers them), <ul> and the references'
// markers, verse lines from the stanzas, and the endnotes with the links
// between their back links and the note references.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render/epub"
)

func init() { formats = append(formats, format{"epub", epubStructure}) }

// node is an element of a parsed XHTML document.
type node struct {
	name   string
	attrs  map[string]string // by local name; epub:type is "type"
	kids   []*node
	text   string // for a text node (name "")
	parent *node
}

// parseXHTML parses an XHTML document strictly into a tree.
func parseXHTML(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := &node{name: "#document"}
	cur := root
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &node{name: tk.Name.Local, attrs: map[string]string{}, parent: cur}
			for _, a := range tk.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			cur.kids = append(cur.kids, n)
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			cur.kids = append(cur.kids, &node{text: string(tk), parent: cur})
		}
	}
}

// find returns the elements under n, in document order, for which f is
// true, without looking inside a match.
func (n *node) find(f func(*node) bool) []*node {
	var out []*node
	for _, k := range n.kids {
		switch {
		case k.name == "":
		case f(k):
			out = append(out, k)
		default:
			out = append(out, k.find(f)...)
		}
	}
	return out
}

// textOf returns the text under n with white space collapsed, leaving
// out what skip is true for.
func (n *node) textOf(skip func(*node) bool) string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		for _, k := range n.kids {
			switch {
			case k.name == "":
				b.WriteString(k.text)
			case skip == nil || !skip(k):
				walk(k)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func (n *node) hasClass(c string) bool {
	for _, f := range strings.Fields(n.attrs["class"]) {
		if f == c {
			return true
		}
	}
	return false
}

// isNoteRef reports a note reference: the marker in the text, or its
// superscript.
func isNoteRef(n *node) bool {
	if n.attrs["role"] == "doc-noteref" {
		return true
	}
	return n.name == "sup" && len(n.find(func(k *node) bool { return k.attrs["role"] == "doc-noteref" })) > 0
}

// epubStructure renders doc as an EPUB and reads its structure back.
func epubStructure(t *testing.T, doc *essay.Document) structure {
	t.Helper()
	path, data := renderToFile(t, "epub", epub.Render, doc)
	testutil.Epubcheck(t, path)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var body *node
	for _, f := range zr.File {
		if f.Name != "EPUB/xhtml/text.xhtml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		if body, err = parseXHTML(data); err != nil {
			t.Fatalf("text.xhtml: %v", err)
		}
	}
	if body == nil {
		t.Fatal("the EPUB has no text.xhtml")
	}

	var s structure
	for _, h := range body.find(func(n *node) bool {
		return len(n.name) == 2 && n.name[0] == 'h' && n.name[1] >= '2' && n.name[1] <= '5'
	}) {
		s.Headings = append(s.Headings, strconv.Itoa(int(h.name[1]-'1'))+" "+h.textOf(isNoteRef))
	}
	for _, l := range body.find(func(n *node) bool { return n.name == "ol" || n.name == "ul" }) {
		if l.parent.attrs["role"] == "doc-endnotes" {
			continue
		}
		s.Lists = append(s.Lists, epubLabels(l))
	}
	for _, v := range body.find(func(n *node) bool { return n.name == "blockquote" && n.hasClass("verse") }) {
		var stanzas []string
		for _, st := range v.find(func(n *node) bool { return n.name == "p" && n.hasClass("stanza") }) {
			var lines []string
			for _, l := range st.find(func(n *node) bool { return n.hasClass("line") }) {
				lines = append(lines, l.textOf(isNoteRef))
			}
			stanzas = append(stanzas, strings.Join(lines, " / "))
		}
		s.Verse = append(s.Verse, strings.Join(stanzas, " // "))
	}

	// The notes, and the links both ways: a back link to an element that
	// is a note reference linking to this note.
	byID := map[string]*node{}
	var index func(*node)
	index = func(n *node) {
		if id := n.attrs["id"]; id != "" {
			byID[id] = n
		}
		for _, k := range n.kids {
			if k.name != "" {
				index(k)
			}
		}
	}
	index(body)
	refs := body.find(func(n *node) bool { return n.attrs["role"] == "doc-noteref" })
	for _, sec := range body.find(func(n *node) bool { return n.attrs["role"] == "doc-endnotes" }) {
		for _, li := range sec.find(func(n *node) bool { return n.name == "li" }) {
			text := li.textOf(nil)
			label, rest, _ := strings.Cut(text, " ")
			e := strings.TrimSuffix(label, ".") + " " + rest
			to := false
			for _, r := range refs {
				to = to || r.attrs["href"] == "#"+li.attrs["id"]
			}
			back := false
			for _, bl := range li.find(func(n *node) bool { return n.attrs["role"] == "doc-backlink" }) {
				r := byID[strings.TrimPrefix(bl.attrs["href"], "#")]
				back = back || r != nil && r.attrs["role"] == "doc-noteref" && r.attrs["href"] == "#"+li.attrs["id"]
			}
			switch {
			case to && back:
				e += " <->"
			case to:
				e += " ->"
			}
			s.Notes = append(s.Notes, e)
		}
	}
	return s
}

// epubLabels writes a list's labels as a reading system draws them:
// <ol> items numbered from start in the type's style, <ul> items as
// bullets, a references list's items by their marker ("_" for none).
func epubLabels(l *node) string {
	n := 1
	if v, err := strconv.Atoi(l.attrs["start"]); err == nil {
		n = v
	}
	style := l.attrs["type"]
	var out []string
	for _, li := range l.kids {
		if li.name != "li" {
			continue
		}
		var lab string
		switch {
		case l.name == "ol":
			lab = number(n, style) + "."
			n++
		case l.hasClass("references"):
			lab = "_"
			if m := li.find(func(k *node) bool { return k.hasClass("marker") }); len(m) > 0 {
				lab = m[0].textOf(nil)
			}
		default:
			lab = "•"
		}
		for _, sub := range li.kids {
			if sub.name == "ol" || sub.name == "ul" {
				lab += "(" + epubLabels(sub) + ")"
			}
		}
		out = append(out, lab)
	}
	return strings.Join(out, " ")
}

// TestCrossFormatConstructs compares the structure of the document with
// every schema-2 construct (testutil.ConstructsDoc) in every format with
// the model's.
func TestCrossFormatConstructs(t *testing.T) {
	doc := testutil.ConstructsDoc()
	want := modelStructure(doc)
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			got := f.extract(t, doc)
			compareStructure(t, "the model", want, got)
		})
	}
}

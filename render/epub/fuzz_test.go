package epub_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/epub"
)

// FuzzRenderEPUB feeds the EPUB renderer from the parser. Invariants: no
// panic, no error, every XHTML and XML entry well-formed, and no word
// lost: every ASCII word the document shows (testutil.DocWords: title,
// subtitle, author, epigraph, blocks, notes) comes back, in order, from
// the content documents' text. (List numbers are drawn by the reader
// from <ol start>, so list markers are not words of the text.)
func FuzzRenderEPUB(f *testing.F) {
	for _, s := range testutil.FuzzSeeds(f) {
		f.Add(s, false)
	}
	f.Add([]byte("<b>Title</b> & ]]>\n\nText \x01 with \u202e odd < bits\n\n- item\n\n1. one"), true)
	f.Fuzz(func(t *testing.T, src []byte, watermark bool) {
		doc, err := parse.Parse(testutil.Textify(src), parse.Options{Lang: "en"})
		if err != nil {
			return // not text: the CLI refuses it before rendering
		}
		wm := ""
		if watermark {
			wm = "PREVIEW <&>"
		}
		var buf bytes.Buffer
		if _, err := epub.Render(&buf, render.Single(doc, wm, ""), render.Defaults()); err != nil {
			t.Fatalf("render: %v", err)
		}
		z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("not a zip: %v", err)
		}
		files := map[string][]byte{}
		var opf string
		for _, f := range z.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			files[f.Name] = data
			if strings.HasSuffix(f.Name, ".opf") {
				opf = f.Name
			}
			if strings.HasSuffix(f.Name, ".xhtml") || strings.HasSuffix(f.Name, ".opf") ||
				strings.HasSuffix(f.Name, ".ncx") || strings.HasSuffix(f.Name, ".xml") {
				if err := wellFormed(data, nil); err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
		}
		// The text of the content documents, in spine order.
		var pkg struct {
			Items []struct {
				ID   string `xml:"id,attr"`
				Href string `xml:"href,attr"`
			} `xml:"manifest>item"`
			Refs []struct {
				IDRef string `xml:"idref,attr"`
			} `xml:"spine>itemref"`
		}
		if err := xml.Unmarshal(files[opf], &pkg); err != nil {
			t.Fatalf("package document: %v", err)
		}
		href := map[string]string{}
		for _, it := range pkg.Items {
			href[it.ID] = path.Join(path.Dir(opf), it.Href)
		}
		var text strings.Builder
		for _, r := range pkg.Refs {
			wellFormed(files[href[r.IDRef]], &text)
		}
		want := testutil.DocWords(doc)
		got := testutil.ASCIIWords(text.String())
		if i := testutil.MissingFrom(want, got); i >= 0 {
			t.Fatalf("word %d %q of the document is not in the EPUB's text", i, want[i])
		}
	})
}

// wellFormed decodes data strictly; with text non-nil, it appends the
// character data inside <body> to text.
func wellFormed(data []byte, text *strings.Builder) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	inBody := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if text != nil {
			text.WriteByte(' ') // element boundaries separate words
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if tk.Name.Local == "body" {
				inBody = true
			}
		case xml.CharData:
			if text != nil && inBody {
				text.Write(tk)
			}
		}
	}
}

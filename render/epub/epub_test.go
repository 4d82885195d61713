package epub

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
)

// The sample prose is written for these tests.
var sampleParas = []string{
	"Every town keeps a second map that no surveyor ever drew. It is made of the short cuts children take to school, the benches where old friends wait for each other, and the corners where the wind always seems to gather leaves.",
	"When a road is widened or a row of shops is pulled down, the printed map changes overnight, but the second map lingers for years. People still turn their heads toward a bakery that closed a decade ago, as if the smell of bread might return.",
	"Planners are rarely taught to read this hidden map. Their training favours traffic counts and zoning tables, which are easy to measure and easy to defend at a council meeting, while the quieter habits of a street resist the spreadsheet.",
	"Yet the hidden map is what residents mean when they say a place has changed. They are not complaining about the width of the pavement; they are mourning a pattern of encounters that the old pavement happened to make possible.",
	"A modest remedy is to walk before drawing. An afternoon spent following the routes that people actually use, and asking them why, reveals more than a week of desk studies, and it costs only shoe leather and patience.",
}

// sampleDoc returns an essay of about 900 words with headings, a list, a
// quote and references.
func sampleDoc() *essay.Document {
	d := &essay.Document{Title: "The Second Map", Author: "Rosalind Ferrier", Lang: "en-GB", Encoding: "utf-8"}
	add := func(k essay.Kind, text string) { d.Blocks = append(d.Blocks, essay.Block{Kind: k, Text: text}) }
	for round := 0; round < 3; round++ {
		d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Heading, Level: 1, Text: []string{"Streets as Memory", "What Planners Miss", "Walking First"}[round]})
		for _, p := range sampleParas {
			add(essay.Paragraph, p)
		}
		if round == 1 {
			d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Heading, Level: 2, Text: "Three habits worth keeping"})
			for i, it := range []string{"Walk the route twice, once by day and once after dark.", "Ask the oldest resident where the village green used to be.", "Count benches, not only cars."} {
				d.Blocks = append(d.Blocks, essay.Block{Kind: essay.ListItem, Ordered: true, Marker: string(rune('1'+i)) + ".", Text: it})
			}
			add(essay.Quote, "A street is a conversation that has been going on for longer than anyone now living can remember.")
		}
	}
	add(essay.Heading, "References")
	d.Blocks[len(d.Blocks)-1].Level = 1
	add(essay.Reference, "Abernethy, J. (1998). Walking the Parish. Fenwick Press.")
	add(essay.Reference, "Moll, T. and Sandqvist, E. (2011). Counting the Uncounted: Informal Routes in Small Towns. Journal of Street Studies, 4(2), 33-58.")
	return d
}

// render renders b with o and returns the bytes.
func renderBytes(t testing.TB, b *render.Book, o render.Options) ([]byte, render.Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := Render(&buf, b, o)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes(), st
}

// check writes data to a temporary file and runs epubcheck on it, which
// must report nothing at all.
func check(t *testing.T, data []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := testutil.Epubcheck(t, path)
	if !strings.Contains(out, "0 fatals / 0 errors / 0 warnings / 0 infos") {
		t.Fatalf("epubcheck reported messages:\n%s", out)
	}
}

// entries returns the zip's files by name, and their names in order.
func entries(t testing.TB, data []byte) (map[string]string, []*zip.File) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	m := map[string]string{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		m[f.Name] = string(b)
	}
	return m, zr.File
}

func fixedOptions() render.Options {
	o := render.Defaults()
	o.Modified = time.Date(2024, 3, 9, 14, 30, 5, 0, time.UTC)
	return o
}

// spineDocs returns the spine's XHTML files in reading order.
func spineDocs(t testing.TB, m map[string]string) []string {
	t.Helper()
	opf := m["EPUB/package.opf"]
	hrefs := map[string]string{}
	for _, it := range regexp.MustCompile(`<item id="([^"]+)" href="([^"]+)"`).FindAllStringSubmatch(opf, -1) {
		hrefs[it[1]] = it[2]
	}
	var docs []string
	for _, ir := range regexp.MustCompile(`<itemref idref="([^"]+)"`).FindAllStringSubmatch(opf, -1) {
		docs = append(docs, m["EPUB/"+hrefs[ir[1]]])
	}
	return docs
}

func TestPlainEssayPassesEpubcheck(t *testing.T) {
	t.Parallel()
	data, st := renderBytes(t, render.Single(sampleDoc(), "", "March 2024"), fixedOptions())
	check(t, data)
	if st.Pages != 3 {
		t.Errorf("Stats.Pages = %d, want 3 (cover, title page, text)", st.Pages)
	}
	m, _ := entries(t, data)
	docs := spineDocs(t, m)
	if len(docs) != st.Pages {
		t.Fatalf("spine has %d documents, Stats.Pages says %d", len(docs), st.Pages)
	}
	if !strings.Contains(docs[1], `<h1 class="title">The Second Map</h1>`) {
		t.Errorf("title page lacks the h1:\n%s", docs[1])
	}
	text := docs[2]
	for _, want := range []string{
		`<h2 id="sec1">Streets as Memory</h2>`,
		`<h3 id="sec3">Three habits worth keeping</h3>`,
		"<ol>\n<li>Walk the route twice",
		"<blockquote>\n<p>A street is a conversation",
		`<section class="references">` + "\n" + `<p class="ref">Abernethy`,
		"<p>" + sampleParas[0] + "</p>",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if n := strings.Count(text, "<p>"); n != 15+1 {
		t.Errorf("text has %d plain paragraphs, want 16 (15 + the quote)", n)
	}
	if strings.Contains(text, "<h1") {
		t.Errorf("the text document repeats the h1")
	}
}

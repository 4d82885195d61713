package epub

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

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
			l := &essay.ListInfo{Kind: essay.Numbered, Style: "1", Start: 1}
			for i, it := range []string{"Walk the route twice, once by day and once after dark.", "Ask the oldest resident where the village green used to be.", "Count benches, not only cars."} {
				l.Items = append(l.Items, essay.Item{Marker: string(rune('1'+i)) + ".", Text: it})
			}
			d.Blocks = append(d.Blocks, essay.Block{Kind: essay.List, List: l})
			add(essay.Quote, "A street is a conversation that has been going on for longer than anyone now living can remember.")
		}
	}
	add(essay.Heading, "References")
	d.Blocks[len(d.Blocks)-1].Level = 1
	d.Blocks = append(d.Blocks, essay.Block{Kind: essay.List, List: &essay.ListInfo{Kind: essay.References, Items: []essay.Item{
		{Text: "Abernethy, J. (1998). Walking the Parish. Fenwick Press."},
		{Text: "Moll, T. and Sandqvist, E. (2011). Counting the Uncounted: Informal Routes in Small Towns. Journal of Street Studies, 4(2), 33-58."},
	}}})
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

// writeTemp writes data to name in a temporary directory and returns
// its path.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// check writes data to a temporary file and runs epubcheck on it, which
// must report nothing at all.
func check(t *testing.T, data []byte) {
	t.Helper()
	path := writeTemp(t, "book.epub", data)
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

// TestMain makes the JVM that epubcheck runs in start faster: each test
// here runs epubcheck at least once.
func TestMain(m *testing.M) {
	if os.Getenv("JAVA_TOOL_OPTIONS") == "" {
		os.Setenv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
	}
	os.Exit(m.Run())
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
	if !strings.Contains(docs[1], `<h1>The Second Map</h1>`) {
		t.Errorf("title page lacks the h1:\n%s", docs[1])
	}
	text := docs[2]
	for _, want := range []string{
		`<h2 id="sec1">Streets as Memory</h2>`,
		`<h3 id="sec3">Three habits worth keeping</h3>`,
		"<ol>\n<li>Walk the route twice",
		"<blockquote>\n<p>A street is a conversation",
		`<ul class="references">` + "\n" + `<li>Abernethy`,
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

func TestWatermarkedEssay(t *testing.T) {
	t.Parallel()
	const wm = "Preview copy — not for submission"
	plain, _ := renderBytes(t, render.Single(sampleDoc(), "", "March 2024"), fixedOptions())
	data, _ := renderBytes(t, render.Single(sampleDoc(), wm, "March 2024"), fixedOptions())
	check(t, data)
	m, _ := entries(t, data)
	pm, _ := entries(t, plain)
	docs := spineDocs(t, m)
	notice := `<div class="notice" role="note">` + wm + `</div>`
	if !strings.Contains(docs[1], notice) {
		t.Errorf("title page lacks the notice:\n%s", docs[1])
	}
	if body := docs[2][:strings.LastIndex(docs[2], "</section>")]; !strings.HasSuffix(strings.TrimSpace(body), notice) {
		t.Errorf("the text does not end with the notice")
	}
	if !strings.Contains(docs[2], `<div class="watermark" aria-hidden="true" data-text="`+wm+`"></div>`) {
		t.Errorf("the text lacks the watermark layer")
	}
	if strings.Count(docs[2], "<p") != strings.Count(spineDocs(t, pm)[2], "<p") {
		t.Errorf("the watermark added paragraphs")
	}
	css := m["EPUB/css/style.css"]
	for _, want := range []string{"content: attr(data-text)", "opacity: 0.18", "rotate(-56.3deg)", "pointer-events: none"} {
		if !strings.Contains(css, want) {
			t.Errorf("style sheet lacks %q", want)
		}
	}
	if m["EPUB/images/cover.png"] == pm["EPUB/images/cover.png"] {
		t.Errorf("the watermark text is not on the cover")
	}
	// The generated cover's alt text is the text it shows, watermark too.
	if cp := m["EPUB/xhtml/cover.xhtml"]; !strings.Contains(cp, `alt="Cover: The Second Map, by Rosalind Ferrier, `+wm+`"`) {
		t.Errorf("cover alt text is not what the cover shows:\n%s", cp)
	}
}

func TestNoTitleHasNoH1(t *testing.T) {
	t.Parallel()
	d := sampleDoc()
	d.Title, d.Name = "", "second map draft"
	data, _ := renderBytes(t, render.Single(d, "", ""), fixedOptions())
	check(t, data)
	m, _ := entries(t, data)
	for name, body := range m {
		if strings.HasSuffix(name, ".xhtml") && strings.Contains(body, "<h1") {
			t.Errorf("%s has an h1 though the essay has no title", name)
		}
		if strings.HasSuffix(name, ".xhtml") && name != "EPUB/nav.xhtml" && strings.Contains(body, "<body") &&
			strings.Contains(strings.SplitN(body, "<body", 2)[1], "second map draft") {
			t.Errorf("%s shows the file name in its body", name)
		}
	}
	if !strings.Contains(m["EPUB/package.opf"], "<dc:title>second map draft</dc:title>") {
		t.Errorf("dc:title is not DisplayTitle:\n%s", m["EPUB/package.opf"])
	}
	docs := spineDocs(t, m)
	if !strings.Contains(docs[1], `<div class="byline">Rosalind Ferrier</div>`) || strings.Contains(docs[1], "<p") {
		t.Errorf("title page should show only the author:\n%s", docs[1])
	}
	// With nothing to show, there is no title page at all.
	d.Author = ""
	data, st := renderBytes(t, render.Single(d, "", ""), fixedOptions())
	m, _ = entries(t, data)
	if _, ok := m["EPUB/xhtml/titlepage.xhtml"]; ok || st.Pages != 2 {
		t.Errorf("an empty title page was made (pages %d)", st.Pages)
	}
	check(t, data)
}

func TestEmbedFonts(t *testing.T) {
	t.Parallel()
	o := fixedOptions()
	o.EmbedFonts = true
	data, _ := renderBytes(t, render.Single(sampleDoc(), "", ""), o)
	check(t, data)
	m, _ := entries(t, data)
	for _, f := range []string{"Regular", "Italic", "Bold", "BoldItalic"} {
		name := "EPUB/fonts/LiberationSerif-" + f + ".ttf"
		if !strings.HasPrefix(m[name], "\x00\x01\x00\x00") {
			t.Errorf("%s missing or not TrueType", name)
		}
		if !strings.Contains(m["EPUB/css/style.css"], `src: url("../fonts/LiberationSerif-`+f+`.ttf")`) {
			t.Errorf("no @font-face for %s", f)
		}
	}
	if !strings.Contains(m["EPUB/css/style.css"], `font-family: "Liberation Serif", `) {
		t.Errorf("Liberation Serif does not lead the stack")
	}
	if !strings.Contains(m["META-INF/com.apple.ibooks.display-options.xml"], `<option name="specified-fonts">true</option>`) {
		t.Errorf("no Apple display options")
	}
	plain, _ := renderBytes(t, render.Single(sampleDoc(), "", ""), fixedOptions())
	pm, _ := entries(t, plain)
	if strings.Contains(pm["EPUB/css/style.css"], "Liberation") {
		t.Errorf("Liberation Serif named without embedding it")
	}
}

func TestCoverNone(t *testing.T) {
	t.Parallel()
	o := fixedOptions()
	o.Cover.None = true
	data, st := renderBytes(t, render.Single(sampleDoc(), "", ""), o)
	check(t, data)
	m, _ := entries(t, data)
	for name := range m {
		if strings.Contains(name, "cover") {
			t.Errorf("cover entry %s with Cover.None", name)
		}
	}
	if st.Pages != 2 {
		t.Errorf("Pages = %d, want 2", st.Pages)
	}
	if strings.Contains(m["EPUB/package.opf"], "visual") {
		t.Errorf("accessMode visual without an image")
	}
}

func TestCoverUserImage(t *testing.T) {
	t.Parallel()
	img := image.NewRGBA(image.Rect(0, 0, 40, 60))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var pngBuf, jpgBuf bytes.Buffer
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgBuf, img, nil); err != nil {
		t.Fatal(err)
	}
	o := fixedOptions()
	o.Cover.Image = pngBuf.Bytes()
	data, _ := renderBytes(t, render.Single(sampleDoc(), "", ""), o)
	check(t, data)
	m, _ := entries(t, data)
	if m["EPUB/images/cover.png"] != pngBuf.String() {
		t.Errorf("the user's PNG is not the cover")
	}
	// The user's cover, which this package cannot describe, is decorative:
	// the title page gives the title and author as text.
	if cp := m["EPUB/xhtml/cover.xhtml"]; !strings.Contains(cp, `alt=""`) {
		t.Errorf("the user's cover is not decorative:\n%s", cp)
	}
	if opf := m["EPUB/package.opf"]; strings.Contains(opf, "alternativeText") || !strings.Contains(opf, "the cover image, which is decorative") {
		t.Errorf("accessibility metadata does not say the cover is decorative")
	}
	if !strings.Contains(m["EPUB/package.opf"], `href="images/cover.png" media-type="image/png" properties="cover-image"`) {
		t.Errorf("cover-image not declared")
	}
	o.Cover.Image = jpgBuf.Bytes()
	data, _ = renderBytes(t, render.Single(sampleDoc(), "", ""), o)
	m, _ = entries(t, data)
	if m["EPUB/images/cover.jpg"] != jpgBuf.String() || !strings.Contains(m["EPUB/package.opf"], `media-type="image/jpeg"`) {
		t.Errorf("the user's JPEG is not the cover")
	}
	o.Cover.Image = []byte("GIF89a not supported")
	if _, err := Render(io.Discard, render.Single(sampleDoc(), "", ""), o); err == nil || !strings.Contains(err.Error(), "neither PNG nor JPEG") {
		t.Errorf("a GIF cover gave error %v", err)
	}
}

func samplePack() *render.Book {
	a := sampleDoc()
	b := &essay.Document{Title: "Bridges and Their Keepers", Author: "Tomas Ilves", Lang: "en", Blocks: []essay.Block{
		{Kind: essay.Paragraph, Text: "A bridge is a promise made in stone that the far bank will still be there tomorrow."},
		{Kind: essay.Heading, Level: 1, Text: "Inspection"},
		{Kind: essay.Paragraph, Text: "Keepers tap each rivet with a small hammer and listen for the dull note of rust."},
	}}
	c := &essay.Document{Name: "untitled notes", Lang: "en", Blocks: []essay.Block{
		{Kind: essay.Dateline, Text: "Leith, 4 June"},
		{Kind: essay.Salutation, Text: "Dear committee,"},
		{Kind: essay.Paragraph, Text: "These notes have no title of their own, so the pack names them after their file."},
		{Kind: essay.Signature, Text: "Yours faithfully, M. Orr"},
	}}
	return &render.Book{
		Pack: true, Title: "Spring Coursework", Subtitle: "Three pieces on public space", Author: "Class 4B", Date: "Spring 2024", Lang: "en-GB",
		Parts: []render.Part{{Doc: a, Watermark: "DRAFT A"}, {Doc: b}, {Doc: c, Watermark: "DRAFT C"}},
	}
}

func TestPack(t *testing.T) {
	t.Parallel()
	data, st := renderBytes(t, samplePack(), fixedOptions())
	check(t, data)
	m, _ := entries(t, data)
	docs := spineDocs(t, m)
	if st.Pages != 5 || len(docs) != 5 {
		t.Fatalf("pages %d, spine %d; want 5 (cover, title page, three essays)", st.Pages, len(docs))
	}
	tp := docs[1]
	for _, want := range []string{"<h1>Spring Coursework</h1>", `<div class="subtitle">Three pieces on public space</div>`,
		`<div class="byline">Class 4B</div>`, `<div class="date">Spring 2024</div>`,
		`<div class="notice" role="note">DRAFT A</div>`, `<div class="notice" role="note">DRAFT C</div>`} {
		if !strings.Contains(tp, want) {
			t.Errorf("pack title page lacks %q", want)
		}
	}
	for i, want := range []string{"<h1>The Second Map</h1>", "<h1>Bridges and Their Keepers</h1>", "<h1>untitled notes</h1>"} {
		if !strings.Contains(docs[2+i], want) {
			t.Errorf("essay %d lacks %q", i+1, want)
		}
	}
	if !strings.Contains(docs[2], "DRAFT A</div>") || strings.Contains(docs[3], "notice") || !strings.Contains(docs[4], "DRAFT C</div>") {
		t.Errorf("watermarks are not per part")
	}
	for _, want := range []string{`<p class="dateline">Leith, 4 June</p>`, `<p class="salutation">Dear committee,</p>`, `<p class="signature">Yours faithfully, M. Orr</p>`} {
		if !strings.Contains(docs[4], want) {
			t.Errorf("letter parts: lacks %q", want)
		}
	}
	nav := m["EPUB/nav.xhtml"]
	for _, want := range []string{
		`<li><a href="xhtml/essay001.xhtml">The Second Map</a>`,
		`<li><a href="xhtml/essay001.xhtml#sec3">Three habits worth keeping</a></li>`,
		`<li><a href="xhtml/essay002.xhtml#sec1">Inspection</a></li>`,
		`<li><a href="xhtml/essay003.xhtml">untitled notes</a></li>`,
	} {
		if !strings.Contains(nav, want) {
			t.Errorf("nav lacks %q", want)
		}
	}
	// "Three habits" (level 2) nests under "What Planners Miss" (level 1).
	if !regexp.MustCompile(`What Planners Miss</a>\s*<ol>\s*<li><a href="xhtml/essay001.xhtml#sec3">`).MatchString(nav) {
		t.Errorf("level-2 heading not nested:\n%s", nav)
	}
	if !strings.Contains(m["EPUB/toc.ncx"], `<content src="xhtml/essay002.xhtml#sec1"/>`) {
		t.Errorf("NCX lacks the heading link")
	}
	opf := m["EPUB/package.opf"]
	for _, want := range []string{"<dc:title>Spring Coursework</dc:title>", ">Class 4B</dc:creator>",
		"<dc:description>Three pieces on public space</dc:description>", "<dc:language>en-GB</dc:language>"} {
		if !strings.Contains(opf, want) {
			t.Errorf("OPF lacks %q", want)
		}
	}
}

// hostile is text built to break XML and readers.
var hostile = "<script>alert('x')</script> & ]]> a lone < and > here \"quoted\" " +
	"ctl:\x00\x01\x08\x0b\x0c\x1b\x7f\u0085 nonchar:\uFFFE\uFFFF\uFDD0 bad utf8:\xed\xa0\x80\xff " +
	"bidi:\u202Egnirts desrever\u202C \u2066iso\u2069 zero\u200Bwidth\u200D\uFEFF " +
	"emoji 🧭🏳️‍🌈 CJK 漢字かな한글 &amp; &#0; <![CDATA[x]]>"

func TestHostileText(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("supercalifragilistic", 500) // a 10,000-character word
	d := &essay.Document{Title: "Title " + hostile, Author: "Author " + hostile, Lang: "en", Blocks: []essay.Block{
		{Kind: essay.Paragraph, Text: hostile},
		{Kind: essay.Heading, Level: 1, Text: "Heading " + hostile},
		{Kind: essay.List, List: &essay.ListInfo{Kind: essay.Bullets, Items: []essay.Item{{Text: hostile, Sub: &essay.ListInfo{Kind: essay.Numbered, Style: "<a>", Start: -3, Items: []essay.Item{{Marker: "<1>", Text: hostile}}}}}}},
		{Kind: essay.List, List: &essay.ListInfo{Kind: essay.References, Items: []essay.Item{{Marker: "<&>", Text: hostile}, {Text: "\x00"}}}},
		{Kind: essay.List, List: &essay.ListInfo{Kind: essay.Numbered}}, // empty: no <ol>
		{Kind: essay.Verse, Attribution: hostile, Stanzas: [][]essay.VerseLine{{{Text: hostile, Indent: 9}}, {{Text: " "}}}},
		{Kind: essay.Paragraph, Spans: []essay.Span{{Text: hostile, Emph: true}, {Text: "<1>", Note: "<n>"}, {Text: hostile, Strong: true}}},
		{Kind: essay.Rule, Text: hostile},
		{Kind: essay.Quote, Text: hostile},
		{Kind: essay.Kind("list_item"), Text: hostile}, // schema 1's item kind, now unknown: a paragraph
		{Kind: essay.Signature, Text: hostile},
		{Kind: essay.Kind("mystery"), Text: hostile},
		{Kind: essay.Paragraph, Text: long},
		{Kind: essay.Paragraph, Text: "\x00\x01 \t "}, // nothing left: no empty p
	}}
	d.Notes = []essay.Note{{ID: "<n>", Label: "<" + hostile, Text: hostile}, {ID: "<n>", Label: "", Text: "duplicate id"}}
	d.Subtitle = hostile
	d.Epigraph = &essay.Block{Kind: essay.Verse, Attribution: hostile, Stanzas: [][]essay.VerseLine{{{Text: hostile}}}}
	b := render.Single(d, "WM "+hostile, "Date "+hostile)
	b.Subtitle = hostile
	data, _ := renderBytes(t, b, fixedOptions())
	check(t, data)
	m, _ := entries(t, data)
	for name, body := range m {
		if !strings.HasSuffix(name, ".xhtml") && !strings.HasSuffix(name, ".opf") && !strings.HasSuffix(name, ".ncx") {
			continue
		}
		for _, bad := range []string{"<script", "]]>", "\x00", "\x1b", "\x7f", "\u0085", "\uFFFE", "\uFDD0", "<![CDATA", "<and", "< and"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		if !utf8.ValidString(body) {
			t.Errorf("%s is not valid UTF-8", name)
		}
	}
	text := spineDocs(t, m)[2]
	for _, want := range []string{"&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; ]]&#62; a lone &#60; and &#62; here &#34;quoted&#34;",
		"ctl: nonchar: bad utf8:\uFFFD\uFFFD\uFFFD\uFFFD bidi:\u202Egnirts desrever\u202C", "emoji 🧭🏳️‍🌈 CJK 漢字かな한글 &#38;amp;", long} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(text, "<p></p>") {
		t.Errorf("empty paragraph written")
	}
}

func TestMetadata(t *testing.T) {
	t.Parallel()
	o := fixedOptions()
	data, _ := renderBytes(t, render.Single(sampleDoc(), "", "March 2024"), o)
	m, files := entries(t, data)

	if files[0].Name != "mimetype" || files[0].Method != zip.Store || len(files[0].Extra) != 0 || m["mimetype"] != "application/epub+zip" {
		t.Errorf("mimetype is not the first, stored entry: %+v", files[0].FileHeader)
	}
	for _, f := range files {
		if !f.Modified.Equal(time.Date(2024, 3, 9, 14, 30, 4, 0, time.UTC)) { // MS-DOS time has 2 s steps
			t.Errorf("%s has time %v", f.Name, f.Modified)
		}
	}
	if !strings.Contains(m["EPUB/toc.ncx"], `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">`) ||
		!strings.Contains(m["EPUB/package.opf"], `media-type="application/x-dtbncx+xml"`) {
		t.Errorf("no NCX")
	}
	opf := m["EPUB/package.opf"]
	idRe := regexp.MustCompile(`<dc:identifier id="pub-id">urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})</dc:identifier>`)
	id := idRe.FindStringSubmatch(opf)
	if id == nil {
		t.Fatalf("no content-derived urn:uuid identifier:\n%s", opf)
	}
	for _, want := range []string{
		`<meta property="dcterms:modified">2024-03-09T14:30:05Z</meta>`,
		"<dc:title>The Second Map</dc:title>",
		`<dc:creator id="creator">Rosalind Ferrier</dc:creator>`,
		"<dc:language>en-GB</dc:language>",
		"<dc:description>" + sampleParas[0] + "</dc:description>",
		`<meta property="schema:accessMode">textual</meta>`,
		`<meta property="schema:accessModeSufficient">textual</meta>`,
		`<meta property="schema:accessibilityFeature">structuralNavigation</meta>`,
		`<meta property="schema:accessibilityFeature">tableOfContents</meta>`,
		`<meta property="schema:accessibilityFeature">readingOrder</meta>`,
		`<meta property="schema:accessibilityFeature">displayTransformability</meta>`,
		`<meta property="schema:accessibilityHazard">none</meta>`,
		`<meta property="schema:accessibilitySummary">`,
		`<meta property="schema:accessibilityFeature">alternativeText</meta>`,
		`<package xmlns="http://www.idpf.org/2007/opf" xml:lang="en-GB" `,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("OPF lacks %s", want)
		}
	}
	// No conformance is claimed: Ace checks part of WCAG, nobody the rest.
	for _, claim := range []string{"dcterms:conformsTo", "a11y:certifiedBy"} {
		if strings.Contains(opf, claim) {
			t.Errorf("OPF claims %s", claim)
		}
	}
	for name, body := range m {
		if !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		if !strings.HasPrefix(body, `<?xml version="1.0" encoding="utf-8"?>`) {
			t.Errorf("%s does not start with the utf-8 XML declaration", name)
		}
		if !regexp.MustCompile(`<html [^>]*lang="en-GB" xml:lang="en-GB"`).MatchString(body) {
			t.Errorf("%s: html element lacks lang and xml:lang", name)
		}
		if strings.Contains(body, `href="#`) || strings.Contains(body, "#body") {
			t.Errorf("%s links to a body id", name)
		}
	}

	// The identifier is stable, follows the content and not the date, and
	// Options.Identifier overrides it.
	o2 := o
	o2.Modified = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	again, _ := renderBytes(t, render.Single(sampleDoc(), "", "March 2024"), o2)
	am, _ := entries(t, again)
	if got := idRe.FindStringSubmatch(am["EPUB/package.opf"]); got == nil || got[1] != id[1] {
		t.Errorf("identifier changed with the date: %v vs %s", got, id[1])
	}
	d := sampleDoc()
	d.Blocks[1].Text += " One more sentence."
	other, _ := renderBytes(t, render.Single(d, "", "March 2024"), o)
	om, _ := entries(t, other)
	if got := idRe.FindStringSubmatch(om["EPUB/package.opf"]); got == nil || got[1] == id[1] {
		t.Errorf("identifier did not change with the content")
	}
	o.Identifier = "isbn:9780000000002"
	given, _ := renderBytes(t, render.Single(sampleDoc(), "", ""), o)
	gm, _ := entries(t, given)
	if !strings.Contains(gm["EPUB/package.opf"], `<dc:identifier id="pub-id">isbn:9780000000002</dc:identifier>`) ||
		!strings.Contains(gm["EPUB/toc.ncx"], `<meta name="dtb:uid" content="isbn:9780000000002"/>`) {
		t.Errorf("Options.Identifier not used")
	}
}

func TestSummary(t *testing.T) {
	long := strings.Repeat("word ", 100)
	if got := summary(long, 300); len(got) > 300+len("…") || !strings.HasSuffix(got, "d…") {
		t.Errorf("summary cut badly: %q", got)
	}
	if got := summary(strings.Repeat("é", 400), 300); !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("summary of one long word: %q", got)
	}
	if got := summary(" short\ttext ", 300); got != "short text" {
		t.Errorf("summary(short) = %q", got)
	}
}

func TestByteIdentical(t *testing.T) {
	t.Parallel()
	for _, b := range []*render.Book{render.Single(sampleDoc(), "PREVIEW", "today"), samplePack(), render.Single(testutil.ConstructsDoc(), "", "")} {
		o := fixedOptions()
		o.EmbedFonts = true
		first, _ := renderBytes(t, b, o)
		for i := 0; i < 3; i++ {
			if again, _ := renderBytes(t, b, o); !bytes.Equal(first, again) {
				t.Fatalf("render %d differs from the first", i+2)
			}
		}
	}
}

func TestConcurrentRenders(t *testing.T) {
	t.Parallel()
	books := []*render.Book{render.Single(sampleDoc(), "", ""), render.Single(sampleDoc(), "WM", "d"), samplePack()}
	nd := sampleDoc()
	nd.Title = ""
	books = append(books, render.Single(nd, "", ""))
	want := make([][]byte, len(books))
	for i, b := range books {
		want[i], _ = renderBytes(t, b, fixedOptions())
	}
	errs := make(chan error, 64)
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 8; i++ {
				k := (g + i) % len(books)
				var buf bytes.Buffer
				if _, err := Render(&buf, books[k], fixedOptions()); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(buf.Bytes(), want[k]) {
					errs <- fmt.Errorf("goroutine %d: book %d differs from its serial render", g, k)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestBadInput(t *testing.T) {
	for _, b := range []*render.Book{nil, {}, {Parts: []render.Part{{}}}} {
		if _, err := Render(io.Discard, b, fixedOptions()); err == nil {
			t.Errorf("no error for %+v", b)
		}
	}
	d := sampleDoc()
	d.Lang = "not a language!"
	var buf bytes.Buffer
	st, err := Render(&buf, render.Single(d, "", ""), fixedOptions())
	if err != nil || len(st.Warnings) == 0 || !strings.Contains(buf.String(), "") {
		t.Errorf("bad language: err %v, warnings %v", err, st.Warnings)
	}
	m, _ := entries(t, buf.Bytes())
	if !strings.Contains(m["EPUB/package.opf"], "<dc:language>en</dc:language>") {
		t.Errorf("bad language not replaced by en")
	}
}

// benchDoc is an essay of about 900 words.
func benchDoc() *essay.Document {
	d := sampleDoc()
	return d
}

func BenchmarkRender(b *testing.B) {
	book := render.Single(benchDoc(), "", "")
	o := fixedOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(io.Discard, book, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderParallel(b *testing.B) {
	book := render.Single(benchDoc(), "", "")
	o := fixedOptions()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := Render(io.Discard, book, o); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkCover(b *testing.B) {
	for b.Loop() {
		makeCover("The Second Map: Streets, Memory and the Habits of Towns", "Rosalind Ferrier", "", color.RGBA{190, 30, 30, 255})
	}
}

// TestClassRulesMatchGroups keeps classRules and the class-group bits in
// step: one rule string per group, in bit order.
func TestClassRulesMatchGroups(t *testing.T) {
	if n := bits.Len32(uint32(clsAll)); n != len(classRules) {
		t.Fatalf("%d class groups but %d rule strings", n, len(classRules))
	}
	for i, r := range classRules {
		if !strings.Contains(styleText(fixedOptions(), classes(1)<<i), strings.SplitN(r, "{", 2)[0]) {
			t.Errorf("group %d's rule %q is not in its sheet", i, r[:20])
		}
	}
}

// TestConstructs checks the markup of every schema-2 construct in the
// EPUB of testutil.ConstructsDoc, and that epubcheck passes it.
func TestConstructs(t *testing.T) {
	t.Parallel()
	data, _ := renderBytes(t, render.Single(testutil.ConstructsDoc(), "", "May 2024"), fixedOptions())
	check(t, data)
	m, _ := entries(t, data)
	docs := spineDocs(t, m)
	tp, text := docs[1], docs[2]
	for _, want := range []string{
		`<h1>Walking the Edges of a City</h1>` + "\n" + `<div class="subtitle">Notes on routes, rivers and the habits of pedestrians</div>`,
		`<div class="byline">Imogen Tallis</div>`,
		`<div class="epigraph" epub:type="epigraph" role="doc-epigraph">` + "\n<blockquote>\n<p>In the woods, we return to reason and faith.</p>\n</blockquote>\n" +
			`<p class="attribution">Ralph Waldo Emerson, Nature</p>`,
	} {
		if !strings.Contains(tp, want) {
			t.Errorf("title page lacks %q:\n%s", want, tp)
		}
	}
	for _, want := range []string{
		// emphasis, strong, bold italic; spaces outside the elements
		`on foot, <em>slowly</em>, and`, `map: <strong>patience</strong>, curiosity and <strong><em>a pair of dry shoes</em></strong>. Everything`,
		// note references: superscript links, the second to note 1 with its own id
		`in mind.<sup><a epub:type="noteref" role="doc-noteref" id="noteref-1" href="#note-1">1</a></sup> The walker`,
		`<sup><a epub:type="noteref" role="doc-noteref" id="noteref-1-2" href="#note-1">1</a></sup></p>`,
		// heading levels 1-4 as h2-h5
		`<h2 id="sec1">Starting Out</h2>`, `<h3 id="sec2">Choosing a Route</h3>`, `<h4 id="sec3">What to Carry</h4>`, `<h5 id="sec4">A Note on Maps</h5>`,
		// lists from ListInfo: nesting, style, start
		"<li>Leave the river at the second bridge.\n<ol type=\"a\">\n<li>Cross by the footbridge",
		"<ol type=\"i\" start=\"5\">\n<li>Climb the hill", "<li>A notebook\n<ul>\n<li>A pencil</li>\n</ul>\n</li>",
		`<ul class="references">` + "\n" + `<li><span class="marker">[1]</span> Emerson`,
		"<hr/>\n<h2 id=\"sec5\">",
		// quotation and verse with attributions
		"<figure class=\"quote\">\n<blockquote>\n<p>The streets are the dwelling place of the collective.</p>\n</blockquote>\n<figcaption><p class=\"attribution\">A walker&#39;s notebook</p></figcaption>\n</figure>",
		"<blockquote class=\"verse\">\n<p class=\"stanza\"><span class=\"line\">I wandered lonely as a cloud</span><br/>\n<span class=\"line i1\">That floats on high o&#39;er vales and hills,</span><br/>",
		"<span class=\"line i1\">A host, of golden daffodils;</span></p>\n<p class=\"stanza\"><span class=\"line\">For oft",
		"<figcaption><p class=\"attribution\">William Wordsworth</p></figcaption>",
		// endnotes with back links; an unreferenced note without one
		`<section class="notes" epub:type="endnotes" role="doc-endnotes" aria-labelledby="notes">` + "\n" + `<h2 id="notes">Notes</h2>`,
		`<li id="note-1" epub:type="endnote"><p><a role="doc-backlink" href="#noteref-1">1.</a> The same advice`,
		`<a role="doc-backlink" href="#noteref-2">2.</a> Winter light fails by four o&#39;clock in <em>northern</em> cities.`,
		`<li id="note-3" epub:type="endnote"><p>3. A note that nothing`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(text, "doc-endnote\"") || strings.Contains(text, "—") {
		t.Errorf("deprecated doc-endnote role, or a dash written into the text")
	}
	// The nav and the NCX nest the four heading levels; Notes is a section.
	nav := m["EPUB/nav.xhtml"]
	if !regexp.MustCompile(`Starting Out</a>\s*<ol>\s*<li><a [^>]*>Choosing a Route</a>\s*<ol>\s*<li><a [^>]*>What to Carry</a>\s*<ol>\s*<li><a [^>]*>A Note on Maps</a></li>`).MatchString(nav) {
		t.Errorf("nav does not nest the heading levels:\n%s", nav)
	}
	if !strings.Contains(nav, `<li><a href="xhtml/text.xhtml#notes">Notes</a></li>`) {
		t.Errorf("nav lacks the notes")
	}
	if !strings.Contains(m["EPUB/toc.ncx"], `<meta name="dtb:depth" content="5"/>`) {
		t.Errorf("NCX depth is not 5 (essay and four levels)")
	}
	css := m["EPUB/css/style.css"]
	for _, want := range []string{"h5 {", "span.line + br { display: none; }", "p.attribution::before", "section.notes ol { list-style-type: none;", "span.i1"} {
		if !strings.Contains(css, want) {
			t.Errorf("style sheet lacks %q", want)
		}
	}
	// Accessibility metadata: notes and headings stated, no conformance.
	opf := m["EPUB/package.opf"]
	for _, want := range []string{"structuralNavigation", "notes linked from their references and back", ">ARIA<"} {
		if !strings.Contains(opf, want) {
			t.Errorf("OPF lacks %q", want)
		}
	}
}

// TestHeadingLevelsNeverSkip: a heading never goes more than one level
// deeper than the one before it (Ace's heading-order), in the text and
// in the table of contents; the model's levels are kept otherwise.
func TestHeadingLevelsNeverSkip(t *testing.T) {
	t.Parallel()
	d := &essay.Document{Title: "Levels", Lang: "en", Blocks: []essay.Block{
		{Kind: essay.Heading, Level: 3, Text: "Deep first"},
		{Kind: essay.Paragraph, Text: "Text."},
		{Kind: essay.Heading, Level: 1, Text: "Top"},
		{Kind: essay.Heading, Level: 4, Text: "Skip to four"},
		{Kind: essay.Heading, Level: 4, Text: "Four again"},
		{Kind: essay.Heading, Level: 2, Text: "Two"},
		{Kind: essay.Heading, Level: 3, Text: "Three"},
	}}
	data, _ := renderBytes(t, render.Single(d, "", ""), fixedOptions())
	m, _ := entries(t, data)
	text := spineDocs(t, m)[2]
	want := `<h2 id="sec1">Deep first</h2>
<p>Text.</p>
<h2 id="sec2">Top</h2>
<h3 id="sec3">Skip to four</h3>
<h3 id="sec4">Four again</h3>
<h3 id="sec5">Two</h3>
<h4 id="sec6">Three</h4>`
	if !strings.Contains(text, want) {
		t.Errorf("heading levels:\n%s\nwant\n%s", text, want)
	}
	if !regexp.MustCompile(`Top</a>\s*<ol>\s*<li><a [^>]*>Skip to four</a></li>\s*<li><a [^>]*>Four again</a></li>\s*<li><a [^>]*>Two</a>\s*<ol>\s*<li><a [^>]*>Three</a>`).MatchString(m["EPUB/nav.xhtml"]) {
		t.Errorf("nav:\n%s", m["EPUB/nav.xhtml"])
	}
	path := writeTemp(t, "levels.epub", data)
	testutil.AceClean(t, path)
}

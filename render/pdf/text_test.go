package pdf

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
)

// qdf decompresses a PDF with qpdf and returns its text.
func qdf(t *testing.T, path string) string {
	t.Helper()
	testutil.Need(t, "qpdf")
	plain := path + ".qdf"
	if out, err := testutil.Run("qpdf", "--qdf", "--object-streams=disable", path, plain); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// toUnicodeMaps reads every ToUnicode CMap of a decompressed PDF, keyed
// by the BaseFont of the Type0 font that uses it: code -> text.
func toUnicodeMaps(t *testing.T, raw string) map[string]map[string]string {
	t.Helper()
	objs := map[string]string{}
	for _, m := range regexp.MustCompile(`(?s)\n(\d+) 0 obj\n(.*?)\nendobj`).FindAllStringSubmatch(raw, -1) {
		objs[m[1]] = m[2]
	}
	out := map[string]map[string]string{}
	reFont := regexp.MustCompile(`/BaseFont /(\S+)[\s\S]*?/ToUnicode (\d+) 0 R`)
	reChar := regexp.MustCompile(`<([0-9A-F]{4})> <([0-9A-F]+)>`)
	for _, body := range objs {
		if !strings.Contains(body, "/Subtype /Type0") {
			continue
		}
		m := reFont.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("a Type0 font without ToUnicode: %s", body)
		}
		codes := map[string]string{}
		for _, c := range reChar.FindAllStringSubmatch(objs[m[2]], -1) {
			var u []uint16
			for i := 0; i+4 <= len(c[2]); i += 4 {
				v, _ := strconv.ParseUint(c[2][i:i+4], 16, 16)
				u = append(u, uint16(v))
			}
			codes[c[1]] = string(utf16.Decode(u))
		}
		out[strings.SplitN(m[1], "+", 2)[1]] = codes
	}
	return out
}

// TestKerningDrawn checks that kerned pairs are drawn kerned: in the
// content stream, the TJ number between the two glyphs of "To", "Wa",
// "Yo", "AV" and "Te" equals minus the pair's kerning, read from the
// font's own kern table with golang.org/x/image/font/sfnt (independent
// of the shaper, which reads GPOS), in the regular text face and the bold
// heading face.
func TestKerningDrawn(t *testing.T) {
	pairs := []string{"To", "Wa", "Yo", "AV", "Te"}
	doc := &essay.Document{Title: "To Wa Yo AV Te", Lang: "en", Blocks: []essay.Block{
		{Kind: essay.Paragraph, Text: "Tom Wade, Yolanda and AVIS met Ted."},
	}}
	path, _ := renderFile(t, render.Single(doc, "", ""), render.Defaults())
	testutil.QpdfCheck(t, path)
	raw := qdf(t, path)
	maps := toUnicodeMaps(t, raw)
	for _, c := range []struct {
		name string
		face *metrics
	}{{"LiberationSerif-Regular", allFaces[faceRegular]}, {"LiberationSerif-Bold", allFaces[faceBold]}} {
		codes := maps[c.name]
		if codes == nil {
			t.Fatalf("no ToUnicode for %s; fonts: %v", c.name, maps)
		}
		code := map[string]string{}
		for k, v := range codes {
			code[v] = k
		}
		f, err := sfnt.Parse(c.face.face.Data)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		upem := f.UnitsPerEm()
		for _, p := range pairs {
			a, b := code[p[:1]], code[p[1:]]
			if a == "" || b == "" {
				t.Fatalf("%s: %q or %q not in the ToUnicode map", c.name, p[:1], p[1:])
			}
			ga, _ := f.GlyphIndex(&buf, rune(p[0]))
			gb, _ := f.GlyphIndex(&buf, rune(p[1]))
			k, err := f.Kern(&buf, ga, gb, fixed.Int26_6(upem)<<6, font.HintingNone)
			if err != nil || k == 0 {
				t.Fatalf("%s: the kern table has no pair %q (%v)", c.name, p, err)
			}
			want := -float64(k) / 64 * 1000 / float64(upem)
			// the pair in a TJ array: ...A> number <B...
			re := regexp.MustCompile(`(?i)` + a + `> (-?[0-9.]+) <` + b)
			m := re.FindAllStringSubmatch(raw, -1)
			if len(m) == 0 {
				t.Errorf("%s: %q is not drawn kerned (no %q in the content)", c.name, p, re)
				continue
			}
			for _, mm := range m {
				got, _ := strconv.ParseFloat(mm[1], 64)
				if math.Abs(got-want) > 0.001 {
					t.Errorf("%s: %q drawn with TJ %v, the font kerns it by %v", c.name, p, got, want)
				}
			}
		}
	}
}

// extractors are the three text extraction engines a reader's tools use.
var extractors = []struct {
	name string
	tool string
	args func(path string) []string
}{
	{"pdftotext", "pdftotext", func(p string) []string { return []string{p, "-"} }},
	{"mutool", "mutool", func(p string) []string { return []string{"draw", "-q", "-F", "txt", p} }},
	{"ghostscript", "gs", func(p string) []string { return []string{"-q", "-sDEVICE=txtwrite", "-o", "-", p} }},
}

// wordsWhole splits extracted text into words, joining a word broken at
// a line end ("influ-" "ence") where the joined word is one the document
// has: pdftotext rejoins through /ActualText itself, MuPDF's and
// Ghostscript's text devices do not read it. A word broken across a page
// break has the page's footer and the next one's running head between
// its pieces; those few words are skipped.
func wordsWhole(got string, want []string) []string {
	gw := strings.Fields(got)
	set := map[string]bool{}
	for _, w := range want {
		set[w] = true
	}
	var out []string
	for i := 0; i < len(gw); i++ {
		w := gw[i]
		for (strings.HasSuffix(w, "-") || strings.HasSuffix(w, "—") || strings.HasSuffix(w, "–")) && !set[w] {
			joined := false
			for k := i + 1; k < min(len(gw), i+12) && !joined; k++ {
				switch {
				case set[w+gw[k]]:
					w, i, joined = w+gw[k], k, true
				case strings.HasSuffix(w, "-") && set[w[:len(w)-1]+gw[k]]:
					w, i, joined = w[:len(w)-1]+gw[k], k, true
				}
			}
			if !joined {
				break
			}
		}
		out = append(out, w)
	}
	return out
}

// TestExtractionTools renders the samples (and three essays of the
// shared corpus, where it exists; all of corpus and corpus2 with
// ESSAYEXPORT_CORPUS=all) and checks that pdftotext, MuPDF and
// Ghostscript all give back every word of the document, in order,
// hyphenated words whole.
func TestExtractionTools(t *testing.T) {
	testutil.Need(t, "pdftotext", "mutool", "gs")
	paths, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(), "samples", "*.txt"))
	if dir, ok := testutil.Shared(); ok {
		more, _ := filepath.Glob(filepath.Join(dir, "corpus", "*.txt"))
		if os.Getenv("ESSAYEXPORT_CORPUS") == "all" {
			more2, _ := filepath.Glob(filepath.Join(dir, "corpus2", "*.txt"))
			more = append(more, more2...)
		} else if len(more) > 3 {
			more = more[:3]
		}
		paths = append(paths, more...)
	}
	for _, path := range paths {
		doc := parseFile(t, path)
		out, _ := renderFile(t, render.Single(doc, "", ""), render.Defaults())
		testutil.PdfFonts(t, out)
		want := sourceWords(doc)
		texts := make([]string, len(extractors))
		errs := make([]error, len(extractors))
		var wg sync.WaitGroup
		for i, x := range extractors {
			wg.Go(func() { texts[i], errs[i] = testutil.Run(x.tool, x.args(out)...) })
		}
		wg.Wait()
		for i, x := range extractors {
			if errs[i] != nil {
				t.Fatalf("%s %s: %v", x.tool, filepath.Base(path), errs[i])
			}
			gw := wordsWhole(texts[i], want)
			j := 0
			for i, w := range want {
				for j < len(gw) && gw[j] != w {
					j++
				}
				if j == len(gw) {
					t.Errorf("%s, %s: word %d %q (in %q) not found in order", x.name, filepath.Base(path), i, w, want[max(0, i-3):min(len(want), i+3)])
					break
				}
				j++
			}
		}
	}
}

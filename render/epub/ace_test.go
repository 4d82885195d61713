package epub

import (
	"archive/zip"
	"bytes"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
)

// parsedSamples parses every sample, and the seed where ../shared
// exists (with withCorpora, also the corpus and corpus2 essays), as the
// CLI does, and returns them by name.
func parsedSamples(t testing.TB, withCorpora bool) (names []string, docs []*essay.Document) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(), "samples", "*.txt"))
	if shared, ok := testutil.Shared(); ok {
		if seed := filepath.Join(shared, "seeds", "essay-bank-preview.txt"); fileExists(seed) {
			paths = append(paths, seed)
		}
		if withCorpora {
			for _, c := range []string{"corpus", "corpus2"} {
				cs, _ := filepath.Glob(filepath.Join(shared, c, "*.txt"))
				paths = append(paths, cs...)
			}
		}
	}
	if len(paths) < 5 {
		t.Fatalf("only %d samples found", len(paths))
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		if strings.Contains(p, string(filepath.Separator)+"seeds"+string(filepath.Separator)) {
			name = "seed-" + name
		}
		d, err := parse.Parse(src, parse.Options{Name: name})
		if err != nil {
			t.Fatalf("parse %s: %v", p, err)
		}
		names = append(names, name)
		docs = append(docs, d)
	}
	return names, docs
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestAce runs Ace by DAISY, and epubcheck, on books that between them
// take every path of the renderer: a pack of every sample, the seed and,
// where ../shared exists, the 45 essays of corpus and corpus2 (parsed as
// the CLI parses them, every other one watermarked) and the document
// with every schema-2 construct, which is the sweep; the seed
// as a single essay; and the construct document as a single essay,
// plain and watermarked with a user's cover and embedded fonts. Each
// must have no Ace violation of any impact and epubcheck's 0 errors and
// 0 warnings. Ace costs seconds a book (mostly Chromium's start), so the
// samples are checked in one pack rather than one book each (each essay
// of a pack is its own content document, and Ace checks each), and the
// books run as parallel subtests. cmd/essayexport's
// TestEveryOutputValidates runs epubcheck on each sample's own EPUB.
func TestAce(t *testing.T) {
	testutil.NeedAce(t)
	testutil.Need(t, "epubcheck")
	names, docs := parsedSamples(t, true)
	books := map[string]*render.Book{}
	opts := map[string]render.Options{}
	pack := &render.Book{Pack: true, Title: "Every sample", Subtitle: "A pack for the accessibility check", Author: "essayexport tests", Lang: "en"}
	for i, d := range docs {
		wm := ""
		if i%2 == 0 {
			wm = "PREVIEW"
		}
		pack.Parts = append(pack.Parts, render.Part{Doc: d, Watermark: wm})
		if strings.HasPrefix(names[i], "seed-") {
			books[names[i]] = render.Single(d, "", "")
		}
	}
	pack.Parts = append(pack.Parts, render.Part{Doc: testutil.ConstructsDoc()})
	books["pack"] = pack
	books["constructs"] = render.Single(testutil.ConstructsDoc(), "", "May 2024")
	books["constructs-watermark-cover"] = render.Single(testutil.ConstructsDoc(), "PREVIEW – not for resale", "May 2024")
	o := fixedOptions()
	o.EmbedFonts = true
	img := image.NewGray(image.Rect(0, 0, 60, 90))
	var cover bytes.Buffer
	png.Encode(&cover, img)
	o.Cover.Image = cover.Bytes()
	opts["constructs-watermark-cover"] = o

	for name, b := range books {
		o, ok := opts[name]
		if !ok {
			o = fixedOptions()
		}
		data, _ := renderBytes(t, b, o)
		path := writeTemp(t, name+".epub", data)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testutil.AceClean(t, path)
			testutil.Epubcheck(t, path)
		})
	}
}

// TestAceFindsFaults makes sure the Ace runner reports what Ace finds:
// a book whose package has no xml:lang fails with epub-lang.
func TestAceFindsFaults(t *testing.T) {
	testutil.NeedAce(t)
	t.Parallel()
	data, _ := renderBytes(t, render.Single(plainDoc(), "", ""), fixedOptions())
	data = rewriteEntry(t, data, "EPUB/package.opf", func(s string) string {
		return strings.Replace(s, ` xml:lang="en-GB"`, "", 1)
	})
	path := writeTemp(t, "nolang.epub", data)
	vs, outcome := testutil.Ace(t, path)
	found := false
	for _, v := range vs {
		found = found || v.Rule == "epub-lang" && v.Impact == "serious"
	}
	if outcome != "fail" || !found {
		t.Errorf("Ace on a package without xml:lang: outcome %q, violations %v; want fail with epub-lang", outcome, vs)
	}
}

// rewriteEntry returns the EPUB data with the text of one entry changed
// by f, every other entry copied as it is.
func rewriteEntry(t testing.TB, data []byte, name string, f func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		h := e.FileHeader
		if e.Name != name {
			w, err := zw.CreateRaw(&h)
			if err != nil {
				t.Fatal(err)
			}
			r, err := e.OpenRaw()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(w, r); err != nil {
				t.Fatal(err)
			}
			continue
		}
		r, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, f(string(b)))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

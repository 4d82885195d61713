package testutil

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// PDFWord is a word of a PDF page as `mutool draw -F stext` reads it: its
// characters up to a space or a line end, with the fonts and sizes they
// are drawn in and where.
type PDFWord struct {
	Page  int // 1-based
	Line  int // the line's number on its page, as mutool groups lines
	Text  string
	Fonts []string // the distinct font names of its characters, in order
	Size  float64  // of its first character
	X     float64  // left of its first character
	Y     float64  // baseline of its first character, from the page top
	Chars []PDFChar
}

// PDFChar is one character of a PDFWord.
type PDFChar struct {
	C    string
	Font string
	Size float64
	X, Y float64 // origin: left, and baseline from the page top
}

// HasFont reports whether any character of w is drawn in a font whose
// name contains part.
func (w PDFWord) HasFont(part string) bool {
	for _, f := range w.Fonts {
		if strings.Contains(f, part) {
			return true
		}
	}
	return false
}

// PDFWords returns the words of every page of the PDF at path, read with
// `mutool draw -F stext`.
func PDFWords(t testing.TB, path string) []PDFWord {
	t.Helper()
	Need(t, "mutool")
	// stdout only: mutool warns on stderr ("ICC support is not available")
	cmd := exec.Command("mutool", "draw", "-q", "-F", "stext", "-o", "-", path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("mutool draw -F stext: %v\n%s", err, stderr.String())
	}
	type font struct {
		Name  string `xml:"name,attr"`
		Size  string `xml:"size,attr"`
		Chars []struct {
			X string `xml:"x,attr"`
			Y string `xml:"y,attr"`
			C string `xml:"c,attr"`
		} `xml:"char"`
	}
	type line struct {
		Fonts []font `xml:"font"`
	}
	var doc struct {
		Pages []struct {
			Blocks []struct {
				Lines []line `xml:"line"`
			} `xml:"block"`
		} `xml:"page"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("mutool stext: %v", err)
	}
	var words []PDFWord
	for pi, p := range doc.Pages {
		ln := 0
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				var cur *PDFWord
				end := func() {
					if cur != nil {
						words = append(words, *cur)
						cur = nil
					}
				}
				for _, f := range l.Fonts {
					size, _ := strconv.ParseFloat(f.Size, 64)
					for _, c := range f.Chars {
						if strings.TrimSpace(c.C) == "" {
							end()
							continue
						}
						x, _ := strconv.ParseFloat(c.X, 64)
						y, _ := strconv.ParseFloat(c.Y, 64)
						if cur == nil {
							cur = &PDFWord{Page: pi + 1, Line: ln, Size: size, X: x, Y: y}
						}
						cur.Text += c.C
						cur.Chars = append(cur.Chars, PDFChar{C: c.C, Font: f.Name, Size: size, X: x, Y: y})
						if n := len(cur.Fonts); n == 0 || cur.Fonts[n-1] != f.Name {
							cur.Fonts = append(cur.Fonts, f.Name)
						}
					}
				}
				end()
				ln++
			}
		}
	}
	return words
}

// PDFLink is a link annotation that jumps to a place in the document.
type PDFLink struct {
	Page     int        // 1-based page the link is on
	Rect     [4]float64 // x0, y0, x1, y1, from the page's bottom left, normalised
	DestPage int        // 1-based page it jumps to
	DestY    float64    // the top of the view there, from the page's bottom
}

// Contains reports whether the point (x, y), y from the page top of a
// page of height h, is inside the link's rectangle (with a point of slack).
func (l PDFLink) Contains(x, y, h float64) bool {
	y = h - y
	return x >= l.Rect[0]-1 && x <= l.Rect[2]+1 && y >= l.Rect[1]-1 && y <= l.Rect[3]+1
}

// PDFLinks returns the internal links of the PDF at path, read with
// qpdf --json.
func PDFLinks(t testing.TB, path string) []PDFLink {
	t.Helper()
	Need(t, "qpdf")
	out, err := Run("qpdf", "--json", path)
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var js struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil || len(js.Qpdf) < 2 {
		t.Fatalf("qpdf json: %v", err)
	}
	var raw map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal(js.Qpdf[1], &raw); err != nil {
		t.Fatalf("qpdf json objects: %v", err)
	}
	dict := func(key string) map[string]any {
		d, _ := raw[key].Value.(map[string]any)
		return d
	}
	pageNo := map[string]int{}
	for i, p := range js.Pages {
		pageNo[p.Object] = i + 1
	}
	num := func(v any) float64 { f, _ := v.(float64); return f }
	var links []PDFLink
	for i, p := range js.Pages {
		annots, _ := dict("obj:" + p.Object)["/Annots"].([]any)
		for _, a := range annots {
			d, _ := a.(map[string]any)
			if d == nil {
				if ref, ok := a.(string); ok {
					d = dict("obj:" + ref)
				}
			}
			if d["/Subtype"] != "/Link" {
				continue
			}
			dest, _ := d["/Dest"].([]any)
			rect, _ := d["/Rect"].([]any)
			if len(dest) < 4 || len(rect) != 4 {
				continue
			}
			ref, _ := dest[0].(string)
			l := PDFLink{Page: i + 1, DestPage: pageNo[ref], DestY: num(dest[3])}
			x0, y0, x1, y1 := num(rect[0]), num(rect[1]), num(rect[2]), num(rect[3])
			l.Rect = [4]float64{min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)}
			links = append(links, l)
		}
	}
	return links
}

// OutlineEntry is an entry of a PDF's outline (bookmarks).
type OutlineEntry struct {
	Title string
	Depth int // 0 for a top-level entry
	Page  int // 1-based
}

// PDFOutline returns the outline of the PDF at path in order, read with
// qpdf --json.
func PDFOutline(t testing.TB, path string) []OutlineEntry {
	t.Helper()
	Need(t, "qpdf")
	out, err := Run("qpdf", "--json", "--json-key=outlines", path)
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	type entry struct {
		Title string  `json:"title"`
		Page  int     `json:"destpageposfrom1"`
		Kids  []entry `json:"kids"`
	}
	var js struct{ Outlines []entry }
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatalf("qpdf json: %v", err)
	}
	var es []OutlineEntry
	var walk func([]entry, int)
	walk = func(in []entry, depth int) {
		for _, e := range in {
			es = append(es, OutlineEntry{Title: e.Title, Depth: depth, Page: e.Page})
			walk(e.Kids, depth+1)
		}
	}
	walk(js.Outlines, 0)
	return es
}

package testutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
)

// FuzzSeeds returns the seed inputs for the fuzz tests: the samples and
// the parser's golden-test inputs.
func FuzzSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	root := RepoRoot()
	var seeds [][]byte
	for _, pat := range []string{"samples/*.txt", "parse/testdata/*.txt"} {
		files, _ := filepath.Glob(filepath.Join(root, pat))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			seeds = append(seeds, b)
		}
	}
	if len(seeds) == 0 {
		tb.Fatal("no fuzz seeds found")
	}
	return seeds
}

// ASCIIWords splits s into its runs of ASCII letters and digits. Comparing
// these between a document and what a renderer's output says ignores
// typography, fallback glyphs and line-end hyphens, but not lost words.
func ASCIIWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
}

// DocWords returns the ASCII words of everything a document shows, in the
// order the renderers show it: title, subtitle, author, epigraph, then
// each block's inline content (a list's items, depth first; a verse's
// lines; an attribution), then the notes. List markers and note markers
// are left out: renderers draw their own labels from the model.
func DocWords(d *essay.Document) []string {
	return ASCIIWords(strings.Join(DocTexts(d, false), " "))
}

// DocTexts returns the pieces of text of a document in reading order (see
// DocWords). With markers, it also gives every list item's marker and
// every note reference's marker and note label, as the source wrote them,
// and puts each note where its source line stands among the blocks.
func DocTexts(d *essay.Document, markers bool) []string {
	out := []string{d.Title, d.Subtitle, d.Author}
	spans := func(ss []essay.Span) {
		for _, s := range ss {
			switch {
			case s.Note == "":
				out = append(out, s.Text)
			case markers && len(out) > 0:
				out[len(out)-1] += s.Text // glued to its word, as in "shedding.[1]"
			case markers:
				out = append(out, s.Text)
			}
		}
	}
	var items func(l *essay.ListInfo)
	items = func(l *essay.ListInfo) {
		for i := range l.Items {
			it := &l.Items[i]
			if markers {
				out = append(out, it.Marker)
			}
			spans(it.Runs())
			if it.Sub != nil {
				items(it.Sub)
			}
		}
	}
	block := func(b *essay.Block) {
		switch {
		case b.Kind == essay.List && b.List != nil:
			items(b.List)
		case b.Kind == essay.Verse:
			for _, st := range b.Stanzas {
				for k := range st {
					spans(st[k].Runs())
				}
			}
		default:
			spans(b.Runs())
		}
		out = append(out, b.Attribution)
	}
	if d.Epigraph != nil {
		block(d.Epigraph)
	}
	note := func(n *essay.Note) {
		if markers {
			out = append(out, n.Label)
		}
		spans(n.Runs())
	}
	k := 0 // with markers, notes go where the source had them
	for i := range d.Blocks {
		for ; markers && k < len(d.Notes) && d.Notes[k].Line < d.Blocks[i].Line; k++ {
			note(&d.Notes[k])
		}
		block(&d.Blocks[i])
	}
	for ; k < len(d.Notes); k++ {
		note(&d.Notes[k])
	}
	return out
}

// MissingFrom returns the index of the first word of want that is not
// found, in order, in got (want must be a subsequence of got), or -1.
func MissingFrom(want, got []string) int {
	j := 0
	for i, w := range want {
		for j < len(got) && got[j] != w {
			j++
		}
		if j == len(got) {
			return i
		}
		j++
	}
	return -1
}

// Textify replaces the control bytes that make the parser refuse an input
// as binary (all C0 controls but tab, newline, carriage return and form
// feed, and DEL) with letters, so that a renderer's fuzz test spends its
// mutations on text rather than on inputs the CLI never renders.
func Textify(src []byte) []byte {
	out := make([]byte, len(src))
	for i, c := range src {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			c = 'a' + c%26
		}
		out[i] = c
	}
	return out
}

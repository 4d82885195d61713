package epub

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
)

// plainDoc returns an essay of paragraphs only: no headings, lists,
// quotes or references.
func plainDoc() *essay.Document {
	d := &essay.Document{Title: "The Second Map", Author: "Rosalind Ferrier", Lang: "en-GB"}
	for _, p := range sampleParas {
		d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Paragraph, Text: p})
	}
	return d
}

var usageCode = regexp.MustCompile(`(?m)^USAGE\(([A-Z]+-[0-9]+)\)`)

// TestOnlyUnavoidableUsages runs epubcheck with -u, which also reports
// usage messages (advice, not faults), and asserts that the only one left
// is HTM-010 for the NCX: the EPUB 2 NCX must use the
// http://www.daisy.org/z3986/2005/ncx/ namespace, which epubcheck flags
// as unusual in an EPUB 3 file.
func TestOnlyUnavoidableUsages(t *testing.T) {
	testutil.Need(t, "epubcheck")
	t.Parallel()
	books := map[string]*render.Book{
		"plain":       render.Single(plainDoc(), "", "March 2024"),
		"watermarked": render.Single(plainDoc(), "PREVIEW", "March 2024"),
		"structured":  render.Single(sampleDoc(), "", "March 2024"),
		"pack":        samplePack(),
		// every schema-2 construct: verse, notes, epigraph, lists, rule
		"constructs":           render.Single(testutil.ConstructsDoc(), "", "May 2024"),
		"constructs-watermark": render.Single(testutil.ConstructsDoc(), "PREVIEW", "May 2024"),
	}
	names := make([]string, 0, len(books))
	for n := range books {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, _ := renderBytes(t, books[name], fixedOptions())
			path := writeTemp(t, name+".epub", data)
			args := testutil.EpubcheckArgs(path)
			jar := len(args) - 1 // -jar JAR PATH: -u goes after the jar
			args = append(append(args[:jar:jar], "-u"), path)
			out, _ := testutil.Run("java", args...)
			if !strings.Contains(out, "0 fatals / 0 errors / 0 warnings") {
				t.Fatalf("epubcheck -u found faults:\n%s", out)
			}
			var got []string
			for _, m := range usageCode.FindAllStringSubmatch(out, -1) {
				got = append(got, m[1])
			}
			if len(got) != 1 || got[0] != "HTM-010" || !strings.Contains(out, "toc.ncx") {
				t.Errorf("usages %v, want only HTM-010 for the NCX:\n%s", got, out)
			}
		})
	}
}

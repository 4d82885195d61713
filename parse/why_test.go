package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
)

// TestWhy checks that inspect's explanations name the rule and the
// evidence: Block.Why for blocks and Removed.Why for removed text.
func TestWhy(t *testing.T) {
	type want struct {
		line int
		why  string
	}
	blocks := map[string][]want{
		"headings.txt": {
			{3, `heading: known section name "Introduction" on its own line`},
			{7, `heading: numbered section line ("1.") with no closing stop, text follows`},
			{15, `heading: all-caps line of 4 words`},
			{19, `heading: roman numeral "III." alone on a line`},
			{5, `paragraph: blank-line separated`},
		},
		"lists.txt": {
			{5, `list: run of 4 items marked "-", "*", "•"`},
			{6, `list_item: bullet "-"`},
			{12, `list: run of 3 items numbered from "1." (style 1, start 1)`},
			{14, `list_item: numbered "3."; 2 lines joined`},
		},
		"letter.txt": {
			{1, `dateline: a date alone on a line`},
			{3, `salutation: "Dear …," on its own line`},
			{9, `signature: sign-off line`},
			{10, `signature: name line under the sign-off`},
		},
		"quotes.txt": {
			{5, `quote: '>' prefix on 2 lines`},
			{10, `quote: region of 2 lines all indented at least 8 spaces deeper than the body`},
		},
		"references.txt": {
			{7, `list: 3 entries under a references heading`},
			{10, `reference: entry "[3]" under the "Works Cited" heading`},
		},
		"hard-wrapped.txt": {
			{3, `paragraph: hard-wrapped lines reflowed (10 lines, ragged right edge ~71 columns)`},
		},
		"indented.txt": {
			{6, `paragraph: hard-wrapped lines reflowed (3 lines, ragged right edge ~72 columns); indented first line (4 columns) starts a paragraph, no blank line before it`},
		},
		"one-per-line.txt": {
			{4, `paragraph: one paragraph per line (region of 4 lines; lines of up to ~193 columns, too long to be hard-wrapped)`},
		},
		"mixed-layouts.txt": {
			{10, `paragraph: one paragraph per line (region of 3 lines; every line but the last ends a sentence)`},
		},
		"nbsp-one-line.txt": {
			{3, `paragraph: blank-line separated`},
		},
		"chrome-cut.txt": {
			{3, `paragraph: blank-line separated; sentence cut by removed chrome on line 4 mended`},
		},
		"one-line.txt": {
			{1, `paragraph: the whole text is one line`},
		},
		"markdown.txt": {
			{5, `heading: markdown "##" heading under a "#" title, so level 1`},
		},
	}
	for name, ws := range blocks {
		doc := parseTestdata(t, name)
		for _, w := range ws {
			found := false
			for _, b := range doc.Blocks {
				if b.Line == w.line && b.Why == w.why {
					found = true
				}
				if b.List != nil {
					for _, it := range b.List.Items {
						found = found || it.Line == w.line && it.Why == w.why
					}
				}
			}
			if !found {
				t.Errorf("%s: no block at line %d explained %q:\n%s", name, w.line, w.why, whys(doc.Blocks))
			}
		}
	}
	// A line split at no-break spaces says so.
	doc := parseTestdata(t, "nbsp-one-line.txt")
	if got := doc.Blocks[1].Why; got != "paragraph: split at a run of no-break spaces" {
		t.Errorf("nbsp piece: why = %q", got)
	}
}

// TestRemovedWhy checks the removed list's reasons.
func TestRemovedWhy(t *testing.T) {
	cases := map[string][]string{
		"chrome-cut.txt":          {"boilerplate: sign-up prompt on a line of its own, cutting a sentence; the sentence was mended"},
		"inline-chrome.txt":       {`boilerplate: sign-up prompt ("Join now!") cutting a sentence inside a line; the sentence was mended`, `boilerplate: avatar ("Authors Avatar") glued to the start of a line`},
		"metadata.txt":            {`metadata: "Title:" line in the header gives the title`},
		"byline.txt":              {`byline: "By …" line under the title gives the author`},
		"pdf-debris.txt":          {`rule: a horizontal rule of repeated "="`, "page number: a line holding only a page number"},
		"title-repeat-prefix.txt": {"title repeat: the title again at the start of the body's first line; line 1 gives the title"},
	}
	for name, ws := range cases {
		doc := parseTestdata(t, name)
		for _, w := range ws {
			found := false
			for _, r := range doc.Removed {
				found = found || r.Why == w
			}
			if !found {
				t.Errorf("%s: no removed entry explained %q:\n%s", name, w, doc.Dump())
			}
		}
	}
}

// TestSloppyTitleRemoved checks that the sloppy first title line of an
// essay-bank preview is in the removed list, with the line of the
// better-punctuated repeat that replaced it.
func TestSloppyTitleRemoved(t *testing.T) {
	src := []byte("What makes a city walkable and why does it matter\n\nWhat makes a city walkable – and why does it matter? \u00a0 \u00a0 Most people walk when walking is easy. Streets with shops, trees and short blocks invite it.\n")
	doc, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.TitleSource != "repeat" || len(doc.Removed) < 2 {
		t.Fatalf("title %q (%s):\n%s", doc.Title, doc.TitleSource, doc.Dump())
	}
	first := doc.Removed[0]
	if first.Line != 1 || first.Text != "What makes a city walkable and why does it matter" ||
		first.Why != "title: sloppy form of the title; the repeat on line 3 is better punctuated" {
		t.Errorf("removed[0] = %+v", first)
	}
}

func parseTestdata(t *testing.T, name string) *essay.Document {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// whys lists blocks' lines and reasons, for failure messages.
func whys(blocks []essay.Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		fmt.Fprintf(&b, "%d %s\n", bl.Line, bl.Why)
	}
	return b.String()
}

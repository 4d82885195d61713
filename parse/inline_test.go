package parse

import (
	"testing"

	"github.com/essayexport/essayexport/essay"
)

// TestInlineEmphasis checks what becomes emphasis and what stays as
// typed, on the plain text and the spans (shown as Dump shows them).
func TestInlineEmphasis(t *testing.T) {
	cases := []struct{ in, plain, spans string }{
		{"a *word* here", "a word here", "a *word* here"},
		{"a _word_ here", "a word here", "a *word* here"},
		{"a **bold** and __bold__", "a bold and bold", "a **bold** and **bold**"},
		{"***both*** ways", "both ways", "***both*** ways"},
		{"(*aside*), and \"*quoted*\"", "(aside), and \"quoted\"", "(*aside*), and \"*quoted*\""},
		{"*two words* then *more*", "two words then more", "*two words* then *more*"},
		{"snake_case and file_name_here", "snake_case and file_name_here", ""},
		{"2*3*4 and a*b*c", "2*3*4 and a*b*c", ""},
		{"a * b * c", "a * b * c", ""},
		{"a claim* and a footnote", "a claim* and a footnote", ""},
		{"* not a bullet*", "* not a bullet*", ""},
		{"*open but never closed", "*open but never closed", ""},
		{"**mismatched*", "**mismatched*", ""},
		{"*** ***", "*** ***", ""},
		{"____ blank form ____", "____ blank form ____", ""},
		{"un*frigging*believable", "un*frigging*believable", ""},
	}
	p := &parser{}
	for _, c := range cases {
		plain, spans := p.inline(c.in)
		if plain != c.plain {
			t.Errorf("%q: plain %q, want %q", c.in, plain, c.plain)
		}
		got := ""
		if spans != nil {
			got = essay.DumpSpans(spans)
		}
		if got != c.spans {
			t.Errorf("%q: spans %q, want %q", c.in, got, c.spans)
		}
	}
}

// TestNoteMarkers checks that only markers whose label a notes section
// confirms become note references, in each form.
func TestNoteMarkers(t *testing.T) {
	p := &parser{noteIDs: map[string]string{"1": "n1", "2": "n2"}}
	cases := []struct{ in, plain, spans string }{
		{"a claim.[1] More", "a claim. More", "a claim.[^n1] More"},
		{"a claim [2].", "a claim.", "a claim[^n2]."},
		{"a claim.^1", "a claim.", "a claim.[^n1]"},
		{"a claim.¹ and²", "a claim. and", "a claim.[^n1] and[^n2]"},
		{"glued(1) but not (2) spaced", "glued but not (2) spaced", "glued[^n1] but not (2) spaced"},
		{"unknown [3] stays", "unknown [3] stays", ""},
		{"a range [12] stays", "a range [12] stays", ""},
	}
	for _, c := range cases {
		plain, spans := p.inline(c.in)
		got := ""
		if spans != nil {
			got = essay.DumpSpans(spans)
		}
		if plain != c.plain || got != c.spans {
			t.Errorf("%q: plain %q spans %q, want %q %q", c.in, plain, got, c.plain, c.spans)
		}
	}
}

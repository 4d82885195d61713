package parse

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
)

// wordsOf splits s at spacing and keeps each word's letters and digits,
// lower-cased, so that typographic quotes, dashes and repaired mojibake do
// not count as changes to a word.
func wordsOf(s string) []string {
	var out []string
	s = threeDots(s)
	// An ellipsis separates words too: a preview's truncation marker is
	// glued to the word before it ("that…show more content…").
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '…' }) {
		if w := key(f); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// threeDots writes exactly three dots as the ellipsis smart typography
// makes of them, so that the input splits into words where the document
// does.
func threeDots(s string) string {
	if !strings.Contains(s, "...") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.HasPrefix(s[i:], "...") && (i == 0 || s[i-1] != '.') && (i+3 >= len(s) || s[i+3] != '.') {
			b.WriteString("…")
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// accountedFor reports whether every input word appears, in order, in the
// document's words or in the removed words: whether in splits into a
// subsequence of doc and a subsequence of removed. A word hyphenated
// across lines may appear joined to the next ones. It returns the index of
// the first word it could not place.
//
// For each input position it keeps, per position in removed, the
// earliest position in doc reachable (taking the earliest match in doc is
// never worse), so it runs in O(len(in) * len(removed) * log n).
func accountedFor(in, doc, removed []string) (bool, int) {
	next := func(seq []string) func(w string, from int) int {
		pos := map[string][]int{}
		for k, w := range seq {
			pos[w] = append(pos[w], k)
		}
		return func(w string, from int) int {
			ps := pos[w]
			k, _ := slices.BinarySearch(ps, from)
			if k == len(ps) {
				return -1
			}
			return ps[k]
		}
	}
	nextDoc, nextRemoved := next(doc), next(removed)
	// states[i] maps a position in removed to the least position in doc
	// after placing in[:i].
	states := make([]map[int]int, len(in)+1)
	states[0] = map[int]int{0: 0}
	put := func(i, r, d int) {
		if states[i] == nil {
			states[i] = map[int]int{}
		}
		if old, ok := states[i][r]; !ok || d < old {
			states[i][r] = d
		}
	}
	last := 0 // the furthest input position reached
	for i := range in {
		if len(states[i]) == 0 {
			continue
		}
		last = i
		for r, d := range states[i] {
			if k := nextDoc(in[i], d); k >= 0 {
				put(i+1, r, k+1)
			}
			if k := nextRemoved(in[i], r); k >= 0 {
				put(i+1, k+1, d)
			}
			// Words hyphenated across lines are joined, possibly in a
			// chain ("A-" / "aA-" / "a" is one word "A-aA-a").
			joined := in[i]
			for n := 2; n <= 8 && i+n <= len(in); n++ {
				joined += in[i+n-1]
				if k := nextDoc(joined, d); k >= 0 {
					put(i+n, r, k+1)
				}
			}
			// A word hyphenated across a page break is joined over the
			// removed page furniture between its halves ("argu-" / "— 1
			// —" / "ment"): the words between are in removed, in order.
			r2 := r
			for n := 3; n <= 12 && i+n <= len(in) && r2 >= 0; n++ {
				if r2 = nextRemoved(in[i+n-2], r2); r2 < 0 {
					break
				}
				r2++
				if k := nextDoc(in[i]+in[i+n-1], d); k >= 0 {
					put(i+n, r2, k+1)
				}
			}
		}
	}
	if len(states[len(in)]) > 0 {
		return true, len(in)
	}
	return false, last
}

// docWords returns the words of the document (title, subtitle, author,
// epigraph, blocks with list items and verse lines, notes, with every
// marker) and of the removed list.
func docWords(doc *essay.Document) (inDoc, removed []string) {
	for _, s := range testutil.DocTexts(doc, true) {
		inDoc = append(inDoc, wordsOf(s)...)
	}
	for _, r := range doc.Removed {
		removed = append(removed, wordsOf(r.Text)...)
	}
	return inDoc, removed
}

// checkInvariants checks what must hold for any input.
func checkInvariants(t *testing.T, src []byte) {
	t.Helper()
	doc, err := Parse(src, Options{})
	if err != nil {
		var perr *Error
		if !errors.As(err, &perr) || perr.Reason == "" || perr.Hint == "" {
			t.Fatalf("error %v is not an *Error with a reason and a hint", err)
		}
		return
	}
	for _, s := range append([]string{doc.Title, doc.Author}, blockTexts(doc)...) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %q", s)
		}
		for _, r := range s {
			if r == '\n' || isControl(r) || isInvisible(r) || r == '\t' {
				t.Fatalf("character %U left in %q", r, s)
			}
		}
		if s != strings.TrimSpace(s) {
			t.Fatalf("untrimmed text %q", s)
		}
		if doubledSpace(s) {
			t.Fatalf("a no-break space beside another space in %q", s)
		}
	}
	// Spans and items may start or end with a space, but hold no control
	// or invisible characters either.
	for _, s := range testutil.DocTexts(doc, true) {
		for _, r := range s {
			if r == '\n' || isControl(r) || isInvisible(r) || r == '\t' {
				t.Fatalf("character %U left in %q", r, s)
			}
		}
	}
	for _, b := range doc.Blocks {
		if reason, ok := strings.CutPrefix(b.Why, string(b.Kind)+": "); !ok || reason == "" {
			t.Fatalf("block why %q does not name its rule (%s) and a reason", b.Why, b.Kind)
		}
	}
	for _, r := range doc.Removed {
		if !strings.Contains(r.Why, ": ") {
			t.Fatalf("removed why %q does not name its rule and a reason", r.Why)
		}
	}
	text, _, err := decodeText(src, Options{}, func(string, ...any) {})
	if err != nil {
		t.Fatalf("Parse succeeded but decodeText failed: %v", err)
	}
	in := wordsOf(text)
	inDoc, removed := docWords(doc)
	if ok, at := accountedFor(in, inDoc, removed); !ok {
		t.Fatalf("input word %d %q is neither in the document nor in the removed list, in order\n%s", at, in[at], doc.Dump())
	}
}

// blockTexts returns the text of every unit of content: each block's Text
// (each line of a List's or Verse's, which joins them with newlines) and
// Spans, each item, verse line, note and attribution. An empty block other
// than a Rule comes out as a text with a newline, which fails the checks.
func blockTexts(doc *essay.Document) []string {
	out := []string{doc.Subtitle}
	blocks := doc.Blocks
	if doc.Epigraph != nil {
		blocks = append([]essay.Block{*doc.Epigraph}, blocks...)
	}
	for _, b := range blocks {
		switch {
		case b.Kind == essay.Rule:
			if b.Text != "" {
				out = append(out, "(rule with text)\n")
			}
		case b.Text == "":
			out = append(out, "(empty block)\n")
		case b.Kind == essay.List || b.Kind == essay.Verse:
			out = append(out, strings.Split(b.Text, "\n")...)
		default:
			out = append(out, b.Text)
		}
	}
	return out
}

// fuzzSeeds returns the samples and the testdata inputs.
func fuzzSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, pat := range []string{"testdata/*.txt", "../samples/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			seeds = append(seeds, b)
		}
	}
	return seeds
}

// doubledSpace reports a no-break space (kept only as typography, alone
// between two characters) next to another space.
func doubledSpace(s string) bool {
	prev := 'x'
	for _, r := range s {
		if (r == '\u00a0' || r == '\u202f') && unicode.IsSpace(prev) || unicode.IsSpace(r) && (prev == '\u00a0' || prev == '\u202f') {
			return true
		}
		prev = r
	}
	return false
}

// TestInvariants checks the fuzz invariants on every seed.
func TestInvariants(t *testing.T) {
	for _, s := range fuzzSeeds(t) {
		checkInvariants(t, s)
	}
}

// FuzzParse checks that Parse never panics, fails only with *Error, and
// accounts for every word of the decoded input in order, in the document
// or in the removed list.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkInvariants(t, src)
	})
}

package parse

import (
	"regexp"
	"testing"
)

// TestFirstRunes checks the runes that can open a match against matches
// and non-matches, with case folding (the Kelvin sign folds to k).
func TestFirstRunes(t *testing.T) {
	for _, c := range []struct {
		expr string
		yes  []string
		no   []string
	}{
		{`(?i)^(?:(the )?avatar|k)$`, []string{"Avatar", "THE avatar", "\u212a", "k"}, []string{"xavatar", " avatar", ""}},
		{`(?i)^(?:\d+ words?|[★☆]{1,5})$`, []string{"12 words", "★★"}, []string{"words"}},
		{`^(?:a*)$`, []string{"", "b"}, nil}, // matches the empty string: no filter
		{`^(?:.x)$`, []string{"zx", "éx"}, nil},
		{`(?i)^(?:\bhello)$`, []string{"HELLO"}, []string{"jello"}},
	} {
		s := firstRunesOf(c.expr)
		re := regexp.MustCompile(c.expr)
		for _, y := range c.yes {
			if !s.mayStart(y) {
				t.Errorf("%s: %q may start a match (matches: %v)", c.expr, y, re.MatchString(y))
			}
		}
		for _, n := range c.no {
			if s.mayStart(n) {
				t.Errorf("%s: %q cannot start a match", c.expr, n)
			}
		}
	}
}

// TestBoilerplateFirstSound checks that every line a Boilerplate pattern
// matches, among examples of each kind of chrome, opens with a rune the
// filter lets through.
func TestBoilerplateFirstSound(t *testing.T) {
	lines := []string{
		"Author's avatar", "Users Profile Picture", "Avatar", "Join now!", "Sign up for free", "LOG IN",
		"Sign up to read the full essay", "Create a free account to view this essay", "Read more", "Click here to read the full essay",
		"Continue reading", "Keep reading this essay below", "Want to read the whole thing?", "Unlock full access", "Get access to the full essay now",
		"Essay preview:", "Preview", "Free essays", "This is a preview of the whole essay", "The rest of this essay is hidden",
		"Page 1 of 3", "Open document", "Full screen", "Zoom in", "Print this essay", "Download (PDF)", "PDF", "Download full pdf",
		"Word count: 1,200", "1,200 words", "3 pages | 1,200 words", "12 min read", "Tags: history, print", "1.2k views", "Rating: 4.5/5",
		"★★★★", "Next essay", "Back to top", "Related essays", "Order now!", "Get a custom essay written", "Hire a writer now",
		"Not finding what you're looking for?", "Cite this essay", "Copy to clipboard", "We use cookies to improve", "Advertisement", "Ads",
		"\u212aEEP READING", "ſign up",
	}
	matched := 0
	for _, l := range lines {
		for k, b := range Boilerplate {
			if b.Re.MatchString(l) {
				matched++
				if !boilerplateFirst[k].mayStart(l) {
					t.Errorf("%q matches %q but the first-rune filter rejects it", l, b.Name)
				}
			}
		}
	}
	if matched < len(lines)-5 {
		t.Errorf("only %d of %d example lines matched a pattern: the examples are stale", matched, len(lines))
	}
}

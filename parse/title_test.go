package parse

import "testing"

// TestCleanTitle checks site-suffix removal, space collapsing and the
// final full stop.
func TestCleanTitle(t *testing.T) {
	for in, want := range map[string][2]string{
		"Why We Sleep | Free Essay Example":    {"Why We Sleep", "| Free Essay Example"},
		"Why We Sleep - Essay Example":         {"Why We Sleep", "- Essay Example"},
		"Why We Sleep | StudyMode":             {"Why We Sleep", "| StudyMode"},
		"Why We Sleep – Example.com":           {"Why We Sleep", "– Example.com"},
		"Why  We   Sleep":                      {"Why We Sleep", ""},
		"The Importance of Sleep.":             {"The Importance of Sleep", ""},
		"Life in the U.S.":                     {"Life in the U.S.", ""},
		"Self-Reliance and the Modern Student": {"Self-Reliance and the Modern Student", ""},
		"1924-1929: Stalin's Rise":             {"1924-1929: Stalin's Rise", ""},
		"Federalist No. 84":                    {"Federalist No. 84", ""},
	} {
		got, suffix := cleanTitle(in)
		if got != want[0] || suffix != want[1] {
			t.Errorf("cleanTitle(%q) = %q, %q; want %q, %q", in, got, suffix, want[0], want[1])
		}
	}
}

// TestTitleInference checks where titles come from.
func TestTitleInference(t *testing.T) {
	cases := []struct{ src, title, source, author string }{
		{"Title: Given Here\nAuthor: Ann Lee\n\nBody text.\n", "Given Here", "metadata", "Ann Lee"},
		{"A Plain Title\n\nBody text follows here.\n", "A Plain Title", "first-line", ""},
		{"A Plain Title\nBy Ann Lee\n\nBody text follows here.\n", "A Plain Title", "first-line", "Ann Lee"},
		{"Lenins heir\n\nLenin’s heir \u00a0 \u00a0 The body begins.\n", "Lenin’s heir", "repeat", ""},
		{"Short title\nA first paragraph that is much longer than the title line above it.\n", "Short title", "first-line", ""},
		{"Topic: Phones in class\nTitle: Ring Tones and Report Cards\n\nBody.\n", "Ring Tones and Report Cards", "metadata", ""},
		{"Question: Should phones be banned?\n\nBody.\n", "Should phones be banned?", "metadata", ""},
		{"Introduction\n\nThe essay begins here.\n", "", "none", ""},
		{"Dear Sam,\n\nThanks for the letter.\n", "", "none", ""},
	}
	for _, c := range cases {
		doc, err := Parse([]byte(c.src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != c.title || doc.TitleSource != c.source || doc.Author != c.author {
			t.Errorf("%q: title %q (%s) author %q; want %q (%s) %q", c.src, doc.Title, doc.TitleSource, doc.Author, c.title, c.source, c.author)
		}
	}
}

package parse

import (
	"strings"
	"testing"
)

// TestWordCountAsFields checks that wordCount counts the fields
// strings.Fields splits, whatever the spaces and bytes.
func TestWordCountAsFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "one", " two  words ", "tab\tnew\nline\vfeed\fcr\rend",
		"no\u00a0break\u0085next\u2003em\u3000ideographic", "\xffbad\xfe bytes\xc3",
		"l’homme — «quoi» ?", strings.Repeat("word ", 50),
	} {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("wordCount(%q) = %d, strings.Fields gives %d", s, got, want)
		}
	}
}

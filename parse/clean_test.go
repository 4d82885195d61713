package parse

import (
	"strings"
	"testing"
)

// TestJoinersKept is issue 15's fault 16: ZERO WIDTH JOINER and
// NON-JOINER were removed as junk, breaking emoji sequences and the
// spelling of Persian and Indic words, and ZERO WIDTH SPACE was removed
// from Thai, where it marks word breaks. They are kept; ZWSP between
// Latin letters, scraped junk, is still removed.
func TestJoinersKept(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"emoji ZWJ sequence", "The graduate 👩\u200d🎓 smiled at the camera.", "The graduate 👩\u200d🎓 smiled at the camera."},
		{"Persian ZWNJ", "The word می\u200cخواهم means I want.", "The word می\u200cخواهم means I want."},
		{"Hindi ZWJ", "The word क्\u200dष is written with a joiner.", "The word क्\u200dष is written with a joiner."},
		{"Thai ZWSP", "In Thai ภาษา\u200bไทย has no spaces.", "In Thai ภาษา\u200bไทย has no spaces."},
		{"Latin ZWSP junk", "A scraped zero\u200bwidth space.", "A scraped zerowidth space."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte("A Title\n\n"+tc.in+"\n"), Options{Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.FirstParagraph(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			removed := strings.Contains(strings.Join(doc.Warnings, "\n"), "zero-width")
			if removed != (tc.in != tc.want) {
				t.Errorf("warnings %q", doc.Warnings)
			}
		})
	}
}

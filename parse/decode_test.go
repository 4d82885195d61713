package parse

import (
	"strings"
	"testing"
)

// TestFewBadBytesStayUTF8 is issue 15's fault 5: three bytes of an emoji
// cut off at the end outnumbered the two valid curly quotes, and the whole
// file was read as Windows-1252 ("“yesâ€�"). The valid sequences decide:
// the text stays UTF-8 and only the bad bytes become U+FFFD.
func TestFewBadBytesStayUTF8(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"truncated emoji", "Truncated Essay\n\nShe said \xe2\x80\x9cyes\xe2\x80\x9d and left. \xf0\x9f\x98", "She said “yes” and left. \ufffd"},
		{"stray bytes", "An Essay\n\nThe caf\xc3\xa9 was closed \xff\xfe on Sunday, \xe2\x80\x94 said Ren\xc3\xa9e \x80.", "The café was closed \ufffd on Sunday, — said Renée \ufffd."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.src), Options{NoSmart: true})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Encoding != "utf-8" {
				t.Errorf("encoding %s, want utf-8", doc.Encoding)
			}
			if got := doc.FirstParagraph(); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
			if !strings.Contains(strings.Join(doc.Warnings, "\n"), "invalid UTF-8 at byte offset") {
				t.Errorf("no warning about the bad bytes: %q", doc.Warnings)
			}
		})
	}
	// Windows-1252 text is still read as such: no valid sequence at all,
	// or only a chance two-byte one among many bad bytes.
	for _, src := range []string{
		"\x93Quoted\x94 words and a na\xefve caf\xe9.\n",
		"Stra\xdfe, \xc2\xbb caf\xe9, na\xefve, r\xe9sum\xe9 \x96 d\xe9j\xe0 vu.\n",
	} {
		doc, err := Parse([]byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Encoding != "windows-1252" {
			t.Errorf("%q: encoding %s, want windows-1252", src, doc.Encoding)
		}
	}
}

package parse

import (
	"os"
	"strings"
	"testing"
)

// TestTitleCandidates checks that the title is a scored choice that
// inspect can show: the candidates of a web page's head, the chosen one
// with the evidence that made it win, menu entries scored below it.
func TestTitleCandidates(t *testing.T) {
	src, err := os.ReadFile("testdata/web-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var chosen, menu int
	for _, c := range doc.TitleCandidates {
		switch {
		case c.Chosen:
			chosen++
			if c.Text != doc.Title || c.Line != 11 || !strings.Contains(c.Why, "byline follows") {
				t.Errorf("chosen candidate %+v; want line 11, the title, won by the byline under it", c)
			}
		case c.Text == "News" || c.Text == "Culture":
			menu++
			if !strings.Contains(c.Why, "single word") {
				t.Errorf("menu entry %+v not marked down as a single word", c)
			}
		}
	}
	if chosen != 1 || menu != 2 {
		t.Errorf("%d chosen and %d menu candidates, want 1 and 2: %+v", chosen, menu, doc.TitleCandidates)
	}
}

// TestBlankFieldNeverAuthor checks that an unfilled name field on a
// worksheet or cover sheet never becomes the author, and a filled one
// does.
func TestBlankFieldNeverAuthor(t *testing.T) {
	body := "\n\nHomework is most useful when it is short and practised often, because a little work each evening keeps a lesson fresh until the next one builds on it.\n\nLong assignments given once a week are easier to set but harder to learn from, since the pupil forgets the lesson before the work is done.\n"
	for _, c := range []struct{ head, want string }{
		{"Name: ____________   Date: ______\nClass: 8B\nTeacher: Mr Ortiz", ""},
		{"Name: __________\nDate: __________\nClass: ______", ""},
		{"Name: Lena Fischer\nDate: 4 May 2024\nClass: 8B", "Lena Fischer"},
	} {
		doc, err := Parse([]byte(c.head+body), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Author != c.want {
			t.Errorf("%q: author %q, want %q", c.head, doc.Author, c.want)
		}
	}
}

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// webPage is an essay as copied from a web page, written for this test:
// a menu above it, a byline, an advertisement between paragraphs and a
// footer below.
const webPage = `Home
Menu
Search
Sign in

Why Libraries Still Matter

By Ada Moreland
Share
Copy link

Public libraries are among the last places in a town where nobody is asked to buy anything, and where a child and a retired teacher can sit at the same table for an afternoon.

Advertisement

They lend more than books: they lend quiet, warmth in winter, a connection to the internet and the help of people whose work is to find things out for others.

When a library closes, the town loses a room that belonged to everyone, and it is rarely given back.

Privacy policy
Terms of use
Contact us
`

// TestInspectHTML checks the page inspect --html writes: self-contained,
// one row per source line, each line marked with what was decided and
// why (title, author, paragraph, chrome with its reason).
func TestInspectHTML(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "library.txt")
	if err := os.WriteFile(in, []byte(webPage), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "", "inspect", "--html", in)
	if code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	for _, bad := range []string{"<script", "<link", "src=", "url("} {
		if strings.Contains(out, bad) {
			t.Errorf("the page is not self-contained: it holds %q", bad)
		}
	}
	rows := regexp.MustCompile(`<tr class="([a-z]+)"><td class="n">(\d+)</td><td class="m">([^<]*)</td><td class="t">([^<]*)</td><td class="w">([^<]*)</td>`).FindAllStringSubmatch(out, -1)
	if want := strings.Count(webPage, "\n"); len(rows) != want {
		t.Fatalf("%d rows, want one per source line (%d)", len(rows), want)
	}
	class := map[string]string{}
	why := map[string]string{}
	for _, r := range rows {
		class[r[4]], why[r[4]] = r[1], r[5]
	}
	checks := []struct{ line, class, why string }{
		{"Why Libraries Still Matter", "title", "title"},
		{"By Ada Moreland", "author", "byline"},
		{"Home", "chrome", "chrome"},
		{"Sign in", "chrome", "sign-up prompt"},
		{"Advertisement", "chrome", "advertisement"},
		{"Privacy policy", "chrome", "after the essay"},
		{"When a library closes, the town loses a room that belonged to everyone, and it is rarely given back.", "paragraph", "paragraph"},
	}
	for _, c := range checks {
		if class[c.line] != c.class || !strings.Contains(why[c.line], c.why) {
			t.Errorf("line %q: class %q, why %q; want class %q, a reason with %q", c.line, class[c.line], why[c.line], c.class, c.why)
		}
	}
	if !strings.Contains(out, `class="legend"`) {
		t.Error("no colour legend")
	}
	if code, _, stderr := runCLI(t, "", "inspect", "--html", "--json", in); code != 2 || !strings.Contains(stderr, "--json and --html") {
		t.Errorf("--json with --html: status %d, %s; want a usage error", code, stderr)
	}
}

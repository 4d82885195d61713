package parse

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
)

// TestNotText checks that binary input is refused with a typed error that
// names what the input looks like and says what to do.
func TestNotText(t *testing.T) {
	cases := []struct {
		name, src, reason string
	}{
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file (it looks like a PNG image)"},
		{"zip", "PK\x03\x04\x14\x00\x06\x00", "not a text file (it looks like a ZIP archive, such as a .docx or .epub)"},
		{"elf", "\x7fELF\x02\x01\x01\x00", "not a text file (it looks like an ELF executable)"},
		{"pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a text file (it looks like a PDF document)"},
		{"nul", "some text\x00\x01\x02 with zero bytes\x00 and \xff\xfe junk", "not a text file (it contains zero bytes)"},
		{"controls", "\x01\x02\x03\x04\x05\x06abc\x07\x08\x0e\x0f", "not a text file (76% of its bytes are control characters)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Parse([]byte(c.src), Options{})
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("Parse = %v, %v; want *Error", doc, err)
			}
			if perr.Error() != c.reason {
				t.Errorf("reason %q, want %q", perr.Error(), c.reason)
			}
			if perr.Hint == "" {
				t.Error("no hint")
			}
		})
	}
}

// TestForcedEncoding checks Options.Encoding and the error for an unknown
// encoding name.
func TestForcedEncoding(t *testing.T) {
	src := []byte("Caf\xe9 society\n\nThe caf\xe9 opens at eight.\n")
	for _, name := range []string{"windows-1252", "latin1", "ISO-8859-1", "cp1252", "klingon-8"} {
		doc, err := Parse(src, Options{Encoding: name})
		if name == "klingon-8" {
			var perr *Error
			if !errors.As(err, &perr) || !strings.Contains(perr.Reason, "unknown encoding") {
				t.Errorf("%s: err = %v, want unknown encoding", name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc.Title != "Café society" || doc.FirstParagraph() != "The café opens at eight." {
			t.Errorf("%s: got %q / %q", name, doc.Title, doc.FirstParagraph())
		}
	}
	doc, err := Parse([]byte("\xef\xbb\xbfPlain title\n\nBody text here.\n"), Options{Encoding: "utf-8"})
	if err != nil || doc.Title != "Plain title" {
		t.Errorf("forced utf-8 with BOM: %v %q", err, doc.Title)
	}
	le := []byte{'H', 0, 'i', 0, '.', 0, '\n', 0}
	doc, err = Parse(le, Options{Encoding: "utf-16le"})
	if err != nil || doc.FirstParagraph() != "Hi." {
		t.Errorf("forced utf-16le: %v %q", err, doc.FirstParagraph())
	}
	// With a BOM, "utf-16" reads either byte order.
	for _, bom := range [][]byte{{0xff, 0xfe, 'O', 0, 'k', 0}, {0xfe, 0xff, 0, 'O', 0, 'k'}} {
		doc, err = Parse(bom, Options{Encoding: "utf-16", Lang: "en"})
		if err != nil || doc.FirstParagraph() != "Ok" || len(doc.Warnings) != 0 {
			t.Errorf("forced utf-16 with BOM % x: %v %q %v", bom[:2], err, doc.FirstParagraph(), doc.Warnings)
		}
	}
	// Without a BOM, mostly-ASCII UTF-16 is recognised by its zero bytes.
	doc, err = Parse(le, Options{})
	if err != nil || doc.FirstParagraph() != "Hi." || doc.Encoding != "utf-16le" {
		t.Errorf("bom-less utf-16le: %v %+v", err, doc)
	}
}

// TestMostlyInvalidUTF8 checks that text that is mostly not UTF-8 is read
// as Windows-1252.
func TestMostlyInvalidUTF8(t *testing.T) {
	doc, err := Parse([]byte("\x93Quoted\x94 words and a na\xefve caf\xe9.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != "windows-1252" || doc.FirstParagraph() != "“Quoted” words and a naïve café." {
		t.Errorf("got %s %q", doc.Encoding, doc.FirstParagraph())
	}
}

// TestOptions checks the switches: Strip, KeepBoilerplate, NoSmart,
// Title, Author, Lang and Name.
func TestOptions(t *testing.T) {
	src := []byte("A \"simple\" title\n\nRead more\nSponsored content below\nThe body -- with typewriter marks... and 'quotes'.\n")
	doc, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Dump(); !strings.Contains(got, "removed 3 (boilerplate: read-more link on a line of its own): Read more") ||
		!strings.Contains(got, "paragraph: Sponsored content below") {
		t.Errorf("default run:\n%s", got)
	}
	if doc.Title != "A “simple” title" {
		t.Errorf("title %q", doc.Title)
	}
	if want := "The body — with typewriter marks… and ‘quotes’."; !hasBlock(doc, want) {
		t.Errorf("smart text missing %q:\n%s", want, doc.Dump())
	}

	doc, _ = Parse(src, Options{Strip: []*regexp.Regexp{regexp.MustCompile(`(?i)sponsored.*`)}})
	if hasBlock(doc, "Sponsored content below") || !strings.Contains(doc.Dump(), "(strip: the line matches the --strip pattern `(?i)sponsored.*`): Sponsored content below") {
		t.Errorf("strip:\n%s", doc.Dump())
	}
	// A Strip pattern must match the whole line, not a part of it.
	doc, _ = Parse(src, Options{Strip: []*regexp.Regexp{regexp.MustCompile(`content`)}})
	if !hasBlock(doc, "Sponsored content below") {
		t.Errorf("partial strip match removed a line:\n%s", doc.Dump())
	}

	doc, _ = Parse(src, Options{KeepBoilerplate: true})
	if !hasBlock(doc, "Read more") {
		t.Errorf("keep-boilerplate:\n%s", doc.Dump())
	}

	doc, _ = Parse(src, Options{NoSmart: true, Title: "Given  title", Author: "A. Writer", Lang: "en-GB", Name: "x"})
	if !hasBlock(doc, "The body -- with typewriter marks... and 'quotes'.") {
		t.Errorf("no-smart:\n%s", doc.Dump())
	}
	if doc.Title != "Given title" || doc.TitleSource != "flag" || doc.Author != "A. Writer" || doc.Lang != "en-GB" || doc.Name != "x" {
		t.Errorf("overrides: %+v", doc)
	}
	if !strings.Contains(doc.Dump(), `(title: first line read as the title, replaced by --title): A "simple" title`) {
		t.Errorf("replaced title line not in Removed:\n%s", doc.Dump())
	}
}

func hasBlock(doc *essay.Document, text string) bool {
	for _, b := range doc.Blocks {
		if b.Text == text {
			return true
		}
	}
	return false
}

// TestBoilerplateSpares checks that prose lines resembling chrome stay.
func TestBoilerplateSpares(t *testing.T) {
	for _, line := range []string{
		"Join the army to see the world.",
		"Keep reading books every day.",
		"Get paper and pens ready before the exam.",
		"Find a writer you love and read everything they wrote.",
		"Example:",
		"I read more now than I did at school.",
	} {
		if b, ok := matchBoilerplate(line); ok {
			t.Errorf("%q matched boilerplate %q", line, b.Name)
		}
	}
	for _, line := range []string{
		"Authors Avatar", "Join now!", "Sign up to view the whole essay and download the PDF for anytime access on your computer, tablet or smartphone.",
		"Read more", "Show more", "Continue reading", "Essay preview", "Page 1 of 2", "This is a preview of the whole essay",
		"Open Document", "Download (.docx)", "Word count: 1,204", "Tags: history, Russia", "Read the full essay »",
	} {
		if _, ok := matchBoilerplate(line); !ok {
			t.Errorf("%q is not boilerplate", line)
		}
	}
}

// TestReadableName checks the file-name fallback.
func TestReadableName(t *testing.T) {
	for in, want := range map[string]string{
		"my_essay-draft2.txt":          "My essay draft2",
		"/tmp/x/final.essay.txt":       "Final essay",
		"notes":                        "Notes",
		"C:\\docs\\über_alles.txt":     "Über alles",
		"  spaced__out--name .md":      "Spaced out name",
		"":                             "",
		"evil\x1b[31m\u202eName\n.txt": "Evil[31mName", // issue 15: no control or bidi characters
		"bad\xffbyte.txt":              "Badbyte",
	} {
		if got := ReadableName(in); got != want {
			t.Errorf("ReadableName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNoTitle checks that body text is never promoted to a title.
func TestNoTitle(t *testing.T) {
	for _, src := range []string{
		"Only one line of text, which is the whole essay.",
		"A short first paragraph ends here.\n\nAnd the second follows it.\n",
		"the first line starts in lower case\n\nSecond paragraph.\n",
		"This first line is long and goes on and on without a full stop at the end because it\nwraps onto the next line of the paragraph, like hard-wrapped text does.\n",
	} {
		doc, err := Parse([]byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != "" || doc.TitleSource != "none" {
			t.Errorf("%q: title %q (%s)", src, doc.Title, doc.TitleSource)
		}
	}
}

package parse

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
)

// wrap breaks text at spaces into lines of at most width characters,
// the first line indented by indent spaces. It never breaks after a word
// that ends in a hyphen, which the parser would read as a compound.
func wrap(text string, width, indent int) []string {
	var lines []string
	cur := strings.Repeat(" ", indent)
	n := indent
	empty := true
	for _, w := range strings.Fields(text) {
		wl := len([]rune(w))
		if !empty && n+1+wl > width && !strings.HasSuffix(lastField(cur), "-") {
			lines = append(lines, cur)
			cur, n, empty = "", 0, true
		}
		if !empty {
			cur += " "
			n++
		}
		cur += w
		n += wl
		empty = false
	}
	return append(lines, cur)
}

// layouts renders a title and paragraphs in every layout the parser
// must understand.
var layouts = map[string]func(title string, paras []string) string{
	"blank-lines": func(title string, paras []string) string {
		return head(title) + strings.Join(paras, "\n\n") + "\n"
	},
	"one-per-line": func(title string, paras []string) string {
		return head(title) + strings.Join(paras, "\n") + "\n"
	},
	"one-per-line-crlf-tab": func(title string, paras []string) string {
		return strings.ReplaceAll(head(title)+"\t"+strings.Join(paras, "\n\t")+"\n", "\n", "\r\n")
	},
	"wrapped-60": func(title string, paras []string) string {
		var out []string
		for _, p := range paras {
			out = append(out, strings.Join(wrap(p, 60, 0), "\n"))
		}
		return head(title) + strings.Join(out, "\n\n") + "\n"
	},
	"wrapped-78": func(title string, paras []string) string {
		var out []string
		for _, p := range paras {
			out = append(out, strings.Join(wrap(p, 78, 0), "\n"))
		}
		return head(title) + strings.Join(out, "\n\n") + "\n"
	},
	"indented-no-blank": func(title string, paras []string) string {
		var out []string
		for _, p := range paras {
			out = append(out, wrap(p, 70, 4)...)
		}
		if title != "" {
			title = strings.Repeat(" ", max(0, (70-len(title))/2)) + title
		}
		return head(title) + strings.Join(out, "\n") + "\n"
	},
	"nbsp-one-line": func(title string, paras []string) string {
		return head(title) + strings.Join(paras, " \u00a0 \u00a0 ") + "\n"
	},
	"nbsp-lines-cr": func(title string, paras []string) string {
		return strings.ReplaceAll(head(title)+strings.Join(paras, "\n\u00a0\n")+"\n", "\n", "\r")
	},
}

func head(title string) string {
	if title == "" {
		return ""
	}
	return title + "\n\n"
}

// invarianceInputs lists the samples and, where ../shared exists, the
// corpus files.
func invarianceInputs() []string {
	files, _ := filepath.Glob("../samples/*.txt")
	if shared, ok := testutil.Shared(); ok {
		more, _ := filepath.Glob(filepath.Join(shared, "corpus", "dev*.txt"))
		files = append(files, more...)
	}
	return files
}

// TestLayoutInvariance lays out each sample's and corpus file's parsed
// paragraphs again in every layout and checks that parsing gives the same
// title and paragraphs: the rules must not depend on one file's layout.
func TestLayoutInvariance(t *testing.T) {
	for _, f := range invarianceInputs() {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(src, Options{NoSmart: true})
		if err != nil {
			t.Fatal(err)
		}
		var paras []string
		prose := true
		for _, b := range doc.Blocks {
			paras = append(paras, b.Text)
			prose = prose && b.Kind == essay.Paragraph
		}
		if !prose || doc.Preview {
			continue // structure other than paragraphs has its own layouts
		}
		for name, layout := range layouts {
			got, err := Parse([]byte(layout(doc.Title, paras)), Options{NoSmart: true})
			if err != nil {
				t.Fatal(err)
			}
			var gotParas []string
			for _, b := range got.Blocks {
				gotParas = append(gotParas, b.Text)
			}
			if got.Title != doc.Title || strings.Join(gotParas, "\n") != strings.Join(paras, "\n") {
				t.Errorf("%s as %s: title %q, %d paragraphs; want %q, %d\n%s", filepath.Base(f), name, got.Title, len(gotParas), doc.Title, len(paras), got.Dump())
			}
		}
	}
}

// TestEncodingInvariance re-encodes each sample and corpus file (UTF-16BE
// and UTF-16LE with BOMs, UTF-8 with BOM and CRLF, Windows-1252 where the
// text fits it, CR-only) and checks that parsing gives the same title and
// blocks.
func TestEncodingInvariance(t *testing.T) {
	for _, f := range invarianceInputs() {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := decodeText(src, Options{}, func(string, ...any) {})
		if err != nil {
			t.Fatal(err)
		}
		variants := map[string][]byte{
			"utf-8-bom-crlf": append([]byte("\ufeff"), strings.ReplaceAll(text, "\n", "\r\n")...),
			"cr-only":        []byte(strings.ReplaceAll(text, "\n", "\r")),
		}
		for name, enc := range map[string]encoding.Encoding{
			"utf-16le": xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM),
			"utf-16be": xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM),
			"cp1252":   charmap.Windows1252,
		} {
			b, err := enc.NewEncoder().Bytes([]byte(text))
			if err != nil {
				continue // the text does not fit the encoding
			}
			variants[name] = b
		}
		for name, b := range variants {
			got, err := Parse(b, Options{})
			if err != nil {
				t.Fatalf("%s as %s: %v", filepath.Base(f), name, err)
			}
			if got.Title != doc.Title || !sameBlocks(got.Blocks, doc.Blocks) {
				t.Errorf("%s as %s differs:\n%s\nwant\n%s", filepath.Base(f), name, got.Dump(), doc.Dump())
			}
		}
	}
}

func sameBlocks(a, b []essay.Block) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Kind != b[i].Kind || a[i].Text != b[i].Text {
			return false
		}
	}
	return true
}

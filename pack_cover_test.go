package essayexport_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
)

// TestPackCoverWithoutTitle: a pack given no title says on its cover how
// many essays it holds and which come first and last, and names the
// author when every essay has the same one.
func TestPackCoverWithoutTitle(t *testing.T) {
	texts := []string{
		"On Bridges\nby A. Walker\n\nA bridge is a promise made in stone.\n",
		"On Ferries\nby A. Walker\n\nA ferry is a bridge that keeps moving.\n",
		"On Tunnels\nby A. Walker\n\nA tunnel is a bridge turned inside out.\n",
	}
	var entries []essayexport.Entry
	for i, s := range texts {
		entries = append(entries, essayexport.Entry{Name: string(rune('a'+i)) + ".txt", Open: func() (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader(s)), nil
		}})
	}
	opts := essayexport.Options{Format: essayexport.PDF, Parse: parse.Options{Lang: "en"}, Render: render.Defaults()}
	var buf bytes.Buffer
	if _, err := essayexport.ConvertPack(context.Background(), &buf, entries, opts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cover := strings.Join(strings.Fields(testutil.PdfToText(t, path, "-f", "1", "-l", "1")), " ")
	want := "Coursework pack 3 essays, from “On Bridges” to “On Tunnels” A. Walker"
	if !strings.Contains(cover, want) {
		t.Errorf("cover reads %q, want %q", cover, want)
	}
}

package parse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
)

// TestNoFalseVerse checks that no prose becomes verse: the samples, the
// test essays that hold no poem, every ../shared/corpus file, and every
// ../shared/corpus2 file whose labels list no verse.
func TestNoFalseVerse(t *testing.T) {
	var files []string
	for _, pat := range []string{"../samples/*.txt", "testdata/*.txt"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	poems := map[string]bool{"testdata/verse.txt": true, "testdata/epigraph.txt": true, "testdata/list-and-poem-end.txt": true}
	if shared, ok := testutil.Shared(); ok {
		m, _ := filepath.Glob(filepath.Join(shared, "corpus", "*.txt"))
		files = append(files, m...)
		var labels []structureLabel
		if data, err := os.ReadFile(filepath.Join(shared, "corpus2", "labels.json")); err == nil && json.Unmarshal(data, &labels) == nil {
			for _, l := range labels {
				f := filepath.Join(shared, "corpus2", l.File)
				files = append(files, f)
				poems[f] = len(l.Verse) > 0
			}
		}
	}
	for _, f := range files {
		if poems[f] {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(src, Options{})
		if err != nil {
			continue // the binary and undecodable test inputs
		}
		blocks := doc.Blocks
		if doc.Epigraph != nil {
			blocks = append(blocks, *doc.Epigraph)
		}
		for _, b := range blocks {
			if b.Kind == essay.Verse {
				t.Errorf("%s: verse at line %d (%s):\n%s", f, b.Line, b.Why, b.Text)
			}
		}
	}
}

// TestWrappedQuoteNotVerse checks an indented, hard-wrapped prose
// quotation whose lines happen to start with capitals (names): its lines
// fill the wrap width and its breaks are forced, so it stays prose.
func TestWrappedQuoteNotVerse(t *testing.T) {
	src := `Trade routes

The old trade between the cities was described by a merchant of the
time in a letter that survives in the archive of his family, and it is
worth quoting at length because it names every port that mattered.

    The ships that left Antwerp in spring called first at Lisbon and
    Cadiz, then at Genoa and Venice, where the Florentine bankers met
    Them with letters of credit; from there they went on to Alexandria
    And returned by way of Marseille, London and Hamburg in the autumn.

The letter goes on for many pages in the same vein, and it is a good
guide to the shape of the trade before the great companies took it over.
`
	doc, err := Parse([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range doc.Blocks {
		if b.Kind == essay.Verse {
			t.Errorf("verse at line %d (%s)", b.Line, b.Why)
		}
	}
}

package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
)

// TestSeed checks the project's seed requirements on the shared seed file.
func TestSeed(t *testing.T) {
	shared, ok := testutil.Shared()
	if !ok {
		t.Skip("../shared is absent: the seed check needs it")
	}
	src, err := os.ReadFile(filepath.Join(shared, "seeds", "essay-bank-preview.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantTitle := "How far does Stalin’s position as General Secretary explain his success in defeating his rivals in the years 1924–1929?"
	if doc.Title != wantTitle || doc.TitleSource != "repeat" {
		t.Errorf("title = %q (%s), want %q (repeat)", doc.Title, doc.TitleSource, wantTitle)
	}
	starts := []string{"Following Lenin’s death", "Stalin’s position of General Secretary allowed", "Stalin also had other key positions", "The ideological conflict of the contenders"}
	checkSeedLike(t, doc, starts, "the power to expel those from the government who disagreed with him",
		[]string{"Authors Avatar", "Join now!", "This is a preview of the whole essay"})
}

// checkSeedLike checks a parsed essay-bank preview: the body paragraphs'
// starts, a sentence mended across removed chrome, the chrome removed and
// recorded, Preview set, and no no-break space left.
func checkSeedLike(t *testing.T, doc *essay.Document, starts []string, mended string, chrome []string) {
	t.Helper()
	var paras []string
	for _, b := range doc.Blocks {
		if b.Kind != essay.Paragraph {
			t.Errorf("unexpected %s block: %q", b.Kind, b.Text)
		}
		paras = append(paras, b.Text)
		if strings.ContainsRune(b.Text, '\u00a0') {
			t.Errorf("no-break space left in %q", b.Text)
		}
		for _, c := range chrome {
			if strings.Contains(b.Text, c) {
				t.Errorf("chrome %q left in block %q", c, b.Text)
			}
		}
	}
	if len(paras) != len(starts) {
		t.Fatalf("%d paragraphs, want %d:\n%s", len(paras), len(starts), doc.Dump())
	}
	for i, s := range starts {
		if !strings.HasPrefix(paras[i], s) {
			t.Errorf("paragraph %d starts %.60q, want %q", i+1, paras[i], s)
		}
	}
	found := 0
	for _, p := range paras {
		if strings.Contains(p, mended) {
			found++
		}
	}
	if found != 1 {
		t.Errorf("mended sentence %q found in %d paragraphs, want 1", mended, found)
	}
	for _, c := range chrome {
		in := false
		for _, r := range doc.Removed {
			in = in || r.Text == c
		}
		if !in {
			t.Errorf("%q not in Removed", c)
		}
	}
	if !doc.Preview {
		t.Error("Preview = false, want true")
	}
}

// TestSampleEssayBank checks the seed requirements on the project's own
// essay-bank sample, which has the seed's layout; it runs without
// ../shared.
func TestSampleEssayBank(t *testing.T) {
	src, err := os.ReadFile("../samples/essay-bank-preview.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantTitle := "To what extent was the printing press responsible for the Reformation’s rapid spread in the years 1517–1555?"
	if doc.Title != wantTitle || doc.TitleSource != "repeat" {
		t.Errorf("title = %q (%s), want %q (repeat)", doc.Title, doc.TitleSource, wantTitle)
	}
	starts := []string{"When Martin Luther’s theses", "The press certainly changed", "Nevertheless, print did not work alone.", "A further factor was"}
	checkSeedLike(t, doc, starts, "it was the decisions of the powerful that allowed that voice to be heard without punishment",
		[]string{"Authors Avatar", "Join now!", "This is a preview of the whole essay"})
}

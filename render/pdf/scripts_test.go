package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
)

// TestComplexScripts: Hindi (Devanagari conjuncts and vowel signs) and
// Thai (stacked marks) are drawn in their Noto faces, shaped, and every
// word comes back from pdftotext (through /ActualText: a glyph of these
// scripts does not stand for the same text everywhere). The texts were
// written for the project.
func TestComplexScripts(t *testing.T) {
	testutil.Need(t, "pdftotext", "pdffonts")
	for _, c := range []struct{ lang, face, title, text string }{
		{"hi", "NotoSerifDevanagari", "गाँव का विद्यालय", "गाँव का विद्यालय एक कीचड़ भरे रास्ते के अंत में था, और हर सुबह बच्चे साथ-साथ वहाँ जाते थे। उसने पत्र धीरे-धीरे खोला, मानो पढ़ते समय शब्द बदल सकते हों। अधिकांश इतिहासकार आज मानते हैं कि युद्ध कई छोटी गलतियों से हुआ।"},
		{"th", "NotoSerifThai", "โรงเรียนของหมู่บ้าน", "โรงเรียนของหมู่บ้านตั้งอยู่ที่ปลายถนน และทุกเช้าเด็ก ๆ จะเดินไปที่นั่นด้วยกัน นักประวัติศาสตร์ส่วนใหญ่เห็นตรงกันว่า สงครามเกิดจากความผิดพลาดเล็ก ๆ หลายครั้ง"},
	} {
		doc := &essay.Document{Title: c.title, Lang: c.lang, Blocks: []essay.Block{{Kind: essay.Paragraph, Text: c.text}}}
		var buf bytes.Buffer
		st, err := Render(&buf, render.Single(doc, "", ""), render.Defaults())
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range st.Warnings {
			if strings.Contains(w, "no bundled font") {
				t.Errorf("%s: %s", c.lang, w)
			}
		}
		path := filepath.Join(t.TempDir(), c.lang+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		fontsOut, _ := testutil.Run("pdffonts", path)
		if !strings.Contains(fontsOut, c.face) {
			t.Errorf("%s: %s not embedded:\n%s", c.lang, c.face, fontsOut)
		}
		out, err := testutil.Run("pdftotext", path, "-")
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(strings.Fields(out), "")
		for _, w := range strings.Fields(c.title + " " + c.text) {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q does not come back from pdftotext", c.lang, w)
			}
		}
	}
}

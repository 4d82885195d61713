package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
)

// TestComplexScripts: Hindi (Devanagari conjuncts and vowel signs), Thai
// (stacked marks), Hebrew, Arabic and Persian (joining forms, ZWNJ kept,
// set right to left) are drawn in their Noto faces, shaped, and every word
// comes back from pdftotext (Indic and Thai through /ActualText: a glyph
// of these scripts does not stand for the same text everywhere; pdftotext
// puts a sentence's closing stop or comma before a right-to-left word, so
// those are not compared). The right-to-left words are placed from the
// right: the first word of the paragraph is right of the second. The texts
// were written for the project.
func TestComplexScripts(t *testing.T) {
	testutil.Need(t, "pdftotext", "pdffonts")
	for _, c := range []struct{ lang, face, title, text string }{
		{"hi", "NotoSerifDevanagari", "गाँव का विद्यालय", "गाँव का विद्यालय एक कीचड़ भरे रास्ते के अंत में था, और हर सुबह बच्चे साथ-साथ वहाँ जाते थे। उसने पत्र धीरे-धीरे खोला, मानो पढ़ते समय शब्द बदल सकते हों। अधिकांश इतिहासकार आज मानते हैं कि युद्ध कई छोटी गलतियों से हुआ।"},
		{"th", "NotoSerifThai", "โรงเรียนของหมู่บ้าน", "โรงเรียนของหมู่บ้านตั้งอยู่ที่ปลายถนน และทุกเช้าเด็ก ๆ จะเดินไปที่นั่นด้วยกัน นักประวัติศาสตร์ส่วนใหญ่เห็นตรงกันว่า สงครามเกิดจากความผิดพลาดเล็ก ๆ หลายครั้ง"},
		{"ja", "DroidSansFallback", "村の学校", "村の学校はぬかるんだ道の先にあり、子どもたちは毎朝いっしょにそこへ歩いていった。多くの歴史家は、戦争はひとつの決定ではなく、たくさんの小さな誤りから生まれたと考えている。"},
		{"zh", "DroidSansFallback", "村里的学校", "村里的学校在一条泥泞小路的尽头，孩子们每天早上一起走到那里去。今天，大多数历史学家都认为，战争不是源于一个决定，而是源于许多小错误。"},
		{"he", "LiberationSerif-Regular", "בית הספר של הכפר", "בית הספר של הכפר עמד בסוף דרך בוצית, ובכל בוקר הלכו הילדים לשם יחד. רוב ההיסטוריונים מסכימים היום שהמלחמה נולדה מטעויות קטנות רבות, ולא מהחלטה אחת."},
		{"ar", "NotoNaskhArabic", "مدرسة القرية", "كانت مدرسة القرية في نهاية طريق موحل، وكان الأطفال يذهبون إليها كل صباح. يتفق معظم المؤرخين اليوم على أن الحرب نشأت من أخطاء صغيرة كثيرة، لا من قرار واحد."},
		{"fa", "NotoNaskhArabic", "مدرسه روستا", "مدرسه\u200cی روستا در انتهای جاده\u200cای گل\u200cآلود بود و بچه\u200cها هر صبح با هم به آنجا می\u200cرفتند. بیشتر تاریخ\u200cنگاران امروز می\u200cگویند که جنگ از اشتباه\u200cهای کوچک بسیاری زاده شد."},
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
		if c.lang == "he" || c.lang == "ar" {
			bbox, _ := testutil.Run("pdftotext", "-bbox", path, "-")
			first, second := strings.Fields(c.text)[0], strings.Fields(c.text)[1]
			if x1, x2 := wordX(bbox, first), wordX(bbox, second); !(x1 > x2 && x2 > 0) {
				t.Errorf("%s: the first word is at x=%.1f, the second at x=%.1f: not right to left", c.lang, x1, x2)
			}
		}
		out, err := testutil.Run("pdftotext", path, "-")
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(strings.Fields(strings.Map(dropBidiMarks, out)), "")
		for _, w := range strings.Fields(c.title + " " + c.text) {
			w = strings.TrimRight(w, ".,،")
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q does not come back from pdftotext", c.lang, w)
			}
		}
	}
}

// dropBidiMarks removes the embedding marks pdftotext puts around
// right-to-left text.
func dropBidiMarks(r rune) rune {
	if r == 0x200E || r == 0x200F || r >= 0x202A && r <= 0x202E {
		return -1
	}
	return r
}

// wordX returns the xMin of the first word in pdftotext -bbox output whose
// text, read in either order, is w; 0 when there is none.
func wordX(bbox, w string) float64 {
	rev := []rune(w)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	for _, line := range strings.Split(bbox, "\n") {
		if !strings.Contains(line, "<word") {
			continue
		}
		text := line[strings.Index(line, ">")+1:]
		text = strings.TrimSuffix(strings.TrimSpace(text), "</word>")
		if text != w && text != string(rev) {
			continue
		}
		var x float64
		if i := strings.Index(line, `xMin="`); i >= 0 {
			fmt.Sscanf(line[i+6:], "%f", &x)
		}
		return x
	}
	return 0
}

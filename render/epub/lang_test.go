package epub

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/render"
)

// TestLanguageAttributes: the package and every content document carry
// the book's language and direction; an essay of a pack in another
// language declares its own on its section.
func TestLanguageAttributes(t *testing.T) {
	doc := func(lang, title, text string) *essay.Document {
		return &essay.Document{Title: title, Lang: lang, Blocks: []essay.Block{{Kind: essay.Paragraph, Text: text}}}
	}
	for _, c := range []struct {
		name     string
		book     *render.Book
		lang     string
		dir      string
		sections []string
	}{
		{"single French", render.Single(doc("fr", "Essai", "Le texte\u202f!"), "", ""), "fr", "ltr", nil},
		{"single Arabic", render.Single(doc("ar", "مقال", "النص هنا."), "", ""), "ar", "rtl", nil},
		{"pack", &render.Book{Pack: true, Title: "Pack", Parts: []render.Part{
			{Doc: doc("de", "Aufsatz", "Der Text.")}, {Doc: doc("de", "Zweiter", "Noch einer.")}, {Doc: doc("he", "מאמר", "הטקסט.")},
		}}, "de", "ltr", []string{"", "", ` lang="he" xml:lang="he" dir="rtl"`}},
	} {
		var buf bytes.Buffer
		if _, err := Render(&buf, c.book, render.Options{}); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		files, _ := entries(t, buf.Bytes())
		opf := files["EPUB/package.opf"]
		if !strings.Contains(opf, `xml:lang="`+c.lang+`" dir="`+c.dir+`"`) || !strings.Contains(opf, "<dc:language>"+c.lang+"</dc:language>") {
			t.Errorf("%s: package lacks language %s/%s:\n%.400s", c.name, c.lang, c.dir, opf)
		}
		var sections []string
		for name, body := range files {
			if !strings.HasSuffix(name, ".xhtml") {
				continue
			}
			html := regexp.MustCompile(`<html[^>]*>`).FindString(body)
			if !strings.Contains(html, `lang="`+c.lang+`" xml:lang="`+c.lang+`" dir="`+c.dir+`"`) {
				t.Errorf("%s: %s: %s", c.name, name, html)
			}
			if strings.HasPrefix(name, "EPUB/xhtml/essay") {
				m := regexp.MustCompile(`<section epub:type="bodymatter"([^>]*)>`).FindStringSubmatch(body)
				sections = append(sections, name+":"+m[1])
			}
		}
		for i, want := range c.sections {
			found := false
			for _, s := range sections {
				found = found || strings.HasSuffix(s, "essay00"+string(rune('1'+i))+".xhtml:"+want)
			}
			if !found {
				t.Errorf("%s: essay %d section attributes %q not among %q", c.name, i+1, want, sections)
			}
		}
	}
}

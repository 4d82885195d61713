package parse

import (
	"strings"

	"github.com/essayexport/essayexport/internal/lang"
)

// setLang fixes the document's language: Options.Lang when given, else the
// language detected from the body's prose lines (internal/lang), else
// English with a warning. It runs once chrome and debris are out, before
// any rule that reads words.
func (p *parser) setLang() {
	doc := p.doc
	if p.opt.Lang != "" {
		doc.Lang, doc.LangSource, doc.LangConfidence = p.opt.Lang, "flag", 1
		p.lang = langFor(doc.Lang)
		return
	}
	g := lang.Detect(p.prose(lang.SampleBytes))
	doc.Lang, doc.LangConfidence = g.Tag, g.Confidence
	if g.Reliable {
		doc.LangSource = "detected"
	} else {
		doc.LangSource = "default"
		doc.Warnf("language: %s; assuming %s (use --lang to set it)", g.Why, g.Tag)
	}
	p.lang = langFor(doc.Lang)
}

// prose returns up to about n bytes of the kept lines that read like
// running text (six words or more), in order: what the language is told
// from. When there are none, it returns the kept lines, whatever they are.
func (p *parser) prose(n int) string {
	var b strings.Builder
	for pass := 0; pass < 2 && b.Len() == 0; pass++ {
		for _, l := range p.lines {
			if l.blank || l.removed || pass == 0 && wordCount(l.text) < 6 {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(l.text)
			if b.Len() >= n {
				return b.String()
			}
		}
	}
	return b.String()
}

// Package parse turns the bytes of a plain-text essay into an
// *essay.Document: it decodes the text, cuts it into lines, removes site
// chrome and extraction debris, infers the title, subtitle, epigraph and
// author, groups the lines into blocks (paragraphs, headings of four
// levels, lists, quotations, verse, scene breaks, references and letter
// parts) by a prioritised list of rules, moves a confirmed notes section
// to Document.Notes, and reads inline emphasis and note references into
// spans.
//
// The pipeline is decode -> lines -> boilerplate and debris -> title ->
// subtitle and epigraph -> blocks -> notes -> typography -> inline. Parse
// never fails on prose: only input that cannot be read as text is an
// error (*Error).
package parse

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

// Options control parsing. The zero value detects everything.
type Options struct {
	// Encoding forces an encoding by name ("utf-8", "windows-1252",
	// "latin1", "utf-16le", ...); "" detects it.
	Encoding string
	// Strip adds boilerplate patterns; each must match a whole trimmed
	// line, or a whole piece of a line cut at a no-break-space separator.
	Strip []*regexp.Regexp
	// KeepBoilerplate turns the built-in Boilerplate list off.
	KeepBoilerplate bool
	// NoSmart keeps quotes, dashes and ellipses as they are.
	NoSmart bool
	// Title and Author override the inferred ones when not empty.
	Title, Author string
	// Lang is the BCP 47 language tag; "" detects the language from the
	// text (internal/lang), falling back to "en" when it cannot tell.
	Lang string
	// Name is a readable form of the file name, for Document.Name.
	Name string
}

// parser holds the state of one Parse call.
type parser struct {
	opt   Options
	doc   *essay.Document
	lines []*line
	strip []*regexp.Regexp // Options.Strip, anchored to match whole lines
	// paywall is set when a removed line is a preview footer or a prompt
	// to sign up or read on.
	paywall bool
	// inlinePaywall is set when a paywall prompt was cut from inside a
	// line; truncated when a truncation marker was (preview.go).
	inlinePaywall, truncated bool
	// vocab is the set of lower-cased words of the text, for mending
	// words hyphenated across lines.
	vocab map[string]bool
	// inRefs is true after a references heading; signing after a sign-off.
	inRefs, signing bool
	// refsHeading is the text of the last references heading.
	refsHeading string
	// mdShift is the level of a Markdown heading used as the title.
	mdShift int
	// removedAt holds, for each removed entry, the index of its line and
	// its byte offset there, to sort the removed list in source order.
	removedAt [][2]int
	// lastKept is the index of the last kept line.
	lastKept int
	// lang is what the parser knows of the document's language
	// (langdata.go), set once the language is known.
	lang *langData
	// medWidth and minIndent cache measureProse: the median width of the
	// prose lines (0: not yet measured; -1: no prose lines) and their
	// least indentation plus one (-1: none); firstProse and lastProse are
	// the indexes of the first and last prose lines (-1: none).
	medWidth, minIndent, firstProse, lastProse int
	// noteIDs maps the labels of the confirmed notes to their IDs.
	noteIDs map[string]string

	// fw is the function-word list of the essay's language (prose.go).
	fw map[string]bool
	// fm holds the title and author given by front matter or an e-text
	// header (frontmatter.go); chat is set when a chat preamble was cut.
	fm   meta
	chat bool
	// headRead is set when readHead read a head zone; chosen is the
	// title line it chose, metaTitle set when a field's title won.
	headRead, metaTitle bool
	chosen              *line
	// lower is the set of words found in lower case in the text.
	lower map[string]bool
	// shortWords maps the words of short lines to those lines (sharedWords).
	shortWords map[string]map[string]bool
	// capsHeadings counts the headings in capitals inside the body.
	capsHeadings int
}

// Parse reads an essay. It fails only on undecodable or non-text input,
// with *Error.
func Parse(src []byte, opt Options) (*essay.Document, error) {
	doc := &essay.Document{Name: opt.Name, Lang: opt.Lang, Blocks: []essay.Block{}, Removed: []essay.Removed{}, Warnings: []string{}}
	text, enc, err := decodeText(src, opt, doc.Warnf)
	if err != nil {
		return nil, err
	}
	doc.Encoding = enc
	p := &parser{opt: opt, doc: doc, lines: splitLines(text), lang: langFor("en")}
	for _, re := range opt.Strip {
		if whole, err := regexp.Compile(`^(?:` + re.String() + `)$`); err == nil {
			re = whole
		}
		p.strip = append(p.strip, re)
	}
	p.removeBoilerplate()
	p.readWrappers()
	p.removeDebris()
	p.setLang()
	p.findLayout()
	p.inferTitle()
	p.readHeadExtras()
	p.mendCuts()
	p.buildBlocks()
	p.authorFromSignature()
	p.findNotes()
	p.detectPreview()
	if !opt.NoSmart {
		p.smarten()
	}
	p.inlineAll()
	p.sortRemoved()
	return doc, nil
}

// decodeText decodes src and cleans the text: the words of its result are
// what the document and its removed list must account for.
func decodeText(src []byte, opt Options, warn func(string, ...any)) (string, string, error) {
	text, enc, err := decode(src, opt.Encoding, warn)
	if err != nil {
		return "", "", err
	}
	return clean(text, warn), enc, nil
}

// remove takes a line out of the body and records why.
func (p *parser) remove(l *line, why string) {
	l.removed, l.rec = true, len(p.doc.Removed)
	p.record(l, 0, l.text, why)
}

// record adds text, found at byte col of line l as first read, to the
// removed list.
func (p *parser) record(l *line, col int, text, why string) {
	p.doc.Removed = append(p.doc.Removed, essay.Removed{Line: l.num, Text: text, Why: why})
	p.removedAt = append(p.removedAt, [2]int{l.idx, col})
}

// sortRemoved puts the removed list in source order.
func (p *parser) sortRemoved() {
	order := make([]int, len(p.doc.Removed))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := p.removedAt[a], p.removedAt[b]
		if x[0] != y[0] {
			return x[0] - y[0]
		}
		return x[1] - y[1]
	})
	sorted := make([]essay.Removed, len(order))
	for i, k := range order {
		sorted[i] = p.doc.Removed[k]
	}
	p.doc.Removed = sorted
}

// removeBoilerplate takes out lines matching the Boilerplate list (unless
// KeepBoilerplate) or a Strip pattern, and chrome fragments glued inside
// lines (inlineChrome).
func (p *parser) removeBoilerplate() {
	for _, l := range p.lines {
		if l.blank {
			continue
		}
		text, cut := l.text, []inlineCut(nil)
		if !p.opt.KeepBoilerplate {
			text, cut = cutInlineChrome(l.text)
		}
		// A line that is chrome once its fragments are out goes whole.
		if why, paywall, ok := p.chromeLine(text); ok || text == "" {
			if !ok {
				names := make([]string, len(cut))
				for k, c := range cut {
					names[k] = strconv.Quote(c.text)
				}
				why, paywall = "boilerplate: a line made only of site chrome ("+strings.Join(names, ", ")+")", true
			} else if len(cut) > 0 {
				why += " once the chrome glued to it is cut out"
			}
			p.remove(l, why)
			l.cut, l.cutWhat = true, "chrome"
			p.paywall = p.paywall || paywall
			l.paywall = paywall
			continue
		}
		at := 0
		for _, c := range cut {
			at += max(0, strings.Index(l.orig[at:], c.text))
			p.record(l, at, c.text, c.why())
			at += len(c.text)
			p.paywall = p.paywall || c.text != "Authors Avatar"
			p.inlinePaywall = p.inlinePaywall || c.text != "Authors Avatar"
		}
		l.text = text
	}
}

// chromeLine matches a whole line against the Boilerplate list (unless
// KeepBoilerplate) and the Strip patterns; it returns the reason to give
// in Removed and whether the chrome marks a paywall.
func (p *parser) chromeLine(text string) (why string, paywall, ok bool) {
	if !p.opt.KeepBoilerplate {
		if b, ok := matchBoilerplate(text); ok {
			return "boilerplate: " + b.Name + " on a line of its own", b.Paywall, true
		}
	}
	for k, re := range p.strip {
		if re.MatchString(text) {
			return "strip: the line matches the --strip pattern `" + p.opt.Strip[k].String() + "`", false, true
		}
	}
	return "", false, false
}

// mendCuts marks a line as continuing the previous kept line when removed
// chrome or page debris sits between them and cut a sentence: the earlier
// text is a full line that stops on a word or a comma, and the later one
// goes on in lower case, or with anything but a list item or heading.
// It notes the mend on the line and in the removed lines' reasons.
func (p *parser) mendCuts() {
	var prev *line
	var cuts []*line
	for _, l := range p.lines {
		switch {
		case l.removed:
			if l.cut {
				cuts = append(cuts, l)
			}
		case l.blank:
		default:
			if len(cuts) > 0 && prev != nil && !l.gap && !endsSentence(prev.text) && (startsLower(l.text) || runsOn(prev.text) &&
				listMarker(l.text) == "" && headingLevel(l.text, true) == 0) {
				l.join = true
				l.mended = mendedBy(cuts)
				for _, c := range cuts {
					p.amendRemoved(c, ", cutting a sentence; the sentence was mended")
				}
			}
			prev, cuts = l, nil
		}
	}
}

// mendedBy describes the removed lines that cut a mended sentence:
// "removed chrome on line 5", "removed page number and running header on
// lines 40-41".
func mendedBy(cuts []*line) string {
	var what []string
	for _, c := range cuts {
		if !slices.Contains(what, c.cutWhat) {
			what = append(what, c.cutWhat)
		}
	}
	first, last := cuts[0].num, cuts[len(cuts)-1].num
	where := fmt.Sprintf("line %d", first)
	if last != first {
		where = fmt.Sprintf("lines %d-%d", first, last)
	}
	return "removed " + strings.Join(what, " and ") + " on " + where
}

// amendRemoved appends to the reason recorded when line l was removed
// whole (by remove).
func (p *parser) amendRemoved(l *line, more string) {
	p.doc.Removed[l.rec].Why += more
}

// runsOn reports whether a line is long enough, and stops on a letter,
// digit or comma, so that a sentence cut after it must go on.
func runsOn(s string) bool {
	r := lastRune(s)
	return utf8.RuneCountInString(s) >= minPageLine && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == ',')
}

// minPageLine is the shortest line (in characters) that a sentence is
// taken to run on from across removed lines; shorter ones may be headings.
const minPageLine = 40

// detectPreview sets Document.Preview for truncated essay-bank previews:
// a preview footer or paywall prompt was removed, or chrome was removed and
// the text ends mid-sentence with an ellipsis.
func (p *parser) detectPreview() {
	if p.paywall {
		p.doc.Preview = true
		return
	}
	if len(p.doc.Blocks) == 0 {
		return
	}
	last := strings.TrimSpace(p.doc.Blocks[len(p.doc.Blocks)-1].Text)
	chrome := false
	for _, r := range p.doc.Removed {
		if strings.HasPrefix(r.Why, "boilerplate") || strings.HasPrefix(r.Why, "strip") {
			chrome = true
		}
	}
	if chrome && (strings.HasSuffix(last, "...") || strings.HasSuffix(last, "…")) {
		body := strings.TrimRight(last, ".… ")
		if !endsSentence(body) {
			p.doc.Preview = true
		}
	}
}

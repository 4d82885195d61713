package parse

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// metaRE matches a metadata line of the header: "Title: ...",
	// "Author: ...", "By: ...", and the labels of a school essay's header
	// ("Name:", "Class:", "Date:", ...), which name the author or are
	// taken out as metadata.
	metaRE = regexp.MustCompile(`(?i)^(title|essay title|topic|essay topic|prompt|essay prompt|question|essay question|author|authors|by|written by|name|student|student name|class|course|module|teacher|tutor|professor|instructor|lecturer|date|due date|subject|assignment|student id|candidate number)\s*[:：]\s*(\S.{0,120})$`)
	// titleLabels rank the metadata labels that give the title.
	titleLabels = map[string]int{"title": 3, "essay title": 3, "topic": 2, "essay topic": 2, "prompt": 1, "essay prompt": 1, "question": 1, "essay question": 1}
	// authorLabels are the metadata labels that name the author.
	authorLabels = map[string]bool{"author": true, "authors": true, "by": true, "written by": true, "name": true, "student": true, "student name": true}
	// mdHeadingRE matches a Markdown heading: "# Title", "## Section".
	mdHeadingRE = regexp.MustCompile(`^(#{1,6})\s+(.*?)(?:\s+#+)?$`)
	// siteSuffixRE matches what essay sites append to a title:
	// " | Free Essay Example", " - Essay Example", " | StudyMode",
	// " - Example.com".
	siteSuffixRE = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\s+[|–—-]\s+(free\s+)?(essay|essays|sample|samples|example|examples|research paper|term paper|paper|coursework|dissertation)(\s+(example|examples|sample|samples|paper|papers|database))?(\s*[|–—-].*)?$`),
		regexp.MustCompile(`(?i)\s+[|–—-]\s+(www\.)?[\w-]+\.(com|org|net|co\.uk|io|edu)$`),
		regexp.MustCompile(`\s+\|\s+\p{Lu}[\p{L}\d]*(\s+[\p{L}\d]+){0,2}$`),
	}
)

// maxTitle is the longest first line (in characters) read as a title.
const maxTitle = 160

// nextKept returns the index of the first kept, non-blank line at or
// after i, or -1.
func (p *parser) nextKept(i int) int {
	for ; i < len(p.lines); i++ {
		if l := p.lines[i]; !l.blank && !l.removed {
			return i
		}
	}
	return -1
}

// inferTitle finds the title and author: from metadata lines ("Title:",
// "Author:") at the top, else from a first line that reads like a title;
// then a byline, and a repeat of the title at the start of the body,
// whose better-punctuated form wins. The lines used are taken out of the
// body.
func (p *parser) inferTitle() {
	doc := p.doc
	title, source := "", "none"
	var titleLine *line // source line of the title
	titleRank := 0      // rank of the metadata label the title came from
	last := -1          // index of the last header line used
	seen := 0
	if p.headRead {
		// The head zone was read (candidates.go): its choice stands.
		title, source, titleLine, last = p.headTitle()
	}
	for i := p.nextKept(0); i >= 0 && seen < 8 && !p.headRead; i = p.nextKept(i + 1) {
		l := p.lines[i]
		seen++
		if utf8.RuneCountInString(l.text) > maxTitle {
			break
		}
		m := metaRE.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		label := strings.ToLower(m[1])
		why := fmt.Sprintf("metadata: %q line in the header", m[1]+":")
		switch {
		case titleLabels[label] > 0:
			// "Title:" wins over "Topic:", "Question:" and the like.
			if titleRank >= titleLabels[label] {
				continue
			}
			if titleLine != nil {
				p.amendRemoved(titleLine, fmt.Sprintf("; outranked by the %q line %d", m[1]+":", l.num))
			}
			title, source, titleLine, titleRank = m[2], "metadata", l, titleLabels[label]
			why += " gives the title"
		case authorLabels[label] && doc.Author == "":
			doc.Author = m[2]
			why += " gives the author"
			if p.opt.Author != "" {
				why += " (replaced by --author)"
			}
		case authorLabels[label]:
			why += " (the author is already given)"
		}
		p.remove(l, why)
		last = max(last, i)
	}
	if source == "none" && !p.headRead {
		if i := p.nextKept(0); i >= 0 && p.titleLike(i) {
			l := p.lines[i]
			title, source, titleLine = l.text, "first-line", l
			if m := mdHeadingRE.FindStringSubmatch(title); m != nil {
				title = m[2]
				p.mdShift = len(m[1])
			}
			l.removed = true
			if p.opt.Title != "" {
				p.record(l, 0, l.text, "title: first line read as the title, replaced by --title")
			}
			last = max(last, i)
		}
	}
	if source != "none" {
		if i := p.nextKept(last + 1); i >= 0 {
			if word, name, ok := p.byline(p.lines[i].text); ok && doc.Author == "" {
				doc.Author = name
				why := fmt.Sprintf("byline: %q line under the title gives the author", word+" …")
				if p.opt.Author != "" {
					why += " (replaced by --author)"
				}
				p.remove(p.lines[i], why)
				last = i
			}
		}
		if i := p.nextKept(last + 1); i >= 0 {
			if form, k, ok := p.takeRepeat(p.lines[i], title); ok {
				rep := p.lines[i]
				if punctScore(form) > punctScore(title) {
					switch source {
					case "first-line":
						if p.opt.Title != "" {
							break // recorded as replaced by --title
						}
						p.record(titleLine, 0, title, fmt.Sprintf("title: sloppy form of the title; the repeat on line %d is better punctuated", rep.num))
					case "metadata":
						p.amendRemoved(titleLine, fmt.Sprintf("; the repeat on line %d is better punctuated and replaces it", rep.num))
					}
					p.doc.Removed[k].Why += fmt.Sprintf("; better punctuated than line %d, so it gives the title", titleLine.num)
					title, source, titleLine = form, "repeat", rep
				} else {
					p.doc.Removed[k].Why += fmt.Sprintf("; line %d gives the title", titleLine.num)
				}
				if p.opt.Title != "" {
					p.doc.Removed[k].Why += " (replaced by --title)"
				}
			}
		}
	}
	title, suffix := cleanTitle(title)
	if suffix != "" && p.opt.Title == "" {
		p.record(titleLine, max(0, strings.LastIndex(titleLine.orig, suffix)), suffix, "title site suffix: an essay site's tag after the title, cut off")
	}
	if p.opt.Title != "" {
		if source == "metadata" {
			p.amendRemoved(titleLine, " (replaced by --title)")
		}
		title, source = collapseSpaces(p.opt.Title), "flag"
	}
	if p.opt.Author != "" {
		doc.Author = p.opt.Author
	}
	doc.Author = collapseSpaces(doc.Author)
	if title == "" {
		source = "none"
	}
	doc.Title, doc.TitleSource = title, source
}

// cleanTitle collapses spaces, drops a final full stop after a word
// ("The Importance of Sleep.", not "Life in the U.S.") and drops a site
// suffix, which it returns.
func cleanTitle(t string) (string, string) {
	t = collapseSpaces(t)
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") {
		w := lastField(t)
		if r, _ := utf8.DecodeLastRuneInString(w[:len(w)-1]); unicode.IsLower(r) && letterCount(w) >= 3 && !strings.Contains(w[:len(w)-1], ".") {
			t = t[:len(t)-1]
		}
	}
	for _, re := range siteSuffixRE {
		if loc := re.FindStringIndex(t); loc != nil && loc[0] > 0 {
			return strings.TrimSpace(t[:loc[0]]), strings.TrimSpace(t[loc[0]:])
		}
	}
	return t, ""
}

// titleLike reports whether kept line i reads like a title: short, not a
// sentence that goes on, not a section name or letter part, and followed
// by a blank line, removed chrome or clearly separate body text.
func (p *parser) titleLike(i int) bool {
	l := p.lines[i]
	t := l.text
	n := utf8.RuneCountInString(t)
	if n > maxTitle || wordCount(t) > 25 || letterCount(t) < 2 || startsLower(t) {
		return false
	}
	if strings.ContainsRune(",;:-–—(", lastRune(t)) || strings.HasSuffix(t, "...") ||
		lastRune(t) == '.' && !(titleCase(t) && wordCount(t) <= 12) {
		return false
	}
	if _, _, known := knownSection(t); known || salutationRE.MatchString(t) || datelineRE.MatchString(t) ||
		signoffRE.MatchString(t) || bulletRE.MatchString(t) {
		return false
	}
	next := p.nextKept(i + 1)
	if next < 0 {
		return false // nothing but the title: it is the text
	}
	if i+1 < len(p.lines) && (p.lines[i+1].blank || p.lines[i+1].removed || p.isByline(p.lines[i+1].text)) {
		return true
	}
	// Body text follows directly: accept only a clearly shorter line, or a
	// centred one, above a line that starts a new sentence; or a title
	// and a subtitle standing together above a blank line.
	b := p.lines[next]
	if startsLower(b.text) || wordCount(t) > 12 {
		return false
	}
	if l.width()*10 <= b.width()*6 || l.indent >= b.indent+4 && n < 60 {
		return true
	}
	subtitle := utf8.RuneCountInString(b.text) <= 100 && !strings.ContainsRune(".,;", lastRune(b.text))
	return subtitle && (next+1 == len(p.lines) || p.lines[next+1].blank)
}

// takeRepeat looks for the title repeated at the start of line l. It takes
// the repeat out of the body and returns its form and the index of its
// entry in Document.Removed.
func (p *parser) takeRepeat(l *line, title string) (string, int, bool) {
	tk := key(title)
	if tk == "" {
		return "", 0, false
	}
	lk := key(l.text)
	if lk == tk {
		p.remove(l, "title repeat: the title again where the body starts")
		return l.text, l.rec, true
	}
	if wordCount(title) < 3 || !strings.HasPrefix(lk, tk) {
		return "", 0, false
	}
	// Find where the repeat ends in l.text: after as many letters and
	// digits as the title has, plus closing punctuation.
	want := utf8.RuneCountInString(tk)
	cut := 0
	for i, r := range l.text {
		if want == 0 {
			if unicode.IsSpace(r) {
				cut = i
				break
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return "", 0, false // the repeat ends inside a word
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			want--
		}
	}
	if cut == 0 {
		return "", 0, false
	}
	// The body must go on with a new sentence: "Title: The ..." or
	// "Title? The ...", never "Title used to ...".
	form := l.text[:cut]
	rest := strings.TrimSpace(l.text[cut:])
	if !strings.ContainsRune(":?!.–—", lastRune(form)) && !startsUpper(rest) || startsLower(rest) {
		return "", 0, false
	}
	form = strings.TrimRight(form, ":;,-–— ")
	k := len(p.doc.Removed)
	p.record(l, 0, form, "title repeat: the title again at the start of the body's first line")
	l.text = rest
	return form, k, true
}

// lastField returns the last space-separated word of s.
func lastField(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// isByline reports whether t is a byline (see byline).
func (p *parser) isByline(t string) bool {
	_, _, ok := p.byline(t)
	return ok
}

// byline reads a byline: a byline word of the document's language or of
// English (langData.By: "By", "par", "von") and up to five words, not a
// sentence ending in a full stop ("by the river it grew."). After a word
// that is not English's, whose words are common elsewhere ("de", "di"),
// every word of the name must start with a capital, but for particles
// inside it ("par Jeanne Dupont", "door Sanne de Vries", not "de la
// servitude volontaire"). It returns the byline word as
// written and the name.
func (p *parser) byline(t string) (word, name string, ok bool) {
	word, name, ok = p.lang.bylineWord(t)
	if !ok || name == "" || strings.ContainsAny(name, ",;:!?") {
		return "", "", false
	}
	words := strings.Fields(name)
	if len(words) > 5 {
		return "", "", false
	}
	if w := words[len(words)-1]; strings.HasSuffix(w, ".") && letterCount(w) > 1 {
		return "", "", false
	}
	if !slices.Contains(langTable["en"].By, strings.ToLower(word)) {
		for k, w := range words {
			if !startsUpper(w) && (k == 0 || k == len(words)-1 || !nameParticles[strings.ToLower(w)]) {
				return "", "", false
			}
		}
	}
	return word, name, true
}

package parse

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

// This file chooses the title and the author among candidates, by score:
// the lines before the body (findBody's head zone), front-matter fields,
// "Title:"/"Author:" fields, Markdown "#" lines, bylines, a heading block's
// student, a line repeated elsewhere (a breadcrumb, a page heading, the
// title as cited). Document.TitleCandidates keeps the scores and reasons
// for inspect.

// maxCandidates is the most title candidates weighed.
const maxCandidates = 40

// headRole is what a line of the head zone was read as.
type headRole int

const (
	roleTitle    headRole = iota // a title candidate
	roleAuthor                   // names the author (byline, name field)
	roleMeta                     // metadata: form field, date, heading block line
	roleChrome                   // interface, columns, numbers
	roleByWord                   // a bare "by" above the author's name
	roleSubtitle                 // kept under the title
)

// headLine is one line of the head zone and what was made of it.
type headLine struct {
	l      *line
	role   headRole
	why    string
	author string // the name it gives, for roleAuthor
	ascore int    // strength of the author evidence
	score  float64
	reason []string
}

// meta is what front matter and wrapper fields gave before the head was
// read: a title or author and the line they came from.
type meta struct {
	title, author         string
	titleLine, authorLine *line
	titleScore            float64
	authorScore           int
	rank                  int // rank of the title field's label
}

// readHead reads the head zone: it chooses the title and author and
// removes the other lines as metadata or chrome. It returns false when
// there is no head zone (findBody did not run), leaving inferTitle's
// first-line rules to decide.
func (p *parser) readHead() {
	var hs []*headLine
	bodyStart := -1
	for _, l := range p.lines {
		if l.blank || l.removed {
			continue
		}
		if l.zone == zoneHead {
			hs = append(hs, &headLine{l: l})
		} else if l.zone == zoneBody && bodyStart < 0 {
			bodyStart = l.idx
		}
	}
	if p.fm.author != "" {
		p.doc.Author = p.fm.author
	}
	if len(hs) == 0 && p.fm.title == "" {
		return
	}
	p.headRead = true
	// Roles.
	for k, h := range hs {
		t := h.l.text
		st := measure(t, p.fw)
		st.cols = h.l.cols
		class, cwhy := st.classify()
		label, value, isField := field(t)
		switch {
		case isField && fieldTitleLabels[label] > 0 && value != "":
			h.role, h.score = roleTitle, 8+float64(fieldTitleLabels[label])
			h.why = fmt.Sprintf("metadata: %q line in the header", fieldLabel(t))
			h.reason = append(h.reason, fmt.Sprintf("a %q field", label))
		case isField && fieldAuthorLabels[label]:
			switch {
			case blankFieldRE.MatchString(value) || strings.HasPrefix(value, "__"):
				h.role, h.why = roleMeta, fmt.Sprintf("metadata: a blank %q form field, never an author", label)
			case p.nameLike(value) || singleName(value):
				h.role, h.author, h.ascore = roleAuthor, properName(value), 10
				h.why = fmt.Sprintf("metadata: %q line in the header gives the author", fieldLabel(t))
			default:
				h.role, h.why = roleMeta, fmt.Sprintf("metadata: the %q field holds no person's name", label)
			}
		case isField && !strings.HasPrefix(t, "#"):
			h.role, h.why = roleMeta, fmt.Sprintf("metadata: a %q field of the header", label)
		case datelineRE.MatchString(t):
			h.role, h.why = roleMeta, "metadata: a date in the header"
		case p.byName(t) != "":
			h.role, h.author, h.ascore = roleAuthor, properName(p.byName(t)), 9
			h.why = "author: a byline"
		case bylineWords[strings.ToLower(t)] && k+1 < len(hs) && p.nameLike(hs[k+1].l.text):
			h.role, h.why = roleByWord, "byline: the word before the author's name"
			hs[k+1].role, hs[k+1].author, hs[k+1].ascore = roleAuthor, properName(hs[k+1].l.text), 9
			hs[k+1].why = "author: the name under a bare byline word"
		case h.role == roleAuthor:
		case class == classBad || st.iface*2 >= st.words && st.words <= 4:
			h.role, h.why = roleChrome, "chrome: before the essay's body, "+cwhy
			if class != classBad {
				h.why = "chrome: before the essay's body, interface words"
			}
		case strings.ContainsAny(t, "›»") || strings.Count(t, " | ")+strings.Count(t, " · ")+strings.Count(t, " / ") >= 2:
			h.role, h.why = roleChrome, "chrome: before the essay's body, a breadcrumb or a list of links"
		}
	}
	// A heading block: three or more lines with no blank between, ending
	// in a date, the first a name: the student, teacher, course, date of
	// MLA and Chicago papers.
	for k := 0; k < len(hs); k++ {
		if hs[k].role != roleMeta || !datelineRE.MatchString(hs[k].l.text) {
			continue
		}
		j := k
		for j > 0 && hs[j-1].l.idx == hs[j].l.idx-1 && k-j < 4 {
			j--
		}
		if k-j >= 2 && p.nameLike(hs[j].l.text) {
			hs[j].role, hs[j].author, hs[j].ascore = roleAuthor, properName(hs[j].l.text), 8
			hs[j].why = "author: the first line of a heading block (name, course, date)"
			for _, h := range hs[j+1 : k] {
				h.role, h.why = roleMeta, "metadata: a line of the heading block (name, course, date)"
			}
		}
	}
	// Score the title candidates.
	var cands []*headLine
	for _, h := range hs {
		if h.role == roleTitle && p.titleEligible(h.l.text) {
			cands = append(cands, h)
		}
	}
	// The candidates nearest the body are enough, and keep the cost
	// linear.
	if len(cands) > maxCandidates {
		cands = cands[len(cands)-maxCandidates:]
	}
	for k, h := range cands {
		p.scoreTitle(h, k, cands, hs, bodyStart)
	}
	var best *headLine
	for _, h := range cands {
		if best == nil || h.score > best.score {
			best = h
		}
	}
	titleScore := -1e9
	if best != nil {
		titleScore = best.score
	}
	// Front matter and wrapper fields compete too.
	useMeta := p.fm.title != "" && p.fm.titleScore >= titleScore
	for _, h := range cands {
		p.doc.TitleCandidates = append(p.doc.TitleCandidates, essay.TitleCandidate{
			Line: h.l.num, Text: h.l.text, Score: h.score, Why: strings.Join(h.reason, "; "), Chosen: h == best && !useMeta})
	}
	if p.fm.title != "" {
		p.doc.TitleCandidates = append(p.doc.TitleCandidates, essay.TitleCandidate{
			Line: p.fm.titleLine.num, Text: p.fm.title, Score: p.fm.titleScore, Why: "a title field of the front matter or file header", Chosen: useMeta})
	}
	if useMeta {
		best = nil
		p.metaTitle = true
	}
	// Names next to the title are its author.
	if best != nil {
		bk := slices.Index(hs, best)
		for _, k := range []int{bk + 1, bk + 2, bk - 1} {
			if k == bk-1 && k != 0 {
				continue // a name above the title only at the very top
			}
			if k >= 0 && k < len(hs) && hs[k].role == roleTitle && p.nameLike(hs[k].l.text) && !p.sharedWords(hs[k].l.text) {
				hs[k].role, hs[k].author, hs[k].ascore = roleAuthor, properName(hs[k].l.text), 7
				hs[k].why = "author: a name beside the title"
				break
			}
		}
	}
	// The author: the strongest evidence, then the earliest.
	var au *headLine
	for _, h := range hs {
		if h.role == roleAuthor && (au == nil || h.ascore > au.ascore) {
			au = h
		}
	}
	if au != nil && (p.fm.author == "" || au.ascore > p.fm.authorScore) {
		p.doc.Author = au.author
	} else if p.fm.author != "" {
		p.doc.Author = p.fm.author
	}
	// Keep a subtitle: a longer line right under the title that is not a
	// name, a field or chrome.
	if best != nil {
		k := slices.Index(hs, best)
		if k+1 < len(hs) && hs[k+1].role == roleTitle && hs[k+1].l.idx > best.l.idx && wordCount(hs[k+1].l.text) >= 5 &&
			!strings.HasSuffix(hs[k+1].l.text, ":") {
			hs[k+1].role = roleSubtitle
		}
	}
	// Keep a section heading that opens the body ("1. Introduction",
	// "## Introduction") out of the chrome.
	if n := len(hs); n > 0 && hs[n-1] != best && bodyStart >= 0 && p.nextKept(hs[n-1].l.idx+1) == bodyStart {
		t := hs[n-1].l.text
		if m := mdHeadingRE.FindStringSubmatch(t); m != nil {
			t = m[2]
		}
		if _, _, known := knownSection(t); known {
			hs[n-1].role = roleSubtitle
		}
	}
	// Keep an epigraph under the title and subtitle (subtitle.go).
	if k := slices.Index(hs, best) + 1; best != nil && k < len(hs) {
		for k < len(hs)-1 && hs[k].role != roleTitle {
			k++
		}
		for _, idx := range p.epigraphLines(hs[k].l.idx) {
			for _, h := range hs[k:] {
				if h.l.idx == idx {
					h.role = roleSubtitle
				}
			}
		}
	}
	var sub *line // a subtitle kept under the title
	for k, h := range hs {
		switch {
		case h == best:
			p.chosen = h.l
		case h.role == roleSubtitle && k+1 < len(hs) && hs[k+1].role == roleAuthor && p.doc.Subtitle == "":
			// A standfirst between the title and the byline qualifies
			// the title: the document's subtitle.
			p.doc.Subtitle = collapseSpaces(h.l.text)
			p.doc.SubtitleWhy = fmt.Sprintf("subtitle: line %d stands between the title and the author's name, a standfirst", h.l.num)
			p.remove(h.l, p.doc.SubtitleWhy)
		case h.role == roleSubtitle:
			// Kept under the title; the body does not run on from it.
			h.l.zone = zoneBody
			sub = h.l
		case h.role == roleAuthor:
			why := h.why
			if h != au {
				why += " (another line gives the author)"
			}
			p.remove(h.l, why)
		case h.role == roleTitle && h.why != "":
			p.remove(h.l, h.why)
		case h.role == roleTitle:
			why := "chrome: before the essay's body, not chosen as the title"
			switch {
			case best != nil && h.l.idx > best.l.idx:
				why = fmt.Sprintf("metadata: a header line between the title (line %d) and the body", best.l.num)
			case best != nil:
				why = fmt.Sprintf("chrome: before the essay's body; line %d was chosen as the title", best.l.num)
			}
			p.remove(h.l, why)
		default:
			p.remove(h.l, h.why)
		}
	}
	// The body does not run on from a kept subtitle (the lines between
	// them, a byline or a date, are gone now).
	if sub != nil {
		if k := p.nextKept(sub.idx + 1); k >= 0 {
			p.lines[k].gap = true
		}
	}
}

// titleEligible reports whether a head line can be a title at all.
func (p *parser) titleEligible(t string) bool {
	t = strings.TrimSpace(strings.TrimLeft(t, "#"))
	n := utf8.RuneCountInString(t)
	if n > maxTitle || wordCount(t) > 25 || letterCount(t) < 2 || startsLower(t) {
		return false
	}
	if strings.ContainsRune(",;-–—(", lastRune(t)) || strings.ContainsRune("([", []rune(t)[0]) {
		return false
	}
	if _, _, known := knownSection(t); known {
		return false
	}
	// A line opening with a dash names a quotation's source (subtitle.go).
	return !salutationRE.MatchString(t) && !signoffRE.MatchString(t) && !bulletRE.MatchString(t) && !attributionRE.MatchString(t)
}

// scoreTitle weighs the evidence that head line h (candidate k of cands)
// is the title.
func (p *parser) scoreTitle(h *headLine, k int, cands, hs []*headLine, bodyStart int) {
	t := h.l.text
	add := func(v float64, why string) {
		h.score += v
		h.reason = append(h.reason, fmt.Sprintf("%+g %s", v, why))
	}
	if m := mdHeadingRE.FindStringSubmatch(t); m != nil {
		if len(m[1]) == 1 {
			add(7, "a Markdown \"#\" heading")
		} else {
			add(1, "a Markdown sub-heading")
		}
		t = m[2]
	}
	if k == len(cands)-1 {
		add(4, "the last candidate before the body")
	}
	if k > 0 && cands[k-1].l.idx == h.l.idx-1 && wordCount(t) > wordCount(cands[k-1].l.text) && !p.nameLike(cands[k-1].l.text) {
		add(-3, "a longer line right under another candidate, as a subtitle stands")
	}
	if k == 0 {
		add(2, "the first candidate")
	}
	i := h.l.idx
	if (i == 0 || p.lines[i-1].blank) && (i+1 >= len(p.lines) || p.lines[i+1].blank) {
		add(2, "stands alone between blank lines")
	}
	// Followed by an author line, directly or under one subtitle line.
	hk := slices.Index(hs, h)
	for j := hk + 1; j < len(hs) && j <= hk+2; j++ {
		if hs[j].role == roleAuthor || hs[j].role == roleByWord || j == hk+1 && p.nameLike(hs[j].l.text) && !p.nameLike(t) {
			if !strings.HasSuffix(t, ".") {
				add(4, "an author's name or byline follows")
			}
			break
		}
	}
	if hk > 0 && hs[hk-1].role == roleAuthor && hk == 1 {
		add(2, "under the author's name at the top")
	}
	if bodyStart > i {
		if far := min(4, (bodyStart-i)/25); far > 0 {
			add(-float64(far), fmt.Sprintf("%d lines above the body", bodyStart-i))
		}
	}
	if h.l.indent >= 10 {
		add(2, "centred")
	}
	wc := wordCount(t)
	switch {
	case wc == 1:
		add(-2, "a single word")
	case wc > 15:
		add(-3, "long for a title")
	default:
		add(1, "a title's length")
	}
	if r := p.repeats(t); r > 0 && wc >= 2 {
		add(float64(min(r, 2))*2, fmt.Sprintf("repeated %d times elsewhere (breadcrumb, page heading or citation)", r))
	}
	switch lastRune(t) {
	case '.':
		if !titleCase(t) || wc > 8 {
			add(-3, "ends a sentence")
		}
	case ':':
		add(-4, "ends with a colon")
	}
	if p.nameLike(t) {
		add(-4, "reads as a person's name")
	}
	st := measure(t, p.fw)
	if c, _ := st.classify(); c >= classNear && wc > 12 {
		add(-2, "reads as prose")
	}
	_ = bodyStart
}

// repeats counts the other lines of the text that contain t (by its
// letters and digits): the title repeated in a citation, breadcrumb or
// page heading.
func (p *parser) repeats(t string) int {
	k := key(t)
	if len(k) < 8 {
		return 0
	}
	n := 0
	for _, l := range p.lines {
		if l.blank || l.text == t || l.cutWhat == "wrapper" {
			continue
		}
		if strings.Contains(key(l.orig), k) {
			n++
		}
	}
	return n
}

// headTitle returns the title readHead chose, its source, its line and
// the index of the last header line, for inferTitle.
func (p *parser) headTitle() (string, string, *line, int) {
	switch {
	case p.metaTitle:
		return p.fm.title, "metadata", p.fm.titleLine, p.fm.titleLine.idx
	case p.chosen != nil:
		l := p.chosen
		title := l.text
		if m := mdHeadingRE.FindStringSubmatch(title); m != nil {
			title = m[2]
			p.mdShift = len(m[1])
		}
		if label, value, ok := field(title); ok && fieldTitleLabels[label] > 0 {
			p.remove(l, fmt.Sprintf("metadata: %q line in the header gives the title", fieldLabel(title)))
			return value, "metadata", l, l.idx
		}
		l.removed = true
		if p.opt.Title != "" {
			p.record(l, 0, l.text, "title: the chosen title candidate, replaced by --title")
		}
		return title, "first-line", l, l.idx
	}
	return "", "none", nil, -1
}

// fieldLabel returns a field line's label as written, with its colon.
func fieldLabel(t string) string {
	if m := fieldRE.FindStringSubmatch(t); m != nil {
		return strings.TrimSpace(m[1]) + ":"
	}
	return t
}

// singleName reports whether v is one capitalised word of letters: a
// surname given in an author field ("Hamilton").
func singleName(v string) bool {
	if strings.ContainsAny(v, " _@0123456789") || letterCount(v) != utf8.RuneCountInString(strings.TrimRight(v, ".")) {
		return false
	}
	return startsUpper(v) && letterCount(v) >= 2
}

// authorFromSignature takes the author of a letter from its signature
// when nothing else named one: the first name line under the sign-off.
func (p *parser) authorFromSignature() {
	if p.doc.Author != "" || p.opt.Author != "" {
		return
	}
	bs := p.doc.Blocks
	for i := len(bs) - 1; i > 0 && i >= len(bs)-4; i-- {
		if bs[i].Kind == essay.Signature && bs[i-1].Kind == essay.Signature && signoffRE.MatchString(bs[i-1].Text) &&
			p.nameLike(bs[i].Text) {
			p.doc.Author = properName(bs[i].Text)
			return
		}
	}
}

// sharedWords reports whether a capitalised word of t (three letters or
// more) also ends or starts two or more other short lines that do not
// hold t itself: a category word ("Good Essays", "Decent Essays"), not a
// person's name.
func (p *parser) sharedWords(t string) bool {
	if p.shortWords == nil {
		p.shortWords = map[string]map[string]bool{}
		for _, l := range p.lines {
			if l.blank || utf8.RuneCountInString(l.text) > maxFurniture || (l.removed && l.cutWhat == "wrapper") {
				continue
			}
			for _, w := range strings.Fields(l.text) {
				w = strings.ToLower(strings.Trim(w, ".,;:!?\"'“”‘’()"))
				if utf8.RuneCountInString(w) >= 3 {
					if p.shortWords[w] == nil {
						p.shortWords[w] = map[string]bool{}
					}
					if len(p.shortWords[w]) < 8 {
						p.shortWords[w][l.text] = true
					}
				}
			}
		}
	}
	for _, w := range strings.Fields(t) {
		w = strings.ToLower(strings.Trim(w, ".,;:!?\"'“”‘’()"))
		others := 0
		for line := range p.shortWords[w] {
			if !strings.Contains(line, t) {
				others++
			}
		}
		if others >= 2 {
			return true
		}
	}
	return false
}

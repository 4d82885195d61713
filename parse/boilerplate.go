package parse

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Pattern is a pattern for site chrome that scraped essays carry.
type Pattern struct {
	// Name says what the chrome is, in Removed.Why ("boilerplate: NAME").
	Name string
	// Re matches a whole unit, case-insensitively.
	Re *regexp.Regexp
	// Paywall marks chrome that only truncated previews carry: a preview
	// footer or a prompt to sign up or read on. It makes Document.Preview
	// true.
	Paywall bool
}

// maxChrome is the longest line (in characters) that can be chrome.
const maxChrome = 200

// Boilerplate is the default list of site-chrome patterns, the one place
// that says what the parser strips as boilerplate. Each pattern must match
// a whole trimmed line, or a whole piece of a line cut at a no-break-space
// separator, case-insensitively; longer units (over 200 characters) are
// never chrome. Patterns are general, never strings matched for one file.
// --keep-boilerplate (Options.KeepBoilerplate) turns the list off;
// --strip (Options.Strip) adds patterns.
var Boilerplate = []Pattern{
	// Author avatars and profile pictures rendered as alt text.
	{Name: "avatar", Re: chrome(`(the )?(authors?|users?|writers?|members?)['’]?s? (avatar|profile (picture|photo|image))|avatar|profile (picture|photo)`)},
	// Short calls to join, sign up or log in.
	{Name: "sign-up prompt", Paywall: true, Re: chrome(`(join|sign ?up|register|subscribe|log ?in|sign ?in)( (now|today|here|for free|free|to read more))?[.!]*`)},
	// Sentences asking the reader to sign up / log in to see the rest.
	{Name: "sign-up notice", Paywall: true, Re: chrome(`(join|sign ?up|register|subscribe|log ?in|sign ?in|create (a|an|your) (free )?account|become a member)\b.{0,120}\b(to (read|view|see|access|unlock|download|continue|get)\b.{0,60}\b(essays?|documents?|papers?|texts?|full|whole|entire|rest|premium|pdf|samples?|answers?)\b|for (full|unlimited|free|instant) access\b).*`)},
	// Read more / show more / continue reading links.
	{Name: "read-more link", Paywall: true, Re: chrome(`((click|tap|press) here (to )?)?(read|show|see|view|load|open) (more|less|all|(the )?(full|whole|entire|complete|rest of the) (essay|document|text|paper|article|sample|story|answer))\s*[.!…>»→]*`)},
	{Name: "read-more link", Paywall: true, Re: chrome(`((click|tap|press) here (to )?)?(continue|keep) reading( (the|this) (full |whole )?(essay|article|document|story|post|sample))?( (below|here))?[.!…>»→]*`)},
	{Name: "read-more link", Paywall: true, Re: chrome(`(want|need) to read (the )?(whole|full|entire|rest|complete)\b.{0,100}`)},
	{Name: "read-more link", Paywall: true, Re: chrome(`(unlock|get) (full |instant |unlimited )?access[.!]*`)},
	{Name: "read-more link", Paywall: true, Re: chrome(`(unlock|get (full )?access to) (the |this )?(full |whole |entire |complete )?(essay|document|paper|text|sample)\b.{0,80}`)},
	// Preview labels and preview footers.
	{Name: "preview label", Re: chrome(`(free )?(essay|document|paper|text) (preview|sample|example|extract|excerpt)s?:?|(essay )?preview:?|sample essay:?|free essays?( examples?)?:?`)},
	{Name: "preview footer", Paywall: true, Re: chrome(`this is (only |just )?(a|an) (preview|sample|extract|excerpt)( of the (whole|full|entire|complete) (essay|document|text|paper|article))?[.!]?`)},
	{Name: "preview footer", Paywall: true, Re: chrome(`(the )?(rest|remainder) of (this|the) (essay|document|text|paper|article) is (hidden|locked|available|for members)\b.{0,80}`)},
	// Pagination of a web preview.
	{Name: "page x of y", Re: chrome(`page \d{1,4} (of|/) \d{1,4}`)},
	// Document viewer and download controls.
	{Name: "viewer control", Re: chrome(`open (document|essay|file|in (app|new tab|viewer))|(full ?screen|zoom (in|out)|print|share|cite|save|report|bookmark)( (this|the))?( (essay|document|page|paper|sample|to (library|my list)))?`)},
	{Name: "download prompt", Re: chrome(`download( (this|the|full|free|now|as|essay|document|paper|file|sample|pdf|docx?|txt|word|in|format|\(\.?(pdf|docx?|txt)\)))*( (pdf|docx?|txt))?[.!]*|(pdf|docx?|txt)( (download|file|version))?`)},
	// Word counts, reading times and tag lines.
	{Name: "word count", Re: chrome(`(word count|words|number of words|length|pages|reading time)\s*[:：]\s*[\d,.]+( (words?|pages?|min(ute)?s?( read)?))?( \([^)]{1,30}\))?`)},
	{Name: "word count", Re: chrome(`[\d,.]+ (words?|pages?|min(ute)?s? read)( \([^)]{1,30}\))?(\s*[|/·•]\s*[\d,.]+ (words?|pages?|min(ute)?s? read))*`)},
	{Name: "tags", Re: chrome(`(tags?|keywords?|categor(y|ies)|filed under)\s*[:：].{0,200}`)},
	// Counters, ratings and navigation.
	{Name: "counter", Re: chrome(`[\d,.]+k? (views?|likes?|comments?|downloads?|reads?|shares?)`)},
	{Name: "rating", Re: chrome(`(rating|rated|grade|score)\s*[:：]?\s*[\d.]+\s*(/|out of)\s*\d+( stars?)?|[★☆]{1,5}`)},
	{Name: "navigation", Re: chrome(`(previous|next)( (essay|page|post|article|sample))?|back to top|scroll to top|(related|similar|more|popular|recommended) (essays|documents|papers|topics|samples|posts)`)},
	// Essay-mill promotions.
	{Name: "promotion", Re: chrome(`(get|order|buy|request|need) (a |an |your )?(custom|original|unique|plagiarism[- ]free|professional|100% original)[- ](written )?(essay|paper|sample|writing)\b.{0,100}|(hire|find) (a |an |your )?(professional |expert |essay )?(writer|expert)( now| for (this|your) (essay|paper|assignment)| to write .{0,40})?[.!]*|order now[.!]*|(not (finding )?(the essay|what) you('re| are) looking for)\??.{0,80}|cite this (essay|page|document|article|sample)(:.{0,40})?|copy to clipboard`)},
	{Name: "cookie notice", Re: chrome(`(we use cookies|(accept|allow)( all)? cookies|this (site|website) uses cookies)\b.{0,150}`)},
	{Name: "advertisement", Re: chrome(`(sponsored|advertisement|ad|ads)`)},
}

// chrome compiles a boilerplate pattern to match a whole unit,
// case-insensitively.
func chrome(expr string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:` + expr + `)$`)
}

// matchBoilerplate returns the default pattern matching text, if any.
func matchBoilerplate(text string) (Pattern, bool) {
	if utf8.RuneCountInString(text) > maxChrome {
		return Pattern{}, false
	}
	for k, b := range Boilerplate {
		if boilerplateFirst[k].mayStart(text) && b.Re.MatchString(text) {
			return b, true
		}
	}
	return Pattern{}, false
}

// boilerplateFirst holds, for each pattern of Boilerplate, the runes that
// can open a match: matchBoilerplate runs a pattern only on a line that
// opens with one of them.
var boilerplateFirst = func() []*firstRunes {
	out := make([]*firstRunes, len(Boilerplate))
	for k, b := range Boilerplate {
		out[k] = firstRunesOf(b.Re.String())
	}
	return out
}()

// inlineChrome lists chrome that sites also glue into the text itself, as
// written (case matters): it is removed from inside a line only where it
// cuts a sentence or stands at the line's start or end, never where it
// reads as part of the sentence.
var inlineChrome = []string{
	"Authors Avatar",
	"Join now!",
	"Read more",
	"Show more",
	"Continue reading",
	"This is a preview of the whole essay",
}

// inlineCut is one chrome fragment cut out of a line, and where it stood.
type inlineCut struct {
	text string
	// where is "start", "end" or "middle" (cutting a sentence).
	where string
}

// why explains a fragment's removal, for Removed.Why.
func (c inlineCut) why() string {
	name := "site chrome"
	if b, ok := matchBoilerplate(c.text); ok {
		name = b.Name
	}
	switch c.where {
	case "start":
		return fmt.Sprintf("boilerplate: %s (%q) glued to the start of a line", name, c.text)
	case "end":
		return fmt.Sprintf("boilerplate: %s (%q) glued to the end of a line", name, c.text)
	}
	return fmt.Sprintf("boilerplate: %s (%q) cutting a sentence inside a line; the sentence was mended", name, c.text)
}

// cutInlineChrome removes inlineChrome fragments from text and returns
// the text and the fragments removed, in the order they stood.
func cutInlineChrome(text string) (string, []inlineCut) {
	var cut []inlineCut
	from := 0
	for {
		k, frag, where := -1, "", ""
		for _, f := range inlineChrome {
			for at := from; at < len(text); {
				j := strings.Index(text[at:], f)
				if j < 0 {
					break
				}
				j += at
				if k >= 0 && j >= k {
					break
				}
				if w := chromeCuts(text, j, len(f)); w != "" {
					k, frag, where = j, f, w
					break
				}
				at = j + len(f)
			}
		}
		if k < 0 {
			return text, cut
		}
		cut = append(cut, inlineCut{frag, where})
		before := strings.TrimSpace(text[:k])
		text = strings.TrimSpace(before + " " + strings.TrimSpace(text[k+len(frag):]))
		from = min(len(before), len(text))
	}
}

// chromeCuts reports whether the n bytes of text at k are chrome: whole
// words at the start or end of the text, or cutting a sentence (no
// sentence end before, lower case after). It returns where they stand
// ("start", "end" or "middle"), or "" when they are not chrome.
func chromeCuts(text string, k, n int) string {
	before := strings.TrimSpace(text[:k])
	after := strings.TrimSpace(text[k+n:])
	switch {
	case k > 0 && text[k-1] != ' ' || k+n < len(text) && text[k+n] != ' ':
		return ""
	case before == "" && after == "":
		return ""
	case before == "":
		return "start"
	case after == "":
		return "end"
	case !endsSentence(before) && startsLower(after):
		return "middle"
	}
	return ""
}

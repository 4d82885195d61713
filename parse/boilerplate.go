package parse

import (
	"regexp"
	"unicode/utf8"
)

// boilerplate is a pattern for site chrome that scraped essays carry.
type boilerplate struct {
	name string
	re   *regexp.Regexp
	// paywall marks chrome that only truncated previews carry: a preview
	// footer or a prompt to sign up or read on. It makes Document.Preview
	// true.
	paywall bool
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
var Boilerplate = []boilerplate{
	// Author avatars and profile pictures rendered as alt text.
	{name: "avatar", re: chrome(`(the )?(authors?|users?|writers?|members?)['’]?s? (avatar|profile (picture|photo|image))|avatar|profile (picture|photo)`)},
	// Short calls to join, sign up or log in.
	{name: "sign-up prompt", paywall: true, re: chrome(`(join|sign ?up|register|subscribe|log ?in|sign ?in)( (now|today|here|for free|free|to read more))?[.!]*`)},
	// Sentences asking the reader to sign up / log in to see the rest.
	{name: "sign-up notice", paywall: true, re: chrome(`(join|sign ?up|register|subscribe|log ?in|sign ?in|create (a|an|your) (free )?account|become a member)\b.{0,120}\b(to (read|view|see|access|unlock|download|continue|get)|for (full|unlimited|free|instant) access)\b.*`)},
	// Read more / show more / continue reading links.
	{name: "read-more link", paywall: true, re: chrome(`(read|show|see|view|load) (more|less|all|full essay|the (full|whole|entire|complete|rest of the) (essay|document|text|paper|article|sample))[.!…>»]*`)},
	{name: "read-more link", paywall: true, re: chrome(`(continue|keep) reading\b.{0,60}`)},
	{name: "read-more link", paywall: true, re: chrome(`(want|need) to read (the )?(whole|full|entire|rest|complete)\b.{0,100}`)},
	{name: "read-more link", paywall: true, re: chrome(`(unlock|get (full )?access to) (the |this )?(full |whole |entire |complete )?(essay|document|paper|text|sample)\b.{0,80}`)},
	// Preview labels and preview footers.
	{name: "preview label", re: chrome(`((free )?(essay|document|paper|text|sample) )?(preview|sample|example|extract|excerpt)( essay)?:?`)},
	{name: "preview footer", paywall: true, re: chrome(`this is (a|only a|just a|an) (preview|sample|extract|excerpt) of the (whole|full|entire|complete) (essay|document|text|paper|article)[.!]?`)},
	{name: "preview footer", paywall: true, re: chrome(`(the )?(rest|remainder) of (this|the) (essay|document|text|paper|article) is (hidden|locked|available|for members)\b.{0,80}`)},
	// Pagination of a web preview.
	{name: "page x of y", re: chrome(`page \d{1,4} (of|/) \d{1,4}`)},
	// Document viewer and download controls.
	{name: "viewer control", re: chrome(`open (document|essay|file|in (app|new tab|viewer))|(full ?screen|zoom (in|out)|print|share|cite|save|report|bookmark)( (this|the))?( (essay|document|page|paper|sample|to (library|my list)))?`)},
	{name: "download prompt", re: chrome(`download( (this|the|full|free|now|as|essay|document|paper|file|sample|pdf|docx?|txt|word|in|format|\(\.?(pdf|docx?|txt)\)))*( (pdf|docx?|txt))?[.!]*|(pdf|docx?|txt)( (download|file|version))?`)},
	// Word counts, reading times and tag lines.
	{name: "word count", re: chrome(`(word count|words|number of words|length|pages|reading time)\s*[:：]\s*[\d,.]+( (words?|pages?|min(ute)?s?( read)?))?( \([^)]{1,30}\))?`)},
	{name: "word count", re: chrome(`[\d,.]+ (words?|pages?|min(ute)?s? read)( \([^)]{1,30}\))?(\s*[|/·•]\s*[\d,.]+ (words?|pages?|min(ute)?s? read))*`)},
	{name: "tags", re: chrome(`(tags?|keywords?|categor(y|ies)|topics?|filed under)\s*[:：].{0,200}`)},
	// Counters, ratings and navigation.
	{name: "counter", re: chrome(`[\d,.]+k? (views?|likes?|comments?|downloads?|reads?|shares?)`)},
	{name: "rating", re: chrome(`(rating|rated|grade|score)\s*[:：]?\s*[\d.]+\s*(/|out of)\s*\d+( stars?)?|[★☆]{1,5}`)},
	{name: "navigation", re: chrome(`(previous|next)( (essay|page|post|article|sample))?|back to top|scroll to top|(related|similar|more|popular|recommended) (essays|documents|papers|topics|samples|posts)`)},
	// Essay-mill promotions.
	{name: "promotion", re: chrome(`(get|order|buy|request|need) (a |an |your )?(custom|original|unique|plagiarism[- ]free|professional)?\s?(essay|paper|sample|writing help)\b.{0,100}|(hire|find) (a |an |your )?(professional )?(writer|expert)\b.{0,60}|order now[.!]*|(not (finding )?(the essay|what) you('re| are) looking for)\??.{0,80}|cite this (essay|page|document|article|sample)(:.{0,40})?|copy to clipboard`)},
	{name: "cookie notice", re: chrome(`(we use cookies|(accept|allow)( all)? cookies|this (site|website) uses cookies)\b.{0,150}`)},
	{name: "advertisement", re: chrome(`(sponsored|advertisement|ad|ads)`)},
}

// chrome compiles a boilerplate pattern to match a whole unit,
// case-insensitively.
func chrome(expr string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:` + expr + `)$`)
}

// matchBoilerplate returns the default pattern matching text, if any.
func matchBoilerplate(text string) (boilerplate, bool) {
	if utf8.RuneCountInString(text) > maxChrome {
		return boilerplate{}, false
	}
	for _, b := range Boilerplate {
		if b.re.MatchString(text) {
			return b, true
		}
	}
	return boilerplate{}, false
}

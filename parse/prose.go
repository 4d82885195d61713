package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file measures how much a piece of text reads like prose, the
// evidence the body finder (body.go) weighs: words per unit, the share of
// function words of the essay's language, sentence punctuation, digits and
// symbols, and the share of interface words (the vocabulary of menus,
// buttons and forms). Measures are statistics of the text, never strings
// matched for one site.

// functionWords holds, per language, the commonest closed-class words
// (articles, pronouns, prepositions, conjunctions, auxiliaries). Running
// prose in any of these languages is 30-55% function words; menus, titles,
// names and lists of links are not. The lists are short on purpose: only
// the share matters.
//
// TODO(lang13): move into the per-language data file once it lands.
var functionWords = map[string]map[string]bool{
	"en": setOf("a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "that", "this", "these", "those",
		"of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "into", "onto", "upon", "about", "over", "under",
		"after", "before", "between", "through", "during", "against", "among", "as", "like", "not", "no",
		"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their",
		"who", "whom", "whose", "which", "what", "when", "where", "why", "how", "there", "here",
		"is", "are", "was", "were", "be", "been", "being", "am", "have", "has", "had", "do", "does", "did",
		"will", "would", "shall", "should", "can", "could", "may", "might", "must", "all", "some", "any", "more", "most",
		"such", "one", "other", "also", "only", "very", "because", "while", "although", "though", "since", "until", "every", "each"),
	"fr": setOf("le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "et", "ou", "mais", "donc", "car", "ni", "que", "qu", "qui",
		"quoi", "dont", "où", "à", "au", "aux", "en", "dans", "par", "pour", "sur", "sous", "avec", "sans", "entre", "vers", "chez",
		"ne", "pas", "plus", "il", "ils", "elle", "elles", "on", "nous", "vous", "je", "j", "tu", "se", "s", "son", "sa", "ses",
		"leur", "leurs", "ce", "cet", "cette", "ces", "est", "sont", "était", "être", "a", "ont", "avait", "avoir", "fait", "si",
		"comme", "tout", "tous", "même", "y", "lui", "c", "n", "m"),
	"de": setOf("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und", "oder", "aber",
		"denn", "doch", "dass", "daß", "wenn", "als", "wie", "so", "zu", "zum", "zur", "in", "im", "an", "am", "auf", "aus", "bei",
		"mit", "nach", "von", "vom", "vor", "für", "über", "unter", "durch", "gegen", "ohne", "um", "nicht", "kein", "keine",
		"ich", "du", "er", "sie", "es", "wir", "ihr", "man", "sich", "sein", "seine", "ihre", "ist", "sind", "war", "waren",
		"hat", "haben", "hatte", "wird", "werden", "wurde", "kann", "muss", "muß", "auch", "nur", "noch", "schon", "was", "wer", "dies", "diese", "dieser"),
	"it": setOf("il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "l", "e", "ed", "o", "ma", "che", "chi", "cui", "non",
		"di", "del", "della", "dei", "delle", "dello", "degli", "a", "al", "alla", "ai", "alle", "allo", "da", "dal", "dalla",
		"in", "nel", "nella", "nei", "nelle", "con", "su", "sul", "sulla", "per", "tra", "fra", "si", "ci", "vi", "mi", "ti",
		"io", "tu", "egli", "ella", "noi", "voi", "essi", "è", "sono", "era", "essere", "ha", "hanno", "aveva", "come", "se",
		"anche", "più", "suo", "sua", "suoi", "questo", "questa", "quello", "quella", "d", "dell", "all", "nell", "un'", "quando"),
	"es": setOf("el", "la", "los", "las", "un", "una", "unos", "unas", "y", "e", "o", "u", "pero", "que", "quien", "cual", "no",
		"de", "del", "a", "al", "en", "con", "por", "para", "sin", "sobre", "entre", "hasta", "desde", "se", "su", "sus", "lo", "le",
		"les", "me", "te", "nos", "yo", "tú", "él", "ella", "ellos", "es", "son", "era", "fue", "ser", "estar", "está", "ha", "han",
		"había", "como", "si", "más", "muy", "también", "este", "esta", "ese", "esa", "cuando", "donde", "porque"),
}

// interfaceWords are the words of web and app interfaces: menus, buttons,
// account and sharing controls, forms, legal footers. A unit made mostly
// of them is chrome. They are English because the interfaces in the
// corpora are; other languages' words can be added here.
//
// TODO(lang13): move into the per-language data file once it lands.
var interfaceWords = setOf("home", "menu", "search", "login", "log", "signin", "signup", "sign", "register", "subscribe",
	"subscription", "account", "profile", "password", "email", "e-mail", "newsletter", "share", "tweet", "facebook", "twitter",
	"linkedin", "pinterest", "reddit", "whatsapp", "instagram", "copy", "link", "print", "download", "upload", "save", "bookmark",
	"follow", "followers", "following", "reply", "replies", "respond", "responses", "comment", "comments", "like", "likes",
	"clap", "claps", "listen", "app", "cookie", "cookies", "privacy", "terms", "policy", "conditions", "contact", "about",
	"careers", "press", "help", "faq", "dmca", "copyright", "reserved", "rights", "advertisement", "sponsored", "ad", "ads",
	"related", "recommended", "recommendations", "popular", "trending", "topics", "tags", "categories", "category", "more",
	"show", "view", "views", "read", "open", "document", "submit", "send", "order", "price", "checker", "plagiarism",
	"grammar", "flashcards", "q&a", "skip", "content", "cite", "citation", "accept", "settings", "status", "blog", "teams",
	"write", "pages", "words", "rating", "access", "get", "continue", "donate", "company", "check", "quality")

// langWords picks the function-word list that covers the largest share
// of the text's words, and returns its language code.
func langWords(lines []*line) (string, map[string]bool) {
	best, bestN := "en", -1
	counts := map[string]int{}
	seen := 0
	for _, l := range lines {
		if l.blank || l.removed {
			continue
		}
		for _, w := range words(l.text) {
			for lang, set := range functionWords {
				if set[w] {
					counts[lang]++
				}
			}
			seen++
		}
		if seen > 5000 {
			break
		}
	}
	for _, lang := range []string{"en", "fr", "de", "it", "es"} {
		if counts[lang] > bestN {
			best, bestN = lang, counts[lang]
		}
	}
	return best, functionWords[best]
}

// words returns the lower-cased words of s: runs of letters, digits,
// apostrophes inside words and hyphens, with the apostrophe's elided
// article split off ("l’homme" gives "l" and "homme").
func words(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := strings.ToLower(s[start:end])
			out = append(out, w)
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&':
			if start < 0 {
				start = i
			}
		case (r == '-') && start >= 0:
		case r == '\'' || r == '’':
			flush(i)
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

// stats are the prose measures of a unit of text.
type stats struct {
	words    int // words with a letter
	function int // of them, function words of the essay's language
	iface    int // of them, interface words
	digits   int // tokens with digits, or symbol tokens (|, ·, ›, »)
	caps     int // words starting with a capital
	ends     bool
	runes    int
	cols     bool // columns: tabs or wide gaps inside the unit
}

// measure computes the prose measures of text with the function words fw.
func measure(text string, fw map[string]bool) stats {
	var s stats
	s.runes = utf8.RuneCountInString(text)
	for _, f := range strings.Fields(text) {
		letters := false
		digit := false
		for _, r := range f {
			if unicode.IsLetter(r) {
				letters = true
			} else if unicode.IsDigit(r) {
				digit = true
			}
		}
		switch {
		case digit || !letters && !strings.ContainsAny(f, `"'“”‘’«»—–-…`):
			s.digits++
		}
		if letters {
			r, _ := utf8.DecodeRuneInString(strings.TrimLeft(f, `"'“‘«(¿¡[`))
			if unicode.IsUpper(r) {
				s.caps++
			}
		}
	}
	for _, w := range words(text) {
		if !hasLetter(w) {
			continue
		}
		s.words++
		if fw[w] {
			s.function++
		}
		if interfaceWords[w] {
			s.iface++
		}
	}
	s.ends = endsSentence(text) || strings.HasSuffix(strings.TrimRight(text, `"'”’»)`), ";")
	return s
}

// add sums two units' measures.
func (s stats) add(o stats) stats {
	s.words += o.words
	s.function += o.function
	s.iface += o.iface
	s.digits += o.digits
	s.caps += o.caps
	s.runes += o.runes
	s.ends = o.ends
	s.cols = s.cols || o.cols
	return s
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// prose classes of a unit.
const (
	classBad   = iota // chrome: interface words, columns, numbers, no function words
	classShort        // too short to tell: a heading, a title, a name, a date
	classNear         // a short sentence
	classGood         // running prose
)

// classify rates a unit's measures as prose.
func (s stats) classify() (int, string) {
	if s.words == 0 {
		return classBad, "no words"
	}
	fw := float64(s.function) / float64(s.words)
	ifc := float64(s.iface) / float64(s.words)
	tokens := s.words + s.digits
	dg := float64(s.digits) / float64(max(tokens, 1))
	switch {
	case s.cols && s.words < 40:
		return classBad, "columns of short items"
	case ifc >= 0.34 && s.words <= 12:
		return classBad, "mostly interface words"
	case dg >= 0.4 && s.words < 12:
		return classBad, "mostly numbers and symbols"
	case s.words >= 12 && fw >= 0.18 && ifc < 0.15 && dg < 0.25:
		return classGood, "running prose"
	case s.words >= 5 && s.ends && fw >= 0.2 && ifc < 0.2 && dg < 0.25 && (s.words > 12 || s.caps*10 < s.words*7):
		return classNear, "a short sentence"
	case s.words >= 12 && fw < 0.08:
		return classBad, "many words and almost no function words (a list of links or names)"
	}
	return classShort, "short"
}

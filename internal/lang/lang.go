// Package lang tells which language a text is written in. It has one job:
// from a sample of an essay's prose, name its language as a BCP 47 tag with
// a confidence, or say that the text is too short or too unclear to tell.
//
// # Why whatlanggo
//
// Detection uses github.com/abadojack/whatlanggo (trigram profiles, MIT),
// restricted to the languages listed in [Supported]. It was measured against
// github.com/pemistahl/lingua-go v1.4.0 (low-accuracy mode, restricted to the
// same 18 Latin, Greek and Cyrillic languages) on 180 one-sentence
// paragraphs written for the project (testdata/short, 10 per language):
//
//	                     whatlanggo   lingua-go
//	one sentence         171/180      180/180
//	first 5 words        139/180      170/180
//	first 3 words        113/180      152/180
//	2 sentences          90/90        -
//	start-up             0.3 ms       250-280 ms (model loading)
//	heap after start-up  ~0          14-16 MB
//	per text             ~0.2 ms      0.6-0.9 ms
//	binary size          +0.3 MB      +132 MB (all models are go:embed-ed)
//
// lingua-go is more accurate on a handful of words, but essays are never a
// handful of words: from two sentences on whatlanggo made no mistake, and
// lingua-go would add a quarter of a second to every single-file run and
// 132 MB to the binary whatever languages are chosen. Detect samples at most
// [SampleBytes] of text, and English, the commonest case, takes a fast path
// on its function words (see english), so an English essay pays a few
// microseconds and others about half a millisecond.
//
// whatlanggo's confidence is exactly 0 when the two best languages tie; it
// then orders them by Go's map iteration, so a tie is treated as "cannot
// tell" here, which keeps the output reproducible.
package lang

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// SampleBytes is the most text Detect reads. Two sentences are enough for
// every supported language; more costs time (whatlanggo is linear in the
// text) and, past about 10,000 bytes, its confidence overflows.
const SampleBytes = 600

// MinLetters is the fewest letters a sample needs before its language is
// trusted; shorter texts are "too short to tell".
const MinLetters = 40

// MinConfidence is the lowest confidence taken as an answer.
const MinConfidence = 0.01

// Fallback is the language assumed when the text cannot tell.
const Fallback = "en"

// Guess is the outcome of Detect.
type Guess struct {
	// Tag is the detected language (BCP 47: "fr", "nb", "zh"), or Fallback
	// when Reliable is false.
	Tag string
	// Confidence is whatlanggo's confidence in Tag, 0 to 1 (0 when the text
	// is too short or unclear).
	Confidence float64
	// Reliable is false when the text was too short or too unclear: Tag is
	// then Fallback and Why says why.
	Reliable bool
	// Why explains an unreliable guess ("too short to tell (12 letters)").
	Why string
}

// languages maps whatlanggo's languages to BCP 47 tags: the European
// languages written in the Latin, Greek and Cyrillic letters the bundled
// fonts draw, and the languages of the other scripts (each is told apart
// from the others of its script only).
var languages = map[whatlanggo.Lang]string{
	whatlanggo.Eng: "en", whatlanggo.Fra: "fr", whatlanggo.Deu: "de", whatlanggo.Spa: "es",
	whatlanggo.Ita: "it", whatlanggo.Por: "pt", whatlanggo.Nld: "nl", whatlanggo.Pol: "pl",
	whatlanggo.Swe: "sv", whatlanggo.Dan: "da", whatlanggo.Nob: "nb", whatlanggo.Fin: "fi",
	whatlanggo.Ces: "cs", whatlanggo.Hun: "hu", whatlanggo.Ron: "ro", whatlanggo.Hrv: "hr",
	whatlanggo.Slv: "sl", whatlanggo.Est: "et", whatlanggo.Lav: "lv", whatlanggo.Lit: "lt",
	whatlanggo.Tur: "tr",
	whatlanggo.Rus: "ru", whatlanggo.Ukr: "uk", whatlanggo.Bel: "be", whatlanggo.Bul: "bg",
	whatlanggo.Srp: "sr", whatlanggo.Mkd: "mk", whatlanggo.Ell: "el",
	whatlanggo.Arb: "ar", whatlanggo.Pes: "fa", whatlanggo.Urd: "ur", whatlanggo.Heb: "he",
	whatlanggo.Ydd: "yi", whatlanggo.Hin: "hi", whatlanggo.Mar: "mr", whatlanggo.Nep: "ne",
	whatlanggo.Tha: "th", whatlanggo.Cmn: "zh", whatlanggo.Jpn: "ja", whatlanggo.Kor: "ko",
	whatlanggo.Ben: "bn", whatlanggo.Tam: "ta", whatlanggo.Tel: "te", whatlanggo.Kat: "ka",
}

// options restricts whatlanggo to the languages above.
var options = func() whatlanggo.Options {
	o := whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{}}
	for l := range languages {
		o.Whitelist[l] = true
	}
	return o
}()

// Supported returns the tags Detect can answer, in no particular order.
func Supported() []string {
	out := make([]string, 0, len(languages))
	for _, t := range languages {
		out = append(out, t)
	}
	return out
}

// Detect names the language of text, reading at most SampleBytes of it.
// Give it prose (the body's paragraphs), not headings or lists.
func Detect(text string) Guess {
	sample := cut(text, SampleBytes)
	letters := 0
	for _, r := range sample {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	// Scripts without spaces pack a word into one or two letters.
	need := MinLetters
	if dense(sample) {
		need = MinLetters / 3
	}
	if letters < need {
		return Guess{Tag: Fallback, Why: "too short to tell (" + strconv.Itoa(letters) + " letters)"}
	}
	if english(sample) {
		return Guess{Tag: "en", Confidence: 1, Reliable: true}
	}
	info := whatlanggo.DetectWithOptions(sample, options)
	tag, ok := languages[info.Lang]
	switch {
	case !ok:
		return Guess{Tag: Fallback, Why: "not a language this program knows"}
	case info.Confidence < MinConfidence:
		return Guess{Tag: Fallback, Confidence: info.Confidence,
			Why: "unclear (" + tag + " at " + pct(info.Confidence) + ")"}
	}
	return Guess{Tag: tag, Confidence: min(info.Confidence, 1), Reliable: true}
}

// englishWords are common English words that are not words of the other
// supported languages ("of" is Dutch, "was" German and Dutch, "is" Dutch,
// "for" Danish and Norwegian, "on" French, "a" and "in" many: none of them
// is here).
var englishWords = map[string]bool{"the": true, "and": true, "that": true, "which": true, "with": true,
	"this": true, "would": true, "their": true, "they": true, "were": true, "from": true, "these": true,
	"there": true, "should": true, "could": true, "been": true, "what": true, "when": true, "because": true,
	"not": true, "have": true, "has": true, "but": true, "its": true, "into": true, "only": true, "such": true,
	"than": true, "them": true, "will": true, "who": true, "you": true, "our": true, "your": true, "she": true, "his": true}

// english is the fast path for English: when at least one word in ten of
// the sample's first 120 is one of englishWords, the text is English
// without asking whatlanggo. whatlanggo costs about 0.3 ms per 100 bytes
// (it sorts every trigram of the text), which is a fifth of an EPUB's whole
// conversion; the shortcut costs a few microseconds. Running text in
// another language has practically none of these words (the test samples
// of the 17 others have none at all).
func english(sample string) bool {
	words, hits := 0, 0
	for w := range strings.FieldsFuncSeq(sample, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		if words++; words > 120 {
			break
		}
		if len(w) <= 7 && englishWords[strings.ToLower(w)] {
			hits++
		}
	}
	return words >= 8 && hits*10 >= min(words, 120)
}

// cut returns at most n bytes of s, ending at a space when there is one.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexAny(s, " \n"); i > n/2 {
		return s[:i]
	}
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// dense reports whether most letters of s are Han, kana, Hangul or Thai,
// scripts that write words without spaces or in one or two characters.
func dense(s string) bool {
	n, d := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai) {
			d++
		}
	}
	return d*2 > n
}

// rtl holds the tags written right to left.
var rtl = map[string]bool{"ar": true, "fa": true, "ur": true, "he": true, "yi": true, "ps": true, "sd": true, "ug": true, "dv": true, "ckb": true}

// Dir returns "rtl" for a language written right to left, else "ltr". It
// reads only the primary subtag ("fa-IR" -> "rtl").
func Dir(tag string) string {
	if rtl[Primary(tag)] {
		return "rtl"
	}
	return "ltr"
}

// Primary returns the primary subtag of a BCP 47 tag in lower case
// ("pt-BR" -> "pt", "de_CH" -> "de").
func Primary(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// pct formats a confidence as a percentage ("83%").
func pct(c float64) string { return strconv.Itoa(int(c*100+0.5)) + "%" }

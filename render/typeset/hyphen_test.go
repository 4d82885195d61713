package typeset

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/speedata/hyphenation"
)

// hyphenate shows w with its points as "-".
func hyphenate(h *Hyphenator, w string) string {
	var b strings.Builder
	prev := 0
	for _, p := range h.Points(w) {
		b.WriteString(w[prev:p])
		b.WriteByte('-')
		prev = p
	}
	b.WriteString(w[prev:])
	return b.String()
}

func mustLang(t testing.TB, tag string) *Hyphenator {
	h, ok := ForLang(tag)
	if !ok || h == nil {
		t.Fatalf("ForLang(%q): no patterns", tag)
	}
	return h
}

func TestForLang(t *testing.T) {
	for tag, want := range map[string]string{
		"en": "en-us", "en-US": "en-us", "EN_us": "en-us", "en-CA": "en-us", "en-Latn-US": "en-us",
		"en-GB": "en-gb", "en-AU": "en-gb", "en-NZ": "en-gb", "en-IE": "en-gb", "en-ZA": "en-gb", "en-IN": "en-gb", "en-gb-oxendict": "en-gb",
		"fr": "fr", "fr-CA": "fr", "de": "de-1996", "de-DE": "de-1996", "de-CH": "de-1996", "de-1901": "de-1901", "de-CH-1901": "de-1901",
		"pt-BR": "pt", "pt": "pt", "no": "nb", "nn": "nb", "nb": "nb", "el": "el-monoton", "ru": "ru", "es-MX": "es", "it": "it", "nl": "nl",
	} {
		h, ok := ForLang(tag)
		if !ok || h == nil || h.Lang() != want {
			t.Errorf("ForLang(%q) = %v; want %s", tag, ok, want)
		}
	}
	for _, tag := range []string{"", "ja", "zh-Hant", "english", "cs"} {
		if h, ok := ForLang(tag); ok || h != nil {
			t.Errorf("ForLang(%q) = %v; want no patterns", tag, ok)
		}
	}
	a, _ := ForLang("en-US")
	b, _ := ForLang("en")
	if a != b {
		t.Error("ForLang parses the same patterns twice")
	}
}

func TestPointsKnownWords(t *testing.T) {
	us, gb := mustLang(t, "en-US"), mustLang(t, "en-GB")
	for _, tc := range []struct {
		h          *Hyphenator
		word, want string
	}{
		// The TeXbook's own example (chapter 14, appendix H).
		{us, "hyphenation", "hy-phen-ation"},
		{us, "concatenation", "con-cate-na-tion"},
		{us, "typesetting", "type-set-ting"},
		{us, "algorithm", "al-go-rithm"},
		{us, "paragraph", "para-graph"},
		// Exceptions from hyph-en-us.hyp.txt and hyph-en-gb.hyp.txt.
		{us, "associate", "as-so-ciate"},
		{us, "Associates", "As-so-ciates"},
		{us, "declination", "dec-li-na-tion"},
		{gb, "university", "uni-ver-sity"},
		{gb, "however", "how-ever"},
		{gb, "manuscripts", "ma-nu-scripts"},
		// Punctuation, quotes and apostrophes are not hyphenated.
		{us, "“hyphenation,”", "“hy-phen-ation,”"},
		{us, "(hyphenation).", "(hy-phen-ation)."},
		{us, "hyphenation’s", "hy-phen-ation’s"},
		{us, "government's", "gov-ern-ment's"},
		// Short words, digits and explicit hyphens are left alone.
		{us, "table", "ta-ble"}, // five letters: TeX's own ta-ble
		{us, "wordy", "wordy"},
		{us, "tabs", "tabs"},
		{us, "the", "the"},
		{us, "Knuth", "Knuth"},
		{us, "hyphen2ation", "hyphen2ation"},
		{us, "hyphenation2", "hyphenation2"},
		{us, "1990s-hyphenation", "1990s-hyphenation"},
		{us, "hyphenation—", "hy-phen-ation—"},
		{us, "well-organised", "well-organised"},
		{us, "", ""},
		{us, "“”", "“”"},
	} {
		if got := hyphenate(tc.h, tc.word); got != tc.want {
			t.Errorf("%s: %q -> %q, want %q", tc.h.Lang(), tc.word, got, tc.want)
		}
	}
	var nilH *Hyphenator
	if p := nilH.Points("hyphenation"); p != nil {
		t.Errorf("nil Hyphenator gave points %v", p)
	}
}

// TestPointsMins checks TeX's lefthyphenmin 2 / righthyphenmin 3 and the
// 5-letter minimum on every word of the test prose.
func TestPointsMins(t *testing.T) {
	for _, tag := range []string{"en-US", "en-GB"} {
		h := mustLang(t, tag)
		seen := 0
		for _, para := range prose(t) {
			for _, w := range strings.Fields(para) {
				pts := h.Points(w)
				seen += len(pts)
				for _, p := range pts {
					if p <= 0 || p >= len(w) || !utf8.RuneStart(w[p]) {
						t.Fatalf("%s %q: point %d is not inside the word", tag, w, p)
					}
					// Letters of the same run before and after the point.
					before := []rune(strings.TrimLeftFunc(w[:p], func(r rune) bool { return !isLetter(r) }))
					after := []rune(strings.TrimRightFunc(w[p:], func(r rune) bool { return !isLetter(r) }))
					if i := strings.LastIndexAny(string(before), "'’"); i >= 0 {
						before = []rune(string(before)[i+1:])
					}
					if i := strings.IndexAny(string(after), "'’"); i >= 0 {
						after = []rune(string(after)[:i])
					}
					if len(before) < 2 || len(after) < 3 || len(before)+len(after) < 5 {
						t.Errorf("%s %q: point %d leaves %q-%q", tag, w, p, string(before), string(after))
					}
				}
			}
		}
		if seen < 100 {
			t.Errorf("%s: only %d hyphenation points in the test prose", tag, seen)
		}
	}
}

// TestPointsAgreeWithSpeedata checks this Liang matcher against the
// independent implementation in github.com/speedata/hyphenation, which
// reads the same patterns, on every word of the test prose that has no
// exception entry. Its Leftmin 1 means TeX's lefthyphenmin 2.
func TestPointsAgreeWithSpeedata(t *testing.T) {
	for _, tag := range []string{"en-us", "en-gb"} {
		pat, err := patternFiles.ReadFile("patterns/hyph-" + tag + ".pat.txt")
		if err != nil {
			t.Fatal(err)
		}
		ref, err := hyphenation.New(strings.NewReader(string(pat)))
		if err != nil {
			t.Fatal(err)
		}
		ref.Leftmin, ref.Rightmin = 1, 3
		h := mustLang(t, tag)
		n := 0
		for _, para := range prose(t) {
			for _, w := range strings.FieldsFunc(para, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
				if len(w) < 5 {
					continue
				}
				if _, exc := h.exceptions[strings.ToLower(w)]; exc {
					continue
				}
				want := ref.Hyphenate(w) // rune positions; ASCII here
				got := h.Points(w)
				if len(got) != len(want) {
					t.Errorf("%s %q: got %v, speedata %v", tag, w, got, want)
					continue
				}
				for i := range got {
					if got[i] != want[i] {
						t.Errorf("%s %q: got %v, speedata %v", tag, w, got, want)
						break
					}
				}
				n++
			}
		}
		if n < 200 {
			t.Errorf("%s: compared only %d words", tag, n)
		}
	}
}

func TestPointsConcurrent(t *testing.T) {
	h := mustLang(t, "en-GB")
	want := hyphenate(h, "incomprehensibility")
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h2, _ := ForLang("en-AU")
			for range 1000 {
				if got := hyphenate(h2, "incomprehensibility"); got != want {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Points gave %q, want %q", e, want)
	}
}

func BenchmarkPoints(b *testing.B) {
	h := mustLang(b, "en-US")
	words := strings.Fields(prose(b)[2])
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			h.Points(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func BenchmarkSpeedataHyphenate(b *testing.B) {
	pat, _ := patternFiles.ReadFile("patterns/hyph-en-us.pat.txt")
	ref, _ := hyphenation.New(strings.NewReader(string(pat)))
	ref.Leftmin, ref.Rightmin = 1, 3
	words := strings.Fields(prose(b)[2])
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			ref.Hyphenate(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

package typeset

import (
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/*.txt
var patternFiles embed.FS

// TeX's \lefthyphenmin and \righthyphenmin for English, and the shortest
// word that is ever hyphenated.
const (
	leftHyphenMin  = 2
	rightHyphenMin = 3
	minHyphenWord  = 5
)

// Hyphenator finds Liang hyphenation points using TeX's hyph-en-us /
// hyph-en-gb patterns (embedded with go:embed, licence beside them).
//
// It is a hand-written Liang matcher rather than github.com/speedata/hyphenation
// because that example package does not read exception lists (.hyp.txt),
// its Leftmin is off by one (Leftmin 2 allows only breaks after 3 letters),
// it returns rune positions rather than byte offsets, and it converts every
// substring of a word to a string to look it up in a map, which allocates
// on each probe; a trie walk does the same work with no allocation. The tests
// check that both agree on the words where their rules coincide.
type Hyphenator struct {
	tag        string
	nodes      []trieNode
	values     []uint8          // pattern digits, addressed by trieNode.val
	exceptions map[string][]int // lower-case word -> rune counts before each hyphen
}

// trieNode is one node of the pattern trie; its children are indexed by
// symbol: 0 for '.', 1-26 for 'a'-'z'.
type trieNode struct {
	next [27]int32 // 0: no child (the root is never a child)
	val  int32     // offset into values, -1 when no pattern ends here
	n    uint8     // number of values (letters in the pattern + 1)
}

const symbols = 27

func symbol(c byte) int {
	switch {
	case c == '.':
		return 0
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 1
	}
	return -1
}

var (
	usOnce, gbOnce sync.Once
	usHyph, gbHyph *Hyphenator
)

// ForLang returns the hyphenator for a BCP 47 tag ("en", "en-US" -> US
// patterns; "en-GB", "en-AU", "en-NZ", "en-IE", "en-ZA", "en-IN" -> UK
// patterns). ok is false when no patterns exist for the language (then h is
// nil: no hyphenation; the caller warns). It is safe for concurrent use;
// patterns are parsed once per process (sync.Once) and shared.
func ForLang(lang string) (h *Hyphenator, ok bool) {
	tag := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	primary, region, _ := strings.Cut(tag, "-")
	if primary != "en" && primary != "eng" {
		return nil, false
	}
	if i := strings.IndexByte(region, '-'); i >= 0 {
		region = region[:i]
	}
	switch region {
	case "gb", "uk", "au", "nz", "ie", "za", "in":
		gbOnce.Do(func() { gbHyph = mustLoad("en-gb") })
		return gbHyph, true
	}
	usOnce.Do(func() { usHyph = mustLoad("en-us") })
	return usHyph, true
}

// mustLoad parses the embedded patterns and exceptions for tag; they are
// part of the binary, so a failure is a build error and panics.
func mustLoad(tag string) *Hyphenator {
	pat, err := patternFiles.ReadFile("patterns/hyph-" + tag + ".pat.txt")
	if err != nil {
		panic("typeset: embedded patterns missing: " + err.Error())
	}
	hyp, err := patternFiles.ReadFile("patterns/hyph-" + tag + ".hyp.txt")
	if err != nil {
		panic("typeset: embedded exceptions missing: " + err.Error())
	}
	return newHyphenator(tag, string(pat), string(hyp))
}

// newHyphenator builds a Hyphenator from Liang patterns such as ".ach4" or
// "4if." (one or more to a line, separated by white space) and exceptions
// such as "as-so-ciate".
func newHyphenator(tag, patterns, exceptions string) *Hyphenator {
	h := &Hyphenator{tag: tag, nodes: make([]trieNode, 1, 32768), exceptions: map[string][]int{}}
	h.nodes[0].val = -1
	var letters []byte
	var digits []uint8
	for _, p := range strings.Fields(patterns) {
		letters, digits = letters[:0], digits[:0]
		d := uint8(0)
		for i := 0; i < len(p); i++ {
			c := p[i]
			if c >= '0' && c <= '9' {
				d = c - '0'
				continue
			}
			letters = append(letters, c)
			if c != '.' || len(letters) > 1 { // a leading dot takes no value before it
				digits = append(digits, d)
			}
			d = 0
		}
		if len(letters) == 0 || letters[len(letters)-1] != '.' {
			digits = append(digits, d)
		}
		// Normalise: one value for each gap between symbols, plus ends, so
		// values line up with the symbols of the dotted word.
		vals := make([]uint8, len(letters)+1)
		off := 0
		if letters[0] == '.' {
			off = 1
		}
		copy(vals[off:], digits)
		h.insert(letters, vals)
	}
	for _, e := range strings.Fields(exceptions) {
		var pos []int
		n := 0
		var b strings.Builder
		for _, r := range e {
			if r == '-' {
				pos = append(pos, n)
				continue
			}
			b.WriteRune(unicode.ToLower(r))
			n++
		}
		h.exceptions[b.String()] = pos
	}
	return h
}

func (h *Hyphenator) insert(letters []byte, vals []uint8) {
	n := int32(0)
	for _, c := range letters {
		s := symbol(c)
		if s < 0 {
			return // not a pattern for this alphabet
		}
		if h.nodes[n].next[s] == 0 {
			h.nodes = append(h.nodes, trieNode{val: -1})
			h.nodes[n].next[s] = int32(len(h.nodes) - 1)
		}
		n = h.nodes[n].next[s]
	}
	h.nodes[n].val = int32(len(h.values))
	h.nodes[n].n = uint8(len(vals))
	h.values = append(h.values, vals...)
}

// Lang returns the pattern set's tag, "en-us" or "en-gb".
func (h *Hyphenator) Lang() string { return h.tag }

// Points returns the byte offsets inside word where a hyphen may go
// (respecting TeX's lefthyphenmin 2 / righthyphenmin 3, and never for words
// under 5 letters). Punctuation around the word is ignored, words with
// digits or existing hyphens are not hyphenated by patterns (a dash at
// either end counts as punctuation). A word with
// apostrophes ("government’s") is hyphenated in its letter runs, each run
// on its own. A nil h returns nil.
func (h *Hyphenator) Points(word string) []int {
	if h == nil {
		return nil
	}
	if strings.IndexFunc(word, unicode.IsDigit) >= 0 {
		return nil
	}
	// Trim everything that is not a letter from both ends.
	start := strings.IndexFunc(word, isLetter)
	if start < 0 {
		return nil
	}
	end := strings.LastIndexFunc(word, isLetter)
	_, sz := utf8.DecodeRuneInString(word[end:])
	end += sz
	core := word[start:end]
	var out []int
	seg := 0
	for i, r := range core {
		if isLetter(r) {
			continue
		}
		if r != '\'' && r != '’' {
			return nil // digits, hyphens, slashes, dots...: leave it alone
		}
		out = h.segment(core[seg:i], start+seg, out)
		seg = i + utf8.RuneLen(r)
	}
	return h.segment(core[seg:], start+seg, out)
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

// segment appends to out the hyphenation points of s, a run of letters
// found at byte offset base of the original word.
func (h *Hyphenator) segment(s string, base int, out []int) []int {
	n := utf8.RuneCountInString(s)
	if n < minHyphenWord {
		return out
	}
	// key: ".word." in lower case, one byte a rune; a letter outside a-z
	// becomes 0xff, which matches no pattern.
	var buf [64]byte
	key := buf[:0]
	if n+2 > len(buf) {
		key = make([]byte, 0, n+2)
	}
	var offs [64]int
	off := offs[:0]
	if n+1 > len(offs) {
		off = make([]int, 0, n+1)
	}
	key = append(key, '.')
	for i, r := range s {
		off = append(off, i)
		r = unicode.ToLower(r)
		if r >= 'a' && r <= 'z' {
			key = append(key, byte(r))
		} else {
			key = append(key, 0xff)
		}
	}
	off = append(off, len(s))
	key = append(key, '.')

	if pos, ok := h.exceptions[string(key[1:len(key)-1])]; ok {
		for _, p := range pos {
			if p >= leftHyphenMin && p <= n-rightHyphenMin {
				out = append(out, base+off[p])
			}
		}
		return out
	}

	// Liang: the value between letters is the largest any matching pattern
	// gives it; odd values allow a hyphen. vals[i] sits before key[i].
	var vbuf [66]uint8
	vals := vbuf[:0]
	if len(key)+1 > len(vbuf) {
		vals = make([]uint8, 0, len(key)+1)
	}
	vals = vals[:len(key)+1]
	for i := range vals {
		vals[i] = 0
	}
	for i := 0; i < len(key); i++ {
		node := int32(0)
		for j := i; j < len(key); j++ {
			s := symbol(key[j])
			if s < 0 {
				break
			}
			node = h.nodes[node].next[s]
			if node == 0 {
				break
			}
			nd := &h.nodes[node]
			if nd.val >= 0 {
				for k, v := range h.values[nd.val : nd.val+int32(nd.n)] {
					if v > vals[i+k] {
						vals[i+k] = v
					}
				}
			}
		}
	}
	// The gap after p letters is vals[p+1] (key[0] is the dot).
	for p := leftHyphenMin; p <= n-rightHyphenMin; p++ {
		if vals[p+1]%2 == 1 {
			out = append(out, base+off[p])
		}
	}
	return out
}

package typeset

import (
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/hyph-*
var patternFiles embed.FS

// The shortest word that is ever hyphenated.
const minHyphenWord = 5

// Hyphenator finds Liang hyphenation points using one of TeX's hyph-utf8
// pattern sets (embedded with go:embed, each with its licence beside it in
// patterns/; the larger ones gzip-compressed).
//
// It is a hand-written Liang matcher rather than github.com/speedata/hyphenation
// because that example package does not read exception lists (.hyp.txt),
// its Leftmin is off by one (Leftmin 2 allows only breaks after 3 letters),
// it returns rune positions rather than byte offsets, and it converts every
// substring of a word to a string to look it up in a map, which allocates
// on each probe; a trie walk does the same work with no allocation. The tests
// check that both agree on the words where their rules coincide.
type Hyphenator struct {
	tag string
	// left and right are TeX's \lefthyphenmin and \righthyphenmin for
	// the language (from the pattern file's header).
	left, right int
	// ascii and other map a lower-case letter to its symbol (1 up to the
	// alphabet's size; 0 is '.'); a letter of no pattern has none.
	ascii [128]uint8
	other map[rune]uint8
	// The trie: nodes[0] is the root; a node's children are
	// edges[first:first+n], sorted by symbol.
	nodes []trieNode
	edges []trieEdge
	// dense, when the table is small enough (denseBudget), is the same
	// trie as a table: the child of node n by symbol s is
	// dense[n*stride+s] (0 for none), one load instead of a search; it
	// keeps English as fast as a fixed a-z table did.
	dense      []int32
	stride     int32
	values     []uint8          // pattern digits, addressed by trieNode.val
	exceptions map[string][]int // lower-case word -> rune counts before each hyphen
}

// trieNode is one node of the pattern trie.
type trieNode struct {
	first int32 // index of its first edge
	val   int32 // offset into values, -1 when no pattern ends here
	n     uint8 // number of edges
	nv    uint8 // number of values (letters in the pattern + 1)
}

// trieEdge leads from a node to a child by a symbol.
type trieEdge struct {
	sym   uint8
	child int32
}

// noSymbol marks a letter that no pattern holds.
const noSymbol = 0xff

// symbol returns the trie symbol of a lower-case rune, or noSymbol.
func (h *Hyphenator) symbol(r rune) uint8 {
	if r < 128 {
		if s := h.ascii[r]; s != 0 || r == '.' {
			return s
		}
		return noSymbol
	}
	if s, ok := h.other[r]; ok {
		return s
	}
	return noSymbol
}

// denseBudget is the largest dense table built, in bytes.
const denseBudget = 4 << 20

// child returns the child of node n by symbol s, or 0.
func (h *Hyphenator) child(n int32, s uint8) int32 {
	if h.dense != nil {
		return h.dense[n*h.stride+int32(s)]
	}
	nd := &h.nodes[n]
	for _, e := range h.edges[nd.first : nd.first+int32(nd.n)] {
		if e.sym >= s {
			if e.sym == s {
				return e.child
			}
			return 0
		}
	}
	return 0
}

// patternSets maps a language (a BCP 47 primary subtag, or a whole tag for
// a variant) to its pattern file and hyphenmins. English is chosen by
// region in ForLang, German by orthography.
var patternSets = map[string]struct {
	file        string
	left, right int
}{
	"en-us": {"en-us", 2, 3}, "en-gb": {"en-gb", 2, 3},
	"fr": {"fr", 2, 2}, "de": {"de-1996", 2, 2}, "de-1901": {"de-1901", 2, 2},
	"es": {"es", 2, 2}, "it": {"it", 2, 2}, "pt": {"pt", 2, 3}, "nl": {"nl", 2, 2},
	"da": {"da", 2, 2}, "sv": {"sv", 2, 2}, "nb": {"nb", 2, 2}, "no": {"nb", 2, 2}, "nn": {"nb", 2, 2},
	"fi": {"fi", 2, 2}, "pl": {"pl", 2, 2}, "hu": {"hu", 2, 2}, "hr": {"hr", 2, 2}, "sl": {"sl", 2, 2},
	"et": {"et", 2, 3}, "lt": {"lt", 2, 2}, "tr": {"tr", 2, 2}, "ca": {"ca", 2, 2}, "ru": {"ru", 2, 2},
	"uk": {"uk", 2, 2}, "bg": {"bg", 2, 2}, "el": {"el-monoton", 1, 1},
}

// loaded holds each pattern set once it is parsed: sync.OnceValue per
// file, so a language's patterns are read and parsed on first use only
// (an English essay pays nothing for the others) and once per process.
var loaded = func() map[string]func() *Hyphenator {
	m := map[string]func() *Hyphenator{}
	for _, p := range patternSets {
		if _, ok := m[p.file]; !ok {
			file, left, right := p.file, p.left, p.right
			m[file] = sync.OnceValue(func() *Hyphenator { return mustLoad(file, left, right) })
		}
	}
	return m
}()

// ForLang returns the hyphenator for a BCP 47 tag: "en", "en-US" -> US
// patterns; "en-GB", "en-AU", "en-NZ", "en-IE", "en-ZA", "en-IN" -> UK
// patterns; "de" -> the 1996 orthography, "de-1901" (or any German tag with
// the 1901 variant subtag) -> the traditional one; "pt" and "pt-BR" share
// TeX's one Portuguese set; "no" and "nn" use the Bokmål set; "el" the
// monotonic one. ok is false when no patterns exist for the language (then
// h is nil: no hyphenation; the caller warns). It is safe for concurrent
// use; each set is parsed on first use and shared.
func ForLang(lang string) (h *Hyphenator, ok bool) {
	tag := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	subtags := strings.Split(tag, "-")
	key := subtags[0]
	switch key {
	case "en", "eng":
		key = "en-us"
		if len(subtags) > 1 {
			switch subtags[1] {
			case "gb", "uk", "au", "nz", "ie", "za", "in":
				key = "en-gb"
			}
		}
	case "de", "deu", "ger":
		key = "de"
		if slices.Contains(subtags[1:], "1901") {
			key = "de-1901"
		}
	}
	p, found := patternSets[key]
	if !found {
		return nil, false
	}
	return loaded[p.file](), true
}

// mustLoad parses the embedded patterns and exceptions for a file name
// ("fr", "de-1996"); they are part of the binary, so a failure is a build
// error and panics. A missing exception list is an empty one.
func mustLoad(file string, left, right int) *Hyphenator {
	pat, err := readPattern("patterns/hyph-" + file + ".pat.txt")
	if err != nil {
		panic("typeset: embedded patterns missing: " + err.Error())
	}
	hyp, _ := readPattern("patterns/hyph-" + file + ".hyp.txt")
	h := newHyphenator(file, string(pat), string(hyp))
	h.left, h.right = left, right
	return h
}

// readPattern reads an embedded file, or its gzip-compressed form NAME.gz.
func readPattern(name string) ([]byte, error) {
	if b, err := patternFiles.ReadFile(name); err == nil {
		return b, nil
	}
	f, err := patternFiles.Open(name + ".gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("failed to read %s.gz: %w", name, err)
	}
	return io.ReadAll(z)
}

// buildNode is a trie node while the patterns are read.
type buildNode struct {
	next map[uint8]int32
	val  []uint8
}

// newHyphenator builds a Hyphenator from Liang patterns such as ".ach4" or
// "4if." (one or more to a line, separated by white space; letters in any
// script) and exceptions such as "as-so-ciate". Its hyphenmins are
// English's (2, 3) until the caller sets others.
func newHyphenator(tag, patterns, exceptions string) *Hyphenator {
	h := &Hyphenator{tag: tag, left: 2, right: 3, other: map[rune]uint8{}, exceptions: map[string][]int{}}
	build := []buildNode{{}}
	next := uint8(1)
	sym := func(r rune) uint8 {
		if r == '.' {
			return 0
		}
		if s := h.symbol(r); s != noSymbol {
			return s
		}
		if next == noSymbol {
			return noSymbol
		}
		if r < 128 {
			h.ascii[r] = next
		} else {
			h.other[r] = next
		}
		next++
		return next - 1
	}
	var letters []uint8
	var digits []uint8
	for _, p := range strings.Fields(patterns) {
		letters, digits = letters[:0], digits[:0]
		d := uint8(0)
		lead := false
		for i, r := range p {
			if r >= '0' && r <= '9' {
				d = uint8(r - '0')
				continue
			}
			s := sym(r)
			if s == noSymbol {
				letters = nil
				break
			}
			if i == 0 && r == '.' {
				lead = true
			}
			letters = append(letters, s)
			if !(lead && len(letters) == 1) { // a leading dot takes no value before it
				digits = append(digits, d)
			}
			d = 0
		}
		if len(letters) == 0 {
			continue
		}
		if !strings.HasSuffix(p, ".") {
			digits = append(digits, d)
		}
		// Normalise: one value for each gap between symbols, plus ends, so
		// values line up with the symbols of the dotted word.
		vals := make([]uint8, len(letters)+1)
		off := 0
		if lead {
			off = 1
		}
		copy(vals[off:], digits)
		n := int32(0)
		for _, s := range letters {
			c, ok := build[n].next[s]
			if !ok {
				build = append(build, buildNode{})
				c = int32(len(build) - 1)
				if build[n].next == nil {
					build[n].next = map[uint8]int32{}
				}
				build[n].next[s] = c
			}
			n = c
		}
		build[n].val = vals
	}
	// Freeze into sorted edge lists.
	h.nodes = make([]trieNode, len(build))
	for i, b := range build {
		nd := &h.nodes[i]
		nd.val = -1
		if b.val != nil {
			nd.val, nd.nv = int32(len(h.values)), uint8(len(b.val))
			h.values = append(h.values, b.val...)
		}
		nd.first, nd.n = int32(len(h.edges)), uint8(len(b.next))
		for _, s := range slices.Sorted(maps.Keys(b.next)) {
			h.edges = append(h.edges, trieEdge{sym: s, child: b.next[s]})
		}
	}
	if stride := int(next); len(build)*stride*4 <= denseBudget {
		h.stride = int32(stride)
		h.dense = make([]int32, len(build)*stride)
		for i, b := range build {
			for s, c := range b.next {
				h.dense[i*stride+int(s)] = c
			}
		}
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

// Lang returns the pattern set's name ("en-us", "en-gb", "fr", "de-1996", ...).
func (h *Hyphenator) Lang() string { return h.tag }

// Points returns the byte offsets inside word where a hyphen may go
// (respecting the language's TeX lefthyphenmin and righthyphenmin, and never
// for words under 5 letters). Punctuation around the word is ignored, words with
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
	// key: the symbols of ".word.", lower-cased; a letter of no pattern
	// is noSymbol, which matches nothing.
	var buf [64]uint8
	key := buf[:0]
	if n+2 > len(buf) {
		key = make([]uint8, 0, n+2)
	}
	var offs [64]int
	off := offs[:0]
	if n+1 > len(offs) {
		off = make([]int, 0, n+1)
	}
	key = append(key, 0)
	for i, r := range s {
		off = append(off, i)
		key = append(key, h.symbol(unicode.ToLower(r)))
	}
	off = append(off, len(s))
	key = append(key, 0)

	if len(h.exceptions) > 0 {
		if pos, ok := h.exceptions[strings.ToLower(s)]; ok {
			for _, p := range pos {
				if p >= h.left && p <= n-h.right {
					out = append(out, base+off[p])
				}
			}
			return out
		}
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
			if key[j] == noSymbol {
				break
			}
			node = h.child(node, key[j])
			if node == 0 {
				break
			}
			nd := &h.nodes[node]
			if nd.val >= 0 {
				for k, v := range h.values[nd.val : nd.val+int32(nd.nv)] {
					if v > vals[i+k] {
						vals[i+k] = v
					}
				}
			}
		}
	}
	// The gap after p letters is vals[p+1] (key[0] is the dot).
	for p := h.left; p <= n-h.right; p++ {
		if vals[p+1]%2 == 1 {
			out = append(out, base+off[p])
		}
	}
	return out
}

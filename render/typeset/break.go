package typeset

import (
	"math"
)

// Word is one word placed on a line.
type Word struct {
	Text   string // what to draw, without any added hyphen
	Hyphen bool   // the line breaks inside this word at a hyphenation point: draw a "-" after Text
	Whole  string // when this word is a fragment of a word broken across lines (either side of the break), the entire original word; else ""
	// Pieces splits Text by style, for text set from Spans: nil when all
	// of Text is in style 0 (always, for text set from a string).
	// A hyphen is drawn in the style of the last piece.
	Pieces []Piece
}

// Span is a run of text in one style: the input of BreakSpans and
// GreedySpans. A word may cross spans ("*un*usual" is one word in two
// styles); white space, wherever it falls, separates words.
type Span struct {
	Text  string
	Style int // an index the caller gives meaning to (a face, a size), passed to Params.MeasureStyle
}

// Piece is the part of a Word set in one style.
type Piece struct {
	Text  string
	Style int
}

// Line is one line of a set paragraph.
type Line struct {
	Words  []Word
	Indent float64 // left offset of the line (first-line indent), in the caller's units
	Space  float64 // width of each inter-word gap on this line: stretched/shrunk for justified lines, natural for the last line
	Last   bool    // last line of the paragraph (set ragged-right, not justified)
	Ratio  float64 // Knuth-Plass adjustment ratio (for tests and measurement)
	// Left and Right are how far the line's first character hangs into
	// the left margin and its last (or its hyphen) into the right, with
	// Params.Protrusion: the caller starts the line Left before Indent.
	Left, Right float64
	// Expand is the line's font expansion with Params.Expansion: the
	// caller draws its words (not its spaces) Expand wider (negative:
	// narrower), e.g. 0.013 for 1.3%; Space already accounts for it.
	Expand float64
}

// Params say how to set one paragraph. Every tuning field left at zero
// takes the default named in its comment (TeX's plain-format values where
// TeX has one).
type Params struct {
	Width   float64                // line width, caller's units (points)
	Indent  float64                // first-line indent
	Measure func(s string) float64 // width of s in the body font at the body size; must be safe to call often (caller caches)
	// MeasureStyle is the width of s in a Span's style, for BreakSpans
	// and GreedySpans; nil measures every style with Measure. Style 0 must
	// measure as Measure does: inter-word spaces and hyphens are measured
	// with Measure. Each piece of a word in one style is measured on its
	// own, and the word's width is their sum.
	MeasureStyle func(s string, style int) float64
	Hyphenator   *Hyphenator // nil: no hyphenation
	Justify      bool        // false: ragged right (all lines use the natural space)

	// Protrusion hangs punctuation into the margins (margin kerning, as
	// pdfTeX's and microtype's character protrusion): a line may end with
	// part of its last character — a full stop, comma, hyphen, dash,
	// closing quote — in the right margin and start with part of an
	// opening quote in the left, by the factors of Protrude (fractions of
	// the character's width, microtype's defaults), so the margins look
	// straight to the eye. The breaker counts the protrusion as room on
	// the line; Line.Left and Line.Right say how far each line hangs.
	Protrusion bool
	// Expansion lets each justified line's glyphs be stretched or shrunk
	// by up to this fraction of their width (0.02: ±2%), chosen by the
	// breaker with the line (font expansion, as pdfTeX's): a box stretches
	// and shrinks by Expansion times its width, alongside the glue, so
	// spaces stay nearer their natural width. Line.Expand says how much.
	Expansion float64

	// PreTolerance is the largest badness (100·|ratio|³) a line may have in
	// the first pass, which does not hyphenate; default 100 (ratio 1).
	// Negative skips that pass.
	PreTolerance float64
	// Tolerance is the largest badness in the second pass, which
	// hyphenates; default 200 (ratio ≈ 1.26).
	Tolerance float64
	// EmergencyStretch is extra stretch given to every line in the last
	// pass, which accepts any line that is not overfull; default three
	// natural spaces.
	EmergencyStretch float64
	// LinePenalty is added to each line's badness before squaring; default 10.
	LinePenalty float64
	// HyphenPenalty is the cost of breaking at a hyphenation point; default 50.
	HyphenPenalty float64
	// ExHyphenPenalty is the cost of breaking after an explicit hyphen or
	// dash; default 50.
	ExHyphenPenalty float64
	// DoubleHyphenDemerits are added when two lines in a row end with a
	// hyphen; default 10000. Before the last pass two lines in a row that
	// end at inserted hyphens are not allowed at all.
	DoubleHyphenDemerits float64
	// FinalHyphenDemerits are added when the next-to-last line ends with
	// a hyphen; default 5000.
	FinalHyphenDemerits float64
	// AdjDemerits are added when adjacent lines differ by more than one
	// fitness class (tight, decent, loose, very loose); default 10000.
	AdjDemerits float64
	// Stretch and Shrink are the inter-word glue's stretch and shrink as
	// fractions of the natural space; defaults 1/2 and 1/3, as in TeX's
	// Computer Modern.
	Stretch, Shrink float64
	// Window is the number of words above which a paragraph is set in
	// overlapping windows of that many words (see the package comment);
	// default 2000.
	Window int
}

// config is Params with defaults filled in and the measured constants.
type config struct {
	width, indent                                    float64
	space, hyphenWidth                               float64
	expansion, hyphenProt                            float64
	protrude                                         bool
	prot                                             map[rune][2]float64 // left, right protrusion of a character
	stretch, shrink                                  float64
	preTolerance, tolerance, emergency               float64
	linePenalty, hyphenPenalty, exHyphenPenalty      float64
	doubleHyphen, finalHyphen, adjDemerits, raggedEm float64
	justify                                          bool
	measure                                          func(string) float64
	window                                           int
	scratch                                          paragraph // working memory, reused from window to window
}

func configure(p *Params) *config {
	def := func(v, d float64) float64 {
		if v == 0 || math.IsNaN(v) {
			return d
		}
		return v
	}
	// A measure that returns NaN, infinities or negative widths must not
	// poison the sums: such widths count as zero.
	measure := p.Measure
	p.Measure = func(s string) float64 {
		w := measure(s)
		if !(w >= 0) || math.IsInf(w, 1) {
			return 0
		}
		return w
	}
	c0 := p.Measure
	if ms := p.MeasureStyle; ms != nil {
		p.MeasureStyle = func(s string, style int) float64 {
			w := ms(s, style)
			if !(w >= 0) || math.IsInf(w, 1) {
				return 0
			}
			return w
		}
	} else {
		p.MeasureStyle = func(s string, _ int) float64 { return p.Measure(s) }
	}
	c := &config{
		width:           p.Width,
		indent:          p.Indent,
		space:           p.Measure(" "),
		hyphenWidth:     p.Measure("-"),
		justify:         p.Justify,
		stretch:         def(p.Stretch, 0.5),
		shrink:          def(p.Shrink, 1.0/3),
		preTolerance:    def(p.PreTolerance, 100),
		tolerance:       def(p.Tolerance, 200),
		linePenalty:     def(p.LinePenalty, 10),
		hyphenPenalty:   def(p.HyphenPenalty, 50),
		exHyphenPenalty: def(p.ExHyphenPenalty, 50),
		doubleHyphen:    def(p.DoubleHyphenDemerits, 10000),
		finalHyphen:     def(p.FinalHyphenDemerits, 5000),
		adjDemerits:     def(p.AdjDemerits, 10000),
		window:          p.Window,
		measure:         c0,
	}
	if math.IsNaN(c.width) || math.IsInf(c.width, 0) {
		c.width = 0
	}
	if math.IsNaN(c.indent) || math.IsInf(c.indent, 0) {
		c.indent = 0
	}
	if !(c.space > 0) || math.IsInf(c.space, 0) {
		c.space = 0
	}
	if !(c.hyphenWidth >= 0) || math.IsInf(c.hyphenWidth, 0) {
		c.hyphenWidth = 0
	}
	c.emergency = def(p.EmergencyStretch, 3*c.space)
	// Ragged-right lines get a fixed stretch at the line end, as TeX's
	// \raggedright gives \rightskip 2em of stretch; the glue between words
	// then neither stretches nor shrinks.
	c.raggedEm = 2 * p.Measure("M")
	if !(c.raggedEm > 0) {
		c.raggedEm = c.width / 8
	}
	if !c.justify {
		c.stretch, c.shrink = 0, 0
	}
	if c.window <= 0 {
		c.window = 2000
	}
	if e := p.Expansion; e > 0 && e < 0.2 && c.justify {
		c.expansion = e
	}
	if p.Protrusion {
		c.protrude = true
		c.prot = map[rune][2]float64{}
		c.hyphenProt = Protrude('-')[1] * c.hyphenWidth
	}
	return c
}

// protrusion returns how far r hangs into the left and right margins
// when it starts or ends a line, in the caller's units.
func (c *config) protrusion(r rune) [2]float64 {
	if v, ok := c.prot[r]; ok {
		return v
	}
	f := Protrude(r)
	var v [2]float64
	if f != [2]float64{} {
		w := c.measure(string(r))
		v = [2]float64{f[0] * w, f[1] * w}
	}
	c.prot[r] = v
	return v
}

// Protrude gives the share of r's width that hangs into the left margin
// when r starts a line and into the right margin when it ends one:
// microtype's default protrusion factors (R. Schlicht, the microtype
// package, "default" set), for the characters of running text.
func Protrude(r rune) [2]float64 {
	switch r {
	case '.', '\u2026':
		return [2]float64{0, 0.7}
	case ',', ':', ';', '-', '\u2010':
		return [2]float64{0, 0.5}
	case '!', '?':
		return [2]float64{0, 0.2}
	case '\u2013': // en dash
		return [2]float64{0, 0.3}
	case '\u2014': // em dash
		return [2]float64{0, 0.2}
	case '\u2018', '\u2019', '\'':
		return [2]float64{0.3, 0.4}
	case '\u201C', '\u201D', '"':
		return [2]float64{0.3, 0.3}
	case '(', '[':
		return [2]float64{0.05, 0}
	case ')', ']':
		return [2]float64{0, 0.05}
	case 'A', 'T', 'V', 'W', 'X', 'Y', 'v', 'w', 'x':
		return [2]float64{0.05, 0.05}
	case 'K', 'L', 'F', 'k', 'r', 'y':
		return [2]float64{0, 0.05}
	case 't':
		return [2]float64{0, 0.07}
	case '1':
		return [2]float64{0.15, 0.15}
	}
	return [2]float64{}
}

// Break sets text (one paragraph; runs of whitespace are single spaces)
// into lines with Knuth-Plass total-fit line breaking. It never returns an
// overfull line unless a single word is wider than the line (then that
// word is split by characters, marked Whole, with no hyphen, and never
// panics). No two hyphenated lines in a row where avoidable; never
// hyphenate the last word of a paragraph; never words under 5 letters.
// Explicit hyphens/dashes in words ("well-known", "1924-1929", em dash) are
// legal break points after the hyphen (Hyphen=false, both fragments carry
// Whole). A nil Measure sets nothing.
func Break(text string, p Params) []Line {
	ws, c := prepare(text, nil, &p)
	return breakAll(ws, &p, c)
}

// BreakSpans is Break for styled text: each word is measured piece by
// piece in its styles (Params.MeasureStyle), and each Word of the result
// carries its Pieces. Line breaking, hyphenation and justification are
// Break's.
func BreakSpans(spans []Span, p Params) []Line {
	ws, c := prepare("", spans, &p)
	return breakAll(ws, &p, c)
}

func breakAll(ws wordList, p *Params, c *config) []Line {
	if c == nil {
		return nil
	}
	words := ws.words
	if len(words) <= c.window {
		lines, _ := breakWords(ws, p, c, c.indent)
		return lines
	}
	// A huge paragraph is set window by window: each window is set as if it
	// ended the paragraph, the lines from its last quarter are dropped, and
	// the next window starts at the first dropped word. Time and memory stay
	// linear, and each break still sees hundreds of words ahead.
	var out []Line
	indent := c.indent
	for start := 0; start < len(words); {
		end := min(start+c.window, len(words))
		final := end == len(words)
		lines, done := breakWords(ws.slice(start, end), p, c, indent)
		if final {
			out = append(out, lines...)
			break
		}
		// Keep the lines up to the last one that ends a word within the
		// first three quarters of the window, else any but the window's
		// last line that ends a word, else the whole window.
		cutoff := (end - start) * 3 / 4
		keep, next := 0, 0
		for i := len(lines) - 2; i >= 0; i-- {
			if done[i] > 0 && (done[i] <= cutoff || keep == 0) {
				keep, next = i+1, done[i]
				if done[i] <= cutoff {
					break
				}
			}
		}
		if keep == 0 {
			keep, next = len(lines), end-start
			ln := &lines[keep-1]
			ln.Last = false
			natural := 0.0
			for _, wd := range ln.Words {
				natural += p.wordWidth(wd)
				if wd.Hyphen {
					natural += c.hyphenWidth
				}
			}
			c.setSpace(ln, natural, len(ln.Words)-1)
		}
		out = append(out, lines[:keep]...)
		start += next
		indent = 0
	}
	return out
}

// prepare splits text, or spans when not nil, into words, measures them
// and configures the breakers; c is nil when there is nothing to set.
func prepare(text string, spans []Span, p *Params) (ws wordList, c *config) {
	if p.Measure == nil {
		return ws, nil
	}
	if spans != nil {
		ws = spanWords(spans)
	} else {
		ws.words = fields(text)
	}
	if len(ws.words) == 0 {
		return ws, nil
	}
	c = configure(p)
	ws.wordWidth = make([]float64, len(ws.words))
	for i, s := range ws.words {
		ws.wordWidth[i] = ws.measure(p, i, 0, len(s))
	}
	return ws, c
}

// wordWidth is the natural width of wd as drawn, without its hyphen.
func (p *Params) wordWidth(wd Word) float64 {
	if wd.Pieces == nil {
		return p.Measure(wd.Text)
	}
	w := 0.0
	for _, pc := range wd.Pieces {
		w += p.MeasureStyle(pc.Text, pc.Style)
	}
	return w
}

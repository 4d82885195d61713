package typeset

import (
	"math"
)

// node is a feasible break: the best way found to end a line at item pos
// in a given fitness class.
type node struct {
	pos      int32 // item index of the break; -1 for the paragraph start
	prev     int32 // node index of the previous break; -1 for none
	fitness  int8
	hyphen   bool // the line ending here ends with an inserted hyphen
	flagged  bool // ... or with any hyphen or dash
	demerits float64
}

// pass says how one Knuth-Plass pass judges lines.
type pass struct {
	threshold float64 // largest badness accepted; +Inf accepts any line that is not overfull
	extra     float64 // stretch added to every line (emergency stretch, ragged-right stretch)
	final     bool    // the last pass: must produce lines, may set two inserted hyphens in a row
}

// breakWords sets words (a whole paragraph, or a window of one) and
// returns its lines and, for each line, the number of words
// done when the line ends at a word boundary, or -1.
func breakWords(ws wordList, p *Params, c *config, indent float64) ([]Line, []int) {
	limit, first := c.width, c.width-math.Max(indent, 0)
	if first <= 0 {
		first = c.width
	}
	hyph := p.Hyphenator
	var extra float64
	if !c.justify {
		extra = c.raggedEm
	}
	para := &c.scratch
	built := false
	var breaks []int32
	if c.preTolerance >= 0 || hyph == nil {
		build(para, ws, p, c, nil, limit, first)
		built = true
		breaks = knuthPlass(para, c, indent, pass{threshold: c.preTolerance, extra: extra})
	}
	if breaks == nil && hyph != nil {
		build(para, ws, p, c, hyph, limit, first)
		built = true
		breaks = knuthPlass(para, c, indent, pass{threshold: c.tolerance, extra: extra})
	}
	if !built {
		build(para, ws, p, c, hyph, limit, first)
	}
	if breaks == nil {
		breaks = knuthPlass(para, c, indent, pass{threshold: math.Inf(1), extra: extra + c.emergency})
	}
	if breaks == nil {
		breaks = knuthPlass(para, c, indent, pass{threshold: math.Inf(1), extra: extra + c.emergency, final: true})
	}
	return setLines(para, breaks, c, indent, p)
}

// lineShape gives the natural width, stretch and shrink of a line that
// starts after break a (item index, -1 for the paragraph start) and ends
// at break b, and whether it contains fil glue.
func (para *paragraph) lineShape(a, b int32) (w, y, z float64, fil bool) {
	s, e := &para.sums[a+1], &para.sums[b] // the item after a break is always a box
	w, y, z, fil = e.w-s.w, e.y-s.y, e.z-s.z, e.fil > s.fil
	if it := &para.items[b]; it.kind == penalty {
		w += it.width
	}
	return
}

// ratio is the adjustment ratio of a line of natural width w, stretch y
// and shrink z set to width target: positive stretches, negative shrinks;
// ±Inf when the line cannot be stretched or shrunk.
func ratio(w, y, z float64, fil bool, target float64) float64 {
	switch {
	case w < target:
		if fil {
			return 0
		}
		if y > 0 {
			return (target - w) / y
		}
		return math.Inf(1)
	case w > target:
		if z > 0 {
			return (target - w) / z
		}
		return math.Inf(-1)
	}
	return 0
}

// badness is TeX's 100·|r|³, capped so sums stay finite.
func badness(r float64) float64 {
	r = math.Abs(r)
	if r > 100 {
		return 1e8
	}
	return 100 * r * r * r
}

// fitness is TeX's fitness class: 0 very loose, 1 loose, 2 decent, 3 tight.
func fitness(r float64) int8 {
	switch {
	case r > 1:
		return 0
	case r > 0.5:
		return 1
	case r >= -0.5:
		return 2
	}
	return 3
}

// knuthPlass finds the breaks (item indexes, the last being the final
// penalty) with the least total demerits among lines whose badness is
// within ps.threshold, or nil when there are none. The final pass always
// returns breaks.
func knuthPlass(para *paragraph, c *config, indent float64, ps pass) []int32 {
	items := para.items
	nodes := append(para.nodes[:0], node{pos: -1, prev: -1, fitness: 2})
	active := append(para.active[:0], 0)
	defer func() { para.nodes, para.active = nodes[:0], active[:0] }()
	firstWidth := c.width - indent
	for b := int32(0); b < int32(len(items)); b++ {
		it := &items[b]
		switch it.kind {
		case box:
			continue
		case glue:
			if it.fil {
				continue // the paragraph ends at the penalty after it
			}
		case penalty:
			if it.penalty >= infPenalty {
				continue
			}
		}
		forced := it.kind == penalty && it.penalty <= -infPenalty
		var best [4]float64
		var from [4]int32
		for i := range best {
			best[i], from[i] = math.Inf(1), -1
		}
		bestDeactivated, bestDeactivatedIdx := math.Inf(1), int32(-1)
		kept := active[:0]
		for _, ai := range active {
			a := &nodes[ai]
			w, y, z, fil := para.lineShape(a.pos, b)
			target := c.width
			if a.pos < 0 {
				target = firstWidth
			}
			if c.protrude {
				l, r := para.protrusion(a.pos, b)
				target += l + r
			}
			y += ps.extra
			r := ratio(w, y, z, fil, target)
			if r < -1 || forced {
				if a.demerits < bestDeactivated {
					bestDeactivated, bestDeactivatedIdx = a.demerits, ai
				}
			} else {
				kept = append(kept, ai)
			}
			if r < -1 {
				continue
			}
			bad := badness(r)
			if bad > ps.threshold {
				continue
			}
			if it.hyphen && a.hyphen && !ps.final {
				continue // no two inserted hyphens in a row before the last pass
			}
			d := (c.linePenalty + bad) * (c.linePenalty + bad)
			if it.kind == penalty {
				if it.penalty >= 0 {
					d += it.penalty * it.penalty
				} else if !forced {
					d -= it.penalty * it.penalty
				}
			}
			if it.flagged && a.flagged {
				d += c.doubleHyphen
			}
			if forced && a.flagged {
				d += c.finalHyphen
			}
			f := fitness(r)
			if f-a.fitness > 1 || a.fitness-f > 1 {
				d += c.adjDemerits
			}
			if t := a.demerits + d; t < best[f] {
				best[f], from[f] = t, ai
			}
		}
		active = kept
		least := math.Min(math.Min(best[0], best[1]), math.Min(best[2], best[3]))
		if math.IsInf(least, 1) {
			if len(active) == 0 && ps.final && bestDeactivatedIdx >= 0 {
				// Nothing fits: break here anyway (an overfull line) rather
				// than lose the paragraph, as TeX's final pass does.
				nodes = append(nodes, node{pos: b, prev: bestDeactivatedIdx, fitness: 3, hyphen: it.hyphen, flagged: it.flagged, demerits: bestDeactivated + 1e12})
				active = append(active, int32(len(nodes)-1))
			}
			if len(active) == 0 {
				return nil
			}
			continue
		}
		for f := range best {
			if best[f] <= least+c.adjDemerits {
				nodes = append(nodes, node{pos: b, prev: from[f], fitness: int8(f), hyphen: it.hyphen, flagged: it.flagged, demerits: best[f]})
				active = append(active, int32(len(nodes)-1))
			}
		}
		if len(active) == 0 {
			return nil
		}
	}
	// Every node still active ends at the final penalty.
	bestIdx, bestD := int32(-1), math.Inf(1)
	for _, ai := range active {
		if nodes[ai].pos == int32(len(items)-1) && nodes[ai].demerits < bestD {
			bestIdx, bestD = ai, nodes[ai].demerits
		}
	}
	if bestIdx < 0 {
		return nil
	}
	var breaks []int32
	for n := bestIdx; n > 0; n = nodes[n].prev {
		breaks = append(breaks, nodes[n].pos)
	}
	for i, j := 0, len(breaks)-1; i < j; i, j = i+1, j-1 {
		breaks[i], breaks[j] = breaks[j], breaks[i]
	}
	return breaks
}

// protrusion returns how far the line from break a to break b hangs
// into the left and right margins: the first character of its first box,
// the last of its last box or its hyphen. The last line of a paragraph
// (ending at the forced break) hangs only on the left.
func (para *paragraph) protrusion(a, b int32) (left, right float64) {
	items := para.items
	if int(a+1) < len(items) && items[a+1].kind == box {
		left = items[a+1].protL
	}
	it := &items[b]
	switch {
	case it.kind == penalty && it.hyphen:
		right = it.protR
	case (it.kind == glue && !it.fil) || (it.kind == penalty && it.flagged):
		if b > 0 && items[b-1].kind == box {
			right = items[b-1].protR
		}
	}
	return left, right
}

// setLines turns breaks into Lines and reports, for each line, the words
// done when it ends at a word boundary, or -1.
func setLines(para *paragraph, breaks []int32, c *config, indent float64, p *Params) ([]Line, []int) {
	lines := make([]Line, 0, len(breaks))
	done := make([]int, 0, len(breaks))
	items := para.items
	start := int32(0)
	var wis []int32       // word index of each Word on the line
	var ranges [][2]int32 // byte range of each Word in its word
	for li, b := range breaks {
		var ln Line
		if li == 0 {
			ln.Indent = indent
		}
		ln.Last = li == len(breaks)-1
		if c.protrude {
			ln.Left, ln.Right = para.protrusion(start-1, b)
		}
		target := c.width - ln.Indent + ln.Left + ln.Right
		wis, ranges = wis[:0], ranges[:0]
		for i := start; i < b; i++ {
			it := &items[i]
			if it.kind != box {
				continue
			}
			n := len(wis)
			if n == 0 || wis[n-1] != it.word {
				wis = append(wis, it.word)
				ranges = append(ranges, [2]int32{it.start, it.end})
				continue
			}
			// a word may come in pieces; the line shows them joined
			ranges[n-1][1] = it.end
		}
		ln.Words = make([]Word, len(wis))
		for i, wi := range wis {
			word, r := para.words[wi], ranges[i]
			wd := &ln.Words[i]
			wd.Text = word[r[0]:r[1]]
			if r[0] != 0 || int(r[1]) != len(word) {
				wd.Whole = word
			}
			wd.Pieces = para.pieces(int(wi), int(r[0]), int(r[1]))
		}
		endsWord := true
		if it := &items[b]; it.kind == penalty && it.penalty > -infPenalty {
			endsWord = false
			if it.hyphen && len(ln.Words) > 0 {
				ln.Words[len(ln.Words)-1].Hyphen = true
			}
		}
		// Measure what will be drawn, so the line fits the caller's own
		// measure exactly.
		natural := 0.0
		for i, wd := range ln.Words {
			if wd.Whole == "" {
				natural += para.wordWidth[wis[i]]
			} else {
				natural += para.measure(p, int(wis[i]), int(ranges[i][0]), int(ranges[i][1]))
			}
			if wd.Hyphen {
				natural += c.hyphenWidth
			}
		}
		gaps := len(ln.Words) - 1
		w, y, z, fil := para.lineShape(start-1, b)
		extra := 0.0
		if !c.justify {
			extra = c.raggedEm
		}
		ln.Ratio = ratio(w, y+extra, z, fil, target)
		if math.IsInf(ln.Ratio, 0) {
			ln.Ratio = math.Copysign(100, ln.Ratio)
		}
		if c.expansion > 0 && !ln.Last && natural > 0 {
			// The glyphs take up the line's slack first, up to the limit,
			// in steps of 0.1%; the spaces take the rest, so they stay as
			// near their natural width as the limit allows. (The breaker
			// chose the line with the glyphs' stretch and shrink counted
			// alongside the glue's.)
			slack := target - natural - float64(gaps)*c.space
			e := math.Max(-c.expansion, math.Min(c.expansion, slack/natural))
			ln.Expand = math.Round(e*1000) / 1000
		}
		c.setSpace(&ln, natural, gaps)
		lines = append(lines, ln)
		if endsWord {
			done = append(done, int(items[b].word))
		} else {
			done = append(done, -1)
		}
		start = b + 1
	}
	return lines, done
}

// setSpace sets the inter-word space of ln, whose words and hyphen are
// natural wide and have gaps spaces between them: the space that fills
// the line when it is justified and not the last, else the natural space,
// or less if the line would not fit.
func (c *config) setSpace(ln *Line, natural float64, gaps int) {
	ln.Space = c.space
	if gaps <= 0 {
		return
	}
	fit := (c.width - ln.Indent + ln.Left + ln.Right - natural*(1+ln.Expand)) / float64(gaps)
	if (c.justify && !ln.Last) || fit < ln.Space {
		ln.Space = math.Max(fit, 0)
	}
}

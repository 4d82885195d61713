package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/render"
)

// The poems quoted here are in the public domain: Emily Dickinson, "Hope
// is the thing with feathers" (1891); William Wordsworth, "I Wandered
// Lonely as a Cloud" (1807); Walt Whitman, "Song of Myself" (1855).

// sp is a plain span, em an emphasised one, strong a strong one.
func sp(s string) essay.Span     { return essay.Span{Text: s} }
func em(s string) essay.Span     { return essay.Span{Text: s, Emph: true} }
func strong(s string) essay.Span { return essay.Span{Text: s, Strong: true} }
func both(s string) essay.Span   { return essay.Span{Text: s, Emph: true, Strong: true} }
func ref(label, id string) essay.Span {
	return essay.Span{Text: label, Note: id}
}

// spanText is the plain text of spans, without note markers, as the
// model's Text holds it.
func spanText(spans []essay.Span) string {
	var s string
	for _, x := range spans {
		if x.Note == "" {
			s += x.Text
		}
	}
	return s
}

func paraBlock(spans ...essay.Span) essay.Block {
	return essay.Block{Kind: essay.Paragraph, Text: spanText(spans), Spans: spans}
}

func heading(level int, text string) essay.Block {
	return essay.Block{Kind: essay.Heading, Level: level, Text: text}
}

func items(texts ...string) []essay.Item {
	var its []essay.Item
	for _, t := range texts {
		its = append(its, essay.Item{Text: t})
	}
	return its
}

func list(l essay.ListInfo) essay.Block {
	var text string
	for i, it := range l.Items {
		if i > 0 {
			text += "\n"
		}
		text += it.Text
	}
	return essay.Block{Kind: essay.List, Text: text, List: &l}
}

func verse(attribution string, stanzas ...[]essay.VerseLine) essay.Block {
	var text string
	for _, st := range stanzas {
		for _, l := range st {
			if text != "" {
				text += "\n"
			}
			text += l.Text
		}
	}
	return essay.Block{Kind: essay.Verse, Text: text, Stanzas: stanzas, Attribution: attribution}
}

func vl(indent int, text string) essay.VerseLine { return essay.VerseLine{Text: text, Indent: indent} }

// constructsDoc is an essay with every construct of the model: subtitle,
// epigraph, emphasis, strong, bold italic, note references, four heading
// levels, numbered lists in several styles (two separated by a
// paragraph), nested bullets, a references list, a quotation and a poem
// with attributions, a rule, and notes.
func constructsDoc() *essay.Document {
	d := &essay.Document{
		Title: "On Reading Poems Slowly", TitleSource: "metadata", Subtitle: "Notes towards a practice of attention",
		Author: "Mara Ellison", Lang: "en",
		Epigraph: &essay.Block{Kind: essay.Verse, Attribution: "Emily Dickinson",
			Stanzas: [][]essay.VerseLine{{vl(0, "“Hope” is the thing with feathers –"), vl(0, "That perches in the soul –")}},
			Text:    "“Hope” is the thing with feathers –\nThat perches in the soul –"},
	}
	d.Blocks = []essay.Block{
		paraBlock(sp("Most readers meet a poem the way they meet a timetable: they "), em("scan"), sp(" it. This essay argues for the opposite habit, "), strong("slowness"), sp(", and for something stranger still, a kind of "), both("deliberate inefficiency"), sp(" that the classroom rarely rewards."), ref("1", "n1"), sp(" The argument has three parts.")),
		heading(1, "What slowness is"),
		paraBlock(sp("Slowness is not the same as difficulty. A difficult poem resists; a slow reading "), em("waits"), sp(", and waiting turns out to be an activity with its own grammar."), ref("2", "n2")),
		heading(2, "Three habits of fast readers"),
		list(essay.ListInfo{Kind: essay.Numbered, Style: "1", Start: 1, Items: items("They look for the subject before the sound.", "They paraphrase too early.")}),
		paraBlock(sp("A second list starts its numbering again, because the model says so:")),
		list(essay.ListInfo{Kind: essay.Numbered, Style: "1", Start: 1, Items: items("Read aloud once.", "Read silently twice.")}),
		heading(3, "An example from Wordsworth"),
		paraBlock(sp("Wordsworth’s daffodils are the classroom’s favourite example, and for once the classroom is right:")),
		verse("William Wordsworth, “I Wandered Lonely as a Cloud”",
			[]essay.VerseLine{vl(0, "I wandered lonely as a cloud"), vl(1, "That floats on high o’er vales and hills,"), vl(0, "When all at once I saw a crowd,"), vl(1, "A host, of golden daffodils;")},
			[]essay.VerseLine{vl(0, "Beside the lake, beneath the trees,"), vl(1, "Fluttering and dancing in the breeze.")}),
		paraBlock(sp("Whitman’s lines are another matter: they are too long for any page, and a careful setting turns them rather than breaking them."), ref("3", "n3")),
		verse("", []essay.VerseLine{vl(0, "I celebrate myself, and sing myself, And what I assume you shall assume, For every atom belonging to me as good belongs to you.")}),
		heading(4, "A note on rhythm"),
		paraBlock(sp("Rhythm is where slowness pays. Consider the stresses in order:")),
		list(essay.ListInfo{Kind: essay.Numbered, Style: "a", Start: 3, Items: items("the first stress falls late;", "the second is displaced;", "the third arrives on time.")}),
		list(essay.ListInfo{Kind: essay.Bullets, Items: []essay.Item{
			{Text: "Sound before sense.", Sub: &essay.ListInfo{Kind: essay.Bullets, Items: items("Vowels first.", "Then consonants.")}},
			{Text: "Sense before judgement."}}}),
		{Kind: essay.Quote, Text: "Poetry is the spontaneous overflow of powerful feelings: it takes its origin from emotion recollected in tranquillity.", Attribution: "William Wordsworth, Preface to Lyrical Ballads"},
		{Kind: essay.Rule},
		paraBlock(sp("After the break, a short conclusion: read "), em("less"), sp(", and read it "), strong("again"), sp(".")),
		heading(1, "References"),
		list(essay.ListInfo{Kind: essay.References, Items: []essay.Item{
			{Marker: "[1]", Text: "Wordsworth, W. (1807). Poems, in Two Volumes. London: Longman."},
			{Marker: "[2]", Text: "Whitman, W. (1855). Leaves of Grass. Brooklyn: self-published."}}}),
	}
	d.Notes = []essay.Note{
		{ID: "n1", Label: "1", Text: "The phrase is borrowed from a seminar handout whose author asked not to be named."},
		{ID: "n2", Label: "2", Text: "On waiting as an activity, see the discussion of attention in the references."},
		{ID: "n3", Label: "3", Text: "Whitman revised the poem for decades; the 1855 text is quoted."},
	}
	return d
}

// layoutLines returns the trimmed lines of pdftotext -layout and, for
// each, the column its text starts at.
func layoutLines(t *testing.T, path string) (lines []string, cols []int) {
	t.Helper()
	for _, l := range strings.Split(testutil.PdfToText(t, path, "-layout"), "\n") {
		lines = append(lines, strings.TrimSpace(l))
		cols = append(cols, len([]rune(l))-len([]rune(strings.TrimLeft(l, " "))))
	}
	return lines, cols
}

// findLine returns the index of the first line at or after from that
// equals want (or starts with it, when prefix), or fails.
func findLine(t *testing.T, lines []string, from int, want string, prefix bool) int {
	t.Helper()
	for i := from; i < len(lines); i++ {
		if lines[i] == want || prefix && strings.HasPrefix(lines[i], want) {
			return i
		}
	}
	t.Fatalf("no line %q (prefix %v) after line %d in:\n%s", want, prefix, from, strings.Join(lines, "\n"))
	return -1
}

// findWord returns the first word of the PDF whose text is want.
func findWord(t *testing.T, words []testutil.PDFWord, want string) testutil.PDFWord {
	t.Helper()
	for _, w := range words {
		if w.Text == want {
			return w
		}
	}
	t.Fatalf("no word %q in the PDF", want)
	return testutil.PDFWord{}
}

// TestConstructs renders an essay with every construct of the model and
// checks each in the PDF: faces of emphasised words, superscript note
// markers linked to their notes and back, verse lines as lines, list
// numbering from the model, four heading levels in look and in the
// outline, the title block, the rule and the notes.
func TestConstructs(t *testing.T) {
	testutil.Need(t, "mutool", "qpdf", "pdftotext", "pdffonts")
	doc := constructsDoc()
	path, st := renderFile(t, render.Single(doc, "", "1 March 2026"), render.Defaults())
	if len(st.Warnings) != 0 {
		t.Errorf("warnings: %q", st.Warnings)
	}
	testutil.QpdfCheck(t, path)
	fonts := testutil.PdfFonts(t, path)
	for _, f := range []string{"+LiberationSerif-Regular ", "+LiberationSerif-Italic ", "+LiberationSerif-Bold ", "+LiberationSerif-BoldItalic "} {
		if !strings.Contains(fonts, f) {
			t.Errorf("pdffonts lacks %q:\n%s", f, fonts)
		}
	}
	checkWordsInOrder(t, sourceWords(doc), testutil.PdfToText(t, path))
	words := testutil.PDFWords(t, path)
	const body = 11.5

	t.Run("emphasis", func(t *testing.T) {
		for _, c := range []struct{ word, font string }{
			{"Most", "LiberationSerif-Regular"},
			{"scan", "LiberationSerif-Italic"},
			{"waits,", "LiberationSerif-Italic"},
			{"slowness,", "LiberationSerif-Bold"},
			{"deliberate", "LiberationSerif-BoldItal"},
			{"inefficiency", "LiberationSerif-BoldItal"},
			{"less,", "LiberationSerif-Italic"},
			{"again.", "LiberationSerif-Bold"},
		} {
			w := findWord(t, words, c.word)
			// a justified line's glyphs may be expanded by up to 2% (Tz),
			// which text extraction reports as a size
			if w.Chars[0].Font != c.font || math.Abs(w.Chars[0].Size-body) > body*0.021 {
				t.Errorf("%q is set in %s %v pt, want %s %v pt", c.word, w.Chars[0].Font, w.Chars[0].Size, c.font, body)
			}
		}
		// the punctuation after an emphasised word stays roman
		if w := findWord(t, words, "waits,"); w.Chars[len(w.Chars)-1].Font != "LiberationSerif-Regular" {
			t.Errorf("the comma after an emphasised word is %s", w.Chars[len(w.Chars)-1].Font)
		}
	})

	t.Run("note markers", func(t *testing.T) {
		links := testutil.PDFLinks(t, path)
		const pageH = 841.89
		for _, c := range []struct{ word, label string }{{"rewards.1", "1."}, {"grammar.2", "2."}, {"them.3", "3."}} {
			w := findWord(t, words, c.word)
			mk := w.Chars[len(w.Chars)-1]
			prev := w.Chars[len(w.Chars)-2]
			if !(mk.Size < body*0.7) || !(mk.Y < prev.Y-body*0.25) {
				t.Errorf("marker of %q: %v pt at baseline %.1f, want under %.1f pt and raised above the text's %.1f", c.word, mk.Size, mk.Y, body*0.7, prev.Y)
			}
			// the marker links to its note, the note's label back to the marker
			var note testutil.PDFWord
			for _, n := range words {
				if n.Text == c.label && n.Size < body {
					note = n
				}
			}
			if note.Text == "" {
				t.Fatalf("no note labelled %q", c.label)
			}
			var to, back bool
			for _, l := range links {
				if l.Page == w.Page && l.Contains(mk.X+1, mk.Y-1, pageH) && l.DestPage == note.Page && l.DestY >= pageH-note.Y && l.DestY <= pageH-note.Y+3*body {
					to = true
				}
				if l.Page == note.Page && l.Contains(note.X+1, note.Y-1, pageH) && l.DestPage == w.Page && l.DestY >= pageH-mk.Y && l.DestY <= pageH-mk.Y+3*body {
					back = true
				}
			}
			if !to || !back {
				t.Errorf("note %s: link to the note %v, back to the marker %v; links: %+v", c.label, to, back, links)
			}
		}
	})

	lines, cols := layoutLines(t, path)
	t.Run("verse", func(t *testing.T) {
		i := findLine(t, lines, 0, "I wandered lonely as a cloud", false)
		j := findLine(t, lines, i, "That floats on high o’er vales and hills,", false)
		k := findLine(t, lines, j, "When all at once I saw a crowd,", false)
		l := findLine(t, lines, k, "A host, of golden daffodils;", false)
		m := findLine(t, lines, l, "Beside the lake, beneath the trees,", false)
		if j != i+1 || k != j+1 || l != k+1 {
			t.Errorf("the verse lines are not consecutive lines: %d %d %d %d", i, j, k, l)
		}
		if m != l+2 || lines[l+1] != "" {
			t.Errorf("no blank line between the stanzas: %q", lines[l:m+1])
		}
		if !(cols[j] > cols[i]) || cols[k] != cols[i] {
			t.Errorf("indents not kept: columns %d %d %d", cols[i], cols[j], cols[k])
		}
		a := findLine(t, lines, m, "— William Wordsworth, “I Wandered Lonely as a Cloud”", false)
		if a != m+2 {
			t.Errorf("the attribution is not under the poem")
		}
		// a line too long for the measure turns with a hanging indent
		w := findLine(t, lines, a, "I celebrate myself, and sing myself,", true)
		if !strings.HasPrefix(lines[w+1], "atom belonging") && !strings.HasSuffix(lines[w+1], "belongs to you.") || !(cols[w+1] > cols[w]) {
			t.Errorf("the long line does not turn with a hanging indent: %q at %d, %q at %d", lines[w], cols[w], lines[w+1], cols[w+1])
		}
		// verse is not justified: a short line keeps natural spaces
		cloud := findWord(t, words, "cloud")
		as := findWord(t, words, "as")
		if gap := cloud.X - as.X - 2*body*0.5; gap > body*0.5 {
			t.Errorf("verse line spread out: gap %.1f", gap)
		}
	})

	t.Run("lists", func(t *testing.T) {
		i := findLine(t, lines, 0, "1. They look for the subject before the sound.", false)
		i = findLine(t, lines, i, "2. They paraphrase too early.", false)
		i = findLine(t, lines, i, "1. Read aloud once.", false)
		i = findLine(t, lines, i, "2. Read silently twice.", false)
		i = findLine(t, lines, i, "c. the first stress falls late;", false)
		i = findLine(t, lines, i, "d. the second is displaced;", false)
		i = findLine(t, lines, i, "e. the third arrives on time.", false)
		b := findLine(t, lines, i, "• Sound before sense.", false)
		v := findLine(t, lines, b, "◦ Vowels first.", false)
		findLine(t, lines, v, "◦ Then consonants.", false)
		s := findLine(t, lines, v, "• Sense before judgement.", false)
		if !(cols[v] > cols[b]) || cols[s] != cols[b] {
			t.Errorf("the nested list is not indented one step: columns %d %d %d", cols[b], cols[v], cols[s])
		}
		findLine(t, lines, s, "[1] Wordsworth, W. (1807). Poems, in Two Volumes. London: Longman.", false)
	})

	t.Run("headings", func(t *testing.T) {
		type look struct {
			font string
			size float64
		}
		seen := map[look]string{{"LiberationSerif-Regular", body}: "body"}
		for _, h := range []string{"What", "Three", "An", "note"} {
			var w testutil.PDFWord
			for _, x := range words {
				if x.Text == h && x.Chars[0].Font != "LiberationSerif-Regular" {
					w = x
					break
				}
			}
			lk := look{w.Chars[0].Font, w.Chars[0].Size}
			if other, ok := seen[lk]; ok || w.Text == "" {
				t.Errorf("heading %q looks like %s: %+v", h, other, lk)
			}
			seen[lk] = h
		}
		var got []string
		for _, e := range testutil.PDFOutline(t, path) {
			got = append(got, fmt.Sprintf("%d %s", e.Depth, e.Title))
		}
		want := "0 On Reading Poems Slowly|1 What slowness is|2 Three habits of fast readers|3 An example from Wordsworth|4 A note on rhythm|1 References|1 Notes"
		if strings.Join(got, "|") != want {
			t.Errorf("outline:\n got %s\nwant %s", strings.Join(got, "|"), want)
		}
	})

	t.Run("title block", func(t *testing.T) {
		title := findWord(t, words, "Reading")
		sub := findWord(t, words, "towards")
		if sub.Chars[0].Font != "LiberationSerif-Regular" || !(sub.Size < title.Size) || !(sub.Size > body) || !(sub.Y > title.Y) {
			t.Errorf("subtitle %s %v pt at %.0f, title %s %v pt at %.0f", sub.Chars[0].Font, sub.Size, sub.Y, title.Chars[0].Font, title.Size, title.Y)
		}
		ep := findWord(t, words, "perches")
		who := findWord(t, words, "Dickinson")
		first := findWord(t, words, "Most")
		if !strings.Contains(ep.Chars[0].Font, "Italic") || !(ep.X > first.X+100) || !(ep.Y < first.Y) || ep.Page != 1 {
			t.Errorf("epigraph: %s at x %.0f y %.0f; body starts at x %.0f y %.0f", ep.Chars[0].Font, ep.X, ep.Y, first.X, first.Y)
		}
		if who.Chars[0].Font != "LiberationSerif-Regular" || !(who.Y > ep.Y) || !(who.Y < first.Y) {
			t.Errorf("epigraph attribution: %+v", who)
		}
		findLine(t, lines, 0, "— Emily Dickinson", false)
	})

	t.Run("rule and notes", func(t *testing.T) {
		r := findLine(t, lines, 0, "* * *", false)
		if cols[r] < 30 {
			t.Errorf("the rule is not centred (column %d)", cols[r])
		}
		n := findLine(t, lines, r, "Notes", false)
		findLine(t, lines, n, "1. The phrase is borrowed from a seminar handout whose author asked not to be named.", false)
		findLine(t, lines, n, "3. Whitman revised the poem for decades; the 1855 text is quoted.", false)
		if findLine(t, lines, 0, "References", false) > n {
			t.Errorf("the notes come before the end of the essay")
		}
	})

	t.Run("deterministic", func(t *testing.T) {
		a, _ := os.ReadFile(path)
		var buf bytes.Buffer
		if _, err := Render(&buf, render.Single(constructsDoc(), "", "1 March 2026"), render.Defaults()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, buf.Bytes()) {
			t.Errorf("two renders of the same essay differ")
		}
	})
}

// TestPackNotes: in a pack, each essay's notes follow that essay, and
// its markers link to its own notes, not to another essay's with the
// same labels; the outline nests every essay's headings under it.
func TestPackNotes(t *testing.T) {
	testutil.Need(t, "mutool", "qpdf")
	b := &render.Book{Pack: true, Title: "Pack", Lang: "en"}
	for range 2 {
		b.Parts = append(b.Parts, render.Part{Doc: constructsDoc()})
	}
	path, _ := renderFile(t, b, render.Defaults())
	testutil.QpdfCheck(t, path)
	// each essay's "Notes" heading, from the outline
	var notesPages, essayPages []int
	for _, e := range testutil.PDFOutline(t, path) {
		switch {
		case e.Depth == 0 && e.Title == "On Reading Poems Slowly":
			essayPages = append(essayPages, e.Page)
		case e.Depth == 1 && e.Title == "Notes":
			notesPages = append(notesPages, e.Page)
		case e.Depth == 4 && e.Title != "A note on rhythm":
			t.Errorf("unexpected level-4 entry %q", e.Title)
		}
	}
	if len(essayPages) != 2 || len(notesPages) != 2 || !(notesPages[0] < essayPages[1]) {
		t.Fatalf("essays start on pages %v, their notes on %v", essayPages, notesPages)
	}
	links := testutil.PDFLinks(t, path)
	markers := 0
	for _, w := range testutil.PDFWords(t, path) {
		if w.Text != "rewards.1" {
			continue
		}
		mk := w.Chars[len(w.Chars)-1]
		part := 0
		if w.Page >= essayPages[1] {
			part = 1
		}
		for _, l := range links {
			if l.Page == w.Page && l.Contains(mk.X+0.5, mk.Y-1, 841.89) {
				markers++
				if l.DestPage != notesPages[part] {
					t.Errorf("the marker of essay %d on page %d links to page %d, want its own notes on page %d", part+1, w.Page, l.DestPage, notesPages[part])
				}
			}
		}
	}
	if markers != 2 {
		t.Errorf("%d linked markers of note 1, want 2", markers)
	}
}

// TestListItemsKeptTogether: wherever a page break falls, a list's first
// item stays with its second and its last with the one before.
func TestListItemsKeptTogether(t *testing.T) {
	doc := longDoc("Lists across pages", 0)
	for i := range 40 {
		doc.Blocks = append(doc.Blocks, paraBlock(sp(sampleParagraphs[i%len(sampleParagraphs)][:80+i*7%200])),
			list(essay.ListInfo{Kind: essay.Numbered, Start: 1, Items: items("First short item.", "Second short item.", "Third short item.")}))
	}
	for _, spacing := range []float64{1, 1.2, 1.5, 2} {
		o := render.Defaults()
		o.LineSpacing = spacing
		r := newRenderer(render.Single(doc, "", ""), o, Settings{})
		pages := r.layout()
		pageOf := map[int]int{}
		for n, p := range pages {
			for _, l := range p.lines {
				if l.para >= 0 {
					pageOf[l.para] = n
				}
			}
		}
		breaks := 0
		for id, p := range r.paras {
			if len(p.lines) == 0 || len(p.lines[0].runs) == 0 || p.lines[0].runs[0].text != "1." {
				continue
			}
			if pageOf[id] != pageOf[id+1] || pageOf[id+1] != pageOf[id+2] {
				t.Errorf("spacing %v: a three-item list is split across pages %d, %d, %d", spacing, pageOf[id]+1, pageOf[id+1]+1, pageOf[id+2]+1)
			}
			if pageOf[id] != pageOf[id-1] {
				breaks++
			}
		}
		if breaks == 0 {
			t.Errorf("spacing %v: no page break fell before a list: the test proves nothing", spacing)
		}
	}
}

// TestStyledBrokenWordsExtractWhole: words set in two styles ("*un*usual")
// or wholly emphasised that break at a line end still extract whole, once.
func TestStyledBrokenWordsExtractWhole(t *testing.T) {
	var spans []essay.Span
	for range 10 {
		spans = append(spans, em("counter"), sp("revolutionary and extra"), both("ordinarily"), sp(", and "), strong("incomprehensibly"), sp(" and "))
	}
	spans = append(spans, sp("done."))
	doc := &essay.Document{Title: "Styled hyphenation", Lang: "en", Blocks: []essay.Block{paraBlock(spans...)}}
	broken := map[string]int{}
	for _, margin := range []float64{45, 55, 65, 75} {
		o := render.Defaults()
		o.FontSize = 20
		o.MarginMM = margin
		r := newRenderer(render.Single(doc, "", ""), o, Settings{})
		for _, p := range r.layout() {
			for _, l := range p.lines {
				for _, rn := range l.runs {
					if rn.actual == actualWhole {
						broken[strings.TrimRight(rn.whole, ",.")]++
					}
				}
			}
		}
		path, _ := renderFile(t, render.Single(doc, "", ""), o)
		testutil.QpdfCheck(t, path)
		text := testutil.PdfToText(t, path)
		count := map[string]int{}
		for _, w := range strings.Fields(text) {
			count[strings.TrimRight(w, ",.")]++
		}
		for w, n := range map[string]int{"counterrevolutionary": 10, "incomprehensibly": 10, "extraordinarily": 10} {
			if count[w] != n {
				t.Errorf("margin %v: %q extracts %d times, want %d", margin, w, count[w], n)
			}
		}
		checkWordsInOrder(t, sourceWords(doc), text)
	}
	if broken["counterrevolutionary"]+broken["extraordinarily"] == 0 {
		t.Errorf("words broken at line ends: %v; the test needs a word in two styles broken", broken)
	}
	t.Logf("broken at line ends: %v", broken)
}

package testutil

import "github.com/essayexport/essayexport/essay"

// ConstructsDoc returns a hand-built essay with every construct of the
// schema-2 model: a subtitle, an epigraph with its attribution, emphasis,
// strong and bold italic runs, note references (one note referred to
// twice, one never), four heading levels, nested numbered lists with
// their own styles and starts, a bulleted list, a references list with
// markers, a quotation with its attribution, a two-stanza poem with an
// indented line, a rule, and letter parts. The prose is written for the
// tests; the verse is William Wordsworth's "I wandered lonely as a cloud"
// (1807) and the epigraph Ralph Waldo Emerson's "Nature" (1836), both in
// the public domain. Renderer tests check their output for each
// construct; the cross-format test compares both formats' structure
// with this model.
func ConstructsDoc() *essay.Document {
	p := func(spans ...essay.Span) essay.Block {
		b := essay.Block{Kind: essay.Paragraph, Spans: spans}
		for _, s := range spans {
			if s.Note == "" {
				b.Text += s.Text
			}
		}
		return b
	}
	t := func(s string) essay.Span { return essay.Span{Text: s} }
	h := func(level int, s string) essay.Block {
		return essay.Block{Kind: essay.Heading, Level: level, Text: s}
	}
	item := func(s string, sub *essay.ListInfo) essay.Item { return essay.Item{Text: s, Sub: sub} }
	line := func(s string, indent int) essay.VerseLine { return essay.VerseLine{Text: s, Indent: indent} }
	return &essay.Document{
		Title:    "Walking the Edges of a City",
		Subtitle: "Notes on routes, rivers and the habits of pedestrians",
		Author:   "Imogen Tallis",
		Lang:     "en",
		Encoding: "utf-8",
		Epigraph: &essay.Block{Kind: essay.Quote,
			Text:        "In the woods, we return to reason and faith.",
			Attribution: "Ralph Waldo Emerson, Nature"},
		Blocks: []essay.Block{
			h(1, "Starting Out"),
			p(t("A city is easiest to read on foot, "), essay.Span{Text: "slowly", Emph: true},
				t(", and with no destination in mind."), essay.Span{Text: "1", Note: "n1"},
				t(" The walker who hurries sees only the next crossing.")),
			p(t("Three things matter more than any map: "), essay.Span{Text: "patience", Strong: true},
				t(", curiosity and "), essay.Span{Text: "a pair of dry shoes", Emph: true, Strong: true},
				t(". Everything else can be learned on the way.")),
			h(2, "Choosing a Route"),
			{Kind: essay.List, Text: "Follow the river.\nLeave the river at the second bridge.\nLook for the old tram lines.\nReturn by the market.",
				List: &essay.ListInfo{Kind: essay.Numbered, Style: "1", Start: 1, Items: []essay.Item{
					item("Follow the river.", nil),
					item("Leave the river at the second bridge.", &essay.ListInfo{Kind: essay.Numbered, Style: "a", Start: 1, Items: []essay.Item{
						item("Cross by the footbridge, not the road bridge.", nil),
						item("Turn left at the boatyard.", nil),
					}}),
					item("Look for the old tram lines.", nil),
					item("Return by the market.", nil),
				}}},
			p(t("The steps above can be taken in any weather; the next ones need daylight."), essay.Span{Text: "2", Note: "n2"}),
			{Kind: essay.List, Text: "Climb the hill behind the station.\nWait for the bells.",
				List: &essay.ListInfo{Kind: essay.Numbered, Style: "i", Start: 5, Items: []essay.Item{
					item("Climb the hill behind the station.", nil),
					item("Wait for the bells.", nil),
				}}},
			h(3, "What to Carry"),
			{Kind: essay.List, Text: "A notebook\nA pencil\nWater",
				List: &essay.ListInfo{Kind: essay.Bullets, Items: []essay.Item{
					item("A notebook", &essay.ListInfo{Kind: essay.Bullets, Items: []essay.Item{item("A pencil", nil)}}),
					item("Water", nil),
				}}},
			h(4, "A Note on Maps"),
			p(t("Old maps lie less than new ones, because they were drawn by people who walked."), essay.Span{Text: "1", Note: "n1"}),
			{Kind: essay.Rule},
			h(1, "What the Poets Saw"),
			{Kind: essay.Quote, Text: "The streets are the dwelling place of the collective.",
				Attribution: "A walker's notebook"},
			{Kind: essay.Verse, Text: "I wandered lonely as a cloud\nThat floats on high o'er vales and hills,\nWhen all at once I saw a crowd,\nA host, of golden daffodils;\nFor oft, when on my couch I lie\nIn vacant or in pensive mood,",
				Attribution: "William Wordsworth",
				Stanzas: [][]essay.VerseLine{
					{line("I wandered lonely as a cloud", 0), line("That floats on high o'er vales and hills,", 1),
						line("When all at once I saw a crowd,", 0), line("A host, of golden daffodils;", 1)},
					{line("For oft, when on my couch I lie", 0), line("In vacant or in pensive mood,", 1)},
				}},
			p(t("The poem is a walk remembered, which is the only kind a poem can hold.")),
			h(1, "References"),
			{Kind: essay.List, Text: "Emerson, R. W. (1836). Nature. James Munroe.\nWordsworth, W. (1807). Poems, in Two Volumes. Longman.",
				List: &essay.ListInfo{Kind: essay.References, Items: []essay.Item{
					{Marker: "[1]", Text: "Emerson, R. W. (1836). Nature. James Munroe."},
					{Marker: "[2]", Text: "Wordsworth, W. (1807). Poems, in Two Volumes. Longman."},
				}}},
			{Kind: essay.Signature, Text: "Imogen Tallis, Leith"},
		},
		Notes: []essay.Note{
			{ID: "n1", Label: "1", Text: "The same advice is given in most guides to urban walking."},
			{ID: "n2", Label: "2", Spans: []essay.Span{{Text: "Winter light fails by four o'clock in "}, {Text: "northern", Emph: true}, {Text: " cities."}},
				Text: "Winter light fails by four o'clock in northern cities."},
			{ID: "n3", Label: "3", Text: "A note that nothing in the text refers to is still kept."},
		},
	}
}

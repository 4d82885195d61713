package pdf

import (
	"fmt"

	"github.com/essayexport/essayexport/essay"
)

// The prose below was written for these tests.

var sampleParagraphs = []string{
	"Every town keeps a few roads that nobody plans to use. They appear on the council’s maps as thin grey lines, half-finished promises from a decade when money seemed endless, and they end in gravel, nettles and a rusting gate. I walked one of them last spring, expecting nothing, and came back with a notebook full of questions about how communities decide what is worth maintaining.",
	"The first surprise was how busy the road actually was. Dog walkers used it at dawn; teenagers used it after school as a place to be unobserved; a retired engineer cycled its length every afternoon “to keep the knees honest,” as he put it. None of these people would have described themselves as users of infrastructure. They thought of the road as a kind of commons — something that belonged to them precisely because nobody else seemed to want it.",
	"Planners, understandably, count what they can measure. Traffic sensors record vehicles, not pedestrians; maintenance budgets respond to complaints, and people who are content do not complain. The result is a quiet mismatch between the official picture of a place and the lived one. A road can be simultaneously “unused” in the spreadsheet and indispensable in the neighbourhood’s daily rhythm.",
	"Consider the economics of attention. A councillor who approves resurfacing for a busy arterial route gains visible credit, because thousands of drivers notice the smoother surface. The same money spent on a forgotten lane benefits a handful of walkers who were never going to write letters. Incentives of this kind are not corrupt; they are simply indifferent to whatever cannot be counted, which is a subtler and more stubborn problem.",
	"There is also the matter of memory. Older residents remembered when the lane was supposed to connect two villages, before a bypass made the link pointless. To them it was an unfinished sentence — a reminder that plans change and that the landscape records every change of mind. Younger residents had no such associations; for them the lane had always been a dead end, and its dead-endedness was its charm.",
	"What, then, should a community do with such places? One answer is benign neglect: leave them alone, and let the people who value them continue to use them informally. Another is formal recognition — a sign, a bench, perhaps a line in the parish newsletter. The difficulty with recognition is that it changes the thing recognised. A secret path, once signposted, stops being secret, and some of its users will drift away in search of a new refuge.",
	"I do not think there is a single right answer, but I am convinced that the question deserves to be asked deliberately rather than settled by default. Default decisions favour the measurable, and the measurable is only ever a partial account of what matters. An honest process would begin by asking residents where they actually go, not where the traffic counters say they go.",
	"In the end the lane was neither closed nor improved. The council added it to a list of “assets under review,” which in practice means that it will be left alone for another decade. The engineer still cycles it every afternoon. The nettles still win every summer. And somewhere in a filing cabinet there is a map on which the road remains a thin grey line, waiting for someone to decide what it is for.",
}

// sampleDoc returns an essay of about 900 words with a heading, a list,
// a quotation and references.
func sampleDoc() *essay.Document {
	d := &essay.Document{Title: "The Roads Nobody Uses", Author: "Ada Whitlock", Lang: "en-GB", TitleSource: "metadata"}
	add := func(k essay.Kind, text string) {
		d.Blocks = append(d.Blocks, essay.Block{Kind: k, Text: text})
	}
	add(essay.Paragraph, sampleParagraphs[0])
	add(essay.Paragraph, sampleParagraphs[1])
	d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Heading, Level: 1, Text: "Counting what can be counted"})
	add(essay.Paragraph, sampleParagraphs[2])
	add(essay.Paragraph, sampleParagraphs[3])
	d.Blocks = append(d.Blocks, list(essay.ListInfo{Kind: essay.Numbered, Style: "1", Start: 1, Items: items(
		"Traffic counters record vehicles but not people on foot.",
		"Maintenance follows complaints, and contented users rarely complain about anything at all.",
		"Memory of a place is uneven between generations.")}))
	add(essay.Quote, "A road is a sentence the landscape has not finished saying; the trouble is that we keep reading only the full stops.")
	d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Heading, Level: 2, Text: "Memory and neglect"})
	add(essay.Paragraph, sampleParagraphs[4])
	add(essay.Paragraph, sampleParagraphs[5])
	add(essay.Paragraph, sampleParagraphs[6])
	add(essay.Paragraph, sampleParagraphs[7])
	d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Heading, Level: 1, Text: "References"})
	d.Blocks = append(d.Blocks, list(essay.ListInfo{Kind: essay.References, Items: items(
		"Marsh, T. (2011). Informal Commons: Walking, Waiting and the Edges of Planning. Northfield: Greyline Press.",
		"Okafor, B. and Lind, S. (2019). “Counting feet: pedestrian data in rural councils.” Journal of Local Infrastructure 14(2), 33–58.")}))
	return d
}

// longDoc returns an essay of n paragraphs cycling through the sample prose.
func longDoc(title string, n int) *essay.Document {
	d := &essay.Document{Title: title, Author: "Test Author", Lang: "en"}
	for i := range n {
		if i%5 == 4 {
			d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Heading, Level: 1, Text: fmt.Sprintf("Section %d", i/5+1)})
		}
		d.Blocks = append(d.Blocks, essay.Block{Kind: essay.Paragraph, Text: sampleParagraphs[i%len(sampleParagraphs)]})
	}
	return d
}

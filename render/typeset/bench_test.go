package typeset

import (
	"fmt"
	"strings"
	"testing"
)

// words returns the first n words of the test prose, repeated as needed.
func proseWords(b testing.TB, n int) string {
	all := strings.Fields(strings.Join(prose(b), " "))
	out := make([]string, n)
	for i := range out {
		out[i] = all[i%len(all)]
	}
	return strings.Join(out, " ")
}

// BenchmarkBreak sets paragraphs of 150 and 5,000 words of ordinary prose
// in 11-point Liberation Serif on a 330-point measure, with US
// hyphenation, as render/pdf does.
func BenchmarkBreak(b *testing.B) {
	us := mustLang(b, "en-US")
	m := fontMeasure(11)
	for _, n := range []int{150, 5000} {
		text := proseWords(b, n)
		p := Params{Width: 330, Indent: 11, Measure: m, Hyphenator: us, Justify: true}
		Break(text, p) // warm the measure cache
		for _, s := range setters {
			b.Run(fmt.Sprintf("%s/%dwords", s.name, n), func(b *testing.B) {
				for b.Loop() {
					s.fn(text, p)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n)*100, "ns/100words")
			})
		}
	}
}

// BenchmarkBreakHuge sets one 5 MB paragraph: time must grow linearly.
func BenchmarkBreakHuge(b *testing.B) {
	us := mustLang(b, "en-US")
	m := fontMeasure(11)
	text := proseWords(b, 800_000)
	for len(text) < 5<<20 {
		text += " " + proseWords(b, 10_000)
	}
	n := len(fields(text))
	p := Params{Width: 330, Indent: 11, Measure: m, Hyphenator: us, Justify: true}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Break(text, p)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n)*100, "ns/100words")
}

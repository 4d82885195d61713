package parse

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkParse parses the essay-bank preview sample.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../samples/essay-bank-preview.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// sentence is filler prose for the size benchmarks.
const sentence = "The quick survey of \"local\" habits -- taken over many years... shows that people's routines change slowly. "

// BenchmarkParseLongLine parses a 5 MB essay on one line: the cost must
// grow linearly with the size.
func BenchmarkParseLongLine(b *testing.B) {
	src := []byte(strings.Repeat(sentence, 5<<20/len(sentence)))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseManyLines parses 200,000 short lines of hard-wrapped
// text, which make one long run of lines.
func BenchmarkParseManyLines(b *testing.B) {
	var sb strings.Builder
	for i := range 200000 {
		sb.WriteString("short line of wrapped text number")
		if i%10 == 9 {
			sb.WriteString(" ends.")
		}
		sb.WriteByte('\n')
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseManyParagraphs parses 200,000 one-line paragraphs
// separated by blank lines.
func BenchmarkParseManyParagraphs(b *testing.B) {
	src := []byte(strings.Repeat("A short paragraph of one line.\n\n", 200000))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
)

// BenchmarkConvert measures one essay's whole conversion in-process:
// parse, render to memory. The sample is the seed-layout sample.
func BenchmarkConvert(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(testutil.RepoRoot(), "samples", "essay-bank-preview.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"pdf", "epub"} {
		b.Run(format, func(b *testing.B) {
			opts := render.Defaults()
			var buf bytes.Buffer
			for b.Loop() {
				doc, err := parse.Parse(src, parse.Options{})
				if err != nil {
					b.Fatal(err)
				}
				buf.Reset()
				if _, err := renderers[format](&buf, render.Single(doc, "", ""), opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/doc")
		})
		b.Run(format+"-parallel", func(b *testing.B) {
			opts := render.Defaults()
			b.RunParallel(func(pb *testing.PB) {
				var buf bytes.Buffer
				for pb.Next() {
					doc, _ := parse.Parse(src, parse.Options{Lang: "en"})
					buf.Reset()
					if _, err := renderers[format](&buf, render.Single(doc, "", ""), opts); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

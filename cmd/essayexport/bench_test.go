package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/essayexport/essayexport"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
)

// BenchmarkConvert measures one essay's whole conversion in-process:
// read, parse, render to memory, through the library API. The sample is the seed-layout sample.
func BenchmarkConvert(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(testutil.RepoRoot(), "samples", "essay-bank-preview.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"pdf", "epub"} {
		b.Run(format, func(b *testing.B) {
			opts := essayexport.Options{Format: essayexport.Format(format), Parse: parse.Options{}, Render: render.Defaults()}
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if _, err := essayexport.Convert(context.Background(), &buf, bytes.NewReader(src), opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/doc")
		})
		b.Run(format+"-parallel", func(b *testing.B) {
			opts := essayexport.Options{Format: essayexport.Format(format), Parse: parse.Options{}, Render: render.Defaults()}
			b.RunParallel(func(pb *testing.PB) {
				var buf bytes.Buffer
				for pb.Next() {
					buf.Reset()
					if _, err := essayexport.Convert(context.Background(), &buf, bytes.NewReader(src), opts); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

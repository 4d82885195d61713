package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/internal/testutil"
)

// inputsToValidate lists the samples, and the seed and the corpus where
// ../shared exists.
func inputsToValidate(t *testing.T) []string {
	ins, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(), "samples", "*.txt"))
	if shared, ok := testutil.Shared(); ok {
		corpus, _ := filepath.Glob(filepath.Join(shared, "corpus", "*.txt"))
		ins = append(append(ins, filepath.Join(shared, "seeds", "essay-bank-preview.txt")), corpus...)
	}
	if len(ins) < 5 {
		t.Fatalf("only %d inputs found", len(ins))
	}
	return ins
}

// TestEveryOutputValidates converts every sample (and the seed and the
// corpus, where ../shared exists) to EPUB and PDF, with and without a
// watermark, and checks each EPUB with epubcheck (0 errors, 0 warnings)
// and each PDF with qpdf --check and pdffonts. epubcheck costs a JVM
// start (1-3 s) a book, so watermarked EPUBs are checked for the samples
// and the seed only: the corpus adds no watermark code path. Run
// tools/validate-all.sh for every input both ways.
func TestEveryOutputValidates(t *testing.T) {
	testutil.Need(t, "epubcheck", "qpdf", "pdffonts")
	all := inputsToValidate(t)
	for _, wm := range []string{"", "PREVIEW – not for resale"} {
		for _, format := range []string{"epub", "pdf"} {
			ins := all
			if wm != "" && format == "epub" {
				ins = nil
				for _, in := range all {
					if !strings.Contains(in, string(filepath.Separator)+"corpus"+string(filepath.Separator)) {
						ins = append(ins, in)
					}
				}
			}
			out := t.TempDir()
			// Name clashes between samples/ and the corpus are avoided by
			// converting each input to its own -o path.
			for i, in := range ins {
				o := filepath.Join(out, fmt.Sprintf("%02d-%s.%s", i, strings.TrimSuffix(filepath.Base(in), ".txt"), format))
				args := []string{format, "-q", "-o", o}
				if wm != "" {
					args = append(args, "--watermark", wm)
				}
				if code, _, stderr := runCLI(t, "", append(args, in)...); code != 0 {
					t.Fatalf("%s %s: status %d\n%s", format, in, code, stderr)
				}
			}
			files, _ := filepath.Glob(filepath.Join(out, "*."+format))
			name := format
			if wm != "" {
				name += "-watermark"
			}
			t.Run(name, func(t *testing.T) {
				for _, f := range files {
					t.Run(filepath.Base(f), func(t *testing.T) {
						t.Parallel()
						if format == "epub" {
							testutil.Epubcheck(t, f)
							return
						}
						testutil.QpdfCheck(t, f)
						testutil.PdfFonts(t, f)
						if wm != "" {
							if text := testutil.PdfToText(t, f, "-f", "1", "-l", "1"); !strings.Contains(text, "PREVIEW") {
								t.Errorf("page 1 has no watermark text")
							}
						}
					})
				}
			})
		}
	}
}

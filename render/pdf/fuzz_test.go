package pdf_test

import (
	"bytes"
	"hash/fnv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/pdf"
)

// maxFuzzInput caps a fuzz input: a page of text exercises every block
// kind, line breaking and page furniture, and keeps an execution in
// milliseconds, so the fuzzer runs tens of thousands of them in minutes
// instead of stalling on whole samples (issue 15: 289 executions in 4
// minutes).
const maxFuzzInput = 1500

// fuzzRenderLimit is how long one render of a fuzz input may take.
const fuzzRenderLimit = 5 * time.Second

// pdftotextShare: one input in this many (chosen by a hash of the input,
// so a failure reproduces) is also extracted with pdftotext, a process
// start that costs more than the render itself.
const pdftotextShare = 8

// FuzzRenderPDF feeds the PDF renderer from the parser. Invariants: no
// panic, no error, a complete PDF, and, for every pdftotextShare-th
// input, no word lost: every ASCII word the document shows comes back, in
// order, from pdftotext.
func FuzzRenderPDF(f *testing.F) {
	testutil.Need(f, "pdftotext")
	for _, s := range testutil.FuzzSeeds(f) {
		f.Add(head(s, maxFuzzInput), false)
	}
	f.Add([]byte("A Title\n\nword "+string(bytes.Repeat([]byte("x"), 600))+" end"), true)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src []byte, watermark bool) {
		src = head(src, maxFuzzInput)
		wm := ""
		if watermark {
			wm = "PREVIEW"
		}
		// A page of text parses and renders in milliseconds; one that
		// takes seconds is a bug (it stalled the fuzzer at 0 executions a
		// second), so it fails and is kept as a crasher.
		var buf bytes.Buffer
		var doc *essay.Document
		type result struct {
			parsed bool
			err    error
		}
		done := make(chan result, 1)
		go func() {
			var err error
			doc, err = parse.Parse(testutil.Textify(src), parse.Options{Lang: "en"})
			if err != nil {
				done <- result{} // not text: the CLI refuses it before rendering
				return
			}
			_, err = pdf.Render(&buf, render.Single(doc, wm, ""), render.Defaults())
			done <- result{true, err}
		}()
		select {
		case r := <-done:
			if !r.parsed {
				return
			}
			if r.err != nil {
				t.Fatalf("render: %v", r.err)
			}
		case <-time.After(fuzzRenderLimit):
			t.Fatalf("parsing and rendering %d bytes took more than %v: %q", len(src), fuzzRenderLimit, src)
		}
		out := buf.Bytes()
		if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(out), []byte("%%EOF")) {
			t.Fatalf("not a complete PDF (%d bytes)", len(out))
		}
		h := fnv.New32a()
		h.Write(src)
		if h.Sum32()%pdftotextShare != 0 {
			return
		}
		path := filepath.Join(dir, "fuzz.pdf")
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		// Both sides are split where letters meet digits: a superscript
		// note marker extracts glued to its word ("it4"), and the model's
		// text leaves markers out.
		want := splitDigits(testutil.DocWords(doc))
		// -raw keeps the content stream order and its space characters;
		// the default layout mode guesses spaces from gaps, which fails on a
		// line of one-letter words ("a b" -> "ab").
		got := splitDigits(testutil.ASCIIWords(testutil.PdfToText(t, path, "-raw")))
		if i := testutil.MissingFrom(want, got); i >= 0 {
			t.Fatalf("word %d %q of the document is not in the PDF's text", i, want[i])
		}
	})
}

// head returns at most n bytes of b, cut at the last line end before n
// when there is one.
func head(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	if i := bytes.LastIndexByte(b[:n], '\n'); i > n/2 {
		return b[:i+1]
	}
	return b[:n]
}

// splitDigits splits each word where a letter meets a digit ("it4" ->
// "it", "4"; "mp3" -> "mp", "3").
func splitDigits(words []string) []string {
	var out []string
	for _, w := range words {
		start := 0
		for i := 1; i < len(w); i++ {
			if isDigit(w[i]) != isDigit(w[i-1]) {
				out = append(out, w[start:i])
				start = i
			}
		}
		out = append(out, w[start:])
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

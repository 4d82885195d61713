// Command wordspacing measures the word spacing of justified PDF text, to
// compare line breakers.
//
//	go run ./cmd/wordspacing [-size PT] FILE.pdf|FILE.txt...
//
// For each PDF it runs `pdftotext -bbox-layout` and, for every line that
// is not the last of its block (poppler's <block>/<line> structure; last
// lines are set ragged, not justified), takes the mean gap between
// consecutive words in ems. It prints the median and 99th percentile of
// those means, p99/median (evenness: 1.0 is perfectly even), the share
// of lines looser than 1.4 times the median line, the range of the
// lines' spaces as multiples of the natural space (-natural, Liberation
// Serif's 0.25 em), and the number of lines that end in a hyphen (from
// mutool's text, which shows the pieces of a broken word).
//
// The font size is the word box height divided by -ratio (Liberation
// Serif's boxes in poppler are 1.107 em high), or -size when given.
//
// A .txt file is parsed and rendered four times with the default options
// through render/pdf.RenderWith: with Knuth–Plass line breaking and
// microtypography (character protrusion and font expansion: what
// essayexport uses), with Knuth–Plass alone (before microtypography), with
// a greedy first-fit breaker and the same hyphenation (a word processor),
// and greedy without hyphenation (fpdf's MultiCell). The PDFs go to a temporary directory that is removed
// afterwards. With several inputs, a last line per method pools them all.
package main

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/pdf"
)

var (
	size    = flag.Float64("size", 0, "font size in points (0: derive it from each word's box height)")
	natural = flag.Float64("natural", 0.25, "the natural word space in ems, for the space range")
	ratio   = flag.Float64("ratio", 1.107, "word box height / font size, used when -size is 0")
)

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wordspacing [-size PT] [-ratio R] FILE.pdf|FILE.txt...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	failed := false
	pooled := map[string]*result{}
	var order []string
	for _, path := range flag.Args() {
		err := run(path, func(method string, res *result) {
			if _, ok := pooled[method]; !ok {
				order = append(order, method)
				pooled[method] = &result{}
			}
			pooled[method].means = append(pooled[method].means, res.means...)
			pooled[method].hyphens += res.hyphens
		})
		if err != nil {
			fmt.Fprintf(os.Stderr, "wordspacing: error: %s: %v\n", path, err)
			failed = true
		}
	}
	if flag.NArg() > 1 {
		for _, m := range order {
			fmt.Printf("ALL (%s): %s\n", m, summary(pooled[m]))
		}
	}
	if failed {
		os.Exit(1)
	}
}

// run measures one input, printing a line per method and passing the
// per-line means to pool.
func run(path string, pool func(method string, res *result)) error {
	if !strings.EqualFold(filepath.Ext(path), ".txt") {
		res, err := measure(path)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %s\n", path, summary(res))
		pool("pdf", res)
		return nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	doc, err := parse.Parse(src, parse.Options{Name: parse.ReadableName(path)})
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "wordspacing")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, how := range []struct {
		name string
		set  pdf.Settings
	}{
		{"knuth-plass + microtype", pdf.Settings{}},
		{"knuth-plass", pdf.Settings{NoMicrotype: true}},
		{"greedy", pdf.Settings{Greedy: true}},
		{"greedy, no hyphenation", pdf.Settings{Greedy: true, NoHyphenation: true}},
	} {
		var buf bytes.Buffer
		if _, err := pdf.RenderWith(&buf, render.Single(doc, "", ""), render.Defaults(), how.set); err != nil {
			return err
		}
		out := filepath.Join(dir, "out.pdf")
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			return err
		}
		res, err := measure(out)
		if err != nil {
			return err
		}
		fmt.Printf("%s (%s): %s\n", path, how.name, summary(res))
		pool(how.name, res)
	}
	return nil
}

// The parts of pdftotext -bbox-layout's XHTML that are needed.
type bboxDoc struct {
	Pages []struct {
		Flows []struct {
			Blocks []struct {
				Lines []struct {
					Words []struct {
						XMin float64 `xml:"xMin,attr"`
						YMin float64 `xml:"yMin,attr"`
						XMax float64 `xml:"xMax,attr"`
						YMax float64 `xml:"yMax,attr"`
					} `xml:"word"`
				} `xml:"line"`
			} `xml:"block"`
		} `xml:"flow"`
	} `xml:"body>doc>page"`
}

// result is what measure finds in a PDF.
type result struct {
	means   []float64 // the mean word gap, in ems, of each justified line
	hyphens int       // lines ending in a hyphen (inserted or explicit)
}

// measure returns the mean word gap, in ems, of each justified line of a
// PDF, and counts the lines that end in a hyphen.
func measure(path string) (*result, error) {
	out, err := exec.Command("pdftotext", "-bbox-layout", path, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("failed to run pdftotext: %w", err)
	}
	var d bboxDoc
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("failed to read pdftotext's output: %w", err)
	}
	res := &result{}
	for _, p := range d.Pages {
		for _, f := range p.Flows {
			for _, b := range f.Blocks {
				for i, l := range b.Lines {
					if i == len(b.Lines)-1 || len(l.Words) < 2 {
						continue
					}
					sum := 0.0
					for j := 1; j < len(l.Words); j++ {
						w, prev := l.Words[j], l.Words[j-1]
						em := *size
						if em == 0 {
							em = (w.YMax - w.YMin) / *ratio
						}
						sum += (w.XMin - prev.XMax) / em
					}
					res.means = append(res.means, sum/float64(len(l.Words)-1))
				}
			}
		}
	}
	// pdftotext gives a word broken at a line end back whole, from its
	// /ActualText; MuPDF shows the pieces, so count its lines ending in -.
	if txt, err := exec.Command("mutool", "draw", "-q", "-F", "txt", path).Output(); err == nil {
		for l := range strings.Lines(string(txt)) {
			if strings.HasSuffix(strings.TrimRight(l, " \r\n"), "-") {
				res.hyphens++
			}
		}
	}
	return res, nil
}

// summary gives the median, 99th percentile, p99/median, share of lines
// looser than 1.4 times the median, space range and hyphens.
func summary(res *result) string {
	means := res.means
	if len(means) == 0 {
		return "no justified lines found"
	}
	means = slices.Sorted(slices.Values(means))
	med := percentile(means, 0.5)
	loose := 0
	for _, m := range means {
		if m > 1.4*med {
			loose++
		}
	}
	return fmt.Sprintf("%d lines, median %.3f em, p99 %.3f em, p99/median %.2f, %.1f%% > 1.4x median, spaces %.2f-%.2f x natural, %d hyphens",
		len(means), med, percentile(means, 0.99), percentile(means, 0.99)/med, 100*float64(loose)/float64(len(means)),
		means[0] / *natural, means[len(means)-1] / *natural, res.hyphens)
}

// percentile returns the p-quantile of sorted values (nearest rank).
func percentile(sorted []float64, p float64) float64 {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

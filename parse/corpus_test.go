package parse

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/testutil"
)

// This file scores Parse against the labelled corpus in ../shared/corpus
// with the rules of shared/tools/score-corpus.py, applied to the Document
// instead of an EPUB: the title is Document.Title; the paragraphs are the
// blocks of every kind but heading; the text is the title and all blocks.
// Word recall uses the longest common subsequence of tokens where the
// script uses difflib's matching blocks (equal for texts this close).

// Corpus thresholds from the project's targets.
const (
	minTitles     = 24
	minF1         = 0.97
	maxLeaks      = 0
	minWordRecall = 0.999
)

type corpusLabel struct {
	File       string   `json:"file"`
	Encoding   string   `json:"encoding"`
	Title      *string  `json:"title"`
	Author     *string  `json:"author"`
	Headings   []string `json:"headings"`
	Paragraphs []struct {
		Start string `json:"start"`
		End   string `json:"end"`
	} `json:"paragraphs"`
	Boilerplate []string `json:"boilerplate"`
	Truncated   bool     `json:"truncated"`
	Exclude     []string `json:"exclude_from_body"`
}

var (
	scoreQuotes = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
		"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u2033", `"`, "\u00ab", `"`, "\u00bb", `"`)
	scoreSpaces = regexp.MustCompile(`[\s\x{00a0}\x{2000}-\x{200b}\x{202f}\x{205f}\x{3000}\x{feff}]+`)
	scoreTail   = regexp.MustCompile(`(?:\s*(?:\.\.\.|…)|\s+\d+)+$`)
	scoreEll    = regexp.MustCompile(`(?:\.\.\.|…)$`)
)

func scoreNormWS(s string) string {
	s = norm.NFC.String(s)
	s = strings.ReplaceAll(s, "\u00ad", "")
	return strings.TrimSpace(scoreSpaces.ReplaceAllString(s, " "))
}

func scoreNormMatch(s string) string { return scoreQuotes.Replace(scoreNormWS(s)) }

func scoreStripTail(s string) string {
	prev := "\x00"
	for prev != s {
		prev = s
		s = strings.TrimRightFunc(scoreTail.ReplaceAllString(s, ""), unicode.IsSpace)
		s = strings.TrimRightFunc(scoreEll.ReplaceAllString(s, ""), unicode.IsSpace)
	}
	return s
}

func scoreRelaxed(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(scoreNormMatch(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func scoreTokens(s string) []string {
	var out []string
	for _, t := range strings.Split(strings.ToLower(scoreNormMatch(s)), " ") {
		t = strings.Trim(t, ".,;:!?\"'()[]{}<>*_-\u2013\u2014\u2026/\\|")
		if t == "" || strings.IndexFunc(t, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			continue
		}
		out = append(out, t)
	}
	return out
}

// lcs returns the length of the longest common subsequence of a and b.
func lcs(a, b []string) int {
	prev := make([]int32, len(b)+1)
	cur := make([]int32, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return int(prev[len(b)])
}

// readLabelled decodes a corpus file the way the scoring script does.
func readLabelled(t *testing.T, path, enc string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s string
	switch enc {
	case "utf-8-bom":
		s = strings.TrimPrefix(strings.ToValidUTF8(string(b), "\ufffd"), "\ufeff")
	case "utf-16le":
		out, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder().Bytes(b)
		s = string(out)
	case "windows-1252":
		out, _ := charmap.Windows1252.NewDecoder().Bytes(b)
		s = string(out)
	default:
		s = strings.ToValidUTF8(string(b), "\ufffd")
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

type corpusScore struct {
	file                   string
	title, relaxed         bool
	precision, recall, f1  float64
	pred, gold, leaks      int
	wordRecall             float64
	predTitle, leaked, why string
}

func scoreDoc(t *testing.T, dir string, lab corpusLabel, doc *essay.Document) corpusScore {
	s := corpusScore{file: lab.File, gold: len(lab.Paragraphs), predTitle: doc.Title}
	if lab.Title == nil {
		s.title, s.relaxed = doc.Title == "", doc.Title == ""
	} else {
		s.title = doc.Title != "" && scoreNormMatch(doc.Title) == scoreNormMatch(*lab.Title)
		s.relaxed = doc.Title != "" && scoreRelaxed(doc.Title) == scoreRelaxed(*lab.Title)
	}
	var pred, all []string
	all = append(all, doc.Title)
	for _, b := range doc.Blocks {
		all = append(all, b.Text)
		if b.Kind != essay.Heading {
			pred = append(pred, scoreNormWS(b.Text))
		}
	}
	used := make([]bool, len(pred))
	matched := 0
	for _, g := range lab.Paragraphs {
		st := scoreNormMatch(g.Start)
		en := scoreStripTail(scoreNormMatch(g.End))
		for i, p := range pred {
			pn := scoreNormMatch(p)
			if !used[i] && strings.HasPrefix(pn, st) && strings.HasSuffix(scoreStripTail(pn), en) {
				used[i] = true
				matched++
				break
			}
		}
	}
	s.pred = len(pred)
	switch {
	case len(pred) > 0:
		s.precision = float64(matched) / float64(len(pred))
	case len(lab.Paragraphs) == 0:
		s.precision = 1
	}
	s.recall = 1
	if len(lab.Paragraphs) > 0 {
		s.recall = float64(matched) / float64(len(lab.Paragraphs))
	}
	if s.precision+s.recall > 0 {
		s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall)
	}
	text := scoreNormMatch(strings.Join(all, " "))
	for _, bp := range lab.Boilerplate {
		if n := scoreNormMatch(bp); n != "" && strings.Contains(text, n) {
			s.leaks++
			s.leaked += bp + "; "
		}
	}
	src := scoreNormWS(readLabelled(t, filepath.Join(dir, lab.File), lab.Encoding))
	for _, ex := range lab.Exclude {
		src = strings.Replace(src, scoreNormWS(ex), " ", 1)
	}
	for _, bp := range lab.Boilerplate {
		src = strings.ReplaceAll(src, scoreNormWS(bp), " ")
	}
	st := scoreTokens(src)
	s.wordRecall = 1
	if len(st) > 0 {
		s.wordRecall = float64(lcs(st, scoreTokens(strings.Join(all[1:], " ")))) / float64(len(st))
	}
	return s
}

// TestCorpus parses every labelled corpus file and fails below the
// project's targets. With -v it prints a per-file table.
func TestCorpus(t *testing.T) {
	shared, ok := testutil.Shared()
	if !ok {
		t.Skip("../shared/corpus is absent: the corpus check needs it")
	}
	dir := filepath.Join(shared, "corpus")
	data, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var labels []corpusLabel
	if err := json.Unmarshal(data, &labels); err != nil {
		t.Fatal(err)
	}
	var rows []corpusScore
	for _, lab := range labels {
		src, err := os.ReadFile(filepath.Join(dir, lab.File))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(src, Options{Name: ReadableName(lab.File)})
		if err != nil {
			t.Fatalf("%s: %v", lab.File, err)
		}
		rows = append(rows, scoreDoc(t, dir, lab, doc))
		if lab.Truncated != doc.Preview {
			t.Errorf("%s: preview = %v, want %v", lab.File, doc.Preview, lab.Truncated)
		}
		if lab.Author != nil && doc.Author != *lab.Author {
			t.Errorf("%s: author = %q, want %q", lab.File, doc.Author, *lab.Author)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-42s title relax  P     R     F1    pred/gold leaks recall  note\n", "file")
	titles, relaxed, leaks := 0, 0, 0
	var f1, wr float64
	yes := map[bool]string{true: "yes", false: "no"}
	for _, r := range rows {
		note := ""
		if r.leaks > 0 {
			note = "leaked: " + r.leaked
		}
		if !r.title {
			note += fmt.Sprintf(" title=%q", r.predTitle)
		}
		fmt.Fprintf(&b, "%-42s %-5s %-5s  %.2f  %.2f  %.2f  %4d/%-4d %4d  %.3f  %s\n", r.file, yes[r.title], yes[r.relaxed],
			r.precision, r.recall, r.f1, r.pred, r.gold, r.leaks, r.wordRecall, note)
		if r.title {
			titles++
		}
		if r.relaxed {
			relaxed++
		}
		leaks += r.leaks
		f1 += r.f1
		wr += r.wordRecall
	}
	n := float64(len(rows))
	f1 /= n
	wr /= n
	fmt.Fprintf(&b, "title %d/%d  relaxed %d/%d  para-F1 %.3f  leaks %d  word-recall %.4f\n", titles, len(rows), relaxed, len(rows), f1, leaks, wr)
	t.Log("\n" + b.String())
	if titles < minTitles || f1 < minF1 || leaks > maxLeaks || wr < minWordRecall {
		t.Errorf("corpus below target (titles >= %d, F1 >= %.2f, leaks <= %d, word recall >= %.3f):\n%s", minTitles, minF1, maxLeaks, minWordRecall, b.String())
	}
}

package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/essayexport/essayexport/internal/testutil"
)

// corpusBar is what score-corpus.py must report for the EPUBs of one
// labelled corpus: at most wrongTitles and wrongAuthors files wrong,
// paragraph F1, leaked boilerplate strings, word recall.
type corpusBar struct {
	dir                       string
	wrongTitles, wrongAuthors int
	minF1, minRecall          float64
	maxLeaks                  int
}

// corpusBars are the project's targets: ../shared/corpus (issue 3) and
// ../shared/corpus2 (issue 11).
var corpusBars = []corpusBar{
	{dir: "corpus", wrongTitles: 0, wrongAuthors: 0, minF1: 0.99, minRecall: 0.999, maxLeaks: 0},
	{dir: "corpus2", wrongTitles: 1, wrongAuthors: 1, minF1: 0.95, minRecall: 0.995, maxLeaks: 2},
}

// summaryRE reads score-corpus.py's summary line.
var summaryRE = regexp.MustCompile(`title (\d+)/(\d+)\s+relaxed \d+/\d+\s+para-F1 ([\d.]+)\s+leaks (\d+)\s+word-recall ([\d.]+)(?:\s+author (\d+)/(\d+))?`)

// TestCorpusScore converts every essay of ../shared/corpus and
// ../shared/corpus2 to EPUB with the CLI and scores the EPUBs with
// ../shared/tools/score-corpus.py, the team's yardstick for structure
// inference (issues 3 and 11). It fails below each corpus's bar.
func TestCorpusScore(t *testing.T) {
	shared, ok := testutil.Shared()
	if !ok {
		t.Skip("../shared is not here")
	}
	testutil.Need(t, "python3") // runs score-corpus.py
	for _, bar := range corpusBars {
		t.Run(bar.dir, func(t *testing.T) {
			in := filepath.Join(shared, bar.dir)
			out := t.TempDir()
			if code, _, stderr := runCLI(t, "", "epub", "-q", "--cover", "none", "-d", out, in); code != 0 {
				t.Fatalf("converting %s: status %d\n%s", bar.dir, code, stderr)
			}
			report, err := testutil.Run("python3", filepath.Join(shared, "tools", "score-corpus.py"), out,
				"--labels", filepath.Join(in, "labels.json"), "--corpus", in)
			if err != nil {
				t.Fatalf("score-corpus.py: %v\n%s", err, report)
			}
			t.Logf("score-corpus.py:\n%s", report)
			m := summaryRE.FindStringSubmatch(report)
			if m == nil {
				t.Fatalf("no summary line in:\n%s", report)
			}
			titles, _ := strconv.Atoi(m[1])
			total, _ := strconv.Atoi(m[2])
			f1, _ := strconv.ParseFloat(m[3], 64)
			leaks, _ := strconv.Atoi(m[4])
			recall, _ := strconv.ParseFloat(m[5], 64)
			authors := total
			if m[6] != "" {
				authors, _ = strconv.Atoi(m[6])
			}
			if total-titles > bar.wrongTitles || total-authors > bar.wrongAuthors || f1 < bar.minF1 || leaks > bar.maxLeaks || recall < bar.minRecall {
				t.Errorf("%s below the bar: titles %d/%d and authors %d/%d (want >= %d and %d), para-F1 %.2f (>= %.2f), leaks %d (<= %d), word-recall %.3f (>= %.3f)\n%s",
					bar.dir, titles, total, authors, total, total-bar.wrongTitles, total-bar.wrongAuthors, f1, bar.minF1, leaks, bar.maxLeaks, recall, bar.minRecall, report)
			}
		})
	}
}

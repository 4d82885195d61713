package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/essayexport/essayexport/internal/testutil"
)

// TestCorpusScore converts every essay of ../shared/corpus to EPUB with
// the CLI and scores the EPUBs with ../shared/tools/score-corpus.py, the
// team's yardstick for structure inference (issue 3). It fails below the
// thresholds: 24/25 exact titles, paragraph F1 0.97, no leaked
// boilerplate, word recall 0.999.
func TestCorpusScore(t *testing.T) {
	shared, ok := testutil.Shared()
	if !ok {
		t.Skip("../shared is not here")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is needed to run score-corpus.py")
	}
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "", "epub", "-q", "--cover", "none", "-d", out, filepath.Join(shared, "corpus")); code != 0 {
		t.Fatalf("converting the corpus: status %d\n%s", code, stderr)
	}
	report, err := testutil.Run("python3", filepath.Join(shared, "tools", "score-corpus.py"), out)
	if err != nil {
		t.Fatalf("score-corpus.py: %v\n%s", err, report)
	}
	t.Logf("score-corpus.py:\n%s", report)
	m := regexp.MustCompile(`title (\d+)/(\d+)\s+relaxed \d+/\d+\s+para-F1 ([\d.]+)\s+leaks (\d+)\s+word-recall ([\d.]+)`).FindStringSubmatch(report)
	if m == nil {
		t.Fatalf("no summary line in:\n%s", report)
	}
	titles, _ := strconv.Atoi(m[1])
	total, _ := strconv.Atoi(m[2])
	f1, _ := strconv.ParseFloat(m[3], 64)
	leaks, _ := strconv.Atoi(m[4])
	recall, _ := strconv.ParseFloat(m[5], 64)
	if total-titles > 1 || f1 < 0.97 || leaks != 0 || recall < 0.999 {
		t.Errorf("below the bar: titles %d/%d (want >= %d), para-F1 %.2f (>= 0.97), leaks %d (0), word-recall %.3f (>= 0.999)\n%s",
			titles, total, total-1, f1, leaks, recall, report)
	}
}

package main

import (
	"io"

	"github.com/schollz/progressbar/v3"
)

// progress is the progress bar shown on a terminal during a batch: count,
// rate and ETA. A nil *progress shows nothing, so callers need not check.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(w io.Writer, total int) *progress {
	return &progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("converting"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("essays"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *progress) add() {
	if p != nil {
		p.bar.Add(1)
	}
}

// clear removes the bar so that a message can be printed on a clean line.
func (p *progress) clear() {
	if p != nil {
		p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p != nil {
		p.bar.Finish()
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/essayexport/essayexport"
	"github.com/essayexport/essayexport/internal/batch"
	"github.com/essayexport/essayexport/parse"
)

// convertOne converts one essay; tests replace it to make a render fail.
var convertOne = essayexport.Convert

// outcome is what converting one input gave.
type outcome struct {
	status   string // "written", "skipped" or "failed"
	title    string
	pages    int
	bytes    int
	took     time.Duration
	warnings []string
}

// convert runs `essayexport pdf|epub`: every input to its own output, or
// all of them into one pack.
func convert(ctx context.Context, e *env, a *args) error {
	if err := a.check(e); err != nil {
		return err
	}
	opts := a.renderOptions()
	if a.format == "epub" && a.cover != "auto" && a.cover != "none" {
		img, err := readLimited(a.cover, maxCoverSize, "--cover")
		if err != nil {
			return usagef("give a PNG or JPEG image, or --cover none", "--cover %s: %v", a.cover, pathErr(err))
		}
		if !bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")) && !bytes.HasPrefix(img, []byte("\xff\xd8\xff")) {
			return usagef("give a PNG or JPEG image, or --cover none", "--cover %s is neither a PNG nor a JPEG image", a.cover)
		}
		opts.Cover.Image = img
	}
	defer e.closeRoots()
	if a.pack {
		return buildPack(ctx, e, a, opts)
	}
	items, err := plan(e, a)
	if err != nil {
		return err
	}
	if err := checkReadsNotWritten(a, items); err != nil {
		return err
	}
	var binTime time.Time
	if a.skipUpToDate {
		if exe, err := os.Executable(); err == nil {
			if st, err := os.Stat(exe); err == nil {
				binTime = st.ModTime()
			}
		}
	}
	if a.dryRun {
		return dryRun(e, a, items, binTime)
	}
	rep, err := newReporter(e, a, len(items))
	if err != nil {
		return err
	}
	defer rep.close() // after an early return; a second close does nothing
	base := a.options(opts)
	work := func(ctx context.Context, it item) (outcome, error) {
		start := time.Now()
		if it.err != nil {
			return outcome{}, it.err
		}
		if a.skipUpToDate && upToDate(it, binTime) {
			return outcome{status: "skipped"}, nil
		}
		in, inInfo, err := openInput(e, it.input, a.maxBytes)
		if err != nil {
			return outcome{}, err
		}
		defer in.Close()
		o := base
		o.Parse.Name = nameOf(it.input)
		out := newOutput(e, it.output, inInfo)
		res, err := convertOne(ctx, out, in, o)
		if err != nil {
			out.abort()
			return outcome{}, out.writeErr(err)
		}
		if err := out.commit(ctx); err != nil {
			return outcome{}, err
		}
		return outcome{status: "written", title: res.Title, pages: res.Pages, bytes: int(res.Bytes),
			took: time.Since(start), warnings: res.Warnings}, nil
	}
	runErr := batch.Run(ctx, a.jobs, slices.Values(items), work, func(it item, o outcome, err error) bool {
		return rep.report(ctx, it, o, err)
	})
	if runErr != nil {
		return runErr
	}
	rep.summary()
	logErr := rep.close()
	if rep.failed > 0 {
		return &failedError{rep.failed}
	}
	return logErr
}

// upToDate reports whether it's output is newer than its input and the
// binary.
func upToDate(it item, bin time.Time) bool {
	if it.input == "-" || it.output == "-" {
		return false
	}
	out, err := os.Stat(it.output)
	if err != nil {
		return false
	}
	in, err := os.Stat(it.input)
	return err == nil && out.ModTime().After(in.ModTime()) && out.ModTime().After(bin)
}

// nameOf is the readable name the parser falls back to for a title.
func nameOf(path string) string {
	if path == "-" {
		return ""
	}
	return parse.ReadableName(filepath.Base(path))
}

// reporter prints errors, warnings, the progress bar and the summary, and
// writes --log-json. Its methods are called from one goroutine at a time.
type reporter struct {
	e                        *env
	a                        *args
	total                    int
	written, skipped, failed int
	bar                      *progress
	log                      io.WriteCloser
	logErr                   error // the first failed write to --log-json
}

func newReporter(e *env, a *args, total int) (*reporter, error) {
	r := &reporter{e: e, a: a, total: total}
	if a.logJSON != "" {
		f, err := os.Create(a.logJSON)
		if err != nil {
			return nil, usagef("give a writable path to --log-json", "--log-json %s: %v", a.logJSON, pathErr(err))
		}
		r.log = f
	}
	if !a.quiet && e.stderrIsTTY && total > 1 {
		r.bar = newProgress(e.stderr, total)
	}
	return r, nil
}

func (r *reporter) report(ctx context.Context, it item, o outcome, err error) bool {
	if err != nil && ctx.Err() != nil {
		return false // interrupted: the signal is reported once, by run
	}
	if err != nil {
		o.status = "failed"
		r.failed++
		r.bar.clear()
		reportFailure(r.e, it.input, err)
	} else if o.status == "skipped" {
		r.skipped++
	} else {
		r.written++
	}
	if !r.a.quiet && len(o.warnings) > 0 {
		r.bar.clear()
		for _, w := range o.warnings {
			reportWarning(r.e, it.input, w)
		}
	}
	r.bar.add()
	if r.log != nil {
		rec := logRecord{Input: it.input, Output: it.output, Status: o.status, Title: o.title, Pages: o.pages,
			Bytes: o.bytes, Milliseconds: float64(o.took.Microseconds()) / 1000, Warnings: o.warnings}
		if rec.Warnings == nil {
			rec.Warnings = []string{}
		}
		if err != nil {
			rec.Error, _ = describe(err)
			rec.Output = ""
		}
		line, _ := json.Marshal(rec)
		if _, err := r.log.Write(append(line, '\n')); err != nil && r.logErr == nil {
			r.logErr = err
		}
	}
	return err == nil || !r.a.failFast
}

// logRecord is one line of --log-json.
type logRecord struct {
	Input        string   `json:"input"`
	Output       string   `json:"output"`
	Status       string   `json:"status"`
	Error        string   `json:"error,omitempty"`
	Title        string   `json:"title,omitempty"`
	Pages        int      `json:"pages,omitempty"`
	Bytes        int      `json:"bytes,omitempty"`
	Milliseconds float64  `json:"milliseconds"`
	Warnings     []string `json:"warnings"`
}

// summary prints the one-line summary of a run of several inputs.
func (r *reporter) summary() {
	r.bar.finish()
	if r.a.quiet || (r.total <= 1 && r.failed == 0) {
		return
	}
	s := fmt.Sprintf("%s written", commas(r.written))
	if r.skipped > 0 {
		s += fmt.Sprintf(", %s up to date", commas(r.skipped))
	}
	s += fmt.Sprintf(", %s failed", commas(r.failed))
	if rest := r.total - r.written - r.skipped - r.failed; rest > 0 {
		s += fmt.Sprintf(", %s not attempted (--fail-fast)", commas(rest))
	}
	fmt.Fprintf(r.e.stderr, "essayexport: %s\n", s)
}

// close closes --log-json; an error writing it is a failure of the run
// (a script reads that log), named on its own line.
func (r *reporter) close() error {
	if r.log == nil {
		return nil
	}
	err := r.log.Close()
	r.log = nil
	if r.logErr != nil {
		err = r.logErr
	}
	if err != nil {
		reportFailure(r.e, "--log-json", &writeError{path: r.a.logJSON, err: err})
		return &failedError{1}
	}
	return nil
}

func displayName(input string) string {
	if input == "-" {
		return "standard input"
	}
	return input
}

// commas formats n with thousands separators: 1998 -> "1,998".
func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// dryRun prints what each input would become, one line each, and writes
// nothing: "IN -> OUT", "IN: skipped (up to date)", or "IN: error: ..."
// for an input that could not be listed (the run then exits 1, as it
// would have).
func dryRun(e *env, a *args, items []item, binTime time.Time) error {
	failed := 0
	for _, it := range items {
		switch {
		case it.err != nil:
			failed++
			msg, _ := describe(it.err)
			fmt.Fprintf(e.stdout, "%s: error: %s\n", msgName(it.input), oneLine(msg))
		case a.skipUpToDate && upToDate(it, binTime):
			fmt.Fprintf(e.stdout, "%s: skipped (%s is up to date)\n", msgName(it.input), msgName(it.output))
		default:
			fmt.Fprintf(e.stdout, "%s -> %s\n", msgName(it.input), msgName(it.output))
		}
	}
	if failed > 0 {
		return &failedError{failed}
	}
	return nil
}

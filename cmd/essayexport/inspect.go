package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/parse"
)

// inspectReport is one input's `inspect --json` object.
type inspectReport struct {
	File string `json:"file"`
	*essay.Document
}

// inspect runs `essayexport inspect`: what was inferred from each input,
// and why.
func inspect(ctx context.Context, e *env, a *args) error {
	if err := a.check(e); err != nil {
		return err
	}
	paths, _, bad, err := expandInputs(e, a)
	if err != nil {
		return err
	}
	failed := 0
	fail := func(input string, err error) {
		failed++
		reportFailure(e, input, err)
	}
	for _, b := range bad {
		fail(b.input, b.err)
	}
	for _, p := range paths {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		src, _, err := readInput(e, p, a.maxBytes)
		if err != nil {
			fail(p, err)
			continue
		}
		doc, err := parse.Parse(src, a.parseOptions(nameOf(p)))
		if err != nil {
			fail(p, err)
			continue
		}
		rep := inspectReport{File: displayName(p), Document: doc}
		if doc.Blocks == nil {
			doc.Blocks = []essay.Block{}
		}
		if doc.Removed == nil {
			doc.Removed = []essay.Removed{}
		}
		if doc.Warnings == nil {
			doc.Warnings = []string{}
		}
		if a.json {
			var out []byte
			if len(paths) == 1 {
				out, _ = json.MarshalIndent(rep, "", "  ")
			} else {
				out, _ = json.Marshal(rep)
			}
			fmt.Fprintf(e.stdout, "%s\n", out)
		} else {
			printInspect(e.stdout, rep)
		}
	}
	if failed > 0 {
		return &failedError{failed}
	}
	return nil
}

// printInspect prints the human-readable form of a report.
func printInspect(w io.Writer, r inspectReport) {
	d := r.Document
	title := "(none)"
	if d.Title != "" {
		title = fmt.Sprintf("%q", d.Title)
	}
	fmt.Fprintf(w, "%s\n", r.File)
	fmt.Fprintf(w, "  encoding  %s\n", d.Encoding)
	fmt.Fprintf(w, "  title     %s  [from %s]\n", title, d.TitleSource)
	if d.Author != "" {
		fmt.Fprintf(w, "  author    %q\n", d.Author)
	}
	switch d.LangSource {
	case "detected":
		fmt.Fprintf(w, "  lang      %s  [detected, confidence %.2f]\n", d.Lang, d.LangConfidence)
	case "":
		fmt.Fprintf(w, "  lang      %s\n", d.Lang)
	default:
		fmt.Fprintf(w, "  lang      %s  [from %s]\n", d.Lang, d.LangSource)
	}
	fmt.Fprintf(w, "  preview   %v\n", d.Preview)
	fmt.Fprintf(w, "  blocks    %d\n", len(d.Blocks))
	for i, b := range d.Blocks {
		kind := string(b.Kind)
		if b.Kind == essay.Heading {
			kind = fmt.Sprintf("heading %d", b.Level)
		}
		fmt.Fprintf(w, "    %3d  line %-4d %-12s %-60s  [%s]\n", i+1, b.Line, kind, clip(b.Marker+" "+b.Text, 60), b.Why)
	}
	if len(d.Removed) > 0 {
		fmt.Fprintf(w, "  removed   %d\n", len(d.Removed))
		for _, rm := range d.Removed {
			fmt.Fprintf(w, "         line %-4d %-60s  [%s]\n", rm.Line, clip(rm.Text, 60), rm.Why)
		}
	}
	for _, warn := range d.Warnings {
		fmt.Fprintf(w, "  warning   %s\n", warn)
	}
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

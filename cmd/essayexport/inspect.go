package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/essayexport/essayexport"
	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/parse"
)

// inspectReport is one input's `inspect --json` object.
// Schema (essay.Schema) versions the JSON form.
type inspectReport struct {
	File   string `json:"file"`
	Schema int    `json:"schema"`
	// DisplayTitle is the title pdf and epub put in the metadata, the
	// contents of a pack and running headers: the title, else the file
	// name (essay.Document.DisplayTitle).
	DisplayTitle string `json:"display_title"`
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
	if a.json && a.html {
		return usagef("use one of them", "--json and --html cannot be used together")
	}
	var pages []htmlInput // inspect --html: written once all are read
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
		po := a.parseOptions(nameOf(p))
		doc, err := parse.Parse(src, po)
		if err != nil {
			fail(p, err)
			continue
		}
		rep := inspectReport{File: displayName(p), Schema: essay.Schema, DisplayTitle: doc.DisplayTitle(), Document: doc}
		// What pdf and epub refuse fails here too (after the report,
		// which shows why).
		refused := essayexport.CheckText(doc, src)
		if doc.Blocks == nil {
			doc.Blocks = []essay.Block{}
		}
		if doc.Removed == nil {
			doc.Removed = []essay.Removed{}
		}
		if doc.Warnings == nil {
			doc.Warnings = []string{}
		}
		if a.html {
			lines, _ := parse.SourceLines(src, po)
			pages = append(pages, htmlInput{rep, lines})
			if refused != nil {
				fail(p, refused)
			}
			continue
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
		if refused != nil {
			fail(p, refused)
		}
	}
	if a.html && len(pages) > 0 {
		if err := writeInspectHTML(e.stdout, pages); err != nil {
			return fmt.Errorf("failed to write the HTML report: %w", err)
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
	if d.Title == "" {
		fmt.Fprintf(w, "  shown as  %q  [the title pdf and epub put in metadata and contents]\n", r.DisplayTitle)
	}
	if d.Subtitle != "" {
		fmt.Fprintf(w, "  subtitle  %q  [%s]\n", d.Subtitle, d.SubtitleWhy)
	}
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
	if e := d.Epigraph; e != nil {
		fmt.Fprintf(w, "  epigraph  %-12s %-60s  [%s]\n", e.Kind, clip(inspectText(e), 60), e.Why)
		printInner(w, e)
	}
	fmt.Fprintf(w, "  blocks    %d\n", len(d.Blocks))
	for i := range d.Blocks {
		b := &d.Blocks[i]
		kind := string(b.Kind)
		switch b.Kind {
		case essay.Heading:
			kind = fmt.Sprintf("heading %d", b.Level)
		case essay.List:
			kind = "list " + string(b.List.Kind)
		}
		fmt.Fprintf(w, "    %3d  line %-4d %-12s %-60s  [%s]\n", i+1, b.Line, kind, clip(inspectText(b), 60), b.Why)
		printInner(w, b)
	}
	if len(d.Notes) > 0 {
		fmt.Fprintf(w, "  notes     %d\n", len(d.Notes))
		for _, n := range d.Notes {
			fmt.Fprintf(w, "         line %-4d %-4s %-55s  [%s]\n", n.Line, n.Label, clip(essay.DumpSpans(n.Runs()), 55), n.Why)
		}
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

// inspectText is a block's one-line summary: its inline content with
// emphasis and note references marked (*x*, **x**, [^n1]); for a list or
// verse, a count (the items or lines follow on their own lines).
func inspectText(b *essay.Block) string {
	switch b.Kind {
	case essay.List:
		if b.List.Kind == essay.Numbered {
			return fmt.Sprintf("%d items, style %s from %d", len(b.List.Items), b.List.Style, b.List.Start)
		}
		return fmt.Sprintf("%d items", len(b.List.Items))
	case essay.Verse:
		n := 0
		for _, st := range b.Stanzas {
			n += len(st)
		}
		return fmt.Sprintf("%d lines in %d stanzas", n, len(b.Stanzas))
	case essay.Rule:
		return "* * *"
	}
	return essay.DumpSpans(b.Runs())
}

// printInner prints a list's items (nested ones deeper), a verse's lines
// and an attribution under the block's line.
func printInner(w io.Writer, b *essay.Block) {
	var items func(l *essay.ListInfo, depth int)
	items = func(l *essay.ListInfo, depth int) {
		for i := range l.Items {
			it := &l.Items[i]
			pad := strings.Repeat("  ", depth)
			fmt.Fprintf(w, "              line %-4d %s%-5s %-*s  [%s]\n", it.Line, pad, it.Marker, 52-len(pad), clip(essay.DumpSpans(it.Runs()), 52-len(pad)), it.Why)
			if it.Sub != nil {
				items(it.Sub, depth+1)
			}
		}
	}
	switch b.Kind {
	case essay.List:
		items(b.List, 0)
	case essay.Verse:
		for k, st := range b.Stanzas {
			if k > 0 {
				fmt.Fprintf(w, "              |\n")
			}
			for _, l := range st {
				fmt.Fprintf(w, "              | %s%s\n", strings.Repeat("  ", l.Indent), clip(essay.DumpSpans(l.Runs()), 70))
			}
		}
	}
	if b.Attribution != "" {
		fmt.Fprintf(w, "              — %s\n", b.Attribution)
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

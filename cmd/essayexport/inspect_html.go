package main

import (
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/essayexport/essayexport/essay"
)

// This file writes `inspect --html`: one self-contained page (inline
// style, no script, no external resource) that shows each input's source
// lines, each marked with what the parser made of it (title, author,
// heading, paragraph, quote, verse, list, letter part, note) or why it was
// removed (chrome, metadata, page furniture), with a colour legend and the
// title candidates with their scores, so a teacher sees at a glance what
// will be printed and why.

// htmlInput is one input's report and its decoded source lines.
type htmlInput struct {
	rep   inspectReport
	lines []string
}

// htmlLine is one source line as the page shows it.
type htmlLine struct {
	Num   int
	Text  string
	Class string // a legend class
	Label string // short mark in the margin
	Why   string // the parser's reason; "" on continuation lines
}

// htmlDoc is one input as the page shows it.
type htmlDoc struct {
	File, Title, TitleSource, Author, Lang, Encoding string
	Preview                                          bool
	Candidates                                       []essay.TitleCandidate
	Lines                                            []htmlLine
	Counts                                           map[string]int
}

// legend lists the classes in the order the legend shows them, with their
// colours and meaning.
var legend = []struct{ Class, Color, Meaning string }{
	{"title", "#f6d365", "title"},
	{"author", "#d9b8f5", "author"},
	{"heading", "#9cc7f5", "heading"},
	{"paragraph", "#c9efc4", "paragraph"},
	{"quote", "#a8e6e0", "block quotation or epigraph"},
	{"verse", "#f7c6e0", "verse"},
	{"list", "#e2f0a8", "list item or reference entry"},
	{"letter", "#f5dcb8", "dateline, salutation or signature"},
	{"note", "#d7e3ea", "note"},
	{"meta", "#cfd8f7", "removed: metadata (header, cover sheet, front matter)"},
	{"furniture", "#f9d2a7", "removed: page furniture (page numbers, running heads, contents, rules, wrappers)"},
	{"chrome", "#e4e4e4", "removed: site or app chrome, with its reason"},
}

// writeInspectHTML writes the page for all inputs.
func writeInspectHTML(w io.Writer, inputs []htmlInput) error {
	docs := make([]htmlDoc, len(inputs))
	for i, in := range inputs {
		docs[i] = markLines(in)
	}
	return inspectPage.Execute(w, struct {
		Legend any
		Docs   []htmlDoc
	}{legend, docs})
}

// markLines decides the class, mark and reason of every source line.
func markLines(in htmlInput) htmlDoc {
	d := in.rep.Document
	out := htmlDoc{File: in.rep.File, Title: d.Title, TitleSource: d.TitleSource, Author: d.Author, Lang: d.Lang,
		Encoding: d.Encoding, Preview: d.Preview, Candidates: d.TitleCandidates, Counts: map[string]int{}}
	marks := make([]htmlLine, len(in.lines))
	for i, t := range in.lines {
		marks[i] = htmlLine{Num: i + 1, Text: t, Class: "blank"}
	}
	set := func(n int, class, label, why string) {
		if n >= 1 && n <= len(marks) {
			marks[n-1].Class, marks[n-1].Label, marks[n-1].Why = class, label, why
		}
	}
	// Blocks: a block's lines run from its first line to the line before
	// the next thing that starts.
	type span struct {
		line         int
		class, label string
		why          string
	}
	var spans []span
	add := func(b *essay.Block, epigraph bool) {
		class, label := blockClass(b)
		if epigraph {
			class, label = "quote", "epigraph"
		}
		if b.Kind == essay.List && b.List != nil {
			var items func(l *essay.ListInfo)
			items = func(l *essay.ListInfo) {
				for _, it := range l.Items {
					spans = append(spans, span{it.Line, "list", "item " + it.Marker, it.Why})
					if it.Sub != nil {
						items(it.Sub)
					}
				}
			}
			items(b.List)
			return
		}
		spans = append(spans, span{b.Line, class, label, b.Why})
	}
	if d.Epigraph != nil {
		add(d.Epigraph, true)
	}
	for i := range d.Blocks {
		add(&d.Blocks[i], false)
	}
	for _, n := range d.Notes {
		spans = append(spans, span{n.Line, "note", "note " + n.Label, n.Why})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].line < spans[j].line })
	removed := map[int][]essay.Removed{}
	for _, r := range d.Removed {
		removed[r.Line] = append(removed[r.Line], r)
	}
	for k, s := range spans {
		end := len(marks)
		if k+1 < len(spans) {
			end = spans[k+1].line - 1
		}
		for n := s.line; n <= end && n <= len(marks); n++ {
			if strings.TrimSpace(marks[n-1].Text) == "" || n > s.line && wholeRemoved(marks[n-1].Text, removed[n]) {
				if n > s.line && strings.TrimSpace(marks[n-1].Text) == "" && s.class != "verse" {
					break
				}
				continue
			}
			if n == s.line {
				set(n, s.class, s.label, s.why)
			} else {
				set(n, s.class, "", "")
			}
		}
	}
	for n, rs := range removed {
		if n < 1 || n > len(marks) {
			continue
		}
		var why []string
		for _, r := range rs {
			why = append(why, fmt.Sprintf("%q: %s", r.Text, r.Why))
		}
		if wholeRemoved(marks[n-1].Text, rs) || marks[n-1].Class == "blank" {
			set(n, removedClass(rs[0].Why), "removed", strings.Join(why, "; "))
		} else {
			marks[n-1].Why = strings.TrimPrefix(marks[n-1].Why+"; cut from this line: "+strings.Join(why, "; "), "; ")
		}
	}
	// The title line: the chosen candidate, else the first line before
	// the body that holds the title.
	titleLine := 0
	for _, c := range d.TitleCandidates {
		if c.Chosen && c.Line > 0 && c.Text == strings.TrimSpace(in.lines[c.Line-1]) {
			titleLine = c.Line
		}
	}
	if titleLine == 0 && d.Title != "" && d.TitleSource != "flag" {
		for i, t := range in.lines {
			if strings.Contains(strings.Join(strings.Fields(t), " "), d.Title) && (marks[i].Class == "blank" || marks[i].Class == "title") {
				titleLine = i + 1
				break
			}
		}
	}
	if titleLine > 0 && marks[titleLine-1].Class != "meta" {
		set(titleLine, "title", "title", "title ("+d.TitleSource+")")
	}
	for i := range marks {
		if marks[i].Class == "meta" && strings.Contains(marks[i].Why, "gives the author") || strings.Contains(marks[i].Why, ": author:") {
			marks[i].Class, marks[i].Label = "author", "author"
		}
		if marks[i].Class == "meta" && strings.Contains(marks[i].Why, "gives the title") {
			marks[i].Class, marks[i].Label = "title", "title"
		}
		out.Counts[marks[i].Class]++
	}
	out.Lines = marks
	return out
}

// wholeRemoved reports whether the removed entries of a line cover all of
// its text.
func wholeRemoved(text string, rs []essay.Removed) bool {
	t := strings.Join(strings.Fields(text), " ")
	for _, r := range rs {
		if strings.Join(strings.Fields(r.Text), " ") == t {
			return true
		}
	}
	return false
}

// blockClass gives a block's legend class and margin mark.
func blockClass(b *essay.Block) (string, string) {
	switch b.Kind {
	case essay.Heading:
		return "heading", fmt.Sprintf("heading %d", b.Level)
	case essay.Paragraph:
		return "paragraph", "paragraph"
	case essay.Quote:
		return "quote", "quote"
	case essay.Verse:
		return "verse", "verse"
	case essay.List:
		return "list", string(b.Kind)
	case essay.Dateline, essay.Salutation, essay.Signature:
		return "letter", string(b.Kind)
	case essay.Rule:
		return "furniture", "rule"
	}
	return "paragraph", string(b.Kind)
}

// removedClass sorts a removal reason into the legend's classes.
func removedClass(why string) string {
	head := why
	if i := strings.IndexByte(why, ':'); i >= 0 {
		head = why[:i]
	}
	switch head {
	case "metadata", "front matter", "cover sheet", "author", "byline", "title", "title repeat", "title site suffix", "subtitle":
		return "meta"
	case "page number", "page furniture", "running header", "rule", "table of contents", "wrapper", "debris":
		return "furniture"
	}
	if strings.HasPrefix(head, "page") || strings.HasPrefix(head, "running") {
		return "furniture"
	}
	return "chrome"
}

var inspectPage = template.Must(template.New("inspect").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>essayexport inspect</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; margin: 1.2em 0 .3em; }
.summary td { padding: 0 1em 0 0; }
.legend span { display: inline-block; margin: 0 .4em .4em 0; padding: .15em .5em; border-radius: 3px; font-size: 12px; }
table.src { border-collapse: collapse; width: 100%; margin-top: .8em; }
table.src td { vertical-align: top; padding: 1px 6px; }
td.n { color: #888; text-align: right; font: 12px monospace; width: 3em; }
td.m { font-size: 11px; width: 7em; white-space: nowrap; }
td.t { font: 12px/1.35 monospace; white-space: pre-wrap; word-break: break-word; max-width: 84ch; }
td.w { font-size: 11px; color: #444; }
tr.chrome td.t { text-decoration: line-through; color: #777; }
tr.furniture td.t, tr.meta td.t { color: #555; }
table.cand { border-collapse: collapse; font-size: 12px; }
table.cand td, table.cand th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; }
tr.chosen { font-weight: bold; background: #f6d365; }
{{range .Legend}}.{{.Class}} { background: {{.Color}}; }
{{end}}
</style>
</head>
<body>
<div class="legend">{{range .Legend}}<span class="{{.Class}}">{{.Meaning}}</span>{{end}}</div>
{{range .Docs}}
<h1>{{.File}}</h1>
<table class="summary">
<tr><td>title</td><td><b>{{if .Title}}{{.Title}}{{else}}(none){{end}}</b> [from {{.TitleSource}}]</td></tr>
<tr><td>author</td><td>{{if .Author}}{{.Author}}{{else}}(none){{end}}</td></tr>
<tr><td>language</td><td>{{.Lang}}</td><td>encoding</td><td>{{.Encoding}}</td><td>preview</td><td>{{.Preview}}</td></tr>
</table>
{{if .Candidates}}<p>Title candidates, best score wins:</p>
<table class="cand"><tr><th>line</th><th>candidate</th><th>score</th><th>evidence</th></tr>
{{range .Candidates}}<tr{{if .Chosen}} class="chosen"{{end}}><td>{{.Line}}</td><td>{{.Text}}</td><td>{{.Score}}</td><td>{{.Why}}</td></tr>
{{end}}</table>{{end}}
<table class="src">
{{range .Lines}}<tr class="{{.Class}}"><td class="n">{{.Num}}</td><td class="m">{{.Label}}</td><td class="t">{{.Text}}</td><td class="w">{{.Why}}</td></tr>
{{end}}</table>
{{end}}
</body>
</html>
`))

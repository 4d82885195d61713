package main

// This file prints --help. urfave/cli's templates print each flag on one
// line with its usage unwrapped and a "(default: ...)" taken from the
// Go value, which broke 80 columns and contradicted the usage text; the
// printer here wraps to 80 columns, groups flags by their Category and
// shows the one default each flag declares (its DefaultText or Value).

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

// helpWidth is the width --help fits in.
const helpWidth = 80

// flagColumn is where a flag's usage starts.
const flagColumn = 28

// printHelp is cli.HelpPrinter: data is the *cli.App or a *cli.Command.
func printHelp(w io.Writer, _ string, data any) {
	switch d := data.(type) {
	case *cli.App:
		fmt.Fprint(w, appHelp(d))
	case *cli.Command:
		fmt.Fprint(w, commandHelp(d))
	}
}

// appHelp is `essayexport --help`.
func appHelp(app *cli.App) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n", app.Name, app.Version, app.Usage)
	b.WriteString("USAGE:\n")
	for _, c := range app.VisibleCommands() {
		if c.Name == "help" {
			continue
		}
		fmt.Fprintf(&b, "   %s\n", c.UsageText)
	}
	b.WriteString("\nCOMMANDS:\n")
	for _, c := range app.VisibleCommands() {
		if c.Name != "help" {
			writeItem(&b, "   "+c.Name, c.Usage)
		}
	}
	writeItem(&b, "   help [COMMAND]", "show the commands, or one command's options")
	b.WriteString("\nOPTIONS:\n")
	writeItem(&b, "   -h, --help", "show help (also: essayexport help COMMAND)")
	writeItem(&b, "   -v, --version", "print the version")
	b.WriteString("\n")
	b.WriteString(wrap(app.Description, 0))
	b.WriteString("\n")
	return b.String()
}

// commandHelp is `essayexport COMMAND --help`.
func commandHelp(c *cli.Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "essayexport %s: %s\n\nUSAGE:\n   %s\n", c.Name, c.Usage, c.UsageText)
	if c.Description != "" {
		b.WriteString("\n")
		b.WriteString(wrap(c.Description, 0))
		b.WriteString("\n")
	}
	for _, cat := range flagCategories(c.Flags) {
		fmt.Fprintf(&b, "\n%s:\n", strings.ToUpper(cat.name))
		for _, f := range cat.flags {
			writeItem(&b, "  "+flagSynopsis(f), flagUsage(f))
		}
	}
	if ex := examples[c.Name]; ex != "" {
		b.WriteString("\nEXAMPLES:\n")
		b.WriteString(ex)
	}
	b.WriteString("\n")
	b.WriteString(exitStatusText)
	b.WriteString("\n")
	return b.String()
}

// category is a group of flags in --help, in the order declared.
type category struct {
	name  string
	flags []cli.Flag
}

// flagCategories groups flags by Category, categories in the order
// their first flag is declared. The help flag goes last, on its own.
func flagCategories(flags []cli.Flag) []category {
	var cats []category
	idx := map[string]int{}
	for _, f := range flags {
		name := "other options"
		if vf, ok := f.(cli.VisibleFlag); ok && !vf.IsVisible() {
			continue
		}
		if cf, ok := f.(cli.CategorizableFlag); ok && cf.GetCategory() != "" {
			name = cf.GetCategory()
		}
		i, ok := idx[name]
		if !ok {
			i = len(cats)
			idx[name] = i
			cats = append(cats, category{name: name})
		}
		cats[i].flags = append(cats[i].flags, f)
	}
	return cats
}

// flagSynopsis is "-o, --output FILE".
func flagSynopsis(f cli.Flag) string {
	var names []string
	for _, n := range f.Names() {
		if len(n) == 1 {
			names = append([]string{"-" + n}, names...)
		} else {
			names = append(names, "--"+n)
		}
	}
	s := strings.Join(names, ", ")
	if len(f.Names()[0]) > 1 && len(f.Names()) == 1 {
		s = "    " + s // line up long-only names after "-x, "
	}
	if df, ok := f.(cli.DocGenerationFlag); ok && df.TakesValue() {
		placeholder, _ := unquoteUsage(df.GetUsage())
		if placeholder == "" {
			placeholder = "VALUE"
		}
		s += " " + placeholder
	}
	return s
}

// flagUsage is the flag's usage with its one default.
func flagUsage(f cli.Flag) string {
	df, ok := f.(cli.DocGenerationFlag)
	if !ok {
		return ""
	}
	_, usage := unquoteUsage(df.GetUsage())
	if d := flagDefault(f); d != "" {
		usage += " (default: " + d + ")"
	}
	return usage
}

// flagDefault is what a flag means when it is not given: its
// DefaultText, or else its Value when that is not the zero value.
func flagDefault(f cli.Flag) string {
	df, ok := f.(cli.DocGenerationFlag)
	if !ok || !df.TakesValue() {
		return ""
	}
	switch f := f.(type) {
	case *cli.StringFlag:
		if f.DefaultText != "" {
			return f.DefaultText
		}
		return f.Value
	case *cli.IntFlag:
		if f.DefaultText != "" {
			return f.DefaultText
		}
		if f.Value != 0 {
			return fmt.Sprint(f.Value)
		}
	case *cli.Float64Flag:
		if f.DefaultText != "" {
			return f.DefaultText
		}
		if f.Value != 0 {
			return fmt.Sprint(f.Value)
		}
	case *cli.StringSliceFlag:
		return f.DefaultText
	}
	return ""
}

// writeItem writes a left column and its text wrapped beside it, or
// below it when the left column is too wide.
func writeItem(b *strings.Builder, left, text string) {
	if len(left) >= flagColumn-1 {
		b.WriteString(left + "\n")
		b.WriteString(wrap(text, flagColumn))
		return
	}
	lines := wrapLines(text, helpWidth-flagColumn)
	for i, l := range lines {
		if i == 0 {
			fmt.Fprintf(b, "%-*s%s\n", flagColumn, left, l)
		} else {
			fmt.Fprintf(b, "%*s%s\n", flagColumn, "", l)
		}
	}
	if len(lines) == 0 {
		b.WriteString(left + "\n")
	}
}

// wrap wraps each paragraph of s to helpWidth with indent spaces before
// every line. Lines that start with spaces (examples) are kept as they are.
func wrap(s string, indent int) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, " ") || line == "" {
			b.WriteString(strings.Repeat(" ", indent) + line + "\n")
			continue
		}
		for _, l := range wrapLines(line, helpWidth-indent) {
			b.WriteString(strings.Repeat(" ", indent) + l + "\n")
		}
	}
	return b.String()
}

// wrapLines breaks s at spaces into lines of at most width characters
// (a longer word gets a line of its own).
func wrapLines(s string, width int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// unquoteUsage takes the `NAME` placeholder out of a usage string, as
// urfave/cli does (its own function is not exported in v2).
func unquoteUsage(usage string) (name, text string) {
	i := strings.Index(usage, "`")
	if i < 0 {
		return "", usage
	}
	j := strings.Index(usage[i+1:], "`")
	if j < 0 {
		return "", usage
	}
	name = usage[i+1 : i+1+j]
	return name, usage[:i] + name + usage[i+2+j:]
}

// cliReference is README's CLI reference: a Markdown table of every
// option of every command, from the same table as --help (a test keeps
// README current; `go test ./cmd/essayexport -run TestREADMEReference
// -update` rewrites it).
func cliReference(app *cli.App) string {
	type row struct {
		synopsis, usage string
		cmds            []string
	}
	var rows []*row
	seen := map[string]*row{}
	for _, c := range app.Commands {
		for _, cat := range flagCategories(c.Flags) {
			for _, f := range cat.flags {
				key := f.Names()[0]
				if r, ok := seen[key]; ok {
					r.cmds = append(r.cmds, c.Name)
					continue
				}
				r := &row{synopsis: strings.TrimSpace(flagSynopsis(f)), usage: flagUsage(f), cmds: []string{c.Name}}
				seen[key] = r
				rows = append(rows, r)
			}
		}
	}
	var b strings.Builder
	b.WriteString("| option | commands | meaning |\n|---|---|---|\n")
	all := 0
	for _, c := range app.Commands {
		if len(c.Flags) > 0 {
			all++
		}
	}
	for _, r := range rows {
		cmds := strings.Join(r.cmds, ", ")
		if len(r.cmds) == all {
			cmds = "all"
		}
		esc := strings.NewReplacer("|", `\|`)
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", esc.Replace(r.synopsis), cmds, esc.Replace(r.usage))
	}
	return b.String()
}

package main

// This file declares the whole command-line surface: the commands and
// their flags, read like a table of contents. Behaviour lives elsewhere:
// every action binds its flags into an args value and calls one function.

import (
	"github.com/urfave/cli/v2"
)

// Version is printed by --version and written into every output's
// Creator metadata. It is a constant, so that output does not depend on
// how the binary was built.
const Version = "0.3.0"

// examples are each command's EXAMPLES section in --help.
var examples = map[string]string{
	"pdf": `   essayexport pdf essay.txt                  writes essay.pdf beside essay.txt
   essayexport pdf -o out/essay.pdf essay.txt writes exactly there
   essayexport pdf --watermark PREVIEW -d out essays/
                                              every *.txt in essays/, into out/
   essayexport pdf --pack -o pack.pdf a.txt b.txt
                                              one coursework pack with contents
   essayexport pdf --paper letter --font-size 12 --line-spacing 2 essay.txt
`,
	"epub": `   essayexport epub essay.txt                 writes essay.epub beside essay.txt
   essayexport epub -o out/essay.epub essay.txt
   cat essay.txt | essayexport epub - > essay.epub
   essayexport epub --pack --manifest pack.yaml -o pack.epub
   essayexport epub -qr -j4 -d books/ essays/ every essay below essays/, quietly
`,
	"inspect": `   essayexport inspect essay.txt              what was inferred, and why
   essayexport inspect --json essay.txt       the same as JSON
   essayexport inspect --html essay.txt > report.html
`,
}

// exitStatusText ends every command's --help.
const exitStatusText = `Exit status: 0 all written, 1 some input failed, 2 usage error,
130 interrupted (SIGINT), 143 terminated (SIGTERM).`

// Flag categories, the headings of --help.
const (
	catInput     = "Input"
	catOutput    = "Output"
	catBatch     = "Batch"
	catPage      = "Page"
	catWatermark = "Watermark"
	catBook      = "Book"
	catReport    = "Report"
)

func newApp(e *env) *cli.App {
	cli.HelpPrinter = printHelp
	return &cli.App{
		Name:  "essayexport",
		Usage: "turn plain-text essays into typeset PDF and EPUB files",
		Description: "INPUT is a .txt file, a directory (its *.txt files), a glob pattern, or - for " +
			"standard input. Options may come before or after the inputs; short options " +
			"cluster (-qr, -j4). Run 'essayexport help COMMAND' for a command's options.\n\n" + exitStatusText,
		Version:                   Version,
		DisableSliceFlagSeparator: true,
		Reader:                    e.stdin,
		Writer:                    e.stdout,
		ErrWriter:                 e.stderr,
		ExitErrHandler:            func(*cli.Context, error) {}, // exit codes are mapped in run()
		OnUsageError:              onUsageError,
		Commands: []*cli.Command{
			{
				Name:         "pdf",
				Usage:        "write typeset PDF files (or one pack)",
				UsageText:    "essayexport pdf [options] INPUT...",
				Flags:        append(append(commonFlags(e), batchFlags(e)...), pdfFlags(e)...),
				OnUsageError: onUsageError,
				Action:       func(c *cli.Context) error { return convert(c.Context, e, bindArgs(c, e, "pdf")) },
			},
			{
				Name:         "epub",
				Usage:        "write EPUB 3 files (or one pack)",
				UsageText:    "essayexport epub [options] INPUT...",
				Flags:        append(append(commonFlags(e), batchFlags(e)...), epubFlags(e)...),
				OnUsageError: onUsageError,
				Action:       func(c *cli.Context) error { return convert(c.Context, e, bindArgs(c, e, "epub")) },
			},
			{
				Name:         "inspect",
				Usage:        "print what was inferred from each input, and why",
				UsageText:    "essayexport inspect [--json|--html] INPUT...",
				Flags:        append(parseFlags(e), inspectFlags(e)...),
				OnUsageError: onUsageError,
				Action:       func(c *cli.Context) error { return inspectChecked(c.Context, e, bindArgs(c, e, "inspect")) },
			},
			{
				Name:      "rules",
				Usage:     "list the built-in boilerplate patterns by the names inspect cites",
				UsageText: "essayexport rules",
				Action:    func(c *cli.Context) error { return rules(c, e) },
			},
			{
				Name:      "completion",
				Usage:     "print a shell completion script (bash, zsh or fish)",
				UsageText: "source <(essayexport completion bash|zsh|fish)",
				Action:    func(c *cli.Context) error { return completion(c, e) },
			},
			{
				Name:      "man",
				Usage:     "print the man page (essayexport man | man -l -)",
				UsageText: "essayexport man > essayexport.1",
				Action:    func(c *cli.Context) error { return manPage(c, e) },
			},
		},
	}
}

// parseFlags shape how the text is read; every command has them.
func parseFlags(e *env) []cli.Flag {
	a := &e.args
	return []cli.Flag{
		&cli.StringFlag{Name: "title", Category: catInput, Usage: "use `TEXT` as the title instead of the inferred one", Destination: &a.title},
		&cli.StringFlag{Name: "author", Category: catInput, Usage: "use `TEXT` as the author", Destination: &a.author},
		&cli.StringFlag{Name: "lang", Category: catInput, Usage: "the text's language, a BCP 47 `CODE` (en, en-GB, fr, de-1996): sets parsing, punctuation, hyphenation and metadata", DefaultText: "detected; en when unsure", Destination: &a.lang},
		&cli.StringFlag{Name: "encoding", Category: catInput, Usage: "read the input as `NAME` (utf-8, windows-1252, latin1, utf-16le, ...)", DefaultText: "detected", Destination: &a.encoding},
		&cli.StringSliceFlag{Name: "strip", Category: catInput, Usage: "also remove lines matching `REGEX` as boilerplate (repeatable)"},
		&cli.BoolFlag{Name: "keep-boilerplate", Category: catInput, Usage: "do not remove site boilerplate (sign-up prompts, preview footers, ...)", Destination: &a.keepBoilerplate},
		&cli.BoolFlag{Name: "no-smart", Category: catInput, Usage: "keep straight quotes, double hyphens and three dots as they are", Destination: &a.noSmart},
		&cli.StringFlag{Name: "max-size", Category: catInput, Value: "50MB", Usage: "refuse inputs larger than `SIZE` before reading them", Destination: &a.maxSize},
		&cli.BoolFlag{Name: "recursive", Category: catInput, Aliases: []string{"r"}, Usage: "descend into subdirectories of directory inputs", Destination: &a.recursive},
		&cli.StringFlag{Name: "defaults", Category: catInput, Usage: "read default options from `FILE` (YAML, long option names: paper: letter); flags given win, and it wins over ~/.config/essayexport/defaults.yaml", Destination: &a.defaultsFile},
		&cli.StringFlag{Name: "files-from", Category: catInput, Usage: "read input paths from `FILE`, one a line (- for standard input)", Destination: &a.filesFrom},
	}
}

// commonFlags apply to both output formats.
func commonFlags(e *env) []cli.Flag {
	a := &e.args
	return append(parseFlags(e),
		&cli.StringFlag{Name: "output", Category: catOutput, Aliases: []string{"o"}, Usage: "write to `FILE` (- for standard output); one input, or with --pack", Destination: &a.output},
		&cli.StringFlag{Name: "output-dir", Category: catOutput, Aliases: []string{"d"}, Usage: "write outputs under `DIR`, mirroring the inputs' folders", Destination: &a.outputDir},
		&cli.StringFlag{Name: "date", Category: catOutput, Usage: "print `TEXT` as the date in the title block or on the pack cover", Destination: &a.date},
		&cli.StringFlag{Name: "keywords", Category: catOutput, Usage: "keywords `TEXT` for the metadata", Destination: &a.keywords},
		&cli.StringFlag{Name: "subject", Category: catOutput, Usage: "subject `TEXT` for the metadata", Destination: &a.subject},
		&cli.BoolFlag{Name: "pack", Category: catOutput, Usage: "put all inputs into one coursework pack (needs -o)", Destination: &a.pack},
		&cli.StringFlag{Name: "manifest", Category: catOutput, Usage: "build the pack from `FILE` (YAML: title, entries, ...); implies --pack", Destination: &a.manifest},
		&cli.StringFlag{Name: "manifest-root", Category: catOutput, Usage: "allow manifest entries anywhere under `DIR`", DefaultText: "the manifest's folder", Destination: &a.manifestRoot},
		&cli.StringFlag{Name: "watermark", Category: catWatermark, Usage: "mark every output as a preview with `TEXT`", Destination: &a.watermark},
		&cli.StringFlag{Name: "watermark-previews", Category: catWatermark, Usage: "mark only inputs recognised as truncated previews with `TEXT`", Destination: &a.watermarkPreviews},
	)
}

// batchFlags govern runs over many inputs.
func batchFlags(e *env) []cli.Flag {
	a := &e.args
	return []cli.Flag{
		&cli.IntFlag{Name: "jobs", Category: catBatch, Aliases: []string{"j"}, Usage: "convert `N` inputs at once, 1 to 256; 0 is one per CPU", DefaultText: "one per CPU", Destination: &a.jobs},
		&cli.BoolFlag{Name: "skip-up-to-date", Category: catBatch, Usage: "skip inputs whose output is newer than the input and the essayexport binary", Destination: &a.skipUpToDate},
		&cli.BoolFlag{Name: "quiet", Category: catBatch, Aliases: []string{"q"}, Usage: "no progress bar, summary or warnings; errors only", Destination: &a.quiet},
		&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Category: catBatch, Usage: "print what each input would become (IN -> OUT, or skipped) and write nothing", Destination: &a.dryRun},
		&cli.BoolFlag{Name: "fail-fast", Category: catBatch, Usage: "stop at the first input that fails", Destination: &a.failFast},
		&cli.StringFlag{Name: "log-json", Category: catBatch, Usage: "write one JSON line per input to `FILE`", Destination: &a.logJSON},
		&cli.StringFlag{Name: "shard", Category: catBatch, Usage: "take only the K-th of N partitions of the inputs (`K/N`, 1-based)", Destination: &a.shard},
	}
}

// pdfFlags set the page.
func pdfFlags(e *env) []cli.Flag {
	a := &e.args
	return []cli.Flag{
		&cli.StringFlag{Name: "paper", Category: catPage, Value: "a4", Usage: "paper `SIZE`: " + paperNames + ", or WIDTHxHEIGHT in mm or in (210x297mm)", Destination: &a.paper},
		&cli.StringFlag{Name: "margin", Category: catPage, Value: "25mm", Usage: "page margin `LENGTH` from 5mm to 60mm (mm, cm, in or pt; a bare number is mm)", Destination: &a.margin},
		&cli.Float64Flag{Name: "font-size", Category: catPage, Value: 11.5, Usage: "body text size in `POINTS`, 6 to 24", Destination: &a.fontSize},
		&cli.Float64Flag{Name: "line-spacing", Category: catPage, Value: 1.2, Usage: "line spacing as a `MULTIPLE` of the font size, 0.8 to 3 (1.5 and 2 are common coursework rules)", Destination: &a.lineSpacing},
		&cli.BoolFlag{Name: "indent", Category: catPage, Usage: "first-line indents instead of gaps between paragraphs", Destination: &a.indent},
		&cli.Float64Flag{Name: "watermark-opacity", Category: catWatermark, Value: 0.18, Usage: "watermark `OPACITY`, above 0 and at most 1", Destination: &a.wmOpacity},
		&cli.StringFlag{Name: "watermark-color", Category: catWatermark, Value: "#be1e1e", Usage: "watermark `COLOR`: #rrggbb or a CSS colour name (grey, navy, ...)", Destination: &a.wmColor},
		&cli.Float64Flag{Name: "watermark-angle", Category: catWatermark, Usage: "watermark angle in `DEGREES` from -90 to 90, counter-clockwise; 0 is horizontal", DefaultText: "along the page diagonal", Destination: &a.wmAngle},
		&cli.BoolFlag{Name: "pdfa", Category: catPage, Usage: "also make the PDF PDF/A-2u (archival): sRGB output intent and PDF/A metadata", Destination: &a.pdfa},
	}
}

// epubFlags set the book.
func epubFlags(e *env) []cli.Flag {
	a := &e.args
	return []cli.Flag{
		&cli.StringFlag{Name: "identifier", Category: catBook, Usage: "use `ID` as dc:identifier", DefaultText: "derived from the content", Destination: &a.identifier},
		&cli.BoolFlag{Name: "embed-fonts", Category: catBook, Usage: "embed the bundled serif fonts", Destination: &a.embedFonts},
		&cli.StringFlag{Name: "cover", Category: catBook, Value: "auto", Usage: "cover: auto (generated), none, or an image `FILE` (PNG or JPEG)", Destination: &a.cover},
	}
}

// inspectFlags shape inspect's report.
func inspectFlags(e *env) []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "json", Category: catReport, Usage: "print JSON (one object per input, one per line when there are several)", Destination: &e.args.json},
		&cli.BoolFlag{Name: "html", Category: catReport, Usage: "print one self-contained HTML page showing each source line marked with what was decided", Destination: &e.args.html},
	}
}

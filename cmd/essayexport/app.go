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

const examples = `EXAMPLES:
   essayexport pdf essay.txt                      writes essay.pdf beside essay.txt
   essayexport epub -o out/essay.epub essay.txt   writes exactly there
   essayexport pdf --watermark PREVIEW -d out essays/
                                                  every *.txt in essays/, into out/
   essayexport pdf --pack -o pack.pdf a.txt b.txt one coursework pack with contents
   essayexport pdf --pack --manifest pack.yaml -o pack.pdf
   cat essay.txt | essayexport epub - > essay.epub
   essayexport inspect --json essay.txt           what was inferred, and why

Exit status: 0 all written, 1 some input failed, 2 usage error,
130 interrupted (SIGINT), 143 terminated (SIGTERM).`

func newApp(e *env) *cli.App {
	return &cli.App{
		Name:      "essayexport",
		Usage:     "turn plain-text essays into typeset PDF and EPUB files",
		UsageText: "essayexport pdf|epub [options] INPUT...\n   essayexport inspect [--json|--html] INPUT...",
		Description: "INPUT is a .txt file, a directory (its *.txt files), a glob pattern, or - for\n" +
			"standard input. Options may come before or after the inputs.\n\n" + examples,
		Version:                   Version,
		HideHelpCommand:           true,
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
				Description:  examples,
				Flags:        append(append(commonFlags(e), batchFlags(e)...), pdfFlags(e)...),
				OnUsageError: onUsageError,
				Action:       func(c *cli.Context) error { return convert(c.Context, e, bindArgs(c, e, "pdf")) },
			},
			{
				Name:         "epub",
				Usage:        "write EPUB 3 files (or one pack)",
				UsageText:    "essayexport epub [options] INPUT...",
				Description:  examples,
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
		},
	}
}

// parseFlags shape how the text is read; every command has them.
func parseFlags(e *env) []cli.Flag {
	a := &e.args
	return []cli.Flag{
		&cli.StringFlag{Name: "title", Usage: "use `TEXT` as the title instead of the inferred one", Destination: &a.title},
		&cli.StringFlag{Name: "author", Usage: "use `TEXT` as the author", Destination: &a.author},
		&cli.StringFlag{Name: "lang", Usage: "the text's language, a BCP 47 `CODE` (en, en-GB, fr, de-1996, ...): sets parsing, punctuation, hyphenation and metadata (default: detected from the text; en when it cannot tell)", Destination: &a.lang},
		&cli.StringFlag{Name: "encoding", Usage: "read the input as `NAME` (utf-8, windows-1252, latin1, utf-16le, ...) instead of detecting it", Destination: &a.encoding},
		&cli.StringSliceFlag{Name: "strip", Usage: "also remove lines matching `REGEX` as boilerplate (repeatable)"},
		&cli.BoolFlag{Name: "keep-boilerplate", Usage: "do not remove site boilerplate (sign-up prompts, preview footers, ...)", Destination: &a.keepBoilerplate},
		&cli.BoolFlag{Name: "no-smart", Usage: "keep straight quotes, double hyphens and three dots as they are", Destination: &a.noSmart},
		&cli.StringFlag{Name: "max-size", Value: "50MB", Usage: "refuse inputs larger than `SIZE` before reading them", Destination: &a.maxSize},
		&cli.BoolFlag{Name: "recursive", Aliases: []string{"r"}, Usage: "descend into subdirectories of directory inputs", Destination: &a.recursive},
		&cli.StringFlag{Name: "files-from", Usage: "read input paths from `FILE`, one a line (- for standard input)", Destination: &a.filesFrom},
	}
}

// commonFlags apply to both output formats.
func commonFlags(e *env) []cli.Flag {
	a := &e.args
	return append(parseFlags(e),
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (- for standard output); one input, or with --pack", Destination: &a.output},
		&cli.StringFlag{Name: "output-dir", Aliases: []string{"d"}, Usage: "write outputs under `DIR`, mirroring the inputs' folders", Destination: &a.outputDir},
		&cli.StringFlag{Name: "watermark", Usage: "mark every output as a preview with `TEXT`", Destination: &a.watermark},
		&cli.StringFlag{Name: "watermark-previews", Usage: "mark only inputs recognised as truncated previews with `TEXT`", Destination: &a.watermarkPreviews},
		&cli.StringFlag{Name: "date", Usage: "print `TEXT` as the date in the title block or on the pack cover", Destination: &a.date},
		&cli.StringFlag{Name: "keywords", Usage: "keywords `TEXT` for the metadata", Destination: &a.keywords},
		&cli.StringFlag{Name: "subject", Usage: "subject `TEXT` for the metadata", Destination: &a.subject},
		&cli.BoolFlag{Name: "pack", Usage: "put all inputs into one coursework pack (needs -o)", Destination: &a.pack},
		&cli.StringFlag{Name: "manifest", Usage: "build the pack from `FILE` (YAML: title, entries, ...); implies --pack", Destination: &a.manifest},
		&cli.StringFlag{Name: "manifest-root", Usage: "allow manifest entries anywhere under `DIR` (default: only under the manifest's folder)", Destination: &a.manifestRoot},
	)
}

// batchFlags govern runs over many inputs.
func batchFlags(e *env) []cli.Flag {
	a := &e.args
	return []cli.Flag{
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "convert `N` inputs at once (default: the number of CPUs)", Destination: &a.jobs},
		&cli.BoolFlag{Name: "skip-up-to-date", Usage: "skip inputs whose output is newer than the input and the essayexport binary", Destination: &a.skipUpToDate},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar, summary or warnings; errors only", Destination: &a.quiet},
		&cli.BoolFlag{Name: "fail-fast", Usage: "stop at the first input that fails", Destination: &a.failFast},
		&cli.StringFlag{Name: "log-json", Usage: "write one JSON line per input to `FILE`", Destination: &a.logJSON},
		&cli.StringFlag{Name: "shard", Usage: "take only the K-th of N partitions of the inputs (`K/N`, 1-based)", Destination: &a.shard},
	}
}

// pdfFlags set the page.
func pdfFlags(e *env) []cli.Flag {
	a := &e.args
	return []cli.Flag{
		&cli.StringFlag{Name: "paper", Value: "a4", Usage: "paper `SIZE`: a4 or letter", Destination: &a.paper},
		&cli.StringFlag{Name: "margin", Value: "25mm", Usage: "page margin `LENGTH` (mm, cm, in or pt; a bare number is mm)", Destination: &a.margin},
		&cli.Float64Flag{Name: "font-size", Value: 11.5, Usage: "body text size in `POINTS`", Destination: &a.fontSize},
		&cli.Float64Flag{Name: "line-spacing", Value: 1.2, Usage: "line spacing as a `MULTIPLE` of the font size (1.5 and 2 are common coursework rules)", Destination: &a.lineSpacing},
		&cli.BoolFlag{Name: "indent", Usage: "first-line indents instead of gaps between paragraphs", Destination: &a.indent},
		&cli.Float64Flag{Name: "watermark-opacity", Value: 0.18, Usage: "watermark opacity, `0..1`", Destination: &a.wmOpacity},
		&cli.StringFlag{Name: "watermark-color", Value: "#be1e1e", Usage: "watermark `COLOR` as #rrggbb", Destination: &a.wmColor},
		&cli.Float64Flag{Name: "watermark-angle", Usage: "watermark angle in `DEGREES` (default: along the page diagonal)", Destination: &a.wmAngle},
		&cli.BoolFlag{Name: "pdfa", Usage: "also make the PDF PDF/A-2u (archival): sRGB output intent and PDF/A metadata", Destination: &a.pdfa},
	}
}

// epubFlags set the book.
func epubFlags(e *env) []cli.Flag {
	a := &e.args
	return []cli.Flag{
		&cli.StringFlag{Name: "identifier", Usage: "use `ID` as dc:identifier (default: derived from the content)", Destination: &a.identifier},
		&cli.BoolFlag{Name: "embed-fonts", Usage: "embed the bundled serif fonts", Destination: &a.embedFonts},
		&cli.StringFlag{Name: "cover", Value: "auto", Usage: "cover: auto (generated), none, or an image `FILE` (PNG or JPEG)", Destination: &a.cover},
	}
}

// inspectFlags shape inspect's report.
func inspectFlags(e *env) []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "json", Usage: "print JSON (one object per input, one per line when there are several)", Destination: &e.args.json},
		&cli.BoolFlag{Name: "html", Usage: "print one self-contained HTML page showing each source line marked with what was decided", Destination: &e.args.html},
	}
}

package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/image/colornames"
	"golang.org/x/text/language"

	"github.com/essayexport/essayexport"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
)

// env is what a run of the command sees of the world: its standard
// streams, the environment, and the flags bound into args.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stdoutIsTTY    bool
	stderrIsTTY    bool
	getenv         func(string) string
	args           args

	// sources says how to open the inputs found in a folder or listed in
	// a manifest or --files-from: inside a root they may not leave
	// (symbolic links included), and only regular files. Written while
	// the inputs are expanded, read-only after.
	sources map[string]source
	roots   []*os.Root // opened for sources; closed when the run ends
}

// closeRoots closes the folders opened for the inputs.
func (e *env) closeRoots() {
	for _, r := range e.roots {
		r.Close()
	}
	e.roots = nil
}

// source is how one input is opened. With root set, rel is opened inside
// it; regular says that only a regular file may be read.
type source struct {
	root    *os.Root
	rel     string
	regular bool
}

// args holds every flag of every command, bound by urfave/cli.
type args struct {
	format string // "pdf", "epub" or "inspect"
	inputs []string

	// parsing
	title, author, lang, encoding string
	strip                         []string
	keepBoilerplate, noSmart      bool
	maxSize                       string
	recursive                     bool
	filesFrom                     string
	defaultsFile                  string
	defaultsErr                   error // from applyDefaults, reported by check

	// output
	output, outputDir            string
	watermark, watermarkPreviews string
	date, keywords, subject      string
	pack                         bool
	manifest                     string

	// batch
	jobs                          int
	skipUpToDate, quiet, failFast bool
	logJSON, shard                string
	dryRun                        bool

	manifestRoot string

	// pdf
	paper, margin         string
	fontSize, lineSpacing float64
	indent, pdfa          bool
	wmOpacity, wmAngle    float64
	wmColor               string
	wmAngleSet            bool     // --watermark-angle given: 0 is horizontal
	wmStyleSet            []string // watermark style flags given, as "--name"

	// epub
	identifier string
	embedFonts bool
	cover      string

	// inspect
	json bool
	html bool // inspect --html (inspect_html.go)

	// derived by check
	maxBytes int64
	stripRE  []*regexp.Regexp
	shardK   int
	shardN   int
	marginMM float64
	paperPt  [2]float64 // a WIDTHxHEIGHT paper, in points
	color    [3]int
	modified time.Time
}

// bindArgs finishes binding what Destination cannot hold.
func bindArgs(c *cli.Context, e *env, format string) *args {
	a := &e.args
	a.format = format
	// A watermark style with no watermark is a mistake on the command
	// line; in a defaults file it is a house style waiting for a mark.
	a.wmStyleSet = nil
	for _, n := range []string{"watermark-color", "watermark-opacity", "watermark-angle"} {
		if c.IsSet(n) {
			a.wmStyleSet = append(a.wmStyleSet, "--"+n)
		}
	}
	a.defaultsErr = applyDefaults(c, e)
	a.inputs = c.Args().Slice()
	a.strip = c.StringSlice("strip")
	a.wmAngleSet = c.IsSet("watermark-angle")
	return a
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg, hint string }

func (u *usageError) Error() string { return u.msg }

func usagef(hint, format string, v ...any) error {
	return &usageError{msg: fmt.Sprintf(format, v...), hint: hint}
}

// onUsageError turns urfave/cli's complaints into one error line and a
// hint; an unknown flag gets the nearest known one.
func onUsageError(c *cli.Context, err error, _ bool) error {
	help := "run 'essayexport --help' for the options"
	if c != nil && c.Command != nil && c.Command.Name != "" {
		help = "run 'essayexport " + c.Command.Name + " --help' for the options"
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		shown := "--" + name
		if len(name) == 1 {
			shown = "-" + name
		}
		hint := help
		if c != nil && c.Command != nil && cli.SuggestFlag != nil {
			if s := cli.SuggestFlag(c.Command.Flags, name, false); s != "" && closeEnough(name, s) {
				hint = "did you mean " + s + "?"
			}
		}
		return &usageError{msg: "unknown flag " + shown, hint: hint}
	}
	return &usageError{msg: msg, hint: help}
}

// closeEnough says whether a suggested name is near enough to what was
// typed to offer: they share the first letter, or the suggestion holds
// what was typed.
func closeEnough(typed, suggested string) bool {
	suggested = strings.TrimLeft(suggested, "-")
	return len(typed) > 1 && (typed[0] == suggested[0] || strings.Contains(suggested, typed))
}

// outOfRange says what is wrong with a number outside lo..hi.
func outOfRange(v, lo, hi float64) string {
	if v < lo {
		return "too small"
	}
	if v > hi {
		return "too large"
	}
	return "out of range"
}

// check validates the flags together, before any input or output is
// touched, and derives the parsed forms of flag values.
func (a *args) check(e *env) error {
	if a.defaultsErr != nil {
		return a.defaultsErr
	}
	if len(a.inputs) == 0 && a.filesFrom == "" && a.manifest == "" {
		return usagef("give an essay file, a directory, or - for standard input", "no input given")
	}
	if a.manifest != "" {
		a.pack = true
	}
	if a.format != "inspect" {
		if a.pack && a.output == "" {
			return usagef("add -o pack."+a.format, "--pack needs -o FILE")
		}
		if a.pack && a.outputDir != "" {
			return usagef("use -o FILE for the pack", "--pack writes one file: -d does not apply")
		}
		if a.output != "" && a.outputDir != "" {
			return usagef("use one of them", "-o and -d cannot be used together")
		}
		if a.pack && (a.skipUpToDate || a.shard != "") {
			return usagef("drop --skip-up-to-date and --shard for packs", "--pack makes one file from all inputs")
		}
	}
	n, err := parseSize(a.maxSize)
	if err != nil {
		return usagef("write it like 50MB, 500KB or 1GB (at most 4GB)", "--max-size %q: %v", a.maxSize, err)
	}
	a.maxBytes = n
	if a.encoding != "" {
		if err := parse.CheckEncoding(a.encoding); err != nil {
			var pe *parse.Error
			errors.As(err, &pe)
			return usagef(pe.Hint, "--encoding: %s", pe.Reason)
		}
	}
	for _, s := range a.strip {
		re, err := regexp.Compile(s)
		if err != nil {
			return usagef("--strip takes a Go regular expression (RE2 syntax)", "--strip %q: %v", s, err)
		}
		a.stripRE = append(a.stripRE, re)
	}
	if a.lang != "" {
		if _, err := language.Parse(a.lang); err != nil || !regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`).MatchString(a.lang) {
			return usagef("use a BCP 47 code such as en, en-GB, fr or de-1996", "--lang %s: not a known language code", a.lang)
		}
	}
	if a.shard != "" {
		k, n, ok := parseShard(a.shard)
		if !ok {
			return usagef("write it as K/N with 1 <= K <= N, for example --shard 2/8", "--shard %q is not K/N", a.shard)
		}
		a.shardK, a.shardN = k, n
	}
	if a.jobs < 0 || a.jobs > maxJobs {
		return usagef(fmt.Sprintf("give a number from 1 to %d, or 0 for one per CPU", maxJobs), "--jobs %d: %s", a.jobs, outOfRange(float64(a.jobs), 0, maxJobs))
	}
	if a.jobs == 0 {
		a.jobs = runtime.NumCPU()
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"font-size", a.fontSize}, {"line-spacing", a.lineSpacing}, {"watermark-opacity", a.wmOpacity}, {"watermark-angle", a.wmAngle}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return usagef("give a number", "--%s %g is not a number", f.name, f.v)
		}
	}
	if a.format != "inspect" && a.output != "" && a.output != "-" {
		ext := strings.ToLower(filepath.Ext(a.output))
		other := map[string]string{"pdf": ".epub", "epub": ".pdf"}[a.format]
		if ext == other {
			return usagef(fmt.Sprintf("name it %s.%s, or run 'essayexport %s'", strings.TrimSuffix(a.output, filepath.Ext(a.output)), a.format, ext[1:]),
				"-o %s: the %s command writes %s, not %s", a.output, a.format, strings.ToUpper(a.format), strings.ToUpper(ext[1:]))
		}
	}
	if a.format == "pdf" {
		if err := a.checkPage(); err != nil {
			return err
		}
	}
	if a.format == "epub" && a.cover == "" {
		a.cover = "auto"
	}
	a.modified = render.FixedDate
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil || sec < 0 {
			return usagef("set it to a number of seconds since 1970, or unset it", "SOURCE_DATE_EPOCH=%q is not a Unix time", s)
		}
		if sec > maxEpoch {
			return usagef("set it to a date before the year 10000, or unset it", "SOURCE_DATE_EPOCH=%q is after the year 9999, which metadata dates cannot hold", s)
		}
		a.modified = time.Unix(sec, 0).UTC()
	}
	return nil
}

// checkPage checks the PDF page and watermark options.
func (a *args) checkPage() error {
	p := strings.ToLower(strings.TrimSpace(a.paper))
	if _, ok := paperSizes[p]; ok {
		a.paper = p
	} else if w, h, ok := parsePaperSize(p); ok {
		if !(w >= minPaperMM && h >= minPaperMM && w <= maxPaperMM && h <= maxPaperMM) {
			return usagef(fmt.Sprintf("give each side from %gmm to %gmm", minPaperMM, maxPaperMM), "--paper %s: %s", a.paper, outOfRange(min(w, h), minPaperMM, maxPaperMM))
		}
		a.paper = ""
		a.paperPt = [2]float64{w * 72 / 25.4, h * 72 / 25.4}
	} else {
		return usagef("use "+paperNames+", or WIDTHxHEIGHT such as 210x297mm or 8.5x11in", "--paper %s: not a paper size", a.paper)
	}
	mm, err := parseLength(a.margin)
	if err != nil || math.IsNaN(mm) {
		return usagef("give a length such as 25mm, 2.5cm or 1in", "--margin %s: not a length", a.margin)
	}
	if !(mm >= 5 && mm <= 60) {
		return usagef("give a margin from 5mm to 60mm, such as 25mm, 2.5cm or 1in", "--margin %s: %s", a.margin, outOfRange(mm, 5, 60))
	}
	a.marginMM = mm
	if !(a.fontSize >= 6 && a.fontSize <= 24) {
		return usagef("give a size from 6 to 24 points", "--font-size %g: %s", a.fontSize, outOfRange(a.fontSize, 6, 24))
	}
	if !(a.lineSpacing >= 0.8 && a.lineSpacing <= 3) {
		return usagef("give a multiple from 0.8 to 3, such as 1.5 or 2", "--line-spacing %g: %s", a.lineSpacing, outOfRange(a.lineSpacing, 0.8, 3))
	}
	if !(a.wmOpacity > 0 && a.wmOpacity <= 1) {
		return usagef("give an opacity above 0 and at most 1, such as 0.15", "--watermark-opacity %g: %s", a.wmOpacity, outOfRange(a.wmOpacity, math.SmallestNonzeroFloat64, 1))
	}
	if !(a.wmAngle >= -90 && a.wmAngle <= 90) {
		return usagef("give degrees from -90 to 90 (0 is horizontal); leave it out for the page diagonal", "--watermark-angle %g: %s", a.wmAngle, outOfRange(a.wmAngle, -90, 90))
	}
	c, ok := parseColor(a.wmColor)
	if !ok {
		return usagef("write it as #rrggbb (#808080) or a CSS colour name (grey, navy, crimson, ...)", "--watermark-color %s: not a colour", a.wmColor)
	}
	a.color = c
	if len(a.wmStyleSet) > 0 && a.watermark == "" && a.watermarkPreviews == "" {
		return usagef("add --watermark TEXT or --watermark-previews TEXT", "%s has no effect without a watermark", a.wmStyleSet[0])
	}
	return nil
}

// paperSizes are the named papers, in mm; render/pdf has the same names.
var paperSizes = map[string][2]float64{
	"a4": {210, 297}, "a5": {148, 210}, "b5": {176, 250}, "letter": {215.9, 279.4}, "legal": {215.9, 355.6},
}

// paperNames lists paperSizes for help and hints.
const paperNames = "a4, a5, b5, letter or legal"

// Bounds of a WIDTHxHEIGHT paper, in mm: from a small index card to A1.
const (
	minPaperMM = 74.0
	maxPaperMM = 841.0
)

// parsePaperSize reads WIDTHxHEIGHT with a unit (mm or in) after either
// number or both; a bare pair is mm.
func parsePaperSize(s string) (w, h float64, ok bool) {
	ws, hs, found := strings.Cut(strings.ReplaceAll(s, " ", ""), "x")
	if !found {
		return 0, 0, false
	}
	unit := func(v string) string {
		for _, u := range []string{"mm", "in"} {
			if strings.HasSuffix(v, u) {
				return u
			}
		}
		return ""
	}
	wu, hu := unit(ws), unit(hs)
	if wu == "" {
		ws += hu
	}
	if hu == "" {
		hs += wu
	}
	var err1, err2 error
	w, err1 = parseLength(ws)
	h, err2 = parseLength(hs)
	if err1 != nil || err2 != nil || math.IsNaN(w) || math.IsNaN(h) || (unit(ws) == "" && strings.ContainsAny(ws, "cpt")) {
		return 0, 0, false
	}
	return w, h, true
}

// Bounds of flag values.
const (
	maxJobs    = 256          // -j: more workers than this only take memory
	maxMaxSize = 4 << 30      // --max-size: an essay is never this long
	maxEpoch   = 253402300799 // SOURCE_DATE_EPOCH: 9999-12-31T23:59:59Z
)

// parseOptions is what the parser needs from the flags.
func (a *args) parseOptions(name string) parse.Options {
	return parse.Options{
		Encoding:        a.encoding,
		Strip:           a.stripRE,
		KeepBoilerplate: a.keepBoilerplate,
		NoSmart:         a.noSmart,
		Title:           a.title,
		Author:          a.author,
		Lang:            a.lang,
		Name:            name,
	}
}

// renderOptions is what the renderers need from the flags.
func (a *args) renderOptions() render.Options {
	o := render.Defaults()
	o.Version = Version
	o.Modified = a.modified
	o.Keywords, o.Subject = a.keywords, a.subject
	if a.format == "pdf" {
		o.Paper, o.MarginMM, o.FontSize, o.LineSpacing, o.Indent = a.paper, a.marginMM, a.fontSize, a.lineSpacing, a.indent
		o.PDFA = a.pdfa
		o.Watermark = render.WatermarkStyle{Opacity: a.wmOpacity, Color: a.color, Angle: a.wmAngle, AngleSet: a.wmAngleSet}
		o.PaperSize = a.paperPt
	}
	o.Identifier, o.EmbedFonts = a.identifier, a.embedFonts
	o.Cover.None = a.cover == "none"
	return o
}

// options is what the library needs from the flags; ro are the render
// options with the cover image read.
func (a *args) options(ro render.Options) essayexport.Options {
	o := essayexport.Options{
		Format:            essayexport.Format(a.format),
		Parse:             a.parseOptions(""),
		Render:            ro,
		Watermark:         a.watermark,
		WatermarkPreviews: a.watermarkPreviews,
		Date:              a.date,
		MaxSize:           a.maxBytes,
		Jobs:              a.jobs,
	}
	return o
}

func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.m
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("not a size")
	}
	n := f * float64(mult)
	if n < 1 || n > maxMaxSize {
		return 0, fmt.Errorf("not a size from 1 byte to 4GB")
	}
	return int64(n), nil
}

func parseLength(s string) (mm float64, err error) {
	s = strings.TrimSpace(strings.ToLower(s))
	mult := 1.0
	for _, u := range []struct {
		suffix string
		m      float64
	}{{"mm", 1}, {"cm", 10}, {"in", 25.4}, {"pt", 25.4 / 72}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.m
			break
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f * mult, err
}

func parseShard(s string) (k, n int, ok bool) {
	ks, ns, found := strings.Cut(s, "/")
	if !found {
		return 0, 0, false
	}
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	return k, n, err1 == nil && err2 == nil && k >= 1 && n >= 1 && k <= n
}

// parseColor reads #rrggbb or one of the 148 CSS named colours.
func parseColor(s string) ([3]int, bool) {
	if c, ok := colornames.Map[strings.ToLower(strings.TrimSpace(s))]; ok {
		return [3]int{int(c.R), int(c.G), int(c.B)}, true
	}
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 6 {
		return [3]int{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return [3]int{}, false
	}
	return [3]int{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}, true
}

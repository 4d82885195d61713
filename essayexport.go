// Package essayexport converts plain-text essays into typeset PDF and EPUB
// files: Convert reads one essay and writes one file, ConvertPack writes a
// coursework pack of many, and Inspect returns what the parser inferred.
// It assembles the pipeline decode → parse → render → write once, for the
// essayexport command and for any Go program; it never touches paths, the
// terminal, signals or the clock.
//
// The document model is in package essay, the parser in parse, the
// options the renderers share in render; Options gathers them.
package essayexport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/essayexport/essayexport/essay"
	"github.com/essayexport/essayexport/internal/batch"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
	"github.com/essayexport/essayexport/render/epub"
	"github.com/essayexport/essayexport/render/pdf"
)

// Format is an output format.
type Format string

// The output formats.
const (
	PDF  Format = "pdf"
	EPUB Format = "epub"
)

// DefaultMaxSize is the input size limit when Options.MaxSize is 0.
const DefaultMaxSize = 50 << 20

// Options say how to read the text and what to write.
type Options struct {
	Format Format        // PDF or EPUB
	Parse  parse.Options // how the text is read: encoding, title, author, language, ...
	// Render shapes the output; start from render.Defaults(). Its Cancel
	// field is set from the context.
	Render render.Options
	// Watermark marks every output (every pack entry) as a preview.
	Watermark string
	// WatermarkPreviews marks only texts recognised as truncated previews.
	WatermarkPreviews string
	// Date is printed in the title block (a pack's on its cover).
	Date string
	// MaxSize refuses an input longer than this many bytes; 0 means
	// DefaultMaxSize.
	MaxSize int64
	// Pack is a coursework pack's front matter (ConvertPack only).
	Pack PackInfo
	// Jobs is how many pack entries are read and parsed at once (at
	// least 1).
	Jobs int
}

// PackInfo is a coursework pack's cover.
type PackInfo struct {
	Title, Subtitle, Author string
}

// Result tells what a conversion produced.
type Result struct {
	Title    string   // the title shown (a pack's own title for packs)
	Author   string   // the author shown
	Preview  bool     // the text is a truncated preview
	Pages    int      // PDF pages; for an EPUB, its content documents
	Bytes    int64    // bytes written to w
	Warnings []string // what was repaired, guessed or could not be shown
	// Entries has one result per pack entry, in order (ConvertPack only);
	// then Warnings holds only the pack's own.
	Entries []EntryResult
}

// EntryResult is what one pack entry gave.
type EntryResult struct {
	Name     string
	Title    string
	Warnings []string
}

// Entry is one essay of a pack.
type Entry struct {
	// Name labels the entry in errors and results; its last element
	// (after / or \) is the title of last resort, as a file name is.
	Name string
	// Open gives the essay's text; it is called once, when the entry is
	// read, and the reader is closed after.
	Open func() (io.ReadCloser, error)
	// Title and Author override what is inferred, when not empty.
	Title, Author string
	// Watermark, when not nil, replaces the pack's watermark for this
	// entry ("" for none).
	Watermark *string
}

// SizeError is the error for an input longer than Options.MaxSize.
type SizeError struct{ Limit int64 }

// Error says the input is too large, naming the limit.
func (e *SizeError) Error() string {
	return fmt.Sprintf("is larger than the size limit (%d bytes)", e.Limit)
}

// EntryError is one pack entry's failure.
type EntryError struct {
	Name string
	Err  error
}

// Error names the entry and what went wrong.
func (e *EntryError) Error() string { return e.Name + ": " + e.Err.Error() }

// Unwrap returns the entry's own error.
func (e *EntryError) Unwrap() error { return e.Err }

// PackError says which entries of a pack failed; no pack was written.
type PackError struct {
	Entries []*EntryError
	Total   int
}

// Error counts the failed entries.
func (e *PackError) Error() string {
	return fmt.Sprintf("failed to build the pack: %d of %d essays failed", len(e.Entries), e.Total)
}

// Inspect reads and parses one essay and returns the document the
// renderers would get. Text that is empty, white space or only
// boilerplate is not an error here (inspect shows why); binary data is.
func Inspect(ctx context.Context, r io.Reader, opts Options) (*essay.Document, error) {
	src, err := readAll(r, opts.MaxSize)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return parse.Parse(src, opts.Parse)
}

// Convert reads one essay from r and writes it to w as opts.Format. An
// input with no text at all is an error (*parse.Error): an empty PDF or
// EPUB helps nobody. If ctx is cancelled, the render stops between
// blocks or pages and Convert returns ctx's error; w may then hold part of
// a file, which the caller discards.
func Convert(ctx context.Context, w io.Writer, r io.Reader, opts Options) (Result, error) {
	renderTo, err := rendererFor(opts.Format)
	if err != nil {
		return Result{}, err
	}
	doc, err := read(ctx, r, opts.Parse, opts.MaxSize)
	if err != nil {
		return Result{}, err
	}
	wm := opts.watermarkFor(doc.Preview)
	ro := opts.Render
	ro.Cancel = ctx.Done()
	cw := &countWriter{w: w}
	st, err := renderTo(cw, render.Single(doc, wm, opts.Date), ro)
	if err != nil {
		return Result{}, renderErr(ctx, err)
	}
	return Result{Title: doc.DisplayTitle(), Author: doc.Author, Preview: doc.Preview, Pages: st.Pages, Bytes: cw.n,
		Warnings: append(slices.Clone(doc.Warnings), st.Warnings...)}, nil
}

// ConvertPack reads every entry (opts.Jobs at a time) and writes them, in
// order, as one coursework pack to w. If any entry fails, nothing is
// written and the error is a *PackError naming each failure: a pack that
// silently lacks an essay is worse than none.
func ConvertPack(ctx context.Context, w io.Writer, entries []Entry, opts Options) (Result, error) {
	renderTo, err := rendererFor(opts.Format)
	if err != nil {
		return Result{}, err
	}
	if len(entries) == 0 {
		return Result{}, errors.New("failed to build the pack: no essays")
	}
	title := opts.Pack.Title
	if title == "" {
		title = "Coursework pack"
	}
	book := &render.Book{Pack: true, Title: title, Subtitle: opts.Pack.Subtitle, Author: opts.Pack.Author,
		Date: opts.Date, Lang: opts.Parse.Lang, Parts: make([]render.Part, len(entries))}
	type indexed struct {
		i  int
		en Entry
	}
	failedAt := map[int]*EntryError{}
	runErr := batch.Run(ctx, opts.Jobs, func(yield func(indexed) bool) {
		for i, en := range entries {
			if !yield(indexed{i, en}) {
				return
			}
		}
	}, func(ctx context.Context, j indexed) (render.Part, error) {
		po := opts.Parse
		po.Name = parse.ReadableName(lastElement(j.en.Name))
		po.Title, po.Author = j.en.Title, j.en.Author
		doc, err := readEntry(ctx, j.en, po, opts.MaxSize)
		if err != nil {
			return render.Part{}, err
		}
		wm := opts.watermarkFor(doc.Preview)
		if j.en.Watermark != nil {
			wm = *j.en.Watermark
		}
		return render.Part{Doc: doc, Watermark: wm}, nil
	}, func(j indexed, p render.Part, err error) bool {
		if err != nil {
			if ctx.Err() == nil {
				failedAt[j.i] = &EntryError{Name: j.en.Name, Err: err}
			}
			return true
		}
		book.Parts[j.i] = p
		return true
	})
	if runErr != nil {
		return Result{}, runErr
	}
	if len(failedAt) > 0 {
		pe := &PackError{Total: len(entries)}
		for _, i := range slices.Sorted(maps.Keys(failedAt)) {
			pe.Entries = append(pe.Entries, failedAt[i])
		}
		return Result{}, pe
	}
	if opts.Pack.Title == "" && opts.Pack.Subtitle == "" {
		book.Subtitle = packSummary(book.Parts)
	}
	if opts.Pack.Title == "" && opts.Pack.Author == "" {
		book.Author = commonAuthor(book.Parts)
	}
	ro := opts.Render
	ro.Cancel = ctx.Done()
	cw := &countWriter{w: w}
	st, err := renderTo(cw, book, ro)
	if err != nil {
		return Result{}, renderErr(ctx, err)
	}
	res := Result{Title: title, Author: opts.Pack.Author, Pages: st.Pages, Bytes: cw.n, Warnings: st.Warnings}
	for i, p := range book.Parts {
		res.Entries = append(res.Entries, EntryResult{Name: entries[i].Name, Title: p.Doc.DisplayTitle(), Warnings: p.Doc.Warnings})
	}
	return res, nil
}

// packSummary is the cover's subtitle of a pack given no title: how many
// essays it holds, and the first and last titles, so that a teacher can
// tell one pack from another ("12 essays, from “Roads” to “Rivers”").
func packSummary(parts []render.Part) string {
	switch n := len(parts); n {
	case 0:
		return ""
	case 1:
		return "1 essay: “" + parts[0].Doc.DisplayTitle() + "”"
	default:
		return fmt.Sprintf("%d essays, from “%s” to “%s”", n, parts[0].Doc.DisplayTitle(), parts[n-1].Doc.DisplayTitle())
	}
}

// commonAuthor is the author of every essay of a pack when they share
// one, else "".
func commonAuthor(parts []render.Part) string {
	if len(parts) == 0 {
		return ""
	}
	a := parts[0].Doc.Author
	for _, p := range parts[1:] {
		if p.Doc.Author != a {
			return ""
		}
	}
	return a
}

// rendererFor returns the renderer of a format.
func rendererFor(f Format) (func(io.Writer, *render.Book, render.Options) (render.Stats, error), error) {
	switch f {
	case PDF:
		return pdf.Render, nil
	case EPUB:
		return epub.Render, nil
	}
	return nil, fmt.Errorf("failed to convert: unknown format %q (want pdf or epub)", f)
}

// renderErr is a render's error, or ctx's when the render was cancelled.
func renderErr(ctx context.Context, err error) error {
	if errors.Is(err, render.ErrCancelled) && ctx.Err() != nil {
		return ctx.Err()
	}
	return fmt.Errorf("failed to render: %w", err)
}

// watermarkFor is the watermark of a document: opts.Watermark, else
// opts.WatermarkPreviews for a truncated preview.
func (opts Options) watermarkFor(preview bool) string {
	if opts.Watermark == "" && preview {
		return opts.WatermarkPreviews
	}
	return opts.Watermark
}

// readEntry opens, reads and parses one pack entry.
func readEntry(ctx context.Context, en Entry, po parse.Options, max int64) (*essay.Document, error) {
	if en.Open == nil {
		return nil, errors.New("failed to read the entry: it has no Open")
	}
	rc, err := en.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return read(ctx, rc, po, max)
}

// read reads and parses one essay, refusing one with no text at all.
func read(ctx context.Context, r io.Reader, po parse.Options, max int64) (*essay.Document, error) {
	src, err := readAll(r, max)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc, err := parse.Parse(src, po)
	if err != nil {
		return nil, err
	}
	if err := CheckText(doc, src); err != nil {
		return nil, err
	}
	return doc, nil
}

// CheckText returns the *parse.Error with which Convert refuses a
// document parsed from src that has no text at all (an empty file, only
// white space, or only boilerplate), or nil. Inspect does not refuse such
// a document, so that the reasons can be shown; callers that must agree
// with Convert on what fails (essayexport inspect's exit status) call it.
func CheckText(doc *essay.Document, src []byte) error {
	if len(doc.Blocks) > 0 || doc.Title != "" {
		return nil
	}
	switch {
	case len(doc.Removed) > 0:
		return &parse.Error{Reason: "no text is left once boilerplate and page debris are removed",
			Hint: "run 'essayexport inspect' on it to see what was removed; --keep-boilerplate keeps site chrome"}
	case len(src) > 0:
		return &parse.Error{Reason: "the file holds no text, only white space", Hint: "check that it is the essay you meant; nothing was written"}
	}
	return &parse.Error{Reason: "the file is empty", Hint: "check that it is the essay you meant; nothing was written"}
}

// readAll reads r to its end, refusing more than max bytes (0:
// DefaultMaxSize). A file's size is not trusted: files in /proc say 0,
// and a file still being written grows.
func readAll(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	// A regular file's size, when known, sizes the buffer (one read, no
	// doubling); the read still goes to the end.
	var buf bytes.Buffer
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > 0 {
			buf.Grow(int(min(st.Size(), max) + 512))
		}
	}
	_, err := buf.ReadFrom(io.LimitReader(r, max+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("failed to read the input: %w", err)
	}
	if int64(len(data)) > max {
		return nil, &SizeError{Limit: max}
	}
	return data, nil
}

// lastElement is the part of a name after its last / or \.
func lastElement(name string) string {
	return name[strings.LastIndexAny(name, `/\`)+1:]
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

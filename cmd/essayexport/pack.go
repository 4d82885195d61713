package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/essayexport/essayexport"
	"github.com/essayexport/essayexport/render"
)

// manifest is the --manifest file: a coursework pack's front matter and
// its essays in order. README.md documents the format; samples/pack.yaml
// is an example.
type manifest struct {
	Title     string          `yaml:"title"`
	Subtitle  string          `yaml:"subtitle"`
	Author    string          `yaml:"author"`
	Editor    string          `yaml:"editor"`
	Date      string          `yaml:"date"`
	Watermark *string         `yaml:"watermark"`
	Entries   []manifestEntry `yaml:"entries"`
}

// manifestEntry is one essay of a pack. A file path is relative to the
// manifest's folder. Watermark "" turns the pack's watermark off for this
// entry; absent, the pack's (or the flags') applies.
type manifestEntry struct {
	File      string  `yaml:"file"`
	Title     string  `yaml:"title"`
	Author    string  `yaml:"author"`
	Watermark *string `yaml:"watermark"`
}

// loadManifest reads and checks a manifest. Its entries are opened
// inside root (default: the manifest's folder): an entry that leaves it,
// by "..", an absolute path or a symbolic link, is refused when read.
func loadManifest(e *env, path, root string) (*manifest, error) {
	data, err := readLimited(path, maxManifestSize, "--manifest")
	if err != nil {
		return nil, usagef("give the path of a pack manifest (YAML)", "--manifest %s: %v", path, pathErr(err))
	}
	var m manifest
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, usagef("see README.md, 'Coursework packs', for the format", "--manifest %s: %s", path, oneLine(err.Error()))
	}
	if len(m.Entries) == 0 {
		return nil, usagef("list the essays under entries:, each with a file:", "--manifest %s: no entries", path)
	}
	base, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	if root == "" {
		root = base
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(absRoot)
	if err != nil {
		return nil, usagef("give --manifest-root a folder", "--manifest-root %s: %v", root, pathErr(err))
	}
	e.roots = append(e.roots, r)
	if e.sources == nil {
		e.sources = map[string]source{}
	}
	for i, en := range m.Entries {
		if strings.TrimSpace(en.File) == "" {
			return nil, usagef("give every entry a file:", "--manifest %s: entry %d has no file", path, i+1)
		}
		abs := en.File
		if !filepath.IsAbs(abs) {
			m.Entries[i].File = filepath.Join(filepath.Dir(path), en.File)
			abs = filepath.Join(base, en.File)
		}
		rel, err := filepath.Rel(absRoot, abs)
		if err != nil || !filepath.IsLocal(rel) {
			// outside the root: opening ".." from the root is refused
			rel = filepath.Join("..", filepath.Base(abs))
		}
		e.sources[m.Entries[i].File] = source{root: r, rel: rel, regular: true}
	}
	return &m, nil
}

// buildPack makes one PDF or EPUB from all inputs, in order. If any
// input fails, each failure is reported and no pack is written: a pack
// that silently lacks an essay is worse than none.
func buildPack(ctx context.Context, e *env, a *args, opts render.Options) error {
	o := a.options(opts)
	o.Pack = essayexport.PackInfo{Title: a.title, Author: a.author}
	o.Parse.Title, o.Parse.Author = "", "" // the flags name the pack, not its essays
	var entries []manifestEntry
	if a.manifest != "" {
		if len(a.inputs) > 0 || a.filesFrom != "" {
			return usagef("list the essays in the manifest, or give them on the command line without --manifest", "--manifest and input files cannot be used together")
		}
		m, err := loadManifest(e, a.manifest, a.manifestRoot)
		if err != nil {
			return err
		}
		o.Pack.Subtitle = m.Subtitle
		o.Pack.Title = firstNonEmpty(a.title, m.Title)
		o.Pack.Author = firstNonEmpty(a.author, m.Author, m.Editor)
		o.Date = firstNonEmpty(a.date, m.Date)
		if m.Watermark != nil && a.watermark == "" {
			o.Watermark = *m.Watermark
		}
		entries = m.Entries
	} else {
		paths, _, bad, err := expandInputs(e, a)
		if err != nil {
			return err
		}
		if len(bad) > 0 {
			for _, b := range bad {
				reportFailure(e, b.input, b.err)
			}
			return &failedError{len(bad)}
		}
		for _, p := range paths {
			entries = append(entries, manifestEntry{File: p})
		}
	}
	if a.output == "-" && e.stdoutIsTTY {
		return usagef("redirect it or give -o FILE", "refusing to write a binary %s to the terminal", strings.ToUpper(a.format))
	}
	if err := checkReadsNotWritten(a, nil); err != nil {
		return err
	}
	for _, en := range entries {
		if sameFile(en.File, a.output) {
			return usagef("give the pack another name", "-o %s would overwrite the input %s", a.output, en.File)
		}
	}
	if a.dryRun {
		for _, en := range entries {
			fmt.Fprintf(e.stdout, "%s -> %s\n", msgName(en.File), msgName(a.output))
		}
		return nil
	}
	list := make([]essayexport.Entry, len(entries))
	for i, en := range entries {
		list[i] = essayexport.Entry{Name: en.File, Title: en.Title, Author: en.Author, Watermark: en.Watermark,
			Open: func() (io.ReadCloser, error) {
				rc, _, err := openInput(e, en.File, a.maxBytes)
				return rc, err
			}}
	}
	out := newOutput(e, a.output, nil)
	res, err := essayexport.ConvertPack(ctx, out, list, o)
	var pe *essayexport.PackError
	switch {
	case err != nil && ctx.Err() != nil:
		out.abort()
		return ctx.Err()
	case errors.As(err, &pe):
		out.abort()
		for _, f := range pe.Entries {
			reportFailure(e, f.Name, f.Err)
		}
		fmt.Fprintf(e.stderr, "essayexport: the pack was not written: %d of %d essays failed\n", len(pe.Entries), pe.Total)
		return &failedError{len(pe.Entries)}
	case err != nil:
		out.abort()
		reportFailure(e, a.output, out.writeErr(err))
		return &failedError{1}
	}
	if err := out.commit(ctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		reportFailure(e, a.output, err)
		return &failedError{1}
	}
	if !a.quiet {
		for _, en := range res.Entries {
			for _, w := range en.Warnings {
				reportWarning(e, en.Name, w)
			}
		}
		for _, w := range res.Warnings {
			reportWarning(e, a.output, w)
		}
		fmt.Fprintf(e.stderr, "essayexport: pack of %s essays written to %s", commas(len(entries)), msgName(a.output))
		if res.Pages > 0 && a.format == "pdf" {
			fmt.Fprintf(e.stderr, " (%d pages)", res.Pages)
		}
		fmt.Fprintln(e.stderr)
	}
	return nil
}

func reportFailure(e *env, input string, err error) {
	msg, hint := describe(err)
	fmt.Fprintf(e.stderr, "essayexport: error: %s: %s\n", msgName(input), oneLine(msg))
	if hint != "" {
		fmt.Fprintf(e.stderr, "essayexport: hint: %s\n", hint)
	}
}

// reportWarning prints one warning about name on standard error.
func reportWarning(e *env, name, w string) {
	fmt.Fprintf(e.stderr, "essayexport: warning: %s: %s\n", msgName(name), oneLine(w))
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

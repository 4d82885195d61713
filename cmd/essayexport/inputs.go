package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// item is one input of a run and where its output goes.
type item struct {
	index  int
	input  string // a path, or "-" for standard input
	output string // a path, or "-" for standard output
	err    error  // set when the input could not even be listed (a glob with no match)
}

// expandInputs turns the command line's inputs (and --files-from) into
// input paths, in order: files as given, directories as their *.txt files
// sorted by path (descending with --recursive), glob patterns expanded by
// the tool itself. rel maps each path found in a directory to its path
// relative to that directory, for -d's mirroring.
func expandInputs(e *env, a *args) (paths []string, rel map[string]string, bad []item, err error) {
	specs := append([]string{}, a.inputs...)
	if a.filesFrom != "" {
		listed, err := readList(e, a.filesFrom)
		if err != nil {
			return nil, nil, nil, err
		}
		specs = append(specs, listed...)
	}
	rel = map[string]string{}
	if e.sources == nil {
		e.sources = map[string]source{}
	}
	listed := len(specs) - len(a.inputs) // the last ones came from --files-from
	// Each spec is stat'ed once: the count of folders among the arguments
	// decides the -d prefix below.
	type statResult struct {
		st  os.FileInfo
		err error
	}
	stats := make([]statResult, len(specs))
	dirs := 0
	for i, s := range specs {
		st, err := os.Stat(s)
		stats[i] = statResult{st, err}
		if i < len(a.inputs) && err == nil && st.IsDir() {
			dirs++
		}
	}
	stdinSeen := false
	for i, s := range specs {
		switch st, statErr := stats[i].st, stats[i].err; {
		case s == "-":
			if stdinSeen || a.filesFrom == "-" {
				return nil, nil, nil, usagef("read standard input once", "- (standard input) is given more than once")
			}
			stdinSeen = true
			paths = append(paths, s)
		case statErr == nil && st.IsDir():
			found, err := listDir(s, a.recursive)
			if err != nil {
				bad = append(bad, item{input: s, err: err})
				continue
			}
			if len(found) == 0 {
				bad = append(bad, item{input: s, err: &hintError{err: errors.New("no .txt files in this directory"), hint: recursiveHint(a)}})
				continue
			}
			// The folder's files are opened inside it: a symbolic link
			// out of it is refused, and so is anything but a regular file.
			root, err := os.OpenRoot(s)
			if err != nil {
				bad = append(bad, item{input: s, err: err})
				continue
			}
			e.roots = append(e.roots, root)
			// With several folders, -d mirrors each under its own name, so
			// that a/x.txt and b/x.txt stay apart.
			prefix := ""
			if dirs > 1 {
				prefix = filepath.Clean(s)
				if !filepath.IsLocal(prefix) {
					prefix = filepath.Base(prefix)
				}
			}
			for _, f := range found {
				r, _ := filepath.Rel(s, f)
				rel[f] = filepath.Join(prefix, r)
				e.sources[f] = source{root: root, rel: r, regular: true}
				paths = append(paths, f)
			}
		case statErr != nil && strings.ContainsAny(s, "*?["):
			matches, gerr := filepath.Glob(s)
			if gerr != nil || len(matches) == 0 {
				bad = append(bad, item{input: s, err: &hintError{err: errors.New("no file matches this pattern"), hint: "check the pattern; quote it so that the shell leaves it to essayexport"}})
			}
			sort.Strings(matches)
			for _, m := range matches {
				e.sources[m] = source{regular: true}
			}
			paths = append(paths, matches...)
		default:
			if i >= len(specs)-listed {
				e.sources[s] = source{regular: true} // listed in a file: regular files only
			}
			paths = append(paths, s) // a file, or a missing one that fails when read
		}
	}
	return paths, rel, bad, nil
}

func recursiveHint(a *args) string {
	if a.recursive {
		return "give a folder that holds .txt essays"
	}
	return "add --recursive to look in its subdirectories"
}

// listDir returns the *.txt files in dir, sorted by path.
func listDir(dir string, recursive bool) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && (!recursive || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.EqualFold(filepath.Ext(p), ".txt") && !strings.HasPrefix(d.Name(), ".") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// readList reads --files-from: one path a line; blank lines and lines
// starting with # are skipped.
func readList(e *env, name string) ([]string, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, usagef("give a text file that lists one input path a line", "--files-from %s: %v", name, pathErr(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, usagef("give a text file that lists one input path a line", "--files-from %s: is a directory", name)
		} else if err == nil && st.Mode().IsRegular() && st.Size() > maxListSize {
			return nil, usagef("split the list", "--files-from %s is larger than %s", name, humanBytes(maxListSize))
		}
		r = f
	}
	r = &limitedReader{r: r, left: maxListSize, what: "--files-from " + name}
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(strings.TrimSuffix(sc.Text(), "\r"))
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			return nil, ue
		}
		return nil, usagef("", "--files-from %s: %v", name, err)
	}
	return out, nil
}

// Size limits of the files that control a run: far above any real one,
// far below what would exhaust memory (--manifest /dev/zero).
const (
	maxListSize     = 64 << 20 // --files-from
	maxManifestSize = 4 << 20  // --manifest
	maxCoverSize    = 32 << 20 // --cover
)

// limitedReader fails with a usage error once more than left bytes are
// read.
type limitedReader struct {
	r    io.Reader
	left int64
	what string
}

func (l *limitedReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, usagef("split the list", "%s is larger than %s", l.what, humanBytes(maxListSize))
	}
	return n, err
}

// readLimited reads a control file whole, refusing one above limit
// bytes (and anything but a regular file or a pipe of data).
func readLimited(path string, limit int64, what string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, syscall.EISDIR
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("is %s, not a regular file", fileKind(st.Mode()))
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("is larger than %s", humanBytes(limit))
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("is larger than %s", humanBytes(limit))
	}
	return data, nil
}

// fileKind names a file type that is not a regular file, for messages.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a directory"
	}
	return "not a regular file"
}

// plan lists the run's items with their outputs, applies --shard, and
// checks before anything is written that no two inputs share an output
// and that no binary output goes to a terminal.
func plan(e *env, a *args) ([]item, error) {
	paths, rel, bad, err := expandInputs(e, a)
	if err != nil {
		return nil, err
	}
	if a.shardN > 0 {
		var kept []string
		for i, p := range paths {
			if i%a.shardN == a.shardK-1 {
				kept = append(kept, p)
			}
		}
		paths = kept
	}
	if a.output != "" && len(paths)+len(bad) > 1 {
		return nil, usagef("use -d DIR for several inputs, or --pack to make one file", "-o takes one input, and %d were given", len(paths)+len(bad))
	}
	ext := "." + a.format
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	items := make([]item, 0, len(paths)+len(bad))
	owner := map[string]string{}
	for _, p := range paths {
		it := item{input: p}
		switch {
		case a.output != "":
			it.output = a.output
		case p == "-" && a.outputDir == "":
			it.output = "-"
		case p == "-":
			it.output = filepath.Join(a.outputDir, "stdin"+ext)
		case a.outputDir != "":
			r, ok := rel[p]
			if !ok {
				r = p
				if !filepath.IsLocal(r) {
					r = filepath.Base(p)
				}
			}
			it.output = filepath.Join(a.outputDir, replaceExt(r, ext))
		default:
			it.output = replaceExt(p, ext)
		}
		if it.output == "-" && e.stdoutIsTTY {
			return nil, usagef("redirect it (> essay"+ext+") or give -o FILE", "refusing to write a binary %s to the terminal", strings.ToUpper(a.format))
		}
		if it.output != "-" {
			key := absPath(cwd, it.output)
			if p != "-" && key == absPath(cwd, p) {
				it.err = errOverwrite
			}
			if prev, dup := owner[key]; dup {
				return nil, usagef("give the inputs different names, or write them to different folders with -d",
					"%s and %s would both write %s", prev, p, it.output)
			}
			owner[key] = p
		}
		items = append(items, it)
	}
	items = append(items, bad...)
	for i := range items {
		items[i].index = i
	}
	return items, nil
}

// replaceExt swaps a path's extension for ext ("a.txt" -> "a.pdf").
func replaceExt(p, ext string) string {
	return strings.TrimSuffix(p, filepath.Ext(p)) + ext
}

// openInput opens an input for reading (standard input for "-") and
// returns its FileInfo (nil for standard input). A regular file larger
// than max is refused from its size, before it is read; the reader still
// stops at max, since sizes lie (files in /proc, files being written).
func openInput(e *env, path string, max int64) (io.ReadCloser, os.FileInfo, error) {
	if path == "-" {
		return io.NopCloser(e.stdin), nil, nil
	}
	src := e.sources[path]
	var f *os.File
	var err error
	switch {
	case src.root != nil:
		// O_NONBLOCK: opening a named pipe does not wait for a writer; it
		// is refused below, as everything but a regular file is.
		f, err = src.root.OpenFile(src.rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil && strings.Contains(err.Error(), "escapes") {
			return nil, nil, &hintError{err: errors.New("leads outside the folder it was found in (by .., an absolute path or a symbolic link); not read"),
				hint: "copy the file into the folder (for a manifest: --manifest-root DIR allows entries under DIR)"}
		}
	case src.regular:
		f, err = os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	default:
		// Named on the command line: a pipe (<(command)) or a device is
		// the user's choice, and is read as it comes; a signal still
		// ends the run.
		f, err = os.Open(path)
	}
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if st.IsDir() {
		f.Close()
		return nil, nil, &hintError{err: errors.New("is a directory, not a text file"), hint: "give the directory itself as an input to convert its .txt files"}
	}
	if src.regular && !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &hintError{err: fmt.Errorf("is %s, not a regular file; not read", fileKind(st.Mode())), hint: "only regular files are read from folders, manifests and --files-from lists"}
	}
	if st.Mode().IsRegular() && st.Size() > max {
		f.Close()
		return nil, nil, tooBig(max)
	}
	return f, st, nil
}

// readInput reads an input whole (to its end, at most max bytes) and
// returns its FileInfo (nil for standard input).
func readInput(e *env, path string, max int64) ([]byte, os.FileInfo, error) {
	rc, st, err := openInput(e, path, max)
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, nil, err
	}
	if int64(len(data)) > max {
		return nil, nil, tooBig(max)
	}
	return data, st, nil
}

func tooBig(max int64) error {
	return &hintError{
		err:  fmt.Errorf("is larger than --max-size (%s)", humanBytes(max)),
		hint: "raise --max-size if this really is one essay",
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkReadsNotWritten refuses a run that would write a file it reads:
// --log-json or an output onto an input, the manifest, the --files-from
// list or the cover. Paths are compared first; a file that already exists
// is also compared by identity (another name, a link).
func checkReadsNotWritten(a *args, items []item) error {
	var control []string // files the run reads besides its inputs
	for _, f := range []string{a.manifest, a.filesFrom, a.cover} {
		if f != "" && f != "-" && f != "auto" && f != "none" {
			control = append(control, f)
		}
	}
	var writes []string
	if a.logJSON != "" {
		writes = append(writes, a.logJSON)
	}
	if a.output != "" && a.output != "-" {
		writes = append(writes, a.output)
	}
	for _, w := range writes {
		for _, c := range control {
			if sameFile(w, c) {
				return usagef("give the output another name", "%s would overwrite %s, which this run reads", w, c)
			}
		}
	}
	if a.logJSON == "" || a.logJSON == "-" {
		return nil
	}
	logAbs, _ := filepath.Abs(a.logJSON)
	logSt, logErr := os.Stat(a.logJSON)
	for _, it := range items {
		if it.input != "-" {
			if abs, _ := filepath.Abs(it.input); abs == logAbs {
				return usagef("give --log-json another file", "--log-json %s would overwrite the input %s", a.logJSON, it.input)
			}
			if logErr == nil {
				if st, err := os.Stat(it.input); err == nil && os.SameFile(st, logSt) {
					return usagef("give --log-json another file", "--log-json %s would overwrite the input %s", a.logJSON, it.input)
				}
			}
		}
		if it.output != "-" && it.output != "" {
			if abs, _ := filepath.Abs(it.output); abs == logAbs {
				return usagef("give --log-json another file", "--log-json %s is also the output of %s", a.logJSON, it.input)
			}
		}
	}
	return nil
}

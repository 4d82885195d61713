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
	stdinSeen := false
	for _, s := range specs {
		switch st, statErr := os.Stat(s); {
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
			}
			for _, f := range found {
				r, _ := filepath.Rel(s, f)
				rel[f] = r
				paths = append(paths, f)
			}
		case statErr != nil && strings.ContainsAny(s, "*?["):
			matches, gerr := filepath.Glob(s)
			if gerr != nil || len(matches) == 0 {
				bad = append(bad, item{input: s, err: &hintError{err: errors.New("no file matches this pattern"), hint: "check the pattern; quote it so that the shell leaves it to essayexport"}})
			}
			sort.Strings(matches)
			paths = append(paths, matches...)
		default:
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
		}
		r = f
	}
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
		return nil, usagef("", "--files-from %s: %v", name, err)
	}
	return out, nil
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
	f, err := os.Open(path)
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

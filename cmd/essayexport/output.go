package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// writeOutput writes data to path atomically: into a temporary file in
// the target folder, renamed over the target only once complete, so that
// a failed or interrupted run never leaves a partial or empty file. The
// folder is created when missing. A target that exists and is not a
// regular file (a device such as /dev/null or /dev/full, a pipe) is
// written directly, since it cannot be renamed over.
//
// in is the input's FileInfo (nil for standard input): an existing
// output that is the input itself, under another name or through a link,
// is refused.
func writeOutput(ctx context.Context, path string, data []byte, in os.FileInfo) (err error) {
	st, statErr := os.Stat(path)
	if statErr == nil && in != nil && os.SameFile(in, st) {
		return errOverwrite
	}
	defer func() {
		if err != nil {
			err = &writeError{path: path, err: err}
		}
	}()
	if statErr == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return &hintError{err: syscall.EISDIR, hint: "give a file name to -o, or use -d DIR to write into a folder"}
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	dir := filepath.Dir(path)
	if _, known := madeDirs.Load(dir); !known {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		madeDirs.Store(dir, true)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return errors.New("interrupted")
	}
	return os.Rename(tmp, path)
}

// madeDirs remembers the output folders that exist, so that a batch
// does not ask the file system again for every output.
var madeDirs sync.Map

// errOverwrite refuses an output that would replace its input.
var errOverwrite = &hintError{err: errors.New("the output would overwrite the input"), hint: "give another name with -o, or a folder with -d"}

// absPath makes p absolute against cwd, without a system call (unlike
// filepath.Abs, which asks for the working folder every time).
func absPath(cwd, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(cwd, p)
}

// sameFile reports whether two paths name the same file, so that an
// input is never overwritten.
func sameFile(a, b string) bool {
	if a == "-" || b == "-" {
		return false
	}
	if absA, err := filepath.Abs(a); err == nil {
		if absB, err := filepath.Abs(b); err == nil && absA == absB {
			return true
		}
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

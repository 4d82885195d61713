package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// output is one output file, written atomically: the first Write opens
// an anonymous temporary file in the target folder (O_TMPFILE: a run
// killed even by SIGKILL leaves nothing), and commit links it in under
// the target's name. So a failed, interrupted or cancelled conversion
// never leaves a partial or empty file, and an input that fails before
// its first byte is written touches nothing (not even the folder). The
// folder is created when missing. A target that exists and is not a
// regular file (a device such as /dev/null or /dev/full, a named pipe)
// is written directly, since it cannot be renamed over; a named pipe
// that nobody reads is an error, not a hang. Standard output ("-") is
// buffered and written whole at commit.
type output struct {
	path string
	in   os.FileInfo // the input's (nil for standard input): never overwrite it
	std  io.Writer   // standard output, for path "-"

	buf    bytes.Buffer // for standard output
	f      *os.File
	tmp    string // the fallback temporary file's name, when O_TMPFILE is not supported
	direct bool   // f is the target itself (a device or a pipe)
	err    error  // the first error; every later Write returns it
}

func newOutput(e *env, path string, in os.FileInfo) *output {
	return &output{path: path, in: in, std: e.stdout}
}

// Write writes to the temporary file, opening it first.
func (o *output) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	if o.path == "-" {
		return o.buf.Write(p)
	}
	if o.f == nil {
		if o.err = o.open(); o.err != nil {
			return 0, o.err
		}
	}
	n, err := o.f.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// open opens the temporary file, or the target itself when it is a
// device or a pipe.
func (o *output) open() error {
	st, statErr := os.Stat(o.path)
	if statErr == nil && o.in != nil && os.SameFile(o.in, st) {
		return errOverwrite
	}
	if statErr == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return &hintError{err: syscall.EISDIR, hint: "give a file name to -o, or use -d DIR to write into a folder"}
		}
		// O_NONBLOCK: opening a pipe nobody reads fails (ENXIO) instead
		// of waiting for ever; the file is then written through Go's
		// poller, so a signal still ends the run.
		f, err := os.OpenFile(o.path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if errors.Is(err, syscall.ENXIO) {
			return &hintError{err: errors.New("it is a named pipe that no program is reading"), hint: "start the reader first, or write to a file"}
		}
		if err != nil {
			return err
		}
		o.f, o.direct = f, true
		return nil
	}
	dir := filepath.Dir(o.path)
	if _, known := madeDirs.Load(dir); !known {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		madeDirs.Store(dir, true)
	}
	f, err := os.OpenFile(dir, unix.O_TMPFILE|os.O_RDWR, 0o644)
	if err == nil {
		o.f = f
		return f.Chmod(0o644) // as before, whatever the umask
	}
	// No O_TMPFILE on this file system: a named temporary file, with a
	// short name so that outputs of up to 255 bytes still work.
	f, err = os.CreateTemp(dir, ".ee-*.tmp")
	if err != nil {
		return err
	}
	o.f, o.tmp = f, f.Name()
	liveTemps.Store(o.tmp, true)
	return f.Chmod(0o644)
}

// commit puts the output in place; with ctx cancelled, it discards it.
func (o *output) commit(ctx context.Context) (err error) {
	if o.err != nil {
		o.abort()
		return o.err
	}
	if o.path == "-" {
		if _, err := o.std.Write(o.buf.Bytes()); err != nil {
			return &writeError{path: "standard output", err: err}
		}
		return nil
	}
	if o.f == nil { // nothing was written: an empty output is still an output
		if err := o.open(); err != nil {
			return &writeError{path: o.path, err: err}
		}
	}
	defer func() {
		if err != nil {
			o.abort()
			err = &writeError{path: o.path, err: err}
		}
	}()
	if ctx.Err() != nil {
		return errors.New("interrupted")
	}
	if o.direct {
		err := o.f.Close()
		o.f = nil
		return err
	}
	if o.tmp != "" {
		if err := o.f.Close(); err != nil {
			return err
		}
		o.f = nil
		err := os.Rename(o.tmp, o.path)
		if err == nil {
			liveTemps.Delete(o.tmp)
			o.tmp = ""
		}
		return err
	}
	// Link the anonymous file under a short temporary name, then rename
	// it over the target: linkat cannot replace a file.
	name := filepath.Join(filepath.Dir(o.path), "."+randomHex()+".tmp")
	fdPath := "/proc/self/fd/" + strconv.Itoa(int(o.f.Fd()))
	if err := unix.Linkat(unix.AT_FDCWD, fdPath, unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW); err != nil {
		// No /proc to link through (a minimal container): copy the
		// anonymous file into a named temporary one instead.
		return o.copyIn()
	}
	liveTemps.Store(name, true)
	defer func() {
		liveTemps.Delete(name)
		if err != nil {
			os.Remove(name)
		}
	}()
	if err := o.f.Close(); err != nil {
		return err
	}
	o.f = nil
	return os.Rename(name, o.path)
}

// copyIn commits by copying the anonymous file into a named temporary
// file, renamed over the target.
func (o *output) copyIn() error {
	if _, err := o.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	anon := o.f
	defer anon.Close()
	f, err := os.CreateTemp(filepath.Dir(o.path), ".ee-*.tmp")
	if err != nil {
		return err
	}
	o.f, o.tmp = f, f.Name()
	liveTemps.Store(o.tmp, true)
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if _, err := io.Copy(f, anon); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	o.f = nil
	if err := os.Rename(o.tmp, o.path); err != nil {
		return err
	}
	liveTemps.Delete(o.tmp)
	o.tmp = ""
	return nil
}

// abort discards what was written.
func (o *output) abort() {
	if o.f != nil {
		o.f.Close()
		o.f = nil
	}
	if o.tmp != "" {
		os.Remove(o.tmp)
		liveTemps.Delete(o.tmp)
		o.tmp = ""
	}
}

// writeErr is err as an error of writing the output when the output
// failed, else err.
func (o *output) writeErr(err error) error {
	if o.err != nil {
		return &writeError{path: o.path, err: o.err}
	}
	return err
}

// liveTemps holds the named temporary files that exist, so that a run
// that must exit at once (a second Ctrl-C) removes them first.
var liveTemps sync.Map

// removeTemps removes every named temporary file of the run.
func removeTemps() {
	liveTemps.Range(func(k, _ any) bool {
		os.Remove(k.(string))
		return true
	})
}

func randomHex() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
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

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"syscall"

	"github.com/essayexport/essayexport"
	"github.com/essayexport/essayexport/internal/batch"
	"github.com/essayexport/essayexport/parse"
)

// hintError is an error with a line that says what to do next.
type hintError struct {
	err  error
	hint string
}

func (h *hintError) Error() string { return h.err.Error() }
func (h *hintError) Unwrap() error { return h.err }

// pathErr strips the operation and path from an *fs.PathError: messages
// name the file themselves, once.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// describe turns an input's error into one line and a hint.
func describe(err error) (msg, hint string) {
	var he *hintError
	var pe *parse.Error
	var panicked *batch.PanicError
	var we *writeError
	var se *essayexport.SizeError
	switch {
	case errors.As(err, &se):
		return describe(tooBig(se.Limit))
	case errors.As(err, &we):
		inner, hint := describe(we.err)
		return fmt.Sprintf("cannot write %s: %s", we.path, inner), hint
	case errors.As(err, &panicked):
		return fmt.Sprintf("internal error (%v): this is a bug in essayexport %s", panicked.Value, Version),
			"please report it with this input attached; the other inputs were converted"
	case errors.As(err, &pe):
		return pe.Reason, pe.Hint
	case errors.As(err, &he):
		msg, hint = describe(he.err)
		if he.hint != "" {
			hint = he.hint
		}
		return msg, hint
	case errors.Is(err, fs.ErrNotExist):
		return "no such file", "check the path"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied", "check that you may read the input and write the output folder"
	case errors.Is(err, syscall.ENOSPC):
		return "no space left on device", "free some space and run it again; no partial file was left"
	case errors.Is(err, syscall.EISDIR):
		return "is a directory", ""
	}
	return pathErr(err).Error(), ""
}

// writeError marks an error that happened writing the output, so that
// the message names the output too.
type writeError struct {
	path string
	err  error
}

func (w *writeError) Error() string {
	return fmt.Sprintf("cannot write %s: %v", w.path, pathErr(w.err))
}
func (w *writeError) Unwrap() error { return w.err }

// errWriter remembers the first error writing to w.
type errWriter struct {
	w   io.Writer
	err error
}

func (ew *errWriter) Write(p []byte) (int, error) {
	if ew.err != nil {
		return 0, ew.err
	}
	n, err := ew.w.Write(p)
	if err != nil {
		ew.err = err
	}
	return n, err
}

// inspectChecked runs inspect and makes a failed write to standard output
// (a full disk, a closed pipe) a failure of the run, not a silent loss.
func inspectChecked(ctx context.Context, e *env, a *args) error {
	ew := &errWriter{w: e.stdout}
	stdout := e.stdout
	e.stdout = ew
	defer func() { e.stdout = stdout }()
	err := inspect(ctx, e, a)
	if ew.err != nil {
		reportFailure(e, "inspect", &writeError{path: "standard output", err: ew.err})
		return &failedError{1}
	}
	return err
}

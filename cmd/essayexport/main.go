// Command essayexport turns plain-text essays into typeset PDF and EPUB
// files. It is the only part of essayexport that touches paths, the
// terminal, signals and exit codes; parsing and rendering live in the
// packages parse, render/pdf and render/epub.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/urfave/cli/v2"
	"github.com/xrash/smetrics"
	"golang.org/x/term"
)

// Exit statuses. They are part of the CLI contract: never renumber them.
const (
	exitOK          = 0   // every output was written
	exitFailed      = 1   // at least one input failed
	exitUsage       = 2   // the command line was wrong; nothing was done
	exitInterrupted = 130 // SIGINT (Ctrl-C): stopped cleanly, no partial file
	exitTerminated  = 143 // SIGTERM: as for SIGINT
)

func main() {
	os.Exit(run(os.Args))
}

// run runs the command with the process's streams and signals and returns
// the exit status.
func run(argv []string) int {
	ctx, stop := context.WithCancelCause(context.Background())
	defer stop(nil)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		var first signalError
		select {
		case s := <-sigs:
			first = signalError{s.(syscall.Signal)}
			stop(first)
		case <-ctx.Done():
			return
		}
		// The run now stops at its next check (between inputs, blocks
		// and pages). If it has not ended within the grace time (a
		// render inside one huge paragraph, an open of a pipe nobody
		// writes), or on a second signal, exit at once: supervisors
		// kill after a few seconds, and Ctrl-C twice means now.
		select {
		case <-sigs:
		case <-time.After(stopGrace):
		}
		hardExit(first)
	}()
	e := &env{
		stdin:       os.Stdin,
		stdout:      os.Stdout,
		stderr:      os.Stderr,
		stdoutIsTTY: term.IsTerminal(int(os.Stdout.Fd())),
		stderrIsTTY: term.IsTerminal(int(os.Stderr.Fd())),
		getenv:      os.Getenv,
	}
	return runWith(ctx, e, argv)
}

// stopGrace is how long a stopped run may take to end cleanly before it
// exits at once.
const stopGrace = 1500 * time.Millisecond

// hardExit ends the process at once after a signal: the named temporary
// files are removed (anonymous ones vanish with the process).
func hardExit(sig signalError) {
	removeTemps()
	fmt.Fprintf(os.Stderr, "essayexport: %v; no partial output was left\n", sig)
	os.Exit(sig.status())
}

// status is the exit status for the signal.
func (s signalError) status() int {
	if s.sig == syscall.SIGTERM {
		return exitTerminated
	}
	return exitInterrupted
}

// signalError is the cancellation cause when a signal stops the run.
type signalError struct{ sig syscall.Signal }

func (s signalError) Error() string {
	if s.sig == syscall.SIGTERM {
		return "terminated"
	}
	return "interrupted"
}

// runWith runs the command in e and maps the outcome to an exit status.
// This is the one place where errors become exit codes.
func runWith(ctx context.Context, e *env, argv []string) int {
	e.stdin = newCtxReader(ctx, e.stdin)
	app := newApp(e)
	err := unknownCommand(app, argv)
	if err == nil {
		err = app.RunContext(ctx, reorder(argv, app))
	}
	var sig signalError
	if errors.As(context.Cause(ctx), &sig) {
		fmt.Fprintf(e.stderr, "essayexport: %v; no partial output was left\n", sig)
		return sig.status()
	}
	if err == nil {
		return exitOK
	}
	var ue *usageError
	var fe *failedError
	switch {
	case errors.As(err, &fe):
		return exitFailed
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "essayexport: error: %s\n", oneLine(ue.msg))
		if ue.hint != "" {
			fmt.Fprintf(e.stderr, "essayexport: hint: %s\n", ue.hint)
		}
		return exitUsage
	default:
		// urfave/cli's own complaints (an unknown flag, a bad number).
		fmt.Fprintf(e.stderr, "essayexport: error: %s\nessayexport: hint: run 'essayexport --help' for the options\n", oneLine(err.Error()))
		return exitUsage
	}
}

// unknownCommand is the usage error for `essayexport pfd` or
// `essayexport help pfd`, with the nearest command as the hint.
func unknownCommand(app *cli.App, argv []string) error {
	i := 1
	if len(argv) > 2 && argv[1] == "help" {
		i = 2
	}
	if len(argv) <= i || strings.HasPrefix(argv[i], "-") || app.Command(argv[i]) != nil || argv[i] == "help" || argv[i] == "h" {
		return nil
	}
	typed := argv[i]
	var names []string
	for _, c := range app.Commands {
		names = append(names, c.Name)
	}
	hint := "the commands are " + strings.Join(names, ", ") + "; run 'essayexport --help'"
	best, dist := "", 0.0
	for _, c := range app.Commands {
		if d := smetrics.JaroWinkler(typed, c.Name, 0.7, 4); d > dist && c.Name != "help" {
			best, dist = c.Name, d
		}
	}
	if dist >= 0.7 || (best != "" && best[0] == typed[0]) {
		hint = "did you mean " + best + "?"
	}
	return &usageError{msg: "unknown command " + typed, hint: hint}
}

// failedError says that some inputs failed; each was already reported.
type failedError struct{ n int }

func (f *failedError) Error() string { return fmt.Sprintf("%d inputs failed", f.n) }

// oneLine folds a message onto one line, as every message must be, and
// escapes the control and bidi characters left in it (a file name with an
// escape sequence must not reach the terminal as one).
func oneLine(s string) string {
	return escapeControls(strings.Join(strings.Fields(s), " "))
}

// msgName is an input or output name as messages show it: quoted, with
// escapes, when it holds a control or bidi character (a newline in a name
// must not forge a line of the summary).
func msgName(name string) string {
	name = displayName(name)
	if strings.IndexFunc(name, unsafeRune) >= 0 || !utf8.ValidString(name) {
		return strconv.Quote(name)
	}
	return name
}

// escapeControls writes each control or bidi character of s as a Go
// escape (\x1b, \u202e).
func escapeControls(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unsafeRune reports a character that must not reach a terminal raw: C0
// and C1 controls, and the bidi embeddings, overrides, isolates and marks
// that reorder what is shown.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// ctxReader reads from r until ctx is done, then fails at once with the
// context's cause: a run waiting on standard input at a terminal stops on
// Ctrl-C instead of waiting for a line or Ctrl-D. Each read runs in a
// goroutine with its own buffer, so a read that returns after the stop
// writes nowhere the caller can see (it is dropped with the process).
type ctxReader struct {
	ctx     context.Context
	r       io.Reader
	pending chan readResult // the read in flight, if any
}

type readResult struct {
	b   []byte
	err error
}

func newCtxReader(ctx context.Context, r io.Reader) io.Reader {
	if r == nil {
		return nil
	}
	return &ctxReader{ctx: ctx, r: r}
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := context.Cause(c.ctx); err != nil {
		return 0, err
	}
	if c.pending == nil {
		ch := make(chan readResult, 1)
		buf := make([]byte, len(p))
		go func() {
			n, err := c.r.Read(buf)
			ch <- readResult{buf[:n], err}
		}()
		c.pending = ch
	}
	select {
	case res := <-c.pending:
		c.pending = nil
		n := copy(p, res.b)
		if n < len(res.b) { // p shrank since the read began: keep the rest
			rest := res.b[n:]
			ch := make(chan readResult, 1)
			ch <- readResult{rest, res.err}
			c.pending = ch
			return n, nil
		}
		return n, res.err
	case <-c.ctx.Done():
		return 0, context.Cause(c.ctx)
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/essayexport/essayexport"
)

// writeEssays writes n small essays into dir.
func writeEssays(t *testing.T, dir string, n int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		text := fmt.Sprintf("Essay Number %d\n\n%s\n\n%s\n", i,
			strings.Repeat("The committee met on a wet Tuesday and decided, after long debate, to plant more trees along the canal. ", 6),
			strings.Repeat("Nobody remembers who first proposed it, but everyone now claims the idea as their own. ", 5))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("e%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkNoPartialFiles fails if dir holds a temporary file or an output
// that is not complete.
func checkNoPartialFiles(t *testing.T, dir string) (complete int) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".tmp") {
			t.Errorf("temporary file left behind: %s", p)
		}
		if strings.HasSuffix(p, ".pdf") {
			data, _ := os.ReadFile(p)
			if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
				t.Errorf("partial PDF left behind: %s (%d bytes)", p, len(data))
			}
			complete++
		}
		return nil
	})
	return complete
}

// TestSignalsStopCleanly interrupts a batch with SIGINT and SIGTERM: the
// run stops, leaves no temporary or partial file, and exits 130 or 143.
func TestSignalsStopCleanly(t *testing.T) {
	bin, err := exec.LookPath("essayexport")
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "in")
	writeEssays(t, in, 3000)
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, exitInterrupted}, {syscall.SIGTERM, exitTerminated}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			var stderr bytes.Buffer
			cmd := exec.Command(bin, "pdf", "-j", "2", "-d", out, in)
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			for time.Now().Before(deadline) {
				if m, _ := filepath.Glob(filepath.Join(out, "*.pdf")); len(m) >= 3 {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			cmd.Process.Signal(tc.sig)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit: %v, want status %d\n%s", err, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), "essayexport: "+signalError{tc.sig}.Error()+"; no partial output was left") {
				t.Errorf("stderr does not say it stopped:\n%s", stderr.String())
			}
			n := checkNoPartialFiles(t, out)
			if n == 0 || n >= 3000 {
				t.Errorf("%d complete outputs; want some, but not all", n)
			}
		})
	}
}

// TestBatchLeavesNothingBehind converts 2,000 inputs in-process and checks
// that no goroutine and no temporary file outlives the run.
func TestBatchLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	writeEssays(t, filepath.Join(dir, "in"), 2000)
	before := runtime.NumGoroutine()
	code, _, stderr := runCLI(t, "", "epub", "-q", "-d", filepath.Join(dir, "out"), filepath.Join(dir, "in"))
	if code != 0 {
		t.Fatalf("status %d\n%s", code, stderr)
	}
	m, _ := filepath.Glob(filepath.Join(dir, "out", "*.epub"))
	if len(m) != 2000 {
		t.Fatalf("%d outputs, want 2000", len(m))
	}
	checkNoPartialFiles(t, filepath.Join(dir, "out"))
	var after int
	for range 50 { // goroutines of the run may need a moment to be scheduled out
		if after = runtime.NumGoroutine(); after <= before {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if after > before {
		t.Fatalf("goroutines: %d before the batch, %d after", before, after)
	}
}

// asNobody returns a command that runs essayexport as an unprivileged
// user when the test runs as root (as CI does), since root reads and
// writes through any permission bits.
func asNobody(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := exec.LookPath("essayexport")
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		return exec.Command(bin, args...)
	}
	// The test binary's folder is private to root: copy it where nobody may run it.
	dir, err := os.MkdirTemp("", "essayexport-nobody")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	copyTo := filepath.Join(dir, "essayexport")
	src, _ := os.Open(bin)
	dst, _ := os.OpenFile(copyTo, os.O_CREATE|os.O_WRONLY, 0o755)
	io.Copy(dst, src)
	src.Close()
	dst.Close()
	cmd := exec.Command(copyTo, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	return cmd
}

// TestPermissionDenied covers an unreadable input and an output folder
// that is not writable: one line naming the file, status 1, the other
// inputs still written, no partial file.
func TestPermissionDenied(t *testing.T) {
	dir, err := os.MkdirTemp("", "essayexport-perm")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o777)
	writeEssays(t, filepath.Join(dir, "in"), 2)
	os.Chmod(filepath.Join(dir, "in"), 0o777)
	secret := filepath.Join(dir, "in", "e0000.txt")
	os.Chmod(secret, 0o000)
	out := filepath.Join(dir, "out")
	os.MkdirAll(out, 0o777)
	os.Chmod(out, 0o777)

	cmd := asNobody(t, "pdf", "-d", out, filepath.Join(dir, "in"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailed {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr.String())
	}
	if want := "essayexport: error: " + secret + ": permission denied\n"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "e0001.pdf")); err != nil {
		t.Errorf("the readable input was not written: %v", err)
	}

	ro := filepath.Join(dir, "readonly")
	os.MkdirAll(ro, 0o555)
	os.Chmod(ro, 0o555)
	cmd = asNobody(t, "epub", "-o", filepath.Join(ro, "x.epub"), filepath.Join(dir, "in", "e0001.txt"))
	stderr.Reset()
	cmd.Stderr = &stderr
	err = cmd.Run()
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailed {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "cannot write "+filepath.Join(ro, "x.epub")+": permission denied") {
		t.Errorf("stderr does not name the unwritable output:\n%s", stderr.String())
	}
	if entries, _ := os.ReadDir(ro); len(entries) != 0 {
		t.Errorf("files left in the read-only folder: %v", entries)
	}
}

// TestPanicInOneRender makes the renderer panic on one input: that input
// is reported as a bug with its name, and the batch goes on.
func TestPanicInOneRender(t *testing.T) {
	dir := t.TempDir()
	writeEssays(t, dir, 3)
	real := convertOne
	t.Cleanup(func() { convertOne = real })
	convertOne = func(ctx context.Context, w io.Writer, r io.Reader, o essayexport.Options) (essayexport.Result, error) {
		if strings.Contains(o.Parse.Name, "0001") {
			var m map[string]int
			m["boom"]++ // a nil-map write: a real runtime panic
		}
		return real(ctx, w, r, o)
	}
	code, _, stderr := runCLI(t, "", "epub", "-d", filepath.Join(dir, "out"), dir)
	if code != exitFailed {
		t.Fatalf("status %d, want 1\n%s", code, stderr)
	}
	want := "essayexport: error: " + filepath.Join(dir, "e0001.txt") + ": internal error (assignment to entry in nil map): this is a bug in essayexport"
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "please report it with this input attached") {
		t.Errorf("stderr lacks the bug report line %q:\n%s", want, stderr)
	}
	for _, name := range []string{"e0000.epub", "e0002.epub"} {
		if _, err := os.Stat(filepath.Join(dir, "out", name)); err != nil {
			t.Errorf("the batch did not go on: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "e0001.epub")); err == nil {
		t.Error("the input whose render panicked has an output")
	}
}

// startBin starts the essayexport binary (testscript's copy on PATH).
func startBin(t *testing.T, stderr *bytes.Buffer, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := exec.LookPath("essayexport")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// waitStatus waits for cmd and returns its exit status and how long it
// took from since.
func waitStatus(t *testing.T, cmd *exec.Cmd, since time.Time) (int, time.Duration) {
	t.Helper()
	err := cmd.Wait()
	took := time.Since(since)
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), took
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, took
}

// longEssay writes an essay of about n bytes of blank-line paragraphs.
func longEssay(t *testing.T, path string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("A Long Essay\n\n")
	para := strings.Repeat("The committee met on a wet Tuesday and decided, after a long debate, to plant more trees along the canal. ", 5) + "\n\n"
	for b.Len() < n {
		b.WriteString(para)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSignalDuringRender: SIGTERM while one long PDF is being rendered,
// and while a pack is, ends the run within 2 s with status 143 and no
// output (issue 15, fault 8: it took 82 s and 23 s).
func TestSignalDuringRender(t *testing.T) {
	dir := t.TempDir()
	longEssay(t, filepath.Join(dir, "long.txt"), 4<<20)
	writeEssays(t, filepath.Join(dir, "pack"), 1500)
	for _, tc := range []struct {
		name string
		args []string
		out  string
	}{
		{"one long essay", []string{"pdf", "-o", filepath.Join(dir, "long.pdf"), filepath.Join(dir, "long.txt")}, filepath.Join(dir, "long.pdf")},
		{"a pack", []string{"pdf", "--pack", "-o", filepath.Join(dir, "pack.pdf"), filepath.Join(dir, "pack")}, filepath.Join(dir, "pack.pdf")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			cmd := startBin(t, &stderr, tc.args...)
			time.Sleep(1500 * time.Millisecond) // read and parsed; rendering
			sent := time.Now()
			cmd.Process.Signal(syscall.SIGTERM)
			code, took := waitStatus(t, cmd, sent)
			t.Logf("SIGTERM to exit: %v", took)
			if code != exitTerminated {
				t.Fatalf("status %d, want 143\n%s", code, stderr.String())
			}
			if took > 2*time.Second {
				t.Errorf("the run ended %v after SIGTERM, want within 2 s", took)
			}
			if _, err := os.Stat(tc.out); err == nil {
				t.Errorf("%s was written", tc.out)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(m) > 0 {
				t.Errorf("temporary files left: %v", m)
			}
		})
	}
}

// TestSignalWhileFIFOBlocks: an input named on the command line that is
// a pipe nobody writes blocks the run; SIGINT ends it within the grace
// time, and a second SIGINT at once (issue 15, fault 2: it hung for ever).
func TestSignalWhileFIFOBlocks(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "in.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, twice := range []bool{false, true} {
		t.Run(fmt.Sprintf("twice=%v", twice), func(t *testing.T) {
			var stderr bytes.Buffer
			cmd := startBin(t, &stderr, "pdf", "-o", filepath.Join(dir, "out.pdf"), fifo)
			time.Sleep(300 * time.Millisecond)
			sent := time.Now()
			cmd.Process.Signal(syscall.SIGINT)
			limit := 2 * time.Second
			if twice {
				time.Sleep(100 * time.Millisecond)
				cmd.Process.Signal(syscall.SIGINT)
				limit = 600 * time.Millisecond
			}
			code, took := waitStatus(t, cmd, sent)
			t.Logf("SIGINT to exit: %v", took)
			if code != exitInterrupted {
				t.Fatalf("status %d, want 130\n%s", code, stderr.String())
			}
			if took > limit {
				t.Errorf("the run ended %v after SIGINT, want within %v", took, limit)
			}
			if !strings.Contains(stderr.String(), "essayexport: interrupted; no partial output was left") {
				t.Errorf("stderr does not say it stopped:\n%s", stderr.String())
			}
		})
	}
}

// TestInspectStdoutFull: inspect's output onto a full disk is a failure
// (issue 15, fault 10: it exited 0).
func TestInspectStdoutFull(t *testing.T) {
	dir := t.TempDir()
	writeEssays(t, dir, 1)
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	var stderr bytes.Buffer
	bin, _ := exec.LookPath("essayexport")
	cmd := exec.Command(bin, "inspect", "--json", filepath.Join(dir, "e0000.txt"))
	cmd.Stdout, cmd.Stderr = full, &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailed {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "cannot write standard output: no space left on device") {
		t.Errorf("stderr does not name the failed write:\n%s", stderr.String())
	}
}

// TestMemoryBound converts 10 MB inputs in a child process and checks its
// peak RSS against the bound README states: 20 times the input plus 50 MB.
// The shapes are issue 15's: mostly empty lines (it took 5.6 GB for 40 MB,
// 1.7 GB for 10 MB) and blank-line paragraphs to EPUB. (PDF paragraphs
// are above the bound: see README, "Bad input".)
func TestMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("converts 20 MB of text")
	}
	dir := t.TempDir()
	const size = 10 << 20
	sentence := "The committee met on a wet Tuesday and decided, after a long debate, to plant more trees along the canal. "
	shapes := map[string]string{
		"empty": strings.Repeat("\n", 2000) + sentence + "\n",
		"paras": strings.Repeat(sentence, 3) + "\n\n",
	}
	for _, tc := range []struct{ shape, format string }{{"empty", "pdf"}, {"paras", "epub"}} {
		t.Run(tc.shape+"-"+tc.format, func(t *testing.T) {
			in := filepath.Join(dir, tc.shape+".txt")
			var b strings.Builder
			b.WriteString("A Large Essay\n\n")
			for b.Len() < size {
				b.WriteString(shapes[tc.shape])
			}
			if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd := startBin(t, &stderr, tc.format, "-q", "-o", filepath.Join(dir, "out."+tc.format), in)
			if code, took := waitStatus(t, cmd, time.Now()); code != 0 {
				t.Fatalf("status %d after %v\n%s", code, took, stderr.String())
			}
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KB on Linux
			bound := int64(20*b.Len() + 50<<20)
			t.Logf("%s to %s: %d MB input, peak RSS %.1f MB (%.1f bytes per input byte), bound %d MB",
				tc.shape, tc.format, b.Len()>>20, float64(rss)/(1<<20), float64(rss)/float64(b.Len()), bound>>20)
			if rss > bound {
				t.Errorf("peak RSS %d MB is above the bound %d MB", rss>>20, bound>>20)
			}
		})
	}
}

// TestSignalWhileReadingStdin: a run that waits on standard input (a
// terminal nobody types at) stops on SIGINT and SIGTERM at once, well
// within the grace time after which the process would be ended anyway,
// with the status and the one-word message for the signal (issue 16).
func TestSignalWhileReadingStdin(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		msg  string
	}{{syscall.SIGINT, exitInterrupted, "essayexport: interrupted; no partial output was left"},
		{syscall.SIGTERM, exitTerminated, "essayexport: terminated; no partial output was left"}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			var stderr bytes.Buffer
			bin, err := exec.LookPath("essayexport")
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "pdf", "-", "-o", filepath.Join(dir, "x.pdf"))
			cmd.Stderr = &stderr
			w, err := cmd.StdinPipe() // open, never written: the read blocks
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Time to start and block in the read. (Go's runtime catches
			// every signal from the start, so /proc cannot tell when the
			// handler is set; a signal before it would kill the process,
			// status -1.)
			time.Sleep(time.Second)
			sent := time.Now()
			cmd.Process.Signal(tc.sig)
			code, took := waitStatus(t, cmd, sent)
			if code != tc.code {
				t.Fatalf("status %d, want %d\n%s", code, tc.code, stderr.String())
			}
			if took >= stopGrace {
				t.Errorf("ended %v after the signal: the read was not stopped, the grace timer ended it", took)
			}
			if got := strings.TrimSpace(stderr.String()); got != tc.msg {
				t.Errorf("stderr = %q, want %q", got, tc.msg)
			}
			if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
				t.Error("x.pdf was written")
			}
		})
	}
}

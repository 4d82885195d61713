package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestBinaryToTerminalRefused: from standard input without -o, or with
// -o -, the output goes to standard output, but never binary to a
// terminal.
func TestBinaryToTerminalRefused(t *testing.T) {
	for _, args := range [][]string{{"pdf", "-"}, {"epub", "-o", "-", "-"}, {"pdf", "--pack", "-o", "-", "-"}} {
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader("A Title\n\nSome text.\n"), stdout: &out, stderr: &errb,
			stdoutIsTTY: true, getenv: func(string) string { return "" }}
		code := runWith(context.Background(), e, append([]string{"essayexport"}, args...))
		if code != exitUsage {
			t.Errorf("%v: status %d, want 2", args, code)
		}
		if !strings.Contains(errb.String(), "refusing to write a binary") || !strings.Contains(errb.String(), "essayexport: hint: redirect it") {
			t.Errorf("%v: stderr lacks the refusal and its hint:\n%s", args, errb.String())
		}
		if out.Len() != 0 {
			t.Errorf("%v: %d bytes written to the terminal", args, out.Len())
		}
	}
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputAtomic writes outputs through both commit paths (link the
// anonymous file in; copy it when /proc is missing) and an aborted one:
// the target holds exactly what was written, or nothing, and no
// temporary file is left.
func TestOutputAtomic(t *testing.T) {
	dir := t.TempDir()
	e := &env{stdout: &bytes.Buffer{}}
	data := []byte(strings.Repeat("essay text ", 1000))
	for _, name := range []string{"linked.pdf", "copied.pdf", "aborted.pdf", strings.Repeat("n", 251) + ".pdf"} {
		path := filepath.Join(dir, "sub", name)
		o := newOutput(e, path, nil)
		if _, err := o.Write(data); err != nil {
			t.Fatal(err)
		}
		var err error
		switch name {
		case "copied.pdf":
			err = o.copyIn()
		case "aborted.pdf":
			o.abort()
		default:
			err = o.commit(context.Background())
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, readErr := os.ReadFile(path)
		if name == "aborted.pdf" {
			if readErr == nil {
				t.Errorf("an aborted output exists")
			}
			continue
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes, want %d", name, len(got), len(data))
		}
		if st, _ := os.Stat(path); st == nil || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", name, st)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "sub"))
	for _, en := range entries {
		if strings.HasSuffix(en.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", en.Name())
		}
	}
	if len(entries) != 3 {
		t.Errorf("%d files, want 3", len(entries))
	}
}

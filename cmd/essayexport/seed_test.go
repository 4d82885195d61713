package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/internal/testutil"
)

// runCLI runs the command in-process with buffers for its streams.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = runWith(context.Background(), e, append([]string{"essayexport"}, args...))
	return code, out.String(), errb.String()
}

type inspected struct {
	File        string `json:"file"`
	Encoding    string `json:"encoding"`
	Title       string `json:"title"`
	TitleSource string `json:"title_source"`
	Author      string `json:"author"`
	Lang        string `json:"lang"`
	Preview     bool   `json:"preview"`
	Blocks      []struct {
		Kind string `json:"kind"`
		Text string `json:"text"`
		Why  string `json:"why"`
	} `json:"blocks"`
	Removed []struct {
		Line int    `json:"line"`
		Text string `json:"text"`
		Why  string `json:"why"`
	} `json:"removed"`
	Warnings []string `json:"warnings"`
}

func inspectJSON(t *testing.T, path string) inspected {
	t.Helper()
	code, out, errOut := runCLI(t, "", "inspect", "--json", path)
	if code != 0 {
		t.Fatalf("inspect %s: status %d\n%s", path, code, errOut)
	}
	var r inspected
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("inspect --json output is not one JSON object: %v\n%s", err, out)
	}
	return r
}

// checkPreviewLayout checks what issue 2 asks of the essay-bank preview
// layout: the better title, exactly the body paragraphs, the sentence cut
// by "Join now!" mended, the chrome removed and the preview recognised.
func checkPreviewLayout(t *testing.T, r inspected, title string, starts []string, mended string) {
	t.Helper()
	if r.Title != title || r.TitleSource != "repeat" {
		t.Errorf("title = %q (%s), want %q (repeat)", r.Title, r.TitleSource, title)
	}
	var paras []string
	for _, b := range r.Blocks {
		if b.Kind == "paragraph" {
			paras = append(paras, b.Text)
		}
		if strings.Contains(b.Text, title) {
			t.Errorf("the title is repeated as body text in a %s block", b.Kind)
		}
		if strings.ContainsAny(b.Text, "\u00a0\u202f") {
			t.Errorf("a no-break space is left in %q", b.Text[:40])
		}
	}
	if len(paras) != len(starts) {
		t.Fatalf("%d paragraphs, want %d: %q", len(paras), len(starts), paras)
	}
	for i, s := range starts {
		if !strings.HasPrefix(paras[i], s) {
			t.Errorf("paragraph %d starts %q, want %q", i+1, paras[i][:min(len(paras[i]), 50)], s)
		}
	}
	if !strings.Contains(paras[2], mended) {
		t.Errorf("paragraph 3 does not hold the mended sentence %q:\n%s", mended, paras[2])
	}
	removed := ""
	for _, rm := range r.Removed {
		removed += rm.Text + "\n"
	}
	for _, chrome := range []string{"Authors Avatar", "Join now!", "This is a preview of the whole essay"} {
		if !strings.Contains(removed, chrome) {
			t.Errorf("%q is not in the removed list: %q", chrome, removed)
		}
		for _, b := range r.Blocks {
			if strings.Contains(b.Text, chrome) {
				t.Errorf("%q is left in a %s block", chrome, b.Kind)
			}
		}
	}
	if !r.Preview {
		t.Error("the preview is not recognised (preview: false)")
	}
}

// TestInspectSampleSeedLayout runs the bundled sample written in the
// seed's layout through inspect --json.
func TestInspectSampleSeedLayout(t *testing.T) {
	r := inspectJSON(t, filepath.Join(testutil.RepoRoot(), "samples", "essay-bank-preview.txt"))
	checkPreviewLayout(t, r,
		"To what extent was the printing press responsible for the Reformation’s rapid spread in the years 1517–1555?",
		[]string{"When Martin Luther’s theses began", "The press certainly changed the speed", "Nevertheless, print did not work alone.", "A further factor was the long history"},
		"it was the decisions of the powerful that allowed that voice to be heard without punishment")
}

// TestInspectSeed runs the canonical scraped preview, where ../shared
// exists.
func TestInspectSeed(t *testing.T) {
	dir, ok := testutil.Shared()
	if !ok {
		t.Skip("../shared is not here; TestInspectSampleSeedLayout covers the layout")
	}
	r := inspectJSON(t, filepath.Join(dir, "seeds", "essay-bank-preview.txt"))
	checkPreviewLayout(t, r,
		"How far does Stalin’s position as General Secretary explain his success in defeating his rivals in the years 1924–1929?",
		[]string{"Following Lenin’s death", "Stalin’s position of General Secretary allowed", "Stalin also had other key positions", "The ideological conflict of the contenders"},
		"the power to expel those from the government who disagreed with him")
}

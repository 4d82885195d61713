package testutil

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// AceDir is where tools/install-test-deps.sh installs Ace by DAISY
// (npm's @daisy/ace); $ACE_DIR overrides it.
const AceDir = "/opt/ace"

// Chromium is the browser Ace drives through Puppeteer: Debian's
// chromium package. Ace's own `ace` command needs an Electron download,
// so the tests run its `ace-puppeteer` entry with this browser.
const Chromium = "/usr/bin/chromium"

// acePuppeteer returns the path of Ace's ace-puppeteer command.
func acePuppeteer() string {
	dir := os.Getenv("ACE_DIR")
	if dir == "" {
		dir = AceDir
	}
	return filepath.Join(dir, "node_modules", ".bin", "ace-puppeteer")
}

// NeedAce fails (under CI=true) or skips the test when Ace by DAISY or
// Chromium is missing.
func NeedAce(t testing.TB) {
	t.Helper()
	var missing []string
	if _, err := os.Stat(acePuppeteer()); err != nil {
		missing = append(missing, "Ace by DAISY ("+acePuppeteer()+")")
	}
	if _, err := os.Stat(Chromium); err != nil {
		missing = append(missing, "chromium")
	}
	if _, err := exec.LookPath("node"); err != nil {
		missing = append(missing, "node")
	}
	if len(missing) > 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing: CI needs it (make test installs it)", strings.Join(missing, ", "))
		}
		t.Skipf("%s missing: run `make test`, which installs it", strings.Join(missing, ", "))
	}
}

// AceViolation is one failed assertion of an Ace report.
type AceViolation struct {
	Doc         string // the content document, relative to the EPUB's root
	Rule        string // Ace's or axe's rule id ("epub-lang", "heading-order")
	Impact      string // minor, moderate, serious or critical
	Description string
}

func (v AceViolation) String() string {
	return fmt.Sprintf("%s: %s (%s): %s", v.Doc, v.Rule, v.Impact, v.Description)
}

// aceReport is the part of Ace's report.json the tests read.
type aceReport struct {
	Result struct {
		Outcome string `json:"earl:outcome"`
	} `json:"earl:result"`
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Title  string `json:"dct:title"`
				Impact string `json:"earl:impact"`
			} `json:"earl:test"`
			Result struct {
				Outcome     string `json:"earl:outcome"`
				Description string `json:"dct:description"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
}

// Ace runs Ace by DAISY on the EPUB at path and returns its violations
// (nil for a clean book) and its outcome ("pass" or "fail"). Chromium
// sometimes misses Ace's 5-second start-up wait on a loaded machine, so
// a run that writes no report is tried once more. Ace is slow (seconds a
// book, mostly Chromium's start): run it on a few books that cover the
// code paths, in parallel subtests.
func Ace(t testing.TB, path string) ([]AceViolation, string) {
	t.Helper()
	NeedAce(t)
	var out string
	var rep aceReport
	for try := 1; ; try++ {
		dir, err := os.MkdirTemp("", "ace-report-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command(acePuppeteer(), "-s", "-o", dir, path)
		cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+Chromium)
		b, err := cmd.CombinedOutput()
		out = string(b)
		data, rerr := os.ReadFile(filepath.Join(dir, "report.json"))
		if rerr == nil {
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatalf("ace %s: unreadable report.json: %v", path, err)
			}
			break
		}
		if try == 2 {
			t.Fatalf("ace %s wrote no report (tried twice): %v\n%s", path, err, out)
		}
		t.Logf("ace %s: no report on try %d, trying again: %v\n%s", path, try, err, out)
	}
	var vs []AceViolation
	for _, a := range rep.Assertions {
		for _, r := range a.Assertions {
			if r.Result.Outcome == "pass" {
				continue
			}
			vs = append(vs, AceViolation{Doc: a.Subject.URL, Rule: r.Test.Title, Impact: r.Test.Impact,
				Description: r.Result.Description})
		}
	}
	if rep.Result.Outcome == "" {
		t.Fatalf("ace %s: report without an outcome\n%s", path, out)
	}
	return vs, rep.Result.Outcome
}

// AceClean runs Ace on path and fails the test unless it reports no
// violation at all, of any impact.
func AceClean(t testing.TB, path string) {
	t.Helper()
	vs, outcome := Ace(t, path)
	if len(vs) > 0 || outcome != "pass" {
		var b strings.Builder
		for _, v := range vs {
			b.WriteString("\n  " + v.String())
		}
		t.Errorf("Ace: %s with %d violations in %s:%s", outcome, len(vs), filepath.Base(path), b.String())
	}
}

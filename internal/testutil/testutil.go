// Package testutil runs the external validators the tests assert with
// (epubcheck, qpdf, poppler's pdftotext and pdffonts, the PDF/UA checker
// internal/pdfua) and finds the shared
// corpus. With CI=true a missing validator fails the test; elsewhere it
// skips it with a hint to run `make test`, which installs them.
package testutil

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/internal/pdfua"
)

// EpubcheckJar is where Debian's epubcheck package puts its jar. The
// /usr/bin/epubcheck wrapper needs binfmt support, so the jar is run with
// java directly.
const EpubcheckJar = "/usr/share/java/epubcheck.jar"

// Need fails (under CI=true) or skips the test when a tool is missing.
func Need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		missing := false
		if tool == "epubcheck" {
			_, err := os.Stat(EpubcheckJar)
			_, jerr := exec.LookPath("java")
			missing = err != nil || jerr != nil
		} else if _, err := exec.LookPath(tool); err != nil {
			missing = true
		}
		if missing {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing: CI needs it (make test installs it)", tool)
			}
			t.Skipf("%s is missing: run `make test`, which installs it", tool)
		}
	}
}

// Run runs a command and returns its combined output and error.
func Run(name string, args ...string) (string, error) {
	var out bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	return out.String(), err
}

// EpubcheckArgs returns java's arguments to run epubcheck on path. The
// JVM flags halve its start-up time, which dominates a check of a small
// book.
func EpubcheckArgs(path string) []string {
	return []string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", EpubcheckJar, path}
}

// Epubcheck runs epubcheck on path and fails the test unless it reports
// 0 errors and 0 warnings. It returns epubcheck's output.
func Epubcheck(t testing.TB, path string) string {
	t.Helper()
	Need(t, "epubcheck")
	out, err := Run("java", EpubcheckArgs(path)...)
	if err != nil || !strings.Contains(out, "No errors or warnings detected") {
		t.Fatalf("epubcheck %s: %v\n%s", path, err, out)
	}
	return out
}

// QpdfCheck runs `qpdf --check` and the PDF/UA checker (PDFUA) on path
// and fails the test on any problem, so every PDF a test validates is
// also checked for PDF/UA.
func QpdfCheck(t testing.TB, path string) string {
	t.Helper()
	Need(t, "qpdf")
	out, err := Run("qpdf", "--check", path)
	if err != nil || !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
	PDFUA(t, path)
	return out
}

// PDFUA runs the PDF/UA checker (internal/pdfua) on path and fails the
// test on any problem.
func PDFUA(t testing.TB, path string) {
	t.Helper()
	Need(t, "qpdf")
	problems, err := pdfua.Check(path)
	if err != nil {
		t.Fatalf("PDF/UA check of %s: %v", path, err)
	}
	if len(problems) > 0 {
		t.Fatalf("PDF/UA check of %s:\n%s", path, strings.Join(problems, "\n"))
	}
}

// PdfToText returns the text pdftotext extracts from path.
func PdfToText(t testing.TB, path string, args ...string) string {
	t.Helper()
	Need(t, "pdftotext")
	out, err := exec.Command("pdftotext", append(append([]string{}, args...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// PdfFonts returns pdffonts' listing for path and fails the test unless
// every font is embedded, subsetted and has a ToUnicode map (emb, sub and
// uni all "yes").
func PdfFonts(t testing.TB, path string) string {
	t.Helper()
	Need(t, "pdffonts")
	out, err := Run("pdffonts", path)
	if err != nil {
		t.Fatalf("pdffonts %s: %v\n%s", path, err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts %s lists no fonts:\n%s", path, out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// columns: name type [type2] encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Fatalf("pdffonts %s: font not embedded, subsetted and with ToUnicode: %q\n%s", path, l, out)
		}
	}
	return out
}

// RepoRoot returns the repository's top folder.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Shared returns the path of ../shared beside the repository (or
// $ESSAYEXPORT_SHARED), and whether it exists. Tests that use it must
// pass without it.
func Shared() (string, bool) {
	dir := os.Getenv("ESSAYEXPORT_SHARED")
	if dir == "" {
		dir = filepath.Join(RepoRoot(), "..", "shared")
	}
	st, err := os.Stat(filepath.Join(dir, "corpus", "labels.json"))
	return dir, err == nil && !st.IsDir()
}

// EpubContent returns the concatenated XHTML of an EPUB's content
// documents (every .xhtml entry, in zip order), for tests that look for
// what the book says.
func EpubContent(path string) (string, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return "", err
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "== %s\n%s\n", f.Name, data)
	}
	return b.String(), nil
}

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/essayexport/essayexport/internal/pdfua"
	"github.com/essayexport/essayexport/internal/testutil"
)

// TestMain lets testscript run the essayexport command in-process as a
// subprocess of the test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"essayexport": func() { os.Exit(run(os.Args)) },
	})
}

// TestScripts runs every CLI behaviour in testdata/script/*.txtar.
// Besides testscript's own commands, the scripts have:
//
//	validate-pdf FILE          qpdf --check passes and pdffonts lists every font embedded, subsetted, with ToUnicode
//	validate-epub FILE         epubcheck reports 0 errors and 0 warnings
//	pdftext FILE OUT           the text pdftotext extracts, into OUT
//	epubtext FILE OUT          the XHTML of the EPUB's content documents, into OUT
//	status N PROG ARGS...      runs PROG like exec and checks that it exits with status N
//	mkfile KIND FILE [ARG]     writes a generated input (see gen_test.go)
//
// and the variables $SAMPLES (the repo's samples/) and, where ../shared
// exists, $SHARED.
func TestScripts(t *testing.T) {
	testutil.Need(t, "epubcheck", "qpdf", "pdftotext", "pdffonts")
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SAMPLES", filepath.Join(testutil.RepoRoot(), "samples"))
			if dir, ok := testutil.Shared(); ok {
				env.Setenv("SHARED", dir)
			}
			env.Setenv("CI", os.Getenv("CI"))
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "shared":
				_, ok := testutil.Shared()
				return ok, nil
			case "root":
				return os.Geteuid() == 0, nil
			}
			return false, nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"validate-pdf":  validatePDF,
			"validate-epub": validateEPUB,
			"pdftext":       pdfText,
			"epubtext":      epubText,
			"status":        status,
			"mkfile":        mkfile,
		},
	})
}

// need fails the script when a validator is missing (TestScripts has
// already skipped, or under CI failed, when one is).
func need(ts *testscript.TestScript, tool string, path string) {
	if _, err := exec.LookPath(path); err != nil {
		if _, err := os.Stat(path); err != nil {
			ts.Fatalf("%s is missing: make test installs it", tool)
		}
	}
}

func validatePDF(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: validate-pdf FILE")
	}
	need(ts, "qpdf", "qpdf")
	need(ts, "pdffonts", "pdffonts")
	file := ts.MkAbs(args[0])
	out, err := testutil.Run("qpdf", "--check", file)
	if err != nil || !strings.Contains(out, "No syntax or stream encoding errors found") {
		ts.Fatalf("qpdf --check %s: %v\n%s", args[0], err, out)
	}
	out, err = testutil.Run("pdffonts", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || len(lines) < 3 {
		ts.Fatalf("pdffonts %s: %v\n%s", args[0], err, out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			ts.Fatalf("pdffonts %s: not embedded, subsetted and with ToUnicode: %s", args[0], l)
		}
	}
	if problems, err := pdfua.Check(file); err != nil || len(problems) > 0 {
		ts.Fatalf("PDF/UA check of %s: %v\n%s", args[0], err, strings.Join(problems, "\n"))
	}
}

func validateEPUB(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: validate-epub FILE")
	}
	need(ts, "java", "java")
	need(ts, "epubcheck", testutil.EpubcheckJar)
	out, err := testutil.Run("java", testutil.EpubcheckArgs(ts.MkAbs(args[0]))...)
	if err != nil || !strings.Contains(out, "No errors or warnings detected") {
		ts.Fatalf("epubcheck %s: %v\n%s", args[0], err, out)
	}
}

func pdfText(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: pdftext FILE OUT")
	}
	need(ts, "pdftotext", "pdftotext")
	out, err := exec.Command("pdftotext", ts.MkAbs(args[0]), "-").Output()
	if err != nil {
		ts.Fatalf("pdftotext %s: %v", args[0], err)
	}
	if err := os.WriteFile(ts.MkAbs(args[1]), out, 0o644); err != nil {
		ts.Fatalf("%v", err)
	}
}

func epubText(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: epubtext FILE OUT")
	}
	text, err := testutil.EpubContent(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("epubtext %s: %v", args[0], err)
	}
	if err := os.WriteFile(ts.MkAbs(args[1]), []byte(text), 0o644); err != nil {
		ts.Fatalf("%v", err)
	}
}

func status(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || neg {
		ts.Fatalf("usage: status N PROG ARGS...")
	}
	err := ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("%v", err)
	}
	if fmt.Sprint(got) != args[0] {
		ts.Fatalf("exit status %d, want %s", got, args[0])
	}
}

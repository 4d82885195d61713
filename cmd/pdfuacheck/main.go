// Command pdfuacheck checks PDF files against the machine-checkable
// conditions of PDF/UA-1 (see internal/pdfua) and prints each problem as
// "FILE: problem". It exits 1 when any file has a problem, 2 when a file
// cannot be read. It needs qpdf.
//
//	go run ./cmd/pdfuacheck out/*.pdf
package main

import (
	"fmt"
	"os"

	"github.com/essayexport/essayexport/internal/pdfua"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pdfuacheck FILE.pdf...")
		os.Exit(2)
	}
	status := 0
	for _, path := range os.Args[1:] {
		problems, err := pdfua.Check(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "pdfuacheck: error: %s: %v\n", path, err)
			status = 2
			continue
		}
		for _, p := range problems {
			fmt.Printf("%s: %s\n", path, p)
		}
		if len(problems) > 0 && status == 0 {
			status = 1
		}
		if len(problems) == 0 {
			fmt.Printf("%s: passes\n", path)
		}
	}
	os.Exit(status)
}

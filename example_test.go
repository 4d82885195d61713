package essayexport_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/essayexport/essayexport"
	"github.com/essayexport/essayexport/parse"
	"github.com/essayexport/essayexport/render"
)

// Convert one essay, read from any io.Reader, into a PDF written to any
// io.Writer; the Result says what was made.
func Example() {
	text := "The River Keeps Its Calendar\n\nby A. Walker\n\n" +
		"The town has learned to read the river. Each spring it rises over the meadows.\n\n" +
		"Nobody remembers a year when it did not.\n"
	opts := essayexport.Options{
		Format: essayexport.PDF,
		Parse:  parse.Options{Lang: "en"},
		Render: render.Defaults(),
	}
	var pdf bytes.Buffer
	res, err := essayexport.Convert(context.Background(), &pdf, strings.NewReader(text), opts)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q by %s, %d page\n", res.Title, res.Author, res.Pages)
	fmt.Println(bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")), int64(pdf.Len()) == res.Bytes)
	// Output:
	// "The River Keeps Its Calendar" by A. Walker, 1 page
	// true true
}

// Build a coursework pack from several essays; each Entry opens its text
// only when it is read.
func ExampleConvertPack() {
	essays := map[string]string{
		"first.txt":  "On Bridges\n\nA bridge is a promise made in stone.\n",
		"second.txt": "On Ferries\n\nA ferry is a bridge that keeps moving.\n",
	}
	var entries []essayexport.Entry
	for _, name := range []string{"first.txt", "second.txt"} {
		entries = append(entries, essayexport.Entry{Name: name, Open: func() (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader(essays[name])), nil
		}})
	}
	opts := essayexport.Options{
		Format: essayexport.EPUB,
		Parse:  parse.Options{Lang: "en"},
		Render: render.Defaults(),
		Pack:   essayexport.PackInfo{Title: "Crossings"},
	}
	res, err := essayexport.ConvertPack(context.Background(), io.Discard, entries, opts)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Title)
	for _, e := range res.Entries {
		fmt.Printf("%s: %s\n", e.Name, e.Title)
	}
	// Output:
	// Crossings
	// first.txt: On Bridges
	// second.txt: On Ferries
}

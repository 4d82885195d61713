package parse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/essayexport/essayexport/essay"
)

// TestLongNumberedList checks that a list of 1,200 numbered items is one
// List of 1,200 items: numbers of four digits are markers too.
func TestLongNumberedList(t *testing.T) {
	var b strings.Builder
	b.WriteString("A very long list\n\nThe entries follow.\n\n")
	for i := 1; i <= 1200; i++ {
		fmt.Fprintf(&b, "%d. Entry number %d of the register.\n", i, i)
	}
	b.WriteString("\nThat is the whole register.\n")
	doc, err := Parse([]byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var lists []*essay.ListInfo
	for _, bl := range doc.Blocks {
		if bl.Kind == essay.List {
			lists = append(lists, bl.List)
		}
	}
	if len(lists) != 1 {
		t.Fatalf("%d lists, want 1", len(lists))
	}
	l := lists[0]
	if len(l.Items) != 1200 || l.Start != 1 || l.Style != "1" || l.Kind != essay.Numbered {
		t.Fatalf("list kind %s style %q start %d with %d items", l.Kind, l.Style, l.Start, len(l.Items))
	}
	for _, k := range []int{998, 999, 1000, 1199} {
		want := fmt.Sprintf("Entry number %d of the register.", k+1)
		if it := l.Items[k]; it.Text != want || it.Marker != fmt.Sprintf("%d.", k+1) {
			t.Errorf("item %d = %q %q, want %q", k+1, it.Marker, it.Text, want)
		}
	}
}

// TestListsSplitByParagraph checks that two numbered lists with a
// paragraph between them are two lists, each numbered from its own first
// marker, and that a list numbering back to 1 starts a new list.
func TestListsSplitByParagraph(t *testing.T) {
	src := "Two lists\n\nFirst come these:\n\n1. Alpha item here.\n2. Beta item here.\n\nThen, after a pause, these:\n\n1. Gamma item here.\n2. Delta item here.\n\n3. Epsilon item here.\n\n1. Zeta item here.\n\nThe end of the lists.\n"
	doc, err := Parse([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, bl := range doc.Blocks {
		if bl.Kind == essay.List {
			got = append(got, fmt.Sprintf("%d:%d", bl.List.Start, len(bl.List.Items)))
		}
	}
	if want := "1:2 1:3 1:1"; strings.Join(got, " ") != want {
		t.Errorf("lists (start:items) = %v, want %s\n%s", got, want, doc.Dump())
	}
}

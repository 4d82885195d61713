package epub

import (
	"strconv"
	"strings"

	"github.com/essayexport/essayexport/essay"
)

// writeLegacyItems writes the run of schema-1 item blocks (ListItem or
// Reference) that starts blocks, and returns how many blocks it took.
// It is the one place that still looks at neighbouring blocks, and only
// while the parser still emits these kinds: essay.List replaces them.
//
// TODO(issue 10): delete this file once parse emits List blocks only.
func (w *bodyWriter) writeLegacyItems(blocks []essay.Block) int {
	first := blocks[0]
	j := 0
	for j < len(blocks) && blocks[j].Kind == first.Kind && (first.Kind == essay.Reference || blocks[j].Ordered == first.Ordered) {
		j++
	}
	l := &essay.ListInfo{Kind: essay.Bullets}
	switch {
	case first.Kind == essay.Reference:
		l.Kind = essay.References
	case first.Ordered:
		l.Kind = essay.Numbered
		l.Style, l.Start = legacyNumbering(first.Marker)
	}
	for _, b := range blocks[:j] {
		it := essay.Item{Text: b.Text, Spans: b.Spans}
		if b.Kind == essay.Reference {
			it.Marker = b.Marker
		}
		l.Items = append(l.Items, it)
	}
	w.list(l)
	return j
}

// legacyNumbering returns the numbering style and start of a schema-1
// numbered list from the marker of its first item ("1.", "b)", "iv.",
// "(A)").
func legacyNumbering(marker string) (style string, start int) {
	m := strings.Trim(marker, " ().]:-")
	if n, err := strconv.Atoi(m); err == nil {
		return "1", n
	}
	if m != "" && strings.Trim(m, "ivxlcdm") == "" {
		if v := roman(m); v > 0 {
			return "i", v
		}
	}
	if m != "" && strings.Trim(m, "IVXLCDM") == "" {
		if v := roman(strings.ToLower(m)); v > 0 {
			return "I", v
		}
	}
	if len(m) == 1 {
		switch c := m[0]; {
		case c >= 'a' && c <= 'z':
			return "a", int(c-'a') + 1
		case c >= 'A' && c <= 'Z':
			return "A", int(c-'A') + 1
		}
	}
	return "1", 1
}

// roman returns the value of a lower-case Roman numeral up to 39, or 0.
func roman(s string) int {
	for v := 1; v < 40; v++ {
		if romanOf(v) == s {
			return v
		}
	}
	return 0
}

func romanOf(v int) string {
	var b strings.Builder
	for ; v >= 10; v -= 10 {
		b.WriteByte('x')
	}
	ones := []string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"}
	b.WriteString(ones[v])
	return b.String()
}

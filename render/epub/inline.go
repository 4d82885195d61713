package epub

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/essayexport/essayexport/essay"
)

// run is a Span with its text cleaned for XHTML. White space collapses
// across span boundaries and is trimmed at both ends of the block, so a
// run's text may start or end with one space, which writeRuns puts
// outside the run's element.
type run struct {
	essay.Span
}

// inline cleans spans into runs: control characters out, white space
// collapsed to one space across the spans, the ends trimmed, empty runs
// dropped (a note reference keeps its marker, trimmed).
func inline(spans []essay.Span) []run {
	var out []run
	space := false // a space is owed before the next text
	for _, sp := range spans {
		if sp.Note != "" {
			t := clean(sp.Text)
			if t == "" {
				t = "*"
			}
			r := run{sp}
			r.Text = t
			if space && len(out) > 0 {
				out = append(out, run{essay.Span{Text: " "}})
			}
			space = false
			out = append(out, r)
			continue
		}
		c := clean(sp.Text)
		lead := startsSpace(sp.Text)
		trail := endsSpace(sp.Text)
		if c == "" {
			space = space || lead || trail
			continue
		}
		if (space || lead) && len(out) > 0 {
			c = " " + c
		}
		space = trail
		r := run{sp}
		r.Text = c
		out = append(out, r)
	}
	return out
}

func startsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == ' ' || r == '\t' || r == '\n' || r == '\r'
}

func endsSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == ' ' || r == '\t' || r == '\n' || r == '\r'
}

// plainText returns the runs' text without note markers.
func plainText(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		if r.Note == "" {
			b.WriteString(r.Text)
		}
	}
	return strings.TrimSpace(b.String())
}

// writeRuns writes runs as XHTML: emphasis as <em>, strong as <strong>
// (both nested for bold italic), note references as superscript links.
// A run's leading space is written before its element.
func (w *bodyWriter) writeRuns(runs []run) {
	for _, r := range runs {
		t := r.Text
		if strings.HasPrefix(t, " ") && (r.Emph || r.Strong) {
			w.b.WriteByte(' ')
			t = t[1:]
		}
		switch {
		case r.Note != "":
			w.noteRef(r.Note, t)
		case r.Strong && r.Emph:
			w.b.WriteString("<strong><em>")
			esc(&w.b, t)
			w.b.WriteString("</em></strong>")
		case r.Strong:
			w.b.WriteString("<strong>")
			esc(&w.b, t)
			w.b.WriteString("</strong>")
		case r.Emph:
			w.b.WriteString("<em>")
			esc(&w.b, t)
			w.b.WriteString("</em>")
		default:
			esc(&w.b, t)
		}
	}
}

// noteIndex numbers a document's notes and counts the references to
// each, for their ids: note k is "note-k", its first reference
// "noteref-k", later ones "noteref-k-2", ... The ids are made here, not
// taken from essay.Note.ID, so that they are always valid XML ids.
type noteIndex struct {
	pos  map[string]int // Note.ID -> 1-based position in Document.Notes
	refs []int          // references written so far, per position
}

func newNoteIndex(notes []essay.Note) noteIndex {
	x := noteIndex{refs: make([]int, len(notes)+1)}
	if len(notes) > 0 {
		x.pos = make(map[string]int, len(notes))
		for i, n := range notes {
			if _, dup := x.pos[n.ID]; !dup {
				x.pos[n.ID] = i + 1
			}
		}
	}
	return x
}

// noteRef writes a reference to note id with its marker: a superscript
// link with the noteref semantics. A marker already in superscript
// characters ("²") is not raised again. A reference to a note the
// document does not have is kept as plain superscript text, unlinked.
func (w *bodyWriter) noteRef(id, marker string) {
	sup := !isSuperscript(marker)
	if sup {
		w.b.WriteString("<sup>")
	}
	k := w.notes.pos[id]
	if k == 0 {
		esc(&w.b, marker)
	} else {
		w.notes.refs[k]++
		ref := "noteref-" + strconv.Itoa(k)
		if n := w.notes.refs[k]; n > 1 {
			ref += "-" + strconv.Itoa(n)
		}
		w.b.WriteString(`<a epub:type="noteref" role="doc-noteref" id="` + ref + `" href="#note-` + strconv.Itoa(k) + `">`)
		esc(&w.b, marker)
		w.b.WriteString("</a>")
	}
	if sup {
		w.b.WriteString("</sup>")
	}
}

// isSuperscript reports whether s is made of superscript digits and
// signs only.
func isSuperscript(s string) bool {
	for _, r := range s {
		switch {
		case r == '¹' || r == '²' || r == '³':
		case r >= '⁰' && r <= '⁾':
		default:
			return false
		}
	}
	return s != ""
}

// notesHeading is the visible title of the notes section, in the
// languages the parser recognises notes sections in, else English.
var notesHeading = map[string]string{"de": "Anmerkungen", "es": "Notas", "fr": "Notes", "it": "Note", "pt": "Notas", "nl": "Noten"}

// writeNotes writes the document's notes as endnotes at the end of its
// section: a <section role="doc-endnotes"> with a heading (a level-1
// heading in the table of contents) and an <ol> of notes, each led by
// its label, which links back to the first reference to it. Notes that
// nothing refers to are kept, without a back link.
//
// The notes are list items with epub:type="endnote" but no ARIA role:
// DPUB-ARIA 1.1 deprecated doc-endnote, and Ace's axe flags it.
func (w *bodyWriter) writeNotes(notes []essay.Note) {
	type body struct {
		k    int
		runs []run
	}
	var bodies []body
	for i := range notes {
		if runs := inline(notes[i].Runs()); len(runs) > 0 || w.notes.refs[i+1] > 0 {
			bodies = append(bodies, body{i + 1, runs})
		}
	}
	if len(bodies) == 0 {
		return
	}
	w.cls |= clsNotes
	primary, _, _ := strings.Cut(w.lang, "-")
	title := notesHeading[strings.ToLower(primary)]
	if title == "" {
		title = "Notes"
	}
	w.b.WriteString(`<section class="notes" epub:type="endnotes" role="doc-endnotes" aria-labelledby="notes">` + "\n")
	w.b.WriteString(`<h2 id="notes">` + title + "</h2>\n<ol>\n")
	w.heads = append(w.heads, tocHead{level: 1, label: title, id: w.file + "#notes"})
	for _, bd := range bodies {
		k := strconv.Itoa(bd.k)
		n := &notes[bd.k-1]
		label := clean(n.Label)
		if label == "" {
			label = k
		}
		if r, _ := utf8.DecodeLastRuneInString(label); isAlnum(r) {
			label += "."
		}
		w.b.WriteString(`<li id="note-` + k + `" epub:type="endnote"><p>`)
		if w.notes.refs[bd.k] > 0 {
			w.b.WriteString(`<a role="doc-backlink" href="#noteref-` + k + `">`)
			esc(&w.b, label)
			w.b.WriteString("</a>")
		} else {
			esc(&w.b, label)
		}
		if len(bd.runs) > 0 {
			w.b.WriteByte(' ')
			w.writeRuns(bd.runs)
		}
		w.b.WriteString("</p></li>\n")
	}
	w.b.WriteString("</ol>\n</section>\n")
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

package tag

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Doc is what Write puts into the update besides the structure.
type Doc struct {
	Lang    string // BCP 47 language of the document; required by PDF/UA
	Info    string // the entries of the document information dictionary, as PDF
	XMP     []byte // the XMP metadata packet
	Catalog string // further catalog entries, as PDF
	// ICC, when set, is the RGB profile of a PDF/A output intent
	// (GTS_PDFA1) that the catalog gets, named OutputCondition.
	ICC             []byte
	OutputCondition string
}

// base is what Write reads from the PDF it appends to.
type base struct {
	data    []byte
	offsets map[int]int // object number to byte offset
	xref    int         // offset of the last cross-reference section
	size    int
	root    int
	info    int
	pages   []int // page object numbers in order
}

var (
	reRoot = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo = regexp.MustCompile(`/Info (\d+) 0 R`)
	reSize = regexp.MustCompile(`/Size (\d+)`)
	rePgs  = regexp.MustCompile(`/Pages (\d+) 0 R`)
	reKids = regexp.MustCompile(`/Kids \[([0-9 R]*)\]`)
	reRef  = regexp.MustCompile(`(\d+) 0 R`)
	rePrev = regexp.MustCompile(`/Prev (\d+)`)
)

// parseBase reads the cross-reference table and trailer fpdf wrote (one
// classic table, no object streams) and the page list.
func parseBase(data []byte) (*base, error) {
	b := &base{data: data, offsets: map[int]int{}}
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	f := strings.Fields(string(data[i+len("startxref"):]))
	if len(f) == 0 {
		return nil, fmt.Errorf("no startxref offset")
	}
	x, err := strconv.Atoi(f[0])
	if err != nil {
		return nil, fmt.Errorf("bad startxref offset")
	}
	b.xref = x
	// the last section first, then each earlier one (/Prev): an object's
	// last definition wins
	var trailer string
	for range 64 {
		t, err := b.section(x)
		if err != nil {
			return nil, err
		}
		if trailer == "" {
			trailer = t
		}
		prev, ok := atoiMatch(rePrev, t)
		if !ok {
			break
		}
		x = prev
	}
	var ok [3]bool
	b.root, ok[0] = atoiMatch(reRoot, trailer)
	b.info, ok[1] = atoiMatch(reInfo, trailer)
	b.size, ok[2] = atoiMatch(reSize, trailer)
	if !ok[0] || !ok[1] || !ok[2] {
		return nil, fmt.Errorf("trailer lacks /Root, /Info or /Size")
	}
	cat, err := b.object(b.root)
	if err != nil {
		return nil, err
	}
	pn, okp := atoiMatch(rePgs, cat)
	if !okp {
		return nil, fmt.Errorf("catalog has no /Pages")
	}
	pages, err := b.object(pn)
	if err != nil {
		return nil, err
	}
	m := reKids.FindStringSubmatch(pages)
	if m == nil {
		return nil, fmt.Errorf("page tree has no /Kids")
	}
	for _, r := range reRef.FindAllStringSubmatch(m[1], -1) {
		n, _ := strconv.Atoi(r[1])
		b.pages = append(b.pages, n)
	}
	return b, nil
}

// section reads the cross-reference section at offset x into b.offsets
// (keeping entries already read from later sections) and returns its
// trailer's text.
func (b *base) section(x int) (string, error) {
	data := b.data
	if x < 0 || x >= len(data) || !bytes.HasPrefix(data[x:], []byte("xref")) {
		return "", fmt.Errorf("no cross-reference section at %d", x)
	}
	t := bytes.Index(data[x:], []byte("trailer"))
	if t < 0 {
		return "", fmt.Errorf("no trailer")
	}
	lines := strings.Split(string(data[x+len("xref"):x+t]), "\n")
	for k := 0; k < len(lines); k++ {
		h := strings.Fields(lines[k])
		if len(h) != 2 {
			continue
		}
		first, err1 := strconv.Atoi(h[0])
		n, err2 := strconv.Atoi(h[1])
		if err1 != nil || err2 != nil || k+n >= len(lines) {
			return "", fmt.Errorf("bad cross-reference subsection %q", lines[k])
		}
		for j := range n {
			e := strings.Fields(lines[k+1+j])
			if _, seen := b.offsets[first+j]; len(e) == 3 && e[2] == "n" && !seen {
				off, err := strconv.Atoi(e[0])
				if err != nil {
					return "", fmt.Errorf("bad cross-reference entry %q", lines[k+1+j])
				}
				b.offsets[first+j] = off
			}
		}
		k += n
	}
	end := bytes.Index(data[x+t:], []byte("startxref"))
	if end < 0 {
		end = len(data) - x - t
	}
	return string(data[x+t : x+t+end]), nil
}

func atoiMatch(re *regexp.Regexp, s string) (int, bool) {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// object returns the text of object n between "n 0 obj" and "endobj"
// (for a stream, its dictionary and data).
func (b *base) object(n int) (string, error) {
	off, ok := b.offsets[n]
	if !ok || off >= len(b.data) {
		return "", fmt.Errorf("object %d is not in the cross-reference table", n)
	}
	s := b.data[off:]
	h := bytes.IndexByte(s, '\n')
	e := bytes.Index(s, []byte("endobj"))
	if h < 0 || e < h || !bytes.HasPrefix(s, []byte(strconv.Itoa(n)+" 0 obj")) {
		return "", fmt.Errorf("object %d is not where the cross-reference table says", n)
	}
	return string(bytes.TrimSpace(s[h:e])), nil
}

// dictBody returns a dictionary's text without its closing ">>".
func dictBody(obj string) (string, error) {
	if !strings.HasPrefix(obj, "<<") || !strings.HasSuffix(obj, ">>") {
		return "", fmt.Errorf("object is not a dictionary")
	}
	return strings.TrimSuffix(obj, ">>"), nil
}

// writer collects the update's objects.
type writer struct {
	buf  bytes.Buffer
	offs map[int]int // object number to offset from the start of base
	base int
}

func (w *writer) obj(n int, body string) {
	w.offs[n] = w.base + w.buf.Len()
	w.buf.WriteString(strconv.Itoa(n))
	w.buf.WriteString(" 0 obj\n")
	w.buf.WriteString(body)
	w.buf.WriteString("\nendobj\n")
}

// Write writes pdf followed by an incremental update that adds the
// structure tree, the link annotations and d, to w.
func (t *Tree) Write(w io.Writer, pdf []byte, d Doc) error {
	if err := t.write(w, pdf, d); err != nil {
		return fmt.Errorf("failed to write structure tree: %w", err)
	}
	return nil
}

func (t *Tree) write(out io.Writer, pdf []byte, d Doc) error {
	b, err := parseBase(pdf)
	if err != nil {
		return err
	}
	if n := len(t.pages); n > len(b.pages) {
		return fmt.Errorf("content marked on page %d of %d", n, len(b.pages))
	}
	for _, a := range t.annots {
		if a.page >= len(b.pages) || a.DestPage < 0 || a.DestPage >= len(b.pages) {
			return fmt.Errorf("link on page %d to page %d of %d", a.page+1, a.DestPage+1, len(b.pages))
		}
	}
	next := b.size
	alloc := func() int { next++; return next - 1 }

	// number the elements that have content, in reading order
	var elems []*Elem
	var walk func(e *Elem)
	walk = func(e *Elem) {
		if !e.HasContent() {
			return
		}
		slices.SortStableFunc(e.kids, func(a, b kid) int { return a.order() - b.order() })
		e.obj = alloc()
		elems = append(elems, e)
		for _, k := range e.kids {
			if k.elem != nil {
				walk(k.elem)
			}
		}
	}
	walk(t.root)
	if t.root.obj == 0 { // nothing tagged: keep the root so the tree exists
		t.root.obj = alloc()
		elems = append(elems, t.root)
	}
	structRoot, parentTree := alloc(), alloc()
	key := 0
	pageKey := make([]int, len(b.pages))
	for i := range pageKey {
		pageKey[i] = -1
		if i < len(t.pages) && len(t.pages[i]) > 0 {
			pageKey[i] = key
			key++
		}
	}
	pageAnnots := make([][]*Annot, len(b.pages))
	for _, a := range t.annots {
		a.obj, a.key = alloc(), key
		key++
		pageAnnots[a.page] = append(pageAnnots[a.page], a)
	}
	var ids []*Elem
	for _, e := range elems {
		if e.ID != "" {
			ids = append(ids, e)
		}
	}
	idTree := 0
	if len(ids) > 0 {
		idTree = alloc()
	}
	meta, info := alloc(), alloc()
	icc := 0
	if d.ICC != nil {
		icc = alloc()
	}

	wr := &writer{offs: map[int]int{}, base: len(pdf)}
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		wr.buf.WriteByte('\n')
	}
	ref := func(n int) string { return strconv.Itoa(n) + " 0 R" }
	var s strings.Builder
	for _, e := range elems {
		s.Reset()
		s.WriteString("<</Type /StructElem /S /")
		s.WriteString(e.Type)
		s.WriteString(" /P ")
		if e.parent == nil {
			s.WriteString(ref(structRoot))
		} else {
			s.WriteString(ref(e.parent.obj))
		}
		if e.page >= 0 {
			s.WriteString(" /Pg " + ref(b.pages[e.page]))
		}
		if e.Lang != "" {
			s.WriteString(" /Lang " + langString(e.Lang))
		}
		for _, kv := range [][2]string{{"Alt", e.Alt}, {"ActualText", e.ActualText}} {
			if kv[1] != "" {
				s.WriteString(" /" + kv[0] + " " + TextString(kv[1]))
			}
		}
		if e.ID != "" {
			s.WriteString(" /ID <" + hex.EncodeToString([]byte(e.ID)) + ">")
		}
		if e.Attr != "" {
			s.WriteString(" /A " + e.Attr)
		}
		s.WriteString(" /K [")
		for i, k := range e.kids {
			if i > 0 {
				s.WriteByte(' ')
			}
			switch {
			case k.elem != nil:
				if k.elem.obj != 0 {
					s.WriteString(ref(k.elem.obj))
				}
			case k.annot != nil:
				s.WriteString("<</Type /OBJR /Obj " + ref(k.annot.obj) + " /Pg " + ref(b.pages[k.page]) + ">>")
			case k.page == e.page:
				s.WriteString(strconv.Itoa(k.mcid))
			default:
				s.WriteString("<</Type /MCR /Pg " + ref(b.pages[k.page]) + " /MCID " + strconv.Itoa(k.mcid) + ">>")
			}
		}
		s.WriteString("]>>")
		wr.obj(e.obj, s.String())
	}

	s.Reset()
	s.WriteString("<</Type /StructTreeRoot /K " + ref(t.root.obj) + " /ParentTree " + ref(parentTree))
	s.WriteString(" /ParentTreeNextKey " + strconv.Itoa(key))
	if idTree != 0 {
		s.WriteString(" /IDTree " + ref(idTree))
	}
	s.WriteString(">>")
	wr.obj(structRoot, s.String())

	s.Reset()
	s.WriteString("<</Nums [")
	for i, k := range pageKey {
		if k < 0 {
			continue
		}
		s.WriteString("\n" + strconv.Itoa(k) + " [")
		for j, e := range t.pages[i] {
			if j > 0 {
				s.WriteByte(' ')
			}
			s.WriteString(ref(e.obj))
		}
		s.WriteString("]")
	}
	for _, a := range t.annots {
		s.WriteString("\n" + strconv.Itoa(a.key) + " " + ref(a.parent.obj))
	}
	s.WriteString("\n]>>")
	wr.obj(parentTree, s.String())

	if idTree != 0 {
		slices.SortFunc(ids, func(x, y *Elem) int { return strings.Compare(x.ID, y.ID) })
		s.Reset()
		s.WriteString("<</Names [")
		for i, e := range ids {
			if i > 0 && ids[i-1].ID == e.ID {
				return fmt.Errorf("structure element ID %q used twice", e.ID)
			}
			s.WriteString("<" + hex.EncodeToString([]byte(e.ID)) + "> " + ref(e.obj) + " ")
		}
		s.WriteString("]>>")
		wr.obj(idTree, s.String())
	}

	num := func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
	for _, a := range t.annots {
		s.Reset()
		s.WriteString("<</Type /Annot /Subtype /Link /Rect [" + num(a.Rect[0]) + " " + num(a.Rect[1]) + " " + num(a.Rect[2]) + " " + num(a.Rect[3]) + "]")
		s.WriteString(" /Border [0 0 0] /F 4 /P " + ref(b.pages[a.page]) + " /StructParent " + strconv.Itoa(a.key))
		if a.Contents != "" {
			s.WriteString(" /Contents " + TextString(a.Contents))
		}
		s.WriteString(" /Dest [" + ref(b.pages[a.DestPage]) + " /XYZ 0 " + num(a.DestTop) + " null]>>")
		wr.obj(a.obj, s.String())
	}

	for i, pn := range b.pages {
		if pageKey[i] < 0 && len(pageAnnots[i]) == 0 {
			continue
		}
		o, err := b.object(pn)
		if err != nil {
			return err
		}
		body, err := dictBody(o)
		if err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		s.Reset()
		s.WriteString(body)
		if pageKey[i] >= 0 {
			s.WriteString("\n/StructParents " + strconv.Itoa(pageKey[i]))
		}
		if len(pageAnnots[i]) > 0 {
			if strings.Contains(body, "/Annots") {
				return fmt.Errorf("page %d already has annotations", i+1)
			}
			s.WriteString("\n/Tabs /S /Annots [")
			for j, a := range pageAnnots[i] {
				if j > 0 {
					s.WriteByte(' ')
				}
				s.WriteString(ref(a.obj))
			}
			s.WriteString("]")
		}
		s.WriteString(">>")
		wr.obj(pn, s.String())
	}

	s.Reset()
	s.WriteString("<</Type /Metadata /Subtype /XML /Length " + strconv.Itoa(len(d.XMP)) + ">>\nstream\n")
	s.Write(d.XMP)
	s.WriteString("\nendstream")
	wr.obj(meta, s.String())

	// a new information dictionary: fpdf's trailer names the wrong object
	// as /Info when it writes output intents, so nothing of its is reused
	wr.obj(info, "<<"+d.Info+">>")
	if icc != 0 {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(d.ICC)
		zw.Close()
		wr.obj(icc, "<</N 3 /Alternate /DeviceRGB /Filter /FlateDecode /Length "+strconv.Itoa(z.Len())+">>\nstream\n"+z.String()+"\nendstream")
	}

	cat, err := b.object(b.root)
	if err != nil {
		return err
	}
	body, err := dictBody(cat)
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	for _, k := range []string{"/StructTreeRoot", "/MarkInfo", "/Metadata", "/Lang", "/ViewerPreferences", "/OutputIntents"} {
		if strings.Contains(body, k) {
			return fmt.Errorf("the catalog already has %s", k)
		}
	}
	s.Reset()
	s.WriteString(strings.TrimRight(body, "\n"))
	s.WriteString("\n/Version /1.7 /MarkInfo <</Marked true>> /StructTreeRoot " + ref(structRoot))
	s.WriteString(" /ViewerPreferences <</DisplayDocTitle true>> /Metadata " + ref(meta))
	if d.Lang != "" {
		s.WriteString(" /Lang " + langString(d.Lang))
	}
	if icc != 0 {
		s.WriteString(" /OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier " + TextString(d.OutputCondition) +
			" /Info " + TextString(d.OutputCondition) + " /DestOutputProfile " + ref(icc) + ">>]")
	}
	if d.Catalog != "" {
		s.WriteString(" " + d.Catalog)
	}
	s.WriteString(">>")
	wr.obj(b.root, s.String())

	// cross-reference section: one subsection per run of numbers
	nums := make([]int, 0, len(wr.offs))
	for n := range wr.offs {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	xref := len(pdf) + wr.buf.Len()
	wr.buf.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		fmt.Fprintf(&wr.buf, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			fmt.Fprintf(&wr.buf, "%010d 00000 n \n", wr.offs[n])
		}
		i = j
	}
	sum := md5.Sum(pdf)
	id := hex.EncodeToString(sum[:])
	fmt.Fprintf(&wr.buf, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /Prev %d /ID [<%s> <%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		next, b.root, info, b.xref, id, id, xref)
	if _, err := out.Write(pdf); err != nil {
		return err
	}
	_, err = out.Write(wr.buf.Bytes())
	return err
}

// langString writes a language tag as a literal string when it is one
// (letters, digits and hyphens), else as a text string.
func langString(s string) string {
	for _, c := range s {
		if !(c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return TextString(s)
		}
	}
	return "(" + s + ")"
}

// order is when a kid's content was first drawn.
func (k kid) order() int {
	if k.elem != nil {
		return k.elem.first
	}
	return k.seq
}

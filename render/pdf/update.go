package pdf

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
)

// increment is an incremental update to a finished PDF (ISO 32000-1,
// 7.5.6): objects added or replaced after fpdf's output, with their own
// cross-reference section and a trailer pointing back to fpdf's. It is
// how the renderer adds what fpdf has no API for — the CID-keyed fonts
// and the resource dictionary naming them (embed.go) — while fpdf still
// writes the pages, outline, links, metadata and the rest.
type increment struct {
	base  []byte
	size  int    // the next free object number
	root  string // the trailer's /Root and /Info values, "n 0 R"
	info  string
	xref  int // offset of fpdf's cross-reference table
	objs  []incObj
	index map[int]int // object number -> index in objs
}

type incObj struct {
	num  int
	body []byte // what goes between "n 0 obj" and "endobj"
}

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reSize      = regexp.MustCompile(`/Size (\d+)`)
	reRoot      = regexp.MustCompile(`/Root (\d+ 0 R)`)
	reInfo      = regexp.MustCompile(`/Info (\d+ 0 R)`)
)

// newIncrement reads the trailer of base, a complete PDF as fpdf writes
// it (one classic cross-reference table, no object streams).
func newIncrement(base []byte) (*increment, error) {
	tail := base[max(0, len(base)-64):]
	m := reStartXref.FindSubmatch(tail)
	if m == nil {
		return nil, fmt.Errorf("failed to find the cross-reference table")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	t := bytes.LastIndex(base, []byte("trailer"))
	if t < 0 || xref >= len(base) {
		return nil, fmt.Errorf("failed to find the trailer")
	}
	trailer := base[t:]
	u := &increment{base: base, xref: xref, index: map[int]int{}}
	if m := reSize.FindSubmatch(trailer); m != nil {
		u.size, _ = strconv.Atoi(string(m[1]))
	}
	if m := reRoot.FindSubmatch(trailer); m != nil {
		u.root = string(m[1])
	}
	if m := reInfo.FindSubmatch(trailer); m != nil {
		u.info = string(m[1])
	}
	if u.size == 0 || u.root == "" {
		return nil, fmt.Errorf("failed to read the trailer")
	}
	return u, nil
}

// add adds a new object and returns its number.
func (u *increment) add(body []byte) int {
	n := u.size
	u.size++
	u.set(n, body)
	return n
}

// reserve returns a new object number whose body is set later.
func (u *increment) reserve() int {
	n := u.size
	u.size++
	return n
}

// set gives object n (new or fpdf's) the body.
func (u *increment) set(n int, body []byte) {
	if i, ok := u.index[n]; ok {
		u.objs[i].body = body
		return
	}
	u.index[n] = len(u.objs)
	u.objs = append(u.objs, incObj{n, body})
}

// object returns the body of fpdf's object n, read through its
// cross-reference table.
func (u *increment) object(n int) ([]byte, error) {
	// the table: "xref\n0 SIZE\n" then 20-byte entries
	p := u.xref
	head := bytes.IndexByte(u.base[p:], '\n')
	if head < 0 {
		return nil, fmt.Errorf("failed to read the cross-reference table")
	}
	p += head + 1
	sub := bytes.IndexByte(u.base[p:], '\n')
	if sub < 0 {
		return nil, fmt.Errorf("failed to read the cross-reference table")
	}
	p += sub + 1 + 20*n
	if p+10 > len(u.base) {
		return nil, fmt.Errorf("failed to find object %d", n)
	}
	off, err := strconv.Atoi(string(u.base[p : p+10]))
	if err != nil || off >= len(u.base) {
		return nil, fmt.Errorf("failed to find object %d", n)
	}
	obj := u.base[off:]
	start := bytes.Index(obj, []byte(" obj"))
	end := bytes.Index(obj, []byte("endobj"))
	if start < 0 || end < start {
		return nil, fmt.Errorf("failed to read object %d", n)
	}
	return bytes.TrimSpace(obj[start+4 : end]), nil
}

// writeTo writes the base PDF and the update after it.
func (u *increment) writeTo(w io.Writer) error {
	var b bytes.Buffer
	b.Grow(1024 + 64*len(u.objs))
	offsets := make(map[int]int, len(u.objs))
	at := len(u.base)
	if len(u.base) > 0 && u.base[len(u.base)-1] != '\n' {
		b.WriteByte('\n')
	}
	for _, o := range u.objs {
		offsets[o.num] = at + b.Len()
		b.WriteString(strconv.Itoa(o.num))
		b.WriteString(" 0 obj\n")
		b.Write(o.body)
		b.WriteString("\nendobj\n")
	}
	xref := at + b.Len()
	b.WriteString("xref\n")
	// one subsection per run of consecutive object numbers, in order
	nums := make([]int, 0, len(u.objs))
	for _, o := range u.objs {
		nums = append(nums, o.num)
	}
	slices.Sort(nums)
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		fmt.Fprintf(&b, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
		}
		i = j
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %s\n", u.size, u.root)
	if u.info != "" {
		fmt.Fprintf(&b, "/Info %s\n", u.info)
	}
	fmt.Fprintf(&b, "/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", u.xref, xref)
	if _, err := w.Write(u.base); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

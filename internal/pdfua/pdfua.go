// Package pdfua checks a PDF against the conditions of PDF/UA-1 (ISO
// 14289-1) that a program can decide, and reports every one it fails.
// It reads the file through qpdf's JSON form (qpdf --json=2 with decoded
// streams) and checks:
//
//   - the catalog: /Lang, /MarkInfo <</Marked true>>, /ViewerPreferences
//     <</DisplayDocTitle true>>, a /StructTreeRoot, XMP metadata with
//     dc:title and pdfuaid:part 1;
//   - every page's content: all text inside marked content that has an
//     MCID or is an /Artifact, and no MCID inside another;
//   - the structure tree: standard structure types (or role-mapped to
//     one), heading levels that start at H1 and never skip one, /Alt on
//     Figure and Formula, /ID on Note, every MCID on a page claimed by
//     exactly one element and every element's MCID present in the page;
//   - the ParentTree: for each page's /StructParents, the element of
//     each MCID; for each annotation's /StructParent, the element holding
//     its object reference;
//   - annotations: tagged, with /Contents, and /Tabs /S on their page;
//   - fonts: every font has a ToUnicode map.
//
// What a program cannot decide (reading order that makes sense, alternate
// texts that say the right thing, correct languages) is not checked.
package pdfua

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Check runs qpdf on the PDF at path and returns the PDF/UA problems
// found, in a stable order; none means it passes. The error is for a
// file qpdf cannot read or a missing qpdf.
func Check(path string) ([]string, error) {
	out, err := exec.Command("qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil {
		return nil, fmt.Errorf("failed to run qpdf --json on %s: %w", path, err)
	}
	return CheckJSON(out)
}

// object is one PDF object of qpdf's JSON.
type object struct {
	value any    // for a stream, its dictionary
	data  []byte // a stream's decoded data
}

type doc struct {
	objs     map[string]*object // "12 0 R" to the object
	problems []string
	seen     map[string]bool
}

func (d *doc) problem(format string, args ...any) {
	p := fmt.Sprintf(format, args...)
	if !d.seen[p] {
		d.seen[p] = true
		d.problems = append(d.problems, p)
	}
}

var reRef = regexp.MustCompile(`^\d+ \d+ R$`)

// resolve follows a reference.
func (d *doc) resolve(v any) any {
	if s, ok := v.(string); ok && reRef.MatchString(s) {
		if o := d.objs[s]; o != nil {
			return o.value
		}
		return nil
	}
	return v
}

func (d *doc) dict(v any) map[string]any {
	m, _ := d.resolve(v).(map[string]any)
	return m
}

func (d *doc) array(v any) []any {
	switch a := d.resolve(v).(type) {
	case []any:
		return a
	case nil:
		return nil
	default:
		return []any{a}
	}
}

func (d *doc) name(v any) string {
	s, _ := d.resolve(v).(string)
	return strings.TrimPrefix(s, "/")
}

func (d *doc) num(v any) (int, bool) {
	f, ok := d.resolve(v).(float64)
	return int(f), ok
}

// text returns a string's value ("u:" text or "b:" hex bytes).
func (d *doc) text(v any) string {
	s, _ := d.resolve(v).(string)
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:]
	case strings.HasPrefix(s, "b:"):
		var b []byte
		for i := 2; i+1 < len(s); i += 2 {
			n, _ := strconv.ParseUint(s[i:i+2], 16, 8)
			b = append(b, byte(n))
		}
		return string(b)
	}
	return ""
}

// CheckJSON checks a PDF given as the output of
// qpdf --json=2 --json-stream-data=inline --decode-level=generalized.
func CheckJSON(js []byte) ([]string, error) {
	var top struct {
		QPDF []map[string]json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(js, &top); err != nil {
		return nil, fmt.Errorf("failed to read qpdf JSON: %w", err)
	}
	if len(top.QPDF) < 2 {
		return nil, fmt.Errorf("failed to read qpdf JSON: no objects")
	}
	d := &doc{objs: map[string]*object{}, seen: map[string]bool{}}
	var trailer map[string]any
	for k, raw := range top.QPDF[1] {
		var o struct {
			Value  any `json:"value"`
			Stream *struct {
				Dict any    `json:"dict"`
				Data string `json:"data"`
			} `json:"stream"`
		}
		if err := json.Unmarshal(raw, &o); err != nil {
			return nil, fmt.Errorf("failed to read qpdf JSON object %s: %w", k, err)
		}
		obj := &object{value: o.Value}
		if o.Stream != nil {
			obj.value = o.Stream.Dict
			obj.data, _ = base64.StdEncoding.DecodeString(o.Stream.Data)
		}
		if k == "trailer" {
			trailer, _ = o.Value.(map[string]any)
			continue
		}
		d.objs[strings.TrimPrefix(k, "obj:")] = obj
	}
	d.check(trailer)
	return d.problems, nil
}

// standard lists the standard structure types of ISO 32000-1 §14.8.4.
var standard = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`) {
		standard[s] = true
	}
}

// mcr is a piece of marked content: a page and an MCID.
type mcr struct {
	page string
	mcid int
}

func (d *doc) check(trailer map[string]any) {
	cat := d.dict(trailer["/Root"])
	if cat == nil {
		d.problem("no document catalog")
		return
	}
	if d.text(cat["/Lang"]) == "" {
		d.problem("the catalog has no /Lang")
	}
	if mi := d.dict(cat["/MarkInfo"]); mi == nil || mi["/Marked"] != true {
		d.problem("the catalog has no /MarkInfo <</Marked true>>")
	}
	if vp := d.dict(cat["/ViewerPreferences"]); vp == nil || vp["/DisplayDocTitle"] != true {
		d.problem("the catalog has no /ViewerPreferences <</DisplayDocTitle true>>")
	}
	d.checkXMP(cat["/Metadata"])

	// pages, in order
	var pages []string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		n := d.dict(v)
		if n == nil || depth > 64 {
			return
		}
		if d.name(n["/Type"]) == "Page" {
			s, _ := v.(string)
			pages = append(pages, s)
			return
		}
		for _, k := range d.array(n["/Kids"]) {
			walk(k, depth+1)
		}
	}
	walk(cat["/Pages"], 0)
	pageNo := map[string]int{}
	for i, p := range pages {
		pageNo[p] = i + 1
	}

	// the structure tree
	str := d.dict(cat["/StructTreeRoot"])
	if str == nil {
		d.problem("the catalog has no /StructTreeRoot: the PDF is not tagged")
	}
	roles := map[string]string{}
	if str != nil {
		for k, v := range d.dict(str["/RoleMap"]) {
			roles[strings.TrimPrefix(k, "/")] = d.name(v)
		}
	}
	owner := map[mcr]string{}    // MCID to the element (ref) that claims it
	objrs := map[string]string{} // annotation to the element holding its OBJR
	var headings []int
	visited := map[string]bool{}
	var elem func(ref any, pg string, depth int)
	elem = func(ref any, pg string, depth int) {
		e := d.dict(ref)
		r, _ := ref.(string)
		if e == nil || depth > 200 || (r != "" && visited[r]) {
			return
		}
		visited[r] = true
		typ := d.name(e["/S"])
		std := typ
		for i := 0; i < 10 && !standard[std] && roles[std] != ""; i++ {
			std = roles[std]
		}
		if !standard[std] {
			d.problem("structure type /%s is neither standard nor role-mapped to a standard type", typ)
		}
		if len(std) == 2 && std[0] == 'H' && std[1] >= '1' && std[1] <= '6' {
			headings = append(headings, int(std[1]-'0'))
		}
		if (std == "Figure" || std == "Formula") && d.text(e["/Alt"]) == "" && d.text(e["/ActualText"]) == "" {
			d.problem("a %s element has no /Alt", std)
		}
		if std == "Note" && d.text(e["/ID"]) == "" {
			d.problem("a Note element has no /ID")
		}
		if p, ok := e["/Pg"].(string); ok {
			pg = p
		}
		for _, k := range d.array(e["/K"]) {
			switch kv := k.(type) {
			case float64:
				if pg == "" {
					d.problem("an MCID of a /%s element has no page", typ)
					continue
				}
				claim(d, owner, mcr{pg, int(kv)}, r, pageNo)
			case map[string]any:
				switch d.name(kv["/Type"]) {
				case "MCR":
					p := pg
					if s, ok := kv["/Pg"].(string); ok {
						p = s
					}
					n, _ := d.num(kv["/MCID"])
					claim(d, owner, mcr{p, n}, r, pageNo)
				case "OBJR":
					o, _ := kv["/Obj"].(string)
					objrs[o] = r
				}
			case string:
				if reRef.MatchString(kv) {
					if d.dict(kv)["/Type"] == "/MCR" || d.dict(kv)["/Type"] == "/OBJR" {
						d.problem("indirect marked-content or object references are not checked")
						continue
					}
					elem(kv, pg, depth+1)
				}
			}
		}
	}
	if str != nil {
		for _, k := range d.array(str["/K"]) {
			elem(k, "", 0)
		}
	}
	prev := 0
	for i, h := range headings {
		if i == 0 && h != 1 {
			d.problem("the first heading is H%d, not H1", h)
		} else if h > prev+1 && i > 0 {
			d.problem("heading level skipped: H%d follows H%d", h, prev)
		}
		prev = h
	}

	// the parent tree
	parents := map[int]any{}
	if str != nil {
		var nums func(v any, depth int)
		nums = func(v any, depth int) {
			n := d.dict(v)
			if n == nil || depth > 32 {
				return
			}
			a := d.array(n["/Nums"])
			for i := 0; i+1 < len(a); i += 2 {
				k, _ := d.num(a[i])
				parents[k] = a[i+1]
			}
			for _, k := range d.array(n["/Kids"]) {
				nums(k, depth+1)
			}
		}
		if str["/ParentTree"] == nil {
			d.problem("the structure tree has no /ParentTree")
		}
		nums(str["/ParentTree"], 0)
	}

	fonts := map[string]bool{}
	inContent := map[mcr]bool{}
	for i, pg := range pages {
		n := i + 1
		p := d.dict(pg)
		var content []byte
		cs := d.array(p["/Contents"])
		if r, ok := p["/Contents"].(string); ok { // one stream, not an array
			cs = []any{r}
		}
		for _, c := range cs {
			if s, ok := c.(string); ok && d.objs[s] != nil {
				content = append(content, d.objs[s].data...)
				content = append(content, '\n')
			}
		}
		mcids := d.checkContent(n, content)
		sp, hasSP := d.num(p["/StructParents"])
		if len(mcids) > 0 && !hasSP {
			d.problem("page %d has marked content but no /StructParents", n)
		}
		var arr []any
		if hasSP {
			arr = d.array(parents[sp])
		}
		for _, id := range mcids {
			m := mcr{pg, id}
			inContent[m] = true
			el, ok := owner[m]
			if !ok {
				d.problem("page %d: MCID %d belongs to no structure element", n, id)
				continue
			}
			if hasSP && (id >= len(arr) || arr[id] != el) {
				d.problem("page %d: the ParentTree does not give MCID %d's element", n, id)
			}
		}
		// fonts (resources may be inherited)
		res := d.dict(p["/Resources"])
		for par := p; res == nil && par != nil; {
			par = d.dict(par["/Parent"])
			if par != nil {
				res = d.dict(par["/Resources"])
			}
		}
		fontDict := d.dict(res["/Font"])
		names := make([]string, 0, len(fontDict))
		for name := range fontDict {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			f := fontDict[name]
			r, _ := f.(string)
			if fonts[r] {
				continue
			}
			fonts[r] = true
			fd := d.dict(f)
			if fd["/ToUnicode"] == nil {
				d.problem("font %s (%s) has no ToUnicode map", strings.TrimPrefix(name, "/"), d.name(fd["/BaseFont"]))
			}
		}
		// annotations
		annots := d.array(p["/Annots"])
		if len(annots) > 0 && d.name(p["/Tabs"]) != "S" {
			d.problem("page %d has annotations but no /Tabs /S", n)
		}
		for _, a := range annots {
			ad := d.dict(a)
			sub := d.name(ad["/Subtype"])
			if sub == "Popup" {
				continue
			}
			ref, _ := a.(string)
			k, ok := d.num(ad["/StructParent"])
			if !ok || ref == "" {
				d.problem("page %d: a /%s annotation is not tagged (no /StructParent)", n, sub)
				continue
			}
			el := objrs[ref]
			if el == "" || parents[k] != el {
				d.problem("page %d: a /%s annotation's /StructParent does not lead to the element that holds it", n, sub)
			}
			if sub == "Link" && el != "" && d.name(d.dict(el)["/S"]) != "Link" && roles[d.name(d.dict(el)["/S"])] != "Link" {
				d.problem("page %d: a link annotation is not in a Link element", n)
			}
			if d.text(ad["/Contents"]) == "" {
				d.problem("page %d: a /%s annotation has no /Contents", n, sub)
			}
		}
	}
	var missing []string
	for m, el := range owner {
		if !inContent[m] {
			missing = append(missing, fmt.Sprintf("element %s claims MCID %d on page %d, which the page does not have", el, m.mcid, pageNo[m.page]))
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		d.problem("%s", m)
	}
}

func claim(d *doc, owner map[mcr]string, m mcr, el string, pageNo map[string]int) {
	if o, ok := owner[m]; ok && o != el {
		d.problem("MCID %d on page %d is claimed by two elements", m.mcid, pageNo[m.page])
	}
	owner[m] = el
}

var (
	reUAPart = regexp.MustCompile(`pdfuaid:part(>\s*1\s*<|="1")`)
	reTitle  = regexp.MustCompile(`(?s)<dc:title>.*?<rdf:li[^>]*>\s*[^<\s]`)
)

func (d *doc) checkXMP(v any) {
	r, _ := v.(string)
	o := d.objs[r]
	if o == nil || o.data == nil {
		d.problem("the catalog has no XMP /Metadata")
		return
	}
	if !reUAPart.Match(o.data) {
		d.problem("the XMP metadata does not say pdfuaid:part 1")
	}
	if !reTitle.Match(o.data) {
		d.problem("the XMP metadata has no dc:title")
	}
}

// checkContent checks page n's content and returns its MCIDs in order.
func (d *doc) checkContent(n int, content []byte) []int {
	type mc struct {
		mcid     int // -1: none
		artifact bool
	}
	var stack []mc
	var mcids []int
	untagged := 0
	for _, o := range ops(content) {
		switch o.name {
		case "BMC", "BDC":
			m := mc{mcid: -1}
			if len(o.args) > 0 && o.args[0].name == "Artifact" {
				m.artifact = true
			}
			if o.name == "BDC" && len(o.args) > 1 && o.args[1].dict != nil {
				if v, ok := o.args[1].dict["MCID"]; ok {
					id, err := strconv.Atoi(v)
					if err != nil {
						d.problem("page %d: bad MCID %q", n, v)
					} else {
						for _, s := range stack {
							if s.mcid >= 0 {
								d.problem("page %d: MCID %d inside MCID %d", n, id, s.mcid)
							}
						}
						m.mcid = id
						mcids = append(mcids, id)
					}
				}
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				d.problem("page %d: EMC without BMC or BDC", n)
				continue
			}
			stack = stack[:len(stack)-1]
		case "Tj", "TJ", "'", `"`:
			ok := false
			for _, s := range stack {
				if s.mcid >= 0 || s.artifact {
					ok = true
				}
			}
			if !ok {
				untagged++
			}
		}
	}
	if len(stack) > 0 {
		d.problem("page %d: marked content left open", n)
	}
	if untagged > 0 {
		d.problem("page %d: %d text operators outside tagged content and artifacts", n, untagged)
	}
	if c := bytes.Count(content, []byte("MCID")); c != len(mcids) {
		d.problem("page %d: %d MCIDs in the content, %d read", n, c, len(mcids))
	}
	return mcids
}

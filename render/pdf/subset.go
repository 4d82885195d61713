package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// TrueType subsetting for the CID-keyed fonts (embed.go).
//
// Written here because no maintained Go module subsets TrueType fonts
// by glyph id: golang.org/x/image/font/sfnt and go-text/typesetting only
// read fonts, and fpdf's UTF8CutFont subsets by character, so it cannot
// keep glyphs without a character of their own (ligatures, contextual
// forms) and renumbers glyphs without saying how. This subsetter keeps
// the glyphs a document draws, and the components of composite glyphs
// they use, renumbers them densely in their original order, and rewrites
// glyf, loca, hmtx and the glyph counts; the hinting tables (cvt, fpgm,
// prep) are kept as they are. Everything a viewer needs to draw a
// CIDFontType2 font with an Identity CIDToGIDMap is there, and, for font
// parsers, an empty cmap and a post table without glyph names (no name
// table: PDF maps codes to glyphs itself).

// sfntFile is a TrueType font's tables, read once per process.
type sfntFile struct {
	tables    map[string][]byte
	loca      []uint32 // numGlyphs+1 offsets into glyf
	numGlyphs int
	numHMtx   int
}

// subsetTables lists the tables a subset keeps, in tag order.
var subsetTables = []string{"cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post", "prep"}

// emptyCmap is a cmap table mapping no character (one format 4 subtable
// with only the closing segment): PDF viewers find glyphs through the
// CIDToGIDMap, but font parsers expect the table.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // Windows Unicode BMP, at offset 12
	0, 4, 0, 24, 0, 0, // format 4, length 24, language
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2, searchRange, entrySelector, rangeShift
	0xFF, 0xFF, 0, 0, // endCode[0], reservedPad
	0xFF, 0xFF, 0, 1, // startCode[0], idDelta[0]
	0, 0, // idRangeOffset[0]
}

var errBadFont = errors.New("malformed TrueType font")

func parseSfnt(data []byte) (*sfntFile, error) {
	if len(data) < 12 {
		return nil, errBadFont
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	f := &sfntFile{tables: map[string][]byte{}}
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errBadFont
		}
		tag := string(data[rec : rec+4])
		off := int(binary.BigEndian.Uint32(data[rec+8:]))
		ln := int(binary.BigEndian.Uint32(data[rec+12:]))
		if off < 0 || ln < 0 || off+ln > len(data) {
			return nil, errBadFont
		}
		f.tables[tag] = data[off : off+ln]
	}
	for _, t := range subsetTables {
		if t == "cvt " || t == "fpgm" || t == "prep" || t == "cmap" || t == "post" {
			continue // optional
		}
		if f.tables[t] == nil {
			return nil, fmt.Errorf("%w: no %s table", errBadFont, t)
		}
	}
	head, maxp, hhea := f.tables["head"], f.tables["maxp"], f.tables["hhea"]
	if len(head) < 54 || len(maxp) < 6 || len(hhea) < 36 {
		return nil, errBadFont
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	f.numHMtx = int(binary.BigEndian.Uint16(hhea[34:]))
	if f.numHMtx == 0 || f.numHMtx > f.numGlyphs || len(f.tables["hmtx"]) < 4*f.numHMtx+2*(f.numGlyphs-f.numHMtx) {
		return nil, errBadFont
	}
	long := binary.BigEndian.Uint16(head[50:]) == 1
	loca := f.tables["loca"]
	glyfLen := uint32(len(f.tables["glyf"]))
	f.loca = make([]uint32, f.numGlyphs+1)
	for g := range f.loca {
		var off uint32
		if long {
			if 4*g+4 > len(loca) {
				return nil, errBadFont
			}
			off = binary.BigEndian.Uint32(loca[4*g:])
		} else {
			if 2*g+2 > len(loca) {
				return nil, errBadFont
			}
			off = 2 * uint32(binary.BigEndian.Uint16(loca[2*g:]))
		}
		if off > glyfLen || (g > 0 && off < f.loca[g-1]) {
			return nil, errBadFont
		}
		f.loca[g] = off
	}
	return f, nil
}

// glyph returns the glyf data of glyph g.
func (f *sfntFile) glyph(g uint16) []byte {
	if int(g) >= f.numGlyphs {
		return nil
	}
	return f.tables["glyf"][f.loca[g]:f.loca[g+1]]
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// components calls fn with the offset of each component's glyph id in
// composite glyph data (none for a simple glyph).
func components(data []byte, fn func(at int)) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	for p := 10; p+4 <= len(data); {
		flags := binary.BigEndian.Uint16(data[p:])
		fn(p + 2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return
		}
	}
}

// closure returns gids (glyph 0 always included) with the components
// of the composite glyphs among them, sorted: the subset's glyphs, whose
// new ids are their indexes.
func (f *sfntFile) closure(gids []uint16) []uint16 {
	seen := make(map[uint16]bool, len(gids)+1)
	out := make([]uint16, 0, len(gids)+1)
	var add func(g uint16, depth int)
	add = func(g uint16, depth int) {
		if seen[g] || int(g) >= f.numGlyphs || depth > 8 {
			return
		}
		seen[g] = true
		out = append(out, g)
		data := f.glyph(g)
		components(data, func(at int) { add(binary.BigEndian.Uint16(data[at:]), depth+1) })
	}
	add(0, 0)
	for _, g := range gids {
		add(g, 0)
	}
	slices.Sort(out)
	return out
}

// subset builds a TrueType font of the glyphs keep (sorted, from
// closure), glyph keep[i] becoming glyph i.
func (f *sfntFile) subset(keep []uint16) []byte {
	newID := make(map[uint16]uint16, len(keep))
	for i, g := range keep {
		newID[g] = uint16(i)
	}
	n := len(keep)
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	oldHmtx := f.tables["hmtx"]
	for i, g := range keep {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, f.glyph(g)...)
		components(glyf[start:], func(at int) {
			p := start + at
			binary.BigEndian.PutUint16(glyf[p:], newID[binary.BigEndian.Uint16(glyf[p:])])
		})
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		// advance and left side bearing
		var adv, lsb uint16
		if int(g) < f.numHMtx {
			adv = binary.BigEndian.Uint16(oldHmtx[4*int(g):])
			lsb = binary.BigEndian.Uint16(oldHmtx[4*int(g)+2:])
		} else {
			adv = binary.BigEndian.Uint16(oldHmtx[4*(f.numHMtx-1):])
			lsb = binary.BigEndian.Uint16(oldHmtx[4*f.numHMtx+2*(int(g)-f.numHMtx):])
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], adv)
		binary.BigEndian.PutUint16(hmtx[4*i+2:], lsb)
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	var post []byte // format 3: the header without glyph names
	if p := f.tables["post"]; len(p) >= 32 {
		post = slices.Clone(p[:32])
		binary.BigEndian.PutUint32(post, 0x00030000)
	}
	tables := map[string][]byte{
		"post": post,
		"cmap": emptyCmap, "cvt ": f.tables["cvt "], "fpgm": f.tables["fpgm"], "prep": f.tables["prep"],
		"glyf": glyf, "head": head, "hhea": hhea, "hmtx": hmtx, "loca": loca, "maxp": maxp,
	}
	var tags []string
	size := 0
	for _, t := range subsetTables {
		if tables[t] != nil {
			tags = append(tags, t)
			size += (len(tables[t]) + 3) &^ 3
		}
	}
	nt := len(tags)
	es := 0
	for 1<<(es+1) <= nt {
		es++
	}
	out := make([]byte, 12+16*nt, 12+16*nt+size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(nt))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*nt-16<<es))
	headAt := 0
	for i, t := range tags {
		data := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the OpenType table checksum: the sum of big-endian uint32s,
// the data padded with zeros.
func checksum(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var t [4]byte
		copy(t[:], b)
		s += binary.BigEndian.Uint32(t[:])
	}
	return s
}

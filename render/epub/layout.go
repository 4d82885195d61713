package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	goepub "github.com/go-shiori/go-epub"

	"github.com/essayexport/essayexport/fonts"
	"github.com/essayexport/essayexport/render"
)

// A slot is a place in a go-epub part where Render puts one book's own
// text. go-epub assembles each layout with a marker in every slot (see
// slot), which harvest finds and cuts out again.
const (
	slotTitle    = iota // dc:title and the cover page's <title>
	slotID              // dc:identifier
	slotLang            // dc:language and every XHTML file's lang attributes
	slotAuthor          // dc:creator
	slotDesc            // dc:description
	slotModified        // dcterms:modified
	slotMeta            // the accessibility metadata and generator
	slotCoverAlt        // the cover image's alt text
	// The package document's copies of slotTitle to slotDesc, escaped as
	// go-epub's encoding/xml escapes them there (named references).
	slotOPF
	slotPages = slotOPF + slotDesc + 1 // page i: its <title> at slotPages+2i, its body at slotPages+2i+1
)

const slotMark = "essayexportslot"

// slot returns the marker of slot n: plain ASCII, which go-epub's XML
// writer leaves alone, and ended by "z" so that slot 1 is no prefix of
// slot 10.
func slot(n int) string { return slotMark + strconv.Itoa(n) + "z" }

// layoutKey is everything that shapes go-epub's output apart from the
// text in the slots.
type layoutKey struct {
	css          cssKey
	cover        string // the cover image's file name, "" for none
	author, desc bool   // whether dc:creator and dc:description appear
	files        string // the pages' file names, NUL-separated
	dir          string // the book's direction, "ltr" or "rtl"
}

// layout is go-epub's EPUB for one layoutKey, cut into the parts Render
// writes for each book, in their order in the zip.
type layout struct {
	parts []part
}

const (
	partMimetype = iota
	partRaw      // go-epub's compressed bytes, copied as they are
	partText     // text with slots, filled and compressed per book
	partNav      // the nav document, made per book (nav.go)
	partNCX      // the NCX, made per book (nav.go)
	partCover    // the cover image, stored: PNG and JPEG are compressed
	partCSS      // the style sheet, per book (sheetFor in css.go)
)

type part struct {
	name string
	kind int
	hdr  zip.FileHeader // partRaw: method, CRC-32 and sizes
	data []byte         // partRaw: the compressed bytes
	text []piece        // partText
}

// piece is literal text, or the value of a slot when slot >= 0.
type piece struct {
	lit  string
	slot int
}

var (
	layouts     sync.Map // layoutKey -> *layout
	layoutCount atomic.Int32
)

// maxLayouts bounds the cache: a process that renders packs of many
// different sizes keeps only the first layouts and builds the rest for
// each book.
const maxLayouts = 64

// layoutFor returns the layout for k, building it with go-epub the first
// time. files are the pages' file names; coverType the cover's media type.
func layoutFor(k layoutKey, files []string, o render.Options, coverType string) (*layout, error) {
	if v, ok := layouts.Load(k); ok {
		return v.(*layout), nil
	}
	l, err := buildLayout(k, files, o, coverType)
	if err != nil {
		return nil, err
	}
	if layoutCount.Load() < maxLayouts {
		if v, loaded := layouts.LoadOrStore(k, l); loaded {
			return v.(*layout), nil
		}
		layoutCount.Add(1)
	}
	return l, nil
}

// buildLayout has go-epub assemble a book of k's shape with a marker in
// every slot, and cuts its zip into parts.
func buildLayout(k layoutKey, files []string, o render.Options, coverType string) (*layout, error) {
	e, err := goepub.NewEpub(slot(slotTitle))
	if err != nil {
		return nil, fmt.Errorf("failed to start EPUB: %w", err)
	}
	e.SetIdentifier(slot(slotID))
	e.SetLang(slot(slotLang))
	if k.author {
		e.SetAuthor(slot(slotAuthor))
	}
	if k.desc {
		e.SetDescription(slot(slotDesc))
	}
	css, err := e.AddCSS(styleSheet(o), "style.css")
	if err != nil {
		return nil, fmt.Errorf("failed to add the style sheet: %w", shortErr(err))
	}
	if o.EmbedFonts {
		for _, f := range fonts.Serif {
			if _, err := e.AddFont(fontURL(f), f.File); err != nil {
				return nil, fmt.Errorf("failed to add font %s: %w", f.File, shortErr(err))
			}
		}
	}
	if k.cover != "" {
		// A stand-in of the same type: go-epub takes the media type from
		// the bytes, and each book's own image replaces it.
		p, err := e.AddImage(dataURL(coverType, standIn(coverType)), k.cover)
		if err != nil {
			return nil, fmt.Errorf("failed to add the cover image: %w", shortErr(err))
		}
		cp, err := e.AddCSS(coverSheetURL, "cover.css")
		if err != nil {
			return nil, fmt.Errorf("failed to add the cover's style sheet: %w", shortErr(err))
		}
		if err := e.SetCover(p, cp); err != nil {
			return nil, fmt.Errorf("failed to add the cover: %w", err)
		}
	}
	for i, f := range files {
		if _, err := e.AddSection(slot(slotPages+2*i+1), slot(slotPages+2*i), f, css); err != nil {
			return nil, fmt.Errorf("failed to add section %s: %w", f, err)
		}
	}
	var raw bytes.Buffer
	writeMu.Lock()
	_, err = e.WriteTo(&raw)
	writeMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("failed to write EPUB: %w", err)
	}
	return harvest(raw.Bytes(), k, o.EmbedFonts)
}

// standIn returns a 1x1 image of the given media type.
func standIn(mediaType string) []byte {
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	var b bytes.Buffer
	if mediaType == "image/jpeg" {
		jpeg.Encode(&b, img, nil)
	} else {
		png.Encode(&b, img)
	}
	return b.Bytes()
}

// harvest cuts go-epub's zip into parts, applying the fixes the package
// comment lists to its package and content documents.
func harvest(raw []byte, k layoutKey, apple bool) (*layout, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool {
		a, b := entryOrder(files[i].Name), entryOrder(files[j].Name)
		if a != b {
			return a < b
		}
		return files[i].Name < files[j].Name
	})
	fix := fixer{lang: slot(slotLang), dir: k.dir}
	if k.cover != "" {
		fix.coverAlt = slot(slotCoverAlt)
	}
	l := &layout{}
	for _, zf := range files {
		p := part{name: zf.Name}
		switch {
		case zf.Name == "mimetype":
			p.kind = partMimetype
		case zf.Name == "EPUB/nav.xhtml":
			p.kind = partNav
		case zf.Name == "EPUB/toc.ncx":
			p.kind = partNCX
		case k.cover != "" && zf.Name == "EPUB/images/"+k.cover:
			p.kind = partCover
		case zf.Name == "EPUB/css/style.css":
			p.kind = partCSS
		case zf.Name == "EPUB/package.opf" || strings.HasSuffix(zf.Name, ".xhtml"):
			old, err := readAll(zf)
			if err != nil {
				return nil, err
			}
			var s string
			if zf.Name == "EPUB/package.opf" {
				if s, err = fix.opf(string(old)); err != nil {
					return nil, err
				}
			} else {
				s = fix.xhtml(string(old))
			}
			p.kind = partText
			if p.text, err = splitSlots(s); err != nil {
				return nil, fmt.Errorf("%s: %w", zf.Name, err)
			}
			if zf.Name == "EPUB/package.opf" {
				for i, pc := range p.text {
					if pc.slot >= 0 && pc.slot <= slotDesc {
						p.text[i].slot += slotOPF
					}
				}
			}
		default:
			r, err := zf.OpenRaw()
			if err != nil {
				return nil, err
			}
			if p.data, err = io.ReadAll(r); err != nil {
				return nil, err
			}
			p.kind = partRaw
			p.hdr = zip.FileHeader{Method: zf.Method, CRC32: zf.CRC32,
				CompressedSize64: zf.CompressedSize64, UncompressedSize64: zf.UncompressedSize64}
		}
		l.parts = append(l.parts, p)
		if apple && zf.Name == "META-INF/container.xml" {
			l.parts = append(l.parts, part{name: "META-INF/com.apple.ibooks.display-options.xml", kind: partText,
				text: []piece{{lit: appleOptions, slot: -1}}})
		}
	}
	return l, nil
}

// splitSlots cuts s at its slot markers.
func splitSlots(s string) ([]piece, error) {
	var ps []piece
	for {
		i := strings.Index(s, slotMark)
		if i < 0 {
			break
		}
		j := i + len(slotMark)
		n := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			n = n*10 + int(s[j]-'0')
			j++
		}
		if j == i+len(slotMark) || j >= len(s) || s[j] != 'z' {
			return nil, errors.New("go-epub wrote a damaged slot marker")
		}
		if i > 0 {
			ps = append(ps, piece{lit: s[:i], slot: -1})
		}
		ps = append(ps, piece{slot: n})
		s = s[j+1:]
	}
	if s != "" {
		ps = append(ps, piece{lit: s, slot: -1})
	}
	return ps, nil
}

// write writes one book in layout l to w: vals fills the slots, css is
// its style sheet.
func (l *layout) write(w io.Writer, vals []string, css *sheet, nav, ncx string, cover []byte, modified time.Time) error {
	// The entries' times go in the MS-DOS fields only: setting
	// FileHeader.Modified would add an extra field, which the mimetype
	// entry must not have.
	mod := modified.UTC()
	if mod.Year() < 1980 || mod.Year() > 2107 {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	dosDate := uint16((mod.Year()-1980)<<9 | int(mod.Month())<<5 | mod.Day())
	dosTime := uint16(mod.Hour()<<11 | mod.Minute()<<5 | mod.Second()/2)
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	create := func(name string, method uint16) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, ModifiedDate: dosDate, ModifiedTime: dosTime})
	}
	for i := range l.parts {
		p := &l.parts[i]
		var err error
		switch p.kind {
		case partMimetype:
			err = putString(create, p.name, zip.Store, "application/epub+zip")
		case partNav:
			err = putString(create, p.name, zip.Deflate, nav)
		case partNCX:
			err = putString(create, p.name, zip.Deflate, ncx)
		case partCover:
			var ew io.Writer
			if ew, err = create(p.name, zip.Store); err == nil {
				_, err = ew.Write(cover)
			}
		case partRaw, partCSS:
			h, data := p.hdr, p.data
			if p.kind == partCSS {
				h, data = css.hdr, css.data
			}
			h.Name, h.ModifiedDate, h.ModifiedTime = p.name, dosDate, dosTime
			var ew io.Writer
			if ew, err = zw.CreateRaw(&h); err == nil {
				_, err = ew.Write(data)
			}
		case partText:
			var ew io.Writer
			if ew, err = create(p.name, zip.Deflate); err != nil {
				break
			}
			for _, pc := range p.text {
				s := pc.lit
				if pc.slot >= 0 {
					s = vals[pc.slot]
				}
				if _, err = io.WriteString(ew, s); err != nil {
					break
				}
			}
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

func putString(create func(string, uint16) (io.Writer, error), name string, method uint16, s string) error {
	ew, err := create(name, method)
	if err != nil {
		return err
	}
	_, err = io.WriteString(ew, s)
	return err
}

// flatePool holds deflate writers at BestSpeed, reused between entries
// and books: the entries Render writes are small XML files, where a new
// writer's set-up would cost more than the compression.
var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}

func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	fw := flatePool.Get().(*flate.Writer)
	fw.Reset(w)
	return pooledFlate{fw}, nil
}

func readAll(zf *zip.File) ([]byte, error) {
	r, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

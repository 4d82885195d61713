package epub

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/essayexport/essayexport/fonts"
)

// The generated cover's size in pixels. Readers scale covers to the
// screen; 400x600 keeps the 2:3 shape of a book and keeps each cover
// cheap: most of its cost is zlib over the raw pixels, which grows with
// their number (see BenchmarkCover: about 0.35 ms, against 0.65 ms at
// 480x720 and 1 ms at 600x900).
const (
	coverW = 400
	coverH = 600
)

// coverKind returns the file extension and media type of a user's cover
// image, found from its magic bytes.
func coverKind(img []byte) (ext, mediaType string, err error) {
	switch {
	case bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")):
		return ".png", "image/png", nil
	case bytes.HasPrefix(img, []byte{0xFF, 0xD8, 0xFF}):
		return ".jpg", "image/jpeg", nil
	}
	return "", "", errors.New("cover image is neither PNG nor JPEG")
}

// The cover's palette: a paper background, then 15 steps blending it into
// the ink, then 15 into the watermark colour. A paletted image skips the
// PNG filter search, and with more than 16 colours it is 8 bits a pixel,
// which image/png copies row by row instead of pixel by pixel.
var (
	paper = color.RGBA{0xF6, 0xF2, 0xE8, 0xFF}
	ink   = color.RGBA{0x1E, 0x1E, 0x24, 0xFF}
)

const inkSteps, wmSteps = 15, 15

func coverPalette(wm color.RGBA) color.Palette {
	p := color.Palette{paper}
	mix := func(c color.RGBA, i, n int) color.Color {
		f := func(a, b uint8) uint8 { return uint8((int(a)*(n-i) + int(b)*i + n/2) / n) }
		return color.RGBA{f(paper.R, c.R), f(paper.G, c.G), f(paper.B, c.B), 0xFF}
	}
	for i := 1; i <= inkSteps; i++ {
		p = append(p, mix(ink, i, inkSteps))
	}
	for i := 1; i <= wmSteps; i++ {
		p = append(p, mix(wm, i, wmSteps))
	}
	return p
}

// glyph is a rasterised glyph, positioned relative to the dot.
type glyph struct {
	mask    *image.Alpha // nil for a blank or missing glyph
	rect    image.Rectangle
	advance int // whole pixels
	missing bool
}

// sizedFace is Liberation Serif at one size with a cache of rasterised
// glyphs. Faces from opentype are not safe for concurrent use, so the
// face is behind a mutex; the cache makes the face rarely needed.
type sizedFace struct {
	face   font.Face
	mu     sync.Mutex
	glyphs sync.Map // rune -> *glyph
	ascent int
	height int
}

var (
	facesMu sync.Mutex
	faces   = map[float64]*sizedFace{}
)

// faceAt returns the cached face for size pixels.
func faceAt(size float64) *sizedFace {
	facesMu.Lock()
	defer facesMu.Unlock()
	if f, ok := faces[size]; ok {
		return f
	}
	face, err := opentype.NewFace(fonts.SerifRegular.Font(), &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("epub: cannot make a face of the embedded font: " + err.Error())
	}
	m := face.Metrics()
	f := &sizedFace{face: face, ascent: m.Ascent.Ceil(), height: m.Height.Ceil()}
	faces[size] = f
	return f
}

func (f *sizedFace) glyph(r rune) *glyph {
	if g, ok := f.glyphs.Load(r); ok {
		return g.(*glyph)
	}
	g := &glyph{}
	if !fonts.SerifRegular.Has(r) {
		g.missing = true
	} else {
		f.mu.Lock()
		dr, mask, mp, adv, ok := f.face.Glyph(fixed.Point26_6{}, r)
		if ok {
			g.advance = adv.Round()
			if !dr.Empty() {
				a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
				for y := 0; y < dr.Dy(); y++ {
					for x := 0; x < dr.Dx(); x++ {
						a.Pix[y*a.Stride+x] = alphaAt(mask, mp.X+x, mp.Y+y)
					}
				}
				g.mask, g.rect = a, dr
			}
		} else {
			g.missing = true
		}
		f.mu.Unlock()
	}
	v, _ := f.glyphs.LoadOrStore(r, g)
	return v.(*glyph)
}

func alphaAt(m image.Image, x, y int) uint8 {
	if a, ok := m.(*image.Alpha); ok {
		return a.AlphaAt(x, y).A
	}
	_, _, _, a := m.At(x, y).RGBA()
	return uint8(a >> 8)
}

// width returns the advance of s in pixels, and whether s has a character
// the face lacks (those are left out).
func (f *sizedFace) width(s string) (w int, missing bool) {
	for _, r := range s {
		g := f.glyph(r)
		missing = missing || g.missing
		w += g.advance
	}
	return w, missing
}

// wrap breaks s into lines no wider than max pixels. A word wider than a
// line is split between characters.
func (f *sizedFace) wrap(s string, max int) []string {
	var lines []string
	line, lw := "", 0
	space, _ := f.width(" ")
	for _, word := range strings.Fields(s) {
		ww, _ := f.width(word)
		for ww > max {
			// Split an over-long word at the last rune that fits.
			cut, cw := 0, 0
			for i, r := range word {
				a := f.glyph(r).advance
				if cw+a > max && i > 0 {
					break
				}
				cw += a
				cut = i + len(string(r))
			}
			if line != "" {
				lines = append(lines, line)
				line, lw = "", 0
			}
			lines = append(lines, word[:cut])
			word = word[cut:]
			ww, _ = f.width(word)
		}
		switch {
		case word == "":
		case line == "":
			line, lw = word, ww
		case lw+space+ww <= max:
			line, lw = line+" "+word, lw+space+ww
		default:
			lines = append(lines, line)
			line, lw = word, ww
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// draw writes s centred on the vertical middle x with its baseline at y,
// in palette ramp base+1..base+steps.
func (f *sizedFace) draw(img *image.Paletted, s string, cx, y int, base, steps uint8) {
	w, _ := f.width(s)
	x := cx - w/2
	for _, r := range s {
		g := f.glyph(r)
		if g.mask != nil {
			r0 := g.rect.Add(image.Pt(x, y))
			for gy := 0; gy < g.rect.Dy(); gy++ {
				py := r0.Min.Y + gy
				if py < 0 || py >= img.Rect.Dy() {
					continue
				}
				for gx := 0; gx < g.rect.Dx(); gx++ {
					px := r0.Min.X + gx
					a := g.mask.Pix[gy*g.mask.Stride+gx]
					if a == 0 || px < 0 || px >= img.Rect.Dx() {
						continue
					}
					lvl := base + uint8((int(a)*int(steps)+254)/255)
					i := py*img.Stride + px
					if cur := img.Pix[i]; cur <= base || cur > base+steps || cur < lvl {
						img.Pix[i] = lvl
					}
				}
			}
		}
		x += g.advance
	}
}

// block sets lines of text, wrapped to width, trying each size in turn
// until it fits in maxLines; it returns the lines, the face and whether
// some character had no glyph.
func block(s string, width, maxLines int, sizes ...float64) ([]string, *sizedFace, bool) {
	var f *sizedFace
	var lines []string
	for _, size := range sizes {
		f = faceAt(size)
		lines = f.wrap(s, width)
		if len(lines) <= maxLines {
			break
		}
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] += "…"
	}
	_, missing := f.width(s)
	return lines, f, missing
}

const coverMargin = 40

// rule draws a rule across the cover's text width from row y down.
func rule(pix []uint8, y int) {
	for yy := y; yy < y+3; yy++ {
		row := pix[yy*coverW : (yy+1)*coverW]
		for x := coverMargin; x < coverW-coverMargin; x++ {
			row[x] = inkSteps
		}
	}
}

// coverBackground is the pixels every generated cover starts from: paper,
// and the rule above the title.
var coverBackground = sync.OnceValue(func() []uint8 {
	pix := make([]uint8, coverW*coverH)
	rule(pix, 100)
	return pix
})

// coverPixels recycles the covers' pixel buffers.
var coverPixels = sync.Pool{New: func() any { return make([]uint8, coverW*coverH) }}

// makeCover draws the generated cover: title and author set in the
// bundled Liberation Serif, centred and word-wrapped, with the watermark
// text, if any, on a band near the foot. The same arguments give the same
// bytes. It reports whether some character had no glyph in the face.
func makeCover(title, author, watermark string, wm color.RGBA) ([]byte, bool) {
	pix := coverPixels.Get().([]uint8)
	defer coverPixels.Put(pix)
	copy(pix, coverBackground())
	img := &image.Paletted{Pix: pix, Stride: coverW, Rect: image.Rect(0, 0, coverW, coverH), Palette: coverPalette(wm)}
	text := coverW - 2*coverMargin
	cx := coverW / 2
	missing := false
	y := 158
	if title != "" {
		lines, f, m := block(title, text, 6, 32, 25, 20)
		missing = missing || m
		for _, l := range lines {
			y += f.ascent
			f.draw(img, l, cx, y, 0, inkSteps)
			y += f.height - f.ascent + 2
		}
		y += 20
	}
	if author != "" {
		lines, f, m := block(author, text, 2, 18, 14)
		missing = missing || m
		for _, l := range lines {
			y += f.ascent
			f.draw(img, l, cx, y, 0, inkSteps)
			y += f.height - f.ascent
		}
	}
	rule(img.Pix, max(y+27, 373))
	if watermark != "" {
		lines, f, m := block(watermark, text, 3, 20, 15)
		missing = missing || m
		y := 480 - len(lines)*f.height/2
		for _, l := range lines {
			y += f.ascent
			f.draw(img, l, cx, y, inkSteps, wmSteps)
			y += f.height - f.ascent
		}
	}
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: pngPool}
	if err := enc.Encode(&buf, img); err != nil {
		panic("epub: png encoding into memory failed: " + err.Error())
	}
	return buf.Bytes(), missing
}

type bufferPool struct{ p sync.Pool }

func (b *bufferPool) Get() *png.EncoderBuffer {
	v, _ := b.p.Get().(*png.EncoderBuffer)
	return v
}
func (b *bufferPool) Put(e *png.EncoderBuffer) { b.p.Put(e) }

var pngPool = &bufferPool{}

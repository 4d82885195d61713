// Package fonts embeds the typefaces essayexport sets text in, with their
// licences beside them in this folder:
//
//   - Liberation Serif 2 (regular, italic, bold, bold italic), SIL OFL 1.1,
//     metric-compatible with Times New Roman: the text face.
//   - Noto Sans Math and Noto Sans Symbols 2, SIL OFL 1.1: fallbacks for
//     arrows, mathematical signs and symbols the text face lacks.
//   - Noto Serif Devanagari, Noto Serif Thai and Noto Naskh Arabic
//     (Debian fonts-noto-core 20201225-1), SIL OFL 1.1: the faces of
//     those scripts (Hindi, Marathi, Nepali; Thai; Arabic, Persian, Urdu),
//     chosen per character like the fallbacks and shaped by the text layer
//     (conjuncts, vowel signs, Thai marks, Arabic joining forms). They add
//     486 kB to the binary; only the glyphs a document uses are embedded
//     in it. Hebrew is in Liberation Serif itself.
//   - Droid Sans Fallback Full (Debian fonts-droid-fallback), Apache 2.0:
//     Chinese and Japanese (Han, kana), the one TrueType-outline CJK face
//     Debian has (Noto CJK is CFF, which the PDF subsetter does not cut).
//     It adds 4.0 MB to the binary, the price of CJK; a document embeds
//     only the glyphs it uses. It lacks most Hangul: Korean is not drawn.
//
// All are TrueType (glyf) fonts, which fpdf can subset and embed.
package fonts

import (
	_ "embed"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// Face is one embedded font file.
type Face struct {
	Family string // family name as the renderers register it
	Style  string // "", "I", "B" or "BI", as fpdf spells styles
	File   string // file name in this folder
	Data   []byte

	once   sync.Once
	parsed *sfnt.Font
}

var (
	//go:embed LiberationSerif-Regular.ttf
	serifRegular []byte
	//go:embed LiberationSerif-Italic.ttf
	serifItalic []byte
	//go:embed LiberationSerif-Bold.ttf
	serifBold []byte
	//go:embed LiberationSerif-BoldItalic.ttf
	serifBoldItalic []byte
	//go:embed NotoSansMath-Regular.ttf
	notoMath []byte
	//go:embed NotoSansSymbols2-Regular.ttf
	notoSymbols2 []byte
	//go:embed NotoSerifDevanagari-Regular.ttf
	notoDevanagari []byte
	//go:embed NotoSerifThai-Regular.ttf
	notoThai []byte
	//go:embed NotoNaskhArabic-Regular.ttf
	notoArabic []byte
	//go:embed DroidSansFallbackFull.ttf
	droidCJK []byte
)

// The text faces.
var (
	SerifRegular    = &Face{Family: "LiberationSerif", Style: "", File: "LiberationSerif-Regular.ttf", Data: serifRegular}
	SerifItalic     = &Face{Family: "LiberationSerif", Style: "I", File: "LiberationSerif-Italic.ttf", Data: serifItalic}
	SerifBold       = &Face{Family: "LiberationSerif", Style: "B", File: "LiberationSerif-Bold.ttf", Data: serifBold}
	SerifBoldItalic = &Face{Family: "LiberationSerif", Style: "BI", File: "LiberationSerif-BoldItalic.ttf", Data: serifBoldItalic}
)

// Serif lists the four text faces.
var Serif = []*Face{SerifRegular, SerifItalic, SerifBold, SerifBoldItalic}

// Fallbacks lists, in the order they are tried, the faces used for a
// character that the text face lacks.
var Fallbacks = []*Face{
	{Family: "NotoSansMath", File: "NotoSansMath-Regular.ttf", Data: notoMath},
	{Family: "NotoSansSymbols2", File: "NotoSansSymbols2-Regular.ttf", Data: notoSymbols2},
	{Family: "NotoSerifDevanagari", File: "NotoSerifDevanagari-Regular.ttf", Data: notoDevanagari},
	{Family: "NotoSerifThai", File: "NotoSerifThai-Regular.ttf", Data: notoThai},
	{Family: "NotoNaskhArabic", File: "NotoNaskhArabic-Regular.ttf", Data: notoArabic},
	{Family: "DroidSansFallback", File: "DroidSansFallbackFull.ttf", Data: droidCJK},
}

// Font returns the parsed font, parsing it once per process.
func (f *Face) Font() *sfnt.Font {
	f.once.Do(func() {
		p, err := sfnt.Parse(f.Data)
		if err != nil {
			panic("fonts: embedded " + f.File + " does not parse: " + err.Error())
		}
		f.parsed = p
	})
	return f.parsed
}

// Has reports whether the face has a glyph for r. It is safe for
// concurrent use.
func (f *Face) Has(r rune) bool {
	var buf sfnt.Buffer
	i, err := f.Font().GlyphIndex(&buf, r)
	return err == nil && i != 0
}

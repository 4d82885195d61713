package parse

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// magic lists the signatures of common binary formats that people hand to
// a text tool by mistake, with what to call them and what to do instead.
var magic = []struct {
	prefix string
	what   string
	hint   string
}{
	{"\x89PNG\r\n\x1a\n", "a PNG image", "give a plain-text essay (.txt)"},
	{"\xff\xd8\xff", "a JPEG image", "give a plain-text essay (.txt)"},
	{"GIF87a", "a GIF image", "give a plain-text essay (.txt)"},
	{"GIF89a", "a GIF image", "give a plain-text essay (.txt)"},
	{"%PDF-", "a PDF document", "extract its text first (e.g. pdftotext essay.pdf essay.txt) and give the .txt"},
	{"PK\x03\x04", "a ZIP archive, such as a .docx or .epub", "save the essay as plain text (.txt) first"},
	{"\x7fELF", "an ELF executable", "give a plain-text essay (.txt)"},
	{"\x1f\x8b", "a gzip archive", "decompress it first and give the .txt"},
	{"{\\rtf", "an RTF document", "save the essay as plain text (.txt) first"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document", "save the essay as plain text (.txt) first"},
}

// decode turns src into a Go string (valid UTF-8, LF line ends not yet
// normalised) and names the encoding. It refuses binary input with *Error
// and records lossy decoding as warnings.
func decode(src []byte, force string, warn func(string, ...any)) (string, string, error) {
	if force != "" {
		return decodeForced(src, force, warn)
	}
	switch {
	case bytes.HasPrefix(src, []byte("\xef\xbb\xbf")):
		return decodeUTF8(src[3:], "utf-8-bom", warn)
	case bytes.HasPrefix(src, []byte("\xff\xfe")):
		return decodeWith(src[2:], unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", warn)
	case bytes.HasPrefix(src, []byte("\xfe\xff")):
		return decodeWith(src[2:], unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", warn)
	}
	for _, m := range magic {
		if bytes.HasPrefix(src, []byte(m.prefix)) {
			return "", "", &Error{Reason: "not a text file (it looks like " + m.what + ")", Hint: m.hint}
		}
	}
	if bytes.IndexByte(src, 0) >= 0 {
		if le, ok := utf16WithoutBOM(src); ok {
			name, order := "utf-16be", unicode.BigEndian
			if le {
				name, order = "utf-16le", unicode.LittleEndian
			}
			warn("no byte-order mark: read as %s because of its zero bytes", name)
			return decodeWith(src, unicode.UTF16(order, unicode.IgnoreBOM), name, warn)
		}
		return "", "", &Error{Reason: "not a text file (it contains zero bytes)", Hint: "give a plain-text essay (.txt); for UTF-16 text, add a byte-order mark or pass --encoding utf-16le"}
	}
	if pct := controlShare(src); pct >= 10 {
		return "", "", &Error{Reason: fmt.Sprintf("not a text file (%d%% of its bytes are control characters)", pct), Hint: "give a plain-text essay (.txt)"}
	}
	if utf8.Valid(src) {
		return string(src), "utf-8", nil
	}
	// The valid multi-byte sequences decide: Windows-1252 text almost
	// never forms one by chance (an accented capital followed by a
	// symbol), and never a three- or four-byte one except as mojibake,
	// while UTF-8 text with a few bad bytes (a truncated emoji, a stray
	// byte) is full of them. So a file with a long valid sequence, or with
	// at least as many valid sequences as runs of bad bytes, is UTF-8 and
	// only its bad bytes are replaced; counting bad bytes alone let three
	// bytes of a cut-off emoji turn every curly quote into mojibake.
	st := utf8Stats(src)
	if st.valid == 0 || (st.long == 0 && st.runs > st.valid) {
		return decodeWith(src, charmap.Windows1252, "windows-1252", warn)
	}
	return decodeUTF8(src, "utf-8", warn)
}

// decodeForced decodes with an encoding named by the user.
func decodeForced(src []byte, name string, warn func(string, ...any)) (string, string, error) {
	low := strings.ToLower(strings.TrimSpace(name))
	enc, err := lookupEncoding(name)
	if err != nil {
		return "", "", err
	}
	if low == "utf-8" || low == "utf8" {
		src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
		return decodeUTF8(src, "utf-8", warn)
	}
	if strings.Contains(low, "16") {
		// A byte-order mark says which UTF-16 it is, whatever the name.
		switch {
		case bytes.HasPrefix(src, []byte("\xff\xfe")):
			return decodeWith(src[2:], unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", warn)
		case bytes.HasPrefix(src, []byte("\xfe\xff")):
			return decodeWith(src[2:], unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", warn)
		}
	}
	return decodeWith(src, enc, low, warn)
}

// decodeWith runs an x/text decoder; bytes it cannot map become U+FFFD.
func decodeWith(src []byte, enc encoding.Encoding, name string, warn func(string, ...any)) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return "", "", &Error{Reason: fmt.Sprintf("cannot decode the text as %s: %v", name, err), Hint: "pass --encoding with the file's real encoding"}
	}
	s := string(out)
	if n := strings.Count(s, "\ufffd"); n > 0 {
		warn("%s could not be decoded as %s; replaced by U+FFFD", plural(n, "character", "characters"), name)
	}
	return s, name, nil
}

// decodeUTF8 decodes UTF-8, replacing invalid bytes with U+FFFD and
// reporting where the first one was.
func decodeUTF8(src []byte, name string, warn func(string, ...any)) (string, string, error) {
	if utf8.Valid(src) {
		return string(src), name, nil
	}
	st := utf8Stats(src)
	warn("invalid UTF-8 at byte offset %d (%s in all) replaced by U+FFFD", st.first, plural(st.invalid, "byte", "bytes"))
	return strings.ToValidUTF8(string(src), "\ufffd"), name, nil
}

// utf8Counts describes the non-ASCII bytes of a text read as UTF-8.
type utf8Counts struct {
	valid   int // valid multi-byte sequences
	long    int // of them, three or four bytes long
	invalid int // bytes that start no valid sequence
	runs    int // runs of consecutive invalid bytes
	first   int // offset of the first invalid byte, -1 if none
}

// utf8Stats counts the valid multi-byte sequences and the invalid bytes.
func utf8Stats(src []byte) utf8Counts {
	c := utf8Counts{first: -1}
	prevBad := false
	for i := 0; i < len(src); {
		if src[i] < utf8.RuneSelf {
			i++
			prevBad = false
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			if c.first < 0 {
				c.first = i
			}
			c.invalid++
			if !prevBad {
				c.runs++
			}
			prevBad = true
			i++
			continue
		}
		prevBad = false
		c.valid++
		if n >= 3 {
			c.long++
		}
		i += n
	}
	return c
}

// utf16WithoutBOM reports whether src looks like BOM-less UTF-16 text
// (mostly ASCII, so one byte of each pair is zero) and its byte order.
func utf16WithoutBOM(src []byte) (littleEndian, ok bool) {
	if len(src) < 4 || len(src)%2 != 0 {
		return false, false
	}
	var evenZero, oddZero int
	for i := 0; i+1 < len(src); i += 2 {
		if src[i] == 0 {
			evenZero++
		}
		if src[i+1] == 0 {
			oddZero++
		}
	}
	pairs := len(src) / 2
	switch {
	case oddZero*10 >= pairs*7 && evenZero*10 < pairs:
		return true, true
	case evenZero*10 >= pairs*7 && oddZero*10 < pairs:
		return false, true
	}
	return false, false
}

// controlShare returns the percentage of bytes that are C0 controls
// (other than tab, newline, carriage return and form feed) or DEL. Text
// with a stray escape sequence stays text; at 10% and above it is binary.
func controlShare(src []byte) int {
	if len(src) == 0 {
		return 0
	}
	n := 0
	for _, c := range src {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			n++
		}
	}
	return n * 100 / len(src)
}

// plural writes n with the singular or plural noun: "1 byte", "2 bytes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// lookupEncoding finds an encoding by its IANA or WHATWG name.
func lookupEncoding(name string) (encoding.Encoding, error) {
	low := strings.ToLower(strings.TrimSpace(name))
	if e, err := ianaindex.IANA.Encoding(low); err == nil && e != nil {
		return e, nil
	}
	if e, err := htmlindex.Get(low); err == nil && e != nil {
		return e, nil
	}
	return nil, &Error{Reason: fmt.Sprintf("unknown encoding %q", name), Hint: "use a name such as utf-8, windows-1252, latin1, utf-16le or utf-16be"}
}

// CheckEncoding reports whether name is an encoding Options.Encoding
// accepts, so that a command line can be checked before any input is read.
func CheckEncoding(name string) error {
	_, err := lookupEncoding(name)
	return err
}

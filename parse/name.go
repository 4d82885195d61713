package parse

import (
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReadableName turns a path's base name into a readable title fallback:
// "my_essay-draft2.txt" -> "My essay draft2". It drops the directory and
// the last extension, turns underscores, hyphens and dots into spaces,
// collapses spaces and capitalises the first letter.
func ReadableName(path string) string {
	base := filepath.Base(strings.ReplaceAll(path, "\\", "/"))
	if base == "." || base == "/" {
		return ""
	}
	if ext := filepath.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	base = strings.Map(func(r rune) rune {
		switch {
		case r == '_' || r == '-' || r == '.' || r == '+':
			return ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == utf8.RuneError:
			return -1 // a title never carries control or bidi characters
		}
		return r
	}, base)
	base = strings.Join(strings.Fields(base), " ")
	if base == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(base)
	return string(unicode.ToUpper(r)) + base[n:]
}

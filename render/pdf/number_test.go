package pdf

import "testing"

// TestFormatNumber checks list labels against known values, so that the
// cross-format test (which numbers the model's lists with its own copy of
// the rule) rests on an independent oracle.
func TestFormatNumber(t *testing.T) {
	for _, c := range []struct {
		n     int
		style string
		want  string
	}{
		{1, "1", "1"}, {12, "", "12"}, {0, "a", "0"}, {-3, "i", "-3"},
		{1, "a", "a"}, {26, "a", "z"}, {27, "a", "aa"}, {52, "a", "az"}, {53, "a", "ba"}, {702, "a", "zz"}, {703, "A", "AAA"},
		{1, "i", "i"}, {4, "i", "iv"}, {9, "i", "ix"}, {14, "I", "XIV"}, {40, "i", "xl"}, {90, "i", "xc"},
		{400, "i", "cd"}, {1994, "i", "mcmxciv"}, {3999, "I", "MMMCMXCIX"}, {4000, "i", "4000"},
	} {
		if got := formatNumber(c.n, c.style); got != c.want {
			t.Errorf("formatNumber(%d, %q) = %q, want %q", c.n, c.style, got, c.want)
		}
	}
}

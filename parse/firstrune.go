package parse

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// This file computes which runes can open a match of a regular
// expression, so that a pattern anchored at the start of a line is not run
// on a line that cannot match it (matchBoilerplate tries two dozen such
// patterns on every short line). The standard library keeps this analysis
// internal (regexp's one-pass compiler), so it is done here on the parsed
// syntax tree.

// firstRunes is a set of runes that can start a match; nil means any.
type firstRunes struct {
	ascii [utf8.RuneSelf]bool
	other map[rune]bool
}

// firstRunesOf returns the runes that can open a match of expr (Perl
// syntax), or nil when any rune can, or the expression can match the empty
// string.
func firstRunesOf(expr string) *firstRunes {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	set := map[rune]bool{}
	if nullable := first(re.Simplify(), set); nullable {
		return nil
	}
	if set[anyRune] || len(set) > 512 {
		return nil
	}
	out := &firstRunes{other: map[rune]bool{}}
	for r := range set {
		if 0 <= r && r < utf8.RuneSelf {
			out.ascii[r] = true
		} else {
			out.other[r] = true
		}
	}
	return out
}

// anyRune marks a set that can hold any rune.
const anyRune = -1

// first adds to set the runes that can open a match of re and reports
// whether re can match the empty string (then what follows it can open
// the match too). A set holding anyRune means any rune.
func first(re *syntax.Regexp, set map[rune]bool) (nullable bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		addRune(set, re.Rune[0], re.Flags&syntax.FoldCase != 0)
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi-lo > 256 {
				set[anyRune] = true
				return false
			}
			for r := lo; r <= hi; r++ {
				addRune(set, r, re.Flags&syntax.FoldCase != 0)
			}
		}
		return false
	case syntax.OpCapture:
		return first(re.Sub[0], set)
	case syntax.OpStar, syntax.OpQuest:
		first(re.Sub[0], set)
		return true
	case syntax.OpPlus:
		return first(re.Sub[0], set)
	case syntax.OpRepeat:
		n := first(re.Sub[0], set)
		return n || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !first(sub, set) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			if first(sub, set) {
				nullable = true
			}
		}
		return nullable
	}
	// OpAnyChar, OpAnyCharNotNL, OpNoMatch and anything new: any rune.
	set[anyRune] = true
	return false
}

// addRune adds r to set and, when fold is set, every rune it folds to.
func addRune(set map[rune]bool, r rune, fold bool) {
	set[r] = true
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			set[f] = true
		}
	}
}

// mayStart reports whether text's first rune is in the set (always true
// for a nil set).
func (s *firstRunes) mayStart(text string) bool {
	switch {
	case s == nil:
		return true
	case text == "":
		return false
	case text[0] < utf8.RuneSelf:
		return s.ascii[text[0]]
	}
	r, _ := utf8.DecodeRuneInString(text)
	return s.other[r]
}

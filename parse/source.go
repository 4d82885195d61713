package parse

import "strings"

// SourceLines decodes src as Parse does and returns its lines, so that
// the 1-based line numbers of Document (Block.Line, Removed.Line,
// TitleCandidate.Line) index it: line n is SourceLines(...)[n-1]. It
// fails where Parse fails.
func SourceLines(src []byte, opt Options) ([]string, error) {
	text, _, err := decodeText(src, opt, func(string, ...any) {})
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n"), nil
}

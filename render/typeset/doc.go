// Package typeset breaks paragraphs into justified or ragged-right lines:
// paragraphs in, lines out. It knows nothing of fonts or pages; the caller
// supplies a Measure function and a line width, and draws the Lines.
//
// # Line breaking
//
// Break uses the total-fit algorithm of Donald E. Knuth and Michael F.
// Plass, "Breaking Paragraphs into Lines" (Software—Practice and
// Experience 11, 1981), the one TeX uses. A paragraph becomes a list of
// boxes (words and word pieces), glue (inter-word spaces: natural width
// Measure(" "), stretch 1/2 and shrink 1/3 of it, as in TeX's Computer
// Modern) and penalties (places inside words where a line may end). A
// final glue of infinite stretch and a forced break end the paragraph, so
// its last line is set at natural spacing. The breaker keeps a list of
// active nodes (feasible breaks, one for each fitness class at each
// position) and, for every legal break, finds the cheapest way to reach it
// from each active node, where a line costs demerits: (line penalty +
// badness)² plus the penalty², plus extra demerits for two hyphenated
// lines in a row, a hyphen on the next-to-last line, and adjacent lines
// whose fitness classes (tight, decent, loose, very loose) differ by more
// than one. Badness is 100·|ratio|³, the ratio being how far the line's
// spaces stretch (positive) or shrink (negative) relative to what they
// can. The cheapest path to the paragraph's end is the set of breaks.
//
// Like TeX, Break tries passes until one succeeds: first without
// hyphenation, accepting lines of badness up to PreTolerance (100); then
// with hyphenation, up to Tolerance (200), where two lines in a row may not
// end with inserted hyphens; then an emergency pass with extra stretch on
// every line (EmergencyStretch) that accepts any line that is not
// overfull, still without two inserted hyphens in a row; and last the same
// with that rule relaxed to demerits, which always produces lines. A word wider than the line is cut
// into pieces that fit (by characters, without hyphens) before breaking,
// so no line is overfull unless the line cannot hold a single character.
// The last word of a paragraph is never hyphenated. Explicit hyphens and
// dashes inside words ("well-known", "1924–1929", "word—word") are breaks
// after the dash that draw no extra hyphen.
//
// Ragged-right text (Justify false) is broken the same way, with fixed
// inter-word spaces and 2 em of stretch at the end of each line, as
// TeX's \raggedright does, which evens the ragged margin.
//
// Time and memory are linear in the paragraph length: only breaks within a
// line's width of the current one stay active. A paragraph of more than
// Window (2000) words is set in overlapping windows of that many words:
// each window is broken as if it ended the paragraph, its lines up to
// three quarters of the way through are kept, and the next window starts
// where the kept lines end, so every break still looks hundreds of words
// ahead while a 5 MB paragraph needs no more than one window's working
// memory.
//
// Greedy is a first-fit breaker with the same output, for comparison.
//
// # Microtypography
//
// Two refinements from pdfTeX (Hàn Thế Thành's thesis, "Micro-typographic
// extensions to the TeX typesetting system", 2000) and LaTeX's microtype
// package. With Params.Protrusion, characters at a line's ends hang into
// the margins by microtype's default factors (Protrude): a full stop 70%
// of its width, a comma, colon, semicolon or hyphen 50%, an en dash 30%,
// closing quotes 30–40% on the right, opening quotes 30% on the left,
// some letters 5%. The breaker counts that as room on the line, and
// Line.Left and Line.Right tell the caller where to start and end it, so
// the margins look straight though the notched punctuation sits outside
// them. With Params.Expansion (0.02 for ±2%), every box stretches and
// shrinks by that fraction of its width alongside the glue, so more
// breaks are feasible and fewer lines are loose; when a line is set, its
// glyphs take up the slack first, within the limit and in 0.1% steps
// (Line.Expand), and the spaces take the rest, staying near natural.
//
// # Styled text
//
// BreakSpans and GreedySpans set a paragraph given as Spans, runs of text
// each in a style: an integer the caller gives meaning to (the PDF
// renderer's italic, bold and superscript faces). A word may cross styles;
// each of its pieces is measured in its own style through
// Params.MeasureStyle and the word's box is their sum, so the breaker
// itself is unchanged: hyphenation points are found in the whole word,
// fragments are measured piece by piece, and each output Word carries its
// Pieces for the caller to draw.
//
// # Knobs
//
// Params carries the line width, first-line indent, measure, hyphenator
// and justification, and TeX's tuning parameters, each with TeX's plain
// default when left zero: PreTolerance 100, Tolerance 200, LinePenalty 10,
// HyphenPenalty and ExHyphenPenalty 50, DoubleHyphenDemerits 10000,
// FinalHyphenDemerits 5000, AdjDemerits 10000; plus EmergencyStretch (three
// spaces), the glue's Stretch and Shrink (1/2 and 1/3 of a space) and
// Window (2000 words).
//
// The breaker is written here because no maintained Go module for
// Knuth-Plass is available to this project (speedata/boxesandglue, which
// has one, is not served by the module proxy), and the algorithm with its
// its passes is a few hundred lines.
//
// # Hyphenation
//
// Hyphenator implements Frank M. Liang's pattern method from his thesis
// "Word Hy-phen-a-tion by Com-put-er" (Stanford, 1983), with TeX's
// hyph-en-us and hyph-en-gb patterns and exception lists from the
// hyph-utf8 package, embedded in patterns/ with their licences
// (patterns/LICENSE). It respects TeX's English lefthyphenmin 2 and
// righthyphenmin 3 and never hyphenates words under 5 letters.
package typeset

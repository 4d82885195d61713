package parse

// mayHoldNote reports whether text may hold a confirmed note marker.
func (p *parser) mayHoldNote(text string) bool { return false }

// markNotes marks the note markers of rs in st.
func (p *parser) markNotes(rs []rune, st []runeStyle) {}

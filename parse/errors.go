package parse

// Error is the typed error for input that cannot be read as text: binary
// data, or bytes that do not decode in a forced encoding. Prose is never an
// error; only these are.
type Error struct {
	// Reason says what is wrong, as one lowercase line, e.g.
	// "not a text file (it looks like a PNG image)".
	Reason string
	// Hint says what to do next, e.g. "give a plain-text essay (.txt)".
	Hint string
}

// Error returns the reason.
func (e *Error) Error() string { return e.Reason }

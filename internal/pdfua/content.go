package pdfua

import (
	"strconv"
)

// A content stream is read with a small tokenizer written here: Go has no
// PDF library in this module's dependencies, and only the marked-content
// operators, their property lists and the text-showing operators matter.

// operand is one operand of a content-stream operator.
type operand struct {
	name string            // a name, without the slash
	num  float64           // a number
	dict map[string]string // an inline dictionary: key (no slash) to its raw value
	kind byte              // 'n' name, '#' number, 'd' dict, 's' string, 'a' array, '?' other
}

// op is one operator with its operands.
type op struct {
	name string
	args []operand
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// scanner reads tokens from a content stream.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) skipWhite() {
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c == '%' {
			for s.i < len(s.b) && s.b[s.i] != '\n' && s.b[s.i] != '\r' {
				s.i++
			}
			continue
		}
		if !isWhite(c) {
			return
		}
		s.i++
	}
}

// token returns the next raw token: a delimiter token ("<<", ">>", "[",
// "]"), a string ("(...)" or "<...>"), a name ("/X") or a regular run.
func (s *scanner) token() (string, bool) {
	s.skipWhite()
	if s.i >= len(s.b) {
		return "", false
	}
	start := s.i
	c := s.b[s.i]
	switch {
	case c == '(':
		depth := 0
	str:
		for s.i < len(s.b) {
			ch := s.b[s.i]
			s.i++
			switch ch {
			case '\\':
				s.i++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					break str
				}
			}
		}
	case c == '<' && s.i+1 < len(s.b) && s.b[s.i+1] == '<':
		s.i += 2
	case c == '>' && s.i+1 < len(s.b) && s.b[s.i+1] == '>':
		s.i += 2
	case c == '<':
		for s.i < len(s.b) && s.b[s.i] != '>' {
			s.i++
		}
		s.i++
	case c == '[' || c == ']' || c == '{' || c == '}' || c == ')' || c == '>':
		s.i++
	case c == '/':
		s.i++
		for s.i < len(s.b) && !isWhite(s.b[s.i]) && !isDelim(s.b[s.i]) {
			s.i++
		}
	default:
		for s.i < len(s.b) && !isWhite(s.b[s.i]) && !isDelim(s.b[s.i]) {
			s.i++
		}
	}
	if s.i > len(s.b) {
		s.i = len(s.b)
	}
	return string(s.b[start:s.i]), true
}

// value reads one operand starting with token t; ok is false for an
// operator.
func (s *scanner) value(t string) (operand, bool) {
	switch {
	case t == "<<":
		d := map[string]string{}
		for {
			k, ok := s.token()
			if !ok || k == ">>" {
				return operand{kind: 'd', dict: d}, true
			}
			v, ok := s.token()
			if !ok {
				return operand{kind: 'd', dict: d}, true
			}
			raw := v
			if v == "<<" || v == "[" {
				start := s.i - len(v)
				s.value(v)
				raw = string(s.b[start:s.i])
			}
			if len(k) > 0 && k[0] == '/' {
				d[k[1:]] = raw
			}
		}
	case t == "[":
		for {
			n, ok := s.token()
			if !ok || n == "]" {
				return operand{kind: 'a'}, true
			}
			s.value(n)
		}
	case t[0] == '/':
		return operand{kind: 'n', name: t[1:]}, true
	case t[0] == '(' || t[0] == '<':
		return operand{kind: 's'}, true
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil {
		return operand{kind: '#', num: f}, true
	}
	if t == "true" || t == "false" || t == "null" {
		return operand{kind: '?'}, true
	}
	return operand{}, false
}

// ops splits a content stream into operators with their operands.
// Inline images (BI … ID … EI) are skipped.
func ops(b []byte) []op {
	s := &scanner{b: b}
	var out []op
	var args []operand
	for {
		t, ok := s.token()
		if !ok {
			return out
		}
		if v, ok := s.value(t); ok {
			args = append(args, v)
			continue
		}
		if t == "ID" { // inline image data, up to EI
			for s.i+2 < len(s.b) && !(isWhite(s.b[s.i]) && s.b[s.i+1] == 'E' && s.b[s.i+2] == 'I') {
				s.i++
			}
			s.i += 3
		}
		out = append(out, op{name: t, args: args})
		args = nil
	}
}

package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// mkfile KIND FILE [ARG] writes a generated input for the hardening
// scripts: inputs that a txtar archive cannot hold (binary data, NUL
// bytes, invalid UTF-8) or that are too large to keep in the repo.
//
//	png, zip, elf, pdf   the first bytes of such a file, and some data
//	coverpng             a small, real PNG image
//	nul                  text with NUL bytes in it
//	badutf8              UTF-8 prose with one invalid byte at offset ARG
//	longline             a single line of ARG bytes of prose
//	manylines            ARG short lines
//	sparse               a file of ARG bytes (sparse; never read whole)
//	evilnames            in folder FILE: two binary files, one whose name holds newlines, one an escape sequence
//	longname             in folder FILE: an essay whose name is 255 bytes with .txt
//	hostile              markup, control and bidi characters, a 10,000-character word, emoji and CJK
func mkfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mkfile KIND FILE [ARG]")
	}
	n := 0
	if len(args) > 2 {
		var err error
		if n, err = strconv.Atoi(args[2]); err != nil {
			ts.Fatalf("mkfile: %v", err)
		}
	}
	path := ts.MkAbs(args[1])
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		ts.Fatalf("mkfile: %v", err)
	}
	sentence := "The river keeps its own calendar, and the town has learned to read it. "
	var data []byte
	switch args[0] {
	case "png":
		data = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	case "coverpng": // a real 60x90 PNG image
		img := image.NewRGBA(image.Rect(0, 0, 60, 90))
		for i := range img.Pix {
			img.Pix[i] = byte(i * 7)
		}
		var buf bytes.Buffer
		png.Encode(&buf, img)
		data = buf.Bytes()
	case "zip":
		data = append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), make([]byte, 64)...)
	case "elf":
		data = append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 64)...)
	case "pdf":
		data = []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	case "nul":
		data = []byte("A Title\n\nSome text\x00\x00 with NUL bytes in the middle of it.\n")
	case "badutf8":
		// UTF-8 text (curly quotes, a dash) with one stray byte in it.
		body := "Invalid Bytes\n\n" + strings.Repeat("The river’s calendar — as the town says — is its own. ", 4) + "\n"
		if n <= 0 || n >= len(body) {
			n = len(body) / 2
		}
		for body[n] >= 0x80 { // keep the invalid byte away from a multi-byte character
			n++
		}
		data = []byte(body[:n] + "\xff" + body[n:])
	case "longline":
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(sentence)
		}
		data = []byte(b.String())
	case "manylines":
		var b strings.Builder
		b.WriteString("Many Lines\n\n")
		for i := range n {
			b.WriteString("Line number ")
			b.WriteString(strconv.Itoa(i))
			b.WriteString(" of a long list.\n")
		}
		data = []byte(b.String())
	case "evilnames":
		if err := os.MkdirAll(path, 0o755); err != nil {
			ts.Fatalf("mkfile: %v", err)
		}
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
		for _, name := range []string{"x\n1 written, 0 failed\nz.txt", "e\x1b[31mvil.txt"} {
			if err := os.WriteFile(filepath.Join(path, name), png, 0o644); err != nil {
				ts.Fatalf("mkfile: %v", err)
			}
		}
		return
	case "longname":
		if err := os.MkdirAll(path, 0o755); err != nil {
			ts.Fatalf("mkfile: %v", err)
		}
		if err := os.WriteFile(filepath.Join(path, strings.Repeat("a", 251)+".txt"), []byte("A Title\n\n"+sentence+"\n"), 0o644); err != nil {
			ts.Fatalf("mkfile: %v", err)
		}
		return
	case "sparse":
		f, err := os.Create(path)
		if err != nil {
			ts.Fatalf("mkfile: %v", err)
		}
		if err := f.Truncate(int64(n)); err != nil {
			ts.Fatalf("mkfile: %v", err)
		}
		f.Close()
		return
	case "hostile":
		data = []byte("<script>alert('x')</script> & Title ]]>\n\n" +
			"A paragraph with <b>markup</b>, a lone < and a lone >, an ampersand & and ]]> inside.\n\n" +
			"Control characters \x01\x02\x07\x1b[31m and bidi overrides \u202eevil\u202c and zero-width\u200b\u200djoiners\ufeff.\n\n" +
			"A long word: " + strings.Repeat("x", 10000) + " and then more text.\n\n" +
			"Emoji 😀🎓 and CJK 漢字かな한국어 and arrows → ⇒ and sums ∑ ∫.\n")
	default:
		ts.Fatalf("mkfile: unknown kind %q", args[0])
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		ts.Fatalf("mkfile: %v", err)
	}
}

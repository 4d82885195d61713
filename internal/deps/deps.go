// Package deps pins modules that packages still being written will import,
// so that `go mod tidy` keeps them. Delete it once every module is imported
// for real.
package deps

import (
	_ "codeberg.org/go-pdf/fpdf"
	_ "github.com/go-shiori/go-epub"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/speedata/hyphenation"
	_ "github.com/urfave/cli/v2"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/image/font/opentype"
	_ "golang.org/x/term"
	_ "golang.org/x/text/encoding/charmap"
)

package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// reorder moves the options of a subcommand in front of its inputs, so
// that `essayexport pdf essay.txt -o out.pdf` works as users expect:
// urfave/cli v2, like Go's flag package, stops at the first argument
// that is not an option. Everything after "--" stays an input.
func reorder(argv []string, app *cli.App) []string {
	if len(argv) < 3 {
		return argv
	}
	cmd := app.Command(argv[1])
	if cmd == nil {
		return argv
	}
	takesValue := map[string]bool{}
	known := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
			known[n] = true
		}
	}
	var flags, inputs []string
	rest := argv[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			inputs = append(inputs, rest[i+1:]...)
			break
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			inputs = append(inputs, a)
			continue
		}
		if split := unclusterShort(a, known, takesValue); split != nil {
			flags = append(flags, split...)
			if takesValue[strings.TrimPrefix(split[len(split)-1], "-")] && i+1 < len(rest) {
				i++
				flags = append(flags, rest[i])
			}
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
			i++
			flags = append(flags, rest[i])
		}
	}
	out := append([]string{argv[0], argv[1]}, flags...)
	if len(inputs) > 0 {
		out = append(append(out, "--"), inputs...)
	}
	return out
}

// unclusterShort splits a GNU cluster of short options: -qr is -q -r,
// -j4 is -j 4, -qj4 is -q -j 4, and -qo FILE is -q -o FILE (the caller
// takes the next argument when the last letter wants a value). It
// returns nil when a is not such a cluster (one letter, a long option,
// or a letter that is no short option), leaving it to the flag parser.
// This is the one place clusters are rewritten: urfave/cli v2's
// UseShortOptionHandling splits -qr but not -j4.
func unclusterShort(a string, known, takesValue map[string]bool) []string {
	if len(a) < 3 || a[0] != '-' || a[1] == '-' || strings.Contains(a, "=") || known[a[1:]] {
		return nil // -date is Go's single-dash long form, not -d ate
	}
	var out []string
	for i := 1; i < len(a); i++ {
		l := a[i : i+1]
		if !known[l] {
			return nil
		}
		out = append(out, "-"+l)
		if takesValue[l] {
			if i+1 < len(a) {
				out = append(out, a[i+1:])
			}
			return out
		}
	}
	return out
}

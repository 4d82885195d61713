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
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
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

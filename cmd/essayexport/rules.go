package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/essayexport/essayexport/parse"
)

// rules runs `essayexport rules`: the built-in boilerplate patterns, by
// the names inspect cites ("boilerplate: NAME"), each with the regular
// expressions that make it. The list is parse.Boilerplate itself.
func rules(_ *cli.Context, e *env) error {
	fmt.Fprintln(e.stdout, "Built-in boilerplate patterns. A line (or a piece of a line cut at a")
	fmt.Fprintln(e.stdout, "no-break space) is removed when a pattern matches it whole, ignoring case;")
	fmt.Fprintln(e.stdout, "inspect cites the pattern as \"boilerplate: NAME\". --keep-boilerplate turns")
	fmt.Fprintln(e.stdout, "them off; --strip REGEX adds one.")
	last := ""
	for _, p := range parse.Boilerplate {
		if p.Name != last {
			mark := ""
			if p.Paywall {
				mark = "  [marks the input as a truncated preview]"
			}
			fmt.Fprintf(e.stdout, "\n%s%s\n", p.Name, mark)
			last = p.Name
		}
		fmt.Fprintf(e.stdout, "    %s\n", p.Re.String())
	}
	return nil
}

package main

// This file writes shell completion scripts and the man page, both from
// the command table in app.go, so they cannot drift from the flags.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
)

// completion runs `essayexport completion bash|zsh|fish`.
func completion(c *cli.Context, e *env) error {
	shell := c.Args().First()
	switch shell {
	case "bash":
		fmt.Fprint(e.stdout, bashCompletion(c.App))
	case "zsh":
		// zsh runs the bash function through bashcompinit: one script
		// to keep right instead of two.
		fmt.Fprint(e.stdout, "#compdef essayexport\nautoload -U +X bashcompinit && bashcompinit\n"+bashCompletion(c.App))
	case "fish":
		s, err := c.App.ToFishCompletion()
		if err != nil {
			return fmt.Errorf("failed to write the fish completion: %w", err)
		}
		fmt.Fprint(e.stdout, s)
	default:
		return usagef("use bash, zsh or fish, e.g. source <(essayexport completion bash)", "completion %q: not a shell essayexport completes", shell)
	}
	return nil
}

// bashCompletion is a bash completion script: the commands, each
// command's flags after a dash, and file names otherwise.
func bashCompletion(app *cli.App) string {
	var cmds []string
	var cases strings.Builder
	for _, c := range app.Commands {
		if c.Hidden {
			continue
		}
		cmds = append(cmds, c.Name)
		var opts []string
		for _, f := range c.Flags {
			for _, n := range f.Names() {
				if len(n) == 1 {
					opts = append(opts, "-"+n)
				} else {
					opts = append(opts, "--"+n)
				}
			}
		}
		switch c.Name {
		case "completion":
			opts = []string{"bash", "zsh", "fish"}
		case "help":
			opts = nil
			for _, o := range app.Commands {
				if !o.Hidden && o.Name != "help" {
					opts = append(opts, o.Name)
				}
			}
		}
		sort.Strings(opts)
		fmt.Fprintf(&cases, "    %s) opts=%q ;;\n", c.Name, strings.Join(opts, " "))
	}
	return `# bash completion for essayexport (essayexport completion bash)
_essayexport() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmd="" opts="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      ` + strings.Join(cmds, "|") + `) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "` + strings.Join(cmds, " ") + ` --help --version" -- "$cur"))
    return 0
  fi
  case $cmd in
` + cases.String() + `  esac
  if [[ $cmd == completion || $cmd == help || $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -o filenames -F _essayexport essayexport
`
}

// manPage runs `essayexport man`: the man page in roff, made by
// urfave/cli from the same table (through go-md2man).
func manPage(c *cli.Context, e *env) error {
	s, err := c.App.ToManWithSection(1)
	if err != nil {
		return fmt.Errorf("failed to write the man page: %w", err)
	}
	fmt.Fprint(e.stdout, s)
	return nil
}

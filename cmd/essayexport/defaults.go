package main

// This file reads house defaults: --defaults FILE and the per-user file
// $XDG_CONFIG_HOME/essayexport/defaults.yaml (~/.config/... when unset).
// Both are YAML maps keyed by long flag names (paper: letter, font-size:
// 12, strip: [regex, ...]). A flag on the command line beats --defaults,
// which beats the per-user file. An option that the command does not
// have (paper for epub) is ignored, so one file serves every command; a
// name that no command has is a usage error.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
	"go.yaml.in/yaml/v3"
)

// userDefaultsPath is the per-user defaults file, or "" without a home.
func userDefaultsPath(e *env) string {
	dir := e.getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := e.getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "essayexport", "defaults.yaml")
}

// applyDefaults sets each flag of the command that was not given on the
// command line from the --defaults file, then from the per-user file.
func applyDefaults(c *cli.Context, e *env) error {
	files := []string{}
	if f := c.String("defaults"); f != "" {
		files = append(files, f)
	}
	if f := userDefaultsPath(e); f != "" {
		if _, err := os.Stat(f); err == nil {
			files = append(files, f)
		}
	}
	given := map[string]bool{}
	for _, f := range c.Command.Flags {
		if c.IsSet(f.Names()[0]) {
			given[f.Names()[0]] = true
		}
	}
	for _, file := range files {
		m, err := loadDefaults(file, c.App)
		if err != nil {
			return err
		}
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			if given[name] || !hasFlag(c.Command, name) {
				continue
			}
			for _, v := range m[name] {
				if err := c.Set(name, v); err != nil {
					return usagef("give it a value as on the command line", "%s: %s: %q: %v", file, name, v, err)
				}
			}
			given[name] = true
		}
	}
	return nil
}

// loadDefaults reads a defaults file into flag name -> values (a list
// for a repeatable flag).
func loadDefaults(file string, app *cli.App) (map[string][]string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("check the path", "--defaults %s: no such file", file)
		}
		return nil, usagef("check the path", "--defaults %s: %v", file, pathErr(err))
	}
	var raw map[string]any
	if err := yaml.Unmarshal(b, &raw); err != nil {
		return nil, usagef("write it as YAML, one option a line: paper: letter", "%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	out := map[string][]string{}
	for k, v := range raw {
		if k == "defaults" || !anyCommandHas(app, k) {
			return nil, usagef("use the long names of the options, as in --help (paper, font-size, watermark, ...)", "%s: unknown option %s", file, k)
		}
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				out[k] = append(out[k], fmt.Sprint(x))
			}
		case map[string]any, nil:
			return nil, usagef("give a value: "+k+": VALUE", "%s: %s has no value", file, k)
		default:
			out[k] = []string{fmt.Sprint(v)}
		}
	}
	return out, nil
}

func hasFlag(c *cli.Command, name string) bool {
	for _, f := range c.Flags {
		if f.Names()[0] == name {
			return true
		}
	}
	return false
}

func anyCommandHas(app *cli.App, name string) bool {
	for _, c := range app.Commands {
		if hasFlag(c, name) {
			return true
		}
	}
	return false
}

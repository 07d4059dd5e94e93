package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/skillrank/skillrank"
	"github.com/skillrank/skillrank/engine"
	"github.com/spf13/cobra"
)

// commonFlags are flags every command that reads profiles shares.
type commonFlags struct {
	taxonomy string
	asOf     string
}

func (c *commonFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.taxonomy, "taxonomy", "", "user taxonomy `FILE` (JSON or YAML) merged into the built-in one")
	cmd.Flags().StringVar(&c.asOf, "as-of", "", "`DATE` (YYYY-MM-DD) taken as today, for months of current positions and recency")
}

// options builds engine options from the flags.
func (c *commonFlags) options(io *IO) (engine.Options, error) {
	asOf, err := parseAsOf(c.asOf)
	if err != nil {
		return engine.Options{}, err
	}
	return engine.Options{
		TaxonomyFile: c.taxonomy,
		AsOf:         asOf,
		Logf:         func(format string, args ...any) { fmt.Fprintf(io.Err, "skillrank: "+format+"\n", args...) },
	}, nil
}

// readArg reads a file named on the command line, or stdin for "-".
func readArg(io *IO, name string) ([]byte, error) {
	if name == "-" {
		return readAll(io.In)
	}
	return readFile(name)
}

// stdinInputs turns "-" among paths into an input read from stdin.
func splitStdin(io *IO, paths []string) (files []string, inputs []engine.Input, err error) {
	for _, p := range paths {
		if p != "-" {
			files = append(files, p)
			continue
		}
		data, err := readAll(io.In)
		if err != nil {
			return nil, nil, fmt.Errorf("-: %w", err)
		}
		inputs = append(inputs, engine.Input{Name: "stdin", Data: data})
	}
	return files, inputs, nil
}

// sampleInputs returns the bundled sample profiles.
func sampleInputs() ([]engine.Input, error) {
	fsys := skillrank.SampleProfiles()
	var names []string
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			names = append(names, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]engine.Input, 0, len(names))
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		out = append(out, engine.Input{Name: n, Data: data})
	}
	return out, nil
}

// reportFailures prints each failure as "path: reason" and warnings to
// stderr, and returns errInputsFailed if anything failed.
func reportFailures(io *IO, res *engine.AddResult) error {
	for _, w := range res.Warnings {
		fmt.Fprintf(io.Err, "warning: %s\n", w)
	}
	for _, f := range res.Failed {
		fmt.Fprintln(io.Err, f.Error())
	}
	if len(res.Failed) > 0 {
		return errInputsFailed
	}
	return nil
}

// jsonErrors is the "errors" array of JSON outputs.
type jsonError struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

func jsonErrors(res *engine.AddResult) []jsonError {
	out := []jsonError{}
	for _, f := range res.Failed {
		msg := f.Error()
		msg = strings.TrimPrefix(msg, f.Path+": ")
		out = append(out, jsonError{Path: f.Path, Error: msg})
	}
	return out
}

func readAll(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, errors.New("no standard input")
	}
	return io.ReadAll(r)
}

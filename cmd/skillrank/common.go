package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/skillrank/skillrank"
	"github.com/skillrank/skillrank/engine"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/spf13/cobra"
)

// commonFlags are flags every command that reads profiles shares.
type commonFlags struct {
	taxonomy    string
	asOf        string
	maxFileSize string
	maxText     string
	readTimeout time.Duration
}

func (c *commonFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&c.taxonomy, "taxonomy", "", "user taxonomy `FILE` (JSON or YAML) merged into the built-in one")
	f.StringVar(&c.asOf, "as-of", "", "`DATE` (YYYY-MM-DD) taken as today, for months of current positions and recency")
	f.StringVar(&c.maxFileSize, "max-file-size", "20MiB", "largest input file read, e.g. 512KiB, 20MiB")
	f.StringVar(&c.maxText, "max-text", "2MiB", "largest text extracted from one file")
	f.DurationVar(&c.readTimeout, "read-timeout", document.DefaultTimeout, "longest time spent reading one file")
}

// options builds engine options from the flags.
func (c *commonFlags) options(io *IO) (engine.Options, error) {
	asOf, err := parseAsOf(c.asOf)
	if err != nil {
		return engine.Options{}, err
	}
	maxFile, err := parseSize("--max-file-size", c.maxFileSize)
	if err != nil {
		return engine.Options{}, err
	}
	maxText, err := parseSize("--max-text", c.maxText)
	if err != nil {
		return engine.Options{}, err
	}
	if c.readTimeout <= 0 {
		return engine.Options{}, usagef("--read-timeout %v: want a positive duration", c.readTimeout)
	}
	return engine.Options{
		TaxonomyFile: c.taxonomy,
		AsOf:         asOf,
		Limits:       document.Limits{MaxFileSize: maxFile, MaxTextSize: int(maxText), Timeout: c.readTimeout},
		Logf:         func(format string, args ...any) { fmt.Fprintf(io.Err, "skillrank: "+format+"\n", args...) },
	}, nil
}

// parseSize reads "512", "64KiB", "20MiB", "1GiB" (also KB/MB/GB, as
// powers of two, as people mean them for files).
func parseSize(flag, s string) (int64, error) {
	t := strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, usagef("%s %q: want a size such as 512KiB or 20MiB", flag, s)
	}
	return n * mult, nil
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

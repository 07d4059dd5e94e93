package main

import (
	"context"
	"fmt"

	"github.com/skillrank/skillrank/engine"
	"github.com/spf13/cobra"
)

type indexOptions struct {
	common   commonFlags
	indexDir string
	prune    bool
	format   string
}

func newIndexCmd(io *IO) *cobra.Command {
	o := &indexOptions{}
	cmd := &cobra.Command{
		Use:   "index --index DIR [--prune] PATH...",
		Short: "Create or update a persistent index",
		Long: `Create or update the persistent index in DIR with the profiles in PATH
(files or directories, walked recursively). Re-running it adds new files,
replaces changed ones (by content hash) and leaves unchanged ones alone;
--prune also removes profiles whose files are gone.` + exitHelp,
		Example: `  skillrank index --index ~/.skillrank/idx profiles/
  skillrank index --index idx --prune profiles/`,
		RunE: func(cmd *cobra.Command, args []string) error { return runIndex(cmd.Context(), io, o, args) },
	}
	cmd.Flags().StringVar(&o.indexDir, "index", "", "index `DIR` (created if missing; required)")
	cmd.Flags().BoolVar(&o.prune, "prune", false, "remove profiles whose files no longer exist")
	cmd.Flags().StringVar(&o.format, "format", "", "summary `FORMAT`: table or json")
	o.common.register(cmd)
	return cmd
}

type indexSummary struct {
	Index     string      `json:"index"`
	Profiles  int         `json:"profiles"`
	Added     int         `json:"added"`
	Updated   int         `json:"updated"`
	Unchanged int         `json:"unchanged"`
	Skipped   int         `json:"skipped"`
	Pruned    []string    `json:"pruned"`
	Errors    []jsonError `json:"errors"`
}

func runIndex(ctx context.Context, io *IO, o *indexOptions, paths []string) error {
	if o.indexDir == "" {
		return usagef("index: --index is required")
	}
	if len(paths) == 0 && !o.prune {
		return usagef("index: no PATH given")
	}
	f, err := parseFormat(o.format, formatTable, formatJSON)
	if err != nil {
		return err
	}
	opts, err := o.common.options(io)
	if err != nil {
		return err
	}
	e, err := engine.Open(ctx, o.indexDir, opts)
	if err != nil {
		return err
	}
	files, inputs, err := splitStdin(io, paths)
	if err != nil {
		e.Close()
		return err
	}
	var res engine.AddResult
	if len(inputs) > 0 {
		if res, err = e.Add(ctx, inputs, nil); err != nil {
			e.Close()
			return err
		}
	}
	if len(files) > 0 {
		r, err := e.AddPaths(ctx, files, &engine.AddOptions{Progress: io.progress("indexing")})
		if err != nil {
			e.Close()
			return err
		}
		res.Added += r.Added
		res.Updated += r.Updated
		res.Unchanged += r.Unchanged
		res.Skipped += r.Skipped
		res.Failed = append(res.Failed, r.Failed...)
		res.Warnings = append(res.Warnings, r.Warnings...)
	}
	sum := indexSummary{Index: o.indexDir, Added: res.Added, Updated: res.Updated, Unchanged: res.Unchanged,
		Skipped: res.Skipped, Pruned: []string{}, Errors: jsonErrors(&res)}
	if o.prune {
		gone, err := e.Prune(ctx)
		if err != nil {
			e.Close()
			return err
		}
		sum.Pruned = append(sum.Pruned, gone...)
	}
	sum.Profiles = e.Len()
	if err := e.Close(); err != nil {
		return err
	}
	if f == formatJSON {
		if err := writeJSON(io.Out, sum); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(io.Out, "%s: %d profiles (%d added, %d updated, %d unchanged, %d pruned, %d failed)\n",
			o.indexDir, sum.Profiles, sum.Added, sum.Updated, sum.Unchanged, len(sum.Pruned), len(res.Failed))
	}
	return reportFailures(io, &res)
}

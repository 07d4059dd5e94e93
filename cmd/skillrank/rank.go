package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/skillrank/skillrank/engine"
	"github.com/spf13/cobra"
)

type rankOptions struct {
	common       commonFlags
	job          string
	indexDir     string
	top          int
	format       string
	explain      bool
	strict       bool
	blind        bool
	skills       []string
	requires     []string
	hybridWeight float64
	noHybrid     bool
	relatedDepth int
	relatedDecay float64
}

func newRankCmd(io *IO) *cobra.Command {
	o := &rankOptions{}
	cmd := &cobra.Command{
		Use:   "rank --job FILE|- [--index DIR] [PATH...]",
		Short: "Rank candidates for a job description",
		Long: `Rank candidates for a job description, best first, with the skills that
earned each score.

PATH is a profile file or a directory (walked recursively; hidden files are
skipped), or - for standard input. With --index, the persistent index is
ranked (PATHs, if any, are added to it first). With neither, the bundled
sample profiles are ranked.

Skills under "Requirements"/"Must have" are required (weight 3), under
"Nice to have"/"Preferred"/"Bonus" preferred (weight 1), in descriptive
parts ("What you'll do", the introduction) context (weight 0.5); "About us",
"Benefits" and the like are ignored. "X or Y" is one requirement met by
either; "5+ years of X" sets a minimum. --skill and --require override the
weights per skill.` + exitHelp,
		Example: `  skillrank rank --job testdata/jobs/ml-compiler.md
  skillrank rank --job job.md --format json --as-of 2026-11-21 profiles/
  skillrank rank --job job.md --skill CUDA=5 --require Triton --strict profiles/`,
		RunE: func(cmd *cobra.Command, args []string) error { return runRank(cmd.Context(), io, o, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.job, "job", "", "job description `FILE`, or - for standard input (required)")
	f.StringVar(&o.indexDir, "index", "", "rank the persistent index in `DIR`")
	f.IntVar(&o.top, "top", engine.DefaultTop, "number of candidates to show")
	f.StringVar(&o.format, "format", "", "output `FORMAT`: table, tsv, json, csv or markdown (default: table on a terminal, tsv when piped)")
	f.BoolVar(&o.explain, "explain", false, "show how each score was made")
	f.BoolVar(&o.strict, "strict", false, "drop candidates missing a required skill or its minimum years")
	f.BoolVar(&o.blind, "blind", false, "hide names; ids become stable pseudonyms")
	f.StringArrayVar(&o.skills, "skill", nil, "set a skill's weight, `NAME=WEIGHT` (repeatable)")
	f.StringArrayVar(&o.requires, "require", nil, "make a skill required, `NAME` (repeatable)")
	f.Float64Var(&o.hybridWeight, "text-weight", engine.DefaultHybridWeight, "share of the score from full-text relevance of the job text, in [0,1]")
	f.BoolVar(&o.noHybrid, "no-text", false, "rank by skills alone, without full-text relevance")
	f.IntVar(&o.relatedDepth, "related-depth", 0, "longest related-skill path that earns credit (0: default 2, -1: none)")
	f.Float64Var(&o.relatedDecay, "related-decay", 0, "credit multiplier per extra related hop (0: default 0.5)")
	o.common.register(cmd)
	return cmd
}

func runRank(ctx context.Context, io *IO, o *rankOptions, paths []string) error {
	if o.job == "" {
		return usagef("rank: --job is required")
	}
	if o.top <= 0 {
		return usagef("rank: --top %d: want a positive number", o.top)
	}
	if o.hybridWeight < 0 || o.hybridWeight > 1 {
		return usagef("rank: --text-weight %v: want a number in [0,1]", o.hybridWeight)
	}
	if o.relatedDecay < 0 || o.relatedDecay > 1 {
		return usagef("rank: --related-decay %v: want a number in (0,1]", o.relatedDecay)
	}
	fmtOut, err := parseFormat(o.format, formatTable, formatTSV, formatJSON, formatCSV, formatMarkdown)
	if err != nil {
		return err
	}
	fmtOut = fmtOut.resolve(io.OutTTY)
	opts, err := o.common.options(io)
	if err != nil {
		return err
	}
	opts.Related.MaxDepth = o.relatedDepth
	opts.Related.Decay = o.relatedDecay
	opts.Hybrid = engine.HybridOptions{Disabled: o.noHybrid || o.hybridWeight == 0, Weight: o.hybridWeight}
	weights, err := parseWeights(o.skills)
	if err != nil {
		return err
	}
	jobData, err := readArg(io, o.job)
	if err != nil {
		return fmt.Errorf("%s: %w", o.job, err)
	}

	var e *engine.Engine
	if o.indexDir != "" {
		e, err = engine.Open(ctx, o.indexDir, opts)
	} else {
		e, err = engine.New(opts)
	}
	if err != nil {
		return err
	}
	defer e.Close()

	var res engine.AddResult
	files, inputs, err := splitStdin(io, paths)
	if err != nil {
		return err
	}
	if len(paths) == 0 && o.indexDir == "" {
		if inputs, err = sampleInputs(); err != nil {
			return fmt.Errorf("bundled samples: %w", err)
		}
	}
	if len(inputs) > 0 {
		r, err := e.Add(ctx, inputs, nil)
		if err != nil {
			return err
		}
		res = r
	}
	if len(files) > 0 {
		r, err := e.AddPaths(ctx, files, &engine.AddOptions{Progress: io.progress("reading")})
		if err != nil {
			return err
		}
		res.Failed = append(res.Failed, r.Failed...)
		res.Warnings = append(res.Warnings, r.Warnings...)
	}

	jobName := o.job
	if jobName == "-" {
		jobName = "job.md"
	}
	job, err := e.ParseJob(jobName, jobData)
	if err != nil {
		return err
	}
	for _, w := range weights {
		if err := job.SetWeight(w.name, w.weight); err != nil {
			return &usageError{fmt.Errorf("--skill %s: %w", w.name, err)}
		}
	}
	for _, name := range o.requires {
		if err := job.Require(name); err != nil {
			return &usageError{fmt.Errorf("--require %s: %w", name, err)}
		}
	}
	ranking, err := e.Rank(ctx, job, engine.RankOptions{Top: o.top, Strict: o.strict})
	if err != nil {
		return err
	}
	if o.blind {
		blind(ranking)
	}
	switch fmtOut {
	case formatJSON:
		err = writeJSON(io.Out, rankJSON(ranking, &res))
	default:
		err = writeRankTable(io.Out, ranking, fmtOut, o.explain)
	}
	if err != nil {
		return err
	}
	return reportFailures(io, &res)
}

type skillWeight struct {
	name   string
	weight float64
}

func parseWeights(specs []string) ([]skillWeight, error) {
	var out []skillWeight
	for _, s := range specs {
		name, w, ok := strings.Cut(s, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, usagef("--skill %q: want NAME=WEIGHT", s)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(w), 64)
		if err != nil || !(v > 0) {
			return nil, usagef("--skill %q: weight must be a positive number", s)
		}
		out = append(out, skillWeight{name, v})
	}
	return out, nil
}

// blind replaces names with nothing and ids with pseudonyms derived from
// them, stable across runs so reviews can be compared and later unblinded.
func blind(r *engine.Ranking) {
	for i := range r.Results {
		sum := sha256.Sum256([]byte(r.Results[i].ID))
		r.Results[i].ID = "candidate-" + hex.EncodeToString(sum[:4])
		r.Results[i].Name = ""
	}
}

func readFile(name string) ([]byte, error) {
	data, err := os.ReadFile(name)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, pe.Err
	}
	return data, err
}

package main

import (
	"context"
	"fmt"

	"github.com/skillrank/skillrank/engine/eval"
	"github.com/spf13/cobra"
)

type evalOptions struct {
	common commonFlags
	data   string
	format string
}

func newEvalCmd(io *IO) *cobra.Command {
	o := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval --data DIR [--format table|json]",
		Short: "Measure ranking quality against graded judgments",
		Long: `Rank every job of DIR/jobs over DIR/profiles and score the rankings against
DIR/qrels.tsv (job_id, 0, profile_id, grade 0–3): NDCG@10 (gain 2^grade−1,
discount log2(rank+1)), MRR and MAP (grades 2–3 relevant). The same metrics
are computed for skills-only ranking and for a plain BM25 baseline of the
job text over the profile text, in the same process. DIR/eval.json may fix
the as-of date: {"as_of": "YYYY-MM-DD"}.` + exitHelp,
		Example: `  skillrank eval --data testdata/eval`,
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return runEval(cmd.Context(), io, o) },
	}
	cmd.Flags().StringVar(&o.data, "data", "", "evaluation data `DIR` (profiles/, jobs/, qrels.tsv; required)")
	cmd.Flags().StringVar(&o.format, "format", "", "output `FORMAT`: table or json (default table)")
	o.common.register(cmd)
	return cmd
}

type evalJobOut struct {
	ID           string   `json:"id"`
	NDCG         float64  `json:"ndcg@10"`
	MRR          float64  `json:"mrr"`
	MAP          float64  `json:"map"`
	SkillNDCG    float64  `json:"skill_only_ndcg@10"`
	SkillMRR     float64  `json:"skill_only_mrr"`
	BaselineNDCG float64  `json:"baseline_ndcg@10"`
	BaselineMRR  float64  `json:"baseline_mrr"`
	BaselineMAP  float64  `json:"baseline_map"`
	TopRankedIDs []string `json:"top"`
}

type evalOut struct {
	AsOf      string       `json:"as_of"`
	Jobs      []evalJobOut `json:"jobs"`
	Mean      eval.Metrics `json:"mean"`
	SkillOnly eval.Metrics `json:"skill_only"`
	Baseline  eval.Metrics `json:"baseline"`
}

func runEval(ctx context.Context, io *IO, o *evalOptions) error {
	if o.data == "" {
		return usagef("eval: --data is required")
	}
	f, err := parseFormat(o.format, formatTable, formatJSON)
	if err != nil {
		return err
	}
	opts, err := o.common.options(io)
	if err != nil {
		return err
	}
	s, err := eval.Run(ctx, o.data, eval.Options{Engine: opts})
	if err != nil {
		return err
	}
	out := evalOut{AsOf: s.AsOf, Mean: s.Mean, SkillOnly: s.SkillOnly, Baseline: s.Baseline}
	for _, j := range s.Jobs {
		out.Jobs = append(out.Jobs, evalJobOut{ID: j.ID, NDCG: j.Ranking.NDCG, MRR: j.Ranking.MRR, MAP: j.Ranking.MAP,
			SkillNDCG: j.SkillOnly.NDCG, SkillMRR: j.SkillOnly.MRR,
			BaselineNDCG: j.Baseline.NDCG, BaselineMRR: j.Baseline.MRR, BaselineMAP: j.Baseline.MAP, TopRankedIDs: j.Top})
	}
	if f == formatJSON {
		return writeJSON(io.Out, out)
	}
	t := &table{header: []string{"JOB", "NDCG@10", "MRR", "MAP", "SKILLS-ONLY NDCG@10", "BM25 NDCG@10", "BM25 MRR"}}
	for _, j := range out.Jobs {
		t.add(j.ID, f3(j.NDCG), f3(j.MRR), f3(j.MAP), f3(j.SkillNDCG), f3(j.BaselineNDCG), f3(j.BaselineMRR))
	}
	t.add("mean", f3(s.Mean.NDCG), f3(s.Mean.MRR), f3(s.Mean.MAP), f3(s.SkillOnly.NDCG), f3(s.Baseline.NDCG), f3(s.Baseline.MRR))
	if err := t.write(io.Out, formatTable); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "\nas of %s; BM25 baseline MAP %.3f, skillrank MAP %.3f\n", s.AsOf, s.Baseline.MAP, s.Mean.MAP)
	return nil
}

func f3(v float64) string { return fmt.Sprintf("%.3f", v) }

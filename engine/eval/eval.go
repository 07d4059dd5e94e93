// Package eval measures ranking quality against graded judgments: NDCG@10,
// MRR and MAP per job, for skillrank's ranking (hybrid and skills-only)
// and for a baseline of plain bleve BM25 (default mapping and analyzer) of
// the job text over the profile text, all computed in one process.
//
// A data directory holds profiles/, jobs/ and qrels.tsv (TREC style:
// job_id, 0, profile_id, grade 0–3; ids are file names without
// extension), and optionally eval.json: {"as_of": "YYYY-MM-DD"}, the date
// the judgments were made as of, so results do not drift with the clock.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/gonum/stat"

	"github.com/skillrank/skillrank/engine"
	"github.com/skillrank/skillrank/index/extract/document"
)

// Metric conventions (DESIGN.md): gain 2^grade − 1, discount log2(rank+1),
// the ideal ordering from all judged profiles of the job; grades 2 and 3
// are relevant for MRR and MAP; unjudged profiles are grade 0.
const (
	// K is the cut-off of NDCG.
	K = 10
	// RelevantGrade is the lowest grade that counts as relevant.
	RelevantGrade = 2
)

// Qrels are graded judgments: job id → profile id → grade.
type Qrels map[string]map[string]int

// ReadQrels parses TREC-style judgments; errors name the line.
func ReadQrels(r io.Reader) (Qrels, error) {
	q := make(Qrels)
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Fields(text)
		if len(f) != 4 {
			return nil, fmt.Errorf("qrels line %d: want 4 fields (job, 0, profile, grade), got %d", line, len(f))
		}
		g, err := strconv.Atoi(f[3])
		if err != nil || g < 0 || g > 3 {
			return nil, fmt.Errorf("qrels line %d: grade %q: want 0–3", line, f[3])
		}
		if q[f[0]] == nil {
			q[f[0]] = make(map[string]int)
		}
		if _, dup := q[f[0]][f[2]]; dup {
			return nil, fmt.Errorf("qrels line %d: (%s, %s) judged twice", line, f[0], f[2])
		}
		q[f[0]][f[2]] = g
	}
	return q, sc.Err()
}

// NDCG returns NDCG@k of a ranking (ids, best first).
func NDCG(ranked []string, grades map[string]int, k int) float64 {
	dcg := 0.0
	for i, id := range ranked[:min(k, len(ranked))] {
		dcg += gain(grades[id]) / math.Log2(float64(i+2))
	}
	ideal := make([]int, 0, len(grades))
	for _, g := range grades {
		ideal = append(ideal, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	idcg := 0.0
	for i, g := range ideal[:min(k, len(ideal))] {
		idcg += gain(g) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

func gain(grade int) float64 { return math.Exp2(float64(grade)) - 1 }

// ReciprocalRank is 1/rank of the first relevant profile, 0 if none.
func ReciprocalRank(ranked []string, grades map[string]int) float64 {
	for i, id := range ranked {
		if grades[id] >= RelevantGrade {
			return 1 / float64(i+1)
		}
	}
	return 0
}

// AveragePrecision is the mean precision at each relevant profile's rank,
// over all relevant judged profiles (unretrieved ones count as zero).
func AveragePrecision(ranked []string, grades map[string]int) float64 {
	relevant := 0
	for _, g := range grades {
		if g >= RelevantGrade {
			relevant++
		}
	}
	if relevant == 0 {
		return 0
	}
	hits, sum := 0, 0.0
	for i, id := range ranked {
		if grades[id] >= RelevantGrade {
			hits++
			sum += float64(hits) / float64(i+1)
		}
	}
	return sum / float64(relevant)
}

// Metrics are one ranking's (or a mean's) figures.
type Metrics struct {
	NDCG float64 `json:"ndcg@10"`
	MRR  float64 `json:"mrr"`
	MAP  float64 `json:"map"`
}

func measure(ranked []string, grades map[string]int) Metrics {
	return Metrics{NDCG: NDCG(ranked, grades, K), MRR: ReciprocalRank(ranked, grades), MAP: AveragePrecision(ranked, grades)}
}

// JobResult holds one job's figures for each ranker.
type JobResult struct {
	ID string
	// Ranking is skillrank's ranking (hybrid unless disabled).
	Ranking Metrics
	// SkillOnly is skillrank's ranking by skills alone.
	SkillOnly Metrics
	// Baseline is plain BM25 of the job text over profile text.
	Baseline Metrics
	// Top lists the first K ids of Ranking, for inspection.
	Top []string
}

// Summary is a whole evaluation.
type Summary struct {
	AsOf string
	Jobs []JobResult
	// Means over jobs.
	Mean, SkillOnly, Baseline Metrics
}

// Options configure Run.
type Options struct {
	// Engine options for skillrank's ranking; AsOf, if zero, comes from
	// the data's eval.json, else today.
	Engine engine.Options
}

// Config is the optional eval.json of a data directory.
type Config struct {
	AsOf string `json:"as_of"`
}

// ErrData is wrapped by errors about the data directory.
var ErrData = errors.New("invalid evaluation data")

// Run evaluates the data in dir.
func Run(ctx context.Context, dir string, o Options) (*Summary, error) {
	qf, err := os.Open(filepath.Join(dir, "qrels.tsv"))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrData, err)
	}
	qrels, err := ReadQrels(qf)
	qf.Close()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrData, filepath.Join(dir, "qrels.tsv"), err)
	}
	eo := o.Engine
	if eo.AsOf.IsZero() {
		if eo.AsOf, err = configAsOf(dir); err != nil {
			return nil, err
		}
	}
	e, err := engine.New(eo)
	if err != nil {
		return nil, err
	}
	defer e.Close()
	res, err := e.AddPaths(ctx, []string{filepath.Join(dir, "profiles")}, nil)
	if err != nil {
		return nil, err
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrData, err)
	}
	n := e.Len()
	base, err := newPlainBM25(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer base.close()
	jobs, err := filepath.Glob(filepath.Join(dir, "jobs", "*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(jobs)
	s := &Summary{AsOf: e.AsOf()}
	for _, path := range jobs {
		if !document.IsSupported(path) {
			continue
		}
		id := document.IDFromName(path)
		grades, ok := qrels[id]
		if !ok {
			return nil, fmt.Errorf("%w: job %s has no judgments in qrels.tsv", ErrData, id)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrData, err)
		}
		job, err := e.ParseJob(path, data)
		if err != nil {
			return nil, err
		}
		jr := JobResult{ID: id}
		rank := func(ro engine.RankOptions) ([]string, error) {
			ro.Top = n
			r, err := e.Rank(ctx, job, ro)
			if err != nil {
				return nil, fmt.Errorf("job %s: %w", id, err)
			}
			ids := make([]string, len(r.Results))
			for i, x := range r.Results {
				ids[i] = x.ID
			}
			return ids, nil
		}
		ranked, err := rank(engine.RankOptions{})
		if err != nil {
			return nil, err
		}
		jr.Ranking = measure(ranked, grades)
		jr.Top = ranked[:min(K, len(ranked))]
		skillOnly, err := rank(engine.RankOptions{Hybrid: &engine.HybridOptions{Disabled: true}})
		if err != nil {
			return nil, err
		}
		jr.SkillOnly = measure(skillOnly, grades)
		baseline, err := base.rank(ctx, job.Text)
		if err != nil {
			return nil, fmt.Errorf("job %s: baseline: %w", id, err)
		}
		jr.Baseline = measure(baseline, grades)
		s.Jobs = append(s.Jobs, jr)
	}
	if len(s.Jobs) == 0 {
		return nil, fmt.Errorf("%w: no jobs in %s", ErrData, filepath.Join(dir, "jobs"))
	}
	s.Mean = mean(s.Jobs, func(j JobResult) Metrics { return j.Ranking })
	s.SkillOnly = mean(s.Jobs, func(j JobResult) Metrics { return j.SkillOnly })
	s.Baseline = mean(s.Jobs, func(j JobResult) Metrics { return j.Baseline })
	return s, nil
}

func mean(jobs []JobResult, pick func(JobResult) Metrics) Metrics {
	n, r, a := make([]float64, len(jobs)), make([]float64, len(jobs)), make([]float64, len(jobs))
	for i, j := range jobs {
		m := pick(j)
		n[i], r[i], a[i] = m.NDCG, m.MRR, m.MAP
	}
	return Metrics{NDCG: stat.Mean(n, nil), MRR: stat.Mean(r, nil), MAP: stat.Mean(a, nil)}
}

func configAsOf(dir string) (time.Time, error) {
	data, err := os.ReadFile(filepath.Join(dir, "eval.json"))
	if errors.Is(err, os.ErrNotExist) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %w", ErrData, err)
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return time.Time{}, fmt.Errorf("%w: eval.json: %w", ErrData, err)
	}
	if c.AsOf == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", c.AsOf)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: eval.json: as_of %q: want YYYY-MM-DD", ErrData, c.AsOf)
	}
	return t, nil
}

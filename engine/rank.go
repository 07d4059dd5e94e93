package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/skillrank/skillrank/index"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/scoring"
)

// DefaultTop is the number of results when RankOptions.Top is 0.
const DefaultTop = 10

// Hybrid re-ranking defaults. The skill score decides who is in the
// running; full-text relevance of the job text (BM25, normalised to the
// best of the re-ranked candidates) then moves candidates within it —
// useful when a job's wording carries what the taxonomy does not.
const (
	// DefaultHybridWeight is the share of the final score given to text
	// relevance, in [0,1].
	DefaultHybridWeight = 0.15
	// DefaultHybridDepth is how many top candidates by skill score are
	// re-ranked (at least Top).
	DefaultHybridDepth = 100
)

// HybridOptions control re-ranking by full-text relevance.
type HybridOptions struct {
	// Disabled turns re-ranking off: the score is the skill score alone.
	Disabled bool
	// Weight of text relevance in [0,1]; 0 means DefaultHybridWeight.
	Weight float64
	// Depth is the number of candidates re-ranked; 0 means DefaultHybridDepth.
	Depth int
}

// TextRelevance is the Match.Skill of the contribution of full-text
// relevance in a hybrid score.
const TextRelevance = "text relevance"

// RankOptions control one Rank call.
type RankOptions struct {
	// Top is the number of results (DefaultTop if 0).
	Top int
	// Strict drops candidates who miss a required skill (a direct match,
	// not a related one) or its minimum years.
	Strict bool
	// AsOf overrides the engine's "now" for this call.
	AsOf time.Time
	// Hybrid overrides the engine's hybrid options for this call.
	Hybrid *HybridOptions
	// TextOnly ranks by full-text (BM25) relevance of the job text alone,
	// ignoring skills: the baseline evaluations compare against.
	TextOnly bool
}

// Ranking is the answer to a Rank call.
type Ranking struct {
	Job     *Job
	AsOf    string
	Results []Result
	// Candidates is the number of profiles that matched at least one
	// requirement (and, under Strict, all required ones).
	Candidates int
}

// Result is one ranked candidate with the explanation of its score.
type Result struct {
	Rank int
	ID   string
	Name string
	// Score in [0,1] is the sum of the Matched contributions.
	Score float64
	// Matched lists, per matched requirement, the skill that earned it.
	Matched []Match
	// Missing lists the requirements not matched at all (by label).
	Missing []string
	// SkillScore is the score from skills alone; TextScore the normalised
	// full-text relevance (0 without hybrid re-ranking).
	SkillScore, TextScore float64
}

// Match explains one requirement's contribution.
type Match struct {
	// Requirement is the requirement's label ("MLIR or LLVM").
	Requirement string
	// Skill is the asked-for skill credited; Via the candidate's skill
	// that earned it (equal to Skill for a direct match).
	Skill, Via string
	// Path runs from Skill to Via through related skills.
	Path         []string
	Required     bool
	Weight       float64
	Credit       float64
	Contribution float64
	// Evidence of Via.
	Mentions int
	Months   int
	LastUsed string
	Current  bool
	Sections []string
	// Strength parts (see the README's scoring section).
	Strength, Recency, MinYearsFactor float64
	MinYears                          float64
	MeetsMinimum                      bool
}

// Rank ranks the indexed profiles for job.
func (e *Engine) Rank(ctx context.Context, job *Job, o RankOptions) (*Ranking, error) {
	if job == nil || job.parsed == nil {
		return nil, fmt.Errorf("%w: nil job", ErrBadJob)
	}
	if job.tax != e.tax {
		return nil, fmt.Errorf("%w: job parsed by another engine's taxonomy", ErrBadJob)
	}
	top := o.Top
	if top <= 0 {
		top = DefaultTop
	}
	asOf := e.asOf
	if !o.AsOf.IsZero() {
		asOf = timeline.FromTime(o.AsOf)
	}
	hy := e.opts.Hybrid
	if o.Hybrid != nil {
		hy = *o.Hybrid
	}
	if hy.Weight == 0 {
		hy.Weight = DefaultHybridWeight
	}
	if hy.Depth <= 0 {
		hy.Depth = DefaultHybridDepth
	}
	if hy.Weight < 0 || hy.Weight > 1 {
		return nil, fmt.Errorf("%w: hybrid weight %v outside [0,1]", ErrBadOptions, hy.Weight)
	}
	snap := e.ix.Snapshot()
	r := &Ranking{Job: job, AsOf: asOf.String()}

	if o.TextOnly {
		return e.rankByText(ctx, job, top, r)
	}
	q, err := scoring.Compile(job.parsed, e.tax, scoring.Options{AsOf: asOf, Strict: o.Strict, Related: e.opts.Related, KeywordOnly: e.opts.KeywordOnly})
	if errors.Is(err, scoring.ErrNoRequirements) {
		// Nothing the taxonomy knows: rank by what the job says, in words.
		return e.rankByText(ctx, job, top, r)
	}
	if err != nil {
		return nil, err
	}
	depth := top
	if !hy.Disabled {
		depth = max(top, hy.Depth)
	}
	hits, err := e.ranker.Rank(ctx, snap, q, depth)
	if err != nil {
		return nil, err
	}
	r.Results = make([]Result, len(hits))
	for i, h := range hits {
		r.Results[i] = e.result(snap, q, h)
	}
	if !hy.Disabled && len(r.Results) > 0 {
		if err := e.hybrid(ctx, job, r.Results, hy.Weight); err != nil {
			return nil, err
		}
	}
	sortResults(r.Results)
	r.Candidates = len(r.Results)
	if len(r.Results) > top {
		r.Results = r.Results[:top]
	}
	for i := range r.Results {
		r.Results[i].Rank = i + 1
	}
	return r, nil
}

// result explains one hit.
func (e *Engine) result(snap *scoring.Snapshot, q *scoring.Query, h scoring.Hit) Result {
	ex := q.Explain(snap, h.Ord)
	res := Result{ID: snap.ID(h.Ord), Name: snap.Name(h.Ord)}
	for _, m := range ex.Reqs {
		req := &q.Reqs[m.Req]
		if !m.Matched {
			res.Missing = append(res.Missing, req.Label)
			continue
		}
		path := make([]string, len(m.Path))
		for i, id := range m.Path {
			path[i] = e.tax.Name(id)
		}
		res.Matched = append(res.Matched, Match{
			Requirement: req.Label, Skill: e.tax.Name(m.Skill), Via: e.tax.Name(m.Via), Path: path,
			Required: req.Required, Weight: req.Weight, Credit: m.Credit, Contribution: m.Contribution,
			Mentions: m.Mentions, Months: m.Months, LastUsed: m.LastUsed.String(), Current: m.Current,
			Sections: document.SectionSet(m.Sections).Names(),
			Strength: m.MentionPart + m.ExperiencePart*m.Recency, Recency: m.Recency,
			MinYearsFactor: m.MinYearsFactor, MinYears: req.MinYears, MeetsMinimum: m.MeetsMinimum,
		})
	}
	res.Score, res.SkillScore = sumContributions(res.Matched), ex.Score
	return res
}

func sumContributions(ms []Match) float64 {
	s := 0.0
	for _, m := range ms {
		s += m.Contribution
	}
	return s
}

// hybrid blends normalised BM25 relevance of the job text into the scores
// of rs: every skill contribution is scaled by 1−w and a TextRelevance
// contribution of w·relevance is added, so contributions still sum to
// the score.
func (e *Engine) hybrid(ctx context.Context, job *Job, rs []Result, w float64) error {
	ids := make([]string, len(rs))
	for i := range rs {
		ids[i] = rs[i].ID
	}
	scores, err := e.ix.TextRelevance(ctx, job.Text, ids)
	if err != nil {
		return err
	}
	hits := make([]index.TextHit, 0, len(scores))
	for id, s := range scores {
		hits = append(hits, index.TextHit{ID: id, Score: s})
	}
	rel := normalise(hits)
	for i := range rs {
		r := &rs[i]
		for k := range r.Matched {
			r.Matched[k].Contribution *= 1 - w
		}
		r.TextScore = rel[r.ID]
		if r.TextScore > 0 {
			r.Matched = append(r.Matched, Match{Requirement: TextRelevance, Skill: TextRelevance, Via: "bm25",
				Weight: w, Credit: 1, Strength: r.TextScore, Contribution: w * r.TextScore})
		}
		r.Score = sumContributions(r.Matched)
	}
	return nil
}

// textPrecision rounds normalised relevance: bleve sums BM25 terms in an
// order that can vary between runs, which changes the last bits of a score;
// rounding keeps the output byte-for-byte reproducible.
const textPrecision = 1e9

// normalise maps BM25 scores to [0,1] by the best one.
func normalise(hits []index.TextHit) map[string]float64 {
	out := make(map[string]float64, len(hits))
	best := 0.0
	for _, h := range hits {
		best = max(best, h.Score)
	}
	if best <= 0 {
		return out
	}
	for _, h := range hits {
		out[h.ID] = math.Round(h.Score/best*textPrecision) / textPrecision
	}
	return out
}

// rankByText ranks by full-text relevance alone, for jobs that name no
// known skill.
func (e *Engine) rankByText(ctx context.Context, job *Job, top int, r *Ranking) (*Ranking, error) {
	hits, err := e.ix.SearchText(ctx, job.Text, top, nil)
	if err != nil {
		return nil, err
	}
	rel := normalise(hits)
	snap := e.ix.Snapshot()
	names := make(map[string]string, len(hits))
	for ord := 0; ord < snap.Len() && len(names) < len(hits); ord++ {
		if _, ok := rel[snap.ID(uint32(ord))]; ok && snap.IsLive(uint32(ord)) {
			names[snap.ID(uint32(ord))] = snap.Name(uint32(ord))
		}
	}
	for _, h := range hits {
		s := rel[h.ID]
		r.Results = append(r.Results, Result{ID: h.ID, Name: names[h.ID], Score: s, TextScore: s,
			Matched: []Match{{Requirement: TextRelevance, Skill: TextRelevance, Via: "bm25", Weight: 1, Credit: 1, Strength: s, Contribution: s}}})
	}
	sortResults(r.Results)
	r.Candidates = len(r.Results)
	for i := range r.Results {
		r.Results[i].Rank = i + 1
	}
	return r, nil
}

// sortResults orders by score, then id, so equal input gives equal output.
func sortResults(rs []Result) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Score != rs[j].Score {
			return rs[i].Score > rs[j].Score
		}
		return rs[i].ID < rs[j].ID
	})
}

// Query compiles a job for the engine's taxonomy, e.g. to export it as a
// weighted skill vector (scoring.Query.Vector).
func (e *Engine) Query(job *Job, asOf time.Time, strict bool) (*scoring.Query, error) {
	m := e.asOf
	if !asOf.IsZero() {
		m = timeline.FromTime(asOf)
	}
	return scoring.Compile(job.parsed, e.tax, scoring.Options{AsOf: m, Strict: strict, Related: e.opts.Related, KeywordOnly: e.opts.KeywordOnly})
}

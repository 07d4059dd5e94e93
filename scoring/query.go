package scoring

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// ErrNoRequirements is returned by Compile for a job that names no skill
// the taxonomy knows.
var ErrNoRequirements = errors.New("job names no known skill")

// Options control how a job is compiled.
type Options struct {
	// AsOf is "now" for months of current positions and recency.
	AsOf timeline.Month
	// Strict drops candidates who miss a required skill or its minimum years.
	Strict bool
	// Related controls partial credit for related skills; MaxDepth < 0
	// turns it off.
	Related taxonomy.ExpandOptions
	// KeywordOnly scores skill presence alone — every matched skill has
	// strength 1, whatever its mentions, months or recency, and minimum
	// years are ignored. It is the keyword-matching baseline that
	// evaluations compare the evidence-based score against.
	KeywordOnly bool
}

// Query is a job compiled for ranking: a flat list of (skill, requirement,
// credit) entries with related skills already expanded, so ranking is a
// pass over posting lists. Keep the parsed Job for display; a Query is
// for one taxonomy and as-of month.
type Query struct {
	AsOf   timeline.Month
	Strict bool
	// Reqs are the requirements in job order.
	Reqs []Requirement
	// Entries are grouped by requirement: Reqs[r].Entries indexes them.
	Entries []Entry
	// TotalWeight is the sum of requirement weights.
	TotalWeight float64

	tables      *strengthTables
	asOfIndex   int
	numRequired int
}

// Requirement is a compiled requirement.
type Requirement struct {
	extract.Requirement
	// Label names the requirement ("MLIR or LLVM").
	Label string
	// Entries is the range [First, End) of Query.Entries crediting it.
	First, End int
	// share is Weight / TotalWeight as used by the hot path.
	share     float32
	minMonths int
	minTable  *[maxMonths + 1]float32
}

// Entry credits one skill toward one requirement.
type Entry struct {
	Skill taxonomy.SkillID
	Req   int
	// Credit in (0,1]: 1 for the asked-for skill, less for related ones.
	Credit float32
	// Direct reports the asked-for skill itself (or a member of an any-of
	// group); only direct matches meet a requirement under Strict.
	Direct bool
	// Path runs from the asked-for skill to Skill (length 1 when Direct).
	Path []taxonomy.SkillID
}

// Compile turns a parsed job into a Query for tax.
func Compile(job *extract.Job, tax *taxonomy.Taxonomy, o Options) (*Query, error) {
	if len(job.Requirements) == 0 {
		return nil, ErrNoRequirements
	}
	q := &Query{AsOf: o.AsOf, Strict: o.Strict, asOfIndex: dateIndex(o.AsOf)}
	q.tables = newStrengthTables(q.asOfIndex)
	if o.KeywordOnly {
		q.tables = keywordTables(q.asOfIndex)
	}
	for _, r := range job.Requirements {
		if !(r.Weight > 0) || math.IsInf(r.Weight, 0) {
			return nil, fmt.Errorf("scoring: requirement %q: weight %v must be positive", r.Text, r.Weight)
		}
		q.TotalWeight += r.Weight
	}
	for ri, r := range job.Requirements {
		req := Requirement{Requirement: r, First: len(q.Entries)}
		names := make([]string, len(r.Skills))
		for i, id := range r.Skills {
			names[i] = tax.Name(id)
		}
		req.Label = strings.Join(names, " or ")
		req.share = float32(r.Weight / q.TotalWeight)
		req.minMonths = int(math.Round(r.MinYears * 12))
		if !o.KeywordOnly {
			req.minTable = minYearsTable(req.minMonths)
		}
		if r.Required {
			q.numRequired++
		}
		best := make(map[taxonomy.SkillID]Entry)
		for _, s := range r.Skills {
			credits := []taxonomy.Credit{{Skill: s, Weight: 1, Path: []taxonomy.SkillID{s}}}
			if o.Related.MaxDepth >= 0 {
				credits = tax.Expand(s, o.Related)
			}
			for _, c := range credits {
				e := Entry{Skill: c.Skill, Req: ri, Credit: float32(c.Weight), Direct: c.Weight == 1 && len(c.Path) == 1, Path: c.Path}
				if cur, ok := best[c.Skill]; !ok || e.Credit > cur.Credit || e.Direct && !cur.Direct {
					best[c.Skill] = e
				}
			}
		}
		for _, s := range r.Skills { // group members are direct whatever the graph says
			e := best[s]
			e.Direct, e.Credit, e.Path = true, 1, []taxonomy.SkillID{s}
			best[s] = e
		}
		start := len(q.Entries)
		for _, e := range best {
			q.Entries = append(q.Entries, e)
		}
		es := q.Entries[start:]
		sort.Slice(es, func(i, j int) bool { return es[i].Skill < es[j].Skill })
		req.End = len(q.Entries)
		q.Reqs = append(q.Reqs, req)
	}
	return q, nil
}

// WeightedSkill is one dimension of the query as a sparse vector.
type WeightedSkill struct {
	Skill  string
	Weight float64
}

// Vector returns the query as a weighted sparse vector over skills — the
// largest credit-weighted requirement share each skill can earn — in the
// shape of OpenSearch/Elasticsearch rank_features, for engines beyond one
// machine. Sorted by descending weight, then name.
func (q *Query) Vector(tax *taxonomy.Taxonomy) []WeightedSkill {
	w := make(map[taxonomy.SkillID]float64)
	for _, e := range q.Entries {
		v := float64(q.Reqs[e.Req].share) * float64(e.Credit)
		w[e.Skill] = max(w[e.Skill], v)
	}
	out := make([]WeightedSkill, 0, len(w))
	for id, v := range w {
		out = append(out, WeightedSkill{Skill: tax.Name(id), Weight: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Skill < out[j].Skill
	})
	return out
}

// value is the hot path's arithmetic for one posting: the entry's credit
// times the strength of the features, times the minimum-years factor. The
// ranker's loops do exactly these operations with the same helpers and
// Explain calls it, so explanations equal what was ranked, bit for bit (a
// test checks it). Months (unclamped) are returned for Strict. Explicit
// float32 conversions keep the compiler from fusing operations
// differently in different places.
func (q *Query) value(f Features, credit float32, minTable *[maxMonths + 1]float32) (v float32, months int) {
	t := q.tables
	months = int(f >> monthShift & maxMonths)
	if f>>currentBit != 0 {
		months = max(0, q.asOfIndex-int(f>>dateShift&maxDate)+1)
	}
	v = float32(credit * t.strength(f))
	if minTable != nil {
		v = float32(v * minTable[t.months(f)])
	}
	return v, months
}

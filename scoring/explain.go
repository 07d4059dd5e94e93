package scoring

import (
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// Explanation says how a document's score was made. Contributions add up
// to Score; Score32 is the value the ranker used (the same float32
// arithmetic, so it is equal bit for bit).
type Explanation struct {
	Ord     uint32
	Score   float64
	Score32 float32
	Reqs    []ReqMatch
	// MeetsRequired reports that every required requirement is met by a
	// direct match at its minimum years (what Strict demands).
	MeetsRequired bool
}

// ReqMatch is the best match of one requirement.
type ReqMatch struct {
	Req     int
	Matched bool
	// Skill is the requirement's skill that was credited (Path[0]); Via is
	// the candidate's skill that earned it (Skill itself when Direct).
	Skill, Via taxonomy.SkillID
	Path       []taxonomy.SkillID
	Direct     bool
	Credit     float64
	// Evidence of Via.
	Mentions int
	Months   int
	LastUsed timeline.Month
	Current  bool
	Sections uint8
	// Strength parts: MentionPart + ExperiencePart·Recency.
	MentionPart, ExperiencePart, Recency float64
	// MinYearsFactor scales the strength toward the requirement's minimum
	// (1 when none or met); MeetsMinimum says the minimum is met.
	MinYearsFactor float64
	MeetsMinimum   bool
	// Value is Credit · strength · MinYearsFactor, in [0,1].
	Value float64
	// Contribution is Value · the requirement's weight share.
	Contribution float64
}

// Explain recomputes the score of ord with the ranker's arithmetic and
// reports every part of it. Cost: one binary search per entry.
func (q *Query) Explain(snap *Snapshot, ord uint32) Explanation {
	ex := Explanation{Ord: ord, MeetsRequired: true}
	var acc float32
	for ri := range q.Reqs {
		req := &q.Reqs[ri]
		m := ReqMatch{Req: ri}
		var best float32
		bestEntry := -1
		var bestF Features
		met := false
		for ei := req.First; ei < req.End; ei++ {
			e := &q.Entries[ei]
			f, ok := snap.Lookup(e.Skill, ord)
			if !ok {
				continue
			}
			v, months := q.value(f, e.Credit, req.minTable)
			if v > best {
				best, bestEntry, bestF = v, ei, f
			}
			if e.Direct && months >= req.minMonths {
				met = true
			}
		}
		if req.Required && !met {
			ex.MeetsRequired = false
		}
		contrib := float32(0)
		if bestEntry >= 0 {
			e := &q.Entries[bestEntry]
			contrib = float32(req.share * best)
			m.Matched = true
			m.Skill, m.Via, m.Path, m.Direct = e.Path[0], e.Skill, e.Path, e.Direct
			m.Credit = float64(e.Credit)
			m.Mentions = bestF.Mentions()
			m.Months = bestF.Months(q.AsOf)
			m.LastUsed = bestF.LastUsed(q.AsOf)
			m.Current = bestF.Current()
			m.Sections = bestF.Sections()
			t := q.tables
			mo := min(m.Months, maxMonths)
			m.MentionPart = float64(t.mention[m.Mentions])
			m.ExperiencePart = float64(t.experience[mo])
			m.Recency = 1
			if !m.Current {
				m.Recency = float64(t.recencyAt[bestF>>dateShift&maxDate])
			}
			m.MinYearsFactor = 1
			if req.minTable != nil {
				m.MinYearsFactor = float64(req.minTable[mo])
			}
			m.MeetsMinimum = m.Months >= req.minMonths
			m.Value = float64(best)
			m.Contribution = float64(contrib)
		}
		acc += contrib
		ex.Reqs = append(ex.Reqs, m)
		ex.Score += m.Contribution
	}
	ex.Score32 = acc
	return ex
}

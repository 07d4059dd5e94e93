package engine

import (
	"context"
	"sort"

	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/timeline"
)

// Profile is what skillrank reads from one candidate's document.
type Profile struct {
	ID, Name, Source, Format string
	// Skills are sorted by name.
	Skills []Skill
	// Positions are in document order.
	Positions []Position
	Warnings  []string
}

// Skill is the evidence of one skill in a profile.
type Skill struct {
	Name, Category string
	Mentions       int
	// Months of experience: the union of the dated work and project
	// positions that mention the skill (concurrent ones count once).
	Months int
	// LastUsed is YYYY-MM of the last month of those positions, or "".
	LastUsed string
	Current  bool
	// Sections are where the skill was seen (skills, experience, …).
	Sections []string
}

// Position is a dated entry of a profile.
type Position struct {
	// Kind is work, project, education or publication; only work and
	// projects count as experience.
	Kind, Title, Org string
	// Dates are as written; Start and End are YYYY-MM ("" if unknown),
	// End is the as-of month for a current position.
	Dates, Start, End string
	Months            int
	Current           bool
	// HandsOn is false for roles that talk about skills without practising
	// them (recruiter, technical writer, sales, product manager, director)
	// and for education and publications: their months are not experience.
	HandsOn bool
	// Skills mentioned in the position's text, by canonical name.
	Skills []string
}

// Extract reads and extracts profiles from paths without storing them.
// Failures are reported in the result, as for AddPaths.
func (e *Engine) Extract(ctx context.Context, paths []string) ([]Profile, AddResult) {
	srcs, res := e.walk(paths)
	return e.extractAll(ctx, srcs, res)
}

// ExtractInputs is Extract for in-memory inputs.
func (e *Engine) ExtractInputs(ctx context.Context, inputs []Input) ([]Profile, AddResult) {
	srcs := make([]source, len(inputs))
	for i := range inputs {
		in := inputs[i]
		srcs[i] = source{name: in.Name, read: func() ([]byte, error) { return in.Data, nil }}
	}
	return e.extractAll(ctx, srcs, AddResult{})
}

func (e *Engine) extractAll(ctx context.Context, srcs []source, res AddResult) ([]Profile, AddResult) {
	var out []Profile
	for _, s := range srcs {
		if ctx.Err() != nil {
			res.Failed = append(res.Failed, &FileError{Path: s.name, Err: ctx.Err()})
			continue
		}
		x := e.extractSource(ctx, s)
		if x.err != nil {
			res.Failed = append(res.Failed, &FileError{Path: s.name, Err: x.err})
			continue
		}
		for _, w := range x.profile.Doc.Warnings {
			res.Warnings = append(res.Warnings, s.name+": "+w)
		}
		out = append(out, e.profileView(x.profile))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, res
}

func (e *Engine) profileView(p *extract.Profile) Profile {
	d := p.Doc
	v := Profile{ID: d.ID, Name: d.Name, Source: d.Source, Format: string(d.Format), Warnings: d.Warnings}
	posSkills := make([][]string, len(d.Positions))
	for _, ev := range p.Skills {
		s := e.tax.Skill(ev.Skill)
		v.Skills = append(v.Skills, Skill{Name: s.Name, Category: s.Category, Mentions: ev.Mentions, Months: ev.Months,
			LastUsed: ev.LastUsed.String(), Current: ev.Current, Sections: ev.Sections.Names()})
		for _, pi := range ev.Positions {
			posSkills[pi] = append(posSkills[pi], s.Name)
		}
	}
	sort.Slice(v.Skills, func(i, j int) bool { return v.Skills[i].Name < v.Skills[j].Name })
	for i := range d.Positions {
		pos := &d.Positions[i]
		ivs := pos.Intervals(p.AsOf)
		pv := Position{Kind: pos.Kind.String(), Title: pos.Title, Org: pos.Org, Dates: pos.DateText,
			Months: timeline.TotalMonths(append([]timeline.Interval(nil), ivs...)), HandsOn: pos.Experience(), Skills: posSkills[i]}
		if len(ivs) > 0 {
			pv.Start, pv.End = ivs[0].Start.String(), ivs[len(ivs)-1].End.String()
			pv.Current = pos.Dates.Open || pos.Dates.Kind == timeline.KindStart && pos.NextStart.IsZero()
		}
		sort.Strings(pv.Skills)
		v.Positions = append(v.Positions, pv)
	}
	return v
}

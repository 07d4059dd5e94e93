package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/skillrank/skillrank/engine"
)

// JSON shapes of `rank --format json` (the contract in DESIGN.md; fields
// beyond it are additions, never changes).
type rankOut struct {
	Job        jobOut      `json:"job"`
	AsOf       string      `json:"as_of"`
	Candidates int         `json:"candidates"`
	Results    []resultOut `json:"results"`
	Errors     []jsonError `json:"errors"`
}

type jobOut struct {
	Title        string   `json:"title"`
	Requirements []reqOut `json:"requirements"`
}

type reqOut struct {
	Skills   []string `json:"skills"`
	Weight   float64  `json:"weight"`
	Required bool     `json:"required"`
	MinYears float64  `json:"min_years"`
	MaxYears float64  `json:"max_years"`
	Text     string   `json:"text"`
}

type resultOut struct {
	Rank       int        `json:"rank"`
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Score      float64    `json:"score"`
	SkillScore float64    `json:"skill_score"`
	TextScore  float64    `json:"text_score"`
	Matched    []matchOut `json:"matched"`
	Missing    []string   `json:"missing"`
}

type matchOut struct {
	Skill          string   `json:"skill"`
	Via            string   `json:"via"`
	Contribution   float64  `json:"contribution"`
	Requirement    string   `json:"requirement"`
	Required       bool     `json:"required"`
	Path           []string `json:"path"`
	Credit         float64  `json:"credit"`
	Strength       float64  `json:"strength"`
	Mentions       int      `json:"mentions"`
	Months         int      `json:"months"`
	LastUsed       string   `json:"last_used"`
	Current        bool     `json:"current"`
	Sections       []string `json:"sections"`
	MinYears       float64  `json:"min_years"`
	MinYearsFactor float64  `json:"min_years_factor"`
	MeetsMinimum   bool     `json:"meets_minimum"`
}

func rankJSON(r *engine.Ranking, res *engine.AddResult) rankOut {
	out := rankOut{AsOf: r.AsOf, Candidates: r.Candidates, Results: []resultOut{}, Errors: jsonErrors(res)}
	out.Job = jobOut{Title: r.Job.Title, Requirements: []reqOut{}}
	for _, q := range r.Job.Requirements {
		out.Job.Requirements = append(out.Job.Requirements, reqOut{Skills: q.Skills, Weight: q.Weight,
			Required: q.Required, MinYears: q.MinYears, MaxYears: q.MaxYears, Text: q.Text})
	}
	for _, x := range r.Results {
		ro := resultOut{Rank: x.Rank, ID: x.ID, Name: x.Name, Score: x.Score, SkillScore: x.SkillScore,
			TextScore: x.TextScore, Matched: []matchOut{}, Missing: x.Missing}
		if ro.Missing == nil {
			ro.Missing = []string{}
		}
		for _, m := range x.Matched {
			mo := matchOut{Skill: m.Skill, Via: m.Via, Contribution: m.Contribution, Requirement: m.Requirement,
				Required: m.Required, Path: m.Path, Credit: m.Credit, Strength: m.Strength, Mentions: m.Mentions,
				Months: m.Months, LastUsed: m.LastUsed, Current: m.Current, Sections: m.Sections,
				MinYears: m.MinYears, MinYearsFactor: m.MinYearsFactor, MeetsMinimum: m.MeetsMinimum}
			if mo.Path == nil {
				mo.Path = []string{}
			}
			if mo.Sections == nil {
				mo.Sections = []string{}
			}
			ro.Matched = append(ro.Matched, mo)
		}
		out.Results = append(out.Results, ro)
	}
	return out
}

// writeRankTable prints the ranking as a table (or TSV/CSV/Markdown), and
// with explain, the breakdown of each score under its row (table and
// Markdown) or as extra rows (TSV/CSV, one per matched requirement).
func writeRankTable(w io.Writer, r *engine.Ranking, f format, explain bool) error {
	if f == formatTable || f == formatMarkdown {
		title := r.Job.Title
		if title == "" {
			title = "(untitled job)"
		}
		if f == formatMarkdown {
			fmt.Fprintf(w, "## %s\n\n", title)
		} else {
			fmt.Fprintf(w, "%s — %d requirements, as of %s\n\n", title, len(r.Job.Requirements), r.AsOf)
		}
	}
	t := &table{header: []string{"RANK", "SCORE", "ID", "NAME", "MATCHED", "MISSING"}}
	if explain && (f == formatTSV || f == formatCSV) {
		t.header = []string{"RANK", "ID", "REQUIREMENT", "SKILL", "VIA", "CONTRIBUTION", "MONTHS", "LAST_USED", "MENTIONS"}
		for _, x := range r.Results {
			for _, m := range x.Matched {
				t.add(fmt.Sprint(x.Rank), x.ID, m.Requirement, m.Skill, m.Via, fmt.Sprintf("%.6f", m.Contribution),
					fmt.Sprint(m.Months), m.LastUsed, fmt.Sprint(m.Mentions))
			}
		}
		return t.write(w, f)
	}
	for _, x := range r.Results {
		var matched []string
		for _, m := range x.Matched {
			if m.Skill == engine.TextRelevance {
				continue
			}
			s := m.Skill
			if m.Via != m.Skill {
				s += " (via " + m.Via + ")"
			}
			matched = append(matched, s)
		}
		t.add(fmt.Sprint(x.Rank), fmtScore(x.Score), x.ID, x.Name, strings.Join(matched, ", "), strings.Join(x.Missing, ", "))
	}
	if !explain || f != formatTable && f != formatMarkdown {
		if len(r.Results) == 0 && (f == formatTable || f == formatMarkdown) {
			fmt.Fprintln(w, "No candidate matches any requirement.")
			return nil
		}
		return t.write(w, f)
	}
	for _, x := range r.Results {
		fmt.Fprintf(w, "%d. %s  %s  score %s\n", x.Rank, x.ID, x.Name, fmtScore(x.Score))
		for _, m := range x.Matched {
			fmt.Fprintf(w, "   %-28s %+6.1f  %s\n", m.Requirement, 100*m.Contribution, describeMatch(m))
		}
		for _, miss := range x.Missing {
			fmt.Fprintf(w, "   %-28s %6s  missing\n", miss, "0.0")
		}
		fmt.Fprintln(w)
	}
	if len(r.Results) == 0 {
		fmt.Fprintln(w, "No candidate matches any requirement.")
	}
	return nil
}

// describeMatch says in words what earned a contribution.
func describeMatch(m engine.Match) string {
	if m.Skill == engine.TextRelevance {
		return fmt.Sprintf("full-text relevance %.2f × weight %.2f", m.Strength, m.Weight)
	}
	var parts []string
	if m.Via != m.Skill {
		parts = append(parts, fmt.Sprintf("via %s (credit %.2f, %s)", m.Via, m.Credit, strings.Join(m.Path, " → ")))
	} else {
		parts = append(parts, m.Skill)
	}
	switch {
	case m.Current:
		parts = append(parts, fmt.Sprintf("%d months, current", m.Months))
	case m.Months > 0:
		parts = append(parts, fmt.Sprintf("%d months, last used %s (recency %.2f)", m.Months, m.LastUsed, m.Recency))
	default:
		parts = append(parts, "no dated experience")
	}
	parts = append(parts, fmt.Sprintf("%d mention(s) in %s", m.Mentions, strings.Join(m.Sections, ", ")))
	if m.MinYears > 0 {
		if m.MeetsMinimum {
			parts = append(parts, fmt.Sprintf("meets %.0f+ years", m.MinYears))
		} else {
			parts = append(parts, fmt.Sprintf("below %.0f+ years (×%.2f)", m.MinYears, m.MinYearsFactor))
		}
	}
	parts = append(parts, fmt.Sprintf("strength %.2f", m.Strength))
	return strings.Join(parts, "; ")
}

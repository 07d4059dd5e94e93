package engine

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// Job is a parsed job description. Its Requirements are a view of the
// parsed job; change them with SetWeight and Require.
type Job struct {
	Title        string
	Requirements []Requirement
	// Text is the job's text, used for full-text relevance.
	Text string

	parsed *extract.Job
	tax    *taxonomy.Taxonomy
}

// Requirement is one thing a job asks for.
type Requirement struct {
	// Skills are canonical names; having any one meets the requirement.
	Skills []string
	// Weight is the requirement's share of the score relative to the others.
	Weight   float64
	Required bool
	// MinYears and MaxYears bound the experience asked for (0 = unstated).
	// Below MinYears earns partial credit; above MaxYears is not penalised.
	MinYears, MaxYears float64
	// Text is the job line the requirement came from.
	Text string
}

// ErrBadJob is wrapped by errors about a job or its overrides.
var ErrBadJob = errors.New("invalid job")

// ParseJob reads a job description (Markdown or plain text; any format
// profiles may have) and finds its requirements: skills under headings or
// lead-ins such as "Requirements" or "Must have" are required (weight
// extract.RequiredWeight), under "Nice to have", "Preferred", "Bonus" or
// "Plus" preferred (extract.PreferredWeight); "X or Y" is one any-of
// requirement; "5+ years of X" sets a minimum.
func (e *Engine) ParseJob(name string, data []byte) (*Job, error) {
	doc, err := document.Read(context.Background(), name, data, e.opts.Limits)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadJob, err)
	}
	j := &Job{parsed: e.x.Job(doc), tax: e.tax}
	j.sync()
	return j, nil
}

// sync refreshes the exported view from the parsed job.
func (j *Job) sync() {
	j.Title, j.Text = j.parsed.Title, j.parsed.Text
	j.Requirements = make([]Requirement, len(j.parsed.Requirements))
	for i, r := range j.parsed.Requirements {
		names := make([]string, len(r.Skills))
		for k, id := range r.Skills {
			names[k] = j.tax.Name(id)
		}
		j.Requirements[i] = Requirement{Skills: names, Weight: r.Weight, Required: r.Required,
			MinYears: r.MinYears, MaxYears: r.MaxYears, Text: r.Text}
	}
}

// resolve finds the skill a user named (canonical name or alias).
func (j *Job) resolve(skill string) (taxonomy.SkillID, error) {
	id, _, err := j.tax.Lookup(skill)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrBadJob, err)
	}
	return id, nil
}

// SetWeight sets the weight of every requirement that names skill; if
// none does, skill is added as a preferred requirement with that weight.
func (j *Job) SetWeight(skill string, weight float64) error {
	if !(weight > 0) || math.IsInf(weight, 0) {
		return fmt.Errorf("%w: weight %v for %q must be a positive number", ErrBadJob, weight, skill)
	}
	id, err := j.resolve(skill)
	if err != nil {
		return err
	}
	found := false
	for i := range j.parsed.Requirements {
		r := &j.parsed.Requirements[i]
		if containsID(r.Skills, id) {
			r.Weight, found = weight, true
		}
	}
	if !found {
		j.parsed.Requirements = append(j.parsed.Requirements, extract.Requirement{
			Skills: []taxonomy.SkillID{id}, Weight: weight, Text: "--skill " + skill})
	}
	j.sync()
	return nil
}

// Require marks every requirement that names skill as required (raising
// its weight to extract.RequiredWeight if lower); if none does, skill is
// added as a required requirement.
func (j *Job) Require(skill string) error {
	id, err := j.resolve(skill)
	if err != nil {
		return err
	}
	found := false
	for i := range j.parsed.Requirements {
		r := &j.parsed.Requirements[i]
		if containsID(r.Skills, id) {
			r.Required, found = true, true
			r.Weight = max(r.Weight, extract.RequiredWeight)
		}
	}
	if !found {
		j.parsed.Requirements = append(j.parsed.Requirements, extract.Requirement{
			Skills: []taxonomy.SkillID{id}, Weight: extract.RequiredWeight, Required: true, Text: "--require " + skill})
	}
	j.sync()
	return nil
}

func containsID(ids []taxonomy.SkillID, id taxonomy.SkillID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

package taxonomy

import (
	"fmt"
	"sort"
	"strings"

	"github.com/skillrank/skillrank/index/analysis"
)

// Problem is one thing wrong with a taxonomy file.
type Problem struct {
	// Skill is the canonical name of the entry at fault ("" for file-level
	// problems); Alias is set for problems with an ambiguity entry.
	Skill, Alias string
	Msg          string
	// Line is the line in the source file, when known (user files).
	Line int
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	switch {
	case p.Skill != "":
		fmt.Fprintf(&b, "skill %q: ", p.Skill)
	case p.Alias != "":
		fmt.Fprintf(&b, "ambiguous alias %q: ", p.Alias)
	}
	b.WriteString(p.Msg)
	return b.String()
}

// ValidationError lists every problem found; it wraps ErrInvalid.
type ValidationError struct {
	Source   string // file name, if any
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	src := e.Source
	if src == "" {
		src = "taxonomy"
	}
	const show = 10
	for i, p := range e.Problems {
		if i == show {
			fmt.Fprintf(&b, "\n%s: … and %d more problems", src, len(e.Problems)-show)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s: %s", src, p)
	}
	return b.String()
}

func (e *ValidationError) Unwrap() error { return ErrInvalid }

// validate checks f (in canonical order) and returns a *ValidationError
// listing every problem, or nil.
func validate(f File, a *analysis.Analyzer) error {
	var probs []Problem
	bad := func(skill, alias, format string, args ...any) {
		probs = append(probs, Problem{Skill: skill, Alias: alias, Msg: fmt.Sprintf(format, args...)})
	}
	names := make(map[string]string, len(f.Skills))
	for _, s := range f.Skills {
		key := strings.ToLower(strings.TrimSpace(s.Name))
		switch {
		case key == "":
			bad("", "", "a skill has an empty name")
			continue
		case s.Name != strings.TrimSpace(s.Name):
			bad(s.Name, "", "name has leading or trailing space")
		}
		if prev, dup := names[key]; dup {
			bad(s.Name, "", "canonical name duplicates %q", prev)
		}
		names[key] = s.Name
		if strings.TrimSpace(s.Category) == "" {
			bad(s.Name, "", "no category")
		}
	}
	exists := func(name string) bool { _, ok := names[strings.ToLower(strings.TrimSpace(name))]; return ok }

	// Aliases: after analysis, a form may belong to one skill only, unless
	// declared ambiguous.
	declared := make(map[string]bool, len(f.Ambiguous))
	for _, am := range f.Ambiguous {
		declared[strings.Join(a.Terms(am.Alias), " ")] = true
	}
	owners := make(map[string][]string)
	for _, s := range f.Skills {
		seen := make(map[string]bool)
		forms := append([]AliasSpec{{Text: s.Name}}, s.Aliases...)
		for _, al := range forms {
			terms := a.Terms(al.Text)
			if len(terms) == 0 {
				bad(s.Name, "", "alias %q has no words", al.Text)
				continue
			}
			key := strings.Join(terms, " ")
			if seen[key] {
				continue // the same form written twice for one skill
			}
			seen[key] = true
			owners[key] = append(owners[key], s.Name)
		}
		for _, r := range s.Related {
			switch {
			case !exists(r.Skill):
				bad(s.Name, "", "related skill %q does not exist", r.Skill)
			case strings.EqualFold(r.Skill, s.Name):
				bad(s.Name, "", "related to itself")
			}
			if !(r.Weight > 0 && r.Weight <= 1) {
				bad(s.Name, "", "relation to %q has weight %v, want (0,1]", r.Skill, r.Weight)
			}
		}
		for _, b := range s.Broader {
			switch {
			case !exists(b):
				bad(s.Name, "", "broader skill %q does not exist", b)
			case strings.EqualFold(b, s.Name):
				bad(s.Name, "", "broader than itself")
			}
		}
	}
	keys := make([]string, 0, len(owners))
	for k, o := range owners {
		if len(o) > 1 && !declared[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		o := owners[k]
		bad(o[0], "", "alias %q also belongs to %s; declare it in \"ambiguous\"", k, strings.Join(quoteAll(o[1:]), ", "))
	}
	for _, am := range f.Ambiguous {
		key := strings.Join(a.Terms(am.Alias), " ")
		if len(am.Candidates) < 2 {
			bad("", am.Alias, "needs at least two candidates")
		}
		owned := make(map[string]bool)
		for _, n := range owners[key] {
			owned[strings.ToLower(n)] = true
		}
		for _, c := range am.Candidates {
			switch {
			case !exists(c.Skill):
				bad("", am.Alias, "candidate %q does not exist", c.Skill)
			case !owned[strings.ToLower(c.Skill)]:
				bad("", am.Alias, "candidate %q does not have this alias", c.Skill)
			}
		}
		if am.Default != "" {
			found := false
			for _, c := range am.Candidates {
				found = found || strings.EqualFold(c.Skill, am.Default)
			}
			if !found {
				bad("", am.Alias, "default %q is not a candidate", am.Default)
			}
		}
	}
	if len(probs) == 0 {
		return nil
	}
	return &ValidationError{Problems: probs}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

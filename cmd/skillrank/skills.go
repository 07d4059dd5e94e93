package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/skillrank/skillrank/engine"
	"github.com/spf13/cobra"
)

type skillsOptions struct {
	common commonFlags
	format string
}

func newSkillsCmd(io *IO) *cobra.Command {
	o := &skillsOptions{}
	cmd := &cobra.Command{
		Use:   "skills [--as-of DATE] [--format table|json] PATH...",
		Short: "Show the skills and evidence extracted from profiles",
		Long: `Show, per profile, the skills found (canonical names), how often they are
mentioned, the months of experience of the dated positions that mention
them, when they were last used, and the sections they were seen in; the
table also shows each profile's timeline of positions.` + exitHelp,
		Example: `  skillrank skills --as-of 2026-11-21 testdata/profiles/tobias-venn.md`,
		Args:    cobra.MinimumNArgs(1),
		RunE:    func(cmd *cobra.Command, args []string) error { return runSkills(cmd.Context(), io, o, args) },
	}
	cmd.Flags().StringVar(&o.format, "format", "", "output `FORMAT`: table or json (default table)")
	o.common.register(cmd)
	return cmd
}

type skillsOut struct {
	Profiles []profileOut `json:"profiles"`
	Errors   []jsonError  `json:"errors"`
}

type profileOut struct {
	ID        string        `json:"id"`
	Name      string        `json:"name"`
	Source    string        `json:"source"`
	Format    string        `json:"format"`
	Skills    []skillOut    `json:"skills"`
	Positions []positionOut `json:"positions"`
	Warnings  []string      `json:"warnings"`
}

type skillOut struct {
	Skill    string   `json:"skill"`
	Category string   `json:"category"`
	Mentions int      `json:"mentions"`
	Months   int      `json:"months"`
	LastUsed string   `json:"last_used"`
	Current  bool     `json:"current"`
	Sections []string `json:"sections"`
}

type positionOut struct {
	Kind    string   `json:"kind"`
	Title   string   `json:"title"`
	Org     string   `json:"org"`
	Dates   string   `json:"dates"`
	Start   string   `json:"start"`
	End     string   `json:"end"`
	Months  int      `json:"months"`
	Current bool     `json:"current"`
	HandsOn bool     `json:"hands_on"`
	Skills  []string `json:"skills"`
}

func runSkills(ctx context.Context, io *IO, o *skillsOptions, paths []string) error {
	f, err := parseFormat(o.format, formatTable, formatJSON)
	if err != nil {
		return err
	}
	opts, err := o.common.options(io)
	if err != nil {
		return err
	}
	e, err := engine.New(opts)
	if err != nil {
		return err
	}
	defer e.Close()
	files, inputs, err := splitStdin(io, paths)
	if err != nil {
		return err
	}
	profiles, res := e.Extract(ctx, files)
	if len(inputs) > 0 {
		more, r := e.ExtractInputs(ctx, inputs)
		profiles = append(profiles, more...)
		res.Failed = append(res.Failed, r.Failed...)
		res.Warnings = append(res.Warnings, r.Warnings...)
	}
	if f == formatJSON {
		out := skillsOut{Profiles: []profileOut{}, Errors: jsonErrors(&res)}
		for _, p := range profiles {
			out.Profiles = append(out.Profiles, profileJSON(p))
		}
		if err := writeJSON(io.Out, out); err != nil {
			return err
		}
	} else if err := writeSkillsTable(io, profiles, e.AsOf()); err != nil {
		return err
	}
	return reportFailures(io, &res)
}

func profileJSON(p engine.Profile) profileOut {
	po := profileOut{ID: p.ID, Name: p.Name, Source: p.Source, Format: p.Format,
		Skills: []skillOut{}, Positions: []positionOut{}, Warnings: p.Warnings}
	if po.Warnings == nil {
		po.Warnings = []string{}
	}
	for _, s := range p.Skills {
		po.Skills = append(po.Skills, skillOut{Skill: s.Name, Category: s.Category, Mentions: s.Mentions,
			Months: s.Months, LastUsed: s.LastUsed, Current: s.Current, Sections: s.Sections})
	}
	for _, q := range p.Positions {
		skills := q.Skills
		if skills == nil {
			skills = []string{}
		}
		po.Positions = append(po.Positions, positionOut{Kind: q.Kind, Title: q.Title, Org: q.Org, Dates: q.Dates,
			Start: q.Start, End: q.End, Months: q.Months, Current: q.Current, HandsOn: q.HandsOn, Skills: skills})
	}
	return po
}

func writeSkillsTable(io *IO, profiles []engine.Profile, asOf string) error {
	for i, p := range profiles {
		if i > 0 {
			fmt.Fprintln(io.Out)
		}
		name := p.Name
		if name == "" {
			name = "(no name)"
		}
		fmt.Fprintf(io.Out, "%s — %s (%s, as of %s)\n\n", p.ID, name, p.Format, asOf)
		if len(p.Positions) > 0 {
			tl := &table{header: []string{"DATES", "MONTHS", "KIND", "POSITION", "SKILLS"}}
			for _, q := range p.Positions {
				span := q.Start + " – " + q.End
				if q.Current {
					span = q.Start + " – now"
				}
				what := strings.Trim(strings.Join([]string{q.Title, q.Org}, " · "), " ·")
				kind := q.Kind
				if !q.HandsOn && (q.Kind == "work" || q.Kind == "project") {
					kind += " (not hands-on)"
				}
				tl.add(span, fmt.Sprint(q.Months), kind, what, strings.Join(q.Skills, ", "))
			}
			if err := tl.write(io.Out, formatTable); err != nil {
				return err
			}
			fmt.Fprintln(io.Out)
		}
		t := &table{header: []string{"SKILL", "MENTIONS", "MONTHS", "LAST USED", "SECTIONS"}}
		for _, s := range p.Skills {
			last := s.LastUsed
			if s.Current {
				last = "current"
			}
			t.add(s.Name, fmt.Sprint(s.Mentions), fmt.Sprint(s.Months), last, strings.Join(s.Sections, ", "))
		}
		if err := t.write(io.Out, formatTable); err != nil {
			return err
		}
	}
	return nil
}

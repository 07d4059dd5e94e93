package main

import (
	"fmt"
	"strings"

	"github.com/skillrank/skillrank/engine"
	"github.com/skillrank/skillrank/index/taxonomy"
	"github.com/spf13/cobra"
)

type taxonomyOptions struct {
	file   string
	format string
}

func newTaxonomyCmd(io *IO) *cobra.Command {
	o := &taxonomyOptions{}
	cmd := &cobra.Command{
		Use:   "taxonomy [--format table|json] [QUERY]",
		Short: "Inspect the skills taxonomy",
		Long: `List the skills of the taxonomy — canonical name, aliases, category and
related skills with their credit weights. QUERY selects skills whose name,
alias or category contains it (exact names and aliases first).` + exitHelp,
		Example: `  skillrank taxonomy MLIR
  skillrank taxonomy --format json | jq '.skills | length'
  skillrank taxonomy --taxonomy mine.yaml "GPU programming"`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := ""
			if len(args) == 1 {
				q = args[0]
			}
			return runTaxonomy(io, o, q)
		},
	}
	cmd.Flags().StringVar(&o.file, "taxonomy", "", "user taxonomy `FILE` (JSON or YAML) merged into the built-in one")
	cmd.Flags().StringVar(&o.format, "format", "", "output `FORMAT`: table or json (default table)")
	return cmd
}

type taxonomyOut struct {
	Skills []taxSkillOut `json:"skills"`
}

type taxSkillOut struct {
	Name     string       `json:"name"`
	Aliases  []string     `json:"aliases"`
	Category string       `json:"category"`
	Related  []relatedOut `json:"related"`
	Broader  []string     `json:"broader"`
	Narrower []string     `json:"narrower"`
}

type relatedOut struct {
	Skill  string  `json:"skill"`
	Weight float64 `json:"weight"`
}

func runTaxonomy(io *IO, o *taxonomyOptions, query string) error {
	f, err := parseFormat(o.format, formatTable, formatJSON)
	if err != nil {
		return err
	}
	tax, err := engine.LoadTaxonomy(o.file)
	if err != nil {
		return err
	}
	ids := tax.Search(query)
	if query != "" && len(ids) == 0 {
		return fmt.Errorf("no skill matches %q", query)
	}
	out := taxonomyOut{Skills: make([]taxSkillOut, 0, len(ids))}
	for _, id := range ids {
		out.Skills = append(out.Skills, taxSkill(tax, id))
	}
	if f == formatJSON {
		return writeJSON(io.Out, out)
	}
	t := &table{header: []string{"SKILL", "CATEGORY", "ALIASES", "RELATED"}}
	for _, s := range out.Skills {
		var rel []string
		for _, r := range s.Related {
			rel = append(rel, fmt.Sprintf("%s %.2f", r.Skill, r.Weight))
		}
		for _, b := range s.Broader {
			rel = append(rel, "is-a "+b)
		}
		t.add(s.Name, s.Category, strings.Join(s.Aliases, ", "), strings.Join(rel, ", "))
	}
	if err := t.write(io.Out, formatTable); err != nil {
		return err
	}
	if query == "" {
		fmt.Fprintf(io.Out, "\n%d skills\n", len(out.Skills))
	}
	return nil
}

func taxSkill(tax *taxonomy.Taxonomy, id taxonomy.SkillID) taxSkillOut {
	s := tax.Skill(id)
	o := taxSkillOut{Name: s.Name, Category: s.Category, Aliases: []string{}, Related: []relatedOut{},
		Broader: []string{}, Narrower: []string{}}
	for _, a := range s.Aliases {
		if a.Text != s.Name {
			o.Aliases = append(o.Aliases, a.Text)
		}
	}
	for _, r := range s.Related {
		o.Related = append(o.Related, relatedOut{Skill: tax.Name(r.Skill), Weight: r.Weight})
	}
	for _, b := range s.Broader {
		o.Broader = append(o.Broader, tax.Name(b))
	}
	for _, n := range s.Narrower {
		o.Narrower = append(o.Narrower, tax.Name(n))
	}
	return o
}

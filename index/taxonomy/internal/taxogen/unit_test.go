package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/skillrank/skillrank/index/analysis"
	"github.com/skillrank/skillrank/index/taxonomy"
)

func TestTitleCase(t *testing.T) {
	for in, want := range map[string]string{
		"computer vision":                "Computer Vision",
		"field-programmable gate arrays": "Field-Programmable Gate Arrays",
		"ICT network routing":            "ICT Network Routing",
		"cURL":                           "cURL",
		"systems of the world":           "Systems of the World",
	} {
		if got := titleCase(in); got != want {
			t.Errorf("titleCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitParenthetical(t *testing.T) {
	name, abbr := splitParenthetical("Domain-driven design (DDD)")
	if name != "Domain-driven design" || abbr != "DDD" {
		t.Errorf("got %q, %q", name, abbr)
	}
	if name, abbr := splitParenthetical("Go"); name != "Go" || abbr != "" {
		t.Errorf("got %q, %q", name, abbr)
	}
}

func TestONetNames(t *testing.T) {
	rules := &Rules{ONet: ONetRule{
		GenericSuffixes: []string{"software", "compilers"},
		Vendors:         []string{"Microsoft", "The MathWorks"},
		KeepVendor:      []string{"Microsoft"},
		StrippedOK:      []string{"Excel"},
	}}
	words := &wordList{words: map[string]bool{"excel": true, "project": true}}
	b := newBuilder(analysis.New(0), rules, words, nil)
	cases := []struct {
		in, name string
		alias    string // one alias expected ("" for none)
	}{
		{"Structured query language SQL", "SQL", "Structured query language"},
		{"Low-level virtual machine LLVM compilers", "LLVM", "Low-level virtual machine"},
		{"Microsoft Visual Basic for Applications VBA", "VBA", "Microsoft Visual Basic for Applications"},
		{"A mathematical programming language AMPL", "AMPL", "A mathematical programming language"},
		{"Voice over internet protocol VoIP", "VoIP", "Voice over internet protocol"},
		{"JavaScript Object Notation JSON", "JSON", "JavaScript Object Notation"},
		{"Microsoft Excel", "Microsoft Excel", "Excel"},
		{"Microsoft Project", "Microsoft Project", ""},
		{"The MathWorks MATLAB", "MATLAB", "The MathWorks MATLAB"},
		{"Salesforce software", "Salesforce", ""},
	}
	for _, c := range cases {
		name, aliases, _ := b.onetNames(&onetProduct{name: c.in})
		if name != c.name {
			t.Errorf("%q: name %q, want %q", c.in, name, c.name)
		}
		if c.alias == "" && len(aliases) > 0 {
			t.Errorf("%q: aliases %q, want none", c.in, aliases)
		}
		if c.alias != "" && !contains(aliases, c.alias) {
			t.Errorf("%q: aliases %q lack %q", c.in, aliases, c.alias)
		}
	}
}

func TestNeedsGuard(t *testing.T) {
	an := analysis.New(0)
	key := func(s string) string { return strings.Join(an.Terms(s), " ") }
	words := &wordList{words: map[string]bool{"spark": true, "julia": true, "open": true, "statistics": true}}
	g := newGuarder(words, GuardRules{Words: []string{"loki"}, Unguarded: []string{"python"}, ContextOnly: []string{"statistics"}}, key)
	for text, want := range map[string]guardKind{
		"Spark":        guardCaseContext, // a word
		"Julia":        guardCaseContext, // a name
		"C":            guardCaseContext, // one letter
		"IR":           guardCaseContext, // two letters
		"Loki":         guardCaseContext, // listed
		"OpenAL":       guardCaseContext, // analyses like "open"
		"Statistics":   guardContext,     // concept noun
		"python":       guardNone,        // unguarded by rule
		"Apache Spark": guardNone,        // several words
		"CUDA":         guardNone,
		"C++":          guardNone,
	} {
		if got := g.needsGuard(text); got != want {
			t.Errorf("needsGuard(%q) = %v, want %v", text, got, want)
		}
	}
}

// newTestBuilder returns a builder with one category and no sources.
func newTestBuilder() *builder {
	return newBuilder(analysis.New(0), &Rules{Categories: []string{"Testing"}}, &wordList{words: map[string]bool{}}, nil)
}

func build(t *testing.T, b *builder, specs ...taxonomy.SkillSpec) error {
	t.Helper()
	for _, s := range specs {
		b.addCurated(s, "test.yaml")
	}
	b.finish(newGuarder(b.words, b.rules.Guards, b.key))
	return b.validate(b.file())
}

func TestValidationErrors(t *testing.T) {
	cases := []struct {
		name  string
		specs []taxonomy.SkillSpec
		amb   []taxonomy.AmbiguitySpec
		want  string
	}{
		{
			name: "shared alias",
			specs: []taxonomy.SkillSpec{
				{Name: "A", Category: "Testing", Aliases: []taxonomy.AliasSpec{{Text: "shared thing"}}},
				{Name: "B", Category: "Testing", Aliases: []taxonomy.AliasSpec{{Text: "shared things"}}},
			},
			want: `"share thing" belongs to`,
		},
		{
			name:  "missing relation target",
			specs: []taxonomy.SkillSpec{{Name: "A", Category: "Testing", Related: []taxonomy.RelationSpec{{Skill: "Nope", Weight: 0.5}}}},
			want:  `related skill "Nope" does not exist`,
		},
		{
			name: "bad weight",
			specs: []taxonomy.SkillSpec{
				{Name: "A", Category: "Testing", Related: []taxonomy.RelationSpec{{Skill: "B", Weight: 1.5}}},
				{Name: "B", Category: "Testing"},
			},
			want: "want (0,1]",
		},
		{
			name:  "self relation",
			specs: []taxonomy.SkillSpec{{Name: "A", Category: "Testing", Related: []taxonomy.RelationSpec{{Skill: "A", Weight: 0.5}}}},
			want:  "related to itself",
		},
		{
			name:  "unknown category",
			specs: []taxonomy.SkillSpec{{Name: "A", Category: "Cooking"}},
			want:  `category "Cooking" is not in the documented list`,
		},
		{
			name:  "missing broader",
			specs: []taxonomy.SkillSpec{{Name: "A", Category: "Testing", Broader: []string{"Nope"}}},
			want:  `broader skill "Nope" does not exist`,
		},
		{
			name: "broader cycle",
			specs: []taxonomy.SkillSpec{
				{Name: "A", Category: "Testing", Broader: []string{"B"}},
				{Name: "B", Category: "Testing", Broader: []string{"A"}},
			},
			want: "cycle",
		},
		{
			name:  "ambiguity without the alias",
			specs: []taxonomy.SkillSpec{{Name: "A", Category: "Testing"}, {Name: "B", Category: "Testing"}},
			amb:   []taxonomy.AmbiguitySpec{{Alias: "Zed", Candidates: []taxonomy.CandidateSpec{{Skill: "A", Cues: []string{"x"}}, {Skill: "B", Cues: []string{"y"}}}}},
			want:  `candidate "A" does not have this alias`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newTestBuilder()
			b.ambiguous = c.amb
			err := build(t, b, c.specs...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestDeclaredAmbiguityIsValid(t *testing.T) {
	b := newTestBuilder()
	b.ambiguous = []taxonomy.AmbiguitySpec{{Alias: "Zed", Candidates: []taxonomy.CandidateSpec{{Skill: "A", Cues: []string{"x"}}, {Skill: "B", Cues: []string{"y"}}}}}
	err := build(t, b,
		taxonomy.SkillSpec{Name: "A", Category: "Testing", Aliases: []taxonomy.AliasSpec{{Text: "Zed"}}},
		taxonomy.SkillSpec{Name: "B", Category: "Testing", Aliases: []taxonomy.AliasSpec{{Text: "Zed"}}},
	)
	if err != nil {
		t.Fatal(err)
	}
}

func TestSourceAliasCollisionDropped(t *testing.T) {
	b := newTestBuilder()
	b.addCurated(taxonomy.SkillSpec{Name: "Alpha", Category: "Testing"}, "test.yaml")
	b.add(candidate{source: srcExplore, name: "Beta", aliases: []string{"Alpha"}, category: "Testing", catPrio: prioExplore})
	b.finish(newGuarder(b.words, b.rules.Guards, b.key))
	f := b.file()
	if err := b.validate(f); err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Skills {
		if s.Name == "Beta" && len(s.Aliases) > 0 {
			t.Fatalf("Beta kept a colliding source alias: %+v", s.Aliases)
		}
	}
}

func TestRelationsListedOnceAndCapped(t *testing.T) {
	b := newTestBuilder()
	specs := []taxonomy.SkillSpec{{Name: "Hub", Category: "Testing"}}
	for i := 0; i < maxRelated+5; i++ {
		specs = append(specs, taxonomy.SkillSpec{Name: fmt.Sprintf("Leaf %d", i), Category: "Testing"})
	}
	for _, s := range specs {
		b.addCurated(s, "test.yaml")
	}
	hub := b.lookup("Hub")
	for _, s := range b.skills[1:] {
		b.relate(hub, s, 0.3, srcExplore, false)
		b.relate(s, hub, 0.2, srcExplore, false) // the same edge again, lighter
	}
	b.finish(newGuarder(b.words, b.rules.Guards, b.key))
	f := b.file()
	if err := b.validate(f); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range f.Skills {
		for _, r := range s.Related {
			if r.Weight != 0.3 {
				t.Errorf("%s–%s weight %v, want the heavier 0.3", s.Name, r.Skill, r.Weight)
			}
			n++
		}
	}
	if n != maxRelated {
		t.Errorf("%d edges kept, want %d", n, maxRelated)
	}
}

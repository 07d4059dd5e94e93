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

func TestIsInflection(t *testing.T) {
	for _, c := range []struct {
		form, word string
		want       bool
	}{
		{"spark", "sparked", true},
		{"spark", "sparks", true},
		{"log", "logged", true},
		{"profile", "profiling", true},
		{"containers", "container", true},
		{"pages", "paging", true},
		{"embeddings", "embedded", false},
		{"compilers", "compiled", false},
		{"electron", "electronic", false},
		{"virtualization", "virtual", false},
	} {
		if got := isInflection(c.form, c.word); got != c.want {
			t.Errorf("isInflection(%q, %q) = %v, want %v", c.form, c.word, got, c.want)
		}
	}
}

// testGuarder returns a guarder over a small word list.
func testGuarder(r GuardRules, words ...string) *guarder {
	an := analysis.New(0)
	key := func(s string) string { return strings.Join(an.Terms(s), " ") }
	w := &wordList{words: map[string]bool{}, forms: map[string]string{}}
	for _, x := range words {
		lw := strings.ToLower(x)
		w.words[lw] = true
		w.forms[lw] = x
	}
	return newGuarder(w, r, key)
}

func TestWordRules(t *testing.T) {
	g := testGuarder(GuardRules{Generic: []string{"profile", "rest"}},
		"embedded", "electronic", "rest", "open", "spark", "sparked", "pipeline", "Julia")
	for text, want := range map[string]string{
		"profiling": "profile", "Profiler": "profile", "REST": "rest", "REST APIs": "", "Spark": "",
	} {
		if got := g.genericWord(text); got != want {
			t.Errorf("genericWord(%q) = %q, want %q", text, got, want)
		}
	}
	for text, want := range map[string]bool{
		"Pipelines": true, "OpenAL": true, "Spark": true, "Julia": false, "LAMP": false, "Apache Spark": false,
	} {
		if got := g.ordinaryLike(text); got != want {
			t.Errorf("ordinaryLike(%q) = %v, want %v", text, got, want)
		}
	}
	for text, want := range map[string]bool{
		"Embeddings": true, "Electron": true, "Spark": false, "SPARK": false, "CUDA": false,
	} {
		if got := len(g.collisions(text)) > 0; got != want {
			t.Errorf("collisions(%q) = %v, want %v", text, g.collisions(text), want)
		}
	}
	for text, want := range map[string]bool{"aa": true, "II": true, "mma": true, "MMA": false, "k8s": false, "C#": false, "3D": false} {
		if got := short(text); got != want {
			t.Errorf("short(%q) = %v, want %v", text, got, want)
		}
	}
	for text, want := range map[string]bool{"IIS": true, "AWS": true, "CUDA": false, "Go": false} {
		if got := g.shrinks(text); got != want {
			t.Errorf("shrinks(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestSourceWordAliasesDropped: a source's word-like, generic and short
// aliases are dropped whatever their case; the name stays.
func TestSourceWordAliasesDropped(t *testing.T) {
	b := newTestBuilder()
	b.words = &wordList{words: map[string]bool{"rest": true, "pipeline": true, "lamp": true, "open": true}, forms: map[string]string{}}
	b.rules.Guards.Generic = []string{"pipeline", "rest"}
	b.add(candidate{source: srcExplore, name: "reStructuredText", aliases: []string{"REST", "RST markup", "aa", "mma"}, category: "Testing", catPrio: prioExplore})
	b.add(candidate{source: srcExplore, name: "LAMP Stack", aliases: []string{"LAMP", "Open"}, category: "Testing", catPrio: prioExplore})
	b.add(candidate{source: srcExplore, name: "WoodpeckerCI", aliases: []string{"Pipelines", "woodpecker-ci"}, category: "Testing", catPrio: prioExplore})
	b.finish(newGuarder(b.words, b.rules.Guards, b.key))
	f := b.file()
	if err := b.validate(f); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, s := range f.Skills {
		got[s.Name] = aliasTexts(s.Aliases)
	}
	if want := []string{"RST markup"}; strings.Join(got["reStructuredText"], ",") != strings.Join(want, ",") {
		t.Errorf("reStructuredText aliases %q, want %q", got["reStructuredText"], want)
	}
	// An acronym in capitals keeps a case guard that accepts only capitals.
	if want := []string{"LAMP"}; strings.Join(got["LAMP Stack"], ",") != strings.Join(want, ",") {
		t.Errorf("LAMP Stack aliases %q, want %q", got["LAMP Stack"], want)
	}
	if want := []string{"woodpecker-ci"}; strings.Join(got["WoodpeckerCI"], ",") != strings.Join(want, ",") {
		t.Errorf("WoodpeckerCI aliases %q, want %q", got["WoodpeckerCI"], want)
	}
}

func TestCuratedWordRuleErrors(t *testing.T) {
	cases := []struct {
		name string
		spec taxonomy.SkillSpec
		want string
	}{
		{"generic name", taxonomy.SkillSpec{Name: "Profiling", Category: "Testing"}, `analyses like the generic word "profile"`},
		{"generic alias", taxonomy.SkillSpec{Name: "Performance Profiling", Category: "Testing", Aliases: []taxonomy.AliasSpec{{Text: "profiler"}}}, `"profiler" analyses like the generic word`},
		{"collision", taxonomy.SkillSpec{Name: "Embeddings", Category: "Testing"}, `analyses like the unrelated word(s) "embedded"`},
		{"list word veto", taxonomy.SkillSpec{Name: "Go", Category: "Testing", Aliases: []taxonomy.AliasSpec{{Text: "Go", CaseSensitive: true, NeedsContext: true, NotAfter: []string{"to", "and"}}}}, `vetoes the list word "and"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newTestBuilder()
			b.words = &wordList{words: map[string]bool{"embedded": true, "profile": true}, forms: map[string]string{}}
			b.rules.Guards.Generic = []string{"profile"}
			err := build(t, b, c.spec)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// TestPruneRelations: source edges touching a language or a hub, or
// crossing categories, are dropped; the rest are capped; curated edges stay.
func TestPruneRelations(t *testing.T) {
	b := newBuilder(analysis.New(0), &Rules{Categories: []string{categoryLanguages, "Testing", "Web backend"},
		Relations: RelationRules{Hubs: []string{"Hub"}}}, &wordList{words: map[string]bool{}}, nil)
	for _, s := range []taxonomy.SkillSpec{
		{Name: "Lang A", Category: categoryLanguages, Related: []taxonomy.RelationSpec{{Skill: "Lang B", Weight: 0.4}}},
		{Name: "Lang B", Category: categoryLanguages},
		{Name: "Lang C", Category: categoryLanguages},
		{Name: "Hub", Category: "Testing"},
		{Name: "Tool A", Category: "Testing"},
		{Name: "Tool B", Category: "Testing"},
		{Name: "Server", Category: "Web backend"},
	} {
		b.addCurated(s, "test.yaml")
	}
	l := func(n string) *skill { return b.lookup(n) }
	b.relate(l("Lang B"), l("Lang C"), 0.4, srcExplore, false)
	b.relate(l("Lang A"), l("Tool A"), 0.4, srcExplore, false)
	b.relate(l("Hub"), l("Tool A"), 0.4, srcExplore, false)
	b.relate(l("Tool A"), l("Server"), 0.3, srcONet, false)
	b.relate(l("Tool A"), l("Tool B"), 0.6, srcExplore, false)
	b.finish(newGuarder(b.words, b.rules.Guards, b.key))
	f := b.file()
	if err := b.validate(f); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range f.Skills {
		for _, r := range s.Related {
			got = append(got, fmt.Sprintf("%s–%s %.1f", s.Name, r.Skill, r.Weight))
		}
	}
	want := []string{"Lang A–Lang B 0.4", "Tool A–Tool B 0.3"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("edges %q, want %q", got, want)
	}
}

// TestLooseGroupsAndLanguageBroader: source broader links to a loose
// group, and from a language to a non-language, are dropped.
func TestLooseGroupsAndLanguageBroader(t *testing.T) {
	b := newBuilder(analysis.New(0), &Rules{Categories: []string{categoryLanguages, "Testing"},
		Relations: RelationRules{LooseGroups: []string{"Frameworks"}}}, &wordList{words: map[string]bool{}}, nil)
	for _, s := range []taxonomy.SkillSpec{
		{Name: "Frameworks", Category: "Testing"},
		{Name: "Statistics Software", Category: "Testing"},
		{Name: "Lang", Category: categoryLanguages},
	} {
		b.addCurated(s, "test.yaml")
	}
	b.add(candidate{source: srcESCO, name: "Tool", category: "Testing", catPrio: prioESCO, broader: []string{"Frameworks"}})
	b.add(candidate{source: srcESCO, name: "Lang", broader: []string{"Statistics Software"}})
	b.finish(newGuarder(b.words, b.rules.Guards, b.key))
	for _, s := range b.file().Skills {
		if len(s.Broader) > 0 {
			t.Errorf("%s kept broader %v", s.Name, s.Broader)
		}
	}
}

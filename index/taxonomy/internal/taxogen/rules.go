package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"gopkg.in/yaml.v3"
)

// Rules are the hand-written selection rules applied to the public sources
// (curated/rules/*.yaml). Curated skills themselves are taxonomy files in
// curated/*.yaml; the rules only say which source rows to take, how to name
// and categorise them, and which of their aliases to drop.
type Rules struct {
	// Categories is the fixed category list; every skill must use one.
	Categories []string `yaml:"categories"`

	Guards    GuardRules    `yaml:"guards"`
	Relations RelationRules `yaml:"relations"`
	Linguist  LinguistRule  `yaml:"linguist"`
	Explore   ExploreRule   `yaml:"explore"`
	Devicon   DeviconRule   `yaml:"devicon"`
	Awesome   AwesomeRule   `yaml:"awesome"`
	ESCO      ESCORule      `yaml:"esco"`
	ONet      ONetRule      `yaml:"onet"`

	// DropAliases lists, per canonical skill name, alias texts (any source)
	// that are wrong for that skill.
	DropAliases map[string][]string `yaml:"drop_aliases"`
	// BlockAliases are alias texts never taken from a source for any skill
	// (generic words such as "software" that some source lists as a synonym).
	BlockAliases []string `yaml:"block_aliases"`
	// Categories of source skills by canonical name, for skills no source
	// categorises well.
	SkillCategories map[string]string `yaml:"skill_categories"`
}

// GuardRules tune the automatic guards for aliases that are ordinary words.
type GuardRules struct {
	// Words are treated as ordinary words although the word list lacks them.
	Words []string `yaml:"words"`
	// Unguarded are dictionary words that, in resumes and job ads, mean the
	// skill almost always (python, linux); they get no guard.
	Unguarded []string `yaml:"unguarded"`
	// ContextOnly are words written in lower case as the skill itself (concept
	// nouns such as "statistics", shell names such as "bash"): they get
	// context but no case guard, since their case says nothing.
	ContextOnly []string `yaml:"context_only"`
	// NotAfter is added, for every case-guarded word alias, to veto the match
	// when one of these words follows; NotBefore likewise.
	NotAfter  []string `yaml:"not_after"`
	NotBefore []string `yaml:"not_before"`
	// Generic is resume vocabulary that is never, by itself, evidence of a
	// skill ("profile", "test", "deploy", "network"): no one-word name or
	// alias may analyse like one of these words (so "profiling", which
	// stems like "profile", cannot be an alias either). A source alias
	// that does is dropped; a curated alias or a canonical name that does is
	// an error — rename the skill ("Performance Profiling") and give it
	// multi-word aliases.
	Generic []string `yaml:"generic"`
	// Collisions are one-word names and curated aliases reviewed and kept
	// although the matcher cannot tell them from an ordinary word: they
	// analyse like an unrelated word ("Compilers" like "compiled",
	// "Virtualization" like "virtual"), or they are a lower-case alias that
	// is itself a word ("torch", "gawk"). The other sense is rare in
	// resumes, or the alias's guards (case, vetoes) separate the two. Any
	// other such form is an error.
	Collisions []string `yaml:"collisions"`
}

// RelationRules shape the related and broader edges taken from sources.
type RelationRules struct {
	// Hubs are broad fields (Computer Science, Machine Learning): they take
	// part in broader links only, never in related edges, so that they do
	// not relay credit between everything beneath them.
	Hubs []string `yaml:"hubs"`
	// DropBroader lists, per skill, source broader links that are wrong
	// (not is-a or part-of).
	DropBroader map[string][]string `yaml:"drop_broader"`
	// LooseGroups are skills that sources use as catch-all parents of
	// unlike things (ESCO "software frameworks": Hadoop, Ajax, Oracle ADF):
	// every source broader link to them is dropped, since the engine gives
	// siblings under a parent a little credit for each other.
	LooseGroups []string `yaml:"loose_groups"`
}

// LinguistRule selects languages from linguist's languages.yml.
type LinguistRule struct {
	// Include lists data, markup and prose entries to take (programming
	// languages are taken unless excluded).
	Include []string `yaml:"include"`
	// Exclude lists programming languages to skip (obscure, or ordinary words
	// nobody writes as a skill).
	Exclude []string          `yaml:"exclude"`
	Rename  map[string]string `yaml:"rename"`
}

// ExploreRule selects GitHub Explore topics.
type ExploreRule struct {
	// Exclude lists topics that are not skills (games, events, communities).
	Exclude []string          `yaml:"exclude"`
	Rename  map[string]string `yaml:"rename"`
	// Categories gives a category per topic for topics no other source covers.
	Categories map[string]string `yaml:"categories"`
	// DropRelated lists topics whose "related" list is too loose to use.
	DropRelated []string `yaml:"drop_related"`
	// DropAliasSuffixes: a topic alias slug whose last part is one of these
	// ("tensorflow-examples", "jekyll-themes") names content about the
	// skill, not the skill.
	DropAliasSuffixes []string `yaml:"drop_alias_suffixes"`
}

// DeviconRule maps devicon tags to categories; devicon adds aliases to
// skills other sources define and creates none.
type DeviconRule struct {
	TagCategories map[string]string `yaml:"tag_categories"`
	// Names maps devicon slugs to canonical names where the slug alone does
	// not find the skill ("amazonwebservices": "Amazon Web Services").
	Names map[string]string `yaml:"names"`
}

// AwesomeRule maps awesome-production-machine-learning sections.
type AwesomeRule struct {
	SectionCategories map[string]string `yaml:"section_categories"`
	// SectionBroader gives the broader skill of every tool in a section.
	SectionBroader map[string]string `yaml:"section_broader"`
	Exclude        []string          `yaml:"exclude"`
	Rename         map[string]string `yaml:"rename"`
	Categories     map[string]string `yaml:"categories"`
}

// ESCORule selects ESCO knowledge concepts.
type ESCORule struct {
	// BroaderCategories maps an ESCO broader-concept label to our category;
	// a knowledge concept is taken when one of its broader labels is mapped
	// (the first mapped one gives the category).
	BroaderCategories map[string]string `yaml:"broader_categories"`
	// Include takes concepts by preferred label regardless of broader
	// (value: category).
	Include map[string]string `yaml:"include"`
	// Exclude skips concepts by preferred label.
	Exclude []string          `yaml:"exclude"`
	Rename  map[string]string `yaml:"rename"`
	// NoAliases lists concepts whose altLabels are lists of tools or
	// narrower topics rather than synonyms.
	NoAliases []string `yaml:"no_aliases"`
	// AliasNoise are words that mark an altLabel as a paraphrase rather than
	// a name ("techniques", "principles of", ...).
	AliasNoise []string `yaml:"alias_noise"`
}

// ONetRule selects O*NET Technology Skills products.
type ONetRule struct {
	// CommodityCategories maps a UNSPSC commodity title to our category;
	// products of unmapped commodities are skipped.
	CommodityCategories map[string]string `yaml:"commodity_categories"`
	// CommodityBroader maps a commodity title to a broader skill.
	CommodityBroader map[string]string `yaml:"commodity_broader"`
	// TechOccupations are O*NET-SOC code prefixes of technical occupations.
	TechOccupations []string `yaml:"tech_occupations"`
	// MinTechOccupations: a product not marked Hot or In Demand is taken when
	// it is listed for at least this many technical occupations, or for one
	// technical occupation and MinOccupations occupations in all.
	MinTechOccupations int `yaml:"min_tech_occupations"`
	MinOccupations     int `yaml:"min_occupations"`
	// MinCooccurOccupations and MinJaccard select co-occurrence relations.
	MinCooccurOccupations int     `yaml:"min_cooccur_occupations"`
	MinJaccard            float64 `yaml:"min_jaccard"`
	// Vendors are company names that prefix product names ("Microsoft
	// Excel"); KeepVendor lists those kept in the canonical name (the
	// others are dropped: "The MathWorks MATLAB" is MATLAB).
	Vendors    []string `yaml:"vendors"`
	KeepVendor []string `yaml:"keep_vendor"`
	// Rename gives the canonical name of a product (wins over the automatic
	// shortening); Include takes a product the thresholds would skip;
	// Exclude skips one.
	Rename  map[string]string `yaml:"rename"`
	Include []string          `yaml:"include"`
	Exclude []string          `yaml:"exclude"`
	// GenericSuffixes are trailing words dropped from product names
	// ("software", "compilers").
	GenericSuffixes []string `yaml:"generic_suffixes"`
	// StrippedOK are vendor-stripped names that are ordinary words but still
	// good (guarded) aliases: "Excel" for Microsoft Excel.
	StrippedOK []string `yaml:"stripped_ok"`
}

// loadRules reads every *.yaml file in dir into one Rules value. Lists are
// concatenated and maps merged; a key defined twice is an error.
func loadRules(dir string) (*Rules, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no rule files (*.yaml)", dir)
	}
	sort.Strings(paths)
	var all Rules
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var r Rules
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&r); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if err := mergeRules(&all, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return &all, nil
}

func mergeRules(dst, src *Rules) error {
	var err error
	setErr := func(e error) {
		if err == nil {
			err = e
		}
	}
	dst.Categories = append(dst.Categories, src.Categories...)
	dst.Guards.Words = append(dst.Guards.Words, src.Guards.Words...)
	dst.Guards.Unguarded = append(dst.Guards.Unguarded, src.Guards.Unguarded...)
	dst.Guards.ContextOnly = append(dst.Guards.ContextOnly, src.Guards.ContextOnly...)
	dst.Guards.NotAfter = append(dst.Guards.NotAfter, src.Guards.NotAfter...)
	dst.Guards.NotBefore = append(dst.Guards.NotBefore, src.Guards.NotBefore...)
	dst.Guards.Generic = append(dst.Guards.Generic, src.Guards.Generic...)
	dst.Guards.Collisions = append(dst.Guards.Collisions, src.Guards.Collisions...)
	dst.Relations.Hubs = append(dst.Relations.Hubs, src.Relations.Hubs...)
	dst.Relations.LooseGroups = append(dst.Relations.LooseGroups, src.Relations.LooseGroups...)
	if dst.Relations.DropBroader == nil {
		dst.Relations.DropBroader = map[string][]string{}
	}
	for k, v := range src.Relations.DropBroader {
		dst.Relations.DropBroader[k] = append(dst.Relations.DropBroader[k], v...)
	}

	dst.Linguist.Include = append(dst.Linguist.Include, src.Linguist.Include...)
	dst.Linguist.Exclude = append(dst.Linguist.Exclude, src.Linguist.Exclude...)
	setErr(mergeMap(&dst.Linguist.Rename, src.Linguist.Rename, "linguist.rename"))

	dst.Explore.Exclude = append(dst.Explore.Exclude, src.Explore.Exclude...)
	dst.Explore.DropRelated = append(dst.Explore.DropRelated, src.Explore.DropRelated...)
	dst.Explore.DropAliasSuffixes = append(dst.Explore.DropAliasSuffixes, src.Explore.DropAliasSuffixes...)
	setErr(mergeMap(&dst.Explore.Rename, src.Explore.Rename, "explore.rename"))
	setErr(mergeMap(&dst.Explore.Categories, src.Explore.Categories, "explore.categories"))

	setErr(mergeMap(&dst.Devicon.TagCategories, src.Devicon.TagCategories, "devicon.tag_categories"))
	setErr(mergeMap(&dst.Devicon.Names, src.Devicon.Names, "devicon.names"))

	dst.Awesome.Exclude = append(dst.Awesome.Exclude, src.Awesome.Exclude...)
	setErr(mergeMap(&dst.Awesome.SectionCategories, src.Awesome.SectionCategories, "awesome.section_categories"))
	setErr(mergeMap(&dst.Awesome.SectionBroader, src.Awesome.SectionBroader, "awesome.section_broader"))
	setErr(mergeMap(&dst.Awesome.Rename, src.Awesome.Rename, "awesome.rename"))
	setErr(mergeMap(&dst.Awesome.Categories, src.Awesome.Categories, "awesome.categories"))

	dst.ESCO.Exclude = append(dst.ESCO.Exclude, src.ESCO.Exclude...)
	dst.ESCO.NoAliases = append(dst.ESCO.NoAliases, src.ESCO.NoAliases...)
	dst.ESCO.AliasNoise = append(dst.ESCO.AliasNoise, src.ESCO.AliasNoise...)
	setErr(mergeMap(&dst.ESCO.BroaderCategories, src.ESCO.BroaderCategories, "esco.broader_categories"))
	setErr(mergeMap(&dst.ESCO.Include, src.ESCO.Include, "esco.include"))
	setErr(mergeMap(&dst.ESCO.Rename, src.ESCO.Rename, "esco.rename"))

	o, so := &dst.ONet, &src.ONet
	setErr(mergeMap(&o.CommodityCategories, so.CommodityCategories, "onet.commodity_categories"))
	setErr(mergeMap(&o.CommodityBroader, so.CommodityBroader, "onet.commodity_broader"))
	setErr(mergeMap(&o.Rename, so.Rename, "onet.rename"))
	o.TechOccupations = append(o.TechOccupations, so.TechOccupations...)
	o.Vendors = append(o.Vendors, so.Vendors...)
	o.KeepVendor = append(o.KeepVendor, so.KeepVendor...)
	o.Include = append(o.Include, so.Include...)
	o.Exclude = append(o.Exclude, so.Exclude...)
	o.GenericSuffixes = append(o.GenericSuffixes, so.GenericSuffixes...)
	o.StrippedOK = append(o.StrippedOK, so.StrippedOK...)
	if so.MinTechOccupations != 0 {
		o.MinTechOccupations = so.MinTechOccupations
	}
	if so.MinOccupations != 0 {
		o.MinOccupations = so.MinOccupations
	}
	if so.MinCooccurOccupations != 0 {
		o.MinCooccurOccupations = so.MinCooccurOccupations
	}
	if so.MinJaccard != 0 {
		o.MinJaccard = so.MinJaccard
	}

	dst.BlockAliases = append(dst.BlockAliases, src.BlockAliases...)
	if dst.DropAliases == nil {
		dst.DropAliases = map[string][]string{}
	}
	for k, v := range src.DropAliases {
		dst.DropAliases[k] = append(dst.DropAliases[k], v...)
	}
	setErr(mergeMap(&dst.SkillCategories, src.SkillCategories, "skill_categories"))
	return err
}

func mergeMap(dst *map[string]string, src map[string]string, what string) error {
	if *dst == nil {
		*dst = map[string]string{}
	}
	for k, v := range src {
		if old, ok := (*dst)[k]; ok && old != v {
			return fmt.Errorf("%s: %q set twice (%q, %q)", what, k, old, v)
		}
		(*dst)[k] = v
	}
	return nil
}

// set returns a lookup set of ss (exact strings).
func set(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

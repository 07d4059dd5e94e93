package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/skillrank/skillrank/index/analysis"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// Source names, in the order the generator applies them: an earlier source
// names a skill, a later one merges into it.
const (
	srcCurated  = "curated"
	srcLinguist = "linguist"
	srcAwesome  = "awesome-production-ml"
	srcExplore  = "github-explore"
	srcESCO     = "esco"
	srcONet     = "onet"
	srcDevicon  = "devicon"
	// srcDerived marks aliases the generator derives from a canonical name
	// (see deriveAliases); they count as source aliases.
	srcDerived = "derived"
)

// Category priorities: a higher one replaces a lower one.
const (
	prioNone = iota
	prioInferred
	prioESCO
	prioONet
	prioDevicon
	prioExplore
	prioAwesome
	prioLinguist
	prioRule
	prioCurated
)

// candidate is one skill as a source describes it.
type candidate struct {
	source   string
	name     string
	aliases  []string
	category string
	catPrio  int
	// mergeKeys are extra surface forms that identify an existing skill
	// (the short form of an O*NET product name).
	mergeKeys []string
	broader   []string
	// createOnly false: the candidate only enriches an existing skill.
	enrichOnly bool
}

type alias struct {
	spec    taxonomy.AliasSpec
	curated bool
	source  string
}

type skill struct {
	name        string
	key         string
	curated     bool
	category    string
	catPrio     int
	aliases     []*alias // in insertion order; may include one entry whose text is the name
	broader     []string // surface forms, resolved at the end
	curBroader  []string // curated broader (must resolve)
	sources     map[string]bool
	removed     bool
	order       int
	related     []taxonomy.RelationSpec // curated relations as written
	explicitCat bool
}

// builder accumulates skills from all sources.
type builder struct {
	an     *analysis.Analyzer
	rules  *Rules
	log    io.Writer
	skills []*skill
	// index maps an analysed form (name or alias) to the skills holding it.
	index map[string][]*skill
	// removed holds analysed forms of names to leave out.
	removed map[string]bool
	// edges between skills; see relations.go.
	edges map[[2]*skill]edge
	// pending relations by surface form, resolved after merging.
	pendingRel []pendingRel
	ambiguous  []taxonomy.AmbiguitySpec
	errs       []string
	words      *wordList
	// hubs are the skills named in relations.hubs (set by pruneRelations).
	hubs map[*skill]bool
}

func newBuilder(an *analysis.Analyzer, rules *Rules, words *wordList, log io.Writer) *builder {
	return &builder{
		an:      an,
		rules:   rules,
		log:     log,
		index:   map[string][]*skill{},
		removed: map[string]bool{},
		edges:   map[[2]*skill]edge{},
		words:   words,
	}
}

func (b *builder) errorf(format string, args ...any) {
	b.errs = append(b.errs, fmt.Sprintf(format, args...))
}

func (b *builder) logf(format string, args ...any) {
	if b.log != nil {
		fmt.Fprintf(b.log, format+"\n", args...)
	}
}

// key is the analysed form of a surface form: the terms the matcher uses.
func (b *builder) key(s string) string {
	return strings.Join(b.an.Terms(s), " ")
}

func (b *builder) addIndex(k string, s *skill) {
	if k == "" {
		return
	}
	for _, o := range b.index[k] {
		if o == s {
			return
		}
	}
	b.index[k] = append(b.index[k], s)
}

// lookup returns the live skill holding form s, preferring the one named
// s, then one whose name analyses like s ("Puppet" and "Puppeteer" share
// a form).
func (b *builder) lookup(s string) *skill {
	k := b.key(s)
	if o := b.exactName(k, s); o != nil {
		return o
	}
	var first *skill
	for _, o := range b.index[k] {
		if o.removed {
			continue
		}
		if o.key == k {
			return o
		}
		if first == nil {
			first = o
		}
	}
	return first
}

// exactName returns the live skill of form k named s (case-insensitively).
func (b *builder) exactName(k, s string) *skill {
	for _, o := range b.index[k] {
		if !o.removed && strings.EqualFold(o.name, strings.TrimSpace(s)) {
			return o
		}
	}
	return nil
}

// lookupUnique is lookup that refuses forms held by several skills.
func (b *builder) lookupUnique(s string) *skill {
	k := b.key(s)
	if o := b.exactName(k, s); o != nil {
		return o
	}
	var found *skill
	for _, o := range b.index[k] {
		if o.removed {
			continue
		}
		if o.key == k {
			return o
		}
		if found != nil && found != o {
			return nil
		}
		found = o
	}
	return found
}

// addCurated adds a hand-written skill. Curated skills come first and are
// never merged: a name defined twice is an error.
func (b *builder) addCurated(spec taxonomy.SkillSpec, file string) {
	name := strings.TrimSpace(spec.Name)
	if name == "" {
		b.errorf("%s: a skill has no name", file)
		return
	}
	k := b.key(name)
	var s *skill
	for _, o := range b.index[k] {
		if o.curated && o.key == k {
			s = o // a second curated entry adds to the first
		}
	}
	switch {
	case s == nil:
		s = &skill{name: name, key: k, curated: true, sources: map[string]bool{srcCurated: true}, order: len(b.skills)}
		b.skills = append(b.skills, s)
		b.addIndex(k, s)
	case s.name != name && !strings.EqualFold(s.name, name) && b.isAmbiguous(k):
		// Two skills whose names analyse alike ("Puppet", "Puppeteer"),
		// declared ambiguous: keep both.
		s = &skill{name: name, key: k, curated: true, sources: map[string]bool{srcCurated: true}, order: len(b.skills)}
		b.skills = append(b.skills, s)
		b.addIndex(k, s)
	case s.name != name:
		b.errorf("%s: skill %q is also written %q", file, name, s.name)
		return
	}
	if spec.Category != "" {
		if s.explicitCat && s.category != spec.Category {
			b.errorf("%s: skill %q has two categories: %q and %q", file, name, s.category, spec.Category)
		}
		s.category, s.catPrio, s.explicitCat = spec.Category, prioCurated, true
	}
	for _, a := range spec.Aliases {
		a.Text = strings.TrimSpace(a.Text)
		if a.Text == "" {
			b.errorf("%s: %s: empty alias", file, name)
			continue
		}
		s.aliases = append(s.aliases, &alias{spec: a, curated: true, source: srcCurated})
	}
	s.curBroader = append(s.curBroader, spec.Broader...)
	s.related = append(s.related, spec.Related...)
	for _, a := range s.aliases {
		b.addIndex(b.key(a.spec.Text), s)
	}
}

// add merges a source candidate into the skill it names, or creates one.
// It returns the skill (nil when the candidate was dropped).
func (b *builder) add(c candidate) *skill {
	c.name = strings.TrimSpace(c.name)
	if c.name == "" {
		return nil
	}
	k := b.key(c.name)
	if k == "" || b.removed[k] {
		return nil
	}
	s := b.lookup(c.name)
	if s != nil && b.isAmbiguous(k) {
		// The form is shared by several skills: merge only by exact name.
		s = nil
		for _, o := range b.index[k] {
			if !o.removed && strings.EqualFold(o.name, c.name) {
				s = o
			}
		}
	}
	if s == nil {
		for _, m := range c.mergeKeys {
			if b.removed[b.key(m)] {
				return nil
			}
			if s = b.lookup(m); s != nil {
				break
			}
		}
	}
	if s == nil {
		if c.enrichOnly {
			return nil
		}
		s = &skill{name: c.name, key: k, sources: map[string]bool{}, order: len(b.skills)}
		b.skills = append(b.skills, s)
		b.addIndex(k, s)
	}
	s.sources[c.source] = true
	if c.category != "" && c.catPrio > s.catPrio {
		s.category, s.catPrio = c.category, c.catPrio
	}
	block := set(b.rules.BlockAliases)
	for _, t := range append([]string{c.name}, c.aliases...) {
		t = strings.TrimSpace(t)
		if t == "" || block[strings.ToLower(t)] {
			continue
		}
		ak := b.key(t)
		if ak == "" || ak == s.key {
			continue
		}
		if s.hasAliasKey(b, ak) {
			continue
		}
		s.aliases = append(s.aliases, &alias{spec: taxonomy.AliasSpec{Text: t}, source: c.source})
		b.addIndex(ak, s)
	}
	s.broader = append(s.broader, c.broader...)
	return s
}

func (s *skill) hasAliasKey(b *builder, k string) bool {
	for _, a := range s.aliases {
		if b.key(a.spec.Text) == k {
			return true
		}
	}
	return false
}

// live returns the skills not removed, in a stable order.
func (b *builder) live() []*skill {
	out := make([]*skill, 0, len(b.skills))
	for _, s := range b.skills {
		if !s.removed {
			out = append(out, s)
		}
	}
	return out
}

// dropRuleAliases removes the aliases the rules name as wrong.
func (b *builder) dropRuleAliases() {
	for name, texts := range b.rules.DropAliases {
		s := b.lookup(name)
		if s == nil || s.key != b.key(name) {
			b.errorf("rules: drop_aliases: no skill named %q", name)
			continue
		}
		drop := map[string]bool{}
		for _, t := range texts {
			drop[b.key(t)] = true
		}
		kept := s.aliases[:0]
		for _, a := range s.aliases {
			if drop[b.key(a.spec.Text)] && !a.curated {
				continue
			}
			kept = append(kept, a)
		}
		s.aliases = kept
	}
}

// resolveCollisions makes every analysed form belong to one skill unless it
// is declared ambiguous. A canonical name or a curated alias keeps its form;
// a source alias that collides with one of them, or with another source
// alias, is dropped.
func (b *builder) resolveCollisions() {
	declared := map[string]bool{}
	for _, am := range b.ambiguous {
		declared[b.key(am.Alias)] = true
	}
	type holder struct {
		s     *skill
		kind  int // 2 name, 1 curated alias, 0 source alias
		alias *alias
	}
	owners := map[string][]holder{}
	var keys []string
	for _, s := range b.live() {
		seen := map[string]bool{s.key: true}
		if len(owners[s.key]) == 0 {
			keys = append(keys, s.key)
		}
		owners[s.key] = append(owners[s.key], holder{s: s, kind: 2})
		for _, a := range s.aliases {
			k := b.key(a.spec.Text)
			if seen[k] {
				continue
			}
			seen[k] = true
			kind := 0
			if a.curated {
				kind = 1
			}
			if len(owners[k]) == 0 {
				keys = append(keys, k)
			}
			owners[k] = append(owners[k], holder{s: s, kind: kind, alias: a})
		}
	}
	sort.Strings(keys)
	drop := map[*alias]bool{}
	for _, k := range keys {
		hs := owners[k]
		if len(hs) < 2 || declared[k] {
			continue
		}
		strong := 0
		var names []string
		for _, h := range hs {
			names = append(names, h.s.name)
			if h.kind > 0 {
				strong++
			}
		}
		if strong > 1 {
			b.errorf("form %q belongs to %s: declare it in \"ambiguous\" or drop it", k, strings.Join(quoted(names), ", "))
			continue
		}
		for _, h := range hs {
			if h.kind == 0 {
				drop[h.alias] = true
			}
		}
		if strong == 0 {
			b.logf("dropped colliding source alias %q of %s", k, strings.Join(quoted(names), ", "))
		}
	}
	for _, s := range b.live() {
		kept := s.aliases[:0]
		for _, a := range s.aliases {
			if !drop[a] {
				kept = append(kept, a)
			}
		}
		s.aliases = kept
	}
}

func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// deriveAliases adds the short forms people write for two kinds of names:
//   - a vendor-prefixed product is also written without the vendor
//     ("Apache Cassandra" → "Cassandra"), unless that leaves only ordinary
//     words not listed in onet.stripped_ok ("Microsoft Project" and "SAP
//     Data Services" keep only their full names);
//   - a ".js" library is also written "XJS" and "X JS" ("Vue.js" → "VueJS").
func (b *builder) deriveAliases() {
	strippedOK := set(b.rules.ONet.StrippedOK)
	vendors := append([]string(nil), b.rules.ONet.Vendors...)
	// Longest vendor first: "Amazon Web Services" before "Amazon".
	sort.SliceStable(vendors, func(i, j int) bool { return len(vendors[i]) > len(vendors[j]) })
	for _, s := range b.live() {
		var forms []string
		for _, v := range vendors {
			rest, ok := strings.CutPrefix(s.name, v+" ")
			if !ok {
				continue
			}
			rest = strings.TrimSpace(rest)
			if rest != "" && (strippedOK[rest] || !b.allOrdinary(rest)) && len(rest) > 2 {
				forms = append(forms, rest)
			} else if rest != "" {
				b.logf("no short form %q for %q: ordinary words", rest, s.name)
			}
			break
		}
		if base, ok := strings.CutSuffix(s.name, ".js"); ok && base != "" && !strings.Contains(base, " ") {
			forms = append(forms, base+"JS", base+" JS")
		}
		for _, f := range forms {
			if k := b.key(f); k != "" && k != s.key && !s.hasAliasKey(b, k) {
				s.aliases = append(s.aliases, &alias{spec: taxonomy.AliasSpec{Text: f}, source: srcDerived})
			}
		}
	}
}

// allOrdinary reports whether every word of text is an ordinary English
// word ("Data Services", "Cloud Platform", "Project"): such a vendor-less
// form names nothing in particular.
func (b *builder) allOrdinary(text string) bool {
	words := strings.Fields(text)
	for _, w := range words {
		lw := strings.ToLower(w)
		if !plainOrCapitalised(w) || !b.words.has(lw) || !b.words.ordinary(lw) {
			return false
		}
	}
	return len(words) > 0
}

// isAmbiguous reports whether analysed form k is declared ambiguous.
func (b *builder) isAmbiguous(k string) bool {
	for _, am := range b.ambiguous {
		if b.key(am.Alias) == k {
			return true
		}
	}
	return false
}

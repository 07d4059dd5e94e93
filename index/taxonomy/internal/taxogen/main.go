// Command taxogen builds skillrank's embedded default taxonomy
// (index/taxonomy/data/taxonomy.json) from the public sources copied under
// index/taxonomy/sources, the selection rules in index/taxonomy/curated/rules
// and the hand-written skills in index/taxonomy/curated/*.yaml.
//
// Run it from the repository root:
//
//	go run ./index/taxonomy/internal/taxogen          # regenerate
//	go run ./index/taxonomy/internal/taxogen -check   # fail if the file is stale
//	go run ./index/taxonomy/internal/taxogen -audit testdata/profiles testdata/jobs
//	                                                  # per skill, the surfaces it matches
//
// The output is sorted, so a regeneration is reviewed as a diff. The
// generator validates the result (unique names, no unresolved alias
// collisions, existing relation targets, weights in (0,1], documented
// categories, the precision rules of guard.go and the relation rules of
// relations.go) and exits non-zero, writing nothing, on any violation.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/skillrank/skillrank/index/analysis"
	"github.com/skillrank/skillrank/index/taxonomy"
	"gopkg.in/yaml.v3"
)

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // validation failed, or -check found a stale file
	exitUsage   = 2
)

type options struct {
	sources string
	curated string
	out     string
	check   bool
	verbose bool
	stats   bool
	// dictWords and dictNames, when set, are full word lists used instead
	// of the committed subset: lower-case entries of dictWords are ordinary
	// words, capitalised entries of dictNames are names. The subset this
	// build needs is then rewritten.
	dictWords, dictNames string
	// audit: build, then run the extractor over the files under the
	// arguments and print the surfaces matched per skill (audit.go).
	audit bool
	show  string // comma-separated skill names whose mentions -audit prints in context
	// auditFile, when set, is a taxonomy file (JSON or YAML) to audit
	// instead of a fresh build: compare a committed version with the
	// working tree.
	auditFile string
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("taxogen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.sources, "sources", "index/taxonomy/sources", "directory of the source data files")
	fs.StringVar(&o.curated, "curated", "index/taxonomy/curated", "directory of curated skills (*.yaml) and rules (rules/*.yaml)")
	fs.StringVar(&o.out, "out", "index/taxonomy/data/taxonomy.json", "output file")
	fs.BoolVar(&o.check, "check", false, "do not write; exit 1 if the output file differs from a fresh build")
	fs.BoolVar(&o.verbose, "v", false, "log merge and drop decisions to stderr")
	fs.BoolVar(&o.stats, "stats", true, "print counts to stderr")
	fs.StringVar(&o.dictWords, "dict-words", "", "full list of ordinary words (e.g. /usr/share/dict/american-english-small); with -dict-names, rewrites sources/wordlist")
	fs.StringVar(&o.dictNames, "dict-names", "", "full list whose capitalised entries are names (e.g. /usr/share/dict/american-english)")
	fs.BoolVar(&o.audit, "audit", false, "do not write; extract skills from the files under the DIR arguments and print each skill's matched surfaces")
	fs.StringVar(&o.auditFile, "audit-taxonomy", "", "with -audit: audit this taxonomy file instead of a fresh build")
	fs.StringVar(&o.show, "audit-show", "", "with -audit: comma-separated skill names whose every mention is printed in context")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if o.audit && fs.NArg() == 0 {
		fmt.Fprintln(stderr, "taxogen: -audit needs at least one directory or file")
		return exitUsage
	}
	if fs.NArg() > 0 && !o.audit {
		fmt.Fprintf(stderr, "taxogen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	var log io.Writer
	if o.verbose {
		log = stderr
	}
	if o.audit && o.auditFile != "" {
		data, err := os.ReadFile(o.auditFile)
		if err == nil {
			var f taxonomy.File
			if f, _, err = taxonomy.ParseFile(o.auditFile, data); err == nil {
				err = audit(f, fs.Args(), splitList(o.show), stdout, stderr)
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "taxogen: audit: %v\n", err)
			return exitInvalid
		}
		return exitOK
	}
	f, st, err := generate(o, log)
	if err != nil {
		fmt.Fprintf(stderr, "taxogen: %v\n", err)
		return exitInvalid
	}
	if o.stats {
		fmt.Fprintln(stderr, st)
	}
	if o.audit {
		if err := audit(f, fs.Args(), splitList(o.show), stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "taxogen: audit: %v\n", err)
			return exitInvalid
		}
		return exitOK
	}
	data := encode(f)
	if o.check {
		old, err := os.ReadFile(o.out)
		if err != nil {
			fmt.Fprintf(stderr, "taxogen: %v\n", err)
			return exitInvalid
		}
		if !bytes.Equal(old, data) {
			fmt.Fprintf(stderr, "taxogen: %s is stale: run go run ./index/taxonomy/internal/taxogen\n", o.out)
			return exitInvalid
		}
		return exitOK
	}
	if err := writeFileAtomic(o.out, data); err != nil {
		fmt.Fprintf(stderr, "taxogen: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

// splitList splits a comma-separated flag value.
func splitList(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// generate builds and validates the taxonomy.
func generate(o options, log io.Writer) (taxonomy.File, stats, error) {
	sourcesDir, curatedDir := o.sources, o.curated
	rules, err := loadRules(filepath.Join(curatedDir, "rules"))
	if err != nil {
		return taxonomy.File{}, stats{}, err
	}
	subset := filepath.Join(sourcesDir, "wordlist", fileWordList)
	full := o.dictWords != "" || o.dictNames != ""
	if full && (o.dictWords == "" || o.dictNames == "") {
		return taxonomy.File{}, stats{}, errors.New("-dict-words and -dict-names go together")
	}
	words := &wordList{}
	if full {
		err = readWordList(words, o.dictWords, entriesWords)
		if err == nil {
			err = readWordList(words, o.dictNames, entriesNames|entriesRare)
		}
		words.asked = map[string]bool{}
	} else {
		err = readWordList(words, subset, entriesWords|entriesNames)
		if err == nil {
			err = readWordList(words, rarePath(subset), entriesRare)
		}
	}
	if err != nil {
		return taxonomy.File{}, stats{}, err
	}
	curated, err := loadCurated(curatedDir)
	if err != nil {
		return taxonomy.File{}, stats{}, err
	}
	b := newBuilder(analysis.New(0), rules, words, log)
	for _, cf := range curated {
		for _, name := range cf.file.Remove {
			b.removed[b.key(name)] = true
		}
		b.ambiguous = append(b.ambiguous, cf.file.Ambiguous...)
	}
	for _, cf := range curated {
		for _, s := range cf.file.Skills {
			b.addCurated(s, cf.path)
		}
	}
	steps := []struct {
		name string
		fn   func(string) error
	}{
		{srcLinguist, b.addLinguist},
		{srcAwesome, b.addAwesome},
		{srcExplore, b.addExplore},
		{srcESCO, b.addESCO},
		{srcONet, b.addONet},
		{srcDevicon, b.addDevicon},
	}
	for _, st := range steps {
		if err := st.fn(sourcesDir); err != nil {
			return taxonomy.File{}, stats{}, fmt.Errorf("%s: %w", st.name, err)
		}
	}
	b.finish(newGuarder(words, rules.Guards, b.key))
	f := b.file()
	if err := b.validate(f); err != nil {
		return taxonomy.File{}, stats{}, err
	}
	if full && !o.check {
		if err := writeWordSubset(subset, words); err != nil {
			return taxonomy.File{}, stats{}, err
		}
	}
	return f, b.stats(f), nil
}

type curatedFile struct {
	path string
	file taxonomy.File
}

// loadCurated reads curated/*.yaml (taxonomy files) in name order.
func loadCurated(dir string) ([]curatedFile, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []curatedFile
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var f taxonomy.File
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if f.Version != 0 && f.Version != taxonomy.FileVersion {
			return nil, fmt.Errorf("%s: version %d, want %d", p, f.Version, taxonomy.FileVersion)
		}
		out = append(out, curatedFile{path: p, file: f})
	}
	return out, nil
}

// finish runs the steps after all sources are in: rule-based drops,
// collision resolution, guards, relations, categories and broader links.
func (b *builder) finish(g *guarder) {
	b.deriveAliases()
	b.dropRuleAliases()
	for name, cat := range b.rules.SkillCategories {
		s := b.lookup(name)
		if s == nil || s.key != b.key(name) {
			b.errorf("rules: skill_categories: no skill named %q", name)
			continue
		}
		if !s.explicitCat {
			s.category, s.catPrio = cat, prioRule
		}
	}
	b.resolveCollisions()
	b.applyGuards(g)
	b.reindex()
	for _, s := range b.live() {
		for _, r := range s.related {
			b.pendingRel = append(b.pendingRel, pendingRel{from: s, to: r.Skill, weight: r.Weight, source: srcCurated, curated: true})
			if !(r.Weight > 0 && r.Weight <= 1) {
				b.errorf("%s: relation to %q has weight %v, want (0,1]", s.name, r.Skill, r.Weight)
			}
		}
	}
	b.resolvePending()
	b.resolveBroader()
	b.inferCategories()
	b.pruneRelations()
	b.capRelated()
}

// reindex rebuilds the form index from the final names and aliases.
func (b *builder) reindex() {
	b.index = map[string][]*skill{}
	for _, s := range b.live() {
		b.addIndex(s.key, s)
		for _, a := range s.aliases {
			b.addIndex(b.key(a.spec.Text), s)
		}
	}
}

// resolveBroader turns broader surface forms into skill names. A source
// link that would close a cycle is dropped; a curated one is kept for
// validation to report.
func (b *builder) resolveBroader() {
	fromCurated := map[*skill]map[string]bool{}
	for _, s := range b.live() {
		var out []string
		seen := map[*skill]bool{}
		addTo := func(t *skill) {
			if t != nil && t != s && !seen[t] {
				seen[t] = true
				out = append(out, t.name)
			}
		}
		for _, n := range s.curBroader {
			t := b.lookupUnique(n)
			if t == nil {
				b.errorf("%s: broader skill %q does not exist", s.name, n)
				continue
			}
			addTo(t)
			if fromCurated[s] == nil {
				fromCurated[s] = map[string]bool{}
			}
			fromCurated[s][t.name] = true
		}
		if len(s.curBroader) == 0 || !s.curated {
			for _, n := range s.broader {
				addTo(b.lookupUnique(n))
			}
		}
		s.broader = out
	}
	b.pruneBroader(fromCurated)
	// Drop source broader links that close a cycle (curated ones are
	// checked in validation).
	for _, s := range b.live() {
		kept := s.broader[:0]
		for _, n := range s.broader {
			if fromCurated[s][n] {
				kept = append(kept, n) // a curated cycle is reported by validate
				continue
			}
			if t := b.lookup(n); t != nil && !b.reaches(t, s, map[*skill]bool{}) {
				kept = append(kept, n)
			} else if t != nil {
				b.logf("dropped broader %q → %q: it closes a cycle", s.name, n)
			}
		}
		s.broader = kept
	}
}

// reaches reports whether to is reachable from from along broader links.
func (b *builder) reaches(from, to *skill, seen map[*skill]bool) bool {
	if from == to {
		return true
	}
	if seen[from] {
		return false
	}
	seen[from] = true
	for _, n := range from.broader {
		if t := b.lookup(n); t != nil && b.reaches(t, to, seen) {
			return true
		}
	}
	return false
}

// inferCategories gives a category to skills no source or rule
// categorised: the most common category among their broader skills and
// related skills (ties broken by name).
func (b *builder) inferCategories() {
	for round := 0; round < 3; round++ {
		changed := false
		for _, s := range b.live() {
			if s.category != "" {
				continue
			}
			votes := map[string]float64{}
			for _, n := range s.broader {
				if t := b.lookup(n); t != nil && t.category != "" && t.catPrio > prioInferred {
					votes[t.category] += 2
				}
			}
			for k, e := range b.edges {
				var o *skill
				switch s {
				case k[0]:
					o = k[1]
				case k[1]:
					o = k[0]
				default:
					continue
				}
				if o.category != "" && o.catPrio > prioInferred {
					votes[o.category] += e.weight
				}
			}
			best, bestV := "", 0.0
			for _, c := range sortedKeys(votes) {
				if votes[c] > bestV {
					best, bestV = c, votes[c]
				}
			}
			if best != "" {
				s.category, s.catPrio = best, prioInferred
				b.logf("inferred category %q for %q", best, s.name)
				changed = true
			}
		}
		if !changed {
			break
		}
	}
}

// file renders the builder's skills as a taxonomy file, sorted by name.
func (b *builder) file() taxonomy.File {
	f := taxonomy.File{Version: taxonomy.FileVersion}
	related := map[*skill][]taxonomy.RelationSpec{}
	for k, e := range b.edges {
		// Each edge is listed once, on the skill whose name sorts first.
		a, c := k[0], k[1]
		if lessName(c.name, a.name) {
			a, c = c, a
		}
		related[a] = append(related[a], taxonomy.RelationSpec{Skill: c.name, Weight: e.weight})
	}
	for _, s := range b.live() {
		spec := taxonomy.SkillSpec{Name: s.name, Category: s.category}
		var srcs []string
		for src := range s.sources {
			srcs = append(srcs, src)
		}
		sort.Strings(srcs)
		spec.Source = strings.Join(srcs, "+")
		var nameEntry *taxonomy.AliasSpec
		var rest []taxonomy.AliasSpec
		for _, a := range s.aliases {
			if a.spec.Text == s.name {
				if nameEntry == nil {
					sp := a.spec
					nameEntry = &sp
				}
				continue
			}
			rest = append(rest, a.spec)
		}
		sort.SliceStable(rest, func(i, j int) bool { return lessName(rest[i].Text, rest[j].Text) })
		if nameEntry != nil {
			spec.Aliases = append(spec.Aliases, *nameEntry)
		}
		spec.Aliases = append(spec.Aliases, rest...)
		rel := related[s]
		sort.Slice(rel, func(i, j int) bool { return lessName(rel[i].Skill, rel[j].Skill) })
		spec.Related = rel
		spec.Broader = append([]string(nil), s.broader...)
		sort.Slice(spec.Broader, func(i, j int) bool { return lessName(spec.Broader[i], spec.Broader[j]) })
		f.Skills = append(f.Skills, spec)
	}
	sort.Slice(f.Skills, func(i, j int) bool { return lessName(f.Skills[i].Name, f.Skills[j].Name) })
	f.Ambiguous = append(f.Ambiguous, b.ambiguous...)
	sort.Slice(f.Ambiguous, func(i, j int) bool { return lessName(f.Ambiguous[i].Alias, f.Ambiguous[j].Alias) })
	return f
}

// lessName orders names case-insensitively, then by bytes.
func lessName(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la != lb {
		return la < lb
	}
	return a < b
}

func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".taxonomy-*.json")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

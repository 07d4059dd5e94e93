package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/skillrank/skillrank/index/taxonomy"
)

// validate checks the finished file and returns one error listing every
// problem (the builder's own errors included).
func (b *builder) validate(f taxonomy.File) error {
	probs := append([]string(nil), b.errs...)
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }

	cats := set(b.rules.Categories)
	if len(cats) == 0 {
		bad("rules: no categories")
	}
	names := map[string]string{}
	for _, s := range f.Skills {
		lk := strings.ToLower(s.Name)
		if prev, dup := names[lk]; dup {
			bad("canonical name %q duplicates %q (case-insensitively)", s.Name, prev)
		}
		names[lk] = s.Name
		switch {
		case s.Category == "":
			bad("%s: no category", s.Name)
		case !cats[s.Category]:
			bad("%s: category %q is not in the documented list", s.Name, s.Category)
		}
	}
	exists := func(n string) bool { _, ok := names[strings.ToLower(n)]; return ok }

	declared := map[string]taxonomy.AmbiguitySpec{}
	for _, am := range f.Ambiguous {
		declared[b.key(am.Alias)] = am
	}
	owners := map[string][]string{}
	g := newGuarder(b.words, b.rules.Guards, b.key)
	edges := map[[2]string]bool{}
	for _, s := range f.Skills {
		seen := map[string]bool{}
		guarded := map[string]taxonomy.AliasSpec{}
		for _, a := range s.Aliases {
			guarded[a.Text] = a
		}
		for _, a := range s.Aliases {
			for _, v := range append(append([]string(nil), a.NotBefore...), a.NotAfter...) {
				if listWord[strings.ToLower(v)] {
					bad("%s: alias %q vetoes the list word %q: it would reject %q", s.Name, a.Text, v, "Go and Rust")
				}
			}
			if gw := g.genericWord(a.Text); gw != "" {
				bad("%s: alias %q analyses like the generic word %q", s.Name, a.Text, gw)
			}
		}
		if gw := g.genericWord(s.Name); gw != "" {
			bad("%s: name analyses like the generic word %q", s.Name, gw)
		}
		for _, form := range append([]string{s.Name}, aliasTexts(s.Aliases)...) {
			k := b.key(form)
			if k == "" {
				bad("%s: alias %q has no words", s.Name, form)
				continue
			}
			// Every form that is an ordinary word must carry its guards.
			a := guarded[form]
			switch g.needsGuard(form) {
			case guardCaseContext:
				if !caseGuardable(form) {
					if !a.NeedsContext {
						bad("%s: %q needs a context guard", s.Name, form)
					}
				} else if !a.CaseSensitive || !a.NeedsContext {
					bad("%s: %q is an ordinary word, a name or one or two letters: it needs case and context guards", s.Name, form)
				}
			case guardContext:
				if !a.NeedsContext {
					bad("%s: %q needs a context guard", s.Name, form)
				}
			}
			if seen[k] {
				continue
			}
			seen[k] = true
			owners[k] = append(owners[k], s.Name)
		}
		for _, r := range s.Related {
			switch {
			case !exists(r.Skill):
				bad("%s: related skill %q does not exist", s.Name, r.Skill)
			case strings.EqualFold(r.Skill, s.Name):
				bad("%s: related to itself", s.Name)
			}
			if !(r.Weight > 0 && r.Weight <= 1) {
				bad("%s: relation to %q has weight %v, want (0,1]", s.Name, r.Skill, r.Weight)
			}
			e := [2]string{strings.ToLower(s.Name), strings.ToLower(r.Skill)}
			if e[0] > e[1] {
				e[0], e[1] = e[1], e[0]
			}
			if edges[e] {
				bad("%s: relation to %q listed twice", s.Name, r.Skill)
			}
			edges[e] = true
		}
		for _, br := range s.Broader {
			switch {
			case !exists(br):
				bad("%s: broader skill %q does not exist", s.Name, br)
			case strings.EqualFold(br, s.Name):
				bad("%s: broader than itself", s.Name)
			}
		}
	}
	for _, k := range sortedKeys(owners) {
		if o := owners[k]; len(o) > 1 {
			if _, ok := declared[k]; !ok {
				bad("alias %q belongs to %s: declare it in \"ambiguous\"", k, strings.Join(quoted(o), ", "))
			}
		}
	}
	for _, am := range f.Ambiguous {
		k := b.key(am.Alias)
		if len(am.Candidates) < 2 {
			bad("ambiguous %q: needs at least two candidates", am.Alias)
		}
		has := set(owners[k])
		isCand := false
		for _, c := range am.Candidates {
			switch {
			case !exists(c.Skill):
				bad("ambiguous %q: candidate %q does not exist", am.Alias, c.Skill)
			case !has[names[strings.ToLower(c.Skill)]]:
				bad("ambiguous %q: candidate %q does not have this alias", am.Alias, c.Skill)
			}
			if len(c.Cues) == 0 {
				bad("ambiguous %q: candidate %q has no cues", am.Alias, c.Skill)
			}
			isCand = isCand || strings.EqualFold(c.Skill, am.Default)
		}
		if am.Default != "" && !isCand {
			bad("ambiguous %q: default %q is not a candidate", am.Alias, am.Default)
		}
		if len(owners[k]) > len(am.Candidates) {
			bad("ambiguous %q: held by %s, but only %d candidates are declared", am.Alias, strings.Join(quoted(owners[k]), ", "), len(am.Candidates))
		}
	}
	// Source edges never touch a language or a hub (pruneRelations); hubs
	// have no related edges at all.
	for k, e := range b.edges {
		for _, end := range k {
			if !e.curated && end.category == categoryLanguages {
				bad("%s–%s: a %s edge touches a programming language", k[0].name, k[1].name, e.source)
			}
			if b.hubs[end] {
				bad("%s–%s: %q is a hub (relations.hubs) and takes no related edges; use broader", k[0].name, k[1].name, end.name)
			}
		}
	}
	if cyc := broaderCycle(f); cyc != "" {
		bad("broader links form a cycle: %s", cyc)
	}
	if len(probs) == 0 {
		return nil
	}
	sort.Strings(probs)
	return fmt.Errorf("%d problem(s):\n  %s", len(probs), strings.Join(probs, "\n  "))
}

// listWord are the words that join list items ("Go and Rust"); the
// matcher's vouching between guarded names relies on them, so no veto may
// name one.
var listWord = map[string]bool{"and": true, "or": true, "&": true, "plus": true, "nor": true}

func aliasTexts(as []taxonomy.AliasSpec) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Text
	}
	return out
}

// broaderCycle returns a description of a broader cycle, or "".
func broaderCycle(f taxonomy.File) string {
	up := map[string][]string{}
	for _, s := range f.Skills {
		for _, br := range s.Broader {
			up[strings.ToLower(s.Name)] = append(up[strings.ToLower(s.Name)], strings.ToLower(br))
		}
	}
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var path []string
	var visit func(n string) string
	visit = func(n string) string {
		color[n] = grey
		path = append(path, n)
		for _, m := range up[n] {
			switch color[m] {
			case grey:
				return strings.Join(append(path, m), " → ")
			case white:
				if c := visit(m); c != "" {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		color[n] = black
		return ""
	}
	for _, n := range sortedKeys(up) {
		if color[n] == white {
			if c := visit(n); c != "" {
				return c
			}
		}
	}
	return ""
}

// stats are the counts printed after a build.
type stats struct {
	skills, aliases, guarded, related, broader, ambiguous, categories int
	bySource                                                          map[string]int
}

func (b *builder) stats(f taxonomy.File) stats {
	st := stats{skills: len(f.Skills), ambiguous: len(f.Ambiguous), bySource: map[string]int{}}
	cats := map[string]bool{}
	for _, s := range f.Skills {
		cats[s.Category] = true
		nk := b.key(s.Name)
		keys := map[string]bool{}
		for _, a := range s.Aliases {
			if a.Guarded() {
				st.guarded++
			}
			if k := b.key(a.Text); k != nk {
				keys[k] = true
			}
		}
		st.aliases += len(keys)
		st.related += len(s.Related)
		st.broader += len(s.Broader)
		for _, src := range strings.Split(s.Source, "+") {
			st.bySource[src]++
		}
	}
	st.categories = len(cats)
	if b.log != nil {
		// Aliases by the source that contributed them (verbose only).
		bySrc := map[string]int{}
		for _, s := range b.live() {
			seen := map[string]bool{s.key: true}
			for _, a := range s.aliases {
				if k := b.key(a.spec.Text); !seen[k] {
					seen[k] = true
					bySrc[a.source]++
				}
			}
		}
		for _, k := range sortedKeys(bySrc) {
			b.logf("aliases from %s: %d", k, bySrc[k])
		}
	}
	return st
}

func (st stats) String() string {
	var srcs []string
	for _, k := range sortedKeys(st.bySource) {
		srcs = append(srcs, fmt.Sprintf("%s %d", k, st.bySource[k]))
	}
	return fmt.Sprintf("taxogen: %d skills, %d aliases (distinct analysed forms other than the name), %d guarded alias entries, %d related edges, %d broader edges, %d ambiguous aliases, %d categories used\ntaxogen: skills per source: %s",
		st.skills, st.aliases, st.guarded, st.related, st.broader, st.ambiguous, st.categories, strings.Join(srcs, ", "))
}

// encode writes f as JSON with one skill per line, so a regeneration
// reviews as a line diff.
func encode(f taxonomy.File) []byte {
	var buf bytes.Buffer
	line := func(v any) {
		var lb bytes.Buffer
		enc := json.NewEncoder(&lb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			panic(err) // the types here always encode
		}
		buf.Write(bytes.TrimRight(lb.Bytes(), "\n"))
	}
	fmt.Fprintf(&buf, "{\"version\": %d, \"skills\": [\n", f.Version)
	for i, s := range f.Skills {
		buf.WriteString(" ")
		line(s)
		if i < len(f.Skills)-1 {
			buf.WriteString(",")
		}
		buf.WriteString("\n")
	}
	buf.WriteString("]")
	if len(f.Ambiguous) > 0 {
		buf.WriteString(",\n\"ambiguous\": [\n")
		for i, a := range f.Ambiguous {
			buf.WriteString(" ")
			line(a)
			if i < len(f.Ambiguous)-1 {
				buf.WriteString(",")
			}
			buf.WriteString("\n")
		}
		buf.WriteString("]")
	}
	buf.WriteString("}\n")
	return buf.Bytes()
}

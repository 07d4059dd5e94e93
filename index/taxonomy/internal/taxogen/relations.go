package main

import (
	"math"
	"sort"
	"strings"
)

// Relation weights by source (see README "Relation weights"). Curated edges
// carry their own weight; no source edge weighs more than maxSourceWeight:
// a source says two skills are used together, not that one stands in for
// the other.
const (
	// maxSourceWeight caps every edge not written by hand.
	maxSourceWeight = 0.3
	// weightESCOEssential: ESCO marks the other skill essential to this one.
	weightESCOEssential = 0.3
	// weightESCOOptional: ESCO marks it optional.
	weightESCOOptional = 0.2
	// weightExplore: a GitHub Explore topic lists the other as related.
	weightExplore = 0.3
	// weightONetMin and weightONetMax bound the O*NET co-occurrence weight,
	// scaled linearly from the Jaccard threshold to 1.
	weightONetMin = 0.2
	weightONetMax = 0.3
	// maxRelated is the most related edges a skill keeps; curated edges are
	// kept first, then the heaviest.
	maxRelated = 25
)

type edge struct {
	weight  float64
	curated bool
	source  string
}

type pendingRel struct {
	from    *skill
	to      string // surface form
	weight  float64
	source  string
	curated bool
}

func edgeKey(a, c *skill) [2]*skill {
	if a.order > c.order {
		a, c = c, a
	}
	return [2]*skill{a, c}
}

// relate records an edge; a curated edge replaces any other, otherwise the
// heavier weight wins.
func (b *builder) relate(a, c *skill, w float64, source string, curated bool) {
	if a == nil || c == nil || a == c || a.removed || c.removed {
		return
	}
	if !curated {
		w = min(w, maxSourceWeight)
	}
	w = math.Round(w*100) / 100
	k := edgeKey(a, c)
	old, ok := b.edges[k]
	switch {
	case !ok:
	case old.curated && !curated:
		return
	case curated && !old.curated:
	case w <= old.weight:
		return
	}
	b.edges[k] = edge{weight: w, curated: curated, source: source}
}

// resolvePending turns relations written as surface forms into edges.
func (b *builder) resolvePending() {
	for _, p := range b.pendingRel {
		if p.from.removed {
			continue
		}
		to := b.lookupUnique(p.to)
		if to == nil {
			if p.curated {
				b.errorf("%s: related skill %q does not exist", p.from.name, p.to)
			}
			continue
		}
		if to == p.from {
			if p.curated {
				b.errorf("%s: related to itself (via %q)", p.from.name, p.to)
			}
			continue
		}
		b.relate(p.from, to, p.weight, p.source, p.curated)
	}
}

// capRelated keeps at most maxRelated edges per skill: curated edges first
// (all of them), then by weight, then by name, accepting an edge only while
// both ends have room.
func (b *builder) capRelated() {
	type e struct {
		k [2]*skill
		v edge
	}
	all := make([]e, 0, len(b.edges))
	for k, v := range b.edges {
		all = append(all, e{k, v})
	}
	sort.Slice(all, func(i, j int) bool {
		a, c := all[i], all[j]
		if a.v.curated != c.v.curated {
			return a.v.curated
		}
		if a.v.weight != c.v.weight {
			return a.v.weight > c.v.weight
		}
		an, cn := a.k[0].name+"\x00"+a.k[1].name, c.k[0].name+"\x00"+c.k[1].name
		return strings.ToLower(an) < strings.ToLower(cn)
	})
	deg := map[*skill]int{}
	kept := map[[2]*skill]edge{}
	dropped := 0
	for _, x := range all {
		if !x.v.curated && (deg[x.k[0]] >= maxRelated || deg[x.k[1]] >= maxRelated) {
			dropped++
			continue
		}
		deg[x.k[0]]++
		deg[x.k[1]]++
		kept[x.k] = x.v
	}
	if dropped > 0 {
		b.logf("capped related edges: dropped %d beyond %d per skill", dropped, maxRelated)
	}
	b.edges = kept
}

// pruneRelations drops the source edges that would give nonsense partial
// credit (README "Relation weights"). An edge is credit — experience in one
// skill as evidence of ability in the other — so a source edge is dropped
// when it touches a programming language (sources relate languages by
// co-occurrence, "Python–C++", or to their frameworks, "Python–PyTorch"),
// when it touches a hub (relations.hubs: broad fields relate to everything
// and would relay credit between all their neighbours), or when it joins
// two categories (co-occurrence across categories, "Hibernate–COBOL", is
// use, not substitution). Hand-written edges are kept.
func (b *builder) pruneRelations() {
	hubs := map[*skill]bool{}
	for _, n := range b.rules.Relations.Hubs {
		s := b.lookup(n)
		if s == nil || s.key != b.key(n) {
			b.errorf("rules: relations.hubs: no skill named %q", n)
			continue
		}
		hubs[s] = true
	}
	b.hubs = hubs
	dropped := map[string]int{}
	for k, e := range b.edges {
		if e.curated {
			continue
		}
		a, c := k[0], k[1]
		reason := ""
		switch {
		case a.category == categoryLanguages || c.category == categoryLanguages:
			reason = "programming language"
		case hubs[a] || hubs[c]:
			reason = "hub"
		case a.category != c.category:
			reason = "categories differ"
		}
		if reason != "" {
			delete(b.edges, k)
			dropped[e.source+": "+reason]++
		}
	}
	for _, r := range sortedKeys(dropped) {
		b.logf("dropped %d related edges (%s)", dropped[r], r)
	}
}

// pruneBroader drops source broader links the rules name as wrong, those
// to loose groups (relations.loose_groups), and source links from a
// programming language to anything but a language: a
// language is not an instance of a framework, tool or field ("R" is not a
// kind of "Statistical Analysis System Software").
func (b *builder) pruneBroader(fromCurated map[*skill]map[string]bool) {
	for name, targets := range b.rules.Relations.DropBroader {
		s := b.lookup(name)
		if s == nil || s.key != b.key(name) {
			b.errorf("rules: relations.drop_broader: no skill named %q", name)
			continue
		}
		drop := map[string]bool{}
		for _, t := range targets {
			if ts := b.lookup(t); ts != nil {
				drop[ts.name] = true
			}
		}
		kept := s.broader[:0]
		found := 0
		for _, n := range s.broader {
			if drop[n] && !fromCurated[s][n] {
				found++
				continue
			}
			kept = append(kept, n)
		}
		s.broader = kept
		if found != len(targets) {
			b.errorf("rules: relations.drop_broader: %q has no source broader link to each of %q", name, targets)
		}
	}
	loose := map[string]bool{}
	for _, n := range b.rules.Relations.LooseGroups {
		t := b.lookup(n)
		if t == nil || t.key != b.key(n) {
			b.errorf("rules: relations.loose_groups: no skill named %q", n)
			continue
		}
		loose[t.name] = true
	}
	for _, s := range b.live() {
		kept := s.broader[:0]
		for _, n := range s.broader {
			if loose[n] && !fromCurated[s][n] {
				b.logf("dropped broader %q → %q: a loose group", s.name, n)
				continue
			}
			kept = append(kept, n)
		}
		s.broader = kept
	}
	for _, s := range b.live() {
		if s.category != categoryLanguages {
			continue
		}
		kept := s.broader[:0]
		for _, n := range s.broader {
			if t := b.lookup(n); t != nil && t.category != categoryLanguages && !fromCurated[s][n] {
				b.logf("dropped broader %q → %q: a language is not narrower than a %s skill", s.name, n, t.category)
				continue
			}
			kept = append(kept, n)
		}
		s.broader = kept
	}
}

package main

import (
	"math"
	"sort"
	"strings"
)

// Relation weights by source (see README "Relation weights"). Curated edges
// carry their own weight.
const (
	// weightESCOEssential: ESCO marks the other skill essential to this one.
	weightESCOEssential = 0.5
	// weightESCOOptional: ESCO marks it optional.
	weightESCOOptional = 0.3
	// weightExplore: a GitHub Explore topic lists the other as related.
	weightExplore = 0.4
	// weightONetMin and weightONetMax bound the O*NET co-occurrence weight,
	// scaled linearly from the Jaccard threshold to 1.
	weightONetMin = 0.2
	weightONetMax = 0.5
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

package taxonomy

import (
	"sort"

	"gonum.org/v1/gonum/graph/simple"
)

// Credit given through the is-a edges (Broader/Narrower). A narrower skill
// is an instance of the asked-for one (CUDA for "GPU programming") and
// earns most of the credit; a broader one ("GPU programming" for CUDA)
// says little about the specific skill.
const (
	// NarrowerCredit is the weight of an edge from a skill to a narrower one.
	NarrowerCredit = 0.8
	// BroaderCredit is the weight of an edge from a skill to a broader one.
	BroaderCredit = 0.3
)

// Defaults of ExpandOptions.
const (
	// DefaultDecay multiplies the credit once per hop after the first, so a
	// two-hop path (MLIR → LLVM → Clang) earns less than its edge weights.
	DefaultDecay = 0.5
	// DefaultMaxDepth is the longest path, in edges, that earns credit.
	DefaultMaxDepth = 2
	// DefaultMinCredit drops neighbours worth less than this. At 0.3 a
	// sibling reached through a shared parent (0.3·0.8·0.5 = 0.12) or a
	// weak two-hop chain (0.6·0.6·0.5 = 0.18) earns nothing: sharing a
	// field is not evidence of the other tool, and every credited skill
	// costs a pass over its posting list.
	DefaultMinCredit = 0.3
	// DefaultMaxRelated caps the neighbours credited per asked-for skill,
	// best first: each costs a pass over its posting list when ranking.
	DefaultMaxRelated = 8
)

// ExpandOptions control related-skill credit. The zero value means the defaults.
type ExpandOptions struct {
	// Decay in (0,1] applies per hop beyond the first.
	Decay float64
	// MaxDepth is the maximum path length; negative disables expansion.
	MaxDepth int
	// MinCredit in [0,1) drops weaker neighbours.
	MinCredit float64
	// MaxRelated caps the number of neighbours (the skill itself not
	// counted); 0 means DefaultMaxRelated.
	MaxRelated int
}

func (o ExpandOptions) withDefaults() ExpandOptions {
	if o.Decay <= 0 || o.Decay > 1 {
		o.Decay = DefaultDecay
	}
	if o.MaxDepth == 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MinCredit <= 0 || o.MinCredit >= 1 {
		o.MinCredit = DefaultMinCredit
	}
	if o.MaxRelated <= 0 {
		o.MaxRelated = DefaultMaxRelated
	}
	return o
}

// Credit is partial credit a skill earns toward another one.
type Credit struct {
	Skill SkillID
	// Weight in (0,1]: 1 for the skill itself.
	Weight float64
	// Path runs from the asked-for skill to Skill, both included.
	Path []SkillID
}

// buildGraph makes the weighted directed graph of all edges: related in
// both directions, and broader/narrower with their fixed credits.
func (t *Taxonomy) buildGraph() *simple.WeightedDirectedGraph {
	g := simple.NewWeightedDirectedGraph(0, 0)
	for i := range t.skills {
		g.AddNode(simple.Node(i))
	}
	set := func(from, to SkillID, w float64) {
		if e := g.WeightedEdge(int64(from), int64(to)); e != nil && e.Weight() >= w {
			return
		}
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(from), simple.Node(to), w))
	}
	for i := range t.skills {
		s := &t.skills[i]
		for _, r := range s.Related {
			set(s.ID, r.Skill, r.Weight)
		}
		for _, b := range s.Broader {
			set(s.ID, b, BroaderCredit)
			set(b, s.ID, NarrowerCredit)
		}
	}
	return g
}

// Expand returns the skills that earn credit toward id: id itself with
// weight 1, then every skill reachable within MaxDepth edges, each with the
// best path's product of edge weights times Decay per extra hop. Sorted by
// descending weight, then ID.
func (t *Taxonomy) Expand(id SkillID, o ExpandOptions) []Credit {
	o = o.withDefaults()
	best := map[SkillID]Credit{id: {Skill: id, Weight: 1, Path: []SkillID{id}}}
	frontier := []SkillID{id}
	for depth := 1; depth <= o.MaxDepth && len(frontier) > 0; depth++ {
		var next []SkillID
		for _, from := range frontier {
			base := best[from]
			for _, to := range t.neighbours(from) {
				w, _ := t.graph.Weight(int64(from), int64(to))
				w *= base.Weight
				if depth > 1 {
					w *= o.Decay
				}
				if w < o.MinCredit {
					continue
				}
				if cur, ok := best[to]; ok && cur.Weight >= w {
					continue
				}
				path := append(append([]SkillID(nil), base.Path...), to)
				best[to] = Credit{Skill: to, Weight: w, Path: path}
				next = append(next, to)
			}
		}
		sort.Slice(next, func(i, j int) bool { return next[i] < next[j] })
		frontier = next
	}
	out := make([]Credit, 0, len(best))
	for _, c := range best {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Skill < out[j].Skill
	})
	if len(out) > 1+o.MaxRelated {
		out = out[:1+o.MaxRelated]
	}
	return out
}

// neighbours returns the out-neighbours of id in ID order, so ties between
// equally good paths always resolve the same way.
func (t *Taxonomy) neighbours(id SkillID) []SkillID {
	nodes := t.graph.From(int64(id))
	out := make([]SkillID, 0, nodes.Len())
	for nodes.Next() {
		out = append(out, SkillID(nodes.Node().ID()))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

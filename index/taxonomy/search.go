package taxonomy

import (
	"sort"
	"strings"
)

// Search returns the skills whose name, alias or category matches query,
// case-insensitively: exact names and aliases first, then names and
// aliases that contain the query, then skills of a matching category; each
// group in name order. An empty query returns every skill.
func (t *Taxonomy) Search(query string) []SkillID {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		out := make([]SkillID, len(t.skills))
		for i := range out {
			out[i] = SkillID(i)
		}
		return out
	}
	rank := make(map[SkillID]int)
	consider := func(id SkillID, r int) {
		if cur, ok := rank[id]; !ok || r < cur {
			rank[id] = r
		}
	}
	for i := range t.skills {
		s := &t.skills[i]
		forms := make([]string, 0, 1+len(s.Aliases))
		forms = append(forms, s.Name)
		for _, a := range s.Aliases {
			forms = append(forms, a.Text)
		}
		for _, f := range forms {
			lf := strings.ToLower(f)
			switch {
			case lf == q:
				consider(s.ID, 0)
			case strings.Contains(lf, q):
				consider(s.ID, 1)
			}
		}
		if strings.Contains(strings.ToLower(s.Category), q) {
			consider(s.ID, 2)
		}
	}
	out := make([]SkillID, 0, len(rank))
	for id := range rank {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool {
		if rank[out[i]] != rank[out[j]] {
			return rank[out[i]] < rank[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// Package taxonomy holds skillrank's skills: canonical names, aliases,
// categories and the related-skill graph, plus the matcher that finds
// skills in analysed text.
//
// A Taxonomy is immutable once built and safe for concurrent use. The
// embedded default (Default) is built from public data and curated entries
// by ./internal/taxogen; users extend or override it with a File (Extend).
package taxonomy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/skillrank/skillrank/index/analysis"
	"gonum.org/v1/gonum/graph/simple"
)

// SkillID is a dense skill number, valid for one Taxonomy. IDs follow the
// order of canonical names (case-insensitive), so they are deterministic.
type SkillID uint32

// Skill is one canonical skill.
type Skill struct {
	ID       SkillID
	Name     string
	Category string
	// Aliases are the other surface forms, as written in the source.
	Aliases []AliasSpec
	// Related are symmetric weighted neighbours, sorted by descending weight.
	Related []Relation
	// Broader and Narrower are the is-a / part-of edges, sorted by ID.
	Broader, Narrower []SkillID
}

// Relation is a weighted edge to another skill.
type Relation struct {
	Skill  SkillID
	Weight float64
}

// ErrInvalid is wrapped by every error about a taxonomy's content.
var ErrInvalid = errors.New("invalid taxonomy")

// ErrUnknownSkill is returned by lookups of a name that is no skill or alias.
var ErrUnknownSkill = errors.New("unknown skill")

// Taxonomy is an immutable set of skills with their matcher and graph.
type Taxonomy struct {
	file        File // the merged source, canonical order
	skills      []Skill
	byName      map[string]SkillID // lower-cased canonical name
	byAlias     map[string][]SkillID
	analyzer    *analysis.Analyzer
	matcher     matcher
	graph       *simple.WeightedDirectedGraph
	fingerprint string
}

// Len returns the number of skills.
func (t *Taxonomy) Len() int { return len(t.skills) }

// Skill returns the skill with the given ID. It panics on an ID from
// another taxonomy that is out of range, like a slice index would.
func (t *Taxonomy) Skill(id SkillID) *Skill { return &t.skills[id] }

// Skills returns all skills in ID order. The slice must not be modified.
func (t *Taxonomy) Skills() []Skill { return t.skills }

// Name returns the canonical name of id.
func (t *Taxonomy) Name(id SkillID) string { return t.skills[id].Name }

// Analyzer returns the analyzer the taxonomy's aliases were normalised with;
// text must be analysed with it to be matched.
func (t *Taxonomy) Analyzer() *analysis.Analyzer { return t.analyzer }

// Fingerprint identifies the taxonomy's content; an index built with one
// taxonomy re-extracts its profiles when opened with another.
func (t *Taxonomy) Fingerprint() string { return t.fingerprint }

// File returns the taxonomy in file form (skills sorted by name).
func (t *Taxonomy) File() File { return t.file }

// Lookup resolves a canonical name or an alias, case-insensitively, to a
// skill. An alias shared by several skills resolves to the first of them
// (by ID); ambiguous reports that.
func (t *Taxonomy) Lookup(name string) (id SkillID, ambiguous bool, err error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if id, ok := t.byName[key]; ok {
		return id, false, nil
	}
	if ids := t.byAlias[key]; len(ids) > 0 {
		return ids[0], len(ids) > 1, nil
	}
	// Fall back to the analysed form: "compilers" finds "Compiler".
	if ids := t.byAlias[analysedKey(t.analyzer, name)]; len(ids) > 0 {
		return ids[0], len(ids) > 1, nil
	}
	return 0, false, fmt.Errorf("%w: %q", ErrUnknownSkill, name)
}

func analysedKey(a *analysis.Analyzer, s string) string {
	return "\x00" + strings.Join(a.Terms(s), " ")
}

// New builds a taxonomy from a file, validating it. The analyzer must be
// the one profiles will be analysed with (nil: a new one).
func New(f File, a *analysis.Analyzer) (*Taxonomy, error) {
	if a == nil {
		a = analysis.New(0)
	}
	f = canonical(f)
	if err := validate(f, a); err != nil {
		return nil, err
	}
	t := &Taxonomy{
		file:     f,
		byName:   make(map[string]SkillID, len(f.Skills)),
		byAlias:  make(map[string][]SkillID),
		analyzer: a,
	}
	t.skills = make([]Skill, len(f.Skills))
	for i, s := range f.Skills {
		id := SkillID(i)
		t.byName[strings.ToLower(s.Name)] = id
		t.skills[i] = Skill{ID: id, Name: s.Name, Category: s.Category, Aliases: s.Aliases}
	}
	addAlias := func(text string, id SkillID) {
		for _, key := range []string{strings.ToLower(text), analysedKey(a, text)} {
			ids := t.byAlias[key]
			if len(ids) == 0 || ids[len(ids)-1] != id {
				t.byAlias[key] = append(ids, id)
			}
		}
	}
	for i, s := range f.Skills {
		addAlias(s.Name, SkillID(i))
		for _, al := range s.Aliases {
			addAlias(al.Text, SkillID(i))
		}
	}
	t.buildRelations()
	t.graph = t.buildGraph()
	var err error
	if t.matcher, err = buildMatcher(t, f); err != nil {
		return nil, err
	}
	b, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("taxonomy: fingerprint: %w", err)
	}
	sum := sha256.Sum256(b)
	t.fingerprint = hex.EncodeToString(sum[:8])
	return t, nil
}

// buildRelations fills Related (symmetric, max weight per pair) and
// Broader/Narrower from the file.
func (t *Taxonomy) buildRelations() {
	rel := make([]map[SkillID]float64, len(t.skills))
	add := func(a, b SkillID, w float64) {
		if rel[a] == nil {
			rel[a] = make(map[SkillID]float64)
		}
		if w > rel[a][b] {
			rel[a][b] = w
		}
	}
	for i, s := range t.file.Skills {
		from := SkillID(i)
		for _, r := range s.Related {
			to := t.byName[strings.ToLower(r.Skill)]
			add(from, to, r.Weight)
			add(to, from, r.Weight)
		}
		for _, b := range s.Broader {
			to := t.byName[strings.ToLower(b)]
			t.skills[from].Broader = append(t.skills[from].Broader, to)
			t.skills[to].Narrower = append(t.skills[to].Narrower, from)
		}
	}
	for i := range t.skills {
		s := &t.skills[i]
		for to, w := range rel[i] {
			s.Related = append(s.Related, Relation{Skill: to, Weight: w})
		}
		sort.Slice(s.Related, func(a, b int) bool {
			if s.Related[a].Weight != s.Related[b].Weight {
				return s.Related[a].Weight > s.Related[b].Weight
			}
			return s.Related[a].Skill < s.Related[b].Skill
		})
		s.Broader = sortedUnique(s.Broader)
		s.Narrower = sortedUnique(s.Narrower)
	}
}

func sortedUnique(ids []SkillID) []SkillID {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// canonical returns a copy of f with skills sorted by name and every list
// in a stable order, so equal content gives equal fingerprints.
func canonical(f File) File {
	out := File{Version: FileVersion, Remove: nil}
	out.Skills = append([]SkillSpec(nil), f.Skills...)
	sort.SliceStable(out.Skills, func(i, j int) bool {
		a, b := strings.ToLower(out.Skills[i].Name), strings.ToLower(out.Skills[j].Name)
		if a != b {
			return a < b
		}
		return out.Skills[i].Name < out.Skills[j].Name
	})
	out.Ambiguous = append([]AmbiguitySpec(nil), f.Ambiguous...)
	sort.SliceStable(out.Ambiguous, func(i, j int) bool {
		return strings.ToLower(out.Ambiguous[i].Alias) < strings.ToLower(out.Ambiguous[j].Alias)
	})
	return out
}

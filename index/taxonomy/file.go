package taxonomy

import (
	"encoding/json"
	"fmt"

	"gopkg.in/yaml.v3"
)

// FileVersion is the version of the taxonomy file format read and written here.
const FileVersion = 1

// File is the on-disk form of a taxonomy: the embedded default and user
// extension files share it (JSON or YAML). A user file merges into the
// default: a skill whose name already exists is overridden field by field,
// a new name is added, and Remove deletes skills by name.
type File struct {
	Version   int             `json:"version" yaml:"version"`
	Skills    []SkillSpec     `json:"skills" yaml:"skills"`
	Ambiguous []AmbiguitySpec `json:"ambiguous,omitempty" yaml:"ambiguous,omitempty"`
	// Remove lists canonical names to delete (user files only).
	Remove []string `json:"remove,omitempty" yaml:"remove,omitempty"`
}

// SkillSpec describes one skill.
type SkillSpec struct {
	// Name is the canonical name, unique (case-insensitively) in a taxonomy.
	// It is also an alias, with the guards of an alias entry of the same text
	// if there is one.
	Name string `json:"name" yaml:"name"`
	// Category groups skills for display and filtering ("GPU programming").
	Category string `json:"category" yaml:"category"`
	// Aliases are other surface forms of the skill.
	Aliases []AliasSpec `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	// Related lists neighbouring skills with a credit weight in (0,1];
	// relations are symmetric.
	Related []RelationSpec `json:"related,omitempty" yaml:"related,omitempty"`
	// Broader lists canonical names of more general skills (CUDA → GPU programming).
	Broader []string `json:"broader,omitempty" yaml:"broader,omitempty"`
	// Source records where the entry came from (e.g. "linguist", "curated").
	Source string `json:"source,omitempty" yaml:"source,omitempty"`
}

// AliasSpec is one surface form. In files it is either a plain string
// (no guards) or an object with guards for names that are also ordinary
// words or letters (Go, R, C, Spark, …).
type AliasSpec struct {
	Text string `json:"text" yaml:"text"`
	// CaseSensitive requires the case written here ("Go" matches "Go" and
	// "GO" for an all-capitals heading, never "go").
	CaseSensitive bool `json:"case,omitempty" yaml:"case,omitempty"`
	// NeedsContext requires evidence that the word means the skill: a skills
	// section, a list of other skills, or a technical term nearby.
	NeedsContext bool `json:"context,omitempty" yaml:"context,omitempty"`
	// NotBefore lists words that, right before the alias, veto the match
	// ("a" for "a spark").
	NotBefore []string `json:"not_before,omitempty" yaml:"not_before,omitempty"`
	// NotAfter lists words that, right after the alias, veto the match
	// ("to" for "Go to").
	NotAfter []string `json:"not_after,omitempty" yaml:"not_after,omitempty"`
}

// Guarded reports whether the alias has any guard.
func (a AliasSpec) Guarded() bool {
	return a.CaseSensitive || a.NeedsContext || len(a.NotBefore) > 0 || len(a.NotAfter) > 0
}

// UnmarshalJSON accepts a plain string or an object.
func (a *AliasSpec) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*a = AliasSpec{Text: s}
		return nil
	}
	type plain AliasSpec
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return fmt.Errorf("alias: want a string or an object with \"text\": %w", err)
	}
	*a = AliasSpec(p)
	return nil
}

// MarshalJSON writes an unguarded alias as a plain string.
func (a AliasSpec) MarshalJSON() ([]byte, error) {
	if !a.Guarded() {
		return json.Marshal(a.Text)
	}
	type plain AliasSpec
	return json.Marshal(plain(a))
}

// UnmarshalYAML accepts a plain string or a mapping.
func (a *AliasSpec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*a = AliasSpec{Text: n.Value}
		return nil
	}
	type plain AliasSpec
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*a = AliasSpec(p)
	return nil
}

// RelationSpec is a weighted edge to another skill.
type RelationSpec struct {
	Skill  string  `json:"skill" yaml:"skill"`
	Weight float64 `json:"weight" yaml:"weight"`
}

// AmbiguitySpec declares an alias shared by several skills and how to choose
// between them from the words around a mention.
type AmbiguitySpec struct {
	Alias      string          `json:"alias" yaml:"alias"`
	Candidates []CandidateSpec `json:"candidates" yaml:"candidates"`
	// Default is the skill chosen when no cue is found; empty drops the mention.
	Default string `json:"default,omitempty" yaml:"default,omitempty"`
}

// CandidateSpec is one reading of an ambiguous alias with the cue words
// (matched after stemming, within a few words of the mention) that select it.
type CandidateSpec struct {
	Skill string   `json:"skill" yaml:"skill"`
	Cues  []string `json:"cues" yaml:"cues"`
}

package taxonomy

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/skillrank/skillrank/index/analysis"
	"gopkg.in/yaml.v3"
)

//go:embed data/taxonomy.json
var defaultData []byte

// DefaultFile returns the embedded default taxonomy in file form.
func DefaultFile() (File, error) {
	var f File
	if err := json.Unmarshal(defaultData, &f); err != nil {
		return File{}, fmt.Errorf("taxonomy: embedded default: %w", err)
	}
	return f, nil
}

// Default builds the embedded default taxonomy with analyzer a (nil: a new
// one). It parses and indexes the data on every call (tens of
// milliseconds), so callers keep the result.
func Default(a *analysis.Analyzer) (*Taxonomy, error) {
	f, err := DefaultFile()
	if err != nil {
		return nil, err
	}
	t, err := New(f, a)
	if err != nil {
		return nil, fmt.Errorf("taxonomy: embedded default: %w", err)
	}
	return t, nil
}

// ParseFile decodes a taxonomy file, JSON or YAML (chosen by the extension,
// or by content when the extension is neither). Errors name the file and
// the line. The result maps each skill to its line for later messages.
func ParseFile(name string, data []byte) (File, map[string]int, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return File{}, nil, fmt.Errorf("%s: %w: empty file", name, ErrInvalid)
	}
	ext := strings.ToLower(filepath.Ext(name))
	isJSON := ext == ".json" || ext != ".yaml" && ext != ".yml" && bytes.TrimSpace(data)[0] == '{'
	var f File
	if isJSON {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			return File{}, nil, fmt.Errorf("%s: %w: %s", name, ErrInvalid, jsonErrorWithLine(data, err))
		}
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&f); err != nil {
			return File{}, nil, fmt.Errorf("%s: %w: %s", name, ErrInvalid, yamlMessage(err))
		}
	}
	if f.Version != FileVersion {
		return File{}, nil, fmt.Errorf("%s: %w: version %d, want %d", name, ErrInvalid, f.Version, FileVersion)
	}
	// YAML is a superset of JSON, so one node walk gives lines for both.
	lines := make(map[string]int)
	var root yaml.Node
	if yaml.Unmarshal(data, &root) == nil && len(root.Content) > 0 {
		doc := root.Content[0]
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i].Value != "skills" {
				continue
			}
			for _, item := range doc.Content[i+1].Content {
				for k := 0; k+1 < len(item.Content); k += 2 {
					if item.Content[k].Value == "name" {
						lines[strings.ToLower(item.Content[k+1].Value)] = item.Line
					}
				}
			}
		}
	}
	return f, lines, nil
}

// yamlMessage flattens yaml.v3's multi-line errors ("yaml: unmarshal
// errors:\n  line 4: field x not found") into one line.
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:")
	lines := strings.Split(msg, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Trim(strings.Join(lines, "; "), "; ")
}

// jsonErrorWithLine turns encoding/json's byte offsets into line:column.
func jsonErrorWithLine(data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		off = int64(len(data))
	}
	if off < 0 || off > int64(len(data)) {
		return err.Error()
	}
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	col := int(off) - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

// Extend returns a new taxonomy: t with the user file f merged in. A skill
// whose name exists is overridden field by field (a non-empty category
// replaces, aliases, relations and broader skills are added, a relation to
// the same skill takes the new weight); a new name is added; f.Remove
// deletes skills (and every relation to them). Ambiguity entries replace
// those of the same alias. lines (from ParseFile, may be nil) and source
// locate problems in messages.
func (t *Taxonomy) Extend(f File, source string, lines map[string]int) (*Taxonomy, error) {
	merged := Merge(t.file, f)
	nt, err := New(merged, t.analyzer)
	var ve *ValidationError
	if errors.As(err, &ve) {
		ve.Source = source
		for i := range ve.Problems {
			ve.Problems[i].Line = lines[strings.ToLower(ve.Problems[i].Skill)]
		}
	}
	return nt, err
}

// ExtendFile reads a user taxonomy file's bytes and merges it into t.
func (t *Taxonomy) ExtendFile(name string, data []byte) (*Taxonomy, error) {
	f, lines, err := ParseFile(name, data)
	if err != nil {
		return nil, err
	}
	return t.Extend(f, name, lines)
}

// Merge applies the user file over to base and returns the result; neither
// argument is modified.
func Merge(base, over File) File {
	out := File{Version: FileVersion}
	remove := make(map[string]bool, len(over.Remove))
	for _, n := range over.Remove {
		remove[strings.ToLower(strings.TrimSpace(n))] = true
	}
	index := make(map[string]int)
	for _, s := range base.Skills {
		key := strings.ToLower(s.Name)
		if remove[key] {
			continue
		}
		index[key] = len(out.Skills)
		out.Skills = append(out.Skills, cloneSpec(s))
	}
	for _, s := range over.Skills {
		key := strings.ToLower(strings.TrimSpace(s.Name))
		i, ok := index[key]
		if !ok {
			index[key] = len(out.Skills)
			out.Skills = append(out.Skills, cloneSpec(s))
			continue
		}
		cur := &out.Skills[i]
		if s.Category != "" {
			cur.Category = s.Category
		}
		if s.Source != "" {
			cur.Source = s.Source
		}
		cur.Aliases = mergeAliases(cur.Aliases, s.Aliases)
		for _, r := range s.Related {
			replaced := false
			for k := range cur.Related {
				if strings.EqualFold(cur.Related[k].Skill, r.Skill) {
					cur.Related[k].Weight, replaced = r.Weight, true
				}
			}
			if !replaced {
				cur.Related = append(cur.Related, r)
			}
		}
		for _, b := range s.Broader {
			if !containsFold(cur.Broader, b) {
				cur.Broader = append(cur.Broader, b)
			}
		}
	}
	// Drop edges to removed skills so removal never leaves dangling names.
	for i := range out.Skills {
		s := &out.Skills[i]
		rel := s.Related[:0]
		for _, r := range s.Related {
			if !remove[strings.ToLower(r.Skill)] {
				rel = append(rel, r)
			}
		}
		s.Related = rel
		br := s.Broader[:0]
		for _, b := range s.Broader {
			if !remove[strings.ToLower(b)] {
				br = append(br, b)
			}
		}
		s.Broader = br
	}
	amb := make(map[string]int)
	for _, a := range append(append([]AmbiguitySpec(nil), base.Ambiguous...), over.Ambiguous...) {
		key := strings.ToLower(a.Alias)
		if i, ok := amb[key]; ok {
			out.Ambiguous[i] = a
			continue
		}
		amb[key] = len(out.Ambiguous)
		out.Ambiguous = append(out.Ambiguous, a)
	}
	return out
}

func cloneSpec(s SkillSpec) SkillSpec {
	s.Aliases = append([]AliasSpec(nil), s.Aliases...)
	s.Related = append([]RelationSpec(nil), s.Related...)
	s.Broader = append([]string(nil), s.Broader...)
	return s
}

// mergeAliases adds new aliases; an alias with the same text replaces the
// old one (so a user can add or remove guards).
func mergeAliases(cur, add []AliasSpec) []AliasSpec {
	for _, a := range add {
		replaced := false
		for i := range cur {
			if strings.EqualFold(cur[i].Text, a.Text) {
				cur[i], replaced = a, true
			}
		}
		if !replaced {
			cur = append(cur, a)
		}
	}
	return cur
}

func containsFold(ss []string, s string) bool {
	for _, x := range ss {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

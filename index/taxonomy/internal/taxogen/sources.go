package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Source file names inside the sources directory.
const (
	fileLinguist       = "linguist-languages.yml"
	fileAwesome        = "awesome-production-ml-tools.csv"
	fileExplore        = "github-explore-topics.jsonl"
	fileESCOSkills     = "esco-v1.2-digitalSkillsCollection_en.csv"
	fileESCORelations  = "esco-v1.2-skillSkillRelations_en.digital-both.csv"
	fileONetTech       = "onet-29.2-technology-skills.tsv"
	fileDevicon        = "devicon-2.17.0-names-altnames-tags.json"
	fileWordList       = "english-words.txt"
	fileRareWordList   = "english-rare-words.txt"
	categoryLanguages  = "Programming languages"
	categoryDataFormat = "Markup & data formats"
)

// --- linguist ---------------------------------------------------------------

type linguistLang struct {
	Type    string   `yaml:"type"`
	Aliases []string `yaml:"aliases"`
	Group   string   `yaml:"group"`
}

func (b *builder) addLinguist(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, fileLinguist))
	if err != nil {
		return err
	}
	var langs map[string]linguistLang
	if err := yaml.Unmarshal(data, &langs); err != nil {
		return fmt.Errorf("%s: %w", fileLinguist, err)
	}
	include, exclude := set(b.rules.Linguist.Include), set(b.rules.Linguist.Exclude)
	for _, name := range sortedKeys(langs) {
		l := langs[name]
		switch {
		case exclude[name]:
			continue
		case include[name]:
		case l.Type != "programming" || l.Group != "":
			continue
		}
		cat := categoryLanguages
		if l.Type != "programming" {
			cat = categoryDataFormat
		}
		canon := name
		if r, ok := b.rules.Linguist.Rename[name]; ok {
			canon = r
		}
		b.add(candidate{source: srcLinguist, name: canon, aliases: append([]string{name}, l.Aliases...), category: cat, catPrio: prioLinguist})
	}
	return nil
}

// --- awesome-production-machine-learning --------------------------------------

func (b *builder) addAwesome(dir string) error {
	rows, err := readCSV(filepath.Join(dir, fileAwesome), ',')
	if err != nil {
		return err
	}
	r := b.rules.Awesome
	exclude := set(r.Exclude)
	for _, row := range rows[1:] {
		if len(row) < 2 {
			continue
		}
		section, name := row[0], strings.TrimSpace(row[1])
		if exclude[name] {
			continue
		}
		cat, ok := r.SectionCategories[section]
		if !ok {
			return fmt.Errorf("%s: section %q has no category in the rules", fileAwesome, section)
		}
		if c, ok := r.Categories[name]; ok {
			cat = c
		}
		canon := name
		if n, ok := r.Rename[name]; ok {
			canon = n
		}
		c := candidate{source: srcAwesome, name: canon, aliases: []string{name}, category: cat, catPrio: prioAwesome}
		if br := r.SectionBroader[section]; br != "" {
			c.broader = []string{br}
		}
		b.add(c)
	}
	return nil
}

// --- GitHub Explore -----------------------------------------------------------

type exploreTopic struct {
	Topic       string   `json:"topic"`
	DisplayName string   `json:"display_name"`
	Aliases     []string `json:"aliases"`
	Related     []string `json:"related"`
}

func (b *builder) addExplore(dir string) error {
	f, err := os.Open(filepath.Join(dir, fileExplore))
	if err != nil {
		return err
	}
	defer f.Close()
	r := b.rules.Explore
	exclude, dropRel, dropSuffix := set(r.Exclude), set(r.DropRelated), set(r.DropAliasSuffixes)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	line := 0
	for sc.Scan() {
		line++
		var t exploreTopic
		if err := json.Unmarshal(sc.Bytes(), &t); err != nil {
			return fmt.Errorf("%s:%d: %w", fileExplore, line, err)
		}
		if exclude[t.Topic] {
			continue
		}
		display, abbr := splitParenthetical(t.DisplayName)
		name := titleCase(display)
		if n, ok := r.Rename[t.Topic]; ok {
			name = n
		}
		c := candidate{source: srcExplore, name: name, aliases: []string{display, t.Topic}}
		for _, a := range t.Aliases {
			parts := strings.Split(a, "-")
			if len(parts) > 1 && dropSuffix[parts[len(parts)-1]] {
				continue
			}
			c.aliases = append(c.aliases, a)
		}
		if abbr != "" && !strings.EqualFold(abbr, "disambiguation") {
			c.aliases = append(c.aliases, abbr)
		}
		if cat, ok := r.Categories[t.Topic]; ok {
			c.category, c.catPrio = cat, prioExplore
		}
		s := b.add(c)
		if s == nil || dropRel[t.Topic] {
			continue
		}
		for _, rel := range t.Related {
			if !exclude[rel] {
				b.pendingRel = append(b.pendingRel, pendingRel{from: s, to: rel, weight: weightExplore, source: srcExplore})
			}
		}
	}
	return sc.Err()
}

// --- ESCO -------------------------------------------------------------------------

var parenQualifier = regexp.MustCompile(`\s*\([^)]*\)\s*$`)

// escoName strips ESCO's disambiguating qualifier: "Ruby (computer
// programming)" is Ruby.
func escoName(label string) string {
	return strings.TrimSpace(parenQualifier.ReplaceAllString(label, ""))
}

func (b *builder) addESCO(dir string) error {
	rows, err := readCSV(filepath.Join(dir, fileESCOSkills), ',')
	if err != nil {
		return err
	}
	col := columns(rows[0])
	r := b.rules.ESCO
	exclude, noAliases := set(r.Exclude), set(r.NoAliases)
	// Preferred labels of every row: an altLabel that is another concept's
	// label names a different thing.
	labels := map[string]bool{}
	for _, row := range rows[1:] {
		labels[b.key(escoName(row[col["preferredLabel"]]))] = true
	}
	for _, row := range rows[1:] {
		label := row[col["preferredLabel"]]
		if exclude[label] {
			continue
		}
		cat, ok := r.Include[label]
		if !ok {
			if row[col["skillType"]] != "knowledge" {
				continue
			}
			for _, br := range splitBar(row[col["broaderConceptPT"]]) {
				if c, ok := r.BroaderCategories[br]; ok {
					cat = c
					break
				}
			}
			if cat == "" {
				continue
			}
		}
		name := escoName(label)
		if n, ok := r.Rename[label]; ok {
			name = n
		}
		name = titleCase(name)
		var aliases []string
		if name != label {
			aliases = append(aliases, label)
		}
		if !noAliases[label] {
			for _, alt := range splitBar(row[col["altLabels"]]) {
				if b.escoAliasOK(name, alt, labels) {
					aliases = append(aliases, alt)
				}
			}
		}
		c := candidate{source: srcESCO, name: name, aliases: aliases, category: cat, catPrio: prioESCO}
		for _, br := range splitBar(row[col["broaderConceptPT"]]) {
			c.broader = append(c.broader, escoName(br))
		}
		b.add(c)
	}
	return b.addESCORelations(dir)
}

// escoAliasOK filters ESCO altLabels: paraphrases ("Haskell techniques",
// "coding in Angular") and labels of other concepts are not aliases.
func (b *builder) escoAliasOK(name, alt string, labels map[string]bool) bool {
	la, ln := strings.ToLower(alt), strings.ToLower(name)
	ka := b.key(alt)
	if ka == "" || ka == b.key(name) || labels[ka] {
		return false
	}
	for _, w := range b.rules.ESCO.AliasNoise {
		if strings.Contains(" "+la+" ", " "+w+" ") {
			return false
		}
	}
	// "Angular related algorithms": the name plus filler words.
	if strings.Contains(la, ln) && len(la) > len(ln)+3 && !hasUpper(strings.Replace(alt, name, "", 1)) {
		return false
	}
	return true
}

func (b *builder) addESCORelations(dir string) error {
	rows, err := readCSV(filepath.Join(dir, fileESCORelations), ',')
	if err != nil {
		return err
	}
	col := columns(rows[0])
	for _, row := range rows[1:] {
		from := b.lookupUnique(escoName(row[col["originalSkillLabel"]]))
		if from == nil || !from.sources[srcESCO] {
			continue
		}
		w := weightESCOOptional
		if row[col["relationType"]] == "essential" {
			w = weightESCOEssential
		}
		b.pendingRel = append(b.pendingRel, pendingRel{from: from, to: escoName(row[col["relatedSkillLabel"]]), weight: w, source: srcESCO})
	}
	return nil
}

// --- devicon ------------------------------------------------------------------------

type deviconEntry struct {
	Name     string   `json:"name"`
	AltNames []string `json:"altnames"`
	Tags     []string `json:"tags"`
}

// addDevicon adds devicon's altnames and tag categories to skills other
// sources define; devicon names are slugs, so it creates no skill.
func (b *builder) addDevicon(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, fileDevicon))
	if err != nil {
		return err
	}
	var entries []deviconEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return fmt.Errorf("%s: %w", fileDevicon, err)
	}
	for _, e := range entries {
		name := e.Name
		if n, ok := b.rules.Devicon.Names[e.Name]; ok {
			name = n
		}
		c := candidate{source: srcDevicon, name: name, aliases: append([]string{e.Name}, e.AltNames...), mergeKeys: e.AltNames, enrichOnly: true}
		for _, t := range e.Tags {
			if cat, ok := b.rules.Devicon.TagCategories[strings.ToLower(t)]; ok {
				c.category, c.catPrio = cat, prioDevicon
				break
			}
		}
		b.add(c)
	}
	return nil
}

// --- helpers ------------------------------------------------------------------------

func readCSV(path string, sep rune) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = sep
	r.FieldsPerRecord = -1
	if sep == '\t' {
		r.LazyQuotes = true
	}
	var rows [][]string
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty", filepath.Base(path))
	}
	return rows, nil
}

func columns(header []string) map[string]int {
	m := map[string]int{}
	for i, h := range header {
		m[strings.TrimPrefix(h, "\ufeff")] = i
	}
	return m
}

func splitBar(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

var smallWords = map[string]bool{"a": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true, "in": true, "of": true, "on": true, "or": true, "the": true, "to": true, "vs": true, "via": true, "with": true}

// titleCase capitalises a name written in lower or sentence case
// ("computer vision" → "Computer Vision"); a name with capitals inside
// (iOS, cURL, "ICT network routing") keeps them and gains capitals only on
// its lower-case words.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			if p == "" || (i > 0 && j == 0 && smallWords[p]) {
				continue
			}
			rs := []rune(p)
			if !allLower(rs) {
				continue
			}
			rs[0] = unicode.ToUpper(rs[0])
			parts[j] = string(rs)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func allLower(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsUpper(r) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// splitParenthetical splits "Domain-driven design (DDD)" into the name and
// the parenthesised short form; a long parenthetical ("RDF (Resource
// Description Framework)") is the expansion, kept as the short form too.
func splitParenthetical(s string) (name, paren string) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") {
		return s, ""
	}
	i := strings.LastIndex(s, " (")
	if i <= 0 {
		return s, ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+2 : len(s)-1])
}

package extract

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// Default requirement weights; the CLI overrides them per skill.
const (
	// RequiredWeight is the weight of a skill under "Requirements", "Must have", ….
	RequiredWeight = 3.0
	// PreferredWeight is the weight of a skill under "Nice to have",
	// "Preferred", "Bonus", ….
	PreferredWeight = 1.0
	// ContextWeight is the weight of a skill named only where a job
	// describes the work ("What you'll do", the introduction) when it also
	// has requirement sections, and of details in parentheses after a
	// requirement ("Apache TVM (Relay, autotuning)"): signals, not demands.
	ContextWeight = 0.5
)

// Requirement is one thing a job asks for: a skill, or any one of a group
// ("MLIR or LLVM").
type Requirement struct {
	// Skills are alternatives; meeting one meets the requirement.
	Skills   []taxonomy.SkillID
	Weight   float64
	Required bool
	// MinYears and MaxYears bound the experience asked for; zero when unstated.
	MinYears, MaxYears float64
	// Text is the job line the requirement came from.
	Text string
}

// Job is a parsed job description.
type Job struct {
	Title        string
	Requirements []Requirement
	// Text is the job's full text, for full-text relevance.
	Text string
}

// mode is the kind of requirement a part of the job states.
type mode uint8

const (
	modeNone      mode = iota // unmarked text: preferred if the job marks anything, else required
	modeRequired              // "Requirements", "Must have", …
	modePreferred             // "Nice to have", "Bonus", …
	modeIgnore                // "About us", "Benefits", "How to apply": no requirements at all
)

var (
	requiredMarkers = []string{"requirement", "required", "must have", "must-have", "qualification",
		"what you bring", "what you will need", "what you ll need", "what we re looking for",
		"what we are looking for", "you have", "you should have", "who you are", "skills", "experience needed",
		"essential", "minimum", "basic qualifications", "we expect"}
	preferredMarkers = []string{"nice to have", "nice-to-have", "preferred", "bonus", "plus", "good to have",
		"desirable", "extra credit", "would be great", "ideally", "not required", "optional", "wish list"}
	// neutralMarkers describe the work: skills named there count as preferred.
	neutralMarkers = []string{"responsibilit", "what you will do", "what you ll do", "the role", "your role",
		"what you ll work on", "day to day", "the job", "duties", "about the role", "about the team", "the team"}
	// ignoreMarkers are boilerplate: the company's other stacks, benefits
	// and legal text say nothing about what the candidate needs.
	ignoreMarkers = []string{"about", "who we are", "our company", "the company", "benefit", "perks", "we offer",
		"what we offer", "compensation", "salary", "how to apply", "equal opportunity", "equal employment",
		"diversity", "our stack", "our culture", "life at", "why join", "why work", "location", "apply"}
)

// markerMode classifies a heading or a line's lead-in; ok is false when it
// states no requirement kind.
func markerMode(s string) (mode, bool) {
	key := normTitle(s)
	for _, m := range preferredMarkers {
		if strings.Contains(key, m) {
			return modePreferred, true
		}
	}
	for _, m := range neutralMarkers {
		if strings.HasPrefix(key, m) {
			return modeNone, true
		}
	}
	for _, m := range ignoreMarkers {
		if strings.HasPrefix(key, m) {
			return modeIgnore, true
		}
	}
	for _, m := range requiredMarkers {
		if strings.Contains(key, m) {
			return modeRequired, true
		}
	}
	return modeNone, false
}

// normTitle lower-cases and keeps letters, digits and single spaces.
func normTitle(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
			continue
		}
		space = true
	}
	return b.String()
}

// Job parses a job description document.
func (x *Extractor) Job(doc *document.Document) *Job {
	s := x.scratch.Get().(*scratch)
	defer x.scratch.Put(s)
	j := &Job{Title: jobTitle(doc), Text: doc.Text}

	// Requirement kind of each block: from the latest marker heading or
	// lead-in line, overridden by markers inside the block.
	modes := make([]mode, len(doc.Blocks))
	marked := false
	cur := modeNone
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		text := doc.BlockText(i)
		isLeadIn := b.Kind != document.ListItem && (b.Kind == document.Heading || strings.HasSuffix(strings.TrimSpace(text), ":")) && len(strings.Fields(text)) <= 8
		if isLeadIn {
			if m, ok := markerMode(text); ok {
				cur = m
				marked = marked || m == modeRequired || m == modePreferred
				modes[i] = modeIgnore
				continue
			} else if b.Kind == document.Heading {
				cur = modeNone
			}
		}
		m := cur
		if label, _, ok := strings.Cut(text, ":"); ok && len(label) < 30 && m != modeIgnore {
			if lm, ok := markerMode(label); ok && (lm == modeRequired || lm == modePreferred) {
				m = lm
				marked = true
			}
		}
		if m == modeRequired && mentionsPreference(text) {
			m = modePreferred
		}
		modes[i] = m
	}
	// Requirement text is technical: a bare "Go" in a requirement line is the language.
	inList := func(off int) bool {
		bi := blockAt(doc, off)
		return bi >= 0 && (modes[bi] == modeRequired || modes[bi] == modePreferred)
	}
	ms := x.mentions(doc, s, inList)
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if b.Kind == document.Heading {
			continue // the title and section names are not requirements
		}
		var inBlock []taxonomy.Mention
		for _, m := range ms {
			if m.Start >= b.Start && m.End <= b.End {
				inBlock = append(inBlock, m)
			}
		}
		if len(inBlock) == 0 {
			continue
		}
		m := modes[bi]
		if m == modeIgnore {
			continue
		}
		weight, required := ContextWeight, false
		switch {
		case m == modeRequired || !marked:
			weight, required = RequiredWeight, true
		case m == modePreferred:
			weight = PreferredWeight
		}
		text := strings.TrimSpace(doc.Text[b.Start:b.End])
		for _, cl := range clauses(doc.Text, b.Start, b.End, inBlock) {
			var details []taxonomy.Mention
			cl.mentions, details = splitElaborations(doc.Text, cl.mentions)
			minY, maxY, yearsEnd := yearsIn(doc.Text[cl.start:cl.end])
			withYears := yearsChain(doc.Text, cl, cl.start+yearsEnd)
			for _, g := range groups(doc.Text, cl) {
				r := Requirement{Skills: g.skills, Weight: weight, Required: required, Text: text}
				if minY > 0 && withYears[g.first] {
					r.MinYears, r.MaxYears = minY, maxY
				}
				j.Requirements = append(j.Requirements, r)
			}
			for _, d := range details {
				j.Requirements = append(j.Requirements, Requirement{Skills: []taxonomy.SkillID{d.Skill},
					Weight: min(weight, ContextWeight), Text: text})
			}
		}
	}
	j.Requirements = mergeRequirements(j.Requirements)
	return j
}

func mentionsPreference(text string) bool {
	l := " " + normTitle(text) + " "
	for _, p := range []string{" a plus ", " is a plus ", " nice to have ", " preferred ", " bonus ", " is desirable ", " ideally "} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

func blockAt(doc *document.Document, off int) int {
	i := sort.Search(len(doc.Blocks), func(i int) bool { return doc.Blocks[i].End > off })
	if i < len(doc.Blocks) && doc.Blocks[i].Start <= off {
		return i
	}
	return -1
}

// jobTitle is the first heading, a "Title:" line, or the first line.
func jobTitle(doc *document.Document) string {
	for i := range doc.Blocks {
		if doc.Blocks[i].Kind == document.Heading {
			return doc.BlockText(i)
		}
		text := doc.BlockText(i)
		for _, p := range []string{"Title:", "Position:", "Role:", "Job title:"} {
			if rest, ok := strings.CutPrefix(text, p); ok {
				return strings.TrimSpace(rest)
			}
		}
	}
	if len(doc.Blocks) > 0 {
		t := doc.BlockText(0)
		if len(t) > 80 {
			t = strings.TrimSpace(t[:80]) + "…"
		}
		return t
	}
	return ""
}

type clause struct {
	start, end int
	mentions   []taxonomy.Mention
}

// clauses splits a block at sentence ends and semicolons; years and "or"
// apply within a clause.
func clauses(text string, start, end int, ms []taxonomy.Mention) []clause {
	var out []clause
	cs := start
	for i := start; i < end; i++ {
		c := text[i]
		if c == ';' || (c == '.' || c == '!' || c == '?') && (i+1 == end || text[i+1] == ' ') {
			out = append(out, clause{start: cs, end: i})
			cs = i + 1
		}
	}
	out = append(out, clause{start: cs, end: end})
	for _, m := range ms {
		for k := range out {
			if m.Start >= out[k].start && m.Start < out[k].end {
				out[k].mentions = append(out[k].mentions, m)
				break
			}
		}
	}
	kept := out[:0]
	for _, c := range out {
		if len(c.mentions) > 0 {
			kept = append(kept, c)
		}
	}
	return kept
}

// group is one requirement's skills; first indexes its first mention.
type group struct {
	skills []taxonomy.SkillID
	first  int
}

// groups splits a clause's skills into requirements: skills joined only
// by "or" or "/" ("MLIR or LLVM", "PyTorch/JAX", "MLIR, LLVM, or TVM"), or
// led by "one of"/"either", are one any-of group; others ("CUDA, Triton
// and TensorRT") stand alone.
func groups(text string, cl clause) []group {
	ms := cl.mentions
	lead := " " + normTitle(text[cl.start:ms[0].Start]) + " "
	oneOf := strings.Contains(lead, " one of ") || strings.Contains(lead, " any of ") || strings.HasSuffix(lead, " either ")
	var parts []group
	cur := group{skills: []taxonomy.SkillID{ms[0].Skill}}
	allOr, sawOr := true, false
	for k := 1; k < len(ms); k++ {
		gap := strings.Fields(normTitle(text[ms[k-1].End:ms[k].Start]))
		raw := strings.TrimSpace(text[ms[k-1].End:ms[k].Start])
		isOr := raw == "/" || len(gap) == 1 && gap[0] == "or"
		isComma := raw == ","
		if !isOr && !isComma {
			allOr = false
		}
		if isOr {
			sawOr = true
			cur.skills = append(cur.skills, ms[k].Skill)
			continue
		}
		parts = append(parts, cur)
		cur = group{skills: []taxonomy.SkillID{ms[k].Skill}, first: k}
	}
	parts = append(parts, cur)
	if len(parts) > 1 && (oneOf || allOr && sawOr) {
		var all []taxonomy.SkillID
		for _, p := range parts {
			all = append(all, p.skills...)
		}
		return []group{{skills: dedupe(all)}}
	}
	for i := range parts {
		parts[i].skills = dedupe(parts[i].skills)
	}
	return parts
}

// splitElaborations separates skills named in parentheses right after
// another skill: "Apache TVM (Relay, TIR, autotuning)" asks for TVM, and
// the parenthesis gives details — or the expected instance, as in
// "Infrastructure as code (Terraform)" — which count as context, not as
// demands of their own.
func splitElaborations(text string, ms []taxonomy.Mention) (main, details []taxonomy.Mention) {
	out := ms[:0:0]
	depth, opened := 0, -1 // bracket depth, and the mention before the open bracket
	for i, m := range ms {
		if i > 0 {
			for _, c := range text[ms[i-1].End:m.Start] {
				switch c {
				case '(', '[':
					if depth == 0 {
						opened = i - 1
					}
					depth++
				case ')', ']':
					depth = max(0, depth-1)
				}
			}
		}
		if depth > 0 && opened >= 0 {
			details = append(details, m)
			continue
		}
		out = append(out, m)
	}
	return out, details
}

// yearsChain marks the mentions a years phrase ending at offset from
// governs: the first mention after it and those chained to it by list
// words or prepositions ("5+ years of C++ and CUDA", "3+ years of compiler
// development in MLIR") — not "… and strong Python".
func yearsChain(text string, cl clause, from int) map[int]bool {
	out := make(map[int]bool)
	if from <= cl.start {
		return out
	}
	chain := false
	for k, m := range cl.mentions {
		if m.Start < from {
			continue
		}
		if !chain {
			if k > 0 && cl.mentions[k-1].End > from {
				break
			}
			chain = true
			out[k] = true
			continue
		}
		gap := strings.Fields(normTitle(text[cl.mentions[k-1].End:m.Start]))
		for _, w := range gap {
			switch w {
			case "and", "or", "in", "with", "using", "on", "for", "of", "including", "especially":
			default:
				return out
			}
		}
		out[k] = true
	}
	return out
}

func anyOr(parts [][]taxonomy.SkillID) bool {
	for _, p := range parts {
		if len(p) > 1 {
			return true
		}
	}
	return false
}

func dedupe(ids []taxonomy.SkillID) []taxonomy.SkillID {
	out := ids[:0:0]
	for _, id := range ids {
		dup := false
		for _, o := range out {
			dup = dup || o == id
		}
		if !dup {
			out = append(out, id)
		}
	}
	return out
}

var numberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}

// yearsIn reads "5+ years", "at least 3 years", "2-4 years", "3 yrs",
// "five years" from a clause, and the byte offset just past the unit;
// zeros when none.
func yearsIn(s string) (minY, maxY float64, end int) {
	type word struct {
		text string
		end  int
	}
	var words []word
	lower := strings.ToLower(s)
	start := -1
	for i, r := range lower + " " {
		sep := r == ' ' || r == '\t' || r == '\n' || r == '(' || r == ')' || r == ',' || r == ';'
		switch {
		case sep && start >= 0:
			w := strings.NewReplacer("–", "-", "—", "-").Replace(lower[start:i])
			words = append(words, word{w, i})
			start = -1
		case !sep && start < 0:
			start = i
		}
	}
	for i, w := range words {
		unit := strings.TrimRight(w.text, ".,;:'")
		if unit != "years" && unit != "year" && unit != "yrs" && unit != "yr" || i == 0 {
			continue
		}
		num := words[i-1].text
		if i >= 3 && words[i-2].text == "to" {
			lo, ok1 := parseNum(words[i-3].text)
			hi, ok2 := parseNum(num)
			if ok1 && ok2 && lo <= hi {
				return lo, hi, w.end
			}
		}
		if lo, hi, ok := strings.Cut(num, "-"); ok {
			l, ok1 := parseNum(lo)
			h, ok2 := parseNum(hi)
			if ok1 && ok2 && l <= h {
				return l, h, w.end
			}
		}
		if n, ok := parseNum(strings.TrimSuffix(num, "+")); ok {
			return n, 0, w.end
		}
	}
	return 0, 0, 0
}

func parseNum(s string) (float64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "+")
	if n, ok := numberWords[s]; ok {
		return n, true
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n <= 0 || n > 40 {
		return 0, false
	}
	return n, true
}

// mergeRequirements folds repeated single skills and identical groups: the
// stronger kind and weight win, the larger minimum too.
func mergeRequirements(rs []Requirement) []Requirement {
	key := func(r Requirement) string {
		ids := append([]taxonomy.SkillID(nil), r.Skills...)
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		return fmt.Sprint(ids)
	}
	index := make(map[string]int)
	var out []Requirement
	for _, r := range rs {
		k := key(r)
		i, ok := index[k]
		if !ok {
			index[k] = len(out)
			out = append(out, r)
			continue
		}
		o := &out[i]
		if r.Weight > o.Weight {
			o.Weight = r.Weight
			o.Text = r.Text
		}
		o.Required = o.Required || r.Required
		o.MinYears = max(o.MinYears, r.MinYears)
		if r.MaxYears > 0 && (o.MaxYears == 0 || r.MaxYears < o.MaxYears) {
			o.MaxYears = r.MaxYears
		}
	}
	return out
}

package taxonomy

import (
	"fmt"
	"strings"

	"github.com/skillrank/skillrank/index/analysis"
)

// Mention is one occurrence of a skill in analysed text.
type Mention struct {
	Skill SkillID
	// Start and End are byte offsets in the text.
	Start, End int
	// Tok is the index of the first token of the mention.
	Tok int
}

// Context windows of the matcher, in tokens.
const (
	// supportWindow is how far an unguarded skill may be from a guarded one
	// to vouch that it means the skill ("Python, R" — "R" is vouched for).
	supportWindow = 6
	// cueWindow is how far a technical cue word ("programming", "library")
	// may be from a guarded skill.
	cueWindow = 4
	// ambiguityWindow is how far the cue words of an ambiguous alias's
	// readings are looked for.
	ambiguityWindow = 12
)

// techCues are words that, near a guarded name, say it is technology.
var techCues = []string{
	"programming", "programmer", "language", "languages", "lang", "code", "coding",
	"developer", "developers", "software", "framework", "frameworks", "library",
	"libraries", "compiler", "compilers", "runtime", "scripting", "scripts", "api",
	"apis", "sdk", "toolchain", "codebase", "backend", "frontend", "microservices",
	"stack", "devops", "repository", "github",
}

// listWords join items of a list ("Go and Rust", "C or C++").
var listWords = []string{"and", "or", "&", "plus"}

// matcher finds aliases in token streams with a trie keyed by terms.
type matcher struct {
	nodes   []trieNode
	entries []aliasEntry
	amb     []ambiguity
	cues    map[string]bool
	list    map[string]bool
	cat     []string // category per skill, for mutual support
}

type trieNode struct {
	children map[string]int32
	entries  []int32 // aliases ending here
}

type aliasEntry struct {
	skill SkillID
	amb   int32 // index into matcher.amb, or -1
	g     guard
	text  string
}

type guard struct {
	shape     []analysis.Flags // per token, the case required; nil: any case
	context   bool
	notBefore map[string]bool
	notAfter  map[string]bool
	letter    bool // a single-letter alias (C, R): "C-suite" vetoes it
}

type ambiguity struct {
	alias      string
	candidates []SkillID
	cues       map[string][]int // term → candidate indexes it favours
	def        int              // candidate index for no cue, or -1 to drop
}

func buildMatcher(t *Taxonomy, f File) (matcher, error) {
	a := t.analyzer
	m := matcher{nodes: []trieNode{{}}, cues: termSet(a, techCues), list: termSet(a, listWords)}
	m.cat = make([]string, len(t.skills))
	for i, s := range t.skills {
		m.cat[i] = s.Category
	}
	type form struct {
		terms []string
		e     aliasEntry
	}
	byKey := make(map[string][]form)
	var order []string
	for i, s := range f.Skills {
		forms := s.Aliases
		hasName := false
		for _, al := range forms {
			hasName = hasName || strings.EqualFold(al.Text, s.Name)
		}
		if !hasName {
			forms = append([]AliasSpec{{Text: s.Name}}, forms...)
		}
		for _, al := range forms {
			toks := a.Analyze(al.Text, nil)
			if len(toks) == 0 {
				continue
			}
			terms := make([]string, len(toks))
			for k, tk := range toks {
				terms[k] = tk.Term
			}
			key := strings.Join(terms, " ")
			if _, ok := byKey[key]; !ok {
				order = append(order, key)
			}
			byKey[key] = append(byKey[key], form{terms, aliasEntry{skill: SkillID(i), amb: -1, g: makeGuard(a, al, toks), text: al.Text}})
		}
	}
	ambByKey := make(map[string]AmbiguitySpec, len(f.Ambiguous))
	for _, am := range f.Ambiguous {
		ambByKey[strings.Join(a.Terms(am.Alias), " ")] = am
	}
	for _, key := range order {
		forms := byKey[key]
		skills := make(map[SkillID]bool)
		for _, fm := range forms {
			skills[fm.e.skill] = true
		}
		node := m.insert(forms[0].terms)
		if len(skills) == 1 {
			for _, fm := range forms {
				m.nodes[node].entries = append(m.nodes[node].entries, int32(len(m.entries)))
				m.entries = append(m.entries, fm.e)
			}
			continue
		}
		spec, ok := ambByKey[key]
		if !ok {
			return matcher{}, fmt.Errorf("%w: alias %q belongs to several skills and is not declared ambiguous", ErrInvalid, key)
		}
		amb := ambiguity{alias: spec.Alias, cues: make(map[string][]int), def: -1}
		for ci, c := range spec.Candidates {
			id := t.byName[strings.ToLower(c.Skill)]
			amb.candidates = append(amb.candidates, id)
			if strings.EqualFold(c.Skill, spec.Default) {
				amb.def = ci
			}
			for _, cue := range c.Cues {
				for _, term := range a.Terms(cue) {
					amb.cues[term] = appendUnique(amb.cues[term], ci)
				}
			}
		}
		g := forms[0].e.g
		for _, fm := range forms[1:] {
			g = g.merge(fm.e.g)
		}
		m.nodes[node].entries = append(m.nodes[node].entries, int32(len(m.entries)))
		m.entries = append(m.entries, aliasEntry{amb: int32(len(m.amb)), g: g, text: spec.Alias})
		m.amb = append(m.amb, amb)
	}
	return m, nil
}

func appendUnique(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func termSet(a *analysis.Analyzer, words []string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		for _, t := range a.Terms(w) {
			set[t] = true
		}
	}
	return set
}

func makeGuard(a *analysis.Analyzer, al AliasSpec, toks []analysis.Token) guard {
	g := guard{context: al.NeedsContext}
	if al.CaseSensitive {
		g.shape = make([]analysis.Flags, len(toks))
		for i, t := range toks {
			g.shape[i] = t.Flags & (analysis.Upper | analysis.AllUpper)
		}
	}
	if len(al.NotBefore) > 0 {
		g.notBefore = termSet(a, al.NotBefore)
	}
	if len(al.NotAfter) > 0 {
		g.notAfter = termSet(a, al.NotAfter)
	}
	g.letter = len(toks) == 1 && toks[0].End-toks[0].Start == 1 && toks[0].Flags&analysis.Digit == 0
	return g
}

// merge combines the guards of forms that share an ambiguous alias: the
// stricter reading wins.
func (g guard) merge(o guard) guard {
	if g.shape == nil {
		g.shape = o.shape
	}
	g.context = g.context || o.context
	g.letter = g.letter || o.letter
	g.notBefore = unionSet(g.notBefore, o.notBefore)
	g.notAfter = unionSet(g.notAfter, o.notAfter)
	return g
}

func unionSet(a, b map[string]bool) map[string]bool {
	if len(b) == 0 {
		return a
	}
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func (m *matcher) insert(terms []string) int32 {
	n := int32(0)
	for _, t := range terms {
		next, ok := m.nodes[n].children[t]
		if !ok {
			if m.nodes[n].children == nil {
				m.nodes[n].children = make(map[string]int32)
			}
			next = int32(len(m.nodes))
			m.nodes[n].children[t] = next
			m.nodes = append(m.nodes, trieNode{})
		}
		n = next
	}
	return n
}

// candidate is an alias occurrence before context checks.
type candidate struct {
	entry      int32
	tok, end   int // token range [tok, end)
	needsCtx   bool
	rejected   bool
	skill      SkillID
	unresolved bool // ambiguous, reading not chosen yet
}

// Scratch holds reusable buffers for Find; a zero Scratch is ready to use.
// A Scratch must not be used by two goroutines at once.
type Scratch struct {
	cands []candidate
	stack []int32
}

// ListContext reports whether a byte offset lies in a place where a bare
// word is a skill name (a skills section, a "Languages:" line).
type ListContext func(offset int) bool

// Find appends to dst the skills mentioned in text, whose tokens toks were
// produced by t.Analyzer().Analyze(text, …). inList may be nil.
func (t *Taxonomy) Find(text string, toks []analysis.Token, inList ListContext, s *Scratch, dst []Mention) []Mention {
	if s == nil {
		s = new(Scratch)
	}
	m := &t.matcher
	cands := s.cands[:0]
	for i := 0; i < len(toks); {
		node, ok := m.nodes[0].children[toks[i].Term]
		if !ok {
			i++
			continue
		}
		// Walk the trie as far as the tokens go, remembering nodes that end aliases.
		stack := s.stack[:0]
		j := i
		for {
			if len(m.nodes[node].entries) > 0 {
				stack = append(stack, node, int32(j+1))
			}
			j++
			if j >= len(toks) || m.nodes[node].children == nil {
				break
			}
			if !joinable(text[toks[j-1].End:toks[j].Start]) {
				break // an alias never spans a comma or bracket: "MLIR (dialects" is two things
			}
			next, ok := m.nodes[node].children[toks[j].Term]
			if !ok {
				break
			}
			node = next
		}
		s.stack = stack
		matched := false
		// Longest alias first; fall back to shorter ones when guards veto.
		for k := len(stack) - 2; k >= 0 && !matched; k -= 2 {
			n, end := stack[k], int(stack[k+1])
			for _, ei := range m.nodes[n].entries {
				e := &m.entries[ei]
				if !m.passes(e, text, toks, i, end) {
					continue
				}
				c := candidate{entry: ei, tok: i, end: end, needsCtx: e.g.context, skill: e.skill}
				if e.amb >= 0 {
					c.unresolved = true
				}
				cands = append(cands, c)
				i = end
				matched = true
				break
			}
		}
		if !matched {
			i++
		}
	}
	s.cands = cands
	m.resolve(t, text, toks, cands, inList)
	for _, c := range cands {
		if c.rejected {
			continue
		}
		dst = append(dst, Mention{Skill: c.skill, Start: toks[c.tok].Start, End: toks[c.end-1].End, Tok: c.tok})
	}
	return dst
}

// passes applies the guards that need only the alias and its neighbours.
func (m *matcher) passes(e *aliasEntry, text string, toks []analysis.Token, i, end int) bool {
	g := &e.g
	if g.shape != nil {
		for k, want := range g.shape {
			got := toks[i+k].Flags
			switch {
			case want&analysis.AllUpper != 0 && toks[i+k].End-toks[i+k].Start > 1:
				if got&analysis.AllUpper == 0 {
					return false
				}
			case want&analysis.Upper != 0:
				if got&analysis.Upper == 0 {
					return false
				}
			default: // written in lower case: accept lower case or ALL CAPS
				if got&(analysis.Lower|analysis.AllUpper) == 0 {
					return false
				}
			}
		}
	}
	// Vetoes apply to words in the same phrase: "Sign-On, Go" is a list,
	// not "on Go".
	if g.notBefore != nil && i > 0 && g.notBefore[toks[i-1].Term] && isBlank(text[toks[i-1].End:toks[i].Start]) {
		return false
	}
	if g.notAfter != nil && end < len(toks) && g.notAfter[toks[end].Term] && isBlank(text[toks[end-1].End:toks[end].Start]) {
		return false
	}
	if g.letter {
		// "C-suite", "R-squared", "C-level": a letter glued to a word by a hyphen.
		e := toks[i].End
		if e+1 < len(text) && text[e] == '-' && isASCIILetter(text[e+1]) {
			return false
		}
		// "a C grade", "plan B": a lone letter after an article or before a noun
		// is handled by per-alias not_before/not_after lists.
	}
	return true
}

// joinable reports whether the text between two tokens may sit inside one
// multi-word alias: spaces, hyphens, dots, slashes, underscores.
func joinable(gap string) bool {
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', '\t', '-', '_', '.', '/', '\'':
		default:
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// resolve chooses readings of ambiguous aliases and applies context guards.
func (m *matcher) resolve(t *Taxonomy, text string, toks []analysis.Token, cands []candidate, inList ListContext) {
	for ci := range cands {
		c := &cands[ci]
		if !c.unresolved {
			continue
		}
		amb := &m.amb[m.entries[c.entry].amb]
		// Count cue words on the same line, within the window; a tie goes
		// to the reading with the nearest cue, then to the default.
		var votesBuf [8]int
		var nearBuf [8]int
		votes, near := votesBuf[:0], nearBuf[:0]
		for range amb.candidates {
			votes, near = append(votes, 0), append(near, 1<<30)
		}
		lo := c.tok
		for lo > 0 && c.tok-lo < ambiguityWindow && toks[lo].Flags&analysis.LineStart == 0 {
			lo--
		}
		hi := c.end
		for hi < len(toks) && hi-c.end < ambiguityWindow && toks[hi].Flags&analysis.LineStart == 0 {
			hi++
		}
		for k := lo; k < hi; k++ {
			if k >= c.tok && k < c.end {
				continue
			}
			dist := c.tok - k
			if k >= c.end {
				dist = k - c.end + 1
			}
			for _, cand := range amb.cues[toks[k].Term] {
				votes[cand]++
				near[cand] = min(near[cand], dist)
			}
		}
		best, bestVotes, tie := amb.def, 0, false
		for k, v := range votes {
			switch {
			case v > bestVotes:
				best, bestVotes, tie = k, v, false
			case v == bestVotes && v > 0:
				switch {
				case near[k] < near[best]:
					best, tie = k, false
				case near[k] == near[best]:
					tie = true
				}
			}
		}
		if tie {
			best = amb.def
		}
		if best < 0 {
			c.rejected = true
			continue
		}
		c.skill = amb.candidates[best]
		c.unresolved = false
		if bestVotes > 0 && !tie {
			c.needsCtx = false // the cue words that chose the reading are context enough
		}
	}
	for ci := range cands {
		c := &cands[ci]
		if !c.needsCtx || c.rejected {
			continue
		}
		if !m.supported(t, text, toks, cands, ci, inList) {
			c.rejected = true
		}
	}
}

// supported reports whether a guarded candidate has evidence that it means
// the skill: a list context, an unguarded skill nearby, a coordinated
// guarded skill of the same category, or a technical cue word nearby.
func (m *matcher) supported(t *Taxonomy, text string, toks []analysis.Token, cands []candidate, ci int, inList ListContext) bool {
	c := &cands[ci]
	if inList != nil && inList(toks[c.tok].Start) {
		return true
	}
	for k := ci - 1; k >= 0 && c.tok-cands[k].end < supportWindow; k-- {
		if m.vouches(cands, ci, k, text, toks) {
			return true
		}
	}
	for k := ci + 1; k < len(cands) && cands[k].tok-c.end < supportWindow; k++ {
		if m.vouches(cands, ci, k, text, toks) {
			return true
		}
	}
	lo, hi := max(0, c.tok-cueWindow), min(len(toks), c.end+cueWindow)
	for k := lo; k < hi; k++ {
		if (k < c.tok || k >= c.end) && m.cues[toks[k].Term] {
			return true
		}
	}
	// An unguarded skill anywhere in the same sentence: "interoperability
	// with Mojo, aiming for … Triton-lang" — unless the name opens the
	// sentence, where its capital letter says nothing ("Make tracking fast").
	if toks[c.tok].Flags&analysis.SentenceStart != 0 {
		return false
	}
	sStart, sEnd := c.tok, c.end
	for sStart > 0 && toks[sStart].Flags&analysis.SentenceStart == 0 {
		sStart--
	}
	for sEnd < len(toks) && toks[sEnd].Flags&analysis.SentenceStart == 0 {
		sEnd++
	}
	for k := ci - 1; k >= 0 && cands[k].tok >= sStart; k-- {
		if o := &cands[k]; !o.needsCtx && !o.rejected && !o.unresolved {
			return true
		}
	}
	for k := ci + 1; k < len(cands) && cands[k].tok < sEnd; k++ {
		if o := &cands[k]; !o.needsCtx && !o.rejected && !o.unresolved {
			return true
		}
	}
	return false
}

// vouches reports whether candidate k supports guarded candidate ci.
func (m *matcher) vouches(cands []candidate, ci, k int, text string, toks []analysis.Token) bool {
	o := &cands[k]
	if o.rejected || o.unresolved {
		return false
	}
	if !o.needsCtx {
		return true
	}
	// Two guarded names support each other only when coordinated in a list
	// and of the same kind: "Go and Rust", not "Ray and Julia".
	if m.cat[o.skill] != m.cat[cands[ci].skill] {
		return false
	}
	a, b := &cands[ci], o
	if k < ci {
		a, b = o, &cands[ci]
	}
	switch b.tok - a.end {
	case 0:
		return isListGap(text[toks[a.end-1].End:toks[b.tok].Start])
	case 1:
		return m.list[toks[a.end].Term] && isSpaceGap(text[toks[a.end-1].End:toks[a.end].Start]) &&
			isSpaceGap(text[toks[a.end].End:toks[b.tok].Start])
	}
	return false
}

// isListGap reports whether the text between two tokens separates list
// items: a comma, slash, semicolon, pipe or bullet, with spaces.
func isListGap(gap string) bool {
	sep := false
	for _, r := range gap {
		switch r {
		case ',', '/', ';', '|', '·', '•', '&', '+':
			sep = true
		case ' ', '\t':
		default:
			return false
		}
	}
	return sep
}

// isBlank reports a gap of spaces only.
func isBlank(gap string) bool {
	for i := 0; i < len(gap); i++ {
		if gap[i] != ' ' && gap[i] != '\t' {
			return false
		}
	}
	return true
}

func isSpaceGap(gap string) bool {
	for _, r := range gap {
		if r != ' ' && r != '\t' && r != ',' {
			return false
		}
	}
	return true
}

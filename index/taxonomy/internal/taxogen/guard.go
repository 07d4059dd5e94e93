package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/skillrank/skillrank/index/taxonomy"
)

// wordList holds the ordinary English words (entries written in lower case)
// and proper names (first letter upper case, the rest lower: first names,
// surnames, places) that an alias must not match unguarded. Entries with
// capitals inside ("TensorFlow", "MySQL", "NASA") are brand names or
// abbreviations the list also carries; they are not ordinary words and are
// skipped.
type wordList struct {
	words map[string]bool   // lower-cased entries
	forms map[string]string // lower-cased entry → as written
	// byKey maps an analysed form to the entries that analyse to it, so that
	// a name that stems to a word ("OpenAL" → "open", "Deployer" → "deploy")
	// is caught too. Built on first use.
	byKey map[string][]string
	// asked records every entry a build used, so that the subset of a full
	// dictionary the build needs can be written out (-dict).
	asked map[string]bool
	// rare holds lower-case entries of the larger list (SCOWL 50) that the
	// common list lacks ("fennel", "mocha", "selenium"): a one-word name
	// that is one of them is guarded, but they are not ordinary words for
	// the other rules.
	rare map[string]bool
}

// isRare reports whether lw is a rare (size-50 only) lower-case word.
func (w *wordList) isRare(lw string) bool {
	if w == nil || w.rare == nil {
		return false
	}
	if w.asked != nil && w.rare[lw] {
		w.asked["~"+lw] = true
	}
	return w.rare[lw]
}

// has reports whether lw (lower case) is in the list.
func (w *wordList) has(lw string) bool {
	if w == nil {
		return false
	}
	if w.asked != nil {
		w.asked[lw] = true
	}
	return w.words[lw]
}

// hasKey reports whether some entry analyses to key.
func (w *wordList) hasKey(key string, keyOf func(string) string) bool {
	return len(w.withKey(key, keyOf)) > 0
}

// ordinaryWithKey returns the ordinary words (lower-case entries, not
// names) that analyse to key, sorted.
func (w *wordList) ordinaryWithKey(key string, keyOf func(string) string) []string {
	var out []string
	for _, lw := range w.withKey(key, keyOf) {
		if w.ordinary(lw) {
			out = append(out, lw)
		}
	}
	return out
}

// ordinary reports whether lw is an entry written in lower case (an
// ordinary word, not a name). It does not record lw as used.
func (w *wordList) ordinary(lw string) bool {
	if w == nil || !w.words[lw] {
		return false
	}
	f, ok := w.forms[lw]
	return !ok || f == lw
}

// withKey returns the entries that analyse to key and records them as used.
func (w *wordList) withKey(key string, keyOf func(string) string) []string {
	if w == nil {
		return nil
	}
	if w.byKey == nil {
		w.byKey = map[string][]string{}
		for _, lw := range sortedKeys(w.words) {
			k := keyOf(lw)
			w.byKey[k] = append(w.byKey[k], lw)
		}
	}
	ws := w.byKey[key]
	for _, lw := range ws {
		if w.asked != nil {
			w.asked[lw] = true
		}
	}
	return ws
}

// Entry kinds read from a word list.
const (
	// entriesWords takes lower-case entries (ordinary words).
	entriesWords = 1 << iota
	// entriesNames takes capitalised entries (names).
	entriesNames
	// entriesRare takes lower-case entries that are not words already into
	// rare.
	entriesRare
)

// readWordList reads a word list, one entry a line; "#" starts a comment.
// kinds selects lower-case entries, capitalised ones, or both. Possessives
// ("Ada's") and entries with capitals inside are skipped.
func readWordList(w *wordList, path string, kinds int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if w.words == nil {
		w.words = map[string]bool{}
		w.forms = map[string]string{}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.Contains(line, "'") || !plainOrCapitalised(line) {
			continue
		}
		lower := strings.ToLower(line)
		if line == lower && kinds&entriesRare != 0 {
			if !w.words[lower] {
				if w.rare == nil {
					w.rare = map[string]bool{}
				}
				w.rare[lower] = true
			}
			continue
		}
		if line == lower && kinds&entriesWords == 0 || line != lower && kinds&entriesNames == 0 {
			continue
		}
		w.words[lower] = true
		if _, ok := w.forms[lower]; !ok || line == lower {
			w.forms[lower] = line
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// plainOrCapitalised: "spark", "Julia" yes; "TensorFlow", "NASA" no.
func plainOrCapitalised(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// wordListHeader heads the committed subset of the word list.
const wordListHeader = `# Ordinary English words (lower case) and names (capitalised) that are also
# aliases of skills, or analyse like one. Words come from Debian's
# wamerican-small (/usr/share/dict/american-english-small, SCOWL size 35),
# names from wamerican (/usr/share/dict/american-english, SCOWL size 50).
# See ../licenses/SCOWL-COPYRIGHT.txt. Regenerate with
#   go run ./index/taxonomy/internal/taxogen -dict-words /usr/share/dict/american-english-small -dict-names /usr/share/dict/american-english
`

// rareWordListHeader heads the committed subset of rare words.
const rareWordListHeader = `# Lower-case entries of Debian's wamerican (SCOWL size 50) that
# wamerican-small (size 35) lacks, and that are one-word skill names: such a
# name is guarded like an ordinary word ("Fennel", "Mocha", "Selenium").
# See ../licenses/SCOWL-COPYRIGHT.txt and english-words.txt.
`

// writeWordSubset writes the dictionary words this build looked up: the
// common words and names to path, the rare words next to it.
func writeWordSubset(path string, w *wordList) error {
	var ws, rs []string
	for lw := range w.asked {
		if r, ok := strings.CutPrefix(lw, "~"); ok {
			rs = append(rs, r)
		} else if w.words[lw] {
			ws = append(ws, w.forms[lw])
		}
	}
	sort.Strings(ws)
	sort.Strings(rs)
	if err := writeFileAtomic(path, []byte(wordListHeader+strings.Join(ws, "\n")+"\n")); err != nil {
		return err
	}
	return writeFileAtomic(rarePath(path), []byte(rareWordListHeader+strings.Join(rs, "\n")+"\n"))
}

// rarePath is the rare-word subset next to the word subset at path.
func rarePath(path string) string {
	return filepath.Join(filepath.Dir(path), fileRareWordList)
}

// guardKind says how an alias text must be guarded.
type guardKind int

const (
	guardNone guardKind = iota
	// guardContext: context only (concept nouns written in lower case).
	guardContext
	// guardCaseContext: case and context (names that are also words).
	guardCaseContext
)

// needsGuard classifies one alias text: a single word (after the analyzer's
// split) that is an ordinary word, a name, or one or two letters.
func (g *guarder) needsGuard(text string) guardKind {
	w := oneWord(text)
	if w == "" {
		return guardNone
	}
	lw := strings.ToLower(w)
	switch {
	case g.unguarded[lw]:
		return guardNone
	case g.contextOnly[lw]:
		return guardContext
	}
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters == len([]rune(w)) && letters <= 2 {
		return guardCaseContext // C, R, D, Go, IR
	}
	if g.extra[lw] || g.words.has(lw) || g.words.isRare(lw) {
		return guardCaseContext
	}
	// A name that analyses like a word matches that word ("OpenAL" is
	// "open" to the matcher).
	if g.keyOf != nil && g.words.hasKey(g.keyOf(w), g.keyOf) {
		return guardCaseContext
	}
	return guardNone
}

type guarder struct {
	words       *wordList
	extra       map[string]bool
	unguarded   map[string]bool
	contextOnly map[string]bool
	notAfter    []string
	notBefore   []string
	keyOf       func(string) string // analysed form of a word
	// generic maps the analysed form of each generic word to the word.
	generic map[string]string
	// collisionsOK holds reviewed collisions, lower-cased.
	collisionsOK map[string]bool
}

func newGuarder(words *wordList, r GuardRules, keyOf func(string) string) *guarder {
	low := func(ss []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range ss {
			m[strings.ToLower(s)] = true
		}
		return m
	}
	return &guarder{
		words:        words,
		extra:        low(r.Words),
		unguarded:    low(r.Unguarded),
		contextOnly:  low(r.ContextOnly),
		notAfter:     r.NotAfter,
		notBefore:    r.NotBefore,
		keyOf:        keyOf,
		generic:      genericKeys(r.Generic, keyOf),
		collisionsOK: low(r.Collisions),
	}
}

func genericKeys(words []string, keyOf func(string) string) map[string]string {
	m := map[string]string{}
	for _, w := range words {
		if keyOf != nil {
			if k := keyOf(w); k != "" {
				m[k] = w
			}
		}
	}
	return m
}

// oneWord returns the single word of text (after the analyzer's split), or
// "" when text has several.
func oneWord(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '#' || r == '.' || r == '&' || r == '\'')
	})
	if len(words) != 1 {
		return ""
	}
	return strings.Trim(words[0], ".'")
}

// genericWord returns the generic word a one-word text analyses like
// ("profiling" → "profile"), or "".
func (g *guarder) genericWord(text string) string {
	w := oneWord(text)
	if w == "" || g.keyOf == nil {
		return ""
	}
	return g.generic[g.keyOf(w)]
}

// ordinaryLike reports whether a one-word text is, or analyses like, an
// ordinary English word (a lower-case word-list entry or guards.words):
// "Pipelines" is "pipeline", "OpenAL" is "open". Names (Julia, Kafka) and
// acronyms of three or more capitals (LAMP) are not ordinary words.
func (g *guarder) ordinaryLike(text string) bool {
	w := oneWord(text)
	if w == "" || len([]rune(w)) >= 3 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
		// An acronym in capitals (LAMP, MEAN) keeps a case guard that
		// accepts only capitals.
		return false
	}
	lw := strings.ToLower(w)
	if g.unguarded[lw] {
		return false
	}
	if g.extra[lw] || g.words.has(lw) && g.words.ordinary(lw) {
		return true
	}
	return g.keyOf != nil && len(g.words.ordinaryWithKey(g.keyOf(w), g.keyOf)) > 0
}

// short reports a source alias too short to be safe: one or two letters
// ("aa", "II"), or a lower-case slug of three letters ("mma", "wl") —
// people write such abbreviations in capitals, and as slugs they are
// file extensions.
func short(text string) bool {
	letters, lower, other := 0, true, 0
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			letters++
			lower = lower && unicode.IsLower(r)
		default:
			other++
		}
	}
	return letters <= 2 && other == 0 || letters == 3 && other == 0 && lower
}

// shrinks reports a one-word text of three or more letters that the
// analyzer stems to one or two ("IIS" → "ii", "VMs" → "vm"): it would
// match those letters ("Phase II").
func (g *guarder) shrinks(text string) bool {
	w := oneWord(text)
	if w == "" || g.keyOf == nil || letterCount(w) <= 2 {
		return false
	}
	k := g.keyOf(w)
	return k != "" && letterCount(k) <= 2 && len([]rune(k)) == letterCount(k)
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// collisions returns the ordinary words a one-word text analyses like that
// are not the text itself or its inflections ("embeddings" analyses like
// "embedded", "Electron" like "electronic"): the matcher cannot tell them
// apart. Forms in capitals (SPI, AIDE) have none: their case guard
// accepts only capitals.
func (g *guarder) collisions(text string) []string {
	w := oneWord(text)
	if w == "" || g.keyOf == nil || len([]rune(w)) > 1 && strings.ToUpper(w) == w {
		return nil
	}
	lw := strings.ToLower(w)
	var out []string
	for _, o := range g.words.ordinaryWithKey(g.keyOf(w), g.keyOf) {
		if !isInflection(lw, o) {
			out = append(out, o)
		}
	}
	return out
}

// isInflection reports whether word is form, its singular (for a plural
// form), or a regular inflection of either: +s, +es, +ed, +ing, with a
// final e dropped, a final consonant doubled, or y → i.
func isInflection(form, word string) bool {
	bases := []string{form}
	for _, suf := range []string{"es", "s"} {
		if b, ok := strings.CutSuffix(form, suf); ok && len(b) >= 3 {
			bases = append(bases, b)
		}
	}
	for _, b := range bases {
		if word == b {
			return true
		}
		stems := []string{b}
		if e, ok := strings.CutSuffix(b, "e"); ok {
			stems = append(stems, e)
		}
		if y, ok := strings.CutSuffix(b, "y"); ok {
			stems = append(stems, y+"i")
		}
		if n := len(b); n > 0 {
			stems = append(stems, b+b[n-1:]) // doubled consonant
		}
		for _, st := range stems {
			for _, suf := range []string{"s", "es", "ed", "d", "ing", "ings", "er", "ers"} {
				if word == st+suf {
					return true
				}
			}
		}
	}
	return false
}

// applyGuards applies the word rules (README "Precision rules") and
// guards every form of every skill that needs it. The canonical name gets
// an alias entry of the same text carrying its guards.
//
// A source alias is dropped when it is a generic word, analyses like an
// ordinary word (whatever its case: "REST", "Pipelines", "Accelerate"), is
// one or two letters, or is a lower-case three-letter slug; a curated
// alias or a name that is a generic word, or that collides with an
// unrelated ordinary word without review, is an error.
func (b *builder) applyGuards(g *guarder) {
	strippedOK := set(b.rules.ONet.StrippedOK)
	checkForm := func(s *skill, text string, isName bool) {
		what := "curated alias"
		if isName {
			what = "name"
		}
		if gw := g.genericWord(text); gw != "" {
			b.errorf("%s: %s %q analyses like the generic word %q (guards.generic): rename the skill or use multi-word aliases", s.name, what, text, gw)
			return
		}
		if !isName && g.needsGuard(text) == guardCaseContext && !hasUpper(text) && !g.collisionsOK[strings.ToLower(text)] {
			// A case guard on a lower-case text accepts the lower-case word.
			b.errorf("%s: curated alias %q is an ordinary word in lower case, which its case guard accepts: drop it, or review it into guards.collisions", s.name, text)
			return
		}
		if g.shrinks(text) && !g.collisionsOK[strings.ToLower(text)] {
			b.errorf("%s: %s %q analyses to one or two letters (%q): it matches them; drop it, or review it into guards.collisions", s.name, what, text, g.keyOf(text))
			return
		}
		if cs := g.collisions(text); len(cs) > 0 && !g.collisionsOK[strings.ToLower(text)] {
			b.errorf("%s: %s %q analyses like the unrelated word(s) %s: rename, drop, or review it into guards.collisions", s.name, what, text, strings.Join(quoted(cs), ", "))
		}
	}
	for _, s := range b.live() {
		var out []*alias
		nameDone := false
		for _, a := range s.aliases {
			kind := g.needsGuard(a.spec.Text)
			isName := a.spec.Text == s.name
			if !a.curated && !isName {
				reason := ""
				switch {
				case g.genericWord(a.spec.Text) != "":
					reason = "a generic word"
				case short(a.spec.Text):
					reason = "too short"
				case g.shrinks(a.spec.Text):
					reason = "one or two letters once analysed"
				case g.ordinaryLike(a.spec.Text) && !strippedOK[a.spec.Text]:
					reason = "an ordinary word"
				case kind == guardCaseContext && !hasUpper(a.spec.Text):
					// A case guard on a lower-case slug ("kafka") would match only the word.
					reason = "a lower-case slug that would need a case guard"
				}
				if reason != "" {
					b.logf("dropped source alias %q of %q: %s", a.spec.Text, s.name, reason)
					continue
				}
			} else {
				checkForm(s, a.spec.Text, isName)
			}
			if isName {
				nameDone = true
			}
			g.guard(&a.spec, kind)
			out = append(out, a)
		}
		if !nameDone {
			checkForm(s, s.name, true)
			if kind := g.needsGuard(s.name); kind != guardNone {
				a := &alias{spec: taxonomy.AliasSpec{Text: s.name}, curated: s.curated, source: srcCurated}
				g.guard(&a.spec, kind)
				out = append([]*alias{a}, out...)
			}
		}
		s.aliases = out
	}
}

func (g *guarder) guard(a *taxonomy.AliasSpec, kind guardKind) {
	if kind == guardCaseContext && !caseGuardable(a.Text) {
		// The matcher's case guard knows capitalised, ALL-CAPS and
		// lower-case words only: on "spaCy" or "iOS" it would reject the
		// name itself. Context is what is left.
		kind = guardContext
	}
	switch kind {
	case guardCaseContext:
		a.CaseSensitive = true
		a.NeedsContext = true
		a.NotAfter = mergeWords(a.NotAfter, g.notAfter)
		a.NotBefore = mergeWords(a.NotBefore, g.notBefore)
	case guardContext:
		a.NeedsContext = true
	}
}

// caseGuardable reports whether every word of text is capitalised
// ("Spark"), in capitals ("CUDA") or in lower case ("torch"): the shapes
// the matcher's case guard can require. "spaCy", "iOS", "cURL" are not.
func caseGuardable(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(w)
		if len(rs) == 0 || unicode.IsUpper(rs[0]) || strings.ToLower(w) == w {
			continue
		}
		return false
	}
	return true
}

func mergeWords(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	seen := map[string]bool{}
	var out []string
	for _, w := range append(append([]string(nil), a...), b...) {
		lw := strings.ToLower(w)
		if !seen[lw] {
			seen[lw] = true
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

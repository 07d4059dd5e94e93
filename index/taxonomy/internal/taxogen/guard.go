package main

import (
	"bufio"
	"fmt"
	"os"
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
	if w == nil {
		return false
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
	return len(ws) > 0
}

// Entry kinds read from a word list.
const (
	// entriesWords takes lower-case entries (ordinary words).
	entriesWords = 1 << iota
	// entriesNames takes capitalised entries (names).
	entriesNames
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

// writeWordSubset writes the dictionary words this build looked up.
func writeWordSubset(path string, w *wordList) error {
	var ws []string
	for lw := range w.asked {
		if w.words[lw] {
			ws = append(ws, w.forms[lw])
		}
	}
	sort.Strings(ws)
	return writeFileAtomic(path, []byte(wordListHeader+strings.Join(ws, "\n")+"\n"))
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
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '#' || r == '.' || r == '&' || r == '\'')
	})
	if len(words) != 1 {
		return guardNone
	}
	w := strings.Trim(words[0], ".'")
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
	if g.extra[lw] || g.words.has(lw) {
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
		words:       words,
		extra:       low(r.Words),
		unguarded:   low(r.Unguarded),
		contextOnly: low(r.ContextOnly),
		notAfter:    r.NotAfter,
		notBefore:   r.NotBefore,
		keyOf:       keyOf,
	}
}

// applyGuards guards every form of every skill that needs it. The canonical
// name gets an alias entry of the same text carrying its guards. A source
// alias written in lower case that would need a case guard is dropped: a
// case guard on a lower-case slug ("rust") would match only the word.
func (b *builder) applyGuards(g *guarder) {
	for _, s := range b.live() {
		var out []*alias
		nameDone := false
		for _, a := range s.aliases {
			kind := g.needsGuard(a.spec.Text)
			isName := a.spec.Text == s.name
			if kind == guardCaseContext && !a.curated && !isName && !hasUpper(a.spec.Text) {
				b.logf("dropped lower-case word alias %q of %q", a.spec.Text, s.name)
				continue
			}
			if isName {
				nameDone = true
			}
			g.guard(&a.spec, kind)
			out = append(out, a)
		}
		if !nameDone {
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

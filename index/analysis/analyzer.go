// Package analysis is the one text-analysis path of skillrank: profiles,
// jobs, the taxonomy's aliases and the bleve full-text field all go through
// the same tokenizer and the same Snowball (English) normalisation, so
// "compilers" in a profile meets "compiler" in a job.
//
// An Analyzer memoizes normalised forms; it is safe for concurrent use.
package analysis

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// DefaultMemoSize bounds the number of distinct surface forms an Analyzer
// remembers. Profile vocabularies are Zipfian, so a few hundred thousand
// forms cover almost every token; past the bound, forms are normalised
// without being stored, so memory stays bounded on adversarial input.
const DefaultMemoSize = 1 << 19

const memoShards = 32

// Analyzer tokenizes and normalises text. The zero value is not usable; call New.
type Analyzer struct {
	seed   maphash.Seed
	shards [memoShards]memoShard
	limit  int // entries per shard
}

type memoShard struct {
	mu sync.RWMutex
	m  map[string]string
}

// New returns an Analyzer whose memo holds up to memoSize surface forms
// (DefaultMemoSize if memoSize <= 0).
func New(memoSize int) *Analyzer {
	if memoSize <= 0 {
		memoSize = DefaultMemoSize
	}
	a := &Analyzer{seed: maphash.MakeSeed(), limit: memoSize/memoShards + 1}
	for i := range a.shards {
		a.shards[i].m = make(map[string]string)
	}
	return a
}

// Analyze appends the tokens of text to dst with their Term set.
func (a *Analyzer) Analyze(text string, dst []Token) []Token {
	n := len(dst)
	dst = Tokenize(text, dst)
	for i := n; i < len(dst); i++ {
		t := &dst[i]
		t.Term = a.Normalize(text[t.Start:t.End], t.Flags)
	}
	return dst
}

// Terms returns the normalised terms of text, e.g. for an alias or a query.
func (a *Analyzer) Terms(text string) []string {
	toks := a.Analyze(text, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Term
	}
	return out
}

// Normalize returns the term for one token's surface form, as written;
// flags are the token's flags (Tokenize computes them).
func (a *Analyzer) Normalize(surface string, flags Flags) string {
	if flags&(Digit|Symbol) == 0 && flags&Lower != 0 && len(surface) <= 2 {
		return surface // short lower-case words are their own stem
	}
	sh := &a.shards[maphash.String(a.seed, surface)%memoShards]
	sh.mu.RLock()
	term, ok := sh.m[surface]
	sh.mu.RUnlock()
	if ok {
		return term
	}
	term = normalize(surface, flags)
	sh.mu.Lock()
	if len(sh.m) < a.limit {
		// Clone both: a term that needed no change is a substring of the
		// analysed text, and a memo entry must not keep a document alive.
		term = strings.Clone(term)
		sh.m[strings.Clone(surface)] = term
	}
	sh.mu.Unlock()
	return term
}

// normalize lower-cases surface and stems it when it is purely alphabetic.
func normalize(surface string, flags Flags) string {
	lower := toLower(surface)
	if flags&(Digit|Symbol) != 0 {
		return lower
	}
	return english.Stem(lower, true)
}

// toLower is strings.ToLower with a no-allocation path for text that is
// already lower-case ASCII, the common case.
func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

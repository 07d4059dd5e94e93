package timeline

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// checkFind checks the invariants of Find on text: offsets in bounds,
// matches ordered and disjoint, and each match parses to its own range.
func checkFind(t *testing.T, text string) {
	t.Helper()
	ms := Find(text)
	if want := findSimple(text); !slices.Equal(ms, want) {
		t.Fatalf("Find(%q) = %v; trying every token gives %v", text, ms, want)
	}
	prev := 0
	for i, m := range ms {
		if m.Start < prev || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("Find(%q)[%d]: bad offsets %d..%d (previous end %d)", text, i, m.Start, m.End, prev)
		}
		prev = m.End
		sub := text[m.Start:m.End]
		r, err := Parse(sub)
		if err != nil || r != m.Range {
			t.Fatalf("Find(%q)[%d] = %q %v, but Parse(%q) = %v, %v", text, i, sub, m.Range, sub, r, err)
		}
		checkRange(t, sub, r)
	}
}

// checkRange checks that a parsed range is well formed.
func checkRange(t *testing.T, text string, r Range) {
	t.Helper()
	ok := r.Start.Year() >= minYear && r.Start.Year() <= maxYear
	switch {
	case r.Kind == KindStart:
		ok = ok && r.End == 0 && !r.Open && r.Season == NoSeason
	case r.Open:
		ok = ok && r.Kind == KindRange && r.End == 0
	case r.Kind == KindRange || r.Kind == KindSingle:
		ok = ok && r.End >= r.Start && r.End.Year() <= maxYear
	default:
		ok = false
	}
	if !ok || r.Season > Spring {
		t.Fatalf("Parse(%q) = %#v: malformed range", text, r)
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.in)
	}
	for _, c := range findCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r, err := Parse(text)
		if err != nil {
			if !errors.Is(err, ErrNoDate) && !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrEndBeforeStart) {
				t.Fatalf("Parse(%q): unexpected error %v", text, err)
			}
			if r != (Range{}) {
				t.Fatalf("Parse(%q) = %v with error %v", text, r, err)
			}
			return
		}
		checkRange(t, text, r)
		asOf := MonthOf(2030, 6)
		for _, iv := range r.Intervals(asOf, 0) {
			if iv.Start > iv.End || iv.End > asOf || iv.Start < r.Start {
				t.Fatalf("Parse(%q) = %v: bad interval %v", text, r, iv)
			}
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.in)
	}
	for _, c := range parseCases {
		f.Add(c.in)
		f.Add("x " + c.in + " y")
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkFind(t, text)
	})
}

// findSimple is Find without the skipping over prose: it tries every token.
// Find must give the same result.
func findSimple(text string) []Match {
	var out []Match
	for pos := 0; pos < len(text); {
		t := lex(text, pos)
		if t.kind == tEOF {
			break
		}
		pos = t.end
		if !canStart(t) || !leftOK(text, t.start) {
			continue
		}
		r, end, err := exprAt(text, t)
		if err == errNoMatch {
			continue
		}
		if end > pos {
			pos = end
		}
		if err == nil && rightOK(text, end) {
			out = append(out, Match{Start: t.start, End: end, Range: r})
		}
	}
	return out
}

// TestTokenSoup checks the Find invariants on random sequences of date
// pieces, which reach corners that byte-level fuzzing finds slowly.
func TestTokenSoup(t *testing.T) {
	pieces := []string{
		"2019", "2021", "1998", "1800", "2100", "15", "18", "04", "13", "00", "3", "31", "02", "'19", "’95",
		"Jan", "Jun.", "Sept", "March", "May", "Summers", "Fall", "Winter", "Q", "Q3", "q5",
		"in", "In", "from", "since", "between", "and", "to", "till", "date", "now", "Present", "onwards",
		"th", "st", "-", "–", "—", "->", "--", "→", "~", "/", ".", ",", "'", "(", ")", "$", "v", "x", "%", ":",
		"年", "é", "\u00a0", " ", " ", " ", "\n",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 30000
	if testing.Short() {
		n = 3000
	}
	var b strings.Builder
	for range n {
		b.Reset()
		for range 1 + rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		checkFind(t, text)
		if r, err := Parse(text); err == nil {
			checkRange(t, text, r)
		}
	}
}

package scoring

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"testing"

	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

var asOf = timeline.MonthOf(2026, 11)

// testTaxonomy is a chain of related skills: s0–s1 0.8, s1–s2 0.6, …
func testTaxonomy(t testing.TB, n int) *taxonomy.Taxonomy {
	t.Helper()
	f := taxonomy.File{Version: 1}
	for i := 0; i < n; i++ {
		s := taxonomy.SkillSpec{Name: fmt.Sprintf("skill%03d", i), Category: "test"}
		if i+1 < n {
			s.Related = []taxonomy.RelationSpec{{Skill: fmt.Sprintf("skill%03d", i+1), Weight: 0.8 - 0.2*float64(i%3)}}
		}
		f.Skills = append(f.Skills, s)
	}
	tax, err := taxonomy.New(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

// randomDocs makes n docs with random evidence over numSkills skills.
func randomDocs(r *rand.Rand, n, numSkills int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		d := Doc{ID: fmt.Sprintf("p%06d", r.IntN(n*4)), Name: fmt.Sprintf("Person %d", i)}
		seen := map[int]bool{}
		for k := 0; k < 1+r.IntN(8); k++ {
			s := r.IntN(numSkills)
			if seen[s] {
				continue
			}
			seen[s] = true
			ev := extract.Evidence{Mentions: 1 + r.IntN(6), Sections: document.SectionSet(r.IntN(128))}
			switch r.IntN(3) {
			case 0: // listed only
			case 1:
				ev.Months = r.IntN(120)
				ev.LastUsed = asOf - timeline.Month(r.IntN(150))
			case 2:
				ev.Months, ev.Current, ev.LastUsed = 1+r.IntN(100), true, asOf
			}
			d.Skills = append(d.Skills, SkillFeatures{Skill: taxonomy.SkillID(s), Features: Pack(&ev, asOf)})
		}
		sort.Slice(d.Skills, func(a, b int) bool { return d.Skills[a].Skill < d.Skills[b].Skill })
		docs[i] = d
	}
	return docs
}

func testJob(tax *taxonomy.Taxonomy, r *rand.Rand) *extract.Job {
	j := &extract.Job{Title: "test"}
	for k := 0; k < 6; k++ {
		req := extract.Requirement{Skills: []taxonomy.SkillID{taxonomy.SkillID(r.IntN(tax.Len()))}, Weight: float64(1 + 2*r.IntN(2))}
		req.Required = req.Weight == 3
		if k == 2 {
			req.Skills = append(req.Skills, taxonomy.SkillID(r.IntN(tax.Len()))) // any-of
		}
		if k == 3 {
			req.MinYears = 3
		}
		j.Requirements = append(j.Requirements, req)
	}
	return j
}

// bruteForce scores every doc with Explain and sorts.
func bruteForce(snap *Snapshot, q *Query, k int) []Hit {
	var hits []Hit
	for ord := 0; ord < snap.Len(); ord++ {
		if !snap.IsLive(uint32(ord)) {
			continue
		}
		ex := q.Explain(snap, uint32(ord))
		if ex.Score32 == 0 || q.Strict && !ex.MeetsRequired {
			continue
		}
		hits = append(hits, Hit{Ord: uint32(ord), Score: ex.Score32})
	}
	sortHits(hits, snap)
	return hits[:min(k, len(hits))]
}

func TestRankMatchesBruteForce(t *testing.T) {
	tax := testTaxonomy(t, 40)
	for _, n := range []int{0, 1, 50, 3000, parallelMin + 777} {
		for _, strict := range []bool{false, true} {
			r := rand.New(rand.NewPCG(uint64(n), 7))
			snap := NewSnapshot(tax.Len()).Apply(randomDocs(r, n, tax.Len()), nil, 1)
			if n > 10 { // some deletions
				snap = snap.Apply(nil, []uint32{0, 3, uint32(n / 2)}, 2)
			}
			q, err := Compile(testJob(tax, r), tax, Options{AsOf: asOf, Strict: strict})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []int{1, 10, 100} {
				got, err := NewRanker(2).Rank(context.Background(), snap, q, k)
				if err != nil {
					t.Fatal(err)
				}
				want := bruteForce(snap, q, k)
				if len(got) != len(want) {
					t.Fatalf("n=%d strict=%v k=%d: %d hits, want %d", n, strict, k, len(got), len(want))
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("n=%d strict=%v k=%d: hit %d = %+v, want %+v", n, strict, k, i, got[i], want[i])
					}
				}
			}
		}
	}
}

func TestExplainEqualsRank(t *testing.T) {
	tax := testTaxonomy(t, 30)
	r := rand.New(rand.NewPCG(1, 2))
	snap := NewSnapshot(tax.Len()).Apply(randomDocs(r, 2000, tax.Len()), nil, 1)
	q, err := Compile(testJob(tax, r), tax, Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := NewRanker(1).Rank(context.Background(), snap, q, 200)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		ex := q.Explain(snap, h.Ord)
		if ex.Score32 != h.Score {
			t.Fatalf("ord %d: explained %v, ranked %v", h.Ord, ex.Score32, h.Score)
		}
		sum := 0.0
		for _, m := range ex.Reqs {
			sum += m.Contribution
		}
		if d := sum - ex.Score; d > 1e-12 || d < -1e-12 {
			t.Fatalf("ord %d: contributions sum %v, score %v", h.Ord, sum, ex.Score)
		}
		if d := ex.Score - float64(h.Score); d > 1e-6 || d < -1e-6 {
			t.Fatalf("ord %d: score %v far from ranked %v", h.Ord, ex.Score, h.Score)
		}
	}
}

func TestTiesBreakByID(t *testing.T) {
	tax := testTaxonomy(t, 3)
	ev := extract.Evidence{Mentions: 2}
	f := Pack(&ev, asOf)
	var docs []Doc
	for _, id := range []string{"carol", "alice", "bob"} {
		docs = append(docs, Doc{ID: id, Skills: []SkillFeatures{{Skill: 0, Features: f}}})
	}
	snap := NewSnapshot(tax.Len()).Apply(docs, nil, 1)
	q, _ := Compile(&extract.Job{Requirements: []extract.Requirement{{Skills: []taxonomy.SkillID{0}, Weight: 1}}}, tax, Options{AsOf: asOf})
	for _, k := range []int{2, 3} { // slice path and heap path
		hits, _ := NewRanker(1).Rank(context.Background(), snap, q, k)
		var ids []string
		for _, h := range hits {
			ids = append(ids, snap.ID(h.Ord))
		}
		want := []string{"alice", "bob", "carol"}[:k]
		if fmt.Sprint(ids) != fmt.Sprint(want) {
			t.Errorf("k=%d: %v, want %v", k, ids, want)
		}
	}
}

func TestStrength(t *testing.T) {
	tax := testTaxonomy(t, 2)
	q, _ := Compile(&extract.Job{Requirements: []extract.Requirement{{Skills: []taxonomy.SkillID{0}, Weight: 1}}}, tax, Options{AsOf: asOf})
	value := func(ev extract.Evidence) float64 {
		v, _ := q.value(Pack(&ev, asOf), 1, nil)
		return float64(v)
	}
	recent := value(extract.Evidence{Mentions: 1, Months: 72, LastUsed: asOf, Current: true})
	old := value(extract.Evidence{Mentions: 1, Months: 6, LastUsed: asOf - 120})
	listed := value(extract.Evidence{Mentions: 1})
	// recent: 0.4·0.5 + 0.6·(1−e^(−3))·1 = 0.2 + 0.5701 = 0.7701
	if d := recent - 0.7701; d > 1e-3 || d < -1e-3 {
		t.Errorf("six recent years: %v, want 0.7701", recent)
	}
	// old: 0.2 + 0.6·(1−e^(−0.25))·2^(−120/36) = 0.2 + 0.1327·0.0992 = 0.2132
	if d := old - 0.2132; d > 1e-3 || d < -1e-3 {
		t.Errorf("six months ten years ago: %v, want 0.2132", old)
	}
	if !(recent > old && old > listed) || listed < 0.19999 || listed > 0.20001 {
		t.Errorf("order: recent %v, old %v, listed %v", recent, old, listed)
	}
}

func TestPackRoundTrip(t *testing.T) {
	for _, ev := range []extract.Evidence{
		{Mentions: 3, Sections: 0b1010, Months: 28, LastUsed: timeline.MonthOf(2023, 6)},
		{Mentions: 40, Months: 400, LastUsed: timeline.MonthOf(2001, 1)},
		{Mentions: 1, Months: 42, LastUsed: asOf, Current: true},
		{Mentions: 1},
	} {
		f := Pack(&ev, asOf)
		if f.Mentions() != min(ev.Mentions, 15) || f.Months(asOf) != min(ev.Months, 255) && !ev.Current || f.Current() != ev.Current {
			t.Errorf("%+v → mentions %d months %d current %v", ev, f.Mentions(), f.Months(asOf), f.Current())
		}
		if ev.Current && f.Months(asOf+12) != ev.Months+12 {
			t.Errorf("current months a year later = %d, want %d", f.Months(asOf+12), ev.Months+12)
		}
		if !ev.Current && f.LastUsed(asOf) != ev.LastUsed {
			t.Errorf("last used %v, want %v", f.LastUsed(asOf), ev.LastUsed)
		}
	}
}

func TestRankCanceled(t *testing.T) {
	tax := testTaxonomy(t, 10)
	snap := NewSnapshot(tax.Len()).Apply(randomDocs(rand.New(rand.NewPCG(3, 3)), 100, tax.Len()), nil, 1)
	q, _ := Compile(testJob(tax, rand.New(rand.NewPCG(3, 4))), tax, Options{AsOf: asOf})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewRanker(1).Rank(ctx, snap, q, 10); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestConcurrentApplyAndRank runs rankers against older snapshots while a
// writer keeps extending them; run with -race.
func TestConcurrentApplyAndRank(t *testing.T) {
	tax := testTaxonomy(t, 20)
	r := rand.New(rand.NewPCG(5, 5))
	q, _ := Compile(testJob(tax, r), tax, Options{AsOf: asOf})
	var cur sync.Mutex
	snap := NewSnapshot(tax.Len())
	ranker := NewRanker(2)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				cur.Lock()
				s := snap
				cur.Unlock()
				want := bruteForce(s, q, 5)
				got, err := ranker.Rank(context.Background(), s, q, 5)
				if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("rank on a snapshot of %d: %v %v, want %v", s.Len(), got, err, want)
					return
				}
			}
		}()
	}
	for i := 0; i < 200; i++ {
		docs := randomDocs(r, 20, tax.Len())
		cur.Lock()
		var del []uint32
		if snap.Len() > 0 {
			del = []uint32{uint32(r.IntN(snap.Len()))}
		}
		next := snap.Apply(docs, del, uint64(i+1))
		snap = next
		cur.Unlock()
	}
	close(stop)
	wg.Wait()
}

func TestCompact(t *testing.T) {
	tax := testTaxonomy(t, 10)
	r := rand.New(rand.NewPCG(9, 9))
	snap := NewSnapshot(tax.Len()).Apply(randomDocs(r, 500, tax.Len()), nil, 1)
	snap = snap.Apply(nil, []uint32{1, 2, 3, 100, 499}, 2)
	q, _ := Compile(testJob(tax, r), tax, Options{AsOf: asOf})
	before := bruteForce(snap, q, 50)
	c, remap := snap.Compact()
	if c.Len() != 495 || remap[2] != -1 || remap[4] != 1 {
		t.Fatalf("compact: len %d, remap[2]=%d remap[4]=%d", c.Len(), remap[2], remap[4])
	}
	after := bruteForce(c, q, 50)
	for i := range before {
		if snap.ID(before[i].Ord) != c.ID(after[i].Ord) || before[i].Score != after[i].Score {
			t.Fatalf("hit %d differs after compaction", i)
		}
	}
}

func TestRankZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	tax := testTaxonomy(t, 40)
	r := rand.New(rand.NewPCG(11, 11))
	snap := NewSnapshot(tax.Len()).Apply(randomDocs(r, parallelMin*2, tax.Len()), nil, 1)
	q, _ := Compile(testJob(tax, r), tax, Options{AsOf: asOf})
	ranker := NewRanker(2)
	ctx := context.Background()
	ranker.Rank(ctx, snap, q, 50) // warm the scratch pool
	allocs := testing.AllocsPerRun(20, func() { ranker.Rank(ctx, snap, q, 50) })
	// One allocation: the returned slice of hits.
	if allocs > 1 {
		t.Errorf("Rank allocates %.1f times per call in steady state, want ≤ 1 (the result)", allocs)
	}
}

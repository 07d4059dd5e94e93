package benchmarks

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/skillrank/skillrank/benchmarks/corpus"
	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// Stats describes a generated corpus as the real reader and extractor see
// it: the checks behind the README's realism claims.
type Stats struct {
	N int
	// Per profile: text bytes, extracted skills, planned skills, positions
	// found and planned.
	Bytes, Skills, Planned, Positions, PlannedPositions []int
	// DF is the number of profiles evidencing each skill.
	DF       []int
	Families map[string]int
	Failed   int
}

// CorpusStats generates profiles [0, n) and extracts them.
func CorpusStats(ctx context.Context, tax *taxonomy.Taxonomy, seed uint64, n int) (*Stats, error) {
	g := corpus.New(seed, tax)
	x := extract.New(tax)
	asOf := timeline.FromTime(corpus.AsOf)
	st := &Stats{N: n, Bytes: make([]int, n), Skills: make([]int, n), Planned: make([]int, n),
		Positions: make([]int, n), PlannedPositions: make([]int, n), DF: make([]int, tax.Len()), Families: map[string]int{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	w := runtime.GOMAXPROCS(0)
	for k := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			df := make([]int, tax.Len())
			fam := map[string]int{}
			failed := 0
			for i := k; i < n && ctx.Err() == nil; i += w {
				name, text := g.Profile(i)
				pl := g.Plan(i)
				fam[pl.Family]++
				st.Bytes[i], st.Planned[i], st.PlannedPositions[i] = len(text), len(pl.Skills), len(pl.Positions)
				doc, err := document.Read(ctx, name, text, document.Limits{})
				if err != nil {
					failed++
					continue
				}
				p := x.Profile(doc, asOf)
				st.Skills[i], st.Positions[i] = len(p.Skills), len(doc.Positions)
				for _, ev := range p.Skills {
					df[ev.Skill]++
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for s, c := range df {
				st.DF[s] += c
			}
			for f, c := range fam {
				st.Families[f] += c
			}
			st.Failed += failed
		}()
	}
	wg.Wait()
	return st, ctx.Err()
}

func quantiles(xs []int) string {
	s := slices.Clone(xs)
	slices.Sort(s)
	q := func(p float64) int { return s[min(len(s)-1, int(p*float64(len(s))))] }
	return fmt.Sprintf("min %d  p10 %d  median %d  p90 %d  max %d", s[0], q(0.1), q(0.5), q(0.9), s[len(s)-1])
}

func share(xs []int, lo, hi int) float64 {
	c := 0
	for _, x := range xs {
		if x >= lo && x <= hi {
			c++
		}
	}
	return 100 * float64(c) / float64(len(xs))
}

// Write prints the statistics.
func (st *Stats) Write(w io.Writer, tax *taxonomy.Taxonomy) {
	fmt.Fprintf(w, "corpus of %d profiles (%d failed to read)\n", st.N, st.Failed)
	fmt.Fprintf(w, "  text bytes:         %s  (%.1f%% in [%d, %d])\n", quantiles(st.Bytes), share(st.Bytes, corpus.MinBytes, corpus.MaxBytes), corpus.MinBytes, corpus.MaxBytes)
	fmt.Fprintf(w, "  skills planned:     %s\n", quantiles(st.Planned))
	fmt.Fprintf(w, "  skills extracted:   %s  (%.1f%% in [10, 40])\n", quantiles(st.Skills), share(st.Skills, 10, 40))
	fmt.Fprintf(w, "  positions planned:  %s\n", quantiles(st.PlannedPositions))
	fmt.Fprintf(w, "  positions found:    %s\n", quantiles(st.Positions))
	same := 0
	for i := range st.Positions {
		if st.Positions[i] == st.PlannedPositions[i]+1 { // + education
			same++
		}
	}
	fmt.Fprintf(w, "  positions as planned (+1 education): %.1f%%\n", 100*float64(same)/float64(st.N))
	postings, used := 0, 0
	ids := make([]int, len(st.DF))
	for s, c := range st.DF {
		ids[s] = s
		postings += c
		if c > 0 {
			used++
		}
	}
	sort.SliceStable(ids, func(i, j int) bool { return st.DF[ids[i]] > st.DF[ids[j]] })
	fmt.Fprintf(w, "  postings: %d (%.1f per profile); %d of %d skills used\n", postings, float64(postings)/float64(st.N), used, len(st.DF))
	fmt.Fprintf(w, "  document frequency by rank (Zipf-like):")
	for _, r := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		if r <= len(ids) {
			fmt.Fprintf(w, " #%d %.2f%%", r, 100*float64(st.DF[ids[r-1]])/float64(st.N))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  most common skills:")
	for _, s := range ids[:min(20, len(ids))] {
		fmt.Fprintf(w, " %s (%.1f%%)", tax.Name(taxonomy.SkillID(s)), 100*float64(st.DF[s])/float64(st.N))
	}
	fmt.Fprintln(w)
	type fc struct {
		f string
		c int
	}
	var fs []fc
	for f, c := range st.Families {
		fs = append(fs, fc{f, c})
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].c > fs[j].c || fs[i].c == fs[j].c && fs[i].f < fs[j].f })
	fmt.Fprintf(w, "  primary families (%d):", len(fs))
	for _, f := range fs[:min(12, len(fs))] {
		fmt.Fprintf(w, " %s %.1f%%", f.f, 100*float64(f.c)/float64(st.N))
	}
	fmt.Fprintln(w)
}

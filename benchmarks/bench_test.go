package benchmarks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/skillrank/skillrank/benchmarks/corpus"
	"github.com/skillrank/skillrank/engine"
	"github.com/skillrank/skillrank/index"
	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
	"github.com/skillrank/skillrank/scoring"
)

// EnvLarge=1 adds the 100k and 1M corpora to the size-parameterised
// benchmarks (10k always runs).
const EnvLarge = "SKILLRANK_BENCH_LARGE"

// Top is the number of results every ranking benchmark asks for.
const Top = 50

func sizes() []int {
	if os.Getenv(EnvLarge) == "1" {
		return []int{10_000, 100_000, 1_000_000}
	}
	return []int{10_000}
}

func sizeName(n int) string { return fmt.Sprintf("n=%d", n) }

func TestMain(m *testing.M) {
	code := m.Run()
	handles.closeAll()
	os.Exit(code)
}

func benchTaxonomy(tb testing.TB) *taxonomy.Taxonomy {
	tb.Helper()
	tax, err := Taxonomy()
	if err != nil {
		tb.Fatal(err)
	}
	return tax
}

// cachedIndex returns the engine directory of the n-profile corpus,
// building it on first use (see cache.go).
func cachedIndex(b *testing.B, n int) string {
	b.Helper()
	dir, err := CacheDir(Spec{Seed: Seed, Size: n})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err != nil && n > BuildChunk {
		fmt.Fprintf(os.Stderr, "benchmarks: %d profiles are not cached; building them now (for a million, prebuild with\n"+
			"  go run ./benchmarks/cmd/benchcache build -n %d\nor run go test with -timeout 0)\n", n, n)
	}
	ix, err := CachedIndex(context.Background(), Spec{Seed: Seed, Size: n}, os.Stderr)
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// The benchmark job: its text, parsed with the real reader and extractor.
var (
	jobOnce sync.Once
	jobText string
	jobVal  *extract.Job
	jobErr  error
)

func benchJob(tb testing.TB) (string, *extract.Job) {
	tb.Helper()
	tax := benchTaxonomy(tb)
	jobOnce.Do(func() {
		jobText = corpus.Job(tax, Seed)
		doc, err := document.Read(context.Background(), "job.md", []byte(jobText), document.Limits{})
		if err != nil {
			jobErr = err
			return
		}
		jobVal = extract.New(tax).Job(doc)
	})
	if jobErr != nil {
		tb.Fatal(jobErr)
	}
	return jobText, jobVal
}

// compileJob compiles the job as engine.Rank does (engine.Query with the
// zero Options: related expansion at its defaults), or with related
// expansion off, which leaves the same 12 terms bleve is given.
func compileJob(tb testing.TB, related bool) *scoring.Query {
	tb.Helper()
	_, job := benchJob(tb)
	o := scoring.Options{AsOf: timeline.FromTime(corpus.AsOf)}
	if !related {
		o.Related.MaxDepth = -1
	}
	q, err := scoring.Compile(job, benchTaxonomy(tb), o)
	if err != nil {
		tb.Fatal(err)
	}
	return q
}

// handles keeps cached indexes open across benchmarks and -count runs, one
// way at a time per directory: bleve locks its files, so the index, the
// engine and the read-only bleve handle of one directory never coexist.
var handles = &openSet{m: map[string]*opened{}}

type openKind int

const (
	kindIndex openKind = iota
	kindEngine
	kindBleve
)

type opened struct {
	kind openKind
	ix   *index.Index
	e    *engine.Engine
	bl   bleve.Index
}

func (o *opened) close() error {
	switch {
	case o.ix != nil:
		return o.ix.Close()
	case o.e != nil:
		return o.e.Close()
	case o.bl != nil:
		return o.bl.Close()
	}
	return nil
}

type openSet struct {
	mu sync.Mutex
	m  map[string]*opened
}

// release closes whatever is open on dir.
func (s *openSet) release(tb testing.TB, dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o := s.m[dir]; o != nil {
		delete(s.m, dir)
		if err := o.close(); err != nil {
			tb.Fatal(err)
		}
	}
}

func (s *openSet) closeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for dir, o := range s.m {
		o.close()
		delete(s.m, dir)
	}
}

// get returns dir opened the given way, opening it (and closing any other
// way it was open) if needed.
func (s *openSet) get(tb testing.TB, dir string, kind openKind) *opened {
	tb.Helper()
	s.mu.Lock()
	o := s.m[dir]
	s.mu.Unlock()
	if o != nil && o.kind == kind {
		return o
	}
	s.release(tb, dir)
	tax := benchTaxonomy(tb)
	ctx := context.Background()
	o = &opened{kind: kind}
	var err error
	switch kind {
	case kindIndex:
		o.ix, err = index.Open(ctx, dir, index.Options{Taxonomy: tax, Logf: failOnRebuild(tb, dir)})
	case kindEngine:
		o.e, err = engine.Open(ctx, dir, engine.Options{Taxonomy: tax, AsOf: corpus.AsOf, Logf: failOnRebuild(tb, dir)})
	case kindBleve:
		registerAnalysis(tb)
		o.bl, err = bleve.OpenUsing(filepath.Join(dir, "bleve"), map[string]interface{}{"read_only": true})
	}
	if err != nil {
		tb.Fatal(err)
	}
	s.mu.Lock()
	s.m[dir] = o
	s.mu.Unlock()
	return o
}

// failOnRebuild turns an index notice (a snapshot rebuild, a re-extraction)
// into a benchmark failure: a cached index must open as it was built.
func failOnRebuild(tb testing.TB, dir string) func(string, ...any) {
	return func(format string, args ...any) {
		tb.Errorf("benchmarks: cached index %s did not open cleanly: %s (remove it, or set %s=1)", dir, fmt.Sprintf(format, args...), EnvRebuild)
	}
}

// registerAnalysis makes bleve know skillrank's analyzer, which the stored
// mapping names; the index package registers it when it first builds a
// mapping.
var registerOnce sync.Once

func registerAnalysis(tb testing.TB) {
	registerOnce.Do(func() {
		ix, err := index.NewMemory(index.Options{Taxonomy: benchTaxonomy(tb)})
		if err != nil {
			tb.Fatal(err)
		}
		ix.Close()
	})
}

// BenchmarkRank is the hot path: scoring.Ranker.Rank over the persisted
// snapshot of a cached index, for the 12-requirement job compiled once
// (with related skills expanded), top 50. Steady state allocates only the
// result.
func BenchmarkRank(b *testing.B) { benchRank(b, compileJob(b, true)) }

// BenchmarkRankDirect is BenchmarkRank with related expansion off: the
// same 12 posting lists BenchmarkBleveDisjunction reads, to compare like
// with like.
func BenchmarkRankDirect(b *testing.B) { benchRank(b, compileJob(b, false)) }

func benchRank(b *testing.B, q *scoring.Query) {
	for _, n := range sizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			dir := cachedIndex(b, n)
			snap := handles.get(b, dir, kindIndex).ix.Snapshot()
			if snap.Live() != n {
				b.Fatalf("cached index holds %d profiles, want %d", snap.Live(), n)
			}
			ranker := scoring.NewRanker(0)
			defer ranker.Close()
			ctx := context.Background()
			scanned := 0
			for _, e := range q.Entries {
				scanned += snap.Postings(e.Skill).Len()
			}
			hits, err := ranker.Rank(ctx, snap, q, Top) // warm the scratch pool and helpers
			if err != nil || len(hits) != Top {
				b.Fatalf("Rank: %d hits, %v", len(hits), err)
			}
			b.ReportAllocs()
			ops := 0
			for b.Loop() {
				hits, _ = ranker.Rank(ctx, snap, q, Top)
				ops++
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(ops)/float64(scanned), "ns/posting")
			b.ReportMetric(float64(snap.Bytes())/float64(snap.NumPostings()), "bytes/posting")
			b.ReportMetric(float64(snap.Bytes())/1e6, "snapshot-MB")
			b.ReportMetric(float64(snap.NumPostings())/float64(n), "postings/profile")
			b.ReportMetric(float64(scanned), "postings/op")
			b.ReportMetric(float64(len(q.Entries)), "terms")
		})
	}
}

// BenchmarkRankEngine is a whole engine.Rank call on a cached index: job
// compilation, the hot path, explanations of every candidate, and by
// default the hybrid re-rank of the top 100 by BM25 over the profile text.
func BenchmarkRankEngine(b *testing.B) {
	text, _ := benchJob(b)
	for _, hybrid := range []bool{true, false} {
		name := "hybrid=on"
		if !hybrid {
			name = "hybrid=off"
		}
		b.Run(name, func(b *testing.B) {
			for _, n := range sizes() {
				b.Run(sizeName(n), func(b *testing.B) {
					e := handles.get(b, cachedIndex(b, n), kindEngine).e
					job, err := e.ParseJob("job.md", []byte(text))
					if err != nil {
						b.Fatal(err)
					}
					o := engine.RankOptions{Top: Top}
					if !hybrid {
						o.Hybrid = &engine.HybridOptions{Disabled: true}
					}
					ctx := context.Background()
					r, err := e.Rank(ctx, job, o)
					if err != nil || len(r.Results) != Top {
						b.Fatalf("Rank: %v", err)
					}
					b.ReportAllocs()
					for b.Loop() {
						if _, err := e.Rank(ctx, job, o); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkBleveDisjunction is the baseline the hot path replaces, on the
// same index and job: a bleve disjunction of one term query per
// requirement skill on the keyword field "skills" (canonical names), each
// boosted by the requirement's weight, top 50.
func BenchmarkBleveDisjunction(b *testing.B) {
	tax := benchTaxonomy(b)
	_, job := benchJob(b)
	var terms []query.Query
	for _, r := range job.Requirements {
		for _, id := range r.Skills {
			tq := query.NewTermQuery(tax.Name(id))
			tq.SetField("skills")
			tq.SetBoost(r.Weight)
			terms = append(terms, tq)
		}
	}
	for _, n := range sizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			bl := handles.get(b, cachedIndex(b, n), kindBleve).bl
			ctx := context.Background()
			search := func() *bleve.SearchResult {
				req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(terms), Top, 0, false)
				res, err := bl.SearchInContext(ctx, req)
				if err != nil {
					b.Fatal(err)
				}
				return res
			}
			res := search()
			if len(res.Hits) != Top {
				b.Fatalf("bleve found %d hits (of %d), want %d", len(res.Hits), res.Total, Top)
			}
			b.ReportAllocs()
			for b.Loop() {
				res = search()
			}
			b.ReportMetric(float64(res.Total), "matches")
			b.ReportMetric(float64(len(terms)), "terms")
		})
	}
}

// profilePool returns n generated profiles as engine inputs.
func profilePool(tb testing.TB, n int) ([]engine.Input, int64) {
	g := corpus.New(Seed, benchTaxonomy(tb))
	in := make([]engine.Input, n)
	var total int64
	for i := range in {
		name, text := g.Profile(i)
		in[i] = engine.Input{Name: name, Data: text}
		total += int64(len(text))
	}
	return in, total
}

// BenchmarkExtract is reading and extraction of one profile on one core:
// document.Read (Markdown) and Extractor.Profile. MB/s is of profile text.
func BenchmarkExtract(b *testing.B) {
	pool, total := profilePool(b, 2000)
	x := extract.New(benchTaxonomy(b))
	asOf := timeline.FromTime(corpus.AsOf)
	ctx := context.Background()
	b.SetBytes(total / int64(len(pool)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		in := &pool[i%len(pool)]
		i++
		doc, err := document.Read(ctx, in.Name, in.Data, document.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		x.Profile(doc, asOf)
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "profiles/s")
}

// BenchmarkExtractParallel is BenchmarkExtract on every core.
func BenchmarkExtractParallel(b *testing.B) {
	pool, total := profilePool(b, 2000)
	x := extract.New(benchTaxonomy(b))
	asOf := timeline.FromTime(corpus.AsOf)
	ctx := context.Background()
	b.SetBytes(total / int64(len(pool)))
	b.ReportAllocs()
	var mu sync.Mutex
	next := 0
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		mu.Lock()
		i := next
		next += 7919 // spread goroutines over the pool
		mu.Unlock()
		for pb.Next() {
			in := &pool[i%len(pool)]
			i++
			doc, err := document.Read(ctx, in.Name, in.Data, document.Limits{})
			if err != nil {
				b.Error(err)
				return
			}
			x.Profile(doc, asOf)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "profiles/s")
}

// BenchmarkIndex is indexing throughput through the whole pipeline
// (document.Read, extraction, bleve batches, snapshot) into a fresh
// persistent engine, in engine.Add calls of BuildChunk inputs, including
// the final Close (snapshot written). One op is the whole batch.
func BenchmarkIndex(b *testing.B) {
	ns := []int{10_000}
	if os.Getenv(EnvLarge) == "1" {
		ns = append(ns, 100_000)
	}
	for _, n := range ns {
		b.Run(sizeName(n), func(b *testing.B) { benchIndex(b, n, true) })
	}
}

// BenchmarkIndexMemory is BenchmarkIndex into an in-memory engine.
func BenchmarkIndexMemory(b *testing.B) {
	b.Run(sizeName(10_000), func(b *testing.B) { benchIndex(b, 10_000, false) })
}

func benchIndex(b *testing.B, n int, disk bool) {
	tax := benchTaxonomy(b)
	in, total := profilePool(b, n)
	ctx := context.Background()
	b.SetBytes(total)
	b.ReportAllocs()
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "index")
		b.StartTimer()
		start := time.Now()
		opts := engine.Options{Taxonomy: tax, AsOf: corpus.AsOf}
		var e *engine.Engine
		var err error
		if disk {
			e, err = engine.Open(ctx, dir, opts)
		} else {
			e, err = engine.New(opts)
		}
		if err != nil {
			b.Fatal(err)
		}
		for lo := 0; lo < n; lo += BuildChunk {
			res, err := e.Add(ctx, in[lo:min(n, lo+BuildChunk)], nil)
			if err != nil || len(res.Failed) > 0 {
				b.Fatalf("Add: %v %v", err, res.Err())
			}
		}
		if err := e.Close(); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		b.StopTimer()
		os.RemoveAll(dir)
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "profiles/s")
}

// BenchmarkOpen is engine.Open of a cached index (snapshot file loaded, no
// rebuild) and its Close; the taxonomy is built once outside the timer.
func BenchmarkOpen(b *testing.B) {
	tax := benchTaxonomy(b)
	for _, n := range sizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			dir := cachedIndex(b, n)
			handles.release(b, dir)
			ctx := context.Background()
			var notices []string
			opts := engine.Options{Taxonomy: tax, AsOf: corpus.AsOf, Logf: func(f string, a ...any) {
				notices = append(notices, fmt.Sprintf(f, a...))
			}}
			b.ReportAllocs()
			for b.Loop() {
				e, err := engine.Open(ctx, dir, opts)
				if err != nil {
					b.Fatal(err)
				}
				if e.Len() != n {
					b.Fatalf("opened %d profiles, want %d", e.Len(), n)
				}
				if err := e.Close(); err != nil {
					b.Fatal(err)
				}
			}
			if len(notices) > 0 {
				b.Fatalf("open was not a plain load: %s", strings.Join(notices, "; "))
			}
			b.ReportMetric(float64(b.Elapsed())/1e6/float64(b.N), "ms/open")
		})
	}
}

package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

var testAsOf = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

func newTestEngine(t testing.TB, inputs ...Input) *Engine {
	t.Helper()
	e, err := New(Options{AsOf: testAsOf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	res, err := e.Add(context.Background(), inputs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	return e
}

func rankJob(t testing.TB, e *Engine, job string, o RankOptions) *Ranking {
	t.Helper()
	j, err := e.ParseJob("job.md", []byte(job))
	if err != nil {
		t.Fatal(err)
	}
	if o.Hybrid == nil {
		o.Hybrid = &HybridOptions{Disabled: true} // these tests are about skill scoring
	}
	r, err := e.Rank(context.Background(), j, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func ids(r *Ranking) []string {
	var out []string
	for _, x := range r.Results {
		out = append(out, x.ID)
	}
	return out
}

func matchOf(r Result, skill string) (Match, bool) {
	for _, m := range r.Matched {
		if m.Skill == skill {
			return m, true
		}
	}
	return Match{}, false
}

// Six recent years of CUDA beat six months of CUDA ten years ago, and the
// explanation says why (months, recency).
func TestRecentExperienceRanksHigher(t *testing.T) {
	e := newTestEngine(t,
		Input{Name: "recent.md", Data: []byte("# Rea Cent\n\n## Experience\n\nGPU Engineer, Acme\n\nDec 2020 - Now\n\n- CUDA kernels, C++ and Python tooling\n")},
		Input{Name: "stale.md", Data: []byte("# Sta Le\n\n## Experience\n\nWeb Developer, Beta\n\nJan 2017 - Now\n\n- C++ and Python services\n\nGPU Intern, Gamma\n\nJun 2016 - Nov 2016\n\n- CUDA kernels\n")},
	)
	r := rankJob(t, e, "# CUDA engineer\n\n## Requirements\n- CUDA\n", RankOptions{})
	if got := ids(r); fmt.Sprint(got) != "[recent stale]" {
		t.Fatalf("ranking %v, want [recent stale]", got)
	}
	recent, _ := matchOf(r.Results[0], "CUDA")
	stale, _ := matchOf(r.Results[1], "CUDA")
	// Dec 2020 – Nov 2026 is 72 months and current; Jun–Nov 2016 is 6 months,
	// last used 10 years before as-of.
	if recent.Months != 72 || !recent.Current || recent.Recency != 1 {
		t.Errorf("recent CUDA: %+v", recent)
	}
	if stale.Months != 6 || stale.LastUsed != "2016-11" || stale.Recency > 0.11 {
		t.Errorf("stale CUDA: %+v", stale)
	}
	if !(recent.Strength > 3*stale.Strength) {
		t.Errorf("strengths %v vs %v", recent.Strength, stale.Strength)
	}
}

// "5+ years of C++": six years beat one; --strict drops the one-year candidate.
func TestMinimumYears(t *testing.T) {
	e := newTestEngine(t,
		Input{Name: "six.md", Data: []byte("# Six Years\n\n## Experience\n\nEngineer, Acme\n\nDec 2020 - Now\n\n- C++ services\n")},
		Input{Name: "one.md", Data: []byte("# One Year\n\n## Experience\n\nEngineer, Beta\n\nDec 2025 - Now\n\n- C++ services\n")},
	)
	job := "# C++ developer\n\n## Requirements\n- 5+ years of C++\n"
	r := rankJob(t, e, job, RankOptions{})
	if got := ids(r); fmt.Sprint(got) != "[six one]" {
		t.Fatalf("ranking %v, want [six one]", got)
	}
	six, _ := matchOf(r.Results[0], "C++")
	one, _ := matchOf(r.Results[1], "C++")
	if !six.MeetsMinimum || six.MinYearsFactor != 1 || one.MeetsMinimum || one.MinYearsFactor >= 0.5 {
		t.Errorf("six: %+v\none: %+v", six, one)
	}
	r = rankJob(t, e, job, RankOptions{Strict: true})
	if got := ids(r); fmt.Sprint(got) != "[six]" {
		t.Errorf("strict ranking %v, want [six]", got)
	}
}

// A related skill earns partial credit: LLVM for an MLIR job scores above
// zero and below MLIR itself, and says "via LLVM".
func TestRelatedCredit(t *testing.T) {
	e := newTestEngine(t,
		Input{Name: "mlir.md", Data: []byte("# Em Lir\n\n## Experience\n\nCompiler Engineer, Acme\n\nJan 2021 - Now\n\n- Built MLIR passes\n")},
		Input{Name: "llvm.md", Data: []byte("# El Vm\n\n## Experience\n\nCompiler Engineer, Beta\n\nJan 2021 - Now\n\n- Built LLVM passes\n")},
		Input{Name: "web.md", Data: []byte("# We B\n\nSkills: React\n")},
	)
	r := rankJob(t, e, "# Compiler engineer\n\n## Requirements\n- MLIR\n", RankOptions{})
	if got := ids(r); fmt.Sprint(got) != "[mlir llvm]" {
		t.Fatalf("ranking %v, want [mlir llvm]", got)
	}
	m, ok := matchOf(r.Results[1], "MLIR")
	if !ok || m.Via != "LLVM" || !(r.Results[1].Score > 0 && r.Results[1].Score < r.Results[0].Score) {
		t.Errorf("llvm candidate: score %v, match %+v", r.Results[1].Score, m)
	}
	// Strict wants the skill itself.
	if got := ids(rankJob(t, e, "# Compiler engineer\n\n## Requirements\n- MLIR\n", RankOptions{Strict: true})); fmt.Sprint(got) != "[mlir]" {
		t.Errorf("strict: %v", got)
	}
}

// Contributions add up to the score; missing requirements are listed.
func TestExplanationAddsUp(t *testing.T) {
	e := newTestEngine(t,
		Input{Name: "a.md", Data: []byte("# Ann Example\n\n## Experience\n\nGPU Engineer, Acme\n\nJan 2020 - Now\n\n- CUDA and Triton kernels, TensorRT engines\n")},
	)
	r := rankJob(t, e, "# GPU\n\n## Requirements\n- CUDA\n- Hexagon DSP\n\n## Nice to have\n- Triton kernels\n", RankOptions{Hybrid: &HybridOptions{Weight: 0.3}})
	if len(r.Results) != 1 {
		t.Fatalf("%d results", len(r.Results))
	}
	x := r.Results[0]
	sum := 0.0
	for _, m := range x.Matched {
		sum += m.Contribution
	}
	if d := sum - x.Score; d > 1e-12 || d < -1e-12 || x.Score <= 0 || x.Score > 1 {
		t.Errorf("contributions %v, score %v", sum, x.Score)
	}
	if fmt.Sprint(x.Missing) != "[Hexagon DSP]" {
		t.Errorf("missing %v", x.Missing)
	}
}

// A job that names no skill the taxonomy knows still ranks, by text.
func TestUnknownSkillsRankByText(t *testing.T) {
	e := newTestEngine(t,
		Input{Name: "a.md", Data: []byte("# Ann Example\n\nI build zorblax frobnication engines and quuxify them.\n")},
		Input{Name: "b.md", Data: []byte("# Bob Example\n\nI bake bread.\n")},
	)
	r := rankJob(t, e, "# Zorblax engineer\n\nWe need zorblax frobnication experience.\n", RankOptions{})
	if len(r.Results) != 1 || r.Results[0].ID != "a" || r.Results[0].Score != 1 {
		t.Fatalf("results %+v", r.Results)
	}
	if m := r.Results[0].Matched; len(m) != 1 || m[0].Skill != TextRelevance {
		t.Errorf("matched %+v", m)
	}
}

// Ties break by id; the same input gives the same ranking.
func TestDeterministicTies(t *testing.T) {
	var inputs []Input
	for _, id := range []string{"zed", "amy", "kim", "bob"} {
		inputs = append(inputs, Input{Name: id + ".md", Data: []byte("Skills: Kubernetes\n")})
	}
	e := newTestEngine(t, inputs...)
	r := rankJob(t, e, "## Requirements\n- Kubernetes\n", RankOptions{})
	if got := ids(r); fmt.Sprint(got) != "[amy bob kim zed]" {
		t.Errorf("ties: %v", got)
	}
}

// Rank is safe while Add and Delete commit (run with -race): every ranking
// sees a consistent snapshot.
func TestRankDuringWrites(t *testing.T) {
	e := newTestEngine(t)
	ctx := context.Background()
	job, err := e.ParseJob("job.md", []byte("## Requirements\n- Kubernetes\n- Go\n"))
	if err != nil {
		t.Fatal(err)
	}
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
				r, err := e.Rank(ctx, job, RankOptions{Top: 50})
				if err != nil {
					t.Error(err)
					return
				}
				for _, x := range r.Results {
					if !strings.HasPrefix(x.ID, "p") || x.Score <= 0 {
						t.Errorf("bad result %+v", x)
						return
					}
				}
			}
		}()
	}
	for i := 0; i < 40; i++ {
		in := Input{Name: fmt.Sprintf("p%02d.md", i), Data: []byte(fmt.Sprintf("# P Example\n\nSkills: Kubernetes, Go, Terraform %d\n", i))}
		if _, err := e.Add(ctx, []Input{in}, nil); err != nil {
			t.Fatal(err)
		}
		if i%5 == 4 {
			if _, err := e.Delete(ctx, fmt.Sprintf("p%02d", i-2)); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(stop)
	wg.Wait()
	if n := e.Len(); n != 32 {
		t.Errorf("%d profiles, want 32", n)
	}
}

func TestBadInputsReported(t *testing.T) {
	e, err := New(Options{AsOf: testAsOf})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	res, err := e.Add(context.Background(), []Input{
		{Name: "good.md", Data: []byte("Skills: CUDA\n")},
		{Name: "empty.md", Data: nil},
		{Name: "bin.txt", Data: []byte("a\x00b\x00c")},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || len(res.Failed) != 2 || e.Len() != 1 {
		t.Fatalf("added %d, failed %v, len %d", res.Added, res.Failed, e.Len())
	}
	if !strings.HasPrefix(res.Failed[0].Error(), "empty.md: ") {
		t.Errorf("error %q does not name the file", res.Failed[0])
	}
}

func TestBadOptions(t *testing.T) {
	if _, err := New(Options{Hybrid: HybridOptions{Weight: 2}}); !errors.Is(err, ErrBadOptions) {
		t.Errorf("Hybrid.Weight 2: %v", err)
	}
	if _, err := New(Options{TaxonomyFile: "/nonexistent.yaml"}); err == nil {
		t.Error("missing taxonomy file accepted")
	}
	e := newTestEngine(t)
	j, _ := e.ParseJob("j.md", []byte("## Requirements\n- CUDA\n"))
	if err := j.SetWeight("CUDA", -1); !errors.Is(err, ErrBadJob) {
		t.Errorf("negative weight: %v", err)
	}
	if err := j.Require("NoSuchSkillAnywhere"); !errors.Is(err, ErrBadJob) {
		t.Errorf("unknown skill: %v", err)
	}
}

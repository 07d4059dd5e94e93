package corpus_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/skillrank/skillrank/benchmarks"
	"github.com/skillrank/skillrank/benchmarks/corpus"
	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

func testTaxonomy(t *testing.T) *taxonomy.Taxonomy {
	t.Helper()
	tax, err := benchmarks.Taxonomy()
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

// fullTaxonomy skips realism checks while the embedded taxonomy is the
// small placeholder: with a handful of skills no profile can hold 10.
func fullTaxonomy(t *testing.T) *taxonomy.Taxonomy {
	t.Helper()
	tax := testTaxonomy(t)
	if tax.Len() < 500 {
		t.Skipf("the taxonomy has %d skills; realism checks need the full one", tax.Len())
	}
	return tax
}

var asOf = timeline.FromTime(corpus.AsOf)

func TestDeterministic(t *testing.T) {
	tax := testTaxonomy(t)
	a, b := corpus.New(1, tax), corpus.New(1, tax)
	// Profile i does not depend on what was generated before it.
	for _, i := range []int{7, 0, 999_999, 3, 7} {
		na, ta := a.Profile(i)
		nb, tb := b.Profile(i)
		if na != nb || !bytes.Equal(ta, tb) {
			t.Fatalf("profile %d differs between two generators of one seed", i)
		}
	}
	_, t1 := corpus.New(1, tax).Profile(5)
	_, t2 := corpus.New(2, tax).Profile(5)
	if bytes.Equal(t1, t2) {
		t.Error("seeds 1 and 2 give the same profile 5")
	}
	if corpus.Name(42) != "p0000042.md" {
		t.Errorf("Name(42) = %q", corpus.Name(42))
	}
	if corpus.Job(tax, 1) != corpus.Job(tax, 1) {
		t.Error("Job is not deterministic")
	}
}

// TestThroughRealPipeline reads generated profiles as the engine does and
// checks that they say what the generator meant: the name, every position
// with its dates, the length bounds and the skills.
func TestThroughRealPipeline(t *testing.T) {
	tax := testTaxonomy(t)
	full := tax.Len() >= 500
	g := corpus.New(1, tax)
	x := extract.New(tax)
	const n = 400
	inRange, dateTexts := 0, map[string]bool{}
	planned, missed := 0, 0
	for i := range n {
		name, text := g.Profile(i)
		pl := g.Plan(i)
		if len(text) < corpus.MinBytes || len(text) > corpus.MaxBytes+1024 {
			t.Errorf("%s: %d bytes", name, len(text))
		}
		doc, err := document.Read(context.Background(), name, text, document.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Name != pl.Name {
			t.Errorf("%s: name %q, planned %q", name, doc.Name, pl.Name)
		}
		var work []document.Position
		for _, p := range doc.Positions {
			if p.Kind == document.Work {
				work = append(work, p)
			}
		}
		if len(work) != len(pl.Positions) {
			t.Fatalf("%s: %d work positions, planned %d\n%s", name, len(work), len(pl.Positions), text)
		}
		for k, pp := range pl.Positions {
			ivs := work[k].Intervals(asOf)
			if len(ivs) == 0 {
				t.Fatalf("%s: position %d (%q) has no dates", name, k, pp.Dates)
			}
			start, end := ivs[0].Start, ivs[len(ivs)-1].End
			wantEnd := min(pp.End, asOf)
			if start != pp.Start || end != wantEnd {
				t.Errorf("%s: position %d %q read as %v–%v, planned %v–%v", name, k, pp.Dates, start, end, pp.Start, wantEnd)
			}
			dateTexts[dateShape(pp.Dates)] = true
		}
		p := x.Profile(doc, asOf)
		got := make(map[taxonomy.SkillID]bool, len(p.Skills))
		for _, ev := range p.Skills {
			got[ev.Skill] = true
		}
		for _, id := range pl.Skills {
			planned++
			if !got[id] {
				missed++
				t.Logf("%s: planned skill %q not extracted", name, tax.Name(id))
			}
		}
		if len(p.Skills) >= 10 && len(p.Skills) <= 40 {
			inRange++
		}
	}
	// Guarded names (Go, R, …) are occasionally vetoed by their neighbours
	// in a list, as on real resumes; more than that is a generator bug.
	if missed*200 > planned {
		t.Errorf("%d of %d planned skills not extracted, want < 0.5%%", missed, planned)
	}
	if len(dateTexts) < 8 {
		t.Errorf("only %d date styles in %d profiles: %v", len(dateTexts), n, dateTexts)
	}
	if full && inRange < n*95/100 {
		t.Errorf("%d of %d profiles have 10–40 extracted skills, want ≥ 95%%", inRange, n)
	}
}

// dateShape abstracts digits and month names: "Mar 2019 – Jun 2022" → "Mmm 9999 – Mmm 9999".
func dateShape(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		for _, r := range w {
			switch {
			case r >= '0' && r <= '9':
				b.WriteByte('9')
			case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
				b.WriteByte('a')
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte(' ')
	}
	return strings.Join(strings.Fields(strings.NewReplacer("aaaaaaa", "a", "aaaaaa", "a", "aaaaa", "a", "aaaa", "a", "aaa", "a", "aa", "a").Replace(b.String())), " ")
}

// TestPopularity checks the Zipf-like shape and the family clustering.
func TestPopularity(t *testing.T) {
	tax := fullTaxonomy(t)
	g := corpus.New(1, tax)
	const n = 3000
	df := make([]int, tax.Len())
	sameFamily, total := 0, 0
	for i := range n {
		pl := g.Plan(i)
		for _, id := range pl.Skills {
			df[id]++
			total++
			if tax.Skill(id).Category == pl.Family {
				sameFamily++
			}
		}
	}
	slices.Sort(df)
	slices.Reverse(df)
	used := 0
	for _, c := range df {
		if c > 0 {
			used++
		}
	}
	// A few skills are on a large share of profiles, most on very few.
	if df[0] < n/5 || df[0] < 20*df[499] {
		t.Errorf("document frequencies not Zipf-like: #1 %d, #10 %d, #100 %d, #500 %d of %d", df[0], df[9], df[99], df[499], n)
	}
	if used < tax.Len()/2 {
		t.Errorf("only %d of %d skills used by %d profiles", used, tax.Len(), n)
	}
	// Careers cluster: about half the skills come from the primary family.
	if share := float64(sameFamily) / float64(total); share < 0.4 || share > 0.8 {
		t.Errorf("%.0f%% of skills from the primary family, want 40–80%%", 100*share)
	}
}

func TestJob(t *testing.T) {
	tax := fullTaxonomy(t)
	text := corpus.Job(tax, 1)
	doc, err := document.Read(context.Background(), "job.md", []byte(text), document.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	j := extract.New(tax).Job(doc)
	if len(j.Requirements) != corpus.JobSkills {
		t.Fatalf("%d requirements, want %d:\n%s", len(j.Requirements), corpus.JobSkills, text)
	}
	required := 0
	for _, r := range j.Requirements {
		if len(r.Skills) != 1 {
			t.Errorf("requirement %q has %d skills", r.Text, len(r.Skills))
		}
		if r.Required {
			required++
		}
		if len(tax.Expand(r.Skills[0], taxonomy.ExpandOptions{})) < 2 {
			t.Errorf("requirement %q does not expand to related skills", r.Text)
		}
	}
	if required != corpus.JobRequired {
		t.Errorf("%d required, want %d", required, corpus.JobRequired)
	}
}

package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
	"github.com/skillrank/skillrank/scoring"
)

var asOf = timeline.MonthOf(2026, 11)

func testTaxonomy(t testing.TB) *taxonomy.Taxonomy {
	f := taxonomy.File{Version: 1, Skills: []taxonomy.SkillSpec{
		{Name: "CUDA", Category: "GPU"}, {Name: "Triton", Category: "GPU"}, {Name: "MLIR", Category: "Compilers"},
		{Name: "LLVM", Category: "Compilers"}, {Name: "Python", Category: "Languages"},
	}}
	tax, err := taxonomy.New(f, nil)
	if err != nil {
		panic(err) // a fixed, valid file
	}
	return tax
}

func profile(_ testing.TB, tax *taxonomy.Taxonomy, id, text string) *extract.Profile {
	d, err := document.Read(context.Background(), id+".md", []byte(text), document.Limits{})
	if err != nil {
		panic(err) // fixed, valid text
	}
	return extract.New(tax).Profile(d, asOf)
}

func entries(t testing.TB, tax *taxonomy.Taxonomy, n int) []Entry {
	var out []Entry
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("# Person Number\n\n## Experience\n\nEngineer, Acme\n\nJan 2020 - Now\n\n- CUDA and Python\n- MLIR %d\n", i)
		if i%2 == 0 {
			text += "- LLVM\n"
		}
		out = append(out, Entry{Profile: profile(t, tax, fmt.Sprintf("p%03d", i), text), Hash: fmt.Sprint(i)})
	}
	return out
}

func rank(t testing.TB, s *scoring.Snapshot, tax *taxonomy.Taxonomy, skill string) []string {
	t.Helper()
	id, _, err := tax.Lookup(skill)
	if err != nil {
		t.Fatal(err)
	}
	q, err := scoring.Compile(&extract.Job{Requirements: []extract.Requirement{{Skills: []taxonomy.SkillID{id}, Weight: 1}}}, tax, scoring.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := scoring.NewRanker(1).Rank(context.Background(), s, q, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range hits {
		ids = append(ids, s.ID(h.Ord))
	}
	return ids
}

func TestPersistAndReopen(t *testing.T) {
	ctx := context.Background()
	tax := testTaxonomy(t)
	dir := t.TempDir()
	ix, err := Open(ctx, dir, Options{Taxonomy: tax, BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, entries(t, tax, 30)); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Delete(ctx, []string{"p001", "p002", "nope"}); err != nil || n != 2 {
		t.Fatalf("Delete = %d, %v", n, err)
	}
	want := rank(t, ix.Snapshot(), tax, "LLVM")
	if len(want) != 14 {
		t.Fatalf("LLVM matches %d profiles, want 14", len(want))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	var logs []string
	ix, err = Open(ctx, dir, Options{Taxonomy: tax, Logf: func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if len(logs) != 0 {
		t.Errorf("clean reopen logged %v; want the snapshot loaded", logs)
	}
	if got := rank(t, ix.Snapshot(), tax, "LLVM"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after reopen %v, want %v", got, want)
	}
	if h, ok, err := ix.Hash("p003"); err != nil || !ok || h != "3" {
		t.Errorf("Hash(p003) = %q %v %v", h, ok, err)
	}
	p, err := ix.Profile("p004")
	if err != nil || p.Doc.Name != "Person Number" || len(p.Skills) != 4 {
		t.Errorf("Profile(p004) = %+v, %v", p, err)
	}
}

func TestStaleSnapshotRebuilt(t *testing.T) {
	ctx := context.Background()
	tax := testTaxonomy(t)
	dir := t.TempDir()
	ix, err := Open(ctx, dir, Options{Taxonomy: tax})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, entries(t, tax, 10)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	old, err := os.ReadFile(filepath.Join(dir, snapFileName))
	if err != nil {
		t.Fatal(err)
	}
	// A later change commits to bleve, but the process dies before the
	// snapshot is written: put the old snapshot back to simulate it.
	ix, _ = Open(ctx, dir, Options{Taxonomy: tax})
	ix.Put(ctx, entries(t, tax, 12)[10:])
	ix.Close()
	if err := os.WriteFile(filepath.Join(dir, snapFileName), old, 0o644); err != nil {
		t.Fatal(err)
	}
	var logs []string
	ix, err = Open(ctx, dir, Options{Taxonomy: tax, Logf: func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) == 0 {
		t.Error("stale snapshot not reported")
	}
	if n := len(rank(t, ix.Snapshot(), tax, "CUDA")); n != 12 {
		t.Errorf("after rebuild %d profiles rank, want 12", n)
	}
	ix.Close()

	// Corrupt the file: a flipped byte fails the checksum.
	data, _ := os.ReadFile(filepath.Join(dir, snapFileName))
	data[len(data)/2] ^= 0xff
	os.WriteFile(filepath.Join(dir, snapFileName), data, 0o644)
	logs = nil
	ix, err = Open(ctx, dir, Options{Taxonomy: tax, Logf: func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if len(logs) == 0 {
		t.Error("corrupt snapshot not reported")
	}
	if n := len(rank(t, ix.Snapshot(), tax, "CUDA")); n != 12 {
		t.Errorf("after corruption %d profiles rank, want 12", n)
	}
}

func TestTaxonomyChangeReextracts(t *testing.T) {
	ctx := context.Background()
	tax := testTaxonomy(t)
	dir := t.TempDir()
	ix, _ := Open(ctx, dir, Options{Taxonomy: tax})
	ix.Put(ctx, entries(t, tax, 5))
	ix.Close()
	// A user taxonomy that adds a skill the profiles mention ("Acme").
	tax2, err := tax.ExtendFile("x.yaml", []byte("version: 1\nskills:\n  - {name: Acme Platform, category: Tools, aliases: [Acme]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	ix, err = Open(ctx, dir, Options{Taxonomy: tax2})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n := len(rank(t, ix.Snapshot(), tax2, "Acme Platform")); n != 5 {
		t.Errorf("%d profiles have the new skill, want 5", n)
	}
}

func TestReplaceKeepsOneVersion(t *testing.T) {
	ctx := context.Background()
	tax := testTaxonomy(t)
	ix, err := NewMemory(Options{Taxonomy: tax})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.Put(ctx, []Entry{{Profile: profile(t, tax, "a", "Uses CUDA."), Hash: "1"}})
	ix.Put(ctx, []Entry{{Profile: profile(t, tax, "a", "Uses Triton."), Hash: "2"}})
	if got := rank(t, ix.Snapshot(), tax, "CUDA"); len(got) != 0 {
		t.Errorf("old version still ranks: %v", got)
	}
	if got := rank(t, ix.Snapshot(), tax, "Triton"); fmt.Sprint(got) != "[a]" {
		t.Errorf("new version ranks %v", got)
	}
	if ix.Snapshot().Live() != 1 {
		t.Errorf("%d live profiles, want 1", ix.Snapshot().Live())
	}
	hits, err := ix.SearchText(ctx, "triton", 10, nil)
	if err != nil || len(hits) != 1 || hits[0].ID != "a" {
		t.Errorf("SearchText = %v, %v", hits, err)
	}
}

func TestClosed(t *testing.T) {
	tax := testTaxonomy(t)
	ix, _ := NewMemory(Options{Taxonomy: tax})
	ix.Close()
	if err := ix.Put(context.Background(), entries(t, tax, 1)); !errors.Is(err, ErrClosed) {
		t.Errorf("Put after Close = %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

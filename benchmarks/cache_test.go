package benchmarks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skillrank/skillrank/benchmarks/corpus"
	"github.com/skillrank/skillrank/engine"
)

func TestKey(t *testing.T) {
	tax := benchTaxonomy(t)
	a, err := Key(Spec{Seed: 1, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{fmt.Sprintf("v%d-", corpus.Version), "seed1-", "n10-", "tax" + tax.Fingerprint(), "-code"} {
		if !strings.Contains(a, want) {
			t.Errorf("key %q lacks %q", a, want)
		}
	}
	if strings.HasSuffix(a, "codenosrc") {
		t.Errorf("key %q: the source tree was not found", a)
	}
	b, _ := Key(Spec{Seed: 2, Size: 10})
	c, _ := Key(Spec{Seed: 1, Size: 11})
	if a == b || a == c {
		t.Error("keys of different specs are equal")
	}
}

// TestCachedIndex builds a small index into a temporary cache, opens it
// with the engine, and checks that it is reused and that leftovers of an
// interrupted build are removed.
func TestCachedIndex(t *testing.T) {
	root := t.TempDir()
	t.Setenv(EnvCache, root)
	t.Setenv(EnvRebuild, "")
	// A build abandoned by a process that no longer exists.
	dead := filepath.Join(root, ".build-999999999-x")
	if err := os.MkdirAll(filepath.Join(dead, "index"), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	spec := Spec{Seed: 3, Size: 120}
	dir, err := CachedIndex(ctx, spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); err == nil {
		t.Error("the abandoned build directory is still there")
	}
	entry, _ := CacheDir(spec)
	if dir != filepath.Join(entry, "index") {
		t.Errorf("CachedIndex = %s, want under %s", dir, entry)
	}
	st, err := os.Stat(filepath.Join(entry, metaFile))
	if err != nil {
		t.Fatal(err)
	}
	var notices []string
	e, err := engine.Open(ctx, dir, engine.Options{Taxonomy: benchTaxonomy(t), AsOf: corpus.AsOf,
		Logf: func(f string, a ...any) { notices = append(notices, fmt.Sprintf(f, a...)) }})
	if err != nil {
		t.Fatal(err)
	}
	if e.Len() != spec.Size {
		t.Errorf("cached index holds %d profiles, want %d", e.Len(), spec.Size)
	}
	job, err := e.ParseJob("job.md", []byte(corpus.Job(benchTaxonomy(t), Seed)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Rank(ctx, job, engine.RankOptions{Top: 5})
	if err != nil || len(r.Results) == 0 {
		t.Errorf("ranking the cached index: %v, %d results", err, len(r.Results))
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if len(notices) > 0 {
		t.Errorf("the cached index did not open cleanly: %v", notices)
	}
	again, err := CachedIndex(ctx, spec, nil)
	if err != nil || again != dir {
		t.Fatalf("second CachedIndex = %s, %v", again, err)
	}
	if st2, _ := os.Stat(filepath.Join(entry, metaFile)); !st2.ModTime().Equal(st.ModTime()) {
		t.Error("the cached index was rebuilt")
	}
}

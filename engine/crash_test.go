package engine

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The durability test runs this test binary again as a child that indexes
// a directory and reports each committed batch; the parent kills it with
// SIGKILL in the middle of a later batch.
const childEnv = "SKILLRANK_ENGINE_KILL_CHILD"

func TestMain(m *testing.M) {
	if args := os.Getenv(childEnv); args != "" {
		dir, profiles, _ := strings.Cut(args, "|")
		indexChild(dir, profiles)
		return
	}
	os.Exit(m.Run())
}

func indexChild(dir, profiles string) {
	opts := Options{AsOf: testAsOf}
	opts.afterCommit = func(gen uint64) {
		fmt.Printf("committed %d\n", gen)
		os.Stdout.Sync()
	}
	e, err := Open(context.Background(), dir, opts)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	if _, err := e.AddPaths(context.Background(), []string{profiles}, nil); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	e.Close()
	fmt.Println("done")
}

// TestIndexKilledMidRun: a `skillrank index` killed with SIGKILL while
// reading and storing a later batch keeps every committed batch, and the
// index opens, ranks, and finishes on the next run.
func TestIndexKilledMidRun(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a few thousand profiles in a subprocess")
	}
	profiles := t.TempDir()
	const n = 3500 // four batches of 1,000
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("# Person Example\n\n## Experience\n\nEngineer, Acme\n\nJan 2020 - Now\n\n- CUDA and Kubernetes, ticket %d\n", i)
		if err := os.WriteFile(filepath.Join(profiles, fmt.Sprintf("p%05d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "idx")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+dir+"|"+profiles)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the second commit, then kill while the third batch is read.
	sc := bufio.NewScanner(out)
	committed := 0
	for sc.Scan() {
		line := sc.Text()
		if g, ok := strings.CutPrefix(line, "committed "); ok {
			committed, _ = strconv.Atoi(g)
			if committed == 2 {
				break
			}
			continue
		}
		cmd.Process.Kill()
		t.Fatalf("child said %q before two commits", line)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	var logs []string
	e, err := Open(context.Background(), dir, Options{AsOf: testAsOf, Logf: func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }})
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	got := e.Len()
	if got < committed*1000 || got > n {
		t.Errorf("%d profiles after the kill, want at least the %d committed", got, committed*1000)
	}
	r := rankJob(t, e, "## Requirements\n- CUDA\n", RankOptions{Top: 5})
	if len(r.Results) != 5 {
		t.Errorf("ranking after the kill: %d results", len(r.Results))
	}
	// A second run adds what is missing and leaves the rest unchanged.
	res, err := e.AddPaths(context.Background(), []string{profiles}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != n-got || res.Unchanged != got || e.Len() != n {
		t.Errorf("rerun: added %d, unchanged %d, total %d; want %d, %d, %d", res.Added, res.Unchanged, e.Len(), n-got, got, n)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed after %d commits; %d profiles survived; reopen said %q", committed, got, logs)
}

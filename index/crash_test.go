package index

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash tests run this test binary again as a child that indexes and
// stops at a chosen point, then kill it with SIGKILL.
const childEnv = "SKILLRANK_INDEX_CRASH_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childEnv); dir != "" {
		crashChild(dir)
		return
	}
	os.Exit(m.Run())
}

// crashChild commits two batches and writes the snapshot, then commits a
// third batch and freezes between the bleve commit and the snapshot
// update, announcing it on stdout.
func crashChild(dir string) {
	ctx := context.Background()
	tax := testTaxonomy(nil)
	frozen := false
	ix, err := Open(ctx, dir, Options{Taxonomy: tax, BatchSize: 10, AfterCommit: func(gen uint64) {
		if gen == 3 && !frozen {
			frozen = true
			fmt.Println("committed", gen)
			os.Stdout.Sync()
			time.Sleep(time.Hour)
		}
	}})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	es := entries(nil, tax, 30)
	if err := ix.Put(ctx, es[:20]); err != nil { // generations 1 and 2
		fmt.Println("error", err)
		os.Exit(1)
	}
	if err := ix.Flush(); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	ix.Put(ctx, es[20:]) // generation 3: freezes after the commit
}

func TestKilledBetweenCommitAndSnapshot(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "committed 3") {
		cmd.Process.Kill()
		t.Fatalf("child said %q, %v", line, err)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	var logs []string
	tax := testTaxonomy(t)
	ix, err := Open(context.Background(), dir, Options{Taxonomy: tax, Logf: func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }})
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer ix.Close()
	if len(logs) != 1 || !strings.Contains(logs[0], "stale") {
		t.Errorf("reopen logged %q, want one message about the stale snapshot", logs)
	}
	// All three committed batches are there, and rank.
	if n := ix.Snapshot().Live(); n != 30 {
		t.Errorf("%d profiles after the crash, want 30 (all committed batches)", n)
	}
	if n := len(rank(t, ix.Snapshot(), tax, "CUDA")); n != 30 {
		t.Errorf("%d profiles rank for CUDA, want 30", n)
	}
	if got := ix.Snapshot().Generation; got != 3 {
		t.Errorf("generation %d, want 3", got)
	}
}

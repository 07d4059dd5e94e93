package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"skillrank": func() { os.Exit(run(os.Args[1:], systemIO())) },
	})
}

// TestScripts runs the CLI acceptance tests in testdata/script/*.txtar.
// $ROOT is the repository root, for the bundled fixtures.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("ROOT", root)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": exitCode,
			"mkbig":    mkbig,
		},
	})
}

// exitCode runs "exitcode N prog args..." and checks prog exits with N;
// its output is kept for stdout/stderr checks like exec's.
func exitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N prog [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// mkbig writes "mkbig BYTES path": a text file of that size, for limits.
func mkbig(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkbig BYTES path")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("mkbig: %v", err)
	}
	line := []byte("Experienced engineer with CUDA and C++.\n")
	data := make([]byte, 0, n)
	for len(data) < n {
		data = append(data, line...)
	}
	if err := os.WriteFile(ts.MkAbs(args[1]), data[:n], 0o644); err != nil {
		ts.Fatalf("mkbig: %v", err)
	}
}

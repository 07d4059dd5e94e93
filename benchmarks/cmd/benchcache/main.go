// Command benchcache manages the benchmark suite's generated corpora and
// cached indexes (see benchmarks/README.md):
//
//	go run ./benchmarks/cmd/benchcache build -n 10000,100000,1000000   # build missing caches
//	go run ./benchmarks/cmd/benchcache path -n 1000000                 # print a cache directory
//	go run ./benchmarks/cmd/benchcache list                            # list cached indexes
//	go run ./benchmarks/cmd/benchcache show -i 42                      # print profile 42
//	go run ./benchmarks/cmd/benchcache job                             # print the benchmark job
//	go run ./benchmarks/cmd/benchcache stats -n 10000                  # corpus statistics via the real extractor
//
// Building the 1M index takes several minutes; doing it here keeps it out
// of `go test`'s timeout.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/skillrank/skillrank/benchmarks"
	"github.com/skillrank/skillrank/benchmarks/corpus"
)

// heapDumper passes progress lines through and writes a heap profile
// after each.
type heapDumper struct {
	w    io.Writer
	path string
}

func (h heapDumper) Write(p []byte) (int, error) {
	if f, err := os.Create(h.path); err == nil {
		pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
	}
	return h.w.Write(p)
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: benchcache build|path|list|show|job|stats [flags]")
		return 2
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("n", "10000", "corpus sizes, comma separated")
	seed := fs.Uint64("seed", benchmarks.Seed, "corpus seed")
	index := fs.Int("i", 0, "profile index (show)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the command to this file")
	memprofile := fs.String("memprofile", "", "write a heap profile to this file at the end (build: after each size)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(stderr, "benchcache:", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "benchcache:", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			f, err := os.Create(*memprofile)
			if err == nil {
				pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	tax, err := benchmarks.Taxonomy()
	if err != nil {
		fmt.Fprintln(stderr, "benchcache:", err)
		return 1
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(stderr, "benchcache: bad size %q\n", s)
			return 2
		}
		ns = append(ns, n)
	}
	switch args[0] {
	case "build", "path":
		for _, n := range ns {
			spec := benchmarks.Spec{Seed: *seed, Size: n}
			var dir string
			if args[0] == "build" {
				var progress io.Writer = stderr
				if *memprofile != "" {
					// A heap profile after every chunk: the last one shows
					// what a large build holds just before it closes.
					progress = heapDumper{w: stderr, path: *memprofile}
				}
				dir, err = benchmarks.CachedIndex(ctx, spec, progress)
			} else {
				dir, err = benchmarks.CacheDir(spec)
			}
			if err != nil {
				fmt.Fprintln(stderr, "benchcache:", err)
				return 1
			}
			fmt.Fprintln(stdout, dir)
		}
	case "list":
		if err := benchmarks.ListCache(stdout); err != nil {
			fmt.Fprintln(stderr, "benchcache:", err)
			return 1
		}
	case "show":
		_, text := corpus.New(*seed, tax).Profile(*index)
		stdout.Write(text)
	case "job":
		fmt.Fprint(stdout, corpus.Job(tax, *seed))
	case "stats":
		for _, n := range ns {
			st, err := benchmarks.CorpusStats(ctx, tax, *seed, n)
			if err != nil {
				fmt.Fprintln(stderr, "benchcache:", err)
				return 1
			}
			st.Write(stdout, tax)
		}
	default:
		fmt.Fprintf(stderr, "benchcache: unknown command %q\n", args[0])
		return 2
	}
	return 0
}

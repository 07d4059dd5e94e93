package benchmarks

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/printer"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/skillrank/skillrank/benchmarks/corpus"
	"github.com/skillrank/skillrank/engine"
)

// Environment variables of the cache.
const (
	// EnvCache is the cache directory (default: os.UserCacheDir()/skillrank-bench).
	EnvCache = "SKILLRANK_BENCH_CACHE"
	// EnvRebuild=1 rebuilds cached indexes a run uses instead of reusing them.
	EnvRebuild = "SKILLRANK_BENCH_REBUILD"
)

// Seed is the corpus seed of the suite.
const Seed = 1

// BuildChunk is the number of inputs per engine.Add call when building a
// cached index: large enough to keep both cores busy, small enough that the
// generated text in memory stays bounded (about 20 MB).
const BuildChunk = 10000

// Spec identifies a generated corpus.
type Spec struct {
	Seed uint64
	Size int
}

// cacheRoot returns the cache directory.
func cacheRoot() (string, error) {
	if d := os.Getenv(EnvCache); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (set %s): %w", EnvCache, err)
	}
	return filepath.Join(d, "skillrank-bench"), nil
}

// Key returns the cache key of spec: what determines the bytes of the
// index built from it. It holds the generator version, the seed, the size,
// the taxonomy fingerprint and a hash of the source code that decides what
// is stored (reading, extraction, the index and snapshot formats, the
// generator), so that two revisions compared by compare.sh never share an
// index one of them did not build — while a change to ranking alone
// (scoring/rank.go) keeps its caches.
func Key(spec Spec) (string, error) {
	tax, err := Taxonomy()
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("v%d-seed%d-n%d-tax%s-code%s", corpus.Version, spec.Seed, spec.Size, tax.Fingerprint(), codeHash()), nil
}

// CacheDir returns the cache entry directory of spec (it may not exist).
// The engine's index is in its "index" subdirectory.
func CacheDir(spec Spec) (string, error) {
	root, err := cacheRoot()
	if err != nil {
		return "", err
	}
	key, err := Key(spec)
	if err != nil {
		return "", err
	}
	return filepath.Join(root, key), nil
}

// meta is written beside a complete cached index.
type meta struct {
	Key         string    `json:"key"`
	Seed        uint64    `json:"seed"`
	Size        int       `json:"size"`
	Taxonomy    string    `json:"taxonomy"`
	Skills      int       `json:"taxonomy_skills"`
	Built       time.Time `json:"built"`
	Seconds     float64   `json:"build_seconds"`
	PerSecond   float64   `json:"profiles_per_second"`
	Bytes       int64     `json:"text_bytes"`
	GoVersion   string    `json:"go_version"`
	Concurrency int       `json:"gomaxprocs"`
}

const metaFile = "meta.json"

// CachedIndex returns the directory of the engine index of spec (for
// engine.Open), building it first if it is not cached. The build goes to a
// temporary directory that is renamed into place only when complete, so an
// interrupted build is never used. Progress of builds over BuildChunk
// profiles is written to progress (nil: none).
func CachedIndex(ctx context.Context, spec Spec, progress io.Writer) (string, error) {
	dir, err := CacheDir(spec)
	if err != nil {
		return "", err
	}
	index := filepath.Join(dir, "index")
	if os.Getenv(EnvRebuild) == "1" {
		rebuilt.once(dir, func() { os.RemoveAll(dir) })
	}
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		return index, nil
	}
	if err := build(ctx, spec, dir, progress); err != nil {
		return "", err
	}
	return index, nil
}

// rebuilt remembers the entries SKILLRANK_BENCH_REBUILD already rebuilt in
// this process, so each is rebuilt once per run, not once per benchmark.
var rebuilt = onceSet{m: map[string]bool{}}

func build(ctx context.Context, spec Spec, dir string, progress io.Writer) (err error) {
	tax, err := Taxonomy()
	if err != nil {
		return err
	}
	root := filepath.Dir(dir)
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	removeAbandoned(root)
	tmp, err := os.MkdirTemp(root, fmt.Sprintf(".build-%d-", os.Getpid()))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	say := func(format string, args ...any) {
		if progress != nil && spec.Size > BuildChunk {
			fmt.Fprintf(progress, format, args...)
		}
	}
	say("benchmarks: building the index of %d generated profiles in %s\n", spec.Size, dir)
	start := time.Now()
	e, err := engine.Open(ctx, filepath.Join(tmp, "index"), engine.Options{Taxonomy: tax, AsOf: corpus.AsOf})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := e.Close(); err == nil {
			err = cerr
		}
	}()
	g := corpus.New(spec.Seed, tax)
	var total int64
	// Generate the next chunk while the engine indexes this one.
	gen := func(lo int) chan []engine.Input {
		ch := make(chan []engine.Input, 1)
		go func() {
			hi := min(spec.Size, lo+BuildChunk)
			in := make([]engine.Input, 0, hi-lo)
			for i := lo; i < hi; i++ {
				name, text := g.Profile(i)
				in = append(in, engine.Input{Name: name, Data: text})
			}
			ch <- in
		}()
		return ch
	}
	next := gen(0)
	for lo := 0; lo < spec.Size; lo += BuildChunk {
		in := <-next
		if lo+BuildChunk < spec.Size {
			next = gen(lo + BuildChunk)
		}
		for _, x := range in {
			total += int64(len(x.Data))
		}
		res, err := e.Add(ctx, in, nil)
		if err != nil {
			return fmt.Errorf("building %s: %w", dir, err)
		}
		if len(res.Failed) > 0 || res.Added != len(in) {
			return fmt.Errorf("building %s: added %d of %d profiles: %v", dir, res.Added, len(in), res.Err())
		}
		done := lo + len(in)
		el := time.Since(start)
		rate := float64(done) / el.Seconds()
		say("benchmarks: %d/%d profiles, %.0f/s, %s elapsed, about %s left\n", done, spec.Size, rate,
			el.Round(time.Second), (time.Duration(float64(spec.Size-done)/rate) * time.Second).Round(time.Second))
	}
	if err := e.Close(); err != nil {
		return err
	}
	el := time.Since(start)
	key, _ := Key(spec)
	md, _ := json.MarshalIndent(meta{Key: key, Seed: spec.Seed, Size: spec.Size, Taxonomy: tax.Fingerprint(), Skills: tax.Len(),
		Built: time.Now().UTC().Round(time.Second), Seconds: el.Seconds(), PerSecond: float64(spec.Size) / el.Seconds(),
		Bytes: total, GoVersion: runtime.Version(), Concurrency: runtime.GOMAXPROCS(0)}, "", "  ")
	if err := os.WriteFile(filepath.Join(tmp, metaFile), append(md, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, metaFile)); serr == nil {
			os.RemoveAll(tmp) // another process finished the same build first
			return nil
		}
		return err
	}
	say("benchmarks: built %d profiles in %s (%.0f profiles/s)\n", spec.Size, el.Round(time.Second), float64(spec.Size)/el.Seconds())
	return nil
}

// removeAbandoned deletes temporary build directories of processes that
// no longer run (an interrupted build).
func removeAbandoned(root string) {
	ents, _ := os.ReadDir(root)
	for _, ent := range ents {
		rest, ok := strings.CutPrefix(ent.Name(), ".build-")
		if !ok {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(root, ent.Name()))
	}
}

// ListCache writes the cached entries with their sizes on disk.
func ListCache(w io.Writer) error {
	root, err := cacheRoot()
	if err != nil {
		return err
	}
	ents, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(w, "%s: empty\n", root)
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(w, root)
	for _, ent := range ents {
		if !ent.IsDir() {
			continue
		}
		var size int64
		filepath.WalkDir(filepath.Join(root, ent.Name()), func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					size += info.Size()
				}
			}
			return nil
		})
		state := ""
		if _, err := os.Stat(filepath.Join(root, ent.Name(), metaFile)); err != nil {
			state = " (incomplete)"
		}
		fmt.Fprintf(w, "  %-70s %8.1f MB%s\n", ent.Name(), float64(size)/1e6, state)
	}
	return nil
}

// codeHash hashes the source files that decide what a cached index holds.
// The ranking code is left out on purpose: comparing two revisions of the
// hot path must not rebuild a million-profile index twice.
func codeHash() string {
	codeOnce.once("", func() {
		root := repoRoot()
		if root == "" {
			codeHashVal = "nosrc"
			return
		}
		var files []string
		walk := func(dir string, keep func(rel string) bool) {
			filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil
				}
				rel, _ := filepath.Rel(root, path)
				if d.IsDir() {
					if d.Name() == "testdata" || d.Name() == "internal" && strings.HasPrefix(rel, filepath.Join("index", "taxonomy")) {
						return filepath.SkipDir
					}
					return nil
				}
				if strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") && keep(rel) {
					files = append(files, rel)
				}
				return nil
			})
		}
		all := func(string) bool { return true }
		walk("index", all)
		walk(filepath.Join("benchmarks", "corpus"), all)
		walk("scoring", func(rel string) bool {
			b := filepath.Base(rel)
			return b == "features.go" || b == "snapshot.go"
		})
		walk("engine", func(rel string) bool { return filepath.Base(rel) == "add.go" })
		walk("benchmarks", func(rel string) bool { return rel == filepath.Join("benchmarks", "cache.go") })
		sort.Strings(files)
		h := sha256.New()
		for _, f := range files {
			data, err := os.ReadFile(filepath.Join(root, f))
			if err != nil {
				continue
			}
			data = canonicalGo(f, data)
			fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(f), len(data))
			h.Write(data)
		}
		codeHashVal = hex.EncodeToString(h.Sum(nil))[:12]
	})
	return codeHashVal
}

// canonicalGo returns Go source without comments and in gofmt layout, so
// that editing a comment or reformatting does not invalidate caches.
func canonicalGo(name string, src []byte) []byte {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return src
	}
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, f); err != nil {
		return src
	}
	return b.Bytes()
}

var (
	codeOnce    = onceSet{m: map[string]bool{}}
	codeHashVal string
)

// repoRoot finds the module's source tree: beside this file when it was
// compiled from a checkout, else above the working directory.
func repoRoot() string {
	isRoot := func(dir string) bool {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		return err == nil && strings.Contains(string(data), "module github.com/skillrank/skillrank\n")
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		if dir := filepath.Dir(filepath.Dir(file)); isRoot(dir) {
			return dir
		}
	}
	wd, err := os.Getwd()
	for err == nil {
		if isRoot(wd) {
			return wd
		}
		parent := filepath.Dir(wd)
		if parent == wd {
			break
		}
		wd = parent
	}
	return ""
}

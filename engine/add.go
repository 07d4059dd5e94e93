package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/skillrank/skillrank/index"
	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
)

// Input is a profile to add: its file name (which gives the id and the
// format) and its contents.
type Input struct {
	Name string
	Data []byte
}

// FileError is a failure to read one input; the rest of a batch goes on.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string {
	msg := e.Err.Error()
	// Readers already prefix the path; do not say it twice.
	if strings.HasPrefix(msg, e.Path+": ") {
		return msg
	}
	return e.Path + ": " + msg
}

func (e *FileError) Unwrap() error { return e.Err }

// AddResult reports what an Add did.
type AddResult struct {
	// Added and Updated count profiles stored; Unchanged were already
	// stored with the same content.
	Added, Updated, Unchanged int
	// Skipped counts files in walked directories that are not profiles
	// (unknown extensions, README files).
	Skipped int
	// Failed lists inputs that could not be read, each as "path: reason".
	Failed []*FileError
	// Warnings are problems that did not stop an input ("path: message").
	Warnings []string
}

// Err returns the failures as one error (errors.Join), or nil.
func (r *AddResult) Err() error {
	errs := make([]error, len(r.Failed))
	for i, f := range r.Failed {
		errs[i] = f
	}
	return errors.Join(errs...)
}

// AddOptions tune AddPaths and Add.
type AddOptions struct {
	// Progress, if set, is called after each input with the counts so far.
	Progress func(done, total int)
}

// Add reads, extracts and stores inputs. Failures are reported in the
// result and do not stop the others; the error is for the index itself
// (or ctx) failing.
func (e *Engine) Add(ctx context.Context, inputs []Input, o *AddOptions) (AddResult, error) {
	srcs := make([]source, len(inputs))
	for i := range inputs {
		in := inputs[i]
		srcs[i] = source{name: in.Name, read: func() ([]byte, error) { return in.Data, nil }}
	}
	return e.add(ctx, srcs, o, AddResult{})
}

// AddPaths adds files and directories (walked recursively; hidden files
// and directories are skipped, and so are files of unknown type and
// README/LICENSE files inside directories).
func (e *Engine) AddPaths(ctx context.Context, paths []string, o *AddOptions) (AddResult, error) {
	srcs, res := e.walk(paths)
	return e.add(ctx, srcs, o, res)
}

// source is an input whose bytes are read when its turn comes, so a large
// batch never holds every file in memory at once.
type source struct {
	name string
	read func() ([]byte, error)
	file bool // name is a path on disk (Prune checks it)
}

// extracted is one source after reading and extraction.
type extracted struct {
	name    string
	profile *extract.Profile
	hash    string
	err     error
}

func (e *Engine) add(ctx context.Context, srcs []source, o *AddOptions, res AddResult) (AddResult, error) {
	if o == nil {
		o = &AddOptions{}
	}
	// Read and extract a batch on every core while the previous batch is
	// committed: bleve's commit is mostly one core's work, extraction
	// parallel, so overlapping them keeps both cores busy.
	const batch = index.DefaultBatchSize
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []extracted, 1)
	go func() {
		defer close(batches)
		for start := 0; start < len(srcs); start += batch {
			out := e.extractBatch(ctx, srcs[start:min(len(srcs), start+batch)])
			select {
			case batches <- out:
			case <-ctx.Done():
				return
			}
		}
	}()
	done := 0
	seen := make(map[string]string) // id → name, to report duplicate ids
	for out := range batches {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		var entries []index.Entry
		for _, x := range out {
			done++
			if o.Progress != nil {
				o.Progress(done, len(srcs))
			}
			if x.err != nil {
				res.Failed = append(res.Failed, &FileError{Path: x.name, Err: x.err})
				continue
			}
			for _, w := range x.profile.Doc.Warnings {
				res.Warnings = append(res.Warnings, x.name+": "+w)
			}
			id := x.profile.Doc.ID
			if prev, dup := seen[id]; dup {
				res.Warnings = append(res.Warnings, fmt.Sprintf("%s: profile id %q also used by %s; the later file wins", x.name, id, prev))
			}
			seen[id] = x.name
			old, exists, err := e.ix.Hash(id)
			if err != nil {
				return res, err
			}
			switch {
			case exists && old == x.hash:
				res.Unchanged++
				continue
			case exists:
				res.Updated++
			default:
				res.Added++
			}
			entries = append(entries, index.Entry{Profile: x.profile, Hash: x.hash})
		}
		if err := e.ix.Put(ctx, entries); err != nil {
			return res, err
		}
	}
	return res, ctx.Err()
}

// extractBatch reads and extracts sources on all workers, in order.
func (e *Engine) extractBatch(ctx context.Context, chunk []source) []extracted {
	workers := e.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]extracted, len(chunk))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(workers, len(chunk)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = e.extractSource(ctx, chunk[i])
			}
		}()
	}
	for i := range chunk {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func (e *Engine) extractSource(ctx context.Context, s source) extracted {
	data, err := s.read()
	if err != nil {
		return extracted{name: s.name, err: err}
	}
	doc, err := document.Read(ctx, s.name, data, e.opts.Limits)
	if err != nil {
		return extracted{name: s.name, err: err}
	}
	if !s.file {
		doc.Source = ""
	}
	sum := sha256.Sum256(data)
	return extracted{name: s.name, profile: e.x.Profile(doc, e.asOf), hash: hex.EncodeToString(sum[:16])}
}

// skipNames are files in walked directories that document a folder rather
// than describe a candidate.
var skipNames = map[string]bool{"README": true, "LICENSE": true, "NOTICE": true, "CHANGELOG": true, "SEEDS": true}

// walk expands paths into sources. Named files are always read (their
// errors reported); directories are walked recursively, following
// symbolic links but never into a directory twice (loops are reported).
func (e *Engine) walk(paths []string) ([]source, AddResult) {
	var res AddResult
	var out []source
	fileSource := func(path string) source {
		limit := e.opts.Limits.WithDefaults().MaxFileSize
		return source{name: path, read: func() ([]byte, error) {
			st, err := os.Stat(path)
			if err != nil {
				return nil, err
			}
			if st.Size() > limit {
				return nil, fmt.Errorf("%w: %d bytes, limit %d", document.ErrTooLarge, st.Size(), limit)
			}
			return os.ReadFile(path)
		}, file: true}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			res.Failed = append(res.Failed, &FileError{Path: p, Err: unwrapPathError(err)})
			continue
		}
		if !st.IsDir() {
			out = append(out, fileSource(p))
			continue
		}
		visited := make(map[string]bool)
		var files []string
		var walkDir func(dir string)
		walkDir = func(dir string) {
			real, err := filepath.EvalSymlinks(dir)
			if err != nil {
				res.Failed = append(res.Failed, &FileError{Path: dir, Err: unwrapPathError(err)})
				return
			}
			if visited[real] {
				res.Failed = append(res.Failed, &FileError{Path: dir, Err: errors.New("directory loop (symbolic link to a directory already walked)")})
				return
			}
			visited[real] = true
			ents, err := os.ReadDir(dir)
			if err != nil {
				res.Failed = append(res.Failed, &FileError{Path: dir, Err: unwrapPathError(err)})
				return
			}
			for _, ent := range ents {
				name := ent.Name()
				if strings.HasPrefix(name, ".") {
					continue
				}
				path := filepath.Join(dir, name)
				info, err := os.Stat(path) // follows links
				if err != nil {
					res.Failed = append(res.Failed, &FileError{Path: path, Err: unwrapPathError(err)})
					continue
				}
				if info.IsDir() {
					walkDir(path)
					continue
				}
				if !info.Mode().IsRegular() || !document.IsSupported(name) || skipNames[strings.ToUpper(document.IDFromName(name))] {
					res.Skipped++
					continue
				}
				files = append(files, path)
			}
		}
		walkDir(p)
		sort.Strings(files)
		for _, f := range files {
			out = append(out, fileSource(f))
		}
	}
	return out, res
}

// unwrapPathError drops the *fs.PathError wrapper: FileError names the path.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Prune deletes stored profiles whose source file no longer exists and
// returns their ids. Profiles added from bytes (no file) are kept.
func (e *Engine) Prune(ctx context.Context) ([]string, error) {
	srcs, err := e.ix.Sources(ctx)
	if err != nil {
		return nil, err
	}
	var gone []string
	for id, src := range srcs {
		if src == "" || src == "-" {
			continue
		}
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			gone = append(gone, id)
		}
	}
	sort.Strings(gone)
	if len(gone) == 0 {
		return nil, nil
	}
	if _, err := e.ix.Delete(ctx, gone); err != nil {
		return nil, err
	}
	return gone, nil
}

// Package engine is skillrank's public API: it reads candidate profiles
// (Markdown, text, HTML, JSON Resume, PDF, DOCX), extracts the skills
// they evidence, stores them in a bleve index, and ranks candidates for a
// job description with an explanation of every score.
//
// Typical use:
//
//	e, err := engine.New(engine.Options{})             // in memory
//	res, err := e.AddPaths(ctx, []string{"profiles/"}, nil)
//	job, err := e.ParseJob("job.md", jobText)
//	ranking, err := e.Rank(ctx, job, engine.RankOptions{Top: 10})
//
// or engine.Open(ctx, dir, opts) for a persistent index. An Engine is safe
// for concurrent use: Rank may run while Add and Delete commit.
package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/skillrank/skillrank/index"
	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
	"github.com/skillrank/skillrank/scoring"
)

// Options configure an Engine. The zero value is ready to use.
type Options struct {
	// Taxonomy to extract and match skills with; nil means the embedded
	// default, extended by TaxonomyFile if set.
	Taxonomy *taxonomy.Taxonomy
	// TaxonomyFile is a user taxonomy (JSON or YAML) merged into the
	// default: it adds or overrides skills, aliases and relations.
	TaxonomyFile string
	// AsOf is "now" for months of current positions and recency; zero
	// means today. Fix it for reproducible results.
	AsOf time.Time
	// Limits bound the cost of reading one document.
	Limits document.Limits
	// Workers is the parallelism of extraction and ranking (GOMAXPROCS if 0).
	Workers int
	// Related controls partial credit for related skills (depth, decay).
	Related taxonomy.ExpandOptions
	// Hybrid controls re-ranking by full-text relevance.
	Hybrid HybridOptions
	// KeywordOnly scores skill presence alone, ignoring mentions, months
	// and recency: a baseline for evaluations, not for hiring.
	KeywordOnly bool
	// Logf receives notices (snapshot rebuilt, …); nil discards them.
	Logf func(format string, args ...any)

	// afterCommit is a test hook passed to the index.
	afterCommit func(generation uint64)
}

// Engine ranks candidates. Create it with New or Open; Close it when done.
type Engine struct {
	opts   Options
	tax    *taxonomy.Taxonomy
	x      *extract.Extractor
	ix     *index.Index
	ranker *scoring.Ranker
	asOf   timeline.Month
}

// ErrBadOptions is wrapped by errors about invalid Options.
var ErrBadOptions = errors.New("invalid engine options")

// New returns an engine with an empty in-memory index.
func New(opts Options) (*Engine, error) {
	e, err := newEngine(opts)
	if err != nil {
		return nil, err
	}
	e.ix, err = index.NewMemory(e.indexOptions())
	if err != nil {
		return nil, err
	}
	return e, nil
}

// Open opens (or creates) a persistent index in dir.
func Open(ctx context.Context, dir string, opts Options) (*Engine, error) {
	e, err := newEngine(opts)
	if err != nil {
		return nil, err
	}
	e.ix, err = index.Open(ctx, dir, e.indexOptions())
	if err != nil {
		return nil, err
	}
	return e, nil
}

func newEngine(opts Options) (*Engine, error) {
	o := opts // never modify the caller's options
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if o.AsOf.IsZero() {
		o.AsOf = time.Now()
	}
	if o.Hybrid.Weight < 0 || o.Hybrid.Weight > 1 {
		return nil, fmt.Errorf("%w: Hybrid.Weight %v outside [0,1]", ErrBadOptions, o.Hybrid.Weight)
	}
	tax := o.Taxonomy
	if tax == nil {
		var err error
		if tax, err = LoadTaxonomy(o.TaxonomyFile); err != nil {
			return nil, err
		}
	}
	return &Engine{
		opts:   o,
		tax:    tax,
		x:      extract.New(tax),
		ranker: scoring.NewRanker(o.Workers),
		asOf:   timeline.FromTime(o.AsOf),
	}, nil
}

// LoadTaxonomy returns the embedded default taxonomy extended by the user
// file at path (JSON or YAML), or the default alone when path is "".
func LoadTaxonomy(path string) (*taxonomy.Taxonomy, error) {
	tax, err := taxonomy.Default(nil)
	if err != nil || path == "" {
		return tax, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	return tax.ExtendFile(path, data)
}

func (e *Engine) indexOptions() index.Options {
	return index.Options{Taxonomy: e.tax, Logf: e.opts.Logf, AfterCommit: e.opts.afterCommit}
}

// Taxonomy returns the engine's taxonomy.
func (e *Engine) Taxonomy() *taxonomy.Taxonomy { return e.tax }

// AsOf returns the engine's "now" month as YYYY-MM.
func (e *Engine) AsOf() string { return e.asOf.String() }

// Len returns the number of profiles in the index.
func (e *Engine) Len() int { return e.ix.Snapshot().Live() }

// Delete removes profiles by id and returns how many existed.
func (e *Engine) Delete(ctx context.Context, ids ...string) (int, error) {
	return e.ix.Delete(ctx, ids)
}

// Flush persists the scoring snapshot of a persistent index now (Close
// does it too).
func (e *Engine) Flush() error { return e.ix.Flush() }

// Close flushes and closes the index.
func (e *Engine) Close() error { return e.ix.Close() }

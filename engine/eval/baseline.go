package eval

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/skillrank/skillrank/index/extract/document"
)

// plainBM25 is the baseline: bleve out of the box — its default mapping
// and standard analyzer (Unicode words, lower case, English stop words; no
// stemming, no skill knowledge) with BM25 scoring — over the profile text.
type plainBM25 struct {
	idx bleve.Index
	n   int
}

func newPlainBM25(ctx context.Context, dir string) (*plainBM25, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = bleveindex.BM25Scoring
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "profiles", "*"))
	if err != nil {
		return nil, err
	}
	b := idx.NewBatch()
	n := 0
	for _, f := range files {
		if !document.IsSupported(f) {
			continue
		}
		d, err := document.ReadFile(ctx, f, document.Limits{})
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrData, err)
		}
		if err := b.Index(d.ID, map[string]any{"text": d.Text}); err != nil {
			return nil, err
		}
		n++
	}
	if err := idx.Batch(b); err != nil {
		return nil, err
	}
	return &plainBM25{idx: idx, n: n}, nil
}

// rank returns every profile matching the job text, best first. Scores are
// rounded before sorting: bleve may sum BM25 terms in a different order
// from run to run, and the last bits must not reorder near-ties.
func (p *plainBM25) rank(ctx context.Context, jobText string) ([]string, error) {
	q := query.NewMatchQuery(jobText)
	q.SetField("text")
	req := bleve.NewSearchRequestOptions(q, p.n, 0, false)
	res, err := p.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	type hit struct {
		id    string
		score float64
	}
	hits := make([]hit, len(res.Hits))
	for i, h := range res.Hits {
		hits[i] = hit{h.ID, math.Round(h.Score*1e9) / 1e9}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].id < hits[j].id
	})
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.id
	}
	return out, nil
}

func (p *plainBM25) close() error { return p.idx.Close() }

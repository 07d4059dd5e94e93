package index

import (
	"context"
	"fmt"
	"math"
	"sort"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// BM25 parameters, bleve's defaults.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// TextRelevance scores a few profiles by BM25 relevance of text over their
// text, as SearchText's bleve match query does — one clause per query
// token, each scored by BM25, summed, times the share of clauses matched —
// but computed for ids only, so its cost is set by the candidates (and one
// document-frequency lookup per query term), not by the size of the index.
// The average field length is estimated from the candidates. Ids that are
// not stored score 0.
func (ix *Index) TextRelevance(ctx context.Context, text string, ids []string) (map[string]float64, error) {
	out := make(map[string]float64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	an := ix.bl.Mapping().AnalyzerNamed(analyzerName)
	if an == nil {
		return nil, fmt.Errorf("index: analyzer %q missing", analyzerName)
	}
	query := make(map[string]int) // term → clauses (query occurrences)
	clauses := 0
	for _, t := range an.Analyze([]byte(text)) {
		query[string(t.Term)]++
		clauses++
	}
	if len(query) == 0 {
		return out, nil
	}
	// Term counts of each candidate's text.
	type cand struct {
		id string
		tf map[string]int
		dl int
	}
	cands := make([]cand, 0, len(ids))
	total := 0
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc, err := ix.bl.Document(id)
		if err != nil {
			return nil, fmt.Errorf("index: %s: %w", id, err)
		}
		if doc == nil {
			continue
		}
		var body string
		doc.VisitFields(func(f bleveindex.Field) {
			if f.Name() == fieldText {
				body = string(f.Value())
			}
		})
		c := cand{id: id, tf: make(map[string]int)}
		for _, t := range an.Analyze([]byte(body)) {
			c.dl++
			if term := string(t.Term); query[term] > 0 {
				c.tf[term]++
			}
		}
		total += c.dl
		cands = append(cands, c)
	}
	if len(cands) == 0 || total == 0 {
		return out, nil
	}
	avgdl := float64(total) / float64(len(cands))
	n, err := ix.bl.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	adv, err := ix.bl.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	defer r.Close()
	// Terms in sorted order: float sums must not depend on map order.
	terms := make([]string, 0, len(query))
	for term := range query {
		terms = append(terms, term)
	}
	sort.Strings(terms)
	matchedClauses := make(map[string]int, len(cands))
	for _, term := range terms {
		qtf := query[term]
		matched := false
		for _, c := range cands {
			if c.tf[term] > 0 {
				matched = true
				break
			}
		}
		if !matched {
			continue // a term no candidate has adds nothing: skip its lookup
		}
		tfr, err := r.TermFieldReader(ctx, []byte(term), fieldText, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		df := float64(tfr.Count())
		tfr.Close()
		idf := math.Log(1 + (float64(n)-df+0.5)/(df+0.5))
		for _, c := range cands {
			tf := float64(c.tf[term])
			if tf == 0 {
				continue
			}
			out[c.id] += float64(qtf) * idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*float64(c.dl)/avgdl))
			matchedClauses[c.id] += qtf
		}
	}
	for id, m := range matchedClauses {
		out[id] *= float64(m) / float64(clauses)
	}
	return out, nil
}

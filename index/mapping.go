package index

import (
	"sync"

	blevean "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/skillrank/skillrank/index/analysis"
)

// Names under which the analysis path is known to bleve.
const (
	tokenizerName = "skillrank"
	analyzerName  = "skillrank"
)

// Field names of a stored profile.
const (
	fieldName     = "name"
	fieldText     = "text"
	fieldSkills   = "skills"
	fieldHash     = "hash"
	fieldSource   = "source"
	fieldDoc      = "doc"
	fieldEvidence = "evidence"
)

// bleve finds analyzers by name in a process-wide registry, so the
// skillrank tokenizer is registered exactly once, here, the first time an
// index is opened. It carries no state of its own: each index mapping's
// cache builds its own analysis.Analyzer (with its own memo).
var registerOnce sync.Once

func registerAnalysis() {
	registerOnce.Do(func() {
		// An error can only mean the name is taken, which would be a bug here.
		if err := registry.RegisterTokenizer(tokenizerName, func(map[string]interface{}, *registry.Cache) (blevean.Tokenizer, error) {
			return &bleveTokenizer{a: analysis.New(0)}, nil
		}); err != nil {
			panic("skillrank: registering the bleve tokenizer: " + err.Error())
		}
	})
}

// bleveTokenizer adapts analysis.Analyzer to bleve: the same tokens and
// the same Snowball terms as skill matching, so BM25 over profile text and
// skill evidence see one vocabulary.
type bleveTokenizer struct {
	a *analysis.Analyzer
}

func (t *bleveTokenizer) Tokenize(input []byte) blevean.TokenStream {
	text := string(input)
	toks := t.a.Analyze(text, nil)
	out := make(blevean.TokenStream, len(toks))
	for i, tk := range toks {
		typ := blevean.AlphaNumeric
		if tk.Flags&analysis.Digit != 0 && tk.Flags&(analysis.Upper|analysis.Lower) == 0 {
			typ = blevean.Numeric
		}
		out[i] = &blevean.Token{Start: tk.Start, End: tk.End, Term: []byte(tk.Term), Position: i + 1, Type: typ}
	}
	return out
}

// newMapping returns the index mapping of profiles: full text analysed
// like skills, with BM25 scoring; skills as keywords for filters; the
// document structure and evidence stored for rebuilds and explanations.
func newMapping() (*mapping.IndexMappingImpl, error) {
	registerAnalysis()
	im := mapping.NewIndexMapping()
	im.ScoringModel = bleveindex.BM25Scoring
	err := im.AddCustomAnalyzer(analyzerName, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     tokenizerName,
		"token_filters": []string{en.StopName},
	})
	if err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = analyzerName

	text := func(store bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzerName
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	kw := func(index, store bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = index
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := kw(false, true)
		return f
	}
	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldName, text(true))
	dm.AddFieldMappingsAt(fieldText, text(true))
	dm.AddFieldMappingsAt(fieldSkills, kw(true, false))
	dm.AddFieldMappingsAt(fieldHash, kw(false, true))
	dm.AddFieldMappingsAt(fieldSource, kw(false, true))
	dm.AddFieldMappingsAt(fieldDoc, stored())
	dm.AddFieldMappingsAt(fieldEvidence, stored())
	im.DefaultMapping = dm
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}

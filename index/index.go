// Package index stores profiles: bleve is the store of record and the
// full-text engine (BM25), and beside it lives the scoring snapshot, the
// compact posting lists that ranking reads. Every committed bleve batch
// carries a generation number; the snapshot file carries the generation
// it was built at, so a crash between the two can never leave a stale
// snapshot in use: on open, a mismatch (or a bad checksum) rebuilds the
// snapshot from bleve.
//
// An Index is safe for concurrent use: readers take the current snapshot
// (an immutable value) while one writer at a time commits batches.
package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/taxonomy"
	"github.com/skillrank/skillrank/scoring"
)

// Internal keys stored in bleve beside the documents.
var (
	keyGeneration = []byte("skillrank:generation")
	keyTaxonomy   = []byte("skillrank:taxonomy")
)

// DefaultBatchSize is the number of profiles per bleve batch: large enough
// to amortise a commit, small enough to bound what a crash can lose.
const DefaultBatchSize = 1000

// compactAt is the share of deleted ordinals at which the snapshot is
// rewritten without them.
const compactAt = 0.25

// ErrClosed is returned by operations on a closed Index.
var ErrClosed = errors.New("index closed")

// Options configure an Index.
type Options struct {
	// Taxonomy is required; stored evidence from another taxonomy is
	// extracted again on open.
	Taxonomy *taxonomy.Taxonomy
	// BatchSize is profiles per bleve batch (DefaultBatchSize if 0).
	BatchSize int
	// Logf receives notices such as a snapshot rebuild; nil discards them.
	Logf func(format string, args ...any)
	// AfterCommit, if set, runs after each bleve batch commits and before
	// the in-memory snapshot is updated; crash tests use it.
	AfterCommit func(generation uint64)
}

// Entry is a profile to store.
type Entry struct {
	Profile *extract.Profile
	// Hash identifies the source content; re-adding an unchanged file is
	// detected by it.
	Hash string
}

// Index is a profile store with its scoring snapshot.
type Index struct {
	dir  string // "" for an in-memory index
	bl   bleve.Index
	tax  *taxonomy.Taxonomy
	x    *extract.Extractor
	opts Options

	snap atomic.Pointer[scoring.Snapshot]

	mu     sync.Mutex // serialises writers; guards the fields below
	ords   map[string]uint32
	dirty  bool // the snapshot file is behind the in-memory snapshot
	closed bool
}

func (o Options) withDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return o
}

// NewMemory returns an empty in-memory index.
func NewMemory(o Options) (*Index, error) {
	if o.Taxonomy == nil {
		return nil, errors.New("index: no taxonomy")
	}
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	bl, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	ix := newIndex("", bl, o)
	ix.snap.Store(scoring.NewSnapshot(o.Taxonomy.Len()))
	return ix, nil
}

func newIndex(dir string, bl bleve.Index, o Options) *Index {
	o = o.withDefaults()
	return &Index{dir: dir, bl: bl, tax: o.Taxonomy, x: extract.New(o.Taxonomy), opts: o, ords: make(map[string]uint32)}
}

// Open opens the index in dir, creating it if dir is empty or missing.
// The snapshot is loaded if it matches bleve, and rebuilt otherwise.
func Open(ctx context.Context, dir string, o Options) (*Index, error) {
	if o.Taxonomy == nil {
		return nil, errors.New("index: no taxonomy")
	}
	blevePath := filepath.Join(dir, "bleve")
	var bl bleve.Index
	if _, err := os.Stat(blevePath); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		m, err := newMapping()
		if err != nil {
			return nil, fmt.Errorf("index: mapping: %w", err)
		}
		if bl, err = bleve.NewUsing(blevePath, m, scorch.Name, scorch.Name, nil); err != nil {
			return nil, fmt.Errorf("index: create %s: %w", dir, err)
		}
	} else {
		registerAnalysis()
		if bl, err = bleve.Open(blevePath); err != nil {
			return nil, fmt.Errorf("index: open %s: %w", dir, err)
		}
	}
	ix := newIndex(dir, bl, o)
	if err := ix.load(ctx); err != nil {
		bl.Close()
		return nil, err
	}
	return ix, nil
}

// load installs the snapshot of a freshly opened index.
func (ix *Index) load(ctx context.Context) error {
	gen, err := ix.generation()
	if err != nil {
		return err
	}
	fp, err := ix.bl.GetInternal(keyTaxonomy)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	count, err := ix.bl.DocCount()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if len(fp) > 0 && string(fp) != ix.tax.Fingerprint() {
		ix.opts.Logf("index %s: the taxonomy changed; extracting %d profiles again", ix.dir, count)
		return ix.rebuild(ctx, gen, true)
	}
	snap, snapFP, err := readSnapshot(ix.dir, ix.tax.Len())
	switch {
	case err == nil && snap.Generation == gen && snapFP == ix.tax.Fingerprint() && uint64(snap.Live()) == count:
		ix.snap.Store(snap)
		return nil
	case errors.Is(err, fs.ErrNotExist) && count == 0:
		ix.snap.Store(scoring.NewSnapshot(ix.tax.Len()))
		return nil
	case errors.Is(err, fs.ErrNotExist):
		ix.opts.Logf("index %s: no snapshot; rebuilding it from %d profiles", ix.dir, count)
	case err != nil:
		ix.opts.Logf("index %s: snapshot unusable (%v); rebuilding it from %d profiles", ix.dir, err, count)
	default:
		ix.opts.Logf("index %s: snapshot is stale (generation %d, index %d); rebuilding it from %d profiles", ix.dir, snap.Generation, gen, count)
	}
	return ix.rebuild(ctx, gen, false)
}

func (ix *Index) generation() (uint64, error) {
	v, err := ix.bl.GetInternal(keyGeneration)
	if err != nil {
		return 0, fmt.Errorf("index: %w", err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("index: generation record of %d bytes", len(v))
	}
	return binary.LittleEndian.Uint64(v), nil
}

func genBytes(g uint64) []byte {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], g)
	return b[:]
}

// Snapshot returns the current scoring snapshot; it never changes, so a
// caller may rank against it while writers commit.
func (ix *Index) Snapshot() *scoring.Snapshot { return ix.snap.Load() }

// Taxonomy returns the taxonomy the index extracts with.
func (ix *Index) Taxonomy() *taxonomy.Taxonomy { return ix.tax }

// Dir returns the index directory ("" in memory).
func (ix *Index) Dir() string { return ix.dir }

// Put stores entries, replacing profiles with the same id. Entries are
// committed in batches; on error, the batches before it are committed.
func (ix *Index) Put(ctx context.Context, entries []Entry) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return ErrClosed
	}
	ix.ensureOrds()
	for start := 0; start < len(entries); start += ix.opts.BatchSize {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(len(entries), start+ix.opts.BatchSize)
		if err := ix.putBatch(entries[start:end]); err != nil {
			return err
		}
	}
	return nil
}

func (ix *Index) putBatch(entries []Entry) error {
	// The last entry for an id wins within a batch.
	last := make(map[string]int, len(entries))
	for i, e := range entries {
		last[e.Profile.Doc.ID] = i
	}
	batch := ix.bl.NewBatch()
	adds := make([]scoring.Doc, 0, len(entries))
	var dels []uint32
	for i, e := range entries {
		id := e.Profile.Doc.ID
		if last[id] != i {
			continue
		}
		rec, err := ix.record(e)
		if err != nil {
			return fmt.Errorf("index: %s: %w", id, err)
		}
		if err := batch.Index(id, rec); err != nil {
			return fmt.Errorf("index: %s: %w", id, err)
		}
		if ord, ok := ix.ords[id]; ok {
			dels = append(dels, ord)
		}
		adds = append(adds, snapshotDoc(e.Profile))
	}
	return ix.commit(batch, adds, dels, func(s *scoring.Snapshot) {
		for _, d := range dels {
			delete(ix.ords, s.ID(d))
		}
		base := uint32(s.Len() - len(adds))
		for i, d := range adds {
			ix.ords[d.ID] = base + uint32(i)
		}
	})
}

// commit writes a bleve batch with the next generation, then installs the
// snapshot with the same changes.
func (ix *Index) commit(batch *bleve.Batch, adds []scoring.Doc, dels []uint32, updateOrds func(*scoring.Snapshot)) error {
	cur := ix.snap.Load()
	gen := cur.Generation + 1
	batch.SetInternal(keyGeneration, genBytes(gen))
	batch.SetInternal(keyTaxonomy, []byte(ix.tax.Fingerprint()))
	if err := ix.bl.Batch(batch); err != nil {
		return fmt.Errorf("index: commit: %w", err)
	}
	if ix.opts.AfterCommit != nil {
		ix.opts.AfterCommit(gen)
	}
	next := cur.Apply(adds, dels, gen)
	updateOrds(next)
	if next.DeadFraction() > compactAt && next.Len() > 1000 {
		var remap []int32
		next, remap = next.Compact()
		for id, ord := range ix.ords {
			ix.ords[id] = uint32(remap[ord])
		}
	}
	ix.snap.Store(next)
	ix.dirty = true
	return nil
}

func (ix *Index) ensureOrds() {
	s := ix.snap.Load()
	if len(ix.ords) > 0 || s.Live() == 0 {
		return
	}
	for ord := 0; ord < s.Len(); ord++ {
		if s.IsLive(uint32(ord)) {
			ix.ords[s.ID(uint32(ord))] = uint32(ord)
		}
	}
}

// Delete removes profiles by id and returns how many existed.
func (ix *Index) Delete(ctx context.Context, ids []string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return 0, ErrClosed
	}
	ix.ensureOrds()
	batch := ix.bl.NewBatch()
	var dels []uint32
	for _, id := range ids {
		ord, ok := ix.ords[id]
		if !ok {
			continue
		}
		batch.Delete(id)
		dels = append(dels, ord)
	}
	if len(dels) == 0 {
		return 0, nil
	}
	err := ix.commit(batch, nil, dels, func(s *scoring.Snapshot) {
		for _, d := range dels {
			delete(ix.ords, s.ID(d))
		}
	})
	if err != nil {
		return 0, err
	}
	return len(dels), nil
}

// snapshotDoc turns a profile into its snapshot entry.
func snapshotDoc(p *extract.Profile) scoring.Doc {
	// Clone: the name is a substring of the profile text, which the
	// snapshot must not keep alive.
	d := scoring.Doc{ID: strings.Clone(p.Doc.ID), Name: strings.Clone(p.Doc.Name), Skills: make([]scoring.SkillFeatures, len(p.Skills))}
	for i := range p.Skills {
		ev := &p.Skills[i]
		d.Skills[i] = scoring.SkillFeatures{Skill: ev.Skill, Features: scoring.Pack(ev, p.AsOf)}
	}
	return d
}

// record is the bleve document of an entry.
func (ix *Index) record(e Entry) (map[string]any, error) {
	p := e.Profile
	doc, err := encodeDoc(p.Doc)
	if err != nil {
		return nil, err
	}
	ev, err := encodeEvidence(p, ix.tax)
	if err != nil {
		return nil, err
	}
	skills := make([]string, len(p.Skills))
	for i, s := range p.Skills {
		skills[i] = ix.tax.Name(s.Skill)
	}
	return map[string]any{
		fieldName:     p.Doc.Name,
		fieldText:     p.Doc.Text,
		fieldSkills:   skills,
		fieldHash:     e.Hash,
		fieldSource:   p.Doc.Source,
		fieldDoc:      string(doc),
		fieldEvidence: string(ev),
	}, nil
}

// Hash returns the stored content hash of a profile.
func (ix *Index) Hash(id string) (string, bool, error) {
	if !ix.Has(id) {
		return "", false, nil
	}
	f, err := ix.storedFields(id, fieldHash)
	if err != nil {
		return "", false, err
	}
	h, ok := f[fieldHash].(string)
	return h, ok, nil
}

// Has reports whether a live profile has this id.
func (ix *Index) Has(id string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.ensureOrds()
	_, ok := ix.ords[id]
	return ok
}

// IDs returns the ids of all live profiles, sorted.
func (ix *Index) IDs() []string {
	s := ix.snap.Load()
	out := make([]string, 0, s.Live())
	for ord := 0; ord < s.Len(); ord++ {
		if s.IsLive(uint32(ord)) {
			out = append(out, s.ID(uint32(ord)))
		}
	}
	sort.Strings(out)
	return out
}

// Sources returns the source path of every live profile, by id.
func (ix *Index) Sources(ctx context.Context) (map[string]string, error) {
	out := make(map[string]string)
	err := ix.scan(ctx, []string{fieldSource}, func(id string, f map[string]any) error {
		s, _ := f[fieldSource].(string)
		out[id] = s
		return nil
	})
	return out, err
}

// Profile returns a stored profile: its document and evidence.
func (ix *Index) Profile(id string) (*extract.Profile, error) {
	f, err := ix.storedFields(id, fieldText, fieldDoc, fieldEvidence)
	if err != nil {
		return nil, err
	}
	return ix.profileFrom(id, f)
}

func (ix *Index) profileFrom(id string, f map[string]any) (*extract.Profile, error) {
	text, _ := f[fieldText].(string)
	docJSON, _ := f[fieldDoc].(string)
	evJSON, _ := f[fieldEvidence].(string)
	doc, err := decodeDoc(id, text, []byte(docJSON))
	if err != nil {
		return nil, err
	}
	evs, asOf, ok, err := decodeEvidence([]byte(evJSON), ix.tax)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	if !ok {
		return ix.x.Profile(doc, asOf), nil
	}
	return &extract.Profile{Doc: doc, AsOf: asOf, Skills: evs}, nil
}

// storedFields fetches stored fields of one document.
func (ix *Index) storedFields(id string, fields ...string) (map[string]any, error) {
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = fields
	res, err := ix.bl.Search(req)
	if err != nil {
		return nil, fmt.Errorf("index: %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("index: %s: %w", id, fs.ErrNotExist)
	}
	return res.Hits[0].Fields, nil
}

// scan calls fn for every stored document in id order, with the named
// stored fields, a page at a time.
func (ix *Index) scan(ctx context.Context, fields []string, fn func(id string, f map[string]any) error) error {
	const page = 2000
	var after []string
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), page, 0, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := ix.bl.Search(req)
		if err != nil {
			return fmt.Errorf("index: scan: %w", err)
		}
		for _, h := range res.Hits {
			if err := fn(h.ID, h.Fields); err != nil {
				return err
			}
		}
		if len(res.Hits) < page {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// rebuild makes the snapshot from the stored profiles; with reextract (a
// new taxonomy), it extracts every profile again and stores the result.
func (ix *Index) rebuild(ctx context.Context, gen uint64, reextract bool) error {
	count, _ := ix.bl.DocCount()
	b := scoring.NewBuilder(ix.tax.Len(), int(count))
	var redo []Entry
	fields := []string{fieldName, fieldEvidence, fieldText, fieldDoc, fieldHash}
	err := ix.scan(ctx, fields, func(id string, f map[string]any) error {
		p, err := ix.profileFrom(id, f)
		if err != nil {
			return err
		}
		if reextract {
			h, _ := f[fieldHash].(string)
			redo = append(redo, Entry{Profile: p, Hash: h})
		}
		d := snapshotDoc(p)
		ord := b.Add(d.ID, d.Name)
		for _, sf := range d.Skills {
			b.Posting(sf.Skill, ord, sf.Features)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("index: rebuilding the snapshot: %w", err)
	}
	ix.snap.Store(b.Snapshot(gen))
	ix.dirty = true
	if reextract {
		// Store the new evidence so the next open need not extract again.
		if err := ix.Put(ctx, redo); err != nil {
			return err
		}
	}
	return ix.Flush()
}

// Flush writes the snapshot file if it is behind (no-op in memory).
func (ix *Index) Flush() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.flushLocked()
}

func (ix *Index) flushLocked() error {
	if ix.dir == "" || !ix.dirty {
		return nil
	}
	if err := writeSnapshot(ix.dir, ix.snap.Load(), ix.tax.Fingerprint()); err != nil {
		return fmt.Errorf("index: writing the snapshot: %w", err)
	}
	ix.dirty = false
	return nil
}

// Close flushes the snapshot and closes bleve. It is safe to call twice.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	ferr := ix.flushLocked()
	cerr := ix.bl.Close()
	return errors.Join(ferr, cerr)
}

// TextHit is a full-text (BM25) match.
type TextHit struct {
	ID    string
	Score float64
}

// SearchText ranks profiles by BM25 relevance of text over profile text.
// With only non-nil, just those ids are considered.
func (ix *Index) SearchText(ctx context.Context, text string, k int, only []string) ([]TextHit, error) {
	if strings.TrimSpace(text) == "" || k <= 0 {
		return nil, nil
	}
	mq := query.NewMatchQuery(text)
	mq.SetField(fieldText)
	var q query.Query = mq
	if only != nil {
		if len(only) == 0 {
			return nil, nil
		}
		q = query.NewConjunctionQuery([]query.Query{mq, query.NewDocIDQuery(only)})
	}
	req := bleve.NewSearchRequestOptions(q, k, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	res, err := ix.bl.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: text search: %w", err)
	}
	out := make([]TextHit, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = TextHit{ID: h.ID, Score: h.Score}
	}
	return out, nil
}

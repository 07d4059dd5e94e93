package scoring

import (
	"context"
	"runtime"
	"slices"
	"sync"
)

// Hit is a ranked document.
type Hit struct {
	Ord   uint32
	Score float32
}

const (
	// parallelMin is the corpus size below which one goroutine ranks: the
	// whole pass takes microseconds there, less than a hand-off costs.
	parallelMin = 1 << 16
	// blockSize is the ordinal range scored at a time: every requirement's
	// lists are walked block by block so the per-document buffers being
	// written (best and acc, 4 bytes each per document) stay in the CPU's
	// L2 cache instead of missing to L3 on every posting of a sparse list.
	blockSize = 1 << 15
	// ctxEvery is how many postings pass between context checks.
	ctxEvery = 1 << 16
)

// Ranker ranks snapshots. It keeps scratch memory and helper goroutines
// between calls so that steady-state ranking allocates only its result.
// Safe for concurrent use; Close releases the helpers.
type Ranker struct {
	workers int
	// Scratch is sized by the corpus (a few bytes per document), so it is
	// pooled rather than allocated per call; the pool also lets concurrent
	// Rank calls each have their own.
	pool sync.Pool

	// Helpers take parts of large corpora; starting a goroutine per call
	// would allocate, so they are started once and fed through tasks.
	start  sync.Once
	mu     sync.RWMutex // held for reading while sending tasks; Close takes it to close
	tasks  chan task
	closed bool
}

type task struct {
	ctx  context.Context
	snap *Snapshot
	q    *Query
	k    int
	p    *part
	wg   *sync.WaitGroup
}

// NewRanker returns a Ranker using up to workers goroutines per call
// (GOMAXPROCS if workers <= 0).
func NewRanker(workers int) *Ranker {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	r := &Ranker{workers: workers}
	r.pool.New = func() any { return new(rankScratch) }
	return r
}

// Close stops the helper goroutines. Rank still works afterwards, on the
// calling goroutine alone.
func (r *Ranker) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.closed = true
		if r.tasks != nil {
			close(r.tasks)
		}
	}
}

func (r *Ranker) helper() {
	for t := range r.tasks {
		t.p.run(t.ctx, t.snap, t.q, t.k)
		t.wg.Done()
	}
}

type rankScratch struct {
	parts []part
	wg    sync.WaitGroup
	hits  []Hit
}

// part is one worker's share: the ordinals [lo, hi) and its buffers, all
// indexed by ord − lo.
// The per-document buffers cover one block of ordinals (see blockSize)
// and are indexed by ord − block start.
type part struct {
	lo, hi  uint32
	acc     []float32 // score so far
	best    []float32 // this requirement's best value
	met     []uint8   // required requirements met (Strict)
	hit     []uint8   // this requirement met directly (Strict)
	touched []uint32  // block offsets with best > 0 for this requirement
	cursor  []int     // per query entry, the next posting to read
	top     topK
	err     error
}

func (p *part) reset(lo, hi uint32, strict bool) {
	n := min(int(hi-lo), blockSize)
	p.lo, p.hi, p.err = lo, hi, nil
	p.acc = grow(p.acc, n)
	p.best = grow(p.best, n)
	if strict {
		p.met = grow(p.met, n)
		p.hit = grow(p.hit, n)
	}
}

// grow returns s with length n, zeroed; buffers are zero between calls
// because every pass clears what it touched.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// Rank returns the top k live documents of snap for q, best first; ties
// break by profile id. Documents that match nothing are not returned.
func (r *Ranker) Rank(ctx context.Context, snap *Snapshot, q *Query, k int) ([]Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if k <= 0 || snap.Len() == 0 {
		return nil, nil
	}
	sc := r.pool.Get().(*rankScratch)
	defer r.pool.Put(sc)

	n := snap.Len()
	w := 1
	if n >= parallelMin {
		w = min(r.workers, n/(parallelMin/2))
	}
	if cap(sc.parts) < w {
		sc.parts = make([]part, w)
	}
	sc.parts = sc.parts[:w]
	step := (n + w - 1) / w
	for i := range sc.parts {
		lo := uint32(min(n, i*step))
		hi := uint32(min(n, (i+1)*step))
		sc.parts[i].reset(lo, hi, q.Strict)
	}
	if w == 1 {
		sc.parts[0].run(ctx, snap, q, k)
	} else {
		r.dispatch(ctx, snap, q, k, sc)
	}
	hits := sc.hits[:0]
	for i := range sc.parts {
		p := &sc.parts[i]
		if p.err != nil {
			return nil, p.err
		}
		hits = append(hits, p.top.h...)
	}
	sc.hits = hits
	sortHits(hits, snap)
	if len(hits) > k {
		hits = hits[:k]
	}
	return append([]Hit(nil), hits...), nil
}

// dispatch runs parts 1.. on helpers (or here, when all are busy or the
// Ranker is closed) and part 0 on the calling goroutine.
func (r *Ranker) dispatch(ctx context.Context, snap *Snapshot, q *Query, k int, sc *rankScratch) {
	r.start.Do(func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.closed {
			return
		}
		r.tasks = make(chan task)
		for i := 1; i < r.workers; i++ {
			go r.helper()
		}
	})
	r.mu.RLock()
	for i := 1; i < len(sc.parts); i++ {
		p := &sc.parts[i]
		if r.closed || r.tasks == nil {
			p.run(ctx, snap, q, k)
			continue
		}
		sc.wg.Add(1)
		select {
		case r.tasks <- task{ctx: ctx, snap: snap, q: q, k: k, p: p, wg: &sc.wg}:
		default: // every helper is busy with another call
			sc.wg.Done()
			p.run(ctx, snap, q, k)
		}
	}
	r.mu.RUnlock()
	sc.parts[0].run(ctx, snap, q, k)
	sc.wg.Wait()
}

// run scores the part's ordinals a block at a time (see blockSize): per
// requirement, term at a time, the best credited value of each document
// (a requirement with a single entry adds straight into the score), then
// the block's candidates go to the top k and its buffers are cleared.
func (p *part) run(ctx context.Context, snap *Snapshot, q *Query, k int) {
	p.top.reset(k, snap)
	if cap(p.cursor) < len(q.Entries) {
		p.cursor = make([]int, len(q.Entries))
	}
	cursor := p.cursor[:len(q.Entries)]
	for ei := range q.Entries {
		cursor[ei] = lowerBound(snap.lists[q.Entries[ei].Skill].Docs, p.lo)
	}
	budget := ctxEvery
	for blo := p.lo; blo < p.hi; blo += blockSize {
		bhi := min(p.hi, blo+blockSize)
		for ri := range q.Reqs {
			req := &q.Reqs[ri]
			strictReq := q.Strict && req.Required
			if req.End-req.First == 1 && !strictReq {
				e := &q.Entries[req.First]
				start := cursor[req.First]
				cursor[req.First] = p.scanAdd(snap.lists[e.Skill], start, blo, bhi, q.tables, e.Credit, req.share, req.minTable)
				budget -= cursor[req.First] - start
				continue
			}
			touched := p.touched[:0]
			for ei := req.First; ei < req.End; ei++ {
				e := &q.Entries[ei]
				list := snap.lists[e.Skill]
				start := cursor[ei]
				if strictReq {
					cursor[ei], touched = p.scanGeneral(list, start, blo, bhi, q, req, e, strictReq, touched)
				} else {
					cursor[ei], touched = p.scanPlain(list, start, blo, bhi, q.tables, e.Credit, req.minTable, touched)
				}
				budget -= cursor[ei] - start
			}
			share := req.share
			acc, best := p.acc, p.best
			for _, j := range touched {
				acc[j] += float32(share * best[j])
				best[j] = 0
				if strictReq {
					p.met[j] += p.hit[j]
					p.hit[j] = 0
				}
			}
			p.touched = touched
		}
		p.collect(snap, q, blo, bhi)
		if budget < 0 {
			budget = ctxEvery
			if err := ctx.Err(); err != nil {
				p.err = err
				return
			}
		}
	}
}

// scanAdd adds one list straight into the scores, for a requirement with a
// single entry, whose best value is the posting's value: Query.value's
// arithmetic, then the same share multiplication as the general path, so a
// score does not depend on the path taken.
func (p *part) scanAdd(list PostingList, i int, blo, hi uint32, t *strengthTables, credit, share float32, minTable *[maxMonths + 1]float32) int {
	docs, feats := list.Docs[i:], list.Feats[i:]
	feats = feats[:len(docs)]
	acc := p.acc
	n := 0
	for ; n < len(docs); n++ {
		d := docs[n]
		if d >= hi {
			break
		}
		f := feats[n]
		v := float32(credit * t.strength(f))
		if minTable != nil {
			v = float32(v * minTable[t.months(f)])
		}
		acc[d-blo] += float32(share * v)
	}
	return i + n
}

// scanPlain folds one posting list into best for a requirement outside
// Strict; minTable, if set, scales values toward the minimum years (a
// loop-invariant branch, predicted for free). Its arithmetic is
// Query.value's. It reads from posting i to the first ordinal at or past
// hi and returns where it stopped.
func (p *part) scanPlain(list PostingList, i int, lo, hi uint32, t *strengthTables, credit float32, minTable *[maxMonths + 1]float32, touched []uint32) (int, []uint32) {
	docs, feats := list.Docs[i:], list.Feats[i:]
	feats = feats[:len(docs)]
	best := p.best
	n := 0
	for ; n < len(docs); n++ {
		d := docs[n]
		if d >= hi {
			break
		}
		f := feats[n]
		v := float32(credit * t.strength(f))
		if minTable != nil {
			v = float32(v * minTable[t.months(f)])
		}
		j := d - lo
		if b := best[j]; v > b {
			if b == 0 {
				touched = append(touched, j)
			}
			best[j] = v
		}
	}
	return i + n, touched
}

// scanGeneral is scanPlain with Strict bookkeeping.
func (p *part) scanGeneral(list PostingList, i int, lo, hi uint32, q *Query, req *Requirement, e *Entry, strictReq bool, touched []uint32) (int, []uint32) {
	docs, feats := list.Docs, list.Feats
	for ; i < len(docs); i++ {
		d := docs[i]
		if d >= hi {
			break
		}
		v, months := q.value(feats[i], e.Credit, req.minTable)
		j := d - lo
		if b := p.best[j]; v > b {
			if b == 0 {
				touched = append(touched, j)
			}
			p.best[j] = v
		}
		if strictReq && e.Direct && months >= req.minMonths {
			p.hit[j] = 1
		}
	}
	return i, touched
}

// collect offers the block's scored documents to the top k and clears the
// block's scores (and Strict counts) for the next block.
func (p *part) collect(snap *Snapshot, q *Query, blo, bhi uint32) {
	need := uint8(min(q.numRequired, 255))
	acc := p.acc[:bhi-blo]
	for j, s := range acc {
		if s == 0 {
			continue
		}
		acc[j] = 0
		if q.Strict {
			met := p.met[j]
			p.met[j] = 0
			if met < need {
				continue
			}
		}
		// Most documents score below the current k-th best: skip the call.
		if t := &p.top; len(t.h) == t.k && s < t.h[0].Score {
			continue
		}
		if ord := blo + uint32(j); snap.IsLive(ord) {
			p.top.push(Hit{Ord: ord, Score: s})
		}
	}
}

// lowerBound returns the first index i with docs[i] >= ord.
func lowerBound(docs []uint32, ord uint32) int {
	if ord == 0 {
		return 0
	}
	lo, hi := 0, len(docs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if docs[m] < ord {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// better orders hits: higher score first, then smaller profile id.
func better(a, b Hit, snap *Snapshot) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return snap.ids[a.Ord] < snap.ids[b.Ord]
}

func sortHits(h []Hit, snap *Snapshot) {
	slices.SortFunc(h, func(a, b Hit) int {
		if better(a, b, snap) {
			return -1
		}
		if better(b, a, snap) {
			return 1
		}
		return 0
	})
}

// topK keeps the k best hits: a plain slice while small, a min-heap (worst
// on top) once full, so each candidate costs one comparison against the
// current worst.
type topK struct {
	h    []Hit
	k    int
	snap *Snapshot
}

func (t *topK) reset(k int, snap *Snapshot) {
	t.h, t.k, t.snap = t.h[:0], k, snap
}

func (t *topK) push(x Hit) {
	if len(t.h) < t.k {
		t.h = append(t.h, x)
		if len(t.h) == t.k {
			for i := t.k/2 - 1; i >= 0; i-- {
				t.down(i)
			}
		}
		return
	}
	if !better(x, t.h[0], t.snap) {
		return
	}
	t.h[0] = x
	t.down(0)
}

// down restores the heap below i; the root is the worst hit.
func (t *topK) down(i int) {
	h := t.h
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		worst := l
		if r := l + 1; r < len(h) && better(h[l], h[r], t.snap) {
			worst = r
		}
		if !better(h[i], h[worst], t.snap) {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

package scoring

import (
	"sort"
	"sync/atomic"
	"unsafe"

	"github.com/skillrank/skillrank/index/taxonomy"
)

// Snapshot is the compact, immutable ranking view of an index: per skill,
// a posting list of (doc ordinal, features) sorted by ordinal, and per doc
// its id and display name. Ordinals are dense uint32 positions in IDs.
//
// Memory: 8 bytes per posting (a uint32 ordinal and 32-bit Features, held
// as two parallel arrays), plus per document two string headers (32 bytes)
// and the id and name bytes, plus a bit for deletion. Bytes reports the
// figure from the slices themselves, so it cannot drift from the layout.
//
// A Snapshot is safe for concurrent readers. Writers derive new snapshots
// with Apply, one at a time.
type Snapshot struct {
	ids   []string
	names []string
	dead  []uint64 // deleted ordinals, copy-on-write; nil when none
	ndead int
	lists []PostingList // indexed by taxonomy.SkillID
	// Generation counts committed changes; the persisted snapshot carries
	// it to prove it matches the index it was written with.
	Generation uint64

	extended atomic.Bool // Apply appended into spare capacity of our slices
}

// PostingList is the evidence of one skill: Docs ascending, Feats parallel.
type PostingList struct {
	Docs  []uint32
	Feats []Features
}

// Len returns the number of postings.
func (p PostingList) Len() int { return len(p.Docs) }

// Doc is one profile's entry for Apply.
type Doc struct {
	ID, Name string
	// Skills must be sorted by skill and hold each skill once.
	Skills []SkillFeatures
}

// SkillFeatures is one skill's evidence in a Doc.
type SkillFeatures struct {
	Skill    taxonomy.SkillID
	Features Features
}

// NewSnapshot returns an empty snapshot for a taxonomy of numSkills skills.
func NewSnapshot(numSkills int) *Snapshot {
	return &Snapshot{lists: make([]PostingList, numSkills)}
}

// Len returns the number of ordinals, deleted ones included.
func (s *Snapshot) Len() int { return len(s.ids) }

// Live returns the number of documents not deleted.
func (s *Snapshot) Live() int { return len(s.ids) - s.ndead }

// NumSkills returns the number of posting lists.
func (s *Snapshot) NumSkills() int { return len(s.lists) }

// ID returns the profile id of ordinal ord.
func (s *Snapshot) ID(ord uint32) string { return s.ids[ord] }

// Name returns the display name of ordinal ord.
func (s *Snapshot) Name(ord uint32) string { return s.names[ord] }

// IsLive reports whether ord is not deleted.
func (s *Snapshot) IsLive(ord uint32) bool {
	return s.dead == nil || s.dead[ord>>6]&(1<<(ord&63)) == 0
}

// Postings returns the posting list of a skill.
func (s *Snapshot) Postings(skill taxonomy.SkillID) PostingList { return s.lists[skill] }

// Lookup returns the features of (skill, ord), if that posting exists.
func (s *Snapshot) Lookup(skill taxonomy.SkillID, ord uint32) (Features, bool) {
	p := s.lists[skill]
	i := sort.Search(len(p.Docs), func(i int) bool { return p.Docs[i] >= ord })
	if i < len(p.Docs) && p.Docs[i] == ord {
		return p.Feats[i], true
	}
	return 0, false
}

// NumPostings returns the total number of postings.
func (s *Snapshot) NumPostings() int {
	n := 0
	for _, p := range s.lists {
		n += len(p.Docs)
	}
	return n
}

// Bytes returns the memory the snapshot's arrays hold, from their capacities.
func (s *Snapshot) Bytes() int64 {
	n := int64(cap(s.ids)+cap(s.names)) * int64(unsafe.Sizeof(""))
	for i := range s.ids {
		n += int64(len(s.ids[i]) + len(s.names[i]))
	}
	n += int64(cap(s.dead)) * 8
	n += int64(cap(s.lists)) * int64(unsafe.Sizeof(PostingList{}))
	for _, p := range s.lists {
		n += int64(cap(p.Docs))*4 + int64(cap(p.Feats))*4
	}
	return n
}

// Apply returns a snapshot with docs appended (new ordinals in order) and
// the ordinals in del deleted. The receiver stays valid for its readers:
// new postings go past the end every reader of it sees, into spare
// capacity or fresh arrays. Only one Apply may extend a snapshot; a second
// Apply on the same receiver copies instead, so it is safe, only slower.
func (s *Snapshot) Apply(add []Doc, del []uint32, generation uint64) *Snapshot {
	n := &Snapshot{Generation: generation, ndead: s.ndead}
	own := s.extended.CompareAndSwap(false, true)
	grow := func(cur []string, extra int) []string {
		if !own {
			return append(make([]string, 0, len(cur)+extra), cur...)
		}
		return cur
	}
	n.ids, n.names = grow(s.ids, len(add)), grow(s.names, len(add))
	n.lists = make([]PostingList, len(s.lists))
	copy(n.lists, s.lists)
	if !own {
		for i, p := range n.lists {
			n.lists[i] = PostingList{Docs: append([]uint32(nil), p.Docs...), Feats: append([]Features(nil), p.Feats...)}
		}
	}
	for _, d := range add {
		ord := uint32(len(n.ids))
		n.ids = append(n.ids, d.ID)
		n.names = append(n.names, d.Name)
		for _, sf := range d.Skills {
			if int(sf.Skill) >= len(n.lists) {
				continue
			}
			p := &n.lists[sf.Skill]
			p.Docs = append(p.Docs, ord)
			p.Feats = append(p.Feats, sf.Features)
		}
	}
	n.dead = s.dead
	if len(del) > 0 || (n.dead != nil && len(n.dead)*64 < len(n.ids)) {
		words := (len(n.ids) + 63) / 64
		dead := make([]uint64, words)
		copy(dead, s.dead)
		for _, ord := range del {
			if int(ord) < len(n.ids) && dead[ord>>6]&(1<<(ord&63)) == 0 {
				dead[ord>>6] |= 1 << (ord & 63)
				n.ndead++
			}
		}
		n.dead = dead
	}
	return n
}

// DeadFraction returns the share of ordinals that are deleted.
func (s *Snapshot) DeadFraction() float64 {
	if len(s.ids) == 0 {
		return 0
	}
	return float64(s.ndead) / float64(len(s.ids))
}

// Compact returns a snapshot without deleted ordinals, renumbered densely in
// order, and the mapping old ordinal → new ordinal (-1 for deleted).
func (s *Snapshot) Compact() (*Snapshot, []int32) {
	remap := make([]int32, len(s.ids))
	n := &Snapshot{Generation: s.Generation, lists: make([]PostingList, len(s.lists))}
	n.ids = make([]string, 0, s.Live())
	n.names = make([]string, 0, s.Live())
	for ord := range s.ids {
		if !s.IsLive(uint32(ord)) {
			remap[ord] = -1
			continue
		}
		remap[ord] = int32(len(n.ids))
		n.ids = append(n.ids, s.ids[ord])
		n.names = append(n.names, s.names[ord])
	}
	for skill, p := range s.lists {
		var q PostingList
		for i, d := range p.Docs {
			if r := remap[d]; r >= 0 {
				q.Docs = append(q.Docs, uint32(r))
				q.Feats = append(q.Feats, p.Feats[i])
			}
		}
		n.lists[skill] = q
	}
	return n, remap
}

// Builder makes a snapshot from documents in bulk, e.g. when loading or
// rebuilding, without the per-batch copying of Apply.
type Builder struct {
	s *Snapshot
}

// NewBuilder starts a snapshot for numSkills skills, sized for about n docs.
func NewBuilder(numSkills, n int) *Builder {
	s := NewSnapshot(numSkills)
	s.ids = make([]string, 0, n)
	s.names = make([]string, 0, n)
	return &Builder{s: s}
}

// Add appends a document and returns its ordinal.
func (b *Builder) Add(id, name string) uint32 {
	ord := uint32(len(b.s.ids))
	b.s.ids = append(b.s.ids, id)
	b.s.names = append(b.s.names, name)
	return ord
}

// Posting appends a posting; ordinals of a skill must be added in order.
func (b *Builder) Posting(skill taxonomy.SkillID, ord uint32, f Features) {
	p := &b.s.lists[skill]
	p.Docs = append(p.Docs, ord)
	p.Feats = append(p.Feats, f)
}

// SetPostings installs a whole posting list (e.g. decoded from disk).
func (b *Builder) SetPostings(skill taxonomy.SkillID, p PostingList) { b.s.lists[skill] = p }

// Delete marks ord deleted.
func (b *Builder) Delete(ord uint32) {
	s := b.s
	if s.dead == nil {
		s.dead = make([]uint64, (cap(s.ids)+63)/64)
	}
	for int(ord>>6) >= len(s.dead) {
		s.dead = append(s.dead, 0)
	}
	if s.dead[ord>>6]&(1<<(ord&63)) == 0 {
		s.dead[ord>>6] |= 1 << (ord & 63)
		s.ndead++
	}
}

// Snapshot returns the built snapshot with the given generation; the
// Builder must not be used afterwards.
func (b *Builder) Snapshot(generation uint64) *Snapshot {
	s := b.s
	b.s = nil
	s.Generation = generation
	if s.dead != nil {
		words := (len(s.ids) + 63) / 64
		for len(s.dead) < words {
			s.dead = append(s.dead, 0)
		}
	}
	return s
}

// DeadWords returns the deletion bit set, 64 ordinals a word (nil when
// nothing is deleted); for persistence. It must not be modified.
func (s *Snapshot) DeadWords() []uint64 {
	if s.ndead == 0 {
		return nil
	}
	return s.dead
}

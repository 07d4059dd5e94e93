package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	"github.com/skillrank/skillrank/index/taxonomy"
	"github.com/skillrank/skillrank/scoring"
)

// The snapshot file, little-endian:
//
//	magic "SKRSNAP1"
//	u64 generation · string taxonomy fingerprint · u32 skills · u32 docs
//	docs × (string id, string name)
//	u32 dead words · words × u64
//	skills × (u32 n · n × u32 ordinal · n × u32 features)
//	u32 CRC-32C of all the bytes before it
//
// Strings are a uvarint length and the bytes. The generation ties the
// file to the bleve index: it must equal the generation stored in the
// same bleve batch as the documents, or the file is stale and is rebuilt.
const snapMagic = "SKRSNAP1"

const snapFileName = "snapshot.bin"

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// errCorrupt marks a snapshot file that fails its checks.
var errCorrupt = errors.New("corrupt snapshot")

// writeSnapshot writes s to dir atomically: a temporary file, synced, then
// renamed over the old one, and the directory synced.
func writeSnapshot(dir string, s *scoring.Snapshot, fingerprint string) (err error) {
	tmp, err := os.CreateTemp(dir, snapFileName+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	crc := crc32.New(crcTable)
	w := bufio.NewWriterSize(io.MultiWriter(tmp, crc), 1<<20)
	var buf [binary.MaxVarintLen64]byte
	u32 := func(v uint32) { binary.LittleEndian.PutUint32(buf[:4], v); w.Write(buf[:4]) }
	u64 := func(v uint64) { binary.LittleEndian.PutUint64(buf[:8], v); w.Write(buf[:8]) }
	str := func(s string) { n := binary.PutUvarint(buf[:], uint64(len(s))); w.Write(buf[:n]); w.WriteString(s) }

	w.WriteString(snapMagic)
	u64(s.Generation)
	str(fingerprint)
	u32(uint32(s.NumSkills()))
	u32(uint32(s.Len()))
	for ord := 0; ord < s.Len(); ord++ {
		str(s.ID(uint32(ord)))
		str(s.Name(uint32(ord)))
	}
	dead := s.DeadWords()
	u32(uint32(len(dead)))
	for _, d := range dead {
		u64(d)
	}
	for skill := 0; skill < s.NumSkills(); skill++ {
		p := s.Postings(taxonomy.SkillID(skill))
		u32(uint32(p.Len()))
		for _, d := range p.Docs {
			u32(d)
		}
		for _, f := range p.Feats {
			u32(uint32(f))
		}
	}
	if err = w.Flush(); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(buf[:4], crc.Sum32())
	if _, err = tmp.Write(buf[:4]); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), filepath.Join(dir, snapFileName)); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// readSnapshot loads the snapshot file of dir. It reports errCorrupt for
// a damaged file and fs.ErrNotExist when there is none.
func readSnapshot(dir string, numSkills int) (*scoring.Snapshot, string, error) {
	data, err := os.ReadFile(filepath.Join(dir, snapFileName))
	if err != nil {
		return nil, "", err
	}
	if len(data) < len(snapMagic)+4 || string(data[:len(snapMagic)]) != snapMagic {
		return nil, "", fmt.Errorf("%w: bad header", errCorrupt)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, crcTable) != sum {
		return nil, "", fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	r := &snapReader{b: body[len(snapMagic):]}
	gen := r.u64()
	fp := r.str()
	skills := int(r.u32())
	docs := int(r.u32())
	if r.err == nil && skills != numSkills {
		return nil, fp, fmt.Errorf("%w: %d skills, taxonomy has %d", errCorrupt, skills, numSkills)
	}
	if r.err == nil && docs > len(r.b) {
		return nil, fp, fmt.Errorf("%w: %d documents in %d bytes", errCorrupt, docs, len(r.b))
	}
	b := scoring.NewBuilder(skills, docs)
	for i := 0; i < docs && r.err == nil; i++ {
		id := r.str()
		b.Add(id, r.str())
	}
	words := int(r.u32())
	for i := 0; i < words && r.err == nil; i++ {
		w := r.u64()
		for bit := 0; bit < 64; bit++ {
			if w&(1<<bit) != 0 {
				b.Delete(uint32(i*64 + bit))
			}
		}
	}
	for skill := 0; skill < skills && r.err == nil; skill++ {
		n := int(r.u32())
		if n > len(r.b)/8 {
			return nil, fp, fmt.Errorf("%w: posting list of %d in %d bytes", errCorrupt, n, len(r.b))
		}
		p := scoring.PostingList{Docs: make([]uint32, n), Feats: make([]scoring.Features, n)}
		for i := range p.Docs {
			p.Docs[i] = r.u32()
			if int(p.Docs[i]) >= docs || i > 0 && p.Docs[i] <= p.Docs[i-1] {
				return nil, fp, fmt.Errorf("%w: posting list %d out of order", errCorrupt, skill)
			}
		}
		for i := range p.Feats {
			p.Feats[i] = scoring.Features(r.u32())
		}
		b.SetPostings(taxonomy.SkillID(skill), p)
	}
	if r.err != nil {
		return nil, fp, fmt.Errorf("%w: %v", errCorrupt, r.err)
	}
	if len(r.b) != 0 {
		return nil, fp, fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(r.b))
	}
	return b.Snapshot(gen), fp, nil
}

// snapReader decodes the file body; the first error sticks.
type snapReader struct {
	b   []byte
	err error
}

func (r *snapReader) need(n int) bool {
	if r.err == nil && len(r.b) < n {
		r.err = io.ErrUnexpectedEOF
	}
	return r.err == nil
}

func (r *snapReader) u32() uint32 {
	if !r.need(4) {
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *snapReader) u64() uint64 {
	if !r.need(8) {
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *snapReader) str() string {
	if r.err != nil {
		return ""
	}
	n, k := binary.Uvarint(r.b)
	if k <= 0 || n > uint64(len(r.b)-k) {
		r.err = io.ErrUnexpectedEOF
		return ""
	}
	s := string(r.b[k : k+int(n)])
	r.b = r.b[k+int(n):]
	return s
}

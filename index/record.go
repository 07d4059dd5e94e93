package index

import (
	"encoding/json"
	"fmt"

	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// storedDoc is a document's structure as stored in bleve (its text is the
// text field). Blocks are flattened to [kind<<8|level, start, end, para]
// quadruples: a few bytes each instead of a JSON object.
type storedDoc struct {
	Format    string              `json:"f"`
	Name      string              `json:"n,omitempty"`
	Source    string              `json:"src,omitempty"`
	Blocks    []int               `json:"b"`
	Sections  []document.Section  `json:"s,omitempty"`
	Positions []document.Position `json:"p,omitempty"`
	Warnings  []string            `json:"w,omitempty"`
}

// storedEvidence is the extracted evidence; skills are stored by
// canonical name so a stored profile outlives skill ID changes.
type storedEvidence struct {
	AsOf        string     `json:"asof"`
	Fingerprint string     `json:"tax"`
	Skills      []storedEv `json:"e"`
}

type storedEv struct {
	Skill     string   `json:"s"`
	Mentions  int      `json:"m"`
	Sections  uint8    `json:"x,omitempty"`
	Months    int      `json:"mo,omitempty"`
	LastUsed  string   `json:"l,omitempty"`
	Current   bool     `json:"c,omitempty"`
	Positions []int    `json:"p,omitempty"`
	Spans     [][2]int `json:"sp,omitempty"`
}

func encodeDoc(d *document.Document) ([]byte, error) {
	sd := storedDoc{Format: string(d.Format), Name: d.Name, Source: d.Source, Sections: d.Sections, Positions: d.Positions, Warnings: d.Warnings}
	sd.Blocks = make([]int, 0, 4*len(d.Blocks))
	for _, b := range d.Blocks {
		para := 0
		if b.ParaStart {
			para = 1
		}
		sd.Blocks = append(sd.Blocks, int(b.Kind)<<8|b.Level&0xff, b.Start, b.End, para)
	}
	return json.Marshal(sd)
}

func decodeDoc(id, text string, data []byte) (*document.Document, error) {
	var sd storedDoc
	if err := json.Unmarshal(data, &sd); err != nil {
		return nil, fmt.Errorf("stored document %q: %w", id, err)
	}
	if len(sd.Blocks)%4 != 0 {
		return nil, fmt.Errorf("stored document %q: %d block numbers, want a multiple of 4", id, len(sd.Blocks))
	}
	d := &document.Document{ID: id, Name: sd.Name, Source: sd.Source, Format: document.Format(sd.Format), Text: text,
		Sections: sd.Sections, Positions: sd.Positions, Warnings: sd.Warnings}
	for i := 0; i < len(sd.Blocks); i += 4 {
		b := document.Block{Kind: document.BlockKind(sd.Blocks[i] >> 8), Level: sd.Blocks[i] & 0xff,
			Start: sd.Blocks[i+1], End: sd.Blocks[i+2], ParaStart: sd.Blocks[i+3] == 1}
		if b.Start < 0 || b.End < b.Start || b.End > len(text) {
			return nil, fmt.Errorf("stored document %q: block %d out of range", id, i/4)
		}
		d.Blocks = append(d.Blocks, b)
	}
	return d, nil
}

func encodeEvidence(p *extract.Profile, tax *taxonomy.Taxonomy) ([]byte, error) {
	se := storedEvidence{AsOf: p.AsOf.String(), Fingerprint: tax.Fingerprint(), Skills: make([]storedEv, len(p.Skills))}
	for i, ev := range p.Skills {
		se.Skills[i] = storedEv{Skill: tax.Name(ev.Skill), Mentions: ev.Mentions, Sections: uint8(ev.Sections),
			Months: ev.Months, LastUsed: ev.LastUsed.String(), Current: ev.Current, Positions: ev.Positions, Spans: ev.Spans}
	}
	return json.Marshal(se)
}

// decodeEvidence returns the stored evidence, or ok=false when it was
// extracted with another taxonomy (or a skill no longer exists) and must
// be extracted again.
func decodeEvidence(data []byte, tax *taxonomy.Taxonomy) (evs []extract.Evidence, asOf timeline.Month, ok bool, err error) {
	var se storedEvidence
	if err := json.Unmarshal(data, &se); err != nil {
		return nil, 0, false, fmt.Errorf("stored evidence: %w", err)
	}
	if se.AsOf != "" {
		if asOf, err = timeline.ParseMonth(se.AsOf); err != nil {
			return nil, 0, false, fmt.Errorf("stored evidence: %w", err)
		}
	}
	if se.Fingerprint != tax.Fingerprint() {
		return nil, asOf, false, nil
	}
	evs = make([]extract.Evidence, 0, len(se.Skills))
	for _, s := range se.Skills {
		id, _, err := tax.Lookup(s.Skill)
		if err != nil || tax.Name(id) != s.Skill {
			return nil, asOf, false, nil
		}
		ev := extract.Evidence{Skill: id, Mentions: s.Mentions, Sections: document.SectionSet(s.Sections),
			Months: s.Months, Current: s.Current, Positions: s.Positions, Spans: s.Spans}
		if s.LastUsed != "" {
			if ev.LastUsed, err = timeline.ParseMonth(s.LastUsed); err != nil {
				return nil, asOf, false, fmt.Errorf("stored evidence: %w", err)
			}
		}
		evs = append(evs, ev)
	}
	return evs, asOf, true, nil
}

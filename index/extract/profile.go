// Package extract turns documents into what ranking needs: a profile's
// evidenced skills (mentions, sections, months of experience, last use)
// and a job's weighted requirements. It reads no files and touches no
// index; document does the reading, index the storing.
package extract

import (
	"sort"
	"strings"
	"sync"

	"github.com/skillrank/skillrank/index/analysis"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// MaxSpans is the number of mention offsets kept per skill for snippets.
const MaxSpans = 3

// Evidence is what a profile shows of one skill.
type Evidence struct {
	Skill taxonomy.SkillID
	// Mentions counts the occurrences of the skill in the text.
	Mentions int
	// Sections are the kinds of sections it was seen in.
	Sections document.SectionSet
	// Months is the union of the intervals of the work and project
	// positions that mention the skill, as of the profile's AsOf;
	// concurrent positions count once.
	Months int
	// LastUsed is the last month of those positions (AsOf when current);
	// zero when no dated position mentions the skill.
	LastUsed timeline.Month
	// Current reports a mention in a position that runs until now.
	Current bool
	// Positions are indexes into the document's positions that mention it.
	Positions []int
	// Spans are byte offsets [start, end) of the first MaxSpans mentions.
	Spans [][2]int
}

// Profile is a document with its evidenced skills.
type Profile struct {
	Doc *document.Document
	// AsOf is the month months and recency were computed for.
	AsOf timeline.Month
	// Skills are sorted by skill ID.
	Skills []Evidence
}

// Extractor finds skills with one taxonomy; it is safe for concurrent use.
type Extractor struct {
	tax     *taxonomy.Taxonomy
	scratch sync.Pool // *scratch, reused across documents
}

type scratch struct {
	toks     []analysis.Token
	mentions []taxonomy.Mention
	match    taxonomy.Scratch
}

// New returns an Extractor for tax.
func New(tax *taxonomy.Taxonomy) *Extractor {
	x := &Extractor{tax: tax}
	x.scratch.New = func() any { return new(scratch) }
	return x
}

// Taxonomy returns the extractor's taxonomy.
func (x *Extractor) Taxonomy() *taxonomy.Taxonomy { return x.tax }

// Mentions finds the skill mentions in doc's text.
func (x *Extractor) mentions(doc *document.Document, s *scratch, inList taxonomy.ListContext) []taxonomy.Mention {
	s.toks = x.tax.Analyzer().Analyze(doc.Text, s.toks[:0])
	s.mentions = x.tax.Find(doc.Text, s.toks, inList, &s.match, s.mentions[:0])
	return s.mentions
}

// Mentions returns every skill mention Profile counts in doc, in text
// order: names in skills lists and lead-ins count, links do not. It is for
// review tools; Profile aggregates the same mentions.
func (x *Extractor) Mentions(doc *document.Document) []taxonomy.Mention {
	s := x.scratch.Get().(*scratch)
	defer x.scratch.Put(s)
	return append([]taxonomy.Mention(nil), x.profileMentions(doc, s)...)
}

func (x *Extractor) profileMentions(doc *document.Document, s *scratch) []taxonomy.Mention {
	lists := listSpans(doc)
	return dropInLinks(doc.Text, x.mentions(doc, s, lists.contains))
}

// Profile extracts the evidence of doc as of asOf.
func (x *Extractor) Profile(doc *document.Document, asOf timeline.Month) *Profile {
	s := x.scratch.Get().(*scratch)
	defer x.scratch.Put(s)
	ms := x.profileMentions(doc, s)

	// Mentions per skill, in text order.
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Skill < ms[j].Skill })
	p := &Profile{Doc: doc, AsOf: asOf}
	ivs := make([]timeline.Interval, 0, 8)
	for i := 0; i < len(ms); {
		j := i
		for j < len(ms) && ms[j].Skill == ms[i].Skill {
			j++
		}
		ev := Evidence{Skill: ms[i].Skill, Mentions: j - i}
		for _, m := range ms[i:j] {
			ev.Sections = ev.Sections.Add(doc.SectionAt(m.Start))
			if pi := positionAt(doc, m.Start); pi >= 0 && (len(ev.Positions) == 0 || ev.Positions[len(ev.Positions)-1] != pi) {
				ev.Positions = append(ev.Positions, pi)
			}
			if len(ev.Spans) < MaxSpans {
				ev.Spans = append(ev.Spans, [2]int{m.Start, m.End})
			}
		}
		ev.Positions = sortedUniqueInts(ev.Positions)
		ivs = ivs[:0]
		for _, pi := range ev.Positions {
			pos := &doc.Positions[pi]
			if !pos.Experience() {
				continue
			}
			for _, iv := range pos.Intervals(asOf) {
				ivs = append(ivs, iv)
				if iv.End > ev.LastUsed {
					ev.LastUsed = iv.End
				}
				if iv.End == asOf && (pos.Dates.Open || pos.Dates.Kind == timeline.KindStart && pos.NextStart.IsZero()) {
					ev.Current = true
				}
			}
		}
		ev.Months = timeline.TotalMonths(ivs)
		p.Skills = append(p.Skills, ev)
		i = j
	}
	return p
}

// positionAt returns the index of the position whose text holds offset
// off (the latest-starting one if entries nest), or -1.
func positionAt(doc *document.Document, off int) int {
	best := -1
	for i := range doc.Positions {
		p := &doc.Positions[i]
		if off >= p.Start && off < p.End && (best < 0 || p.Start >= doc.Positions[best].Start) {
			best = i
		}
	}
	return best
}

func sortedUniqueInts(s []int) []int {
	sort.Ints(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// spans is a sorted list of byte ranges.
type spans [][2]int

func (s spans) contains(off int) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i][1] > off })
	return i < len(s) && s[i][0] <= off
}

// listLabels are words that, before a colon at the start of a line, make
// the rest of the line a list of skills ("Languages: C, R, Go").
var listLabels = []string{"skill", "language", "tool", "technolog", "stack", "framework", "librar",
	"platform", "database", "proficien", "expertise", "environment", "tech", "software", "keywords", "familiar"}

// listSpans returns where a bare word is a skill name: skills sections,
// and lines led by a label such as "Languages:".
func listSpans(doc *document.Document) spans {
	var out spans
	for _, s := range doc.Sections {
		if s.Kind == document.SectionSkills {
			out = append(out, [2]int{s.Start, s.End})
		}
	}
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		text := doc.Text[b.Start:b.End]
		colon := strings.IndexAny(text, ":—")
		if colon <= 0 || colon > 40 {
			continue
		}
		label := strings.ToLower(text[:colon])
		for _, l := range listLabels {
			if strings.Contains(label, l) {
				out = append(out, [2]int{b.Start, b.End})
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	// Merge overlaps so the binary search in contains is exact.
	merged := out[:0]
	for _, sp := range out {
		if n := len(merged); n > 0 && sp[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], sp[1])
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// dropInLinks removes mentions inside URLs and e-mail addresses:
// "https://github.com/x/sparse-conv" is a link, not HTTP and GitHub skills.
func dropInLinks(text string, ms []taxonomy.Mention) []taxonomy.Mention {
	links := linkSpans(text)
	if len(links) == 0 {
		return ms
	}
	out := ms[:0]
	for _, m := range ms {
		if !links.contains(m.Start) {
			out = append(out, m)
		}
	}
	return out
}

// linkSpans finds URLs (scheme:// or www.) and e-mail addresses: runs of
// non-space characters holding them.
func linkSpans(text string) spans {
	var out spans
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && !isSpaceByte(text[j]) {
			j++
		}
		if j > i {
			w := text[i:j]
			if strings.Contains(w, "://") || strings.HasPrefix(w, "www.") || isEmail(w) {
				out = append(out, [2]int{i, j})
			}
		}
		i = j + 1
	}
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// isEmail reports a word shaped like name@host.tld.
func isEmail(w string) bool {
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.Contains(w[at+1:], ".")
}

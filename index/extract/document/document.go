// Package document reads candidate profiles in any supported format into
// one model, Document: plain text with its structure (headings,
// paragraphs, list items), sections (summary, skills, experience, …) and
// positions with their date ranges. Readers only build blocks; the
// structure that every format shares (sections, positions) is derived
// from the blocks in one place (structure.go), so a Markdown resume and
// its PDF twin yield the same positions.
package document

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillrank/skillrank/index/extract/timeline"
)

// Format is an input format.
type Format string

// Supported formats.
const (
	Text       Format = "text"
	Markdown   Format = "markdown"
	HTML       Format = "html"
	JSONResume Format = "jsonresume"
	PDF        Format = "pdf"
	DOCX       Format = "docx"
)

// BlockKind is the structural role of a block.
type BlockKind uint8

const (
	// Line is a line of a paragraph (plain text keeps its lines).
	Line BlockKind = iota + 1
	// Heading is a heading; Block.Level is 1 for the top level.
	Heading
	// ListItem is a bullet or numbered item; Block.Level is its depth from 1.
	ListItem
)

// Block is a unit of structure: one heading, paragraph line or list item.
type Block struct {
	Kind  BlockKind
	Level int
	// Start and End are byte offsets of the block's text in Document.Text.
	Start, End int
	// ParaStart marks the first block after a blank line or a block of
	// another kind, i.e. the start of a paragraph.
	ParaStart bool
}

// SectionKind classifies a part of a profile.
type SectionKind uint8

// Section kinds, in the order used by SectionSet bits.
const (
	SectionOther SectionKind = iota
	SectionSummary
	SectionSkills
	SectionExperience
	SectionProjects
	SectionEducation
	SectionPublications
	numSectionKinds
)

var sectionNames = [...]string{"other", "summary", "skills", "experience", "projects", "education", "publications"}

// String returns the lower-case name used in output ("experience").
func (k SectionKind) String() string {
	if int(k) < len(sectionNames) {
		return sectionNames[k]
	}
	return "other"
}

// SectionSet is a set of section kinds, one bit each.
type SectionSet uint8

// Add returns s with k added.
func (s SectionSet) Add(k SectionKind) SectionSet { return s | 1<<k }

// Has reports whether k is in s.
func (s SectionSet) Has(k SectionKind) bool { return s&(1<<k) != 0 }

// Names lists the kinds in s in section order.
func (s SectionSet) Names() []string {
	out := []string{}
	for k := SectionKind(0); k < numSectionKinds; k++ {
		if s.Has(k) {
			out = append(out, k.String())
		}
	}
	return out
}

// Section is a headed part of a document.
type Section struct {
	Kind    SectionKind
	Heading string
	// Start and End are byte offsets in Document.Text; End is exclusive.
	Start, End int
}

// PositionKind says what a dated entry is; only work and projects count as
// experience.
type PositionKind uint8

const (
	// Work is a job, internship or contract.
	Work PositionKind = iota + 1
	// Project is a dated project (counts as hands-on experience).
	Project
	// Education is a degree, course or school; never work experience.
	Education
	// Publication is a paper, patent, talk or award; never work experience.
	Publication
)

var positionKindNames = [...]string{Work: "work", Project: "project", Education: "education", Publication: "publication"}

// String returns the lower-case name of k.
func (k PositionKind) String() string {
	if int(k) < len(positionKindNames) && positionKindNames[k] != "" {
		return positionKindNames[k]
	}
	return "unknown"
}

// Experience reports whether time in a position of this kind counts as
// experience with the skills it mentions.
func (k PositionKind) Experience() bool { return k == Work || k == Project }

// Experience reports whether time in the position counts as experience
// with the skills it mentions: hands-on work or projects.
func (p *Position) Experience() bool { return p.Kind.Experience() && !p.NonTechnical }

// Position is a dated entry: a job, project, degree or publication.
type Position struct {
	Kind  PositionKind
	Title string
	Org   string
	// Dates as written; DateText is the source text of the dates.
	Dates    timeline.Range
	DateText string
	// NextStart is the month the chronologically next work position starts;
	// it ends a narrative start ("In 2021, … joined").
	NextStart timeline.Month
	// Start and End delimit the text attributed to the position.
	Start, End int
	// NonTechnical marks a role whose text names skills it does not
	// practise (recruiter, technical writer, sales, product or program
	// manager, director): its mentions count, its months do not.
	NonTechnical bool `json:",omitempty"`
}

// Intervals returns the months the position covers as of asOf.
func (p *Position) Intervals(asOf timeline.Month) []timeline.Interval {
	return p.Dates.Intervals(asOf, p.NextStart)
}

// Document is a profile read from any format.
type Document struct {
	// ID identifies the profile: the file name without extension unless
	// the document gives one.
	ID string
	// Name is the candidate's name if the document states it, else "".
	Name   string
	Source string
	Format Format
	// Text is the document's visible text, blocks separated by newlines.
	Text      string
	Blocks    []Block
	Sections  []Section
	Positions []Position
	// Warnings are problems that did not stop reading (repaired UTF-8, …).
	Warnings []string
}

// SectionAt returns the kind of the section containing byte offset off.
func (d *Document) SectionAt(off int) SectionKind {
	for i := len(d.Sections) - 1; i >= 0; i-- {
		s := &d.Sections[i]
		if off >= s.Start && off < s.End {
			return s.Kind
		}
	}
	return SectionOther
}

// BlockText returns the text of block i.
func (d *Document) BlockText(i int) string {
	b := &d.Blocks[i]
	return d.Text[b.Start:b.End]
}

// Builder assembles a Document's text and blocks; readers call it in
// document order. The zero value is ready to use.
type Builder struct {
	text    strings.Builder
	blocks  []Block
	pending bool // a paragraph break before the next block
	limit   int  // maximum text bytes, 0 = none
	cut     bool
}

// Heading adds a heading of the given level (1 = top).
func (b *Builder) Heading(level int, text string) { b.add(Heading, level, text) }

// Line adds one line of a paragraph.
func (b *Builder) Line(text string) { b.add(Line, 0, text) }

// Item adds a list item at depth level (1 = top).
func (b *Builder) Item(level int, text string) { b.add(ListItem, level, text) }

// Break ends the current paragraph.
func (b *Builder) Break() { b.pending = true }

// Truncated reports whether text was dropped because of the size limit.
func (b *Builder) Truncated() bool { return b.cut }

// Len returns the number of text bytes so far.
func (b *Builder) Len() int { return b.text.Len() }

// continues reports whether the last block is of kind and no paragraph
// break followed it, so a wrapped line may extend it.
func (b *Builder) continues(kind BlockKind) bool {
	return len(b.blocks) > 0 && !b.pending && b.blocks[len(b.blocks)-1].Kind == kind
}

// wrapMin is the length from which a line that runs on without closing
// its sentence is taken to be wrapped prose: header lines ("CentML",
// "May 2023 - Dec 2023") are far shorter.
const wrapMin = 60

// wraps reports whether next continues the last line of a paragraph that
// was hard-wrapped: the last block is a long line that does not end a
// sentence or introduce a list, with no blank line after it.
func (b *Builder) wraps(next string) bool {
	if !b.continues(Line) || next == "" {
		return false
	}
	last := &b.blocks[len(b.blocks)-1]
	prev := b.text.String()[last.Start:last.End]
	if len(prev) < wrapMin || strings.HasSuffix(prev, ":") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) {
		return true // "…from the Halden Institute" / "of Technology (2009–2013)."
	}
	// An upper-case line continues only a line cut after a comma or a
	// word that cannot end one ("…worked at" / "Granite Peak Semiconductor");
	// otherwise it may be the next entry's header ("…PR" / "Northgate Lab").
	if strings.HasSuffix(prev, ",") {
		return true
	}
	fields := strings.Fields(prev)
	return continuesAfter[strings.ToLower(fields[len(fields)-1])]
}

// continuesAfter are words after which a line cannot end a sentence.
var continuesAfter = map[string]bool{"a": true, "an": true, "the": true, "of": true, "in": true, "at": true,
	"to": true, "for": true, "with": true, "and": true, "or": true, "on": true, "from": true, "by": true,
	"as": true, "into": true, "onto": true, "via": true, "using": true, "including": true, "such": true,
	"its": true, "their": true, "his": true, "her": true, "our": true, "my": true, "is": true, "was": true}

// extend appends text to the last block, joined by a space.
func (b *Builder) extend(text string) {
	text = cleanSpace(text)
	if text == "" || len(b.blocks) == 0 {
		return
	}
	if b.limit > 0 && b.text.Len()+len(text)+1 > b.limit {
		b.cut = true
		return
	}
	b.text.WriteByte(' ')
	b.text.WriteString(text)
	b.blocks[len(b.blocks)-1].End = b.text.Len()
}

func (b *Builder) add(kind BlockKind, level int, text string) {
	text = cleanSpace(text)
	if text == "" {
		return
	}
	if b.limit > 0 && b.text.Len()+len(text)+2 > b.limit {
		b.cut = true
		return
	}
	para := b.pending || len(b.blocks) == 0 || kind != Line || b.blocks[len(b.blocks)-1].Kind != Line
	if len(b.blocks) > 0 {
		if b.pending {
			b.text.WriteString("\n\n")
		} else {
			b.text.WriteByte('\n')
		}
	}
	start := b.text.Len()
	b.text.WriteString(text)
	b.blocks = append(b.blocks, Block{Kind: kind, Level: level, Start: start, End: b.text.Len(), ParaStart: para})
	b.pending = false
}

// isClean reports ASCII-spaced text with no leading, trailing or doubled
// spaces and no control characters: most lines, which need no copy.
func isClean(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c == ' ' && s[i-1] == ' ' || c == 0xc2 || c == 0xe2 || c == 0xef {
			return false // control, double space, or a possible no-break/zero-width space
		}
	}
	return true
}

// cleanSpace trims text and folds runs of white space (including
// newlines and no-break spaces) into single spaces.
func cleanSpace(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\u2029', '\u200b', '\ufeff':
			space = true
			continue
		}
		if r < 0x20 || r == 0x7f { // other control characters: noise from binary input
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

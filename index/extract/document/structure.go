package document

import (
	"sort"
	"strings"
	"unicode"

	"github.com/skillrank/skillrank/index/extract/timeline"
)

// Structure derives the name, sections and positions of d from its blocks.
// Readers that know them already (JSON Resume) set them first; Structure
// keeps what is set (a non-nil empty Positions means "no positions").
func Structure(d *Document) {
	sec := classifySections(d)
	nameBlock := -1
	if d.Name == "" {
		d.Name, nameBlock = guessName(d)
	}
	if d.Positions == nil {
		d.Positions = findPositions(d, sec, nameBlock)
	}
	linkNarrativeStarts(d.Positions)
}

// sectionTitles maps normalised section headings to their kind.
var sectionTitles = buildSectionTitles()

func buildSectionTitles() map[string]SectionKind {
	m := make(map[string]SectionKind)
	add := func(k SectionKind, titles ...string) {
		for _, t := range titles {
			m[t] = k
		}
	}
	add(SectionSummary, "summary", "professional summary", "profile", "professional profile", "about",
		"about me", "objective", "career objective", "overview", "introduction", "bio", "biography")
	add(SectionSkills, "skills", "technical skills", "core skills", "key skills", "technologies",
		"tech stack", "technology stack", "tools", "tools and technologies", "languages",
		"programming languages", "competencies", "core competencies", "expertise",
		"areas of expertise", "proficiencies", "technical proficiencies", "toolbox", "stack",
		"skills and tools", "skills and technologies", "skills and interests", "technical expertise")
	add(SectionExperience, "experience", "work experience", "professional experience", "employment",
		"employment history", "work history", "career", "career history", "positions",
		"relevant experience", "industry experience", "timeline", "internships", "research experience",
		"experience and projects")
	add(SectionProjects, "projects", "personal projects", "side projects", "selected projects",
		"open source", "open source contributions", "portfolio", "projects and potpourri", "selected work")
	add(SectionEducation, "education", "academic background", "education and training", "degrees",
		"coursework", "certifications", "training", "education and certifications")
	add(SectionPublications, "publications", "papers", "patents", "talks", "awards", "honors",
		"awards and honors", "presentations", "publications and patents")
	return m
}

// sectionKeywords classify headings not in sectionTitles by a word they hold.
var sectionKeywords = []struct {
	word string
	kind SectionKind
}{
	{"experience", SectionExperience}, {"employment", SectionExperience},
	{"skill", SectionSkills}, {"project", SectionProjects},
	{"education", SectionEducation}, {"publication", SectionPublications},
	{"patent", SectionPublications}, {"summary", SectionSummary},
}

// sectionKindOf classifies a heading; ok is false for headings that are
// not section titles ("Senior Compiler Engineer").
func sectionKindOf(heading string) (SectionKind, bool) {
	key := normTitle(heading)
	if key == "" || len(key) > 48 {
		return 0, false
	}
	if k, ok := sectionTitles[key]; ok {
		return k, true
	}
	if strings.Count(key, " ") > 3 {
		return 0, false
	}
	for _, kw := range sectionKeywords {
		if strings.Contains(key, kw.word) {
			return kw.kind, true
		}
	}
	return 0, false
}

// normTitle lower-cases a heading, turns "&" into "and" and drops
// punctuation and decoration ("== SKILLS ==", "Skills:").
func normTitle(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '&' || r == '+':
			if b.Len() > 0 {
				b.WriteString(" and")
				space = true
			}
		case unicode.IsLetter(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// classifySections fills d.Sections and returns the section index of each
// block. Known section titles open a section at any level (a plain-text
// line "SKILLS" becomes a heading); other headings open an "other" section
// only at the level of the current section or above.
func classifySections(d *Document) []int {
	secOf := make([]int, len(d.Blocks))
	d.Sections = d.Sections[:0]
	cur, curLevel := -1, 0
	open := func(kind SectionKind, heading string, start, level int) {
		if cur >= 0 {
			d.Sections[cur].End = start
		}
		d.Sections = append(d.Sections, Section{Kind: kind, Heading: heading, Start: start})
		cur, curLevel = len(d.Sections)-1, level
	}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		text := d.Text[b.Start:b.End]
		if b.Kind != ListItem && wordCount(text) <= 5 {
			if kind, ok := sectionKindOf(text); ok && !strings.HasSuffix(strings.TrimSpace(text), ".") {
				level := b.Level
				if b.Kind != Heading {
					b.Kind, b.Level, level = Heading, 2, 2
				}
				open(kind, text, b.Start, level)
				secOf[i] = cur
				continue
			}
		}
		if b.Kind == Heading && (cur < 0 || b.Level <= curLevel) {
			open(SectionOther, text, b.Start, b.Level)
		}
		if cur < 0 {
			open(SectionOther, "", 0, 0)
		}
		secOf[i] = cur
	}
	if cur >= 0 {
		d.Sections[cur].End = len(d.Text)
	}
	return secOf
}

// wordCount counts space-separated words without allocating.
func wordCount(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// guessName takes the candidate's name from a top heading or a short first
// line of capitalised words.
func guessName(d *Document) (string, int) {
	for i := range d.Blocks {
		if i > 2 {
			break
		}
		b := &d.Blocks[i]
		text := strings.TrimSpace(d.Text[b.Start:b.End])
		for _, sep := range []string{"'s ", "’s ", " - ", " – ", " — ", " | ", ", "} {
			if k := strings.Index(text, sep); k > 0 {
				text = text[:k]
			}
		}
		for _, w := range []string{"Resume of ", "CV of ", "Curriculum Vitae of "} {
			text = strings.TrimPrefix(text, w)
		}
		if looksLikeName(text) {
			return text, i
		}
		if b.Kind == Heading {
			break
		}
	}
	return "", -1
}

func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 || len(s) > 40 {
		return false
	}
	if _, ok := sectionKindOf(s); ok {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && c != '.' && c != '-' && c != '\'' {
				return false
			}
		}
	}
	// All-capital multi-letter words are more often organisations (XNOR.AI).
	return strings.ToUpper(s) != s
}

// Rules of position detection, in words.
const (
	// headerMaxWords: a date line ("Seattle, WA · Jun 2023 – Now") holds at
	// most this many words besides the dates.
	headerMaxWords = 10
	// headerLookBack: at most this many short lines above a date line form
	// its header (title, organisation, location).
	headerLookBack = 3
	// narrativeMinWords: a paragraph this long whose first sentence holds a
	// date is a position of a narrative bio ("In 2014, she joined …").
	narrativeMinWords = 10
)

type dated struct {
	block     int
	m         timeline.Match
	narrative bool // the position is the paragraph itself
	selfHead  bool // the block is its own header (terse "2019–2022 SRE, Acme")
}

func findPositions(d *Document, secOf []int, nameBlock int) []Position {
	var ds []dated
	for i := range d.Blocks {
		if dt, ok := dateBlock(d, secOf, i); ok {
			ds = append(ds, dt)
		}
	}
	var out []Position
	for n, dt := range ds {
		prevEnd := nameBlock // the name line never heads an entry
		if n > 0 {
			prevEnd = ds[n-1].block
		}
		first := dt.block
		if !dt.narrative && !dt.selfHead {
			first = headerStart(d, secOf, dt.block, prevEnd)
		}
		last := positionEnd(d, secOf, dt, ds, n)
		p := Position{
			Dates:    dt.m.Range,
			DateText: d.BlockText(dt.block)[dt.m.Start:dt.m.End],
			Start:    d.Blocks[first].Start,
			End:      d.Blocks[last].End,
		}
		p.Title, p.Org = titleAndOrg(d, first, dt)
		p.Kind = positionKind(d, secOf, first, dt)
		p.NonTechnical = nonTechnical(d, first, dt)
		out = append(out, p)
	}
	return out
}

// dateBlock reports whether block i carries the dates of a position.
func dateBlock(d *Document, secOf []int, i int) (dated, bool) {
	b := &d.Blocks[i]
	text := d.Text[b.Start:b.End]
	ms := timeline.Find(text)
	if len(ms) == 0 {
		return dated{}, false
	}
	m := ms[0]
	rest := wordCount(text) - wordCount(text[m.Start:m.End])
	lead := strings.TrimLeft(text[:m.Start], " -–—•*|·([")
	kind := SectionOther
	if secOf[i] >= 0 && secOf[i] < len(d.Sections) {
		kind = d.Sections[secOf[i]].Kind
	}
	after := strings.TrimLeft(text[m.End:], " ")
	narrativeLead := strings.HasPrefix(after, ",") || startsWithAny(strings.ToLower(text[m.Start:m.End]), "in ", "from ", "between ", "since ")
	switch {
	case b.Kind == Line && b.ParaStart && rest >= narrativeMinWords && narrativeLead &&
		kind != SectionSummary && kind != SectionSkills &&
		(m.Range.Kind == timeline.KindStart || m.Range.Kind == timeline.KindRange) &&
		!strings.ContainsAny(firstSentence(text, m.Start), ".!?"):
		// A bio paragraph: "In 2014, she joined …", "From 2016 to 2021, he …".
		return dated{block: i, m: m, narrative: true}, true
	case rest <= headerMaxWords && (m.Range.Kind != timeline.KindStart || rest <= 2) && (b.Kind != ListItem || lead == ""):
		// A date line, or a header line with dates in it.
		return dated{block: i, m: m, selfHead: b.Kind == ListItem || lead == "" && rest > 3}, true
	case lead == "" && m.Range.Kind == timeline.KindRange && !narrativeLead:
		// Terse one line per job: "2019–2022  Senior SRE, Kestrel — Go, Terraform".
		return dated{block: i, m: m, selfHead: true}, true
	case b.Kind == Line && b.ParaStart && rest >= narrativeMinWords &&
		kind != SectionSummary && kind != SectionSkills &&
		(m.Range.Kind == timeline.KindStart || m.Range.Kind == timeline.KindRange) &&
		!strings.ContainsAny(firstSentence(text, m.Start), ".!?"):
		// A date later in a bio's first sentence: "… attended X from 2010 to 2013".
		return dated{block: i, m: m, narrative: true}, true
	}
	return dated{}, false
}

// firstSentence returns text[:upto] when it lies in the first sentence;
// the caller checks it holds no sentence end.
func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func firstSentence(text string, upto int) string {
	s := text[:upto]
	// Abbreviations with a period ("Dr.", "Jun.") are not sentence ends.
	s = strings.NewReplacer("Dr.", "", "Mr.", "", "Ms.", "", "Mrs.", "", "e.g.", "", "i.e.", "", "Inc.", "", "Co.", "", "Ltd.", "").Replace(s)
	return s
}

// headerStart walks back from date block i over short header-like blocks
// (title, organisation, location) of the same section.
func headerStart(d *Document, secOf []int, i, prevEnd int) int {
	first := i
	for j := i - 1; j > prevEnd && i-j <= headerLookBack; j-- {
		b := &d.Blocks[j]
		if secOf[j] != secOf[i] || b.Kind == ListItem || isSectionHeading(d, secOf, j) {
			break
		}
		text := strings.TrimSpace(d.Text[b.Start:b.End])
		// Header lines are short; an all-capitals organisation line may run longer.
		words := wordCount(text)
		if b.Kind == Line && (words > 16 || words > 8 && strings.ToUpper(text) != text || strings.HasSuffix(text, ".")) {
			break
		}
		first = j
		if b.Kind == Heading {
			break // a heading opens the entry
		}
	}
	return first
}

func isSectionHeading(d *Document, secOf []int, j int) bool {
	s := secOf[j]
	return s >= 0 && d.Sections[s].Start == d.Blocks[j].Start && d.Blocks[j].Kind == Heading
}

// positionEnd returns the last block of position n.
func positionEnd(d *Document, secOf []int, dt dated, ds []dated, n int) int {
	if dt.narrative {
		last := dt.block
		for j := dt.block + 1; j < len(d.Blocks) && d.Blocks[j].Kind == Line && !d.Blocks[j].ParaStart; j++ {
			last = j
		}
		return last
	}
	stop := len(d.Blocks)
	if n+1 < len(ds) {
		next := ds[n+1]
		stop = next.block
		if !next.narrative && !next.selfHead {
			stop = headerStart(d, secOf, next.block, dt.block)
		}
	}
	last := dt.block
	for j := dt.block + 1; j < stop; j++ {
		if secOf[j] != secOf[dt.block] || isSectionHeading(d, secOf, j) {
			break
		}
		// A new same-or-higher-level heading ends the entry.
		if d.Blocks[j].Kind == Heading && d.Blocks[j].Level <= headingLevelAbove(d, dt.block) {
			break
		}
		last = j
	}
	return last
}

// headingLevelAbove returns the level of the nearest heading before block
// i, or 99 when there is none (so no heading ends the entry early).
func headingLevelAbove(d *Document, i int) int {
	for j := i; j >= 0; j-- {
		if d.Blocks[j].Kind == Heading {
			return d.Blocks[j].Level
		}
	}
	return 99
}

// titleAndOrg picks the title and organisation from the header lines.
func titleAndOrg(d *Document, first int, dt dated) (title, org string) {
	if dt.narrative {
		return narrativeTitleOrg(d.BlockText(dt.block))
	}
	var parts []string
	for j := first; j <= dt.block && len(parts) < 2; j++ {
		text := d.BlockText(j)
		if j == dt.block {
			text = text[:dt.m.Start] + " " + text[dt.m.End:]
		}
		text = strings.Trim(text, " -–—|·,:;()[]*•")
		if text == "" || looksLikeLocation(text) {
			continue
		}
		if len(parts) == 0 {
			// "Title — Org", "Title | Org", "Title at Org" on one line.
			for _, sep := range []string{" — ", " – ", " | ", " at "} {
				if t, o, ok := strings.Cut(text, sep); ok && strings.TrimSpace(t) != "" && strings.TrimSpace(o) != "" {
					return strings.TrimSpace(t), strings.Trim(strings.TrimSpace(o), " -–—|·,:;()[]*•")
				}
			}
		}
		parts = append(parts, text)
	}
	switch len(parts) {
	case 0:
		return "", ""
	case 1:
		return parts[0], ""
	}
	return parts[0], parts[1]
}

// narrativeTitleOrg reads "… joined NIO, …" / "… worked at Meitu as a …".
func narrativeTitleOrg(text string) (title, org string) {
	grab := func(after string) string {
		k := strings.Index(text, after)
		if k < 0 {
			return ""
		}
		rest := text[k+len(after):]
		if e := strings.IndexAny(rest, ",.;("); e >= 0 {
			rest = rest[:e]
		}
		for _, stop := range []string{" as ", " where ", " in ", " for ", " on "} {
			if e := strings.Index(rest, stop); e >= 0 {
				rest = rest[:e]
			}
		}
		words := strings.Fields(rest)
		if len(words) > 6 {
			words = words[:6]
		}
		return strings.Join(words, " ")
	}
	for _, kw := range []string{" joined ", " work at ", " worked at ", " at "} {
		if org = grab(kw); org != "" {
			break
		}
	}
	for _, kw := range []string{" as an ", " as a ", " as "} {
		if title = grab(kw); title != "" {
			break
		}
	}
	return title, org
}

// looksLikeLocation matches "Seattle, WA", "Remote", "Berlin, Germany",
// but not "Senior Engineer, Acme" (a title and an organisation).
func looksLikeLocation(s string) bool {
	if strings.EqualFold(s, "remote") || strings.EqualFold(s, "hybrid") {
		return true
	}
	city, region, ok := strings.Cut(s, ", ")
	if !ok || wordCount(city) > 2 || wordCount(region) > 2 || strings.Contains(region, ",") || hasWord(s, workWords) {
		return false
	}
	r := []rune(region)
	if len(r) == 2 && unicode.IsUpper(r[0]) && unicode.IsUpper(r[1]) {
		return true // a US state or Canadian province code
	}
	return unicode.IsUpper(r[0]) && strings.ToUpper(s) != s && !strings.ContainsAny(s, "—–|:")
}

// Words that classify an entry. Matched as whole words (or word prefixes
// where marked with a trailing "*"), so "engineering" is not "engineer".
var (
	// degreeWords say an entry is study.
	degreeWords = newWordSet("bachelor*", "master*", "phd", "ph.d", "degree", "diploma", "coursework", "gpa",
		"b.sc", "m.sc", "bsc", "msc", "b.s", "m.s", "b.a", "m.a", "b.tech", "m.tech", "b.eng", "m.eng", "licence",
		"major", "minor", "graduated", "undergraduate", "thesis", "studied", "studies", "student")
	// institutionWords say an entry is at a school, which is study unless
	// a workplace word says it is a job there (a lab, a research post).
	institutionWords = newWordSet("university", "universidade", "université", "college", "school", "institute", "polytechnic")
	publicationWords = newWordSet("publication*", "patent*", "paper", "papers", "award*", "talk", "talks", "journal")
	projectWords     = newWordSet("project", "projects")
	// titleWords are job titles: a degree word next to one ("Research
	// Assistant during my M.Sc.") does not make the entry study.
	titleWords = newWordSet("engineer", "developer", "manager", "scientist", "consultant", "contractor",
		"assistant", "researcher", "lead", "programmer", "architect", "analyst", "administrator")
	internWords = newWordSet("intern", "interns", "internship*", "interned", "co-op", "coop")
	workWords   = newWordSet("intern", "interns", "internship*", "interned", "engineer", "engineers", "developer",
		"manager", "lead", "scientist", "contractor", "consultant", "researcher", "research", "assistant",
		"worked", "joined", "employed", "lab", "laboratory", "group", "team", "reviewer", "programmer", "architect")
)

// wordSet is a set of whole words and word prefixes (written with a
// trailing "*"), built once: classification runs on every entry header.
type wordSet struct {
	exact    map[string]bool
	prefixes []string
}

func newWordSet(words ...string) wordSet {
	ws := wordSet{exact: make(map[string]bool, len(words))}
	for _, w := range words {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			ws.prefixes = append(ws.prefixes, p)
		} else {
			ws.exact[w] = true
		}
	}
	return ws
}

// hasWord reports whether any word of ws occurs in text as a whole word.
func hasWord(text string, ws wordSet) bool { return ws.any(wordsOf(text)) }

// wordsOf splits text into lower-case words; dots and hyphens inside
// words are kept, so "B.Sc" and "co-op" are words.
func wordsOf(text string) []string {
	var out []string
	start := -1
	for i, r := range text + " " {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-'
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			if w := strings.Trim(text[start:i], ".-"); w != "" {
				out = append(out, strings.ToLower(w))
			}
			start = -1
		}
	}
	return out
}

// any reports whether one of words is in the set.
func (ws wordSet) any(words []string) bool {
	for _, w := range words {
		if ws.exact[w] {
			return true
		}
		for _, p := range ws.prefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// positionKind classifies an entry by its header (or paragraph) words,
// falling back to its section.
func positionKind(d *Document, secOf []int, first int, dt dated) PositionKind {
	var head string
	if dt.narrative {
		head = d.BlockText(dt.block)
	} else {
		head = d.Text[d.Blocks[first].Start:d.Blocks[dt.block].End]
	}
	section := SectionOther
	if s := secOf[dt.block]; s >= 0 {
		section = d.Sections[s].Kind
	}
	words := wordsOf(head)
	work := workWords.any(words)
	switch {
	case internWords.any(words):
		return Work
	case section == SectionEducation && !work:
		return Education
	case degreeWords.any(words) && !titleWords.any(words):
		return Education
	case institutionWords.any(words) && !work:
		return Education
	case publicationWords.any(words) && !work:
		return Publication
	case section == SectionPublications && !work:
		return Publication
	case section == SectionEducation:
		return Work // a job listed under education (teaching or research assistant)
	case dt.narrative || work && section != SectionProjects:
		return Work
	case section == SectionProjects || projectWords.any(words):
		return Project
	}
	return Work
}

// nonTechnicalWords are titles of roles that talk about skills without
// practising them ("Hired 40 CUDA engineers"). A trailing "*" is a prefix.
var nonTechnicalWords = newWordSet("recruiter*", "recruiting", "recruitment", "sourcer*", "sourcing", "talent",
	"hr", "writer", "documentation", "sales", "salesperson", "marketing", "coordinator", "director", "vp",
	"barista", "teacher", "lecturer")

// nonTechnicalPhrases are multi-word titles of the same kind, including
// people management: an engineering manager or a head of department is
// credited with the skills their teams use, not with practising them. A
// title such as "AI Compiler Manager" names a domain, not a team, and is
// left alone, so hands-on leads are not mistaken for managers.
var nonTechnicalPhrases = []string{"human resources", "people partner", "account executive", "account manager",
	"product manager", "product owner", "program manager", "project manager", "scrum master",
	"vice president", "head of", "customer success", "engineering manager", "manager of"}

// nonTechnical reports a role that describes others' skills: decided from
// the header lines (or, for a bio paragraph, the title read from "as a …"),
// never from the body, which a hands-on engineer may fill with any word.
func nonTechnical(d *Document, first int, dt dated) bool {
	var head string
	if dt.narrative {
		// A bio states the role in its first clause: "Since 2022 he has
		// been the senior technical writer at Kiteframe AI, which …".
		head = d.BlockText(dt.block)
		if k := strings.IndexAny(head[min(dt.m.End, len(head)):], ",.;"); k >= 0 {
			head = head[:min(dt.m.End, len(head))+k]
		}
	} else {
		head = d.Text[d.Blocks[first].Start:d.Blocks[dt.block].End]
	}
	return nonTechnicalTitle(head)
}

// nonTechnicalTitle reports whether a position's header text names a role
// that talks about skills rather than practising them.
func nonTechnicalTitle(head string) bool {
	words := wordsOf(head)
	if handsOnTitleWords.any(words) {
		return false // "Sales Engineer", "Developer Advocate": hands-on enough
	}
	if nonTechnicalWords.any(words) {
		return true
	}
	l := strings.ToLower(head)
	for _, p := range nonTechnicalPhrases {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// handsOnTitleWords override nonTechnicalWords in the same header.
var handsOnTitleWords = newWordSet("engineer", "developer", "programmer", "scientist", "architect", "researcher", "sre", "devops")

// linkNarrativeStarts sets NextStart of every narrative start ("In 2021, …
// joined") to the start of the next later-starting experience position.
func linkNarrativeStarts(ps []Position) {
	starts := make([]timeline.Month, 0, len(ps))
	for _, p := range ps {
		if p.Kind.Experience() && !p.Dates.Start.IsZero() {
			starts = append(starts, p.Dates.Start)
		}
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
	for i := range ps {
		p := &ps[i]
		if p.Dates.Kind != timeline.KindStart {
			continue
		}
		k := sort.Search(len(starts), func(k int) bool { return starts[k] > p.Dates.Start })
		if k < len(starts) {
			p.NextStart = starts[k]
		}
	}
}

package corpus

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// model is what the generator derives once from a taxonomy: how popular
// each skill is, which skills the extractor finds where, the role
// families, and the phrase banks with every phrase that would itself be
// read as a skill removed.
type model struct {
	tax *taxonomy.Taxonomy
	x   *extract.Extractor

	pop   []float64 // popularity score per skill (higher: more common)
	base  []float64 // pop before the anchors are put first
	prose []bool    // the canonical name is found in an experience bullet
	list  []bool    // the canonical name is found in a skills list

	// general holds every usable skill, most popular first: the pool of
	// skills anyone may have (languages, git, SQL, cloud, …).
	general []taxonomy.SkillID
	rank    []int // position of each skill in general (-1: unusable)

	families []family
	famCum   []float64   // cumulative weights for the primary family
	affinity [][]float64 // per family, cumulative weights of secondary families

	// Phrase banks, sanitised: no phrase mentions a skill by itself.
	fillers, things, companies, degrees, schools, duties, intros []string
	skillTpl                                                     [][]template // by number of skill slots (1–3)
	jobReqTpl, jobNiceTpl                                        []string
	labels                                                       map[string]string // category → skills-list group label
	openers, skillLines, closers                                 []string
	// probes are real skill names that clean surrounds phrases with.
	probes   []string
	probeIDs []taxonomy.SkillID
}

// family is a role family: the usable skills of one taxonomy category,
// most popular first, and job titles of people who work in it.
type family struct {
	name   string
	skills []taxonomy.SkillID
	titles []string // sanitised titles for the family's roles
}

type template struct {
	text  string
	slots int
}

var (
	modelsMu sync.Mutex
	models   = map[*taxonomy.Taxonomy]*model{}
)

// modelFor returns the (cached) model of tax.
func modelFor(tax *taxonomy.Taxonomy) *model {
	modelsMu.Lock()
	defer modelsMu.Unlock()
	if m, ok := models[tax]; ok {
		return m
	}
	m := newModel(tax)
	models[tax] = m
	return m
}

// anchors are the most common skills on technical resumes, most common
// first (developer surveys agree on the head of this list, if not on its
// order); the taxonomy's sources decide the rest.
var anchors = []string{"Python", "SQL", "Git", "JavaScript", "Java", "Linux", "Docker", "HTML", "CSS",
	"Amazon Web Services", "TypeScript", "C++", "React", "Bash", "Kubernetes", "Node.js", "C#", "PostgreSQL",
	"REST APIs", "Agile", "MySQL", "Go", "C", "Microsoft Azure", "Google Cloud Platform", "Terraform", "MongoDB"}

// generalCategories are taxonomy categories that describe tools anyone
// may use rather than a line of work; they are not role families, their
// skills come from the general (popularity) pool.
var generalCategories = map[string]bool{
	"Programming languages": true, "Markup & data formats": true, "Developer tools": true,
	"Software engineering": true, "Office & productivity": true, "Computer science fundamentals": true,
	"Mathematics & statistics": true, "Collaboration & project management": true, "Testing": true,
}

// minFamily is the fewest usable skills a category needs to be a family.
const minFamily = 8

func newModel(tax *taxonomy.Taxonomy) *model {
	m := &model{tax: tax, x: extract.New(tax)}
	n := tax.Len()
	m.pop = make([]float64, n)
	m.prose = make([]bool, n)
	m.list = make([]bool, n)
	m.rank = make([]int, n)

	specs := make(map[string]taxonomy.SkillSpec, n)
	for _, s := range tax.File().Skills {
		specs[strings.ToLower(s.Name)] = s
	}
	for i := range tax.Skills() {
		s := tax.Skill(taxonomy.SkillID(i))
		m.pop[i] = popularity(s, specs[strings.ToLower(s.Name)])
		m.prose[i] = m.finds(proseDoc(s.Name), s.ID)
		m.list[i] = m.prose[i] || m.finds(listDoc(s.Name), s.ID)
	}
	// Anchor the head of the distribution on skills that are known to be
	// on most technical resumes, in that order, ahead of every other skill.
	// Families are weighed by the popularity before anchoring, so that a
	// family is not chosen more often for holding an anchored skill.
	m.base = slices.Clone(m.pop)
	for k, name := range anchors {
		if id, _, err := tax.Lookup(name); err == nil {
			m.pop[id] = 1000 - float64(k)
		}
	}
	for i := range n {
		m.rank[i] = -1
		if m.list[i] {
			m.general = append(m.general, taxonomy.SkillID(i))
		}
	}
	m.byPopularity(m.general)
	for r, id := range m.general {
		m.rank[id] = r
		s := m.tax.Skill(id)
		if m.prose[id] && len(m.probes) < 3 && !guarded(s) {
			m.probes = append(m.probes, s.Name)
			m.probeIDs = append(m.probeIDs, id)
		}
	}
	m.sanitiseBanks()
	m.buildFamilies()
	m.labels = map[string]string{}
	for _, id := range m.general {
		c := m.tax.Skill(id).Category
		if _, ok := m.labels[c]; !ok {
			m.labels[c] = "Other"
			if len(m.extractIDs(listDoc("- **"+c+":** Quillon"))) == 0 && m.clean(c) {
				m.labels[c] = c
			}
		}
	}
	return m
}

// label is the group label of a category in a grouped skills list.
func (m *model) label(category string) string {
	if l, ok := m.labels[category]; ok {
		return l
	}
	return "Other"
}

// popularity scores how common a skill is on real resumes, from what the
// taxonomy knows: a skill listed by several independent sources (GitHub
// topics, Linguist, O*NET, devicon, …), with many aliases and many edges,
// is mainstream; long descriptive names (ESCO style) are rarely written
// on a resume. Only the order matters.
func popularity(s *taxonomy.Skill, spec taxonomy.SkillSpec) float64 {
	sources := 1.0
	if spec.Source != "" {
		sources = float64(strings.Count(spec.Source, "+") + 1)
	}
	degree := float64(len(s.Related) + len(s.Broader) + len(s.Narrower))
	aliases := float64(min(len(s.Aliases), 6))
	score := 2*sources + math.Log1p(degree)*1.5 + 0.4*aliases
	if w := len(strings.Fields(s.Name)); w > 2 {
		score -= float64(w - 2)
	}
	// A deterministic tie-break independent of the seed: popularity is a
	// property of the taxonomy, not of a corpus.
	h := fnv.New64a()
	h.Write([]byte(s.Name))
	return score + float64(h.Sum64()%1000)/2000
}

// guarded reports whether any surface form of s needs context or case.
func guarded(s *taxonomy.Skill) bool {
	for _, a := range s.Aliases {
		if a.Guarded() {
			return true
		}
	}
	return false
}

// byPopularity sorts ids by descending popularity.
func (m *model) byPopularity(ids []taxonomy.SkillID) {
	sort.SliceStable(ids, func(i, j int) bool {
		a, b := m.pop[ids[i]], m.pop[ids[j]]
		if a != b {
			return a > b
		}
		return ids[i] < ids[j]
	})
}

const probeHeader = "# Tamsin Orvel\n\n"

func proseDoc(name string) string {
	return probeHeader + "## Experience\n\n### Engineer — Velmora Labs\n\nJan 2020 – Mar 2022\n\n- Shipped features with " + name + " in production.\n"
}

func listDoc(name string) string {
	return probeHeader + "## Skills\n\n" + name + "\n"
}

// extractIDs returns the skills the real pipeline finds in a Markdown text.
func (m *model) extractIDs(text string) []taxonomy.SkillID {
	doc, err := document.Read(context.Background(), "probe.md", []byte(text), document.Limits{})
	if err != nil {
		return nil
	}
	p := m.x.Profile(doc, asOfMonth)
	out := make([]taxonomy.SkillID, len(p.Skills))
	for i, ev := range p.Skills {
		out[i] = ev.Skill
	}
	return out
}

// finds reports whether text yields exactly the skill id.
func (m *model) finds(text string, id taxonomy.SkillID) bool {
	ids := m.extractIDs(text)
	return len(ids) == 1 && ids[0] == id
}

// clean reports whether a phrase, written in an experience bullet among
// real skills, is read as no skill of its own: words such as "automated"
// or "documentation" are guarded aliases that a technical neighbourhood
// vouches for, so the probe surrounds the phrase with real skills and
// fills its skill slots with them.
func (m *model) clean(phrase string) bool {
	probes := m.probes
	if len(probes) < 3 {
		probes = []string{"Quillon", "Quillon", "Quillon"}
	}
	for k := 1; k <= 3; k++ {
		phrase = strings.ReplaceAll(phrase, fmt.Sprintf("{%d}", k), probes[k-1])
	}
	phrase = strings.NewReplacer("{thing}", "platform", "{pct}", "30", "{n}", "7", "{x}", "12", "{t}", "Engineer", "{y}", "9").Replace(phrase)
	text := proseDoc(probes[0]+" and "+probes[1]) + "- " + phrase + "\n- Worked with " + probes[2] + ".\n\n" + phrase + "\n"
	for _, id := range m.extractIDs(text) {
		if !slices.Contains(m.probeIDs, id) {
			return false
		}
	}
	return true
}

func (m *model) keepClean(in []string) []string {
	var out []string
	for _, s := range in {
		if m.clean(s) {
			out = append(out, s)
		}
	}
	return out
}

func (m *model) sanitiseBanks() {
	m.fillers = m.keepClean(fillerBullets)
	m.things = m.keepClean(thingWords)
	m.companies = m.keepClean(companySuffixes)
	m.degrees = degreeNames // a degree in mathematics is evidence of it, as on real resumes
	m.schools = m.keepClean(schoolWords)
	m.duties = m.keepClean(jobDuties)
	m.intros = m.keepClean(jobIntros)
	m.jobReqTpl = m.keepClean(jobRequiredLines)
	m.jobNiceTpl = m.keepClean(jobNiceLines)
	m.skillTpl = make([][]template, 4)
	for _, t := range skillBullets {
		slots := strings.Count(t, "{") - strings.Count(t, "{thing}") - strings.Count(t, "{pct}") - strings.Count(t, "{n}") - strings.Count(t, "{x}")
		if slots >= 1 && slots <= 3 && m.clean(t) {
			m.skillTpl[slots] = append(m.skillTpl[slots], template{text: t, slots: slots})
		}
	}
	// The banks are written to be clean; these keep the generator working
	// should a future taxonomy claim every phrase of a bank.
	fallback := func(s *[]string, v string) {
		if len(*s) == 0 {
			*s = []string{v}
		}
	}
	m.openers = m.keepClean(summaryOpeners)
	m.skillLines = m.keepClean(summarySkillLines)
	m.closers = m.keepClean(summaryClosers)
	fallback(&m.openers, "{t} with {y} years of experience.")
	fallback(&m.skillLines, "Works with {1} and {2}.")
	fallback(&m.closers, "")
	fallback(&m.fillers, "Mentored new hires.")
	fallback(&m.things, "platform")
	fallback(&m.companies, "Labs")
	fallback(&m.degrees, "B.A.")
	fallback(&m.schools, "Northfield")
	fallback(&m.duties, "Work with the team on the roadmap.")
	fallback(&m.intros, "We are hiring.")
	fallback(&m.jobReqTpl, "Experience with {1}.")
	fallback(&m.jobNiceTpl, "Exposure to {1}.")
	for k := 1; k <= 3; k++ {
		if len(m.skillTpl[k]) == 0 {
			m.skillTpl[k] = []template{{text: "Used " + strings.Repeat("{1}, ", k-1) + "{1}.", slots: k}}
			// Slots are numbered; rebuild the text with distinct numbers.
			parts := make([]string, k)
			for i := range parts {
				parts[i] = fmt.Sprintf("{%d}", i+1)
			}
			m.skillTpl[k][0].text = "Used " + strings.Join(parts, ", ") + "."
		}
	}
}

func (m *model) buildFamilies() {
	byCat := map[string][]taxonomy.SkillID{}
	for _, id := range m.general {
		c := m.tax.Skill(id).Category
		byCat[c] = append(byCat[c], id)
	}
	cats := make([]string, 0, len(byCat))
	for c, ids := range byCat {
		if !generalCategories[c] && len(ids) >= minFamily {
			cats = append(cats, c)
		}
	}
	sort.Strings(cats)
	index := map[string]int{}
	for _, c := range cats {
		ids := byCat[c] // already in popularity order (general is)
		f := family{name: c, skills: ids}
		for _, t := range titlesFor(c) {
			if m.clean(t) {
				f.titles = append(f.titles, t)
			}
		}
		if len(f.titles) == 0 {
			f.titles = []string{"Software Developer", "Engineer"}
		}
		index[c] = len(m.families)
		m.families = append(m.families, f)
	}
	// Primary family weight: the weight of a line of work grows with its
	// breadth (√ of its skills) and the popularity of its leading skills.
	w := make([]float64, len(m.families))
	for i, f := range m.families {
		top := 0.0
		for _, id := range f.skills[:min(10, len(f.skills))] {
			top += m.base[id]
		}
		w[i] = math.Sqrt(float64(len(f.skills))) * top / 10
	}
	m.famCum = cumulative(w)
	// Secondary family: careers move along related skills, so a family is
	// likelier the more taxonomy edges join it to the primary.
	edges := make([][]float64, len(m.families))
	for i := range edges {
		edges[i] = make([]float64, len(m.families))
	}
	for i, f := range m.families {
		for _, id := range f.skills {
			s := m.tax.Skill(id)
			link := func(to taxonomy.SkillID) {
				if j, ok := index[m.tax.Skill(to).Category]; ok && j != i {
					edges[i][j]++
				}
			}
			for _, r := range s.Related {
				link(r.Skill)
			}
			for _, b := range s.Broader {
				link(b)
			}
			for _, b := range s.Narrower {
				link(b)
			}
		}
	}
	m.affinity = make([][]float64, len(m.families))
	for i := range m.families {
		a := make([]float64, len(m.families))
		for j := range a {
			if j != i {
				a[j] = 0.25*w[j]/10 + 4*edges[i][j]
			}
		}
		m.affinity[i] = cumulative(a)
	}
}

func cumulative(w []float64) []float64 {
	out := make([]float64, len(w))
	sum := 0.0
	for i, v := range w {
		sum += v
		out[i] = sum
	}
	return out
}

// pick draws an index from cumulative weights with u uniform in [0,1).
func pick(cum []float64, u float64) int {
	if len(cum) == 0 {
		return -1
	}
	i, _ := slices.BinarySearch(cum, u*cum[len(cum)-1])
	// BinarySearch finds the first cum >= target; step over zero weights.
	for i < len(cum)-1 && (i > 0 && cum[i] == cum[i-1] || i == 0 && cum[0] == 0) {
		i++
	}
	return min(i, len(cum)-1)
}

// hasEdges reports whether a skill has related, broader or narrower skills,
// so a requirement on it expands.
func (m *model) hasEdges(id taxonomy.SkillID) bool {
	s := m.tax.Skill(id)
	return len(s.Related)+len(s.Broader)+len(s.Narrower) > 0
}

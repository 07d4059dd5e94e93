package corpus

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// Requirement counts of a generated job.
const (
	JobRequired  = 8
	JobPreferred = 4
	JobSkills    = JobRequired + JobPreferred
)

// jobMinRank excludes the skills nearly everyone lists (SQL, Python, Git,
// …) from jobs: a requirement met by half the corpus says little.
const jobMinRank = 10

// Job returns a Markdown job description with JobSkills requirements, one
// skill per line: JobRequired under "Requirements" (some with minimum
// years) and JobPreferred under "Nice to have". The skills are moderately
// popular ones of a role family (neither the few everyone has nor the
// long tail) and every one has related, broader or narrower skills, so
// compiling the job expands related skills the way real jobs do. The text
// is verified with the real reader and extractor; the same (tax, seed)
// always gives the same text.
func Job(tax *taxonomy.Taxonomy, seed uint64) string {
	m := modelFor(tax)
	best, bestMiss := "", 1<<30
	for attempt := uint64(0); attempt < 64; attempt++ {
		r := rand.New(rand.NewPCG(splitmix(seed^0x10b), splitmix(attempt)))
		fam, req, nice := m.jobSkills(r)
		text := m.writeJob(r, fam, req, nice)
		miss := m.jobMismatch(text, req, nice)
		if miss == 0 {
			return text
		}
		if miss < bestMiss {
			best, bestMiss = text, miss
		}
	}
	return best
}

// jobSkills picks the required and preferred skills.
func (m *model) jobSkills(r *rand.Rand) (fam int, req, nice []taxonomy.SkillID) {
	fam = -1
	taken := map[taxonomy.SkillID]bool{}
	ok := func(id taxonomy.SkillID) bool {
		return !taken[id] && m.prose[id] && m.hasEdges(id) && m.rank[id] >= jobMinRank
	}
	// draw takes n skills from candidates, preferring earlier (more
	// popular) ones with weight 1/(k+3).
	draw := func(cands []taxonomy.SkillID, n int) []taxonomy.SkillID {
		var out []taxonomy.SkillID
		for len(out) < n {
			var ids []taxonomy.SkillID
			var w []float64
			for k, id := range cands {
				if ok(id) {
					ids, w = append(ids, id), append(w, 1/float64(k+3))
				}
			}
			if len(ids) == 0 {
				break
			}
			id := ids[pick(cumulative(w), r.Float64())]
			taken[id] = true
			out = append(out, id)
		}
		return out
	}
	var fam1, fam2 []taxonomy.SkillID
	if len(m.families) > 0 {
		f := pick(m.famCum, r.Float64())
		fam = f
		fam1 = m.families[f].skills
		fam1 = fam1[min(1, len(fam1)):min(40, len(fam1))]
		if len(m.families) > 1 {
			s := m.families[pick(m.affinity[f], r.Float64())].skills
			fam2 = s[:min(40, len(s))]
		}
	}
	mid := m.general[:min(len(m.general), 200)]
	req = draw(fam1, JobRequired)
	req = append(req, draw(fam2, (JobRequired-len(req))/2)...)
	req = append(req, draw(mid, JobRequired-len(req))...)
	nice = draw(fam2, JobPreferred/2)
	nice = append(nice, draw(mid, JobPreferred-len(nice))...)
	// A small taxonomy may lack enough such skills: relax to any usable one.
	for _, id := range m.general {
		if len(req)+len(nice) >= JobSkills {
			break
		}
		if !taken[id] && m.prose[id] {
			taken[id] = true
			if len(req) < JobRequired {
				req = append(req, id)
			} else {
				nice = append(nice, id)
			}
		}
	}
	return fam, req, nice
}

func (m *model) writeJob(r *rand.Rand, fam int, req, nice []taxonomy.SkillID) string {
	var b strings.Builder
	title := choose(r, genericTitles)
	if fam >= 0 {
		title = choose(r, m.families[fam].titles)
	}
	company := m.company(r)
	fmt.Fprintf(&b, "# Senior %s\n\n", title)
	fmt.Fprintf(&b, "%s: %s\n\n", company, choose(r, m.intros))
	b.WriteString("## What you will do\n\n")
	duties := slices.Clone(m.duties)
	r.Shuffle(len(duties), func(i, j int) { duties[i], duties[j] = duties[j], duties[i] })
	for _, d := range duties[:min(3, len(duties))] {
		fmt.Fprintf(&b, "- %s\n", d)
	}
	b.WriteString("\n## Requirements\n\n")
	line := func(t string, id taxonomy.SkillID) string {
		return strings.NewReplacer("{1}", m.tax.Name(id), "{n}", strconv.Itoa(2+r.IntN(5))).Replace(t)
	}
	for _, id := range req {
		fmt.Fprintf(&b, "- %s\n", line(choose(r, m.jobReqTpl), id))
	}
	b.WriteString("\n## Nice to have\n\n")
	for _, id := range nice {
		fmt.Fprintf(&b, "- %s\n", line(choose(r, m.jobNiceTpl), id))
	}
	return b.String()
}

// jobMismatch counts how far the parsed job is from the plan: 0 when it
// has exactly the planned single-skill requirements of the planned kinds.
func (m *model) jobMismatch(text string, req, nice []taxonomy.SkillID) int {
	doc, err := document.Read(context.Background(), "job.md", []byte(text), document.Limits{})
	if err != nil {
		return 1 << 20
	}
	j := m.x.Job(doc)
	want := map[taxonomy.SkillID]bool{}
	for _, id := range req {
		want[id] = true
	}
	for _, id := range nice {
		want[id] = false
	}
	miss := 4 * abs(JobSkills-len(req)-len(nice))
	miss += abs(len(j.Requirements) - len(want))
	for _, rq := range j.Requirements {
		required, ok := want[rq.Skills[0]]
		if len(rq.Skills) != 1 || !ok || required != rq.Required {
			miss++
		}
	}
	return miss
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// Date styles of a position's range, as people write them.
const (
	dateAbbrDash   = iota // Mar 2019 – Jun 2022 · Jan 2021 – Present
	dateAbbrHyphen        // Mar 2019 - Jun 2022 · Jan 2021 - Present
	dateAbbrDot           // Mar. 2019 - Jun. 2022 · Mar. 2021 - Now
	dateFull              // March 2019 to June 2022 · March 2019 to present
	dateSlash             // 03/2019 – 06/2022 · 03/2019 – Present
	dateISO               // 2019-03 – 2022-06 · 2019-03 – now
	dateYears             // 2016–2018 · 2021–present
	dateEmDash            // Sep 2015 — Jun 2019 · Sep 2015 — Current
	numDateStyles
)

// Header styles of a position.
const (
	headTitleDashOrg = iota // ### Title — Org, dates on the next line
	headOrgThenTitle        // ### Org, then "Title · dates"
	headBoldLine            // **Title**, Org | dates
	headPipes               // ### Title | Org | dates
	numHeaderStyles
)

var monthAbbr = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func formatMonth(style int, mo int) string {
	m := timeline.Month(mo)
	y, mm := m.Year(), int(m.Month())
	switch style {
	case dateAbbrDot:
		if mm == 5 {
			return fmt.Sprintf("May %d", y)
		}
		return fmt.Sprintf("%s. %d", monthAbbr[mm-1], y)
	case dateFull:
		return fmt.Sprintf("%s %d", time.Month(mm), y)
	case dateSlash:
		return fmt.Sprintf("%02d/%d", mm, y)
	case dateISO:
		return fmt.Sprintf("%d-%02d", y, mm)
	case dateYears:
		return strconv.Itoa(y)
	default:
		return fmt.Sprintf("%s %d", monthAbbr[mm-1], y)
	}
}

var openWords = [numDateStyles]string{"Present", "Present", "Now", "present", "Present", "now", "present", "Current"}

func formatRange(pos *position) string {
	s := pos.dates
	start := formatMonth(s, pos.start)
	end := openWords[s]
	if !pos.open {
		end = formatMonth(s, pos.end)
	}
	switch s {
	case dateAbbrDash, dateSlash, dateISO:
		return start + " – " + end
	case dateAbbrHyphen, dateAbbrDot:
		return start + " - " + end
	case dateFull:
		return start + " to " + end
	case dateEmDash:
		return start + " — " + end
	default: // years
		if start == end {
			return start
		}
		return start + "–" + end
	}
}

// render writes the profile, adjusting the number of bullets so the text
// lands within [MinBytes, MaxBytes].
func (p *person) render(m *model, r *rand.Rand) []byte {
	text := p.write(m)
	for try := 0; try < 24; try++ {
		switch {
		case len(text) < MinBytes:
			pi := r.IntN(len(p.positions))
			pos := &p.positions[pi]
			pos.bullets = append(pos.bullets, bullet{text: m.fill(r, choose(r, m.fillers), nil)})
		case len(text) > MaxBytes:
			if !p.shrink() {
				return text
			}
		default:
			return text
		}
		text = p.write(m)
	}
	return text
}

// shrink drops the last bullet of the oldest position that has more than
// one (its skills stay in the Skills section); false when none can go.
func (p *person) shrink() bool {
	if p.style.skillsFormat != 0 {
		p.style.skillsFormat = 0 // the comma list is the shortest
		return true
	}
	for pi := len(p.positions) - 1; pi >= 0; pi-- {
		pos := &p.positions[pi]
		if len(pos.bullets) > 1 {
			pos.bullets = pos.bullets[:len(pos.bullets)-1]
			p.relist()
			return true
		}
	}
	return false
}

// relist lists every skill that no bullet mentions any more.
func (p *person) relist() {
	inBullets := make(map[taxonomy.SkillID]bool, len(p.skills))
	for pi := range p.positions {
		for _, bl := range p.positions[pi].bullets {
			for _, id := range bl.skills {
				inBullets[id] = true
			}
		}
	}
	for si, id := range p.skills {
		if !inBullets[id] {
			p.listed[si] = true
		}
	}
}

// write renders the Markdown text.
func (p *person) write(m *model) []byte {
	if p.names == nil {
		p.names = make(map[taxonomy.SkillID]string, len(p.skills))
		for _, id := range p.skills {
			p.names[id] = m.tax.Name(id)
		}
	}
	var b strings.Builder
	b.Grow(MaxBytes + 512)
	st := &p.style
	first, last := p.first, p.last
	fmt.Fprintf(&b, "# %s %s\n\n", first, last)
	b.WriteString(p.positions[0].title)
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "%s.%s@example.com | 555-01%02d\n\n", strings.ToLower(first), strings.ToLower(last), st.phone)

	// Summary.
	fmt.Fprintf(&b, "## %s\n\n", st.summary)
	opener := strings.NewReplacer("{t}", p.positions[0].title, "{y}", strconv.Itoa(p.years)).Replace(st.opener)
	b.WriteString(opener)
	if line := p.summarySkills(m); line != "" {
		b.WriteByte(' ')
		b.WriteString(line)
	}
	if st.closer != "" {
		b.WriteByte(' ')
		b.WriteString(st.closer)
	}
	b.WriteString("\n\n")

	if st.skillsFirst {
		p.writeSkills(m, &b)
	}
	fmt.Fprintf(&b, "## %s\n\n", st.experience)
	for i := range p.positions {
		pos := &p.positions[i]
		dates := formatRange(pos)
		switch pos.header {
		case headTitleDashOrg:
			fmt.Fprintf(&b, "### %s — %s\n\n%s\n\n", pos.title, pos.company, dates)
		case headOrgThenTitle:
			fmt.Fprintf(&b, "### %s\n\n%s · %s\n\n", pos.company, pos.title, dates)
		case headBoldLine:
			fmt.Fprintf(&b, "**%s**, %s | %s\n\n", pos.title, pos.company, dates)
		default:
			fmt.Fprintf(&b, "### %s | %s | %s\n\n", pos.title, pos.company, dates)
		}
		for _, bl := range pos.bullets {
			b.WriteString("- ")
			b.WriteString(bl.text)
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	if !st.skillsFirst {
		p.writeSkills(m, &b)
	}
	e := &p.education
	fmt.Fprintf(&b, "## %s\n\n### %s — %s\n\n%d – %d\n", st.educationH, e.degree, e.school, e.start, e.end)
	return []byte(b.String())
}

// summarySkills fills the summary's skill line with the first primary
// skills the extractor finds in prose.
func (p *person) summarySkills(m *model) string {
	line := p.style.skillLine
	slots := strings.Count(line, "{")
	var ids []taxonomy.SkillID
	for si, id := range p.skills {
		if len(ids) < slots && p.primary[si] && m.prose[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) < slots {
		return ""
	}
	for k, id := range ids {
		line = strings.Replace(line, fmt.Sprintf("{%d}", k+1), p.names[id], 1)
	}
	return line
}

func (p *person) writeSkills(m *model, b *strings.Builder) {
	var ids []taxonomy.SkillID
	for si, id := range p.skills {
		if p.listed[si] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", p.style.skills)
	switch p.style.skillsFormat {
	case 1: // grouped by category: "- **Databases:** PostgreSQL, Redis"
		var order []string
		groups := map[string][]string{}
		for _, id := range ids {
			label := m.label(m.tax.Skill(id).Category)
			if _, ok := groups[label]; !ok {
				order = append(order, label)
			}
			groups[label] = append(groups[label], p.names[id])
		}
		for _, l := range order {
			fmt.Fprintf(b, "- **%s:** %s\n", l, strings.Join(groups[l], ", "))
		}
		b.WriteByte('\n')
	case 2:
		for _, id := range ids {
			fmt.Fprintf(b, "- %s\n", p.names[id])
		}
		b.WriteByte('\n')
	default:
		names := make([]string, len(ids))
		for i, id := range ids {
			names[i] = p.names[id]
		}
		b.WriteString(strings.Join(names, ", "))
		b.WriteString("\n\n")
	}
}

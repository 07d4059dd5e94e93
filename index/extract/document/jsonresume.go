package document

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/skillrank/skillrank/index/extract/timeline"
)

// JSON Resume (https://jsonresume.org/schema): the resume is rendered as
// text shaped like a Markdown resume (a name heading, "## Experience",
// "### Position — Company", a date line, summary lines, highlight items),
// so that skills are found the same way in every format; the name and the
// positions are taken from the JSON fields, not guessed from the text.
//
// Decoding is lenient: fields of an unexpected type are ignored, as are
// unknown fields, so one odd field does not lose a whole resume. A date
// that is not "YYYY", "YYYY-MM" or "YYYY-MM-DD" (or another single date
// timeline.Parse reads) is skipped with a warning.

// jsonResumeKeys are the top-level keys of which a JSON Resume has at
// least one; other JSON is not a resume.
var jsonResumeKeys = []string{"basics", "work", "education", "skills"}

func readJSONResume(ctx context.Context, data []byte, b *Builder, d *Document, _ Limits) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return jsonError(data, err)
	}
	obj, _ := v.(map[string]any)
	isResume := false
	for _, k := range jsonResumeKeys {
		if obj[k] != nil {
			isResume = true
		}
	}
	if !isResume {
		return fmt.Errorf("%w: JSON is not a JSON Resume (no basics, work, education or skills)", ErrMalformed)
	}
	r := &jsonRenderer{b: b, d: d}
	if err := r.render(ctx, obj); err != nil {
		return err
	}
	if d.Positions == nil {
		// The resume's dates are the positions: none means none, and
		// Structure must not guess them from the rendered text.
		d.Positions = []Position{}
	}
	return nil
}

// jsonError reports a JSON syntax error with its line and column.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the offending byte; point at it, or past the end
		// when the input ended early.
		off := int(se.Offset)
		if off < len(data) && off > 0 {
			off--
		}
		line, col := lineCol(data, off)
		return fmt.Errorf("%w: invalid JSON at line %d, column %d: %v", ErrMalformed, line, col, se)
	}
	return fmt.Errorf("%w: invalid JSON: %v", ErrMalformed, err)
}

// lineCol converts a byte offset into a 1-based line and column (in
// characters) for error messages.
func lineCol(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	if k := bytes.LastIndexByte(before, '\n'); k >= 0 {
		before = before[k+1:]
	}
	return line, utf8.RuneCount(before) + 1
}

type jsonRenderer struct {
	b *Builder
	d *Document
}

// entry is one dated item of a resume: a job, a volunteer role, a
// project, a degree, an award, a publication or a certificate.
type entry struct {
	kind       PositionKind
	title, org string
	heading    string // the title line; title — org when empty
	where      string // a "what[i]" path for warnings
	location   string
	start, end string
	single     bool // one date (awards, publications), not a range
	summary    string
	highlights []string
	extra      []string // further lines (keywords, score)
}

func (r *jsonRenderer) render(ctx context.Context, obj map[string]any) error {
	b := r.b
	basics := object(obj["basics"])
	if name := str(basics, "name"); name != "" {
		r.d.Name = cleanSpace(name)
		b.Heading(1, name)
	}
	b.Line(str(basics, "label"))
	b.Line(contactLine(basics))
	if s := str(basics, "summary"); s != "" {
		b.Break()
		b.Heading(2, "Summary")
		r.paragraphs(s)
	}

	sections := []struct {
		key, heading string
		entry        func(m map[string]any) entry
	}{
		{"work", "Experience", func(m map[string]any) entry {
			org := str(m, "name")
			if org == "" {
				org = str(m, "company") // schema before 1.0
			}
			return entry{kind: Work, title: str(m, "position"), org: org, location: str(m, "location"),
				start: str(m, "startDate"), end: str(m, "endDate"), summary: str(m, "summary"), highlights: strs(m, "highlights")}
		}},
		{"volunteer", "Volunteer Experience", func(m map[string]any) entry {
			return entry{kind: Work, title: str(m, "position"), org: str(m, "organization"),
				start: str(m, "startDate"), end: str(m, "endDate"), summary: str(m, "summary"), highlights: strs(m, "highlights")}
		}},
		{"projects", "Projects", func(m map[string]any) entry {
			e := entry{kind: Project, title: str(m, "name"), org: str(m, "entity"),
				start: str(m, "startDate"), end: str(m, "endDate"), summary: str(m, "description"), highlights: strs(m, "highlights")}
			if kw := strs(m, "keywords"); len(kw) > 0 {
				e.extra = append(e.extra, "Keywords: "+strings.Join(kw, ", "))
			}
			if roles := strs(m, "roles"); len(roles) > 0 {
				e.extra = append(e.extra, "Roles: "+strings.Join(roles, ", "))
			}
			return e
		}},
		{"education", "Education", func(m map[string]any) entry {
			degree := joinNonEmpty(" ", str(m, "studyType"), str(m, "area"))
			e := entry{kind: Education, title: degree, org: str(m, "institution"),
				start: str(m, "startDate"), end: str(m, "endDate"), highlights: strs(m, "courses")}
			if s := str(m, "score"); s != "" {
				e.extra = append(e.extra, "Score: "+s)
			}
			return e
		}},
	}
	for _, sec := range sections {
		if err := r.section(ctx, obj, sec.key, sec.heading, sec.entry, false); err != nil {
			return err
		}
	}

	// Skills, languages and interests: one item each.
	r.items("Skills", objects(obj["skills"]), func(m map[string]any) string {
		s := joinNonEmpty(": ", str(m, "name"), strings.Join(strs(m, "keywords"), ", "))
		if level := str(m, "level"); level != "" && s != "" {
			s += " (" + level + ")"
		}
		return s
	})
	r.items("Languages", objects(obj["languages"]), func(m map[string]any) string {
		s := str(m, "language")
		if f := str(m, "fluency"); f != "" && s != "" {
			s += " (" + f + ")"
		}
		return s
	})

	// Awards, certificates and publications: one short entry each, dated
	// by a single date.
	singles := []struct {
		key, heading string
		entry        func(m map[string]any) entry
	}{
		{"awards", "Awards", func(m map[string]any) entry {
			return entry{kind: Publication, title: str(m, "title"), org: str(m, "awarder"), start: str(m, "date"), summary: str(m, "summary")}
		}},
		{"certificates", "Certifications", func(m map[string]any) entry {
			return entry{kind: Education, title: str(m, "name"), org: str(m, "issuer"), start: str(m, "date")}
		}},
		{"publications", "Publications", func(m map[string]any) entry {
			return entry{kind: Publication, title: str(m, "name"), org: str(m, "publisher"), start: str(m, "releaseDate"), summary: str(m, "summary")}
		}},
	}
	for _, sec := range singles {
		if err := r.section(ctx, obj, sec.key, sec.heading, sec.entry, true); err != nil {
			return err
		}
	}
	r.items("Interests", objects(obj["interests"]), func(m map[string]any) string {
		return joinNonEmpty(": ", str(m, "name"), strings.Join(strs(m, "keywords"), ", "))
	})
	// "references" are other people's words about the candidate; their
	// skill mentions are not the candidate's evidence, so they are left out.
	return nil
}

// entry renders one entry and records its position when it is dated.
func (r *jsonRenderer) entry(e entry) {
	b := r.b
	first := len(b.blocks)
	b.Break()
	heading := e.heading
	if heading == "" {
		heading = joinNonEmpty(" — ", e.title, e.org)
	}
	if e.single {
		b.Item(1, heading)
	} else {
		b.Heading(3, heading)
	}
	dates, dateText, dated := r.dates(e)
	if dateText != "" {
		b.Line(dateText)
	}
	b.Line(e.location)
	if e.summary != "" {
		if !e.single {
			b.Break()
		}
		r.paragraphs(e.summary)
	}
	if len(e.highlights) > 0 {
		b.Break()
		for _, h := range e.highlights {
			b.Item(1, h)
		}
	}
	for _, x := range e.extra {
		b.Line(x)
	}
	last := len(b.blocks) - 1
	if !dated || last < first {
		return
	}
	r.d.Positions = append(r.d.Positions, Position{
		Kind:     e.kind,
		Title:    cleanSpace(e.title),
		Org:      cleanSpace(e.org),
		Dates:    dates,
		DateText: dateText,
		Start:    b.blocks[first].Start,
		End:      b.blocks[last].End,
		// The title alone decides, as the header lines do for text.
		NonTechnical: e.kind == Work && nonTechnicalTitle(e.title),
	})
}

// items renders a section of one-line items.
func (r *jsonRenderer) items(heading string, list []map[string]any, line func(map[string]any) string) {
	first := true
	for _, m := range list {
		s := line(m)
		if cleanSpace(s) == "" {
			continue
		}
		if first {
			r.b.Break()
			r.b.Heading(2, heading)
			r.b.Break()
			first = false
		}
		r.b.Item(1, s)
	}
}

// paragraphs adds text with its line structure: one Line per line, a
// paragraph break at blank lines.
func (r *jsonRenderer) paragraphs(s string) {
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			r.b.Break()
			continue
		}
		r.b.Line(line)
	}
}

// dates turns an entry's start and end into a Range and the date line
// shown in the text ("Jul 2023 – Present"). A date that does not parse is
// skipped with a warning; a start with no end is current; an end with
// no start stands alone.
func (r *jsonRenderer) dates(e entry) (timeline.Range, string, bool) {
	start, sOK, sYear := r.date(e, "start", e.start)
	if e.single {
		if !sOK {
			return timeline.Range{}, "", false
		}
		return timeline.Range{Kind: timeline.KindSingle, Start: start.Start, End: start.End}, fmtJSONDate(start.Start, sYear), true
	}
	endOpen := isPresent(e.end)
	var end timeline.Range
	var eOK, eYear bool
	if !endOpen {
		end, eOK, eYear = r.date(e, "end", e.end)
		if sOK && eOK && end.End < start.Start {
			r.warn(e, "endDate %q is before startDate %q; end skipped", e.end, e.start)
			eOK = false
		}
	}
	switch {
	case sOK && endOpen:
		return timeline.Range{Kind: timeline.KindRange, Start: start.Start, Open: true},
			fmtJSONDate(start.Start, sYear) + " – Present", true
	case sOK && eOK:
		return timeline.Range{Kind: timeline.KindRange, Start: start.Start, End: end.End},
			fmtJSONDate(start.Start, sYear) + " – " + fmtJSONDate(end.End, eYear), true
	case sOK:
		// The end did not parse: the start is known, the end is not —
		// a start that runs until the next position, like "In 2021, …".
		return timeline.Range{Kind: timeline.KindStart, Start: start.Start}, "From " + fmtJSONDate(start.Start, sYear), true
	case eOK:
		return timeline.Range{Kind: timeline.KindSingle, Start: end.Start, End: end.End}, fmtJSONDate(end.End, eYear), true
	}
	return timeline.Range{}, "", false
}

// date parses one date field; year reports a year-only date. An empty
// field is not a warning.
func (r *jsonRenderer) date(e entry, which, s string) (rng timeline.Range, ok, year bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return timeline.Range{}, false, false
	}
	field := which + "Date"
	if e.single {
		field = "date"
	}
	rng, err := timeline.Parse(s)
	if err != nil || rng.Kind != timeline.KindSingle {
		r.warn(e, "%s %q is not a date (want YYYY, YYYY-MM or YYYY-MM-DD); skipped", field, s)
		return timeline.Range{}, false, false
	}
	year = rng.Start.Month() == 1 && rng.End == rng.Start+11
	return rng, true, year
}

func (r *jsonRenderer) warn(e entry, format string, args ...any) {
	what := e.where
	if t := joinNonEmpty(" — ", e.title, e.org); t != "" {
		what += " (" + cleanSpace(t) + ")"
	}
	r.d.Warnings = append(r.d.Warnings, what+": "+fmt.Sprintf(format, args...))
}

// isPresent reports an end date meaning "still going": missing, or a word
// some resumes write instead of a date.
func isPresent(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "present", "now", "current", "currently", "ongoing", "today":
		return true
	}
	return false
}

var monthAbbr = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// fmtJSONDate formats a month as a resume writes it: "Jul 2023", or
// "2023" for a year-only date.
func fmtJSONDate(m timeline.Month, yearOnly bool) string {
	if yearOnly {
		return strconv.Itoa(m.Year())
	}
	return monthAbbr[m.Month()-1] + " " + strconv.Itoa(m.Year())
}

// section renders the entries of obj[key] under a heading; single marks
// entries dated by one date (awards, publications).
func (r *jsonRenderer) section(ctx context.Context, obj map[string]any, key, heading string, entryOf func(map[string]any) entry, single bool) error {
	list := objects(obj[key])
	if len(list) == 0 {
		return nil
	}
	if err := checkCtx(ctx); err != nil {
		return err
	}
	r.b.Break()
	r.b.Heading(2, heading)
	for i, m := range list {
		e := entryOf(m)
		e.where = fmt.Sprintf("%s[%d]", key, i)
		e.single = single
		r.entry(e)
	}
	return nil
}

// contactLine joins the contact fields of basics into one line.
func contactLine(basics map[string]any) string {
	parts := []string{str(basics, "email"), str(basics, "phone"), str(basics, "url"), str(basics, "website")}
	if loc := object(basics["location"]); loc != nil {
		parts = append(parts, joinNonEmpty(", ", str(loc, "city"), str(loc, "region"), str(loc, "countryCode")))
	}
	// Social profiles: the URL only. "GitHub: jdoe" would read as the
	// skill GitHub, and a profile link says nothing about skills.
	for _, p := range objects(basics["profiles"]) {
		parts = append(parts, str(p, "url"))
	}
	return joinNonEmpty(" | ", parts...)
}

// object returns v as a JSON object, or nil.
func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// objects returns the objects of the JSON array v, skipping other values.
func objects(v any) []map[string]any {
	arr, _ := v.([]any)
	out := make([]map[string]any, 0, len(arr))
	for _, x := range arr {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// str returns a string or number field as text, or "".
func str(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return strings.TrimSpace(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// strs returns an array of strings (or a lone string) field.
func strs(m map[string]any, key string) []string {
	switch v := m[key].(type) {
	case string:
		if s := strings.TrimSpace(v); s != "" {
			return []string{s}
		}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
		return out
	}
	return nil
}

func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

package document

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/skillrank/skillrank/index/extract/timeline"
)

func month(y, m int) timeline.Month { return timeline.Month(y*12 + m - 1) }

func TestJSONResumeDates(t *testing.T) {
	d := readBytes(t, "r.json", []byte(`{
  "basics": {"name": "Ada Byron"},
  "work": [
    {"name": "Acme", "position": "Engineer", "startDate": "2021-04-15", "highlights": ["CUDA kernels"]},
    {"name": "Beta", "position": "Engineer", "startDate": "2018", "endDate": "2020"},
    {"name": "Gamma", "position": "Intern", "startDate": "2017-06", "endDate": "Present"},
    {"name": "Delta", "position": "Engineer", "startDate": "sometime", "endDate": "2016-05"},
    {"name": "Eps", "position": "Engineer", "startDate": "2015-02", "endDate": "2015-13"},
    {"name": "Zeta", "position": "Engineer", "startDate": "2014-05", "endDate": "2013-01"},
    {"name": "Undated", "position": "Engineer", "summary": "No dates at all."}
  ],
  "volunteer": [{"organization": "Code Club", "position": "Mentor", "startDate": "2019-09", "endDate": "2020-06"}],
  "projects": [
    {"name": "tinygrad port", "startDate": "2022-01", "endDate": "2022-03", "keywords": ["Triton"]},
    {"name": "undated project", "description": "A weekend hack in MLIR."}
  ],
  "education": [{"institution": "Uni", "area": "CS", "studyType": "B.Sc.", "startDate": "2010-09", "endDate": "2013-06"}],
  "awards": [{"title": "Best Paper", "awarder": "CGO", "date": "2022-04-02"}],
  "certificates": [{"name": "CUDA Certified", "issuer": "NV", "date": "2020"}],
  "publications": [{"name": "Fast Tiling", "publisher": "PLDI", "releaseDate": "bad"}],
  "references": [{"name": "Boss", "reference": "Great at Kubernetes."}]
}`))
	open := timeline.Range{Kind: timeline.KindRange, Start: month(2021, 4), Open: true}
	want := []struct {
		kind  PositionKind
		title string
		dates timeline.Range
		text  string
	}{
		{Work, "Engineer", open, "Apr 2021 – Present"},
		{Work, "Engineer", timeline.Range{Kind: timeline.KindRange, Start: month(2018, 1), End: month(2020, 12)}, "2018 – 2020"},
		{Work, "Intern", timeline.Range{Kind: timeline.KindRange, Start: month(2017, 6), Open: true}, "Jun 2017 – Present"},
		{Work, "Engineer", timeline.Range{Kind: timeline.KindSingle, Start: month(2016, 5), End: month(2016, 5)}, "May 2016"},
		{Work, "Engineer", timeline.Range{Kind: timeline.KindStart, Start: month(2015, 2)}, "From Feb 2015"},
		{Work, "Engineer", timeline.Range{Kind: timeline.KindStart, Start: month(2014, 5)}, "From May 2014"},
		{Work, "Mentor", timeline.Range{Kind: timeline.KindRange, Start: month(2019, 9), End: month(2020, 6)}, "Sep 2019 – Jun 2020"},
		{Project, "tinygrad port", timeline.Range{Kind: timeline.KindRange, Start: month(2022, 1), End: month(2022, 3)}, "Jan 2022 – Mar 2022"},
		{Education, "B.Sc. CS", timeline.Range{Kind: timeline.KindRange, Start: month(2010, 9), End: month(2013, 6)}, "Sep 2010 – Jun 2013"},
		{Publication, "Best Paper", timeline.Range{Kind: timeline.KindSingle, Start: month(2022, 4), End: month(2022, 4)}, "Apr 2022"},
		{Education, "CUDA Certified", timeline.Range{Kind: timeline.KindSingle, Start: month(2020, 1), End: month(2020, 12)}, "2020"},
	}
	if len(d.Positions) != len(want) {
		for _, p := range d.Positions {
			t.Logf("%s %q %s", p.Kind, p.Title, p.Dates)
		}
		t.Fatalf("%d positions, want %d", len(d.Positions), len(want))
	}
	for i, w := range want {
		p := d.Positions[i]
		if p.Kind != w.kind || p.Title != w.title || p.Dates != w.dates || p.DateText != w.text {
			t.Errorf("position %d: %s %q %s %q, want %s %q %s %q", i, p.Kind, p.Title, p.Dates, p.DateText, w.kind, w.title, w.dates, w.text)
		}
		if !strings.Contains(d.Text[p.Start:p.End], p.DateText) {
			t.Errorf("position %d: span %q lacks its dates", i, d.Text[p.Start:p.End])
		}
	}
	warnings := strings.Join(d.Warnings, "\n")
	for _, w := range []string{`work[3] (Engineer — Delta): startDate "sometime" is not a date`,
		`work[4] (Engineer — Eps): endDate "2015-13" is not a date`,
		`work[5] (Engineer — Zeta): endDate "2013-01" is before startDate "2014-05"`,
		`publications[0] (Fast Tiling — PLDI): date "bad" is not a date`} {
		if !strings.Contains(warnings, w) {
			t.Errorf("warnings lack %q:\n%s", w, warnings)
		}
	}
	if len(d.Warnings) != 4 {
		t.Errorf("%d warnings, want 4:\n%s", len(d.Warnings), warnings)
	}
	for _, s := range []string{"undated project", "A weekend hack in MLIR.", "No dates at all.", "Keywords: Triton"} {
		if !strings.Contains(d.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	if strings.Contains(d.Text, "Kubernetes") {
		t.Error("text holds a reference's words")
	}
}

// TestJSONResumeSpans checks that a position's span runs from its title
// line to its last highlight and that the sections follow the headings.
func TestJSONResumeSpans(t *testing.T) {
	d := readBytes(t, "r.json", []byte(`{"basics": {"name": "Ada Byron", "label": "Engineer", "summary": "Line one.\n\nLine two."},
"work": [
 {"name": "Acme", "position": "Lead", "startDate": "2020-01", "summary": "Did things.", "highlights": ["First", "Last one"]},
 {"name": "Beta", "position": "Dev", "startDate": "2019-01", "endDate": "2019-12"}],
"skills": [{"name": "GPU", "level": "Expert", "keywords": ["CUDA", "PTX"]}, {"keywords": ["MLIR"]}, {"name": ""}]}`))
	if d.Name != "Ada Byron" {
		t.Errorf("name %q", d.Name)
	}
	p := d.Positions[0]
	if got := d.Text[p.Start:p.End]; got != "Lead — Acme\nJan 2020 – Present\n\nDid things.\n\nFirst\nLast one" {
		t.Errorf("span %q", got)
	}
	if p.Title != "Lead" || p.Org != "Acme" {
		t.Errorf("title %q org %q", p.Title, p.Org)
	}
	if got := d.Text[d.Positions[1].Start:d.Positions[1].End]; got != "Dev — Beta\nJan 2019 – Dec 2019" {
		t.Errorf("span %q", got)
	}
	wantBlocks(t, d, "H1 Ada Byron", "L Engineer", "H2 Summary", "L Line one.", "L Line two.", "H2 Experience",
		"H3 Lead — Acme", "L Jan 2020 – Present", "L Did things.", "I1 First", "I1 Last one",
		"H3 Dev — Beta", "L Jan 2019 – Dec 2019", "H2 Skills", "I1 GPU: CUDA, PTX (Expert)", "I1 MLIR")
	var kinds []SectionKind
	for _, s := range d.Sections {
		kinds = append(kinds, s.Kind)
	}
	if want := []SectionKind{SectionOther, SectionSummary, SectionExperience, SectionSkills}; !equalKinds(kinds, want) {
		t.Errorf("sections %v, want %v", kinds, want)
	}
}

func equalKinds(a, b []SectionKind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestJSONResumeErrors(t *testing.T) {
	cases := []struct {
		json string
		msg  string
	}{
		{`[1,2]`, "not a JSON Resume"},
		{`{"foo":1}`, "not a JSON Resume"},
		{`{"basics": null}`, "not a JSON Resume"},
		{`[{"basics": {"name": "A"}}]`, "not a JSON Resume"},
		{"{\n  \"basics\": {\n    \"name\": \"A\",,\n", "invalid JSON at line 3, column 17: invalid character ','"},
		{"{\"basics\": {\"name\": \"Zoë\"", "invalid JSON at line 1, column 26: unexpected end of JSON input"},
		{`{"basics": {}} trailing`, "invalid JSON at line 1, column 16"},
	}
	for _, c := range cases {
		_, err := Read(context.Background(), "r.json", []byte(c.json), Limits{})
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: error %v, want ErrMalformed with %q", c.json, err, c.msg)
		}
	}
}

func TestJSONResumeLenient(t *testing.T) {
	// Wrong types are ignored field by field; a BOM is fine.
	d := readBytes(t, "r.json", []byte("\xef\xbb\xbf"+`{"basics": "oops", "work": [1, {"company": "Old Schema Co", "position": 7,
		"startDate": 2019, "highlights": "single highlight"}], "skills": {"name": "x"}}`))
	wantBlocks(t, d, "H2 Experience", "H3 7 — Old Schema Co", "L 2019 – Present", "I1 single highlight")
	if len(d.Positions) != 1 || d.Positions[0].Dates.Start != month(2019, 1) || !d.Positions[0].Dates.Open {
		t.Errorf("positions %+v", d.Positions)
	}
}

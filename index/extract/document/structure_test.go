package document

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillrank/skillrank/index/extract/timeline"
)

var asOf = timeline.MonthOf(2026, 11)

// posSummary is what a test checks of a position.
type posSummary struct {
	Kind   string
	Title  string
	Months int
	First  string // first month
	Last   string // last month as of 2026-11
}

func summarize(d *Document) []posSummary {
	var out []posSummary
	for i := range d.Positions {
		p := &d.Positions[i]
		ivs := p.Intervals(asOf)
		s := posSummary{Kind: p.Kind.String(), Title: p.Title, Months: timeline.TotalMonths(append([]timeline.Interval(nil), ivs...))}
		if len(ivs) > 0 {
			s.First, s.Last = ivs[0].Start.String(), ivs[len(ivs)-1].End.String()
		}
		out = append(out, s)
	}
	return out
}

func readFixture(t *testing.T, name string) *Document {
	t.Helper()
	d, err := ReadFile(context.Background(), filepath.Join("..", "..", "..", "testdata", "profiles", name), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSeedTwinPositions checks the positions of the three seed twins,
// one per profile style (testdata/SEEDS.md lists their facts).
func TestSeedTwinPositions(t *testing.T) {
	tests := []struct {
		file string
		name string
		want []posSummary
	}{
		{"tobias-venn.md", "Tobias R. Venn", []posSummary{
			{"work", "Senior Compiler Engineer", 42, "2023-06", "2026-11"}, // Jun 2023 – Nov 2026
			{"work", "Staff Engineer", 28, "2021-03", "2023-06"},
			{"work", "Machine Learning Engineer", 15, "2020-01", "2021-03"},
			{"work", "BINARIST LABS, MACHINE LEARNING TEAM (ACQUIRED BY POMONA DEVICES", 6, "2019-08", "2020-01"},
			{"education", "University of Westmere", 46, "2015-09", "2019-06"},
			{"work", "PAST INTERNSHIPS", 12, "2015-06", "2018-08"}, // four summers, Jun–Aug
			{"project", "PROJECT: STREAMING FPGA CONVOLUTION PHOTOBOOTH", 12, "2019-01", "2019-12"},
			{"publication", "", 12, "2017-01", "2017-12"},
			{"publication", "", 12, "2020-01", "2020-12"},
		}},
		{"ellis-moreau.txt", "Ellis Moreau", []posSummary{
			// "In 2013" runs until the next start (2014): Jan–Dec 2013.
			{"work", "High Performance Heterogeneous Computing professional at", 12, "2013-01", "2013-12"},
			{"work", "Linux Kernel and Driver Developer", 24, "2014-01", "2015-12"},
			{"work", "NPU Compiler and Runtime Software Designer", 72, "2016-01", "2021-12"},
			{"work", "", 12, "2021-01", "2021-12"}, // "In 2021" ends before "in 2022"
			{"work", "AI Compiler Manager", 59, "2022-01", "2026-11"},
			{"education", "", 48, "2010-01", "2013-12"},
			{"work", "", 59, "2022-01", "2026-11"}, // the Timeline block
		}},
		{"milo-brandt.txt", "Milo Brandt", []posSummary{
			{"work", "Tessellate ML", 8, "2023-05", "2023-12"},
			{"work", "Lakeshore University Efficient Systems Lab", 3, "2024-01", "2024-03"},
			{"work", "Northgate University Programming Languages Group", 4, "2024-05", "2024-08"},
			{"work", "Pathwise Autonomy", 8, "2025-01", "2025-08"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := readFixture(t, tt.file)
			if d.Name != tt.name {
				t.Errorf("name %q, want %q", d.Name, tt.name)
			}
			if diff := cmp.Diff(tt.want, summarize(d)); diff != "" {
				t.Errorf("positions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSections(t *testing.T) {
	d := readFixture(t, "tobias-venn.md")
	var kinds []string
	for _, s := range d.Sections {
		kinds = append(kinds, s.Kind.String())
	}
	want := []string{"other", "summary", "experience", "education", "projects", "publications", "publications"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	// Offsets: every mention of "MLIR" in the summary is in the summary section.
	i := strings.Index(d.Text, "MLIR")
	if k := d.SectionAt(i); k != SectionSummary {
		t.Errorf("first MLIR in %v, want summary", k)
	}
}

func TestPositionKinds(t *testing.T) {
	doc := func(text string) *Document {
		d, err := Read(context.Background(), "x.md", []byte(text), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		text string
		want []string
	}{
		{"## Experience\n\nCompiler Engineer, Acme\n\nMar 2021 – Jun 2023\n\n- LLVM\n", []string{"work"}},
		{"## Education\n\nUniversity of X\n\n2015 - 2019\n", []string{"education"}},
		{"## Projects\n\nRay tracer\n\n2019\n\n- CUDA\n", []string{"project"}},
		{"## Experience\n\nResearch Intern — University Lab\n\nJun 2017 – Sep 2017\n", []string{"work"}},
		{"In 2014, she joined Acme as an engineer and built the payments platform in Go.\n\nShe earned a bachelor's degree in physics from the University of Y from 2008 to 2012.\n", []string{"work", "education"}},
		{"2019–2022  Senior SRE, Kestrel Cloud — Kubernetes, Terraform, Go\n2016–2019  SRE, Hollow Labs — Ansible\n", []string{"work", "work"}},
		// Not positions: dates inside ordinary bullets and numbers that are not dates.
		{"## Experience\n\n- Led the 2021 migration of 40 services to Kubernetes and cut costs by 30%.\n- GPA 3.95\n", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range doc(tt.text).Positions {
			got = append(got, p.Kind.String())
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestNonTechnicalRoles: roles that hire, sell, document or manage the work
// name its skills without practising them; hands-on titles, including a
// domain "manager" such as "AI Compiler Manager", stay technical. Text and
// JSON Resume positions are classified alike.
func TestNonTechnicalRoles(t *testing.T) {
	tests := []struct {
		title string
		want  bool
	}{
		{"Technical Recruiter, Kiteframe", true},
		{"Director of Engineering, Mobile", true},
		{"Engineering Manager, Edge AI", true},
		{"Senior Engineering Manager, Inference Platform", true},
		{"Head of Research Computing", true},
		{"Data Engineering Manager, Fjellvang Media", true},
		{"Product Manager, ML Platform", true},
		{"AI Compiler Manager", false},
		{"Staff Software Engineer, Payments", false},
		{"Sales Engineer", false},
		{"Tech Lead, Search", false},
	}
	for _, tt := range tests {
		text := "## Experience\n\n" + tt.title + "\n\nMar 2021 – present\n\n- Kubernetes and Go\n"
		d, err := Read(context.Background(), "x.md", []byte(text), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		js := `{"basics":{"name":"A B"},"work":[{"name":"Acme","position":` + strconv.Quote(tt.title) +
			`,"startDate":"2021-03","highlights":["Kubernetes and Go"]}]}`
		j, err := Read(context.Background(), "x.json", []byte(js), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			format string
			d      *Document
		}{{"text", d}, {"JSON Resume", j}} {
			if len(c.d.Positions) != 1 {
				t.Errorf("%s %q: %d positions, want 1", c.format, tt.title, len(c.d.Positions))
				continue
			}
			if got := c.d.Positions[0].NonTechnical; got != tt.want {
				t.Errorf("%s %q: NonTechnical = %v, want %v", c.format, tt.title, got, tt.want)
			}
		}
	}
}

package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/skillrank/skillrank/index/extract/document"
)

// TestDisambiguation: names that are also ordinary words are skills only in
// technical context, one table row per sense.
func TestDisambiguation(t *testing.T) {
	x := defaultExtractor(t)
	tests := []struct {
		text  string
		skill string // the skill expected, or "" for none
		not   string // a skill that must not be found
	}{
		{"Wrote fused attention kernels in Triton for H100 GPUs.", "Triton", "Triton Inference Server"},
		{"Served models with Triton Inference Server on Kubernetes.", "Triton Inference Server", "Triton"},
		{"Deployed the ensemble behind Triton for online inference serving.", "Triton Inference Server", "Triton"},
		{"Triton, the largest moon of Neptune, orbits backwards.", "", "Triton"},
		{"Backend services in Go and Python.", "Go", ""},
		{"Go to the station and wait.", "", "Go"},
		{"Statistical models in R and Python.", "R", ""},
		{"The R&D department grew.", "", "R"},
		{"Firmware in C for Cortex-M parts.", "C", ""},
		{"She joined the C-suite last year.", "", "C"},
		{"Systems programming in Rust and C++.", "Rust", ""},
		{"Rust had eaten through the hinges.", "", "Rust"},
		{"iOS apps in Swift and SwiftUI.", "Swift", ""},
		{"A swift reply came the next day.", "", "Swift"},
		{"ETL jobs on Apache Spark and Kafka.", "Apache Spark", ""},
		{"A spark from the fire caught the curtain.", "", "Apache Spark"},
		{"Built a Plotly Dash app in Python to trace models.", "Dash", ""},
		{"He made a dash for the last train.", "", "Dash"},
		{"Distributed training with Ray and PyTorch.", "Ray", ""},
		{"Ray fixed the fence on Sunday.", "", "Ray"},
		{"REST APIs in Flask and PostgreSQL.", "Flask", ""},
		{"She poured tea from a flask.", "", "Flask"},
		{"Numerical solvers in Julia and Python.", "Julia", ""},
		{"Julia walked to the market.", "", "Julia"},
		{"Data pipelines in Scala on Apache Spark.", "Scala", ""},
		{"We heard Verdi at La Scala.", "", "Scala"},
		{"Backend services in Elixir and Erlang on the BEAM.", "Elixir", ""},
		{"The old herbalist sold an elixir of youth.", "", "Elixir"},
		{"UI tests in Espresso and unit tests with JUnit for the Android app.", "Espresso", ""},
		{"Pulled 300 Espresso shots a day on a La Marzocco machine.", "", "Espresso"},
		{"The Android app is written in Kotlin, with offline sync on Room and WorkManager.", "Room", ""},
		{"Room for twelve guests, booked through the front desk.", "", "Room"},
	}
	for _, tt := range tests {
		d, err := document.Read(context.Background(), "s.txt", []byte(tt.text), document.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, ev := range x.Profile(d, asOf).Skills {
			found[x.tax.Name(ev.Skill)] = true
		}
		if tt.skill != "" && !found[tt.skill] {
			t.Errorf("%q: %s not found (found %v)", tt.text, tt.skill, keys(found))
		}
		if tt.not != "" && found[tt.not] {
			t.Errorf("%q: found %s", tt.text, tt.not)
		}
	}
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return strings.Join(out, ", ")
}

// TestFormatTwinsSameSkills: the same résumé as Markdown, HTML, JSON
// Resume, PDF and DOCX yields the same skills with the same months.
func TestFormatTwinsSameSkills(t *testing.T) {
	x := defaultExtractor(t)
	summary := func(name string) map[string]int {
		d, err := document.ReadFile(context.Background(), "../../testdata/formats/"+name, document.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, ev := range x.Profile(d, asOf).Skills {
			out[x.tax.Name(ev.Skill)] = ev.Months
		}
		return out
	}
	want := summary("nora-lindqvist.md")
	if len(want) < 10 {
		t.Fatalf("the Markdown twin yields only %d skills", len(want))
	}
	for _, ext := range []string{"html", "json", "pdf", "docx"} {
		got := summary("nora-lindqvist." + ext)
		for s, mo := range want {
			if g, ok := got[s]; !ok || g != mo {
				t.Errorf("%s: %s has %d months (found %v), Markdown twin %d", ext, s, g, ok, mo)
			}
		}
		for s := range got {
			if _, ok := want[s]; !ok {
				t.Errorf("%s: extra skill %s", ext, s)
			}
		}
	}
}

package timeline

import (
	"strings"
	"testing"
)

type found struct {
	text string
	r    Range
}

type findCase struct {
	in   string
	want []found
}

var findCases = []findCase{
	// Resume date lines.
	{"Jun. 2023 - Now | Staff Engineer, Octo Labs", []found{{"Jun. 2023 - Now", open(2023, 6)}}},
	{"Senior Engineer · Mar. 2021 - Jun. 2023 · Seattle, WA 98101",
		[]found{{"Mar. 2021 - Jun. 2023", rng(2021, 3, 2023, 6)}}},
	{"**Jan 2024 - Mar 2024**", []found{{"Jan 2024 - Mar 2024", rng(2024, 1, 2024, 3)}}},
	{"Education: Sep. 2015 - Jun. 2019, B.S. Computer Engineering",
		[]found{{"Sep. 2015 - Jun. 2019", rng(2015, 9, 2019, 6)}}},
	{"Research Intern (Summers 2015-2018)",
		[]found{{"Summers 2015-2018", seasonal(Summer, rng(2015, 6, 2018, 8))}}},
	{"    January, 2022 - present", []found{{"January, 2022 - present", open(2022, 1)}}},
	{"ML Engineer, 03/2021 – 11/2022; Intern 2019-04 to 2020-01",
		[]found{{"03/2021 – 11/2022", rng(2021, 3, 2022, 11)}, {"2019-04 to 2020-01", rng(2019, 4, 2020, 1)}}},
	{"Contract work Jan–Mar 2021 (remote)", []found{{"Jan–Mar 2021", rng(2021, 1, 2021, 3)}}},
	{"Dates: 2015–18; '19; Jun '19",
		[]found{{"2015–18", rng(2015, 1, 2018, 12)}, {"'19", single(2019, 1, 2019, 12)}, {"Jun '19", single(2019, 6, 2019, 6)}}},
	{"Q3 2020 launch; Fall 2020 term",
		[]found{{"Q3 2020", rng(2020, 7, 2020, 9)}, {"Fall 2020", seasonal(Fall, rng(2020, 9, 2020, 12))}}},
	{"2017年3月 入社", []found{{"2017", single(2017, 1, 2017, 12)}}},

	// Narrative sentences.
	{"In 2013, Leon Lu started their work experience at OmniVision.",
		[]found{{"In 2013", start(2013, 1)}}},
	{"From 2016 to 2021, Leon Lu worked at Gao Tong as an NPU compiler developer.",
		[]found{{"From 2016 to 2021", rng(2016, 1, 2021, 12)}}},
	{"Finally, in 2022, Leon Lu joined HeiZhiMo as an AI Compiler Manager.",
		[]found{{"in 2022", start(2022, 1)}}},
	{"attended the University of Electronic Science from 2010 to 2013, where they",
		[]found{{"from 2010 to 2013", rng(2010, 1, 2013, 12)}}},
	{"Between 2016 and 2021 she built compilers; since May 2020 she leads the team.",
		[]found{{"Between 2016 and 2021", rng(2016, 1, 2021, 12)}, {"since May 2020", open(2020, 5)}}},
	{"In March 2021 I moved to Berlin.", []found{{"In March 2021", start(2021, 3)}}},
	{"Part time until Jan 2019.", []found{{"Jan 2019", single(2019, 1, 2019, 1)}}},
	{"Compressed Neural Network Models. US Patent App. 16/788261. Filed 13 August 2020.",
		[]found{{"13 August 2020", single(2020, 8, 2020, 8)}}},
	{"*IEEE EMBC 2017 (Oral Presentation + Paper)*", []found{{"2017", single(2017, 1, 2017, 12)}}},
	{"Papers in 2019, 2020 and 2021.",
		[]found{{"in 2019", start(2019, 1)}, {"2020", single(2020, 1, 2020, 12)}, {"2021", single(2021, 1, 2021, 12)}}},
	{"June 2018 to July 2019 at Acme, then (2019–2021) at Initech.",
		[]found{{"June 2018 to July 2019", rng(2018, 6, 2019, 7)}, {"2019–2021", rng(2019, 1, 2021, 12)}}},

	// Not dates.
	{"GPA 3.95, raised $1.5 million, 9.2k stars on GitHub", nil},
	{"☎ 425-241-9772 | ✉ someone@example.com | 555-0142", nil},
	{"v2.5.7, Python 3.11, ASPLOS 26, 1.5x faster, 25ms p99, int8, top 10", nil},
	{"4 months at 10:30, 10-40 skills, ZIP 98052, 2,000 users, 12,500 GPUs", nil},
	{"v2019 $2019 #2019 2019.5 2048-bit 2019x 2019% 1.2019 555-2019 10:2019", nil},
	{"Month 13/2020 and 2019-13 and 31/02/2020 are not dates", nil},
	{"Pay $20/hour, 3/4 of the team, call (206) 555-1234 ext 12", nil},
	{"", nil},
	{"no digits at all, even with May and Summer", nil},

	// Inverted ranges are skipped whole, not split into single years.
	{"Jun 2023 - Mar 2021 was a typo; 2019 was not",
		[]found{{"2019", single(2019, 1, 2019, 12)}}},
}

func TestFind(t *testing.T) {
	for _, c := range findCases {
		ms := Find(c.in)
		var got []found
		for _, m := range ms {
			got = append(got, found{c.in[m.Start:m.End], m.Range})
		}
		if len(got) != len(c.want) {
			t.Errorf("Find(%q) = %v; want %v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Find(%q)[%d] = %v; want %v", c.in, i, got[i], c.want[i])
			}
		}
	}
}

// TestFindParseAgree checks that what Find reports parses to the same range.
func TestFindParseAgree(t *testing.T) {
	for _, c := range findCases {
		checkFind(t, c.in)
	}
	for _, c := range parseCases {
		checkFind(t, c.in)
	}
}

// TestFindNarrative runs a third-person bio through Find and Intervals: each
// narrative start runs until the next one starts.
func TestFindNarrative(t *testing.T) {
	bio := strings.Join([]string{
		"In 2013, she started at OmniVision.",
		"In 2014, she moved on to work at Meitu.",
		"From 2016 to 2021, she worked at Gao Tong.",
		"In 2021, she joined NIO.",
		"Finally, in 2022, she joined HeiZhiMo.",
	}, "\n")
	ms := Find(bio)
	if len(ms) != 5 {
		t.Fatalf("Find found %d dates, want 5: %v", len(ms), ms)
	}
	asOf := ym(2024, 6)
	var ivs []Interval
	for i, m := range ms {
		var next Month
		if i+1 < len(ms) {
			next = ms[i+1].Range.Start
		}
		ivs = append(ivs, m.Range.Intervals(asOf, next)...)
	}
	// 2013-01 .. 2024-06 without a gap: Meitu runs through 2015, the month
	// before the next start, and NIO overlaps Gao Tong in 2021.
	if got, want := TotalMonths(ivs), int(asOf-ym(2013, 1))+1; got != want {
		t.Errorf("TotalMonths = %d, want %d (%v)", got, want, ivs)
	}
}

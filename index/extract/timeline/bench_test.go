package timeline

import (
	"strings"
	"testing"
)

// resume is a fictional, resume-like text of about 5 KB: date lines,
// narrative sentences and the numbers that must not be read as dates.
var resume = func() string {
	block := `Jordan Vale — ML Compiler Engineer
☎ 425-555-0142 | ✉ jordan.vale@example.com | github.com/jvale (9.2k stars)

EXPERIENCE
Staff Engineer, Octo Labs                                   Jun. 2023 - Now
- Built an MLIR-based compiler for NPUs; 1.5x faster than TVM on int8 models, p99 25ms.
- Led a team of 6; shipped v2.5.7 of the runtime. Python 3.11, C++17, CUDA 12.4.
Senior Engineer, Initech                              Mar. 2021 - Jun. 2023
- Lowered 10-40 ops per kernel, top 10 contributor, raised $1.5 million.
Engineer, Hooli                                        Aug. 2019 - Jan 2020
- Part time until Jan 2019. Worked on GPU kernels (RTX cards, 2,000 users).
Research Intern (Summers 2015-2018), Q3 2020 contract, 03/2021 – 11/2022.

In 2013, Jordan started at a camera company. From 2016 to 2021, Jordan worked
on NPU runtimes. Finally, in 2022, Jordan joined a start-up, and since May 2020
has mentored students. Between 2016 and 2021 the team grew to 40 people.

EDUCATION
B.S. Computer Engineering, GPA 3.95                     Sep. 2015 - Jun. 2019
PUBLICATIONS
Automatic Characterization of Errors. IEEE EMBC 2017 (Oral). ASPLOS 26.
US Patent App. 16/788261. Filed 13 August 2020. Meeting at 10:30, ZIP 98052.
`
	var b strings.Builder
	for b.Len() < 5000 {
		b.WriteString(block)
	}
	return b.String()
}()

func BenchmarkFind(b *testing.B) {
	b.SetBytes(int64(len(resume)))
	b.ReportAllocs()
	for b.Loop() {
		Find(resume)
	}
}

// BenchmarkFindLines measures the common call: one line at a time, most
// of them without a date.
func BenchmarkFindLines(b *testing.B) {
	lines := strings.Split(resume, "\n")
	b.SetBytes(int64(len(resume)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			Find(l)
		}
	}
}

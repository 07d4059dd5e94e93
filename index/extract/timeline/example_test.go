package timeline_test

import (
	"fmt"

	"github.com/skillrank/skillrank/index/extract/timeline"
)

func ExampleParse() {
	r, err := timeline.Parse("Mar. 2021 - Jun. 2023")
	fmt.Println(r.Kind, r.Start, r.End, err)

	r, _ = timeline.Parse("Summers 2015-2018")
	asOf := timeline.MonthOf(2025, 1)
	fmt.Println(r.Season, timeline.TotalMonths(r.Intervals(asOf, 0)), "months")

	_, err = timeline.Parse("2019-13")
	fmt.Println(err)
	// Output:
	// range 2021-03 2023-06 <nil>
	// summer 12 months
	// timeline: "2019-13": invalid date
}

func ExampleFind() {
	text := "From 2016 to 2021, she worked on NPU compilers (GPA 3.95, v2.5.7); " +
		"in 2022 she joined a start-up. Jun. 2023 - Now: Staff Engineer."
	for _, m := range timeline.Find(text) {
		fmt.Printf("%q: %v\n", text[m.Start:m.End], m.Range)
	}
	// Output:
	// "From 2016 to 2021": range 2016-01..2021-12
	// "in 2022": start 2022-01
	// "Jun. 2023 - Now": range 2023-06..now
}

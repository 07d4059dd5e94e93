package timeline

import (
	"reflect"
	"testing"
)

func TestIntervals(t *testing.T) {
	asOf := ym(2025, 3)
	cases := []struct {
		name string
		r    Range
		next Month
		want []Interval
	}{
		{"open ends at asOf", open(2023, 6), 0, []Interval{{ym(2023, 6), asOf}}},
		{"closed range", rng(2021, 3, 2023, 6), 0, []Interval{{ym(2021, 3), ym(2023, 6)}}},
		{"single year", single(2019, 1, 2019, 12), 0, []Interval{{ym(2019, 1), ym(2019, 12)}}},
		{"start runs to the month before next", start(2013, 1), ym(2014, 1), []Interval{{ym(2013, 1), ym(2013, 12)}}},
		{"start without next runs to asOf", start(2022, 1), 0, []Interval{{ym(2022, 1), asOf}}},
		{"next after asOf", start(2024, 1), ym(2026, 1), []Interval{{ym(2024, 1), asOf}}},
		{"next in the same month", start(2021, 5), ym(2021, 5), []Interval{{ym(2021, 5), ym(2021, 5)}}},
		{"next before start", start(2021, 5), ym(2020, 1), []Interval{{ym(2021, 5), ym(2021, 5)}}},
		{"end after asOf is clipped", rng(2024, 1, 2026, 12), 0, []Interval{{ym(2024, 1), asOf}}},
		{"start after asOf", rng(2025, 4, 2026, 1), 0, nil},
		{"open start after asOf", open(2025, 6), 0, nil},
		{"narrative start after asOf", start(2026, 1), 0, nil},
		{"zero range", Range{}, 0, nil},
		{"summers", seasonal(Summer, rng(2015, 6, 2018, 8)), 0, []Interval{
			{ym(2015, 6), ym(2015, 8)}, {ym(2016, 6), ym(2016, 8)},
			{ym(2017, 6), ym(2017, 8)}, {ym(2018, 6), ym(2018, 8)}}},
		{"open winters clipped", seasonal(Winter, open(2023, 1)), 0, []Interval{
			{ym(2023, 1), ym(2023, 4)}, {ym(2024, 1), ym(2024, 4)}, {ym(2025, 1), ym(2025, 3)}}},
	}
	for _, c := range cases {
		got := c.r.Intervals(asOf, c.next)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v.Intervals = %v; want %v", c.name, c.r, got, c.want)
		}
		var last Month
		if len(c.want) > 0 {
			last = c.want[len(c.want)-1].End
		}
		if got := c.r.Last(asOf, c.next); got != last {
			t.Errorf("%s: Last = %v; want %v", c.name, got, last)
		}
	}
}

func TestSummersParsed(t *testing.T) {
	r, err := Parse("Summers 2015-2018")
	if err != nil {
		t.Fatal(err)
	}
	ivs := r.Intervals(ym(2025, 1), 0)
	if len(ivs) != 4 || TotalMonths(ivs) != 12 {
		t.Errorf("Summers 2015-2018: %v, %d months; want 4 intervals, 12 months", ivs, TotalMonths(ivs))
	}
}

func TestUnion(t *testing.T) {
	cases := []struct {
		name   string
		in     []Interval
		want   []Interval
		months int
	}{
		{"empty", nil, nil, 0},
		{"one", []Interval{{ym(2020, 1), ym(2020, 12)}}, []Interval{{ym(2020, 1), ym(2020, 12)}}, 12},
		{"overlap, concurrent and adjacent count once", []Interval{
			{ym(2020, 1), ym(2021, 1)},
			{ym(2019, 1), ym(2020, 6)},
			{ym(2020, 3), ym(2020, 4)}, // concurrent, inside the others
			{ym(2021, 2), ym(2021, 3)}, // adjacent
		}, []Interval{{ym(2019, 1), ym(2021, 3)}}, 27},
		{"disjoint", []Interval{
			{ym(2022, 1), ym(2022, 3)},
			{ym(2019, 1), ym(2019, 12)},
		}, []Interval{{ym(2019, 1), ym(2019, 12)}, {ym(2022, 1), ym(2022, 3)}}, 15},
		{"same start", []Interval{
			{ym(2020, 1), ym(2020, 2)},
			{ym(2020, 1), ym(2020, 6)},
		}, []Interval{{ym(2020, 1), ym(2020, 6)}}, 6},
	}
	for _, c := range cases {
		got := Union(append([]Interval(nil), c.in...))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Union = %v; want %v", c.name, got, c.want)
		}
		if n := TotalMonths(append([]Interval(nil), c.in...)); n != c.months {
			t.Errorf("%s: TotalMonths = %d; want %d", c.name, n, c.months)
		}
	}
}

func TestMonth(t *testing.T) {
	m := ym(2023, 6)
	if m.Year() != 2023 || m.Month() != 6 || m.String() != "2023-06" || m.IsZero() {
		t.Errorf("ym(2023, 6) = %v (%d, %d)", m, m.Year(), m.Month())
	}
	if p, err := ParseMonth("2023-06"); err != nil || p != m {
		t.Errorf("ParseMonth = %v, %v", p, err)
	}
	if Month(0).String() != "" {
		t.Errorf("zero month = %q", Month(0).String())
	}
	if n := (Interval{ym(2021, 3), ym(2023, 6)}).Months(); n != 28 {
		t.Errorf("Mar 2021 - Jun 2023 = %d months, want 28", n)
	}
	if n := (Interval{ym(2021, 3), ym(2021, 2)}).Months(); n != 0 {
		t.Errorf("empty interval = %d months", n)
	}
}

func TestRangeString(t *testing.T) {
	for r, want := range map[Range]string{
		open(2023, 6):                           "range 2023-06..now",
		start(2013, 1):                          "start 2013-01",
		single(2019, 1, 2019, 12):               "single 2019-01..2019-12",
		seasonal(Summer, rng(2015, 6, 2018, 8)): "range 2015-06..2018-08 summer",
		{}:                                      "none",
	} {
		if got := r.String(); got != want {
			t.Errorf("String() = %q; want %q", got, want)
		}
	}
}

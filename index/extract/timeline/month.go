// Package timeline turns the dates written in profiles ("Jun. 2023 - Now",
// "2019-04 to 2020-01", "From 2016 to 2021, …") into month intervals, and
// measures experience as the union of those intervals.
//
// Conventions, applied everywhere (README "Dates"):
//   - the unit is the calendar month; a range covers both end months, so
//     "Mar 2021 - Jun 2023" is 28 months;
//   - a year-only start is January, a year-only end is December, and a lone
//     year ("2019") is January to December of that year;
//   - "Now", "Present", "Current", "Today", "to date" end at the as-of month;
//   - a narrative start with no end ("In 2021, … joined") runs until the month
//     before the next position starts, and the last one until as-of;
//   - nothing counts after as-of: an end after as-of is clipped to it and a
//     range that starts after as-of has no months;
//   - years run from 1950 to 2099; a date outside is ErrInvalid. A two-digit
//     year is only read as 'YY or after a full year in a range ("2015-18"),
//     never where it could be an ISO month ("2019-04" is April 2019).
package timeline

import (
	"fmt"
	"sort"
	"time"
)

// Month is a calendar month counted from January of year 0:
// year*12 + (month-1). The zero value means "unknown".
type Month int32

// MonthOf returns the Month for a year and month (1–12).
func MonthOf(year int, month time.Month) Month {
	return Month(year*12 + int(month) - 1)
}

// FromTime returns the month that contains t.
func FromTime(t time.Time) Month { return MonthOf(t.Year(), t.Month()) }

// Year returns the calendar year of m.
func (m Month) Year() int { return int(m) / 12 }

// Month returns the calendar month of m.
func (m Month) Month() time.Month { return time.Month(int(m)%12 + 1) }

// IsZero reports whether m is the unknown month.
func (m Month) IsZero() bool { return m == 0 }

// String formats m as YYYY-MM, or "" for the unknown month.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month()))
}

// ParseMonth parses "YYYY-MM" as written by String.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, fmt.Errorf("timeline: month %q: want YYYY-MM", s)
	}
	return FromTime(t), nil
}

// Interval is a closed range of months, Start <= End, both included.
type Interval struct {
	Start, End Month
}

// Months is the number of months the interval covers (0 if it is empty).
func (iv Interval) Months() int {
	if iv.End < iv.Start {
		return 0
	}
	return int(iv.End-iv.Start) + 1
}

// Clip returns iv cut to end at asOf; ok is false when nothing is left.
func (iv Interval) Clip(asOf Month) (Interval, bool) {
	if iv.End > asOf {
		iv.End = asOf
	}
	return iv, iv.Start <= iv.End && !iv.Start.IsZero()
}

// Union merges overlapping and adjacent intervals, in place, and returns
// them sorted by start. Concurrent positions therefore never count twice.
func Union(ivs []Interval) []Interval {
	if len(ivs) < 2 {
		return ivs
	}
	sort.Slice(ivs, func(i, j int) bool {
		if ivs[i].Start != ivs[j].Start {
			return ivs[i].Start < ivs[j].Start
		}
		return ivs[i].End < ivs[j].End
	})
	out := ivs[:1]
	for _, iv := range ivs[1:] {
		last := &out[len(out)-1]
		if iv.Start <= last.End+1 {
			if iv.End > last.End {
				last.End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// TotalMonths is the number of distinct months covered by ivs.
// It sorts ivs in place.
func TotalMonths(ivs []Interval) int {
	n := 0
	for _, iv := range Union(ivs) {
		n += iv.Months()
	}
	return n
}

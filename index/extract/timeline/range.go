package timeline

import "errors"

// Kind says what a date expression states.
type Kind uint8

const (
	// KindRange is a start and an end: "Mar 2021 - Jun 2023", "2021–present".
	KindRange Kind = iota + 1
	// KindSingle is one date standing for a whole period: "2019" is
	// January–December 2019, "May 2023" is that month.
	KindSingle
	// KindStart is a narrative start with no end: "In 2021, … joined". It runs
	// until the month before the next position starts, or until as-of.
	KindStart
)

// Season marks a recurring range such as "Summers 2015-2018".
type Season uint8

const (
	// NoSeason is an ordinary, continuous range.
	NoSeason Season = iota
	// Summer is June–August of every year in the range.
	Summer
	// Fall is September–December of every year in the range.
	Fall
	// Winter is January–April of every year in the range (co-op terms).
	Winter
	// Spring is March–May of every year in the range.
	Spring
)

// seasonMonths gives the first and last month of each season.
var seasonMonths = [...][2]int{Summer: {6, 8}, Fall: {9, 12}, Winter: {1, 4}, Spring: {3, 5}}

// Errors returned by Parse; Find skips text that would produce them.
var (
	// ErrNoDate means the text holds no date expression.
	ErrNoDate = errors.New("no date")
	// ErrEndBeforeStart means a range ends before it starts.
	ErrEndBeforeStart = errors.New("range ends before it starts")
	// ErrInvalid means a date that cannot exist (month 13, year 0, …).
	ErrInvalid = errors.New("invalid date")
)

// Range is a parsed date expression.
type Range struct {
	Kind Kind
	// Start is the first month. For KindSingle, Start..End is the period
	// the single date stands for.
	Start Month
	// End is the last month; zero when Open or for KindStart.
	End Month
	// Open reports an end of "now", "present", "current", "today", "to date",
	// "ongoing", or a "since …" start.
	Open bool
	// Season, when set, restricts each year of the range to that season.
	Season Season
}

// Intervals returns the months r covers, as of asOf. next is the month the
// following position starts (zero if none); it ends a KindStart range.
// Months after asOf are dropped; the result may be empty.
func (r Range) Intervals(asOf, next Month) []Interval {
	end := r.End
	switch {
	case r.Open:
		end = asOf
	case r.Kind == KindStart:
		end = asOf
		if !next.IsZero() && next-1 < end {
			end = next - 1
		}
		if end < r.Start { // the next position starts the same month
			end = r.Start
		}
	}
	if r.Start.IsZero() || end < r.Start {
		return nil
	}
	if r.Season == NoSeason || int(r.Season) >= len(seasonMonths) {
		iv, ok := Interval{r.Start, end}.Clip(asOf)
		if !ok {
			return nil
		}
		return []Interval{iv}
	}
	sm := seasonMonths[r.Season]
	var out []Interval
	for y := r.Start.Year(); y <= end.Year(); y++ {
		iv := Interval{Month(y*12 + sm[0] - 1), Month(y*12 + sm[1] - 1)}
		if iv, ok := iv.Clip(asOf); ok {
			out = append(out, iv)
		}
	}
	return out
}

// Last returns the last month r covers as of asOf (zero if none).
func (r Range) Last(asOf, next Month) Month {
	ivs := r.Intervals(asOf, next)
	if len(ivs) == 0 {
		return 0
	}
	return ivs[len(ivs)-1].End
}

// Current reports whether r runs until now.
func (r Range) Current() bool { return r.Open }

// Match is a date expression found in text.
type Match struct {
	// Start and End are byte offsets of the expression in the searched text.
	Start, End int
	Range      Range
}

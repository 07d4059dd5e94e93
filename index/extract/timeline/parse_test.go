package timeline

import (
	"errors"
	"testing"
	"time"
)

// ym is a test shorthand for MonthOf.
func ym(y, m int) Month { return MonthOf(y, time.Month(m)) }

func single(y1, m1, y2, m2 int) Range {
	return Range{Kind: KindSingle, Start: ym(y1, m1), End: ym(y2, m2)}
}

func rng(y1, m1, y2, m2 int) Range {
	return Range{Kind: KindRange, Start: ym(y1, m1), End: ym(y2, m2)}
}

func open(y, m int) Range { return Range{Kind: KindRange, Start: ym(y, m), Open: true} }

func start(y, m int) Range { return Range{Kind: KindStart, Start: ym(y, m)} }

func seasonal(s Season, r Range) Range { r.Season = s; return r }

type parseCase struct {
	in   string
	want Range
	err  error
}

var parseCases = []parseCase{
	// Month names.
	{in: "Jun. 2023", want: single(2023, 6, 2023, 6)},
	{in: "Sept 2019", want: single(2019, 9, 2019, 9)},
	{in: "Sep. 2015", want: single(2015, 9, 2015, 9)},
	{in: "Sept. 2016", want: single(2016, 9, 2016, 9)},
	{in: "JUN 2023", want: single(2023, 6, 2023, 6)},
	{in: "january 2022", want: single(2022, 1, 2022, 1)},
	{in: "January, 2022", want: single(2022, 1, 2022, 1)},
	{in: "Jan 2020", want: single(2020, 1, 2020, 1)},
	{in: "Dec 2020", want: single(2020, 12, 2020, 12)},
	{in: "15 March 2021", want: single(2021, 3, 2021, 3)},
	{in: "March 15, 2021", want: single(2021, 3, 2021, 3)},
	{in: "13 August 2020", want: single(2020, 8, 2020, 8)},
	{in: "March 15th, 2021", want: single(2021, 3, 2021, 3)},
	{in: "1st May 2020", want: single(2020, 5, 2020, 5)},
	{in: "Jun '19", want: single(2019, 6, 2019, 6)},
	{in: "Jun ’19", want: single(2019, 6, 2019, 6)},

	// Numeric.
	{in: "03/2021", want: single(2021, 3, 2021, 3)},
	{in: "3/2021", want: single(2021, 3, 2021, 3)},
	{in: "2019-04", want: single(2019, 4, 2019, 4)},
	{in: "2021-03-15", want: single(2021, 3, 2021, 3)},
	{in: "2021/03", want: single(2021, 3, 2021, 3)},
	{in: "2021/3/15", want: single(2021, 3, 2021, 3)},
	{in: "2020-02-29", want: single(2020, 2, 2020, 2)},
	{in: "3/15/2021", want: single(2021, 3, 2021, 3)},
	{in: "15/03/2021", want: single(2021, 3, 2021, 3)},
	{in: "04/05/2021", want: single(2021, 4, 2021, 4)}, // ambiguous: month first
	{in: "2019", want: single(2019, 1, 2019, 12)},
	{in: "'19", want: single(2019, 1, 2019, 12)},
	{in: "'95", want: single(1995, 1, 1995, 12)},
	{in: "1950", want: single(1950, 1, 1950, 12)},
	{in: "2099", want: single(2099, 1, 2099, 12)},

	// Two-digit end years.
	{in: "2015-18", want: rng(2015, 1, 2018, 12)},
	{in: "2009–10", want: rng(2009, 1, 2010, 12)},
	{in: "1998–02", want: rng(1998, 1, 2002, 12)},
	{in: "2015–'18", want: rng(2015, 1, 2018, 12)},

	// Ranges.
	{in: "Jun. 2023 - Now", want: open(2023, 6)},
	{in: "Mar. 2021 - Jun. 2023", want: rng(2021, 3, 2023, 6)},
	{in: "Aug. 2019 - Jan 2020", want: rng(2019, 8, 2020, 1)},
	{in: "Sep. 2015 - Jun. 2019", want: rng(2015, 9, 2019, 6)},
	{in: "May 2023 - Dec 2023", want: rng(2023, 5, 2023, 12)},
	{in: "2021–present", want: open(2021, 1)},
	{in: "03/2021 – 11/2022", want: rng(2021, 3, 2022, 11)},
	{in: "2019-04 to 2020-01", want: rng(2019, 4, 2020, 1)},
	{in: "2016 to 2021", want: rng(2016, 1, 2021, 12)},
	{in: "2019 - 2021", want: rng(2019, 1, 2021, 12)},
	{in: "2015-2018", want: rng(2015, 1, 2018, 12)},
	{in: "(2019–2021)", want: rng(2019, 1, 2021, 12)},
	{in: "2019 — 2021", want: rng(2019, 1, 2021, 12)},
	{in: "Jan–Mar 2021", want: rng(2021, 1, 2021, 3)},
	{in: "January to March 2021", want: rng(2021, 1, 2021, 3)},
	{in: "June 2018 to July 2019", want: rng(2018, 6, 2019, 7)},
	{in: "2018 till 2020", want: rng(2018, 1, 2020, 12)},
	{in: "2018 until Mar 2020", want: rng(2018, 1, 2020, 3)},
	{in: "Jan 2018 through Mar 2019", want: rng(2018, 1, 2019, 3)},
	{in: "Jan 2018 thru Mar 2019", want: rng(2018, 1, 2019, 3)},
	{in: "2018 → 2020", want: rng(2018, 1, 2020, 12)},
	{in: "2018 -> 2020", want: rng(2018, 1, 2020, 12)},
	{in: "2018--2020", want: rng(2018, 1, 2020, 12)},
	{in: "2018 ~ 2020", want: rng(2018, 1, 2020, 12)},
	{in: "January, 2022 - present", want: open(2022, 1)},
	{in: "2019 - Mar 2021", want: rng(2019, 1, 2021, 3)},
	{in: "Mar 2021 - Mar 2021", want: rng(2021, 3, 2021, 3)},

	// Open ends.
	{in: "2020 - Current", want: open(2020, 1)},
	{in: "2020 - currently", want: open(2020, 1)},
	{in: "2020 - TODAY", want: open(2020, 1)},
	{in: "2019 to date", want: open(2019, 1)},
	{in: "2019 – till date", want: open(2019, 1)},
	{in: "May 2020 – ongoing", want: open(2020, 5)},
	{in: "2019 onwards", want: open(2019, 1)},

	// Seasons and quarters.
	{in: "Summers 2015-2018", want: seasonal(Summer, rng(2015, 6, 2018, 8))},
	{in: "Summer 2015-2018", want: seasonal(Summer, rng(2015, 6, 2018, 8))},
	{in: "Summers 2015-18", want: seasonal(Summer, rng(2015, 6, 2018, 8))},
	{in: "Winters 2019 - 2021", want: seasonal(Winter, rng(2019, 1, 2021, 4))},
	{in: "Summers 2019 - present", want: seasonal(Summer, open(2019, 6))},
	{in: "Summer 2019 - present", want: open(2019, 6)}, // singular: continuous
	{in: "Summer 2019", want: seasonal(Summer, rng(2019, 6, 2019, 8))},
	{in: "Fall 2020", want: seasonal(Fall, rng(2020, 9, 2020, 12))},
	{in: "autumn 2020", want: seasonal(Fall, rng(2020, 9, 2020, 12))},
	{in: "Winter 2021", want: seasonal(Winter, rng(2021, 1, 2021, 4))},
	{in: "Spring 2020", want: seasonal(Spring, rng(2020, 3, 2020, 5))},
	{in: "Fall 2019 – Spring 2021", want: rng(2019, 9, 2021, 5)},
	{in: "Summer–Fall 2019", want: rng(2019, 6, 2019, 12)},
	{in: "Q3 2020", want: rng(2020, 7, 2020, 9)},
	{in: "q1 2021", want: rng(2021, 1, 2021, 3)},
	{in: "Q1 2020 - Q3 2021", want: rng(2020, 1, 2021, 9)},

	// Narrative.
	{in: "In 2013", want: start(2013, 1)},
	{in: "in 2022", want: start(2022, 1)},
	{in: "In March 2021", want: start(2021, 3)},
	{in: "from 2019", want: start(2019, 1)},
	{in: "In Summer 2019", want: seasonal(Summer, rng(2019, 6, 2019, 8))},
	{in: "in 2019-2021", want: rng(2019, 1, 2021, 12)},
	{in: "From 2016 to 2021", want: rng(2016, 1, 2021, 12)},
	{in: "from 2010 to 2013", want: rng(2010, 1, 2013, 12)},
	{in: "Between 2016 and 2021", want: rng(2016, 1, 2021, 12)},
	{in: "between January and March 2021", want: rng(2021, 1, 2021, 3)},
	{in: "Since 2019", want: open(2019, 1)},
	{in: "since May 2020", want: open(2020, 5)},

	// Surroundings.
	{in: "  | 2019 – 2021 |  ", want: rng(2019, 1, 2021, 12)},
	{in: "• Jan 2020 - Mar 2021.", want: rng(2020, 1, 2021, 3)},
	{in: "[2019]", want: single(2019, 1, 2019, 12)},
	{in: "- 2019 -> present", want: open(2019, 1)},
	{in: "· 2019,", want: single(2019, 1, 2019, 12)},
	{in: "2019\u00a0–\u00a02021", want: rng(2019, 1, 2021, 12)},

	// Failures.
	{in: "2021 - 2019", err: ErrEndBeforeStart},
	{in: "Jun 2023 - Mar 2021", err: ErrEndBeforeStart},
	{in: "Mar–Jan 2021", err: ErrEndBeforeStart},
	{in: "Summers 2018-2015", err: ErrEndBeforeStart},
	{in: "Between 2021 and 2016", err: ErrEndBeforeStart},
	{in: "13/2020", err: ErrInvalid},
	{in: "0/2020", err: ErrInvalid},
	{in: "Month 13/2020", err: ErrNoDate},
	{in: "2019-13", err: ErrInvalid},
	{in: "2019-00", err: ErrInvalid},
	{in: "2019–04", err: ErrInvalid}, // 2104
	{in: "31/02/2020", err: ErrInvalid},
	{in: "13/13/2020", err: ErrInvalid},
	{in: "2021-02-29", err: ErrInvalid},
	{in: "February 30, 2020", err: ErrInvalid},
	{in: "32 March 2020", err: ErrInvalid},
	{in: "1800", err: ErrInvalid},
	{in: "Jan 1800", err: ErrInvalid},
	{in: "2019 - 3000", err: ErrInvalid},
	{in: "2100", err: ErrInvalid},
	{in: "year 1800", err: ErrNoDate},
	{in: "", err: ErrNoDate},
	{in: "   ", err: ErrNoDate},
	{in: "( )", err: ErrNoDate},
	{in: "hello world", err: ErrNoDate},
	{in: "3.95", err: ErrNoDate},
	{in: "Jan", err: ErrNoDate},
	{in: "Jan - Mar", err: ErrNoDate},
	{in: "Jan - now", err: ErrNoDate},
	{in: "Q5 2020", err: ErrNoDate},
	{in: "2019 - 04", err: ErrNoDate}, // spaced: not a two-digit year
	{in: "Jan 2020 and more", err: ErrNoDate},
	{in: "2019 2020", err: ErrNoDate},
	{in: "Now", err: ErrNoDate},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		got, err := Parse(c.in)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("Parse(%q) = %v, %v; want error %v", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

func TestParseErrorText(t *testing.T) {
	_, err := Parse("2019-13")
	if err == nil || err.Error() != `timeline: "2019-13": invalid date` {
		t.Errorf("error = %v", err)
	}
}

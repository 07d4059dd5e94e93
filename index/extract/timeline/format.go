package timeline

import "strconv"

// String returns "range", "single" or "start".
func (k Kind) String() string {
	switch k {
	case KindRange:
		return "range"
	case KindSingle:
		return "single"
	case KindStart:
		return "start"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// String returns the season's name, or "" for NoSeason.
func (s Season) String() string {
	switch s {
	case NoSeason:
		return ""
	case Summer:
		return "summer"
	case Fall:
		return "fall"
	case Winter:
		return "winter"
	case Spring:
		return "spring"
	}
	return "Season(" + strconv.Itoa(int(s)) + ")"
}

// String formats r for logs and tests: "range 2021-03..2023-06",
// "range 2023-06..now", "start 2013-01", "range 2015-06..2018-08 summer".
func (r Range) String() string {
	if r == (Range{}) {
		return "none"
	}
	s := r.Kind.String() + " " + r.Start.String()
	switch {
	case r.Open:
		s += "..now"
	case r.Kind != KindStart:
		s += ".." + r.End.String()
	}
	if r.Season != NoSeason {
		s += " " + r.Season.String()
	}
	return s
}

package timeline

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Grammar, over the tokens of lex (case is ignored):
//
//	expr     = "since" span | ("in" | "from") span | "between" point "and" end | span
//	span     = point [ "onward(s)" | conn end ]
//	conn     = - – — -- -> → ~ | to till until through thru
//	end      = now present current currently today ongoing | [to|till] date
//	         | YY (after a year, dash written tight) | point
//	point    = YYYY | 'YY | YYYY-MM[-DD] | YYYY/MM[/DD] | M/YYYY | M/D/YYYY
//	         | [D[th]] Month[.] [D[th]] [,] year | Season year | Qn year
//	year     = YYYY | 'YY
//
// Decisions:
//   - Years are 1950–2099; anything else is ErrInvalid. Work histories do not
//     reach further back, and the bound keeps "1024 threads" out.
//   - 'YY is 19YY for YY >= 50, else 20YY.
//   - A two-digit year is only read after a full year and a tight dash:
//     "2015-18", "2009–10". With a hyphen, YYYY-NN with NN in 01–12 is the
//     ISO month (so "2019-04" is April 2019), and NN > 12 is a year in the same
//     century, which must not be before the start ("2019-13" is ErrInvalid).
//     With other dashes the year rolls into the next century if needed
//     ("1998–02" is 1998–2002).
//   - N/N/YYYY is month/day unless the first number is over 12 (then
//     day/month); the day is checked against the month ("31/02/2020" fails).
//   - A month or season without a year takes the end's year:
//     "Jan–Mar 2021".
//   - "In"/"From" + a year or month is KindStart; + a season, quarter or a
//     range it is that span. "Since" + a date is an open KindRange.
//   - A season or quarter names a span, so alone it is a KindRange ("Q3
//     2020" is Jul–Sep); a lone season keeps its Season. A season followed by
//     a year range ("Summer 2015-2018") or written in the plural
//     ("Summers 2019 – now") recurs every year; "Fall 2019 – Spring 2021" is
//     continuous.

// errNoMatch means no date expression starts at the token; unlike the
// exported errors it is never returned by Parse or seen by callers.
var errNoMatch = errors.New("no match")

const (
	minYear = 1950
	maxYear = 2099
)

func validYear(y int) bool { return minYear <= y && y <= maxYear }

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

type pkind uint8

const (
	pYear pkind = iota + 1
	pMonth
	pSeason
	pQuarter
)

// point is one date of an expression: a year, a month, a season or a
// quarter. year is 0 when it is not written ("Jan" of "Jan–Mar 2021").
type point struct {
	kind   pkind
	plural bool // "Summers"
	year   int
	v      int // month 1–12, Season, or quarter 1–4
	end    int // offset after the point
}

func (p point) first() Month {
	switch p.kind {
	case pMonth:
		return Month(p.year*12 + p.v - 1)
	case pSeason:
		return Month(p.year*12 + seasonMonths[p.v][0] - 1)
	case pQuarter:
		return Month(p.year*12 + (p.v-1)*3)
	}
	return Month(p.year * 12)
}

func (p point) last() Month {
	switch p.kind {
	case pMonth:
		return Month(p.year*12 + p.v - 1)
	case pSeason:
		return Month(p.year*12 + seasonMonths[p.v][1] - 1)
	case pQuarter:
		return Month(p.year*12 + p.v*3 - 1)
	}
	return Month(p.year*12 + 11)
}

// yearAt reads a year token at t: YYYY or 'YY. It returns the offset after it.
func yearAt(s string, t token) (int, int, error) {
	switch t.kind {
	case tNum:
		if t.n != 4 {
			return 0, t.end, errNoMatch
		}
		if !validYear(t.val) {
			return 0, t.end, ErrInvalid
		}
		return t.val, t.end, nil
	case tApos:
		n := lex(s, t.end)
		if n.kind != tNum || n.n != 2 || n.gap {
			return 0, t.end, errNoMatch
		}
		if n.val >= 50 {
			return 1900 + n.val, n.end, nil
		}
		return 2000 + n.val, n.end, nil
	}
	return 0, t.end, errNoMatch
}

// pointAt parses the point that starts at t. On error, the point's end is
// where the bad date ends, so Find can skip it whole.
func pointAt(s string, t token) (point, error) {
	switch t.kind {
	case tApos:
		y, end, err := yearAt(s, t)
		return point{kind: pYear, year: y, end: end}, err
	case tNum:
		if t.n == 4 {
			return yearPoint(s, t)
		}
		if t.n <= 2 {
			return numericPoint(s, t)
		}
	case tWord:
		switch t.w.cls {
		case wMonth:
			return monthPoint(s, t)
		case wSeason:
			p := point{kind: pSeason, v: int(t.w.v), plural: t.w.plural, end: t.end}
			return withYear(s, p, lex(s, t.end))
		case wQ:
			q := lex(s, t.end)
			if q.kind != tNum || q.gap || q.n != 1 || q.val < 1 || q.val > 4 {
				return point{end: t.end}, errNoMatch
			}
			return withYear(s, point{kind: pQuarter, v: q.val, end: q.end}, lex(s, q.end))
		}
	}
	return point{end: t.end}, errNoMatch
}

// withYear completes p with the year at t, or returns p without a year.
func withYear(s string, p point, t token) (point, error) {
	y, end, err := yearAt(s, t)
	switch err {
	case nil:
		p.year, p.end = y, end
		return p, nil
	case errNoMatch:
		return p, nil
	}
	return point{end: end}, err
}

// yearPoint parses a point starting with a four-digit number: a year or an
// ISO month or day ("2019", "2019-04", "2021-03-15", "2021/03").
func yearPoint(s string, t token) (point, error) {
	if !validYear(t.val) {
		return point{end: t.end}, ErrInvalid
	}
	p := point{kind: pYear, year: t.val, end: t.end}
	sep := lex(s, t.end)
	if sep.gap || !(sep.kind == tSlash || sep.kind == tDash && sep.val == '-') {
		return p, nil
	}
	m := lex(s, sep.end)
	if m.kind != tNum || m.gap {
		return p, nil
	}
	if sep.kind == tDash {
		if m.n != 2 || m.val > 12 {
			return p, nil // "2015-2018", "2015-18": a range, read by spanAt
		}
	} else if m.n > 2 {
		return p, nil // "2019/2020"
	}
	if m.val < 1 || m.val > 12 {
		return point{end: m.end}, ErrInvalid
	}
	p = point{kind: pMonth, year: t.val, v: m.val, end: m.end}
	// An optional day, with the same separator: "2021-03-15".
	sep2 := lex(s, m.end)
	if sep2.gap || sep2.kind != sep.kind || sep2.val != sep.val {
		return p, nil
	}
	d := lex(s, sep2.end)
	if d.kind != tNum || d.gap || d.n > 2 || (sep.kind == tDash && d.n != 2) {
		return p, nil
	}
	if d.val < 1 || d.val > daysIn(p.year, p.v) {
		return point{end: d.end}, ErrInvalid
	}
	p.end = d.end
	return p, nil
}

// numericPoint parses a point starting with a one- or two-digit number:
// "3/2021", "03/15/2021", "15 March 2021", "1st May 2020".
func numericPoint(s string, t token) (point, error) {
	sep := lex(s, t.end)
	if sep.kind == tSlash && !sep.gap {
		m := lex(s, sep.end)
		if m.kind != tNum || m.gap {
			return point{end: t.end}, errNoMatch
		}
		if m.n == 4 { // M/YYYY
			if !validYear(m.val) || t.val < 1 || t.val > 12 {
				return point{end: m.end}, ErrInvalid
			}
			return point{kind: pMonth, year: m.val, v: t.val, end: m.end}, nil
		}
		if m.n > 2 {
			return point{end: t.end}, errNoMatch
		}
		sep2 := lex(s, m.end)
		y := lex(s, sep2.end)
		if sep2.kind != tSlash || sep2.gap || y.kind != tNum || y.gap || y.n != 4 {
			return point{end: t.end}, errNoMatch
		}
		month, day := t.val, m.val
		if month > 12 && day <= 12 {
			month, day = day, month // day/month
		}
		if !validYear(y.val) || month < 1 || month > 12 || day < 1 || day > daysIn(y.val, month) {
			return point{end: y.end}, ErrInvalid
		}
		return point{kind: pMonth, year: y.val, v: month, end: y.end}, nil
	}
	// Day first: "13 August 2020".
	if sep.kind == tWord && sep.w.cls == wOrd && !sep.gap {
		sep = lex(s, sep.end)
	}
	if sep.kind != tWord || sep.w.cls != wMonth {
		return point{end: t.end}, errNoMatch
	}
	p, err := monthYear(s, sep)
	if err != nil {
		return p, err
	}
	if p.year == 0 {
		return point{end: t.end}, errNoMatch
	}
	if t.val < 1 || t.val > daysIn(p.year, p.v) {
		return point{end: p.end}, ErrInvalid
	}
	return p, nil
}

// monthYear parses Month[.] [,] year; the year may be missing.
func monthYear(s string, t token) (point, error) {
	p := point{kind: pMonth, v: int(t.w.v), end: t.end}
	n := lex(s, t.end)
	if n.kind == tDot && !n.gap {
		p.end = n.end
		n = lex(s, n.end)
	}
	if n.kind == tComma {
		n = lex(s, n.end)
	}
	return withYear(s, p, n)
}

// monthPoint parses a point starting with a month name: "Jun. 2023",
// "January, 2022", "March 15, 2021", "Jun '19", or a bare "Jan".
func monthPoint(s string, t token) (point, error) {
	p, err := monthYear(s, t)
	if err != nil || p.year != 0 {
		return p, err
	}
	d := lex(s, p.end)
	if d.kind != tNum || d.n > 2 {
		return p, nil
	}
	n := lex(s, d.end)
	if n.kind == tWord && n.w.cls == wOrd && !n.gap {
		n = lex(s, n.end)
	}
	if n.kind == tComma {
		n = lex(s, n.end)
	}
	y, end, err := yearAt(s, n)
	switch {
	case err == errNoMatch:
		return p, nil // "May 15" with no year: only the month
	case err != nil:
		return point{end: end}, err
	case d.val < 1 || d.val > daysIn(y, p.v):
		return point{end: end}, ErrInvalid
	}
	p.year, p.end = y, end
	return p, nil
}

// span is a point, optionally followed by an end.
type span struct {
	a, b   point
	hasEnd bool
	open   bool
	end    int
}

// conn is a range connector.
type conn struct {
	end    int
	gap    bool // space before the connector
	dash   bool
	hyphen bool // a single ASCII hyphen: ISO dates use it
	toWord bool // to, till, until: "date" may follow
}

func connAt(s string, t token) (conn, bool) {
	switch t.kind {
	case tDash:
		c := conn{end: t.end, gap: t.gap, dash: true, hyphen: t.val == '-'}
		if t.val == '-' {
			if n := lex(s, t.end); !n.gap && (n.kind == tGT || n.kind == tDash && n.val == '-') {
				c.end, c.hyphen, c.dash = n.end, false, n.kind == tDash // "->", "--"
			}
		}
		return c, true
	case tArrow, tTilde:
		return conn{end: t.end, gap: t.gap}, true
	case tWord:
		if t.w.cls == wConn {
			return conn{end: t.end, gap: t.gap, toWord: t.w.v == 1}, true
		}
	}
	return conn{}, false
}

// endAt parses the end of a range after connector c, for start a. It
// returns the end point, whether the end is open, and the offset after it.
func endAt(s string, c conn, a point) (point, bool, int, error) {
	t := lex(s, c.end)
	if t.kind == tWord {
		switch t.w.cls {
		case wOpen:
			return point{}, true, t.end, nil
		case wDate:
			if c.toWord {
				return point{}, true, t.end, nil
			}
		case wConn: // "2019 – till date"
			if u := lex(s, t.end); t.w.v == 1 && u.kind == tWord && u.w.cls == wDate {
				return point{}, true, u.end, nil
			}
		}
	}
	if t.kind == tNum && t.n == 2 && c.dash && !c.gap && !t.gap && a.year != 0 &&
		(a.kind == pYear || a.kind == pSeason) {
		y := a.year/100*100 + t.val
		if c.hyphen {
			if t.val <= 12 || y < a.year {
				return point{}, false, t.end, ErrInvalid // not an ISO month, not a later year
			}
		} else if y < a.year {
			y += 100
		}
		if !validYear(y) {
			return point{}, false, t.end, ErrInvalid
		}
		return point{kind: pYear, year: y, end: t.end}, false, t.end, nil
	}
	b, err := pointAt(s, t)
	if err != nil {
		return point{}, false, b.end, err
	}
	if b.year == 0 {
		return point{}, false, b.end, errNoMatch
	}
	return b, false, b.end, nil
}

// spanAt parses a point and, if one follows, the end of its range.
func spanAt(s string, t token) (span, error) {
	a, err := pointAt(s, t)
	if err != nil {
		return span{end: a.end}, err
	}
	sp := span{a: a, end: a.end}
	n := lex(s, a.end)
	if n.kind == tWord && n.w.cls == wOnward && a.year != 0 {
		sp.hasEnd, sp.open, sp.end = true, true, n.end
		return sp, nil
	}
	if c, ok := connAt(s, n); ok {
		b, open, end, err := endAt(s, c, a)
		switch {
		case err == nil:
			if a.year == 0 && (open || b.kind == pYear) {
				break // "Jan – now", "Jan – 2021": no year for the start
			}
			sp.b, sp.open, sp.hasEnd, sp.end = b, open, true, end
		case err != errNoMatch:
			return span{end: end}, err
		}
	}
	if sp.a.year == 0 && !sp.hasEnd {
		return span{end: t.end}, errNoMatch
	}
	return sp, nil
}

// rangeOf turns a span into a Range.
func (sp span) rangeOf() (Range, error) {
	a := sp.a
	if !sp.hasEnd {
		switch a.kind {
		case pYear, pMonth:
			return Range{Kind: KindSingle, Start: a.first(), End: a.last()}, nil
		case pSeason:
			return Range{Kind: KindRange, Start: a.first(), End: a.last(), Season: Season(a.v)}, nil
		}
		return Range{Kind: KindRange, Start: a.first(), End: a.last()}, nil
	}
	if a.year == 0 {
		a.year = sp.b.year
	}
	r := Range{Kind: KindRange, Start: a.first()}
	recurring := a.kind == pSeason && (a.plural || (!sp.open && sp.b.kind == pYear))
	switch {
	case sp.open:
		r.Open = true
	case recurring && sp.b.kind == pYear:
		r.End = Month(sp.b.year*12 + seasonMonths[a.v][1] - 1)
	default:
		r.End = sp.b.last()
	}
	if recurring {
		r.Season = Season(a.v)
	}
	if !r.Open && r.End < r.Start {
		return Range{}, ErrEndBeforeStart
	}
	return r, nil
}

// exprAt parses the date expression that starts at t and returns it with
// the offset after it. On an error other than errNoMatch the offset is the
// end of the bad expression.
func exprAt(s string, t token) (Range, int, error) {
	if t.kind == tWord {
		switch t.w.cls {
		case wIn, wFrom, wSince:
			sp, err := spanAt(s, lex(s, t.end))
			if err == errNoMatch {
				return Range{}, t.end, err
			}
			if err != nil {
				return Range{}, sp.end, err
			}
			if !sp.hasEnd {
				if t.w.cls == wSince {
					return Range{Kind: KindRange, Start: sp.a.first(), Open: true}, sp.end, nil
				}
				if sp.a.kind == pYear || sp.a.kind == pMonth {
					return Range{Kind: KindStart, Start: sp.a.first()}, sp.end, nil
				}
			}
			r, err := sp.rangeOf()
			return r, sp.end, err
		case wBetween:
			a, err := pointAt(s, lex(s, t.end))
			if err == errNoMatch {
				return Range{}, t.end, err
			}
			if err != nil {
				return Range{}, a.end, err
			}
			and := lex(s, a.end)
			if and.kind != tWord || and.w.cls != wAnd {
				return Range{}, t.end, errNoMatch
			}
			b, open, end, err := endAt(s, conn{end: and.end, gap: and.gap}, a)
			if err == errNoMatch || err == nil && a.year == 0 && (open || b.kind == pYear) {
				return Range{}, t.end, errNoMatch
			}
			if err != nil {
				return Range{}, end, err
			}
			r, err := span{a: a, b: b, hasEnd: true, open: open}.rangeOf()
			return r, end, err
		}
	}
	sp, err := spanAt(s, t)
	if err != nil {
		return Range{}, sp.end, err
	}
	r, err := sp.rangeOf()
	return r, sp.end, err
}

// canStart reports whether a date expression may start at t.
func canStart(t token) bool {
	switch t.kind {
	case tNum:
		return t.n <= 2 || t.n == 4
	case tApos:
		return true
	case tWord:
		switch t.w.cls {
		case wMonth, wSeason, wQ, wIn, wFrom, wSince, wBetween:
			return true
		}
	}
	return false
}

// Parse parses text that is exactly one date expression. Surrounding
// spaces, parentheses, brackets, commas, "|", "·", bullets and a final
// period are allowed. Errors wrap ErrNoDate (no date, or more than one
// date expression), ErrEndBeforeStart or ErrInvalid.
func Parse(text string) (Range, error) {
	s := trimOuter(text)
	t := lex(s, 0)
	if t.kind == tEOF {
		return Range{}, fmt.Errorf("timeline: %q: %w", text, ErrNoDate)
	}
	r, end, err := exprAt(s, t)
	switch {
	case err == errNoMatch:
		return Range{}, fmt.Errorf("timeline: %q: %w", text, ErrNoDate)
	case err != nil:
		return Range{}, fmt.Errorf("timeline: %q: %w", text, err)
	case lex(s, end).kind != tEOF:
		return Range{}, fmt.Errorf("timeline: %q: text after the date: %w", text, ErrNoDate)
	}
	return r, nil
}

// trimOuter removes the punctuation that may surround a date on a line.
func trimOuter(s string) string {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if !unicode.IsSpace(r) && !isOuter(r) && r != '-' && r != '*' && r != '–' && r != '—' {
			break
		}
		s = s[size:]
	}
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsSpace(r) && !isOuter(r) && r != '.' && r != ';' && r != ':' {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

func isOuter(r rune) bool {
	switch r {
	case '(', ')', '[', ']', '{', '}', ',', '|', '·', '•', '◦', '▪', '‣', '●', '○', '■', '□', '►', '▸', '\u200b', '\ufeff':
		return true
	}
	return false
}

// Find returns every date expression in text, in order and without
// overlap, with byte offsets into text. Inverted or invalid ranges are
// skipped, and so are numbers glued to other text ("v2019", "2019.5",
// "555-2019", "$2019").
func Find(text string) []Match {
	var out []Match
	// Every date has a year, so two digits in a row, at most a few words
	// after its start ("between Jan. and Mar., 2021"). Only the words just
	// before each pair of digits are lexed; long prose is skipped by a byte
	// scan.
	for pos := 0; pos < len(text); {
		d := nextDigits(text, pos)
		if d < 0 {
			break
		}
		for p := lookBack(text, d, pos); ; {
			t := lex(text, p)
			if t.kind == tEOF || t.start > d {
				pos = p
				break
			}
			p = t.end
			if !canStart(t) || !leftOK(text, t.start) {
				continue
			}
			r, end, err := exprAt(text, t)
			if err == errNoMatch {
				continue
			}
			if end > p {
				p = end
			}
			if err == nil && rightOK(text, end) {
				out = append(out, Match{Start: t.start, End: end, Range: r})
			}
		}
	}
	return out
}

// nextDigits returns the offset of the first of two digits in a row at or
// after i, or -1.
func nextDigits(s string, i int) int {
	for ; i+1 < len(s); i++ {
		if isDigit(s[i]) && isDigit(s[i+1]) {
			return i
		}
	}
	return -1
}

// lookBackWords is how many space-separated words before a pair of digits
// may belong to the same date expression; the grammar needs at most 8.
const lookBackWords = 12

// lookBack returns where to start lexing for a date around offset d: the
// space before the lookBackWords-th word before d, but not before lo. An
// ASCII space is always between tokens, so lexing from it is in step.
func lookBack(s string, d, lo int) int {
	i := d
	for k := 0; k < lookBackWords && i > lo; k++ {
		for i > lo && !isSpace(s[i-1]) {
			i--
		}
		for i > lo && isSpace(s[i-1]) {
			i--
		}
	}
	return i
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

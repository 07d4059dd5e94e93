package scoring

import (
	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/timeline"
)

// Features packs what a posting knows of one (profile, skill) pair into 32
// bits, so a posting is 8 bytes with its doc ordinal:
//
//	bits  0–3   mentions, capped at 15
//	bits  4–10  sections seen in (document.SectionSet, 7 kinds)
//	bits 11–18  months of experience, capped at 255 (unused when current)
//	bits 19–30  a month as epochMonth offset + 1 (0 = unknown): the last
//	            month used, or, when current, the virtual start
//	            asOf − months + 1, so months grow with the query's as-of
//	bit  31     current: the skill is used in a position that runs until now
type Features uint32

const (
	mentionBits = 4
	sectionBits = 7
	monthBits   = 8
	dateBits    = 12

	sectionShift = mentionBits
	monthShift   = sectionShift + sectionBits
	dateShift    = monthShift + monthBits
	currentBit   = 31

	maxMentions = 1<<mentionBits - 1
	maxMonths   = 1<<monthBits - 1
	maxDate     = 1<<dateBits - 1
)

// epochMonth is month 1 of the date field: January 1950, the earliest year
// the date grammar accepts; 12 bits reach the 2290s.
var epochMonth = timeline.MonthOf(1950, 1)

// dateIndex maps a month to the date field (0 for unknown or out of range).
func dateIndex(m timeline.Month) int {
	if m.IsZero() || m < epochMonth {
		return 0
	}
	return min(int(m-epochMonth)+1, maxDate)
}

// monthOfIndex is the inverse of dateIndex.
func monthOfIndex(i int) timeline.Month {
	if i == 0 {
		return 0
	}
	return epochMonth + timeline.Month(i-1)
}

// Pack builds the features of one piece of evidence extracted as of asOf.
func Pack(ev *extract.Evidence, asOf timeline.Month) Features {
	f := Features(min(ev.Mentions, maxMentions))
	f |= Features(ev.Sections) & (1<<sectionBits - 1) << sectionShift
	if ev.Current && !asOf.IsZero() {
		start := asOf - timeline.Month(ev.Months) + 1
		return f | Features(dateIndex(start))<<dateShift | 1<<currentBit
	}
	f |= Features(min(ev.Months, maxMonths)) << monthShift
	f |= Features(dateIndex(ev.LastUsed)) << dateShift
	return f
}

// Mentions returns the mention count (capped at 15).
func (f Features) Mentions() int { return int(f & maxMentions) }

// Sections returns the section kinds bit set (document.SectionSet).
func (f Features) Sections() uint8 { return uint8(f >> sectionShift & (1<<sectionBits - 1)) }

// Current reports use in a position that runs until now.
func (f Features) Current() bool { return f>>currentBit != 0 }

// Months returns the months of experience as of asOf.
func (f Features) Months(asOf timeline.Month) int {
	if f.Current() {
		return max(0, dateIndex(asOf)-int(f>>dateShift&maxDate)+1)
	}
	return int(f >> monthShift & maxMonths)
}

// LastUsed returns the last month of use as of asOf (asOf when current,
// zero when unknown).
func (f Features) LastUsed(asOf timeline.Month) timeline.Month {
	if f.Current() {
		return asOf
	}
	return monthOfIndex(int(f >> dateShift & maxDate))
}

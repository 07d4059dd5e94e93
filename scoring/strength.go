package scoring

import "math"

// The strength of a candidate in one skill is a number in [0,1] that grows
// with evidence and saturates:
//
//	strength = MentionWeight·m + ExperienceWeight·e·r
//	m = 1 − 2^(−mentions)                  (1 mention 0.5, 2 → 0.75, 3 → 0.875)
//	e = 1 − exp(−months / ExperienceScale) (12 months 0.39, 36 → 0.78, 72 → 0.95)
//	r = 2^(−monthsSinceLastUse / RecencyHalfLife), 1 when current
//
// A skill only listed earns at most MentionWeight; years of recent, dated
// use earn the rest. A requirement's minimum years scales the strength by
//
//	f = MinYearsFloor + (1 − MinYearsFloor)·min(1, months / (12·MinYears))
//
// so a candidate below the minimum keeps partial credit in proportion to
// the months shown. A skill with no dated experience at all (only listed,
// or named in undated text) has unknown duration, neither met nor failed:
// it keeps UnknownYearsFactor. Scores are weighted means of strengths
// times relation credits, so they stay in [0,1].
const (
	// MentionWeight is the share of strength earned by mentions alone, [0,1].
	MentionWeight = 0.4
	// ExperienceWeight is the share earned by dated experience; with
	// MentionWeight it sums to 1.
	ExperienceWeight = 1 - MentionWeight
	// ExperienceScale, in months, sets how fast experience saturates:
	// ExperienceScale months earn 63% of ExperienceWeight.
	ExperienceScale = 24.0
	// RecencyHalfLife, in months since last use, halves the experience part.
	RecencyHalfLife = 36.0
	// MinYearsFloor is where the minimum-years factor starts for dated
	// experience far below the minimum, in [0,1].
	MinYearsFloor = 0.2
	// UnknownYearsFactor is the minimum-years factor of a skill with no
	// dated experience: absence of dates is not evidence of a short time.
	UnknownYearsFactor = 0.4
)

// maxSince bounds the recency table: 50 years without use is as stale as
// anything gets.
const maxSince = 600

// strengthTables are the per-query lookup tables of the hot path: the
// mention and experience curves, and per value of the 12-bit date field
// (so a posting costs lookups, not arithmetic on months) the recency of a
// last-use date and, for current skills, the months and the experience
// part since a virtual start.
type strengthTables struct {
	mention    [maxMentions + 1]float32
	experience [maxMonths + 1]float32
	recency    [maxSince + 1]float32
	// recencyAt[d] = recency of a last use at date index d (1 for d = 0).
	recencyAt [maxDate + 1]float32
	// currentMonths[d] = months since virtual start d, clamped to maxMonths;
	// currentExp[d] = experience[currentMonths[d]].
	currentMonths [maxDate + 1]uint8
	currentExp    [maxDate + 1]float32
	asOfIndex     int
}

// newStrengthTables builds the tables for the as-of date index asOf.
func newStrengthTables(asOf int) *strengthTables {
	t := new(strengthTables)
	for n := range t.mention {
		t.mention[n] = float32(MentionWeight * (1 - math.Exp2(-float64(n))))
	}
	for mo := range t.experience {
		t.experience[mo] = float32(ExperienceWeight * (1 - math.Exp(-float64(mo)/ExperienceScale)))
	}
	for s := range t.recency {
		t.recency[s] = float32(math.Exp2(-float64(s) / RecencyHalfLife))
	}
	t.fillDates(asOf)
	return t
}

func (t *strengthTables) fillDates(asOf int) {
	t.asOfIndex = asOf
	for d := range t.recencyAt {
		since := 0
		if d > 0 && asOf > d {
			since = min(asOf-d, maxSince)
		}
		t.recencyAt[d] = t.recency[since]
		mo := min(max(0, asOf-d+1), maxMonths)
		t.currentMonths[d] = uint8(mo)
		t.currentExp[d] = t.experience[mo]
	}
}

// minYearsTable returns the factor per month count for a minimum of
// minMonths (nil when there is no minimum).
func minYearsTable(minMonths int) *[maxMonths + 1]float32 {
	if minMonths <= 0 {
		return nil
	}
	t := new([maxMonths + 1]float32)
	for mo := range t {
		frac := math.Min(1, float64(mo)/float64(minMonths))
		t[mo] = float32(MinYearsFloor + (1-MinYearsFloor)*frac)
	}
	t[0] = UnknownYearsFactor
	return t
}

// keywordTables give every posting strength 1: presence only.
func keywordTables(asOf int) *strengthTables {
	t := new(strengthTables)
	for n := range t.mention {
		t.mention[n] = 1
	}
	for s := range t.recency {
		t.recency[s] = 1
	}
	t.fillDates(asOf) // experience stays 0, so current skills add nothing either
	return t
}

// strength is a posting's strength as of the tables' date: the mention
// part plus the experience part scaled by recency. Branch-free — a current
// posting has months 0 (so experience 0) and a past one the current bit 0
// — because whether a posting is current is unpredictable. Small enough to
// be inlined into the ranking loops, which, with Query.value, are its only
// callers: explanations and ranking share this arithmetic.
func (t *strengthTables) strength(f Features) float32 {
	date := f >> dateShift & maxDate
	s := t.mention[f&maxMentions] + float32(t.experience[f>>monthShift&maxMonths]*t.recencyAt[date])
	return s + float32(float32(f>>currentBit)*t.currentExp[date])
}

// months is a posting's months of experience for the minimum-years
// factor, clamped to maxMonths: stored, or since the virtual start.
func (t *strengthTables) months(f Features) uint32 {
	cur := f >> currentBit
	mo := f>>monthShift&maxMonths | Features(t.currentMonths[f>>dateShift&maxDate])&-cur
	return uint32(mo & maxMonths)
}

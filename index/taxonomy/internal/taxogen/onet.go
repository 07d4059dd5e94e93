package main

import (
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// onetProduct aggregates one O*NET Technology Skills example (a product)
// over the occupations that list it.
type onetProduct struct {
	name        string
	occupations map[string]bool
	tech        int // technical occupations among them
	hot, demand bool
	commodity   string // the commodity listed most often
	commodities map[string]int
	forms       []string // names rules may use for it
	rename      string   // canonical name from the rules, if any
}

func (b *builder) addONet(dir string) error {
	rows, err := readCSV(filepath.Join(dir, fileONetTech), '\t')
	if err != nil {
		return err
	}
	col := columns(rows[0])
	r := b.rules.ONet
	isTech := func(soc string) bool {
		for _, p := range r.TechOccupations {
			if strings.HasPrefix(soc, p) {
				return true
			}
		}
		return false
	}
	products := map[string]*onetProduct{}
	for _, row := range rows[1:] {
		ex := strings.TrimSpace(row[col["Example"]])
		p := products[ex]
		if p == nil {
			p = &onetProduct{name: ex, occupations: map[string]bool{}, commodities: map[string]int{}}
			products[ex] = p
		}
		soc := row[col["O*NET-SOC Code"]]
		if !p.occupations[soc] {
			p.occupations[soc] = true
			if isTech(soc) {
				p.tech++
			}
		}
		p.commodities[row[col["Commodity Title"]]]++
		p.hot = p.hot || row[col["Hot Technology"]] == "Y"
		p.demand = p.demand || row[col["In Demand"]] == "Y"
	}
	// Rules name a product by its O*NET name, by that name without the
	// generic suffixes, or by the name the generator derives for it.
	forms := map[string][]*onetProduct{}
	for _, name := range sortedKeys(products) {
		p := products[name]
		derived, _, _ := b.onetDerived(name)
		p.forms = uniqueStrings([]string{name, b.onetClean(name), derived})
		for _, f := range p.forms {
			forms[f] = append(forms[f], p)
		}
	}
	b.checkKnown("onet.include", r.Include, forms)
	b.checkKnown("onet.exclude", r.Exclude, forms)
	b.checkKnown("onet.rename", sortedKeys(r.Rename), forms)
	include, exclude := set(r.Include), set(r.Exclude)
	anyIn := func(p *onetProduct, m map[string]bool) bool {
		for _, f := range p.forms {
			if m[f] {
				return true
			}
		}
		return false
	}
	var chosen []*onetProduct
	for _, name := range sortedKeys(products) {
		p := products[name]
		p.commodity = topCommodity(p.commodities, r.CommodityCategories)
		if anyIn(p, exclude) {
			continue
		}
		for _, f := range p.forms {
			if n, ok := r.Rename[f]; ok {
				p.rename = n
				break
			}
		}
		if !anyIn(p, include) {
			if _, ok := r.CommodityCategories[p.commodity]; !ok {
				continue
			}
			popular := p.hot || p.demand || p.tech >= r.MinTechOccupations || p.tech >= 1 && len(p.occupations) >= r.MinOccupations
			if !popular || (p.rename == "" && isGenericProduct(name)) {
				continue
			}
		}
		chosen = append(chosen, p)
	}
	skillOf := map[*onetProduct]*skill{}
	for _, p := range chosen {
		name, aliases, merge := b.onetNames(p)
		c := candidate{source: srcONet, name: name, aliases: aliases, mergeKeys: merge, category: r.CommodityCategories[p.commodity], catPrio: prioONet}
		if br := r.CommodityBroader[p.commodity]; br != "" {
			c.broader = []string{br}
		}
		if s := b.add(c); s != nil {
			skillOf[p] = s
		}
	}
	b.onetCooccurrence(chosen, skillOf)
	return nil
}

// topCommodity picks the commodity listed most often, preferring one the
// rules map to a category.
func topCommodity(cs map[string]int, mapped map[string]string) string {
	best, bestN := "", -1
	for _, c := range sortedKeys(cs) {
		n := cs[c]
		if _, ok := mapped[c]; ok {
			n += 1 << 20
		}
		if n > bestN {
			best, bestN = c, n
		}
	}
	return best
}

// isGenericProduct reports a category rather than a product: "Word
// processing software", "Spreadsheet software" (no capitals or digits after
// the first letter).
func isGenericProduct(name string) bool {
	for i, r := range name {
		if i > 0 && (unicode.IsUpper(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// onetNames derives a canonical name, aliases and merge keys from an O*NET
// product name:
//   - "Structured query language SQL" → SQL, alias "Structured query language";
//   - "Microsoft Visual Basic for Applications VBA" → VBA, aliases
//     "Visual Basic for Applications", "Microsoft Visual Basic for Applications";
//   - "Microsoft Excel" → "Microsoft Excel", alias "Excel" (a kept vendor);
//   - "The MathWorks MATLAB" → MATLAB, alias "The MathWorks MATLAB";
//   - trailing generic words ("software", "compilers") are dropped.
func (b *builder) onetNames(p *onetProduct) (name string, aliases, merge []string) {
	if p.rename != "" {
		// A short O*NET name ("Oracle Java", "Apache Subversion SVN") is a
		// real surface form; a long descriptive one is not.
		clean := b.onetClean(p.name)
		if len(strings.Fields(clean)) <= 4 && clean != p.rename {
			aliases = append(aliases, clean)
		}
		return p.rename, aliases, nil
	}
	return b.onetDerived(p.name)
}

// onetClean drops trailing generic words ("software", "compilers").
func (b *builder) onetClean(product string) string {
	words := strings.Fields(product)
	generic := set(b.rules.ONet.GenericSuffixes)
	for len(words) > 1 && generic[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// onetDerived is the automatic part of onetNames.
func (b *builder) onetDerived(product string) (name string, aliases, merge []string) {
	r := b.rules.ONet
	clean := b.onetClean(product)
	words := strings.Fields(clean)
	// Acronym after its expansion.
	for i := 1; i < len(words); i++ {
		acr := words[i]
		if !isAcronym(acr) {
			continue
		}
		for s := i - 1; s >= 0; s-- {
			if i-s < 2 {
				continue
			}
			if initialsMatch(words[s:i], acronymLetters(acr)) {
				long := strings.Join(words[s:i], " ")
				aliases = append(aliases, long)
				merge = append(merge, long)
				if s > 0 {
					aliases = append(aliases, strings.Join(words[:i], " "))
				}
				return acr, aliases, merge
			}
		}
	}
	// Vendor prefix.
	keep := set(r.KeepVendor)
	strippedOK := set(r.StrippedOK)
	for _, v := range r.Vendors {
		if !strings.HasPrefix(clean, v+" ") {
			continue
		}
		rest := strings.TrimSpace(strings.TrimPrefix(clean, v))
		if rest == "" {
			break
		}
		wordy := b.allOrdinary(rest)
		usable := !wordy || strippedOK[rest]
		if keep[v] {
			if usable {
				aliases = append(aliases, rest)
				merge = append(merge, rest)
			}
			return clean, aliases, merge
		}
		if !usable {
			return clean, aliases, merge
		}
		return rest, append(aliases, clean), merge
	}
	return clean, aliases, merge
}

// isAcronym: two or more capitals, starting with one ("SQL", "VoIP",
// "PaaS", "EC2").
func isAcronym(w string) bool {
	up := 0
	for i, r := range w {
		switch {
		case unicode.IsUpper(r):
			up++
		case i == 0:
			return false
		case unicode.IsDigit(r), r == '/', r == '-', unicode.IsLower(r):
		default:
			return false
		}
	}
	return up >= 2
}

func acronymLetters(w string) string {
	var sb strings.Builder
	for _, r := range w {
		if unicode.IsLetter(r) {
			sb.WriteRune(unicode.ToUpper(r))
		}
	}
	return sb.String()
}

// initialsMatch reports whether acr spells the initials of words: the
// first letter of each word and of each hyphenated part, plus capitals
// inside a word ("JavaScript" → JS); small words ("for", "and", "a") may
// count or be skipped.
func initialsMatch(words []string, acr string) bool {
	if len(words) == 0 {
		return acr == ""
	}
	w := words[0]
	var sb strings.Builder
	for _, part := range strings.Split(w, "-") {
		for i, r := range part {
			if i == 0 && unicode.IsLetter(r) || i > 0 && unicode.IsUpper(r) {
				sb.WriteRune(unicode.ToUpper(r))
			}
		}
	}
	ini := sb.String()
	if strings.HasPrefix(acr, ini) && initialsMatch(words[1:], acr[len(ini):]) {
		return true
	}
	return smallWords[strings.ToLower(w)] && initialsMatch(words[1:], acr)
}

// onetCooccurrence relates products listed for similar sets of
// occupations: Jaccard similarity of the occupation sets, kept above the
// rules' threshold and scaled into [weightONetMin, weightONetMax].
func (b *builder) onetCooccurrence(ps []*onetProduct, skillOf map[*onetProduct]*skill) {
	r := b.rules.ONet
	var big []*onetProduct
	for _, p := range ps {
		if len(p.occupations) >= r.MinCooccurOccupations && skillOf[p] != nil {
			big = append(big, p)
		}
	}
	sort.Slice(big, func(i, j int) bool { return big[i].name < big[j].name })
	for i, p := range big {
		for _, q := range big[i+1:] {
			a, c := skillOf[p], skillOf[q]
			if a == c {
				continue
			}
			inter := 0
			for o := range p.occupations {
				if q.occupations[o] {
					inter++
				}
			}
			union := len(p.occupations) + len(q.occupations) - inter
			j := float64(inter) / float64(union)
			if j < r.MinJaccard {
				continue
			}
			w := weightONetMin + (weightONetMax-weightONetMin)*(j-r.MinJaccard)/(1-r.MinJaccard)
			b.relate(a, c, w, srcONet, false)
		}
	}
}

// checkKnown reports rule entries that name no product: a typo would
// otherwise silently keep or drop the wrong thing.
func (b *builder) checkKnown(what string, names []string, forms map[string][]*onetProduct) {
	for _, n := range names {
		if len(forms[n]) == 0 {
			b.errorf("rules: %s: no O*NET product %q", what, n)
		}
	}
}

func uniqueStrings(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

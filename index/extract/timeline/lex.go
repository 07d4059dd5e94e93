package timeline

import (
	"unicode"
	"unicode/utf8"
)

// The grammar runs over tokens produced on demand by lex(s, offset), not
// over a token slice: lookahead re-lexes a few tokens, which is cheaper than
// allocating a slice for every line Find sees.

type tkind uint8

const (
	tEOF   tkind = iota
	tNum         // a run of ASCII digits
	tWord        // a run of ASCII letters
	tDash        // - – — − ‒ ―
	tArrow       // → ⟶
	tTilde       // ~
	tSlash       // /
	tDot         // .
	tComma       // ,
	tApos        // ' ’ ‘
	tGT          // > (of "->")
	tOther       // any other rune
)

type token struct {
	start, end int
	// val is the value of a tNum (capped at 9 digits) or the rune of a
	// punctuation token.
	val  int
	n    int // digits in a tNum
	kind tkind
	gap  bool // whitespace precedes the token
	w    word // class of a tWord
}

// word classes.
const (
	wNone    uint8 = iota
	wMonth         // v: 1–12
	wSeason        // v: Season
	wOpen          // now, present, current, currently, today, ongoing
	wDate          // "date" of "to date"
	wConn          // to, till, until, through, thru; v=1 if "date" may follow
	wAnd           // "and" of "between … and …"
	wIn            // in
	wFrom          // from
	wSince         // since
	wBetween       // between
	wQ             // "Q" of "Q3"
	wOrd           // st, nd, rd, th of "15th"
	wOnward        // onward, onwards
)

type word struct {
	cls    uint8
	v      uint8
	plural bool
}

// words maps lower-case words to their class; read-only.
var words = map[string]word{
	"jan": {wMonth, 1, false}, "january": {wMonth, 1, false},
	"feb": {wMonth, 2, false}, "february": {wMonth, 2, false},
	"mar": {wMonth, 3, false}, "march": {wMonth, 3, false},
	"apr": {wMonth, 4, false}, "april": {wMonth, 4, false},
	"may": {wMonth, 5, false},
	"jun": {wMonth, 6, false}, "june": {wMonth, 6, false},
	"jul": {wMonth, 7, false}, "july": {wMonth, 7, false},
	"aug": {wMonth, 8, false}, "august": {wMonth, 8, false},
	"sep": {wMonth, 9, false}, "sept": {wMonth, 9, false}, "september": {wMonth, 9, false},
	"oct": {wMonth, 10, false}, "october": {wMonth, 10, false},
	"nov": {wMonth, 11, false}, "november": {wMonth, 11, false},
	"dec": {wMonth, 12, false}, "december": {wMonth, 12, false},

	// "falls" is left out: "Niagara Falls 2019" is not a season.
	"summer": {wSeason, uint8(Summer), false}, "summers": {wSeason, uint8(Summer), true},
	"fall":   {wSeason, uint8(Fall), false},
	"autumn": {wSeason, uint8(Fall), false}, "autumns": {wSeason, uint8(Fall), true},
	"winter": {wSeason, uint8(Winter), false}, "winters": {wSeason, uint8(Winter), true},
	"spring": {wSeason, uint8(Spring), false}, "springs": {wSeason, uint8(Spring), true},

	"now": {wOpen, 0, false}, "present": {wOpen, 0, false}, "current": {wOpen, 0, false},
	"currently": {wOpen, 0, false}, "today": {wOpen, 0, false}, "ongoing": {wOpen, 0, false},
	"date": {wDate, 0, false},

	"to": {wConn, 1, false}, "till": {wConn, 1, false}, "til": {wConn, 1, false},
	"until": {wConn, 1, false}, "through": {wConn, 0, false}, "thru": {wConn, 0, false},
	"and": {wAnd, 0, false},

	"in": {wIn, 0, false}, "from": {wFrom, 0, false}, "since": {wSince, 0, false},
	"between": {wBetween, 0, false},
	"q":       {wQ, 0, false},
	"st":      {wOrd, 0, false}, "nd": {wOrd, 0, false}, "rd": {wOrd, 0, false}, "th": {wOrd, 0, false},
	"onward": {wOnward, 0, false}, "onwards": {wOnward, 0, false},
}

const maxWord = 9 // len("september"), the longest key of words

// wordFilter has, for each length and first letter of a key of words, a bit
// for its last letter: most words are rejected without hashing.
var wordFilter = func() (f [maxWord + 1][26]uint32) {
	for k := range words {
		f[len(k)][k[0]-'a'] |= 1 << (k[len(k)-1] - 'a')
	}
	return f
}()

// lookupWord classifies w, a run of ASCII letters.
func lookupWord(w string) word {
	n := len(w)
	if n == 0 || n > maxWord || wordFilter[n][(w[0]|0x20)-'a']&(1<<((w[n-1]|0x20)-'a')) == 0 {
		return word{}
	}
	var buf [maxWord]byte
	for i := 0; i < n; i++ {
		buf[i] = w[i] | 0x20 // ASCII letters only: sets the lower-case bit
	}
	return words[string(buf[:n])] // no allocation: the compiler special-cases m[string(b)]
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

// lex returns the token at or after offset i.
func lex(s string, i int) token {
	gap := false
	for i < len(s) {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			i++
			gap = true
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		n := spaceRune(s[i:])
		if n == 0 {
			break
		}
		i += n
		gap = true
	}
	if i >= len(s) {
		return token{start: i, end: i, gap: gap}
	}
	c := s[i]
	switch {
	case isDigit(c):
		j, v := i, 0
		for j < len(s) && isDigit(s[j]) {
			if j-i < 9 {
				v = v*10 + int(s[j]-'0')
			}
			j++
		}
		return token{start: i, end: j, val: v, n: j - i, kind: tNum, gap: gap}
	case isLetter(c):
		j := i
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		return token{start: i, end: j, kind: tWord, gap: gap, w: lookupWord(s[i:j])}
	case c >= utf8.RuneSelf:
		return lexRune(s, i, gap)
	}
	return token{start: i, end: i + 1, val: int(c), kind: asciiKind[c], gap: gap}
}

// asciiKind is the kind of each ASCII punctuation token.
var asciiKind = func() (k [utf8.RuneSelf]tkind) {
	for i := range k {
		k[i] = tOther
	}
	k['-'], k['~'], k['/'], k['.'], k[','], k['\''], k['>'] = tDash, tTilde, tSlash, tDot, tComma, tApos, tGT
	return k
}()

// spaceRune returns the size of the space rune that starts s, or 0.
func spaceRune(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	if unicode.IsSpace(r) || r == '\u200b' { // NBSP, thin spaces, zero-width space
		return size
	}
	return 0
}

// lexRune lexes the non-ASCII rune at s[i].
func lexRune(s string, i int, gap bool) token {
	r, size := utf8.DecodeRuneInString(s[i:])
	t := token{start: i, end: i + size, val: int(r), kind: tOther, gap: gap}
	switch r {
	case '–', '—', '−', '‒', '―':
		t.kind = tDash
	case '→', '⟶':
		t.kind = tArrow
	case '’', '‘':
		t.kind = tApos
	}
	return t
}

// glued reports whether r, next to a candidate date, makes it part of a
// larger token: a letter or digit ("v2019", "2019x"), but not a letter of a
// script written without spaces ("2019年").
func glued(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isDigit(c) || isLetter(c) || c == '_'
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	return !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// leftOK reports whether a date may start at offset i of s, judging by
// what precedes it: "$2019", "#2019", "v2019", "1.2019", "555-2019" are not dates.
func leftOK(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, size := utf8.DecodeLastRuneInString(s[:i])
	if glued(r) {
		return false
	}
	switch r {
	case '$', '#', '@', '+', '=', '/', '\\', '&', '%':
		return false
	case '.', ':', '-':
		// "1.2019", "10:2019", "555-2019"; but "pre-2019" and "end.2019" pass.
		if i-size > 0 && isDigit(s[i-size-1]) {
			return false
		}
	}
	return !unicode.Is(unicode.Sc, r) // currency: "€2019"
}

// rightOK reports whether a date may end at offset i of s, judging by what
// follows it: "2019x", "2019%", "2019.5", "2048-bit", "2019:30" are not dates.
func rightOK(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if glued(r) {
		return false
	}
	next := byte(0)
	if i+size < len(s) {
		next = s[i+size]
	}
	switch r {
	case '%', '+', '$', '@', '#', '_':
		return false
	case '.', ':', '/':
		return !isDigit(next)
	case '-':
		return !isDigit(next) && !isLetter(next)
	}
	return true
}

package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Flags describe a token's shape and place; the skill matcher uses them to
// tell "Go" the language from "go" the verb.
type Flags uint16

const (
	// Upper: the first letter is upper case ("Go", "CUDA").
	Upper Flags = 1 << iota
	// AllUpper: every letter is upper case and there is at least one ("CUDA", "C").
	AllUpper
	// Lower: every letter is lower case.
	Lower
	// Digit: the token holds a digit ("int8", "2019").
	Digit
	// Symbol: the token holds a joiner kept inside it (".", "&", "+", "#").
	Symbol
	// LineStart: first token of a line.
	LineStart
	// SentenceStart: first token of a sentence (after . ! ? or a line start),
	// where capitalisation says nothing about a word being a name.
	SentenceStart
)

// Has reports whether all of want are set.
func (f Flags) Has(want Flags) bool { return f&want == want }

// Token is one word of a text.
type Token struct {
	// Start and End are byte offsets of the token in the analysed text.
	Start, End int
	// Term is the normalised form: lower-cased, and Snowball-stemmed when the
	// token is purely alphabetic. Empty from Tokenize, set by Analyzer.Analyze.
	Term  string
	Flags Flags
}

// Tokenize appends the tokens of text to dst and returns it. Terms are left
// empty; see Analyzer.Analyze.
//
// A token is a run of letters and digits. Inside a token "." is kept when a
// letter or digit follows (Node.js, ASP.NET, 3.5) and "&" between letters
// (R&D, AT&T — so "R&D" is one word and never the language R). After a
// letter, "+" or "++" (C++, g++) and "#" (C#, F#) are kept when no letter
// follows them. A "." right before a letter, at the start of a word, is kept
// (.NET). Everything else separates tokens; a possessive "'s" is dropped.
func Tokenize(text string, dst []Token) []Token {
	lineStart, sentenceStart := true, true
	i := 0
	for i < len(text) {
		c := text[i]
		// ASCII fast path: most profile text is ASCII.
		if c < utf8.RuneSelf {
			if !isAlnumASCII(c) {
				switch {
				case c == '\n':
					lineStart, sentenceStart = true, true
				case c == '.' || c == '!' || c == '?':
					if c == '.' && i+1 < len(text) && isLetterAt(text, i+1) && (i == 0 || !isWordByte(text[i-1])) {
						// ".NET": a leading dot glued to a word.
						start := i
						end, fl := scanWord(text, i+1)
						dst = append(dst, Token{Start: start, End: end, Flags: fl | Symbol | startFlags(lineStart, sentenceStart)})
						lineStart, sentenceStart = false, false
						i = end
						continue
					}
					sentenceStart = true
				case c == '\'' && i+1 < len(text) && (text[i+1] == 's' || text[i+1] == 'S') && (i+2 == len(text) || !isWordByte(text[i+2])):
					i += 2 // possessive 's
					continue
				}
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isAlnum(r) {
				if r == '’' && i+size < len(text) && (text[i+size] == 's' || text[i+size] == 'S') &&
					(i+size+1 == len(text) || !isWordByte(text[i+size+1])) {
					i += size + 1
					continue
				}
				if r == '\u2028' || r == '\u2029' || r == '\u0085' {
					lineStart, sentenceStart = true, true
				}
				i += size
				continue
			}
		}
		end, fl := scanWord(text, i)
		dst = append(dst, Token{Start: i, End: end, Flags: fl | startFlags(lineStart, sentenceStart)})
		lineStart, sentenceStart = false, false
		i = end
	}
	return dst
}

func startFlags(line, sentence bool) Flags {
	var f Flags
	if line {
		f |= LineStart
	}
	if sentence {
		f |= SentenceStart
	}
	return f
}

// scanWord reads a token starting at i (a letter or digit, or the letter
// after a leading dot) and returns its end and shape flags.
func scanWord(text string, i int) (int, Flags) {
	var (
		letters, uppers, lowers int
		first                   = true
		fl                      Flags
		lastLetter              bool
	)
	for i < len(text) {
		c := text[i]
		var r rune = rune(c)
		size := 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				uppers++
				if first {
					fl |= Upper
				}
			} else if unicode.IsLower(r) {
				lowers++
			}
			lastLetter = true
		case unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) && !first:
			if unicode.IsDigit(r) {
				fl |= Digit
			}
			lastLetter = false
		case (c == '.' || c == '&') && i+1 < len(text) && !first:
			// Keep "." before an alphanumeric; "&" only between letters.
			if c == '.' && isAlnumAt(text, i+1) || c == '&' && lastLetter && isLetterAt(text, i+1) {
				fl |= Symbol
				lastLetter = false
				i++
				first = false
				continue
			}
			return i, finishFlags(fl, letters, uppers, lowers)
		case (c == '+' || c == '#') && lastLetter:
			j := i + 1
			if c == '+' && j < len(text) && text[j] == '+' {
				j++
			}
			if j == len(text) || !isLetterAt(text, j) {
				return j, finishFlags(fl|Symbol, letters, uppers, lowers)
			}
			return i, finishFlags(fl, letters, uppers, lowers)
		default:
			return i, finishFlags(fl, letters, uppers, lowers)
		}
		first = false
		i += size
	}
	return i, finishFlags(fl, letters, uppers, lowers)
}

func finishFlags(fl Flags, letters, uppers, lowers int) Flags {
	if letters > 0 && uppers == letters {
		fl |= AllUpper
	}
	if letters > 0 && lowers == letters {
		fl |= Lower
	}
	return fl
}

func isAlnumASCII(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isWordByte reports whether the byte can belong to a word; non-ASCII bytes
// count as word bytes, which is the safe answer for the callers' checks.
func isWordByte(c byte) bool { return isAlnumASCII(c) || c >= utf8.RuneSelf }

func isAlnumAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isAlnum(r)
}

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

package document

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// readLines reads plain text or Markdown into blocks, line by line.
// Markdown and plain-text resumes share their shape (headings, bullets,
// short header lines), so one reader serves both; markdown adds ATX and
// setext headings, tables and inline markup.
func readLines(data []byte, b *Builder, markdown bool) {
	lines := strings.Split(string(data), "\n")
	inFence := false
	pendingBullet := 0 // a bullet marker alone on its line: the next line is the item
	for i := 0; i < len(lines); i++ {
		raw := strings.TrimRight(lines[i], " \t\r")
		trimmed := strings.TrimSpace(raw)
		if markdown && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")) {
			inFence = !inFence
			b.Break()
			continue
		}
		if trimmed == "" {
			if pendingBullet == 0 {
				b.Break()
			}
			continue
		}
		if inFence {
			b.Line(trimmed)
			continue
		}
		if markdown {
			if level, text, ok := atxHeading(trimmed); ok {
				b.Heading(level, inline(text))
				continue
			}
			// Setext: a line underlined with === or ---.
			if i+1 < len(lines) && !isBullet(trimmed) {
				if u := strings.TrimSpace(lines[i+1]); len(u) >= 2 && (strings.Trim(u, "=") == "" || strings.Trim(u, "-") == "") {
					level := 1
					if u[0] == '-' {
						level = 2
					}
					b.Heading(level, inline(trimmed))
					i++
					continue
				}
			}
			if isRule(trimmed) {
				b.Break()
				continue
			}
			if strings.HasPrefix(trimmed, "|") {
				if row, ok := tableRow(trimmed); ok {
					b.Line(row)
				}
				continue
			}
			trimmed = strings.TrimSpace(strings.TrimLeft(trimmed, ">"))
		}
		if depth, text, ok := listItem(raw); ok {
			if text == "" {
				pendingBullet = depth
				continue
			}
			b.Item(depth, clean(text, markdown))
			pendingBullet = 0
			continue
		}
		if pendingBullet > 0 {
			b.Item(pendingBullet, clean(trimmed, markdown))
			pendingBullet = 0
			continue
		}
		// An indented line right after a list item continues it (a wrapped
		// bullet), in Markdown and plain text alike.
		if raw != trimmed && len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') && b.continues(ListItem) {
			b.extend(clean(trimmed, markdown))
			continue
		}
		if b.wraps(trimmed) {
			b.extend(clean(trimmed, markdown))
			continue
		}
		b.Line(clean(trimmed, markdown))
	}
}

func clean(s string, markdown bool) string {
	if markdown {
		return inline(s)
	}
	return s
}

// atxHeading parses "## Title ##".
func atxHeading(s string) (int, string, bool) {
	level := 0
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(s) && s[level] != ' ' && s[level] != '\t') {
		return 0, "", false
	}
	text := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[level:]), "#"))
	return level, text, text != ""
}

func isRule(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if len(s) < 3 {
		return false
	}
	return strings.Trim(s, "-") == "" || strings.Trim(s, "*") == "" || strings.Trim(s, "_") == ""
}

// tableRow turns "| a | b |" into "a | b"; separator rows give ok=false.
func tableRow(s string) (string, bool) {
	cells := strings.Split(strings.Trim(s, "|"), "|")
	var out []string
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if strings.Trim(c, "-: ") == "" {
			continue
		}
		out = append(out, inline(c))
	}
	return strings.Join(out, " | "), len(out) > 0
}

var bulletRunes = "-*+•◦▪▸►‣⁃–·"

func isBullet(s string) bool {
	_, _, ok := listItem(s)
	return ok
}

// listItem parses a bullet or numbered item and its depth (two spaces or
// a tab per level). A marker alone on its line returns ok with empty text.
func listItem(raw string) (int, string, bool) {
	indent := 0
	i := 0
	for ; i < len(raw); i++ {
		switch raw[i] {
		case ' ':
			indent++
		case '\t':
			indent += 4
		default:
			goto marker
		}
	}
	return 0, "", false
marker:
	s := raw[i:]
	depth := indent/2 + 1
	r, size := utf8.DecodeRuneInString(s)
	if strings.ContainsRune(bulletRunes, r) {
		rest := s[size:]
		if rest == "" {
			return depth, "", true
		}
		if rest[0] == ' ' || rest[0] == '\t' {
			// "- " is a bullet; "-5%" or "--flag" is not.
			return depth, strings.TrimSpace(rest), true
		}
		return 0, "", false
	}
	// "1." or "1)" numbered items.
	k := 0
	for k < len(s) && k < 3 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k > 0 && k+1 < len(s) && (s[k] == '.' || s[k] == ')') && s[k+1] == ' ' {
		return depth, strings.TrimSpace(s[k+2:]), true
	}
	return 0, "", false
}

// inline strips Markdown inline markup: emphasis, code spans, links,
// images, HTML tags and backslash escapes, keeping the visible text.
func inline(s string) string {
	if !strings.ContainsAny(s, "*_`[]<>\\!") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|$<>", s[i+1]) >= 0:
			b.WriteByte(s[i+1])
			i += 2
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			// Image: keep the alt text.
			if text, next, ok := link(s, i+1); ok {
				b.WriteString(text)
				i = next
				continue
			}
			b.WriteByte(c)
			i++
		case c == '[':
			if text, next, ok := link(s, i); ok {
				b.WriteString(text)
				i = next
				continue
			}
			b.WriteByte(c)
			i++
		case c == '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 && isTag(s[i+1:i+end]) {
				inner := s[i+1 : i+end]
				if strings.Contains(inner, "://") || strings.Contains(inner, "@") {
					b.WriteString(inner) // autolink
				}
				i += end + 1
				continue
			}
			b.WriteByte(c)
			i++
		case c == '`':
			i++
		case c == '*' || c == '_':
			// Emphasis markers: "*" runs go unless spaced like "a * b"; "_"
			// runs go unless inside a word ("snake_case").
			j := i
			for j < len(s) && s[j] == c {
				j++
			}
			prevWord := i > 0 && isWordRune(lastRune(s[:i]))
			nextWord := j < len(s) && isWordRune(firstRune(s[j:]))
			prevSpace := i == 0 || s[i-1] == ' '
			nextSpace := j == len(s) || s[j] == ' '
			if c == '*' && prevSpace && nextSpace || c == '_' && prevWord && nextWord {
				b.WriteString(s[i:j])
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return strings.TrimSpace(b.String())
}

// link parses "[text](url)" or "[text][ref]" at s[i] == '['.
func link(s string, i int) (text string, next int, ok bool) {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '[':
			depth++
		case ']':
			depth--
			if depth > 0 {
				continue
			}
			text = s[i+1 : j]
			if j+1 < len(s) && (s[j+1] == '(' || s[j+1] == '[') {
				closer := byte(')')
				if s[j+1] == '[' {
					closer = ']'
				}
				if end := strings.IndexByte(s[j+1:], closer); end > 0 {
					return inline(text), j + 1 + end + 1, true
				}
			}
			return "", 0, false
		}
	}
	return "", 0, false
}

func isTag(inner string) bool {
	if inner == "" {
		return false
	}
	r := firstRune(inner)
	return unicode.IsLetter(r) || r == '/' || r == '!' || strings.Contains(inner, "://")
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }

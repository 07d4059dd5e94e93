package document

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// The PDF library trusts the file's cross-reference structure: a /Prev
// chain that loops makes it loop forever, a huge /Size, /Index or /W makes
// it allocate without bound (an out-of-memory crash takes the whole
// process down; recover cannot help), an object stream that is stored in
// an object stream (or whose /Extends chain loops) makes it recurse or
// loop forever, and an object stream with a huge /N loops for as long.
// pdfPrecheck walks that structure with a small tokenizer of its own
// before the library sees the file and refuses what would hurt. It is
// not a validator: anything it cannot follow is left to the library,
// whose errors are recovered.

// maxPDFObjects bounds the object numbers a PDF may use (the library
// allocates a table entry, about 40 bytes, per number).
const maxPDFObjects = 1 << 20

// maxXrefSections bounds the /Prev chain (incremental updates).
const maxXrefSections = 256

func pdfPrecheck(data []byte) error {
	if err := checkXref(data); err != nil {
		return err
	}
	return checkObjectStreams(data)
}

// xrefEntry is what precheck keeps of a cross-reference entry.
type xrefEntry struct {
	typ    uint8 // 0 unset or free, 1 in the file, 2 in an object stream
	stream int32 // the object stream of a type 2 entry
}

func checkXref(data []byte) error {
	tail := data[max(0, len(data)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil // the library reports it
	}
	l := &pdfLex{b: tail, pos: i + len("startxref")}
	off, ok := atoi64(l.next())
	if !ok {
		return nil
	}
	var table []xrefEntry // first-seen entries win, as in the library
	set := func(x int64, e xrefEntry) {
		if x >= int64(len(table)) {
			table = append(table, make([]xrefEntry, int(x)-len(table)+1)...)
		}
		if table[x].typ == 0 {
			table[x] = e
		}
	}
	seen := map[int64]bool{}
	for n := 0; ; n++ {
		if off <= 0 || off >= int64(len(data)) {
			break
		}
		if seen[off] {
			return fmt.Errorf("%w: PDF cross-reference sections loop (/Prev %d)", ErrMalformed, off)
		}
		if n == maxXrefSections {
			return fmt.Errorf("%w: PDF has more than %d cross-reference sections", ErrMalformed, maxXrefSections)
		}
		seen[off] = true
		l := &pdfLex{b: data, pos: int(off)}
		var dict map[string]pdfVal
		switch tok := l.next(); {
		case tok == "xref":
			for {
				t := l.next()
				if t == "trailer" || t == "" {
					break
				}
				start, ok1 := atoi64(t)
				count, ok2 := atoi64(l.next())
				if !ok1 || !ok2 || start < 0 || count < 0 {
					return nil
				}
				if start+count > maxPDFObjects {
					return fmt.Errorf("%w: PDF cross-reference table reaches object %d, limit %d", ErrTooLarge, start+count, maxPDFObjects)
				}
				for k := int64(0); k < count; k++ {
					l.next()
					l.next()
					if l.next() == "n" {
						set(start+k, xrefEntry{typ: 1})
					}
				}
			}
			v, ok := l.value(0)
			if !ok || v.dict == nil {
				return nil
			}
			dict = v.dict
		default:
			if _, ok := atoi64(tok); !ok {
				return nil
			}
			l.next() // generation
			if l.next() != "obj" {
				return nil
			}
			v, ok := l.value(0)
			if !ok || v.dict == nil {
				return nil
			}
			dict = v.dict
			if err := checkXrefStream(data, l, dict, set); err != nil {
				return err
			}
		}
		if size, ok := dict["Size"]; ok && size.isInt && (size.i < 0 || size.i > maxPDFObjects) {
			return fmt.Errorf("%w: PDF declares %d objects, limit %d", ErrTooLarge, size.i, maxPDFObjects)
		}
		prev, ok := dict["Prev"]
		if !ok || !prev.isInt {
			break
		}
		off = prev.i
	}
	for x, e := range table {
		if e.typ == 2 && int(e.stream) < len(table) && table[e.stream].typ == 2 {
			return fmt.Errorf("%w: PDF object %d is in object stream %d, which is itself compressed", ErrMalformed, x, e.stream)
		}
	}
	return nil
}

// checkXrefStream checks the /W and /Index of a cross-reference stream
// and records its entries; l is just after the stream's dictionary.
func checkXrefStream(data []byte, l *pdfLex, dict map[string]pdfVal, set func(int64, xrefEntry)) error {
	var w []int
	for _, x := range dict["W"].arr {
		if !x.isInt || x.i < 0 || x.i > 8 {
			return fmt.Errorf("%w: PDF cross-reference stream has field widths %v", ErrMalformed, x.i)
		}
		w = append(w, int(x.i))
	}
	index := []int64{0, 0}
	if s := dict["Size"]; s.isInt {
		index[1] = s.i
	}
	if idx, ok := dict["Index"]; ok {
		index = index[:0]
		for _, x := range idx.arr {
			index = append(index, x.i)
		}
	}
	for k := 0; k+1 < len(index); k += 2 {
		if index[k] < 0 || index[k+1] < 0 || index[k]+index[k+1] > maxPDFObjects {
			return fmt.Errorf("%w: PDF cross-reference stream reaches object %d, limit %d", ErrTooLarge, index[k]+index[k+1], maxPDFObjects)
		}
	}
	if len(w) < 3 {
		return nil
	}
	raw, ok := streamData(data, l, dict)
	if !ok {
		return nil
	}
	width := w[0] + w[1] + w[2]
	field := func(b []byte) int64 {
		var x int64
		for _, c := range b {
			x = x<<8 | int64(c)
		}
		return x
	}
	for k := 0; k+1 < len(index); k += 2 {
		for i := int64(0); i < index[k+1] && len(raw) >= width; i++ {
			typ := int64(1)
			if w[0] > 0 {
				typ = field(raw[:w[0]])
			}
			if typ == 1 || typ == 2 {
				e := xrefEntry{typ: uint8(typ)}
				if typ == 2 {
					e.stream = int32(min(field(raw[w[0]:w[0]+w[1]]), maxPDFObjects))
				}
				set(index[k]+i, e)
			}
			raw = raw[width:]
		}
	}
	return nil
}

// streamData decodes the data of the stream whose dictionary l just read,
// for the filters the library supports (none, or FlateDecode with no
// predictor or PNG Up); ok is false otherwise.
func streamData(data []byte, l *pdfLex, dict map[string]pdfVal) ([]byte, bool) {
	if l.next() != "stream" {
		return nil, false
	}
	start := l.pos
	if start < len(data) && data[start] == '\r' {
		start++
	}
	if start < len(data) && data[start] == '\n' {
		start++
	}
	length := dict["Length"]
	if !length.isInt || length.i < 0 || int64(start)+length.i > int64(len(data)) {
		return nil, false
	}
	raw := data[start : start+int(length.i)]
	switch f := dict["Filter"]; {
	case f.name == "" && f.arr == nil:
		return raw, true
	case f.name != "FlateDecode":
		return nil, false
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, false
	}
	// An xref stream holds at most maxPDFObjects entries of 25 bytes.
	out, _ := io.ReadAll(io.LimitReader(zr, maxPDFObjects*25))
	parms := dict["DecodeParms"].dict
	pred, cols := parms["Predictor"], parms["Columns"]
	if !pred.isInt {
		return out, true
	}
	if pred.i != 12 || !cols.isInt || cols.i <= 0 || cols.i > 64 {
		return nil, false
	}
	// PNG Up: each row is a filter byte and columns bytes, added to the row above.
	n := int(cols.i)
	prev := make([]byte, n)
	var dec []byte
	for len(out) >= n+1 {
		row := out[1 : n+1]
		for i := range row {
			prev[i] += row[i]
		}
		dec = append(dec, prev...)
		out = out[n+1:]
	}
	return dec, true
}

// objStmHeader finds "N G obj" headers.
var objStmHeader = regexp.MustCompile(`(\d+)[ \t\r\n\f\x00]+\d+[ \t\r\n\f\x00]+obj`)

// checkObjectStreams checks every object stream's /N and /Extends.
func checkObjectStreams(data []byte) error {
	if !bytes.Contains(data, []byte("ObjStm")) {
		return nil
	}
	extends := map[int64]int64{}
	for _, m := range objStmHeader.FindAllSubmatchIndex(data, -1) {
		l := &pdfLex{b: data, pos: m[1]}
		v, ok := l.value(0)
		if !ok || v.dict == nil || v.dict["Type"].name != "ObjStm" {
			continue
		}
		num, _ := atoi64(string(data[m[2]:m[3]]))
		if n := v.dict["N"]; n.isInt && n.i > maxPDFObjects {
			return fmt.Errorf("%w: PDF object stream %d holds %d objects, limit %d", ErrTooLarge, num, n.i, maxPDFObjects)
		}
		if e, ok := v.dict["Extends"]; ok && e.ref {
			extends[num] = e.i
		}
	}
	for start := range extends {
		x := start
		for steps := 0; steps <= len(extends); steps++ {
			next, ok := extends[x]
			if !ok {
				break
			}
			if next == start || steps == len(extends) {
				return fmt.Errorf("%w: PDF object streams extend each other in a loop", ErrMalformed)
			}
			x = next
		}
	}
	return nil
}

// pdfVal is a value read by pdfLex: an integer, a name, a reference (i is
// the object number), an array or a dictionary; other values are empty.
type pdfVal struct {
	isInt, ref bool
	i          int64
	name       string
	arr        []pdfVal
	dict       map[string]pdfVal
}

// pdfLex is a minimal PDF tokenizer for the precheck.
type pdfLex struct {
	b   []byte
	pos int
}

func isPDFDelim(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }

// next returns the next token: "<<", ">>", "[", "]", a name with its
// slash, "()" or "<>" for a string, or a regular word; "" at the end.
func (l *pdfLex) next() string {
	b := l.b
	for l.pos < len(b) {
		c := b[l.pos]
		if isPDFSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(b) && b[l.pos] != '\n' && b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		break
	}
	if l.pos >= len(b) {
		return ""
	}
	start := l.pos
	switch c := b[l.pos]; c {
	case '<':
		if l.pos+1 < len(b) && b[l.pos+1] == '<' {
			l.pos += 2
			return "<<"
		}
		if k := bytes.IndexByte(b[l.pos:], '>'); k >= 0 {
			l.pos += k + 1
		} else {
			l.pos = len(b)
		}
		return "<>"
	case '>':
		if l.pos+1 < len(b) && b[l.pos+1] == '>' {
			l.pos += 2
			return ">>"
		}
		l.pos++
		return ">"
	case '(':
		depth := 0
		for ; l.pos < len(b); l.pos++ {
			switch b[l.pos] {
			case '\\':
				l.pos++
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					l.pos++
					return "()"
				}
			}
		}
		return "()"
	case '[', ']', '{', '}', ')':
		l.pos++
		return string(c)
	case '/':
		l.pos++
	}
	for l.pos < len(b) && !isPDFSpace(b[l.pos]) && !isPDFDelim(b[l.pos]) {
		l.pos++
	}
	return string(b[start:l.pos])
}

// value reads one value; ok is false at the end or on a token that
// cannot start a value.
func (l *pdfLex) value(depth int) (pdfVal, bool) {
	if depth > 32 {
		return pdfVal{}, false
	}
	tok := l.next()
	switch {
	case tok == "":
		return pdfVal{}, false
	case tok == "<<":
		d := map[string]pdfVal{}
		for {
			k := l.next()
			if k == ">>" {
				return pdfVal{dict: d}, true
			}
			if !strings.HasPrefix(k, "/") {
				return pdfVal{dict: d}, k != ""
			}
			v, ok := l.value(depth + 1)
			if !ok {
				return pdfVal{dict: d}, false
			}
			d[k[1:]] = v
		}
	case tok == "[":
		var arr []pdfVal
		for {
			save := l.pos
			if l.next() == "]" {
				return pdfVal{arr: arr}, true
			}
			l.pos = save
			v, ok := l.value(depth + 1)
			if !ok {
				return pdfVal{arr: arr}, false
			}
			arr = append(arr, v)
		}
	case tok[0] == '/':
		return pdfVal{name: tok[1:]}, true
	}
	if i, ok := atoi64(tok); ok {
		// "N G R" is a reference.
		save := l.pos
		if _, ok := atoi64(l.next()); ok && l.next() == "R" {
			return pdfVal{ref: true, i: i}, true
		}
		l.pos = save
		return pdfVal{isInt: true, i: i}, true
	}
	return pdfVal{}, tok != ">>" && tok != "]"
}

func atoi64(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	i, err := strconv.ParseInt(s, 10, 64)
	return i, err == nil
}

package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// PDF: the text layer, in reading order. github.com/ledongthuc/pdf parses
// the file (xref, objects, filters, fonts and their encodings) and
// tokenizes content streams (pdf.Interpret); this file follows the text
// state itself (text and graphics matrices, fonts, sizes, widths), because
// the library's Page.Content has no limits, no cancellation and no form
// XObjects, and places every glyph at one x when a font lacks widths.
//
// Each text-showing operator (Tj, TJ, ', ") becomes a run with a start
// point, an estimated end and a font size. Runs are grouped into rows by
// baseline (top to bottom), a row's runs are joined left to right — a
// space where the gap exceeds a fraction of the font size, " | " where it
// is a column gap — and rows become blocks: rows in a larger font are
// headings (levels by size), rows starting with a bullet are list items
// (depth by indentation), a wrapped line continues the block above it
// (a full-width line, or the hanging indent of a list item), and a
// vertical gap larger than the usual line spacing is a paragraph break.
//
// Defences: pdfPrecheck refuses cross-reference structures on which the
// library would loop, recurse or allocate without bound (see
// pdf_precheck.go); content streams (and ToUnicode CMaps) are inflated
// once to measure them against Limits.MaxDecompressed and to check that
// the library's lexer can reach their end (it loops forever on a stream
// that ends inside a hex string); the page tree and /Parent chains are
// walked with bounds; at most maxPDFPages pages are read; ctx is checked
// every few thousand operators. Panics of the library on damaged input
// are recovered: a damaged page is skipped with a warning, and a file
// with no readable page is ErrMalformed.
//
// Text drawn in white or at a size under 1pt (keyword stuffing) is
// skipped; the invisible text layer of an OCR'd scan (render mode 3) is
// kept. Multi-column layouts are read row by row across the columns;
// rotated pages and Type3 font metrics are not handled.

const (
	// maxPDFPages bounds the pages read; resumes have a few.
	maxPDFPages = 500
	// maxPDFTreeNodes bounds the page-tree nodes visited (against loops).
	maxPDFTreeNodes = 1 << 16
	// maxPDFTreeDepth bounds the page-tree depth.
	maxPDFTreeDepth = 32
	// maxFormDepth bounds nested form XObjects (a form may draw itself).
	maxFormDepth = 8
	// defaultGlyphWidth is the width, in thousandths of the font size,
	// assumed for a glyph whose font gives no widths (Helvetica averages
	// about 0.5 em).
	defaultGlyphWidth = 500

	// Layout thresholds, in units of the font size.
	rowTolerance = 0.4  // baselines this close are one row
	spaceGap     = 0.15 // a horizontal gap wider than this is a space
	columnGap    = 2.0  // a gap wider than this separates cells or columns
	tjSpace      = 0.2  // a TJ adjustment wider than this is a space
	headingRatio = 1.15 // a row this much larger than body text is a heading
	fullLine     = 0.75 // a row reaching this fraction of the text width wraps into the next
	paraGapRatio = 1.35 // a row gap this much larger than usual is a paragraph break
	minTextSize  = 1.0  // text smaller than this (points) is not shown to readers
)

// pdfAbort carries an error out of pdf.Interpret's callback through a
// panic; the page loop tells it apart from the library's own panics.
type pdfAbort struct{ err error }

func readPDF(ctx context.Context, data []byte, b *Builder, d *Document, lim Limits) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if a, ok := r.(pdfAbort); ok {
				err = a.err
				return
			}
			err = libraryPanic("PDF", r)
		}
	}()
	if err := pdfPrecheck(data); err != nil {
		return err
	}
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return pdfOpenError(err)
	}
	pages, more := pdfPages(rd)
	if more {
		d.Warnings = append(d.Warnings, fmt.Sprintf("only the first %d pages of the PDF were read", maxPDFPages))
	}
	ex := &pdfExtractor{ctx: ctx, limit: lim.MaxDecompressed, budget: lim.MaxDecompressed, maxText: lim.MaxTextSize}
	var rows []pdfRow
	var firstErr error
	failed := 0
	for i, pg := range pages {
		if err := checkCtx(ctx); err != nil {
			return err
		}
		runs, width, err := ex.page(pg)
		if err != nil {
			var a pdfAbort
			if errors.As(err, &a) {
				return a.err
			}
			failed++
			if firstErr == nil {
				firstErr = err
			}
			d.Warnings = append(d.Warnings, fmt.Sprintf("PDF page %d: %v", i+1, err))
		}
		rows = append(rows, layoutRowsPDF(runs, i, width)...)
	}
	if len(rows) == 0 && failed > 0 {
		return fmt.Errorf("%w: PDF: %v", ErrMalformed, firstErr)
	}
	pdfBlocks(rows, b)
	return nil
}

// pdfOpenError explains why a PDF could not be opened.
func pdfOpenError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword):
		return fmt.Errorf("%w: PDF is encrypted with a password; save a copy without protection", ErrUnsupported)
	case strings.Contains(msg, "encrypt"):
		return fmt.Errorf("%w: PDF is encrypted (%v)", ErrUnsupported, err)
	}
	return fmt.Errorf("%w: PDF: %v", ErrMalformed, err)
}

// pdfPages lists the page objects in order, walking the page tree with
// bounds on its size and depth (a damaged tree may loop).
func pdfPages(r *pdf.Reader) (pages []pdf.Page, more bool) {
	type node struct {
		v     pdf.Value
		depth int
	}
	stack := []node{{r.Trailer().Key("Root").Key("Pages"), 0}}
	for visited := 0; len(stack) > 0 && visited < maxPDFTreeNodes; visited++ {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		kids := n.v.Key("Kids")
		typ := n.v.Key("Type").Name()
		if typ == "Page" || typ != "Pages" && kids.Kind() != pdf.Array {
			if n.v.Kind() != pdf.Dict {
				continue
			}
			if len(pages) == maxPDFPages {
				return pages, true
			}
			pages = append(pages, pdf.Page{V: n.v})
			continue
		}
		if n.depth >= maxPDFTreeDepth {
			continue
		}
		for i := kids.Len() - 1; i >= 0; i-- {
			stack = append(stack, node{kids.Index(i), n.depth + 1})
		}
	}
	return pages, false
}

// inherited returns a page attribute, from the page or the nearest
// ancestor that has it. (Page.Resources follows /Parent without a bound,
// and a damaged tree may loop.)
func inherited(pg pdf.Page, key string) pdf.Value {
	v := pg.V
	for i := 0; i < maxPDFTreeDepth && v.Kind() == pdf.Dict; i++ {
		if x := v.Key(key); x.Kind() != pdf.Null {
			return x
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// pageWidth returns the width of the page's media box, or 0.
func pageWidth(pg pdf.Page) float64 {
	if box := inherited(pg, "MediaBox"); box.Kind() == pdf.Array && box.Len() == 4 {
		return finite(box.Index(2).Float64() - box.Index(0).Float64())
	}
	return 0
}

// pdfRun is the text of one text-showing operator, in page space.
type pdfRun struct {
	x, y, end, size float64
	s               string
}

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(tx, ty float64) matrix { return matrix{1, 0, 0, 1, tx, ty} }

// pdfFont is a font resource with what the extractor needs, computed once.
type pdfFont struct {
	enc     pdf.TextEncoding // nil: bytes as they are
	first   int
	widths  []float64
	twoByte bool // Type0 (CID) font: two bytes per glyph
}

// byteMemo decodes a single-byte encoding byte by byte, remembering
// each byte's text.
type byteMemo struct {
	enc  pdf.TextEncoding
	text [256]string
	done [256]bool
}

func (m *byteMemo) Decode(raw string) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if !m.done[c] {
			m.text[c], m.done[c] = m.enc.Decode(raw[i:i+1]), true
		}
		b.WriteString(m.text[c])
	}
	return b.String()
}

// pdfGState is the graphics and text state that text placement needs.
type pdfGState struct {
	ctm                    matrix
	textMatrix, lineMatrix matrix
	tc, tw, th, tl, trise  float64 // char and word spacing, scale, leading, rise
	tfs                    float64 // font size
	font                   *pdfFont
	white                  bool // the fill color is white
	mode                   int  // text rendering mode
	resources              pdf.Value
	fonts                  map[string]*pdfFont // of resources
	formDepth              int
}

type pdfExtractor struct {
	ctx       context.Context
	limit     int64 // Limits.MaxDecompressed
	budget    int64 // content bytes left to inflate
	maxText   int
	textBytes int
	ops       int
	runs      []pdfRun
}

func (ex *pdfExtractor) abort(err error) { panic(pdfAbort{err}) }

// page returns the runs of one page and its width. An error other than
// pdfAbort means the page is damaged; the runs read before the damage are
// kept.
func (ex *pdfExtractor) page(pg pdf.Page) (runs []pdfRun, width float64, err error) {
	ex.runs = ex.runs[:0:0]
	defer func() {
		if r := recover(); r != nil {
			if a, ok := r.(pdfAbort); ok {
				err = a
				return
			}
			runs, err = ex.runs, pageError(r)
		}
	}()
	width = pageWidth(pg)
	contents := pg.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil, width, nil
	}
	g := &pdfGState{ctm: identity, th: 1, resources: inherited(pg, "Resources"), fonts: map[string]*pdfFont{}}
	ex.interpret(contents, g)
	return ex.runs, width, nil
}

func (a pdfAbort) Error() string { return a.err.Error() }

// pageError describes a panic recovered while reading a page.
func pageError(r any) error {
	if e, ok := r.(runtime.Error); ok {
		return fmt.Errorf("damaged content (parser failed: %v)", e)
	}
	return fmt.Errorf("%v", r)
}

// measure inflates a content stream once, within the remaining budget,
// so that a compressed bomb is refused before it is interpreted, and
// refuses a stream that ends inside a hex string, on which the library's
// lexer would loop forever.
func (ex *pdfExtractor) measure(strm pdf.Value) {
	var scan contentScan
	ex.measureInto(strm, &scan)
	switch {
	case scan.unterminated():
		panic(errors.New("content stream ends inside an unterminated hex string"))
	case scan.tooMany:
		panic(fmt.Errorf("content stream has more than %d operands in a row", maxOperands))
	}
}

// safeCMap is safe for a font's CMap: damage there costs the font its
// encoding, not the page.
func (ex *pdfExtractor) safeCMap(strm pdf.Value) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if a, abort := r.(pdfAbort); abort {
				panic(a)
			}
			ok = false
		}
	}()
	return ex.safe(strm)
}

// safe inflates strm (a stream or an array of streams) within the budget
// and reports whether the library's lexer can read it to its end.
func (ex *pdfExtractor) safe(strm pdf.Value) bool {
	var scan contentScan
	ex.measureInto(strm, &scan)
	return !scan.unterminated() && !scan.tooMany
}

func (ex *pdfExtractor) measureInto(strm pdf.Value, scan *contentScan) {
	if strm.Kind() == pdf.Array {
		for i := 0; i < strm.Len() && i < 4096; i++ {
			ex.measureInto(strm.Index(i), scan)
		}
		return
	}
	if strm.Kind() != pdf.Stream {
		return
	}
	rd := strm.Reader()
	defer rd.Close()
	buf := make([]byte, 32<<10)
	for {
		if err := checkCtx(ex.ctx); err != nil {
			ex.abort(err)
		}
		n, err := rd.Read(buf)
		scan.feed(buf[:n])
		ex.budget -= int64(n)
		if ex.budget < 0 {
			ex.abort(fmt.Errorf("%w: PDF content streams inflate past %s", ErrTooLarge, mib(ex.limit)))
		}
		if err != nil { // io.EOF, or damage that interpret reports
			return
		}
	}
}

// contentScan follows the lexical state of a content stream (comments,
// literal strings, hex strings) as the library's lexer would. Its hex
// strings are read in pairs of non-space bytes: at the end of the stream
// the lexer reads spaces forever while waiting for either byte of a pair
// (or for the closing '>').
//
// It also counts the operands in a row: the library keeps them on a stack
// until the next operator, some 40 bytes each, so a stream of numbers
// without operators would cost gigabytes.
type contentScan struct {
	state    uint8 // scanTokens, scanComment, scanLiteral, scanHex1, scanHex2
	depth    int   // parentheses open in a literal string
	esc      bool  // a backslash in a literal string
	lt       bool  // a '<' just seen among tokens
	firstOK  bool  // the first byte of the pending hex pair is a hex digit
	inWord   bool  // inside a regular token (a number, name or operator)
	operands int   // operands since the last operator
	tooMany  bool  // operands exceeded maxOperands
}

// maxOperands bounds the operands of one operator (a TJ array of a long
// line has a few hundred).
const maxOperands = 1 << 18

// operand counts one operand.
func (s *contentScan) operand() {
	if s.operands++; s.operands > maxOperands {
		s.tooMany = true
	}
}

const (
	scanTokens uint8 = iota
	scanComment
	scanLiteral
	scanHex1 // waiting for the first byte of a pair, or '>'
	scanHex2 // waiting for the second byte of a pair
)

func (s *contentScan) feed(p []byte) {
	for _, c := range p {
		if s.lt {
			s.lt = false
			if c == '<' {
				continue // a dictionary
			}
			s.state = scanHex1
		}
		switch s.state {
		case scanTokens:
			switch c {
			case '%':
				s.state = scanComment
			case '(':
				s.state, s.depth = scanLiteral, 1
				s.operand()
			case '<':
				s.lt = true
				s.operand()
			case '/', '[':
				s.operand()
			}
			switch {
			case isPDFSpace(c) || isPDFDelim(c):
				s.inWord = c == '/'
			case !s.inWord:
				s.inWord = true
				if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '\'' || c == '"' {
					s.operands = 0 // an operator
				} else {
					s.operand()
				}
			}
		case scanComment:
			if c == '\r' || c == '\n' {
				s.state = scanTokens
			}
		case scanLiteral:
			switch {
			case s.esc:
				s.esc = false
			case c == '\\':
				s.esc = true
			case c == '(':
				s.depth++
			case c == ')':
				if s.depth--; s.depth == 0 {
					s.state = scanTokens
				}
			}
		case scanHex1:
			switch {
			case isPDFSpace(c):
			case c == '>':
				s.state = scanTokens
			default:
				s.state, s.firstOK = scanHex2, isHexDigit(c)
			}
		case scanHex2:
			switch {
			case isPDFSpace(c):
			case s.firstOK && isHexDigit(c):
				s.state = scanHex1
			default:
				s.state = scanTokens // the lexer stops with an error
			}
		}
	}
}

// unterminated reports a stream that ends inside a hex string.
func (s *contentScan) unterminated() bool {
	return s.lt || s.state == scanHex1 || s.state == scanHex2
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// interpret runs a content stream (a page's or a form's) with state g.
func (ex *pdfExtractor) interpret(strm pdf.Value, g *pdfGState) {
	ex.measure(strm)
	var stack []pdfGState
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		if ex.ops++; ex.ops%ctxCheckEvery == 0 {
			if err := checkCtx(ex.ctx); err != nil {
				ex.abort(err)
			}
		}
		num := func(i int) float64 {
			if i >= len(args) {
				return 0
			}
			f := args[i].Float64()
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return 0
			}
			return f
		}
		mat := func() matrix {
			return matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, *g)
			}
		case "Q":
			if len(stack) > 0 {
				*g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = mat().mul(g.ctm)
			}
		case "g":
			g.white = len(args) == 1 && num(0) >= 0.99
		case "rg":
			g.white = len(args) == 3 && num(0) >= 0.99 && num(1) >= 0.99 && num(2) >= 0.99
		case "k":
			g.white = len(args) == 4 && num(0) <= 0.01 && num(1) <= 0.01 && num(2) <= 0.01 && num(3) <= 0.01
		case "sc", "scn", "cs":
			g.white = false
		case "BT":
			g.textMatrix, g.lineMatrix = identity, identity
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.trise = num(0)
		case "Tr":
			g.mode = int(num(0))
		case "Tf":
			if len(args) == 2 {
				g.font = ex.font(g, args[0].Name())
				g.tfs = num(1)
			}
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					g.tl = -num(1)
				}
				g.lineMatrix = translate(num(0), num(1)).mul(g.lineMatrix)
				g.textMatrix = g.lineMatrix
			}
		case "Tm":
			if len(args) == 6 {
				g.textMatrix, g.lineMatrix = mat(), mat()
			}
		case "T*":
			g.lineMatrix = translate(0, -g.tl).mul(g.lineMatrix)
			g.textMatrix = g.lineMatrix
		case "Tj", "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				args = args[2:]
			}
			if op != "Tj" {
				g.lineMatrix = translate(0, -g.tl).mul(g.lineMatrix)
				g.textMatrix = g.lineMatrix
			}
			if len(args) == 1 && args[0].Kind() == pdf.String {
				ex.show(g, []pdf.Value{args[0]})
			}
		case "TJ":
			if len(args) == 1 && args[0].Kind() == pdf.Array {
				parts := make([]pdf.Value, args[0].Len())
				for i := range parts {
					parts[i] = args[0].Index(i)
				}
				ex.show(g, parts)
			}
		case "Do":
			if len(args) == 1 {
				ex.form(g, args[0].Name())
			}
		}
	})
}

// form draws a form XObject: a content stream of its own, with its own
// matrix and resources.
func (ex *pdfExtractor) form(g *pdfGState, name string) {
	x := g.resources.Key("XObject").Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" || g.formDepth >= maxFormDepth {
		return // images (a scan) and unknown objects have no text
	}
	sub := *g
	sub.formDepth++
	if m := x.Key("Matrix"); m.Kind() == pdf.Array && m.Len() == 6 {
		var fm matrix
		for i := range fm {
			fm[i] = m.Index(i).Float64()
		}
		sub.ctm = fm.mul(g.ctm)
	}
	if res := x.Key("Resources"); res.Kind() == pdf.Dict {
		sub.resources = res
		sub.fonts = map[string]*pdfFont{}
	}
	ex.interpret(x, &sub)
}

// font returns the named font of the current resources.
func (ex *pdfExtractor) font(g *pdfGState, name string) *pdfFont {
	if f, ok := g.fonts[name]; ok {
		return f
	}
	v := g.resources.Key("Font").Key(name)
	f := &pdfFont{}
	if v.Kind() == pdf.Dict {
		pf := pdf.Font{V: v}
		f.first = pf.FirstChar()
		f.twoByte = v.Key("Subtype").Name() == "Type0"
		if w := v.Key("Widths"); w.Kind() == pdf.Array && w.Len() <= 65536 {
			f.widths = make([]float64, w.Len())
			for i := range f.widths {
				f.widths[i] = w.Index(i).Float64()
			}
		}
		// The library interprets a ToUnicode CMap with the same lexer as
		// content streams: check it the same way first.
		if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream && !ex.safeCMap(tu) {
			f.enc = nil
		} else {
			f.enc = fontEncoder(&pf)
		}
		if f.enc != nil && !f.twoByte {
			// One byte, one glyph: decode each byte once. (The library's
			// Differences and ToUnicode lookups scan their whole table per
			// byte.)
			f.enc = &byteMemo{enc: f.enc}
		}
	}
	if len(g.fonts) < 1024 {
		g.fonts[name] = f
	}
	return f
}

// fontEncoder returns the font's text encoding; a font whose encoding
// the library cannot parse shows its bytes as they are.
func fontEncoder(f *pdf.Font) (enc pdf.TextEncoding) {
	defer func() {
		if recover() != nil {
			enc = nil
		}
	}()
	return f.Encoder()
}

// width returns the advance of code in thousandths of the font size.
func (f *pdfFont) width(code int) float64 {
	if f != nil {
		if i := code - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
			return f.widths[i]
		}
	}
	return defaultGlyphWidth
}

// show adds the run of a Tj (one string) or TJ (strings and adjustments)
// and advances the text matrix.
func (ex *pdfExtractor) show(g *pdfGState, parts []pdf.Value) {
	var text strings.Builder
	start := g.textMatrix
	for _, p := range parts {
		switch p.Kind() {
		case pdf.String:
			raw := p.RawString()
			ex.glyphs(g, raw)
			if g.font != nil && g.font.enc != nil {
				text.WriteString(g.font.enc.Decode(raw))
			} else {
				text.WriteString(raw)
			}
		case pdf.Integer, pdf.Real:
			adj := p.Float64() / 1000
			if math.IsNaN(adj) || math.IsInf(adj, 0) {
				continue
			}
			if -adj > tjSpace && text.Len() > 0 {
				text.WriteByte(' ')
			}
			g.textMatrix = translate(-adj*g.tfs*g.th, 0).mul(g.textMatrix)
		}
	}
	s := text.String()
	if s == "" {
		return
	}
	trm := matrix{g.tfs * g.th, 0, 0, g.tfs, 0, g.trise}
	a := trm.mul(start).mul(g.ctm)
	z := trm.mul(g.textMatrix).mul(g.ctm)
	size := math.Hypot(a[2], a[3])
	visible := g.mode == 3 || !g.white // mode 3: the invisible text layer of an OCR'd scan
	if size < minTextSize || !visible {
		return
	}
	ex.textBytes += len(s)
	if ex.textBytes > ex.maxText {
		ex.abort(fmt.Errorf("%w: extracted text exceeds %d bytes", ErrTooLarge, ex.maxText))
	}
	ex.runs = append(ex.runs, pdfRun{x: finite(a[4]), y: finite(a[5]), end: finite(z[4]), size: finite(size), s: s})
}

// glyphs advances the text matrix over the glyphs of raw.
func (ex *pdfExtractor) glyphs(g *pdfGState, raw string) {
	step := 1
	if g.font != nil && g.font.twoByte {
		step = 2
	}
	tx := 0.0
	for i := 0; i+step <= len(raw); i += step {
		code := int(raw[i])
		if step == 2 {
			code = code<<8 | int(raw[i+1])
		}
		w := g.font.width(code)/1000*g.tfs + g.tc
		if step == 1 && raw[i] == ' ' {
			w += g.tw
		}
		tx += w * g.th
	}
	g.textMatrix = translate(tx, 0).mul(g.textMatrix)
}

func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// pdfRow is one line of text on a page.
type pdfRow struct {
	page      int
	x, y, end float64
	size      float64
	text      string
	cells     bool // runs were joined across a column gap: a table row
	pageWidth float64
}

// layoutRowsPDF groups a page's runs into rows by baseline, top to
// bottom, and joins each row's runs left to right.
func layoutRowsPDF(runs []pdfRun, page int, width float64) []pdfRow {
	kept := runs[:0:0]
	for _, r := range runs {
		if strings.TrimSpace(r.s) != "" {
			kept = append(kept, r)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].y != kept[j].y {
			return kept[i].y > kept[j].y
		}
		return kept[i].x < kept[j].x
	})
	var rows []pdfRow
	for i := 0; i < len(kept); {
		j := i + 1
		tol := math.Max(rowTolerance*kept[i].size, 1)
		for j < len(kept) && kept[i].y-kept[j].y <= tol {
			j++
		}
		row := kept[i:j]
		sort.SliceStable(row, func(a, b int) bool { return row[a].x < row[b].x })
		r := joinRow(row, page)
		r.pageWidth = width
		rows = append(rows, r)
		i = j
	}
	return rows
}

// joinRow joins the runs of one row, left to right.
func joinRow(row []pdfRun, page int) pdfRow {
	var sb strings.Builder
	out := pdfRow{page: page, x: row[0].x, y: row[0].y, end: row[0].end}
	longest := 0
	prev := -1
	for i, r := range row {
		if n := utf8.RuneCountInString(r.s); n > longest {
			longest, out.size = n, r.size
		}
		if prev >= 0 {
			p := row[prev]
			// Fake bold: the same text drawn again a hair to the right.
			if r.s == p.s && math.Abs(r.x-p.x) < 0.5*r.size {
				continue
			}
			size := math.Max(r.size, p.size)
			gap := r.x - p.end
			text := sb.String()
			switch {
			case isBulletOnly(text):
				sb.WriteByte(' ')
			case gap > columnGap*size:
				sb.WriteString(" | ")
				out.cells = true
			case gap > spaceGap*size && !strings.HasSuffix(text, " ") && !strings.HasPrefix(r.s, " "):
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(r.s)
		out.end = math.Max(out.end, r.end)
		prev = i
	}
	out.text = cleanSpace(sb.String())
	return out
}

func isBulletOnly(s string) bool {
	s = strings.TrimSpace(s)
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && n == len(s) && strings.ContainsRune(bulletRunes, r)
}

// pdfBlocks turns rows into blocks.
func pdfBlocks(rows []pdfRow, b *Builder) {
	if len(rows) == 0 {
		return
	}
	body := bodySize(rows)
	levels := headingLevels(rows, body)
	spacing := lineSpacing(rows, body)
	left, right := textEdges(rows, body)

	type pending struct {
		kind   BlockKind
		level  int
		text   string
		x      float64 // left edge of the row (the bullet for items)
		size   float64
		full   bool
		active bool
	}
	var p pending
	flush := func() {
		if !p.active {
			return
		}
		switch p.kind {
		case Heading:
			b.Heading(p.level, p.text)
		case ListItem:
			b.Item(p.level, p.text)
		default:
			b.Line(p.text)
		}
		p.active = false
	}
	var itemX []float64 // x of the bullets of the open list levels
	for i, r := range rows {
		gap := i > 0 && (r.page != rows[i-1].page || rows[i-1].y-r.y > paraGapRatio*spacing*math.Max(r.size, rows[i-1].size))
		// A table row is not a wrapped line, nor is a line after it.
		full := !r.cells && r.end >= left[r.page]+fullLine*(right[r.page]-left[r.page])
		if gap {
			flush()
			b.Break()
		}
		if lvl, ok := levels[sizeKey(r.size)]; ok && wordCount(r.text) <= 12 && !isBullet(r.text) {
			flush()
			p = pending{kind: Heading, level: lvl, text: r.text, x: r.x, size: r.size, active: true}
			itemX = itemX[:0]
			continue
		}
		if _, text, ok := listItem(r.text); ok && text != "" {
			flush()
			tol := 0.3 * r.size
			for len(itemX) > 0 && r.x < itemX[len(itemX)-1]-tol {
				itemX = itemX[:len(itemX)-1]
			}
			if len(itemX) == 0 || r.x > itemX[len(itemX)-1]+tol {
				itemX = append(itemX, r.x)
			}
			// The text has no leading spaces: the depth comes from x.
			p = pending{kind: ListItem, level: len(itemX), text: text, x: r.x, size: r.size, full: full, active: true}
			continue
		}
		sameSize := p.active && math.Abs(p.size-r.size) < 0.5 && !r.cells
		switch {
		case !gap && sameSize && p.kind == ListItem && r.x > p.x+0.3*r.size:
			// The hanging indent of a wrapped list item.
			p.text = joinWrapped(p.text, r.text)
			p.full = full
			continue
		case !gap && sameSize && p.kind == Line && p.full && r.x < p.x+2*r.size:
			// A paragraph line that wrapped at the right margin.
			p.text = joinWrapped(p.text, r.text)
			p.full = full
			continue
		}
		flush()
		itemX = itemX[:0]
		p = pending{kind: Line, text: r.text, x: r.x, size: r.size, full: full, active: true}
	}
	flush()
}

// joinWrapped joins a wrapped line to the text before it; a line broken
// after a hyphen ("MLIR-" / "based") joins without a space.
func joinWrapped(a, b string) string {
	if strings.HasSuffix(a, "-") && len(a) > 1 {
		r, _ := utf8.DecodeLastRuneInString(a[:len(a)-1])
		if unicode.IsLetter(r) {
			return a + b
		}
	}
	return a + " " + b
}

// sizeKey rounds a font size to half points, so that sizes computed
// through matrices compare equal.
func sizeKey(s float64) float64 { return math.Round(s*2) / 2 }

// bodySize is the font size of most of the text.
func bodySize(rows []pdfRow) float64 {
	count := map[float64]int{}
	for _, r := range rows {
		count[sizeKey(r.size)] += len(r.text)
	}
	best, n := 0.0, -1
	for s, c := range count {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

// headingLevels maps the sizes of heading rows (larger than body text) to
// levels: the largest is 1.
func headingLevels(rows []pdfRow, body float64) map[float64]int {
	var sizes []float64
	seen := map[float64]bool{}
	for _, r := range rows {
		k := sizeKey(r.size)
		if k >= body*headingRatio && !seen[k] && wordCount(r.text) <= 12 {
			seen[k] = true
			sizes = append(sizes, k)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(sizes)))
	levels := map[float64]int{}
	for i, s := range sizes {
		levels[s] = min(i+1, 6)
	}
	return levels
}

// lineSpacing is the usual distance between the baselines of
// consecutive body rows, in font sizes (1.2 when it cannot be measured).
func lineSpacing(rows []pdfRow, body float64) float64 {
	var ratios []float64
	for i := 1; i < len(rows); i++ {
		a, c := rows[i-1], rows[i]
		if a.page != c.page || sizeKey(a.size) != body || sizeKey(c.size) != body || body <= 0 {
			continue
		}
		if r := (a.y - c.y) / body; r > 0.5 && r < 4 {
			ratios = append(ratios, r)
		}
	}
	if len(ratios) == 0 {
		return 1.2
	}
	sort.Float64s(ratios)
	// The lower quartile: most consecutive rows are lines of one block.
	return ratios[len(ratios)/4]
}

// textEdges returns the left and right edges of body text per page. The
// right edge is at least where the left margin mirrored would put it, so
// that a page of short lines does not look like one wrapped paragraph.
func textEdges(rows []pdfRow, body float64) (left, right map[int]float64) {
	left, right = map[int]float64{}, map[int]float64{}
	for _, r := range rows {
		if sizeKey(r.size) != body {
			continue
		}
		if l, ok := left[r.page]; !ok || r.x < l {
			left[r.page] = r.x
		}
		right[r.page] = math.Max(right[r.page], r.end)
	}
	for _, r := range rows {
		if l, ok := left[r.page]; ok {
			right[r.page] = math.Max(right[r.page], r.pageWidth-l)
		}
	}
	return left, right
}

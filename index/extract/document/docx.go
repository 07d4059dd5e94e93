package document

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

// DOCX (Office Open XML): the main document part, paragraph by paragraph.
// Headings come from paragraph styles (Title, Heading 1–9, or any style
// whose styles.xml name or outline level says so, whatever its localized
// id), list items from numbering properties (depth = w:ilvl + 1), and
// each table row is one line with its cells joined by " | " — unless its
// cells hold headings, lists or several paragraphs (a page laid out with
// a table), then the cells are read as blocks. Hidden runs (w:vanish),
// deleted revisions and the fallback copies of text boxes are skipped.
//
// Against zip bombs only the needed parts are read (the package
// relationships, the main document, its styles), an entry whose declared
// size exceeds the budget is refused before inflating, every entry is
// read through a counting reader anyway (declared sizes can lie), all
// parts together may inflate at most Limits.MaxDecompressed bytes, and an
// archive with more than maxZipEntries entries is refused unread.

// maxZipEntries bounds the entries of a DOCX archive; Word writes a few
// dozen, a few hundred with many images.
const maxZipEntries = 4096

// maxStyleChain bounds the basedOn chain followed to classify a style.
const maxStyleChain = 8

func readDOCX(ctx context.Context, data []byte, b *Builder, d *Document, lim Limits) error {
	if n, ok := zipEntryCount(data); ok && n > maxZipEntries {
		return fmt.Errorf("%w: DOCX archive has %d entries, limit %d", ErrTooLarge, n, maxZipEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%w: DOCX is not a valid zip archive: %v", ErrMalformed, err)
	}
	if len(zr.File) > maxZipEntries {
		return fmt.Errorf("%w: DOCX archive has %d entries, limit %d", ErrTooLarge, len(zr.File), maxZipEntries)
	}
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		if _, dup := files[f.Name]; !dup {
			files[f.Name] = f
		}
	}
	z := &zipParts{ctx: ctx, files: files, budget: lim.MaxDecompressed, limit: lim.MaxDecompressed}

	main := z.mainPart()
	if files[main] == nil {
		return fmt.Errorf("%w: DOCX has no %s (not a Word document?)", ErrMalformed, main)
	}
	styles, err := z.styles(path.Join(path.Dir(main), "styles.xml"))
	if err != nil {
		if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTimeout) || ctx.Err() != nil {
			return err
		}
		d.Warnings = append(d.Warnings, fmt.Sprintf("DOCX styles ignored: %v", err))
	}
	// Page headers often hold the name and contact line: they come first.
	// A header that repeats an earlier one (first page, odd, even) is
	// left out; a damaged header is skipped with a warning.
	var seen []string
	for _, h := range z.headers(main) {
		items, err := z.part(ctx, h, styles, lim.MaxTextSize)
		if err != nil {
			if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTimeout) || ctx.Err() != nil {
				return err
			}
			d.Warnings = append(d.Warnings, fmt.Sprintf("DOCX header %s skipped: %v", h, err))
			continue
		}
		key := itemsText(items)
		if key == "" || slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		for _, it := range items {
			it.add(b)
		}
		b.Break()
	}
	items, err := z.part(ctx, main, styles, lim.MaxTextSize)
	if err != nil {
		return err
	}
	for _, it := range items {
		it.add(b)
	}
	return nil
}

// part reads one document part (the body or a header) into blocks.
func (z *zipParts) part(ctx context.Context, name string, styles map[string]docxStyle, maxText int) ([]docxItem, error) {
	rc, err := z.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	p := &docxParser{styles: styles, textLeft: maxText, maxText: maxText}
	if err := p.parse(ctx, rc); err != nil {
		if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrMalformed) || errors.Is(err, ErrTimeout) || ctx.Err() != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: DOCX %s: %v", ErrMalformed, name, err)
	}
	return p.out, nil
}

func itemsText(items []docxItem) string {
	var sb strings.Builder
	for _, it := range items {
		sb.WriteString(it.text)
		sb.WriteByte('\n')
	}
	return strings.TrimSpace(sb.String())
}

// maxHeaders bounds the header parts read (a section may have three:
// first page, odd and even pages).
const maxHeaders = 6

// headers returns the header parts of the main document, from its
// relationships, in the order they are listed.
func (z *zipParts) headers(main string) []string {
	dir, file := path.Split(main)
	rc, err := z.open(dir + "_rels/" + file + ".rels")
	if err != nil {
		return nil
	}
	defer rc.Close()
	var out []string
	dec := xml.NewDecoder(rc)
	for len(out) < maxHeaders {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" || !strings.HasSuffix(attr(se, "Type"), "/header") ||
			attr(se, "TargetMode") == "External" {
			continue
		}
		target := attr(se, "Target")
		if strings.HasPrefix(target, "/") {
			target = path.Clean(target)[1:]
		} else {
			target = path.Join(dir, target)
		}
		if z.files[target] != nil && !slices.Contains(out, target) {
			out = append(out, target)
		}
	}
	return out
}

// zipEntryCount reads the entry count from the end-of-central-directory
// record, before archive/zip allocates a header per entry. ok is false
// when the record is missing or the archive is ZIP64.
func zipEntryCount(data []byte) (int, bool) {
	const eocdLen = 22
	start := max(0, len(data)-eocdLen-65535)
	i := bytes.LastIndex(data[start:], []byte("PK\x05\x06"))
	if i < 0 || start+i+eocdLen > len(data) {
		return 0, false
	}
	n := binary.LittleEndian.Uint16(data[start+i+10:])
	if n == 0xffff {
		return 0, false
	}
	return int(n), true
}

// zipParts reads parts of a package within a shared inflate budget.
type zipParts struct {
	ctx           context.Context
	files         map[string]*zip.File
	budget, limit int64
}

// open opens a part for reading; reads past the budget fail with
// ErrTooLarge.
func (z *zipParts) open(name string) (io.ReadCloser, error) {
	f := z.files[name]
	if f == nil {
		return nil, fmt.Errorf("%w: DOCX has no %s", ErrMalformed, name)
	}
	if f.UncompressedSize64 > uint64(z.budget) {
		return nil, fmt.Errorf("%w: DOCX part %s declares %s uncompressed, limit %s (zip bomb?)",
			ErrTooLarge, name, mib(int64(min(f.UncompressedSize64, 1<<62))), mib(z.limit))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: DOCX part %s: %v", ErrMalformed, name, err)
	}
	return &budgetReader{z: z, name: name, r: rc}, nil
}

// budgetReader counts the bytes inflated from a part against the budget
// and checks ctx as it goes.
type budgetReader struct {
	z    *zipParts
	name string
	r    io.ReadCloser
}

func (br *budgetReader) Read(p []byte) (int, error) {
	if err := checkCtx(br.z.ctx); err != nil {
		return 0, err
	}
	// Ask for at most one byte past the budget: enough to know it is spent.
	if int64(len(p)) > br.z.budget+1 {
		p = p[:br.z.budget+1]
	}
	n, err := br.r.Read(p)
	br.z.budget -= int64(n)
	if br.z.budget < 0 {
		return n, fmt.Errorf("%w: DOCX part %s inflates past %s (zip bomb?)", ErrTooLarge, br.name, mib(br.z.limit))
	}
	switch {
	case err == nil || err == io.EOF:
	case errors.Is(err, zip.ErrFormat):
		// archive/zip stops a part at its declared size.
		err = fmt.Errorf("%w: DOCX part %s inflates past its declared size (damaged, or a zip bomb)", ErrMalformed, br.name)
	default:
		err = fmt.Errorf("%w: DOCX part %s: %v", ErrMalformed, br.name, err)
	}
	return n, err
}

func (br *budgetReader) Close() error { return br.r.Close() }

// mib formats a byte count for messages: "64.0 MiB", or bytes when small.
func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// mainPart returns the name of the main document part, from the package
// relationships when they name one.
func (z *zipParts) mainPart() string {
	const def = "word/document.xml"
	rc, err := z.open("_rels/.rels")
	if err != nil {
		return def
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.Token()
		if err != nil {
			return def
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		if strings.HasSuffix(attr(se, "Type"), "/officeDocument") {
			target := strings.TrimPrefix(path.Clean("/"+attr(se, "Target")), "/")
			if z.files[target] != nil {
				return target
			}
			return def
		}
	}
}

// docxStyle is what a paragraph style says about structure.
type docxStyle struct {
	heading int // 1–6, 0 for body text
	list    int // list depth, 0 for none
}

// styles reads the paragraph styles; a missing part is no error.
func (z *zipParts) styles(name string) (map[string]docxStyle, error) {
	if z.files[name] == nil {
		return nil, nil
	}
	rc, err := z.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	type rawStyle struct {
		name, basedOn string
		outline       int // -1: none
		numbered      bool
	}
	raw := map[string]*rawStyle{}
	var cur *rawStyle
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				cur = nil
				if typ := attr(t, "type"); typ == "paragraph" || typ == "" {
					cur = &rawStyle{outline: -1}
					raw[attr(t, "styleId")] = cur
				}
			case "name":
				if cur != nil {
					cur.name = attr(t, "val")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t, "val")
				}
			case "outlineLvl":
				if cur != nil {
					if n, err := strconv.Atoi(attr(t, "val")); err == nil {
						cur.outline = n
					}
				}
			case "numPr":
				if cur != nil {
					cur.numbered = true
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" {
				cur = nil
			}
		}
	}
	out := make(map[string]docxStyle, len(raw))
	for id := range raw {
		var st docxStyle
		s := raw[id]
		for i := 0; s != nil && i < maxStyleChain; i++ {
			if h := headingFromName(s.name); h > 0 {
				st.heading = h
				break
			}
			if s.outline >= 0 && s.outline < 9 {
				st.heading = min(s.outline+1, 6)
				break
			}
			if l := listFromName(s.name); l > 0 || s.numbered {
				st.list = max(l, 1)
				break
			}
			s = raw[s.basedOn]
		}
		out[id] = st
	}
	return out, nil
}

// headingFromName reads "heading 2", "Heading2", "Title" (and a few
// localized style ids Word writes without a styles part); 0 when the name
// is not a heading.
func headingFromName(name string) int {
	n := strings.ToLower(strings.NewReplacer(" ", "", "_", "", "-", "").Replace(name))
	if n == "title" {
		return 1
	}
	for _, prefix := range []string{"heading", "berschrift", "überschrift", "titre", "kop", "ttulo", "título", "rubrik", "otsikko"} {
		if rest, ok := strings.CutPrefix(n, prefix); ok {
			if k, err := strconv.Atoi(rest); err == nil && k >= 1 && k <= 9 {
				return min(k, 6)
			}
		}
	}
	return 0
}

// listFromName reads "List Bullet 2", "List Number"; 0 for other styles.
func listFromName(name string) int {
	n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	for _, prefix := range []string{"listbullet", "listnumber"} {
		if rest, ok := strings.CutPrefix(n, prefix); ok {
			if rest == "" {
				return 1
			}
			if k, err := strconv.Atoi(rest); err == nil && k >= 1 && k <= 9 {
				return k
			}
		}
	}
	return 0
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxItem is one block (or a paragraph break) of the output, held until
// the enclosing table row is known to be a data row or a layout row.
type docxItem struct {
	kind  BlockKind // 0: a paragraph break
	level int
	text  string
}

func (it docxItem) add(b *Builder) {
	switch it.kind {
	case 0:
		b.Break()
	case Heading:
		b.Heading(it.level, it.text)
	case ListItem:
		b.Item(it.level, it.text)
	default:
		b.Line(it.text)
	}
}

// docxPara is a paragraph being read.
type docxPara struct {
	style    string
	numbered bool
	numID    string
	ilvl     int
	outline  int // -1: none
	lines    []string
	line     strings.Builder
}

// docxCell collects the blocks of a table cell.
type docxCell struct{ items []docxItem }

// docxRow collects the cells of a table row.
type docxRow struct{ cells []*docxCell }

type docxParser struct {
	styles map[string]docxStyle
	// textLeft is the text the part may still produce (Limits.MaxTextSize):
	// a longer document fails early rather than after holding it all.
	textLeft, maxText int
	out               []docxItem // blocks outside any table cell
	paras             []*docxPara
	rows              []*docxRow  // open table rows, innermost last
	cells             []*docxCell // open cells, innermost last
	stack             []string    // local names of the open elements
	skip              int         // depth inside a skipped element, 0 when reading
	hidden            bool        // the current run is hidden (w:vanish)
}

// skipElems hold no visible text: deleted revisions, moved-away text,
// field instructions, and the fallback copy of alternate content.
var skipElems = map[string]bool{"del": true, "moveFrom": true, "instrText": true, "delText": true, "Fallback": true}

func (p *docxParser) parse(ctx context.Context, r io.Reader) error {
	dec := xml.NewDecoder(r)
	for n := 0; ; n++ {
		if n%ctxCheckEvery == 0 {
			if err := checkCtx(ctx); err != nil {
				return err
			}
		}
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return fmt.Errorf("XML error at line %d: %s", se.Line, se.Msg)
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p.start(t)
		case xml.EndElement:
			p.end(t.Name.Local)
			if p.textLeft < 0 {
				return fmt.Errorf("%w: extracted text exceeds %d bytes", ErrTooLarge, p.maxText)
			}
		case xml.CharData:
			if p.skip == 0 && !p.hidden && len(p.paras) > 0 && p.parent() == "t" {
				p.paras[len(p.paras)-1].line.Write(t)
			}
		}
	}
	// Unclosed paragraphs of a truncated part still count.
	for len(p.paras) > 0 {
		p.endPara()
	}
	return nil
}

func (p *docxParser) parent() string {
	if len(p.stack) == 0 {
		return ""
	}
	return p.stack[len(p.stack)-1]
}

func (p *docxParser) grandparent() string {
	if len(p.stack) < 2 {
		return ""
	}
	return p.stack[len(p.stack)-2]
}

func (p *docxParser) start(t xml.StartElement) {
	name := t.Name.Local
	parent, grand := p.parent(), p.grandparent()
	p.stack = append(p.stack, name)
	if p.skip > 0 || skipElems[name] {
		p.skip++
		return
	}
	var para *docxPara
	if len(p.paras) > 0 {
		para = p.paras[len(p.paras)-1]
	}
	switch name {
	case "p":
		p.paras = append(p.paras, &docxPara{outline: -1})
	case "pStyle":
		if para != nil && parent == "pPr" {
			para.style = attr(t, "val")
		}
	case "numPr":
		if para != nil && parent == "pPr" {
			para.numbered = true
		}
	case "ilvl":
		if para != nil && parent == "numPr" {
			if k, err := strconv.Atoi(attr(t, "val")); err == nil && k >= 0 && k < 9 {
				para.ilvl = k
			}
		}
	case "numId":
		if para != nil && parent == "numPr" {
			para.numID = attr(t, "val")
		}
	case "outlineLvl":
		if para != nil && parent == "pPr" {
			if k, err := strconv.Atoi(attr(t, "val")); err == nil {
				para.outline = k
			}
		}
	case "r":
		p.hidden = false
	case "vanish":
		// Run properties (r/rPr) only: pPr/rPr/vanish hides the mark.
		if parent == "rPr" && grand == "r" {
			v := attr(t, "val")
			p.hidden = v != "0" && v != "false" && v != "off"
		}
	case "tab":
		if para != nil && parent == "r" && !p.hidden {
			para.line.WriteByte(' ')
		}
	case "br", "cr":
		if para != nil && parent == "r" && !p.hidden {
			para.lines = append(para.lines, para.line.String())
			para.line.Reset()
		}
	case "noBreakHyphen":
		if para != nil && parent == "r" && !p.hidden {
			para.line.WriteByte('-')
		}
	case "tbl":
		p.emit(docxItem{})
	case "tr":
		p.rows = append(p.rows, &docxRow{})
	case "tc":
		c := &docxCell{}
		p.cells = append(p.cells, c)
		if len(p.rows) > 0 {
			row := p.rows[len(p.rows)-1]
			row.cells = append(row.cells, c)
		}
	}
}

func (p *docxParser) end(name string) {
	if len(p.stack) > 0 {
		p.stack = p.stack[:len(p.stack)-1]
	}
	if p.skip > 0 {
		p.skip--
		return
	}
	switch name {
	case "p":
		if len(p.paras) > 0 {
			p.endPara()
		}
	case "r":
		p.hidden = false
	case "tc":
		if len(p.cells) > 0 {
			p.cells = p.cells[:len(p.cells)-1]
		}
	case "tr":
		if len(p.rows) > 0 {
			row := p.rows[len(p.rows)-1]
			p.rows = p.rows[:len(p.rows)-1]
			p.endRow(row)
		}
	case "tbl":
		p.emit(docxItem{})
	}
}

// emit sends a block to the innermost open cell, or to the output.
func (p *docxParser) emit(it docxItem) {
	p.textLeft -= len(it.text)
	if len(p.cells) > 0 {
		c := p.cells[len(p.cells)-1]
		c.items = append(c.items, it)
		return
	}
	p.out = append(p.out, it)
}

// endPara classifies the finished paragraph and emits its blocks.
func (p *docxParser) endPara() {
	para := p.paras[len(p.paras)-1]
	p.paras = p.paras[:len(p.paras)-1]
	lines := append(para.lines, para.line.String())
	var texts []string
	for _, l := range lines {
		if l = cleanSpace(softChars.Replace(l)); l != "" {
			texts = append(texts, l)
		}
	}
	if len(texts) == 0 {
		p.emit(docxItem{}) // an empty paragraph: vertical space
		return
	}
	st, known := p.styles[para.style]
	if !known { // no styles part, or a style it does not define: go by the id
		st = docxStyle{heading: headingFromName(para.style), list: listFromName(para.style)}
	}
	heading := st.heading
	if para.outline >= 0 && para.outline < 9 {
		heading = min(para.outline+1, 6)
	}
	switch {
	case heading > 0:
		p.emit(docxItem{})
		p.emit(docxItem{kind: Heading, level: heading, text: strings.Join(texts, " ")})
		p.emit(docxItem{})
	case para.numbered && para.numID != "0" || st.list > 0:
		level := para.ilvl + 1
		if !para.numbered {
			level = st.list
		}
		p.emit(docxItem{kind: ListItem, level: level, text: strings.Join(texts, " ")})
	default:
		if _, text, ok := listItem(texts[0]); ok && text != "" && len(texts) == 1 {
			// A bullet typed as text: "• CUDA kernels".
			p.emit(docxItem{kind: ListItem, level: 1, text: text})
			return
		}
		p.emit(docxItem{})
		for _, t := range texts {
			p.emit(docxItem{kind: Line, text: t})
		}
	}
}

// endRow emits a finished table row: one line of cells joined by " | "
// for a data row, the cells' blocks one after another for a layout row.
func (p *docxParser) endRow(row *docxRow) {
	layout := false
	var cells []string
	for _, c := range row.cells {
		var lines []string
		for _, it := range c.items {
			switch it.kind {
			case 0:
			case Line:
				lines = append(lines, it.text)
			default:
				layout = true
			}
		}
		if len(lines) > 2 {
			layout = true
		}
		if len(lines) > 0 {
			cells = append(cells, strings.Join(lines, " "))
		}
	}
	if layout {
		for _, c := range row.cells {
			p.emit(docxItem{})
			for _, it := range c.items {
				p.emit(it)
			}
		}
		p.emit(docxItem{})
		return
	}
	if len(cells) > 0 {
		p.emit(docxItem{kind: Line, text: strings.Join(cells, " | ")})
	}
}

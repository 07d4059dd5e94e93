// Command fixturegen writes the binary test fixtures of package document
// from their Markdown sources, so that they can be reviewed as text and
// regenerated at will:
//
//	go run ./index/extract/document/internal/fixturegen
//
// For every testdata/formats/*.md it writes a PDF twin (PDF 1.4, Helvetica,
// one text operator per line, two pages) and a DOCX twin (a minimal Word
// package with heading styles, bulleted list paragraphs and a table). It
// also writes the bad-input corpus of testdata/bad/ (see its README.md).
// Output is deterministic: the same sources give the same bytes.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	root := flag.String("root", ".", "repository root (holding testdata/)")
	flag.Parse()
	log.SetFlags(0)
	formats := filepath.Join(*root, "testdata", "formats")
	mds, err := filepath.Glob(filepath.Join(formats, "*.md"))
	if err != nil || len(mds) == 0 {
		log.Fatalf("fixturegen: no Markdown sources in %s (run from the repository root or set -root)", formats)
	}
	for _, md := range mds {
		src, err := os.ReadFile(md)
		if err != nil {
			log.Fatal(err)
		}
		doc := parseMarkdown(string(src))
		base := strings.TrimSuffix(md, ".md")
		write(base+".pdf", renderPDF(doc, title(doc)))
		write(base+".docx", renderDOCX(doc))
	}
	if err := writeBad(filepath.Join(*root, "testdata", "bad"), formats); err != nil {
		log.Fatal(err)
	}
}

func write(path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s (%d bytes)\n", path, len(data))
}

// Markdown, as far as the fixtures use it.

type kind int

const (
	heading kind = iota + 1
	para
	bullet
	tableRow
	blank
)

type element struct {
	kind  kind
	level int // heading level or bullet depth
	text  string
	cells []string
}

func parseMarkdown(src string) []element {
	var out []element
	for _, raw := range strings.Split(src, "\n") {
		line := strings.TrimRight(raw, " \t\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			out = append(out, element{kind: blank})
		case strings.HasPrefix(trimmed, "#"):
			level := len(trimmed) - len(strings.TrimLeft(trimmed, "#"))
			out = append(out, element{kind: heading, level: level, text: strings.TrimSpace(trimmed[level:])})
		case strings.HasPrefix(trimmed, "- "):
			indent := len(line) - len(strings.TrimLeft(line, " "))
			out = append(out, element{kind: bullet, level: indent/2 + 1, text: strings.TrimSpace(trimmed[2:])})
		case strings.HasPrefix(trimmed, "|"):
			var cells []string
			for _, c := range strings.Split(strings.Trim(trimmed, "|"), "|") {
				cells = append(cells, strings.TrimSpace(c))
			}
			if strings.Trim(strings.Join(cells, ""), "-: ") == "" {
				continue // the separator row
			}
			out = append(out, element{kind: tableRow, cells: cells})
		default:
			out = append(out, element{kind: para, text: trimmed})
		}
	}
	return out
}

func title(doc []element) string {
	for _, e := range doc {
		if e.kind == heading {
			return e.text
		}
	}
	return ""
}

// PDF.

// helvetica holds the Helvetica advance widths (1/1000 em) of the
// printable ASCII characters 32–126, from the font's AFM metrics.
var helvetica = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
}

// width returns the width of a WinAnsi byte.
func width(c byte) int {
	switch {
	case c >= 32 && c <= 126:
		return helvetica[c-32]
	case c == 0x95:
		return 350
	case c == 0x97:
		return 1000
	case c == 0x92, c == 0x91:
		return 222
	}
	return 556
}

// winAnsi encodes s in WinAnsiEncoding ('?' for what it lacks).
func winAnsi(s string) []byte {
	var out []byte
	for _, r := range s {
		switch {
		case r < 0x80:
			out = append(out, byte(r))
		case r >= 0xa0 && r <= 0xff:
			out = append(out, byte(r))
		default:
			m := map[rune]byte{'•': 0x95, '–': 0x96, '—': 0x97, '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '…': 0x85}
			if c, ok := m[r]; ok {
				out = append(out, c)
			} else {
				out = append(out, '?')
			}
		}
	}
	return out
}

func textWidth(s string, size float64) float64 {
	w := 0
	for _, c := range winAnsi(s) {
		w += width(c)
	}
	return float64(w) / 1000 * size
}

// pdfString writes s as a PDF literal string in WinAnsi bytes.
func pdfString(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for _, c := range winAnsi(s) {
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 32 || c > 126:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// wrap breaks text into lines no wider than max points.
func wrap(text string, size, max float64) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(text) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && textWidth(try, size) > max {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

const (
	pageW, pageH = 612.0, 792.0
	margin       = 72.0
	bodySize     = 10.0
	leading      = 1.3   // line height, in font sizes
	paraSpace    = 8.0   // extra space between paragraphs, points
	bulletIndent = 12.0  // text after a bullet
	column2      = 230.0 // x of a table's second column
)

// pageBreakBefore starts a new page at this heading, so that the twin has
// two pages (and the reader's page handling is exercised).
const pageBreakBefore = "Education"

type pdfPage struct{ ops strings.Builder }

func renderPDF(doc []element, docTitle string) []byte {
	var pages []*pdfPage
	page := &pdfPage{}
	pages = append(pages, page)
	y := pageH - margin
	newPage := func() {
		page = &pdfPage{}
		pages = append(pages, page)
		y = pageH - margin
	}
	// line draws one line of text; font is F1 (regular) or F2 (bold).
	line := func(font string, size, x float64, text string, tj bool) {
		y -= size * leading
		if y < margin {
			newPage()
			y -= size * leading
		}
		if tj {
			// A TJ with word gaps as adjustments, as many producers write.
			var parts []string
			for _, w := range strings.Fields(text) {
				parts = append(parts, pdfString(w))
			}
			fmt.Fprintf(&page.ops, "BT /%s %g Tf 1 0 0 1 %g %g Tm [%s] TJ ET\n", font, size, x, y,
				strings.Join(parts, " -278 "))
			return
		}
		fmt.Fprintf(&page.ops, "BT /%s %g Tf 1 0 0 1 %g %g Tm %s Tj ET\n", font, size, x, y, pdfString(text))
	}
	gap := false
	for _, e := range doc {
		if e.kind == blank {
			gap = true
			continue
		}
		if gap {
			y -= paraSpace
			gap = false
		}
		switch e.kind {
		case heading:
			if e.text == pageBreakBefore {
				newPage()
			}
			size := map[int]float64{1: 18, 2: 13, 3: 11.5}[e.level]
			if size == 0 {
				size = bodySize
			}
			y -= size * 0.4 // space above a heading
			line("F2", size, margin, e.text, e.level == 3)
		case para:
			lines := wrap(e.text, bodySize, pageW-2*margin)
			// A paragraph is one text object: Td, then T* between lines.
			y -= bodySize * leading
			if y-float64(len(lines)-1)*bodySize*leading < margin {
				newPage()
				y -= bodySize * leading
			}
			fmt.Fprintf(&page.ops, "BT /F1 %g Tf %g TL %g %g Td", bodySize, bodySize*leading, margin, y)
			for i, l := range lines {
				if i > 0 {
					page.ops.WriteString(" T*")
					y -= bodySize * leading
				}
				fmt.Fprintf(&page.ops, " %s Tj", pdfString(l))
			}
			page.ops.WriteString(" ET\n")
		case bullet:
			x := margin + float64(e.level-1)*2*bulletIndent
			lines := wrap(e.text, bodySize, pageW-margin-x-bulletIndent)
			for i, l := range lines {
				line("F1", bodySize, x+bulletIndent, l, false)
				if i == 0 {
					fmt.Fprintf(&page.ops, "BT /F1 %g Tf %g %g Td %s Tj ET\n", bodySize, x, y, pdfString("•"))
				}
			}
		case tableRow:
			line("F1", bodySize, margin, e.cells[0], false)
			for i, c := range e.cells[1:] {
				fmt.Fprintf(&page.ops, "BT /F1 %g Tf 1 0 0 1 %g %g Tm %s Tj ET\n", bodySize, column2+float64(i)*150, y, pdfString(c))
			}
		}
	}
	// A thin rule under the name, drawn as a path: not text.
	fmt.Fprintf(&pages[0].ops, "0.5 w %g %g m %g %g l S\n", margin, pageH-margin-34, pageW-margin, pageH-margin-34)

	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	catalog := add("") // filled in below
	pagesObj := add("")
	widths := make([]string, 0, 224)
	for c := 32; c <= 255; c++ {
		widths = append(widths, fmt.Sprint(width(byte(c))))
	}
	w := add("[" + strings.Join(widths, " ") + "]")
	f1 := add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths %d 0 R >>", w))
	f2 := add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths %d 0 R >>", w))
	var kids []string
	for i, p := range pages {
		content := p.ops.String()
		var stream string
		if i == 1 {
			// The second page is compressed, as most producers do.
			var z bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
			zw.Write([]byte(content))
			zw.Close()
			stream = fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String())
		} else {
			stream = fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
		}
		c := add(stream)
		pg := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R >>", pagesObj, pageW, pageH, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>",
		strings.Join(kids, " "), len(kids), f1, f2)
	info := add(fmt.Sprintf("<< /Title %s /Producer (skillrank fixturegen) >>", pdfString(docTitle)))
	return assemblePDF(objs, catalog, info)
}

// assemblePDF writes objects 1..n, the cross-reference table and the
// trailer, with exact byte offsets.
func assemblePDF(objs []string, root, info int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	trailer := fmt.Sprintf("/Size %d /Root %d 0 R", len(objs)+1, root)
	if info > 0 {
		trailer += fmt.Sprintf(" /Info %d 0 R", info)
	}
	fmt.Fprintf(&b, "trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return b.Bytes()
}

// scannedPDF is a page holding only an image and a drawn rectangle: what
// a scanner without OCR produces.
func scannedPDF() []byte {
	img := bytes.Repeat([]byte{0x20, 0xe0}, 32) // 8×8 gray checks
	content := "q 200 0 0 200 72 500 cm /Im1 Do Q\n0.9 g 72 420 468 40 re f\n"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream", len(img), img),
	}
	return assemblePDF(objs, 1, 0)
}

// DOCX.

const (
	wNS     = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	relNS   = "http://schemas.openxmlformats.org/package/2006/relationships"
	docType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func run(text string) string {
	return `<w:r><w:t xml:space="preserve">` + xmlEscape(text) + `</w:t></w:r>`
}

func renderDOCX(doc []element) []byte {
	var body strings.Builder
	inTable := false
	summaryDone := false
	for _, e := range doc {
		if inTable && e.kind != tableRow {
			body.WriteString("</w:tbl>")
			inTable = false
		}
		switch e.kind {
		case heading:
			// Title for the name, the built-in id for sections, and a
			// localized id (as German Word writes) for entry titles: the
			// reader knows it from styles.xml.
			style := map[int]string{1: "Title", 2: "Heading2", 3: "berschrift3"}[e.level]
			fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>%s</w:p>`, style, run(e.text))
		case para:
			body.WriteString("<w:p>")
			if !summaryDone && strings.Count(e.text, " ") > 20 {
				// The summary: runs split mid-sentence, a bold word, and
				// text that Word hides or has deleted (not to be read).
				summaryDone = true
				head, tail, _ := strings.Cut(e.text, "CUDA")
				body.WriteString(run(head))
				body.WriteString(`<w:r><w:rPr><w:b/></w:rPr><w:t>CUDA</w:t></w:r>`)
				body.WriteString(`<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> and Fortran</w:t></w:r>`)
				body.WriteString(`<w:del w:id="1" w:author="N" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve"> and COBOL</w:delText></w:r></w:del>`)
				body.WriteString(run(tail))
			} else if a, b, ok := strings.Cut(e.text, " | "); ok {
				// The contact line: a tab-free run per field.
				for ok {
					body.WriteString(run(a + " | "))
					a, b, ok = strings.Cut(b, " | ")
				}
				body.WriteString(run(a))
			} else {
				body.WriteString(run(e.text))
			}
			body.WriteString("</w:p>")
		case bullet:
			fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr>%s</w:p>`,
				e.level-1, run(e.text))
		case tableRow:
			if !inTable {
				body.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>`)
				inTable = true
			}
			body.WriteString("<w:tr>")
			for _, c := range e.cells {
				fmt.Fprintf(&body, `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p>%s</w:p></w:tc>`, run(c))
			}
			body.WriteString("</w:tr>")
		}
	}
	if inTable {
		body.WriteString("</w:tbl>")
	}
	document := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="` + wNS + `"><w:body>` + body.String() +
		`<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:styles xmlns:w="` + wNS + `">` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="48"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="berschrift3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>` +
		`</w:styles>`
	numbering := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:numbering xmlns:w="` + wNS + `"><w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="◦"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>` +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	return zipFiles([][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="` + relNS + `"><Relationship Id="rId1" Type="` + docType + `/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="` + relNS + `">` +
			`<Relationship Id="rId1" Type="` + docType + `/styles" Target="styles.xml"/>` +
			`<Relationship Id="rId2" Type="` + docType + `/numbering" Target="numbering.xml"/></Relationships>`},
		{"word/document.xml", document},
		{"word/styles.xml", styles},
		{"word/numbering.xml", numbering},
	})
}

// fixedTime keeps zip headers, and so the fixtures, byte-for-byte stable.
var fixedTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func zipFiles(files [][2]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f[0], Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			log.Fatal(err)
		}
		io.WriteString(w, f[1])
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// bombDOCX is a DOCX whose document.xml inflates to 100 MiB of repeated
// bytes: past the default 64 MiB budget, from about a hundred kilobytes.
func bombDOCX() []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	add := func(name string, write func(w io.Writer)) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			log.Fatal(err)
		}
		write(w)
	}
	add("[Content_Types].xml", func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`)
	})
	add("word/document.xml", func(w io.Writer) {
		io.WriteString(w, `<w:document xmlns:w="`+wNS+`"><w:body><w:p><w:r><w:t>`)
		chunk := bytes.Repeat([]byte("A"), 1<<20)
		for range 100 {
			w.Write(chunk)
		}
		io.WriteString(w, `</w:t></w:r></w:p></w:body></w:document>`)
	})
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// The bad-input corpus.

func writeBad(dir, formats string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2)) // seeded: the corpus is reproducible
	noise := make([]byte, 2048)
	for i := range noise {
		noise[i] = byte(rng.UintN(256))
	}
	noise[0], noise[1] = 0x00, 0x9c // a NUL up front, as binary data has
	garbage := make([]byte, 1024)
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
	}
	resume, err := os.ReadFile(filepath.Join(formats, "nora-lindqvist.json"))
	if err != nil {
		return err
	}
	latin1 := []byte("Björn Ståhl\n\nEmbedded engineer in Malmö.\n\nSKILLS\n\nC, Rust, Zephyr RTOS, naïve Bayes filters\n\n" +
		"EXPERIENCE\n\nFirmware Engineer — Öresund Devices\nJan 2019 – Present\n- Bootloaders in C for Cortex-M parts.\n")
	latin1 = toLatin1(latin1)
	files := []struct {
		name string
		data []byte
	}{
		{"empty.txt", nil},
		{"whitespace.md", []byte(" \n\t\n   \r\n\n")},
		{"noise.txt", noise},
		{"latin1.txt", latin1},
		{"truncated.json", resume[:len(resume)*3/5]},
		{"not-resume.json", []byte(`{"name": "build-config", "version": 2, "targets": [1, 2, 3]}` + "\n")},
		{"scanned.pdf", scannedPDF()},
		{"corrupt.pdf", append([]byte("%PDF-1.4\n"), garbage...)},
		{"bomb.docx", bombDOCX()},
		{"fake.pdf", []byte("This is a plain text note saved with a .pdf name.\nIt has no PDF structure at all.\n")},
		{"notzip.docx", append([]byte("PK\x03\x04word/document.xml"), garbage[:256]...)},
	}
	for _, f := range files {
		write(filepath.Join(dir, f.name), f.data)
	}
	loop := filepath.Join(dir, "loop")
	if err := os.MkdirAll(loop, 0o755); err != nil {
		return err
	}
	self := filepath.Join(loop, "self")
	if _, err := os.Lstat(self); os.IsNotExist(err) {
		if err := os.Symlink(".", self); err != nil {
			return err
		}
		fmt.Printf("linked %s -> .\n", self)
	}
	return nil
}

// toLatin1 re-encodes UTF-8 text as ISO 8859-1.
func toLatin1(b []byte) []byte {
	var out []byte
	for _, r := range string(b) {
		switch {
		case r < 0x100:
			out = append(out, byte(r))
		case r == '—' || r == '–':
			out = append(out, '-')
		default:
			out = append(out, '?')
		}
	}
	return out
}

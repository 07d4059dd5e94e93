package document

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// makeDOCX zips parts (name, content) into a package.
func makeDOCX(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[i+1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func docBody(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`
}

func para(style, text string) string {
	ppr := ""
	if style != "" {
		ppr = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
	}
	return `<w:p>` + ppr + `<w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func listPara(ilvl int, numID, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%s"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, ilvl, numID, text)
}

func TestDOCXHeadingsAndLists(t *testing.T) {
	styles := `<w:styles ` + wordNS + `>
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="Fancy"/><w:basedOn w:val="berschrift1"/></w:style>
<w:style w:type="paragraph" w:styleId="Outline3"><w:name w:val="Section"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Bullets2"><w:name w:val="List Bullet 2"/></w:style>
<w:style w:type="character" w:styleId="Heading1Char"><w:name w:val="heading 1 Char"/></w:style>
</w:styles>`
	body := para("Title", "Ada Byron") +
		para("berschrift1", "Localized heading") +
		para("MyHeading", "Based on a heading") +
		para("Outline3", "Outline level") +
		para("Heading4", "Undefined id Heading4") +
		`<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Direct outline</w:t></w:r></w:p>` +
		listPara(0, "1", "Level one") +
		listPara(1, "1", "Level two") +
		listPara(2, "1", "Level three") +
		listPara(0, "0", "numId 0 is no list") +
		para("Bullets2", "Styled bullet") +
		para("", "• Typed bullet") +
		para("Normal", "Body text")
	d := readBytes(t, "r.docx", makeDOCX(t, "word/document.xml", docBody(body), "word/styles.xml", styles))
	wantBlocks(t, d, "H1 Ada Byron", "H1 Localized heading", "H1 Based on a heading", "H3 Outline level",
		"H4 Undefined id Heading4", "H2 Direct outline", "I1 Level one", "I2 Level two", "I3 Level three",
		"L numId 0 is no list", "I2 Styled bullet", "I1 Typed bullet", "L Body text")
}

func TestDOCXRuns(t *testing.T) {
	body := `<w:p><w:r><w:t xml:space="preserve">GPU </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>kernels</w:t></w:r>` +
		`<w:r><w:tab/><w:t>tabbed</w:t><w:br/><w:t>second line</w:t></w:r>` +
		`<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden Java</w:t></w:r>` +
		`<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> shown</w:t></w:r>` +
		`<w:del w:id="1"><w:r><w:delText>deleted Rust</w:delText></w:r></w:del>` +
		`<w:ins w:id="2"><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x" Scala</w:instrText></w:r>` +
		`<w:hyperlink><w:r><w:t xml:space="preserve"> link</w:t></w:r></w:hyperlink>` +
		`<w:r><w:t xml:space="preserve"> non</w:t><w:noBreakHyphen/><w:t>breaking</w:t></w:r></w:p>` +
		// A text box: Word writes it twice, once as fallback.
		`<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>box text</w:t></w:r></w:p></w:txbxContent></mc:Choice>` +
		`<mc:Fallback><w:txbxContent><w:p><w:r><w:t>box text</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>` +
		`<w:r><w:t>after box</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:rPr><w:vanish/></w:rPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>mark hidden, text shown</w:t></w:r></w:p>`
	d := readBytes(t, "r.docx", makeDOCX(t, "word/document.xml", docBody(body)))
	wantBlocks(t, d, "L GPU kernels tabbed", "L second line shown inserted link non-breaking", "L box text", "L after box",
		"L mark hidden, text shown")
}

func TestDOCXTables(t *testing.T) {
	cell := func(paras ...string) string { return "<w:tc>" + strings.Join(paras, "") + "</w:tc>" }
	row := func(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
	body := para("Heading2", "Skills") +
		"<w:tbl>" +
		row(cell(para("", "Area")), cell(para("", "Tools")), cell(`<w:p/>`)) +
		row(cell(para("", "GPU")), cell(para("", "CUDA,"), para("", "Triton"))) +
		"</w:tbl>" +
		// A layout table: headings and lists in cells.
		"<w:tbl>" +
		row(cell(para("Heading2", "Experience")), cell(para("", "Engineer — Acme"), listPara(0, "1", "MLIR passes"),
			"<w:tbl>"+row(cell(para("", "inner")), cell(para("", "table")))+"</w:tbl>")) +
		"</w:tbl>" +
		para("", "After")
	d := readBytes(t, "r.docx", makeDOCX(t, "word/document.xml", docBody(body)))
	wantBlocks(t, d, "H2 Skills", "L Area | Tools", "L GPU | CUDA, Triton", "H2 Experience", "L Engineer — Acme",
		"I1 MLIR passes", "L inner | table", "L After")
}

func TestDOCXHeaders(t *testing.T) {
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="/word/header3.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>`
	hdr := func(body string) string { return `<w:hdr ` + wordNS + `>` + body + `</w:hdr>` }
	d := readBytes(t, "r.docx", makeDOCX(t,
		"word/_rels/document.xml.rels", rels,
		"word/document.xml", docBody(para("Heading2", "Summary")+para("", "Compiler engineer.")),
		"word/header1.xml", hdr(para("Title", "Ada Byron")+para("", "ada@example.com")),
		"word/header2.xml", hdr(para("Title", "Ada Byron")+para("", "ada@example.com")), // the same again
		"word/header3.xml", hdr(`<w:p/>`),
		"word/footer1.xml", `<w:ftr `+wordNS+`>`+para("", "Page 1")+`</w:ftr>`,
	))
	wantBlocks(t, d, "H1 Ada Byron", "L ada@example.com", "H2 Summary", "L Compiler engineer.")
	if d.Name != "Ada Byron" {
		t.Errorf("name %q", d.Name)
	}
}

func TestDOCXMainPartFromRels(t *testing.T) {
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`
	d := readBytes(t, "r.docx", makeDOCX(t, "_rels/.rels", rels, "word/document2.xml", docBody(para("", "Second part"))))
	wantBlocks(t, d, "L Second part")
}

// rawZip writes one deflated entry whose header declares size bytes,
// whatever the data really inflates to: declared sizes can lie.
func rawZip(t testing.TB, name string, data []byte, size uint64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return b.Bytes()
}

func TestDOCXZipBomb(t *testing.T) {
	big := []byte(docBody(para("", strings.Repeat("A", 4<<20))))
	lim := Limits{MaxDecompressed: 1 << 20}
	cases := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"honest header", rawZip(t, "word/document.xml", big, uint64(len(big))), ErrTooLarge, "declares 4.0 MiB uncompressed, limit 1.0 MiB"},
		// archive/zip itself stops a part at its declared size.
		{"lying header", rawZip(t, "word/document.xml", big, 1000), ErrMalformed, "inflates past its declared size"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(context.Background(), "r.docx", c.data, lim)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("error %v, want %v with %q", err, c.want, c.msg)
			}
		})
	}
	t.Run("budget reader", func(t *testing.T) {
		// Past archive/zip's own check: the shared budget stops reading.
		data := rawZip(t, "word/document.xml", big, uint64(len(big)))
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		z := &zipParts{ctx: context.Background(), files: map[string]*zip.File{"d": zr.File[0]}, budget: 1 << 30, limit: 1 << 20}
		rc, err := z.open("d")
		if err != nil {
			t.Fatal(err)
		}
		z.budget = 1 << 20 // as if other parts had used the rest
		n, err := io.Copy(io.Discard, rc)
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "inflates past 1.0 MiB") || n > 1<<20+1 {
			t.Fatalf("read %d bytes, error %v; want ErrTooLarge after 1 MiB", n, err)
		}
	})
	t.Run("styles share the budget", func(t *testing.T) {
		styles := `<w:styles ` + wordNS + `>` + strings.Repeat(" ", 900<<10) + `</w:styles>`
		data := makeDOCX(t, "word/styles.xml", styles, "word/document.xml", docBody(para("", strings.Repeat("B", 200<<10))))
		_, err := Read(context.Background(), "r.docx", data, lim)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("error %v, want ErrTooLarge", err)
		}
	})
}

func TestDOCXErrors(t *testing.T) {
	many := func() []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for i := range maxZipEntries + 1 {
			zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("word/media/%d", i), Method: zip.Store})
		}
		zw.Close()
		return b.Bytes()
	}()
	cases := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"too many entries", many, ErrTooLarge, "DOCX archive has 4097 entries, limit 4096"},
		{"no document", makeDOCX(t, "word/other.xml", "<x/>"), ErrMalformed, "DOCX has no word/document.xml (not a Word document?)"},
		{"bad XML", makeDOCX(t, "word/document.xml", "<w:document "+wordNS+">\n<w:body><w:p></w:body>"), ErrMalformed, "DOCX word/document.xml: XML error at line 2"},
		{"no text", makeDOCX(t, "word/document.xml", docBody("<w:p/>")), ErrNoText, "no extractable text"},
		{"text too large", makeDOCX(t, "word/document.xml", docBody(strings.Repeat(para("", strings.Repeat("x", 1000)), 3000))), ErrTooLarge, "extracted text exceeds 2097152 bytes"},
		{"truncated zip", makeDOCX(t, "word/document.xml", docBody(para("", "x")))[:60], ErrMalformed, "not a valid zip archive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(context.Background(), "r.docx", c.data, Limits{})
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("error %v, want %v with %q", err, c.want, c.msg)
			}
		})
	}
}

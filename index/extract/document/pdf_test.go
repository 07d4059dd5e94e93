package document

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// buildPDF assembles objects 1..n (object 1 the catalog) with a correct
// cross-reference table; trailer adds entries to the trailer.
func buildPDF(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
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
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

func stream(dict, data string) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data)
}

// pagesPDF is a PDF with one page per content stream and two standard
// fonts without widths: F1 Helvetica, F2 Helvetica-Bold.
func pagesPDF(contents ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"", // the page tree, below
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
	}
	var kids []string
	for _, c := range contents {
		objs = append(objs, stream("", c))
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>", len(objs)))
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>",
		strings.Join(kids, " "), len(kids))
	return buildPDF(objs, "")
}

// tj draws one line of text at (x, y).
func tj(font string, size, x, y float64, text string) string {
	return fmt.Sprintf("BT /%s %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET\n", font, size, x, y, text)
}

func TestPDFRowOrder(t *testing.T) {
	// Drawn bottom first, the right cell before the left one, a line in
	// two operators: read top to bottom, left to right.
	d := readBytes(t, "p.pdf", pagesPDF(
		tj("F1", 10, 72, 600, "third line")+
			tj("F1", 10, 300, 700, "right")+
			tj("F1", 10, 72, 700, "left")+
			"BT /F1 10 Tf 1 0 0 1 72 687 Tm (second) Tj ( line) Tj ET\n"+
			tj("F1", 10, 72, 674.3, "superscript-ish row"),
	))
	wantBlocks(t, d, "L left | right", "L second line", "L superscript-ish row", "L third line")
	if d.Blocks[3].ParaStart != true || d.Blocks[1].ParaStart {
		t.Errorf("paragraph starts: %+v", d.Blocks)
	}
}

func TestPDFSpacing(t *testing.T) {
	d := readBytes(t, "p.pdf", pagesPDF(
		"BT /F1 10 Tf 72 700 Td [(Hel) 20 (lo) -300 (World)] TJ ET\n"+
			tj("F1", 10, 72, 687, "GPU")+tj("F1", 10, 89, 687, "kernels")+
			tj("F1", 10, 72, 674, "GPU")+tj("F1", 10, 87.5, 674, "s")+
			// Fake bold: the same text twice, a hair apart.
			tj("F2", 10, 72, 661, "Bold")+tj("F2", 10, 72.3, 661, "Bold")+
			// Octal escapes in WinAnsi: en dash, bullet, e acute.
			tj("F1", 10, 72, 648, `Caf\351 \226 2021`),
	))
	wantBlocks(t, d, "L Hello World", "L GPU kernels", "L GPUs", "L Bold", "L Café – 2021")
}

func TestPDFListsAndHeadings(t *testing.T) {
	body := ""
	for i := range 6 {
		body += tj("F1", 10, 72, float64(500-13*i), fmt.Sprintf("Body line %d of a paragraph that is here to be the body size.", i))
	}
	d := readBytes(t, "p.pdf", pagesPDF(
		tj("F2", 20, 72, 740, "Ada Byron")+
			tj("F2", 14, 72, 710, "Skills")+
			tj("F1", 10, 72, 690, `\225`)+tj("F1", 10, 84, 690, "Top item")+
			tj("F1", 10, 96, 677, `\225 Nested item`)+
			tj("F1", 10, 108, 664, "wrapped tail")+
			tj("F1", 10, 72, 651, "- Dash item")+
			tj("F1", 10, 72, 638, "1. Numbered item")+
			tj("F1", 10, 72, 625, "Plain line")+
			body,
	))
	want := []string{"H1 Ada Byron", "H2 Skills", "I1 Top item", "I2 Nested item wrapped tail", "I1 Dash item",
		"I1 Numbered item", "L Plain line"}
	for i := range 6 {
		want = append(want, fmt.Sprintf("L Body line %d of a paragraph that is here to be the body size.", i))
	}
	wantBlocks(t, d, want...)
	if d.Name != "Ada Byron" {
		t.Errorf("name %q", d.Name)
	}
}

func TestPDFWrappedParagraph(t *testing.T) {
	// Full-width lines continue into the next line; a short one ends the
	// block. Widths come from the font's /Widths here (5pt a glyph).
	long := strings.Repeat("wrap ", 14) + "wrap"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", tj("F1", 10, 72, 700, long+" compi-")+
			tj("F1", 10, 72, 687, "lers and MLIR-")+
			tj("F1", 10, 72, 674, "Short title line")+
			tj("F1", 10, 72, 661, long)+
			tj("F1", 10, 72, 648, "end.")),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 122 /Widths [" +
			strings.Repeat("500 ", 91) + "] >>",
	}
	d := readBytes(t, "p.pdf", buildPDF(objs, ""))
	wantBlocks(t, d, "L "+long+" compi-lers and MLIR-", "L Short title line", "L "+long+" end.")
}

func TestPDFHiddenText(t *testing.T) {
	d := readBytes(t, "p.pdf", pagesPDF(
		tj("F1", 10, 72, 700, "Visible CUDA")+
			"1 g "+tj("F1", 10, 72, 687, "white Kubernetes")+"0 g\n"+
			"1 1 1 rg "+tj("F1", 10, 72, 674, "white rgb Java")+"0 0 0 rg\n"+
			tj("F1", 0.5, 72, 661, "tiny Haskell")+
			"1 g 3 Tr "+tj("F1", 10, 72, 648, "OCR layer MLIR")+"0 Tr 0 g\n",
	))
	wantBlocks(t, d, "L Visible CUDA", "L OCR layer MLIR")
}

func TestPDFFormXObject(t *testing.T) {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Fm1 5 0 R /Im1 7 0 R >> >> /Contents 4 0 R >>",
		stream("", "q /Im1 Do Q q 1 0 0 1 0 -100 cm /Fm1 Do Q\n"+tj("F1", 10, 72, 700, "page text")),
		stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 6 0 R >> /XObject << /Fm1 5 0 R >> >>",
			tj("F1", 10, 72, 700, "form text")+"q 1 0 0 1 0 -20 cm /Fm1 Do Q\n"), // draws itself: bounded by the depth limit
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x80"),
	}
	d := readBytes(t, "p.pdf", buildPDF(objs, ""))
	if !strings.HasPrefix(d.Text, "page text\n\nform text") || strings.Count(d.Text, "form text") != maxFormDepth {
		t.Errorf("text %q", d.Text)
	}
}

func TestPDFErrors(t *testing.T) {
	bomb := func() []byte {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(bytes.Repeat([]byte(" "), 3<<20))
		zw.Write([]byte(tj("F1", 10, 72, 700, "late text")))
		zw.Close()
		objs := []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
			stream("/Filter /FlateDecode", z.String()),
		}
		return buildPDF(objs, "")
	}()
	loop := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 2 >>",
	}, "")
	badFilter := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		stream("/Filter /LZWDecode", "garbage"),
	}, "")
	encrypted := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + strings.Repeat("ab", 32) + "> /U <" + strings.Repeat("cd", 32) + "> >>",
	}, "/Encrypt 3 0 R /ID [<"+strings.Repeat("01", 16)+"> <"+strings.Repeat("01", 16)+">]")
	otherCrypt := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Filter /Adobe.PubSec /V 4 >>",
	}, "/Encrypt 3 0 R")
	cases := []struct {
		name string
		data []byte
		lim  Limits
		want error
		msg  string
	}{
		{"bomb", bomb, Limits{MaxDecompressed: 1 << 20}, ErrTooLarge, "PDF content streams inflate past 1.0 MiB"},
		{"page tree loop", loop, Limits{}, ErrNoText, "scanned PDF?"},
		{"unknown filter", badFilter, Limits{}, ErrMalformed, "unknown filter LZWDecode"},
		{"password", encrypted, Limits{}, ErrUnsupported, "PDF is encrypted with a password"},
		{"other encryption", otherCrypt, Limits{}, ErrUnsupported, "PDF is encrypted"},
		{"truncated", pagesPDF(tj("F1", 10, 72, 700, "text"))[:300], Limits{}, ErrMalformed, "PDF"},
		{"no pages", buildPDF([]string{"<< /Type /Catalog >>"}, ""), Limits{}, ErrNoText, "scanned PDF?"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Read(context.Background(), "p.pdf", c.data, c.lim)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("error %v, want %v with %q", err, c.want, c.msg)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %s", time.Since(start))
			}
		})
	}
}

// TestPDFLibraryLoops covers inputs on which the library, unguarded,
// loops forever (found by fuzzing; the inputs are also in testdata/fuzz).
func TestPDFLibraryLoops(t *testing.T) {
	hexAtEnd := pagesPDF(tj("F1", 10, 72, 700, "kept") + "0.5 w 72 686 m 540 686 < S\n")
	parentLoop := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>",
		stream("", tj("F1", 10, 72, 700, "parent loop")),
	}, "")
	cmapAtEnd := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", tj("F1", 10, 72, 700, "cmap text")),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
		stream("", "/CIDInit /ProcSet findresource begin 1 beginbfchar <01> <0041"),
	}, "")
	operands := pagesPDF(tj("F1", 10, 72, 700, "text") + strings.Repeat("1 ", maxOperands+1) + "Tj\n")
	cases := []struct {
		name string
		data []byte
		want error
		text string
	}{
		{"hex string at the end", hexAtEnd, ErrMalformed, "unterminated hex string"},
		{"operands without an operator", operands, ErrMalformed, "operands in a row"},
		{"page parent loop", parentLoop, nil, "parent loop"},
		{"operands and operators", pagesPDF(strings.Repeat("1 0 0 1 0 0 cm ", maxOperands/4) + tj("F1", 10, 72, 700, "many ops")), nil, "many ops"},
		{"cmap ends in a hex string", cmapAtEnd, nil, "cmap text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Read(context.Background(), "p.pdf", c.data, Limits{Timeout: 5 * time.Second})
			if c.want != nil {
				if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.text) {
					t.Fatalf("error %v, want %v with %q", err, c.want, c.text)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != c.text {
				t.Errorf("text %q, want %q", d.Text, c.text)
			}
		})
	}
}

func TestPDFDamagedPage(t *testing.T) {
	// The first page reads, the second is damaged: text and a warning.
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 /Resources << /Font << /F1 7 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		stream("", tj("F1", 10, 72, 700, "first page CUDA")),
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
		stream("/Filter /FlateDecode", "not zlib at all"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	d := readBytes(t, "p.pdf", buildPDF(objs, ""))
	wantBlocks(t, d, "L first page CUDA")
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "PDF page 2") {
		t.Errorf("warnings %q", d.Warnings)
	}
}

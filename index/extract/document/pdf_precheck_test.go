package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// xrefStreamPDF writes objects and a cross-reference stream with the
// given dictionary entries and raw entry bytes; the catalog is object 1.
func xrefStreamPDF(objs []string, dict string, entries []byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	for i, o := range objs {
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Root 1 0 R /Length %d %s >>\nstream\n%s\nendstream\nendobj\n",
		len(objs)+1, len(entries), dict, entries)
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

func TestPDFPrecheck(t *testing.T) {
	// Object 1 lives in object stream 2, which lives in object stream 2:
	// the library would recurse until the stack overflows (fatal).
	selfStream := xrefStreamPDF(nil, "/Size 3 /W [1 4 1]", []byte{
		0, 0, 0, 0, 0, 0,
		2, 0, 0, 0, 2, 0,
		2, 0, 0, 0, 2, 1,
	})
	prevLoop := func() []byte {
		p := pagesPDF(tj("F1", 10, 72, 700, "x"))
		// Point the trailer's /Prev at the table itself.
		x := bytes.LastIndex(p, []byte("startxref\n"))
		off := strings.TrimSpace(string(p[x+10 : bytes.LastIndex(p, []byte("%%EOF"))]))
		return bytes.Replace(p, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Prev "+off), 1)
	}()
	hugeTable := bytes.Replace(pagesPDF(tj("F1", 10, 72, 700, "x")), []byte("xref\n0 "), []byte("xref\n4000000000 1\n0000000000 65535 f \n0 "), 1)
	objStm := func(dict string) []byte {
		return buildPDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>",
			stream("/Type /ObjStm "+dict, "")}, "")
	}
	cases := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"compressed object stream", selfStream, ErrMalformed, "object 1 is in object stream 2, which is itself compressed"},
		{"prev loop", prevLoop, ErrMalformed, "cross-reference sections loop"},
		{"huge table", hugeTable, ErrTooLarge, "reaches object 4000000001"},
		{"huge size", xrefStreamPDF(nil, "/Size 999999999 /W [1 1 1]", nil), ErrTooLarge, "reaches object 999999999"},
		{"huge index", xrefStreamPDF(nil, "/Size 3 /Index [900000000 5] /W [1 1 1]", nil), ErrTooLarge, "reaches object 900000005"},
		{"huge field", xrefStreamPDF(nil, "/Size 3 /W [1 99999999999 1]", nil), ErrMalformed, "field widths"},
		{"huge N", objStm("/N 99999999999 /First 1"), ErrTooLarge, "holds 99999999999 objects"},
		{"extends loop", objStm("/N 1 /First 1 /Extends 3 0 R"), ErrMalformed, "extend each other in a loop"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Read(context.Background(), "p.pdf", c.data, Limits{Timeout: 5 * time.Second})
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("error %v, want %v with %q", err, c.want, c.msg)
			}
			if el := time.Since(start); el > time.Second {
				t.Errorf("took %s", el)
			}
		})
	}
	// A sound cross-reference stream passes.
	good := xrefStreamPDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"},
		"/Size 4 /W [1 2 1]", nil)
	if err := pdfPrecheck(good); err != nil {
		t.Errorf("sound file refused: %v", err)
	}
}

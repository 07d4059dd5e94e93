package document

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzLimits keep each input cheap.
var fuzzLimits = Limits{MaxFileSize: 1 << 20, MaxTextSize: 64 << 10, MaxDecompressed: 1 << 20, Timeout: 5 * time.Second}

// maxSeed leaves out large fixtures (bomb.docx): the fuzzer mutates
// small inputs far faster.
const maxSeed = 64 << 10

var sentinels = []error{ErrEmpty, ErrTooLarge, ErrBinary, ErrUnsupported, ErrFormatMismatch, ErrMalformed, ErrNoText, ErrTimeout}

// fuzzRead seeds f with the fixtures of the extensions and checks that
// Read never panics (a reader's panic comes back as "reader failed"),
// wraps a sentinel in every error, and keeps the Document invariants.
func fuzzRead(f *testing.F, ext string, seedExts ...string) {
	for _, dir := range []string{formatsDir, badDir} {
		for _, e := range seedExts {
			files, _ := filepath.Glob(filepath.Join(dir, "*."+e))
			for _, file := range files {
				data, err := os.ReadFile(file)
				if err != nil {
					f.Fatal(err)
				}
				if len(data) <= maxSeed {
					f.Add(data)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(context.Background(), "fuzz."+ext, data, fuzzLimits)
		if err != nil {
			if strings.Contains(err.Error(), "reader failed") {
				t.Fatalf("reader panicked: %v", err)
			}
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		checkDocument(t, d)
	})
}

func FuzzReadHTML(f *testing.F) {
	f.Add([]byte(`<ul><li>a<ul><li>b</li></ul></li></ul><table><tr><td><p>x</p></td><td>y</td></tr></table>`))
	fuzzRead(f, "html", "html")
}

func FuzzReadJSONResume(f *testing.F) {
	f.Add([]byte(`{"work":[{"startDate":"2020-01","endDate":"2019"}],"awards":[{"date":"1"}]}`))
	fuzzRead(f, "json", "json")
}

func FuzzReadPDF(f *testing.F) {
	f.Add(pagesPDF(tj("F1", 10, 72, 700, "x") + "BT [(a) -300 (b)] TJ T* (c) ' ET q Q Q"))
	fuzzRead(f, "pdf", "pdf")
}

func FuzzReadDOCX(f *testing.F) {
	big := []byte(docBody(para("", strings.Repeat("A", 2<<20))))
	f.Add(rawZip(f, "word/document.xml", big, uint64(len(big)))) // a small bomb
	f.Add(makeDOCX(f, "word/document.xml", docBody("<w:tbl><w:tr><w:tc>"+para("Heading1", "h")+"</w:tc></w:tr></w:tbl>"+listPara(1, "2", "x"))))
	fuzzRead(f, "docx", "docx")
}

func FuzzReadMarkdown(f *testing.F) {
	f.Add([]byte("# A\n\n- b\n  - c\n\n| x | y |\n|---|---|\n``` \ncode\n```\nSetext\n===\n"))
	fuzzRead(f, "md", "md", "txt")
}

func FuzzReadText(f *testing.F) {
	f.Add([]byte("NAME\n\nEXPERIENCE\nEngineer, Acme\n2019 - 2021\n- did things\n"))
	fuzzRead(f, "txt", "txt", "md")
}

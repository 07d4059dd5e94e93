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
var fuzzLimits = Limits{MaxFileSize: 1 << 20, MaxTextSize: 64 << 10, MaxDecompressed: 4 << 20, Timeout: 5 * time.Second}

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
				if len(data) <= int(fuzzLimits.MaxFileSize) {
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

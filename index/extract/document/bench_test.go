package document

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads each format twin of the fixture profile: the whole
// path, from bytes to a structured Document.
func BenchmarkRead(b *testing.B) {
	for _, ext := range []string{"md", "html", "json", "pdf", "docx"} {
		name := filepath.Join(formatsDir, "nora-lindqvist."+ext)
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(ext, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			ctx := context.Background()
			for b.Loop() {
				if _, err := Read(ctx, name, data, Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

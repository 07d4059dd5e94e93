package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/skillrank/skillrank/index/extract/document"
)

// BenchmarkExtract measures reading and skill extraction with the full
// embedded taxonomy on the Markdown and text profiles of testdata (one op
// is the whole set; MB/s counts their bytes).
func BenchmarkExtract(b *testing.B) {
	var names []string
	var inputs [][]byte
	total := 0
	for _, pattern := range []string{"../../testdata/profiles/*", "../../testdata/eval/profiles/*.md", "../../testdata/eval/profiles/*.txt"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			names, inputs = append(names, filepath.Base(f)), append(inputs, data)
			total += len(data)
		}
	}
	x := defaultExtractor(b)
	ctx := context.Background()
	b.Run("read+extract", func(b *testing.B) {
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for b.Loop() {
			for i, data := range inputs {
				d, err := document.Read(ctx, names[i], data, document.Limits{})
				if err != nil {
					b.Fatal(err)
				}
				x.Profile(d, asOf)
			}
		}
		b.ReportMetric(float64(len(inputs))*float64(b.N)/b.Elapsed().Seconds(), "profiles/s")
	})
	docs := make([]*document.Document, len(inputs))
	for i, data := range inputs {
		d, err := document.Read(ctx, names[i], data, document.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = d
	}
	b.Run("extract", func(b *testing.B) {
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				x.Profile(d, asOf)
			}
		}
	})
}

package document

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestZZTime(t *testing.T) {
	for _, dir := range []string{formatsDir, badDir} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.*"))
		for _, f := range files {
			data, _ := os.ReadFile(f)
			start := time.Now()
			_, err := Read(context.Background(), f, data, fuzzLimits)
			t.Logf("%s %s %v", filepath.Base(f), time.Since(start), err)
		}
	}
}

package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// asOf is the date the seed twins' expectations are computed for.
var asOf = timeline.MonthOf(2026, 11)

func defaultExtractor(t testing.TB) *Extractor {
	t.Helper()
	tax, err := taxonomy.Default(nil)
	if err != nil {
		t.Fatal(err)
	}
	return New(tax)
}

func readProfile(t testing.TB, x *Extractor, path string) *Profile {
	t.Helper()
	d, err := document.ReadFile(context.Background(), path, document.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return x.Profile(d, asOf)
}

func evidence(x *Extractor, p *Profile) map[string]Evidence {
	out := make(map[string]Evidence)
	for _, ev := range p.Skills {
		out[x.tax.Name(ev.Skill)] = ev
	}
	return out
}

func fixture(name string) string { return filepath.Join("..", "..", "testdata", "profiles", name) }

// TestSeedTwinExperience checks months and last use of skills tied to
// dated positions in the three seed twins, as of 2026-11 (testdata/SEEDS.md
// lists the positions). Months count both end months.
func TestSeedTwinExperience(t *testing.T) {
	type want struct {
		months  int
		last    string
		current bool
	}
	tests := []struct {
		file   string
		skills map[string]want
	}{
		{"tobias-venn.md", map[string]want{
			"MLIR":            {42, "2026-11", true},  // Jun 2023 – Nov 2026: 7 + 12·3 − 1 = 42
			"Mojo":            {42, "2026-11", true},  // same position
			"TVM":             {28, "2023-06", false}, // Mar 2021 – Jun 2023: 10 + 12 + 6 = 28
			"ONNX":            {28, "2023-06", false},
			"Mixed Precision": {28, "2023-06", false},
			"C++":             {28, "2023-06", false}, // the summary mention adds no months
			"Quantization":    {83, "2026-11", true},  // Jan 2020 – now, three adjoining positions: 7·12 − 1 = 83
			"FPGA":            {27, "2021-03", false}, // 2019 project (12) + Jan 2020 – Mar 2021 (15)
			"HBase":           {12, "2018-08", false}, // Summers 2015–2018: 4 × Jun–Aug
			"CUDA":            {0, "", false},         // summary only
		}},
		{"ellis-moreau.txt", map[string]want{
			"ARM NEON":             {12, "2013-12", false}, // "In 2013" until the 2014 move: Jan–Dec 2013
			"OpenCL":               {12, "2013-12", false},
			"Linux Device Drivers": {36, "2015-12", false}, // 2013 (12) + 2014–2015 (24)
			"TVM":                  {72, "2021-12", false}, // From 2016 to 2021: 6 × 12
			"Hexagon DSP":          {72, "2021-12", false},
			"C++":                  {72, "2021-12", false},
			"LLVM":                 {12, "2021-12", false}, // "In 2021" until "in 2022"
		}},
		{"milo-brandt.txt", map[string]want{
			"CUDA":               {19, "2025-08", false}, // May–Dec 2023 (8) + Jan–Mar 2024 (3) + Jan–Aug 2025 (8)
			"Triton":             {8, "2025-08", false},
			"TensorRT":           {8, "2025-08", false},
			"Sparse Convolution": {8, "2025-08", false},
			"LLVM":               {4, "2024-08", false}, // May–Aug 2024
			"Rust":               {4, "2024-08", false},
			"vLLM":               {3, "2024-03", false},
			"Quantization":       {8, "2023-12", false},
		}},
	}
	x := defaultExtractor(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			evs := evidence(x, readProfile(t, x, fixture(tt.file)))
			for skill, w := range tt.skills {
				ev, ok := evs[skill]
				if !ok {
					t.Errorf("%s not found", skill)
					continue
				}
				if ev.Months != w.months || ev.LastUsed.String() != w.last || ev.Current != w.current {
					t.Errorf("%s: %d months, last %q, current %v; want %d, %q, %v",
						skill, ev.Months, ev.LastUsed, ev.Current, w.months, w.last, w.current)
				}
			}
		})
	}
}

// TestSeedTwinSkills lists the technical skills each twin must yield.
func TestSeedTwinSkills(t *testing.T) {
	tests := map[string][]string{
		"tobias-venn.md": {"MLIR", "TVM", "Quantization", "Mixed Precision", "ONNX", "Mojo", "Triton", "C++", "C",
			"Python", "CUDA", "FPGA", "ASIC", "Computer Vision", "Machine Learning", "HBase", "BigQuery", "Amazon S3", "Autotuning"},
		"ellis-moreau.txt": {"ARM NEON", "ARM Assembly", "OpenCL", "Multithreading", "Movidius", "Linux Device Drivers",
			"Linux Kernel", "I2C", "SPI", "DDR", "Virtualization", "C++", "TVM", "Hexagon DSP", "LLVM", "NPU",
			"Heterogeneous Computing", "Code Generation", "ML Compilers", "Snapdragon"},
		"milo-brandt.txt": {"CUDA", "C++", "Quantization", "vLLM", "LLVM", "Rust", "Object Detection", "LiDAR",
			"Sparse Convolution", "Triton", "TensorRT", "PyTorch", "Dash", "TorchDynamo", "Hidet", "Python"},
	}
	x := defaultExtractor(t)
	for file, skills := range tests {
		evs := evidence(x, readProfile(t, x, fixture(file)))
		for _, s := range skills {
			if _, ok := evs[s]; !ok {
				t.Errorf("%s: %s not found", file, s)
			}
		}
	}
}

// TestConcurrentPositionsCountOnce: two overlapping jobs that both use CUDA
// give the union of their months.
func TestConcurrentPositionsCountOnce(t *testing.T) {
	text := `# Sam Example

## Experience

### GPU Engineer, Acme
Jan 2020 – Dec 2021
- Wrote CUDA kernels for image processing.

### Consultant, Beta Labs (part time)
Jun 2021 – Jun 2022
- Ported CUDA code to new GPUs.
`
	x := defaultExtractor(t)
	d, err := document.Read(context.Background(), "sam.md", []byte(text), document.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	ev := evidence(x, x.Profile(d, asOf))["CUDA"]
	// Jan 2020 – Jun 2022 is 30 months; adding the two jobs (24 + 13) would say 37.
	if ev.Months != 30 || ev.LastUsed.String() != "2022-06" || len(ev.Positions) != 2 {
		t.Errorf("CUDA: %d months, last %s, %d positions; want 30, 2022-06, 2", ev.Months, ev.LastUsed, len(ev.Positions))
	}
}

// TestOrdinaryProse: plain English with words that are also skill names
// ("go", "spark", "Julia", "R&D") yields at most one skill per 1,000 words.
func TestOrdinaryProse(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "prose", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no prose: %v", err)
	}
	x := defaultExtractor(t)
	words, found := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		words += len(strings.Fields(string(data)))
		p := readProfile(t, x, f)
		for _, ev := range p.Skills {
			found += ev.Mentions
			t.Logf("%s: %s ×%d", filepath.Base(f), x.tax.Name(ev.Skill), ev.Mentions)
		}
	}
	if words < 5000 {
		t.Fatalf("only %d words of prose", words)
	}
	if limit := words / 1000; found > limit {
		t.Errorf("%d skill mentions in %d words of prose, want at most %d", found, words, limit)
	}
}

// TestNoSkillsFromOrdinaryWords checks sentences one by one.
func TestNoSkillsFromOrdinaryWords(t *testing.T) {
	x := defaultExtractor(t)
	for _, s := range []string{
		"I go to the office every morning and go home at six.",
		"Go to the market before it closes.",
		"Our R&D budget was approved by the C-suite.",
		"There was a spark of hope, and a ray of sunlight through the window.",
		"She made a swift decision and dashed out of the room.",
		"Julia and Ray walked along the river with a flask of tea.",
		"The rust on the gate had spread since spring.",
		"He got a C in chemistry and an R on the form.",
		"Let's go!",
	} {
		d, err := document.Read(context.Background(), "s.txt", []byte(s), document.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range x.Profile(d, asOf).Skills {
			t.Errorf("%q: found %s", s, x.tax.Name(ev.Skill))
		}
	}
}

// TestSkillsInContext: the same names in technical context are found.
func TestSkillsInContext(t *testing.T) {
	x := defaultExtractor(t)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Languages: C/C++, Python, R", []string{"C", "C++", "Python", "R"}},
		{"Built services in Go and Rust.", []string{"Go", "Rust"}},
		{"Skills: Swift, Kotlin, Dart", []string{"Swift", "Kotlin", "Dart"}},
		{"Data pipelines on Apache Spark and Ray.", []string{"Apache Spark", "Ray"}},
		{"Experience with .NET, C# and Node.js.", []string{".NET", "C#", "Node.js"}},
		{"Mixed precision training with Apache TVM.", []string{"Mixed Precision", "TVM"}},
	} {
		d, err := document.Read(context.Background(), "s.txt", []byte(tt.text), document.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		evs := evidence(x, x.Profile(d, asOf))
		for _, w := range tt.want {
			if _, ok := evs[w]; !ok {
				var got []string
				for k := range evs {
					got = append(got, k)
				}
				t.Errorf("%q: %s not found (got %v)", tt.text, w, got)
			}
		}
	}
}

func TestLinksAreNotSkills(t *testing.T) {
	x := defaultExtractor(t)
	d, _ := document.Read(context.Background(), "s.txt", []byte("Code at https://github.com/someone/cuda-things and mail me@kotlin.example.com"), document.Limits{})
	for _, ev := range x.Profile(d, asOf).Skills {
		t.Errorf("found %s in a link", x.tax.Name(ev.Skill))
	}
}

package taxonomy

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillrank/skillrank/index/analysis"
)

// testFile is a small taxonomy exercising guards, ambiguity and relations.
func testFile() File {
	guard := func(text string, notAfter ...string) AliasSpec {
		return AliasSpec{Text: text, CaseSensitive: true, NeedsContext: true, NotAfter: notAfter}
	}
	return File{Version: 1, Skills: []SkillSpec{
		{Name: "CUDA", Category: "GPU programming", Aliases: []AliasSpec{{Text: "NVIDIA CUDA"}},
			Related: []RelationSpec{{Skill: "HIP", Weight: 0.8}}, Broader: []string{"GPU Programming"}},
		{Name: "HIP", Category: "GPU programming", Aliases: []AliasSpec{guard("HIP")}},
		{Name: "GPU Programming", Category: "GPU programming"},
		{Name: "MLIR", Category: "ML compilers", Related: []RelationSpec{{Skill: "LLVM", Weight: 0.6}}},
		{Name: "LLVM", Category: "Compilers", Related: []RelationSpec{{Skill: "Clang", Weight: 0.8}}},
		{Name: "Clang", Category: "Compilers"},
		{Name: "C", Category: "Programming languages", Aliases: []AliasSpec{guard("C", "grade")}},
		{Name: "C++", Category: "Programming languages", Aliases: []AliasSpec{{Text: "cpp"}}},
		{Name: "R", Category: "Programming languages", Aliases: []AliasSpec{guard("R")}},
		{Name: "Go", Category: "Programming languages", Aliases: []AliasSpec{guard("Go", "to", "ahead", "home"), {Text: "golang"}}},
		{Name: "Rust", Category: "Programming languages", Aliases: []AliasSpec{guard("Rust")}},
		{Name: "Python", Category: "Programming languages"},
		{Name: "Julia", Category: "Programming languages", Aliases: []AliasSpec{guard("Julia")}},
		{Name: "Ray", Category: "Distributed computing", Aliases: []AliasSpec{guard("Ray")}},
		{Name: "Apache Spark", Category: "Data engineering", Aliases: []AliasSpec{guard("Spark"), {Text: "PySpark"}}},
		{Name: "Mixed Precision", Category: "Model optimization"},
		{Name: "Triton", Category: "GPU programming", Aliases: []AliasSpec{guard("Triton"), {Text: "OpenAI Triton"}}},
		{Name: "Triton Inference Server", Category: "Inference & serving", Aliases: []AliasSpec{guard("Triton"), {Text: "Triton Server"}}},
		{Name: "Objective-C", Category: "Programming languages"},
	}, Ambiguous: []AmbiguitySpec{{Alias: "Triton", Default: "Triton", Candidates: []CandidateSpec{
		{Skill: "Triton", Cues: []string{"kernel", "GPU", "autotune"}},
		{Skill: "Triton Inference Server", Cues: []string{"inference", "serving", "deploy", "server"}},
	}}}}
}

func newTest(t *testing.T) *Taxonomy {
	t.Helper()
	tax, err := New(testFile(), analysis.New(0))
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func find(tax *Taxonomy, text string, inList ListContext) []string {
	toks := tax.Analyzer().Analyze(text, nil)
	var out []string
	for _, m := range tax.Find(text, toks, inList, nil, nil) {
		out = append(out, tax.Name(m.Skill))
	}
	return out
}

func TestFindGuards(t *testing.T) {
	tax := newTest(t)
	tests := []struct {
		text string
		want []string
	}{
		// Ordinary words and letters yield nothing.
		{"I go to the office every day.", nil},
		{"Go to bed, Go home.", nil},
		{"Our R&D team reports to the C-suite.", nil},
		{"She felt a spark of hope and a ray of light.", nil},
		{"Rust covered the old gate.", nil},
		{"He got a C grade in history.", nil},
		{"Ray and Julia walked to the market.", nil},
		// Names of skills in technical context match.
		{"Proficient in C/C++ and Python.", []string{"C", "C++", "Python"}},
		{"Go and Rust", []string{"Go", "Rust"}},
		{"Python, R", []string{"Python", "R"}},
		{"Services written in Go with gRPC.", nil}, // no cue, no unguarded neighbour
		{"Backend services in Go, deployed with CUDA kernels", []string{"Go", "CUDA"}},
		{"Go programming language", []string{"Go"}},
		{"We use golang daily.", []string{"Go"}},
		{"mixed-precision training", []string{"Mixed Precision"}},
		{"Mixed Precision", []string{"Mixed Precision"}},
		{"Objective-C and C", []string{"Objective-C", "C"}},
		{"NVIDIA CUDA", []string{"CUDA"}},
		{"go", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, find(tax, tt.text, nil)); diff != "" {
			t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestFindListContext(t *testing.T) {
	tax := newTest(t)
	all := func(int) bool { return true }
	if got := find(tax, "Go", all); !cmp.Equal(got, []string{"Go"}) {
		t.Errorf("Go in a skills list = %v", got)
	}
	// Case guards still apply in lists.
	if got := find(tax, "go", all); got != nil {
		t.Errorf("lower-case go in a skills list = %v", got)
	}
}

func TestFindAmbiguous(t *testing.T) {
	tax := newTest(t)
	tests := []struct {
		text string
		want []string
	}{
		{"Wrote fused attention kernels in Triton for the GPU.", []string{"Triton"}},
		{"Deployed models behind Triton for inference serving.", []string{"Triton Inference Server"}},
		{"Triton Server on Kubernetes", []string{"Triton Inference Server"}},
		{"Python, Triton", []string{"Python", "Triton"}}, // no cue: the default
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, find(tax, tt.text, nil)); diff != "" {
			t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestLookup(t *testing.T) {
	tax := newTest(t)
	for _, name := range []string{"cuda", "NVIDIA CUDA", "golang", "cpp", "mixed precision", "Mixed-Precision"} {
		if _, _, err := tax.Lookup(name); err != nil {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
	if _, _, err := tax.Lookup("COBOL"); !errors.Is(err, ErrUnknownSkill) {
		t.Errorf("Lookup(COBOL) = %v, want ErrUnknownSkill", err)
	}
	// A canonical name wins over another skill's alias.
	id, amb, _ := tax.Lookup("Triton")
	if tax.Name(id) != "Triton" || amb {
		t.Errorf("Lookup(Triton) = %s, ambiguous %v", tax.Name(id), amb)
	}
}

func TestExpand(t *testing.T) {
	tax := newTest(t)
	id, _, _ := tax.Lookup("MLIR")
	got := map[string]float64{}
	paths := map[string]string{}
	for _, c := range tax.Expand(id, ExpandOptions{MinCredit: 0.1}) {
		got[tax.Name(c.Skill)] = c.Weight
		var p []string
		for _, s := range c.Path {
			p = append(p, tax.Name(s))
		}
		paths[tax.Name(c.Skill)] = strings.Join(p, ">")
	}
	// MLIR 1; LLVM 0.6 (one hop); Clang 0.6·0.8·decay 0.5 = 0.24 (two hops).
	want := map[string]float64{"MLIR": 1, "LLVM": 0.6, "Clang": 0.6 * 0.8 * DefaultDecay}
	if diff := cmp.Diff(want, got, cmpApprox); diff != "" {
		t.Errorf("Expand(MLIR) (-want +got):\n%s", diff)
	}
	if paths["Clang"] != "MLIR>LLVM>Clang" {
		t.Errorf("path to Clang = %s", paths["Clang"])
	}
	// Depth 1 stops at LLVM; the default minimum credit (0.3) drops the
	// two-hop Clang (0.24).
	if n := len(tax.Expand(id, ExpandOptions{MaxDepth: 1})); n != 2 {
		t.Errorf("Expand depth 1: %d credits, want 2", n)
	}
	if n := len(tax.Expand(id, ExpandOptions{})); n != 2 {
		t.Errorf("Expand with defaults: %d credits, want 2 (MLIR, LLVM)", n)
	}
	// MaxRelated keeps the best neighbours only.
	if got := tax.Expand(id, ExpandOptions{MinCredit: 0.1, MaxRelated: 1}); len(got) != 2 || tax.Name(got[1].Skill) != "LLVM" {
		t.Errorf("Expand MaxRelated 1: %v", got)
	}
	// Broader/narrower: CUDA is-a GPU Programming.
	gp, _, _ := tax.Lookup("GPU Programming")
	for _, c := range tax.Expand(gp, ExpandOptions{}) {
		if tax.Name(c.Skill) == "CUDA" && c.Weight != NarrowerCredit {
			t.Errorf("GPU Programming → CUDA credit %v, want %v", c.Weight, NarrowerCredit)
		}
	}
}

var cmpApprox = cmp.Comparer(func(a, b float64) bool { d := a - b; return d < 1e-9 && d > -1e-9 })

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*File)
		want string
	}{
		{"duplicate name", func(f *File) { f.Skills = append(f.Skills, SkillSpec{Name: "cuda", Category: "x"}) }, "duplicates"},
		{"no category", func(f *File) { f.Skills[0].Category = "" }, "no category"},
		{"dangling relation", func(f *File) {
			f.Skills[0].Related = append(f.Skills[0].Related, RelationSpec{Skill: "Nope", Weight: 0.5})
		}, "does not exist"},
		{"self relation", func(f *File) {
			f.Skills[0].Related = append(f.Skills[0].Related, RelationSpec{Skill: "CUDA", Weight: 0.5})
		}, "itself"},
		{"weight range", func(f *File) { f.Skills[0].Related[0].Weight = 1.5 }, "want (0,1]"},
		{"alias clash", func(f *File) { f.Skills[1].Aliases = append(f.Skills[1].Aliases, AliasSpec{Text: "nvidia cuda"}) }, "declare it"},
		{"bad ambiguity", func(f *File) { f.Ambiguous[0].Default = "CUDA" }, "not a candidate"},
	}
	for _, tt := range tests {
		f := testFile()
		tt.edit(&f)
		_, err := New(f, nil)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want ErrInvalid containing %q", tt.name, err, tt.want)
		}
	}
}

func TestExtendFile(t *testing.T) {
	tax := newTest(t)
	yaml := `version: 1
skills:
  - name: CUDA
    aliases: [CUDA C]
    related:
      - {skill: HIP, weight: 0.5}
  - name: Mojo
    category: Programming languages
    related:
      - {skill: MLIR, weight: 0.7}
remove: [Ray]
`
	nt, err := tax.ExtendFile("mine.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := nt.Lookup("Ray"); err == nil {
		t.Error("Ray still present after remove")
	}
	cuda, _, _ := nt.Lookup("CUDA C")
	if nt.Name(cuda) != "CUDA" {
		t.Errorf("alias CUDA C → %s", nt.Name(cuda))
	}
	for _, r := range nt.Skill(cuda).Related {
		if nt.Name(r.Skill) == "HIP" && r.Weight != 0.5 {
			t.Errorf("CUDA–HIP weight %v, want the override 0.5", r.Weight)
		}
	}
	if tax.Fingerprint() == nt.Fingerprint() {
		t.Error("fingerprint unchanged by an extension")
	}
	if _, _, err := tax.Lookup("Mojo"); err == nil {
		t.Error("Extend modified the original taxonomy")
	}
}

func TestExtendFileErrors(t *testing.T) {
	tax := newTest(t)
	tests := []struct{ name, data, want string }{
		{"bad.yaml", "version: 1\nskills:\n  - name: X\n    category: Y\n    relatd: []\n", "line 5"},
		{"bad.json", "{\"version\": 1,\n \"skills\": [\n  {\"name\": \"X\", \"category\": 5}\n ]}", "line 3"},
		{"trunc.json", "{\"version\": 1,\n \"skills\": [", "line 2"},
		{"dangling.yaml", "version: 1\nskills:\n  - name: A\n    category: C\n  - name: B\n    category: C\n    related: [{skill: Nope, weight: 0.5}]\n", "line 5"},
		{"version.yaml", "version: 2\nskills: []\n", "version 2"},
		{"empty.json", "  ", "empty"},
	}
	for _, tt := range tests {
		_, err := tax.ExtendFile(tt.name, []byte(tt.data))
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.name) {
			t.Errorf("%s: err = %v, want ErrInvalid naming the file and %q", tt.name, err, tt.want)
		}
	}
}

func TestSearch(t *testing.T) {
	tax := newTest(t)
	got := tax.Search("cuda")
	if len(got) == 0 || tax.Name(got[0]) != "CUDA" {
		t.Fatalf("Search(cuda) first = %v", got)
	}
	if n := len(tax.Search("")); n != tax.Len() {
		t.Errorf("Search(\"\") = %d skills, want %d", n, tax.Len())
	}
}

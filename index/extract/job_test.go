package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillrank/skillrank/index/extract/document"
)

// reqString renders a requirement compactly: "MLIR|LLVM w3 req 5-0y".
func reqString(x *Extractor, r Requirement) string {
	names := make([]string, len(r.Skills))
	for i, id := range r.Skills {
		names[i] = x.tax.Name(id)
	}
	kind := "pref"
	if r.Required {
		kind = "req"
	}
	s := fmt.Sprintf("%s w%g %s", strings.Join(names, "|"), r.Weight, kind)
	if r.MinYears > 0 || r.MaxYears > 0 {
		s += fmt.Sprintf(" %g-%gy", r.MinYears, r.MaxYears)
	}
	return s
}

func parseJob(t *testing.T, x *Extractor, text string) *Job {
	t.Helper()
	d, err := document.Read(context.Background(), "job.md", []byte(text), document.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return x.Job(d)
}

func TestJobRequirements(t *testing.T) {
	x := defaultExtractor(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"sections", `# GPU Engineer

## Requirements
- 5+ years of CUDA
- MLIR or LLVM

## Nice to have
- Experience with Triton kernels and TensorRT
`, []string{"CUDA w3 req 5-0y", "MLIR|LLVM w3 req", "Triton w1 pref", "TensorRT w1 pref"}},
		{"lead-ins", `Senior backend engineer.
Must have: Go, PostgreSQL.
Bonus: Kubernetes.
`, []string{"Backend Development w0.5 pref", "Go w3 req", "PostgreSQL w3 req", "Kubernetes w1 pref"}},
		{"no markers means required", "We need someone strong in C++ and Python.\n",
			[]string{"C++ w3 req", "Python w3 req"}},
		{"years forms", `## Qualifications
- at least 3 years with CUDA
- 2-4 years of Go
- 3 yrs Kubernetes
- five years of Java
`, []string{"CUDA w3 req 3-0y", "Go w3 req 2-4y", "Kubernetes w3 req 3-0y", "Java w3 req 5-0y"}},
		{"years do not leak", `## Requirements
- 5+ years of C++ and strong Python.
`, []string{"C++ w3 req 5-0y", "Python w3 req"}},
		{"years through a preposition", `## Requirements
- 3+ years of compiler development in MLIR.
`, []string{"Compiler Construction w3 req 3-0y", "MLIR w3 req 3-0y"}},
		{"oxford or", `## Requirements
- Experience with MLIR, LLVM, or TVM
`, []string{"MLIR|LLVM|TVM w3 req"}},
		{"one of", `## Requirements
- One of: PyTorch, JAX
`, []string{"PyTorch|JAX w3 req"}},
		{"slash", `## Requirements
- PyTorch/JAX
`, []string{"PyTorch|JAX w3 req"}},
		{"parenthetical elaborations", `## Requirements
- Hands-on experience with Apache TVM (Relay or Relax, autotuning).
`, []string{"TVM w3 req", "Autotuning w0.5 pref"}},
		{"a plus inside requirements", `## Requirements
- Kubernetes
- Terraform is a plus
`, []string{"Kubernetes w3 req", "Terraform w1 pref"}},
		{"boilerplate ignored", `# Data Engineer

## About us
Our web app is React and TypeScript; everything runs on Kubernetes.

## What you'll do
- Build batch jobs on Apache Spark.

## Requirements
- 3+ years of Python

## Benefits
- Learning budget for AWS certifications.
`, []string{"Apache Spark w0.5 pref", "Python w3 req 3-0y"}},
		{"required wins over preferred", `## Requirements
- CUDA
## Nice to have
- CUDA and HIP
`, []string{"CUDA w3 req", "HIP w1 pref"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := parseJob(t, x, tt.text)
			var got []string
			for _, r := range j.Requirements {
				got = append(got, reqString(x, r))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestJobTitle(t *testing.T) {
	x := defaultExtractor(t)
	for text, want := range map[string]string{
		"# Senior ML Compiler Engineer\n\n## Requirements\n- MLIR\n": "Senior ML Compiler Engineer",
		"Title: Staff SRE\nRequirements: Kubernetes\n":               "Staff SRE",
		"We need a CUDA expert.\n":                                   "We need a CUDA expert.",
	} {
		if got := parseJob(t, x, text).Title; got != want {
			t.Errorf("title of %q = %q, want %q", text, got, want)
		}
	}
}

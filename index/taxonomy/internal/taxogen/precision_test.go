package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/skillrank/skillrank/index/analysis"
	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/extract/timeline"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// extractSkills runs the engine's profile extraction (document.Read and
// extract.Extractor.Profile) with the freshly built taxonomy over text.
func extractSkills(t *testing.T, x *extract.Extractor, text string) map[string]bool {
	t.Helper()
	doc, err := document.Read(context.Background(), "s.txt", []byte(text), document.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, ev := range x.Profile(doc, timeline.MonthOf(2026, 11)).Skills {
		got[x.Taxonomy().Name(ev.Skill)] = true
	}
	return got
}

func repoExtractor(t *testing.T) *extract.Extractor {
	t.Helper()
	tx, err := taxonomy.New(repoFile(t), analysis.New(0))
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(tx)
}

// TestPrecisionSentences lists sentences from real profile and job text
// where an ordinary word used to match a skill: each listed false
// positive must not be found, each true use must be.
func TestPrecisionSentences(t *testing.T) {
	x := repoExtractor(t)
	cases := []struct {
		text      string
		want, not []string
	}{
		// Generic words are not skills (guards.generic).
		{"Designed REST APIs in Go and Rust.", []string{"REST APIs", "Go", "Rust"}, []string{"reStructuredText"}},
		{"Built services in Go and Rust.", []string{"Go", "Rust"}, nil},
		{"Languages: Go, Python", []string{"Go", "Python"}, nil},
		{"Took a rest day after shipping the REST endpoints in Python.", []string{"REST APIs", "Python"}, []string{"reStructuredText"}},
		{"Built CI pipelines and data pipelines in Python for the pipeline team.", []string{"Python"}, []string{"WoodpeckerCI"}},
		{"Open source contributor; opened 40 pull requests to Kubernetes.", []string{"Kubernetes"}, []string{"OpenAL"}},
		{"Modelled fluid dynamics and rigid-body dynamics in C++.", []string{"C++"}, []string{"Microsoft Dynamics"}},
		{"Implemented Microsoft Dynamics 365 for the finance team.", []string{"Microsoft Dynamics"}, nil},
		{"Led the data services team that owns our Apache Kafka clusters.", []string{"Apache Kafka"}, []string{"SAP Data Services"}},
		{"Accelerated training 3x on GPU accelerators with PyTorch.", []string{"PyTorch"}, []string{"Hugging Face Accelerate"}},
		{"Each Docker image contains the CUDA runtime.", []string{"Docker Image", "CUDA"}, []string{"Containerization"}},
		{"The Python interpreter interprets bytecode.", []string{"Python"}, []string{"Interpreter Development"}},
		{"Led incident response for the Kubernetes platform.", []string{"Incident Management", "Kubernetes"}, []string{"Computer Forensics"}},
		{"Requirements: access to GPUs, CUDA and PyTorch.", []string{"CUDA", "PyTorch"}, []string{"Microsoft Access"}},
		{"Improved accessibility of the React app to WCAG 2.1.", []string{"React", "Web Accessibility"}, []string{"Microsoft Access"}},
		{"Built a network of partners and a Java SDK.", []string{"Java"}, []string{"Computer Networking"}},
		{"Localization of the Android app into six languages; local builds with Gradle.", []string{"Android", "Gradle"}, []string{"Software Localization"}},
		{"Ran simulations in MATLAB and documented the results.", []string{"MATLAB"}, []string{"Computer Simulation", "Software Documentation"}},
		{"Shipped log files to S3 with Python.", []string{"Amazon S3", "Python"}, []string{"Log Management"}},
		{"Automated the weekly reports in Python.", []string{"Python"}, nil},
		{"Wrote unit tests and integration tests in Java; tested every release.", []string{"Unit Testing", "Integration Testing", "Java"}, []string{"Software Testing"}},
		{"Deployed the Go microservices to production; owned deployments.", []string{"Go"}, nil},
		{"Ran parallel experiments with PyTorch.", []string{"PyTorch"}, []string{"Parallel Programming"}},
		{"Parallel programming with OpenMP and MPI.", []string{"Parallel Programming", "OpenMP", "MPI"}, nil},
		{"Split the image into tiles for the CUDA kernel.", []string{"CUDA"}, []string{"Loop Tiling"}},
		{"Profile: senior engineer with ten years of C++; see my GitHub profile.", []string{"C++"}, []string{"Performance Profiling"}},
		{"Tuned GEMM micro-kernels in CUDA.", []string{"GEMM", "CUDA"}, []string{"Linux Kernel"}},
		{"Security clearance; secured funding for the Rust rewrite of our Python service.", []string{"Rust", "Python"}, nil},
		{"Made recommendations to the product team on the Python API.", []string{"Python"}, []string{"Recommender Systems"}},
		{"Set up alerts in Grafana.", []string{"Grafana"}, []string{"Infrastructure Monitoring"}},
		{"Extracted 3D features with PyTorch.", []string{"PyTorch"}, []string{"3D Modelling"}},
		{"Worked with Black Sesame Technologies on ADAS chips in C++.", []string{"C++"}, nil},
		{"Mobile and web apps in React Native; mobility team.", []string{"React Native"}, []string{"Mobile Development"}},
		// Stem collisions.
		{"Embedded systems engineer: embedded C, FreeRTOS, STM32.", []string{"Embedded Systems", "FreeRTOS"}, []string{"Vector Embeddings"}},
		{"Trained text embeddings for search with PyTorch.", []string{"Vector Embeddings", "PyTorch"}, nil},
		{"Electronic health records integration in Java and Spring Boot; B.Sc. Electronics.", []string{"Java", "Spring Boot"}, []string{"Electron.js"}},
		{"Compiled the quarterly reports in Excel and SQL.", []string{"Microsoft Excel", "SQL"}, []string{"Compiler Construction"}},
		{"Compiler engineer: LLVM backends and MLIR.", []string{"Compiler Construction", "LLVM", "MLIR"}, nil},
		{"Virtual team lead; ran virtual events on Zoom and Slack.", []string{"Zoom", "Slack"}, []string{"Virtualization"}},
		{"Hardware virtualization with KVM on ARM servers.", []string{"Virtualization", "KVM"}, nil},
		{"Distilled the findings into a Python report.", []string{"Python"}, []string{"Knowledge Distillation"}},
		// Short and slug aliases.
		{"Phase II trial data analysed in R and Python.", []string{"R", "Python"}, []string{"Microsoft IIS"}},
		{"Used mma.sync PTX instructions for tensor cores in CUDA.", []string{"PTX", "CUDA", "Tensor Cores"}, []string{"Wolfram Language"}},
		{"Our AA meetings use Python scripts.", []string{"Python"}, []string{"AsyncAPI Specification"}},
		// Proper nouns and words that are also products.
		{"We toured the island fortress of Kotlin.", nil, []string{"Kotlin"}},
		{"Kotlin, Java and Swift.", []string{"Kotlin", "Java", "Swift"}, nil},
		{"Mobile apps in Kotlin for Android.", []string{"Kotlin", "Android"}, nil},
		{"A chef's fennel and orange salad.", nil, []string{"Fennel"}},
		{"Skills: espresso extraction, cold brew, latte art, Excellent communication", nil, []string{"Homebrew", "Microsoft Excel"}},
		{"Solid understanding of GPU architecture and CUDA.", []string{"GPU Architecture", "CUDA"}, []string{"Solidity"}},
		{"CUDA kernels for NVIDIA Pascal and Volta GPUs.", []string{"CUDA"}, []string{"Pascal"}},
		{"Reduced disk IO latency in the Go storage service with gRPC.", []string{"Go", "gRPC"}, []string{"iOS"}},
		{"Make experiment tracking reliable with MLflow.", []string{"MLflow"}, []string{"GNU Make"}},
		// Products written by name still match.
		{"Experience with Microsoft Access and Excel.", []string{"Microsoft Access", "Microsoft Excel"}, nil},
		{"GPU profiling with Nsight Systems and CUDA.", []string{"Performance Profiling", "NVIDIA Nsight", "CUDA"}, nil},
		// Decision: a bare verb "profiled" is not evidence of profiling (it
		// analyses like "profile"); the tool is.
		{"I profiled the kernels with Nsight.", []string{"NVIDIA Nsight"}, []string{"Performance Profiling", "Linux Kernel"}},
	}
	for _, c := range cases {
		got := extractSkills(t, x, c.text)
		for _, w := range c.want {
			if !got[w] {
				t.Errorf("%q: %s not found (got %v)", c.text, w, sortedKeys(got))
			}
		}
		for _, n := range c.not {
			if got[n] {
				t.Errorf("%q: false positive %s (got %v)", c.text, n, sortedKeys(got))
			}
		}
	}
}

// curatedRelations returns the hand-written related pairs (lower-cased,
// ordered) from the curated YAML files.
func curatedRelations(t *testing.T) map[[2]string]bool {
	t.Helper()
	files, err := loadCurated(repoCurated)
	if err != nil {
		t.Fatal(err)
	}
	out := map[[2]string]bool{}
	for _, cf := range files {
		for _, s := range cf.file.Skills {
			for _, r := range s.Related {
				out[pairKey(s.Name, r.Skill)] = true
			}
		}
	}
	return out
}

func pairKey(a, b string) [2]string {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// TestRelationRules: no language takes a relation a source gave it, no
// source edge weighs more than maxSourceWeight, hubs have no related
// edges, and a language is never narrower than a non-language (unless
// written by hand).
func TestRelationRules(t *testing.T) {
	f := repoFile(t)
	curated := curatedRelations(t)
	cat := map[string]string{}
	for _, s := range f.Skills {
		cat[s.Name] = s.Category
	}
	rules, err := loadRules(filepath.Join(repoCurated, "rules"))
	if err != nil {
		t.Fatal(err)
	}
	hubs := set(rules.Relations.Hubs)
	langEdges := 0
	for _, s := range f.Skills {
		for _, r := range s.Related {
			isCurated := curated[pairKey(s.Name, r.Skill)]
			bothLang := cat[s.Name] == categoryLanguages && cat[r.Skill] == categoryLanguages
			if bothLang {
				langEdges++
			}
			switch {
			case bothLang && !isCurated:
				t.Errorf("language–language edge %s–%s (%v) is not curated", s.Name, r.Skill, r.Weight)
			case (cat[s.Name] == categoryLanguages || cat[r.Skill] == categoryLanguages) && !isCurated:
				t.Errorf("language edge %s–%s (%v) is not curated", s.Name, r.Skill, r.Weight)
			case !isCurated && r.Weight > maxSourceWeight:
				t.Errorf("source edge %s–%s weighs %v, over %v", s.Name, r.Skill, r.Weight, maxSourceWeight)
			case !isCurated && cat[s.Name] != cat[r.Skill]:
				t.Errorf("source edge %s–%s crosses categories (%s, %s)", s.Name, r.Skill, cat[s.Name], cat[r.Skill])
			}
			if hubs[s.Name] || hubs[r.Skill] {
				t.Errorf("hub edge %s–%s", s.Name, r.Skill)
			}
		}
	}
	if langEdges == 0 {
		t.Error("no curated language–language edges at all (C–C++, Java–Kotlin, …)")
	}
	for _, s := range f.Skills {
		if cat[s.Name] != categoryLanguages {
			continue
		}
		for _, br := range s.Broader {
			if cat[br] != categoryLanguages && !curatedBroader(t, s.Name, br) {
				t.Errorf("language %s is narrower than the %s skill %s", s.Name, cat[br], br)
			}
		}
	}
}

func curatedBroader(t *testing.T, skill, broader string) bool {
	files, err := loadCurated(repoCurated)
	if err != nil {
		t.Fatal(err)
	}
	for _, cf := range files {
		for _, s := range cf.file.Skills {
			if strings.EqualFold(s.Name, skill) && contains(s.Broader, broader) {
				return true
			}
		}
	}
	return false
}

// TestPartialCredit checks the credit the engine's expansion gives
// through the generated graph: the nonsense paths rankings showed are
// gone; substitutes and is-a links give credit.
func TestPartialCredit(t *testing.T) {
	tx, err := taxonomy.New(repoFile(t), analysis.New(0))
	if err != nil {
		t.Fatal(err)
	}
	credit := func(asked, has string) float64 {
		a, _, err := tx.Lookup(asked)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range tx.Expand(a, taxonomy.ExpandOptions{}) {
			if tx.Name(c.Skill) == has {
				return c.Weight
			}
		}
		return 0
	}
	for _, p := range [][2]string{
		{"Python", "C++"}, {"Swift", "C"}, {"Assembly", "C++"}, {"TVM", "Hexagon DSP"}, {"Triton", "PyTorch"},
		{"TensorRT", "CUDA"}, {"PyTorch", "Python"}, {"Deep Learning", "Python"}, {"Compiler Construction", "Fortran"},
		{"Microsoft Access", "PostgreSQL"}, {"Computer Simulation", "Computer Science"}, {"Kotlin Multiplatform", "Java"},
	} {
		if w := credit(p[0], p[1]); w > 0 {
			t.Errorf("%s (via %s): credit %.2f, want none", p[0], p[1], w)
		}
	}
	for _, p := range []struct {
		asked, has string
		min        float64
	}{
		{"CUDA", "HIP", 0.8}, {"TVM", "XLA", 0.8}, {"MLIR", "LLVM", 0.6}, {"MySQL", "PostgreSQL", 0.6},
		{"Vue.js", "React", 0.6}, {"Java", "Kotlin", 0.4}, {"Triton", "CUDA", 0.6}, {"Swift", "Objective-C", 0.6},
		{"SwiftUI", "UIKit", 0.6}, {"JAX", "PyTorch", 0.4}, {"TensorFlow", "PyTorch", 0.5},
		{"ONNX Runtime", "TensorRT", 0.6}, {"TensorRT", "OpenVINO", 0.6}, {"Apache Spark", "Apache Flink", 0.6},
		{"Apache Airflow", "Dagster", 0.6}, {"Apache Airflow", "Prefect", 0.6}, {"Terraform", "Pulumi", 0.6},
		{"Kubernetes", "Nomad", 0.4}, {"Jetpack Compose", "Android", 0.4},
		{"Deep Learning", "PyTorch", 0.8}, // a tool is narrower than its field
		{"PyTorch", "TorchInductor", 0.8}, // part of PyTorch
	} {
		if w := credit(p.asked, p.has); w < p.min {
			t.Errorf("%s (via %s): credit %.2f, want at least %.2f", p.asked, p.has, w, p.min)
		}
	}
}

// TestAuditFlag runs -audit over a small directory and checks the report
// lists skills with their surfaces, and that jobs are read as jobs.
func TestAuditFlag(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "jobs"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Skills: CUDA, Triton, PyTorch\nWrote CUDA kernels and profiled them with Nsight Compute.\n")
	write("jobs/j.md", "# GPU engineer\n\n## Requirements\n\n- CUDA\n- Access to GPUs\n")
	var stdout, stderr bytes.Buffer
	args := []string{"-sources", repoSources, "-curated", repoCurated, "-stats=false", "-audit", "-audit-show", "CUDA", dir}
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"# 2 files", `CUDA [GPU programming] 3 in 2 files: "CUDA"×2, "CUDA kernels"×1`, `NVIDIA Nsight`, "## CUDA", "[[CUDA]]"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Microsoft Access") {
		t.Errorf("audit found Microsoft Access in %q:\n%s", "Access to GPUs", out)
	}
	if code := run([]string{"-audit"}, &bytes.Buffer{}, &bytes.Buffer{}); code != exitUsage {
		t.Errorf("-audit without a directory: exit %d, want %d", code, exitUsage)
	}
}

// TestSortedKeysHelper keeps the test helper honest (sortedKeys sorts).
func TestSortedKeysHelper(t *testing.T) {
	got := sortedKeys(map[string]bool{"b": true, "a": true})
	if !sort.StringsAreSorted(got) || len(got) != 2 {
		t.Fatalf("sortedKeys = %v", got)
	}
}

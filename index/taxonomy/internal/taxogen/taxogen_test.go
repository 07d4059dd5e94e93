package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/skillrank/skillrank/index/analysis"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// Paths from this package to the repository's taxonomy inputs and output.
const (
	repoSources = "../../sources"
	repoCurated = "../../curated"
	repoOutput  = "../../data/taxonomy.json"
)

var (
	buildOnce sync.Once
	built     taxonomy.File
	builtErr  error
)

// repoFile builds the default taxonomy from the repository's inputs once.
func repoFile(t *testing.T) taxonomy.File {
	t.Helper()
	buildOnce.Do(func() {
		built, _, builtErr = generate(options{sources: repoSources, curated: repoCurated}, nil)
	})
	if builtErr != nil {
		t.Fatalf("generate: %v", builtErr)
	}
	return built
}

func skillByName(f taxonomy.File) map[string]taxonomy.SkillSpec {
	m := make(map[string]taxonomy.SkillSpec, len(f.Skills))
	for _, s := range f.Skills {
		m[s.Name] = s
	}
	return m
}

func TestCommittedFileIsFresh(t *testing.T) {
	f := repoFile(t)
	want, err := os.ReadFile(repoOutput)
	if err != nil {
		t.Fatal(err)
	}
	if got := encode(f); !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go run ./index/taxonomy/internal/taxogen from the repository root", repoOutput)
	}
}

func TestDeterministic(t *testing.T) {
	a, _, err := generate(options{sources: repoSources, curated: repoCurated}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(encode(a), encode(repoFile(t))) {
		t.Fatal("two builds from the same inputs differ")
	}
}

func TestLoaderAcceptsOutput(t *testing.T) {
	if _, err := taxonomy.New(repoFile(t), analysis.New(0)); err != nil {
		t.Fatalf("taxonomy.New rejects the generated file: %v", err)
	}
}

func TestCounts(t *testing.T) {
	f := repoFile(t)
	b := newBuilder(analysis.New(0), &Rules{}, nil, nil)
	st := b.stats(f)
	if st.skills < 2000 {
		t.Errorf("%d skills, want at least 2000", st.skills)
	}
	if st.aliases < 5000 {
		t.Errorf("%d distinct aliases, want at least 5000", st.aliases)
	}
	if st.categories < 30 || st.categories > 60 {
		t.Errorf("%d categories used, want 30–60", st.categories)
	}
	data := encode(f)
	if len(data) > 2<<20 {
		t.Errorf("output is %d bytes, want under 2 MiB", len(data))
	}
}

// TestRequiredSkills checks the names, aliases and guards other packages
// and tests rely on.
func TestRequiredSkills(t *testing.T) {
	skills := skillByName(repoFile(t))
	required := []string{
		"MLIR", "TVM", "CUDA", "Triton", "Triton Inference Server", "TensorRT", "LLVM", "ONNX", "ONNX Runtime",
		"Mojo", "OpenCL", "ARM NEON", "Hexagon DSP", "HVX", "FPGA", "Quantization", "Mixed Precision",
		"Sparse Convolution", "TorchSparse", "PyTorch", "TensorFlow", "JAX", "XLA", "StableHLO", "IREE", "Halide",
		"Hidet", "vLLM", "cuDNN", "cuBLAS", "CUTLASS", "NCCL", "PTX", "ROCm", "HIP", "SYCL", "oneAPI", "SPIR-V",
		"Vulkan", "Metal", "SNPE", "QNN", "NNAPI", "Core ML", "TensorFlow Lite", "OpenVINO", "TorchInductor",
		"TorchDynamo", "TorchScript", "FlashAttention", "Post-Training Quantization", "Quantization-Aware Training",
		"Pruning", "Knowledge Distillation", "GPTQ", "AWQ", "bitsandbytes", "llama.cpp", "GGML", "DeepSpeed",
		"Megatron-LM", "OpenMP", "MPI", "SIMD", "AVX", "SVE", "RISC-V", "Verilog", "SystemVerilog", "VHDL",
		"High-Level Synthesis", "Vitis", "Xilinx", "Linux Kernel", "Linux Device Drivers", "ARM Assembly", "ARM",
		"Multithreading", "Heterogeneous Computing", "Compiler Construction", "Autotuning", "Code Generation",
		"Intermediate Representation", "Movidius", "Image Signal Processor", "DDR", "I2C", "SPI", "eMMC",
		"Virtualization", "Computer Vision", "Object Detection", "LiDAR", "Point Cloud", "Bird's-Eye View", "C",
		"C++", "C#", "Python", "Rust", "Go", "Java", "JavaScript", "TypeScript", "Swift", "Kotlin", "R", "Julia",
		"Scala", "Elixir", "Dash", "Ray", "Apache Spark", "PySpark", "Flask", "HBase", "BigQuery", "Amazon S3",
		"Kubernetes", "Docker", "PostgreSQL", "React", "Node.js", ".NET", "ASP.NET", "Machine Learning",
		"Deep Learning", "Large Language Models", "Statistics", "Embedded Systems", "ASIC", "Benchmarking",
		"Performance Profiling", "Performance Optimization", "Distributed Systems", "Microsoft Excel",
	}
	for _, n := range required {
		if _, ok := skills[n]; !ok {
			t.Errorf("missing skill %q", n)
		}
	}
	an := analysis.New(0)
	key := func(s string) string { return strings.Join(an.Terms(s), " ") }
	hasAlias := func(skill, alias string) (taxonomy.AliasSpec, bool) {
		for _, a := range skills[skill].Aliases {
			if key(a.Text) == key(alias) {
				return a, true
			}
		}
		return taxonomy.AliasSpec{}, false
	}
	aliases := map[string][]string{
		"TVM":                         {"Apache TVM"},
		"Triton":                      {"OpenAI Triton", "triton-lang", "Triton language"},
		"Triton Inference Server":     {"Triton Server", "NVIDIA Triton Inference Server", "Triton"},
		"ARM NEON":                    {"NEON"},
		"Hexagon DSP":                 {"Hexagon", "Hexagon ADSP", "QDSP6"},
		"XLA":                         {"OpenXLA"},
		"Go":                          {"Golang"},
		"Kubernetes":                  {"k8s"},
		"PostgreSQL":                  {"Postgres"},
		"Apache Spark":                {"Spark"},
		"Amazon S3":                   {"S3"},
		"Microsoft Excel":             {"Excel"},
		"Linux Device Drivers":        {"Linux driver development", "Linux kernel drivers", "device drivers", "kernel drivers"},
		"Sparse Convolution":          {"sparse conv", "spconv"},
		"TorchInductor":               {"torch.compile"},
		"TensorFlow Lite":             {"LiteRT"},
		"Post-Training Quantization":  {"PTQ"},
		"Quantization-Aware Training": {"QAT"},
	}
	for skill, as := range aliases {
		for _, a := range as {
			if _, ok := hasAlias(skill, a); !ok {
				t.Errorf("%s: missing alias %q", skill, a)
			}
		}
	}
	// Names and aliases that are ordinary words carry case and context guards.
	guarded := map[string]string{
		"C": "C", "R": "R", "Go": "Go", "Rust": "Rust", "Swift": "Swift", "Apache Spark": "Spark",
		"Dash": "Dash", "Ray": "Ray", "Flask": "Flask", "Julia": "Julia", "Triton": "Triton",
		"PyTorch": "torch", "ARM NEON": "NEON", "Hexagon DSP": "Hexagon", "Metal": "Metal", "ARM": "ARM",
		"Intermediate Representation": "IR", "Image Signal Processor": "ISP", "Mixed Precision": "AMP",
		"TorchDynamo": "Dynamo", "Microsoft Excel": "Excel", "Java": "Java", "Ruby": "Ruby",
		"Apache Kafka": "Kafka", "Jenkins": "Jenkins", "React": "React", "Unity": "Unity",
	}
	for skill, text := range guarded {
		a, ok := hasAlias(skill, text)
		if !ok {
			t.Errorf("%s: no alias entry %q", skill, text)
			continue
		}
		if !a.CaseSensitive || !a.NeedsContext {
			t.Errorf("%s: alias %q is not guarded with case and context: %+v", skill, text, a)
		}
	}
	if a, _ := hasAlias("Go", "Go"); !contains(a.NotAfter, "to") {
		t.Errorf("Go: not_after lacks \"to\": %v", a.NotAfter)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestRequiredRelations(t *testing.T) {
	f := repoFile(t)
	weight := map[[2]string]float64{}
	degree := map[string]int{}
	for _, s := range f.Skills {
		for _, r := range s.Related {
			weight[[2]string{s.Name, r.Skill}] = r.Weight
			weight[[2]string{r.Skill, s.Name}] = r.Weight
			degree[s.Name]++
			degree[r.Skill]++
		}
	}
	for _, e := range [][2]string{
		{"MLIR", "LLVM"}, {"TVM", "XLA"}, {"CUDA", "HIP"}, {"CUDA", "OpenCL"}, {"Triton", "CUDA"},
		{"TensorRT", "ONNX Runtime"}, {"Quantization", "Mixed Precision"}, {"Sparse Convolution", "TorchSparse"},
		{"Hexagon DSP", "HVX"}, {"ARM NEON", "SIMD"},
	} {
		if weight[e] == 0 {
			t.Errorf("missing relation %s – %s", e[0], e[1])
		}
	}
	if w := weight[[2]string{"CUDA", "HIP"}]; w != 0.8 {
		t.Errorf("CUDA–HIP weight %v, want 0.8 (near-substitutes)", w)
	}
	for n, d := range degree {
		if d > maxRelated+10 {
			t.Errorf("%s has %d related skills", n, d)
		}
	}
	broader := map[string][]string{}
	for _, s := range f.Skills {
		broader[s.Name] = s.Broader
	}
	for child, parent := range map[string]string{"CUDA": "GPU Programming", "MLIR": "Compiler Construction", "PyTorch": "Deep Learning"} {
		if !contains(broader[child], parent) {
			t.Errorf("%s: broader %v lacks %q", child, broader[child], parent)
		}
	}
}

// TestSeedSkillsResolve runs the loader's matcher over short phrases built
// from the facts of the seed profiles (not their text) and checks each
// technical skill resolves.
func TestSeedSkillsResolve(t *testing.T) {
	tx, err := taxonomy.New(repoFile(t), analysis.New(0))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ text, want string }{
		{"Skills: Python, C/C++, CUDA, MLIR", "CUDA"},
		{"Skills: Python, C/C++, CUDA, MLIR", "MLIR"},
		{"Skills: Python, C/C++, CUDA, MLIR", "C"},
		{"Skills: Python, C/C++, CUDA, MLIR", "C++"},
		{"committer to Apache TVM, an autotuning compiler", "TVM"},
		{"committer to Apache TVM, an autotuning compiler", "Autotuning"},
		{"added quantization, mixed precision and ONNX support", "Quantization"},
		{"added quantization, mixed precision and ONNX support", "Mixed Precision"},
		{"added quantization, mixed precision and ONNX support", "ONNX"},
		{"interop with Mojo for a Triton-lang like experience", "Mojo"},
		{"interop with Mojo for a Triton-lang like experience", "Triton"},
		{"deploying on FPGA and ASIC environments", "FPGA"},
		{"deploying on FPGA and ASIC environments", "ASIC"},
		{"Coursework: Machine Learning, Probability and Statistics, Operating Systems, Compilers, Embedded Systems", "Statistics"},
		{"Coursework: Machine Learning, Probability and Statistics, Operating Systems, Compilers, Embedded Systems", "Compiler Construction"},
		{"Coursework: Machine Learning, Probability and Statistics, Operating Systems, Compilers, Embedded Systems", "Embedded Systems"},
		{"rewrote the HBase snapshot system and integrated with BigQuery and S3", "HBase"},
		{"rewrote the HBase snapshot system and integrated with BigQuery and S3", "BigQuery"},
		{"rewrote the HBase snapshot system and integrated with BigQuery and S3", "Amazon S3"},
		{"training computer vision models for edge hardware", "Computer Vision"},
		{"ARM assembly, NEON, OpenCL, multi-threading, Movidius vector operations", "ARM Assembly"},
		{"ARM assembly, NEON, OpenCL, multi-threading, Movidius vector operations", "ARM NEON"},
		{"ARM assembly, NEON, OpenCL, multi-threading, Movidius vector operations", "OpenCL"},
		{"ARM assembly, NEON, OpenCL, multi-threading, Movidius vector operations", "Multithreading"},
		{"ARM assembly, NEON, OpenCL, multi-threading, Movidius vector operations", "Movidius"},
		{"camera ISP Linux driver development", "Image Signal Processor"},
		{"camera ISP Linux driver development", "Linux Device Drivers"},
		{"Memory Controller, DDR, Thermal, I2C, SPI Linux driver development", "DDR"},
		{"Memory Controller, DDR, Thermal, I2C, SPI Linux driver development", "I2C"},
		{"Memory Controller, DDR, Thermal, I2C, SPI Linux driver development", "SPI"},
		{"ARM-based virtualization and eMCP chip verification", "Virtualization"},
		{"ARM-based virtualization and eMCP chip verification", "eMMC"},
		{"used TVM for Hexagon ADSP code generation optimizations", "Hexagon DSP"},
		{"used TVM for Hexagon ADSP code generation optimizations", "Code Generation"},
		{"a new LLVM-based compiler for heterogeneous computing", "LLVM"},
		{"a new LLVM-based compiler for heterogeneous computing", "Heterogeneous Computing"},
		{"troubleshooting Linux kernel panic", "Linux Kernel"},
		{"system power and performance optimization", "Performance Optimization"},
		{"an open source machine learning compiler, Hidet", "Hidet"},
		{"wrote optimized convolution CUDA kernels and a custom IR for the compiler", "Intermediate Representation"},
		{"int8 quantization compiler passes and kernels", "Quantization"},
		{"implemented vLLM inference kernels in CUDA for LLM workloads", "vLLM"},
		{"implemented vLLM inference kernels in CUDA for LLM workloads", "Large Language Models"},
		{"a prototype compiler using LLVM with Rust", "Rust"},
		{"object detection with LiDAR and camera features in a birds-eye-view (BEV) map", "Object Detection"},
		{"object detection with LiDAR and camera features in a birds-eye-view (BEV) map", "LiDAR"},
		{"object detection with LiDAR and camera features in a birds-eye-view (BEV) map", "Bird's-Eye View"},
		{"replaced Torchsparse with a sparse convolution library written in Triton", "TorchSparse"},
		{"replaced Torchsparse with a sparse convolution library written in Triton", "Sparse Convolution"},
		{"replaced Torchsparse with a sparse convolution library written in Triton", "Triton"},
		{"used TensorRT to compile the perception model", "TensorRT"},
		{"a Dash application to trace PyTorch models, using torch dynamo", "Dash"},
		{"a Dash application to trace PyTorch models, using torch dynamo", "PyTorch"},
		{"a Dash application to trace PyTorch models, using torch dynamo", "TorchDynamo"},
		// A bare "profiling" is not a skill mention: it analyses like
		// "profile" (guards.generic); the API is.
		{"profiling instrumentation with the cuda-events API", "CUDA"},
		{"GPU profiling instrumentation with the cuda-events API", "Performance Profiling"},
		{"kernels for AMD GPUs using tensor-core instructions", "Tensor Cores"},
	}
	for _, c := range cases {
		toks := tx.Analyzer().Analyze(c.text, nil)
		found := false
		var got []string
		for _, m := range tx.Find(c.text, toks, nil, nil, nil) {
			got = append(got, tx.Name(m.Skill))
			found = found || tx.Name(m.Skill) == c.want
		}
		if !found {
			t.Errorf("%q: %s not found (got %v)", c.text, c.want, got)
		}
	}
}

func TestCheckFlag(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "taxonomy.json")
	var stderr bytes.Buffer
	args := []string{"-sources", repoSources, "-curated", repoCurated, "-out", out, "-stats=false"}
	if code := run(args, &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr.String())
	}
	if code := run(append(args, "-check"), &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("-check on a fresh file: exit %d: %s", code, stderr.String())
	}
	if err := os.WriteFile(out, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run(append(args, "-check"), &bytes.Buffer{}, &stderr); code != exitInvalid {
		t.Fatalf("-check on a stale file: exit %d, want %d", code, exitInvalid)
	}
	if code := run([]string{"stray"}, &bytes.Buffer{}, &bytes.Buffer{}); code != exitUsage {
		t.Fatalf("stray argument: exit %d, want %d", code, exitUsage)
	}
}

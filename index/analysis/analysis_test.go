package analysis

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string // surfaces
	}{
		{"C/C++ and C#", []string{"C", "C++", "and", "C#"}},
		{".NET, ASP.NET and Node.js", []string{".NET", "ASP.NET", "and", "Node.js"}},
		{"R&D at AT&T", []string{"R&D", "at", "AT&T"}},
		{"C-suite", []string{"C", "suite"}},
		{"mixed-precision", []string{"mixed", "precision"}},
		{"C++17 and g++", []string{"C++", "17", "and", "g++"}},
		{"5+ years", []string{"5", "years"}},
		{"Waabi's team", []string{"Waabi", "team"}},
		{"Waabi’s team", []string{"Waabi", "team"}},
		{"GPA 3.95, v2.5.7", []string{"GPA", "3.95", "v2.5.7"}},
		{"end. Next", []string{"end", "Next"}},
		{"x86-64 int8 fp16", []string{"x86", "64", "int8", "fp16"}},
		{"snake_case", []string{"snake", "case"}},
		{"café naïve", []string{"café", "naïve"}},
		{"", nil},
		{"  \n\t ", nil},
		{"C+", []string{"C+"}},
		{"Cplus+plus", []string{"Cplus", "plus"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokenize(tt.in, nil) {
			got = append(got, tt.in[tok.Start:tok.End])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Tokenize(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestFlags(t *testing.T) {
	toks := Tokenize("Go and CUDA. go on\nRust", nil)
	want := []Flags{
		Upper | LineStart | SentenceStart, // Go
		Lower,                             // and
		Upper | AllUpper,                  // CUDA
		Lower | SentenceStart,             // go
		Lower,                             // on
		Upper | LineStart | SentenceStart, // Rust
	}
	for i, tok := range toks {
		if tok.Flags != want[i] {
			t.Errorf("token %d: flags %b, want %b", i, tok.Flags, want[i])
		}
	}
}

func TestTerms(t *testing.T) {
	a := New(0)
	tests := []struct{ in, want string }{
		{"compilers", "compil"},
		{"Compiler", "compil"},
		{"Mixed-Precision training", "mix precis train"},
		{"C++", "c++"},
		{"Node.js", "node.js"},
		{"CUDA", "cuda"},
		{"int8", "int8"},
		{"GPUs", "gpus"},
	}
	for _, tt := range tests {
		if got := strings.Join(a.Terms(tt.in), " "); got != tt.want {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMemoBounded(t *testing.T) {
	a := New(64)
	for i := 0; i < 10000; i++ {
		a.Normalize(strings.Repeat("x", i%50+3)+string(rune('a'+i%26)), Lower)
	}
	n := 0
	for i := range a.shards {
		n += len(a.shards[i].m)
	}
	if n > 64+memoShards {
		t.Errorf("memo holds %d forms, limit 64", n)
	}
}

func TestConcurrentAnalyze(t *testing.T) {
	a := New(0)
	text := strings.Repeat("Compilers and kernels, MLIR and CUDA; running quickly. ", 50)
	want := a.Terms(text)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := a.Terms(text); !cmp.Equal(got, want) {
				t.Error("concurrent Terms differ")
			}
		}()
	}
	wg.Wait()
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"C/C++ and C#", ".NET Node.js", "R&D", "Waabi's", "x86-64", "\xff\xfe", "a.b.c.", "++", "#C#"} {
		f.Add(s)
	}
	a := New(1024)
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tok := range a.Analyze(s, nil) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("bad token [%d,%d) after %d in %q", tok.Start, tok.End, prev, s)
			}
			if utf8.ValidString(s) && tok.Term == "" {
				t.Fatalf("empty term for %q", s[tok.Start:tok.End])
			}
			prev = tok.End
		}
	})
}

func BenchmarkAnalyze(b *testing.B) {
	text := strings.Repeat("Senior Compiler Engineer working on MLIR-based compilers, CUDA kernels and quantization passes for deep learning models. ", 40)
	a := New(0)
	var toks []Token
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		toks = a.Analyze(text, toks[:0])
	}
}

package document

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// formatsDir and badDir hold the format twins and the bad-input corpus
// (regenerate the binary ones with internal/fixturegen).
var (
	formatsDir = filepath.Join("..", "..", "..", "testdata", "formats")
	badDir     = filepath.Join("..", "..", "..", "testdata", "bad")
)

// twinSkills are words every twin's text must hold; twinHidden are words
// hidden in some twin (display:none, <script>, w:vanish, a deleted
// revision, …) that no twin may show.
var (
	twinSkills = []string{"CUDA", "Triton", "MLIR", "LLVM", "TVM", "PTX", "CUTLASS", "Nsight Compute",
		"PyTorch", "Python", "C++", "Tensor Cores", "GEMM", "H100"}
	twinHidden = []string{"Kubernetes", "Terraform", "Rust", "Java", "Haskell", "Scala", "Elixir", "Fortran",
		"COBOL", "Résumé", "★"}
)

func readTwin(t testing.TB, name string) *Document {
	t.Helper()
	d, err := ReadFile(context.Background(), filepath.Join(formatsDir, name), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func sectionKinds(d *Document) []SectionKind {
	var out []SectionKind
	for _, s := range d.Sections {
		out = append(out, s.Kind)
	}
	return out
}

// TestFormatTwins reads each twin of a Markdown profile and checks that
// it gives the same name, positions (kinds and dates), section kinds and
// skill words as the Markdown.
func TestFormatTwins(t *testing.T) {
	want := readTwin(t, "nora-lindqvist.md")
	if len(want.Positions) != 4 {
		t.Fatalf("the Markdown twin has %d positions, want 4", len(want.Positions))
	}
	for _, ext := range []string{"html", "json", "pdf", "docx"} {
		t.Run(ext, func(t *testing.T) {
			got := readTwin(t, "nora-lindqvist."+ext)
			if got.Format != formatByExt["."+ext] {
				t.Errorf("format %s, want %s", got.Format, formatByExt["."+ext])
			}
			if got.ID != "nora-lindqvist" {
				t.Errorf("id %q", got.ID)
			}
			if got.Name != want.Name {
				t.Errorf("name %q, want %q", got.Name, want.Name)
			}
			if len(got.Warnings) > 0 {
				t.Errorf("warnings: %q", got.Warnings)
			}
			if g, w := sectionKinds(got), sectionKinds(want); !slices.Equal(g, w) {
				t.Errorf("sections %v, want %v", g, w)
			}
			if len(got.Positions) != len(want.Positions) {
				t.Fatalf("%d positions, want %d", len(got.Positions), len(want.Positions))
			}
			for i, p := range got.Positions {
				w := want.Positions[i]
				if p.Kind != w.Kind || p.Dates != w.Dates {
					t.Errorf("position %d: %s %s, want %s %s", i, p.Kind, p.Dates, w.Kind, w.Dates)
				}
				if p.Start < 0 || p.End > len(got.Text) || p.Start > p.End {
					t.Fatalf("position %d: span [%d,%d) outside the text (%d bytes)", i, p.Start, p.End, len(got.Text))
				}
				// The span holds the entry: its title words and its highlights.
				span := got.Text[p.Start:p.End]
				for _, word := range strings.Fields(w.Title)[:2] {
					if !strings.Contains(span, word) {
						t.Errorf("position %d: span %q lacks %q", i, span, word)
					}
				}
			}
			for _, s := range twinSkills {
				if !strings.Contains(got.Text, s) {
					t.Errorf("text lacks skill %q", s)
				}
			}
			for _, s := range twinHidden {
				if strings.Contains(got.Text, s) {
					t.Errorf("text shows hidden word %q", s)
				}
			}
			// The experience section holds the same highlights in every twin.
			for _, h := range []string{"Hand-tuned CUDA kernels", "moved hot paths from C++ templates to Triton", "auto-tuner for TVM schedules"} {
				if !strings.Contains(got.Text, h) {
					t.Errorf("text lacks %q", h)
				}
			}
		})
	}
}

// TestBadInputs reads every file of the bad-input corpus; README.md there
// lists the same expectations in words.
func TestBadInputs(t *testing.T) {
	cases := []struct {
		file string
		want error  // nil: reads, with a warning
		msg  string // part of the message
	}{
		{"empty.txt", ErrEmpty, "empty file"},
		{"whitespace.md", ErrEmpty, "empty file"},
		{"noise.txt", ErrBinary, "binary data"},
		{"latin1.txt", nil, ""},
		{"truncated.json", ErrMalformed, "line 31, column 60"},
		{"not-resume.json", ErrMalformed, "not a JSON Resume"},
		{"scanned.pdf", ErrNoText, "scanned PDF?"},
		{"corrupt.pdf", ErrMalformed, "PDF"},
		{"bomb.docx", ErrTooLarge, "zip bomb"},
		{"fake.pdf", ErrFormatMismatch, ".pdf file holds text"},
		{"notzip.docx", ErrMalformed, "not a valid zip"},
	}
	listed, err := os.ReadFile(filepath.Join(badDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			if !strings.Contains(string(listed), "`"+c.file+"`") {
				t.Errorf("README.md does not list %s", c.file)
			}
			path := filepath.Join(badDir, c.file)
			d, err := ReadFile(context.Background(), path, Limits{})
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(d.Warnings) == 0 {
					t.Error("no warning")
				}
				// Stray high bytes in otherwise ASCII text are Windows-1252.
				if !strings.Contains(d.Text, "Zephyr RTOS") || !strings.Contains(d.Text, "Malmö") || d.Name != "Björn Ståhl" {
					t.Errorf("text %q", d.Text)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error %q does not start with the file name", err)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q lacks %q", err, c.msg)
			}
		})
	}
	t.Run("loop", func(t *testing.T) {
		target, err := os.Readlink(filepath.Join(badDir, "loop", "self"))
		if err != nil || target != "." {
			t.Fatalf("loop/self -> %q, %v; want a link to .", target, err)
		}
	})
}

// TestOversizedFile makes a sparse file past MaxFileSize: refused from
// its size, before reading.
func TestOversizedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(DefaultMaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(context.Background(), path, Limits{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), path) {
		t.Fatalf("error %v, want ErrTooLarge naming the file", err)
	}
}

func TestUTF16(t *testing.T) {
	text := "# Ana Example\n\nSkills: CUDA\n"
	for _, bom := range [][]byte{{0xff, 0xfe}, {0xfe, 0xff}} {
		data := append([]byte(nil), bom...)
		for _, r := range text {
			if bom[0] == 0xff {
				data = append(data, byte(r), byte(r>>8))
			} else {
				data = append(data, byte(r>>8), byte(r))
			}
		}
		d, err := Read(context.Background(), "ana.md", data, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Name != "Ana Example" || !strings.Contains(d.Text, "Skills: CUDA") {
			t.Errorf("BOM % x: name %q text %q", bom, d.Name, d.Text)
		}
	}
}

package document

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// readBytes reads data as a file called name with default limits.
func readBytes(t testing.TB, name string, data []byte) *Document {
	t.Helper()
	d, err := Read(context.Background(), name, data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, d)
	return d
}

// blockList renders the blocks of d as "H2 text", "I1 text", "L text".
func blockList(d *Document) []string {
	out := make([]string, len(d.Blocks))
	for i, b := range d.Blocks {
		switch b.Kind {
		case Heading:
			out[i] = fmt.Sprintf("H%d %s", b.Level, d.BlockText(i))
		case ListItem:
			out[i] = fmt.Sprintf("I%d %s", b.Level, d.BlockText(i))
		default:
			out[i] = "L " + d.BlockText(i)
		}
	}
	return out
}

func wantBlocks(t *testing.T, d *Document, want ...string) {
	t.Helper()
	got := blockList(d)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// checkDocument verifies the invariants every reader keeps: valid UTF-8
// text, blocks in order and inside the text, sections and positions
// inside the text.
func checkDocument(t testing.TB, d *Document) {
	t.Helper()
	if !utf8.ValidString(d.Text) {
		t.Fatalf("text is not valid UTF-8: %q", d.Text)
	}
	prev := 0
	for i, b := range d.Blocks {
		if b.Start < prev || b.End < b.Start || b.End > len(d.Text) {
			t.Fatalf("block %d [%d,%d) out of order or outside the text (%d bytes, previous end %d)", i, b.Start, b.End, len(d.Text), prev)
		}
		if b.Kind < Line || b.Kind > ListItem {
			t.Fatalf("block %d has kind %d", i, b.Kind)
		}
		prev = b.End
	}
	for i, s := range d.Sections {
		if s.Start < 0 || s.End < s.Start || s.End > len(d.Text) {
			t.Fatalf("section %d [%d,%d) outside the text (%d bytes)", i, s.Start, s.End, len(d.Text))
		}
	}
	for i, p := range d.Positions {
		if p.Start < 0 || p.End < p.Start || p.End > len(d.Text) {
			t.Fatalf("position %d [%d,%d) outside the text (%d bytes)", i, p.Start, p.End, len(d.Text))
		}
	}
}

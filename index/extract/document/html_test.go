package document

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestHTMLHidden(t *testing.T) {
	d := readBytes(t, "p.html", []byte(`<!doctype html><html><head><title>Title Go</title>
<style>p { color: red }</style><script>document.write("Rust")</script></head><body>
<p>Visible CUDA</p>
<p hidden>hidden attr Java</p>
<p aria-hidden="true">aria Haskell</p>
<p aria-hidden="false">aria false MLIR</p>
<div style="color: red; DISPLAY : None !important">style Scala</div>
<span style="visibility:hidden">visibility Elixir</span>
<input type="hidden" name="q" value="Erlang"><input value="Kotlin">
<noscript>noscript Perl</noscript><template><p>template Lua</p></template>
<svg><text>svg Julia</text></svg><iframe src="x">iframe Dart</iframe>
<!-- comment COBOL -->
<p>Also <span style="display:inline">Triton</span></p>
</body></html>`))
	wantBlocks(t, d, "L Visible CUDA", "L aria false MLIR", "L Also Triton")
}

func TestHTMLListsAndInline(t *testing.T) {
	d := readBytes(t, "p.html", []byte(`<html><body>
<h2>Skills &amp; tools</h2>
<ul>
  <li>GPU<b>s</b> and <i>CUDA</i>&nbsp;&mdash; <a href="#">Triton</a>
    <ul>
      <li>Nsight&shy;Compute
        <ol><li>depth three</li></ol>
      </li>
    </ul>
    tail of one
  </li>
  <li>C&#43;&#43; &lt;templates&gt; &#x2014; fine</li>
</ul>
<p>Line one<br>line two</p>
<pre>
  keep
    lines
</pre>
<dl><dt>Term</dt><dd>Definition</dd></dl>
</body></html>`))
	wantBlocks(t, d,
		"H2 Skills & tools",
		"I1 GPUs and CUDA — Triton",
		"I2 NsightCompute",
		"I3 depth three",
		"I1 tail of one",
		"I1 C++ <templates> — fine",
		"L Line one",
		"L line two",
		"L keep",
		"L lines",
		"L Term",
		"L Definition",
	)
}

func TestHTMLTables(t *testing.T) {
	d := readBytes(t, "p.html", []byte(`<table>
<tr><th>Area</th><th>Tools</th><td></td></tr>
<tr><td>GPU <b>programming</b></td><td>CUDA,<br>Triton</td></tr>
</table>
<table><tr>
  <td><h2>Experience</h2></td>
  <td><p>Compiler engineer</p><ul><li>MLIR passes</li></ul></td>
</tr></table>`))
	wantBlocks(t, d,
		"L Area | Tools",
		"L GPU programming | CUDA, Triton",
		"H2 Experience",
		"L Compiler engineer",
		"I1 MLIR passes",
	)
}

func TestHTMLCharset(t *testing.T) {
	t.Run("meta windows-1252", func(t *testing.T) {
		d := readBytes(t, "p.html", []byte("<html><head><meta charset=\"windows-1252\"></head><body><p>Bj\xf6rn \x96 Malm\xf6</p></body></html>"))
		wantBlocks(t, d, "L Björn – Malmö")
		if len(d.Warnings) != 0 {
			t.Errorf("warnings %q", d.Warnings)
		}
	})
	t.Run("undeclared latin-1", func(t *testing.T) {
		d := readBytes(t, "p.html", []byte("<html><body><p>Bj\xf6rn</p></body></html>"))
		wantBlocks(t, d, "L Björn")
		if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "windows-1252") {
			t.Errorf("warnings %q", d.Warnings)
		}
	})
	t.Run("mislabelled utf-8", func(t *testing.T) {
		d := readBytes(t, "p.html", []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Björn</p></body></html>"))
		wantBlocks(t, d, "L Björn")
	})
	t.Run("utf-16 bom", func(t *testing.T) {
		// Read refuses UTF-16 files as binary before the reader sees them
		// (NUL bytes); the decoding itself works.
		src := "<p>Zoë CUDA</p>"
		data := []byte{0xff, 0xfe}
		for _, r := range src {
			data = append(data, byte(r), byte(r>>8))
		}
		got, warn := htmlToUTF8(data)
		if string(got) != src || warn != "" {
			t.Errorf("decoded %q, warning %q", got, warn)
		}
	})
}

func TestHTMLDeepNesting(t *testing.T) {
	// The parser refuses more than 512 open elements; the page is then
	// read token by token, hidden parts still skipped.
	const depth = 5000
	src := strings.Repeat("<div><span>", depth) + "deep CUDA<span hidden>Java<b>Rust</b></span><br>MLIR" +
		strings.Repeat("</span></div>", depth)
	d := readBytes(t, "p.html", []byte("<html><head><title>T</title><style>x</style><body><h2>Skills</h2><ul><li>one</li></ul>"+src+"</body></html>"))
	wantBlocks(t, d, "H2 Skills", "I1 one", "L deep CUDA", "L MLIR")
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "512") {
		t.Errorf("warnings %q", d.Warnings)
	}
}

func TestHTMLNoText(t *testing.T) {
	_, err := Read(context.Background(), "p.html", []byte(`<html><head><title>x</title></head><body><script>1</script><img src="a.png" alt="photo"></body></html>`), Limits{})
	if !errors.Is(err, ErrNoText) {
		t.Fatalf("error %v, want ErrNoText", err)
	}
}

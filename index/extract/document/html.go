package document

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// HTML: the visible text of a page, with its structure. Headings h1–h6
// become headings, li list items (depth by ul/ol nesting), block elements
// (p, div, section, tr, …) end a line or a paragraph, inline elements
// (a, span, strong, …) join into the line as a browser shows them, and
// the cells of a data table are joined with " | ". Invisible content is
// dropped: head, script, style, noscript, template, svg, iframe, form
// controls, and anything marked hidden (the hidden attribute,
// aria-hidden="true", an inline display:none or visibility:hidden).

func readHTML(ctx context.Context, data []byte, b *Builder, d *Document, _ Limits) error {
	data, warn := htmlToUTF8(data)
	if warn != "" {
		d.Warnings = append(d.Warnings, warn)
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		// The HTML5 parser accepts any markup but refuses to nest elements
		// more than 512 deep (unclosed tags); read such a page token by
		// token, without the parser's repair of misnested tags.
		d.Warnings = append(d.Warnings, fmt.Sprintf("HTML read without a full parse (%v)", err))
		w := &htmlWalker{b: b}
		return w.tokens(ctx, data)
	}
	if err := checkCtx(ctx); err != nil {
		return err
	}
	rows, err := layoutRows(ctx, root)
	if err != nil {
		return err
	}
	w := &htmlWalker{b: b, layoutRows: rows}
	if err := walkHTML(ctx, root, w.enter, w.leave); err != nil {
		return err
	}
	w.flush()
	return nil
}

// htmlToUTF8 decodes data to UTF-8. Valid UTF-8 is taken as is (a page
// that declares Latin-1 but is UTF-8 is mislabelled, and common);
// otherwise a byte-order mark or <meta charset> decides, and without one
// the page is read as windows-1252, as browsers do. warn is set when the
// encoding was guessed or bytes were repaired.
func htmlToUTF8(data []byte) ([]byte, string) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) && !bytes.HasPrefix(data, []byte("\xfe\xff")) && !bytes.HasPrefix(data, []byte("\xff\xfe")) {
		return data, ""
	}
	enc, name, certain := charset.DetermineEncoding(data, "")
	head := data[:min(len(data), 1024)]
	declared := certain || bytes.Contains(bytes.ToLower(head), []byte("charset"))
	if name == "utf-8" || enc == nil {
		return bytes.ToValidUTF8(data, []byte("\uFFFD")), "invalid UTF-8 replaced with U+FFFD"
	}
	out, err := enc.NewDecoder().Bytes(data)
	out = bytes.TrimPrefix(out, []byte("\xef\xbb\xbf")) // a UTF-16 byte-order mark, decoded
	if err != nil {
		return bytes.ToValidUTF8(data, []byte("\uFFFD")), fmt.Sprintf("could not decode as %s; invalid UTF-8 replaced with U+FFFD", name)
	}
	if !declared {
		return out, fmt.Sprintf("no charset declared and not UTF-8: decoded as %s", name)
	}
	return out, ""
}

// skipTags are elements whose content is never shown as text.
var skipTags = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Input: true, atom.Select: true,
	atom.Textarea: true, atom.Button: true, atom.Datalist: true, atom.Title: true,
	// Alt text of images is mostly "photo" or a logo's name.
	atom.Img: true,
}

// paraTags end a paragraph before and after them.
var paraTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Blockquote: true,
	atom.Pre: true, atom.Header: true, atom.Footer: true, atom.Main: true, atom.Nav: true,
	atom.Aside: true, atom.Address: true, atom.Dl: true, atom.Figure: true, atom.Figcaption: true,
	atom.Form: true, atom.Fieldset: true, atom.Hr: true, atom.Details: true, atom.Summary: true,
	atom.Center: true, atom.Body: true, atom.Caption: true, atom.Legend: true, atom.Hgroup: true,
}

// lineTags end a line.
var lineTags = map[atom.Atom]bool{atom.Br: true, atom.Dt: true, atom.Dd: true, atom.Option: true}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

func isList(a atom.Atom) bool { return a == atom.Ul || a == atom.Ol || a == atom.Menu || a == atom.Dir }

// isBlock reports elements that make a table row a layout row rather
// than a data row when a cell holds one (a <br> does not).
func isBlock(a atom.Atom) bool {
	return paraTags[a] || a == atom.Dt || a == atom.Dd || headingLevel(a) > 0 || isList(a) || a == atom.Li || a == atom.Table
}

// optionalEnd are elements whose end tag HTML lets a page omit.
var optionalEnd = map[atom.Atom]bool{
	atom.Html: true, atom.Head: true, atom.Body: true, atom.P: true, atom.Li: true, atom.Dt: true,
	atom.Dd: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Option: true, atom.Optgroup: true, atom.Caption: true, atom.Colgroup: true,
}

// voidTags have no end tag.
var voidTags = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true,
}

// hidden reports an element the browser does not show.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			s := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// layoutRows finds the table rows whose cells hold block elements (a page
// laid out with a table): their cells are read as blocks rather than
// joined into one line.
func layoutRows(ctx context.Context, root *html.Node) (map[*html.Node]bool, error) {
	rows := make(map[*html.Node]bool)
	var trs, cellRows []*html.Node // open rows; the row of each open cell
	err := walkHTML(ctx, root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if skipTags[n.DataAtom] || hidden(n) {
			return false
		}
		switch a := n.DataAtom; {
		case a == atom.Tr:
			trs = append(trs, n)
		case a == atom.Td || a == atom.Th:
			var tr *html.Node
			if len(trs) > 0 {
				tr = trs[len(trs)-1]
			}
			cellRows = append(cellRows, tr)
		case isBlock(a) && len(cellRows) > 0:
			if tr := cellRows[len(cellRows)-1]; tr != nil {
				rows[tr] = true
			}
		}
		return true
	}, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Tr:
			if len(trs) > 0 {
				trs = trs[:len(trs)-1]
			}
		case atom.Td, atom.Th:
			if len(cellRows) > 0 {
				cellRows = cellRows[:len(cellRows)-1]
			}
		}
	})
	return rows, err
}

// walkHTML visits the tree under root in document order without
// recursion (a page may nest elements thousands deep). enter reports
// whether to visit a node's children; leave is called after the children
// of every node whose enter returned true.
func walkHTML(ctx context.Context, root *html.Node, enter func(*html.Node) bool, leave func(*html.Node)) error {
	steps := 0
	n := root
	for n != nil {
		if steps++; steps%ctxCheckEvery == 0 {
			if err := checkCtx(ctx); err != nil {
				return err
			}
		}
		descend := enter(n)
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if descend {
			leave(n)
		}
		// Climb until a sibling is found, leaving each finished element.
		for n != nil {
			if n == root {
				n = nil
				break
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
			if n != nil {
				leave(n)
			}
		}
	}
	return nil
}

type htmlWalker struct {
	b          *Builder
	layoutRows map[*html.Node]bool
	line       strings.Builder // inline text of the current line
	heading    int             // level of the heading being read, 0 outside
	lists      int             // open ul/ol elements
	items      []int           // depths of the open li elements
	pre        int             // open pre elements
	cells      *[]string       // cells of the data row being read
	inCell     bool            // reading a data cell: lines join the cell
	cellText   bool            // the current cell has text already
}

// tokens reads a page from the tokenizer, for pages the parser refuses:
// start and end tags drive enter and leave directly; every table row is
// a data row.
func (w *htmlWalker) tokens(ctx context.Context, data []byte) error {
	z := html.NewTokenizer(bytes.NewReader(data))
	skipName, skipDepth := "", 0 // the element being skipped, and its nesting
	for n := 1; ; n++ {
		if n%ctxCheckEvery == 0 {
			if err := checkCtx(ctx); err != nil {
				return err
			}
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			w.flush()
			if z.Err() == io.EOF {
				return nil
			}
			return fmt.Errorf("%w: HTML: %v", ErrMalformed, z.Err())
		case html.TextToken:
			if skipDepth == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			void := voidTags[tok.DataAtom] || tt == html.SelfClosingTagToken
			if skipDepth > 0 {
				if tok.Data == skipName && !void {
					skipDepth++
				}
				continue
			}
			node := &html.Node{Type: html.ElementNode, DataAtom: tok.DataAtom, Data: tok.Data, Attr: tok.Attr}
			// An element whose end tag may be omitted (<head>, <p>, <li>)
			// cannot be skipped to its end: it is read, hidden or not.
			if (skipTags[tok.DataAtom] || hidden(node)) && !optionalEnd[tok.DataAtom] {
				if !void {
					skipName, skipDepth = tok.Data, 1
				}
				continue
			}
			w.open(node)
			if void {
				w.leave(node)
			}
		case html.EndTagToken:
			tok := z.Token()
			if skipDepth > 0 {
				if tok.Data == skipName {
					skipDepth--
				}
				continue
			}
			w.leave(&html.Node{Type: html.ElementNode, DataAtom: tok.DataAtom, Data: tok.Data})
		}
	}
}

// enter handles the start of a node and reports whether to visit its
// children.
func (w *htmlWalker) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return false
	case html.DocumentNode:
		return true
	case html.ElementNode:
	default:
		return false // comments, doctype
	}
	if skipTags[n.DataAtom] || hidden(n) {
		return false
	}
	w.open(n)
	return true
}

// open handles the start of a visible element.
func (w *htmlWalker) open(n *html.Node) {
	a := n.DataAtom
	switch {
	case headingLevel(a) > 0:
		w.flush()
		w.b.Break()
		w.heading = headingLevel(a)
	case isList(a):
		w.flush()
		if w.lists == 0 && len(w.items) == 0 {
			w.b.Break()
		}
		w.lists++
	case a == atom.Li:
		w.flush()
		w.items = append(w.items, max(w.lists, 1))
	case a == atom.Table:
		w.flush()
		w.b.Break()
	case a == atom.Tr:
		w.flush()
		if !w.layoutRows[n] && w.cells == nil {
			w.cells = new([]string)
		}
	case a == atom.Td || a == atom.Th:
		if w.cells != nil {
			w.flush()
			w.inCell, w.cellText = true, false
		} else {
			w.flush()
			w.b.Break()
		}
	case a == atom.Pre:
		w.flush()
		w.b.Break()
		w.pre++
	case paraTags[a]:
		w.flush()
		w.b.Break()
	case lineTags[a]:
		w.flush()
	}
}

// leave handles the end of an element entered with descend.
func (w *htmlWalker) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	a := n.DataAtom
	switch {
	case headingLevel(a) > 0:
		w.flush()
		w.heading = 0
		w.b.Break()
	case isList(a):
		w.flush()
		w.lists = max(w.lists-1, 0)
		if w.lists == 0 && len(w.items) == 0 {
			w.b.Break()
		}
	case a == atom.Li:
		w.flush()
		if len(w.items) > 0 {
			w.items = w.items[:len(w.items)-1]
		}
	case a == atom.Table:
		w.flush()
		w.b.Break()
	case a == atom.Tr:
		if w.cells != nil && !w.layoutRows[n] {
			w.flush()
			w.inCell = false
			cells := *w.cells
			w.cells = nil
			w.emit(strings.Join(cells, " | "))
		}
	case a == atom.Td || a == atom.Th:
		w.flush()
		w.inCell = false
	case a == atom.Pre:
		w.flush()
		w.pre = max(w.pre-1, 0)
		w.b.Break()
	case paraTags[a]:
		w.flush()
		w.b.Break()
	case lineTags[a] && a != atom.Br:
		w.flush()
	}
}

// softChars are invisible characters dropped from text: soft hyphens and
// zero-width joiners split words that the reader sees whole.
var softChars = strings.NewReplacer("\u00ad", "", "\u200c", "", "\u200d", "", "\u2060", "")

func (w *htmlWalker) text(s string) {
	s = softChars.Replace(s)
	if w.pre == 0 {
		w.line.WriteString(s)
		return
	}
	// Preformatted text keeps its lines.
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			w.flush()
		}
		w.line.WriteString(part)
	}
}

// flush ends the current line: into the data cell being read, or as a
// heading, list item or line.
func (w *htmlWalker) flush() {
	if w.line.Len() == 0 {
		return
	}
	text := cleanSpace(w.line.String())
	w.line.Reset()
	if text == "" {
		return
	}
	if w.inCell && w.cells != nil {
		cells := *w.cells
		if w.cellText {
			cells[len(cells)-1] += " " + text
		} else {
			cells = append(cells, text)
		}
		*w.cells = cells
		w.cellText = true
		return
	}
	w.emit(text)
}

func (w *htmlWalker) emit(text string) {
	switch {
	case w.heading > 0:
		w.b.Heading(w.heading, text)
	case len(w.items) > 0:
		w.b.Item(w.items[len(w.items)-1], text)
	default:
		w.b.Line(text)
	}
}

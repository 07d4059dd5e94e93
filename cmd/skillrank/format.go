package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// format is an output format.
type format string

const (
	formatAuto     format = "" // table on a terminal, TSV when piped
	formatTable    format = "table"
	formatTSV      format = "tsv"
	formatJSON     format = "json"
	formatCSV      format = "csv"
	formatMarkdown format = "markdown"
)

// parseFormat checks --format against the formats a command offers.
func parseFormat(s string, allowed ...format) (format, error) {
	if s == "" {
		return formatAuto, nil
	}
	for _, f := range allowed {
		if format(strings.ToLower(s)) == f {
			return f, nil
		}
	}
	names := make([]string, len(allowed))
	for i, f := range allowed {
		names[i] = string(f)
	}
	return "", usagef("--format %q: want one of %s", s, strings.Join(names, ", "))
}

// resolve turns formatAuto into table or TSV by whether out is a terminal.
func (f format) resolve(tty bool) format {
	if f != formatAuto {
		return f
	}
	if tty {
		return formatTable
	}
	return formatTSV
}

// table is rows of cells with a header, printable in every text format.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer, f format) error {
	switch f {
	case formatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(t.header); err != nil {
			return err
		}
		if err := cw.WriteAll(t.rows); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	case formatTSV:
		clean := func(cells []string) string {
			out := make([]string, len(cells))
			for i, c := range cells {
				out[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(c)
			}
			return strings.Join(out, "\t")
		}
		fmt.Fprintln(w, clean(t.header))
		for _, r := range t.rows {
			fmt.Fprintln(w, clean(r))
		}
		return nil
	case formatMarkdown:
		esc := func(cells []string) string {
			out := make([]string, len(cells))
			for i, c := range cells {
				out[i] = strings.ReplaceAll(c, "|", `\|`)
			}
			return "| " + strings.Join(out, " | ") + " |"
		}
		fmt.Fprintln(w, esc(t.header))
		seps := make([]string, len(t.header))
		for i := range seps {
			seps[i] = "---"
		}
		fmt.Fprintln(w, "|"+strings.Join(seps, "|")+"|")
		for _, r := range t.rows {
			fmt.Fprintln(w, esc(r))
		}
		return nil
	default:
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(t.header, "\t"))
		for _, r := range t.rows {
			fmt.Fprintln(tw, strings.Join(r, "\t"))
		}
		return tw.Flush()
	}
}

// writeJSON prints v as indented JSON with a final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// fmtScore shows a [0,1] score as 0–100 with one decimal.
func fmtScore(s float64) string { return fmt.Sprintf("%.1f", 100*s) }

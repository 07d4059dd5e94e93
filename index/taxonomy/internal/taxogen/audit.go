package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/skillrank/skillrank/index/analysis"
	"github.com/skillrank/skillrank/index/extract"
	"github.com/skillrank/skillrank/index/extract/document"
	"github.com/skillrank/skillrank/index/taxonomy"
)

// The audit (-audit DIR...) runs the engine's extraction over documents
// with a freshly built taxonomy and prints, per skill, the distinct
// surfaces it matched and how often: the view in which a reviewer spots an
// alias that matches ordinary words ("profile" → Profiling).
//
// Profiles go through extract.Extractor.Profile and jobs (files under a
// directory named "jobs") through extract.Extractor.Job, exactly as the
// engine reads them. Those return skills, not every mention, so the audit
// also runs the matcher itself (taxonomy.Find with the same list context)
// to recover the surfaces, and keeps a mention only when the engine's
// result has that skill — in that block, for a job.

// auditMention is one skill occurrence in one file.
type auditMention struct {
	skill   taxonomy.SkillID
	surface string
	file    string
	context string // the text around the mention, for -audit-show
}

// auditFiles lists the regular files under the given paths, sorted.
func auditFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && path != p {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// isJobPath reports a file under a directory named "jobs".
func isJobPath(path string) bool {
	for _, part := range strings.Split(filepath.ToSlash(filepath.Dir(path)), "/") {
		if part == "jobs" {
			return true
		}
	}
	return false
}

var spaceRun = regexp.MustCompile(`\s+`)

// audit extracts skills from every file under paths and writes the report.
// show lists skill names whose every mention is printed with its context.
func audit(f taxonomy.File, paths []string, show []string, w, stderr io.Writer) error {
	tax, err := taxonomy.New(f, analysis.New(0))
	if err != nil {
		return err
	}
	files, err := auditFiles(paths)
	if err != nil {
		return err
	}
	x := extract.New(tax)
	var all []auditMention
	read := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := document.Read(context.Background(), filepath.Base(path), data, document.Limits{})
		if err != nil {
			fmt.Fprintf(stderr, "taxogen: audit: skipped %v\n", err)
			continue
		}
		read++
		var ms []auditMention
		if isJobPath(path) {
			ms = auditJob(tax, x, doc, path)
		} else {
			ms = auditProfile(x, doc, path)
		}
		all = append(all, ms...)
	}
	writeAudit(w, tax, all, read)
	for _, name := range show {
		id, _, err := tax.Lookup(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n## %s\n", tax.Name(id))
		for _, m := range all {
			if m.skill == id {
				fmt.Fprintf(w, "%s: %q in …%s…\n", m.file, m.surface, m.context)
			}
		}
	}
	return nil
}

// auditProfile returns the mentions the engine keeps for a profile.
func auditProfile(x *extract.Extractor, doc *document.Document, path string) []auditMention {
	var out []auditMention
	for _, m := range x.Mentions(doc) {
		out = append(out, auditMention{skill: m.Skill, surface: surface(doc.Text, m), file: path, context: around(doc.Text, m)})
	}
	return out
}

// auditJob returns the mentions behind a job's requirements: every line of
// a job may be a requirement list, and a mention is kept when the job
// parser made a requirement of that skill from that line.
func auditJob(tax *taxonomy.Taxonomy, x *extract.Extractor, doc *document.Document, path string) []auditMention {
	type key struct {
		skill taxonomy.SkillID
		text  string
	}
	keep := map[key]bool{}
	for _, r := range x.Job(doc).Requirements {
		for _, s := range r.Skills {
			keep[key{s, r.Text}] = true
		}
	}
	toks := tax.Analyzer().Analyze(doc.Text, nil)
	var out []auditMention
	for _, m := range tax.Find(doc.Text, toks, func(int) bool { return true }, nil, nil) {
		bi := blockOf(doc, m.Start)
		if bi < 0 {
			continue
		}
		if keep[key{m.Skill, strings.TrimSpace(doc.BlockText(bi))}] {
			out = append(out, auditMention{skill: m.Skill, surface: surface(doc.Text, m), file: path, context: around(doc.Text, m)})
		}
	}
	return out
}

func surface(text string, m taxonomy.Mention) string {
	return spaceRun.ReplaceAllString(text[m.Start:m.End], " ")
}

// around returns up to 50 bytes either side of a mention, on one line.
func around(text string, m taxonomy.Mention) string {
	lo, hi := max(0, m.Start-50), min(len(text), m.End+50)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	return spaceRun.ReplaceAllString(text[lo:m.Start]+"[["+text[m.Start:m.End]+"]]"+text[m.End:hi], " ")
}

func blockOf(doc *document.Document, off int) int {
	for i := range doc.Blocks {
		if b := &doc.Blocks[i]; off >= b.Start && off < b.End {
			return i
		}
	}
	return -1
}

// writeAudit prints one line per skill: name, category, mentions and
// files, then each distinct surface with its count, most frequent first.
func writeAudit(w io.Writer, tax *taxonomy.Taxonomy, ms []auditMention, files int) {
	type surf struct {
		text  string
		n     int
		files map[string]bool
	}
	bySkill := map[taxonomy.SkillID]map[string]*surf{}
	for _, m := range ms {
		ss := bySkill[m.skill]
		if ss == nil {
			ss = map[string]*surf{}
			bySkill[m.skill] = ss
		}
		s := ss[m.surface]
		if s == nil {
			s = &surf{text: m.surface, files: map[string]bool{}}
			ss[m.surface] = s
		}
		s.n++
		s.files[m.file] = true
	}
	ids := make([]taxonomy.SkillID, 0, len(bySkill))
	for id := range bySkill {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return lessName(tax.Name(ids[i]), tax.Name(ids[j])) })
	fmt.Fprintf(w, "# %d files, %d mentions of %d skills\n", files, len(ms), len(ids))
	for _, id := range ids {
		var list []*surf
		total := 0
		fileSet := map[string]bool{}
		for _, s := range bySkill[id] {
			list = append(list, s)
			total += s.n
			for f := range s.files {
				fileSet[f] = true
			}
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].n != list[j].n {
				return list[i].n > list[j].n
			}
			return list[i].text < list[j].text
		})
		parts := make([]string, len(list))
		for i, s := range list {
			parts[i] = fmt.Sprintf("%q×%d", s.text, s.n)
		}
		fmt.Fprintf(w, "%s [%s] %d in %d files: %s\n", tax.Name(id), tax.Skill(id).Category, total, len(fileSet), strings.Join(parts, ", "))
	}
}

// --- the extractor's list context and link filter ---------------------------
//
// Copies of index/extract's unexported helpers (profile.go: listSpans,
// dropInLinks), so that the matcher sees the same context the engine
// gives it. A drift shows as a skill the engine keeps with surfaces missing
// here, never as an extra skill: mentions are filtered by the engine's
// own result.

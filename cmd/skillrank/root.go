package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Exit codes, documented in every command's help.
const (
	exitOK      = 0
	exitFailure = 1 // some input failed, or the command could not finish
	exitUsage   = 2 // bad flags or arguments
)

const exitHelp = `

Exit status: 0 success; 1 some input failed (the others were still
processed, each failure reported on stderr as "path: reason"); 2 usage error.`

// usageError marks errors that are the caller's to fix (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// errInputsFailed means the command finished but some inputs failed; the
// failures were already reported (exit 1).
var errInputsFailed = errors.New("some inputs failed")

// run executes the command line and returns the exit code; every error is
// mapped to a code here, in one place.
func run(args []string, io *IO) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInputsFailed):
		return exitFailure
	case errors.As(err, &ue) || isCobraUsage(err):
		fmt.Fprintf(io.Err, "skillrank: %v\nRun 'skillrank --help' for usage.\n", err)
		return exitUsage
	default:
		fmt.Fprintf(io.Err, "skillrank: %v\n", err)
		return exitFailure
	}
}

// isCobraUsage recognises cobra's own argument and flag errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "required flag", "bad flag syntax", "if any flags in the group"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func newRootCmd(io *IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "skillrank",
		Short: "Rank candidates for a job by the skills their profiles evidence",
		Long: `skillrank reads candidate profiles (Markdown, text, HTML, JSON Resume, PDF,
DOCX), extracts the skills they evidence — how often, for how long, how
recently — and ranks candidates for a job description, explaining every score.` + exitHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetIn(io.In)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(newRankCmd(io), newIndexCmd(io), newSkillsCmd(io), newTaxonomyCmd(io), newEvalCmd(io))
	return root
}

// parseAsOf reads --as-of (YYYY-MM-DD or YYYY-MM); empty means today.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usagef("--as-of %q: want YYYY-MM-DD", s)
}

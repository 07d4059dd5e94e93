package main

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// IO are the command's streams; tests substitute buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// OutTTY and ErrTTY report terminals: a table on a terminal, TSV when
	// piped; progress only on a terminal.
	OutTTY, ErrTTY bool
}

func systemIO() *IO {
	return &IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// progress returns a callback drawing a bar on stderr when it is a
// terminal, and nil otherwise.
func (s *IO) progress(what string) func(done, total int) {
	if !s.ErrTTY {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(done, total int) {
		if total < 20 { // too quick to be worth a bar
			return
		}
		if bar == nil {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(s.Err),
				progressbar.OptionSetDescription(what), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
		}
		_ = bar.Set(done)
		if done == total {
			_ = bar.Finish()
			fmt.Fprint(s.Err, "\r")
		}
	}
}

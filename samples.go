// Package skillrank holds the sample data bundled with the command line
// tool, so `skillrank rank --job …` ranks something before a user has a
// profile directory of their own. The library lives in ./engine.
package skillrank

import (
	"embed"
	"io/fs"
)

//go:embed testdata/profiles testdata/jobs
var samples embed.FS

// The paths are fixed at build time, so fs.Sub cannot fail at run time.
var (
	sampleProfiles = mustSub("testdata/profiles")
	sampleJobs     = mustSub("testdata/jobs")
)

func mustSub(dir string) fs.FS {
	sub, err := fs.Sub(samples, dir)
	if err != nil {
		panic("skillrank: bundled samples: " + err.Error())
	}
	return sub
}

// SampleProfiles returns the bundled sample profiles (fictional people).
func SampleProfiles() fs.FS { return sampleProfiles }

// SampleJobs returns the bundled sample job descriptions.
func SampleJobs() fs.FS { return sampleJobs }

// Command skillrank ranks candidate profiles for a job description by the
// skills they evidence, and explains every score.
//
//	skillrank rank --job job.md profiles/
//	skillrank index --index DIR profiles/
//	skillrank skills profiles/
//	skillrank taxonomy MLIR
//	skillrank eval --data testdata/eval
//
// Exit status: 0 success; 1 some input failed (the others were still
// processed, each failure reported on stderr as "path: reason"); 2 usage
// error.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], systemIO())) }

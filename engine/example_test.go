package engine_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/skillrank/skillrank/engine"
)

func Example() {
	ctx := context.Background()
	e, err := engine.New(engine.Options{AsOf: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()

	res, err := e.Add(ctx, []engine.Input{
		{Name: "ada.md", Data: []byte("# Ada Example\n\n## Experience\n\nCompiler Engineer, Acme\n\nJan 2019 - Now\n\n- Built MLIR passes; quantization of models\n")},
		{Name: "bo.md", Data: []byte("# Bo Example\n\n## Experience\n\nCompiler Engineer, Beta\n\nJan 2021 - Dec 2022\n\n- LLVM backend for a DSP\n")},
		{Name: "cy.md", Data: []byte("# Cy Example\n\nSkills: React, TypeScript\n")},
	}, nil)
	if err != nil || len(res.Failed) > 0 {
		log.Fatal(err, res.Failed)
	}

	job, err := e.ParseJob("job.md", []byte("# Compiler engineer\n\n## Requirements\n- MLIR\n\n## Nice to have\n- Quantization\n"))
	if err != nil {
		log.Fatal(err)
	}
	ranking, err := e.Rank(ctx, job, engine.RankOptions{Top: 5, Hybrid: &engine.HybridOptions{Disabled: true}})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range ranking.Results {
		fmt.Printf("%d %s %.3f\n", r.Rank, r.ID, r.Score)
		for _, m := range r.Matched {
			fmt.Printf("  %s via %s: %.3f (%d months)\n", m.Skill, m.Via, m.Contribution, m.Months)
		}
	}
	// ada: MLIR for 95 months (Jan 2019 – Nov 2026), current, one mention:
	// strength 0.4·(1−2⁻¹) + 0.6·(1−e^(−95/24))·1 = 0.789; MLIR is required
	// (weight 3 of 4) and Quantization preferred (1 of 4): 0.591 + 0.197.
	// bo: LLVM for 24 months, last used 47 months ago (recency 2^(−47/36)
	// = 0.405): strength 0.354, times the MLIR–LLVM credit 0.6, times 3/4.
	//
	// Output:
	// 1 ada 0.789
	//   MLIR via MLIR: 0.591 (95 months)
	//   Quantization via Quantization: 0.197 (95 months)
	// 2 bo 0.159
	//   MLIR via LLVM: 0.159 (24 months)
}

func ExampleEngine_ParseJob() {
	e, err := engine.New(engine.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()
	job, err := e.ParseJob("job.md", []byte(`# GPU kernel engineer

## Requirements
- 5+ years of CUDA
- MLIR or LLVM

## Nice to have
- Triton kernels
`))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range job.Requirements {
		fmt.Println(r.Skills, r.Weight, r.Required, r.MinYears)
	}
	// Output:
	// [CUDA] 3 true 5
	// [MLIR LLVM] 3 true 0
	// [Triton] 1 false 0
}

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
	// Output:
	// 1 ada 0.702
	//   MLIR via MLIR: 0.527 (95 months)
	//   Quantization via Quantization: 0.176 (95 months)
	// 2 bo 0.080
	//   MLIR via LLVM: 0.080 (24 months)
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
